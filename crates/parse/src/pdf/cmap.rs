//! ToUnicode CMaps: `bfchar` and `bfrange` entries to text.
//!
//! Hand-written because lopdf keeps its CMap type private; the format is small, and a parser
//! of our own can cap what a hostile CMap may expand to.
//!
//! Tokens are read one at a time, borrowed from the stream, with a lookahead of three: an
//! earlier version collected them first, two vectors per hex string, and spent ~470k of the
//! 8.3M instructions of `bench-000-ml_engineer.pdf` on its 5 CMaps, mostly in the allocator;
//! this reads them in ~220k (one allocation per mapping, for its text).
//!
//! The mappings are kept in definition order, their texts in one string: a `HashMap` keyed by
//! (length, code) with a `Box<str>` per mapping cost an allocation, a SipHash and a free per
//! mapping, and the fonts only walk the mappings once. Measured over the 61 files of
//! `scripts/icount.sh` (callgrind): `cmap::parse` went from 13.3M to 8.3M instructions, and
//! `Font::load` from 36.8M to 27.1M (with the encoding tables read directly, in `fonts.rs`).

/// Most mappings one CMap may define (a full two-byte range is 65,536). Counted as defined,
/// a code mapped twice counting twice.
const MAX_MAPPINGS: usize = 70_000;
/// Most bytes of text all the mappings of one CMap may hold. A real CMap needs a few bytes per
/// mapping (65,536 one-character mappings hold at most 196,608); without this, a range of
/// 65,536 codes onto one long destination string would copy that string 65,536 times.
const MAX_TEXT_BYTES: usize = 1 << 20;
/// Most UTF-16 units one code may stand for: the CMap format allows a 512-byte destination
/// (256 units), and real ones, a ligature or a cluster, hold a handful. A longer destination
/// only multiplies the text a small file shows (one code onto 60,000 characters, shown 40,000
/// times), so it is dropped and the code reads as if the CMap did not map it.
const MAX_MAPPING_UNITS: usize = 256;

/// One mapping: a code of `len` bytes, and its text as a byte range of [`CMap::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mapping {
    pub len: u8,
    pub code: u32,
    start: u32,
    end: u32,
}

/// A parsed ToUnicode CMap: its mappings in the order the CMap defines them (a later mapping of
/// a code overrides an earlier one).
#[derive(Debug, Default)]
pub(crate) struct CMap {
    text: String,
    mappings: Vec<Mapping>,
}

impl CMap {
    pub(crate) fn mappings(&self) -> &[Mapping] {
        &self.mappings
    }

    /// The text of `m`, a mapping of this CMap.
    pub(crate) fn text(&self, m: &Mapping) -> &str {
        self.text.get(m.start as usize..m.end as usize).unwrap_or("")
    }

    /// Takes the texts out, for a font that keeps them with the spans of [`CMap::text`].
    pub(crate) fn into_text(self) -> String {
        self.text
    }

    /// The byte range of `m`'s text in [`CMap::into_text`].
    pub(crate) fn span(m: &Mapping) -> (u32, u32) {
        (m.start, m.end)
    }

    fn full(&self) -> bool {
        self.mappings.len() >= MAX_MAPPINGS || self.text.len() > MAX_TEXT_BYTES
    }

    /// Adds a mapping whose text is what was just appended to `self.text` from `start`.
    fn push(&mut self, len: u8, code: u32, start: usize) {
        self.mappings.push(Mapping {
            len,
            code,
            start: start as u32,
            end: self.text.len() as u32,
        });
    }

    fn push_utf16(&mut self, len: u8, code: u32, units: &[u16]) {
        if units.len() > MAX_MAPPING_UNITS {
            return;
        }
        let start = self.text.len();
        if let [unit] = units {
            // One unit, the usual destination: a character, or a lone surrogate (U+FFFD), as
            // `decode_utf16` reads it.
            self.text
                .push(char::from_u32(u32::from(*unit)).unwrap_or(char::REPLACEMENT_CHARACTER));
            self.push(len, code, start);
            return;
        }
        self.text
            .extend(char::decode_utf16(units.iter().copied()).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)));
        self.push(len, code, start);
    }
}

