//! The fast path of PDF loading: builds the `lopdf::Document` that
//! `Document::load_mem_with_options` builds, holding only the objects the extractor can read, from
//! the file's cross-reference table(s); or gives up (`None`) and the caller loads with lopdf.
//!
//! Hand-written because lopdf parses every object of the file with nom combinators into its map
//! — font files, structure trees, metadata, outlines — though the extractor reads only what hangs
//! from the trailer through pages, resources, fonts, contents, annotations and the Info
//! dictionary: a LibreOffice résumé of 40 objects needs 20 of them, and none of its font files.
//! Measured with callgrind (`scripts/icount.sh`: `ats-check batch` over 61 PDFs, the first 40
//! bench files and the 21 fictional and ats-risk ones), inclusive instructions per file: lopdf's
//! `load_mem_with_options` 873.8k (12.7% of the batch); this loader 334.4k, of which 238k is
//! reading the 20 objects (names and `IndexMap` inserts with SipHash are two thirds of that, as in
//! lopdf), 26k the table and trailer, 23k the scan for object streams. Dropping the smaller
//! document costs 42.8k instead of 72.4k.
//!
//! Objects are reached from the trailer by following every reference except those under
//! [`skipped`] keys, and each is read by the content lexer's object reader
//! ([`super::content::object_at`]), which refuses whatever lopdf's nom parser could read otherwise.
//! The result is exact or absent: the loader follows lopdf's grammar and rules wherever it
//! succeeds (the header, `startxref`, the table and trailer syntax, the `/Prev` chain, which
//! entries win, a stream's `/Length` and `endstream`), and returns `None` wherever lopdf would
//! do something it does not: a cross-reference stream or a hybrid file (`/XRefStm`), object
//! streams, `/Encrypt`, an offset that does not point at its own `N G obj`, a `startxref` or
//! `/Prev` that lopdf would correct or rebuild from, a parse error (lopdf skips the object, or
//! rebuilds), a `/Length` that is not an integer or does not end at `endstream` (lopdf
//! recovers), a reference that lopdf might resolve from an object stream, a page tree lopdf
//! would walk otherwise. The caller then loads the file with lopdf, so damaged files keep every
//! error and repair of lopdf. One difference is left, on hostile input only: an object stream
//! whose `/Type` name is written with `#` escapes escapes the scan for `ObjStm`; lopdf would add
//! its members to the count of objects that `max_objects` caps, this loader never reads them
//! (a reference to one of them still falls back, as the table does not list it).
//!
//! Hostile input is bounded by construction: declared sizes are never allocated (a `/Length` only
//! slices the input after a bounds check); more table entries than `max_objects` allows, more
//! than [`MAX_SECTIONS`] sections, overlapping sections or objects end in `None`; every object is
//! read once (lengths are cached), objects may not overlap, so the work is linear in the input;
//! nesting is the content lexer's (64 deep, [`super::content::MAX_NESTING`]), and the walk over an
//! object's references recurses no deeper than that.

use std::collections::BTreeMap;

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Dictionary, Document, Linearization, Object, ObjectId, Stream};

// White space and comments are skipped as the content lexer skips them. (lopdf's `space` also
// wants an end of line after a comment; at the end of the input, where only this could differ,
// no token follows either way.)
use super::content::{is_white, object_at, skip_space_at};

/// Most cross-reference sections in the `/Prev` chain (a file and its incremental updates).
const MAX_SECTIONS: usize = 64;

/// Keys whose values the extractor never reads, in any dictionary, and that lead to large
/// subgraphs: their references are not followed. Every lopdf access of the extractor (`mod.rs`,
/// `interp.rs`, `fonts.rs`, `inflate.rs`, and the lopdf calls they make: `get_pages`,
/// `get_page_contents`, `get_page_annotations`, `get_font_encoding_with_limit`,
/// `decompressed_content_with_limit`, `dereference`) reads other keys only; a test checks that
/// none of these names occurs in the extractor's files.
const SKIPPED: [&[u8]; 19] = [
    // Catalog: logical structure, bookmarks, XMP, name trees, forms, articles, colour
    // profiles, application data.
    b"StructTreeRoot",
    b"Outlines",
    b"Metadata",
    b"Names",
    b"Dests",
    b"AcroForm",
    b"Threads",
    b"OutputIntents",
    b"PieceInfo",
    // Pages and annotations: thumbnails, appearance streams.
    b"Thumb",
    b"AP",
    // Fonts: embedded font programs, CID sets and maps, Type 3 glyph procedures.
    b"FontFile",
    b"FontFile2",
    b"FontFile3",
    b"CIDSet",
    b"CIDToGIDMap",
    b"CharProcs",
    // Images and graphics states: soft masks; file specifications: embedded files.
    b"SMask",
    b"EF",
];

fn skipped(key: &[u8]) -> bool {
    SKIPPED.contains(&key)
}

/// The document lopdf would load from `bytes` with the options of `mod.rs` (lenient, no
/// password), holding the objects reachable from the trailer, or `None` where this loader does
/// not do exactly what lopdf does.
// Not inlined, so that profiles show the loader's own cost.
#[inline(never)]
pub(crate) fn load(bytes: &[u8], max_objects: u64) -> Option<Document> {
    #[cfg(test)]
    if tests::LOPDF_ONLY.with(std::cell::Cell::get) {
        return None;
    }
    // lopdf reads from the first `%PDF-` on, and offsets count from there.
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let buf = &bytes[start..];
    let version = header(buf)?;
    let binary_mark = binary_mark(buf);
    // A file with object streams: lopdf adds their objects, even ones no table entry names.
    if memchr::memmem::find(buf, b"ObjStm").is_some() {
        return None;
    }
    let xref_start = xref_start(buf)?;
    let (xref, trailer, sections) = xref_chain(buf, xref_start, max_objects)?;
    let mut loader = Loader::new(buf, &xref, xref_start, max_objects)?;
    let objects = loader.load(&trailer)?;
    let linearization = linearization(buf, |at| {
        let id = loader.entries.iter().find(|e| e.header == at)?.id;
        objects.get(&id).map(|o| (id, o))
    })
    .ok()?;

    let mut doc = Document::new();
    doc.version = version;
    if let Some(mark) = binary_mark {
        doc.binary_mark = mark;
    }
    doc.max_id = xref.size - 1;
    doc.trailer = trailer;
    doc.reference_table = xref;
    doc.objects = objects;
    doc.xref_start = xref_start;
    doc.xref_section_count = sections;
    doc.linearization = linearization;
    if !page_tree_walks_alike(&doc) {
        return None;
    }
    Some(doc)
}

/// `%PDF-` and the version's digits and dots, the rest of the line, an end of line.
fn header(buf: &[u8]) -> Option<String> {
    let rest = buf.strip_prefix(b"%PDF-")?;
    let version = rest.iter().take_while(|c| c.is_ascii_digit() || **c == b'.').count();
    rest.iter().position(|&c| c == b'\r' || c == b'\n')?;
    String::from_utf8(rest[..version].to_vec()).ok()
}

