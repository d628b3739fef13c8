//! From positioned glyphs to lines in reading order, with the page's layout signals.
//!
//! Glyphs are grouped into baseline bands, bands are cut into segments at wide gaps, and a
//! column gutter is searched for among segment left edges: a gutter is real only where text
//! blocks stand side by side for several lines with no segment crossing it. Columns are then
//! read one after the other, as a careful reader does; elsewhere bands are read top-down.

use std::ops::Range;

use super::interp::{Glyph, PageContent, Rect};
use crate::document::{
    shorten, ColumnRegion, HiddenReason, HiddenText, ImageInfo, Line, Region, TableInfo, TextBoxInfo, TextSpan,
};
use crate::textnorm::{clean_line, compose_accent, hyphen_join};

/// A page's box in PDF user space.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl PageBox {
    fn width(&self) -> f32 {
        (self.x1 - self.x0).abs().max(1.0)
    }
    fn height(&self) -> f32 {
        (self.y1 - self.y0).abs().max(1.0)
    }
}

/// What one page yields.
#[derive(Debug, Default)]
pub(crate) struct PageLayout {
    pub lines: Vec<Line>,
    pub columns: Vec<ColumnRegion>,
    pub tables: Vec<TableInfo>,
    pub text_boxes: Vec<TextBoxInfo>,
    pub images: Vec<ImageInfo>,
    pub tiny_text: Vec<TextSpan>,
    pub hidden_text: Vec<HiddenText>,
    pub image_only: bool,
}

/// A glyph in page space: x from the left edge, y (baseline) from the top edge.
struct G<'a> {
    x: f32,
    y: f32,
    w: f32,
    size: f32,
    g: &'a Glyph,
    /// `g.text`, read once: the passes below look at it several times per glyph.
    text: &'a str,
    /// The text is white space (or nothing).
    blank: bool,
    hidden: Option<HiddenReason>,
}

/// A horizontal run of glyphs on one baseline band without a wide gap.
struct Segment {
    band: usize,
    x0: f32,
    x1: f32,
    y: f32,
    /// The glyphs, as a range of the page's reading order (`order` in [`layout`]).
    glyphs: Range<usize>,
    /// The segment's text, joined once (see [`join_glyphs`]).
    text: String,
    words: usize,
    first_seq: u32,
    /// Set when the segment sits in a table or text box.
    boxed: Option<(usize, Region)>,
}

