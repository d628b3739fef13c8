//! The glyph stage: a page's glyphs in page space, grouped into baseline bands.
//!
//! Takes the content's positioned glyphs and gives them in page space (x from the left edge,
//! the baseline's y from the top edge), each with why it is hidden if it is, then sorted into
//! baseline bands: runs of glyphs whose baselines lie within [`BAND_TOLERANCE_EM`], two lines
//! drawn over each other split apart, and superscripts and subscripts merged into their line.
//! Drawn soft hyphens are read as hyphens here, for the later stages.

use std::ops::Range;

use super::{max_of, min_of, single_char, sort_key, PageBox, G};
use crate::document::HiddenReason;
use crate::pdf::interp::{Glyph, GlyphText, PageContent, Rect};
use crate::textnorm::{combining_for_spacing_accent, is_ascii_space};

/// A dark fill both sides of which are longer than this (pt) is a background white text can
/// show on (a coloured sidebar or header bar); smaller ones are rules and bullets.
const DARK_FILL_MIN_SIDE_PT: f32 = 3.0;

/// Glyphs this size or smaller (pt) are microscopic: no one can read them, so they are hidden
/// text.
pub(super) const MICROSCOPIC_MAX_SIZE_PT: f32 = 1.0;

/// A glyph this far (pt) past a page edge is off the page: producers round, and a glyph's box
/// may overhang the edge it is set against.
const OFF_PAGE_SLACK_PT: f32 = 2.0;

/// A page's glyphs as the glyph stage places them (see [`place`]).
pub(super) struct PageGlyphs<'a> {
    /// The upright glyphs in page space, in content order.
    pub upright: Vec<G<'a>>,
    /// Each upright glyph's key for the band sort (see [`bands`]): its baseline's, its x's
    /// (`sort_key`) and its index, packed.
    pub keyed: Vec<u128>,
    /// The rotated glyphs, in content order: read apart, as one line.
    pub rotated: Vec<&'a Glyph>,
    /// Glyphs drawn visible that are not white space, rotated ones included.
    pub visible_chars: usize,
}

/// Places the content's glyphs in page space (`pbox`), each with why it is hidden if it is (on
/// a `scanned` page invisible text is the scan's text layer, read as text), and keys them for
/// the band sort.
///
/// The sorts compare packed integer keys (`sort_key`, in `total_cmp`'s order): over the
/// files of `scripts/icount.sh`, sorting `(f32, f32, usize)` tuples with `total_cmp` cost 5.0M
/// instructions, and the bands' stable sorts on `x` more; these two sorts take 3.7M.
pub(super) fn place(content: &PageContent, pbox: PageBox, scanned: bool) -> PageGlyphs<'_> {
    let (pw, ph) = (pbox.width(), pbox.height());
    let dark_fills: Vec<Rect> = content
        .paths
        .iter()
        .filter(|p| p.dark_fill && p.rect.width() > DARK_FILL_MIN_SIDE_PT && p.rect.height() > DARK_FILL_MIN_SIDE_PT)
        .map(|p| p.rect)
        .collect();

    // Page-space glyphs, with why each is hidden (if it is), and their keys for the band sort.
    //
    // One pass over the content's glyphs makes the page-space glyphs, their sort keys and the
    // rotated glyphs: a loop rather than a closure per glyph, whose captured page bounds were
    // loaded again for every glyph.
    let mut visible_chars = 0;
    let mut rotated: Vec<&Glyph> = Vec::new();
    let mut upright: Vec<G> = Vec::with_capacity(content.glyphs.len());
    let mut keyed: Vec<u128> = Vec::with_capacity(content.glyphs.len());
    let right_limit = pw + OFF_PAGE_SLACK_PT;
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
        } else if g.size <= MICROSCOPIC_MAX_SIZE_PT {
            Some(HiddenReason::Microscopic)
        } else if x > right_limit || x + g.width < -OFF_PAGE_SLACK_PT || y < -OFF_PAGE_SLACK_PT || y > ph + g.size {
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
    PageGlyphs {
        upright,
        keyed,
        rotated,
        visible_chars,
    }
}

/// Glyphs whose baselines are within this many em (of the smaller size, at least 1 pt) of the
/// band's first glyph share its band: mixed fonts, jittery producers and small raises stay on
/// their line, and lines (at least ~1 em apart) do not meet.
const BAND_TOLERANCE_EM: f32 = 0.35;