/// The comment on the line after the first LF when all its bytes are 128 or more, as lopdf
/// keeps it.
fn binary_mark(buf: &[u8]) -> Option<Vec<u8>> {
    let line = buf.iter().position(|&c| c == b'\n')?;
    let rest = buf[line + 1..].strip_prefix(b"%")?;
    let len = rest.iter().position(|&c| c == b'\r' || c == b'\n')?;
    let mark = &rest[..len];
    mark.iter().all(|&c| c >= 128).then(|| mark.to_vec())
}

/// `\r\n`, `\n` or `\r` at `pos`: the offset after it.
fn eol(buf: &[u8], pos: usize) -> Option<usize> {
    match (buf.get(pos), buf.get(pos + 1)) {
        (Some(b'\r'), Some(b'\n')) => Some(pos + 2),
        (Some(b'\r' | b'\n'), _) => Some(pos + 1),
        _ => None,
    }
}

fn tag(buf: &[u8], pos: usize, word: &[u8]) -> Option<usize> {
    buf.get(pos..)?.starts_with(word).then_some(pos + word.len())
}

/// A run of ASCII digits at `pos` and its value; `None` for no digit or a value past `u64`.
fn digits(buf: &[u8], pos: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    let mut end = pos;
    while let Some(&c) = buf.get(end).filter(|c| c.is_ascii_digit()) {
        value = value.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        end += 1;
    }
    (end > pos).then_some((value, end))
}

/// The offset `startxref` gives, found as lopdf finds it: `%%EOF` in the last 1024 bytes before
/// trailing white space, `startxref` at most 25 bytes before it.
fn xref_start(buf: &[u8]) -> Option<usize> {
    let end = buf.iter().rposition(|&c| !is_white(c)).map_or(0, |p| p + 1);
    let seek = end - end.min(1024);
    let eof = seek + buf[seek..end].windows(5).rposition(|w| w == b"%%EOF")?;
    if eof <= 25 {
        return None;
    }
    let at = eof - 25 + buf[eof - 25..eof].windows(9).rposition(|w| w == b"startxref")?;
    let mut pos = at + 9;
    if buf.get(pos) == Some(&b' ') {
        pos += 1;
    }
    pos = eol(buf, pos)?;
    while buf.get(pos) == Some(&b' ') {
        pos += 1;
    }
    if buf.get(pos) == Some(&b'+') {
        pos += 1;
    }
    // A negative offset lies past the end once cast, which lopdf rejects.
    let (value, mut pos) = digits(buf, pos)?;
    while buf.get(pos) == Some(&b' ') {
        pos += 1;
    }
    tag(buf, eol(buf, pos)?, b"%%EOF")?;
    let value = usize::try_from(i64::try_from(value).ok()?).ok()?;
    (value <= buf.len()).then_some(value)
}

/// The table at `start` (`xref` exactly there: lopdf corrects or rebuilds otherwise), the
/// `/Prev` chain merged into it (newer entries win), and the newest trailer without `/Prev`;
/// with the number of sections. Bounded: at most `2 * max_objects` entries and
/// [`MAX_SECTIONS`] sections in all, and sections may not overlap.
fn xref_chain(buf: &[u8], start: usize, max_objects: u64) -> Option<(Xref, Dictionary, usize)> {
    let mut entries_left = usize::try_from(max_objects.saturating_mul(2)).unwrap_or(usize::MAX);
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut read = |at: usize| -> Option<(Xref, Dictionary)> {
        let (xref, mut trailer, end) = section(buf, at, &mut entries_left)?;
        if spans.len() >= MAX_SECTIONS || spans.iter().any(|&(s, e)| at < e && s < end) {
            return None;
        }
        spans.push((at, end));
        // A hybrid file's cross-reference stream.
        if trailer.remove(b"XRefStm").is_some() {
            return None;
        }
        Some((xref, trailer))
    };
    let (mut xref, mut trailer) = read(start)?;
    let mut sections = 1;
    let mut seen = vec![start];
    let mut prev = trailer.remove(b"Prev");
    // lopdf ends the chain at a `/Prev` that is no integer or was seen before.
    while let Some(at) = prev.and_then(|o| o.as_i64().ok()) {
        let at = usize::try_from(at).ok().filter(|&at| at <= buf.len())?;
        if seen.contains(&at) {
            break;
        }
        seen.push(at);
        let (older, mut older_trailer) = read(at)?;
        sections += 1;
        xref.merge(older);
        prev = older_trailer.remove(b"Prev");
    }
    xref.size = xref.max_id().checked_add(1)?;
    if trailer.has(b"Encrypt") {
        return None;
    }
    Some((xref, trailer, sections))
}

/// One cross-reference section at `pos` in lopdf's grammar (`xref`, subsections of entries
/// ending in `SP CR`, `SP LF`, `CR LF`, `LF` or `CR`, `trailer` and a dictionary with an integer
/// `/Size`): its entries, its trailer and where it ends.
fn section(buf: &[u8], pos: usize, entries_left: &mut usize) -> Option<(Xref, Dictionary, usize)> {
    let mut p = tag(buf, pos, b"xref")?;
    if buf.get(p) == Some(&b' ') {
        p += 1;
    }
    p = eol(buf, p)?;
    let mut xref = Xref::new(0, XrefType::CrossReferenceTable);
    // Entries in the order read; the map is built at once when their numbers rise, as they do
    // in a table written in one go (inserting them one by one into the map cost more).
    let mut read: Vec<(u32, XrefEntry)> = Vec::new();
    let mut rising = true;
    let mut subsections = 0;
    while let Some((first, q)) = subsection_header(buf, p) {
        subsections += 1;
        p = q;
        let mut index = 0usize;
        while let Some((offset, generation, in_use, q)) = entry(buf, p) {
            p = q;
            *entries_left = entries_left.checked_sub(1)?;
            let id = first.checked_add(index).and_then(|id| u32::try_from(id).ok());
            index += 1;
            let entry = if !in_use {
                XrefEntry::Free
            } else if let Ok(generation) = u16::try_from(generation) {
                XrefEntry::Normal { offset, generation }
            } else {
                continue;
            };
            // lopdf skips an entry whose number is past u32; within a section the last wins.
            if let Some(id) = id {
                rising &= read.last().is_none_or(|&(last, _)| last < id);
                read.push((id, entry));
            }
        }
    }
    if subsections == 0 {
        return None;
    }
    if rising {
        xref.entries = read.into_iter().collect();
    } else {
        for (id, entry) in read {
            xref.insert(id, entry);
        }
    }
    p = tag(buf, skip_space_at(buf, p), b"trailer")?;
    let (Object::Dictionary(trailer), end) = object_at(buf, p)? else {
        return None;
    };
    xref.size = trailer.get(b"Size").and_then(Object::as_i64).ok()? as u32;
    Some((xref, trailer, end))
}

/// `first count` (count ignored, as lopdf does), an optional space, an end of line.
fn subsection_header(buf: &[u8], pos: usize) -> Option<(usize, usize)> {
    let (first, p) = digits(buf, pos)?;
    let p = tag(buf, p, b" ")?;
    let (count, mut p) = digits(buf, p)?;
    u32::try_from(count).ok()?;
    if buf.get(p) == Some(&b' ') {
        p += 1;
    }
    Some((usize::try_from(first).ok()?, eol(buf, p)?))
}

