//! Blocks, columns and reading order: from a page's segments (runs of glyphs on one baseline
//! band without a wide gap) to its lines, in the order a careful reader takes them.
//!
//! A column gutter is a vertical strip of white space with text blocks standing side by side
//! on both sides of it for several lines; columns are read one after the other (and a column
//! may hold columns of its own, as a grid of cards does). Elsewhere bands are read top-down,
//! and a band's pieces become separate lines where they belong to different blocks: a label in
//! a left rail beside its section's first line, a large name beside small contact text.

use std::collections::HashSet;
use std::ops::Range;

use super::{Segment, G};
use crate::document::{shorten, ColumnRegion};
use crate::textnorm::clean_line;

/// Edges within this distance are one edge: producers place and round text differently.
pub(super) const EDGE_TOLERANCE_PT: f32 = 1.5;
/// A gutter lies at least this far right of the flow's leftmost text: nearer, it is an indent.
const MIN_GUTTER_FROM_MARGIN_PT: f32 = 30.0;
/// Lines that must start at a candidate gutter (or within [`RAGGED_EDGE_PT`] right of it)
/// before it is tried, and lines that must begin at an edge for it to be a block's left edge.
const MIN_EDGE_USES: usize = 3;
/// How far right of a column's leftmost lines its other lines may start: indented items
/// beside outdented headings make a ragged edge, and it is still the column's edge.
const RAGGED_EDGE_PT: f32 = 24.0;
/// Each column of a region holds at least this many lines: fewer beside a column are pieces
/// of its lines, not a column.
const MIN_COLUMN_LINES: usize = 3;
/// Each column holds at least this many words, unless it holds [`SPARSE_COLUMN_LINES`]
/// lines: a sidebar of one-word skills is a column of few words.
const MIN_COLUMN_WORDS: usize = 20;
/// Lines that make a column whatever its words (see [`MIN_COLUMN_WORDS`]).
const SPARSE_COLUMN_LINES: usize = 6;
/// The left column's lines stop at least this short of the right column's text: a gutter is
/// white space, however narrow (a sidebar set 2 pt from the body, as paracol can, has lines
/// that run to within 2 pt of it). Pieces closer than a word gap on one baseline are one
/// segment already, so this only has to rule out lines that touch or overlap.
pub(super) const GUTTER_AIR_PT: f32 = 1.5;
/// Share of the shorter column's height by which the two overlap: side by side, not one
/// above the other.
const MIN_SIDE_BY_SIDE_SHARE: f32 = 0.4;
/// How far into the right column, as a share of its width, a left-column line of one word may
/// run on a band where the right column is empty (a sidebar's long e-mail address): a longer
/// line spans both columns and ends the region.
const MAX_OVERHANG_SHARE: f32 = 0.25;
/// ... and at most this many ems of its own size: a line reaching further spans both columns.
const MAX_OVERHANG_EM: f32 = 4.0;
/// A gap between baselines of this many ems (of the larger text beside it) with no text on
/// either side of the gutter ends a region, as spanning text does.
const REGION_BREAK_EM: f32 = 4.0;
/// Share of the left column's lines that may overhang the gutter so.
const MAX_OVERHANGING_LINES_SHARE: f32 = 0.2;
/// Pieces on one side of a gutter that share baselines with the other side's lines at least
/// this often, and are short, are parts of those lines (one column), not a column of their own
/// when they are also sparse beside them (a label rail: a label every few lines) or end at one
/// right edge this often (flush-right dates and places; labels set against the gutter).
const ATTACHED_SHARE: f32 = 0.8;
/// Mean words of such attached pieces: labels, dates and places are short, a column's lines
/// are not.
const ATTACHED_MAX_MEAN_WORDS: f32 = 5.0;
/// A piece this many ems of its size below an attached piece continues it (a wrapped label).
const WRAPPED_LINE_EM: f32 = 1.6;
/// Bands looked at below a rail label for its wrapped lines or the lines of its stacked block
/// (the block's own lines between them included; two blocks at different line pitches give
/// a band each).
const MAX_STACK_LOOKAHEAD_BANDS: usize = 8;
/// Rail pieces whose baselines differ by less than this (em) share a baseline with the
/// block's text beside them: a row of a table of labels and values, not a stacked block.
const SHARED_BASELINE_EM: f32 = 0.1;
/// A word space, in ems, for telling whether a rail piece's first word would have fit on the
/// line above it.
const RAIL_SPACE_EM: f32 = 0.3;
/// The white space, in ems, a rail keeps before the block's edge: a word running into it
/// would have been wrapped.
const RAIL_GUTTER_EM: f32 = 1.0;
/// White space, in ems of the larger text beside it, that sets a block above a rail apart
/// from the rail's first label: more than lies between a rail's sections.
const BLOCK_APART_EM: f32 = 3.0;
/// Attached pieces are sparse when they stand on at most this share of the other side's lines.
const ATTACHED_MAX_DENSITY: f32 = 0.5;
/// Share of a right column's lines that may start in the far half of its width (a centred or
/// right-aligned line; see [`DETACHED_START_SHARE`]).
const MAX_DETACHED_SHARE: f32 = 0.2;
/// A line of a right column starts in the first part of its width, indented as it may be: one
/// that starts past this share of it is a flush-right piece.
const DETACHED_START_SHARE: f32 = 0.5;
/// A region with full-width text above or below it that spans less than this share of the
/// page's text height is a grid inside one column (cards of skills): read column by column,
/// but the page is not a multi-column page.
const INSET_MAX_HEIGHT_SHARE: f32 = 0.5;
/// Pieces of one baseline whose type sizes differ by this ratio are different blocks: a large
/// name beside small contact text, not one line.
const BLOCK_SIZE_RATIO: f32 = 1.5;
/// Rail pieces less than this many ems (of the larger) below the piece above are one block
/// of the rail: a label and the dates under it, a timeline's start and end years.
const RAIL_BLOCK_GAP_EM: f32 = 2.0;
/// A rail is at most this share of the body's width: labels beside content, not a main
/// column of short lines beside a narrow one.
const RAIL_MAX_WIDTH_SHARE: f32 = 0.6;
/// A rail has at least this many blocks: fewer beside a column are no pattern to go by.
const MIN_RAIL_ROWS: usize = 3;
/// Lines a rail block holds at most: a label wrapped once with a date or two under it. A
/// sidebar's blocks are lists.
const MAX_RAIL_BLOCK_LINES: usize = 4;
/// A rail block's first baseline lies within this many ems (of its size) of the top line of
/// the body block it labels (a label is set on, or centred a little below, its first line);
/// its row begins as far above it.
const ROW_ALIGN_EM: f32 = 0.8;
/// Share of the body's height within [`ROW_ALIGN_EM`] of a body block's top above which a
/// label beside a top may be chance.
const MAX_CHANCE_ALIGNED_SHARE: f32 = 0.5;
/// A body line further below the one above than this many of the body's usual line pitches
/// begins a block of the body (an entry, a section).
const BODY_BLOCK_GAP_PITCHES: f32 = 1.2;
/// Columns inside columns are searched this deep (a row of three cards is two gutters).
const MAX_COLUMN_DEPTH: u8 = 2;

