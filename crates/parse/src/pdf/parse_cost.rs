//! What parsing a PDF's objects would cost, counted before anything parses them.
//!
//! lopdf (the fallback loader) builds every object of the file, and every object stream's
//! members, as `lopdf::Object`s of [`OBJECT_BYTES`] each, whatever their size in the file: an
//! empty name is one byte in the file, so 10 MB of them became 1.2 GB, and an object stream
//! inflating to 8 MiB of them 950 MB. The selective loader reads fewer objects, each capped by the
//! content lexer, but many capped objects add up the same way. So before either loads the file,
//! [`check`] counts the tokens outside stream data (each becomes at most one object) plus those
//! of every object stream's decoded content, and refuses a file holding more than
//! [`MAX_PARSED_ITEMS`]: a specific error instead of gigabytes.
//!
//! The count can exceed the objects built (`1 0 R` is three tokens and one reference), never fall
//! short of them. A file shorter than the cap holds fewer tokens than the cap, so only a larger
//! file, or one with object streams, is scanned.

use lopdf::{Object, Stream};

use super::content::object_at;
use super::inflate::stream_content;
use crate::budget::Budget;
use crate::ExtractError;

/// Most tokens (objects, array items, dictionary keys and values) a PDF may ask the loader to
/// build. At about [`OBJECT_BYTES`] each, with a growing array's copy, this stays near 150 MB;
/// a résumé holds a few thousand (a tagged, font-heavy two-page file about 30,000).
pub(crate) const MAX_PARSED_ITEMS: u64 = 600_000;

/// The size of one `lopdf::Object` in memory, for the docs above (checked by a test).
#[cfg(test)]
const OBJECT_BYTES: usize = 120;

/// Fails when the objects of `buf` (the file from `%PDF-` on) would hold more than
/// [`MAX_PARSED_ITEMS`] tokens.
pub(crate) fn check(buf: &[u8], stream_limit: usize, budget: &Budget) -> Result<(), ExtractError> {
    let has_object_streams = memchr::memmem::find(buf, b"ObjStm").is_some();
    if (buf.len() as u64) < MAX_PARSED_ITEMS && !has_object_streams {
        return Ok(());
    }
    let mut count = Counter {
        tokens: 0,
        budget,
        stream_limit,
        bytes_only: false,
    };
    if (buf.len() as u64) < MAX_PARSED_ITEMS {
        // Tokens are fewer than bytes: the file's bytes and its object streams' decoded bytes
        // (found by their `/Type`) bound them, and only when that bound is over the cap are they
        // counted one by one.
        count.bytes_only = true;
        if count.object_streams_only(buf).is_ok() && count.tokens + buf.len() as u64 <= MAX_PARSED_ITEMS {
            return Ok(());
        }
        count.bytes_only = false;
        count.tokens = 0;
    }
    count.scan(buf, true)
}

struct Counter<'b> {
    tokens: u64,
    budget: &'b Budget,
    stream_limit: usize,
    /// Object streams add their decoded size (a bound on their tokens) instead of their tokens.
    bytes_only: bool,
}

