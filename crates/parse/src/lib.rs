//! Turns the bytes of a résumé into the text an applicant tracking system (ATS) reads, in reading
//! order, plus the layout signals that decide whether an ATS reads it correctly.
//!
//! The format is decided from the content, never from a file name: PDF (`%PDF-`), DOCX (a ZIP
//! holding `word/document.xml`) and plain text or Markdown. Every input path is capped by
//! [`Limits`]; exceeding a cap is a specific [`ExtractError`], never a panic, hang or unbounded
//! allocation.
//!
//! ```
//! use ats_parse::{extract, Limits};
//!
//! let doc = extract(b"Jane Doe\njane@example.com\n\nEXPERIENCE\n- Built things", &Limits::default())?;
//! assert_eq!(doc.format, ats_parse::Format::Text);
//! assert!(doc.text.contains("jane@example.com"));
//! assert_eq!(doc.lines[0].text, "Jane Doe");
//! # Ok::<(), ats_parse::ExtractError>(())
//! ```
#![deny(missing_docs)]

mod budget;
mod document;
mod docx;
mod error;
mod limits;
mod pdf;
mod sniff;
mod text;
mod textnorm;

pub use document::{
    shorten, BandKind, ColumnRegion, Document, HiddenReason, HiddenText, ImageInfo, Line, Link, Metadata, Region,
    Signals, TableInfo, TextBoxInfo, TextSpan,
};
pub use error::{ExtractError, Unsupported};
pub use limits::Limits;
/// The selective PDF loader against lopdf's full load of the same bytes (the `loader` fuzz
/// target's check; not part of the tool).
#[cfg(feature = "loader-check")]
#[doc(hidden)]
pub mod loader_check {
    pub use crate::pdf::loader_check::{assemble, compare_with_lopdf, split_bodies};
}
pub use sniff::{sniff, Format, Sniffed};

/// Extracts the text an ATS would read from `bytes`, with layout signals.
///
/// The format is sniffed from the first bytes. Errors say what is wrong and what to do.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(ExtractError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_input_bytes,
        });
    }
    let budget = budget::Budget::new(limits);
    let mut doc = match sniff(bytes) {
        Sniffed::Supported(Format::Pdf) => pdf::extract(bytes, limits, &budget)?,
        Sniffed::Supported(Format::Docx) => docx::extract(bytes, limits, &budget)?,
        Sniffed::Supported(Format::Text) => text::extract(bytes, limits)?,
        Sniffed::Empty => return Err(ExtractError::Empty),
        Sniffed::Unsupported(kind) => return Err(ExtractError::Unsupported(kind)),
        Sniffed::EncryptedDocx => return Err(ExtractError::EncryptedDocx),
    };
    doc.byte_len = bytes.len() as u64;
    Ok(doc)
}