/// `offset generation n|f` and its end: offset and generation as u32, and whether in use.
fn entry(buf: &[u8], pos: usize) -> Option<(u32, u32, bool, usize)> {
    // The usual 10 and 5 digits, read as `digits` reads them but without its overflow checks,
    // which 10 digits cannot need.
    let fixed = |from: usize, len: usize| -> Option<u64> {
        let field = buf.get(from..from + len)?;
        let ok = field.iter().all(u8::is_ascii_digit) && buf.get(from + len) == Some(&b' ');
        ok.then(|| field.iter().fold(0, |v, &c| v * 10 + u64::from(c - b'0')))
    };
    let (offset, generation, p) = match (fixed(pos, 10), fixed(pos + 11, 5)) {
        (Some(offset), Some(generation)) => (offset, generation, pos + 17),
        _ => {
            let (offset, p) = digits(buf, pos)?;
            let p = tag(buf, p, b" ")?;
            let (generation, p) = digits(buf, p)?;
            (offset, generation, tag(buf, p, b" ")?)
        }
    };
    let in_use = match buf.get(p) {
        Some(b'n') => true,
        Some(b'f') => false,
        _ => return None,
    };
    let p = p + 1;
    let end = match (buf.get(p), buf.get(p + 1)) {
        (Some(b' '), Some(b'\r' | b'\n')) => p + 2,
        (Some(b'\r'), Some(b'\n')) => p + 2,
        (Some(b'\r' | b'\n'), _) => p + 1,
        _ => return None,
    };
    Some((
        u32::try_from(offset).ok()?,
        u32::try_from(generation).ok()?,
        in_use,
        end,
    ))
}

/// `N G obj` at `pos` after white space and comments, as lopdf's indirect-object parser reads
/// it: the id and the offset after `obj`.
fn object_header(buf: &[u8], pos: usize) -> Option<(ObjectId, usize)> {
    let (number, p) = digits(buf, skip_space_at(buf, pos))?;
    let (generation, p) = digits(buf, skip_space_at(buf, p))?;
    let p = tag(buf, skip_space_at(buf, p), b"obj")?;
    Some(((u32::try_from(number).ok()?, u16::try_from(generation).ok()?), p))
}

/// Where a stream's data starts if `stream` and an end of line follow a dictionary ending at
/// `pos` (lopdf: white space and comments, `stream`, spaces or tabs, an end of line).
fn stream_start(buf: &[u8], pos: usize) -> Option<usize> {
    let mut p = tag(buf, skip_space_at(buf, pos), b"stream")?;
    while matches!(buf.get(p), Some(b' ' | b'\t')) {
        p += 1;
    }
    eol(buf, p)
}

/// An in-use entry of the table.
struct Entry {
    id: ObjectId,
    /// Where the table says it is.
    offset: usize,
    /// Where its `N G obj` header starts.
    header: usize,
    /// Just past `obj`.
    body: usize,
}

struct Loader<'a> {
    buf: &'a [u8],
    table: &'a BTreeMap<u32, XrefEntry>,
    /// In-use entries by object number.
    entries: Vec<Entry>,
    /// Their offsets, sorted: an object must end before the next one starts, as in lopdf's
    /// bound for stream recovery.
    offsets: Vec<usize>,
    xref_start: usize,
    /// Entries already queued to be read, by index in `entries`.
    queued: Vec<bool>,
    pending: Vec<usize>,
    /// Indirect `/Length` values read, by index in `entries`.
    lengths: Vec<Option<i64>>,
}

impl<'a> Loader<'a> {
    /// Checks the entries: no more in use than `max_objects` (lopdf's count of objects is at
    /// most theirs, here where no object stream adds any), and each pointing at its own header,
    /// so that lopdf, which files an object under the id its header gives, files each where
    /// the table says.
    fn new(buf: &'a [u8], xref: &'a Xref, xref_start: usize, max_objects: u64) -> Option<Self> {
        let in_use = xref.entries.values().filter(|e| e.is_normal()).count();
        if in_use as u64 > max_objects {
            return None;
        }
        let mut entries = Vec::with_capacity(in_use);
        for (&number, entry) in &xref.entries {
            if let XrefEntry::Normal { offset, generation } = *entry {
                let offset = offset as usize;
                let header = skip_space_at(buf, offset);
                let (id, body) = object_header(buf, header)?;
                if id != (number, generation) {
                    return None;
                }
                entries.push(Entry {
                    id,
                    offset,
                    header,
                    body,
                });
            }
        }
        let mut offsets: Vec<usize> = entries.iter().map(|e| e.offset).collect();
        offsets.sort_unstable();
        Some(Loader {
            buf,
            table: &xref.entries,
            queued: vec![false; entries.len()],
            entries,
            offsets,
            xref_start,
            pending: Vec::new(),
            lengths: Vec::new(),
        })
    }

    /// Every object reachable from the trailer, or `None`.
    fn load(&mut self, trailer: &Dictionary) -> Option<BTreeMap<ObjectId, Object>> {
        self.queue_dict_refs(trailer)?;
        let mut objects = BTreeMap::new();
        while let Some(index) = self.pending.pop() {
            let object = self.read(index)?;
            self.queue_refs(&object)?;
            objects.insert(self.entries[index].id, object);
        }
        Some(objects)
    }

    /// The index of the entry of `id`; `Ok(None)` for a free one, which lopdf leaves
    /// unresolved too; `Err` for an id the table lacks or holds with another generation
    /// (lopdf could take it from an object stream).
    fn find(&self, id: ObjectId) -> Result<Option<usize>, ()> {
        match self.entries.binary_search_by_key(&id.0, |e| e.id.0) {
            Ok(i) if self.entries[i].id.1 == id.1 => Ok(Some(i)),
            Ok(_) => Err(()),
            Err(_) => match self.table.get(&id.0) {
                Some(XrefEntry::Free | XrefEntry::UnusableFree) => Ok(None),
                _ => Err(()),
            },
        }
    }

    /// Queues the objects `object` refers to, except under skipped keys. Recursion is bounded
    /// by the lexer's nesting cap.
    fn queue_refs(&mut self, object: &Object) -> Option<()> {
        match object {
            Object::Reference(id) => {
                if let Some(i) = self.find(*id).ok()? {
                    if !self.queued[i] {
                        self.queued[i] = true;
                        self.pending.push(i);
                    }
                }
            }
            Object::Array(items) => {
                for item in items {
                    self.queue_refs(item)?;
                }
            }
            Object::Dictionary(dict) => self.queue_dict_refs(dict)?,
            Object::Stream(stream) => self.queue_dict_refs(&stream.dict)?,
            _ => {}
        }
        Some(())
    }

    fn queue_dict_refs(&mut self, dict: &Dictionary) -> Option<()> {
        for (key, value) in dict.iter() {
            // The kind first: most values are names and numbers.
            if matches!(value, Object::Reference(_) | Object::Array(_) | Object::Dictionary(_)) && !skipped(key) {
                self.queue_refs(value)?;
            }
        }
        Some(())
    }

