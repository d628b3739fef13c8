//! `word/styles.xml`: run properties, headings, list numbering and shading of paragraph,
//! character and table styles, resolved through `w:basedOn`, plus `w:docDefaults`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};

use super::xml::{attr, malformed, on_off, split_name, Ns, Prefixes, XmlReader};
use crate::budget::Budget;
use crate::ExtractError;

/// Longest `w:basedOn` chain followed (Word itself stops far earlier; cycles end here too).
const MAX_BASED_ON: usize = 16;

/// A text colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Color {
    Auto,
    Rgb(u8, u8, u8),
}

impl Color {
    pub(super) fn parse(v: &str) -> Option<Color> {
        if v.eq_ignore_ascii_case("auto") {
            return Some(Color::Auto);
        }
        let v = v.trim_start_matches('#');
        if v.len() != 6 || !v.is_ascii() {
            return None;
        }
        let channel = |i: usize| v.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok());
        Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// White or so close to white that it does not show on a white page.
    pub(super) fn is_near_white(self) -> bool {
        matches!(self, Color::Rgb(r, g, b) if r >= 0xF0 && g >= 0xF0 && b >= 0xF0)
    }
}

/// True when a `w:shd` element paints a visible (non-white) background.
pub(super) fn shading_visible(e: &BytesStart<'_>) -> bool {
    let fill = attr(e, "fill").and_then(|f| Color::parse(&f));
    let pattern_solid = attr(e, "val").is_some_and(|v| v == "solid");
    let color = attr(e, "color").and_then(|c| Color::parse(&c));
    let visible = |c: Option<Color>| matches!(c, Some(c @ Color::Rgb(..)) if !c.is_near_white());
    visible(fill) || (pattern_solid && (visible(color) || color == Some(Color::Auto)))
}

/// Run properties; `None` means "not said here, inherit".
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct RunProps {
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    /// Font size in half-points.
    pub(super) size: Option<u32>,
    pub(super) vanish: Option<bool>,
    pub(super) color: Option<Color>,
    /// A visible run background (`w:shd` or `w:highlight`).
    pub(super) shaded: Option<bool>,
}

impl RunProps {
    /// `self`, with what it leaves unsaid taken from `base`.
    pub(super) fn or(self, base: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            size: self.size.or(base.size),
            vanish: self.vanish.or(base.vanish),
            color: self.color.or(base.color),
            shaded: self.shaded.or(base.shaded),
        }
    }

    /// Applies one child element of a `w:rPr` (by local name); returns false when the element
    /// is not a property read here.
    pub(super) fn apply(&mut self, local: &str, e: &BytesStart<'_>) -> bool {
        match local {
            "b" => self.bold = Some(on_off(e)),
            "i" => self.italic = Some(on_off(e)),
            "sz" => {
                if let Some(v) = attr(e, "val").and_then(|v| v.trim().parse::<f64>().ok()) {
                    if v.is_finite() && v >= 0.0 {
                        self.size = Some(v.min(10_000.0) as u32);
                    }
                }
            }
            "vanish" => self.vanish = Some(on_off(e)),
            "color" => {
                if let Some(c) = attr(e, "val").and_then(|v| Color::parse(&v)) {
                    self.color = Some(c);
                }
            }
            "shd" => {
                if shading_visible(e) {
                    self.shaded = Some(true);
                }
            }
            "highlight" => {
                if attr(e, "val").is_some_and(|v| v != "none") {
                    self.shaded = Some(true);
                }
            }
            _ => return false,
        }
        true
    }
}

/// A style with its `basedOn` chain applied.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Resolved {
    pub(super) run: RunProps,
    /// 1-based heading level from the style name (`heading N`, `Title`) or `w:outlineLvl`.
    pub(super) heading: Option<u8>,
    /// The style carries list numbering (`w:numPr` with a non-zero `w:numId`).
    pub(super) numbered: bool,
    /// The style paints a background somewhere (paragraph, cell or table shading).
    pub(super) shaded: bool,
}

/// One `w:style`: what its start tag says, and where its content is.
#[derive(Debug)]
struct Entry {
    paragraph: bool,
    content: Range<usize>,
}

/// What a style's own content says (before `basedOn`).
#[derive(Debug, Clone, Copy, Default)]
struct Own {
    heading_from_name: Option<u8>,
    based_on: Option<usize>,
    run: RunProps,
    outline: Option<u8>,
    numbered: Option<bool>,
    shaded: bool,
}

