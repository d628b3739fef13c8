//! DOCX: the text an ATS reads from a Word document, in reading order, with layout signals.
//!
//! # Why zip + quick-xml and not docx-rs
//!
//! Uploads are read with `zip` (deflate only) and `quick-xml`, one event pass per inflated part.
//! docx-rs' reader was measured on hostile files (see `shared/docs/dependency-notes.md`): it
//! panicked on 4 of 5 byte-flipped files (`unwrap` in its zip reader), overflowed the stack
//! (an uncatchable abort) on 20,000 nested tables, took 6.45 GB on a 4.4 MB zip bomb, allocated
//! whatever size a forged zip header claimed, and was ~27× slower than zip + quick-xml. It also
//! does not read section columns (`w:cols`). docx-rs stays a dev-dependency: it is a good DOCX
//! *writer* for test fixtures.
//!
//! # Safety by construction
//!
//! - The zip: entries capped (`max_zip_entries`, checked on the declared count before the zip
//!   reader sizes anything); each part inflated through `Read::take(limit + 1)` into a growing
//!   `Vec`, so its size is measured while inflating and never taken from a header
//!   (`max_stream_bytes`), and every part counts against `max_total_inflated_bytes`.
//! - The XML: a `<!DOCTYPE` is refused, so there are no entity declarations to expand; only the
//!   five predefined entities and character references are resolved. Element nesting is capped
//!   by `max_depth`, the time budget is checked on every event, and text is capped by
//!   `max_text_chars`.
//! - No recursion the input controls: nesting (tables in tables, text boxes in paragraphs) is
//!   tracked with explicit stacks bounded by the depth cap. No `unwrap`, `expect` or indexing
//!   that input can make panic.
//!
//! # What is read
//!
//! Body paragraphs become lines (`w:br`/`w:cr` split a paragraph, `w:tab` is a space), with
//! insertions, content controls, hyperlink text and `w:sym` glyphs; deletions, field codes and
//! `mc:Fallback` copies (the VML twin of a DrawingML text box) are skipped. Header lines come
//! first and footer lines last: Word repeats them on every page, and an ATS that ignores headers
//! loses them, so they are also reported in `signals.header_footer` for the scorer to flag
//! contact details found only there. Text boxes are placed after the paragraph that anchors
//! them; table cells row by row. Styles resolve headings, bullets, bold, italic and sizes.
//! Not read: footnotes, endnotes, comments, equations (`m:t`) and list numbering glyphs (a
//! numbered paragraph sets [`crate::Line::bullet`] instead).
//!
//! Relationship, styles and metadata parts only refine the result, so a damaged one is read as
//! empty (headers are then found by part name); a damaged document, header or footer part is
//! an error, and a DTD is refused in every part.

mod body;
mod package;
mod styles;
mod xml;

use std::collections::HashSet;

use quick_xml::events::Event;

use self::body::{walk, Gathered, PartCtx};
use self::package::{Package, RelKind, Rels};
use self::styles::Styles;
use self::xml::{is_recoverable, resolve_ref, split_name, XmlReader};
use crate::budget::Budget;
use crate::document::{shorten, BandKind, ImageInfo, Line, Metadata, TextSpan};
use crate::textnorm::clean_line;
use crate::{Document, ExtractError, Format, Limits, Region, Unsupported};

/// US Letter in points, when no section gives a page size.
const DEFAULT_PAGE: (f32, f32) = (612.0, 792.0);
/// Most header or footer parts read.
const MAX_BAND_PARTS: usize = 16;