pub(crate) fn layout(page: u32, content: &PageContent, pbox: PageBox) -> PageLayout {
    let mut out = PageLayout::default();
    let (pw, ph) = (pbox.width(), pbox.height());

    // Images, and whether the page is a scan.
    let mut image_area = 0.0;
    for r in &content.images {
        let share = ((r.width() * r.height()) / (pw * ph)).clamp(0.0, 1.0);
        image_area += share;
        out.images.push(ImageInfo {
            page,
            width: r.width().abs(),
            height: r.height().abs(),
            page_share: share,
        });
    }
    let scanned = image_area >= 0.5;

    let dark_fills: Vec<Rect> = content
        .paths
        .iter()
        .filter(|p| p.dark_fill && p.rect.width() > 3.0 && p.rect.height() > 3.0)
        .map(|p| p.rect)
        .collect();

    // Page-space glyphs, with why each is hidden (if it is).
    let mut upright: Vec<G> = Vec::with_capacity(content.glyphs.len());
    let mut rotated: Vec<&Glyph> = Vec::new();
    let mut visible_chars = 0;
    for g in &content.glyphs {
        let blank = g.text.is_blank();
        visible_chars += usize::from(!g.invisible && !blank);
        if g.rotated {
            rotated.push(g);
            continue;
        }
        let x = g.x - pbox.x0;
        let y = pbox.y1 - g.y;
        let hidden = if g.invisible && !scanned {
            Some(HiddenReason::Invisible)
        } else if g.size <= 1.0 {
            Some(HiddenReason::Microscopic)
        } else if x > pw + 2.0 || x + g.width < -2.0 || y < -2.0 || y > ph + g.size {
            Some(HiddenReason::OffPage)
        } else if g.white
            && !dark_fills
                .iter()
                .any(|r| contains(r, g.x + g.width / 2.0, g.y + g.size / 3.0))
        {
            Some(HiddenReason::WhiteOnWhite)
        } else {
            None
        };
        upright.push(G {
            x,
            y,
            w: g.width.max(0.0),
            size: g.size.max(0.1),
            g,
            text: &g.text,
            blank,
            hidden,
        });
    }
    out.image_only = visible_chars < 20 && !content.images.is_empty() && image_area >= 0.3;

    // Baseline bands: glyphs by baseline, then x (the index breaks ties, so that the unstable
    // sort orders as a stable one would), and bands as runs of that order. Ranges of one
    // vector rather than a vector per band and segment: their growth was ~8% of the layout.
    // With this, the cached glyph text and the median selection below, `layout` went from
    // 2.29M to 1.40M instructions on `bench-000-ml_engineer.pdf`.
    //
    // The sorts compare packed integer keys (`sort_key`, in `total_cmp`'s order): over the
    // files of `tools/icount.sh`, sorting `(f32, f32, usize)` tuples with `total_cmp` cost 5.0M
    // instructions, and the bands' stable sorts on `x` more; these two sorts take 3.7M.
    let mut keyed: Vec<u128> = upright
        .iter()
        .enumerate()
        .map(|(i, g)| (sort_key(g.y) as u128) << 64 | (sort_key(g.x) as u128) << 32 | i as u128)
        .collect();
    keyed.sort_unstable();
    let mut order: Vec<usize> = keyed.iter().map(|&k| k as u32 as usize).collect();
    let mut bands: Vec<Range<usize>> = Vec::new();
    let mut band_y = f32::NEG_INFINITY;
    let mut band_size = 0.0f32;
    for (k, &i) in order.iter().enumerate() {
        let g = &upright[i];
        let tol = 0.35 * g.size.min(band_size.max(0.1)).max(1.0);
        if bands.is_empty() || g.y - band_y > tol {
            bands.push(k..k);
            band_y = g.y;
            band_size = g.size;
        }
        if let Some(b) = bands.last_mut() {
            b.end = k + 1;
        }
    }

    // Segments: bands cut at wide gaps.
    let mut segments: Vec<Segment> = Vec::new();
    for (bi, band) in bands.iter().enumerate() {
        // By x, ties kept in the band's order (by y, then index): one unique key per glyph.
        keyed.clear();
        keyed.extend(order[band.clone()].iter().map(|&i| {
            let g = &upright[i];
            (sort_key(g.x) as u128) << 64 | (sort_key(g.y) as u128) << 32 | i as u128
        }));
        keyed.sort_unstable();
        for (slot, &k) in order[band.clone()].iter_mut().zip(&keyed) {
            *slot = k as u32 as usize;
        }
        // The segment being gathered is `start..k`.
        let mut start = band.start;
        let mut right = f32::NEG_INFINITY;
        for k in band.clone() {
            let g = &upright[order[k]];
            if k > start && g.x - right > 0.9 * g.size.max(4.0) {
                segments.push(segment(bi, start..k, &order, &upright));
                start = k;
            }
            right = right.max(g.x + g.w);
            if k == start {
                right = g.x + g.w;
            }
        }
        if band.end > start {
            segments.push(segment(bi, start..band.end, &order, &upright));
        }
    }

    // Tables and text boxes from ruling lines and frames.
    let boxes = find_boxes(content, pbox, &segments);
    for (bi, b) in boxes.iter().enumerate() {
        let mut inside = Vec::new();
        for s in segments.iter_mut() {
            let cx = (s.x0 + s.x1) / 2.0;
            if cx > b.rect.x0 && cx < b.rect.x1 && s.y > b.rect.y0 && s.y < b.rect.y1 {
                s.boxed = Some((bi, b.region));
                inside.push(s.text.as_str());
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

    // Columns.
    let gutter = find_gutter(&segments);

    // Emit lines: bands top-down; a column region emits its left column, then its right one.
    let mut emitted_regions = vec![false; gutter.as_ref().map_or(0, |g| g.regions.len())];
    // Segments are made band by band, so a band's segments are a range of them.
    let mut seg_by_band: Vec<Range<usize>> = vec![0..0; bands.len()];
    for (si, s) in segments.iter().enumerate() {
        let r = &mut seg_by_band[s.band];
        if r.start == r.end {
            *r = si..si;
        }
        r.end = si + 1;
    }
    // Each line's segments as a range of `line_segs`, and its column: one vector for the page
    // rather than one per line.
    let mut line_segs: Vec<usize> = Vec::with_capacity(segments.len());
    let mut band_lines: Vec<(Range<usize>, u8)> = Vec::new();
    for (bi, segs) in seg_by_band.iter().enumerate() {
        if segs.is_empty() {
            continue;
        }
        if let Some(g) = &gutter {
            if let Some(ri) = g.regions.iter().position(|r| r.first_band <= bi && bi <= r.last_band) {
                if emitted_regions[ri] {
                    continue;
                }
                emitted_regions[ri] = true;
                let r = &g.regions[ri];
                let mut samples = Vec::new();
                for side in 0..2u8 {
                    let first = (r.first_band..=r.last_band)
                        .flat_map(|b| seg_by_band[b].clone())
                        .find(|&si| (segments[si].x0 >= g.x - 1.5) == (side == 1) && segments[si].words > 0);
                    if let Some(si) = first {
                        samples.push(shorten(&clean_line(&segments[si].text), 40));
                    }
                }
                for side in 0..2u8 {
                    for band_segments in &seg_by_band[r.first_band..=r.last_band] {
                        let start = line_segs.len();
                        line_segs.extend(
                            band_segments
                                .clone()
                                .filter(|&si| (segments[si].x0 >= g.x - 1.5) == (side == 1)),
                        );
                        if line_segs.len() > start {
                            band_lines.push((start..line_segs.len(), side));
                        }
                    }
                }
                out.columns.push(ColumnRegion {
                    page,
                    columns: 2,
                    top: r.top,
                    bottom: r.bottom,
                    content_order_differs: r.content_order_differs,
                    samples,
                });
                continue;
            }
        }
        let start = line_segs.len();
        line_segs.extend(segs.clone());
        band_lines.push((start..line_segs.len(), 0));
    }

    // Buffers for every line of the page.
    let mut glyphs: Vec<usize> = Vec::new();
    let mut joined = String::new();
    let mut scratch: Vec<f32> = Vec::new();
    for (segs, column) in band_lines {
        glyphs.clear();
        joined.clear();
        let mut boxed = None;
        for (k, &si) in line_segs[segs].iter().enumerate() {
            let s = &segments[si];
            boxed = boxed.or(s.boxed);
            glyphs.extend_from_slice(&order[s.glyphs.clone()]);
            if k > 0 {
                joined.push(' ');
            }
            joined.push_str(&s.text);
        }
        let text = clean_line(&joined);
        if text.is_empty() {
            continue;
        }
        let line = make_line(
            page,
            text,
            &glyphs,
            &upright,
            column,
            boxed.map_or(Region::Body, |b| b.1),
            &mut scratch,
        );
        record_hidden_and_tiny(page, &glyphs, &upright, &line, &mut out);
        out.lines.push(line);
    }

    // Rotated text: one line per run in content order.
    if !rotated.is_empty() {
        let text = clean_line(&rotated.iter().map(|g| &*g.text).collect::<String>());
        if !text.is_empty() {
            out.lines.push(Line {
                text,
                page,
                font_size: rotated[0].size,
                ..Line::default()
            });
        }
    }

    rejoin_hyphenated(&mut out.lines);
    out
}

/// A key whose unsigned order is `f32::total_cmp`'s order of `v` (the transform `total_cmp`
/// itself applies, shifted to unsigned).
fn sort_key(v: f32) -> u32 {
    let bits = v.to_bits() as i32;
    let flipped = bits ^ (((bits >> 31) as u32) >> 1) as i32;
    (flipped as u32) ^ 0x8000_0000
}

fn contains(r: &Rect, x: f32, y: f32) -> bool {
    x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

fn segment(band: usize, range: Range<usize>, order: &[usize], all: &[G]) -> Segment {
    let glyphs = &order[range.clone()];
    let mut x0 = f32::INFINITY;
    let mut x1 = f32::NEG_INFINITY;
    let mut first_seq = u32::MAX;
    for &i in glyphs {
        let g = &all[i];
        x0 = x0.min(g.x);
        x1 = x1.max(g.x + g.w);
        first_seq = first_seq.min(g.g.seq);
    }
    if glyphs.is_empty() {
        first_seq = 0;
    }
    let y = glyphs.first().map_or(0.0, |&i| all[i].y);
    let text = join_glyphs(glyphs, all);
    let words = count_words(&text);
    Segment {
        band,
        x0,
        x1,
        y,
        glyphs: range,
        text,
        words,
        first_seq,
        boxed: None,
    }
}

/// Words (runs between white space) holding a letter or digit.
fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
    }
    // The same count on bytes: for ASCII, `char::is_whitespace` is these six and
    // `char::is_alphanumeric` is `u8::is_ascii_alphanumeric`.
    let mut words = 0;
    let mut counted = false;
    for &b in text.as_bytes() {
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            counted = false;
        } else if !counted && b.is_ascii_alphanumeric() {
            words += 1;
            counted = true;
        }
    }
    words
}

/// Joins glyphs (sorted by x) into text: spaces from gaps, fake-bold doubles dropped, spacing
/// accents composed with the letter they sit on.
fn join_glyphs(glyphs: &[usize], all: &[G]) -> String {
    let mut s = String::with_capacity(glyphs.len());
    let mut prev: Option<&G> = None;
    let mut pending_space = false;
    for &i in glyphs {
        let g = &all[i];
        if g.blank {
            pending_space = true;
            prev = Some(g);
            continue;
        }
        if let Some(p) = prev {
            // Positions first: they rule out nearly every glyph, and cost less than the text.
            if (g.x - p.x).abs() < 0.3 * p.w.max(0.5) && (g.y - p.y).abs() < 1.0 && p.g.text == g.g.text {
                continue;
            }
            let gap = g.x - (p.x + p.w);
            if gap > 0.17 * p.size.min(g.size) {
                pending_space = true;
            }
            // A spacing accent drawn over the previous letter (positions first: they rule
            // out nearly every glyph, and cost less than decoding its text).
            if !pending_space && g.x < p.x + p.w * 0.9 {
                if let Some(acc) = single_char(g.text) {
                    if let Some(base) = s.chars().last() {
                        if let Some(c) = compose_accent(base, acc) {
                            s.pop();
                            s.push(c);
                            continue;
                        }
                    }
                }
            }
            // A letter under an accent drawn just before it.
            if g.x < p.x + p.w * 0.9 && p.x < g.x + g.w {
                if let (Some(acc), Some(base)) = (single_char(p.text), single_char(g.text)) {
                    if let Some(c) = compose_accent(base, acc) {
                        if s.ends_with(acc) {
                            s.pop();
                            s.push(c);
                            prev = Some(g);
                            pending_space = false;
                            continue;
                        }
                    }
                }
            }
        }
        if pending_space && !s.is_empty() {
            s.push(' ');
        }
        pending_space = false;
        match g.text.as_bytes() {
            // One ASCII byte, the usual glyph, pushed without a call to copy it.
            [b] => s.push(*b as char),
            _ => s.push_str(g.text),
        }
        prev = Some(g);
    }
    s
}

/// The one character `text` is made of, if it is one.
fn single_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Glyphs that open a list item wherever they stand.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '●', '○', '■', '□', '‣', '⁃', '∙', '➢', '➤', '►', '✓', '✔', '♦', '❖',
];
/// Dashes and stars open a list item only when a tab-like gap follows them: "– Feb 2021" at
/// the start of a wrapped line is a date range, not a bullet.
const DASH_BULLETS: &[char] = &['–', '-', '*', '·', '—'];

