//! The reading-order stage: the column stage's lines, in reading order, made into the page's
//! [`Line`]s.
//!
//! Takes each line as the segments it joins (and the column it flows in); gives its text (the
//! segments' texts joined by one space, cleaned), its font size, weight and place, whether it
//! opens with a bullet (which is then dropped from its text), and the hidden and tiny text it
//! holds. Rotated text follows as one line, and a word broken at a line's end by a hyphen is
//! joined again with its other half.

use std::ops::Range;

use super::glyphs::MICROSCOPIC_MAX_SIZE_PT;
use super::{is_drawn_soft_hyphen, join_glyphs, single_char, PageLayout, Segment, Visible, G};
use crate::document::{shorten, HiddenReason, HiddenText, Line, Region, TextSpan};
use crate::pdf::interp::Glyph;
use crate::textnorm::{clean_line, hyphen_join};

/// Text set smaller than this (pt) is tiny: below what a reader or a scan reads comfortably;
/// text of [`MICROSCOPIC_MAX_SIZE_PT`] or less is recorded as hidden instead.
const TINY_TEXT_MAX_SIZE_PT: f32 = 8.0;

/// Tiny and hidden spans recorded a page, at most: enough to report, bounded on hostile input.
const MAX_SPANS_RECORDED: usize = 200;

/// A recorded span's sample text is shortened to this many characters.
const SPAN_SAMPLE_CHARS: usize = 120;

/// Makes the page's `lines` in reading order (each a range of `line_segs`, indices of
/// `segments` whose texts are ranges of `seg_text`, with its column) into [`Line`]s, in `out`,
/// with the hidden and tiny text they hold; `order` and `upright` are the glyph stage's.
pub(super) fn lines(
    page: u32,
    line_segs: &[usize],
    lines: Vec<(Range<usize>, u8)>,
    (segments, seg_text): (&[Segment], &str),
    order: &[usize],
    upright: &[G],
    out: &mut PageLayout,
) {
    // Buffers for every line of the page.
    let mut glyphs: Vec<usize> = Vec::new();
    let mut joined = String::new();
    let mut scratch: Vec<f32> = Vec::new();
    for (segs, column) in lines {
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
            _ => Visible::of(line_glyphs, upright),
        };
        let line = make_line(
            page,
            text,
            line_glyphs,
            upright,
            &visible,
            (column, boxed.map_or(Region::Body, |b| b.1)),
            &mut scratch,
        );
        if visible.any_hidden {
            record_hidden(page, line_glyphs, upright, out);
        }
        if line.font_size > MICROSCOPIC_MAX_SIZE_PT
            && line.font_size < TINY_TEXT_MAX_SIZE_PT
            && out.tiny_text.len() < MAX_SPANS_RECORDED
        {
            out.tiny_text.push(TextSpan {
                page,
                text: shorten(&line.text, SPAN_SAMPLE_CHARS),
                font_size: line.font_size,
                band: None,
                repeated: false,
            });
        }
        out.lines.push(line);
    }
}

/// Rotated text: one line per run in content order.
pub(super) fn rotated(page: u32, rotated: &[&Glyph], out: &mut PageLayout) {
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
}

/// The soft hyphen [`make_line`] ends a line with when its last glyph is a drawn one, until
/// [`rejoin_hyphenated`] joins the broken word or reads it as '-'.
const LINE_BREAK_SOFT_HYPHEN: char = '\u{AD}';

/// Glyphs that open a list item wherever they stand.
pub(super) const BULLETS: &[char] = &[
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
            if !text.is_empty() && out.hidden_text.len() < MAX_SPANS_RECORDED {
                out.hidden_text.push(HiddenText {
                    page,
                    text: shorten(&text, SPAN_SAMPLE_CHARS),
                    reason,
                });
            }
        }
    }
}

/// Moves the first word of a line to the end of the previous one when that ends in a
/// hyphenated word break ("fault-" / "tolerant" → "fault-tolerant"), or in a drawn soft
/// hyphen, which the typesetter put in to break the word ("algo" / "rithm" → "algorithm").
pub(super) fn rejoin_hyphenated(lines: &mut Vec<Line>) {
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

#[cfg(test)]
mod tests {
    use super::super::tests::{on_page, set_text};
    use super::*;

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

    /// The line `make_line` makes of `glyphs` (one band, in x order) and their joined text.
    fn line_of(glyphs: &[Glyph]) -> Line {
        let all: Vec<G> = glyphs.iter().map(on_page).collect();
        let idx: Vec<usize> = (0..all.len()).collect();
        let mut text = String::new();
        join_glyphs(&idx, &all, &mut text);
        let visible = Visible::of(&idx, &all);
        make_line(
            1,
            clean_line(&text),
            &idx,
            &all,
            &visible,
            (0, Region::Body),
            &mut Vec::new(),
        )
    }

    #[test]
    fn a_bullet_glyph_opens_an_item_and_leaves_the_text() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "\u{2022} Led the team");
        let line = line_of(&glyphs);
        assert!(line.bullet);
        assert_eq!(line.text, "Led the team");
    }

    #[test]
    fn a_dash_is_a_bullet_only_with_a_tab_like_gap_after_it() {
        // A word space after the dash (0.3 em): a date range's second half.
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "\u{2013}");
        set_text(&mut glyphs, (80.0, 700.0), 10.0, 5.0, "Feb 2021");
        let line = line_of(&glyphs);
        assert!(!line.bullet);
        assert_eq!(line.text, "\u{2013} Feb 2021");
        // A gap of 0.8 em: a list item.
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 10.0, 5.0, "\u{2013}");
        set_text(&mut glyphs, (85.0, 700.0), 10.0, 5.0, "Shipped it");
        let line = line_of(&glyphs);
        assert!(line.bullet);
        assert_eq!(line.text, "Shipped it");
    }

    #[test]
    fn a_line_takes_its_glyphs_size_weight_and_extent() {
        let mut glyphs = Vec::new();
        set_text(&mut glyphs, (72.0, 700.0), 12.0, 6.0, "Name");
        for g in &mut glyphs[..3] {
            g.bold = true;
        }
        let line = line_of(&glyphs);
        assert_eq!((line.font_size, line.bold, line.italic), (12.0, true, false));
        assert_eq!((line.x, line.width), (72.0, 24.0));
    }

    fn body_line(text: &str, column: u8) -> Line {
        Line {
            text: text.to_string(),
            column,
            ..Line::default()
        }
    }

    #[test]
    fn a_word_broken_by_a_hyphen_is_joined_within_a_flow_only() {
        let mut lines = vec![
            body_line("built fault-", 0),
            body_line("tolerant systems", 0),
            body_line("designed the algo\u{AD}", 0),
            body_line("rithm", 0),
            body_line("from 2016 \u{AD}", 0),
            body_line("2019", 0),
            body_line("a cross-", 0),
            body_line("column", 1),
        ];
        rejoin_hyphenated(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "built fault-tolerant",
                "systems",
                "designed the algorithm",
                "from 2016 -",
                "2019",
                "a cross-",
                "column"
            ]
        );
    }
}
