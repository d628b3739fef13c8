//! From positioned glyphs to lines in reading order, with the page's layout signals.
//!
//! Glyphs are grouped into baseline bands and bands are cut into segments at wide gaps (here);
//! [`columns`] then finds blocks and columns among the segments and puts them in reading
//! order: a gutter is real only where text blocks stand side by side for several lines with no
//! line spanning it, columns are read one after the other, as a careful reader does, and
//! elsewhere bands are read top-down, split where their pieces belong to different blocks.

use std::ops::Range;

use super::interp::{Glyph, GlyphText, PageContent, Rect};
use crate::document::{
    shorten, ColumnRegion, HiddenReason, HiddenText, ImageInfo, Line, Region, TableInfo, TextBoxInfo, TextSpan,
};
use crate::textnorm::{clean_line, combining_for_spacing_accent, compose_accent, hyphen_join, is_ascii_space};
use unicode_normalization::char::is_combining_mark;

mod columns;

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
    /// `sort_key(x)`, kept for the check that a band is already in x order.
    x_key: u32,
    /// The text when it is one ASCII character (the usual glyph), else 0: the passes below
    /// read it without going through `g.text`'s variants.
    ascii: u8,
    /// The text is white space (or nothing).
    blank: bool,
    hidden: Option<HiddenReason>,
}

impl G<'_> {
    fn text(&self) -> &str {
        &self.g.text
    }
}

/// A horizontal run of glyphs on one baseline band without a wide gap.
struct Segment {
    band: usize,
    x0: f32,
    x1: f32,
    y: f32,
    /// The glyphs, as a range of the page's reading order (`order` in [`layout`]).
    glyphs: Range<usize>,
    /// The segment's text, joined once (see [`join_glyphs`]), as a range of the page's
    /// `seg_text`: one buffer for the page rather than a string per segment.
    text: Range<usize>,
    /// The text is its own [`clean_line`] (see [`join_glyphs`]).
    clean: bool,
    words: usize,
    first_seq: u32,
    /// Set when the segment sits in a table or text box.
    boxed: Option<(usize, Region)>,
    /// What a line of this segment alone needs of its glyphs (most lines are one segment).
    visible: Visible,
}

/// What a line needs of its visible (not blank) glyphs, gathered in one pass.
#[derive(Clone, Copy)]
struct Visible {
    n: usize,
    bold: usize,
    italic: usize,
    /// The least x (the first glyph's, when the glyphs come in x order and it is not NaN:
    /// see [`Gathering::finish`]), and the greatest right edge.
    x: f32,
    right: f32,
    any_hidden: bool,
    /// The first two, as indices of the page's glyphs.
    first: Option<usize>,
    second: Option<usize>,
    /// Every size, and every baseline, has the first glyph's bits.
    one_size: bool,
    one_y: bool,
    size_bits: u32,
    y_bits: u32,
}

impl Visible {
    const NONE: Visible = Visible {
        n: 0,
        bold: 0,
        italic: 0,
        x: f32::INFINITY,
        right: f32::NEG_INFINITY,
        any_hidden: false,
        first: None,
        second: None,
        one_size: true,
        one_y: true,
        size_bits: 0,
        y_bits: 0,
    };

    /// Adds the visible glyph `g`, `i` among the page's glyphs.
    fn add(&mut self, i: usize, g: &G) {
        if self.n == 0 {
            self.first = Some(i);
            self.size_bits = g.size.to_bits();
            self.y_bits = g.y.to_bits();
            self.x = g.x;
        } else if self.n == 1 {
            self.second = Some(i);
        }
        self.n += 1;
        self.bold += usize::from(g.g.bold);
        self.italic += usize::from(g.g.italic);
        self.right = self.right.max(g.x + g.w);
        self.any_hidden |= g.hidden.is_some();
        self.one_size &= g.size.to_bits() == self.size_bits;
        self.one_y &= g.y.to_bits() == self.y_bits;
    }

    fn of(glyphs: &[usize], all: &[G]) -> Visible {
        let mut v = Visible::NONE;
        for &i in glyphs {
            if !all[i].blank {
                v.add(i, &all[i]);
            }
        }
        v.x = visible_x(glyphs, all);
        v
    }
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

    // Page-space glyphs, with why each is hidden (if it is), and their keys for the sort below.
    //
    // Baseline bands: glyphs by baseline, then x (the index breaks ties, so that the unstable
    // sort orders as a stable one would), and bands as runs of that order. Ranges of one
    // vector rather than a vector per band and segment: their growth was ~8% of the layout.
    //
    // The sorts compare packed integer keys (`sort_key`, in `total_cmp`'s order): over the
    // files of `scripts/icount.sh`, sorting `(f32, f32, usize)` tuples with `total_cmp` cost 5.0M
    // instructions, and the bands' stable sorts on `x` more; these two sorts take 3.7M.
    //
    // One pass over the content's glyphs makes the page-space glyphs, their sort keys and the
    // rotated glyphs: a loop rather than a closure per glyph, whose captured page bounds were
    // loaded again for every glyph.
    let mut visible_chars = 0;
    let mut rotated: Vec<&Glyph> = Vec::new();
    let mut upright: Vec<G> = Vec::with_capacity(content.glyphs.len());
    let mut keyed: Vec<u128> = Vec::with_capacity(content.glyphs.len());
    let right_limit = pw + 2.0;
    for g in &content.glyphs {
        let (ascii, blank) = match g.text {
            // `is_blank` of one ASCII character, without its call.
            GlyphText::Ascii(b) if b.is_ascii() => (b, is_ascii_space(b)),
            _ if is_drawn_soft_hyphen(g) => (b'-', false),
            _ => (0, g.text.is_blank()),
        };
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
        } else if x > right_limit || x + g.width < -2.0 || y < -2.0 || y > ph + g.size {
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
        let x_key = sort_key(x);
        keyed.push((sort_key(y) as u128) << 64 | (x_key as u128) << 32 | upright.len() as u128);
        upright.push(G {
            x,
            y,
            // `g.width.max(0.0)` (NaN to 0) in one compare.
            w: if g.width > 0.0 { g.width } else { 0.0 },
            size: g.size.max(0.1),
            g,
            x_key,
            ascii,
            blank,
            hidden,
        });
    }
    out.image_only = visible_chars < 20 && !content.images.is_empty() && image_area >= 0.3;

    keyed.sort_unstable();
    let mut order: Vec<usize> = keyed.iter().map(|&k| k as u32 as usize).collect();
    // Each band, and whether its x keys never fall along it: then it is in (x, y, index)
    // order already (each neighbour pair is), and most bands are. A band with two runs woven
    // together on one baseline (see `woven`) is marked out of order too, for
    // `split_overprinted` to look at.
    let mut bands: Vec<(Range<usize>, bool)> = Vec::new();
    let mut band_start = 0;
    let mut band_y = f32::NEG_INFINITY;
    // `band_size.max(0.1)` of the band's first glyph; sizes are never NaN (`G::size`).
    let mut band_cap = 0.1f32;
    let mut in_x_order = true;
    let mut last_x_key = 0;
    let mut prev = 0;
    for (k, &i) in order.iter().enumerate() {
        let g = &upright[i];
        let tol = BAND_TOLERANCE_EM * max_of(min_of(g.size, band_cap), 1.0);
        if k == 0 || g.y - band_y > tol {
            if k > 0 {
                bands.push((band_start..k, in_x_order));
            }
            band_start = k;
            band_y = g.y;
            band_cap = max_of(g.size, 0.1);
            in_x_order = true;
        } else {
            in_x_order &= g.x_key >= last_x_key && !woven(&upright[prev], g);
        }
        last_x_key = g.x_key;
        prev = i;
    }
    if !order.is_empty() {
        bands.push((band_start..order.len(), in_x_order));
    }
    split_overprinted(&mut bands, &mut order, &upright);
    let bands = attach_scripts(bands, &order, &upright);

