//! PDF: lopdf for the object layer, our own content-stream interpreter for the text.
//!
//! lopdf's `extract_text` glues words, loses line breaks and materialises every operator
//! (gigabytes on small hostile files; see `../shared/docs/dependency-notes.md`), and
//! pdf-extract panics and loops on malformed files, so text comes from [`interp`] and
//! [`layout`]: operators one at a time, glyphs positioned by the text state, lines grouped by
//! baseline, spaces from gaps, columns read one after the other.

mod cmap;
mod content;
mod fonts;
mod inflate;
mod interp;
mod layout;
mod load;
#[cfg(any(test, feature = "loader-check"))]
pub(crate) mod loader_check;
mod std_widths;

use std::collections::HashMap;

use lopdf::{Dictionary, Document as PdfDocument, LoadOptions, Object, ObjectId};

use crate::budget::Budget;
use crate::document::{shorten, BandKind, Document, Link, Metadata, Region, TextSpan};
use crate::{ExtractError, Format, Limits};
use interp::{short_error, Interpreter};
use layout::PageBox;

pub(crate) fn extract(bytes: &[u8], limits: &Limits, budget: &Budget) -> Result<Document, ExtractError> {
    let stream_limit = limits.max_stream_bytes.min(usize::MAX as u64) as usize;
    let options = LoadOptions {
        max_decompressed_size: Some(stream_limit),
        ..LoadOptions::default()
    };
    // The selective loader when it reads the file exactly as lopdf would; lopdf otherwise.
    let pdf = match load::load(bytes, limits.max_objects) {
        Some(pdf) => pdf,
        None => PdfDocument::load_mem_with_options(bytes, options).map_err(load_error)?,
    };
    budget.check_time()?;
    if pdf.is_encrypted() && pdf.encryption_state.is_none() {
        return Err(ExtractError::EncryptedPdf);
    }
    if pdf.objects.len() as u64 > limits.max_objects {
        return Err(ExtractError::LimitExceeded {
            what: "PDF objects",
            limit: limits.max_objects,
        });
    }
    let pages = pdf.get_pages();
    if pages.len() as u64 > limits.max_pages as u64 {
        return Err(ExtractError::LimitExceeded {
            what: "pages",
            limit: limits.max_pages as u64,
        });
    }
    if pages.is_empty() {
        return Err(ExtractError::Malformed {
            format: "PDF",
            detail: "it has no pages".into(),
        });
    }

    let mut doc = Document {
        format: Format::Pdf,
        pages: pages.len() as u32,
        metadata: metadata(&pdf),
        ..Document::default()
    };
    let mut interp = Interpreter::new(&pdf, budget);
    let mut page_boxes: Vec<PageBox> = Vec::new();
    let mut link_rects: Vec<(u32, [f32; 4], String)> = Vec::new();
    for (&number, &page_id) in &pages {
        budget.check_time()?;
        let pbox = page_box(&pdf, page_id);
        page_boxes.push(pbox);
        let content = match inflate::page_content(&pdf, page_id, interp.stream_limit()) {
            Ok(c) => c,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(ExtractError::LimitExceeded {
                    what: "decompressed bytes in one PDF stream",
                    limit: limits.max_stream_bytes,
                })
            }
            // A page whose content cannot be read shows nothing, as in a viewer.
            Err(_) => Vec::new(),
        };
        budget.inflated(content.len() as u64)?;
        let resources = page_resources(&pdf, page_id);
        let drawn = interp.page(&content, resources)?;
        doc.signals.glyphs += drawn.glyph_count;
        doc.signals.unmappable_glyphs += drawn.unmappable;
        for s in &drawn.unmappable_samples {
            if doc.signals.unmappable_samples.len() < 5 {
                doc.signals.unmappable_samples.push(s.clone());
            }
        }
        let page = layout::layout(number, &drawn, pbox);
        if page.image_only {
            doc.signals.image_only_pages.push(number);
        }
        doc.lines.extend(page.lines);
        doc.signals.columns.extend(page.columns);
        doc.signals.tables.extend(page.tables);
        doc.signals.text_boxes.extend(page.text_boxes);
        doc.signals.images.extend(page.images);
        doc.signals.tiny_text.extend(page.tiny_text);
        doc.signals.hidden_text.extend(page.hidden_text);
        for (rect, url) in page_links(&pdf, page_id) {
            link_rects.push((number, rect, url));
        }
    }
    mark_header_footer(&mut doc, &page_boxes);
    doc.assemble();
    doc.signals.links = link_rects
        .into_iter()
        .map(|(page, rect, url)| {
            let text = link_text(&doc, page, rect, page_boxes.get(page as usize - 1).copied());
            Link { page, url, text }
        })
        .collect();
    Ok(doc)
}

