//! The OPC package: a zip opened under caps, parts inflated with their size measured while
//! inflating, and relationship parts.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use zip::result::ZipError;
use zip::ZipArchive;

use super::xml::{attr, is_recoverable, malformed, split_name, XmlReader};
use crate::budget::Budget;
use crate::{ExtractError, Limits};

/// An opened DOCX zip.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: &'a Budget,
    max_part: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip, refusing archives that declare more entries than `max_zip_entries`
    /// before the zip reader sizes anything from that count.
    pub(super) fn open(bytes: &'a [u8], limits: &Limits, budget: &'a Budget) -> Result<Self, ExtractError> {
        let too_many = ExtractError::LimitExceeded {
            what: "entries in the DOCX zip",
            limit: limits.max_zip_entries,
        };
        if declared_entries(bytes) > limits.max_zip_entries {
            return Err(too_many);
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        if zip.len() as u64 > limits.max_zip_entries {
            return Err(too_many);
        }
        Ok(Package {
            zip,
            budget,
            max_part: limits.max_stream_bytes,
        })
    }

    /// Index of the entry named `name`; OPC part names are case-insensitive.
    fn index_of(&self, name: &str) -> Option<usize> {
        self.zip.index_for_name(name).or_else(|| {
            self.zip
                .file_names()
                .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        })
    }

    pub(super) fn contains(&self, name: &str) -> bool {
        self.index_of(name).is_some()
    }

    /// Names of all entries (names that do not decode are left out).
    pub(super) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// The inflated bytes of part `name`, or None when there is no such entry. The size is
    /// measured while inflating (never taken from the zip headers): more than
    /// `max_stream_bytes` is an error, and every part counts against the total budget.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ExtractError> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let entry = self.zip.by_index_data(index).map_err(zip_error)?;
        if entry.encrypted() {
            return Err(ExtractError::EncryptedDocx);
        }
        let file = self.zip.by_index(index).map_err(zip_error)?;
        let mut out = Vec::new();
        file.take(self.max_part.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| malformed(format!("{name}: {e}")))?;
        if out.len() as u64 > self.max_part {
            return Err(ExtractError::LimitExceeded {
                what: "decompressed bytes in one DOCX part",
                limit: self.max_part,
            });
        }
        self.budget.inflated(out.len() as u64)?;
        Ok(Some(out))
    }

    /// The relationships of part `name` (`dir/_rels/file.rels`), empty when it has none.
    pub(super) fn rels_of(&mut self, name: &str) -> Result<Rels, ExtractError> {
        let (dir, file) = name.rsplit_once('/').unwrap_or(("", name));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(xml) = self.read(&rels_name)? else {
            return Ok(Rels::default());
        };
        // Relationships only add links and header parts (and headers are then found by
        // name): a damaged relationship part is read as empty rather than failing the file.
        match Rels::parse(&xml, &rels_name, dir, self.budget) {
            Err(e) if is_recoverable(&e) => Ok(Rels::default()),
            result => result,
        }
    }
}

/// What a relationship points at, by the last segment of its type URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RelKind {
    Hyperlink,
    Header,
    Footer,
    Styles,
    OfficeDocument,
    CoreProperties,
    ExtendedProperties,
    Other,
}

/// One relationship: internal targets resolved to part names, external ones kept as written.
#[derive(Debug, Clone)]
pub(super) struct Rel {
    pub(super) kind: RelKind,
    pub(super) target: String,
    pub(super) external: bool,
}

/// The relationships of one part, by id.
#[derive(Debug, Default)]
pub(super) struct Rels {
    by_id: HashMap<String, Rel>,
    order: Vec<String>,
}