fn make_line(
    page: u32,
    mut text: String,
    glyphs: &[usize],
    all: &[G],
    column: u8,
    region: Region,
    scratch: &mut Vec<f32>,
) -> Line {
    let mut bullet = false;
    if let Some(first) = text.chars().next() {
        let rest = &text[first.len_utf8()..];
        let gap_after_first = {
            let mut vis = glyphs.iter().map(|&i| &all[i]).filter(|g| !g.blank);
            match (vis.next(), vis.next()) {
                (Some(a), Some(b)) => (b.x - (a.x + a.w)) / a.size.max(1.0),
                _ => 0.0,
            }
        };
        let is_bullet = (BULLETS.contains(&first) && !rest.is_empty())
            || (DASH_BULLETS.contains(&first) && rest.starts_with(' ') && gap_after_first >= 0.45);
        if is_bullet {
            bullet = true;
            text = rest.trim_start().to_string();
        }
    }
    let mut n = 0usize;
    let (mut bold, mut italic) = (0usize, 0usize);
    let mut x = f32::INFINITY;
    let mut right = f32::NEG_INFINITY;
    for g in glyphs.iter().map(|&i| &all[i]).filter(|g| !g.blank) {
        n += 1;
        bold += usize::from(g.g.bold);
        italic += usize::from(g.g.italic);
        x = x.min(g.x);
        right = right.max(g.x + g.w);
    }
    let n = n.max(1);
    let bold = bold * 2 > n;
    let italic = italic * 2 > n;
    let visible = || glyphs.iter().map(|&i| &all[i]).filter(|g| !g.blank);
    let font_size = median(visible().map(|g| g.size), scratch);
    let y = median(visible().map(|g| g.y), scratch);
    Line {
        text,
        start: 0,
        page,
        x: if x.is_finite() { x } else { 0.0 },
        y,
        width: if right.is_finite() && x.is_finite() {
            right - x
        } else {
            0.0
        },
        font_size: round1(font_size),
        bold,
        italic,
        bullet,
        heading_level: None,
        region,
        column,
    }
}