/// A page's lines in reading order, as segments: each line is a range of `line_segs` (indices
/// of the page's segments) with its column.
#[derive(Default)]
pub(super) struct ReadingOrder {
    pub line_segs: Vec<usize>,
    pub lines: Vec<(Range<usize>, u8)>,
    pub columns: Vec<ColumnRegion>,
    /// Segments that cross the page's gutter beside its column regions, each with the gutter's
    /// x (see [`gutter_crossings`]): the caller splits them there and orders the page again.
    pub crossings: Vec<(usize, f32)>,
}

/// Orders the page's `segments` (made band by band, each band's in x order) into lines.
pub(super) fn reading_order(page: u32, segments: &[Segment], all: &[G], seg_text: &str) -> ReadingOrder {
    let free = segments.iter().filter(|s| is_free(s));
    let (top, bottom) = free.fold((f32::INFINITY, f32::NEG_INFINITY), |(t, b), s| (t.min(s.y), b.max(s.y)));
    let flow = Flow {
        page,
        segments,
        all,
        seg_text,
        text_height: (bottom - top).max(1.0),
    };
    let mut out = ReadingOrder {
        line_segs: Vec::with_capacity(segments.len()),
        ..ReadingOrder::default()
    };
    let every: Vec<usize> = (0..segments.len()).collect();
    flow.emit(&every, 0, 0, &mut out);
    out
}

/// The segment stands right of the gutter at `g`: its text starts there or further right (a
/// bullet hung out before it may stand in the gutter).
fn right_of(s: &Segment, g: f32) -> bool {
    s.text_x0 >= g - EDGE_TOLERANCE_PT
}

/// A segment the column search counts: words outside tables and text boxes.
fn is_free(s: &Segment) -> bool {
    s.boxed.is_none() && s.words > 0
}

struct Flow<'a> {
    page: u32,
    segments: &'a [Segment],
    all: &'a [G<'a>],
    seg_text: &'a str,
    /// From the first baseline of the page's text to its last.
    text_height: f32,
}

