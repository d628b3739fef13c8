//! Tables and text boxes: regions framed by ruling lines, found before blocks and columns.
//!
//! Takes the page's drawn paths and its segments; gives the grids of crossing rules (tables)
//! and single frames (text boxes) that hold text, marks each segment inside one as boxed (the
//! column stage leaves boxed segments out of its search), and records a sample of each
//! region's text.

use super::{PageBox, PageLayout, Segment};
use crate::document::{shorten, Region, TableInfo, TextBoxInfo};
use crate::pdf::interp::{PageContent, Rect};

/// Finds the page's tables and text boxes (see [`find_boxes`]), marks the `segments` inside
/// each as boxed, and records each one that holds text in `out`.
pub(super) fn mark(
    page: u32,
    content: &PageContent,
    pbox: PageBox,
    segments: &mut [Segment],
    seg_text: &str,
    out: &mut PageLayout,
) {
    let boxes = find_boxes(content, pbox, segments);
    for (bi, b) in boxes.iter().enumerate() {
        let mut inside = Vec::new();
        for s in segments.iter_mut() {
            let cx = (s.x0 + s.x1) / 2.0;
            if cx > b.rect.x0 && cx < b.rect.x1 && s.y > b.rect.y0 && s.y < b.rect.y1 {
                s.boxed = Some((bi, b.region));
                inside.push(&seg_text[s.text.clone()]);
            }
        }
        let sample = shorten(&inside.join(" "), 80);
        if sample.is_empty() {
            continue;
        }
        match b.region {
            Region::Table => out.tables.push(TableInfo {
                page,
                rows: b.rows,
                cols: b.cols,
                sample,
            }),
            _ => out.text_boxes.push(TextBoxInfo { page, text: sample }),
        }
    }
}

struct FoundBox {
    rect: Rect,
    region: Region,
    rows: u32,
    cols: u32,
}

/// Tables (grids of ruling lines) and text boxes (a single frame around text), in page space.
fn find_boxes(content: &PageContent, pbox: PageBox, segments: &[Segment]) -> Vec<FoundBox> {
    #[derive(Clone, Copy)]
    struct HRule {
        y: f32,
        x0: f32,
        x1: f32,
    }
    #[derive(Clone, Copy)]
    struct VRule {
        x: f32,
        y0: f32,
        y1: f32,
    }
    let to_page = |r: &Rect| Rect {
        x0: r.x0 - pbox.x0,
        x1: r.x1 - pbox.x0,
        y0: pbox.y1 - r.y1,
        y1: pbox.y1 - r.y0,
    };
    let mut h: Vec<HRule> = Vec::new();
    let mut v: Vec<VRule> = Vec::new();
    for p in content.paths.iter().take(5_000) {
        let r = to_page(&p.rect);
        let (w, ht) = (r.width(), r.height());
        if ht <= 2.5 && w >= 8.0 {
            h.push(HRule {
                y: (r.y0 + r.y1) / 2.0,
                x0: r.x0,
                x1: r.x1,
            });
        } else if w <= 2.5 && ht >= 6.0 {
            v.push(VRule {
                x: (r.x0 + r.x1) / 2.0,
                y0: r.y0,
                y1: r.y1,
            });
        } else if p.stroked && w > 2.5 && ht > 2.5 {
            h.push(HRule {
                y: r.y0,
                x0: r.x0,
                x1: r.x1,
            });
            h.push(HRule {
                y: r.y1,
                x0: r.x0,
                x1: r.x1,
            });
            v.push(VRule {
                x: r.x0,
                y0: r.y0,
                y1: r.y1,
            });
            v.push(VRule {
                x: r.x1,
                y0: r.y0,
                y1: r.y1,
            });
        }
    }
    if h.len() < 2 || v.len() < 2 {
        return Vec::new();
    }
    // Connected components of crossing rules (union-find).
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (hi, hr) in h.iter().enumerate() {
        for (vi, vr) in v.iter().enumerate() {
            if hr.y >= vr.y0 - 2.0 && hr.y <= vr.y1 + 2.0 && vr.x >= hr.x0 - 2.0 && vr.x <= hr.x1 + 2.0 {
                let (a, b) = (find(&mut parent, hi), find(&mut parent, h.len() + vi));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<HRule>, Vec<VRule>)> = Default::default();
    for (i, hr) in h.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().0.push(*hr);
    }
    for (i, vr) in v.iter().enumerate() {
        let root = find(&mut parent, h.len() + i);
        groups.entry(root).or_default().1.push(*vr);
    }
    let mut out = Vec::new();
    for (hs, vs) in groups.values() {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let rect = Rect {
            x0: hs.iter().map(|r| r.x0).fold(f32::INFINITY, f32::min),
            x1: hs.iter().map(|r| r.x1).fold(f32::NEG_INFINITY, f32::max),
            y0: vs.iter().map(|r| r.y0).fold(f32::INFINITY, f32::min),
            y1: vs.iter().map(|r| r.y1).fold(f32::NEG_INFINITY, f32::max),
        };
        if rect.width() * rect.height() > 0.6 * pbox.width() * pbox.height() {
            continue;
        }
        let distinct = |mut xs: Vec<f32>| {
            xs.sort_by(f32::total_cmp);
            xs.dedup_by(|a, b| (*a - *b).abs() < 3.0);
            xs.len()
        };
        let rows = distinct(hs.iter().map(|r| r.y).collect()).saturating_sub(1) as u32;
        let cols = distinct(vs.iter().map(|r| r.x).collect()).saturating_sub(1) as u32;
        let text_lines = segments
            .iter()
            .filter(|s| {
                let cx = (s.x0 + s.x1) / 2.0;
                s.words > 0 && cx > rect.x0 && cx < rect.x1 && s.y > rect.y0 && s.y < rect.y1
            })
            .count();
        if text_lines == 0 {
            continue;
        }
        let region = if rows >= 2 && cols >= 2 || (rows >= 1 && cols >= 2 && text_lines >= 2) {
            Region::Table
        } else if rows == 1 && cols == 1 && text_lines >= 1 {
            Region::TextBox
        } else {
            continue;
        };
        out.push(FoundBox {
            rect,
            region,
            rows: rows.max(1),
            cols: cols.max(1),
        });
    }
    out
}
