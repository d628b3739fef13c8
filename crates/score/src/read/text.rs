//! Small text helpers shared by the content checks: bullet glyphs, words, quoting.

/// Characters that open a list item when a reader kept the glyph in the text.
const BULLET_GLYPHS: &[char] = &[
    '•', '◦', '▪', '▫', '■', '□', '●', '○', '‣', '⁃', '∙', '·', '➢', '➤', '►', '▸', '▹', '✓', '✔', '❖', '◆', '◇', '→',
    '-', '*', '–', '—', '+',
];

/// Splits a leading bullet glyph (and the spaces after it) off `s`: returns the byte offset
/// where the content starts and whether a glyph was found. A `-` or `*` counts only when a space
/// follows, so "-5% churn" and "*NIX" keep their first character.
pub(crate) fn strip_bullet(s: &str) -> (usize, bool) {
    let trimmed = s.trim_start();
    let lead = s.len() - trimmed.len();
    let mut chars = trimmed.char_indices();
    let Some((_, first)) = chars.next() else {
        return (lead, false);
    };
    if !BULLET_GLYPHS.contains(&first) {
        return (lead, false);
    }
    let after = lead + first.len_utf8();
    let rest = &s[after..];
    let ascii_marker = matches!(first, '-' | '*' | '+' | '–' | '—' | '·');
    if ascii_marker && !rest.starts_with([' ', '\t', '\u{a0}']) {
        return (lead, false);
    }
    let content = rest.trim_start();
    (s.len() - content.len(), true)
}

/// Words of `s` with their byte offsets: maximal runs of letters, digits and the joiners
/// `' ’ - . / + # &` inside a word (so "I/O", "C++", "e-mail", "Node.js" stay whole), with
/// trailing joiners trimmed.
pub(crate) fn words(s: &str) -> Vec<(usize, &str)> {
    fn is_joiner(c: char) -> bool {
        matches!(c, '\'' | '’' | '-' | '.' | '/' | '+' | '#' | '&')
    }
    fn push<'a>(s: &'a str, from: usize, to: usize, out: &mut Vec<(usize, &'a str)>) {
        let w = s[from..to].trim_end_matches(|c: char| is_joiner(c) && c != '+' && c != '#');
        if !w.is_empty() {
            out.push((from, w));
        }
    }
    // Byte by byte, decoding only non-ASCII chars: `char_indices` with `is_alphanumeric` on
    // every char was most of the ~3,600 instructions a bullet this took.
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let (alnum, joiner, len) = match b[i] {
            x if x.is_ascii() => (
                x.is_ascii_alphanumeric(),
                matches!(x, b'\'' | b'-' | b'.' | b'/' | b'+' | b'#' | b'&'),
                1,
            ),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), is_joiner(c), c.len_utf8())
            }
        };
        match start {
            None if alnum => start = Some(i),
            None => {}
            Some(from) if !(alnum || joiner) => {
                push(s, from, i, &mut out);
                start = None;
            }
            Some(_) => {}
        }
        i += len;
    }
    if let Some(from) = start {
        push(s, from, s.len(), &mut out);
    }
    out
}

/// Number of words (whitespace-separated tokens holding a letter or digit).
pub(crate) fn word_count(s: &str) -> usize {
    // One pass instead of `split_whitespace().filter(any alphanumeric)` (~150 instructions a
    // word), with bytes classed by a table instead of decoding each char and asking
    // `is_whitespace` and `is_alphanumeric` (~20 instructions a char, 4.6M on the 61-file bench
    // for the three counts of the text an analysis made). Non-ASCII chars are decoded.
    let b = s.as_bytes();
    // Inlined by hand into both loops: as a closure it was a call per byte.
    #[inline(always)]
    fn class_at(s: &str, i: usize) -> (u8, usize) {
        match BYTE_CLASS[usize::from(s.as_bytes()[i])] {
            OTHER_CHAR => {
                let c = s[i..].chars().next().unwrap_or(' ');
                let class = if c.is_whitespace() {
                    SPACE
                } else if c.is_alphanumeric() {
                    ALNUM
                } else {
                    OTHER
                };
                (class, c.len_utf8())
            }
            class => (class, 1),
        }
    }
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        // Between words: up to the first letter or digit, which counts the word.
        let (class, len) = class_at(s, i);
        i += len;
        if class != ALNUM {
            continue;
        }
        count += 1;
        // In a counted word: up to the next white space.
        while i < b.len() {
            let (class, len) = class_at(s, i);
            i += len;
            if class == SPACE {
                break;
            }
        }
    }
    count
}

