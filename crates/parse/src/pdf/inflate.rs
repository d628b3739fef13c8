//! Stream decoding: a fast path for the plain `FlateDecode` streams résumés are made of, lopdf
//! for everything else.
//!
//! lopdf's [`Stream::decompressed_content_with_limit`] inflates through `flate2::read::ZlibDecoder`,
//! a `BufReader` that zero-fills a 32 KiB buffer per stream on top of building the inflater's
//! state, for each of a résumé's 5–15 streams (page contents, ToUnicode CMaps, form XObjects).
//! [`stream_content`] inflates a stream whose `/Filter` is exactly `FlateDecode` (a
//! name or a one-element array) with no predictor straight from its bytes into a `Vec` that
//! never grows past the per-stream limit, and hands every other case to that same lopdf call:
//! other or chained filters, predictors, empty data, an inflate error (a bad header or Adler-32,
//! corrupt data), data that ends before the end of the zlib stream, and output that reaches the
//! limit before the stream ends. In those cases lopdf may return partial output rather than an
//! error (it reads what `ZlibDecoder` yields before the error or the end of input, then retries
//! a failed stream as raw deflate), so only lopdf can say what it returns. The fast path returns
//! only when the zlib stream ends cleanly, checksum verified: then lopdf returns the same bytes,
//! since it too ignores whatever follows the end of the zlib stream. [`page_content`] is lopdf's
//! [`Document::get_page_content_with_limit`] with [`stream_content`] in place of lopdf's call.
//!
//! Measured with callgrind (whole `extract` example run, counts vary by ±20k between runs):
//! `bench-000-ml_engineer.pdf` went from 6,421,408 to 5,926,343 instructions (−7.7%),
//! `amara-nwosu-ai-product-manager.pdf` from 4,568,567 to 4,329,152 (−5.2%); a fresh inflater
//! per stream instead of the thread's one, reset, gave 6,123,429 and 4,383,091. That is about
//! 70k instructions saved per stream (bench-000 inflates 7 through the fast path). The median
//! extraction time of the first 60 bench résumés (`extract --time 20`, six interleaved runs
//! each, 2 shared cores with fuzzers running) went from 0.371–0.384 ms to 0.344–0.356 ms.

use std::cell::Cell;

use flate2::{Decompress, FlushDecompress, Status};
use lopdf::{DecompressError, Document, Object, ObjectId, Stream};

/// Output reserved before inflating: a guess of four times the compressed size (content
/// streams and CMaps inflate 3–6×), at least this much, never more than the limit.
const MIN_FIRST_RESERVE: usize = 4096;

/// The decoded content of `stream`, exactly what `stream.decompressed_content_with_limit(limit)`
/// returns: output and errors alike (see the module docs for when lopdf is called).
pub(crate) fn stream_content(stream: &Stream, limit: usize) -> lopdf::Result<Vec<u8>> {
    if is_plain_flate(stream) {
        if let Some(data) = inflate(&stream.content, limit) {
            return Ok(data);
        }
    }
    stream.decompressed_content_with_limit(limit)
}

/// The page's content streams, decoded and each followed by a newline, bounded in total by
/// `limit`: lopdf 0.47's `Document::page_content` (behind `get_page_content_with_limit`), line
/// for line, with [`stream_content`] for lopdf's `decompressed_content_with_limit`. Content
/// that is neither a stream nor a reference to one is skipped; a stream that fails to decode
/// for another reason than the limit stands for its raw bytes, charged against the limit too.
pub(crate) fn page_content(doc: &Document, page_id: ObjectId, limit: usize) -> lopdf::Result<Vec<u8>> {
    let exceeded = || lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { limit });
    let mut content = Vec::new();
    for object_id in doc.get_page_contents(page_id) {
        let Ok(stream) = doc.get_object(object_id).and_then(Object::as_stream) else {
            continue;
        };
        let remaining = limit.saturating_sub(content.len());
        match stream_content(stream, remaining) {
            // The usual single stream is moved rather than copied.
            Ok(data) if content.is_empty() => content = data,
            Ok(data) => content.extend_from_slice(&data),
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => return Err(exceeded()),
            Err(_) if stream.content.len() <= remaining => content.extend_from_slice(&stream.content),
            Err(_) => return Err(exceeded()),
        }
        content.push(b'\n');
    }
    Ok(content)
}