fn load_error(e: lopdf::Error) -> ExtractError {
    let text = e.to_string().to_ascii_lowercase();
    match e {
        lopdf::Error::InvalidPassword => ExtractError::EncryptedPdf,
        lopdf::Error::Decryption(_) => ExtractError::EncryptedPdf,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => ExtractError::LimitExceeded {
            what: "decompressed bytes in one PDF stream",
            limit: 0,
        },
        ref other if text.contains("password") || text.contains("encrypt") => {
            let _ = other;
            ExtractError::EncryptedPdf
        }
        other => ExtractError::Malformed {
            format: "PDF",
            detail: short_error(&other),
        },
    }
}

fn metadata(pdf: &PdfDocument) -> Metadata {
    let info = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| pdf.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let field = |key: &[u8]| {
        info.and_then(|d| d.get(key).ok())
            .and_then(|o| pdf.dereference(o).ok())
            .and_then(|(_, o)| lopdf::decode_text_string(o).ok())
            .map(|s| shorten(&s, 120))
            .filter(|s| !s.is_empty())
    };
    Metadata {
        producer: field(b"Producer"),
        creator: field(b"Creator"),
        title: field(b"Title"),
    }
}

/// The page dictionary and its ancestors (for inherited attributes), cycle-safe.
fn page_chain(pdf: &PdfDocument, page_id: ObjectId) -> Vec<&Dictionary> {
    let mut chain = Vec::new();
    let mut next = Some(page_id);
    while let Some(id) = next {
        if chain.len() >= 32 {
            break;
        }
        let Ok(dict) = pdf.get_dictionary(id) else { break };
        chain.push(dict);
        next = fonts::entry(dict, b"Parent").and_then(|o| o.as_reference().ok());
    }
    chain
}

fn page_resources(pdf: &PdfDocument, page_id: ObjectId) -> Vec<&Dictionary> {
    page_chain(pdf, page_id)
        .into_iter()
        .filter_map(|d| d.get_deref(b"Resources", pdf).and_then(Object::as_dict).ok())
        .take(1)
        .collect()
}

fn page_box(pdf: &PdfDocument, page_id: ObjectId) -> PageBox {
    for dict in page_chain(pdf, page_id) {
        for key in [b"CropBox".as_slice(), b"MediaBox"] {
            if let Ok(arr) = dict.get_deref(key, pdf).and_then(Object::as_array) {
                let v: Vec<f32> = arr.iter().filter_map(fonts_number).collect();
                if let [a, b, c, d] = v[..] {
                    if (c - a).abs() > 1.0 && (d - b).abs() > 1.0 {
                        return PageBox {
                            x0: a.min(c),
                            y0: b.min(d),
                            x1: a.max(c),
                            y1: b.max(d),
                        };
                    }
                }
            }
        }
    }
    PageBox {
        x0: 0.0,
        y0: 0.0,
        x1: 612.0,
        y1: 792.0,
    }
}

fn fonts_number(o: &Object) -> Option<f32> {
    fonts::number(o).ok().filter(|v| v.is_finite())
}

