//! Fonts: character codes to Unicode text and glyph widths.
//!
//! ToUnicode is consulted before `/Encoding` (lopdf's own lookup checks `/Encoding` first, which
//! gives wrong text for subset fonts that carry both). Simple fonts decode one byte per code;
//! Type0 fonts two bytes (Identity-H/V and the predefined UCS-2 CMaps résumé producers use).

use std::collections::HashMap;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::cmap::CMap;
use super::std_widths;

/// How the font splits a string into codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeWidth {
    One,
    Two,
}

/// A decoded code: its text, advance width in text-space units per unit font size, and
/// whether it is the single-byte space that word spacing (`Tw`) applies to.
pub(crate) struct Glyph<'a> {
    pub text: &'a str,
    pub width: f32,
    pub word_space: bool,
    /// The code has no Unicode mapping at all.
    pub unmapped: bool,
}

/// A font prepared for decoding.
pub(crate) struct Font {
    code_width: CodeWidth,
    /// Two-byte fonts: each code's text as a byte range of `cmap_text`; codes absent here are
    /// unmapped.
    text: CodeTable<(u32, u32)>,
    /// Two-byte fonts: the texts of the ToUnicode CMap.
    cmap_text: String,
    /// One-byte fonts: text and advance of each code, indexed by the code.
    simple: Option<Box<SimpleCodes>>,
    /// Two-byte fonts: widths in glyph-space units (one-byte fonts have theirs in `simple`).
    widths: CodeTable<f32>,
    default_width: f32,
    /// Text-space units per glyph-space unit (1/1000 except Type3).
    scale: f32,
    pub bold: bool,
    pub italic: bool,
    /// A symbol or dingbat font (see [`is_symbol_font_name`]): its glyphs are pictures, so
    /// what its ToUnicode says a glyph is may be a stand-in.
    pub symbolic: bool,
    /// A dingbat font (see [`is_dingbat_font_name`]): every glyph is a picture, even one its
    /// encoding calls a letter.
    pub dingbats: bool,
    /// An icon font (see [`is_icon_font_name`]): a glyph it maps to no character is a
    /// pictograph beside the text (a phone, a profile link), not text lost.
    pub icons: bool,
}

/// The codes of a one-byte font: all their texts in one string, a span of it per code, and
/// their advances. A `Box<str>` per code, built through lopdf's `Encoding::bytes_to_string` (a
/// `String` per call), and a hashed width lookup per glyph made font loading a fifth of all
/// instructions on `bench-000-ml_engineer.pdf`; with this (and the CMap reader's own change)
/// `Font::load` went from 1.67M to 1.00M instructions there, 0.47M of which is lopdf inflating
/// the ToUnicode streams.
struct SimpleCodes {
    text: String,
    /// Each code's text as a byte range of `text`; `None` for an unmapped code.
    spans: [Option<(usize, usize)>; 256],
    /// Each code's advance, as [`Font::width`] gives it, worked out once.
    widths: [f32; 256],
}

impl SimpleCodes {
    fn new() -> Box<SimpleCodes> {
        Box::new(SimpleCodes {
            // Room for a character of one or two bytes per code, so that filling it seldom grows it.
            text: String::with_capacity(384),
            spans: [None; 256],
            widths: [0.0; 256],
        })
    }

    fn get(&self, code: u8) -> Option<&str> {
        let (start, end) = self.spans[code as usize]?;
        self.text.get(start..end)
    }

    /// Maps `code` to `c`: as [`SimpleCodes::set`], but pushing the character rather than
    /// copying its bytes (a `memcpy` call per code, ~15 instructions for a byte or two).
    fn set_char(&mut self, code: u8, c: char) {
        let start = self.text.len();
        self.text.push(c);
        self.spans[code as usize] = Some((start, self.text.len()));
    }

    /// Maps `code` to `text` (a later mapping of a code replaces the earlier one).
    fn set(&mut self, code: u8, text: &str) {
        let start = self.text.len();
        match text.as_bytes() {
            // One ASCII character, the usual mapping: pushed, not copied (see `set_char`).
            [b] => self.text.push(char::from(*b)),
            _ => self.text.push_str(text),
        }
        self.spans[code as usize] = Some((start, self.text.len()));
    }
}