/// The styles of a document. Word templates carry hundreds of styles (a python-docx
/// `styles.xml` is 350 KB, 90% of it table styles) and a résumé uses a handful, so the first
/// pass only notes where each style's content is (jumping over it with a substring search),
/// and a style is parsed the first time a paragraph, run or table asks for it. Each style is
/// parsed at most once, so the work stays linear in the part.
#[derive(Default)]
pub(super) struct Styles<'a> {
    xml: String,
    part: String,
    budget: Option<&'a Budget>,
    prefixes: Option<Prefixes>,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    default_paragraph: Option<usize>,
    own: RefCell<HashMap<usize, Own>>,
    resolved: RefCell<HashMap<usize, Resolved>>,
    /// `w:docDefaults/w:rPrDefault`.
    pub(super) doc_run: RunProps,
}

impl<'a> Styles<'a> {
    /// The resolved paragraph style `id`, or the default paragraph style when `id` is None
    /// or unknown (as Word does).
    pub(super) fn paragraph(&self, id: Option<&str>) -> Resolved {
        id.and_then(|id| self.by_id.get(id).copied())
            .or(self.default_paragraph)
            .map(|i| self.resolve(i))
            .unwrap_or_default()
    }

    /// The resolved character or table style `id`.
    pub(super) fn get(&self, id: &str) -> Option<Resolved> {
        self.by_id.get(id).map(|&i| self.resolve(i))
    }

    fn resolve(&self, index: usize) -> Resolved {
        if let Some(r) = self.resolved.borrow().get(&index) {
            return *r;
        }
        let mut resolved = Resolved::default();
        let mut heading_known = false;
        let mut numbering_known = false;
        let mut at = Some(index);
        for _ in 0..MAX_BASED_ON {
            let Some(i) = at else { break };
            let own = self.own(i);
            resolved.run = resolved.run.or(own.run);
            resolved.shaded |= own.shaded;
            if !heading_known {
                if let Some(level) = own.heading_from_name {
                    resolved.heading = Some(level);
                    heading_known = true;
                } else if let Some(lvl) = own.outline {
                    resolved.heading = (lvl < 9).then_some(lvl + 1);
                    heading_known = true;
                }
            }
            if !numbering_known {
                if let Some(n) = own.numbered {
                    resolved.numbered = n;
                    numbering_known = true;
                }
            }
            at = own.based_on;
        }
        self.resolved.borrow_mut().insert(index, resolved);
        resolved
    }

    /// What style `index` itself says, parsed on first use. Content that does not parse (or
    /// runs into a cap) counts for what it said up to there: styles only refine formatting.
    fn own(&self, index: usize) -> Own {
        if let Some(own) = self.own.borrow().get(&index) {
            return *own;
        }
        let mut own = Own::default();
        if let (Some(entry), Some(budget), Some(prefixes)) =
            (self.entries.get(index), self.budget, self.prefixes.as_ref())
        {
            let content = self.xml.get(entry.content.clone()).unwrap_or_default();
            let mut said = Said::default();
            // An error here (damaged content, a cap) leaves what was read so far.
            let _ = parse_style_content(content, &self.part, budget, prefixes, &mut own, &mut said);
            if entry.paragraph {
                own.heading_from_name = said.name.as_deref().and_then(heading_from_name);
            }
            own.based_on = said
                .based_on
                .and_then(|b| self.by_id.get(&b).copied())
                .filter(|&b| b != index);
        }
        self.own.borrow_mut().insert(index, own);
        own
    }

