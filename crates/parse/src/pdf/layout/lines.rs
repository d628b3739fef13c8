//! The line stage: baseline bands cut into segments, the pieces of lines, with their text.
//!
//! Takes the glyph stage's bands and gives segments: runs of a band's glyphs, in x order, with
//! no gap wider than [`SEGMENT_GAP_EM`] between them (a wider one is a tab stop, a gutter or
//! alignment, for the column stage to judge). Each segment's text is joined from its glyphs
//! once: word breaks from gaps against the segment's own word gap ([`word_gaps`]), fake-bold
//! copies read once, spacing accents composed with their letter, and letter-spaced words
//! collapsed.

use std::ops::Range;

use super::columns::{EDGE_TOLERANCE_PT, GUTTER_AIR_PT};
use super::order::BULLETS;
use super::{glyphs::is_drawn_soft_hyphen, max_of, min_of, single_char, sort_key, Segment, Visible, G};
use crate::textnorm::{compose_accent, is_ascii_space};
use unicode_normalization::char::is_combining_mark;

/// Cuts each of the page's baseline `bands` (ranges of `order`, the glyph stage's) into
/// segments at gaps wider than [`SEGMENT_GAP_EM`], and joins each segment's text: the
/// segments band by band, each band's in x order, and the one buffer their texts are ranges of.
/// A band not yet in x order is sorted by x in `order`; `keyed` is a buffer for that sort.
pub(super) fn segments<'a>(
    bands: &[(Range<usize>, bool)],
    order: &mut [usize],
    upright: &'a [G<'a>],
    keyed: &mut Vec<u128>,
) -> (Vec<Segment>, String) {
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
            for (slot, &k) in order[band.clone()].iter_mut().zip(keyed.iter()) {
                *slot = k as u32 as usize;
            }
        }
        // Each segment's word gap, from how its letters are set (see `word_gaps`).
        word_gaps(&order[band.clone()], upright, &mut seg_word_gaps);
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
                let mut segment = gathering.finish(bi, start..k, right, order, upright, &seg_text);
                collapse_letter_spacing(&mut segment, order, upright, &mut seg_text);
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
            let mut segment = gathering.finish(bi, start..band.end, right, order, upright, &seg_text);
            collapse_letter_spacing(&mut segment, order, upright, &mut seg_text);
            segments.push(segment);
        }
    }
    (segments, seg_text)
}

/// Cuts each segment of `crossings` (index, gutter x; see `columns::gutter_crossings`) in two
/// at the gutter: before its first visible glyph at the gutter, where there is air between
/// that glyph and the glyphs before it (a sidebar's line ending short of the column, as a word
/// merely starting at the gutter in a line that spans it does not always). Returns whether any
/// segment was cut; the segments stay band by band, each band's in x order.
pub(super) fn split_at_gutter(
    segments: &mut Vec<Segment>,
    seg_text: &mut String,
    crossings: &[(usize, f32)],
    order: &[usize],
    upright: &[G],
) -> bool {
    let mut cut = false;
    let mut gaps: Vec<f32> = Vec::new();
    // From the last, so that the indices before stay right.
    let mut crossings = crossings.to_vec();
    crossings.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (si, g) in crossings {
        let Some(s) = segments.get(si) else { continue };
        let range = s.glyphs.clone();
        let Some(k) = range.clone().find(|&k| {
            let glyph = &upright[order[k]];
            !glyph.blank && glyph.x >= g - EDGE_TOLERANCE_PT
        }) else {
            continue;
        };
        let at = upright[order[k]].x;
        let left_right_edge = order[range.start..k]
            .iter()
            .map(|&i| &upright[i])
            .filter(|glyph| !glyph.blank)
            .fold(f32::NEG_INFINITY, |r, glyph| r.max(glyph.x + glyph.w));
        let aired = left_right_edge.is_finite() && at - left_right_edge >= GUTTER_AIR_PT;
        if !aired || at > g + EDGE_TOLERANCE_PT {
            continue;
        }
        let (band, boxed) = (s.band, s.boxed);
        let parts = [range.start..k, k..range.end].map(|part| {
            let mut piece = gather(band, part, order, upright, seg_text, &mut gaps);
            piece.boxed = boxed;
            piece
        });
        segments.splice(si..=si, parts);
        cut = true;
    }
    cut
}

/// The segment of the glyphs `order[part]` (in x order) on band `band`, its text added to
/// `seg_text`, as [`segments`] makes it; `gaps` is a buffer.
fn gather<'a>(
    band: usize,
    part: Range<usize>,
    order: &[usize],
    upright: &'a [G<'a>],
    seg_text: &mut String,
    gaps: &mut Vec<f32>,
) -> Segment {
    word_gaps(&order[part.clone()], upright, gaps);
    let mut gathering = Gathering::new(seg_text, gaps.first().copied().unwrap_or(LOOSE_WORD_GAP_EM));
    let mut right = f32::NEG_INFINITY;
    for k in part.clone() {
        let g = &upright[order[k]];
        right = if k == part.start {
            g.x + g.w
        } else {
            right.max(g.x + g.w)
        };
        gathering.add(order[k], g, seg_text);
    }
    let mut segment = gathering.finish(band, part, right, order, upright, seg_text);
    collapse_letter_spacing(&mut segment, order, upright, seg_text);
    segment
}