/// The upper median (the value at index `len / 2` once sorted), 0 for none. Selected rather than
/// sorted (sorting two lists per line was most of [`make_line`]); `total_cmp` is a total order
/// whose ties are the same bits, so the value is the one sorting gives. Most lines are set in
/// one size on one baseline: values all of the same bits are that value, found without
/// selecting (the selection was 4.2M of the layout's 50.7M instructions over the files of
/// `tools/icount.sh`). `scratch` is a buffer the caller keeps for every line.
fn median(values: impl Iterator<Item = f32>, scratch: &mut Vec<f32>) -> f32 {
    scratch.clear();
    scratch.extend(values);
    let Some(first) = scratch.first() else {
        return 0.0;
    };
    if scratch.iter().all(|v| v.to_bits() == first.to_bits()) {
        return *first;
    }
    let mid = scratch.len() / 2;
    *scratch.select_nth_unstable_by(mid, f32::total_cmp).1
}

fn round1(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

fn record_hidden_and_tiny(page: u32, glyphs: &[usize], all: &[G], line: &Line, out: &mut PageLayout) {
    // Nearly every line hides nothing: one look, rather than four.
    let any_hidden = glyphs.iter().any(|&i| all[i].hidden.is_some());
    for reason in [
        HiddenReason::Invisible,
        HiddenReason::WhiteOnWhite,
        HiddenReason::OffPage,
        HiddenReason::Microscopic,
    ] {
        if !any_hidden {
            break;
        }
        let ids: Vec<usize> = glyphs
            .iter()
            .copied()
            .filter(|&i| all[i].hidden == Some(reason))
            .collect();
        if ids.iter().any(|&i| !all[i].blank) {
            let text = clean_line(&join_glyphs(&ids, all));
            if !text.is_empty() && out.hidden_text.len() < 200 {
                out.hidden_text.push(HiddenText {
                    page,
                    text: shorten(&text, 120),
                    reason,
                });
            }
        }
    }
    if line.font_size > 1.0 && line.font_size < 8.0 && out.tiny_text.len() < 200 {
        out.tiny_text.push(TextSpan {
            page,
            text: shorten(&line.text, 120),
            font_size: line.font_size,
            band: None,
            repeated: false,
        });
    }
}

/// Moves the first word of a line to the end of the previous one when that ends in a
/// hyphenated word break ("fault-" / "tolerant" → "fault-tolerant").
fn rejoin_hyphenated(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let same_flow = lines[i].column == lines[i + 1].column && lines[i].region == lines[i + 1].region;
        if same_flow && lines[i].text.ends_with('-') {
            let next = lines[i + 1].text.clone();
            let (first, rest) = match next.split_once(' ') {
                Some((f, r)) => (f.to_string(), r.to_string()),
                None => (next.clone(), String::new()),
            };
            if let Some(joined) = hyphen_join(&lines[i].text, &first) {
                lines[i].text = joined;
                if rest.is_empty() {
                    lines.remove(i + 1);
                    continue;
                }
                lines[i + 1].text = rest;
            }
        }
        i += 1;
    }
}