fn is_white(c: u8) -> bool {
    matches!(c, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl Counter<'_> {
    fn add(&mut self) -> Result<(), ExtractError> {
        self.tokens += 1;
        if self.tokens > MAX_PARSED_ITEMS {
            return Err(ExtractError::LimitExceeded {
                what: "objects and array or dictionary items in a PDF",
                limit: MAX_PARSED_ITEMS,
            });
        }
        if self.tokens.is_multiple_of(4096) {
            self.budget.check_time()?;
        }
        Ok(())
    }

    /// Counts the tokens of `data`. `file`: the whole file, whose stream data is skipped and
    /// whose object streams are decoded and counted; otherwise an object stream's content.
    fn scan(&mut self, data: &[u8], file: bool) -> Result<(), ExtractError> {
        let mut i = 0;
        // Where the current indirect object's text starts (after its `obj`).
        let mut object_start = 0;
        while i < data.len() {
            let c = data[i];
            if is_white(c) {
                i += 1;
                continue;
            }
            match c {
                b'%' => {
                    i = memchr::memchr2(b'\n', b'\r', &data[i..]).map_or(data.len(), |n| i + n);
                }
                b'(' => {
                    self.add()?;
                    i = literal_string_end(data, i);
                }
                b'<' if data.get(i + 1) == Some(&b'<') => {
                    self.add()?;
                    i += 2;
                }
                b'<' => {
                    self.add()?;
                    i = memchr::memchr(b'>', &data[i..]).map_or(data.len(), |n| i + n + 1);
                }
                b'/' => {
                    self.add()?;
                    i = regular_end(data, i + 1);
                }
                b'[' => {
                    self.add()?;
                    i += 1;
                }
                b')' | b'>' | b']' | b'{' | b'}' => i += 1,
                _ => {
                    let end = regular_end(data, i);
                    let word = &data[i..end];
                    i = end;
                    if !file {
                        self.add()?;
                        continue;
                    }
                    match word {
                        b"obj" => object_start = end,
                        b"stream" => {
                            let start = data_start(data, i);
                            let Some(len) = memchr::memmem::find(&data[start..], b"endstream") else {
                                return Ok(());
                            };
                            let head = &data[object_start.min(start)..start];
                            if memchr::memmem::find(head, b"ObjStm").is_some() {
                                self.object_stream(data, object_start, &data[start..start + len])?;
                            }
                            i = start + len + b"endstream".len();
                        }
                        // A cross-reference table is read by lopdf's own parser, no objects.
                        b"xref" => {
                            i = memchr::memmem::find(&data[i..], b"trailer").map_or(data.len(), |n| i + n);
                        }
                        _ => self.add()?,
                    }
                }
            }
        }
        Ok(())
    }

    /// Counts the members of every object stream of `data`: each `ObjStm` name, the `obj` before
    /// it and the `stream` after it.
    fn object_streams_only(&mut self, data: &[u8]) -> Result<(), ExtractError> {
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&data[from..], b"ObjStm").map(|n| from + n) {
            from = at + b"ObjStm".len();
            let Some(object_start) = memchr::memmem::rfind(&data[..at], b"obj").map(|n| n + 3) else {
                continue;
            };
            let Some(keyword) = memchr::memmem::find(&data[from..], b"stream").map(|n| from + n + b"stream".len())
            else {
                return Ok(());
            };
            let start = data_start(data, keyword);
            let Some(len) = memchr::memmem::find(&data[start..], b"endstream") else {
                return Ok(());
            };
            self.object_stream(data, object_start, &data[start..start + len])?;
            from = start + len;
        }
        Ok(())
    }

    /// Decodes the object stream whose dictionary follows `object_start` and counts its members'
    /// tokens, as lopdf parses them all. A stream that does not decode is counted as lopdf
    /// skips it: not at all.
    fn object_stream(&mut self, data: &[u8], object_start: usize, raw: &[u8]) -> Result<(), ExtractError> {
        let Some(dict_at) = memchr::memmem::find(&data[object_start..], b"<<").map(|n| object_start + n) else {
            return Ok(());
        };
        let Some((Object::Dictionary(dict), _)) = object_at(data, dict_at) else {
            return Ok(());
        };
        let stream = Stream::new(dict, raw.to_vec());
        let Ok(content) = stream_content(&stream, self.stream_limit) else {
            return Ok(());
        };
        self.budget.inflated(content.len() as u64)?;
        if self.bytes_only {
            self.tokens += content.len() as u64;
            return Ok(());
        }
        self.scan(&content, false)
    }
}