/// Parses a ToUnicode CMap. Malformed parts are skipped.
pub(crate) fn parse(data: &[u8]) -> CMap {
    let mut tokens = Tokens::new(data);
    // Room for as many mappings as the data could hold in the shortest line, `<XX> <XXXX>` and
    // an end of line, so that the vectors seldom grow (growing them, a `realloc` each time,
    // cost a seventh of reading a CMap); bounded by the data's size and the caps.
    let lines = (data.len() / 12).min(MAX_MAPPINGS);
    let mut map = CMap {
        text: String::with_capacity(lines.min(MAX_TEXT_BYTES)),
        mappings: Vec::with_capacity(lines),
    };
    let mut units: Vec<u16> = Vec::new();
    while tokens.peek(0).is_some() && !map.full() {
        match tokens.peek(0) {
            Some(Token::Word(b"beginbfchar")) => {
                tokens.advance(1);
                loop {
                    if map.full() {
                        break;
                    }
                    if let Some((len, code, unit)) = tokens.plain_bfchar() {
                        map.push_utf16(len, code, &[unit]);
                        continue;
                    }
                    let (Some(first), Some(second)) = (tokens.peek(0), tokens.peek(1)) else {
                        break;
                    };
                    match (first, second) {
                        (Token::Hex(src), Token::Hex(dst)) => {
                            if let Some(code) = src.code() {
                                dst.units(&mut units);
                                map.push_utf16(src.len() as u8, code, &units);
                            }
                            tokens.advance(2);
                        }
                        (Token::Hex(src), Token::Word(name)) => {
                            // A glyph name destination ("/fi") is rare; take single letters.
                            if let (Some(code), [c]) = (src.code(), name) {
                                let start = map.text.len();
                                map.text.push(*c as char);
                                map.push(src.len() as u8, code, start);
                            }
                            tokens.advance(2);
                        }
                        _ => break,
                    }
                }
            }
            Some(Token::Word(b"beginbfrange")) => {
                tokens.advance(1);
                while !map.full() {
                    let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(third)) =
                        (tokens.peek(0), tokens.peek(1), tokens.peek(2))
                    else {
                        break;
                    };
                    let (Some(lo_code), Some(hi_code)) = (lo.code(), hi.code()) else {
                        break;
                    };
                    let len = lo.len() as u8;
                    let span = hi_code
                        .saturating_sub(lo_code)
                        .min((MAX_MAPPINGS - map.mappings.len()) as u32);
                    match third {
                        Token::Hex(dst) => {
                            dst.units(&mut units);
                            for k in 0..=span {
                                if map.full() {
                                    break;
                                }
                                map.push_utf16(len, lo_code + k, &units);
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            tokens.advance(3);
                        }
                        Token::ArrayStart => {
                            tokens.advance(3);
                            let mut k = 0;
                            while let Some(Token::Hex(dst)) = tokens.peek(0) {
                                if k <= span && !map.full() {
                                    dst.units(&mut units);
                                    map.push_utf16(len, lo_code + k, &units);
                                }
                                k += 1;
                                tokens.advance(1);
                            }
                            // Skip the closing bracket.
                            tokens.advance(1);
                        }
                        _ => break,
                    }
                }
            }
            _ => tokens.advance(1),
        }
    }
    map
}

/// A hex string's raw text between `<` and `>`; its bytes are the hex digits in it, two by
/// two, an odd last digit padded with 0.
#[derive(Clone, Copy)]
struct Hex<'a> {
    raw: &'a [u8],
    /// Every byte of `raw` is a hex digit (the usual `<0041>`): its digits are its bytes, read
    /// without filtering them out of it again for each use (three per mapping).
    plain: bool,
}