impl Flow<'_> {
    /// Emits the segments `segs` (in band order, each band's in x order) as the lines of one
    /// flow, columns `column` and up, `depth` columns deep.
    fn emit(&self, segs: &[usize], column: u8, depth: u8, out: &mut ReadingOrder) {
        let free: Vec<&Segment> = segs
            .iter()
            .map(|&si| &self.segments[si])
            .filter(|s| is_free(s))
            .collect();
        let gutter = if depth < MAX_COLUMN_DEPTH {
            find_gutter(&free, self.all)
        } else {
            None
        };
        if let (0, Some(g)) = (depth, &gutter) {
            out.crossings = gutter_crossings(segs, self.segments, g);
        }
        let edges = block_left_edges(segs, self.segments);
        // Wrapped rail labels already read with their first line.
        let mut taken: HashSet<usize> = HashSet::new();
        let mut emitted = vec![false; gutter.as_ref().map_or(0, |g| g.regions.len())];
        let mut k = 0;
        while k < segs.len() {
            let band = self.segments[segs[k]].band;
            let end = segs[k..]
                .iter()
                .position(|&si| self.segments[si].band != band)
                .map_or(segs.len(), |n| k + n);
            let region = gutter.as_ref().and_then(|g| {
                g.regions
                    .iter()
                    .position(|r| r.first_band <= band && band <= r.last_band)
                    .map(|ri| (g, ri))
            });
            match region {
                Some((g, ri)) => {
                    if !emitted[ri] {
                        emitted[ri] = true;
                        // The region's bands are the next ones of the flow (segments come by band).
                        let r = &g.regions[ri];
                        let stop = segs[k..]
                            .iter()
                            .position(|&si| self.segments[si].band > r.last_band)
                            .map_or(segs.len(), |n| k + n);
                        self.emit_region(&segs[k..stop], g, r, column, depth, out);
                    }
                }
                None => self.emit_band(&segs[k..end], &segs[end..], &edges, column, &mut taken, out),
            }
            k = end;
        }
    }

    /// Emits a column region, whose segments are `inside`: its left column whole, then its
    /// right one.
    fn emit_region(&self, inside: &[usize], g: &Gutter, r: &ColumnSpan, column: u8, depth: u8, out: &mut ReadingOrder) {
        let right_of = |si: usize| right_of(&self.segments[si], g.x);
        if !r.rows.is_empty() {
            // A label rail: each row's labels, then the block beside them; no column.
            let row_of = |si: usize| r.rows.partition_point(|&start| start <= self.segments[si].y);
            for row in 0..=r.rows.len() {
                for side in [false, true] {
                    let segs: Vec<usize> = inside
                        .iter()
                        .copied()
                        .filter(|&si| row_of(si) == row && right_of(si) == side)
                        .collect();
                    let first_line = out.lines.len();
                    self.emit(&segs, column, MAX_COLUMN_DEPTH, out);
                    if !side {
                        self.join_label_lines(first_line, out);
                    }
                }
            }
            return;
        }
        let mut samples = Vec::new();
        for side in [false, true] {
            let side_segs: Vec<usize> = inside.iter().copied().filter(|&si| right_of(si) == side).collect();
            if let Some(&si) = side_segs.iter().find(|&&si| self.segments[si].words > 0) {
                let text = &self.seg_text[self.segments[si].text.clone()];
                samples.push(shorten(&clean_line(text), 40));
            }
            self.emit(&side_segs, column.saturating_add(u8::from(side)), depth + 1, out);
        }
        let grid_in_one_column = r.inset && r.bottom - r.top < INSET_MAX_HEIGHT_SHARE * self.text_height;
        if depth == 0 && !grid_in_one_column {
            out.columns.push(ColumnRegion {
                page: self.page,
                columns: 2,
                top: r.top,
                bottom: r.bottom,
                content_order_differs: r.content_order_differs,
                samples,
            });
        }
    }

    /// Joins the lines of one rail block, from line `first` on, that continue the line above
    /// in its size: a date range or a timeline's start and end years set over two lines read
    /// as one label. A line that opens with a capital may be a label of its own and stays one.
    fn join_label_lines(&self, first: usize, out: &mut ReadingOrder) {
        let mut k = first + 1;
        while k < out.lines.len() {
            let (above, below) = (&out.lines[k - 1].0, &out.lines[k].0);
            let (a, b) = (
                &self.segments[out.line_segs[above.end - 1]],
                &self.segments[out.line_segs[below.start]],
            );
            let continues = self.seg_text[b.text.clone()]
                .chars()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_ascii_digit() || c.is_lowercase());
            let same_size = match (self.size(a), self.size(b)) {
                (Some(za), Some(zb)) => (za - zb).abs() <= 0.1 * za,
                _ => false,
            };
            if continues && same_size {
                let end = below.end;
                out.lines[k - 1].0.end = end;
                out.lines.remove(k);
            } else {
                k += 1;
            }
        }
    }

    /// Emits one band of a flow: its segments as one line, or as several where a piece
    /// belongs to another block than the piece before it. A label in a rail left of a block's
    /// edge takes with it the lines it wraps onto (just below it, beside the block's text at
    /// most): the whole label is read before the block's line. `rest` holds the flow's later
    /// segments; `taken`, those already read so.
    fn emit_band(
        &self,
        band: &[usize],
        rest: &[usize],
        edges: &[f32],
        column: u8,
        taken: &mut HashSet<usize>,
        out: &mut ReadingOrder,
    ) {
        let mut start = out.line_segs.len();
        let mut prev: Option<usize> = None;
        let unread: Vec<usize> = band.iter().copied().filter(|si| !taken.contains(si)).collect();
        for si in unread {
            if let Some(p) = prev {
                if let Some(edge) = self.starts_block(p, si, edges) {
                    // A label alone left of the edge, the band's first piece.
                    if let (Some(edge), true) = (edge, start + 1 == out.line_segs.len()) {
                        self.take_wrapped_label(p, edge, rest, (&mut start, column), taken, out);
                    }
                    out.lines.push((start..out.line_segs.len(), column));
                    start = out.line_segs.len();
                }
            }
            out.line_segs.push(si);
            prev = Some(si);
        }
        if out.line_segs.len() > start {
            out.lines.push((start..out.line_segs.len(), column));
        }
    }

    /// Reads with rail label `label` (left of block edge `edge`) the pieces of the rail below
    /// it, before the block's line: each the first piece of its band with nothing else left of
    /// the edge, in the label's size, and within [`WRAPPED_LINE_EM`] of the piece above it.
    /// A piece that starts with a word too long for the rest of the line above is that line
    /// wrapped and joins it (ending short of the edge); one that would have fit there is a line
    /// of its own of a stacked block (a contact column beside the first section), which one
    /// long word alone on its band (an e-mail address, a link) may overrun. Bands of the block's text alone
    /// (right of the edge) are passed over. `start` is where the line being made begins.
    fn take_wrapped_label(
        &self,
        label: usize,
        edge: f32,
        rest: &[usize],
        (start, column): (&mut usize, u8),
        taken: &mut HashSet<usize>,
        out: &mut ReadingOrder,
    ) {
        let mut above = &self.segments[label];
        let Some(size) = self.size(above) else { return };
        let mut k = 0;
        let mut looked = 0;
        while looked < MAX_STACK_LOOKAHEAD_BANDS {
            looked += 1;
            if k >= rest.len() {
                return;
            }
            let band = self.segments[rest[k]].band;
            let end = rest[k..]
                .iter()
                .position(|&si| self.segments[si].band != band)
                .map_or(rest.len(), |n| k + n);
            let s = &self.segments[rest[k]];
            if s.y - above.y > WRAPPED_LINE_EM * size {
                return;
            }
            let block_only = rest[k..end]
                .iter()
                .all(|&si| self.segments[si].x0 >= edge - EDGE_TOLERANCE_PT);
            if !block_only {
                // Alone on its band, or beside the block's own next line (a label wrapped
                // beside its entry's wrapped line).
                let beside = &rest[k + 1..end];
                let beside_block = beside
                    .iter()
                    .all(|&si| self.segments[si].x0 >= edge - EDGE_TOLERANCE_PT);
                let rail_piece = beside_block
                    && is_free(s)
                    && s.x0 < edge - EDGE_TOLERANCE_PT
                    && self.size(s).is_some_and(|z| (z - size).abs() <= 0.1 * size);
                if !rail_piece {
                    return;
                }
                let wraps = s.x1 <= edge - GUTTER_AIR_PT && self.wraps_onto(above, s, edge, size);
                // A line of its own shares no baseline with the block's text (a table of
                // labels and values does), and only a last word alone may run past the edge.
                let own_line = !wraps
                    && beside
                        .iter()
                        .all(|&si| (self.segments[si].y - s.y).abs() > SHARED_BASELINE_EM * size)
                    && (s.x1 <= edge - GUTTER_AIR_PT || (s.words == 1 && beside.is_empty()));
                if wraps {
                    out.line_segs.push(rest[k]);
                } else if own_line {
                    out.lines.push((*start..out.line_segs.len(), column));
                    *start = out.line_segs.len();
                    out.line_segs.push(rest[k]);
                } else {
                    return;
                }
                taken.insert(rest[k]);
                above = s;
            }
            k = end;
        }
    }

    /// `below` (a rail piece) continues `above` wrapped: the two line up as one paragraph's
    /// lines do (left, right or centre), and its first word would not have fit after `above`
    /// short of block edge `edge` (less a gutter of an em of `size`).
    fn wraps_onto(&self, above: &Segment, below: &Segment, edge: f32, size: f32) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() <= 2.0 * EDGE_TOLERANCE_PT;
        let aligned =
            near(above.x0, below.x0) || near(above.x1, below.x1) || near(above.x0 + above.x1, below.x0 + below.x1);
        if !aligned {
            return false;
        }
        let text = &self.seg_text[below.text.clone()];
        let chars = text.chars().count().max(1);
        let first_word = text.split_whitespace().next().map_or(0, |w| w.chars().count());
        // The mean advance of its characters: no glyph is measured again.
        let word_width = (below.x1 - below.x0) * first_word as f32 / chars as f32;
        let space = RAIL_SPACE_EM * size;
        above.x1 + space + word_width > edge - RAIL_GUTTER_EM * size
    }

    /// Segment `next` starts another block than `prev`, the piece left of it on its band:
    /// it begins at a block's left edge (the label of a rail is left of its section's first
    /// line; the edge is given), or the two are set in very different sizes (a large name
    /// beside small contact text). Tables and text boxes keep their rows whole, and a marker
    /// without words (a bullet drawn apart, an icon) stays with its text.
    fn starts_block(&self, prev: usize, next: usize, edges: &[f32]) -> Option<Option<f32>> {
        let (p, n) = (&self.segments[prev], &self.segments[next]);
        if !is_free(p) || !is_free(n) {
            return None;
        }
        if let Some(&e) = edges.iter().find(|&&e| (n.x0 - e).abs() <= EDGE_TOLERANCE_PT) {
            return Some(Some(e));
        }
        match (self.size(p), self.size(n)) {
            (Some(a), Some(b)) if a.max(b) >= BLOCK_SIZE_RATIO * a.min(b) => Some(None),
            _ => None,
        }
    }

    /// The type size of a segment's first visible glyph.
    fn size(&self, s: &Segment) -> Option<f32> {
        s.visible.first.map(|i| self.all[i].size)
    }
}