/// Where a stream's data starts after its `stream` keyword ending at `i`: past one end of line.
fn data_start(data: &[u8], i: usize) -> usize {
    match data.get(i..i + 2) {
        Some(b"\r\n") => i + 2,
        _ if data.get(i).is_some_and(|&b| b == b'\n' || b == b'\r') => i + 1,
        _ => i,
    }
}

/// The end of the run of regular characters at `i`.
fn regular_end(data: &[u8], mut i: usize) -> usize {
    while data.get(i).is_some_and(|&c| !is_white(c) && !is_delimiter(c)) {
        i += 1;
    }
    i
}

/// The position after the literal string opening at `i` (balanced parentheses, `\` escapes).
fn literal_string_end(data: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = data.get(i) {
        match c {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn count(data: &[u8], file: bool) -> Result<u64, ExtractError> {
        let budget = Budget::new(&Limits::default());
        let mut c = Counter {
            tokens: 0,
            budget: &budget,
            stream_limit: 8 << 20,
            bytes_only: false,
        };
        c.scan(data, file)?;
        Ok(c.tokens)
    }

    #[test]
    fn an_object_of_lopdf_is_as_large_as_the_docs_say() {
        assert!(
            std::mem::size_of::<Object>() <= OBJECT_BYTES,
            "{}",
            std::mem::size_of::<Object>()
        );
    }

    #[test]
    fn tokens_are_counted_outside_strings_comments_streams_and_tables() {
        let file = b"%PDF-1.7\n% a [comment] /with /names\n1 0 obj\n<< /A [1 2 3] /B (a (nested) [string]) /C <41 42> >>\nendobj\n\
            2 0 obj\n<< /Length 9 >>\nstream\n/a/b/c/d/\nendstream\nendobj\nxref\n0 3\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\n";
        // 1 0 obj: `1` `0` `<<` `/A` `[` `1` `2` `3` `/B` `(…)` `/C` `<…>` `endobj`; 2 0 obj:
        // `2` `0` `<<` `/Length` `9` `endobj`; `trailer` `<<` `/Root` `1` `0` `R`.
        assert_eq!(count(file, true), Ok(13 + 6 + 6));
    }

    #[test]
    fn object_stream_members_are_counted() {
        let body = b"7 0 [//////////]";
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, body).unwrap();
        let data = z.finish().unwrap();
        let mut file = format!(
            "1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        file.extend(&data);
        file.extend(b"\nendstream\nendobj\n");
        // `1` `0` `<<` and 5 × 2 dictionary tokens, `endobj`; the member: `7` `0` `[` and 10 names.
        assert_eq!(count(&file, true), Ok(3 + 10 + 1 + 13));
    }

    #[test]
    fn object_streams_are_found_by_their_type_in_a_small_file() {
        let members = [b"7 0 [".to_vec(), b"/".repeat(MAX_PARSED_ITEMS as usize), b"]".to_vec()].concat();
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, &members).unwrap();
        let data = z.finish().unwrap();
        let mut file = format!(
            "%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        file.extend(&data);
        file.extend(b"\nendstream\nendobj\n");
        assert!(file.len() < 10_000);
        let budget = Budget::new(&Limits::default());
        assert!(matches!(
            check(&file, 8 << 20, &budget),
            Err(ExtractError::LimitExceeded { .. })
        ));
        // The same stream of another type is not an object stream, and lopdf does not parse it.
        let at = memchr::memmem::find(&file, b"ObjStm").unwrap();
        file[at..at + 6].copy_from_slice(b"XObjSt");
        assert_eq!(check(&file, 8 << 20, &budget), Ok(()));
    }

    #[test]
    fn more_items_than_the_cap_is_a_limit() {
        let names = [
            b"1 0 obj [".to_vec(),
            b"/".repeat(MAX_PARSED_ITEMS as usize),
            b"] endobj".to_vec(),
        ]
        .concat();
        assert!(matches!(
            count(&names, true),
            Err(ExtractError::LimitExceeded {
                limit: MAX_PARSED_ITEMS,
                ..
            })
        ));
    }
}