    /// Reads `styles.xml`: document defaults now, each style's position for later.
    pub(super) fn parse(xml: Vec<u8>, part: &str, budget: &'a Budget) -> Result<Styles<'a>, ExtractError> {
        let xml = String::from_utf8(xml).map_err(|_| malformed(format!("{part}: not UTF-8")))?;
        let mut styles = Styles {
            part: part.to_string(),
            budget: Some(budget),
            ..Styles::default()
        };
        let mut prefixes = Prefixes::conventional();
        let mut stack: Vec<Ctx> = Vec::new();
        let mut reader = XmlReader::skipping(&xml, part, budget);
        loop {
            // (qualified name, is a paragraph style, styleId, default) of a style to jump over.
            let mut jump: Option<(String, Option<Entry>, Option<String>, bool)> = None;
            match reader.next()? {
                Event::Start(e) if stack.is_empty() => {
                    prefixes.learn(&e);
                    stack.push(Ctx::Other);
                }
                Event::Start(e) => {
                    let (prefix, local) = split_name(e.name().0);
                    let parent = stack.last().copied().unwrap_or(Ctx::Other);
                    let w = prefixes.ns(prefix) == Ns::W;
                    let ctx = match (parent, local) {
                        (Ctx::Skip, _) => Ctx::Skip,
                        (_, _) if !w => Ctx::Other,
                        (_, l) if l.ends_with("Change") => Ctx::Skip,
                        (Ctx::Other, "style") if stack.len() == 1 => {
                            jump = Some((
                                e.name().0.to_string(),
                                Some(Entry {
                                    paragraph: attr(&e, "type").is_none_or(|t| t == "paragraph"),
                                    content: 0..0,
                                }),
                                attr(&e, "styleId").map(|v| v.into_owned()),
                                attr(&e, "default").is_some_and(|v| matches!(&*v, "1" | "true" | "on")),
                            ));
                            Ctx::Skip
                        }
                        (Ctx::Other, "latentStyles") if stack.len() == 1 => {
                            jump = Some((e.name().0.to_string(), None, None, false));
                            Ctx::Skip
                        }
                        (_, "docDefaults") => Ctx::DocDefaults,
                        (Ctx::DocDefaults, "rPrDefault") => Ctx::RPrDefault,
                        (Ctx::RPrDefault, "rPr") => Ctx::DefaultRPr,
                        (Ctx::DefaultRPr, l) => {
                            styles.doc_run.apply(l, &e);
                            Ctx::Other
                        }
                        _ => Ctx::Other,
                    };
                    stack.push(ctx);
                }
                Event::Empty(e) => {
                    let (prefix, local) = split_name(e.name().0);
                    if stack.last() == Some(&Ctx::DefaultRPr) && prefixes.ns(prefix) == Ns::W {
                        styles.doc_run.apply(local, &e);
                    }
                }
                Event::End(_) => {
                    stack.pop();
                }
                Event::Eof => break,
                _ => {}
            }
            if let Some((qname, entry, id, default)) = jump {
                let content = reader.skip_element(&qname);
                if content.is_some() {
                    // The end tag went with the content.
                    stack.pop();
                }
                if let Some(mut entry) = entry {
                    entry.content = content.unwrap_or(0..0);
                    let index = styles.entries.len();
                    if entry.paragraph && default && styles.default_paragraph.is_none() {
                        styles.default_paragraph = Some(index);
                    }
                    if let Some(id) = id {
                        styles.by_id.entry(id).or_insert(index);
                    }
                    styles.entries.push(entry);
                }
            }
        }
        styles.prefixes = Some(prefixes);
        styles.xml = xml;
        Ok(styles)
    }
}

/// Strings a style's content names.
#[derive(Debug, Default)]
struct Said {
    /// Lower-cased `w:name`.
    name: Option<String>,
    based_on: Option<String>,
}

/// Parses the content of one `w:style` element.
fn parse_style_content(
    content: &str,
    part: &str,
    budget: &Budget,
    prefixes: &Prefixes,
    own: &mut Own,
    said: &mut Said,
) -> Result<(), ExtractError> {
    let mut stack: Vec<Ctx> = Vec::new();
    let mut reader = XmlReader::new(content.as_bytes(), part, budget);
    loop {
        let (e, empty) = match reader.next()? {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => return Ok(()),
            _ => continue,
        };
        let parent = stack.last().copied().unwrap_or(Ctx::Style);
        let (prefix, local) = split_name(e.name().0);
        let ctx = match (parent, local) {
            (Ctx::Skip, _) => Ctx::Skip,
            (_, _) if prefixes.ns(prefix) != Ns::W => Ctx::Other,
            (_, l) if l.ends_with("Change") => Ctx::Skip,
            (Ctx::Style, "name") => {
                said.name = attr(&e, "val").map(|v| v.to_ascii_lowercase());
                Ctx::Other
            }
            (Ctx::Style, "basedOn") => {
                said.based_on = attr(&e, "val").map(|v| v.into_owned());
                Ctx::Other
            }
            (Ctx::Style, "pPr") => Ctx::StylePPr,
            (Ctx::Style, "rPr") => Ctx::StyleRPr,
            (Ctx::StyleRPr, l) => {
                own.run.apply(l, &e);
                Ctx::Other
            }
            (Ctx::StylePPr, "outlineLvl") => {
                own.outline = attr(&e, "val").and_then(|v| v.trim().parse::<u8>().ok());
                Ctx::Other
            }
            (Ctx::StylePPr, "numPr") => Ctx::StyleNumPr,
            (Ctx::StyleNumPr, "numId") => {
                own.numbered = attr(&e, "val").map(|v| v.trim() != "0");
                Ctx::Other
            }
            // Paragraph, cell or table shading anywhere in the style (table styles keep
            // theirs in `w:tblStylePr/w:tcPr`).
            (_, "shd") => {
                own.shaded |= shading_visible(&e);
                Ctx::Other
            }
            _ => Ctx::Other,
        };
        if !empty {
            stack.push(ctx);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Skip,
    Other,
    DocDefaults,
    RPrDefault,
    DefaultRPr,
    Style,
    StylePPr,
    StyleRPr,
    StyleNumPr,
}

/// Heading level from a built-in style name: `heading 1`..`heading 9`, `Title` → 1. Word
/// writes built-in names in English whatever the interface language.
fn heading_from_name(name: &str) -> Option<u8> {
    if name == "title" {
        return Some(1);
    }
    let n: u8 = name.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn with_styles(xml: &str, f: impl FnOnce(&Styles<'_>)) {
        let budget = Budget::new(&Limits::default());
        let s = Styles::parse(xml.as_bytes().to_vec(), "word/styles.xml", &budget).unwrap();
        // Resolve everything the tests ask for while the budget lives.
        f(&s)
    }

    const STYLES: &str = r#"<?xml version="1.0"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Head"/><w:basedOn w:val="Heading2"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
<w:style w:type="table" w:styleId="Dark"><w:name w:val="Dark"/><w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:fill="1F3864"/></w:tcPr></w:tblStylePr></w:style>
</w:styles>"#;

    #[test]
    fn based_on_chains_resolve_with_the_nearest_value_winning() {
        with_styles(STYLES, |s| {
            assert_eq!(s.doc_run.size, Some(24));
            assert_eq!(s.paragraph(None).run.size, Some(20));
            let h = s.paragraph(Some("Heading2"));
            assert_eq!(h.heading, Some(2));
            assert_eq!(h.run.bold, Some(true));
            assert_eq!(h.run.size, Some(28));
            let mine = s.paragraph(Some("MyHead"));
            assert_eq!(mine.heading, Some(2));
            assert_eq!(mine.run.bold, Some(false));
            assert_eq!(s.paragraph(Some("Outline")).heading, Some(1));
            assert!(s.paragraph(Some("ListBullet")).numbered);
            assert!(!s.paragraph(Some("Normal")).numbered);
            assert!(s.get("Dark").is_some_and(|d| d.shaded));
            // A style based on itself ends at the hop cap.
            assert_eq!(s.paragraph(Some("Loop")).heading, None);
            // An unknown id falls back to the default paragraph style.
            assert_eq!(s.paragraph(Some("Nope")).run.size, Some(20));
        });
    }

    #[test]
    fn colours_parse_and_near_white_is_detected() {
        assert!(Color::parse("FFFFFF").is_some_and(Color::is_near_white));
        assert!(Color::parse("F5F5F5").is_some_and(Color::is_near_white));
        assert!(!Color::parse("1F3864").is_some_and(Color::is_near_white));
        assert_eq!(Color::parse("auto"), Some(Color::Auto));
        assert_eq!(Color::parse("ZZZZZZ"), None);
        assert_eq!(Color::parse("é12345"), None);
    }

    #[test]
    fn damaged_styles_are_an_error_the_caller_can_recover_from() {
        let budget = Budget::new(&Limits::default());
        let broken = b"<w:styles><!-- never closed".to_vec();
        let err = Styles::parse(broken, "word/styles.xml", &budget).err();
        assert!(err.as_ref().is_some_and(super::super::xml::is_recoverable), "{err:?}");
        let not_utf8 = b"<w:styles>\xff</w:styles>".to_vec();
        assert!(Styles::parse(not_utf8, "word/styles.xml", &budget).is_err());
    }
}
