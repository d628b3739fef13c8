//! The content-stream interpreter: operators one at a time ([`Lexer`], never the whole list in
//! memory), tracking the graphics and text state, producing positioned glyphs,
//! rectangles and images for the layout pass.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content::{Lexer, Operand, Operands};
use super::fonts::{number, Font};
use crate::budget::Budget;
use crate::textnorm::is_unmappable;
use crate::ExtractError;

/// A 2-D affine matrix `[a b c d e f]` in PDF's row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Matrix([f32; 6]);

impl Matrix {
    pub(crate) const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: apply `self` first, then `other`.
    pub(crate) fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn from_objects(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = number(o).ok().filter(|v| v.is_finite())?;
        }
        Some(Matrix(m))
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = o.number().filter(|v| v.is_finite())?;
        }
        Some(Matrix(m))
    }
}

/// An axis-aligned box in device space (y up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rect {
    fn around(points: &[(f32, f32)]) -> Option<Rect> {
        let first = points.first()?;
        let mut r = Rect {
            x0: first.0,
            y0: first.1,
            x1: first.0,
            y1: first.1,
        };
        for &(x, y) in points {
            r.x0 = r.x0.min(x);
            r.x1 = r.x1.max(x);
            r.y0 = r.y0.min(y);
            r.y1 = r.y1.max(y);
        }
        Some(r)
    }

    pub(crate) fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    pub(crate) fn height(&self) -> f32 {
        self.y1 - self.y0
    }
}

/// A glyph's text: almost always one character, kept inline so that a page of glyphs costs no
/// allocation per glyph (that was the interpreter's largest cost); ligature expansions and
/// ActualText spans longer than the inline buffer go to the heap. One ASCII character, the
/// usual case, is a slice of [`ASCII`]: reading it back costs no UTF-8 check (the layout pass
/// reads each glyph's text several times; the checks were 5% of all instructions).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum GlyphText {
    Ascii(u8),
    Inline { len: u8, bytes: [u8; 8] },
    Heap(Box<str>),
}

/// Every ASCII character, each at the offset of its code.
const ASCII: &str = {
    const BYTES: [u8; 128] = {
        let mut b = [0u8; 128];
        let mut i = 0;
        while i < 128 {
            b[i] = i as u8;
            i += 1;
        }
        b
    };
    match std::str::from_utf8(&BYTES) {
        Ok(s) => s,
        Err(_) => panic!("ASCII is UTF-8"),
    }
};

impl GlyphText {
    pub(crate) fn new(s: &str) -> GlyphText {
        if let [b] = s.as_bytes() {
            // A one-byte string is one ASCII character.
            GlyphText::Ascii(*b)
        } else if s.len() <= 8 {
            let mut bytes = [0u8; 8];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            GlyphText::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            GlyphText::Heap(s.into())
        }
    }
}

impl GlyphText {
    /// The text is white space or nothing, as `str::trim` sees it (one ASCII character, the
    /// usual case, without decoding it).
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            GlyphText::Ascii(b) => (*b as char).is_whitespace(),
            _ => self.trim().is_empty(),
        }
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            GlyphText::Ascii(b) => ASCII.get(*b as usize..*b as usize + 1).unwrap_or(""),
            // Always a whole UTF-8 string copied in by `new`, so this never falls back.
            GlyphText::Inline { len, bytes } => std::str::from_utf8(&bytes[..*len as usize]).unwrap_or(""),
            GlyphText::Heap(s) => s,
        }
    }
}

/// A positioned glyph (device space, y up).
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub text: GlyphText,
    pub seq: u32,
    pub bold: bool,
    pub italic: bool,
    /// Text render mode 3 or 7: neither filled nor stroked.
    pub invisible: bool,
    /// Filled in white.
    pub white: bool,
    pub rotated: bool,
    /// Drawn with a symbol or dingbat font ([`Font::symbolic`]).
    pub symbol: bool,
    /// Drawn with a dingbat font ([`Font::dingbats`]).
    pub dingbat: bool,
}

/// A painted path: stroked outlines and filled areas, for tables, text boxes and backgrounds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Painted {
    pub rect: Rect,
    pub stroked: bool,
    /// The fill is not white (a background text could sit on).
    pub dark_fill: bool,
}

