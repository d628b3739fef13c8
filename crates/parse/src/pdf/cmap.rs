//! ToUnicode CMaps: `bfchar` and `bfrange` entries to text.
//!
//! Hand-written because lopdf keeps its CMap type private; the format is small, and a parser
//! of our own can cap what a hostile CMap may expand to.
//!
//! Tokens are read one at a time, borrowed from the stream, with a lookahead of three: an
//! earlier version collected them first, two vectors per hex string, and spent ~470k of the
//! 8.3M instructions of `bench-000-ml_engineer.pdf` on its 5 CMaps, mostly in the allocator;
//! this reads them in ~220k (one allocation per mapping, for its text).

use std::collections::HashMap;

/// Most mappings one CMap may define (a full two-byte range is 65,536).
const MAX_MAPPINGS: usize = 70_000;

/// Parses a ToUnicode CMap into (code length in bytes, code) → text. Malformed parts are skipped.
pub(crate) fn parse(data: &[u8]) -> HashMap<(u8, u32), Box<str>> {
    let mut tokens = Tokens::new(data);
    let mut map = HashMap::new();
    // One buffer for every text built, copied out at its exact size.
    let mut text = String::new();
    let mut units: Vec<u16> = Vec::new();
    while tokens.peek(0).is_some() && map.len() < MAX_MAPPINGS {
        match tokens.peek(0) {
            Some(Token::Word(b"beginbfchar")) => {
                tokens.advance(1);
                while let (Some(first), Some(second)) = (tokens.peek(0), tokens.peek(1)) {
                    match (first, second) {
                        (Token::Hex(src), Token::Hex(dst)) => {
                            if let Some(code) = src.code() {
                                map.insert((src.len() as u8, code), dst.utf16(&mut units, &mut text));
                            }
                            tokens.advance(2);
                        }
                        (Token::Hex(src), Token::Word(name)) => {
                            // A glyph name destination ("/fi") is rare; take single letters.
                            if let (Some(code), [c]) = (src.code(), name) {
                                map.insert((src.len() as u8, code), (*c as char).to_string().into());
                            }
                            tokens.advance(2);
                        }
                        _ => break,
                    }
                }
            }
            Some(Token::Word(b"beginbfrange")) => {
                tokens.advance(1);
                while map.len() < MAX_MAPPINGS {
                    let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(third)) =
                        (tokens.peek(0), tokens.peek(1), tokens.peek(2))
                    else {
                        break;
                    };
                    let (Some(lo_code), Some(hi_code)) = (lo.code(), hi.code()) else {
                        break;
                    };
                    let len = lo.len() as u8;
                    let span = hi_code.saturating_sub(lo_code).min((MAX_MAPPINGS - map.len()) as u32);
                    match third {
                        Token::Hex(dst) => {
                            dst.units(&mut units);
                            for k in 0..=span {
                                if map.len() >= MAX_MAPPINGS {
                                    break;
                                }
                                map.insert((len, lo_code + k), utf16_text(&units, &mut text));
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
                                if k <= span && map.len() < MAX_MAPPINGS {
                                    map.insert((len, lo_code + k), dst.utf16(&mut units, &mut text));
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
struct Hex<'a>(&'a [u8]);

impl Hex<'_> {
    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.iter().copied().filter(u8::is_ascii_hexdigit).map(hex_val)
    }

    /// Number of bytes.
    fn len(&self) -> usize {
        self.digits().count().div_ceil(2)
    }

    /// The bytes as a big-endian code, for one to four bytes.
    fn code(&self) -> Option<u32> {
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

    fn utf16(&self, units: &mut Vec<u16>, buf: &mut String) -> Box<str> {
        self.units(units);
        utf16_text(units, buf)
    }
}

/// UTF-16 to text as `String::from_utf16_lossy` does, built in `buf` and copied out at its
/// exact size (one allocation).
fn utf16_text(units: &[u16], buf: &mut String) -> Box<str> {
    buf.clear();
    buf.extend(char::decode_utf16(units.iter().copied()).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)));
    Box::from(buf.as_str())
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
    fn peek(&mut self, n: usize) -> Option<Token<'a>> {
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
            self.ahead.rotate_left(1);
            self.ahead[2] = None;
            self.count -= 1;
        }
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
                    let end = data[i + 1..]
                        .iter()
                        .position(|&b| b == b'>')
                        .map_or(data.len(), |p| i + 1 + p);
                    let hex = Hex(&data[i + 1..end]);
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
                    while end < data.len() && !b"<>[]()/% \t\r\n\x0c".contains(&data[end]) {
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

fn hex_val(b: u8) -> u8 {
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

    #[test]
    fn bfchar_and_bfrange_map_codes() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <FB01> endbfchar
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00E9> <0066006C>] endbfrange
            endcmap";
        let m = parse(cmap);
        assert_eq!(m.get(&(2, 3)).map(|s| &**s), Some(" "));
        assert_eq!(m.get(&(2, 0x11)).map(|s| &**s), Some("\u{FB01}"));
        assert_eq!(m.get(&(2, 0x25)).map(|s| &**s), Some("B"));
        assert_eq!(m.get(&(2, 0x31)).map(|s| &**s), Some("fl"));
    }

    #[test]
    fn a_huge_range_is_capped() {
        let m = parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.len() <= MAX_MAPPINGS);
    }
}
