//! Plain text and Markdown.

use crate::document::{Document, Line};
use crate::textnorm::clean_line;
use crate::{ExtractError, Format, Limits};

/// Reads UTF-8 (or Latin-1 when not UTF-8) text; Markdown headings and list markers become
/// line hints, and the markers themselves are kept out of the text an ATS would index.
pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let decoded: String = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    if decoded.chars().count() as u64 > limits.max_text_chars {
        return Err(ExtractError::LimitExceeded {
            what: "characters of text",
            limit: limits.max_text_chars,
        });
    }
    let mut doc = Document {
        format: Format::Text,
        pages: 1,
        ..Document::default()
    };
    let mut glyphs = 0u64;
    let mut unmappable = 0u64;
    for raw in decoded.lines() {
        let mut heading_level = None;
        let mut bullet = false;
        let mut body = raw.trim();
        let hashes = body.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
            heading_level = Some(hashes as u8);
            body = body[hashes..].trim();
        } else if let Some(rest) = ["- ", "* ", "+ ", "• ", "· ", "– "]
            .iter()
            .find_map(|m| body.strip_prefix(m))
        {
            bullet = true;
            body = rest.trim();
        }
        let text = clean_line(&body.replace("**", "").replace("__", ""));
        if text.is_empty() {
            continue;
        }
        for c in text.chars() {
            glyphs += 1;
            if crate::textnorm::is_unmappable(c) {
                unmappable += 1;
            }
        }
        doc.lines.push(Line {
            text,
            page: 1,
            bullet,
            heading_level,
            ..Line::default()
        });
    }
    doc.signals.glyphs = glyphs;
    doc.signals.unmappable_glyphs = unmappable;
    doc.assemble();
    Ok(doc)
}