/// Everything drawn on one page.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub paths: Vec<Painted>,
    pub images: Vec<Rect>,
    pub glyph_count: u64,
    pub unmappable: u64,
    pub unmappable_samples: Vec<String>,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    render_mode: i64,
    rise: f32,
    fill_white: bool,
}

impl GState {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            render_mode: 0,
            rise: 0.0,
            fill_white: false,
        }
    }
}

/// Most `q` saves kept; deeper saves are counted but not stored (a hostile stream of millions
/// of `q` must not grow memory).
const MAX_SAVED_STATES: usize = 256;

/// Most font names one content stream remembers (a hostile stream naming thousands of fonts
/// looks the others up each time, as before).
const MAX_CACHED_FONT_NAMES: usize = 32;

/// Most glyphs [`Interpreter::page`] makes room for before reading a page (~1 MB).
const MAX_RESERVED_GLYPHS: usize = 16_384;

/// Shared across the pages of one document.
pub(crate) struct Interpreter<'a> {
    doc: &'a Document,
    budget: &'a Budget,
    fonts: HashMap<ObjectId, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
    stream_limit: usize,
    max_depth: u32,
    max_chars: u64,
    total_chars: u64,
    /// The last glyph drawn when it has no text (its right end, baseline and size), and
    /// whether it was counted as text lost: if not (it stood apart from the glyph before it),
    /// it is when the next glyph is drawn against it; else it was a picture set apart.
    pending_lost: Option<((f32, f32, f32), bool)>,
}

impl<'a> Interpreter<'a> {
    pub(crate) fn new(doc: &'a Document, budget: &'a Budget) -> Self {
        let limits = budget.limits();
        Interpreter {
            doc,
            budget,
            fonts: HashMap::new(),
            forms: HashMap::new(),
            stream_limit: limits.max_stream_bytes.min(usize::MAX as u64) as usize,
            max_depth: limits.max_depth,
            max_chars: limits.max_text_chars,
            total_chars: 0,
            pending_lost: None,
        }
    }

    pub(crate) fn stream_limit(&self) -> usize {
        self.stream_limit
    }