/// Left edges of text blocks in `segs`: where at least [`MIN_EDGE_USES`] pieces with words
/// start, one of them a line of its own (nothing left of it on its band: the block's text
/// wraps there), right of the flow's leftmost text. A piece that starts at such an edge begins
/// that block's line; flush-right dates of equal widths line up too, but never begin a line.
fn block_left_edges(segs: &[usize], segments: &[Segment]) -> Vec<f32> {
    let mut starts: Vec<(f32, bool)> = Vec::new();
    let mut last_band = None;
    for &si in segs {
        let s = &segments[si];
        let first = last_band != Some(s.band);
        last_band = Some(s.band);
        if is_free(s) && s.x0.is_finite() {
            starts.push((s.x0, first));
        }
    }
    starts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let Some(&(margin, _)) = starts.first() else {
        return Vec::new();
    };
    let mut edges = Vec::new();
    let mut k = 0;
    while k < starts.len() {
        let e = starts[k].0;
        let n = starts[k..].partition_point(|&(x, _)| x <= e + EDGE_TOLERANCE_PT);
        let wraps = starts[k..k + n].iter().any(|&(_, first)| first);
        if n >= MIN_EDGE_USES && wraps && e > margin + EDGE_TOLERANCE_PT {
            edges.push(e);
        }
        k += n;
    }
    edges
}

/// Segments of `segs` (a flow, in band order) that cross gutter `g` on a band next to one of
/// its column regions (a sidebar's line and a main-column heading on one baseline, closer than
/// a segment gap): the region goes on through them once they are cut at the gutter. A line
/// spanning both columns elsewhere (a paragraph above them) is not one of them.
fn gutter_crossings(segs: &[usize], segments: &[Segment], g: &Gutter) -> Vec<(usize, f32)> {
    let in_region = |band: usize| g.regions.iter().any(|r| r.first_band <= band && band <= r.last_band);
    let mut bands: Vec<usize> = segs
        .iter()
        .map(|&si| &segments[si])
        .filter(|s| is_free(s))
        .map(|s| s.band)
        .collect();
    bands.dedup();
    let mut out = Vec::new();
    for &si in segs {
        let s = &segments[si];
        let crosses = is_free(s) && !right_of(s, g.x) && s.x1 > g.x + EDGE_TOLERANCE_PT;
        if !crosses {
            continue;
        }
        let Ok(p) = bands.binary_search(&s.band) else { continue };
        let beside = (p > 0 && in_region(bands[p - 1])) || bands.get(p + 1).is_some_and(|&b| in_region(b));
        if beside {
            out.push((si, g.x));
        }
    }
    out
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
    /// Text spanning both columns stands right above or right below the region.
    inset: bool,
    /// Where each row of a label rail begins (baselines, top down), when the left side is a
    /// rail of labels each beside the top of a block of the right side (see [`rail_rows`]):
    /// the region is then read row by row, one column. Empty for two columns.
    rows: Vec<f32>,
}

/// Finds a vertical gutter with text blocks side by side on both sides for several lines,
/// among the segments `free` (see [`is_free`]); `all` holds the page's glyphs.
fn find_gutter(free: &[&Segment], all: &[G]) -> Option<Gutter> {
    if free.len() < 2 * MIN_COLUMN_LINES {
        return None;
    }
    let mut lefts: Vec<f32> = free.iter().map(|s| s.text_x0).filter(|x| x.is_finite()).collect();
    lefts.sort_by(f32::total_cmp);
    let min_x = *lefts.first()?;
    // Candidate gutters: left edges (rounded) right of the margin, with lines starting at them
    // or a little right of them (a ragged edge).
    let mut edges: Vec<f32> = lefts
        .iter()
        .map(|x| x.round())
        .filter(|&x| x > min_x + MIN_GUTTER_FROM_MARGIN_PT)
        .collect();
    edges.dedup();
    let left_edges = edges.len();
    // A column of right-aligned text has a ragged left edge but a common right one: its
    // gutter lies left of its leftmost line.
    edges.extend(right_aligned_starts(free).filter(|&x| x > min_x + MIN_GUTTER_FROM_MARGIN_PT));
    // By band, then left edge: the order every candidate reads them in, sorted once rather than
    // once per candidate.
    let mut by_band = free.to_vec();
    by_band.sort_by(|a, b| a.band.cmp(&b.band).then(a.x0.total_cmp(&b.x0)));
    let mut best: Option<(usize, Gutter)> = None;
    for (k, &g) in edges.iter().enumerate() {
        let flush_right = k >= left_edges;
        let from = lefts.partition_point(|&x| x < g - EDGE_TOLERANCE_PT);
        let to = lefts.partition_point(|&x| x <= g + RAGGED_EDGE_PT);
        if to - from < MIN_EDGE_USES && !flush_right {
            continue;
        }
        let regions = regions_for(&by_band, g, flush_right, all);
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

/// Where the lines of each right-aligned block of `free` start at the leftmost (rounded): for
/// each right edge at least [`MIN_EDGE_USES`] segments end at, starting over more than
/// [`RAGGED_EDGE_PT`], the least left edge of those.
fn right_aligned_starts<'s>(free: &'s [&Segment]) -> impl Iterator<Item = f32> + 's {
    let mut ends: Vec<(f32, f32)> = free
        .iter()
        .filter(|s| s.x1.is_finite() && s.text_x0.is_finite())
        .map(|s| (s.x1, s.text_x0))
        .collect();
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut starts = Vec::new();
    let mut k = 0;
    while k < ends.len() {
        let n = ends[k..].partition_point(|&(x, _)| x <= ends[k].0 + 2.0 * EDGE_TOLERANCE_PT);
        let (first, last) = ends[k..k + n]
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), e| (a.min(e.1), b.max(e.1)));
        // Lines that also start together are a left-aligned (or justified) block: its left
        // edge is a candidate already.
        if n >= MIN_EDGE_USES && last - first > RAGGED_EDGE_PT {
            starts.push(first.round());
        }
        k += n;
    }
    starts.into_iter()
}