impl Font {
    /// A font for an unresolvable resource: decodes bytes as Latin-1 with average widths, so
    /// a broken font reference still yields readable ASCII rather than nothing.
    pub(crate) fn fallback() -> Font {
        let mut simple = SimpleCodes::new();
        for code in 0..=255u8 {
            let c = char::from(code);
            if !c.is_control() {
                simple.set_char(code, c);
            }
        }
        let mut font = Font {
            code_width: CodeWidth::One,
            text: CodeTable::default(),
            cmap_text: String::new(),
            simple: None,
            widths: CodeTable::default(),
            default_width: 500.0,
            scale: 0.001,
            bold: false,
            italic: false,
            symbolic: false,
            dingbats: false,
            icons: false,
        };
        font.set_simple(simple, &[None; 256]);
        font
    }

    /// Installs a one-byte font's codes, with each code's advance worked out from `widths`
    /// (glyph-space units, by code) exactly as [`Font::width`] would.
    fn set_simple(&mut self, mut simple: Box<SimpleCodes>, widths: &[Option<f32>; 256]) {
        for (w, given) in simple.widths.iter_mut().zip(widths) {
            *w = given.unwrap_or(self.default_width) * self.scale;
        }
        self.simple = Some(simple);
    }

    pub(crate) fn load(doc: &Document, dict: &Dictionary, stream_limit: usize) -> Font {
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"Type1");
        let base_font = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = to_unicode_cmap(doc, dict, stream_limit);
        let (mut bold, mut italic) = style_from_name(&base_font);
        let symbolic = is_symbol_font_name(&base_font);
        let dingbats = is_dingbat_font_name(&base_font);
        let icons = is_icon_font_name(&base_font);
        if subtype == b"Type0" {
            let descendant = dict
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_dict().ok());
            let mut widths = HashMap::new();
            let mut default_width = 1000.0;
            if let Some(d) = descendant {
                default_width = d.get_deref(b"DW", doc).and_then(number).unwrap_or(1000.0);
                if let Ok(w) = d.get_deref(b"W", doc).and_then(Object::as_array) {
                    read_cid_widths(doc, w, &mut widths);
                }
                let (b, i) = style_from_descriptor(doc, d);
                bold |= b;
                italic |= i;
            }
            // A later mapping of a code overrides an earlier one: the latest first, a stable sort
            // by code, and the first of each code kept.
            let mut text: Vec<(u32, (u32, u32))> = Vec::new();
            let mut cmap_text = String::new();
            if let Some(cmap) = to_unicode {
                text.extend(
                    cmap.mappings()
                        .iter()
                        .rev()
                        .filter(|m| m.len == 2)
                        .map(|m| (m.code, CMap::span(m))),
                );
                text.sort_by_key(|e| e.0);
                text.dedup_by_key(|e| e.0);
                cmap_text = cmap.into_text();
            }
            Font {
                code_width: CodeWidth::Two,
                text: CodeTable::from_unique(text),
                cmap_text,
                simple: None,
                widths: CodeTable::from(widths),
                default_width,
                scale: 0.001,
                bold,
                italic,
                symbolic,
                dingbats,
                icons,
            }
        } else {
            let first_char = dict
                .get(b"FirstChar")
                .and_then(Object::as_i64)
                .unwrap_or(0)
                .clamp(0, 255) as u32;
            // By code; codes past 255 (FirstChar + 256 entries reach 510) are never shown.
            let mut widths = [None; 256];
            let mut any_width = false;
            if let Ok(w) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
                for (i, o) in w.iter().take(256).enumerate() {
                    // Widths are numbers, seldom references: `dereference` only for those.
                    let width = match o {
                        Object::Reference(_) => doc.dereference(o).and_then(|(_, o)| number(o)),
                        _ => number(o),
                    };
                    if let Ok(v) = width {
                        any_width = true;
                        if let Some(slot) = widths.get_mut(first_char as usize + i) {
                            *slot = Some(v);
                        }
                    }
                }
            }
            let (b, i) = style_from_descriptor(doc, dict);
            bold |= b;
            italic |= i;
            let scale = if subtype == b"Type3" {
                dict.get_deref(b"FontMatrix", doc)
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|m| m.first())
                    .and_then(|o| number(o).ok())
                    .filter(|s| s.is_finite() && *s != 0.0)
                    .unwrap_or(0.001)
            } else {
                0.001
            };
            let mut simple = SimpleCodes::new();
            // Base encoding (and /Differences) from lopdf, for codes ToUnicode leaves out, read
            // without the ToUnicode entry (lopdf would take the CMap for the encoding): of the
            // font dictionary lopdf reads only /Type, /Encoding and /ToUnicode, so a dictionary
            // of the first two stands in for a clone of the whole font without the third.
            let without_to_unicode;
            let encoding_source = if dict.has(b"ToUnicode") {
                match (entry(dict, b"Type"), entry(dict, b"Encoding")) {
                    // The usual subset font, `/Type /Font` and no `/Encoding`: the same stand-in
                    // every time, built once (building it was ~1,300 instructions a font).
                    (Some(Object::Name(name)), None) if name == b"Font" => font_type_only(),
                    (font_type, encoding) => {
                        let mut d = Dictionary::new();
                        for (key, o) in [(b"Type".as_slice(), font_type), (b"Encoding", encoding)] {
                            if let Some(o) = o {
                                d.set(key, o.clone());
                            }
                        }
                        without_to_unicode = d;
                        &without_to_unicode
                    }
                }
            } else {
                dict
            };
            let repaired;
            let mut encoding = encoding_source.get_font_encoding_with_limit(doc, stream_limit);
            let mut named_chars = Vec::new();
            if matches!(encoding, Ok(ref e) if !matches!(e, Encoding::Differences(_))) {
                if let Some((stand_in, chars)) = differences_without_unknown_names(doc, dict, stream_limit) {
                    repaired = stand_in;
                    encoding = repaired.get_font_encoding_with_limit(doc, stream_limit);
                    named_chars = chars;
                }
            }
            if let Ok(enc) = encoding {
                if let Some(units) = one_byte_units(&enc) {
                    // What `write_to_string` gives for each code, read from the table: lopdf's
                    // call per code was 4.5M of the 36.8M instructions `Font::load` took over
                    // the 61 files of `scripts/icount.sh`.
                    for (code, unit) in (0..=255u8).zip(units) {
                        let c = unit.and_then(|u| char::decode_utf16([u]).next()?.ok());
                        if let Some(c) = c.filter(|c| !c.is_control()) {
                            simple.set_char(code, c);
                        }
                    }
                } else if !matches!(enc, Encoding::UnicodeMapEncoding(_)) {
                    // Each code's text is written straight into the table (what
                    // `bytes_to_string` would return, without its `String`), and taken back
                    // out when it is unusable.
                    for code in 0..=255u8 {
                        let start = simple.text.len();
                        let ok = enc.write_to_string(&[code], &mut simple.text).is_ok();
                        let s = &simple.text[start..];
                        if ok && !s.is_empty() && !s.chars().all(|c| c.is_control() && c != ' ') {
                            simple.spans[code as usize] = Some((start, simple.text.len()));
                        } else {
                            simple.text.truncate(start);
                        }
                    }
                }
            }
            for (code, c) in named_chars {
                simple.set_char(code, c);
            }
            if let Some(cmap) = to_unicode {
                for m in cmap.mappings() {
                    // A simple font's codes are one byte, whatever width the CMap writes them in
                    // (groff writes `<008c>` for code 0x8c): the value is the code, as poppler reads it.
                    if m.len <= 2 {
                        if let Ok(code) = u8::try_from(m.code) {
                            simple.set(code, cmap.text(m));
                        }
                    }
                }
            }
            if !any_width && subtype != b"Type3" {
                std_widths::fill(&base_font, (0..=255u8).map(|c| simple.get(c)), &mut widths);
            }
            let mut font = Font {
                code_width: CodeWidth::One,
                text: CodeTable::default(),
                cmap_text: String::new(),
                simple: None,
                widths: CodeTable::default(),
                default_width: std_widths::default_width(&base_font),
                scale,
                bold,
                italic,
                symbolic,
                dingbats,
                icons,
            };
            font.set_simple(simple, &widths);
            font
        }
    }

    /// Splits `bytes` into codes and calls `f` for each glyph.
    #[inline]
    pub(crate) fn decode(&self, bytes: &[u8], mut f: impl FnMut(Glyph<'_>)) {
        match self.code_width {
            CodeWidth::One => {
                for &b in bytes {
                    let (text, width) = match &self.simple {
                        Some(simple) => (simple.get(b), simple.widths[b as usize]),
                        None => (None, self.width(b as u32)),
                    };
                    f(Glyph {
                        text: text.unwrap_or(""),
                        width,
                        word_space: b == 32,
                        unmapped: text.is_none(),
                    });
                }
            }
            CodeWidth::Two => {
                for pair in bytes.chunks(2) {
                    let code = match pair {
                        [hi, lo] => (*hi as u32) << 8 | *lo as u32,
                        [single] => *single as u32,
                        _ => continue,
                    };
                    let text = self.text.get(code).map(|&(start, end)| {
                        // Spans of `cmap_text` made by the CMap reader: always whole characters.
                        self.cmap_text.get(start as usize..end as usize).unwrap_or("")
                    });
                    f(Glyph {
                        text: text.unwrap_or(""),
                        width: self.width(code),
                        word_space: false,
                        unmapped: text.is_none(),
                    });
                }
            }
        }
    }

    fn width(&self, code: u32) -> f32 {
        self.widths.get(code).copied().unwrap_or(self.default_width) * self.scale
    }
}