pub(crate) fn extract(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<Document, ExtractError> {
    let mut pkg = Package::open(bytes, limits, budget)?;

    let root_rels = pkg.rels_of("")?;
    let main = root_rels
        .first_of(RelKind::OfficeDocument)
        .filter(|name| pkg.contains(name))
        .unwrap_or("word/document.xml")
        .to_string();
    let Some(document_xml) = pkg.read(&main)? else {
        return Err(ExtractError::Unsupported(Unsupported::Zip));
    };
    let rels = pkg.rels_of(&main)?;
    let styles_name = rels.first_of(RelKind::Styles).unwrap_or("word/styles.xml").to_string();
    // Styles only refine formatting: a damaged styles part reads as no styles.
    let styles = match pkg
        .read(&styles_name)?
        .map(|xml| Styles::parse(xml, &styles_name, budget))
    {
        Some(Ok(styles)) => styles,
        Some(Err(e)) if !is_recoverable(&e) => return Err(e),
        None | Some(Err(_)) => Styles::default(),
    };

    let mut gathered = Gathered::default();
    let body = walk(
        &document_xml,
        &PartCtx {
            styles: &styles,
            rels: &rels,
            region: Region::Body,
            budget,
            part: &main,
        },
        &mut gathered,
    )?;
    drop(document_xml);

    let (header_parts, footer_parts) = band_parts(&pkg, &rels, &gathered);
    let headers = read_band(&mut pkg, &header_parts, Region::Header, &styles, budget, &mut gathered)?;
    let footers = read_band(&mut pkg, &footer_parts, Region::Footer, &styles, budget, &mut gathered)?;
    let mut lines = headers;
    lines.extend(body);
    lines.extend(footers);

    let mut metadata = Metadata::default();
    let app_name = root_rels
        .first_of(RelKind::ExtendedProperties)
        .unwrap_or("docProps/app.xml")
        .to_string();
    metadata.producer = read_property(&mut pkg, &app_name, "", "Application", budget)?;
    let core_name = root_rels
        .first_of(RelKind::CoreProperties)
        .unwrap_or("docProps/core.xml")
        .to_string();
    // dc:creator is a person's name: not kept (privacy).
    metadata.title = read_property(&mut pkg, &core_name, "dc", "title", budget)?;

    let (page_w, page_h) = gathered.page_size.unwrap_or(DEFAULT_PAGE);
    let page_area = page_w * page_h;
    let images = gathered
        .images
        .iter()
        .map(|&(width, height)| ImageInfo {
            page: 1,
            width,
            height,
            page_share: if page_area > 0.0 {
                (width * height / page_area).clamp(0.0, 1.0)
            } else {
                0.0
            },
        })
        .collect();
    let mut signals = gathered.signals;
    signals.images = images;

    let mut doc = Document {
        format: Format::Docx,
        pages: 1,
        lines,
        signals,
        metadata,
        ..Document::default()
    };
    doc.assemble();
    Ok(doc)
}

/// Header and footer parts: those the sections reference, or, when no reference resolves to a
/// part, every `word/header*.xml` / `word/footer*.xml` in the package.
fn band_parts(pkg: &Package<'_>, rels: &Rels, gathered: &Gathered) -> (Vec<String>, Vec<String>) {
    let resolve = |ids: &[String], kind: RelKind| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for id in ids {
            if let Some(rel) = rels.get(id).filter(|r| r.kind == kind && !r.external) {
                if pkg.contains(&rel.target) && !parts.contains(&rel.target) {
                    parts.push(rel.target.clone());
                }
            }
        }
        parts
    };
    let headers = resolve(&gathered.header_ids, RelKind::Header);
    let footers = resolve(&gathered.footer_ids, RelKind::Footer);
    if !headers.is_empty() || !footers.is_empty() {
        return (headers, footers);
    }
    let mut names = pkg.names();
    names.sort();
    let matching = |stem: &str| -> Vec<String> {
        names
            .iter()
            .filter(|n| {
                let lower = n.to_ascii_lowercase();
                lower
                    .strip_prefix("word/")
                    .and_then(|rest| rest.strip_prefix(stem))
                    .and_then(|rest| rest.strip_suffix(".xml"))
                    .is_some_and(|middle| middle.chars().all(|c| c.is_ascii_digit()))
            })
            .cloned()
            .collect()
    };
    (matching("header"), matching("footer"))
}

/// Lines of the header (or footer) parts, each distinct text once, also reported in
/// `signals.header_footer`.
fn read_band(
    pkg: &mut Package<'_>,
    parts: &[String],
    region: Region,
    styles: &Styles,
    budget: &Budget,
    gathered: &mut Gathered,
) -> Result<Vec<Line>, ExtractError> {
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for part in parts.iter().take(MAX_BAND_PARTS) {
        let Some(xml) = pkg.read(part)? else { continue };
        let rels = pkg.rels_of(part)?;
        let ctx = PartCtx {
            styles,
            rels: &rels,
            region,
            budget,
            part,
        };
        let part_lines = walk(&xml, &ctx, gathered)?;
        let key: Vec<&str> = part_lines.iter().map(|l| l.text.as_str()).collect();
        if part_lines.is_empty() || !seen.insert(key.join("\n")) {
            continue;
        }
        lines.extend(part_lines);
    }
    let band = if region == Region::Header {
        BandKind::Header
    } else {
        BandKind::Footer
    };
    for line in &lines {
        if gathered.signals.header_footer.len() < 200 {
            gathered.signals.header_footer.push(TextSpan {
                page: 1,
                text: shorten(&line.text, 200),
                font_size: line.font_size,
                band: Some(band),
                repeated: true,
            });
        }
    }
    Ok(lines)
}

/// The text of the first `prefix:local` element of a properties part (`docProps/*.xml`).
/// Metadata is optional: a damaged or missing part gives None, but caps still apply.
fn read_property(
    pkg: &mut Package<'_>,
    part: &str,
    prefix: &str,
    local: &str,
    budget: &Budget,
) -> Result<Option<String>, ExtractError> {
    let xml = match pkg.read(part) {
        Ok(Some(xml)) => xml,
        Ok(None) => return Ok(None),
        Err(e) if is_recoverable(&e) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut reader = XmlReader::new(&xml, part, budget);
    let mut inside = false;
    let mut text = String::new();
    loop {
        let event = match reader.next() {
            Ok(event) => event,
            Err(e) if is_recoverable(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        match event {
            Event::Start(e) => {
                let (p, l) = split_name(e.name().0);
                inside = l == local && (prefix.is_empty() || p == prefix);
            }
            Event::Text(t) if inside && text.len() < 1_000 => text.push_str(&t),
            Event::CData(t) if inside && text.len() < 1_000 => text.push_str(&t),
            Event::GeneralRef(r) if inside => {
                if let Some(c) = resolve_ref(&r) {
                    text.push(c);
                }
            }
            Event::End(_) if inside => break,
            Event::Eof => break,
            _ => {}
        }
    }
    let text = clean_line(&text);
    Ok((!text.is_empty()).then(|| shorten(&text, 200)))
}
