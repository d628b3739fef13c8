//! Running headers and footers, the reading stage's last step, over the whole document: lines
//! in a page's top or bottom band that repeat from page to page, or a block set apart in a
//! page's top or bottom margin, are marked as the page's header or footer rather than body.

use std::collections::HashMap;

use super::PageBox;
use crate::document::{shorten, BandKind, Document, Region, TextSpan};

/// Running headers and footers: lines in the top or bottom band of a page whose text (digits
/// aside) repeats on other pages, or, on any page, a block set apart in the top or bottom
/// margin (a one-page résumé's Word/LibreOffice header sits there, well above the body).
pub(crate) fn mark_header_footer(doc: &mut Document, boxes: &[PageBox]) {
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