/// Column regions for gutter `g`: runs of bands where no line spans the gutter, each with its
/// score (the words of its smaller column). `by_band`: the segments by band, then left edge;
/// `flush_right`: `g` is where a right-aligned column's lines start at the leftmost.
fn regions_for(by_band: &[&Segment], g: f32, flush_right: bool, all: &[G]) -> Vec<(ColumnSpan, usize)> {
    let right_edge = by_band
        .iter()
        .filter(|s| right_of(s, g))
        .map(|s| s.x1)
        .fold(g, f32::max);
    let overhang_limit = g + MAX_OVERHANG_SHARE * (right_edge - g);
    let mut out = Vec::new();
    let mut run: Vec<&[&Segment]> = Vec::new();
    let mut above: Option<f32> = None;
    let mut k = 0;
    while k < by_band.len() {
        let band = by_band[k].band;
        let end = by_band[k..]
            .iter()
            .position(|s| s.band != band)
            .map_or(by_band.len(), |n| k + n);
        let segs = &by_band[k..end];
        let spans = segs.iter().any(|s| {
            let crosses = !right_of(s, g) && s.x1 > g + EDGE_TOLERANCE_PT;
            // A left-column line running a little into a band where the right column is empty:
            // one unbreakable word (an e-mail address, a link) too long for its column, as text
            // that wraps never does.
            let size = s.visible.first.map_or(0.0, |i| all[i].size);
            let overhangs = s.words == 1
                && s.x1 <= overhang_limit.min(g + MAX_OVERHANG_EM * size)
                && segs.iter().all(|o| !right_of(o, g));
            crosses && !overhangs
        });
        // White space across the whole width, several lines high, also ends a region: what
        // follows is laid out anew (a rail of labels below a contact block beside a title).
        let size = |band: &[&Segment]| {
            band.iter()
                .filter_map(|s| s.visible.first.map(|i| all[i].size))
                .fold(0.0, f32::max)
        };
        let blank_above = run
            .last()
            .is_some_and(|prev| segs[0].y - prev[0].y > REGION_BREAK_EM * size(prev).max(size(segs)));
        if blank_above {
            finish_run(&mut run, (g, flush_right), above, None, all, &mut out);
            above = None;
        }
        if spans {
            let y = segs[0].y;
            finish_run(&mut run, (g, flush_right), above, Some(y), all, &mut out);
            above = Some(y);
        } else {
            run.push(segs);
        }
        k = end;
    }
    finish_run(&mut run, (g, flush_right), above, None, all, &mut out);
    out
}

/// Evaluates the run of bands `run` between a spanning line at `above` and one at `below`
/// (baselines; none at the page's edges), and empties it.
///
/// Bands at the run's ends with text on one side only go with the spanning text next to them
/// when they are nearer to it than to the run: the heading of the section below a grid of
/// cards is not part of the grid.
fn finish_run(
    run: &mut Vec<&[&Segment]>,
    (g, flush_right): (f32, bool),
    above: Option<f32>,
    below: Option<f32>,
    all: &[G],
    out: &mut Vec<(ColumnSpan, usize)>,
) {
    let one_sided = |band: &[&Segment]| {
        let first = right_of(band[0], g);
        band.iter().all(|s| right_of(s, g) == first)
    };
    let (mut lo, mut hi) = (0, run.len());
    if let Some(mut below) = below {
        while hi > lo + 1 && one_sided(run[hi - 1]) {
            let (y, prev) = (run[hi - 1][0].y, run[hi - 2][0].y);
            if below - y >= y - prev {
                break;
            }
            below = y;
            hi -= 1;
        }
    }
    if let Some(mut above) = above {
        while hi > lo + 1 && one_sided(run[lo]) {
            let (y, next) = (run[lo][0].y, run[lo + 1][0].y);
            if y - above >= next - y {
                break;
            }
            above = y;
            lo += 1;
        }
    }
    let segs: Vec<&Segment> = run[lo..hi].iter().flat_map(|b| b.iter().copied()).collect();
    if let Some(r) = evaluate_region(&segs, (g, flush_right), above.is_some() || below.is_some(), all) {
        out.push(r);
    }
    run.clear();
}

fn evaluate_region(
    run: &[&Segment],
    (g, flush_right): (f32, bool),
    inset: bool,
    all: &[G],
) -> Option<(ColumnSpan, usize)> {
    let (left, right): (Vec<&Segment>, Vec<&Segment>) = run.iter().partition(|s| !right_of(s, g));
    let (ll, rl) = (lines(&left), lines(&right));
    let (lw, rw) = (words(&left), words(&right));
    if !is_column(ll, lw) || !is_column(rl, rw) {
        return None;
    }
    // A gutter needs air: the left column stops short of the right one's text (where it
    // starts, not the rounded `g`), but for a few lines that run on into the right column's
    // empty bands (admitted by `regions_for`).
    let right_text = right
        .iter()
        .map(|s| s.text_x0)
        .fold(f32::INFINITY, f32::min)
        .min(g + EDGE_TOLERANCE_PT);
    if left
        .iter()
        .any(|s| s.x1 > right_text - GUTTER_AIR_PT && s.x1 <= g + EDGE_TOLERANCE_PT)
    {
        return None;
    }
    let overhanging = left.iter().filter(|s| s.x1 > g + EDGE_TOLERANCE_PT).count();
    if overhanging as f32 > MAX_OVERHANGING_LINES_SHARE * ll as f32 {
        return None;
    }
    if attached(&right, &left, all) || attached(&left, &right, all) {
        return None;
    }
    // A right column starts at the gutter: bands whose right side starts in the far half of it
    // hold flush-right pieces of the left side's lines (dates beside a job's title), not its
    // lines.
    let right_edge = right.iter().map(|s| s.x1).fold(g, f32::max);
    let far = g + DETACHED_START_SHARE * (right_edge - g);
    let mut detached = 0;
    let mut last_band = None;
    for s in &right {
        if last_band != Some(s.band) && s.x0 > far {
            detached += 1;
        }
        last_band = Some(s.band);
    }
    // A right-aligned column's short lines start far right by design.
    if !flush_right && detached as f32 > MAX_DETACHED_SHARE * rl as f32 {
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
    if overlap < MIN_SIDE_BY_SIDE_SHARE * (lb - lt).min(rb - rt) {
        return None;
    }
    // Content order: does the file's own order switch between the columns more than once?
    let mut seq: Vec<(u32, bool)> = run.iter().map(|s| (s.first_seq, right_of(s, g))).collect();
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
            inset,
            rows: rail_rows(&left, &right, all).unwrap_or_default(),
        },
        lw.min(rw),
    ))
}

