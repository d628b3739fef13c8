//! The extracted document: text in reading order, lines with layout hints, and layout signals.

use serde::Serialize;

use crate::sniff::Format;

/// A résumé as an ATS reads it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    /// The format the bytes were recognised as.
    pub format: Format,
    /// The text in reading order: lines joined by `\n`, pages separated by a blank line.
    /// Header/footer and text-box text is included where a reader meets it, and marked on
    /// its [`Line::region`].
    pub text: String,
    /// Lines of [`Document::text`], in the same order; `Line::start` is a byte offset into it.
    pub lines: Vec<Line>,
    /// Number of pages (1 for DOCX and text, whose pagination is decided by the reader's
    /// word processor).
    pub pages: u32,
    /// Layout signals an ATS stumbles on.
    pub signals: Signals,
    /// Producer, creator and title from the file's metadata.
    pub metadata: Metadata,
    /// Size of the input in bytes.
    pub byte_len: u64,
}

/// One line of text with where it sits and how it looks.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Line {
    /// The line's text, whitespace-normalised, without a trailing newline.
    pub text: String,
    /// Byte offset of the line in [`Document::text`].
    pub start: usize,
    /// 1-based page number (always 1 for DOCX and text).
    pub page: u32,
    /// Left edge in points from the page's left edge (0 when unknown).
    pub x: f32,
    /// Baseline in points from the page's top edge (0 when unknown).
    pub y: f32,
    /// Width in points (0 when unknown).
    pub width: f32,
    /// Dominant font size in points (0 when unknown).
    pub font_size: f32,
    /// Most of the line is bold.
    pub bold: bool,
    /// Most of the line is italic.
    pub italic: bool,
    /// The line starts a list item (a bullet glyph in a PDF, list numbering in DOCX, `-`/`*` in text).
    pub bullet: bool,
    /// Heading level from the document's own structure (DOCX `Heading N` styles, Markdown `#`).
    pub heading_level: Option<u8>,
    /// Where the line sits in the page layout.
    pub region: Region,
    /// 0-based column index on its page when the page has columns, else 0.
    pub column: u8,
}

/// Where a line sits in the layout.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// The main flow of the page.
    #[default]
    Body,
    /// The page header band (DOCX header part, or top band repeated across PDF pages).
    Header,
    /// The page footer band.
    Footer,
    /// A text box or shape.
    TextBox,
    /// A table cell.
    Table,
}

/// Producer metadata.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Metadata {
    /// The application that wrote the file (PDF `/Producer`, DOCX `Application`).
    pub producer: Option<String>,
    /// The application the content was made in (PDF `/Creator`).
    pub creator: Option<String>,
    /// The document title from metadata.
    pub title: Option<String>,
}

/// Layout signals, each with where it occurs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Signals {
    /// Regions where text blocks sit side by side.
    pub columns: Vec<ColumnRegion>,
    /// Table-like grids.
    pub tables: Vec<TableInfo>,
    /// Text found in header/footer bands.
    pub header_footer: Vec<TextSpan>,
    /// Text boxes and shapes holding text.
    pub text_boxes: Vec<TextBoxInfo>,
    /// Images drawn on pages or embedded in the document.
    pub images: Vec<ImageInfo>,
    /// Text set under 8 pt (hidden text ≤ 1 pt is reported in `hidden_text` instead).
    pub tiny_text: Vec<TextSpan>,
    /// Text a reader cannot see but an ATS reads.
    pub hidden_text: Vec<HiddenText>,
    /// Pages with no text layer (scans): 1-based page numbers.
    pub image_only_pages: Vec<u32>,
    /// Glyphs shown in total.
    pub glyphs: u64,
    /// Glyphs that map to no real character (private use, U+FFFD, unknown CID codes).
    pub unmappable_glyphs: u64,
    /// Up to a few examples of text around unmappable glyphs.
    pub unmappable_samples: Vec<String>,
    /// Hyperlinks: link annotations in a PDF, `w:hyperlink` targets in a DOCX.
    pub links: Vec<Link>,
    /// Lines where NUL or bidirectional-override characters sat inside left-to-right text,
    /// where they only hide or reorder words (they are removed from the text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub control_characters: Vec<TextSpan>,
    /// PDF pages whose content could not be read at all (a page object or content stream that
    /// is damaged beyond reading): 1-based page numbers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable_pages: Vec<u32>,
    /// A PDF encrypted with an owner (permissions) password only: it opens without a password,
    /// but some ATSs refuse any secured PDF.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub secured: bool,
}