    /// Runs one page's content.
    pub(crate) fn page(&mut self, content: &[u8], resources: Vec<&'a Dictionary>) -> Result<PageContent, ExtractError> {
        // Room for the glyphs up front: content with hex strings (`[<01>-6<02>]TJ`) takes 7-10
        // bytes a glyph, so a glyph per 4 bytes seldom needs to grow, where growing from empty
        // copied the glyphs at each doubling (with `len / 8`, too small for many pages, the
        // copies cost more than they saved). Capped, so that a large stream of other operators
        // reserves little.
        let mut out = PageContent {
            glyphs: Vec::with_capacity((content.len() / 4).min(MAX_RESERVED_GLYPHS)),
            ..PageContent::default()
        };
        self.pending_lost = None;
        self.run(content, &resources, Matrix::IDENTITY, 0, &mut out)?;
        Ok(out)
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        base: Matrix,
        depth: u32,
        out: &mut PageContent,
    ) -> Result<(), ExtractError> {
        if depth > self.max_depth {
            return Err(ExtractError::LimitExceeded {
                what: "nested form depth",
                limit: self.max_depth as u64,
            });
        }
        if depth > 0 {
            // Each drawing of a form reads its whole stream again: check the clock first, so that
            // drawing a large form many times overruns the budget by one reading at most.
            self.budget.check_time()?;
        }
        let mut gs = GState::new(base);
        let mut saved: Vec<GState> = Vec::new();
        let mut unsaved_depth: u64 = 0;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path: Vec<(f32, f32)> = Vec::new();
        let mut subpaths: Vec<Vec<(f32, f32)>> = Vec::new();
        // Marked content: for each open BMC/BDC, the ActualText (if any) and the glyph index it began at.
        let mut marked: Vec<Option<(String, usize)>> = Vec::new();

        // The fonts this stream has selected, by resource name.
        let mut fonts_by_name: Vec<(Vec<u8>, Rc<Font>)> = Vec::new();
        let mut lexer = Lexer::new(content);
        // Ends at the end of the stream or at a damaged tail (an error): what was read before
        // is kept, as a viewer does.
        while let Ok(Some(operator)) = lexer.next_operation() {
            let operands = lexer.operands();
            self.budget.operator()?;
            match operator {
                b"q" => {
                    if saved.len() < MAX_SAVED_STATES {
                        saved.push(gs.clone());
                    } else {
                        unsaved_depth += 1;
                    }
                }
                b"Q" => {
                    if unsaved_depth > 0 {
                        unsaved_depth -= 1;
                    } else if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from_operands(operands.list()) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"ET" => {}
                b"Tc" => gs.char_spacing = first_number(operands).unwrap_or(0.0),
                b"Tw" => gs.word_spacing = first_number(operands).unwrap_or(0.0),
                b"Tz" => gs.horizontal_scale = first_number(operands).unwrap_or(100.0) / 100.0,
                b"TL" => gs.leading = first_number(operands).unwrap_or(0.0),
                b"Ts" => gs.rise = first_number(operands).unwrap_or(0.0),
                b"Tr" => gs.render_mode = operands.integer(0).unwrap_or(0),
                b"Tf" => {
                    gs.font_size = operands.number(1).unwrap_or(0.0);
                    gs.font = operands.name(0).map(|name| {
                        // The resources are the same for the whole stream, so a name always
                        // gives the same font: looking it up in lopdf's dictionaries (two
                        // hashed lookups) on every `Tf` cost ~900 instructions.
                        if let Some((_, font)) = fonts_by_name.iter().find(|(n, _)| n == name) {
                            return font.clone();
                        }
                        let font = self.font(resources, name);
                        if fonts_by_name.len() < MAX_CACHED_FONT_NAMES {
                            fonts_by_name.push((name.to_vec(), font.clone()));
                        }
                        font
                    });
                }
                b"Td" | b"TD" => {
                    let tx = operands.number(0).unwrap_or(0.0);
                    let ty = operands.number(1).unwrap_or(0.0);
                    if operator == b"TD" {
                        gs.leading = -ty;
                    }
                    tlm = Matrix([1.0, 0.0, 0.0, 1.0, tx, ty]).then(&tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_operands(operands.list()) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading]).then(&tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(bytes) = operands.string(0) {
                        self.show(std::iter::once(TextItem::String(bytes)), &gs, &mut tm, out)?;
                    }
                }
                b"'" | b"\"" => {
                    if operator == b"\"" {
                        gs.word_spacing = operands.number(0).unwrap_or(0.0);
                        gs.char_spacing = operands.number(1).unwrap_or(0.0);
                    }
                    tlm = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading]).then(&tlm);
                    tm = tlm;
                    if let Some(bytes) = operands.len().checked_sub(1).and_then(|i| operands.string(i)) {
                        self.show(std::iter::once(TextItem::String(bytes)), &gs, &mut tm, out)?;
                    }
                }
                b"TJ" => {
                    if let Some(items) = operands.items(0) {
                        let items = items.iter().map(|o| match o {
                            Operand::String(..) => TextItem::String(operands.string_of(o).unwrap_or_default()),
                            _ => o.number().map_or(TextItem::Other, TextItem::Number),
                        });
                        self.show(items, &gs, &mut tm, out)?;
                    } else if let Some(Object::Array(items)) = operands.object(0) {
                        // An array holding arrays or dictionaries, read as lopdf objects.
                        let items = items.iter().map(|o| match o {
                            Object::String(bytes, _) => TextItem::String(bytes),
                            _ => number(o).map_or(TextItem::Other, TextItem::Number),
                        });
                        self.show(items, &gs, &mut tm, out)?;
                    }
                }
                b"BMC" => marked.push(None),
                b"BDC" => {
                    let actual = match operands.get(1) {
                        Some(Operand::Object(_)) => operands.object(1).and_then(|o| o.as_dict().ok()),
                        Some(Operand::Name(..)) => operands
                            .name(1)
                            .and_then(|n| lookup(self.doc, resources, b"Properties", n))
                            .and_then(|o| o.as_dict().ok()),
                        _ => None,
                    }
                    .and_then(|d| d.get(b"ActualText").ok())
                    .and_then(|o| lopdf::decode_text_string(o).ok());
                    if marked.len() < 1024 {
                        marked.push(actual.map(|t| (t, out.glyphs.len())));
                    }
                }
                b"EMC" => {
                    if let Some(Some((text, start))) = marked.pop() {
                        apply_actual_text(out, start, &text);
                    }
                }
                b"g" => gs.fill_white = first_number(operands).is_some_and(|v| v >= 0.95),
                b"rg" => gs.fill_white = operands.len() == 3 && all_numbers(operands, |v| v >= 0.95),
                b"k" => gs.fill_white = operands.len() == 4 && all_numbers(operands, |v| v <= 0.05),
                b"sc" | b"scn" => {
                    let count = operands.list().iter().filter(|o| o.number().is_some()).count();
                    let mut nums = operands.list().iter().filter_map(Operand::number);
                    gs.fill_white = match count {
                        1 | 3 => nums.all(|v| v >= 0.95),
                        4 => nums.all(|v| v <= 0.05),
                        _ => false,
                    };
                }
                b"cs" => gs.fill_white = false,
                b"re" => {
                    if let [x, y, w, h] = operands.list() {
                        if let (Some(x), Some(y), Some(w), Some(h)) = (x.number(), y.number(), w.number(), h.number()) {
                            let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                            subpaths.push(pts.iter().map(|&(px, py)| gs.ctm.apply(px, py)).collect());
                        }
                    }
                }
                b"m" => {
                    if !path.is_empty() {
                        subpaths.push(std::mem::take(&mut path));
                    }
                    if let Some(p) = point(operands) {
                        path.push(gs.ctm.apply(p.0, p.1));
                    }
                }
                b"l" => {
                    if let Some(p) = point(operands) {
                        if path.len() < 4096 {
                            path.push(gs.ctm.apply(p.0, p.1));
                        }
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves make a path that is not a box; mark it so with a NaN point.
                    path.push((f32::NAN, f32::NAN));
                }
                b"h" => {}
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    if !path.is_empty() {
                        subpaths.push(std::mem::take(&mut path));
                    }
                    if operator != b"n" {
                        let stroked = matches!(operator, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                        let filled = !matches!(operator, b"S" | b"s");
                        for sp in subpaths.drain(..) {
                            if sp.iter().any(|p| p.0.is_nan()) || out.paths.len() >= 20_000 {
                                continue;
                            }
                            if let Some(rect) = Rect::around(&sp) {
                                out.paths.push(Painted {
                                    rect,
                                    stroked,
                                    dark_fill: filled && !gs.fill_white,
                                });
                            }
                        }
                    }
                    subpaths.clear();
                }
                b"Do" => {
                    if let Some(name) = operands.name(0) {
                        self.draw_xobject(resources, name, &gs, depth, out)?;
                    }
                }
                // An inline image: the lexer reads BI ... ID ... EI as one operation.
                b"BI" if out.images.len() < 10_000 => push_image(out, &gs.ctm),
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows the strings of a `Tj` (one) or `TJ` (with the numbers between them moving the
    /// text position).
    fn show<'b>(
        &mut self,
        items: impl Iterator<Item = TextItem<'b>>,
        gs: &GState,
        tm: &mut Matrix,
        out: &mut PageContent,
    ) -> Result<(), ExtractError> {
        // Glyphs and the numbers of a `TJ` only move the text matrix (`tm` = translation ×
        // `tm`), which leaves its linear part as it was, but for the sign of a zero; the scale,
        // size and rotation below depend on that part alone, and not on the sign of a zero, so
        // they are worked out once per operator rather than per glyph or string (two `hypotf`
        // per glyph were 1% of all instructions; per string, 2.5M of the 419M instructions of
        // `scripts/icount.sh`, where most `TJ` strings hold one or two glyphs).
        let mut setup = None;
        for item in items {
            match item {
                TextItem::String(bytes) => {
                    let Some(font) = gs.font.as_deref() else {
                        continue;
                    };
                    let setup = setup.get_or_insert_with(|| ShowSetup::new(gs, tm));
                    self.show_string(font, setup, bytes, gs, tm, out)?;
                }
                TextItem::Number(n) => {
                    let tx = -n / 1000.0 * gs.font_size * gs.horizontal_scale;
                    *tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(tm);
                }
                TextItem::Other => {}
            }
        }
        Ok(())
    }

    // Inlined into `show`: called for every string of a `TJ`, mostly of one or two glyphs.
    #[inline]
    fn show_string(
        &mut self,
        font: &Font,
        setup: &ShowSetup,
        bytes: &[u8],
        gs: &GState,
        tm: &mut Matrix,
        out: &mut PageContent,
    ) -> Result<(), ExtractError> {
        let ShowSetup {
            fs,
            th,
            invisible,
            scale_x,
            size,
            rotated,
        } = *setup;
        let mut result = Ok(());
        font.decode(
            bytes,
            // Inlined into `decode`'s loop: left a call per glyph, the closure and its
            // captures cost ~4M more instructions over the files of `scripts/icount.sh`.
            #[inline(always)]
            |g| {
                if result.is_err() {
                    return;
                }
                let m = tm.then(&gs.ctm);
                let trm = Matrix([fs * th, 0.0, 0.0, fs, 0.0, gs.rise]).then(&m);
                out.glyph_count += 1;
                // Characters out, not glyphs in: one glyph may stand for many characters.
                self.total_chars += match g.text.len() {
                    0 | 1 => 1,
                    _ => g.text.chars().count() as u64,
                };
                if self.total_chars > self.max_chars {
                    result = Err(ExtractError::LimitExceeded {
                        what: "characters of text",
                        limit: self.max_chars,
                    });
                    return;
                }
                // The clock inside the loop too: one string may hold a whole page of glyphs.
                if let Err(e) = self.budget.tick() {
                    result = Err(e);
                    return;
                }
                let mapped_text: &str = if g.unmapped { "" } else { g.text };
                let unmappable = g.unmapped
                    || match mapped_text.as_bytes() {
                        // One ASCII character, the usual text, tested without decoding it.
                        [b] if b.is_ascii() => is_unmappable(*b as char),
                        _ => {
                            mapped_text.chars().any(is_unmappable)
                                && !(font.symbolic && is_symbol_font_code(mapped_text))
                        }
                    };
                // An icon font's glyph is one picture: text of several characters from it is
                // the glyph's NAME ("MOBILE-ALT", "Envelope", as LuaTeX maps fontawesome5).
                let icon = font.icons && (unmappable || mapped_text.chars().nth(1).is_some());
                let (x, y) = (trm.0[4], trm.0[5]);
                let width = g.width * fs * th * scale_x;
                // A glyph drawn against the lost glyph just before it: that one was part of a word.
                let mut after_lost = false;
                if let Some((lost, counted)) = self.pending_lost {
                    self.pending_lost = None;
                    let blank = !unmappable
                        && match mapped_text.as_bytes() {
                            [b] => b.is_ascii_whitespace(),
                            _ => mapped_text.chars().all(char::is_whitespace),
                        };
                    if !blank && drawn_against(lost, (x, y)) {
                        if !counted {
                            count_lost(out);
                        }
                        after_lost = true;
                    }
                }
                if icon {
                    // A pictograph beside the text: neither text nor text lost.
                } else if unmappable {
                    // A glyph with no text inside a word is a letter lost; one set apart from
                    // the glyphs on both sides is a picture (a web page's icon, drawn from a
                    // font that gives it no text or a private-use code).
                    let against = after_lost
                        || out
                            .glyphs
                            .last()
                            .is_some_and(|p| !p.text.is_blank() && drawn_against((p.x + p.width, p.y, p.size), (x, y)));
                    if against {
                        count_lost(out);
                    }
                    self.pending_lost = Some(((x + width, y, size), against));
                } else if !mapped_text.is_empty() {
                    out.glyphs.push(Glyph {
                        x: trm.0[4],
                        y: trm.0[5],
                        width: g.width * fs * th * scale_x,
                        size,
                        text: GlyphText::new(mapped_text),
                        seq: out.glyphs.len() as u32,
                        bold: font.bold,
                        italic: font.italic,
                        invisible,
                        white: gs.fill_white,
                        rotated,
                        symbol: font.symbolic,
                        dingbat: font.dingbats,
                    });
                }
                let tx = (g.width * fs + gs.char_spacing + if g.word_space { gs.word_spacing } else { 0.0 }) * th;
                *tm = Matrix([1.0, 0.0, 0.0, 1.0, tx, 0.0]).then(tm);
            },
        );
        result?;
        self.budget.tick()
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Rc<Font> {
        let Some(fonts) = resources
            .iter()
            .find_map(|r| r.get_deref(b"Font", self.doc).and_then(Object::as_dict).ok())
        else {
            return Rc::new(Font::fallback());
        };
        let Ok(entry) = fonts.get(name) else {
            return Rc::new(Font::fallback());
        };
        match entry {
            Object::Reference(id) => {
                if let Some(f) = self.fonts.get(id) {
                    return f.clone();
                }
                let font = match self.doc.get_dictionary(*id) {
                    Ok(dict) => Font::load(self.doc, dict, self.stream_limit),
                    Err(_) => Font::fallback(),
                };
                let font = Rc::new(font);
                self.fonts.insert(*id, font.clone());
                font
            }
            Object::Dictionary(dict) => Rc::new(Font::load(self.doc, dict, self.stream_limit)),
            _ => Rc::new(Font::fallback()),
        }
    }

    fn draw_xobject(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
        gs: &GState,
        depth: u32,
        out: &mut PageContent,
    ) -> Result<(), ExtractError> {
        let doc = self.doc;
        let Some(xobjects) = resources
            .iter()
            .find_map(|r| r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok())
        else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Ok((_, obj)) = doc.dereference(entry) else {
            return Ok(());
        };
        let Ok(stream) = obj.as_stream() else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") if out.images.len() < 10_000 => push_image(out, &gs.ctm),
            Ok(b"Form") => {
                let data = match id.and_then(|id| self.forms.get(&id).cloned()) {
                    Some(d) => d,
                    None => {
                        let d = super::inflate::stream_content(stream, self.stream_limit)
                            .map_err(|e| stream_error(e, self.stream_limit))?;
                        self.budget.inflated(d.len() as u64)?;
                        let d = Rc::new(d);
                        if let Some(id) = id {
                            self.forms.insert(id, d.clone());
                        }
                        d
                    }
                };
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|a| Matrix::from_objects(a))
                    .unwrap_or(Matrix::IDENTITY);
                let own = stream.dict.get_deref(b"Resources", doc).and_then(Object::as_dict).ok();
                let inner: Vec<&'a Dictionary> = match own {
                    Some(r) => std::iter::once(r).chain(resources.iter().copied()).collect(),
                    None => resources.to_vec(),
                };
                self.run(&data, &inner, matrix.then(&gs.ctm), depth + 1, out)?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// A glyph this close (em) to the end of the glyph before it, on its baseline, is drawn
/// against it: the two are one word's.
const IN_WORD_GAP_EM: f32 = 0.3;

/// A glyph starting at `at` is drawn against `before` (its right end, baseline and size).
fn drawn_against(before: (f32, f32, f32), at: (f32, f32)) -> bool {
    let (end, y, size) = before;
    (at.1 - y).abs() <= IN_WORD_GAP_EM * size && (at.0 - end).abs() <= IN_WORD_GAP_EM * size
}

/// Counts a glyph whose text is lost, with a sample of the text before it.
fn count_lost(out: &mut PageContent) {
    out.unmappable += 1;
    if out.unmappable_samples.len() < 3 {
        let tail: String = out
            .glyphs
            .iter()
            .rev()
            .take(20)
            .map(|g| &*g.text)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        out.unmappable_samples.push(format!("{}\u{FFFD}", tail.trim_start()));
    }
}

/// The private-use block where symbol fonts' codes are mapped (U+F000 plus the code, as Word
/// and LibreOffice write them: U+F0B7 is Symbol's bullet). From a symbol font such a mapping
/// names a picture glyph of that font, which is a mapping, not a missing one.
const SYMBOL_FONT_CODES: std::ops::RangeInclusive<u32> = 0xF020..=0xF0FF;

/// `text` is one character of [`SYMBOL_FONT_CODES`].
fn is_symbol_font_code(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if SYMBOL_FONT_CODES.contains(&(c as u32)))
}

/// What the glyphs of one text-showing operator share.
#[derive(Clone, Copy)]
struct ShowSetup {
    fs: f32,
    th: f32,
    invisible: bool,
    /// The horizontal scale of the text matrix times the CTM.
    scale_x: f32,
    /// The font size in device space.
    size: f32,
    rotated: bool,
}

impl ShowSetup {
    fn new(gs: &GState, tm: &Matrix) -> ShowSetup {
        let fs = gs.font_size;
        let m0 = tm.then(&gs.ctm);
        ShowSetup {
            fs,
            th: gs.horizontal_scale,
            invisible: matches!(gs.render_mode, 3 | 7),
            scale_x: m0.0[0].hypot(m0.0[1]),
            size: fs.abs() * m0.0[2].hypot(m0.0[3]),
            rotated: m0.0[1].abs() > 0.1 * m0.0[0].abs() || m0.0[0] <= 0.0,
        }
    }
}

/// An item of a text-showing operator: a `TJ` array element, or the string of a `Tj`.
enum TextItem<'b> {
    String(&'b [u8]),
    /// A number moving the text position.
    Number(f32),
    /// Anything else, ignored.
    Other,
}

fn push_image(out: &mut PageContent, ctm: &Matrix) {
    let pts = [
        ctm.apply(0.0, 0.0),
        ctm.apply(1.0, 0.0),
        ctm.apply(1.0, 1.0),
        ctm.apply(0.0, 1.0),
    ];
    if let Some(r) = Rect::around(&pts) {
        if r.width().is_finite() && r.height().is_finite() {
            out.images.push(r);
        }
    }
}

/// Replaces the glyphs shown inside an `/ActualText` span by that text, placed at the first one.
fn apply_actual_text(out: &mut PageContent, start: usize, text: &str) {
    if start >= out.glyphs.len() {
        return;
    }
    let first = out.glyphs[start].clone();
    let last = out.glyphs[out.glyphs.len() - 1].clone();
    out.glyphs.truncate(start);
    out.glyphs.push(Glyph {
        width: (last.x + last.width - first.x).max(first.width),
        text: GlyphText::new(text),
        ..first
    });
}

pub(crate) fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        let cat = r.get_deref(category, doc).and_then(Object::as_dict).ok()?;
        let entry = cat.get(name).ok()?;
        doc.dereference(entry).ok().map(|(_, o)| o)
    })
}

pub(crate) fn stream_error(e: lopdf::Error, limit: usize) -> ExtractError {
    match e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => ExtractError::LimitExceeded {
            what: "decompressed bytes in one PDF stream",
            limit: limit as u64,
        },
        other => ExtractError::Malformed {
            format: "PDF",
            detail: short_error(&other),
        },
    }
}

pub(crate) fn short_error(e: &lopdf::Error) -> String {
    let s = e.to_string();
    crate::document::shorten(&s, 120)
}

fn first_number(ops: Operands) -> Option<f32> {
    ops.number(0).filter(|v| v.is_finite())
}

fn all_numbers(ops: Operands, pred: impl Fn(f32) -> bool) -> bool {
    ops.list().iter().all(|o| o.number().is_some_and(&pred))
}

fn point(ops: Operands) -> Option<(f32, f32)> {
    Some((ops.number(0)?, ops.number(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_text_is_blank_as_trim_sees_it() {
        for t in [
            "",
            " ",
            "\t",
            "\x0B",
            "\x1C",
            "a",
            " a",
            "\u{A0}",
            "\u{2003}\u{3000}",
            "\u{200B}",
            "ﬁ",
            "long text here",
        ] {
            assert_eq!(GlyphText::new(t).is_blank(), t.trim().is_empty(), "{t:?}");
        }
    }
}