/// Classes of [`word_count`]: white space ends a word, the first letter or digit counts it,
/// and a non-ASCII byte starts a char to decode.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const OTHER_CHAR: u8 = 3;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER_CHAR; 256];
    let mut i = 0;
    while i < 128 {
        // For ASCII, `is_alphanumeric` is `is_ascii_alphanumeric`.
        let c = i as u8 as char;
        t[i] = if c.is_whitespace() {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        i += 1;
    }
    t
};

/// Word counts of a document's lines, so that the words of the whole text and of each section
/// are counted in one pass over the text rather than one per question (three passes before).
pub(crate) struct LineWords<'a> {
    doc: &'a ats_parse::Document,
    /// Words of each line; `None` when the text is not its lines joined by white space (a
    /// hand-built document), and spans are counted directly.
    per_line: Option<Vec<usize>>,
    total: usize,
}

impl<'a> LineWords<'a> {
    pub(crate) fn new(doc: &'a ats_parse::Document) -> Self {
        if lines_tile_text(doc) {
            let per_line: Vec<usize> = doc.lines.iter().map(|l| word_count(&l.text)).collect();
            let total = per_line.iter().sum();
            LineWords {
                doc,
                per_line: Some(per_line),
                total,
            }
        } else {
            LineWords {
                doc,
                per_line: None,
                total: word_count(&doc.text),
            }
        }
    }

    /// Words of the whole text.
    pub(crate) fn total(&self) -> usize {
        self.total
    }

    /// Words of `doc.text[range]` (0 when the range is not on char boundaries), the same count
    /// as `word_count` of that slice: white space separates the lines, so a word never spans two.
    pub(crate) fn in_range(&self, range: std::ops::Range<usize>) -> usize {
        let text = &self.doc.text;
        if text.get(range.clone()).is_none() {
            return 0;
        }
        let Some(per_line) = &self.per_line else {
            return word_count(&text[range]);
        };
        let mut n = 0;
        for (l, &words) in self.doc.lines.iter().zip(per_line) {
            let (a, b) = (l.start, l.start + l.text.len());
            if b <= range.start || a >= range.end {
                continue;
            }
            if range.start <= a && b <= range.end {
                n += words;
            } else {
                n += word_count(&text[a.max(range.start)..b.min(range.end)]);
            }
        }
        n
    }
}

/// True when `doc.text` is its lines in order at their `start` offsets with white space
/// between each two of them (what `ats_parse` builds): then no word spans two lines.
fn lines_tile_text(doc: &ats_parse::Document) -> bool {
    let text = &doc.text;
    let mut at = 0;
    for (i, l) in doc.lines.iter().enumerate() {
        let end = l.start + l.text.len();
        let gap_is_space = (l.start > at || i == 0)
            && text
                .get(at..l.start)
                .is_some_and(|g| g.chars().all(char::is_whitespace));
        if !gap_is_space || text.get(l.start..end) != Some(l.text.as_str()) {
            return false;
        }
        at = end;
    }
    text.get(at..).is_some_and(|g| g.chars().all(char::is_whitespace))
}

/// `s` cut to at most `max` characters on a char boundary, with `…` when cut.
pub(crate) fn quote(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => {
            let cut = &s[..i];
            // Prefer a word boundary when one is near.
            let cut = match cut.rfind(' ') {
                Some(sp) if sp + 20 > i => &cut[..sp],
                _ => cut,
            };
            format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
        }
    }
}

/// Lower-cases and folds apostrophes and ampersands so headings compare by meaning:
/// "Skills & Tools" → "skills and tools", "Where I’ve Worked" → "where i've worked".
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '&' | '+' => {
                if !last_space {
                    out.push(' ');
                }
                out.push_str("and ");
                last_space = true;
                continue;
            }
            c => c,
        };
        if c.is_ascii() {
            // ASCII fast path: same as the general case below, without `char::to_lowercase`.
            if c.is_ascii_alphanumeric() || c == '\'' {
                out.push(c.to_ascii_lowercase());
                last_space = false;
            } else if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out
}