/// Code → value, frozen once a font is loaded: a sorted slice searched by bisection. Looked up
/// once or twice per glyph, where hashing with SipHash cost more than the search; an unkeyed
/// fast hash would let a hostile font's codes all collide.
struct CodeTable<V>(Box<[(u32, V)]>);

impl<V> Default for CodeTable<V> {
    fn default() -> Self {
        CodeTable(Box::default())
    }
}

impl<V> From<HashMap<u32, V>> for CodeTable<V> {
    fn from(map: HashMap<u32, V>) -> Self {
        CodeTable::from_unique(map.into_iter().collect())
    }
}

impl<V> CodeTable<V> {
    /// From entries whose codes are all different.
    fn from_unique(mut entries: Vec<(u32, V)>) -> Self {
        entries.sort_unstable_by_key(|e| e.0);
        CodeTable(entries.into_boxed_slice())
    }

    fn get(&self, code: u32) -> Option<&V> {
        let i = self.0.binary_search_by_key(&code, |e| e.0).ok()?;
        self.0.get(i).map(|e| &e.1)
    }
}

/// The font's ToUnicode CMap.
fn to_unicode_cmap(doc: &Document, dict: &Dictionary, limit: usize) -> Option<CMap> {
    let stream = dict.get_deref(b"ToUnicode", doc).ok()?.as_stream().ok()?;
    let data = super::inflate::stream_content(stream, limit).ok()?;
    Some(super::cmap::parse(&data))
}