/// `/Filter` is exactly `FlateDecode` and lopdf would apply no predictor after inflating.
fn is_plain_flate(stream: &Stream) -> bool {
    let flate = match stream.dict.get(b"Filter") {
        Ok(Object::Name(name)) => name == b"FlateDecode",
        Ok(Object::Array(names)) => matches!(names.as_slice(), [Object::Name(name)] if name == b"FlateDecode"),
        _ => false,
    };
    flate && no_predictor(super::fonts::entry(&stream.dict, b"DecodeParms"))
}

/// lopdf's reading of `/DecodeParms` for the first filter (`decode_filters`) and its predictor
/// step (`decompress_predictor`): no parameters, or `/Predictor` 1 (absent or not an integer
/// counts as 1) with a row size that does not overflow (lopdf rejects one that does, whatever
/// the predictor).
fn no_predictor(decode_parms: Option<&Object>) -> bool {
    let params = match decode_parms {
        Some(Object::Array(params)) => params.first().and_then(|p| p.as_dict().ok()),
        Some(Object::Dictionary(params)) => Some(params),
        _ => None,
    };
    let Some(params) = params else {
        return true;
    };
    let sample = |key: &[u8], default: i64| params.get(key).and_then(Object::as_i64).unwrap_or(default).max(1) as usize;
    let row_fits = sample(b"Columns", 1)
        .checked_mul(sample(b"Colors", 1))
        .and_then(|n| n.checked_mul(sample(b"BitsPerComponent", 8)))
        .is_some();
    row_fits && params.get(b"Predictor").and_then(Object::as_i64).unwrap_or(1) == 1
}

/// Inflates zlib `data` to its end, or `None` (the caller asks lopdf) when it is empty, corrupt,
/// ends early, or would inflate to more than `limit` bytes. The output's capacity never exceeds
/// `limit`: it starts at a guess and doubles, capped at `limit`.
fn inflate(data: &[u8], limit: usize) -> Option<Vec<u8>> {
    if data.is_empty() {
        return None;
    }
    // Taken out of the cell while in use, so nothing can borrow it twice; a thread being torn
    // down just builds a fresh one.
    let mut inflater = match INFLATER.try_with(Cell::take).ok().flatten() {
        Some(mut inflater) => {
            inflater.reset(true);
            inflater
        }
        None => Decompress::new(true),
    };
    let out = inflate_with(&mut inflater, data, limit);
    let _ = INFLATER.try_with(|cell| cell.set(Some(inflater)));
    out
}

thread_local! {
    /// This thread's inflater, reset for each stream: building zlib-rs's state costs about 16k
    /// instructions, resetting it next to nothing.
    static INFLATER: Cell<Option<Decompress>> = const { Cell::new(None) };
}