/// Text on `lines` bands holding `words` words is enough for a column (see
/// [`MIN_COLUMN_LINES`], [`MIN_COLUMN_WORDS`]).
fn is_column(lines: usize, words: usize) -> bool {
    lines >= MIN_COLUMN_LINES && (words >= MIN_COLUMN_WORDS || lines >= SPARSE_COLUMN_LINES)
}

/// `rail` (the left side of a region) is a rail of labels beside `body` (its right side), as
/// a label+content layout sets section headings with dates under them or a timeline's years:
/// it is narrower than the body, its pieces are short and fewer than the body's lines, they
/// stand in small blocks, and nearly every block begins
/// beside the top of a block of the body (its first line, or one after a wider gap than the
/// body's usual line pitch). The baselines where the rows begin, top down.
fn rail_rows(rail: &[&Segment], body: &[&Segment], all: &[G]) -> Option<Vec<f32>> {
    let n = rail.len() as f32;
    let width = |side: &[&Segment]| {
        let (x0, x1) = side.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), s| {
            (a.min(s.x0), b.max(s.x1))
        });
        x1 - x0
    };
    if words(rail) as f32 > ATTACHED_MAX_MEAN_WORDS * n
        || lines(rail) >= lines(body)
        || width(rail) > RAIL_MAX_WIDTH_SHARE * width(body)
    {
        return None;
    }
    let size = |s: &Segment| s.visible.first.map_or(0.0, |i| all[i].size);
    // The rail's blocks: (first piece, last piece, lines).
    let mut blocks: Vec<(&Segment, &Segment, usize)> = Vec::new();
    for &p in rail {
        match blocks.last_mut() {
            Some((_, last, lines)) if p.band == last.band => *last = if p.y > last.y { p } else { last },
            Some((_, last, lines)) if p.y - last.y <= RAIL_BLOCK_GAP_EM * size(last).max(size(p)) => {
                *last = p;
                *lines += 1;
            }
            _ => blocks.push((p, p, 1)),
        }
    }
    if blocks.len() < MIN_RAIL_ROWS {
        return None;
    }
    // The body's lines (a baseline each) and the ones that begin its blocks.
    let mut ys: Vec<f32> = Vec::new();
    let mut last_band = None;
    for s in body {
        if last_band != Some(s.band) {
            ys.push(s.y);
        }
        last_band = Some(s.band);
    }
    let mut pitches: Vec<f32> = ys.windows(2).map(|w| w[1] - w[0]).collect();
    if pitches.is_empty() {
        return None;
    }
    pitches.sort_by(f32::total_cmp);
    // The usual pitch inside a block: a low quantile, as a page of short entries has nearly as
    // many gaps between blocks as inside them.
    let pitch = pitches[pitches.len() / 4];
    let tops: Vec<f32> = ys
        .iter()
        .enumerate()
        .filter(|&(k, &y)| k == 0 || y - ys[k - 1] > BODY_BLOCK_GAP_PITCHES * pitch)
        .map(|(_, &y)| y)
        .collect();
    let beside_top = |first: &Segment| tops.iter().any(|&t| (t - first.y).abs() <= ROW_ALIGN_EM * size(first));
    let aligned = blocks.iter().filter(|b| beside_top(b.0)).count();
    let small = blocks.iter().filter(|b| b.2 <= MAX_RAIL_BLOCK_LINES).count();
    let m = blocks.len() as f32;
    if (aligned as f32) < ATTACHED_SHARE * m || (small as f32) < ATTACHED_SHARE * m {
        return None;
    }
    // Beside a body of many short blocks any label stands near some top: the share of the
    // body's height within reach of a top must leave the alignment meaningful.
    let reach = ROW_ALIGN_EM * blocks.iter().map(|b| size(b.0)).fold(0.0, f32::max);
    let mut covered = 0.0;
    let mut until = f32::NEG_INFINITY;
    for &t in &tops {
        let (from, to) = ((t - reach).max(until), t + reach);
        covered += (to - from).max(0.0);
        until = until.max(to);
    }
    let height = ys.last().copied().unwrap_or(0.0) - ys[0] + 2.0 * reach;
    if covered > MAX_CHANCE_ALIGNED_SHARE * height {
        return None;
    }
    Some(blocks.iter().map(|b| b.0.y - ROW_ALIGN_EM * size(b.0)).collect())
}

/// Bands a side's segments stand on (they come by band).
fn lines(side: &[&Segment]) -> usize {
    let mut bands: Vec<usize> = side.iter().map(|s| s.band).collect();
    bands.dedup();
    bands.len()
}

fn words(side: &[&Segment]) -> usize {
    side.iter().map(|s| s.words).sum()
}