    /// Where lopdf bounds the object at `offset`: the next entry's offset or the table,
    /// whichever comes first after it.
    fn bound(&self, offset: usize) -> usize {
        let next = self.offsets.partition_point(|&o| o <= offset);
        let mut end = self.offsets.get(next).copied().unwrap_or(self.buf.len());
        if self.xref_start > offset {
            end = end.min(self.xref_start);
        }
        end.min(self.buf.len())
    }

    /// The object of entry `index`, with a stream's data, or `None`.
    fn read(&mut self, index: usize) -> Option<Object> {
        let entry = &self.entries[index];
        let (offset, body) = (entry.offset, entry.body);
        let bound = self.bound(offset);
        let (object, end) = object_at(self.buf, body)?;
        let (object, end) = match object {
            Object::Dictionary(dict) => match stream_start(self.buf, end) {
                Some(data) => {
                    let (start, end) = self.stream_end(&dict, data)?;
                    (Object::Stream(Stream::new(dict, self.buf[data..start].to_vec())), end)
                }
                None => (Object::Dictionary(dict), end),
            },
            other => (other, end),
        };
        (end <= bound).then_some(object)
    }

    /// A stream's data end and the object's end: `/Length` bytes from `data`, an optional end
    /// of line, `endstream`. lopdf recovers from a wrong length or takes a real one later; both
    /// are `None` here.
    fn stream_end(&mut self, dict: &Dictionary, data: usize) -> Option<(usize, usize)> {
        let length = match dict.get(b"Length").ok()? {
            Object::Integer(n) => *n,
            Object::Reference(id) => self.length(*id)?,
            _ => return None,
        };
        let end = data.checked_add(usize::try_from(length).ok()?)?;
        if end > self.buf.len() {
            return None;
        }
        let after = eol(self.buf, end).unwrap_or(end);
        Some((end, tag(self.buf, after, b"endstream")?))
    }

    /// An indirect `/Length`: an integer object, read once.
    fn length(&mut self, id: ObjectId) -> Option<i64> {
        let index = self.find(id).ok()??;
        if let Some(Some(n)) = self.lengths.get(index) {
            return Some(*n);
        }
        let entry = &self.entries[index];
        let (Object::Integer(n), end) = object_at(self.buf, entry.body)? else {
            return None;
        };
        if end > self.bound(entry.offset) {
            return None;
        }
        if self.lengths.is_empty() {
            self.lengths = vec![None; self.entries.len()];
        }
        self.lengths[index] = Some(n);
        Some(n)
    }
}

/// lopdf's `Document::linearization`: the first object (the first `N G obj` in the first 1024
/// bytes, read where it stands) when it is a linearization dictionary. `loaded` gives the object
/// whose header is at an offset when it was loaded already. `Err` where this loader cannot read
/// that object as lopdf would.
fn linearization<'o>(
    buf: &[u8],
    loaded: impl Fn(usize) -> Option<(ObjectId, &'o Object)>,
) -> Result<Option<Linearization>, ()> {
    let window = &buf[..buf.len().min(1024)];
    let start = (1..window.len()).find(|&p| {
        window[p].is_ascii_digit() && matches!(window[p - 1], b' ' | b'\t' | b'\r' | b'\n') && header_line(&buf[p..])
    });
    let Some(start) = start else { return Ok(None) };
    if let Some((id, object)) = loaded(start) {
        return Ok(object
            .as_dict()
            .ok()
            .and_then(|d| Linearization::from_dictionary(id, d)));
    }
    let (id, body) = object_header(buf, start).ok_or(())?;
    match object_at(buf, body).ok_or(())? {
        // A stream (or a stream lopdf fails to read) is no linearization dictionary.
        (Object::Dictionary(dict), end) if stream_start(buf, end).is_none() => {
            Ok(Linearization::from_dictionary(id, &dict))
        }
        _ => Ok(None),
    }
}

/// lopdf's test for an object header when it looks for the first object: up to 10 and 5 digits
/// (a u32 and a u16) separated by blanks, `obj` not followed by a letter or digit.
fn header_line(input: &[u8]) -> bool {
    fn number(input: &[u8], cap: usize) -> Option<(&[u8], &[u8])> {
        let n = input.iter().take_while(|c| c.is_ascii_digit()).count();
        (n > 0 && n <= cap).then(|| input.split_at(n))
    }
    fn blanks(input: &[u8]) -> Option<&[u8]> {
        let n = input
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        (n > 0).then(|| &input[n..])
    }
    let parsed = (|| {
        let (id, rest) = number(input, 10)?;
        std::str::from_utf8(id).ok()?.parse::<u32>().ok()?;
        let (generation, rest) = number(blanks(rest)?, 5)?;
        std::str::from_utf8(generation).ok()?.parse::<u16>().ok()?;
        let tail = blanks(rest)?.strip_prefix(b"obj")?;
        tail.first().is_none_or(|c| !c.is_ascii_alphanumeric()).then_some(())
    })();
    parsed.is_some()
}