    // Segments: bands cut at wide gaps.
    let mut segments: Vec<Segment> = Vec::with_capacity(bands.len());
    let mut seg_word_gaps: Vec<f32> = Vec::new();
    let mut seg_text = String::with_capacity(upright.len() + upright.len() / 4);
    for (bi, (band, in_x_order)) in bands.iter().enumerate() {
        // By x, ties kept in the band's order (by y, then index): one unique key per glyph.
        if !in_x_order {
            keyed.clear();
            keyed.extend(order[band.clone()].iter().map(|&i| {
                let g = &upright[i];
                (g.x_key as u128) << 64 | (sort_key(g.y) as u128) << 32 | i as u128
            }));
            keyed.sort_unstable();
            for (slot, &k) in order[band.clone()].iter_mut().zip(&keyed) {
                *slot = k as u32 as usize;
            }
        }
        // Each segment's word gap, from how its letters are set (see `word_gaps`).
        word_gaps(&order[band.clone()], &upright, &mut seg_word_gaps);
        let mut seg_word_gap = seg_word_gaps.iter().copied();
        // The segment being gathered is `start..k`: its extent, summary and text in the same
        // pass that finds where it ends.
        let mut start = band.start;
        let mut right = f32::NEG_INFINITY;
        let mut gathering = Gathering::new(&seg_text, seg_word_gap.next().unwrap_or(LOOSE_WORD_GAP_EM));
        for k in band.clone() {
            let i = order[k];
            let g = &upright[i];
            if k > start && g.x - right > SEGMENT_GAP_EM * max_of(g.size, 4.0) {
                let mut segment = gathering.finish(bi, start..k, right, &order, &upright, &seg_text);
                collapse_letter_spacing(&mut segment, &order, &upright, &mut seg_text);
                segments.push(segment);
                gathering = Gathering::new(&seg_text, seg_word_gap.next().unwrap_or(LOOSE_WORD_GAP_EM));
                start = k;
            }
            right = right.max(g.x + g.w);
            if k == start {
                right = g.x + g.w;
            }
            gathering.add(i, g, &mut seg_text);
        }
        if band.end > start {
            let mut segment = gathering.finish(bi, start..band.end, right, &order, &upright, &seg_text);
            collapse_letter_spacing(&mut segment, &order, &upright, &mut seg_text);
            segments.push(segment);
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

    // Blocks, columns and reading order.
    let columns::ReadingOrder {
        line_segs,
        lines: band_lines,
        columns,
    } = columns::reading_order(page, &segments, &upright, &seg_text);
    out.columns = columns;

    // Buffers for every line of the page.
    let mut glyphs: Vec<usize> = Vec::new();
    let mut joined = String::new();
    let mut scratch: Vec<f32> = Vec::new();
    for (segs, column) in band_lines {
        let segs = &line_segs[segs];
        let boxed = segs.iter().find_map(|&si| segments[si].boxed);
        // A band's segments are neighbours in `order`: their glyphs are read in place.
        let contiguous = segs
            .windows(2)
            .all(|w| segments[w[0]].glyphs.end == segments[w[1]].glyphs.start);
        let line_glyphs: &[usize] = match (segs.first(), segs.last()) {
            (Some(&first), Some(&last)) if contiguous => {
                &order[segments[first].glyphs.start..segments[last].glyphs.end]
            }
            _ => {
                glyphs.clear();
                for &si in segs {
                    glyphs.extend_from_slice(&order[segments[si].glyphs.clone()]);
                }
                &glyphs
            }
        };
        let text = if segs.iter().all(|&si| segments[si].clean) {
            // Clean segments joined by one space, empty ones left out, are what `clean_line`
            // makes of them: it would only copy the text.
            let parts = || {
                segs.iter()
                    .map(|&si| &seg_text[segments[si].text.clone()])
                    .filter(|t| !t.is_empty())
            };
            let mut text = String::with_capacity(parts().map(|t| t.len() + 1).sum());
            for (k, part) in parts().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                text.push_str(part);
            }
            text
        } else if let [si] = segs {
            clean_line(&seg_text[segments[*si].text.clone()])
        } else {
            joined.clear();
            for (k, &si) in segs.iter().enumerate() {
                if k > 0 {
                    joined.push(' ');
                }
                joined.push_str(&seg_text[segments[si].text.clone()]);
            }
            clean_line(&joined)
        };
        if text.is_empty() {
            continue;
        }
        // A line of one segment has its summary already (the same pass over the same glyphs).
        let visible = match segs {
            [si] => segments[*si].visible,
            _ => Visible::of(line_glyphs, &upright),
        };
        let line = make_line(
            page,
            text,
            line_glyphs,
            &upright,
            &visible,
            (column, boxed.map_or(Region::Body, |b| b.1)),
            &mut scratch,
        );
        if visible.any_hidden {
            record_hidden(page, line_glyphs, &upright, &mut out);
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

/// Two runs of one band whose baselines are further apart than this (em of the smaller
/// glyph) and whose glyphs overlap are two lines drawn over each other (a heading set close
/// above its first entry), not one: fake-bold and shadow copies stay closer (poppler's
/// `dupMaxSecDelta`, 0.2 em), and a band spans at most [`BAND_TOLERANCE_EM`].
const OVERPRINT_MIN_SHIFT_EM: f32 = 0.2;

/// Two glyphs whose sizes differ by more than this ratio are no copy of each other: a
/// fake-bold or shadow copy is drawn at the very size of what it copies.
const COPY_MAX_SIZE_RATIO: f32 = 1.1;

/// Between runs of different sizes (see [`COPY_MAX_SIZE_RATIO`]), a baseline step wider than
/// this (em of the smaller glyph) starts a second line: no copy needs the wider
/// [`OVERPRINT_MIN_SHIFT_EM`], and a title set 2 pt below the 10 pt contact line it overprints
/// (0.19 em) is a line of its own; steps within one line are rounding, far smaller.
const OVERPRINT_MIN_SHIFT_MIXED_EM: f32 = 0.05;

/// Glyph pairs of the two runs that must overlap for them to be two lines: an accent raised
/// over one capital overlaps one.
const OVERPRINT_MIN_PAIRS: usize = 3;

/// Two glyphs overlap when they share more than this share of the narrower one's width:
/// neighbours that touch, or kern into each other, share less.
const OVERLAP_MIN_SHARE: f32 = 0.25;

/// `g`, next after `p` along a band, is a different letter or digit drawn over it: two runs
/// on one baseline woven together (a right-aligned date overhanging the text beside it), since
/// a word's letters do not overlap, a fake-bold copy repeats its letter and an accent is no
/// letter.
#[inline(always)]
fn woven(p: &G, g: &G) -> bool {
    // One compare rules out nearly every pair (it runs for each glyph of the page): a glyph
    // that starts where the one before ends, or past it, overlaps nothing of it.
    g.x < p.x + p.w
        && p.ascii != g.ascii
        && p.ascii.is_ascii_alphanumeric()
        && g.ascii.is_ascii_alphanumeric()
        && overlaps(p, g)
}

/// Splits each band whose glyphs stand on two baselines, overlapping one another, into the
/// two lines they are, each read whole rather than interleaved glyph by glyph.
fn split_overprinted(bands: &mut Vec<(Range<usize>, bool)>, order: &mut [usize], all: &[G]) {
    // Most pages have no such band: the list is rebuilt only from the first split on.
    let mut split: Option<Vec<(Range<usize>, bool)>> = None;
    for b in 0..bands.len() {
        let (range, in_x_order) = bands[b].clone();
        let parts = if in_x_order {
            // Runs on one baseline, and runs side by side, come in x order already.
            None
        } else {
            overprinted_split(range.clone(), order, all)
        };
        match (parts, &mut split) {
            (Some(k), split) => {
                // Each part is now in (x, y, index) order, as the segment pass wants a band.
                let list = split.get_or_insert_with(|| bands[..b].to_vec());
                list.push((range.start..k, true));
                list.push((k..range.end, true));
            }
            (None, Some(list)) => list.push((range, in_x_order)),
            (None, None) => {}
        }
    }
    if let Some(list) = split {
        *bands = list;
    }
}

/// Where the band `range` of `order` splits into two lines drawn over each other (see
/// [`split_overprinted`]), if it does; the band's glyphs are by baseline, and each part is left
/// sorted by x.
fn overprinted_split(range: Range<usize>, order: &mut [usize], all: &[G]) -> Option<usize> {
    // The first wide step between baselines.
    let step = (range.start + 1..range.end).find(|&k| {
        let (p, g) = (&all[order[k - 1]], &all[order[k]]);
        let (small, large) = (min_of(p.size, g.size), max_of(p.size, g.size));
        let min_shift = if large > COPY_MAX_SIZE_RATIO * small {
            OVERPRINT_MIN_SHIFT_MIXED_EM
        } else {
            OVERPRINT_MIN_SHIFT_EM
        };
        g.y - p.y > min_shift * small
    });
    let Some(k) = step else {
        return woven_split(range, order, all);
    };
    let by_x = |i: &usize| (all[*i].x_key, sort_key(all[*i].y), *i);
    order[range.start..k].sort_unstable_by_key(by_x);
    order[k..range.end].sort_unstable_by_key(by_x);
    (overlapping_pairs(&order[range.start..k], &order[k..range.end], all) >= OVERPRINT_MIN_PAIRS).then_some(k)
}

/// Where the band `range` of `order`, on one baseline, splits into two runs drawn over each
/// other (see [`woven`]), if it does: at the first glyph drawn back over the one drawn before
/// it, when the runs before and after it share a woven pair. Each part is left sorted by x.
fn woven_split(range: Range<usize>, order: &mut [usize], all: &[G]) -> Option<usize> {
    order[range.clone()].sort_unstable_by_key(|&i| (all[i].g.seq, i));
    let k = (range.start + 1..range.end).find(|&k| {
        let (p, g) = (&all[order[k - 1]], &all[order[k]]);
        g.x < p.x + p.w * (1.0 - OVERLAP_MIN_SHARE)
    })?;
    let by_x = |i: &usize| (all[*i].x_key, sort_key(all[*i].y), *i);
    order[range.start..k].sort_unstable_by_key(by_x);
    order[k..range.end].sort_unstable_by_key(by_x);
    woven_pair(&order[range.start..k], &order[k..range.end], all).then_some(k)
}

/// Glyphs of the other run looked at for each glyph: text overlaps a glyph with one or two of
/// another run, and a pile of glyphs at one place must not cost a look at every pair.
const WOVEN_MAX_NEIGHBOURS: usize = 4;

/// A glyph of `a` and one of `b` (each in x order) are woven (see [`woven`]); found in one
/// sweep, as [`overlapping_pairs`] finds its pairs.
fn woven_pair(a: &[usize], b: &[usize], all: &[G]) -> bool {
    let mut from = 0;
    for g in a.iter().map(|&i| &all[i]) {
        while from < b.len() && all[b[from]].x + all[b[from]].w <= g.x {
            from += 1;
        }
        let mut near = b[from..]
            .iter()
            .take(WOVEN_MAX_NEIGHBOURS)
            .map(|&i| &all[i])
            .take_while(|h| h.x < g.x + g.w);
        if near.any(|h| woven(g, h) || woven(h, g)) {
            return true;
        }
    }
    false
}

/// Pairs of visible glyphs, one of `a` and one of `b` (each in x order), that overlap; up to
/// [`OVERPRINT_MIN_PAIRS`], all a caller needs.
fn overlapping_pairs(a: &[usize], b: &[usize], all: &[G]) -> usize {
    let mut pairs = 0;
    let mut from = 0;
    for g in a.iter().map(|&i| &all[i]).filter(|g| !g.blank) {
        // `b`'s glyphs that end before `g` starts are behind every later glyph of `a` too
        // (for glyphs of like widths; a wide one left behind only loses a pair).
        while from < b.len() && all[b[from]].x + all[b[from]].w <= g.x {
            from += 1;
        }
        for h in b[from..].iter().map(|&i| &all[i]).take_while(|h| h.x < g.x + g.w) {
            if !h.blank && overlaps(g, h) {
                pairs += 1;
                if pairs >= OVERPRINT_MIN_PAIRS {
                    return pairs;
                }
            }
        }
    }
    pairs
}

/// `g` and `h` share more than [`OVERLAP_MIN_SHARE`] of the narrower one's width.
fn overlaps(g: &G, h: &G) -> bool {
    let shared = min_of(g.x + g.w, h.x + h.w) - max_of(g.x, h.x);
    shared > OVERLAP_MIN_SHARE * min_of(g.w, h.w)
}

/// A run at most this share of a line's size, set beside the line's glyphs on a raised or
/// lowered baseline, is a superscript or subscript of that line ("1st", "m²"): typesetters
/// draw them at 0.58 to 0.7 of the size.
const SCRIPT_MAX_SIZE_RATIO: f32 = 0.85;

/// A script's baseline is at most this far (em of the line's size) above or below the line's:
/// superscripts are raised ~0.33 to 0.4 em, and lines stand 1 em or more apart.
const SCRIPT_MAX_SHIFT_EM: f32 = 0.5;

/// Each piece of a script starts where a glyph of the line ends, or ends where one starts,
/// within this many em (of the line's size): a script sits against what it qualifies.
const SCRIPT_TOUCH_EM: f32 = 0.15;

/// Scripts are short: a run of more visible glyphs is a line of its own.
const SCRIPT_MAX_GLYPHS: usize = 32;

/// Merges into its line each band that is a superscript or subscript of the band next to it
/// (see [`is_script_of`]): the bands are by baseline, so a raised suffix came out as a line of
/// its own above the line it belongs to.
fn attach_scripts(bands: Vec<(Range<usize>, bool)>, order: &[usize], all: &[G]) -> Vec<(Range<usize>, bool)> {
    let mut out: Vec<(Range<usize>, bool)> = Vec::with_capacity(bands.len());
    for (range, in_x_order) in bands {
        if let Some(last) = out.last_mut() {
            let (above, below) = (&order[last.0.clone()], &order[range.clone()]);
            if is_script_of(above, below, all) || is_script_of(below, above, all) {
                // Neighbouring bands are neighbouring ranges of `order`.
                *last = (last.0.start..range.end, false);
                continue;
            }
        }
        out.push((range, in_x_order));
    }
    out
}

/// The glyphs `script` (one band) are a superscript or subscript of the line `line` (the band
/// next to it): smaller, on a baseline close to the line's, overlapping none of its glyphs,
/// and each of their pieces set against one of them; spacing accents among them may instead
/// stand over one of the line's glyphs.
fn is_script_of(script: &[usize], line: &[usize], all: &[G]) -> bool {
    let (Some(&s0), Some(&l0)) = (script.first(), line.first()) else {
        return false;
    };
    // Most neighbouring bands are a line apart: ruled out before any glyph is looked at.
    let shift = (all[s0].y - all[l0].y).abs();
    if shift > SCRIPT_MAX_SHIFT_EM * max_of(all[s0].size, all[l0].size) / SCRIPT_MAX_SIZE_RATIO {
        return false;
    }
    fn visible<'g>(glyphs: &'g [usize], all: &'g [G<'g>]) -> impl Iterator<Item = &'g G<'g>> + Clone {
        glyphs.iter().map(|&i| &all[i]).filter(|g| !g.blank)
    }
    let visible = |glyphs| visible(glyphs, all);
    if visible(script).nth(SCRIPT_MAX_GLYPHS).is_some() || visible(script).next().is_none() {
        return false;
    }
    let line_size = visible(line).fold(0.0, |m, g| max_of(m, g.size));
    if shift > SCRIPT_MAX_SHIFT_EM * line_size {
        return false;
    }
    // A spacing accent raised over a capital of the line belongs to the line too (TeX sets
    // 'É' as an 'E' and an acute above it), whatever its size: the joiner composes the two.
    let over_line = |s: &G| {
        single_char(s.text()).is_some_and(|c| combining_for_spacing_accent(c).is_some())
            && visible(line).any(|g| overlaps(s, g))
    };
    let scripts = || visible(script).filter(|s| !over_line(s));
    let script_size = scripts().fold(0.0, |m, g| max_of(m, g.size));
    if script_size > SCRIPT_MAX_SIZE_RATIO * line_size {
        return false;
    }
    if scripts().any(|s| visible(line).any(|g| overlaps(s, g))) {
        return false;
    }
    // The script's pieces, in x order (a band on one baseline is), each against the line.
    let touch = SCRIPT_TOUCH_EM * line_size;
    let against = |left: f32, right: f32| {
        visible(line).any(|g| (g.x + g.w - left).abs() <= touch || (g.x - right).abs() <= touch)
    };
    let mut piece: Option<(f32, f32)> = None;
    for s in scripts() {
        piece = match piece {
            Some((left, _)) if s.x < left => return false,
            Some((left, right)) if s.x - right <= touch => Some((left, max_of(right, s.x + s.w))),
            Some((left, right)) => {
                if !against(left, right) {
                    return false;
                }
                Some((s.x, s.x + s.w))
            }
            None => Some((s.x, s.x + s.w)),
        };
    }
    // Only accents over the line's letters: nothing more to place.
    piece.is_none_or(|(left, right)| against(left, right))
}

/// A visible glyph that the font's ToUnicode calls a soft hyphen (U+00AD): some fonts map
/// their only hyphen so. A soft hyphen shows only where a line breaks, so one that is drawn is
/// a hyphen: read as '-' inside a line, and as a word break at a line's end (see
/// [`make_line`] and [`rejoin_hyphenated`]).
fn is_drawn_soft_hyphen(g: &Glyph) -> bool {
    g.width > 0.0 && !g.invisible && &*g.text == "\u{AD}"
}

/// A drawn soft hyphen is a hyphen only where it takes room on the line: browsers draw the
/// soft hyphen inside a line as a glyph with its advance taken back, so the next glyph starts
/// within this share of its width and nothing shows.
const SOFT_HYPHEN_ROOM_SHARE: f32 = 0.5;

/// The soft hyphen [`make_line`] ends a line with when its last glyph is a drawn one, until
/// [`rejoin_hyphenated`] joins the broken word or reads it as '-'.
const LINE_BREAK_SOFT_HYPHEN: char = '\u{AD}';

/// A key whose unsigned order is `f32::total_cmp`'s order of `v` (the transform `total_cmp`
/// itself applies, shifted to unsigned).
fn sort_key(v: f32) -> u32 {
    let bits = v.to_bits() as i32;
    let flipped = bits ^ (((bits >> 31) as u32) >> 1) as i32;
    (flipped as u32) ^ 0x8000_0000
}

/// `a.min(b)` for values that are never NaN (sizes and widths, see [`G`]): one compare,
/// where `f32::min` also handles NaN.
fn min_of(a: f32, b: f32) -> f32 {
    if b < a {
        b
    } else {
        a
    }
}

/// `a.max(b)` for values that are never NaN, as [`min_of`].
fn max_of(a: f32, b: f32) -> f32 {
    if b > a {
        b
    } else {
        a
    }
}

fn contains(r: &Rect, x: f32, y: f32) -> bool {
    x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

/// Glyphs whose baselines are within this many em (of the smaller size, at least 1 pt) of the
/// band's first glyph share its band: mixed fonts, jittery producers and small raises stay on
/// their line, and lines (at least ~1 em apart) do not meet.
const BAND_TOLERANCE_EM: f32 = 0.35;

/// A glyph drawn again with the same text within this share of its width to the right (and
/// [`DUPLICATE_MAX_RISE_PT`] up or down) is a fake-bold or shadow copy, read once: letters
/// of a word stand a whole width apart.
const DUPLICATE_MAX_SHIFT_SHARE: f32 = 0.3;

/// See [`DUPLICATE_MAX_SHIFT_SHARE`]: copies are offset by a fraction of a point.
const DUPLICATE_MAX_RISE_PT: f32 = 1.0;

/// A glyph starting within this share of the previous glyph's width is drawn over it, as a
/// spacing accent over its letter is: the next letter starts at the full width.
const ACCENT_OVER_SHARE: f32 = 0.9;

/// A gap between glyphs on one baseline wider than this many em (of the glyph's size, at
/// least 4 pt) ends a segment: it is no word space but a tab stop, a gutter or alignment.
const SEGMENT_GAP_EM: f32 = 0.9;

/// A gap this wide (em of the smaller glyph) is a word break on any line: wider than the
/// tracking of letter-spaced headings, and than a kern.
const LOOSE_WORD_GAP_EM: f32 = 0.17;

/// On a line whose letters are set solid (see [`KERN_MAX_EM`]), a gap this wide is a word
/// break: tightly justified lines shrink word gaps to ~0.14 em with no space glyph, while
/// kerns stay under 0.06 em. poppler's `minWordBreakSpace` (0.1) and pdf.js's tracking space
/// factor (0.102) are the same threshold.
const SOLID_WORD_GAP_EM: f32 = 0.1;

/// Letters closer than this (em) are set solid, kerned at most; a line whose letters mostly
/// stand further apart is letter-spaced, and its letter gaps are no word breaks.
const KERN_MAX_EM: f32 = 0.06;

/// The word gap (em) of each segment of a band (`glyphs`, in x order), cut as [`layout`] cuts
/// them, into `out`: [`SOLID_WORD_GAP_EM`] when most gaps between letters with no space glyph
/// between them are kerns, else [`LOOSE_WORD_GAP_EM`].
fn word_gaps(glyphs: &[usize], all: &[G], out: &mut Vec<f32>) {
    out.clear();
    let (mut solid, mut spaced) = (0usize, 0usize);
    let mut right = f32::NEG_INFINITY;
    // The last visible glyph, when no blank came after it.
    let mut prev: Option<&G> = None;
    for (k, &i) in glyphs.iter().enumerate() {
        let g = &all[i];
        if k > 0 && g.x - right > SEGMENT_GAP_EM * max_of(g.size, 4.0) {
            out.push(if solid > spaced {
                SOLID_WORD_GAP_EM
            } else {
                LOOSE_WORD_GAP_EM
            });
            (solid, spaced, prev) = (0, 0, None);
        }
        right = if k == 0 { g.x + g.w } else { right.max(g.x + g.w) };
        if g.blank {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let em = min_of(p.size, g.size);
            let gap = g.x - (p.x + p.w);
            if gap < KERN_MAX_EM * em {
                solid += 1;
            } else if gap <= LOOSE_WORD_GAP_EM * em {
                spaced += 1;
            }
        }
        prev = Some(g);
    }
    out.push(if solid > spaced {
        SOLID_WORD_GAP_EM
    } else {
        LOOSE_WORD_GAP_EM
    });
}

/// Letter-spaced text is a run of at least this many single letters: "A B testing" and the
/// initials of "J. R. R." are not.
const LETTER_SPACED_MIN_LETTERS: usize = 3;

/// In letter-spaced text every gap between the letters of a word is within this factor of the
/// narrowest: the spacing is one regular step.
const LETTER_SPACED_MAX_SPREAD: f32 = 1.3;

/// A gap at least this factor of the narrowest letter gap separates two letter-spaced words
/// ("M A R A   Q U I S T" sets words three spaces apart, letters one).
const LETTER_SPACED_WORD_GAP: f32 = 1.6;

/// Collapses a segment made only of single letters one regular gap apart, its words a
/// clearly wider gap apart ("M A R A   Q U I S T", a name set letter-spaced with space
/// glyphs), to its words ("MARA QUIST"); `segment`'s text is the tail of `seg_text`. Any other
/// segment is left as it is: a gap between the two steps, or a segment with anything but
/// single letters, is not letter spacing.
fn collapse_letter_spacing(segment: &mut Segment, order: &[usize], all: &[G], seg_text: &mut String) {
    let letters = segment.words;
    // Single letters one space apart: about two bytes a letter (up to four for one not ASCII).
    if !segment.clean || letters < LETTER_SPACED_MIN_LETTERS || segment.text.len() >= 5 * letters {
        return;
    }
    let text = &seg_text[segment.text.clone()];
    if !text.split(' ').all(|w| single_char(w).is_some_and(char::is_alphabetic)) {
        return;
    }
    // One visible glyph a letter, and the gaps between them.
    let glyphs = order[segment.glyphs.clone()]
        .iter()
        .map(|&i| &all[i])
        .filter(|g| !g.blank);
    if glyphs.clone().count() != letters {
        return;
    }
    let gaps = glyphs.clone().zip(glyphs.skip(1)).map(|(p, g)| g.x - (p.x + p.w));
    let narrowest = gaps.clone().fold(f32::INFINITY, f32::min);
    if !narrowest.is_finite() || narrowest <= 0.0 {
        return;
    }
    let word_break = |gap: f32| gap >= LETTER_SPACED_WORD_GAP * narrowest;
    if gaps
        .clone()
        .any(|gap| !word_break(gap) && gap > LETTER_SPACED_MAX_SPREAD * narrowest)
    {
        return;
    }
    let words = 1 + gaps.clone().filter(|&gap| word_break(gap)).count();
    // Every letter its own word already: nothing is letter-spaced.
    if words == letters {
        return;
    }
    let collapsed: String = {
        let mut out = String::with_capacity(text.len());
        let mut breaks = gaps.map(word_break);
        for c in text.chars().filter(|&c| c != ' ') {
            out.push(c);
            if breaks.next() == Some(true) {
                out.push(' ');
            }
        }
        out
    };
    seg_text.truncate(segment.text.start);
    seg_text.push_str(&collapsed);
    segment.text = segment.text.start..seg_text.len();
    segment.words = words;
}

/// A segment being gathered glyph by glyph (in x order).
struct Gathering<'a> {
    first_seq: u32,
    visible: Visible,
    text: Joiner<'a>,
}

impl<'a> Gathering<'a> {
    /// A segment whose word gap is `word_gap_em` (see [`word_gaps`]).
    fn new(seg_text: &str, word_gap_em: f32) -> Self {
        Gathering {
            first_seq: u32::MAX,
            visible: Visible::NONE,
            text: Joiner::new(seg_text, word_gap_em),
        }
    }

    /// Adds glyph `g`, `i` among the page's glyphs, its text to `seg_text`.
    fn add(&mut self, i: usize, g: &'a G<'a>, seg_text: &mut String) {
        self.first_seq = self.first_seq.min(g.g.seq);
        if !g.blank {
            self.visible.add(i, g);
        }
        self.text.push(g, seg_text);
    }

    /// The segment of the glyphs `order[range]`, the ones added; `right` is their greatest
    /// right edge as the band's pass keeps it (it starts from the first glyph's).
    ///
    /// The extent is what `f32::min` and `f32::max` over the glyphs give (NaN skipped; which of
    /// -0 and +0 they return is unspecified), without that work per glyph: the glyphs are in x
    /// order (`sort_key`'s, where negative NaNs come first and positive ones last), so the least
    /// x is the first one's unless that is NaN, and `right` differs from the greatest edge only
    /// while every edge is NaN.
    fn finish(
        mut self,
        band: usize,
        range: Range<usize>,
        right: f32,
        order: &[usize],
        all: &[G],
        seg_text: &str,
    ) -> Segment {
        let glyphs = &order[range.clone()];
        let (y, first_seq, mut x0) = match glyphs.first() {
            Some(&i) => (all[i].y, self.first_seq, all[i].x),
            None => (0.0, 0, f32::INFINITY),
        };
        if x0.is_nan() {
            x0 = glyphs.iter().fold(f32::INFINITY, |x, &i| x.min(all[i].x));
        }
        if self.visible.x.is_nan() {
            self.visible.x = visible_x(glyphs, all);
        }
        let x1 = if right.is_nan() { f32::NEG_INFINITY } else { right };
        let (text, clean, words) = self.text.finish(seg_text);
        Segment {
            band,
            x0,
            x1,
            y,
            glyphs: range,
            text,
            clean,
            words,
            first_seq,
            boxed: None,
            visible: self.visible,
        }
    }
}

/// The least x of the visible glyphs (by `f32::min`: NaN skipped), infinity for none.
fn visible_x(glyphs: &[usize], all: &[G]) -> f32 {
    glyphs
        .iter()
        .map(|&i| &all[i])
        .filter(|g| !g.blank)
        .fold(f32::INFINITY, |x, g| x.min(g.x))
}

/// Words (runs between white space) holding a letter or digit.
fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
    }
    // The same count on bytes: for ASCII, `char::is_alphanumeric` is
    // `u8::is_ascii_alphanumeric`.
    let mut words = 0;
    let mut counted = false;
    for &b in text.as_bytes() {
        if is_ascii_space(b) {
            counted = false;
        } else if !counted && b.is_ascii_alphanumeric() {
            words += 1;
            counted = true;
        }
    }
    words
}