fn page_links(pdf: &PdfDocument, page_id: ObjectId) -> Vec<([f32; 4], String)> {
    let Ok(annots) = pdf.get_page_annotations(page_id) else {
        return Vec::new();
    };
    annots
        .into_iter()
        .take(500)
        .filter(|a| a.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link"))
        .filter_map(|a| {
            let action = a.get_deref(b"A", pdf).and_then(Object::as_dict).ok()?;
            let uri = action.get_deref(b"URI", pdf).ok()?;
            let url = match uri {
                Object::String(bytes, _) => String::from_utf8_lossy(bytes).trim().to_string(),
                _ => return None,
            };
            let rect: Vec<f32> = a
                .get_deref(b"Rect", pdf)
                .and_then(Object::as_array)
                .map(|r| r.iter().filter_map(fonts_number).collect())
                .unwrap_or_default();
            let rect = match rect[..] {
                [a, b, c, d] => [a.min(c), b.min(d), a.max(c), b.max(d)],
                _ => [0.0; 4],
            };
            (!url.is_empty()).then(|| (rect, shorten(&url, 300)))
        })
        .collect()
}

/// The text of the lines a link's rectangle covers.
fn link_text(doc: &Document, page: u32, rect: [f32; 4], pbox: Option<PageBox>) -> Option<String> {
    let pbox = pbox?;
    let (x0, x1) = (rect[0] - pbox.x0, rect[2] - pbox.x0);
    let (top, bottom) = (pbox.y1 - rect[3], pbox.y1 - rect[1]);
    let text: Vec<&str> = doc
        .lines
        .iter()
        .filter(|l| l.page == page && l.y >= top - 1.0 && l.y <= bottom + 3.0 && l.x < x1 && l.x + l.width > x0)
        .map(|l| l.text.as_str())
        .collect();
    (!text.is_empty()).then(|| shorten(&text.join(" "), 120))
}

/// Running headers and footers: lines in the top or bottom band of a page whose text (digits
/// aside) repeats on other pages, or, on any page, a block set apart in the top or bottom
/// margin (a one-page résumé's Word/LibreOffice header sits there, well above the body).
fn mark_header_footer(doc: &mut Document, boxes: &[PageBox]) {
    let key = |t: &str| -> String { t.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect() };
    let height = |page: u32| boxes.get(page as usize - 1).map_or(792.0, |b| (b.y1 - b.y0).abs());
    let band_of = |l: &crate::Line| -> Option<BandKind> {
        let h = height(l.page);
        if l.y < 0.12 * h {
            Some(BandKind::Header)
        } else if l.y > 0.9 * h {
            Some(BandKind::Footer)
        } else {
            None
        }
    };
    let mut pages_with: HashMap<(String, u8), Vec<u32>> = HashMap::new();
    for l in &doc.lines {
        if let Some(band) = band_of(l) {
            let entry = pages_with.entry((key(&l.text), band as u8)).or_default();
            if entry.last() != Some(&l.page) {
                entry.push(l.page);
            }
        }
    }
    let mut bands: Vec<Option<BandKind>> = doc
        .lines
        .iter()
        .map(|l| {
            let band = band_of(l)?;
            let repeated = pages_with
                .get(&(key(&l.text), band as u8))
                .is_some_and(|p| p.len() >= 2);
            repeated.then_some(band)
        })
        .collect();
    margin_blocks(doc, &height, &mut bands);
    let mut seen = std::collections::HashSet::new();
    for (l, band) in doc.lines.iter_mut().zip(bands) {
        let Some(band) = band else { continue };
        l.region = match band {
            BandKind::Header => Region::Header,
            BandKind::Footer => Region::Footer,
        };
        if seen.insert((key(&l.text), band as u8)) {
            let repeated = pages_with
                .get(&(key(&l.text), band as u8))
                .is_some_and(|p| p.len() >= 2);
            doc.signals.header_footer.push(TextSpan {
                page: l.page,
                text: shorten(&l.text, 120),
                font_size: l.font_size,
                band: Some(band),
                repeated,
            });
        }
    }
}

/// Lines in the top [`HEADER_BAND_SHARE`] of a page that are set apart from the body below them
/// by a gap of more than [`HEADER_GAP_LINES`] of their own line spacing may be a page header.
const HEADER_BAND_SHARE: f32 = 0.085;
/// See [`HEADER_BAND_SHARE`]: body text never starts that high with such a gap under it.
const HEADER_GAP_LINES: f32 = 1.8;
/// Lines in the bottom share of a page, set apart by [`FOOTER_GAP_EM`] ems of their size, may be
/// a page footer.
const FOOTER_BAND_SHARE: f32 = 0.06;
/// See [`FOOTER_BAND_SHARE`].
const FOOTER_GAP_EM: f32 = 2.5;
/// Line spacing assumed for a block of one baseline, in ems of its largest size.
const SINGLE_LINE_SPACING_EM: f32 = 1.2;
/// A block holding a line this many times the document's body size holds the document's title
/// (a name set large at the top): body text, never a running header.
const TITLE_SIZE_RATIO: f32 = 1.3;
/// On a document of several pages, a running header (footer) sits at the same height on
/// another page too, within this distance: a block at a page edge with no such partner is the
/// page's first (last) body text, as a heading at the top of page 2 is.
const RUNNING_POSITION_TOLERANCE_PT: f32 = 6.0;

/// Marks, as header (footer), blocks of lines set apart in the top (bottom) margin of a page
/// whose text does not repeat: a one-page résumé's Word/LibreOffice header sits there, well
/// above the body. Not such a block: one holding the document's title, lines inside a column
/// region (a sidebar's first line beside the main column's heading), and, on a document of
/// several pages, a block with no block at the same height on another page (nothing runs).
fn margin_blocks(doc: &Document, height: &dyn Fn(u32) -> f32, bands: &mut [Option<BandKind>]) {
    let body_size = body_font_size(doc);
    let in_columns = |l: &crate::Line| {
        doc.signals
            .columns
            .iter()
            .any(|c| c.page == l.page && l.y >= c.top - 1.0 && l.y <= c.bottom + 1.0)
    };
    // Each page's candidate blocks: the lines, and the baseline nearest the page edge.
    let mut headers: Vec<(u32, f32, Vec<usize>)> = Vec::new();
    let mut footers: Vec<(u32, f32, Vec<usize>)> = Vec::new();
    let mut start = 0;
    while start < doc.lines.len() {
        let page = doc.lines[start].page;
        let end = doc.lines[start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(doc.lines.len(), |p| start + p);
        let h = height(page);
        let mut idx: Vec<usize> = (start..end)
            .filter(|&i| doc.lines[i].region == Region::Body && !in_columns(&doc.lines[i]))
            .collect();
        idx.sort_by(|&a, &b| doc.lines[a].y.total_cmp(&doc.lines[b].y));
        let top: Vec<usize> = idx
            .iter()
            .copied()
            .take_while(|&i| doc.lines[i].y < HEADER_BAND_SHARE * h)
            .collect();
        if let (Some(&first), Some(&last), Some(&next)) = (top.first(), top.last(), idx.get(top.len())) {
            let mut baselines: Vec<f32> = top.iter().map(|&i| doc.lines[i].y).collect();
            baselines.dedup();
            let spacing = if baselines.len() >= 2 {
                (doc.lines[last].y - doc.lines[first].y) / (baselines.len() - 1) as f32
            } else {
                let size = top.iter().map(|&i| doc.lines[i].font_size).fold(0.0, f32::max);
                size * SINGLE_LINE_SPACING_EM
            };
            let title = top
                .iter()
                .any(|&i| doc.lines[i].font_size >= TITLE_SIZE_RATIO * body_size);
            if !title && doc.lines[next].y - doc.lines[last].y > HEADER_GAP_LINES * spacing.max(1.0) {
                headers.push((page, doc.lines[first].y, top));
            }
        }
        let bottom: Vec<usize> = idx
            .iter()
            .rev()
            .copied()
            .take_while(|&i| doc.lines[i].y > (1.0 - FOOTER_BAND_SHARE) * h)
            .collect();
        if let (Some(&first), Some(&prev)) = (bottom.last(), idx.iter().rev().nth(bottom.len())) {
            let size = doc.lines[first].font_size.max(1.0);
            if doc.lines[first].y - doc.lines[prev].y > FOOTER_GAP_EM * size {
                footers.push((page, h - doc.lines[bottom[0]].y, bottom));
            }
        }
        start = end;
    }
    for (blocks, kind) in [(&headers, BandKind::Header), (&footers, BandKind::Footer)] {
        for (page, edge, lines) in blocks {
            let runs = doc.pages <= 1
                || blocks
                    .iter()
                    .any(|(p, e, _)| p != page && (e - edge).abs() <= RUNNING_POSITION_TOLERANCE_PT);
            if runs {
                for &i in lines {
                    bands[i].get_or_insert(kind);
                }
            }
        }
    }
}

/// The size most of the document's characters are set in (0 for none).
fn body_font_size(doc: &Document) -> f32 {
    let mut sizes: Vec<(f32, usize)> = doc.lines.iter().map(|l| (l.font_size, l.text.len())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    for (size, chars) in sizes {
        seen += chars;
        if seen * 2 >= total {
            return size;
        }
    }
    0.0
}