/// `pieces` (one side of a gutter) are parts of the lines of `lines` (the other side) rather
/// than a column: nearly all share a baseline with one of those lines (or continue, a line
/// below, a piece that does: a label wrapped over two lines), they are short, and they are
/// sparse beside them or end at one right edge (see [`ATTACHED_SHARE`]). Pieces above the
/// first that shares a baseline, set apart from it by [`BLOCK_APART_EM`], are a block of their
/// own above the rail (contact lines beside a title) and are left out when they are too few to
/// be a column. `all` holds the page's glyphs.
fn attached(pieces: &[&Segment], lines: &[&Segment], all: &[G]) -> bool {
    let mut bands: Vec<usize> = lines.iter().map(|s| s.band).collect();
    bands.sort_unstable();
    let mut on_shared: Vec<bool> = Vec::with_capacity(pieces.len());
    let mut previous: Option<(&Segment, bool)> = None;
    for &p in pieces {
        // Only a piece on a shared baseline is continued so: a wrapped label is one line
        // more, not a chain of lines (a column whose first line meets one of the other side's).
        let continues = previous.is_some_and(|(q, q_on_band)| {
            let size = p.visible.first.map_or(0.0, |i| all[i].size);
            q_on_band && q.band != p.band && p.y - q.y <= WRAPPED_LINE_EM * size
        });
        let on_band = bands.binary_search(&p.band).is_ok();
        on_shared.push(continues || on_band);
        previous = Some((p, on_band));
    }
    let above = on_shared.iter().position(|&s| s).unwrap_or(pieces.len());
    let block_above = &pieces[..above];
    let stands_apart = match (block_above.last(), pieces.get(above)) {
        (Some(last), Some(first)) => {
            let size = |s: &Segment| s.visible.first.map_or(0.0, |i| all[i].size);
            first.y - last.y >= BLOCK_APART_EM * size(last).max(size(first))
        }
        _ => false,
    };
    let from = if stands_apart && !is_column(self::lines(block_above), words(block_above)) {
        above
    } else {
        0
    };
    let (pieces, on_shared) = (&pieces[from..], &on_shared[from..]);
    if pieces.is_empty() {
        return false;
    }
    let n = pieces.len() as f32;
    let shared = on_shared.iter().filter(|&&s| s).count();
    if (shared as f32) < ATTACHED_SHARE * n || words(pieces) as f32 > ATTACHED_MAX_MEAN_WORDS * n {
        return false;
    }
    bands.dedup();
    let sparse = self::lines(pieces) as f32 <= ATTACHED_MAX_DENSITY * bands.len() as f32;
    let flush = {
        let mut ends: Vec<f32> = pieces.iter().map(|p| p.x1).collect();
        ends.sort_by(f32::total_cmp);
        // The most pieces ending within the tolerance of one edge.
        let most = (0..ends.len())
            .map(|k| ends[k..].partition_point(|&x| x <= ends[k] + 2.0 * EDGE_TOLERANCE_PT))
            .max()
            .unwrap_or(0);
        most as f32 >= ATTACHED_SHARE * n
    };
    sparse || flush
}

#[cfg(test)]
mod tests {
    use super::super::tests::{set_text, texts, LETTER};
    use super::super::{layout, PageLayout};
    use crate::pdf::interp::{Glyph, PageContent};

    fn laid_out(glyphs: Vec<Glyph>) -> PageLayout {
        let content = PageContent {
            glyphs,
            ..PageContent::default()
        };
        layout(1, &content, LETTER)
    }

    #[test]
    fn blocks_side_by_side_for_several_lines_are_columns_read_one_after_the_other() {
        let mut glyphs = Vec::new();
        // Drawn band by band, left piece then right: the content order is not the reading order.
        for k in 0..6 {
            let y = 700.0 - 14.0 * k as f32;
            set_text(
                &mut glyphs,
                (72.0, y),
                10.0,
                5.0,
                &format!("left line {k} holds several more words"),
            );
            set_text(
                &mut glyphs,
                (330.0, y),
                10.0,
                5.0,
                &format!("right line {k} holds several more words"),
            );
        }
        let page = laid_out(glyphs);
        let want: Vec<String> = (0..6)
            .map(|k| format!("left line {k} holds several more words"))
            .chain((0..6).map(|k| format!("right line {k} holds several more words")))
            .collect();
        assert_eq!(texts(&page), want);
        assert_eq!(page.columns.len(), 1);
        assert_eq!(page.columns[0].columns, 2);
        let sides: Vec<u8> = page.lines.iter().map(|l| l.column).collect();
        assert_eq!(sides[..6], [sides[0]; 6]);
        assert_ne!(sides[0], sides[6]);
    }