impl Rels {
    fn parse(xml: &[u8], part: &str, base_dir: &str, budget: &Budget) -> Result<Self, ExtractError> {
        let mut rels = Rels::default();
        let mut reader = XmlReader::new(xml, part, budget);
        loop {
            match reader.next()? {
                Event::Start(e) | Event::Empty(e) if split_name(e.name().0).1 == "Relationship" => {
                    let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) else {
                        continue;
                    };
                    let kind = match attr(&e, "Type").as_deref().and_then(|t| t.rsplit('/').next()) {
                        Some("hyperlink") => RelKind::Hyperlink,
                        Some("header") => RelKind::Header,
                        Some("footer") => RelKind::Footer,
                        Some("styles") => RelKind::Styles,
                        Some("officeDocument") => RelKind::OfficeDocument,
                        Some("core-properties") => RelKind::CoreProperties,
                        Some("extended-properties") => RelKind::ExtendedProperties,
                        _ => RelKind::Other,
                    };
                    let external = attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                    let target = if external || kind == RelKind::Hyperlink {
                        target.trim().to_string()
                    } else {
                        resolve_part(base_dir, &target)
                    };
                    if !rels.by_id.contains_key(&*id) {
                        rels.order.push(id.to_string());
                    }
                    rels.by_id.insert(id.into_owned(), Rel { kind, target, external });
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(rels)
    }

    pub(super) fn get(&self, id: &str) -> Option<&Rel> {
        self.by_id.get(id)
    }

    /// The target of the first relationship of `kind`, in document order.
    pub(super) fn first_of(&self, kind: RelKind) -> Option<&str> {
        self.order
            .iter()
            .filter_map(|id| self.by_id.get(id))
            .find(|r| r.kind == kind && !r.external)
            .map(|r| r.target.as_str())
    }
}

/// Resolves a relationship target against the directory of its source part: `/x` is from the
/// package root, `.` and `..` segments are applied (never above the root).
pub(super) fn resolve_part(base_dir: &str, target: &str) -> String {
    let target = target.trim();
    let mut segments: Vec<&str> = Vec::new();
    let joined_base = if target.starts_with('/') { "" } else { base_dir };
    for seg in joined_base.split('/').chain(target.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// Short, user-safe detail for a zip error.
fn zip_error(e: ZipError) -> ExtractError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => ExtractError::EncryptedDocx,
        ZipError::UnsupportedArchive(msg) => malformed(format!("unsupported zip feature: {msg}")),
        ZipError::FileNotFound => malformed("a zip entry is missing".into()),
        ZipError::Io(e) => malformed(format!("zip read error: {e}")),
        e => malformed(format!("invalid zip: {e}")),
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b: [u8; 2] = bytes.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(u16::from_le_bytes(b))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(b))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// The largest entry count any end-of-central-directory record in `bytes` declares (zip64
/// records included). The zip reader sizes its tables from this count, and falls back to
/// earlier records when the last one does not parse, so every candidate is checked first.
fn declared_entries(bytes: &[u8]) -> u64 {
    const EOCD: &[u8] = b"PK\x05\x06";
    const EOCD64: &[u8] = b"PK\x06\x06";
    // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes.
    let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
    let mut most = 0u64;
    let mut zip64 = false;
    for pos in signature_positions(bytes, lowest, EOCD) {
        let total = u16_at(bytes, pos + 10).unwrap_or(0);
        let on_disk = u16_at(bytes, pos + 8).unwrap_or(0);
        most = most.max(u64::from(total)).max(u64::from(on_disk));
        if total == u16::MAX
            || on_disk == u16::MAX
            || u32_at(bytes, pos + 12) == Some(u32::MAX)
            || u32_at(bytes, pos + 16) == Some(u32::MAX)
        {
            zip64 = true;
        }
    }
    if zip64 {
        // A zip64 count may sit in a record anywhere before the locator: take every one.
        for at in signature_positions(bytes, 0, EOCD64) {
            most = most
                .max(u64_at(bytes, at + 24).unwrap_or(0))
                .max(u64_at(bytes, at + 32).unwrap_or(0));
        }
    }
    most
}

/// Positions at or after `from` where a 4-byte zip signature `PK x y` starts. Scans eight
/// bytes at a time for the signature's last byte (a few microseconds for the 64 KiB tail).
fn signature_positions<'b>(bytes: &'b [u8], from: usize, signature: &'static [u8]) -> impl Iterator<Item = usize> + 'b {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let last = signature.last().copied().unwrap_or(0);
    let pattern = ONES.wrapping_mul(u64::from(last));
    let tail = bytes.get(from..).unwrap_or_default();
    tail.chunks(8).enumerate().flat_map(move |(chunk_index, chunk)| {
        let hit = match <[u8; 8]>::try_from(chunk) {
            Ok(word) => {
                let x = u64::from_le_bytes(word) ^ pattern;
                x.wrapping_sub(ONES) & !x & HIGHS != 0
            }
            Err(_) => true,
        };
        let base = from + chunk_index * 8;
        let candidates = if hit { 0..chunk.len() } else { 0..0 };
        candidates.filter_map(move |j| {
            // `base + j` holds the last signature byte when it matches.
            let start = (base + j).checked_sub(signature.len().saturating_sub(1))?;
            (bytes.get(start..start + signature.len()) == Some(signature)).then_some(start)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_part() {
        assert_eq!(resolve_part("word", "header1.xml"), "word/header1.xml");
        assert_eq!(resolve_part("word", "/word/footer2.xml"), "word/footer2.xml");
        assert_eq!(resolve_part("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve_part("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve_part("word", "../../../x.xml"), "x.xml");
    }

    #[test]
    fn declared_entry_count_is_read_from_the_end_record() {
        let mut zip = vec![0u8; 10];
        zip.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        zip.extend_from_slice(&5000u16.to_le_bytes());
        zip.extend_from_slice(&5000u16.to_le_bytes());
        zip.extend_from_slice(&[0u8; 10]);
        assert_eq!(declared_entries(&zip), 5000);
        assert_eq!(declared_entries(b"PK"), 0);
        assert_eq!(declared_entries(b""), 0);
        // Signatures are found at every alignment, including across 8-byte chunks.
        for shift in 0..9 {
            let mut z = vec![7u8; shift];
            z.extend_from_slice(&zip);
            assert_eq!(declared_entries(&z), 5000, "shift {shift}");
            assert_eq!(
                signature_positions(&z, 0, b"PK\x05\x06").collect::<Vec<_>>(),
                vec![shift + 10]
            );
        }
    }
}