/// A drawn soft hyphen is a hyphen only where it takes room on the line: browsers draw the
/// soft hyphen inside a line as a glyph with its advance taken back, so the next glyph starts
/// within this share of its width and nothing shows.
const SOFT_HYPHEN_ROOM_SHARE: f32 = 0.5;

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

/// The word gap (em) of each segment of a band (`glyphs`, in x order), cut as [`segments`] cuts
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
        let text_x0 = match (self.visible.first, self.visible.second) {
            (Some(a), Some(b))
                if !all[b].x.is_nan() && single_char(all[a].text()).is_some_and(|c| BULLETS.contains(&c)) =>
            {
                all[b].x
            }
            _ => x0,
        };
        Segment {
            band,
            x0,
            x1,
            text_x0,
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
pub(super) fn visible_x(glyphs: &[usize], all: &[G]) -> f32 {
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
pub(super) fn join_glyphs(glyphs: &[usize], all: &[G], s: &mut String) {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{on_page, set_text, test_glyph, LETTER};
    use super::*;
    use crate::pdf::interp::Glyph;
    use crate::textnorm::clean_line;

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

    /// The segments' texts of `glyphs` on a Letter page, band by band, as the glyph and line
    /// stages cut them.
    fn segment_texts(glyphs: Vec<Glyph>) -> Vec<String> {
        let content = crate::pdf::interp::PageContent {
            glyphs,
            ..Default::default()
        };
        let mut placed = super::super::glyphs::place(&content, LETTER, false);
        let (mut order, bands) = super::super::glyphs::bands(&placed.upright, &mut placed.keyed);
        let (segments, text) = segments(&bands, &mut order, &placed.upright, &mut placed.keyed);
        segments.iter().map(|s| text[s.text.clone()].to_string()).collect()
    }

    #[test]
    fn a_gap_wider_than_the_segment_gap_cuts_a_band_and_a_word_gap_does_not() {
        let mut glyphs = Vec::new();
        // 10 pt type: a tab stop 30 pt (3 em) on, then a word 5 pt (0.5 em) on.
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "Experience");
        set_text(&mut glyphs, (152.0, 700.0), 10.0, 5.0, "2019");
        set_text(&mut glyphs, (177.0, 700.0), 10.0, 5.0, "now");
        assert_eq!(segment_texts(glyphs), ["Experience", "2019 now"]);
    }

    #[test]
    fn a_tightly_justified_line_set_solid_keeps_its_narrow_word_gaps() {
        let mut glyphs = Vec::new();
        // Letters set solid, words 1.4 pt (0.14 em) apart with no space glyph: narrower than
        // the loose word gap, wider than a kern.
        let mut x = 72.0;
        for word in ["tightly", "justified", "words"] {
            set_text(&mut glyphs, (x, 700.0), 10.0, 5.0, word);
            x += 5.0 * word.len() as f32 + 1.4;
        }
        assert_eq!(segment_texts(glyphs), ["tightly justified words"]);
    }

    #[test]
    fn a_tracked_heading_reads_as_one_word() {
        let mut glyphs = Vec::new();
        // Tracking of 1.2 pt (0.12 em) between every letter: letter spacing, not word gaps.
        for (k, c) in "SKILLS".chars().enumerate() {
            set_text(&mut glyphs, (72.0 + k as f32 * 6.2, 700.0), 10.0, 5.0, &c.to_string());
        }
        assert_eq!(segment_texts(glyphs), ["SKILLS"]);
    }

    #[test]
    fn a_name_letter_spaced_with_space_glyphs_collapses_to_its_words() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "M A R A   Q U I S T");
        assert_eq!(segment_texts(glyphs), ["MARA QUIST"]);
    }

    #[test]
    fn a_raised_ordinal_reads_in_place_after_its_number() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "1");
        set_text(&mut glyphs, (77.0, 703.5), 6.0, 3.0, "st");
        set_text(&mut glyphs, (83.0, 700.0), 10.0, 5.0, " place");
        assert_eq!(segment_texts(glyphs), ["1st place"]);
    }

    #[test]
    fn a_segment_s_text_starts_past_the_bullet_that_opens_it() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (209.7, 700.0), 10.0, 5.0, "\u{2022}");
        set_text(&mut glyphs, (218.4, 700.0), 10.0, 5.0, "Led");
        set_text(&mut glyphs, (72.0, 686.0), 10.0, 5.0, "- Led");
        let content = crate::pdf::interp::PageContent {
            glyphs,
            ..Default::default()
        };
        let mut placed = super::super::glyphs::place(&content, LETTER, false);
        let (mut order, bands) = super::super::glyphs::bands(&placed.upright, &mut placed.keyed);
        let (segments, _) = segments(&bands, &mut order, &placed.upright, &mut placed.keyed);
        let edges: Vec<(f32, f32)> = segments.iter().map(|s| (s.x0, s.text_x0)).collect();
        // A dash may open a date range: only bullets move the edge.
        assert_eq!(edges, [(209.7, 218.4), (72.0, 72.0)]);
    }

    #[test]
    fn a_fake_bold_copy_is_read_once() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "Bold");
        // The same glyphs again, 0.4 pt to the right: a fake-bold stroke.
        set_text(&mut glyphs, (72.4, 700.0), 10.0, 5.0, "Bold");
        assert_eq!(segment_texts(glyphs), ["Bold"]);
    }
}