/// A font's `/Encoding` dictionary rebuilt without the `/Differences` glyph names lopdf does not
/// know, for a font whose encoding lopdf read as the standard one: lopdf drops a whole array for
/// one unknown name (`/.notdef`, which groff writes for every empty code, or a `uni2011`), so
/// every code the array moves (dashes, ligatures, accented letters) would read wrong. The codes
/// after a dropped name keep their places by an explicit code before the next name. Returns a
/// stand-in font dictionary (`/Type /Font` and the rebuilt `/Encoding`) and the characters that
/// dropped `uniXXXX` / `uXXXX` names stand for. `None` when there is nothing to repair.
fn differences_without_unknown_names(
    doc: &Document,
    font: &Dictionary,
    stream_limit: usize,
) -> Option<(Dictionary, Vec<(u8, char)>)> {
    let encoding = font.get_deref(b"Encoding", doc).ok()?.as_dict().ok()?;
    let differences = encoding.get_deref(b"Differences", doc).ok()?.as_array().ok()?;
    let knows = |name: &[u8]| {
        let mut probe = Dictionary::new();
        probe.set("Differences", vec![Object::Integer(0), Object::Name(name.to_vec())]);
        let mut stand_in = Dictionary::new();
        stand_in.set("Type", Object::Name(b"Font".to_vec()));
        stand_in.set("Encoding", probe);
        matches!(
            stand_in.get_font_encoding_with_limit(doc, stream_limit),
            Ok(Encoding::Differences(_))
        )
    };
    let mut kept = Vec::with_capacity(differences.len());
    let mut chars = Vec::new();
    let mut code: i64 = 0;
    let mut code_written = false;
    let mut dropped = false;
    for o in differences {
        match o {
            Object::Integer(c) if (0..=255).contains(c) => {
                code = *c;
                code_written = false;
            }
            Object::Name(name) if (0..=255).contains(&code) => {
                if knows(name) {
                    if !code_written {
                        kept.push(Object::Integer(code));
                        code_written = true;
                    }
                    kept.push(Object::Name(name.clone()));
                } else {
                    dropped = true;
                    code_written = false;
                    if let Some(c) = char_of_unicode_glyph_name(name) {
                        chars.push((code as u8, c));
                    }
                }
                code += 1;
            }
            _ => return None,
        }
    }
    if !dropped {
        return None;
    }
    let mut rebuilt = Dictionary::new();
    if let Ok(base) = encoding.get(b"BaseEncoding") {
        rebuilt.set("BaseEncoding", base.clone());
    }
    rebuilt.set("Differences", kept);
    let mut stand_in = Dictionary::new();
    stand_in.set("Type", Object::Name(b"Font".to_vec()));
    stand_in.set("Encoding", rebuilt);
    Some((stand_in, chars))
}