impl Signals {
    /// Share of shown glyphs that map to no character, 0.0 when no glyph was shown.
    pub fn unmappable_share(&self) -> f64 {
        if self.glyphs == 0 {
            0.0
        } else {
            self.unmappable_glyphs as f64 / self.glyphs as f64
        }
    }
}

/// A region of a page laid out in columns.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ColumnRegion {
    /// 1-based page (always 1 for DOCX).
    pub page: u32,
    /// Number of columns side by side.
    pub columns: u8,
    /// Top of the region, points from the page top (0 for DOCX).
    pub top: f32,
    /// Bottom of the region, points from the page top (0 for DOCX).
    pub bottom: f32,
    /// The file's own content order differs from the visual reading order here: an ATS that
    /// reads the content stream as it is gets the text scrambled.
    pub content_order_differs: bool,
    /// The first words of each column, to show the user where.
    pub samples: Vec<String>,
}

/// A table-like grid.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableInfo {
    /// 1-based page (1 for DOCX).
    pub page: u32,
    /// Rows in the grid.
    pub rows: u32,
    /// Columns in the widest row.
    pub cols: u32,
    /// The first words of the table.
    pub sample: String,
}

/// A run of text with where it is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextSpan {
    /// 1-based page (1 for DOCX).
    pub page: u32,
    /// The text (trimmed, possibly shortened).
    pub text: String,
    /// Font size in points (0 when unknown).
    pub font_size: f32,
    /// For header/footer text: which band.
    pub band: Option<BandKind>,
    /// For header/footer text: the same text appears on more than one page.
    pub repeated: bool,
}

/// Header or footer.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum BandKind {
    /// Top of the page.
    Header,
    /// Bottom of the page.
    Footer,
}

/// A text box or shape holding text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextBoxInfo {
    /// 1-based page (1 for DOCX).
    pub page: u32,
    /// The text inside (possibly shortened).
    pub text: String,
}

/// An image drawn on a page or embedded in a DOCX.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ImageInfo {
    /// 1-based page (1 for DOCX).
    pub page: u32,
    /// Drawn width in points (0 when unknown).
    pub width: f32,
    /// Drawn height in points (0 when unknown).
    pub height: f32,
    /// Share of the page area it covers, 0..=1 (0 when unknown).
    pub page_share: f32,
}

/// Text a reader cannot see.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HiddenText {
    /// 1-based page (1 for DOCX).
    pub page: u32,
    /// The hidden text (possibly shortened).
    pub text: String,
    /// Why it is invisible.
    pub reason: HiddenReason,
}

/// Why text is invisible.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum HiddenReason {
    /// PDF text render mode 3 (neither filled nor stroked), or DOCX `w:vanish`.
    Invisible,
    /// White (or near-white) text on a white page.
    WhiteOnWhite,
    /// Placed outside the visible page.
    OffPage,
    /// Set at 1 pt or smaller.
    Microscopic,
}

/// A hyperlink.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Link {
    /// 1-based page (1 for DOCX).
    pub page: u32,
    /// The target URL (`mailto:` included).
    pub url: String,
    /// The visible text of the link when known.
    pub text: Option<String>,
}

impl Document {
    /// Builds `text` from `lines`, setting every `Line::start`; pages are separated by a blank line.
    pub(crate) fn assemble(&mut self) {
        self.remove_control_characters();
        let mut text = String::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        let mut prev_page = None;
        for line in &mut self.lines {
            if let Some(p) = prev_page {
                text.push('\n');
                if p != line.page {
                    text.push('\n');
                }
            }
            line.start = text.len();
            text.push_str(&line.text);
            prev_page = Some(line.page);
        }
        self.text = text;
    }