/// Joins glyphs (sorted by x) into text, appended to `s`: spaces from gaps, fake-bold doubles
/// dropped, spacing accents composed with the letter they sit on.
fn join_glyphs(glyphs: &[usize], all: &[G], s: &mut String) {
    let mut joiner = Joiner::new(s, LOOSE_WORD_GAP_EM);
    for &i in glyphs {
        joiner.push(&all[i], s);
    }
}

/// Text being joined from glyphs (sorted by x), appended to a string: see [`join_glyphs`].
/// It is clean while it is its own [`clean_line`]: no white space but single spaces between
/// glyphs, and no character `clean_line` would change (see [`keeps_clean`]); the lines made of
/// such text skip it. While clean, its words are counted as they come.
struct Joiner<'a> {
    /// Where the text starts in the string.
    start: usize,
    prev: Option<&'a G<'a>>,
    pending_space: bool,
    clean: bool,
    words: usize,
    /// The last word (since the last space) is counted.
    counted: bool,
    /// A gap wider than this many em (of the smaller glyph) is a word break.
    word_gap_em: f32,
}

impl<'a> Joiner<'a> {
    fn new(s: &str, word_gap_em: f32) -> Self {
        Joiner {
            start: s.len(),
            prev: None,
            pending_space: false,
            clean: true,
            words: 0,
            counted: false,
            word_gap_em,
        }
    }

