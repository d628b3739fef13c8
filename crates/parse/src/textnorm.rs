//! Text clean-up shared by every format: ligatures, split accents, whitespace, unmappable glyphs.

use unicode_normalization::char::{compose, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// True for characters that stand for no real character: private use (icon fonts, unmapped
/// glyphs), the replacement character, and C0/C1 controls other than whitespace.
pub(crate) fn is_unmappable(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD | 0xFFFD)
        || (c.is_control() && !c.is_whitespace())
}

/// Expands typographic ligatures (ﬁ → fi) and nothing else: full NFKC would also rewrite
/// superscripts, full-width forms and the like that a reader sees as written.
pub(crate) fn expand_ligatures(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, '\u{FB00}'..='\u{FB06}')) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if matches!(c, '\u{FB00}'..='\u{FB06}') {
            out.extend(c.nfkc());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The combining mark a spacing accent stands for (TeX fonts draw "Zoë" as "Zo", "¨", "e").
pub(crate) fn combining_for_spacing_accent(c: char) -> Option<char> {
    Some(match c {
        '\u{00A8}' => '\u{0308}', // diaeresis
        '\u{00B4}' => '\u{0301}', // acute
        '`' => '\u{0300}',        // grave
        '\u{02C6}' | '^' => '\u{0302}',
        '\u{02DC}' | '~' => '\u{0303}',
        '\u{00AF}' | '\u{02C9}' => '\u{0304}',
        '\u{02D8}' => '\u{0306}',
        '\u{02D9}' => '\u{0307}',
        '\u{02DA}' => '\u{030A}',
        '\u{02DD}' => '\u{030B}',
        '\u{02C7}' => '\u{030C}',
        '\u{00B8}' => '\u{0327}',
        '\u{02DB}' => '\u{0328}',
        _ => return None,
    })
}

/// Composes a base letter with a combining mark when Unicode has a precomposed form.
pub(crate) fn compose_accent(base: char, accent: char) -> Option<char> {
    compose(base, combining_for_spacing_accent(accent)?)
}

/// Final clean-up of one line: ligatures expanded, NFC, whitespace runs collapsed, trimmed.
pub(crate) fn clean_line(s: &str) -> String {
    if s.is_ascii() {
        return clean_ascii_line(s);
    }
    // One look for ligatures and combining marks (ASCII chars are neither): most lines have
    // none and are cleaned from `s` itself, without the two scans and the copy this took.
    if !s
        .chars()
        .any(|c| !c.is_ascii() && (matches!(c, '\u{FB00}'..='\u{FB06}') || is_combining_mark(c)))
    {
        return collapse_space(s);
    }
    let s = expand_ligatures(s);
    let composed: String = if s.chars().any(is_combining_mark) {
        s.nfc().collect()
    } else {
        s.into_owned()
    };
    collapse_space(&composed)
}

/// White-space runs (and zero-width spaces) collapsed to one space, trimmed, soft hyphens
/// dropped.
fn collapse_space(composed: &str) -> String {
    let mut out = String::with_capacity(composed.len());
    let mut pending_space = false;
    // Runs of kept chars are copied whole rather than pushed char by char.
    let mut run: Option<usize> = None;
    for (i, c) in composed.char_indices() {
        // Soft hyphens are invisible unless a line breaks there.
        let soft_hyphen = c == '\u{00AD}';
        let space = c.is_whitespace() || c == '\u{200B}';
        if soft_hyphen || space {
            if let Some(from) = run.take() {
                out.push_str(&composed[from..i]);
            }
            if space {
                pending_space = !out.is_empty();
            }
            continue;
        }
        if run.is_none() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            run = Some(i);
        }
    }
    if let Some(from) = run {
        out.push_str(&composed[from..]);
    }
    out
}

