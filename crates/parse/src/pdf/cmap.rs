//! ToUnicode CMaps: `bfchar` and `bfrange` entries to text.
//!
//! Hand-written because lopdf keeps its CMap type private; the format is small, and a parser
//! of our own can cap what a hostile CMap may expand to.

use std::collections::HashMap;

/// Most mappings one CMap may define (a full two-byte range is 65,536).
const MAX_MAPPINGS: usize = 70_000;

/// Parses a ToUnicode CMap into (code length in bytes, code) → text. Malformed parts are skipped.
pub(crate) fn parse(data: &[u8]) -> HashMap<(u8, u32), Box<str>> {
    let tokens = tokenize(data);
    let mut map = HashMap::new();
    let mut i = 0;
    while i < tokens.len() && map.len() < MAX_MAPPINGS {
        match &tokens[i] {
            Token::Word(w) if w == b"beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() {
                    match (&tokens[i], &tokens[i + 1]) {
                        (Token::Hex(src), Token::Hex(dst)) => {
                            if let Some(code) = code_of(src) {
                                map.insert((src.len() as u8, code), utf16(dst));
                            }
                            i += 2;
                        }
                        (Token::Hex(src), Token::Word(name)) => {
                            // A glyph name destination ("/fi") is rare; take single letters.
                            if let (Some(code), [c]) = (code_of(src), name.as_slice()) {
                                map.insert((src.len() as u8, code), (*c as char).to_string().into());
                            }
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Token::Word(w) if w == b"beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && map.len() < MAX_MAPPINGS {
                    let (Token::Hex(lo), Token::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                        break;
                    };
                    let (Some(lo_code), Some(hi_code)) = (code_of(lo), code_of(hi)) else {
                        break;
                    };
                    let len = lo.len() as u8;
                    let span = hi_code.saturating_sub(lo_code).min((MAX_MAPPINGS - map.len()) as u32);
                    match &tokens[i + 2] {
                        Token::Hex(dst) => {
                            let mut units = utf16_units(dst);
                            for k in 0..=span {
                                if map.len() >= MAX_MAPPINGS {
                                    break;
                                }
                                map.insert((len, lo_code + k), String::from_utf16_lossy(&units).into());
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        Token::ArrayStart => {
                            let mut j = i + 3;
                            let mut k = 0;
                            while let Some(Token::Hex(dst)) = tokens.get(j) {
                                if k <= span && map.len() < MAX_MAPPINGS {
                                    map.insert((len, lo_code + k), utf16(dst));
                                }
                                k += 1;
                                j += 1;
                            }
                            // Skip the closing bracket.
                            i = j + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    map
}

enum Token {
    Hex(Vec<u8>),
    Word(Vec<u8>),
    ArrayStart,
    ArrayEnd,
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' => i += 1,
            b'<' => {
                let end = data[i + 1..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + 1 + p);
                let hex: Vec<u8> = data[i + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let bytes = hex
                    .chunks(2)
                    .map(|pair| {
                        let hi = hex_val(pair[0]);
                        let lo = pair.get(1).map_or(0, |&b| hex_val(b));
                        hi << 4 | lo
                    })
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Token::ArrayEnd);
                i += 1;
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
                out.push(Token::Word(data[start..end].to_vec()));
                i = end;
            }
        }
    }
    let _ = Token::ArrayEnd;
    out
}

fn hex_val(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        b'A'..=b'F' => b - b'A' + 10,
        _ => 0,
    }
}

fn code_of(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |acc, &b| acc << 8 | b as u32))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| (p[0] as u16) << 8 | p.get(1).copied().unwrap_or(0) as u16)
        .collect()
}

fn utf16(bytes: &[u8]) -> Box<str> {
    String::from_utf16_lossy(&utf16_units(bytes)).into()
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
