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
mod std_widths;
#[cfg(test)]
mod test_support;

use lopdf::{Dictionary, Document as PdfDocument, LoadOptions, Object, ObjectId};

use crate::budget::Budget;
use crate::document::{shorten, Document, Link, Metadata};
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
    layout::mark_header_footer(&mut doc, &page_boxes);
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
