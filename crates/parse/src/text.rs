//! Plain text and Markdown.

use crate::document::{Document, Line};
use crate::textnorm::clean_line;
use crate::{ExtractError, Format, Limits};

/// Reads UTF-16 with a byte-order mark, UTF-8 (with or without a mark), or Latin-1 when neither; Markdown headings and list markers become
/// line hints, and the markers themselves are kept out of the text an ATS would index.
pub(crate) fn extract(bytes: &[u8], limits: &Limits) -> Result<Document, ExtractError> {
    let decoded: String = if let Some(text) = crate::sniff::utf16_text(bytes) {
        text
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        }
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

#[cfg(test)]
mod tests {
    use crate::{extract, Format, Limits};

    const RESUME: &str = "Zoë Müller\nzoe@example.com\n\n# Experience\n- Built things";

    #[test]
    fn utf16_with_a_byte_order_mark_and_utf8_with_one_read_as_utf8() {
        let want = extract(RESUME.as_bytes(), &Limits::default()).unwrap().text;
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(RESUME.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(RESUME.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let bom8 = [b"\xEF\xBB\xBF".as_slice(), RESUME.as_bytes()].concat();
        for bytes in [le, be, bom8] {
            let doc = extract(&bytes, &Limits::default()).unwrap();
            assert_eq!(doc.format, Format::Text);
            assert_eq!(doc.text, want);
        }
    }
}