/// Whether lopdf's page-tree walk (`get_pages`) gives the same pages here: the catalog leads to
/// a page tree (lopdf rebuilds the table otherwise), and the walk visits no more kids than this
/// document has objects, the walk's cap, so that it ends as it does with lopdf's larger map.
fn page_tree_walks_alike(doc: &Document) -> bool {
    const DEPTH: usize = 256;
    let kids_of = |id: ObjectId| -> Option<&[Object]> {
        doc.get_dictionary(id)
            .and_then(|d| d.get_deref(b"Kids", doc))
            .and_then(Object::as_array)
            .map(Vec::as_slice)
            .ok()
    };
    let Some(root) = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .ok()
    else {
        return false;
    };
    let mut kids = match kids_of(root) {
        Some(k) => k,
        None => return false,
    };
    let mut stack: Vec<&[Object]> = Vec::new();
    let mut left = doc.objects.len();
    loop {
        while let Some((kid, rest)) = kids.split_first() {
            if left == 0 {
                return false;
            }
            left -= 1;
            kids = rest;
            let Ok(id) = kid.as_reference() else { continue };
            if let Ok(b"Pages") = doc.get_dictionary(id).and_then(Dictionary::get_type) {
                if stack.len() < DEPTH {
                    if !kids.is_empty() {
                        stack.push(kids);
                    }
                    kids = kids_of(id).unwrap_or(&[]);
                }
            }
        }
        match stack.pop() {
            Some(k) => kids = k,
            None => return true,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    thread_local! {
        /// Makes [`load`] give up, so that a test can compare with lopdf's loading.
        pub(crate) static LOPDF_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, IncrementalDocument, SaveOptions, StringFormat};

    use crate::{ExtractError, Limits};

    use super::super::loader_check::{assemble, lopdf_load, same_as_lopdf, split_bodies};

    /// Panics unless `ours` is the document lopdf loads from `bytes`.
    fn assert_same_as_lopdf(ours: &Document, bytes: &[u8], name: &str) {
        if let Err(e) = same_as_lopdf(ours, bytes) {
            panic!("{name}: {e}");
        }
    }

    /// The extraction of `bytes` through the fast path and through lopdf's loader alone.
    fn extract_both(bytes: &[u8], limits: &Limits) -> (String, String) {
        let fast = format!("{:?}", crate::extract(bytes, limits));
        LOPDF_ONLY.with(|off| off.set(true));
        let lopdf = format!("{:?}", crate::extract(bytes, limits));
        LOPDF_ONLY.with(|off| off.set(false));
        (fast, lopdf)
    }

    /// Loads `bytes` by the fast path where it takes it, and checks that the document is then
    /// lopdf's and that extraction is the same either way.
    fn load_as_lopdf_does(bytes: &[u8], limits: &Limits, name: &str) -> Option<Document> {
        let doc = load(bytes, limits.max_objects);
        if let Some(doc) = &doc {
            assert_same_as_lopdf(doc, bytes, name);
        }
        let (fast, lopdf) = extract_both(bytes, limits);
        assert_eq!(fast, lopdf, "{name}");
        doc
    }

    /// Loads with the fast path (which must take it) and checks it against lopdf.
    fn fast(bytes: &[u8], name: &str) -> Document {
        load_as_lopdf_does(bytes, &Limits::default(), name).unwrap_or_else(|| panic!("{name}: no fast path"))
    }

    /// Checks that the fast path gives up on `bytes` and that extraction is what it was.
    fn falls_back(bytes: &[u8], name: &str) -> String {
        assert!(load(bytes, 100_000).is_none(), "{name}: took the fast path");
        let (fast, lopdf) = extract_both(bytes, &Limits::default());
        assert_eq!(fast, lopdf, "{name}");
        fast
    }

    fn content(lines: &[&str]) -> Vec<u8> {
        let mut ops = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
            ops.push(Operation::new("Td", vec![72.into(), (720 - 16 * i as i64).into()]));
            ops.push(Operation::new("Tj", vec![Object::string_literal(line.as_bytes())]));
            ops.push(Operation::new("ET", vec![]));
        }
        Content { operations: ops }.encode().unwrap()
    }

    /// A two-page résumé written by lopdf with a cross-reference table, with what the loader
    /// follows (fonts with widths, descriptor and ToUnicode, resources, a link annotation, Info)
    /// and what it skips (a font file, an outline, a structure tree, XMP metadata). Content
    /// streams carry an indirect `/Length`, as LibreOffice writes them.
    fn sample() -> (Document, Vec<u8>) {
        let mut doc = Document::with_version("1.7");
        doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        let pages_id = doc.new_object_id();
        let font_file = doc.add_object(Stream::new(dictionary! { "Length1" => 4 }, b"\0\x01\0\0".to_vec()));
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor", "FontName" => "ABCDEF+Sans", "Flags" => 32, "FontWeight" => 700,
            "FontBBox" => vec![(-100).into(), (-200).into(), 1000.into(), 900.into()], "FontFile2" => font_file,
        });
        let to_unicode = doc.add_object(Stream::new(
            dictionary! {},
            b"/CIDInit /ProcSet findresource begin\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
              1 beginbfchar\n<41> <0041>\nendbfchar\nendcmap\n"
                .to_vec(),
        ));
        let widths = doc.add_object(Object::Array((0..95).map(|i| Object::Integer(500 + i)).collect()));
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+Sans", "FirstChar" => 32,
            "LastChar" => 126, "Widths" => widths, "FontDescriptor" => descriptor, "ToUnicode" => to_unicode,
            "Encoding" => "WinAnsiEncoding",
        });
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
        let metadata = doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            b"<x/>".to_vec(),
        ));
        let mut kids = Vec::new();
        for (n, lines) in [
            ["Jordan Lee", "Machine Learning Engineer", "jordan@example.com"],
            ["EXPERIENCE", "Built a feature store (2021 - 2024)", "Python, Rust, SQL"],
        ]
        .iter()
        .enumerate()
        {
            let data = content(lines);
            let length = doc.add_object(Object::Integer(data.len() as i64));
            let mut stream = Stream::new(dictionary! {}, data);
            stream.dict.set("Length", Object::Reference(length));
            let contents = doc.add_object(stream);
            let link = doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Link",
                "Rect" => vec![72.into(), 684.into(), 200.into(), 700.into()],
                "A" => dictionary! { "S" => "URI", "URI" => Object::string_literal(format!("https://example.com/{n}")) },
            });
            let page = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => contents, "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()], "Annots" => vec![link.into()],
                "StructParents" => n as i64,
            });
            kids.push(Object::Reference(page));
        }
        let first_page = kids[0].clone();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2 }),
        );
        let outline_item = doc.new_object_id();
        let outlines = doc.add_object(
            dictionary! { "Type" => "Outlines", "First" => outline_item, "Last" => outline_item, "Count" => 1 },
        );
        doc.objects.insert(
            outline_item,
            Object::Dictionary(dictionary! {
                "Title" => Object::String(b"Experience".to_vec(), StringFormat::Hexadecimal), "Parent" => outlines,
                "Dest" => vec![first_page, "XYZ".into(), Object::Null, Object::Null, 0.into()],
            }),
        );
        let element = doc.add_object(dictionary! { "Type" => "StructElem", "S" => "P", "K" => 0 });
        let tree = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => vec![element.into()] });
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => pages_id, "Outlines" => outlines, "StructTreeRoot" => tree,
            "Metadata" => metadata, "Lang" => Object::string_literal("en-US"),
        });
        doc.trailer.set("Root", catalog);
        let info = doc.add_object(dictionary! {
            "Producer" => Object::string_literal("LibreOffice 24.2"), "Title" => Object::string_literal("CV"),
        });
        doc.trailer.set("Info", info);
        let bytes = save(&mut doc);
        (doc, bytes)
    }

    fn save(doc: &mut Document) -> Vec<u8> {
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    /// `bytes` with an incremental update that gives page 1 new content and a new title.
    fn updated(bytes: &[u8]) -> Vec<u8> {
        let prev = lopdf_load(bytes).unwrap();
        let page = prev.get_pages()[&1];
        let info = prev.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let mut inc = IncrementalDocument::create_from(bytes.to_vec(), prev);
        let data = content(&["Jordan Lee", "Staff Machine Learning Engineer"]);
        let length = inc.new_document.add_object(Object::Integer(data.len() as i64));
        let mut stream = Stream::new(dictionary! {}, data);
        stream.dict.set("Length", Object::Reference(length));
        let contents = inc.new_document.add_object(stream);
        inc.opt_clone_object_to_new_document(page).unwrap();
        inc.new_document
            .get_dictionary_mut(page)
            .unwrap()
            .set("Contents", contents);
        inc.opt_clone_object_to_new_document(info).unwrap();
        inc.new_document
            .get_dictionary_mut(info)
            .unwrap()
            .set("Title", Object::string_literal("CV, updated"));
        let mut out = Vec::new();
        inc.save_to(&mut out).unwrap();
        out
    }

    /// Where the last cross-reference section starts.
    fn last_xref(bytes: &[u8]) -> usize {
        xref_start(bytes).unwrap()
    }

    /// `bytes` with an update section (no new object) whose entries `entries` (`id`, line)
    /// override older ones, written by hand: lopdf's writer never writes a free entry there.
    fn with_section(bytes: &[u8], entries: &[(u32, &str)], prev_start: Option<usize>) -> Vec<u8> {
        let prev = lopdf_load(bytes).unwrap();
        let mut out = bytes.to_vec();
        let start = out.len();
        let prev_start = prev_start.unwrap_or_else(|| last_xref(bytes));
        out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
        for (id, line) in entries {
            out.extend_from_slice(format!("{id} 1\n{line}\n").as_bytes());
        }
        let root = prev.trailer.get(b"Root").unwrap().as_reference().unwrap();
        let info = prev.trailer.get(b"Info").unwrap().as_reference().unwrap();
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {}/Root {} 0 R/Info {} 0 R/Prev {prev_start}>>\nstartxref\n{start}\n%%EOF\n",
                prev.max_id + 1,
                root.0,
                info.0,
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn reads_a_table_file_as_lopdf_does_without_what_the_extractor_skips() {
        let (doc, bytes) = sample();
        let ours = fast(&bytes, "sample");
        // Pages, page tree, resources, fonts, descriptor, ToUnicode, widths, contents, links,
        // catalog and Info are read; the font file, outline, structure tree, metadata and the
        // length objects (which only a stream's /Length names) are not.
        assert_eq!(doc.objects.len(), 22);
        assert_eq!(ours.objects.len(), 14, "{:?}", ours.objects.keys());
        let text = crate::extract(&bytes, &Limits::default()).unwrap();
        assert!(text.text.contains("Machine Learning Engineer"), "{}", text.text);
        assert_eq!(text.metadata.title.as_deref(), Some("CV"));
        assert_eq!(text.signals.links.len(), 2);
    }

    #[test]
    fn follows_prev_to_older_sections_and_newer_entries_win() {
        let (_, bytes) = sample();
        let one = updated(&bytes);
        let two = updated(&one);
        for (name, data) in [("one update", &one), ("two updates", &two)] {
            let doc = fast(data, name);
            assert_eq!(doc.xref_section_count, if name == "one update" { 2 } else { 3 });
            let text = crate::extract(data, &Limits::default()).unwrap();
            assert!(text.text.contains("Staff Machine Learning Engineer"), "{}", text.text);
            assert_eq!(text.metadata.title.as_deref(), Some("CV, updated"));
        }
    }

    #[test]
    fn a_free_entry_in_an_update_deletes_the_object() {
        let (_, bytes) = sample();
        let info = lopdf_load(&bytes)
            .unwrap()
            .trailer
            .get(b"Info")
            .unwrap()
            .as_reference()
            .unwrap();
        let data = with_section(&bytes, &[(info.0, "0000000000 00001 f ")], None);
        let doc = fast(&data, "free Info");
        assert!(!doc.objects.contains_key(&info));
        assert_eq!(crate::extract(&data, &Limits::default()).unwrap().metadata.title, None);
    }

    #[test]
    fn a_prev_cycle_ends_the_chain_as_in_lopdf() {
        let (_, bytes) = sample();
        // An update whose /Prev names the first section, whose /Prev names the update.
        let update_at = bytes.len() + "/Prev 00000".len();
        let first = replace(&bytes, "trailer\n<<", &format!("trailer\n<</Prev {update_at:05}"));
        assert_eq!(first.len(), update_at);
        let cyclic = with_section(&first, &[], None);
        let doc = fast(&cyclic, "prev cycle");
        assert_eq!(doc.xref_section_count, 2);
        // A section whose /Prev names itself.
        let own = format!("/Prev {:05}", last_xref(&bytes));
        fast(
            &replace(&bytes, "trailer\n<<", &format!("trailer\n<<{own}")),
            "prev self",
        );
        // The same in an update, which then hides the older section and its objects, so that
        // lopdf rebuilds the table.
        falls_back(&with_section(&bytes, &[], Some(bytes.len())), "update, prev self");
    }

    #[test]
    fn object_streams_xref_streams_and_hybrid_files_fall_back() {
        let (mut doc, bytes) = sample();
        let mut modern = Vec::new();
        doc.clone().save_modern(&mut modern).unwrap();
        falls_back(&modern, "object streams and a cross-reference stream");
        let mut streams_only = Vec::new();
        let options = SaveOptions {
            use_xref_streams: true,
            use_object_streams: false,
            ..SaveOptions::default()
        };
        doc.clone().save_with_options(&mut streams_only, options).unwrap();
        falls_back(&streams_only, "cross-reference stream");
        let mut objstm_in_table = Vec::new();
        let options = SaveOptions {
            use_xref_streams: false,
            use_object_streams: true,
            ..SaveOptions::default()
        };
        doc.save_with_options(&mut objstm_in_table, options).unwrap();
        falls_back(&objstm_in_table, "object streams, table");
        falls_back(&replace(&bytes, "trailer\n<<", "trailer\n<</XRefStm 9"), "hybrid");
    }

    #[test]
    fn encrypted_files_fall_back() {
        let (_, bytes) = sample();
        for password in ["", "user-secret"] {
            let mut doc = lopdf_load(&bytes).unwrap();
            let id = Object::string_literal(b"ats-check-test".to_vec());
            doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
            let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
                document: &doc,
                owner_password: "owner-secret",
                user_password: password,
                key_length: 128,
                permissions: lopdf::Permissions::all(),
            })
            .unwrap();
            doc.encrypt(&state).unwrap();
            let data = save(&mut doc);
            let result = falls_back(&data, "encrypted");
            if !password.is_empty() {
                assert_eq!(result, format!("{:?}", Err::<(), _>(ExtractError::EncryptedPdf)));
            }
        }
    }

    /// `bytes` with the first `from` replaced by `to`.
    fn replace(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
        let at = find(bytes, from, 0);
        [&bytes[..at], to.as_bytes(), &bytes[at + from.len()..]].concat()
    }

    fn find(bytes: &[u8], what: &str, from: usize) -> usize {
        from + bytes[from..]
            .windows(what.len())
            .position(|w| w == what.as_bytes())
            .unwrap_or_else(|| panic!("no {what:?}"))
    }

    /// Each edit keeps the file's length, so that only the damage named sends the file to lopdf.
    #[test]
    fn damaged_tables_offsets_lengths_and_truncations_fall_back() {
        let (_, bytes) = sample();
        fast(&bytes, "undamaged");
        let start = last_xref(&bytes);
        // An entry one byte off its object: `12 0 obj` read as `2 0 obj`.
        let entry = find(&bytes, "0000001452 00000 n", start);
        falls_back(
            &replace(&bytes, "0000001452 00000 n", "0000001453 00000 n"),
            "entry off by one",
        );
        assert!(entry > start);
        // An entry at the wrong object, and one at white space before its object (lopdf reads
        // both).
        falls_back(
            &replace(&bytes, "0000001452 00000 n", "0000001581 00000 n"),
            "entry at another object",
        );
        fast(
            &replace(&bytes, "0000001452 00000 n", "0000001451 00000 n"),
            "entry before its object",
        );
        // startxref one byte off (lopdf corrects it).
        let at = find(&bytes, "startxref\n", start) + 10;
        let mut wrong = bytes.clone();
        wrong[at..at + 4].copy_from_slice(format!("{}", start + 1).as_bytes());
        falls_back(&wrong, "startxref off by one");
        // A direct /Length one short (lopdf recovers the data), in a stream the extractor reads
        // and in one it skips (the font file), which does not matter.
        falls_back(&replace(&bytes, "/Length 131>>", "/Length 130>>"), "wrong length");
        fast(
            &replace(&bytes, "/Length1 4/Length 4>>", "/Length1 4/Length 3>>"),
            "wrong length, skipped",
        );
        // Indirect lengths that name a free object and a number that is no integer.
        falls_back(
            &replace(&bytes, "/Length 9 0 R", "/Length 0 0 R"),
            "length names a free entry",
        );
        falls_back(
            &replace(&bytes, "/Length 9 0 R", "/Length 5 0 R"),
            "length names an array",
        );
        // A reference to a generation the table does not hold (lopdf could find the object in
        // an object stream).
        falls_back(
            &replace(&bytes, "/Resources 7 0 R", "/Resources 7 1 R"),
            "dangling reference",
        );
        // The catalog without its page tree (lopdf rebuilds the table to look for one).
        falls_back(&replace(&bytes, "/Pages 1 0 R", "/Pages 1 0 Q"), "no page tree");
        for cut in [bytes.len() / 2, bytes.len() * 9 / 10, bytes.len() - 8] {
            falls_back(&bytes[..cut], "truncated");
        }
    }

    /// Forms lopdf reads as they stand, edited in place so that offsets hold.
    #[test]
    fn unusual_but_valid_layouts_take_the_fast_path() {
        let (_, bytes) = sample();
        // Bytes before the header: lopdf counts offsets from `%PDF-`.
        fast(&[b"garbage\n".as_slice(), &bytes].concat(), "bytes before the header");
        // Header and binary mark on CR-ended lines.
        let mut mac = bytes.clone();
        mac[8] = b'\r';
        fast(&mac, "CR after the header");
        // Entries ending in CR LF instead of SP LF, and a comment before the trailer.
        let start = last_xref(&bytes);
        let mut crlf = bytes[..start].to_vec();
        crlf.extend(
            String::from_utf8_lossy(&bytes[start..])
                .replace(" n \n", " n\r\n")
                .bytes(),
        );
        fast(&crlf, "CR LF entries");
        fast(
            &replace(&bytes, "trailer\n<<", "trailer%c\n<<"),
            "comment after trailer",
        );
        // A stream keyword followed by spaces before its end of line, and no end of line
        // before `endstream`.
        let spaced = replace(&bytes, "<</Length 131>>stream\n", "<</Length 131>>stream \n");
        let doc = fast(
            &replace(&spaced, "endcmap\n\nendstream", "endcmap\nendstream"),
            "stream spacing",
        );
        assert!(doc
            .objects
            .values()
            .any(|o| o.as_stream().is_ok_and(|s| s.content.len() == 131)));
    }

    #[test]
    fn more_entries_than_max_objects_fall_back_to_lopdfs_refusal() {
        let (_, bytes) = sample();
        assert!(load(&bytes, 21).is_none());
        assert!(load(&bytes, 22).is_some());
        let limits = Limits {
            max_objects: 21,
            ..Limits::default()
        };
        let (fast, lopdf) = extract_both(&bytes, &limits);
        assert_eq!(fast, lopdf);
        assert!(fast.contains("LimitExceeded"), "{fast}");
    }

    #[test]
    fn a_linearized_file_is_read_with_its_linearization_dictionary() {
        let (mut doc, _) = sample();
        let mut out = Vec::new();
        let options = SaveOptions {
            linearize: true,
            ..SaveOptions::default()
        };
        doc.save_with_options(&mut out, options).unwrap();
        if load(&out, 100_000).is_some() {
            fast(&out, "linearized");
        } else {
            falls_back(&out, "linearized");
        }
    }

    /// Truncations, byte flips and insertions of an updated sample: never a panic, and where
    /// the fast path loads, exactly lopdf's document and extraction.
    #[test]
    fn damaged_files_load_as_lopdf_does_or_fall_back() {
        let (_, bytes) = sample();
        let base = updated(&bytes);
        let alphabet = b"0123456789 \n\r<>[]()/%RobjendstreamxrefTrailer\xFF";
        let mut next = ats_testkit::xorshift(0x2545_F491_4F6C_DD1D);
        let (mut loaded, mut fell_back) = (0, 0);
        for i in 0..400 {
            let mut data = base.clone();
            for _ in 0..1 + next() % 3 {
                let at = (next() % data.len() as u64) as usize;
                let byte = alphabet[(next() % alphabet.len() as u64) as usize];
                match next() % 8 {
                    0..=2 => data[at] = byte,
                    3 => data.insert(at, byte),
                    4..=6 => data[at] ^= 1 << (next() % 8),
                    _ => data.truncate(at.max(1)),
                }
            }
            let name = format!("variant {i}");
            match load_as_lopdf_does(&data, &Limits::default(), &name) {
                Some(_) => loaded += 1,
                None => fell_back += 1,
            }
        }
        eprintln!("{loaded} damaged variants loaded as lopdf loads them, {fell_back} fell back");
        assert!(loaded > 60 && fell_back > 60, "{loaded} {fell_back}");
    }

    /// Every PDF of the shared corpus takes the fast path, loads what lopdf loads, and extracts
    /// to the same document.
    #[test]
    fn the_corpus_takes_the_fast_path_and_reads_as_with_lopdf() {
        let pdfs = ats_testkit::corpus_files("the selective loader against lopdf", "pdf");
        if pdfs.is_empty() {
            return;
        }
        let (mut slow, mut linearized) = (Vec::new(), 0);
        for path in &pdfs {
            let bytes = std::fs::read(path).unwrap();
            let name = path.display().to_string();
            match load_as_lopdf_does(&bytes, &Limits::default(), &name) {
                Some(doc) => linearized += usize::from(doc.linearization.is_some()),
                None => slow.push(name),
            }
        }
        eprintln!(
            "{} of {} corpus PDFs took the fast path ({linearized} linearized)",
            pdfs.len() - slow.len(),
            pdfs.len()
        );
        assert!(slow.is_empty(), "fell back: {slow:?}");
    }

    /// The keys whose references the loader does not follow are read nowhere in the extractor.
    /// (The lopdf calls it makes were checked by reading them: `get_pages`, `get_page_contents`,
    /// `get_page_annotations`, `get_font_encoding_with_limit`, `dereference`,
    /// `decompressed_content_with_limit` name none of them either.)
    #[test]
    fn the_extractor_reads_no_skipped_key() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("interp.rs"),
            include_str!("fonts.rs"),
            include_str!("inflate.rs"),
            include_str!("cmap.rs"),
            include_str!("layout.rs"),
            include_str!("content.rs"),
            include_str!("std_widths.rs"),
        ];
        for key in SKIPPED {
            assert!(skipped(key));
            let literal = format!("b\"{}\"", String::from_utf8_lossy(key));
            for source in sources {
                assert!(!source.contains(&literal), "{literal} is read");
            }
        }
        assert!(!skipped(b"FontDescriptor") && !skipped(b"Resources") && !skipped(b"Annots"));
    }

    /// The same checks over every file of the directory `ATS_LOAD_DIFF_DIR` (a fuzzing corpus,
    /// say): where the fast path loads, lopdf's document and extraction; never a panic. With
    /// `ATS_LOAD_DIFF_OBJECTS` set, each file is a `pdf_objects` fuzz input: object bodies
    /// separated by `\n%%\n`, assembled as that target assembles them.
    /// `ATS_LOAD_DIFF_DIR=$PWD/fuzz/corpus/pdf-small cargo test --release -p ats-parse --lib
    /// differential -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn differential_over_a_directory() {
        let Some(dir) = std::env::var_os("ATS_LOAD_DIFF_DIR") else {
            eprintln!("SKIPPED: ATS_LOAD_DIFF_DIR not set");
            return;
        };
        // The fuzz target's caps, with time enough that no run ends in a timeout.
        let limits = Limits {
            time_budget: std::time::Duration::from_secs(60),
            max_pages: 10,
            max_stream_bytes: 256 << 10,
            max_total_inflated_bytes: 1 << 20,
            max_operators: 20_000,
            ..Limits::default()
        };
        let (mut files, mut loaded) = (0, 0);
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            // A running fuzzer may have removed it.
            let Ok(mut data) = std::fs::read(entry.path()) else {
                continue;
            };
            if std::env::var_os("ATS_LOAD_DIFF_OBJECTS").is_some() {
                data = assemble(&split_bodies(&data), "/Root 1 0 R/Info 2 0 R");
            }
            let name = entry.path().display().to_string();
            files += 1;
            if load_as_lopdf_does(&data, &limits, &name).is_some() {
                loaded += 1;
            }
        }
        eprintln!("{files} files, {loaded} through the fast path, all as with lopdf");
    }

    fn stream_body(dict: &str, data: &[u8]) -> Vec<u8> {
        [
            format!("<<{dict}/Length {}>>stream\n", data.len()).as_bytes(),
            data,
            b"\nendstream",
        ]
        .concat()
    }

    /// Byte edits of one object body at a time, the table kept right, so that nearly every
    /// variant reaches the object reader and the walk: where the fast path loads, exactly
    /// lopdf's document and extraction.
    #[test]
    fn damaged_objects_in_a_correct_table_load_as_lopdf_does_or_fall_back() {
        let text = b"BT /F1 12 Tf 72 720 Td (Jordan Lee) Tj 0 -16 Td [(Machine) -250 (Learning)] TJ ET";
        let bodies: Vec<Vec<u8>> = vec![
            b"<</Type/Catalog/Pages 2 0 R/Outlines 11 0 R/Lang(en-US)>>".to_vec(),
            b"<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 612 792]>>".to_vec(),
            b"<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 5 0 R>>/ProcSet[/PDF/Text]>>/Contents 4 0 R\n\
              /Annots[9 0 R]/Group<</S/Transparency/CS/DeviceRGB>>>>"
                .to_vec(),
            [b"<</Length 10 0 R>>stream\n".as_slice(), text, b"\nendstream"].concat(),
            b"<</Type/Font/Subtype/TrueType/BaseFont/ABCDEF+Serif/FirstChar 32/LastChar 40\n\
              /Widths[250 333 408 500 500 833 778 180 333]/FontDescriptor 6 0 R/ToUnicode 7 0 R\n\
              /Encoding<</Type/Encoding/BaseEncoding/WinAnsiEncoding/Differences[32/space 33/exclam]>>>>"
                .to_vec(),
            b"<</Type/FontDescriptor/FontName/ABCDEF+Serif/Flags 6/FontBBox[-168 -218 1000 898]\n\
              /ItalicAngle -12.5/Ascent 891/Descent -216/CapHeight 662/StemV 84/FontFile2 12 0 R>>"
                .to_vec(),
            stream_body(
                "",
                b"/CIDInit/ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange\n\
                  <00><FF>endcodespacerange 1 beginbfrange\n<20><28><0020>endbfrange endcmap end end",
            ),
            b"<</Producer(LibreOffice 7.4)/Creator<FEFF005700720069007400650072>/Title(CV \\(draft\\))>>".to_vec(),
            b"<</Type/Annot/Subtype/Link/Border[0 0 0]/Rect[72 700 200 716]\n\
              /A<</Type/Action/S/URI/URI(mailto:jordan@example.com)>>>>"
                .to_vec(),
            format!("{}", text.len()).into_bytes(),
            b"<</Count 0>>".to_vec(),
            stream_body("/Length1 4", b"\0\x01\0\0"),
        ];
        let trailer = "/Root 1 0 R/Info 8 0 R/ID[<0123456789ABCDEF><0123456789ABCDEF>]";
        let base = assemble(&bodies, trailer);
        fast(&base, "assembled");
        let tokens: [&[u8]; 24] = [
            b" ",
            b"\n",
            b"0",
            b"7",
            b"-",
            b".",
            b"R",
            b"/",
            b"#",
            b"#4",
            b"<",
            b">",
            b"<<",
            b">>",
            b"[",
            b"]",
            b"(",
            b")",
            b"\\",
            b"%",
            b"stream\n",
            b"endstream",
            b"null",
            b"\xFF",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let (mut loaded, mut fell_back) = (0, 0);
        // More with ATS_LOAD_VARIANTS=N (and a seed with ATS_LOAD_SEED).
        let variants = std::env::var("ATS_LOAD_VARIANTS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3000);
        if let Some(s) = std::env::var("ATS_LOAD_SEED").ok().and_then(|n| n.parse().ok()) {
            seed = s;
        }
        let mut next = ats_testkit::xorshift(seed);
        for i in 0..variants {
            let mut bodies = bodies.clone();
            let which = (next() % 12) as usize;
            let body = &mut bodies[which];
            for _ in 0..1 + next() % 2 {
                let at = (next() % (body.len() as u64 + 1)) as usize;
                let token = tokens[(next() % tokens.len() as u64) as usize];
                match next() % 3 {
                    0 => drop(body.splice(at..(at + 1).min(body.len()), token.iter().copied())),
                    1 => drop(body.splice(at..at, token.iter().copied())),
                    _ => drop(body.splice(at..(at + 1 + (next() % 4) as usize).min(body.len()), [])),
                }
            }
            let data = assemble(&bodies, trailer);
            let name = format!("object variant {i}: {:?}", String::from_utf8_lossy(&bodies[which]));
            match load_as_lopdf_does(&data, &Limits::default(), &name) {
                Some(_) => loaded += 1,
                None => fell_back += 1,
            }
        }
        eprintln!("{loaded} object variants loaded as lopdf loads them, {fell_back} fell back");
        assert!(
            loaded > variants / 3 && fell_back > variants / 30,
            "{loaded} {fell_back}"
        );
    }
}
