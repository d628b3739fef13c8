//! Documents built by hand for the reader's unit tests.

use ats_parse::{Document, Format, Line};

/// A hand-built PDF-like document: (text, font size, bold) per line, one page.
pub(crate) fn styled(rows: &[(&str, f32, bool)]) -> Document {
    let mut d = Document {
        format: Format::Pdf,
        pages: 1,
        ..Document::default()
    };
    for &(t, size, bold) in rows {
        if !d.text.is_empty() {
            d.text.push('\n');
        }
        let start = d.text.len();
        d.text.push_str(t);
        d.lines.push(Line {
            text: t.into(),
            start,
            page: 1,
            font_size: size,
            bold,
            ..Line::default()
        });
    }
    d
}
