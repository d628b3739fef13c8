//! Tables and text boxes: regions framed by ruling lines, found before blocks and columns.
//!
//! Takes the page's drawn paths and its segments; gives the grids of crossing rules (tables)
//! and single frames (text boxes) that hold text, marks each segment inside one as boxed (the
//! column stage leaves boxed segments out of its search), and records a sample of each
//! region's text.

use super::{PageBox, PageLayout, Segment};
use crate::document::{shorten, Region, TableInfo, TextBoxInfo};
use crate::pdf::interp::{PageContent, Rect};

/// A path at most this thick (pt) is a ruling line, not a box: table rules are hairlines to
/// 2 pt.
const RULE_MAX_THICKNESS_PT: f32 = 2.5;

/// A horizontal rule is at least this long (pt): shorter strokes are underlines of a letter
/// or parts of a drawn glyph.
const H_RULE_MIN_LENGTH_PT: f32 = 8.0;

/// A vertical rule is at least this long (pt): a table row is taller than one line of 6 pt
/// type, and shorter strokes are parts of drawn glyphs.
const V_RULE_MIN_LENGTH_PT: f32 = 6.0;

/// Paths looked at for rules: a page of more is a drawing, and the crossing test below looks at
/// every pair of rules.
const MAX_RULE_PATHS: usize = 5_000;

/// A horizontal and a vertical rule within this distance (pt) of meeting cross: producers
/// stop a rule at the other's edge or its centre.
const RULE_CROSSING_SLACK_PT: f32 = 2.0;

/// Rules framing more than this share of the page's area are a page border, not a table.
const MAX_BOX_PAGE_SHARE: f32 = 0.6;

