//! Where a PDF wrapped a paragraph: the layout evidence that a line carries on the one above
//! (same column, type, a line pitch apart, the line above ran to the edge), shared by the
//! export's paragraphs and the reader's education lines.

use std::collections::HashMap;

use ats_parse::{Document, Line, Region};

use super::dates;
use super::entries::Item;

/// Whether `next` (a plain line right under `prev`) carries on `prev`'s paragraph: same column,
/// page, type size and weight; a line pitch, no paragraph gap, apart; not indented past it;
/// `prev` ran to the right edge (the first word of `next` would not have fit after it) or
/// `next` starts in lower case; and neither holds a date range, as an entry header does, nor
/// contact details (an address a narrow column wrapped is no prose), nor does `prev` end on a
/// date or `next` open on one, as items of a dated list do.
pub(crate) fn continues_paragraph(doc: &Document, edges: &RightEdges, prev: &Item, next: &Item) -> bool {
    /// Baselines further apart than this many ems have a paragraph gap between them: body
    /// leading is 1.2 to 1.5 em, a gap adds half a line or more.
    const MAX_WRAP_PITCH_EM: f32 = 1.6;
    /// A continuation line may sit this far right of the line above (rounding, kerning); more
    /// is an indent, which starts a paragraph.
    const INDENT_TOLERANCE_EM: f32 = 0.5;
    /// Type sizes closer than this (pt) are one size.
    const SAME_SIZE_PT: f32 = 0.5;
    /// Average glyph width in ems where a line's own width cannot tell it, to tell whether a
    /// word would have fit at a line's end.
    const GLYPH_EM: f32 = 0.5;
    /// A line ending this close to the edge (pt) reached it: rounding of glyph positions.
    const EDGE_TOLERANCE_PT: f32 = 1.0;
    let (Some(a), Some(b)) = (doc.lines.get(prev.last_line), doc.lines.get(next.line)) else {
        return false;
    };
    if a.page != b.page || a.column != b.column || a.bold != b.bold || a.width <= 0.0 || b.width <= 0.0 {
        return false;
    }
    if (a.font_size - b.font_size).abs() > SAME_SIZE_PT {
        return false;
    }
    let em = a.font_size.max(b.font_size).max(1.0);
    let pitch = b.y - a.y;
    // Written as what must hold, so that a NaN coordinate fails it.
    let below = pitch > 0.0 && pitch <= MAX_WRAP_PITCH_EM * em;
    let not_indented = b.x <= a.x + INDENT_TOLERANCE_EM * em;
    if !(below && not_indented) {
        return false;
    }
    /// A line that wrapped holds a few words: one or two on a line are an item of a list (a
    /// sidebar's "Financial modelling"), however near the edge they end.
    const MIN_WRAPPED_WORDS: usize = 3;
    let next_text = next.text.trim();
    let starts_lower = next_text.starts_with(char::is_lowercase);
    let first_word = next_text.split_whitespace().next().map_or(0, |w| w.chars().count());
    let right = edges.right_of(a);
    // The next line's own average glyph width (spaces included), measured rather than assumed.
    let chars = next_text.chars().count();
    let glyph = if chars > 0 {
        b.width / chars as f32
    } else {
        GLYPH_EM * em
    };
    let prev_full = a.x + a.width + (first_word + 1) as f32 * glyph > right + EDGE_TOLERANCE_PT
        && a.text.split_whitespace().count() >= MIN_WRAPPED_WORDS;
    if !(prev_full || starts_lower) {
        return false;
    }
    let contact = |t: &str| t.contains('@') || super::contact::has_contact_detail(t);
    if contact(&prev.text) || contact(next_text) {
        return false;
    }
    let dated = |t: &str| dates::first_span(t).is_some_and(|d| d.is_range());
    let prev_text = prev
        .text
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ')'));
    let ends_on_date = dates::scan(prev_text)
        .iter()
        .any(|f| matches!(f, dates::Found::Span(d) if d.range.end == prev_text.len()));
    // "2020: Lantern, a search index" opens an item of a dated list; a year alone ("2023.")
    // ends the sentence above.
    let opens_on_date = dates::scan(next_text).iter().any(|f| {
        matches!(f, dates::Found::Span(d) if d.range.start == 0
            && next_text.get(d.range.end..).is_some_and(|rest| rest.chars().any(char::is_alphabetic)))
    });
    !dated(&prev.text) && !dated(next_text) && !ends_on_date && !opens_on_date
}

/// Where full lines end: the right edge of the body text of each column of each page. A line
/// running from one column across the next (a contact line set across the page above two
/// columns) is no line of the column it starts in and is left out.
pub(crate) struct RightEdges(HashMap<(u32, u8), f32>);

impl RightEdges {
    pub(crate) fn of(doc: &Document) -> RightEdges {
        let body = || {
            doc.lines
                .iter()
                .filter(|l| !matches!(l.region, Region::Header | Region::Footer) && l.width > 0.0)
        };
        // Where each column starts, by page: a few columns a page.
        let mut starts: HashMap<u32, Vec<(u8, f32)>> = HashMap::new();
        for l in body() {
            let columns = starts.entry(l.page).or_default();
            match columns.iter_mut().find(|(c, _)| *c == l.column) {
                Some((_, start)) => *start = start.min(l.x),
                None => columns.push((l.column, l.x)),
            }
        }
        let mut edges: HashMap<(u32, u8), f32> = HashMap::new();
        for l in body() {
            let right = l.x + l.width;
            let crosses = starts.get(&l.page).is_some_and(|columns| {
                columns
                    .iter()
                    .any(|&(column, start)| column > l.column && l.x < start && right > start)
            });
            if !crosses {
                let edge = edges.entry((l.page, l.column)).or_insert(0.0);
                *edge = edge.max(right);
            }
        }
        RightEdges(edges)
    }

    pub(crate) fn right_of(&self, line: &Line) -> f32 {
        self.0.get(&(line.page, line.column)).copied().unwrap_or(0.0)
    }
}