    /// Dev class D5 (a contact column beside the first section, as moderncv's oldstyle sets
    /// it): the narrow left block, its e-mail running past the main column's edge, is read
    /// whole before the section beside it; its lines stay apart.
    #[test]
    fn a_narrow_block_beside_the_first_section_is_read_before_it() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (40.0, 740.0), 20.0, 10.0, "Ada Brook");
        set_text(&mut glyphs, (40.0, 690.0), 9.0, 4.8, "Lyon, France");
        // Set after an icon the reader drops: a long first word that lines up with nothing above.
        set_text(&mut glyphs, (52.0, 678.0), 9.0, 4.8, "+33-1-23-45-67-89");
        set_text(&mut glyphs, (40.0, 666.0), 9.0, 4.8, "ada.brook.lyon@example-mail.com");
        set_text(&mut glyphs, (150.0, 692.0), 12.0, 6.5, "Profile");
        set_text(
            &mut glyphs,
            (150.0, 676.0),
            10.0,
            5.0,
            "Engineer with nine years of careful delivery and",
        );
        set_text(&mut glyphs, (150.0, 662.0), 10.0, 5.0, "calm teamwork in payments.");
        set_text(&mut glyphs, (150.0, 636.0), 12.0, 6.5, "Experience");
        for k in 0..4 {
            let y = 620.0 - 14.0 * k as f32;
            set_text(
                &mut glyphs,
                (150.0, y),
                10.0,
                5.0,
                &format!("Built service {k} for the billing team"),
            );
        }
        let page = laid_out(glyphs);
        let got = texts(&page);
        assert_eq!(
            got[..7],
            [
                "Ada Brook",
                "Lyon, France",
                "+33-1-23-45-67-89",
                "ada.brook.lyon@example-mail.com",
                "Profile",
                "Engineer with nine years of careful delivery and",
                "calm teamwork in payments.",
            ],
            "{got:?}"
        );
    }

    /// Dev class D2 (a label rail whose labels are section headings, with small dates under
    /// them, each block set beside the top of its content block): label+content rows, one
    /// column; each label and its dates read before the block beside it.
    #[test]
    fn a_rail_of_headings_with_dates_under_them_is_read_row_by_row() {
        let mut glyphs = Vec::new();
        let body = |glyphs: &mut Vec<Glyph>, top: f32, lines: &[&str]| {
            for (k, line) in lines.iter().enumerate() {
                set_text(glyphs, (200.0, top - 14.0 * k as f32), 10.0, 5.0, line);
            }
        };
        set_text(&mut glyphs, (40.0, 720.0), 12.0, 6.5, "Contact");
        body(
            &mut glyphs,
            720.0,
            &["Email ada@example.com", "Phone +33 1 23 45 67 89"],
        );
        set_text(&mut glyphs, (40.0, 670.0), 12.0, 6.5, "Experience");
        set_text(&mut glyphs, (40.0, 658.0), 7.0, 3.5, "2021 to Present");
        body(
            &mut glyphs,
            670.0,
            &[
                "Analyst at Northwind Bank",
                "Built the risk dashboard used by four desks",
                "Cut the monthly close from nine days to five",
                "Wrote the data quality checks for the ledger",
            ],
        );
        set_text(&mut glyphs, (40.0, 596.0), 7.0, 3.5, "2018 to 2021");
        body(
            &mut glyphs,
            596.0,
            &[
                "Junior Analyst at Harbour Trust",
                "Kept the pricing models in step with the market",
                "Moved the reports from spreadsheets to SQL",
            ],
        );
        set_text(&mut glyphs, (40.0, 530.0), 12.0, 6.5, "Education");
        set_text(&mut glyphs, (40.0, 518.0), 7.0, 3.5, "2014 to 2018");
        body(
            &mut glyphs,
            530.0,
            &["B.Sc. Physics, Lyon University", "Thesis on turbulent flows in pipes"],
        );
        set_text(&mut glyphs, (40.0, 480.0), 12.0, 6.5, "Skills");
        body(
            &mut glyphs,
            480.0,
            &["Python, SQL, Excel, Tableau", "French, English, German"],
        );
        let page = laid_out(glyphs);
        assert!(page.columns.is_empty(), "{:?}", page.columns);
        let got = texts(&page);
        let at = |t: &str| {
            got.iter()
                .position(|&l| l == t)
                .unwrap_or_else(|| panic!("{t:?} in {got:?}"))
        };
        assert_eq!(at("Contact") + 1, at("Email ada@example.com"), "{got:?}");
        assert_eq!(at("Experience") + 1, at("2021 to Present"), "{got:?}");
        assert_eq!(at("2021 to Present") + 1, at("Analyst at Northwind Bank"), "{got:?}");
        assert_eq!(
            at("Wrote the data quality checks for the ledger") + 1,
            at("2018 to 2021")
        );
        assert_eq!(at("2018 to 2021") + 1, at("Junior Analyst at Harbour Trust"));
        assert_eq!(at("Education") + 2, at("B.Sc. Physics, Lyon University"), "{got:?}");
        assert_eq!(at("Skills") + 1, at("Python, SQL, Excel, Tableau"), "{got:?}");
    }

    /// Dev class D10 (a timeline's date rail, moderntimeline: the start year set just above
    /// the entry's first line, the end year just below it, at staggered x): no column, the
    /// years read as one label right before their entry.
    #[test]
    fn a_timeline_of_years_beside_entries_is_read_row_by_row() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (140.0, 730.0), 12.0, 6.5, "Experience");
        for k in 0..4 {
            let y = 700.0 - 44.0 * k as f32;
            set_text(
                &mut glyphs,
                (72.0 - 4.0 * k as f32, y + 5.0),
                7.0,
                4.0,
                &format!("{}", 2019 - 2 * k),
            );
            set_text(
                &mut glyphs,
                (62.0 - 4.0 * k as f32, y - 6.0),
                7.0,
                4.0,
                &format!("{}", 2021 - 2 * k),
            );
            set_text(
                &mut glyphs,
                (140.0, y),
                10.0,
                5.0,
                &format!("Analyst {k}, Northwind Bank, Lyon"),
            );
            set_text(
                &mut glyphs,
                (150.0, y - 14.0),
                10.0,
                5.0,
                &format!("Built report {k} for the risk desk"),
            );
            set_text(
                &mut glyphs,
                (150.0, y - 26.0),
                10.0,
                5.0,
                &format!("Cut the close {k} days shorter"),
            );
        }
        let page = laid_out(glyphs);
        assert!(page.columns.is_empty(), "{:?}", page.columns);
        let got = texts(&page);
        assert_eq!(
            got[..5],
            [
                "Experience",
                "2019 2021",
                "Analyst 0, Northwind Bank, Lyon",
                "Built report 0 for the risk desk",
                "Cut the close 0 days shorter"
            ],
            "{got:?}"
        );
        assert_eq!(got[5..7], ["2017 2019", "Analyst 1, Northwind Bank, Lyon"], "{got:?}");
    }

    /// Dev class D4: a narrow column of right-aligned text (a ragged LEFT edge, set at its
    /// own line pitch) beside the main column, whose dates are flush with its own right edge:
    /// the gutter is found from the right column's common right edge, the page is two
    /// columns, and the rows stay apart.
    #[test]
    fn a_right_aligned_column_beside_the_main_one_is_a_column() {
        let mut glyphs = Vec::new();
        let flush_right = |glyphs: &mut Vec<Glyph>, right: f32, y: f32, size: f32, text: &str| {
            let advance = size / 2.0;
            set_text(
                glyphs,
                (right - advance * text.chars().count() as f32, y),
                size,
                advance,
                text,
            );
        };
        set_text(&mut glyphs, (40.0, 700.0), 12.0, 6.5, "Experience");
        flush_right(&mut glyphs, 560.0, 700.0, 12.0, "Skills");
        let mut y = 684.0;
        for k in 0..3 {
            set_text(&mut glyphs, (40.0, y), 10.0, 5.0, &format!("Analyst {k}, Northwind"));
            flush_right(&mut glyphs, 360.0, y, 10.0, "2019 - 2021");
            set_text(
                &mut glyphs,
                (46.0, y - 12.0),
                10.0,
                5.0,
                &format!("Built report {k} for the risk desk"),
            );
            set_text(
                &mut glyphs,
                (46.0, y - 24.0),
                10.0,
                5.0,
                &format!("Cut the close {k} by two days"),
            );
            y -= 44.0;
        }
        let items = [
            "Python",
            "Financial modelling",
            "SQL",
            "Tableau and Power BI",
            "Excel",
            "Risk",
            "French",
            "English",
            "Forecasting",
            "Go",
        ];
        for (k, item) in items.iter().enumerate() {
            flush_right(&mut glyphs, 560.0, 686.0 - 10.5 * k as f32, 9.0, item);
        }
        let page = laid_out(glyphs);
        assert_eq!(page.columns.len(), 1, "{:?}", texts(&page));
        let got = texts(&page);
        assert!(got.contains(&"Experience"), "{got:?}");
        assert!(got.contains(&"Financial modelling"), "{got:?}");
        assert!(
            got.iter().all(|l| !(l.contains("Analyst") && l.contains("Python"))),
            "{got:?}"
        );
    }

    #[test]
    fn right_aligned_dates_on_some_body_lines_are_no_column() {
        let mut glyphs = Vec::new();
        for k in 0..8 {
            let y = 700.0 - 14.0 * k as f32;
            set_text(
                &mut glyphs,
                (72.0, y),
                10.0,
                5.0,
                &format!("body line {k} runs across the page with words"),
            );
            if k % 4 == 0 {
                set_text(&mut glyphs, (500.0, y), 10.0, 5.0, "2019");
            }
        }
        let page = laid_out(glyphs);
        assert!(page.columns.is_empty(), "{:?}", page.columns);
        assert_eq!(page.lines[0].text.split_whitespace().next(), Some("body"));
        assert!(texts(&page).iter().any(|t| t.contains("2019")));
    }
}
