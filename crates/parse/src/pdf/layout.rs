//! From positioned glyphs to lines in reading order, with the page's layout signals.
//!
//! Glyphs are grouped into baseline bands and bands are cut into segments at wide gaps (here);
//! [`columns`] then finds blocks and columns among the segments and puts them in reading
//! order: a gutter is real only where text blocks stand side by side for several lines with no
//! line spanning it, columns are read one after the other, as a careful reader does, and
//! elsewhere bands are read top-down, split where their pieces belong to different blocks.

use std::ops::Range;

use super::interp::{Glyph, PageContent};
use crate::document::{
    shorten, ColumnRegion, HiddenReason, HiddenText, ImageInfo, Line, Region, TableInfo, TextBoxInfo, TextSpan,
};
use crate::textnorm::{clean_line, hyphen_join};

mod boxes;
mod columns;
mod glyphs;
mod lines;

use glyphs::is_drawn_soft_hyphen;
use lines::{join_glyphs, visible_x};

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

    let glyphs::PageGlyphs {
        upright,
        mut keyed,
        rotated,
        visible_chars,
    } = glyphs::place(content, pbox, scanned);
    out.image_only = visible_chars < 20 && !content.images.is_empty() && image_area >= 0.3;

    let (mut order, bands) = glyphs::bands(&upright, &mut keyed);

    let (mut segments, seg_text) = lines::segments(&bands, &mut order, &upright, &mut keyed);

    boxes::mark(page, content, pbox, &mut segments, &seg_text, &mut out);

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::interp::GlyphText;

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

    /// An upright glyph in regular type for the randomized tests.
    pub(super) fn test_glyph(x: f32, y: f32, width: f32, text: &str, seq: usize) -> Glyph {
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
    pub(super) fn on_page(g: &Glyph) -> G<'_> {
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
        let mut random = crate::pdf::test_support::xorshift(0xD1B5_4A32_D192_ED03);
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