/// The character of a glyph named by its code point, as the Adobe Glyph List spells such names:
/// `uni` and four hex digits, or `u` and four to six.
fn char_of_unicode_glyph_name(name: &[u8]) -> Option<char> {
    let hex = match name {
        [b'u', b'n', b'i', rest @ ..] if rest.len() == 4 => rest,
        [b'u', rest @ ..] if (4..=6).contains(&rest.len()) => rest,
        _ => return None,
    };
    let hex = std::str::from_utf8(hex).ok()?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(hex, 16).ok()?).filter(|c| !c.is_control())
}

/// The UTF-16 unit of each code of a one-byte encoding that is a table (a standard encoding,
/// with or without `/Differences`), as lopdf's `write_to_string` reads it; `None` for any other.
fn one_byte_units(enc: &Encoding) -> Option<[Option<u16>; 256]> {
    match enc {
        Encoding::OneByteEncoding(table) => {
            let mut units = [None; 256];
            for (unit, glyph) in units.iter_mut().zip(table.iter()) {
                *unit = glyph.map(|g| g.utf16_code_unit());
            }
            Some(units)
        }
        Encoding::Differences(d) => {
            let mut units = one_byte_units(&d.base)?;
            for (&code, glyph) in d.map.iter() {
                units[code as usize] = Some(glyph.utf16_code_unit());
            }
            Some(units)
        }
        _ => None,
    }
}

fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    let mut budget: u32 = 70_000;
    while i < w.len() && budget > 0 {
        let first = match doc.dereference(&w[i]).and_then(|(_, o)| number(o)) {
            Ok(v) if v >= 0.0 => v as u32,
            _ => return,
        };
        let Some(next) = w.get(i + 1).and_then(|o| doc.dereference(o).ok()).map(|(_, o)| o) else {
            return;
        };
        if let Ok(list) = next.as_array() {
            for (k, o) in list.iter().enumerate() {
                if budget == 0 {
                    return;
                }
                budget -= 1;
                if let Ok(v) = number(o) {
                    out.insert(first.saturating_add(k as u32), v);
                }
            }
            i += 2;
        } else {
            let last = number(next).map(|v| v.max(0.0) as u32).unwrap_or(first);
            let width = w.get(i + 2).and_then(|o| number(o).ok()).unwrap_or(1000.0);
            let count = last.saturating_sub(first).min(budget);
            for code in first..=first.saturating_add(count) {
                out.insert(code, width);
            }
            budget = budget.saturating_sub(count + 1);
            i += 3;
        }
    }
}