/// True when every letter of `s` is upper case and it has at least `min` letters.
pub(crate) fn is_all_caps(s: &str, min: usize) -> bool {
    let mut letters = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if c.is_lowercase() {
            return false;
        }
        letters += 1;
    }
    letters >= min
}

/// The first character of `w` is an upper-case letter.
pub(crate) fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Looks `word` up in a sorted list of lower-case words.
pub(crate) fn in_sorted(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// Looks `s` lower-cased (`str::to_lowercase`) up in a sorted list of lower-case words, without
/// a lower-cased copy when `s` is ASCII: the list is searched comparing `s` byte by byte in ASCII
/// lower case (the order of the list, bytewise, is the order of `str`).
pub(crate) fn in_sorted_lower(list: &[&str], s: &str) -> bool {
    if !s.is_ascii() {
        return in_sorted(list, &s.to_lowercase());
    }
    let s = s.as_bytes();
    list.binary_search_by(|w| {
        // `w` against `s` lower-cased, as `[u8]` compares: most probes differ at the first byte.
        let w = w.as_bytes();
        for (&a, &b) in w.iter().zip(s) {
            let b = b.to_ascii_lowercase();
            if a != b {
                return a.cmp(&b);
            }
        }
        w.len().cmp(&s.len())
    })
    .is_ok()
}

/// `s` lower-cased (`str::to_lowercase`) is one of the lower-case `options`, without a copy
/// when `s` is ASCII.
pub(crate) fn lower_is_any(s: &str, options: &[&str]) -> bool {
    if s.is_ascii() {
        options.iter().any(|o| s.eq_ignore_ascii_case(o))
    } else {
        let lower = s.to_lowercase();
        options.contains(&lower.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_folds_ascii_and_unicode_alike() {
        assert_eq!(fold("Skills & Tools"), "skills and tools");
        assert_eq!(fold("Where I’ve Worked"), "where i've worked");
        assert_eq!(
            fold("  C++ / ÉTUDES—Überblick: 2024 "),
            "c and and études überblick 2024"
        );
        assert_eq!(fold("Projets Réalisés"), "projets réalisés");
    }

    #[test]
    fn word_count_counts_whitespace_separated_words_with_a_letter_or_digit() {
        for s in [
            "",
            "  ",
            "Built a model",
            " - Cut latency 35% — twice\n\u{2022} Led\tteam\u{a0}of 5 ",
            "a\u{b}b\u{85}c\u{3000}d",
            "—  ·  - 3 x",
            "naïve café\r\n東京 ok",
            "• Built\u{2003}it\u{1c}x \u{c}y\u{7f}z",
            "\u{2022}\u{2022} 5x—10x\u{200b}faster",
        ] {
            let want = s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(s), want, "{s:?}");
        }
    }

    #[test]
    fn strips_bullet_glyphs_but_not_signs() {
        assert_eq!(strip_bullet("• Built it"), (4, true));
        assert_eq!(strip_bullet("- Built it"), (2, true));
        assert_eq!(strip_bullet("-5% churn"), (0, false));
        assert_eq!(strip_bullet("Built it"), (0, false));
        assert_eq!(strip_bullet(""), (0, false));
    }

    #[test]
    fn words_keep_joined_tokens() {
        let w: Vec<&str> = words("I/O, C++ and Node.js (e-mail).")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["I/O", "C++", "and", "Node.js", "e-mail"]);
    }

    #[test]
    fn folds_headings() {
        assert_eq!(fold("Skills & Tools:"), "skills and tools");
        assert_eq!(fold("Where I’ve Worked"), "where i've worked");
        assert_eq!(fold("  WORK   EXPERIENCE "), "work experience");
    }

    #[test]
    fn quotes_on_word_boundary() {
        assert_eq!(quote("short", 10), "short");
        let q = quote("Built a retrieval pipeline for support tickets and more", 30);
        assert!(q.ends_with('…') && q.len() < 40, "{q}");
    }

    #[test]
    fn line_words_count_as_the_text_does() {
        let mut docs: Vec<ats_parse::Document> = [
            "Jane Doe\njane@example.com | +1 415\n\nExperience\n- Built  a model\u{a0}x\nnaïve café 東京",
            "\n\n one \n",
        ]
        .iter()
        .map(|t| ats_parse::extract(t.as_bytes(), &ats_parse::Limits::default()).expect("text parses"))
        .collect();
        // A hand-built document whose text is not its lines.
        docs.push(ats_parse::Document {
            text: "a b c".into(),
            ..ats_parse::Document::default()
        });
        // Lines that touch: one word of the text spans both.
        let line = |text: &str, start: usize| ats_parse::Line {
            text: text.into(),
            start,
            ..ats_parse::Line::default()
        };
        docs.push(ats_parse::Document {
            text: "abcd".into(),
            lines: vec![line("ab", 0), line("cd", 2)],
            ..ats_parse::Document::default()
        });
        for doc in &docs {
            let w = LineWords::new(doc);
            assert_eq!(w.total(), word_count(&doc.text));
            let n = doc.text.len();
            for a in 0..=n {
                for b in a..=n {
                    let want = doc.text.get(a..b).map_or(0, word_count);
                    assert_eq!(w.in_range(a..b), want, "{:?} {a}..{b}", doc.text);
                }
            }
        }
    }

    #[test]
    fn lower_lookups_match_to_lowercase() {
        let list = ["about", "by", "k", "kg", "of", "to", "×", "über"];
        for w in [
            "",
            "About",
            "ABOUT",
            "abouts",
            "by",
            "By",
            "K",
            "\u{212a}",
            "\u{212a}g",
            "KG",
            "Of",
            "oF",
            "TO",
            "×",
            "Über",
            "ÜBER",
            "uber",
            "ab",
            "zz",
            "a\u{301}",
        ] {
            let lower = w.to_lowercase();
            assert_eq!(in_sorted_lower(&list, w), in_sorted(&list, &lower), "{w:?}");
            assert_eq!(lower_is_any(w, &list), list.contains(&lower.as_str()), "{w:?}");
        }
    }

    /// `words` as it was, over `char_indices`.
    fn words_by_char(s: &str) -> Vec<(usize, &str)> {
        fn is_joiner(c: char) -> bool {
            matches!(c, '\'' | '’' | '-' | '.' | '/' | '+' | '#' | '&')
        }
        fn push<'a>(s: &'a str, from: usize, to: usize, out: &mut Vec<(usize, &'a str)>) {
            let w = s[from..to].trim_end_matches(|c: char| is_joiner(c) && c != '+' && c != '#');
            if !w.is_empty() {
                out.push((from, w));
            }
        }
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in s.char_indices() {
            match start {
                None if c.is_alphanumeric() => start = Some(i),
                None => {}
                Some(from) if !(c.is_alphanumeric() || is_joiner(c)) => {
                    push(s, from, i, &mut out);
                    start = None;
                }
                Some(_) => {}
            }
        }
        if let Some(from) = start {
            push(s, from, s.len(), &mut out);
        }
        out
    }

    /// Letters, digits, the joiners, white space of several kinds and a few non-ASCII letters
    /// and marks: what the fast paths branch on.
    const TEXT_PATTERN: &str =
        "([a-zA-Z0-9 '’./+#&,;()\\t\\n-]|[éßÉ東½Ⅻ\u{a0}\u{2003}\u{85}\u{3000}\u{301}\u{200b}—•–]|.){0,40}";

    proptest::proptest! {
        #[test]
        fn words_match_char_walk_on_generated_text(s in TEXT_PATTERN) {
            proptest::prop_assert_eq!(words(&s), words_by_char(&s));
        }

        #[test]
        fn word_count_is_split_whitespace_with_a_letter_or_digit(s in TEXT_PATTERN) {
            let want = s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
            proptest::prop_assert_eq!(word_count(&s), want);
        }
    }

    #[test]
    fn words_match_char_walk() {
        for s in [
            "",
            "I/O, C++ and Node.js (e-mail).",
            "Zoë’s naïve café—東京 R&D #1 ’quoted’ it's-",
            "x\u{a0}y\u{2003}z..//++## ½ Ⅻ",
            "—•– 3.5x faster; 40% less",
        ] {
            assert_eq!(words(s), words_by_char(s), "{s:?}");
        }
    }
}