struct Gutter {
    x: f32,
    regions: Vec<ColumnSpan>,
}

struct ColumnSpan {
    first_band: usize,
    last_band: usize,
    top: f32,
    bottom: f32,
    content_order_differs: bool,
}

/// Finds a vertical gutter with text blocks side by side on both sides for several lines.
fn find_gutter(segments: &[Segment]) -> Option<Gutter> {
    let free: Vec<&Segment> = segments.iter().filter(|s| s.boxed.is_none() && s.words > 0).collect();
    if free.len() < 6 {
        return None;
    }
    let min_x = free.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min);
    // Candidate gutters: left edges (rounded) used by several segments, right of the margin.
    let mut edges: Vec<f32> = free
        .iter()
        .map(|s| s.x0.round())
        .filter(|&x| x > min_x + 30.0)
        .collect();
    edges.sort_by(f32::total_cmp);
    edges.dedup();
    // By band, then left edge: the order every candidate reads them in, sorted once rather than
    // once per candidate.
    let mut by_band = free.clone();
    by_band.sort_by(|a, b| a.band.cmp(&b.band).then(a.x0.total_cmp(&b.x0)));
    let mut best: Option<(usize, Gutter)> = None;
    for &g in &edges {
        let uses = free.iter().filter(|s| (s.x0 - g).abs() <= 1.5).count();
        if uses < 3 {
            continue;
        }
        let regions = regions_for(&by_band, g);
        let score: usize = regions.iter().map(|r| r.1).sum();
        if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((
                score,
                Gutter {
                    x: g,
                    regions: regions.into_iter().map(|r| r.0).collect(),
                },
            ));
        }
    }
    best.map(|(_, g)| g)
}