/// A font dictionary of `/Type /Font` alone: for lopdf's encoding lookup, what a font with a
/// ToUnicode CMap and no `/Encoding` stands for.
fn font_type_only() -> &'static Dictionary {
    static FONT_TYPE_ONLY: OnceLock<Dictionary> = OnceLock::new();
    FONT_TYPE_ONLY.get_or_init(|| {
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Font".to_vec()));
        d
    })
}

/// `dict.get(key).ok()`, without the error: lopdf's `get` formats the missing key into a
/// `String` (an allocation and a free, ~300 instructions), and some keys are mostly absent.
pub(crate) fn entry<'a>(dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.as_hashmap().get(key)
}

pub(crate) fn number(o: &Object) -> lopdf::Result<f32> {
    match o {
        Object::Integer(i) => Ok(*i as f32),
        Object::Real(r) => Ok(*r),
        _ => o.as_float(),
    }
}

/// Fonts of pictures rather than letters: Adobe's Symbol and the fonts made to stand in for
/// it (LibreOffice's OpenSymbol, SymbolMT), and the dingbat fonts word processors draw bullets
/// with. Known by name: the descriptor's Symbolic flag is set on most embedded subsets too.
pub(crate) fn is_symbol_font_name(base_font: &str) -> bool {
    let name = base_font.rsplit('+').next().unwrap_or(base_font).to_ascii_lowercase();
    name.contains("symbol") || is_dingbat_font_name(base_font)
}

/// The dingbat fonts word processors draw bullets, ticks and arrows with (Wingdings draws
/// its bullet for the code of 'l'): unlike Symbol's Greek, none of their glyphs is a letter.
pub(crate) fn is_dingbat_font_name(base_font: &str) -> bool {
    let name = base_font.rsplit('+').next().unwrap_or(base_font).to_ascii_lowercase();
    ["wingdings", "webdings", "dingbats"].iter().any(|k| name.contains(k))
}

/// The icon fonts web pages and CV classes draw contact and section pictographs with (moderncv's
/// FontAwesome icons, GitHub's Octicons, Google's Material Icons): their glyphs are pictures,
/// mapped to private-use code points or to nothing a reader can print.
pub(crate) fn is_icon_font_name(base_font: &str) -> bool {
    let name: String = base_font
        .rsplit('+')
        .next()
        .unwrap_or(base_font)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    [
        "fontawesome",
        "octicons",
        "materialicons",
        "materialsymbols",
        "glyphicons",
        "icomoon",
        "fontello",
        "ionicons",
        "academicons",
        "bootstrapicons",
        "typicons",
    ]
    .iter()
    .any(|k| name.contains(k))
}

fn style_from_name(base_font: &str) -> (bool, bool) {
    // Subset prefix "ABCDEF+" is irrelevant; TeX names its bold and italic fonts CMBX/CMTI.
    let name = base_font.rsplit('+').next().unwrap_or(base_font).to_ascii_lowercase();
    let bold = [
        "bold",
        "black",
        "heavy",
        "semibold",
        "demi",
        "cmbx",
        "cmb10",
        "-bd",
        "extrabold",
    ]
    .iter()
    .any(|k| name.contains(k));
    let italic = ["italic", "oblique", "cmti", "cmsl", "-it"]
        .iter()
        .any(|k| name.contains(k));
    (bold, italic)
}

fn style_from_descriptor(doc: &Document, font: &Dictionary) -> (bool, bool) {
    let Ok(desc) = font.get_deref(b"FontDescriptor", doc).and_then(Object::as_dict) else {
        return (false, false);
    };
    let flags = entry(desc, b"Flags").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    let weight = entry(desc, b"FontWeight").and_then(|o| number(o).ok()).unwrap_or(400.0);
    let bold = flags & (1 << 18) != 0 || weight >= 600.0;
    let italic = flags & (1 << 6) != 0;
    (bold, italic)
}
