//! Caps on every input path.

use std::time::Duration;

/// Caps on what one extraction may read, inflate, count and spend. Every cap exceeded ends in
/// [`crate::ExtractError::LimitExceeded`] (or `Timeout`, `TooLarge`), never in a panic or an
/// unbounded allocation. The defaults are far above any real résumé and far below what would
/// hurt a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Input size in bytes. Default 10 MB (Lever's upload limit; Greenhouse parses ≤ 2.5 MB).
    pub max_input_bytes: u64,
    /// Pages read from a PDF. Default 50.
    pub max_pages: u32,
    /// Bytes one PDF stream or one DOCX part may inflate to. Default 8 MiB.
    pub max_stream_bytes: u64,
    /// Bytes all inflated streams or parts may add up to. Default 48 MiB.
    pub max_total_inflated_bytes: u64,
    /// Objects in a PDF. Default 100,000.
    pub max_objects: u64,
    /// Content-stream operators interpreted across the document. Default 2,000,000.
    pub max_operators: u64,
    /// Nesting depth: PDF Form XObjects and graphics-state stack, DOCX XML elements. Default 64.
    pub max_depth: u32,
    /// Entries in a DOCX zip. Default 1,000.
    pub max_zip_entries: u64,
    /// Characters of extracted text. Default 2,000,000.
    pub max_text_chars: u64,
    /// Wall-clock budget, checked inside loops. Default 2 s.
    pub time_budget: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 10_000_000,
            max_pages: 50,
            max_stream_bytes: 8 << 20,
            max_total_inflated_bytes: 48 << 20,
            max_objects: 100_000,
            max_operators: 2_000_000,
            max_depth: 64,
            max_zip_entries: 1_000,
            max_text_chars: 2_000_000,
            time_budget: Duration::from_secs(2),
        }
    }
}
