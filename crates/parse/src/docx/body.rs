//! One pass over a story part (the document body, a header or a footer): paragraphs to lines in
//! reading order, with tables, text boxes, links, images, sections and hidden text noted on the
//! way. Nesting is tracked with explicit stacks, never with recursion, so the input cannot grow
//! the call stack; every stack is bounded by the XML depth cap.

use std::mem;

use quick_xml::events::{BytesStart, Event};

use super::package::{RelKind, Rels};
use super::styles::{shading_visible, Color, Resolved, RunProps, Styles};
use super::xml::{attr, resolve_ref, split_name, Ns, Prefixes, XmlReader};
use crate::budget::Budget;
use crate::document::{shorten, ColumnRegion, HiddenReason, HiddenText, Line, Link, Region, Signals};
use crate::document::{TableInfo, TextBoxInfo, TextSpan};
use crate::textnorm::{clean_line, is_unmappable};
use crate::ExtractError;

/// Most entries kept per signal list: enough to show the user, bounded for hostile files.
const MAX_SIGNALS: usize = 200;
/// Most unmappable-glyph samples kept.
const MAX_UNMAPPABLE_SAMPLES: usize = 3;
/// Most bytes of link text, field code or signal text buffered per item.
const MAX_SNIPPET: usize = 2_000;
/// Most complex fields (`w:fldChar`) tracked open at once.
const MAX_OPEN_FIELDS: usize = 32;
/// Body text size when neither runs, styles nor document defaults say (half-points).
const DEFAULT_HALF_POINTS: u32 = 22;
/// EMUs per point (DrawingML extents).
const EMU_PER_POINT: f32 = 12_700.0;

/// What a part is read with.
pub(super) struct PartCtx<'a> {
    pub(super) styles: &'a Styles<'a>,
    pub(super) rels: &'a Rels,
    /// `Body` for the document part, `Header` or `Footer` for those parts.
    pub(super) region: Region,
    pub(super) budget: &'a Budget,
    pub(super) part: &'a str,
}

/// Signals and counters gathered across all parts of one document.
#[derive(Debug, Default)]
pub(super) struct Gathered {
    pub(super) signals: Signals,
    /// Characters of text appended so far (checked against `max_text_chars`).
    pub(super) chars: u64,
    /// Page size in points from the first `w:pgSz`.
    pub(super) page_size: Option<(f32, f32)>,
    /// Drawn image sizes in points; the page share is computed once the page size is known.
    pub(super) images: Vec<(f32, f32)>,
    /// Relationship ids of `w:headerReference` / `w:footerReference`, in order.
    pub(super) header_ids: Vec<String>,
    pub(super) footer_ids: Vec<String>,
}

