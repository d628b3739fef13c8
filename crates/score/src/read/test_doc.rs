//! Documents built by hand for the unit tests of the reader and the outline.

use ats_parse::{Document, Format, Line};

/// A one-page PDF-like document of `lines` as given (text, place, type), its text the lines'
/// joined by newlines, and each line's `start` and page set to match.
pub(crate) fn pdf_doc(lines: impl IntoIterator<Item = Line>) -> Document {
    let mut d = Document {
        format: Format::Pdf,
        pages: 1,
        ..Document::default()
    };
    for mut line in lines {
        if !d.text.is_empty() {
            d.text.push('\n');
        }
        line.start = d.text.len();
        line.page = 1;
        d.text.push_str(&line.text);
        d.lines.push(line);
    }
    d.byte_len = d.text.len() as u64;
    d
}

/// A one-page PDF-like document: (text, font size, bold) per line.
pub(crate) fn styled(rows: &[(&str, f32, bool)]) -> Document {
    pdf_doc(rows.iter().map(|&(text, font_size, bold)| Line {
        text: text.into(),
        font_size,
        bold,
        ..Line::default()
    }))
}