    /// Adds glyph `g`. Always inlined: it runs once per glyph of the page (as a call it cost
    /// 1.5M instructions over the files of `scripts/icount.sh`), and its rare accent work is out
    /// of line in [`Joiner::compose`].
    #[inline(always)]
    fn push(&mut self, g: &'a G<'a>, s: &mut String) {
        if g.blank {
            self.pending_space = true;
            self.prev = Some(g);
            return;
        }
        if let Some(p) = self.prev {
            // Positions first: they rule out nearly every glyph, and cost less than the text.
            if (g.x - p.x).abs() < DUPLICATE_MAX_SHIFT_SHARE * max_of(p.w, 0.5)
                && (g.y - p.y).abs() < DUPLICATE_MAX_RISE_PT
                && p.g.text == g.g.text
            {
                return;
            }
            // A soft hyphen drawn with no advance shows nothing (see `SOFT_HYPHEN_ROOM_SHARE`).
            if p.ascii == b'-'
                && g.x < p.x + SOFT_HYPHEN_ROOM_SHARE * p.w
                && is_drawn_soft_hyphen(p.g)
                && s[self.start..].ends_with('-')
            {
                s.pop();
            }
            let gap = g.x - (p.x + p.w);
            if gap > self.word_gap_em * min_of(p.size, g.size) {
                self.pending_space = true;
            }
            // An accent over a letter, or a letter under one: the positions rule out nearly
            // every glyph before the text is looked at.
            if g.x < p.x + p.w * ACCENT_OVER_SHARE && self.compose(p, g, s) {
                return;
            }
        }
        if self.pending_space && s.len() > self.start {
            s.push(' ');
            self.counted = false;
        }
        self.pending_space = false;
        if g.ascii != 0 {
            // One ASCII character that is not white space (the glyph is not blank): the usual
            // glyph, pushed without a call to copy it, and clean.
            s.push(char::from(g.ascii));
            if !self.counted && g.ascii.is_ascii_alphanumeric() {
                self.words += 1;
                self.counted = true;
            }
        } else {
            let text = g.text();
            if self.clean {
                self.clean = text.chars().all(keeps_clean);
                if !self.counted && text.chars().any(char::is_alphanumeric) {
                    self.words += 1;
                    self.counted = true;
                }
            }
            s.push_str(text);
        }
        self.prev = Some(g);
    }