/// Reads one story part and returns its lines in reading order.
pub(super) fn walk(xml: &[u8], ctx: &PartCtx<'_>, gathered: &mut Gathered) -> Result<Vec<Line>, ExtractError> {
    let mut walker = Walker::new(ctx, gathered);
    let mut reader = XmlReader::new(xml, ctx.part, ctx.budget);
    loop {
        match reader.next()? {
            Event::Start(e) => walker.start(&e, false)?,
            Event::Empty(e) => walker.start(&e, true)?,
            Event::End(_) => walker.end()?,
            Event::Text(t) => walker.text(&t)?,
            Event::CData(t) => walker.text(&t)?,
            Event::GeneralRef(r) => {
                if let Some(c) = resolve_ref(&r) {
                    walker.text(c.encode_utf8(&mut [0u8; 4]))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(walker.finish())
}

/// What an open element is, as far as the walker cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    /// The root of a skipped subtree (deleted text, `mc:Fallback`, revision history).
    Skip,
    P,
    PPr,
    NumPr,
    R,
    RPr,
    T,
    InstrText,
    Tbl,
    TblPr,
    Tr,
    Tc,
    TcPr,
    TxbxContent,
    Hyperlink,
    FldSimple,
    SectPr,
    Cols,
    Drawing,
    Vml,
}

/// Effective formatting of the current run.
#[derive(Debug, Clone, Copy)]
struct Eff {
    bold: bool,
    italic: bool,
    half_points: u32,
    vanish: bool,
    white: bool,
    shaded: bool,
}

/// Text of one visual line of a paragraph, with formatting tallies.
#[derive(Debug, Default)]
struct Seg {
    text: String,
    /// Non-whitespace characters, and how many of them are bold / italic.
    chars: u32,
    bold: u32,
    italic: u32,
    /// (half-points, characters) for the first few sizes seen.
    sizes: [(u32, u32); 4],
}

impl Seg {
    fn push(&mut self, s: &str, eff: &Eff) {
        self.text.push_str(s);
        let n = u32::try_from(s.chars().filter(|c| !c.is_whitespace()).count()).unwrap_or(u32::MAX);
        if n == 0 {
            return;
        }
        self.chars = self.chars.saturating_add(n);
        if eff.bold {
            self.bold = self.bold.saturating_add(n);
        }
        if eff.italic {
            self.italic = self.italic.saturating_add(n);
        }
        if let Some(slot) = self
            .sizes
            .iter_mut()
            .find(|(size, count)| *size == eff.half_points || *count == 0)
        {
            *slot = (eff.half_points, slot.1.saturating_add(n));
        }
    }

    /// The size most characters are set in.
    fn dominant_half_points(&self) -> Option<u32> {
        self.sizes
            .iter()
            .filter(|(_, count)| *count > 0)
            .max_by_key(|(_, count)| *count)
            .map(|(size, _)| *size)
    }
}

/// Section properties from a `w:sectPr`.
#[derive(Debug, Default, Clone, Copy)]
struct SectInfo {
    num: u32,
    col_children: u32,
}

impl SectInfo {
    fn columns(&self) -> u32 {
        self.num.max(self.col_children).max(1)
    }
}

#[derive(Debug)]
struct Para {
    region: Region,
    style_id: Option<String>,
    direct_numbering: Option<bool>,
    outline: Option<u8>,
    shaded: bool,
    style: Option<Resolved>,
    segs: Vec<Seg>,
    cur: Seg,
    /// Lines of text boxes anchored in this paragraph, placed right after it.
    pending: Vec<Line>,
    /// Hidden text by reason: invisible, white on white, microscopic.
    hidden: [String; 3],
    tiny: String,
    tiny_half_points: u32,
    sect: Option<SectInfo>,
}

const HIDDEN_REASONS: [HiddenReason; 3] = [
    HiddenReason::Invisible,
    HiddenReason::WhiteOnWhite,
    HiddenReason::Microscopic,
];

#[derive(Debug, Default)]
struct TextBox {
    lines: Vec<Line>,
}

#[derive(Debug)]
enum Frame {
    Para(Box<Para>),
    TextBox(TextBox),
}

#[derive(Debug, Default)]
struct TableCtx {
    top_level: bool,
    rows: u32,
    cols: u32,
    cur_cols: u32,
    shaded: bool,
    cell_shaded: bool,
    new_cell: bool,
    sample: String,
}

#[derive(Debug, Default)]
struct LinkCtx {
    url: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct FieldCtx {
    instr: String,
    in_result: bool,
    url: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct DrawingCtx {
    extent: Option<(f32, f32)>,
    picture: bool,
}

#[derive(Debug, Default)]
struct VmlCtx {
    size: (f32, f32),
    image: bool,
}

struct Walker<'a, 'g> {
    ctx: &'a PartCtx<'a>,
    g: &'g mut Gathered,
    max_chars: u64,
    prefixes: Prefixes,
    stack: Vec<Kind>,
    /// Stack length at which a skipped subtree started.
    skip_at: Option<usize>,
    frames: Vec<Frame>,
    open_text_boxes: usize,
    tables: Vec<TableCtx>,
    run: RunProps,
    run_style: Option<String>,
    run_eff: Option<Eff>,
    links: Vec<LinkCtx>,
    fields: Vec<FieldCtx>,
    fields_overflow: u32,
    drawings: Vec<DrawingCtx>,
    vml: Vec<VmlCtx>,
    sect: Option<SectInfo>,
    body_sect: Option<SectInfo>,
    /// (first line, end line, columns) of each finished section.
    sections: Vec<(usize, usize, u32)>,
    section_start: usize,
    page_background: bool,
    lines: Vec<Line>,
}

impl<'a, 'g> Walker<'a, 'g> {
    fn new(ctx: &'a PartCtx<'a>, g: &'g mut Gathered) -> Self {
        Walker {
            max_chars: ctx.budget.limits().max_text_chars,
            ctx,
            g,
            prefixes: Prefixes::conventional(),
            stack: Vec::with_capacity(32),
            skip_at: None,
            frames: Vec::new(),
            open_text_boxes: 0,
            tables: Vec::new(),
            run: RunProps::default(),
            run_style: None,
            run_eff: None,
            links: Vec::new(),
            fields: Vec::new(),
            fields_overflow: 0,
            drawings: Vec::new(),
            vml: Vec::new(),
            sect: None,
            body_sect: None,
            sections: Vec::new(),
            section_start: 0,
            page_background: false,
            lines: Vec::new(),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ExtractError> {
        if self.skip_at.is_some() {
            if !empty {
                self.stack.push(Kind::Other);
            }
            return Ok(());
        }
        if self.stack.is_empty() {
            self.prefixes.learn(e);
        }
        let (prefix, local) = split_name(e.name().0);
        let parent = self.stack.last().copied();
        let kind = match self.prefixes.ns(prefix) {
            Ns::W => self.start_w(local, e, parent)?,
            Ns::Mc if local == "Fallback" => Kind::Skip,
            Ns::Wp if local == "extent" => {
                if let Some(d) = self.drawings.last_mut() {
                    if d.extent.is_none() {
                        let emu = |name| {
                            attr(e, name)
                                .and_then(|v| v.trim().parse::<f64>().ok())
                                .filter(|v| v.is_finite() && *v >= 0.0)
                                .map_or(0.0, |v| (v.min(1e12) as f32) / EMU_PER_POINT)
                        };
                        d.extent = Some((emu("cx"), emu("cy")));
                    }
                }
                Kind::Other
            }
            Ns::Pic if local == "pic" => self.mark_picture(),
            Ns::A if local == "blip" => self.mark_picture(),
            Ns::V => match local {
                "shape" | "rect" | "roundrect" | "oval" | "image" => {
                    self.vml.push(VmlCtx {
                        size: attr(e, "style").map_or((0.0, 0.0), |s| vml_size(&s)),
                        image: local == "image",
                    });
                    Kind::Vml
                }
                "imagedata" => {
                    if let Some(v) = self.vml.last_mut() {
                        v.image = true;
                    }
                    Kind::Other
                }
                _ => Kind::Other,
            },
            _ => Kind::Other,
        };
        if kind == Kind::Skip {
            self.stack.push(Kind::Skip);
            self.skip_at = Some(self.stack.len());
            if empty {
                self.end()?;
            }
            return Ok(());
        }
        self.stack.push(kind);
        if empty {
            self.end()?;
        }
        Ok(())
    }

    fn mark_picture(&mut self) -> Kind {
        if let Some(d) = self.drawings.last_mut() {
            d.picture = true;
        }
        Kind::Other
    }

    fn start_w(&mut self, local: &str, e: &BytesStart<'_>, parent: Option<Kind>) -> Result<Kind, ExtractError> {
        let kind = match (parent, local) {
            (_, "p") => {
                self.open_para();
                Kind::P
            }
            (Some(Kind::P), "pPr") => Kind::PPr,
            (Some(Kind::PPr), "pStyle") => {
                let id = attr(e, "val").map(|v| v.into_owned());
                if let Some(p) = self.para_mut() {
                    p.style_id = id;
                }
                Kind::Other
            }
            (Some(Kind::PPr), "numPr") => Kind::NumPr,
            (Some(Kind::NumPr), "numId") => {
                let numbered = attr(e, "val").map(|v| v.trim() != "0");
                if let Some(p) = self.para_mut() {
                    p.direct_numbering = numbered;
                }
                Kind::Other
            }
            (Some(Kind::PPr), "outlineLvl") => {
                let level = attr(e, "val").and_then(|v| v.trim().parse::<u8>().ok());
                if let Some(p) = self.para_mut() {
                    p.outline = level;
                }
                Kind::Other
            }
            (Some(Kind::PPr), "shd") => {
                let shaded = shading_visible(e);
                if let Some(p) = self.para_mut() {
                    p.shaded |= shaded;
                }
                Kind::Other
            }
            (_, "r") => {
                self.run = RunProps::default();
                self.run_style = None;
                self.run_eff = None;
                Kind::R
            }
            (Some(Kind::R), "rPr") => Kind::RPr,
            (Some(Kind::RPr), "rStyle") => {
                self.run_style = attr(e, "val").map(|v| v.into_owned());
                Kind::Other
            }
            (Some(Kind::RPr), l) => {
                self.run.apply(l, e);
                Kind::Other
            }
            (Some(Kind::R), "t") => Kind::T,
            (Some(Kind::R), "instrText") => Kind::InstrText,
            (Some(Kind::R), "tab" | "ptab") => {
                self.add_text(" ")?;
                Kind::Other
            }
            (Some(Kind::R), "br" | "cr") => {
                if let Some(p) = self.para_mut() {
                    if !p.cur.text.is_empty() {
                        let seg = mem::take(&mut p.cur);
                        p.segs.push(seg);
                    }
                }
                Kind::Other
            }
            (Some(Kind::R), "noBreakHyphen") => {
                self.add_text("-")?;
                Kind::Other
            }
            (Some(Kind::R), "softHyphen") => {
                self.add_text("\u{00AD}")?;
                Kind::Other
            }
            (Some(Kind::R), "sym") => {
                let font = attr(e, "font")
                    .map(|f| f.trim().to_ascii_lowercase())
                    .unwrap_or_default();
                let code = attr(e, "char").and_then(|c| u32::from_str_radix(c.trim(), 16).ok());
                if let Some(c) = code.and_then(|code| sym_char(&font, code)) {
                    self.add_text(c.encode_utf8(&mut [0u8; 4]))?;
                }
                Kind::Other
            }
            (Some(Kind::R), "fldChar") => {
                match attr(e, "fldCharType").as_deref() {
                    Some("begin") => self.field_begin(),
                    Some("separate") => self.field_separate(),
                    Some("end") => self.field_end(),
                    _ => {}
                }
                Kind::Other
            }
            (_, "fldSimple") => {
                let instr = attr(e, "instr").unwrap_or_default();
                self.fields.push(FieldCtx {
                    url: hyperlink_from_instr(&instr),
                    in_result: true,
                    ..FieldCtx::default()
                });
                Kind::FldSimple
            }
            (_, "hyperlink") => {
                let url = attr(e, "id")
                    .and_then(|id| self.ctx.rels.get(&id))
                    .filter(|r| r.external || r.kind == RelKind::Hyperlink)
                    .map(|r| r.target.clone())
                    .filter(|t| !t.is_empty());
                self.links.push(LinkCtx {
                    url,
                    text: String::new(),
                });
                Kind::Hyperlink
            }
            (_, "delText" | "delInstrText" | "del" | "moveFrom") => Kind::Skip,
            (_, l) if l.ends_with("Change") => Kind::Skip,
            (_, "tbl") => {
                let top_level = self.tables.is_empty();
                self.tables.push(TableCtx {
                    top_level,
                    ..TableCtx::default()
                });
                Kind::Tbl
            }
            (Some(Kind::Tbl), "tblPr") => Kind::TblPr,
            (Some(Kind::TblPr), "tblStyle") => {
                let shaded = attr(e, "val")
                    .and_then(|id| self.ctx.styles.get(&id).map(|s| s.shaded))
                    .unwrap_or(false);
                if let Some(t) = self.tables.last_mut() {
                    t.shaded |= shaded;
                }
                Kind::Other
            }
            (Some(Kind::TblPr), "shd") => {
                let shaded = shading_visible(e);
                if let Some(t) = self.tables.last_mut() {
                    t.shaded |= shaded;
                }
                Kind::Other
            }
            (Some(Kind::Tbl), "tr") => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows = t.rows.saturating_add(1);
                    t.cur_cols = 0;
                }
                Kind::Tr
            }
            (Some(Kind::Tr), "tc") => {
                if let Some(t) = self.tables.last_mut() {
                    t.cur_cols = t.cur_cols.saturating_add(1);
                    t.cell_shaded = false;
                    t.new_cell = true;
                }
                Kind::Tc
            }
            (Some(Kind::Tc), "tcPr") => Kind::TcPr,
            (Some(Kind::TcPr), "gridSpan") => {
                let span = attr(e, "val").and_then(|v| v.trim().parse::<u32>().ok()).unwrap_or(1);
                if let Some(t) = self.tables.last_mut() {
                    t.cur_cols = t.cur_cols.saturating_add(span.clamp(1, 1000) - 1);
                }
                Kind::Other
            }
            (Some(Kind::TcPr), "shd") => {
                let shaded = shading_visible(e);
                if let Some(t) = self.tables.last_mut() {
                    t.cell_shaded |= shaded;
                }
                Kind::Other
            }
            (_, "txbxContent") => {
                self.frames.push(Frame::TextBox(TextBox::default()));
                self.open_text_boxes += 1;
                Kind::TxbxContent
            }
            (_, "drawing") => {
                self.drawings.push(DrawingCtx::default());
                Kind::Drawing
            }
            (_, "sectPr") => {
                self.sect = Some(SectInfo::default());
                Kind::SectPr
            }
            (Some(Kind::SectPr), "cols") => {
                if let (Some(s), Some(n)) = (
                    self.sect.as_mut(),
                    attr(e, "num").and_then(|v| v.trim().parse::<u32>().ok()),
                ) {
                    s.num = n;
                }
                Kind::Cols
            }
            (Some(Kind::Cols), "col") => {
                if let Some(s) = self.sect.as_mut() {
                    s.col_children = s.col_children.saturating_add(1);
                }
                Kind::Other
            }
            (Some(Kind::SectPr), "pgSz") => {
                let twips = |name| {
                    attr(e, name)
                        .and_then(|v| v.trim().parse::<f32>().ok())
                        .filter(|v| v.is_finite() && *v > 0.0 && *v < 1e7)
                };
                if let (None, Some(w), Some(h)) = (self.g.page_size, twips("w"), twips("h")) {
                    self.g.page_size = Some((w / 20.0, h / 20.0));
                }
                Kind::Other
            }
            (Some(Kind::SectPr), "headerReference" | "footerReference") => {
                if let Some(id) = attr(e, "id") {
                    let ids = if local == "headerReference" {
                        &mut self.g.header_ids
                    } else {
                        &mut self.g.footer_ids
                    };
                    if ids.len() < 64 && !ids.iter().any(|i| *i == *id) {
                        ids.push(id.into_owned());
                    }
                }
                Kind::Other
            }
            (_, "background") if self.stack.len() == 1 => {
                self.page_background = attr(e, "color").is_some_and(|c| shows_on_white(&c));
                Kind::Other
            }
            _ => Kind::Other,
        };
        Ok(kind)
    }

    fn end(&mut self) -> Result<(), ExtractError> {
        let Some(kind) = self.stack.pop() else {
            return Ok(());
        };
        if let Some(at) = self.skip_at {
            if self.stack.len() < at {
                self.skip_at = None;
            }
            return Ok(());
        }
        match kind {
            Kind::P => self.close_para(),
            Kind::PPr => {
                let styles = self.ctx.styles;
                if let Some(p) = self.para_mut() {
                    p.style = Some(styles.paragraph(p.style_id.as_deref()));
                }
            }
            Kind::RPr => self.run_eff = None,
            Kind::Tr => {
                if let Some(t) = self.tables.last_mut() {
                    t.cols = t.cols.max(t.cur_cols);
                }
            }
            Kind::Tbl => {
                if let Some(t) = self.tables.pop() {
                    if t.top_level && t.rows > 0 && self.g.signals.tables.len() < MAX_SIGNALS {
                        self.g.signals.tables.push(TableInfo {
                            page: 1,
                            rows: t.rows,
                            cols: t.cols,
                            sample: shorten(&t.sample, 80),
                        });
                    }
                }
            }
            Kind::TxbxContent => self.close_text_box(),
            Kind::Hyperlink => {
                if let Some(l) = self.links.pop() {
                    self.push_link(l.url, &l.text);
                }
            }
            Kind::FldSimple => {
                if let Some(f) = self.fields.pop() {
                    self.push_link(f.url, &f.text);
                }
            }
            Kind::SectPr => {
                if let Some(s) = self.sect.take() {
                    if self.stack.last() == Some(&Kind::PPr) {
                        if let Some(p) = self.para_mut() {
                            p.sect = Some(s);
                        }
                    } else {
                        self.body_sect = Some(s);
                    }
                }
            }
            Kind::Drawing => {
                if let Some(d) = self.drawings.pop() {
                    if d.picture {
                        self.push_image(d.extent.unwrap_or((0.0, 0.0)));
                    }
                }
            }
            Kind::Vml => {
                if let Some(v) = self.vml.pop() {
                    if v.image {
                        self.push_image(v.size);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, s: &str) -> Result<(), ExtractError> {
        if self.skip_at.is_some() {
            return Ok(());
        }
        match self.stack.last() {
            Some(Kind::T) => self.add_text(s)?,
            Some(Kind::InstrText) if self.fields_overflow == 0 => {
                if let Some(f) = self.fields.last_mut().filter(|f| !f.in_result) {
                    push_capped(&mut f.instr, s);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn para_mut(&mut self) -> Option<&mut Para> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn open_para(&mut self) {
        let region = match self.ctx.region {
            Region::Header | Region::Footer => self.ctx.region,
            _ if self.open_text_boxes > 0 => Region::TextBox,
            _ if !self.tables.is_empty() => Region::Table,
            _ => Region::Body,
        };
        self.frames.push(Frame::Para(Box::new(Para {
            region,
            style_id: None,
            direct_numbering: None,
            outline: None,
            shaded: false,
            style: None,
            segs: Vec::new(),
            cur: Seg::default(),
            pending: Vec::new(),
            hidden: Default::default(),
            tiny: String::new(),
            tiny_half_points: 0,
            sect: None,
        })));
    }

    /// The current paragraph's resolved style (the default style outside a paragraph).
    fn para_style(&mut self) -> Resolved {
        let styles = self.ctx.styles;
        match self.para_mut() {
            Some(p) => *p.style.get_or_insert_with(|| styles.paragraph(p.style_id.as_deref())),
            None => styles.paragraph(None),
        }
    }

    fn effective(&mut self) -> Eff {
        if let Some(eff) = self.run_eff {
            return eff;
        }
        let styles = self.ctx.styles;
        let para = self.para_style();
        let char_run = self
            .run_style
            .as_deref()
            .and_then(|id| styles.get(id))
            .map(|s| s.run)
            .unwrap_or_default();
        let p = self.run.or(char_run).or(para.run).or(styles.doc_run);
        let eff = Eff {
            bold: p.bold.unwrap_or(false),
            italic: p.italic.unwrap_or(false),
            half_points: p.size.unwrap_or(DEFAULT_HALF_POINTS),
            vanish: p.vanish.unwrap_or(false),
            white: p.color.is_some_and(Color::is_near_white),
            shaded: p.shaded.unwrap_or(false),
        };
        self.run_eff = Some(eff);
        eff
    }

    /// True when something under the current run may paint a background, so white text
    /// could be legible: run, paragraph, cell or table shading, a text box or shape, or a
    /// page colour. Unsure means yes: better to miss a finding than to invent one.
    fn has_background(&mut self, eff: &Eff) -> bool {
        let para = self.para_style();
        let para_shaded = self.para_mut().is_some_and(|p| p.shaded);
        eff.shaded
            || para.shaded
            || para_shaded
            || self.tables.iter().any(|t| t.shaded || t.cell_shaded)
            || self.open_text_boxes > 0
            || !self.drawings.is_empty()
            || !self.vml.is_empty()
            || self.page_background
    }

    fn add_text(&mut self, s: &str) -> Result<(), ExtractError> {
        if s.is_empty() || self.para_mut().is_none() {
            return Ok(());
        }
        self.g.chars = self.g.chars.saturating_add(s.chars().count() as u64);
        if self.g.chars > self.max_chars {
            return Err(ExtractError::LimitExceeded {
                what: "characters of text",
                limit: self.max_chars,
            });
        }
        let eff = self.effective();
        let blank = s.chars().all(char::is_whitespace);
        let reason = if eff.vanish {
            Some(0)
        } else if eff.half_points <= 2 {
            Some(2)
        } else if eff.white && !self.has_background(&eff) {
            Some(1)
        } else {
            None
        };
        let tiny = reason.is_none() && eff.half_points < 16;
        for l in self.links.iter_mut().filter(|l| l.url.is_some()) {
            push_capped(&mut l.text, s);
        }
        for f in self.fields.iter_mut().filter(|f| f.in_result && f.url.is_some()) {
            push_capped(&mut f.text, s);
        }
        let Some(p) = self.para_mut() else {
            return Ok(());
        };
        p.cur.push(s, &eff);
        for (i, buf) in p.hidden.iter_mut().enumerate() {
            if reason == Some(i) && !blank {
                push_capped(buf, s);
            } else if !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
        }
        if tiny && !blank {
            push_capped(&mut p.tiny, s);
            if p.tiny_half_points == 0 || eff.half_points < p.tiny_half_points {
                p.tiny_half_points = eff.half_points;
            }
        } else if !p.tiny.is_empty() && !p.tiny.ends_with(' ') {
            p.tiny.push(' ');
        }
        Ok(())
    }

    fn close_para(&mut self) {
        let p = match self.frames.pop() {
            Some(Frame::Para(p)) => p,
            Some(other) => {
                self.frames.push(other);
                return;
            }
            None => return,
        };
        let Para {
            region,
            style_id,
            direct_numbering,
            outline,
            style,
            mut segs,
            cur,
            pending,
            hidden,
            tiny,
            tiny_half_points,
            sect,
            ..
        } = *p;
        let styles = self.ctx.styles;
        let style = style.unwrap_or_else(|| styles.paragraph(style_id.as_deref()));
        let heading_level = match outline {
            Some(level) => (level < 9).then_some(level + 1),
            None => style.heading,
        };
        let bullet = direct_numbering.unwrap_or(style.numbered) && heading_level.is_none();
        let default_half = style.run.or(styles.doc_run).size.unwrap_or(DEFAULT_HALF_POINTS);
        segs.push(cur);
        let mut lines = Vec::with_capacity(segs.len() + pending.len());
        for seg in segs {
            let text = clean_line(&seg.text);
            if text.is_empty() {
                continue;
            }
            self.count_glyphs(&text);
            lines.push(Line {
                font_size: seg.dominant_half_points().unwrap_or(default_half) as f32 / 2.0,
                bold: seg.chars > 0 && u64::from(seg.bold) * 2 > u64::from(seg.chars),
                italic: seg.chars > 0 && u64::from(seg.italic) * 2 > u64::from(seg.chars),
                bullet: bullet && lines.is_empty(),
                heading_level,
                region,
                page: 1,
                text,
                ..Line::default()
            });
        }
        let signals = &mut self.g.signals;
        for (buf, reason) in hidden.iter().zip(HIDDEN_REASONS) {
            let text = clean_line(buf);
            if !text.is_empty() && signals.hidden_text.len() < MAX_SIGNALS {
                signals.hidden_text.push(HiddenText {
                    page: 1,
                    text: shorten(&text, 120),
                    reason,
                });
            }
        }
        let tiny = clean_line(&tiny);
        if !tiny.is_empty() && signals.tiny_text.len() < MAX_SIGNALS {
            signals.tiny_text.push(TextSpan {
                page: 1,
                text: shorten(&tiny, 120),
                font_size: tiny_half_points as f32 / 2.0,
                band: None,
                repeated: false,
            });
        }
        if let Some(t) = self.tables.first_mut() {
            for line in &lines {
                if t.sample.len() >= 200 {
                    break;
                }
                if !t.sample.is_empty() {
                    t.sample.push_str(if t.new_cell { " | " } else { " " });
                }
                t.new_cell = false;
                t.sample.push_str(&line.text);
            }
        }
        lines.extend(pending);
        self.deliver(lines);
        if let Some(s) = sect {
            let end = self.lines.len();
            self.sections.push((self.section_start, end, s.columns()));
            self.section_start = end;
        }
    }

    fn close_text_box(&mut self) {
        let b = match self.frames.pop() {
            Some(Frame::TextBox(b)) => b,
            Some(other) => {
                self.frames.push(other);
                return;
            }
            None => return,
        };
        self.open_text_boxes = self.open_text_boxes.saturating_sub(1);
        let mut text = String::new();
        for line in &b.lines {
            if text.len() > 400 {
                break;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&line.text);
        }
        if !text.is_empty() && self.g.signals.text_boxes.len() < MAX_SIGNALS {
            self.g.signals.text_boxes.push(TextBoxInfo {
                page: 1,
                text: shorten(&text, 200),
            });
        }
        self.deliver(b.lines);
    }

    /// Hands finished lines to the innermost open container: a paragraph (text boxes anchored
    /// in it follow it), a text box, or the part.
    fn deliver(&mut self, lines: Vec<Line>) {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => p.pending.extend(lines),
            Some(Frame::TextBox(b)) => b.lines.extend(lines),
            None => self.lines.extend(lines),
        }
    }

    fn count_glyphs(&mut self, text: &str) {
        let signals = &mut self.g.signals;
        let mut first_bad = None;
        for (i, c) in text.char_indices() {
            signals.glyphs += 1;
            if is_unmappable(c) {
                signals.unmappable_glyphs += 1;
                first_bad.get_or_insert(i);
            }
        }
        if let Some(i) = first_bad {
            if signals.unmappable_samples.len() < MAX_UNMAPPABLE_SAMPLES {
                let before = text.get(..i).unwrap_or_default();
                let start = before.char_indices().rev().nth(19).map_or(0, |(j, _)| j);
                signals
                    .unmappable_samples
                    .push(shorten(text.get(start..).unwrap_or_default(), 40));
            }
        }
    }

    fn push_link(&mut self, url: Option<String>, text: &str) {
        let Some(url) = url else { return };
        if self.g.signals.links.len() >= MAX_SIGNALS {
            return;
        }
        let text = clean_line(text);
        self.g.signals.links.push(Link {
            page: 1,
            url: shorten(&url, 500),
            text: (!text.is_empty()).then(|| shorten(&text, 200)),
        });
    }

    fn push_image(&mut self, (width, height): (f32, f32)) {
        if self.g.images.len() < MAX_SIGNALS {
            self.g.images.push((width, height));
        }
    }

    fn field_begin(&mut self) {
        if self.fields.len() >= MAX_OPEN_FIELDS {
            self.fields_overflow = self.fields_overflow.saturating_add(1);
        } else {
            self.fields.push(FieldCtx::default());
        }
    }

    fn field_separate(&mut self) {
        if self.fields_overflow > 0 {
            return;
        }
        if let Some(f) = self.fields.last_mut() {
            if !f.in_result {
                f.in_result = true;
                f.url = hyperlink_from_instr(&f.instr);
            }
        }
    }

    fn field_end(&mut self) {
        if self.fields_overflow > 0 {
            self.fields_overflow -= 1;
            return;
        }
        if let Some(mut f) = self.fields.pop() {
            if !f.in_result {
                f.url = hyperlink_from_instr(&f.instr);
            }
            self.push_link(f.url, &f.text);
        }
    }

    /// Closes whatever a truncated part left open, and turns multi-column sections into
    /// column regions.
    fn finish(mut self) -> Vec<Line> {
        while let Some(frame) = self.frames.last() {
            match frame {
                Frame::Para(_) => self.close_para(),
                Frame::TextBox(_) => self.close_text_box(),
            }
        }
        if self.ctx.region == Region::Body {
            let columns = self.body_sect.map_or(1, |s| s.columns());
            self.sections.push((self.section_start, self.lines.len(), columns));
            for &(start, end, columns) in &self.sections {
                let Some(lines) = self.lines.get(start..end) else {
                    continue;
                };
                if columns < 2 || lines.is_empty() || self.g.signals.columns.len() >= MAX_SIGNALS {
                    continue;
                }
                self.g.signals.columns.push(ColumnRegion {
                    page: 1,
                    columns: columns.min(u32::from(u8::MAX)) as u8,
                    top: 0.0,
                    bottom: 0.0,
                    content_order_differs: false,
                    samples: lines.iter().take(3).map(|l| shorten(&l.text, 40)).collect(),
                });
            }
        }
        self.lines
    }
}

/// A colour value that shows on a white page (page background).
fn shows_on_white(hex: &str) -> bool {
    let hex = hex.trim_start_matches('#');
    let channel = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
    match (channel(0), channel(2), channel(4)) {
        (Some(r), Some(g), Some(b)) => !(r >= 0xF0 && g >= 0xF0 && b >= 0xF0),
        _ => false,
    }
}

fn push_capped(buf: &mut String, s: &str) {
    if buf.len() < MAX_SNIPPET {
        buf.push_str(s);
    }
}

/// The URL of a `HYPERLINK "url"` field code; None for other fields and for links to a
/// bookmark in the document (`\l`).
fn hyperlink_from_instr(instr: &str) -> Option<String> {
    let rest = instr.trim_start();
    let keyword = rest.get(..9)?;
    if !keyword.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let mut rest = rest.get(9..)?;
    let mut skip_argument = false;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let (token, after) = if let Some(quoted) = rest.strip_prefix('"') {
            match quoted.split_once('"') {
                Some((t, after)) => (t, after),
                None => (quoted, ""),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest.split_at(end)
        };
        rest = after;
        if let Some(switch) = token.strip_prefix('\\').filter(|_| !token.starts_with("\\\\")) {
            // \l (bookmark), \o (tooltip), \t (target frame) take an argument; \m \n do not.
            skip_argument = matches!(switch, "l" | "o" | "t");
            continue;
        }
        if mem::take(&mut skip_argument) {
            continue;
        }
        let url = token.trim();
        return (!url.is_empty()).then(|| url.to_string());
    }
}

/// The character a `w:sym` stands for. Symbol-font codes (0xF000..0xF0FF or below 0x100)
/// that have no Unicode equivalent here stay in the private use area, where they count as
/// unmappable glyphs: an ATS sees them as garbage too.
fn sym_char(font: &str, code: u32) -> Option<char> {
    let symbol_font = matches!(
        font,
        "symbol"
            | "wingdings"
            | "wingdings 2"
            | "wingdings 3"
            | "webdings"
            | "zapfdingbats"
            | "zapf dingbats"
            | "marlett"
    );
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else if code < 0x100 && symbol_font {
        code
    } else {
        return char::from_u32(code);
    };
    let mapped = match font {
        "symbol" => symbol_font_char(low),
        "wingdings" => wingdings_char(low),
        _ => None,
    };
    mapped.or_else(|| char::from_u32(0xF000 + low))
}

/// Adobe Symbol encoding, the part résumés use.
fn symbol_font_char(code: u32) -> Option<char> {
    const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    let c = match code {
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x20..=0x3F => char::from_u32(code)?,
        0x41..=0x5A => GREEK_UPPER.chars().nth((code - 0x41) as usize)?,
        0x61..=0x7A => GREEK_LOWER.chars().nth((code - 0x61) as usize)?,
        0xA2 => '′',
        0xA3 => '≤',
        0xA5 => '∞',
        0xA7 => '♣',
        0xA8 => '♦',
        0xA9 => '♥',
        0xAA => '♠',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xD7 => '⋅',
        0xD8 => '¬',
        0xD9 => '∧',
        0xDA => '∨',
        0xE0 => '◊',
        _ => return None,
    };
    Some(c)
}

/// Wingdings glyphs Word offers as bullets.
fn wingdings_char(code: u32) -> Option<char> {
    Some(match code {
        0x6C => '●',
        0x6E => '■',
        0x71 => '❑',
        0x75 => '◆',
        0x76 => '❖',
        0xA7 => '▪',
        0xD8 => '➢',
        0xFC => '✓',
        _ => return None,
    })
}

/// Width and height in points from a VML `style` attribute (`width:468pt;height:118pt`).
fn vml_size(style: &str) -> (f32, f32) {
    let mut size = (0.0, 0.0);
    for decl in style.split(';') {
        let Some((key, value)) = decl.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let split = value
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(value.len());
        let (number, unit) = value.split_at(split);
        let Ok(n) = number.parse::<f32>() else {
            continue;
        };
        let scale = match unit.trim() {
            "pt" => 1.0,
            "in" => 72.0,
            "cm" => 72.0 / 2.54,
            "mm" => 72.0 / 25.4,
            "pc" => 12.0,
            "px" | "" => 0.75,
            _ => continue,
        };
        let points = (n * scale).clamp(0.0, 1e6);
        match key.trim() {
            "width" => size.0 = points,
            "height" => size.1 = points,
            _ => {}
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_field_codes_give_their_url() {
        assert_eq!(
            hyperlink_from_instr(r#" HYPERLINK "https://example.com/a?b=1" \o "tip" "#).as_deref(),
            Some("https://example.com/a?b=1")
        );
        assert_eq!(
            hyperlink_from_instr(r#"HYPERLINK \o "tip" "mailto:jo@example.com""#).as_deref(),
            Some("mailto:jo@example.com")
        );
        assert_eq!(hyperlink_from_instr(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_from_instr("PAGE"), None);
        assert_eq!(hyperlink_from_instr("HYPERLINK"), None);
        assert_eq!(
            hyperlink_from_instr("HYPERLINK https://x.org"),
            Some("https://x.org".into())
        );
        assert_eq!(hyperlink_from_instr("HYPER"), None);
        assert_eq!(hyperlink_from_instr("é"), None);
    }

    #[test]
    fn symbol_fonts_map_or_stay_unmappable() {
        assert_eq!(sym_char("symbol", 0xF0B7), Some('•'));
        assert_eq!(sym_char("wingdings", 0xF0A7), Some('▪'));
        assert!(sym_char("wingdings", 0xF021).is_some_and(is_unmappable));
        assert!(sym_char("webdings", 0x41).is_some_and(is_unmappable));
        assert_eq!(sym_char("arial", 0x2022), Some('•'));
        assert_eq!(sym_char("symbol", 0x61), Some('α'));
    }

    #[test]
    fn vml_sizes_convert_to_points() {
        assert_eq!(
            vml_size("width:468pt;height:118pt;mso-position-horizontal:center"),
            (468.0, 118.0)
        );
        assert_eq!(vml_size("width:1in; height:100px"), (72.0, 75.0));
        assert_eq!(vml_size("width:;height:x"), (0.0, 0.0));
    }
}