/// Rules closer than this (pt) are one row or column edge, drawn twice (a frame's two
/// strokes, a cell's border and its neighbour's).
const SAME_EDGE_PT: f32 = 3.0;

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
        let holds = |s: &Segment| {
            let cx = (s.x0 + s.x1) / 2.0;
            cx > b.rect.x0 && cx < b.rect.x1 && s.y > b.rect.y0 && s.y < b.rect.y1
        };
        // A frame that fits one word or one line (a skill pill, a badge) is a background
        // behind text read in its place, not a text box.
        if b.region != Region::Table && fits_one_line(&b.rect, segments.iter().filter(|s| holds(s))) {
            continue;
        }
        let mut inside = Vec::new();
        for s in segments.iter_mut() {
            if holds(s) {
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

/// Padding (em of the text) a pill may leave on each side of its line.
const PILL_PAD_EM: f32 = 1.5;
/// Height (em of the text) a pill may have: one line and its padding.
const PILL_MAX_HEIGHT_EM: f32 = 3.0;

/// `rect` holds the segments `inside`, all on one band, with no more room around them than a
/// pill's padding (see [`PILL_PAD_EM`]).
fn fits_one_line<'s>(rect: &Rect, mut inside: impl Iterator<Item = &'s Segment>) -> bool {
    let Some(first) = inside.next() else { return false };
    let (mut x0, mut x1) = (first.x0, first.x1);
    for s in inside {
        if s.band != first.band {
            return false;
        }
        x0 = x0.min(s.x0);
        x1 = x1.max(s.x1);
    }
    let size = f32::from_bits(first.visible.size_bits);
    size > 0.0 && rect.width() <= x1 - x0 + 2.0 * PILL_PAD_EM * size && rect.height() <= PILL_MAX_HEIGHT_EM * size
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
    for p in content.paths.iter().take(MAX_RULE_PATHS) {
        let r = to_page(&p.rect);
        let (w, ht) = (r.width(), r.height());
        if ht <= RULE_MAX_THICKNESS_PT && w >= H_RULE_MIN_LENGTH_PT {
            h.push(HRule {
                y: (r.y0 + r.y1) / 2.0,
                x0: r.x0,
                x1: r.x1,
            });
        } else if w <= RULE_MAX_THICKNESS_PT && ht >= V_RULE_MIN_LENGTH_PT {
            v.push(VRule {
                x: (r.x0 + r.x1) / 2.0,
                y0: r.y0,
                y1: r.y1,
            });
        } else if p.stroked && w > RULE_MAX_THICKNESS_PT && ht > RULE_MAX_THICKNESS_PT {
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
            let slack = RULE_CROSSING_SLACK_PT;
            if hr.y >= vr.y0 - slack && hr.y <= vr.y1 + slack && vr.x >= hr.x0 - slack && vr.x <= hr.x1 + slack {
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
        if rect.width() * rect.height() > MAX_BOX_PAGE_SHARE * pbox.width() * pbox.height() {
            continue;
        }
        let distinct = |mut xs: Vec<f32>| {
            xs.sort_by(f32::total_cmp);
            xs.dedup_by(|a, b| (*a - *b).abs() < SAME_EDGE_PT);
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

#[cfg(test)]
mod tests {
    use super::super::tests::{set_text, LETTER};
    use super::super::{layout, PageLayout};
    use super::*;
    use crate::pdf::interp::Painted;

    fn stroked(x0: f32, y0: f32, x1: f32, y1: f32) -> Painted {
        Painted {
            rect: Rect { x0, y0, x1, y1 },
            stroked: true,
            dark_fill: false,
        }
    }

    fn laid_out(text: &[(f32, f32, &str)], paths: Vec<Painted>) -> PageLayout {
        let mut glyphs = Vec::new();
        for &(x, y, t) in text {
            set_text(&mut glyphs, (x, y), 10.0, 5.0, t);
        }
        let content = PageContent {
            glyphs,
            paths,
            ..PageContent::default()
        };
        layout(1, &content, LETTER)
    }

    #[test]
    fn a_grid_of_rules_around_text_is_a_table() {
        // Three horizontal and three vertical hairlines: two rows of two cells.
        let mut rules = Vec::new();
        for y in [640.0, 670.0, 700.0] {
            rules.push(stroked(70.0, y, 370.0, y + 0.5));
        }
        for x in [70.0, 220.0, 370.0] {
            rules.push(stroked(x, 640.0, x + 0.5, 700.5));
        }
        let page = laid_out(
            &[
                (75.0, 680.0, "Rust"),
                (225.0, 680.0, "Expert"),
                (75.0, 650.0, "Go"),
                (225.0, 650.0, "Fluent"),
            ],
            rules,
        );
        assert_eq!(page.tables.len(), 1, "{:?}", page.tables);
        assert_eq!((page.tables[0].rows, page.tables[0].cols), (2, 2));
        assert!(page.tables[0].sample.contains("Rust"));
        assert!(page.lines.iter().all(|l| l.region == Region::Table));
    }

    #[test]
    fn one_frame_around_text_is_a_text_box_and_a_page_border_is_neither() {
        let page = laid_out(
            &[(80.0, 680.0, "Open to relocation")],
            vec![stroked(70.0, 670.0, 300.0, 700.0)],
        );
        assert!(page.tables.is_empty());
        assert_eq!(page.text_boxes.len(), 1);
        assert_eq!(page.lines[0].region, Region::TextBox);

        let page = laid_out(
            &[(80.0, 680.0, "Open to relocation")],
            vec![stroked(10.0, 10.0, 602.0, 782.0)],
        );
        assert!(page.tables.is_empty() && page.text_boxes.is_empty());
        assert_eq!(page.lines[0].region, Region::Body);
    }

    /// Dev class D8: a frame 2 pt larger than its word on each side (a skill pill) is a
    /// background, read in its place, not a text box.
    #[test]
    fn a_frame_that_fits_one_word_is_no_text_box() {
        let width = 6.0 * 5.0;
        let page = laid_out(
            &[(80.0, 680.0, "Python"), (80.0, 640.0, "A line of body text below it")],
            vec![stroked(78.0, 676.0, 80.0 + width + 2.0, 690.0)],
        );
        assert!(page.text_boxes.is_empty(), "{:?}", page.text_boxes);
        assert_eq!(page.lines[0].region, Region::Body);
        assert_eq!(page.lines[0].text, "Python");
    }
}
