//! From positioned glyphs to lines in reading order, with the page's layout signals.
//!
//! [`layout`] runs named stages, each a module, as poppler's TextOutputDev and pdf.js run
//! theirs:
//!
//! 1. [`glyphs`]: glyphs in page space, why each is hidden, and baseline bands (overprinted
//!    lines split apart, superscripts and subscripts joined to their line);
//! 2. [`lines`]: bands cut at wide gaps into segments, the pieces of lines, with their text
//!    (word gaps, fake-bold copies, accents, letter spacing);
//! 3. [`boxes`] and [`columns`]: tables and text boxes framed by rules, then blocks and
//!    columns: a gutter is real only where text blocks stand side by side for several lines
//!    with no line spanning it; columns are read one after the other, as a careful reader
//!    does, and elsewhere bands are read top-down, split where their pieces belong to
//!    different blocks;
//! 4. [`order`]: the lines in that reading order made into [`Line`]s (bullets, hidden and tiny
//!    text, hyphenated words joined again);
//! 5. [`running`], once every page is laid out: running headers and footers marked as such.
//!
//! The types the stages hand on ([`G`], [`Segment`], [`Visible`]) and the numeric helpers they
//! share live here.

use std::ops::Range;

use super::interp::{Glyph, PageContent};
use crate::document::{
    ColumnRegion, HiddenReason, HiddenText, ImageInfo, Line, Region, TableInfo, TextBoxInfo, TextSpan,
};

mod boxes;
mod columns;
mod glyphs;
mod lines;
mod order;
mod running;

use glyphs::is_drawn_soft_hyphen;
use lines::{join_glyphs, visible_x};
pub(crate) use running::mark_header_footer;

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
    /// Where the segment's text starts: `x0`, or the glyph after a bullet that opens it, so
    /// that a list's marker hung out into a gutter does not move its line's edge there.
    text_x0: f32,
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

/// A page whose images cover at least this share of its area is a scan: its invisible text is
/// the OCR layer, read as text rather than reported as hidden.
const SCANNED_MIN_IMAGE_SHARE: f32 = 0.5;

/// A page with fewer visible characters than this, and images covering at least
/// [`IMAGE_ONLY_MIN_IMAGE_SHARE`] of it, is a picture of text: an ATS reads nothing of it.
const IMAGE_ONLY_MAX_CHARS: usize = 20;

/// See [`IMAGE_ONLY_MAX_CHARS`]: a logo or a photo covers less.
const IMAGE_ONLY_MIN_IMAGE_SHARE: f32 = 0.3;

/// Lays out one page: its glyphs (`content`, in PDF user space within `pbox`) become its lines
/// in reading order, with the page's layout signals. The stages run in turn (see the module's
/// doc): glyphs and bands, segments, boxes, blocks and columns, then lines in reading order.
pub(crate) fn layout(page: u32, content: &PageContent, pbox: PageBox) -> PageLayout {
    let mut out = PageLayout::default();
    let image_area = record_images(page, content, pbox, &mut out);
    let scanned = image_area >= SCANNED_MIN_IMAGE_SHARE;

    let glyphs::PageGlyphs {
        upright,
        mut keyed,
        rotated,
        visible_chars,
    } = glyphs::place(content, pbox, scanned);
    out.image_only =
        visible_chars < IMAGE_ONLY_MAX_CHARS && !content.images.is_empty() && image_area >= IMAGE_ONLY_MIN_IMAGE_SHARE;

    let (mut order, bands) = glyphs::bands(&upright, &mut keyed);

    let (mut segments, mut seg_text) = lines::segments(&bands, &mut order, &upright, &mut keyed);

    boxes::mark(page, content, pbox, &mut segments, &seg_text, &mut out);

    // Blocks, columns and reading order.
    let mut reading = columns::reading_order(page, &segments, &upright, &seg_text);
    // A sidebar's line and a main-column line on one baseline, closer than a segment gap, are
    // one segment across the gutter: cut, and the page read again (on such pages only).
    if !reading.crossings.is_empty()
        && lines::split_at_gutter(&mut segments, &mut seg_text, &reading.crossings, &order, &upright)
    {
        reading = columns::reading_order(page, &segments, &upright, &seg_text);
    }
    let columns::ReadingOrder {
        line_segs,
        lines: band_lines,
        columns,
        ..
    } = reading;
    out.columns = columns;

    order::lines(
        page,
        &line_segs,
        band_lines,
        (&segments, &seg_text),
        &order,
        &upright,
        &mut out,
    );
    order::rotated(page, &rotated, &mut out);
    order::rejoin_hyphenated(&mut out.lines);
    out
}

/// Records the page's images in `out`; the share of the page's area they cover, summed.
fn record_images(page: u32, content: &PageContent, pbox: PageBox, out: &mut PageLayout) -> f32 {
    let (pw, ph) = (pbox.width(), pbox.height());
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
    image_area
}

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

    /// A US Letter page, as the stages' tests lay theirs out.
    pub(super) const LETTER: PageBox = PageBox {
        x0: 0.0,
        y0: 0.0,
        x1: 612.0,
        y1: 792.0,
    };

    /// One glyph a character of `text` (spaces included, as simple fonts draw them), set from
    /// `x` on the baseline `y` (PDF space, up from the page's bottom) in `size` pt type, each
    /// `advance` pt wide; appended to `out`, numbered on from its length.
    pub(super) fn set_text(out: &mut Vec<Glyph>, (x, y): (f32, f32), size: f32, advance: f32, text: &str) {
        for (k, c) in text.chars().enumerate() {
            let mut g = test_glyph(x + k as f32 * advance, y, advance, &c.to_string(), out.len());
            g.size = size;
            out.push(g);
        }
    }

    /// The texts of a laid-out page's lines, in reading order.
    pub(super) fn texts(page: &PageLayout) -> Vec<&str> {
        page.lines.iter().map(|l| l.text.as_str()).collect()
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