/// Column regions for gutter `g`: runs of bands with no segment crossing it. `by_band`: the
/// segments by band, then left edge.
fn regions_for(by_band: &[&Segment], g: f32) -> Vec<(ColumnSpan, usize)> {
    let mut out = Vec::new();
    let mut run: Vec<&Segment> = Vec::new();
    let flush = |run: &mut Vec<&Segment>, out: &mut Vec<(ColumnSpan, usize)>| {
        if let Some(r) = evaluate_region(run, g) {
            out.push(r);
        }
        run.clear();
    };
    for &s in by_band {
        let crosses = s.x0 < g - 1.5 && s.x1 > g + 1.5;
        if crosses {
            flush(&mut run, &mut out);
        } else {
            run.push(s);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn evaluate_region(run: &[&Segment], g: f32) -> Option<(ColumnSpan, usize)> {
    let (left, right): (Vec<&Segment>, Vec<&Segment>) = run.iter().partition(|s| s.x0 < g - 1.5);
    let lines = |side: &[&Segment]| {
        let mut b: Vec<usize> = side.iter().map(|s| s.band).collect();
        b.dedup();
        b.len()
    };
    let words = |side: &[&Segment]| side.iter().map(|s| s.words).sum::<usize>();
    let (lw, rw) = (words(&left), words(&right));
    if lines(&left) < 3 || lines(&right) < 3 || lw < 20 || rw < 20 {
        return None;
    }
    // A gutter needs air: the left column must stop short of it.
    if left.iter().any(|s| s.x1 > g - 3.0) {
        return None;
    }
    // Side by side, not one above the other.
    let extent = |side: &[&Segment]| {
        let top = side.iter().map(|s| s.y).fold(f32::INFINITY, f32::min);
        let bottom = side.iter().map(|s| s.y).fold(f32::NEG_INFINITY, f32::max);
        (top, bottom)
    };
    let (lt, lb) = extent(&left);
    let (rt, rb) = extent(&right);
    let overlap = lb.min(rb) - lt.max(rt);
    if overlap < 0.4 * (lb - lt).min(rb - rt) {
        return None;
    }
    // Content order: does the file's own order switch between the columns more than once?
    let mut seq: Vec<(u32, bool)> = run.iter().map(|s| (s.first_seq, s.x0 >= g - 1.5)).collect();
    seq.sort_by_key(|p| p.0);
    let switches = seq.windows(2).filter(|w| w[0].1 != w[1].1).count();
    let starts_right = seq.first().is_some_and(|p| p.1);
    Some((
        ColumnSpan {
            first_band: run.iter().map(|s| s.band).min().unwrap_or(0),
            last_band: run.iter().map(|s| s.band).max().unwrap_or(0),
            top: lt.min(rt),
            bottom: lb.max(rb),
            content_order_differs: switches > 1 || starts_right,
        },
        lw.min(rw),
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_order_as_total_cmp_does() {
        let values = [
            f32::NEG_INFINITY,
            -1e30,
            -2.5,
            -1.0,
            -f32::MIN_POSITIVE,
            -0.0,
            0.0,
            f32::MIN_POSITIVE,
            1.0,
            1.5,
            2.5,
            1e30,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
        ];
        for a in values {
            for b in values {
                assert_eq!(sort_key(a).cmp(&sort_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    #[test]
    fn words_count_as_split_whitespace_does() {
        let general = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        for t in [
            "",
            "  ",
            "a",
            "Senior ML engineer, 2019 - 2021",
            " - • x\tb\x0Bc\x0Cd\re\nf ",
            "--- ... a1 !!",
            "\x1Ca\x1Fb",
            "naïve café",
        ] {
            assert_eq!(count_words(t), general(t), "{t:?}");
        }
    }

    #[test]
    fn median_is_the_upper_middle_value() {
        let mut scratch = Vec::new();
        assert_eq!(median([].into_iter(), &mut scratch), 0.0);
        assert_eq!(median([3.0, 1.0, 2.0].into_iter(), &mut scratch), 2.0);
        assert_eq!(median([4.0, 1.0, 3.0, 2.0].into_iter(), &mut scratch), 3.0);
        assert_eq!(median([7.5; 9].into_iter(), &mut scratch), 7.5);
        // -0.0 and 0.0 differ in bits: selected, not taken as all equal.
        assert_eq!(
            median([0.0, -0.0, -0.0].into_iter(), &mut scratch).to_bits(),
            (-0.0f32).to_bits()
        );
    }
}