impl Hex<'_> {
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.raw.iter().copied().filter(u8::is_ascii_hexdigit).map(hex_val)
    }

    /// Number of bytes.
    fn len(&self) -> usize {
        if self.plain {
            return self.raw.len().div_ceil(2);
        }
        self.digits().count().div_ceil(2)
    }

    /// The bytes as a big-endian code, for one to four bytes.
    fn code(&self) -> Option<u32> {
        if self.plain {
            let digits = self.raw.len();
            if digits == 0 || digits > 8 {
                return None;
            }
            let value = self.raw.iter().fold(0u32, |v, &d| v << 4 | hex_val(d) as u32);
            // An odd last digit is the high half of its byte.
            return Some(if digits % 2 == 1 { value << 4 } else { value });
        }
        let mut digits = 0usize;
        let mut value = 0u32;
        for d in self.digits() {
            digits += 1;
            if digits > 8 {
                return None;
            }
            value = value << 4 | d as u32;
        }
        match digits {
            0 => None,
            // An odd last digit is the high half of its byte.
            n if n % 2 == 1 => Some(value << 4),
            _ => Some(value),
        }
    }

    /// The bytes as big-endian UTF-16 code units, an odd last byte padded with 0.
    fn units(&self, out: &mut Vec<u16>) {
        out.clear();
        if let (true, [a, b, c, d]) = (self.plain, self.raw) {
            out.push(u16::from_be_bytes([
                hex_val(*a) << 4 | hex_val(*b),
                hex_val(*c) << 4 | hex_val(*d),
            ]));
            return;
        }
        let mut unit = 0u16;
        let mut n = 0;
        for d in self.digits() {
            unit = unit << 4 | d as u16;
            n += 1;
            if n == 4 {
                out.push(unit);
                unit = 0;
                n = 0;
            }
        }
        if n > 0 {
            out.push(unit << (4 * (4 - n)));
        }
    }
}