    /// Removes NUL and bidirectional controls from the lines (an ATS indexes them as part of
    /// words, so `Py\0thon` matches no keyword), and records the lines of left-to-right text
    /// that held them: there they hide or reorder words, as no editor writes them. Left-to-right
    /// and right-to-left marks are kept in lines with right-to-left letters, where they belong.
    fn remove_control_characters(&mut self) {
        for line in &mut self.lines {
            let t = &line.text;
            let suspect = if t.is_ascii() {
                t.as_bytes().contains(&0)
            } else {
                t.chars().any(|c| c == '\0' || is_bidi_control(c))
            };
            if !suspect {
                continue;
            }
            let rtl = t.chars().any(is_rtl_letter);
            let hiding = !rtl
                && t.chars()
                    .any(|c| c == '\0' || (is_bidi_control(c) && !matches!(c, '\u{200E}' | '\u{200F}')));
            let cleaned: String = t
                .chars()
                .filter(|&c| !(c == '\0' || (is_bidi_control(c) && !(rtl && matches!(c, '\u{200E}' | '\u{200F}')))))
                .collect();
            let cleaned = cleaned.trim().to_string();
            if hiding && !cleaned.is_empty() && self.signals.control_characters.len() < MAX_CONTROL_SAMPLES {
                self.signals.control_characters.push(TextSpan {
                    page: line.page,
                    text: shorten(&cleaned, 120),
                    font_size: line.font_size,
                    band: None,
                    repeated: false,
                });
            }
            line.text = cleaned;
        }
        self.lines.retain(|l| !l.text.is_empty());
    }

    /// Number of words in the text (whitespace separated tokens with a letter or digit).
    pub fn word_count(&self) -> usize {
        // One pass over the characters, where `split_whitespace` and a look at each word's
        // characters read the text twice: 4.06M instructions over the files of
        // `scripts/icount.sh`, now 3.2M.
        let mut words = 0;
        let mut counted = false;
        for c in self.text.chars() {
            if c.is_whitespace() {
                counted = false;
            } else if !counted && c.is_alphanumeric() {
                words += 1;
                counted = true;
            }
        }
        words
    }
}

/// Lines with hidden control characters kept as evidence; the rest are only cleaned.
const MAX_CONTROL_SAMPLES: usize = 20;

/// Bidirectional formatting characters: embeddings and overrides (U+202A–U+202E), isolates
/// (U+2066–U+2069) and the left-to-right and right-to-left marks (U+200E, U+200F).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo and their
/// presentation forms), whose lines may need bidirectional controls.
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') && c.is_alphabetic()
}

/// `s` trimmed and shortened to at most `max` characters on a char boundary, with `…` when
/// cut: for quoting a piece of a document in a message.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assembled(lines: &[&str]) -> Document {
        let mut doc = Document {
            lines: lines
                .iter()
                .map(|t| Line {
                    text: t.to_string(),
                    page: 1,
                    ..Line::default()
                })
                .collect(),
            ..Document::default()
        };
        doc.assemble();
        doc
    }

    #[test]
    fn nul_and_bidi_overrides_are_removed_and_flagged_in_left_to_right_text() {
        let doc = assembled(&[
            "Skills: Py\0thon, Kubernetes",
            "Led \u{202E}gnitekram\u{202C} campaigns",
            "Isolated \u{2066}word\u{2069} here",
            "Phone\u{200E} +1 555 0100",
            "\u{202E}\0",
            "Plain line",
        ]);
        assert_eq!(
            doc.text,
            "Skills: Python, Kubernetes\nLed gnitekram campaigns\nIsolated word here\nPhone +1 555 0100\nPlain line"
        );
        let flagged: Vec<&str> = doc.signals.control_characters.iter().map(|s| s.text.as_str()).collect();
        // A stray left-to-right mark is removed but hides nothing.
        assert_eq!(
            flagged,
            [
                "Skills: Python, Kubernetes",
                "Led gnitekram campaigns",
                "Isolated word here"
            ]
        );
    }

    #[test]
    fn bidi_marks_stay_in_right_to_left_text() {
        let line = "\u{05D3}\u{05E0}\u{05D4} \u{200F}(+972) 50\u{200E}";
        let doc = assembled(&[line, "\u{05D3}\u{202B}x\u{202C}"]);
        assert_eq!(doc.lines[0].text, line);
        assert_eq!(doc.lines[1].text, "\u{05D3}x");
        assert!(doc.signals.control_characters.is_empty());
    }

    #[test]
    fn word_count_counts_white_space_separated_words_with_a_letter_or_digit() {
        for text in [
            "",
            "  ",
            "one",
            "one two  three\n",
            "- • 2021 – C++ é\u{A0}x\u{3000}y ---",
            "Zoë Müller,\tdata\u{2003}scientist; ¿qué? 数据 ✓",
            "a\u{85}b\u{200B}c",
        ] {
            let doc = Document {
                text: text.to_string(),
                ..Document::default()
            };
            let want = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(doc.word_count(), want, "{text:?}");
        }
    }
}