/// The ASCII bytes `char::is_whitespace` accepts: `u8::is_ascii_whitespace` leaves out
/// vertical tab (0x0B), which `split_whitespace` splits on.
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// [`clean_line`] for ASCII text, byte by byte: it has no ligatures, combining marks, soft
/// hyphens or zero-width spaces, and its white space is the six ASCII characters
/// `char::is_whitespace` accepts. Over the files of `scripts/icount.sh`, `clean_line` went from
/// 5.9M to 3.4M instructions.
fn clean_ascii_line(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Words copied whole, one space between them: pushing byte by byte cost ~24
    // instructions a byte.
    let mut i = 0;
    loop {
        while i < b.len() && is_ascii_space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return out;
        }
        let start = i;
        while i < b.len() && !is_ascii_space(b[i]) {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
}

/// Joins a line that ends in a hyphen at a line break with the next one, keeping the hyphen
/// ("fault-" + "tolerant" → "fault-tolerant"); returns None when they should stay apart.
pub(crate) fn hyphen_join(prev: &str, next: &str) -> Option<String> {
    let stem = prev.strip_suffix('-').or_else(|| prev.strip_suffix('\u{2010}'))?;
    let before = stem.chars().last()?;
    let after = next.chars().next()?;
    // "Wisconsin-" + "Madison" is a compound broken at its hyphen too.
    if before.is_alphabetic() && after.is_alphabetic() {
        Some(format!("{stem}-{next}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_space_is_char_whitespace() {
        for b in 0u8..128 {
            assert_eq!(is_ascii_space(b), char::from(b).is_whitespace(), "{b:#04x}");
        }
    }

    #[test]
    fn ligatures_expand_but_other_compatibility_forms_stay() {
        assert_eq!(expand_ligatures("eﬃcient workﬂow"), "efficient workflow");
        assert_eq!(expand_ligatures("m²"), "m²");
    }

    #[test]
    fn spacing_accents_compose() {
        assert_eq!(compose_accent('e', '\u{00A8}'), Some('ë'));
        assert_eq!(compose_accent('e', '\u{00B4}'), Some('é'));
        assert_eq!(compose_accent('x', '\u{00B4}'), None);
    }

    #[test]
    fn clean_line_collapses_space_and_composes() {
        assert_eq!(clean_line("  Zoe\u{0308}   Smith\u{00AD}  "), "Zoë Smith");
    }

    #[test]
    fn ascii_lines_clean_as_the_general_path_does() {
        let general = |s: &str| {
            // The general path, on text that is not ASCII only because of a trailing "é".
            let mut t = clean_line(&format!("{s}\u{e9}"));
            t.pop();
            t
        };
        for s in [
            "",
            "   ",
            " a  b\tc\r\n d ",
            "x\x0By\x0Cz\x1Cw",
            "\x00ctl\x7f  end\t",
            "Skills:   Python,  Rust ",
        ] {
            assert!(s.is_ascii());
            assert_eq!(clean_ascii_line(s), general(s).trim_end(), "{s:?}");
        }
        assert_eq!(clean_line(" a  b "), "a b");
    }

    #[test]
    fn clean_line_without_marks_is_the_general_path() {
        // The general path as it was: ligatures expanded, NFC, then white space collapsed.
        let general = |s: &str| {
            let s = expand_ligatures(s);
            let composed: String = if s.chars().any(is_combining_mark) {
                s.nfc().collect()
            } else {
                s.into_owned()
            };
            collapse_space(&composed)
        };
        for s in [
            "• Built  it\u{a0}—\u{2003}fast ",
            "Zoë\u{00AD}  Smith\u{200B}x",
            "eﬃcient workﬂow ",
            "Zoe\u{0308} Smith",
            "\u{3000}東京\u{85}ok",
            "a\u{301}\u{301}b ﬁ",
        ] {
            assert_eq!(clean_line(s), general(s), "{s:?}");
        }
    }

    #[test]
    fn collapse_space_is_the_char_by_char_collapse() {
        let by_char = |s: &str| {
            let mut out = String::new();
            let mut pending_space = false;
            for c in s.chars() {
                if c == '\u{00AD}' {
                    continue;
                }
                if c.is_whitespace() || c == '\u{200B}' {
                    pending_space = !out.is_empty();
                    continue;
                }
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(c);
            }
            out
        };
        for s in [
            "",
            " ",
            "\u{AD} a \u{AD} b\u{AD}c \u{AD}",
            "• Built  it\u{a0}—\u{2003}fast ",
            "x\u{200B}\u{200B}y\u{85}\u{3000}東京 ",
        ] {
            assert_eq!(collapse_space(s), by_char(s), "{s:?}");
        }
    }

    #[test]
    fn hyphenated_words_rejoin_with_the_hyphen() {
        assert_eq!(
            hyphen_join("a fault-", "tolerant system").as_deref(),
            Some("a fault-tolerant system")
        );
        assert_eq!(hyphen_join("2019 -", "2021"), None);
        assert_eq!(hyphen_join("Skills -", "Python"), None);
        assert_eq!(
            hyphen_join("University of Wisconsin-", "Madison").as_deref(),
            Some("University of Wisconsin-Madison")
        );
    }

    #[test]
    fn private_use_and_replacement_are_unmappable() {
        assert!(is_unmappable('\u{E001}'));
        assert!(is_unmappable('\u{FFFD}'));
        assert!(!is_unmappable('é'));
        assert!(!is_unmappable(' '));
    }
}