    /// Composes glyph `g`, drawn over the left part of `p` (the glyph before it), with that one
    /// when one of them is a spacing accent; true when it did.
    #[cold]
    #[inline(never)]
    fn compose(&mut self, p: &'a G<'a>, g: &'a G<'a>, s: &mut String) -> bool {
        // A spacing accent drawn over the previous letter.
        if !self.pending_space {
            if let Some(acc) = single_char(g.text()) {
                if let Some(base) = s[self.start..].chars().last() {
                    if let Some(c) = compose_accent(base, acc) {
                        s.pop();
                        s.push(c);
                        self.clean = false;
                        return true;
                    }
                }
            }
        }
        // A letter under an accent drawn just before it.
        if p.x < g.x + g.w {
            if let (Some(acc), Some(base)) = (single_char(p.text()), single_char(g.text())) {
                if let Some(c) = compose_accent(base, acc) {
                    if s[self.start..].ends_with(acc) {
                        s.pop();
                        s.push(c);
                        self.clean = false;
                        self.prev = Some(g);
                        self.pending_space = false;
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The text's range in `s`, whether it is clean, and its words (see [`count_words`]).
    fn finish(self, s: &str) -> (Range<usize>, bool, usize) {
        let words = if self.clean {
            self.words
        } else {
            count_words(&s[self.start..])
        };
        (self.start..s.len(), self.clean, words)
    }
}

/// `c` is a character [`clean_line`] keeps as it is, whatever stands around it: not white
/// space (it collapses or trims that), a zero-width space or a soft hyphen (it drops those), a
/// ligature (it expands those) or a combining mark (with one, it composes the whole line).
fn keeps_clean(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '\u{200B}' | '\u{00AD}' | '\u{FB00}'..='\u{FB06}') || is_combining_mark(c))
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

/// The tab-like gap (em of the dash) after a [`DASH_BULLETS`] character that makes it a
/// bullet: wider than a word space (~0.28 em) with room for a justified line's stretch.
const DASH_BULLET_GAP_EM: f32 = 0.45;

/// Characters of a symbol font that read as text where they open a line: Greek letters,
/// digits, and the mathematics Symbol is made for.
fn is_symbol_font_text(c: char) -> bool {
    c.is_alphanumeric() || ('\u{2200}'..='\u{22FF}').contains(&c) || "+<=>\u{B1}\u{D7}\u{F7}\u{B0}%".contains(c)
}

/// The line, from its text and its glyphs' `visible` summary; `(column, region)` is where it
/// flows.
fn make_line(
    page: u32,
    mut text: String,
    glyphs: &[usize],
    all: &[G],
    visible: &Visible,
    (column, region): (u8, Region),
    scratch: &mut Vec<f32>,
) -> Line {
    let mut bullet = false;
    if let Some(first) = text.chars().next() {
        let rest = &text[first.len_utf8()..];
        let gap_after_first = match (visible.first, visible.second) {
            (Some(a), Some(b)) => {
                let (a, b) = (&all[a], &all[b]);
                (b.x - (a.x + a.w)) / a.size.max(1.0)
            }
            _ => 0.0,
        };
        // A symbol font's picture glyph set apart before the text marks an item whatever its
        // ToUnicode says it is ('{' or a private-use code stand for Symbol's bullet, 'l' for
        // Wingdings'); Symbol's letters, digits and mathematics ("≥ 5 years") are text.
        let symbol_marker = visible.first.is_some_and(|f| {
            let g = &all[f];
            g.g.symbol && single_char(g.text()) == Some(first) && (g.g.dingbat || !is_symbol_font_text(first))
        }) && rest.starts_with(' ');
        let is_bullet = (BULLETS.contains(&first) && !rest.is_empty())
            || (DASH_BULLETS.contains(&first) && rest.starts_with(' ') && gap_after_first >= DASH_BULLET_GAP_EM)
            || symbol_marker;
        if is_bullet {
            bullet = true;
            text = rest.trim_start().to_string();
        }
    }
    if text.ends_with('-') {
        let last = glyphs.iter().rev().map(|&i| &all[i]).find(|g| !g.blank);
        if last.is_some_and(|g| is_drawn_soft_hyphen(g.g)) {
            text.pop();
            text.push(LINE_BREAK_SOFT_HYPHEN);
        }
    }
    let n = visible.n.max(1);
    let bold = visible.bold * 2 > n;
    let italic = visible.italic * 2 > n;
    // `median` of values all of one value's bits is that value.
    let shown = || glyphs.iter().map(|&i| &all[i]).filter(|g| !g.blank);
    let font_size = match visible.first {
        Some(f) if visible.one_size => all[f].size,
        _ => median(shown().map(|g| g.size), scratch),
    };
    let y = match visible.first {
        Some(f) if visible.one_y => all[f].y,
        _ => median(shown().map(|g| g.y), scratch),
    };
    let (x, right) = (visible.x, visible.right);
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
/// `scripts/icount.sh`). `scratch` is a buffer the caller keeps for every line.
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

/// Records the line's hidden glyphs by reason (for a line with any).
fn record_hidden(page: u32, glyphs: &[usize], all: &[G], out: &mut PageLayout) {
    for reason in [
        HiddenReason::Invisible,
        HiddenReason::WhiteOnWhite,
        HiddenReason::OffPage,
        HiddenReason::Microscopic,
    ] {
        let ids: Vec<usize> = glyphs
            .iter()
            .copied()
            .filter(|&i| all[i].hidden == Some(reason))
            .collect();
        if ids.iter().any(|&i| !all[i].blank) {
            let mut joined = String::new();
            join_glyphs(&ids, all, &mut joined);
            let text = clean_line(&joined);
            if !text.is_empty() && out.hidden_text.len() < 200 {
                out.hidden_text.push(HiddenText {
                    page,
                    text: shorten(&text, 120),
                    reason,
                });
            }
        }
    }
}

/// Moves the first word of a line to the end of the previous one when that ends in a
/// hyphenated word break ("fault-" / "tolerant" → "fault-tolerant"), or in a drawn soft
/// hyphen, which the typesetter put in to break the word ("algo" / "rithm" → "algorithm").
fn rejoin_hyphenated(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let same_flow = lines[i].column == lines[i + 1].column && lines[i].region == lines[i + 1].region;
        let soft = lines[i].text.ends_with(LINE_BREAK_SOFT_HYPHEN);
        if same_flow && (soft || lines[i].text.ends_with('-')) {
            let next = lines[i + 1].text.clone();
            let (first, rest) = match next.split_once(' ') {
                Some((f, r)) => (f.to_string(), r.to_string()),
                None => (next.clone(), String::new()),
            };
            let joined = if soft {
                soft_hyphen_join(&lines[i].text, &first)
            } else {
                hyphen_join(&lines[i].text, &first)
            };
            if let Some(joined) = joined {
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
    // A drawn soft hyphen that breaks no word ("2016 -" at a line's end) is read as drawn.
    for line in lines.iter_mut() {
        if line.text.ends_with(LINE_BREAK_SOFT_HYPHEN) {
            line.text.pop();
            line.text.push('-');
        }
    }
}

/// Joins a line that ends in a drawn soft hyphen with the first word of the next one, without
/// the hyphen ("algo" + "rithm" → "algorithm"); None when either side of the break is not a
/// letter.
fn soft_hyphen_join(prev: &str, next: &str) -> Option<String> {
    let stem = prev.strip_suffix(LINE_BREAK_SOFT_HYPHEN)?;
    let before = stem.chars().last()?;
    let after = next.chars().next()?;
    (before.is_alphabetic() && after.is_alphabetic()).then(|| format!("{stem}{next}"))
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

    /// Every character `keeps_clean` vouches for is one `clean_line` leaves as it is, alone and
    /// between others: the two must not drift apart.
    #[test]
    fn keeps_clean_agrees_with_clean_line_on_every_char() {
        for c in (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| keeps_clean(c))
        {
            for s in [format!("{c}"), format!("a{c}b"), format!("\u{e9}{c}b")] {
                assert_eq!(clean_line(&s), s, "U+{:04X}", c as u32);
            }
        }
    }

    /// An upright glyph in regular type for the randomized tests.
    fn test_glyph(x: f32, y: f32, width: f32, text: &str, seq: usize) -> Glyph {
        Glyph {
            x,
            y,
            width,
            size: 10.0,
            text: GlyphText::new(text),
            seq: seq as u32,
            bold: false,
            italic: false,
            invisible: false,
            white: false,
            rotated: false,
            symbol: false,
            dingbat: false,
        }
    }

    /// `g` held as `layout` holds a page's glyphs, with the page's origin at the glyph's.
    fn on_page(g: &Glyph) -> G<'_> {
        G {
            x: g.x,
            y: g.y,
            w: if g.width > 0.0 { g.width } else { 0.0 },
            size: g.size,
            g,
            x_key: sort_key(g.x),
            ascii: match g.text {
                GlyphText::Ascii(b) => b,
                _ => 0,
            },
            blank: g.text.is_blank(),
            hidden: None,
        }
    }

    /// Glyphs of random texts (clean and not) at random gaps and overlaps, joined a segment at a
    /// time: text the joiner calls clean is its own `clean_line`, with the words `count_words`
    /// finds, and so is a line of such segments joined as `layout` joins them.
    #[test]
    fn clean_joined_text_is_what_clean_line_makes_of_it() {
        const TEXTS: &[&str] = &[
            "a", "Z", "7", "-", ".", " ", "\t", "\u{0}", "\u{1F}", "\u{2022}", "\u{e9}", "\u{301}", "\u{FB01}",
            "\u{200B}", "\u{AD}", "\u{A0}", "\u{3000}", "\u{B4}", "`", "ab", "a b", "x\u{301}", "\u{2013}", "",
        ];
        let mut random = ats_testkit::xorshift(0x2545_F491_4F6C_DD1D);
        let mut next = move |n: usize| (random() % n as u64) as usize;
        let (mut clean_segments, mut clean_lines) = (0, 0);
        for _ in 0..3_000 {
            let count = 1 + next(12);
            let mut x = 0.0;
            let glyphs: Vec<Glyph> = (0..count)
                .map(|seq| {
                    let width = [0.0, 3.0, 5.0][next(3)];
                    // Mostly touching, sometimes apart or drawn over the one before.
                    x += [5.0, 5.0, 5.0, 9.0, 0.5, 0.0][next(6)];
                    test_glyph(x, 100.0, width, TEXTS[next(TEXTS.len())], seq)
                })
                .collect();
            let all: Vec<G> = glyphs.iter().map(on_page).collect();
            // Cut into segments at random, as a line of several.
            let mut s = String::new();
            let mut parts = Vec::new();
            let mut start = 0;
            while start < all.len() {
                let end = (start + 1 + next(5)).min(all.len());
                let mut joiner = Joiner::new(&s, [SOLID_WORD_GAP_EM, LOOSE_WORD_GAP_EM][next(2)]);
                for g in &all[start..end] {
                    joiner.push(g, &mut s);
                }
                let (range, clean, words) = joiner.finish(&s);
                let text = &s[range];
                assert_eq!(words, count_words(text), "{text:?}");
                if clean {
                    clean_segments += 1;
                    assert_eq!(clean_line(text), text, "{text:?}");
                }
                parts.push((text.to_string(), clean));
                start = end;
            }
            if parts.iter().all(|p| p.1) {
                clean_lines += 1;
                let joined: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
                let kept: Vec<&str> = joined.iter().copied().filter(|t| !t.is_empty()).collect();
                assert_eq!(clean_line(&joined.join(" ")), kept.join(" "), "{joined:?}");
            }
        }
        // Both kinds are exercised.
        assert!(
            clean_segments > 1_000 && clean_lines > 100,
            "{clean_segments} {clean_lines}"
        );
    }

    /// A segment's extent and its visible glyphs' least x, taken from its first glyph and the
    /// band pass's right edge, are the `f32::min` / `f32::max` folds over its glyphs, NaN
    /// positions and widths included.
    #[test]
    fn segment_extent_is_the_folds_over_its_glyphs() {
        const XS: &[f32] = &[
            f32::NAN,
            -f32::NAN,
            -3.0,
            0.0,
            2.5,
            7.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ];
        const WIDTHS: &[f32] = &[0.0, 4.0, f32::NAN];
        let mut random = ats_testkit::xorshift(0x9E37_79B9_7F4A_7C15);
        let mut next = move |n: usize| (random() % n as u64) as usize;
        for _ in 0..3_000 {
            let glyphs: Vec<Glyph> = (0..1 + next(6))
                .map(|seq| {
                    let x = XS[next(XS.len())];
                    let width = WIDTHS[next(WIDTHS.len())];
                    test_glyph(x, 10.0, width, ["a", " "][next(2)], seq)
                })
                .collect();
            let all: Vec<G> = glyphs.iter().map(on_page).collect();
            // In x order, as a band is; the band pass's right edge starts from the first glyph's.
            let mut order: Vec<usize> = (0..all.len()).collect();
            order.sort_by_key(|&i| all[i].x_key);
            let mut s = String::new();
            let mut gathering = Gathering::new(&s, LOOSE_WORD_GAP_EM);
            let mut right = f32::NEG_INFINITY;
            for (k, &i) in order.iter().enumerate() {
                let g = &all[i];
                right = if k == 0 { g.x + g.w } else { right.max(g.x + g.w) };
                gathering.add(i, g, &mut s);
            }
            let segment = gathering.finish(0, 0..order.len(), right, &order, &all, &s);
            let x0 = order.iter().fold(f32::INFINITY, |x, &i| x.min(all[i].x));
            let x1 = order.iter().fold(f32::NEG_INFINITY, |x, &i| x.max(all[i].x + all[i].w));
            let xs: Vec<f32> = order.iter().map(|&i| all[i].x).collect();
            assert_eq!(segment.x0.to_bits(), x0.to_bits(), "{xs:?}");
            assert_eq!(segment.x1.to_bits(), x1.to_bits(), "{xs:?}");
            assert_eq!(segment.visible.x.to_bits(), visible_x(&order, &all).to_bits(), "{xs:?}");
        }
    }

    /// Glyph soup for the glyph stage (overprinted runs, raised and lowered small runs, letter
    /// spacing, tight gaps, soft hyphens, NaN and infinite positions): the page is laid out
    /// without a panic, and its lines hold only characters the glyphs drew, each at most as
    /// often (a drawn soft hyphen reads as '-').
    #[test]
    fn glyph_stage_never_invents_text_on_glyph_soup() {
        const TEXTS: &[&str] = &["a", "B", "7", "-", ".", " ", "\u{AD}", "\u{F0B7}", "{", "e"];
        const XS: &[f32] = &[0.0, 2.0, 5.0, 5.5, 7.0, 9.0, 30.0, f32::NAN, f32::INFINITY, -3.0];
        const YS: &[f32] = &[100.0, 100.0, 101.5, 103.0, 104.0, 96.0, 112.0, f32::NAN];
        const SIZES: &[f32] = &[10.0, 10.0, 7.0, 12.0, 0.5, 20.0];
        let mut random = ats_testkit::xorshift(0xD1B5_4A32_D192_ED03);
        let mut next = move |n: usize| (random() % n as u64) as usize;
        let pbox = PageBox {
            x0: 0.0,
            y0: 0.0,
            x1: 612.0,
            y1: 792.0,
        };
        for _ in 0..2_000 {
            let mut x = 50.0;
            let glyphs: Vec<Glyph> = (0..1 + next(40))
                .map(|seq| {
                    x += XS[next(XS.len())];
                    let mut g = test_glyph(
                        x,
                        600.0 - YS[next(YS.len())],
                        [0.0, 5.0, 5.56][next(3)],
                        TEXTS[next(TEXTS.len())],
                        seq,
                    );
                    g.size = SIZES[next(SIZES.len())];
                    g.symbol = next(4) == 0;
                    g
                })
                .collect();
            let drawn: String = glyphs
                .iter()
                .map(|g| if is_drawn_soft_hyphen(g) { "-" } else { &*g.text })
                .collect();
            let content = PageContent {
                glyphs,
                ..PageContent::default()
            };
            let page = layout(1, &content, pbox);
            let mut left: Vec<char> = drawn.chars().filter(|c| !c.is_whitespace()).collect();
            for line in &page.lines {
                for c in line.text.chars().filter(|c| !c.is_whitespace()) {
                    let at = left.iter().position(|&d| d == c);
                    assert!(at.is_some(), "{c:?} not drawn: {drawn:?} -> {:?}", line.text);
                    left.swap_remove(at.unwrap_or(0));
                }
            }
        }
    }
}