#[derive(Clone, Copy)]
enum Token<'a> {
    Hex(Hex<'a>),
    /// A name (without its `/`) or any other bare word.
    Word(&'a [u8]),
    ArrayStart,
    ArrayEnd,
}

/// The CMap's tokens, read on demand, with up to three looked at ahead.
struct Tokens<'a> {
    data: &'a [u8],
    pos: usize,
    ahead: [Option<Token<'a>>; 3],
    count: usize,
}

impl<'a> Tokens<'a> {
    fn new(data: &'a [u8]) -> Self {
        Tokens {
            data,
            pos: 0,
            ahead: [None; 3],
            count: 0,
        }
    }

    /// The `n`th token from here (`n` < 3), if the data has that many left.
    #[inline]
    fn peek(&mut self, n: usize) -> Option<Token<'a>> {
        if n < self.count {
            return self.ahead[n];
        }
        self.fill(n)
    }

    fn fill(&mut self, n: usize) -> Option<Token<'a>> {
        while self.count <= n {
            let token = self.read()?;
            self.ahead[self.count] = Some(token);
            self.count += 1;
        }
        self.ahead[n]
    }

    /// Moves past `n` tokens (fewer if the data ends first).
    fn advance(&mut self, n: usize) {
        for _ in 0..n {
            if self.peek(0).is_none() {
                return;
            }
            // A plain shift: `rotate_left` was a call of ~80 instructions per token.
            self.ahead = [self.ahead[1], self.ahead[2], None];
            self.count -= 1;
        }
    }

    /// The next `<src> <dst>` pair of a `bfchar` list in the form résumé producers write: a
    /// source of two or four hex digits and one UTF-16 unit of four, white space around, read
    /// straight from the data as its length, code and unit; `None`, with nothing consumed, for
    /// any other form (or tokens already looked at), which [`Tokens::read`] then reads. Reading
    /// the pair as two tokens was ~880 instructions a mapping, most of `parse`.
    fn plain_bfchar(&mut self) -> Option<(u8, u32, u16)> {
        if self.count != 0 {
            return None;
        }
        let data = self.data;
        let mut i = self.pos;
        while data.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        // `<`, two or four hex digits and `>`, checked and read by table.
        let digit = |at: usize| data.get(at).map_or(NOT_HEX, |&b| HEX_DIGITS[b as usize]);
        if data.get(i) != Some(&b'<') {
            return None;
        }
        let (d0, d1, d2) = (digit(i + 1), digit(i + 2), digit(i + 3));
        if d0 == NOT_HEX || d1 == NOT_HEX {
            return None;
        }
        let (len, code, after) = if d2 == NOT_HEX {
            (1, u32::from(d0) << 4 | u32::from(d1), i + 3)
        } else {
            let d3 = digit(i + 4);
            if d3 == NOT_HEX {
                return None;
            }
            let code = u32::from(d0) << 12 | u32::from(d1) << 8 | u32::from(d2) << 4 | u32::from(d3);
            (2, code, i + 5)
        };
        if data.get(after) != Some(&b'>') {
            return None;
        }
        i = after + 1;
        while data.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let unit = data.get(i..i + 6)?;
        let d = [unit[1], unit[2], unit[3], unit[4]].map(|b| HEX_DIGITS[b as usize]);
        if unit[0] != b'<' || unit[5] != b'>' || d.contains(&NOT_HEX) {
            return None;
        }
        self.pos = i + 6;
        let unit = u16::from(d[0]) << 12 | u16::from(d[1]) << 8 | u16::from(d[2]) << 4 | u16::from(d[3]);
        Some((len, code, unit))
    }

    fn read(&mut self) -> Option<Token<'a>> {
        let data = self.data;
        let mut i = self.pos;
        let token = loop {
            if i >= data.len() {
                self.pos = i;
                return None;
            }
            match data[i] {
                b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
                b'>' => i += 1,
                b'<' => {
                    let mut end = i + 1;
                    let mut plain = true;
                    while let Some(&b) = data.get(end).filter(|&&b| b != b'>') {
                        plain &= b.is_ascii_hexdigit();
                        end += 1;
                    }
                    let hex = Hex {
                        raw: &data[i + 1..end],
                        plain,
                    };
                    i = end + 1;
                    break Token::Hex(hex);
                }
                b'[' => {
                    i += 1;
                    break Token::ArrayStart;
                }
                b']' => {
                    i += 1;
                    break Token::ArrayEnd;
                }
                b'%' => {
                    while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                        i += 1;
                    }
                }
                b'(' => {
                    // Strings appear only in the CMap's header (names, registry); skip them.
                    let mut depth = 0;
                    while i < data.len() {
                        match data[i] {
                            b'\\' => i += 1,
                            b'(' => depth += 1,
                            b')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    i += 1;
                }
                b if b.is_ascii_whitespace() => i += 1,
                _ => {
                    let start = if data[i] == b'/' { i + 1 } else { i };
                    let mut end = i + 1;
                    while data.get(end).is_some_and(|&b| super::content::is_regular(b)) {
                        end += 1;
                    }
                    i = end;
                    break Token::Word(&data[start..end]);
                }
            }
        };
        self.pos = i;
        Some(token)
    }
}

/// Each byte's value as a hex digit, [`NOT_HEX`] for any other byte.
static HEX_DIGITS: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_hexdigit() {
            t[i] = hex_val(b);
        }
        i += 1;
    }
    t
};
const NOT_HEX: u8 = 0xFF;

const fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `code`, as the last mapping of it gives it.
    fn get(m: &CMap, len: u8, code: u32) -> Option<&str> {
        m.mappings()
            .iter()
            .rev()
            .find(|e| e.len == len && e.code == code)
            .map(|e| m.text(e))
    }

    /// The direct read of plain `bfchar` pairs gives what the token reader gives: the same
    /// pairs, and odd ones, each with a comment before it (which keeps the direct read out).
    #[test]
    fn plain_bfchar_pairs_read_as_tokens_do() {
        let mut next = ats_testkit::xorshift(0x1234_5678_9ABC_DEF1);
        let pieces: [&str; 14] = [
            "<01>",
            "<0A>",
            "<fF>",
            "<0041>",
            "<D835>",
            "<a0b1>",
            "<123>",
            "<12345>",
            "<1G>",
            "<>",
            "<0041 0042>",
            "<<",
            "/A",
            "]",
        ];
        let spaces = [" ", "\n", "\r\n", "\t", "", "\x0c"];
        for _ in 0..2000 {
            let mut plain = String::from("2 beginbfchar\n");
            let mut commented = plain.clone();
            for _ in 0..next() % 6 {
                let mut pair = String::new();
                for _ in 0..2 + next() % 2 {
                    let piece = if next().is_multiple_of(4) {
                        pieces[(next() % pieces.len() as u64) as usize].to_string()
                    } else {
                        let digits = [2, 4, 4][(next() % 3) as usize];
                        format!("<{:0digits$X}>", next() % (1 << (4 * digits)))
                    };
                    pair.push_str(&piece);
                    pair.push_str(spaces[(next() % spaces.len() as u64) as usize]);
                }
                plain.push_str(&pair);
                commented.push_str("%c\n");
                commented.push_str(&pair);
            }
            plain.push_str("endbfchar\n");
            commented.push_str("endbfchar\n");
            let (a, b) = (parse(plain.as_bytes()), parse(commented.as_bytes()));
            assert_eq!(a.mappings(), b.mappings(), "{plain:?}");
            assert_eq!(a.text, b.text, "{plain:?}");
        }
    }

    #[test]
    fn bfchar_and_bfrange_map_codes() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <FB01> endbfchar
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00E9> <0066006C>] endbfrange
            endcmap";
        let m = parse(cmap);
        assert_eq!(get(&m, 2, 3), Some(" "));
        assert_eq!(get(&m, 2, 0x11), Some("\u{FB01}"));
        assert_eq!(get(&m, 2, 0x25), Some("B"));
        assert_eq!(get(&m, 2, 0x26), Some("C"));
        assert_eq!(get(&m, 2, 0x30), Some("\u{e9}"));
        assert_eq!(get(&m, 2, 0x31), Some("fl"));
        assert_eq!(m.mappings().len(), 7);
    }

    #[test]
    fn mappings_keep_their_order_and_texts_their_spans() {
        let m = parse(b"beginbfchar <41> <0061> <42> /x <41> <D800> endbfchar");
        let got: Vec<(u8, u32, &str)> = m.mappings().iter().map(|e| (e.len, e.code, m.text(e))).collect();
        assert_eq!(got, [(1, 0x41, "a"), (1, 0x42, "x"), (1, 0x41, "\u{FFFD}")]);
        let spans: Vec<(u32, u32)> = m.mappings().iter().map(CMap::span).collect();
        let text = m.into_text();
        assert_eq!(&text[spans[1].0 as usize..spans[1].1 as usize], "x");
    }

    #[test]
    fn a_destination_longer_than_the_format_allows_is_dropped() {
        let long = [
            b"beginbfchar <01> <".to_vec(),
            b"0041".repeat(60_000),
            b"> <02> <0042> endbfchar".to_vec(),
        ]
        .concat();
        let m = parse(&long);
        assert_eq!(get(&m, 1, 1), None);
        assert_eq!(get(&m, 1, 2), Some("B"));
        let longest = [
            b"beginbfchar <01> <".to_vec(),
            b"0041".repeat(MAX_MAPPING_UNITS),
            b"> endbfchar".to_vec(),
        ]
        .concat();
        assert_eq!(get(&parse(&longest), 1, 1).map(str::len), Some(MAX_MAPPING_UNITS));
    }

    #[test]
    fn a_huge_range_is_capped() {
        let m = parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert_eq!(m.mappings().len(), MAX_MAPPINGS);
    }

    #[test]
    fn a_range_onto_a_long_string_is_capped_by_its_text() {
        // 65,536 codes onto 4,000 characters each would be 262 MB of text.
        let data = [
            b"beginbfrange <0000> <FFFF> <".to_vec(),
            b"0041".repeat(4000),
            b"> endbfrange".to_vec(),
        ]
        .concat();
        let m = parse(&data);
        assert!(m.text.len() <= MAX_TEXT_BYTES + 4 * 4000);
        assert!(m.mappings().len() < 300);
    }
}
