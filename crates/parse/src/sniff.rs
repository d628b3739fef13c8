//! Format by content, not by name.

use serde::Serialize;

use crate::Unsupported;

/// A supported input format.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Portable Document Format.
    #[default]
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// Plain text or Markdown.
    Text,
}

impl Format {
    /// Lower-case name: `pdf`, `docx`, `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "text",
        }
    }
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A format ats-check reads.
    Supported(Format),
    /// No bytes, or only whitespace.
    Empty,
    /// A format recognised and refused, with advice.
    Unsupported(Unsupported),
    /// An OOXML package encrypted with a password (an OLE container holding `EncryptedPackage`).
    EncryptedDocx,
}

/// Decides the format of `bytes` from their content.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Sniffed::Empty;
    }
    // PDF readers accept the header anywhere in the first 1024 bytes.
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Sniffed::Supported(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE compound file: a legacy .doc, or a password-encrypted OOXML package.
        if find(bytes, &utf16le("EncryptedPackage")).is_some() {
            return Sniffed::EncryptedDocx;
        }
        return Sniffed::Unsupported(Unsupported::LegacyDoc);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Sniffed::Unsupported(Unsupported::Rtf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Unsupported(Unsupported::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Unsupported(Unsupported::Jpeg);
    }
    if bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"BM")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
    {
        return Sniffed::Unsupported(Unsupported::Image);
    }
    if utf16_text(bytes).is_some_and(|t| mostly_printable(&t)) {
        return Sniffed::Supported(Format::Text);
    }
    if looks_like_text(bytes) {
        return Sniffed::Supported(Format::Text);
    }
    Sniffed::Unsupported(Unsupported::Unknown)
}

fn sniff_zip(bytes: &[u8]) -> Sniffed {
    // Local file headers and the central directory carry entry names in clear text; a DOCX
    // always has a part under word/. ODT stores its media type uncompressed first.
    if find(bytes, b"word/").is_some() {
        Sniffed::Supported(Format::Docx)
    } else if find(&bytes[..bytes.len().min(200)], b"application/vnd.oasis.opendocument").is_some() {
        Sniffed::Unsupported(Unsupported::Odt)
    } else {
        Sniffed::Unsupported(Unsupported::Zip)
    }
}

/// The text of a UTF-16 file with a byte-order mark (Notepad's "Unicode", Windows exports),
/// decoded (a lone surrogate becomes U+FFFD); `None` without a mark.
pub(crate) fn utf16_text(bytes: &[u8]) -> Option<String> {
    let (body, little_endian) = if let Some(b) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        (b, true)
    } else if let Some(b) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        (b, false)
    } else {
        return None;
    };
    let units = body.chunks_exact(2).map(|p| {
        if little_endian {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let text = match std::str::from_utf8(sample) {
        Ok(t) => t,
        // A cut in the middle of a multi-byte character at the sample's end is fine.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&sample[..e.valid_up_to()]).unwrap_or_default(),
        Err(_) => return false,
    };
    mostly_printable(text)
}

/// At most 1% control characters (line breaks, tabs and form feeds aside).
fn mostly_printable(text: &str) -> bool {
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
        .count();
    control * 100 <= text.chars().count()
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}