fn inflate_with(inflater: &mut Decompress, data: &[u8], limit: usize) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::new();
    let mut want = data.len().saturating_mul(4).max(MIN_FIRST_RESERVE).min(limit);
    loop {
        out.reserve_exact(want.saturating_sub(out.len()));
        if out.capacity() > limit {
            // The allocator gave more than asked: inflating into it could pass the limit.
            return None;
        }
        let consumed = usize::try_from(inflater.total_in()).ok()?;
        let rest = data.get(consumed..)?;
        // `Finish`: the whole input is here, which lets the inflater skip its window when the
        // output fits in one call.
        match inflater.decompress_vec(rest, &mut out, FlushDecompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(Status::Ok | Status::BufError) => {
                if out.len() < out.capacity() || out.len() >= limit {
                    // Room left, so the input ran out before the stream's end; or at the limit.
                    return None;
                }
                want = out.len().saturating_mul(2).min(limit);
            }
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use flate2::Compression;
    use lopdf::Dictionary;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = ZlibEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    /// A résumé-like content stream: text operators, repetitive but not trivially so.
    fn content(n: usize) -> Vec<u8> {
        let mut s = Vec::new();
        for i in 0..n {
            writeln!(
                s,
                "BT /F1 10 Tf 72 {} Td (Line {i} of the experience section) Tj ET",
                700 - i % 600
            )
            .unwrap();
        }
        s
    }

    fn stream(filter: Object, data: Vec<u8>) -> Stream {
        let mut dict = Dictionary::new();
        dict.set("Filter", filter);
        Stream::new(dict, data)
    }

    fn flate(data: Vec<u8>) -> Stream {
        stream(Object::Name(b"FlateDecode".to_vec()), data)
    }

    /// Our result and lopdf's, compared as output or as the error's text.
    fn same_as_lopdf(s: &Stream, limit: usize) -> lopdf::Result<Vec<u8>> {
        let ours = stream_content(s, limit);
        let theirs = s.decompressed_content_with_limit(limit);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("ours {ours:?}, lopdf {theirs:?}"),
        }
        ours
    }

    #[test]
    fn valid_data_takes_the_fast_path_and_matches_lopdf() {
        for n in [0, 1, 10, 1_000, 20_000] {
            let plain = content(n);
            let data = zlib(&plain);
            assert_eq!(inflate(&data, 8 << 20).as_deref(), Some(plain.as_slice()), "n = {n}");
            let tight = inflate(&data, plain.len() + 1).unwrap();
            assert!(tight.capacity() <= plain.len() + 1);
            assert_eq!(same_as_lopdf(&flate(data.clone()), 8 << 20).unwrap(), plain);
            let one = stream(Object::Array(vec![Object::Name(b"FlateDecode".to_vec())]), data);
            assert!(is_plain_flate(&one));
            assert_eq!(same_as_lopdf(&one, 8 << 20).unwrap(), plain);
        }
    }

    #[test]
    fn output_exactly_at_the_limit_matches_lopdf() {
        let plain = content(100);
        let s = flate(zlib(&plain));
        assert_eq!(same_as_lopdf(&s, plain.len()).unwrap(), plain);
        if let Some(out) = inflate(&s.content, plain.len()) {
            assert!(out.capacity() <= plain.len());
        }
    }

    #[test]
    fn output_over_the_limit_falls_back_to_lopdfs_error() {
        let plain = content(2_000);
        let s = flate(zlib(&plain));
        for limit in [0, 1, 100, plain.len() / 2, plain.len() - 1] {
            assert_eq!(inflate(&s.content, limit), None);
            let err = same_as_lopdf(&s, limit).unwrap_err();
            assert!(matches!(
                err,
                lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })
            ));
        }
        // A bomb: a megabyte of zeros, a kilobyte compressed.
        let bomb = flate(zlib(&vec![0; 1 << 20]));
        assert!(same_as_lopdf(&bomb, 64 << 10).is_err());
    }

    #[test]
    fn truncated_data_falls_back_to_lopdfs_partial_output() {
        let plain = content(1_000);
        let data = zlib(&plain);
        for cut in [1, 2, 3, 10, data.len() / 2, data.len() - 4, data.len() - 1] {
            let s = flate(data[..cut].to_vec());
            assert_eq!(inflate(&s.content, 8 << 20), None, "cut at {cut}");
            // lopdf returns what it inflated before the data ran out, not an error.
            let partial = same_as_lopdf(&s, 8 << 20).unwrap();
            assert!(plain.starts_with(&partial));
        }
    }

    #[test]
    fn trailing_garbage_is_ignored_as_lopdf_ignores_it() {
        let plain = content(300);
        let mut data = zlib(&plain);
        data.extend_from_slice(b"\r\nendstream garbage \x00\xff");
        assert_eq!(inflate(&data, 8 << 20).as_deref(), Some(plain.as_slice()));
        assert_eq!(same_as_lopdf(&flate(data), 8 << 20).unwrap(), plain);
    }

    #[test]
    fn bad_header_checksum_or_data_falls_back_to_lopdf() {
        let plain = content(300);
        let data = zlib(&plain);
        // Wrong header (lopdf retries as raw deflate), raw deflate with no header at all, a bad
        // Adler-32, a flipped bit in the middle, and bytes that are no deflate at all.
        let mut header = data.clone();
        header[0] = 0x79;
        let mut adler = data.clone();
        *adler.last_mut().unwrap() ^= 1;
        let mut middle = data.clone();
        middle[data.len() / 2] ^= 0x10;
        let cases = [
            header,
            data[2..].to_vec(),
            adler,
            middle,
            b"BT (plain text) Tj ET".to_vec(),
        ];
        for (i, case) in cases.into_iter().enumerate() {
            assert_eq!(inflate(&case, 8 << 20), None, "case {i}");
            // The thread's inflater, reset after the failure, decodes the next stream.
            assert_eq!(inflate(&data, 8 << 20).as_deref(), Some(plain.as_slice()));
            let _ = same_as_lopdf(&flate(case), 8 << 20);
        }
        let _ = same_as_lopdf(&flate(Vec::new()), 8 << 20);
    }

    #[test]
    fn predictors_and_chained_filters_fall_back_to_lopdf() {
        let plain = content(50);
        let data = zlib(&plain);
        let mut png = flate(data.clone());
        let mut params = Dictionary::new();
        params.set("Predictor", 12);
        params.set("Columns", 5);
        png.dict.set("DecodeParms", params);
        assert!(!is_plain_flate(&png));
        let _ = same_as_lopdf(&png, 8 << 20);

        let mut tiff = flate(data.clone());
        let mut params = Dictionary::new();
        params.set("Predictor", 2);
        params.set("Columns", 16);
        tiff.dict
            .set("DecodeParms", Object::Array(vec![Object::Dictionary(params)]));
        assert!(!is_plain_flate(&tiff));
        assert_ne!(same_as_lopdf(&tiff, 8 << 20).unwrap(), plain);

        // Predictor 1 with a row size that overflows: lopdf fails; so do we.
        let mut overflow = flate(data.clone());
        let mut params = Dictionary::new();
        params.set("Predictor", 1);
        params.set("Columns", i64::MAX);
        params.set("Colors", 4);
        overflow.dict.set("DecodeParms", params);
        assert!(!is_plain_flate(&overflow));
        assert!(same_as_lopdf(&overflow, 8 << 20).is_err());

        // Predictor 1 proper, and parameters that are not a dictionary: the fast path.
        let mut one = flate(data.clone());
        let mut params = Dictionary::new();
        params.set("Predictor", 1);
        one.dict.set("DecodeParms", params);
        assert!(is_plain_flate(&one));
        assert_eq!(same_as_lopdf(&one, 8 << 20).unwrap(), plain);
        let mut null = flate(data.clone());
        null.dict.set("DecodeParms", Object::Null);
        assert!(is_plain_flate(&null));
        assert_eq!(same_as_lopdf(&null, 8 << 20).unwrap(), plain);

        let two = stream(
            Object::Array(vec![
                Object::Name(b"FlateDecode".to_vec()),
                Object::Name(b"FlateDecode".to_vec()),
            ]),
            zlib(&data),
        );
        assert!(!is_plain_flate(&two));
        assert_eq!(same_as_lopdf(&two, 8 << 20).unwrap(), plain);
        let mut hex: Vec<u8> = data.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
        hex.push(b'>');
        let chained = stream(
            Object::Array(vec![
                Object::Name(b"ASCIIHexDecode".to_vec()),
                Object::Name(b"FlateDecode".to_vec()),
            ]),
            hex,
        );
        assert!(!is_plain_flate(&chained));
        assert_eq!(same_as_lopdf(&chained, 8 << 20).unwrap(), plain);
        let by_reference = stream(Object::Reference((9, 0)), data.clone());
        assert!(!is_plain_flate(&by_reference));
        assert_eq!(same_as_lopdf(&by_reference, 8 << 20).unwrap(), data);
        let unfiltered = Stream::new(Dictionary::new(), plain.clone());
        assert_eq!(same_as_lopdf(&unfiltered, 8 << 20).unwrap(), plain);
    }

    #[test]
    fn page_content_matches_lopdf() {
        let a = content(40);
        let b = content(7);
        let mut doc = Document::with_version("1.5");
        let s1 = doc.add_object(flate(zlib(&a)));
        let s2 = doc.add_object(Stream::new(Dictionary::new(), b.clone()));
        let broken = doc.add_object(flate(b"not zlib".to_vec()));
        let truncated = doc.add_object(flate(zlib(&a)[..50].to_vec()));
        let not_stream = doc.add_object(Object::Integer(3));
        let array = doc.add_object(Object::Array(vec![Object::Reference(s2), Object::Reference(s1)]));
        let missing = (999, 0);
        let contents = [
            Object::Reference(s1),
            Object::Reference(array),
            Object::Array(vec![
                Object::Reference(s1),
                Object::Reference(missing),
                Object::Reference(not_stream),
                Object::Integer(5),
                Object::Reference(broken),
                Object::Reference(s2),
                Object::Reference(truncated),
            ]),
            Object::Reference(missing),
            Object::Integer(1),
            Object::Array(vec![]),
        ];
        for c in contents {
            let mut page = Dictionary::new();
            page.set("Type", "Page");
            page.set("Contents", c.clone());
            let page_id = doc.add_object(page);
            for limit in [0, 10, a.len(), a.len() + 1, a.len() + b.len() + 2, 8 << 20] {
                let ours = page_content(&doc, page_id, limit);
                let theirs = doc.get_page_content_with_limit(page_id, limit);
                match (&ours, &theirs) {
                    (Ok(x), Ok(y)) => assert_eq!(x, y, "{c:?} limit {limit}"),
                    (Err(x), Err(y)) => assert_eq!(x.to_string(), y.to_string()),
                    _ => panic!("{c:?} limit {limit}: ours {ours:?}, lopdf {theirs:?}"),
                }
            }
        }
    }
}