/// The baseline bands of the page's glyphs `upright`, keyed by [`place`]: the glyphs' indices
/// sorted by baseline, then x (the index breaks ties, so that the unstable sort orders as a
/// stable one would), and each band as a range of that order, with whether it is in x order
/// already. Bands are ranges of one vector rather than a vector per band and segment: their
/// growth was ~8% of the layout.
pub(super) fn bands(upright: &[G], keyed: &mut [u128]) -> (Vec<usize>, Vec<(Range<usize>, bool)>) {
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
    split_overprinted(&mut bands, &mut order, upright);
    let bands = attach_scripts(bands, &order, upright);
    (order, bands)
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
pub(super) fn is_drawn_soft_hyphen(g: &Glyph) -> bool {
    g.width > 0.0 && !g.invisible && &*g.text == "\u{AD}"
}

fn contains(r: &Rect, x: f32, y: f32) -> bool {
    x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

#[cfg(test)]
mod tests {
    use super::super::tests::{set_text, LETTER};
    use super::*;
    use crate::pdf::interp::Painted;

    /// The glyph stage's bands of `glyphs` on a Letter page, each as the text of its glyphs in
    /// the band's order.
    fn band_texts(glyphs: Vec<Glyph>) -> Vec<String> {
        let content = PageContent {
            glyphs,
            ..PageContent::default()
        };
        let mut placed = place(&content, LETTER, false);
        let (order, bands) = bands(&placed.upright, &mut placed.keyed);
        bands
            .iter()
            .map(|(range, _)| order[range.clone()].iter().map(|&i| placed.upright[i].text()).collect())
            .collect()
    }

    #[test]
    fn glyphs_within_the_band_tolerance_share_a_band_and_the_next_line_does_not() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "Hello ");
        // Jitter of 0.3 pt, well within 0.35 em: the same line.
        set_text(&mut glyphs, (102.0, 700.3), 10.0, 5.0, "world");
        set_text(&mut glyphs, (72.0, 686.0), 10.0, 5.0, "Next");
        let bands = band_texts(glyphs);
        assert_eq!(bands.len(), 2, "{bands:?}");
        assert_eq!(bands[1], "Next");
        let mut first: Vec<char> = bands[0].chars().collect();
        first.sort_unstable();
        let mut want: Vec<char> = "Hello world".chars().collect();
        want.sort_unstable();
        assert_eq!(first, want);
    }

    #[test]
    fn a_line_drawn_over_the_one_below_it_is_split_off_as_its_own_band() {
        let mut glyphs = Vec::new();
        // A heading set 3 pt (0.3 em) above an entry over the same x span: one band by the
        // tolerance, two lines by their overlapping glyphs.
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "Skills");
        set_text(&mut glyphs, (72.0, 697.0), 10.0, 5.0, "Python");
        assert_eq!(band_texts(glyphs), ["Skills", "Python"]);
    }

    #[test]
    fn lines_a_baseline_step_apart_that_do_not_overlap_stay_one_band() {
        let mut glyphs = Vec::new();
        // The same step, side by side rather than over each other: one line, not two.
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "Skills");
        set_text(&mut glyphs, (110.0, 697.0), 10.0, 5.0, "Python");
        assert_eq!(band_texts(glyphs).len(), 1);
    }

    #[test]
    fn a_raised_ordinal_set_against_its_number_joins_the_number_s_band() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "1");
        // 6 pt, raised 3.5 pt: further than the band tolerance of a 6 pt glyph (2.1 pt).
        set_text(&mut glyphs, (77.0, 703.5), 6.0, 3.0, "st");
        set_text(&mut glyphs, (83.0, 700.0), 10.0, 5.0, " place");
        let bands = band_texts(glyphs);
        assert_eq!(bands.len(), 1, "{bands:?}");
        // By baseline within the band: the line stage puts it in x order (see its tests).
        let mut chars: Vec<char> = bands[0].chars().collect();
        chars.sort_unstable();
        let mut want: Vec<char> = "1st place".chars().collect();
        want.sort_unstable();
        assert_eq!(chars, want);
    }

    #[test]
    fn a_small_line_apart_from_the_text_beside_it_is_no_script() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "1");
        // The same size and raise, but set far from any glyph of the line.
        set_text(&mut glyphs, (200.0, 703.5), 6.0, 3.0, "st");
        assert_eq!(band_texts(glyphs), ["st", "1"]);
    }

    #[test]
    fn place_says_why_each_hidden_glyph_is_hidden() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "abcdef");
        glyphs[1].invisible = true;
        glyphs[2].size = 0.5;
        glyphs[3].x = 700.0;
        glyphs[4].white = true;
        glyphs[5].white = true;
        // A dark bar behind the last glyph only: white text shows on it.
        let bar = Painted {
            rect: Rect {
                x0: 95.0,
                y0: 695.0,
                x1: 130.0,
                y1: 712.0,
            },
            stroked: false,
            dark_fill: true,
        };
        let content = PageContent {
            glyphs,
            paths: vec![bar],
            ..PageContent::default()
        };
        let reasons: Vec<Option<HiddenReason>> = place(&content, LETTER, false)
            .upright
            .iter()
            .map(|g| g.hidden)
            .collect();
        assert_eq!(
            reasons,
            [
                None,
                Some(HiddenReason::Invisible),
                Some(HiddenReason::Microscopic),
                Some(HiddenReason::OffPage),
                Some(HiddenReason::WhiteOnWhite),
                None,
            ]
        );
        // On a scan, invisible text is the text layer, read as text.
        assert_eq!(place(&content, LETTER, true).upright[1].hidden, None);
    }

    #[test]
    fn a_drawn_soft_hyphen_is_placed_as_a_hyphen_and_rotated_glyphs_apart() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "co\u{AD}op");
        glyphs[1].rotated = true;
        let content = PageContent {
            glyphs,
            ..PageContent::default()
        };
        let placed = place(&content, LETTER, false);
        assert_eq!(placed.rotated.len(), 1);
        let ascii: Vec<u8> = placed.upright.iter().map(|g| g.ascii).collect();
        assert_eq!(ascii, b"c-op");
        assert_eq!(placed.visible_chars, 5);
    }
}
