//! Tokens for keyword matching: Unicode word bounds (UAX #29, via `unicode-segmentation`),
//! then a few repairs so that the symbols recruiters search for stay in one piece.
//!
//! - `C++`, `C#`, `F#` (a word glued to `++`/`#`) are one token; `.NET` (a dot glued to the
//!   front of a word, not after a letter) is one token; `R&D`, `Q&A`, `AT&T` (words glued by
//!   `&`) are one token, while a spaced `&` becomes the word `and` ("Weights & Biases").
//! - Hyphens, slashes and underscores glued to a word are joiners, like a space: `scikit-learn`,
//!   `CI/CD`, `A/B`, `TCP/IP`, `PL/SQL` and `fine-tuning` are token sequences, so the hyphen,
//!   space and slash variants of a term read the same (the no-space variant, `finetuning`, is
//!   handled by the matcher with a concatenated pattern).
//! - Any other punctuation (comma, period, colon, bullet glyph, parenthesis, a spaced dash, a
//!   blank line) is a barrier: a multi-word term never matches across it ("Spark, SQL" is not
//!   "Spark SQL").
//! - UAX #29 keeps `Node.js`, `ASP.NET`, `Ph.D` and `3.5` whole; a word glued to a capitalised
//!   word by a missing space after a period ("Python.Deployed") and words glued by `:` are split.
//! - URLs and e-mail addresses are skipped: a link path is not a skill.
//!
//! Each token keeps its byte span in the source text (case and context rules read the text as
//! written), its lowercase form, and its Snowball stem (verb, noun and plural forms grouped).

use unicode_segmentation::UnicodeSegmentation;

/// One token of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the token in the source text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lowercase form, possessive `'s` removed; `and` for a spaced `&`: a byte range of
    /// [`Tokens::folded`], read with [`Tokens::lower`].
    lower: (usize, usize),
    /// Stem of the lowercase form (see [`stem`]), read with [`Tokens::stem`].
    stem: (usize, usize),
    /// Punctuation other than a joiner (or the start of the text) separates it from the
    /// previous token.
    pub barrier_before: bool,
    /// First token of a line or of a sentence (after `.`, `!`, `?` or a bullet glyph).
    pub sentence_start: bool,
    /// What is known of the lowercase form's characters (known for most words), so readers
    /// can skip `char` decoding.
    plain: Plain,
}

/// What the tokenizer knows of a token's lowercase form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plain {
    /// ASCII letters only.
    Letters,
    /// ASCII letters and digits only.
    Alnum,
    /// Not known.
    Unknown,
}

impl Token {
    /// The lowercase form is ASCII letters and digits only (when false it may still be).
    #[inline]
    pub fn is_plain(&self) -> bool {
        self.plain != Plain::Unknown
    }

    /// The lowercase form is ASCII letters only (when false it may still be).
    #[inline]
    pub fn is_letters(&self) -> bool {
        self.plain == Plain::Letters
    }

    /// The token as written.
    #[inline]
    pub fn raw<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The token is a word written with a capital first letter and some lowercase letters
    /// ("Smith", "Series"), as opposed to an acronym or a lowercase word.
    #[inline]
    pub fn is_capitalised(&self, text: &str) -> bool {
        let raw = self.raw(text);
        let mut chars = raw.chars();
        matches!(chars.next(), Some(c) if c.is_uppercase()) && chars.any(char::is_lowercase)
    }

    /// The token starts with a lowercase letter.
    #[inline]
    pub fn is_lowercase_word(&self, text: &str) -> bool {
        matches!(self.raw(text).chars().next(), Some(c) if c.is_lowercase())
    }
}

/// The tokens of a text, read as a slice of [`Token`]s. Their lowercase forms and stems live
/// back to back in one buffer instead of two `String`s per token: the allocations (and frees)
/// were about a third of the tokenizer's instructions and most of dropping a scan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tokens {
    list: Vec<Token>,
    /// Every token's lowercase form, each followed by its stem when the stem is not a prefix
    /// of it.
    folded: String,
    /// Byte ranges of the URLs and e-mail addresses skipped (found by [`segments`]).
    urls: Vec<(usize, usize)>,
}

impl std::ops::Deref for Tokens {
    type Target = [Token];

    #[inline]
    fn deref(&self) -> &[Token] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Tokens {
    type Item = &'a Token;
    type IntoIter = std::slice::Iter<'a, Token>;

    #[inline]
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl Tokens {
    /// Byte ranges of the text's URLs and e-mail addresses (whitespace-delimited chunks), sorted.
    #[inline]
    pub fn urls(&self) -> &[(usize, usize)] {
        &self.urls
    }

    /// Lowercase form of `t`, a token of this list: possessive `'s` removed, `and` for a spaced
    /// `&`.
    #[inline]
    pub fn lower(&self, t: &Token) -> &str {
        self.folded.get(t.lower.0..t.lower.1).unwrap_or("")
    }

    /// Stem of [`Tokens::lower`] (see [`stem`]).
    #[inline]
    pub fn stem(&self, t: &Token) -> &str {
        self.folded.get(t.stem.0..t.stem.1).unwrap_or("")
    }

    /// Appends a token whose lowercase form is `raw` lowercased, possessive removed.
    fn push(&mut self, start: usize, end: usize, raw: &str, barrier: bool, sentence: bool, plain: Plain) {
        let f = &mut self.folded;
        let lo = f.len();
        if raw.is_ascii() {
            f.push_str(raw);
            f[lo..].make_ascii_lowercase();
        } else {
            f.push_str(&raw.to_lowercase());
        }
        let kept = strip_possessive(&f[lo..]).len();
        f.truncate(lo + kept);
        let lower = (lo, f.len());
        let stemmed = if plain == Plain::Letters {
            stem_of_letters(&f[lo..])
        } else {
            stem_parts(&f[lo..])
        };
        let stem = if f[lo..].starts_with(&*stemmed) {
            (lo, lo + stemmed.len())
        } else {
            // "happily" -> "happili": the stem is not a prefix, store it after the form.
            let stemmed = stemmed.into_owned();
            let at = f.len();
            f.push_str(&stemmed);
            (at, f.len())
        };
        self.list.push(Token {
            start,
            end,
            lower,
            stem,
            barrier_before: barrier,
            sentence_start: sentence,
            plain,
        });
    }
}

/// Splits `text` into tokens (see the module docs).
pub fn tokenize(text: &str) -> Tokens {
    let (segs, masked) = segments(text);
    let mut out = Tokens {
        list: Vec::with_capacity(segs.len() / 2 + 1),
        folded: String::with_capacity(text.len() + 16),
        urls: Vec::new(),
    };
    let mut barrier = true;
    let mut sentence = true;
    let mut newlines = 0usize;
    let mut dot_prefix: Option<usize> = None;
    let mut mask_idx = 0usize;
    let mut i = 0usize;

    while i < segs.len() {
        let Seg { off, s: seg, kind } = segs[i];
        while mask_idx < masked.len() && masked[mask_idx].1 <= off {
            mask_idx += 1;
        }
        if mask_idx < masked.len() && masked[mask_idx].0 <= off {
            barrier = true;
            dot_prefix = None;
            i += 1;
            continue;
        }
        if kind == SegKind::Space || (kind == SegKind::Other && seg.chars().next().unwrap_or(' ').is_whitespace()) {
            let nl = seg.bytes().filter(|&b| b == b'\n').count();
            if nl > 0 {
                newlines += nl;
                sentence = true;
                if newlines >= 2 {
                    barrier = true;
                }
            }
            dot_prefix = None;
            i += 1;
            continue;
        }
        let alnum = matches!(kind, SegKind::Alnum | SegKind::Letters);
        if alnum || is_word(seg) {
            // Glue what follows: `++`, `#`, `&word`.
            let start = match dot_prefix.take() {
                Some(dot) if dot + 1 == off => dot,
                _ => off,
            };
            let mut end = off + seg.len();
            let mut j = i + 1;
            loop {
                match (segs.get(j).map(|s| s.s), segs.get(j + 1).map(|s| s.s)) {
                    (Some("+"), Some("+")) => {
                        end += 2;
                        j += 2;
                        break;
                    }
                    (Some("#"), _) => {
                        end += 1;
                        j += 1;
                        break;
                    }
                    (Some("&"), Some(w)) if is_word(w) => {
                        end += 1 + w.len();
                        j += 2;
                    }
                    _ => break,
                }
            }
            if alnum && start == off && j == i + 1 {
                // ASCII letters and digits alone: nothing to split.
                let plain = if kind == SegKind::Letters {
                    Plain::Letters
                } else {
                    Plain::Alnum
                };
                out.push(start, end, seg, barrier, sentence, plain);
                barrier = false;
                sentence = false;
                newlines = 0;
                i = j;
                continue;
            }
            // Split on `:` and on a period that glues two sentences ("Python.Deployed").
            let word = &text[start..end];
            let mut piece_start = 0usize;
            let mut first_piece = true;
            for (at, kind) in split_points(word).into_iter().chain(std::iter::once((word.len(), ' '))) {
                let piece = &word[piece_start..at];
                if is_word(piece) {
                    out.push(
                        start + piece_start,
                        start + at,
                        piece,
                        barrier || !first_piece,
                        sentence,
                        Plain::Unknown,
                    );
                    barrier = false;
                    sentence = false;
                }
                first_piece = false;
                if kind == '.' {
                    sentence = true;
                }
                piece_start = (at + 1).min(word.len());
            }
            newlines = 0;
            i = j;
            continue;
        }
        // Punctuation and symbols.
        let before = text[..off].chars().next_back();
        let after = text[off + seg.len()..].chars().next();
        let spaced_before = before.is_none_or(char::is_whitespace);
        let spaced_after = after.is_none_or(char::is_whitespace);
        match seg {
            "-" | "/" | "_" | "\u{2010}" | "\u{2011}" => {
                if spaced_before && spaced_after {
                    barrier = true;
                }
            }
            "&" => {
                out.push(off, off + 1, "and", barrier, false, Plain::Letters);
                barrier = false;
                sentence = false;
                newlines = 0;
            }
            "." if !before.is_some_and(char::is_alphanumeric)
                && segs.get(i + 1).is_some_and(|n| n.off == off + 1 && is_word(n.s)) =>
            {
                dot_prefix = Some(off);
            }
            "." | "!" | "?" => {
                barrier = true;
                if spaced_after {
                    sentence = true;
                }
            }
            "•" | "◦" | "▪" | "‣" | "●" | "■" | "►" | "*" | "·" => {
                barrier = true;
                let line_before = text[..off].trim_end_matches([' ', '\t']);
                if line_before.is_empty() || line_before.ends_with('\n') {
                    sentence = true;
                }
            }
            _ => barrier = true,
        }
        i += 1;
    }
    out.urls = masked;
    out
}

/// What the tokenizer knows of a segment from splitting it, so it need not read it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SegKind {
    /// A run of ASCII white space.
    Space,
    /// ASCII letters and digits only.
    Alnum,
    /// ASCII letters only.
    Letters,
    /// Anything else, from the segmenter or a lone mark.
    Other,
}

/// One word-bound segment: its byte offset, its text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Seg<'a> {
    off: usize,
    s: &'a str,
    kind: SegKind,
}

/// Byte classes for [`segments`]: one table look-up per byte instead of several tests.
const WS: u8 = 1;
const ALNUM: u8 = 2;
/// `_ . , ; : ' "`: marks UAX #29 may keep inside a word (see [`joins_in_uax29`]).
const JOIN: u8 = 4;
const NON_ASCII: u8 = 8;
/// ASCII digits: a chunk of letters and digits without one is letters only.
const DIGIT: u8 = 32;
/// `. @ :`: a chunk without one is no URL or e-mail address (see `url_in_chunk`).
const MARK: u8 = 16;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut k = 0;
        if c.is_ascii_whitespace() {
            k |= WS;
        }
        if c.is_ascii_alphanumeric() {
            k |= ALNUM;
        }
        if matches!(c, b'_' | b'.' | b',' | b';' | b':' | b'\'' | b'"') {
            k |= JOIN;
        }
        if !c.is_ascii() {
            k |= NON_ASCII;
        }
        if matches!(c, b'.' | b'@' | b':') {
            k |= MARK;
        }
        if c.is_ascii_digit() {
            k |= DIGIT;
        }
        t[b] = k;
        b += 1;
    }
    t
};

/// Word-bound segments (UAX #29) of `text`, and the byte ranges of its URLs and e-mail
/// addresses (see `url_in_chunk`), in one pass over the text. Whitespace runs are one segment; a
/// chunk between whitespace made of ASCII letters and digits, with simple punctuation before or
/// after it, is split without running the segmenter (for such a chunk UAX #29 gives the same
/// segments: the letters and digits are one word, WB8–WB10, and each mark stands alone), and so
/// is an ASCII chunk whose marks never join a word (see [`joins_in_uax29`]), which makes the
/// common case several times faster; any other chunk goes through `split_word_bound_indices`.
fn segments(text: &str) -> (Vec<Seg<'_>>, Vec<(usize, usize)>) {
    let mut segs = Vec::with_capacity(text.len() / 3);
    let mut urls = Vec::new();
    let bytes = text.as_bytes();
    let class = |b: u8| CLASS[usize::from(b)];
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if class(bytes[i]) & WS != 0 {
            while i < bytes.len() && class(bytes[i]) & WS != 0 {
                i += 1;
            }
            segs.push(Seg {
                off: start,
                s: &text[start..i],
                kind: SegKind::Space,
            });
            continue;
        }
        // The chunk up to the next white space: the classes of its bytes, and how many are not
        // ASCII letters or digits.
        let mut seen = 0u8;
        let mut not_alnum = 0usize;
        while i < bytes.len() {
            let c = class(bytes[i]);
            if c & WS != 0 {
                break;
            }
            seen |= c;
            not_alnum += usize::from(c & ALNUM == 0);
            i += 1;
        }
        let chunk = &text[start..i];
        if seen & MARK != 0 {
            if let Some((a, b)) = url_in_chunk(chunk) {
                urls.push((start + a, start + b));
            }
        }
        if not_alnum == 0 {
            segs.push(Seg {
                off: start,
                s: chunk,
                kind: if seen & DIGIT == 0 {
                    SegKind::Letters
                } else {
                    SegKind::Alnum
                },
            });
            continue;
        }
        // Fast path: opening punctuation, ASCII letters and digits, closing punctuation
        // ("(Python),"): UAX #29 breaks around each punctuation mark here and keeps the letters
        // and digits together, so split it directly.
        let b = chunk.as_bytes();
        let open = b.iter().take_while(|c| matches!(c, b'(' | b'[' | b'"' | b'\'')).count();
        let close = b[open..]
            .iter()
            .rev()
            .take_while(|c| matches!(c, b',' | b';' | b':' | b'.' | b')' | b']' | b'!' | b'?' | b'"' | b'\''))
            .count();
        let single = |k: usize| Seg {
            off: start + k,
            s: &chunk[k..k + 1],
            kind: SegKind::Other,
        };
        // The marks before and after are not letters or digits: the core is all letters and
        // digits when nothing else is.
        if open + close < b.len() && not_alnum == open + close {
            segs.extend((0..open).map(single));
            segs.push(Seg {
                off: start + open,
                s: &chunk[open..b.len() - close],
                kind: SegKind::Alnum,
            });
            segs.extend((b.len() - close..b.len()).map(single));
        } else if seen & (JOIN | NON_ASCII) == 0 {
            // ASCII letters and digits with marks that never join ("scikit-learn", "CI/CD",
            // "C++", "2019-2021"): UAX #29 keeps each run of letters and digits together and
            // breaks around every other character, so split it directly.
            let mut k = 0;
            while k < b.len() {
                let from = k;
                if b[k].is_ascii_alphanumeric() {
                    while k < b.len() && b[k].is_ascii_alphanumeric() {
                        k += 1;
                    }
                    segs.push(Seg {
                        off: start + from,
                        s: &chunk[from..k],
                        kind: SegKind::Alnum,
                    });
                } else {
                    k += 1;
                    segs.push(single(from));
                }
            }
        } else {
            segs.extend(chunk.split_word_bound_indices().map(|(o, s)| Seg {
                off: start + o,
                s,
                kind: SegKind::Other,
            }));
        }
    }
    (segs, urls)
}

/// ASCII characters that UAX #29 may keep inside a word (letters, digits, `_` and the
/// mid-word marks `. , ; : ' "`); every other ASCII character (not white space) is a word of its
/// own. [`segments`] reads this from its class table.
#[cfg(test)]
fn joins_in_uax29(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b',' | b';' | b':' | b'\'' | b'"')
}

/// Where to split a glued word: at `:` ("Skills:Python") and at a period between a word of
/// two or more letters and a capitalised word ("Python.Deployed", a missing space), which
/// UAX #29 keeps together. `Node.js`, `ASP.NET`, `Ph.D`, `3.5` stay whole. Returns
/// `(byte index of the separator, separator)` pairs.
fn split_points(word: &str) -> Vec<(usize, char)> {
    let mut points = Vec::new();
    if !word.bytes().any(|b| b == b':' || b == b'.') {
        return points;
    }
    for (idx, c) in word.char_indices() {
        match c {
            ':' if idx > 0 => points.push((idx, ':')),
            '.' => {
                let left_letters = word[..idx].chars().rev().take_while(|c| c.is_alphabetic()).count();
                let mut right = word[idx + 1..].chars();
                if let (Some(a), Some(b)) = (right.next(), right.next()) {
                    if left_letters >= 2 && a.is_uppercase() && b.is_lowercase() {
                        points.push((idx, '.'));
                    }
                }
            }
            _ => {}
        }
    }
    points
}

fn strip_possessive(lower: &str) -> &str {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"))
        .filter(|s| !s.is_empty())
        .unwrap_or(lower)
}

fn is_word(seg: &str) -> bool {
    // Most words start with an ASCII letter or digit: no `char` decoding for them.
    seg.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) || seg.chars().any(char::is_alphanumeric)
}

/// Byte ranges of URLs and e-mail addresses (whitespace-delimited chunks), sorted. The
/// tokenizer finds the same while splitting ([`segments`]); this is the plain version.
#[cfg(test)]
pub fn url_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut marked = false;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            marked |= matches!(bytes[i], b'.' | b'@' | b':');
            i += 1;
        }
        if !marked {
            continue;
        }
        if let Some((a, b)) = url_in_chunk(&text[start..i]) {
            spans.push((start + a, start + b));
        }
    }
    spans
}

/// The URL or e-mail address a whitespace-delimited chunk holds, brackets, quotes and closing
/// punctuation trimmed: its byte range in the chunk.
fn url_in_chunk(word: &str) -> Option<(usize, usize)> {
    let trimmed = word.trim_start_matches(['(', '<', '[', '"', '\'']);
    let lead = word.len() - trimmed.len();
    let trimmed = trimmed.trim_end_matches([')', '>', ']', '"', '\'', ',', ';', '.', ':']);
    looks_like_url(trimmed).then_some((lead, lead + trimmed.len()))
}

/// A chunk that is a URL, a bare domain with a path, or an e-mail address.
pub fn looks_like_url(chunk: &str) -> bool {
    if chunk.len() < 4 {
        return false;
    }
    if chunk.contains("://") || chunk.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        return true;
    }
    if let Some(at) = chunk.find('@') {
        return at > 0 && chunk[at..].contains('.');
    }
    // A bare domain, `label.tld` or `label.tld/path`, with a lowercase top-level domain as
    // written (so `ASP.NET` is not a domain).
    let host = chunk.split('/').next().unwrap_or("");
    let Some(dot) = host.rfind('.') else {
        return false;
    };
    let tld = &host[dot + 1..];
    const TLDS: &[&str] = &[
        "com", "io", "ai", "org", "net", "dev", "co", "me", "app", "edu", "page", "site", "xyz", "tech", "info",
    ];
    dot > 0 && TLDS.contains(&tld)
}

/// Words shorter than this keep their form: short words are mostly acronyms and names ("AWS",
/// "Go", "SQL", "ONNX" is four), which a stemmer would only blur.
const MIN_STEMMED_LETTERS: usize = 4;

/// Agent nouns a stem keeps after Snowball that name the doer of a `-ction` skill: `detector`,
/// `extractor`, `predictor` lose `or`, so "object detectors" meets "object detection".
const AGENT_SUFFIX: &str = "ctor";

/// The stem of a lowercase word: Snowball English (`rust-stemmers`), so the verb and noun forms
/// of a skill meet (`deployed`/`deploying`/`deployment` → `deploy`, `served`/`serving` →
/// `serv`, `mentored`/`mentoring` → `mentor`, `detectors`/`detection` → `detect`). Only
/// all-letter words of [`MIN_STEMMED_LETTERS`] or more change, and the same function runs on the
/// terms and on the text, so a stem never has to be a real word, only the same for both.
pub fn stem(lower: &str) -> String {
    stem_parts(lower).into_owned()
}

/// [`stem`] borrowing `lower` when the word is not stemmed.
fn stem_parts(lower: &str) -> std::borrow::Cow<'_, str> {
    if lower.len() < MIN_STEMMED_LETTERS {
        return std::borrow::Cow::Borrowed(lower);
    }
    // All letters: checked on the bytes when they are ASCII letters (the usual case).
    let b = lower.as_bytes();
    let letters = b.iter().all(u8::is_ascii_alphabetic) || (!b.is_ascii() && lower.chars().all(char::is_alphabetic));
    if !letters || lower.chars().count() < MIN_STEMMED_LETTERS {
        return std::borrow::Cow::Borrowed(lower);
    }
    stem_of_letters(lower)
}

/// Words whose stems are remembered, per thread, before the memory is cleared: a batch meets
/// the same few thousand words in every résumé, and Snowball costs ~3,700 instructions a word
/// where a lookup costs a few hundred (`scripts/icount.sh`: a batch of 61 PDFs took 243M
/// instructions without it, 222M with it).
const STEM_MEMORY_WORDS: usize = 16_384;
/// Longer words are stemmed every time: they are rare, and a hostile text of long distinct
/// words must not fill the memory with them.
const STEM_MEMORY_MAX_BYTES: usize = 24;

thread_local! {
    static STEM_MEMORY: std::cell::RefCell<std::collections::HashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// [`stem_parts`] of a word known to be all letters, remembered (see [`STEM_MEMORY_WORDS`]).
fn stem_of_letters(lower: &str) -> std::borrow::Cow<'_, str> {
    if lower.len() < MIN_STEMMED_LETTERS {
        return std::borrow::Cow::Borrowed(lower);
    }
    if lower.len() > STEM_MEMORY_MAX_BYTES {
        return snowball_stem(lower);
    }
    let known = STEM_MEMORY.with(|m| {
        m.borrow()
            .get(lower)
            .map(|s| if **s == *lower { None } else { Some(String::from(&**s)) })
    });
    match known {
        Some(None) => std::borrow::Cow::Borrowed(lower),
        Some(Some(stem)) => std::borrow::Cow::Owned(stem),
        None => {
            let stem = snowball_stem(lower);
            STEM_MEMORY.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= STEM_MEMORY_WORDS {
                    m.clear();
                }
                m.insert(lower.into(), (*stem).into());
            });
            stem
        }
    }
}

/// Snowball English with the adjustments below, for a word of letters.
fn snowball_stem(lower: &str) -> std::borrow::Cow<'_, str> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut s = stemmer.stem(lower);
    // Names end in a vowel and `s` more often than plurals do ("Pandas", "Canvas", "Redis"):
    // Snowball's plural `s` is kept there.
    if s.len() + 1 == lower.len() && ["as", "is", "us"].iter().any(|e| lower.ends_with(e)) {
        return std::borrow::Cow::Borrowed(lower);
    }
    // Snowball keeps the `s` of a word without vowels: the plural of an acronym ("LLMs", "CNNs").
    if s.len() == lower.len()
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.contains(['a', 'e', 'i', 'o', 'u', 'y'])
    {
        s = std::borrow::Cow::Borrowed(&lower[..lower.len() - 1]);
    }
    // A stem ending in `ctor` is at least a verb's length plus the suffix: `actor` and `factor`
    // are words of their own.
    if s.len() >= AGENT_SUFFIX.len() + 4 && s.ends_with(AGENT_SUFFIX) {
        let keep = s.len() - 2;
        match &mut s {
            std::borrow::Cow::Borrowed(b) => *b = &b[..keep],
            std::borrow::Cow::Owned(o) => o.truncate(keep),
        }
    }
    s
}

/// Lowercase letters and digits (and `+`, `#`) only: "sci-kit learn" and "scikit-learn" both
/// squash to `scikitlearn`. Used to find near forms.
pub fn squash(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == '+' || *c == '#')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `segments` without its fast paths.
    fn uax29_segments(text: &str) -> Vec<(usize, &str)> {
        let mut segs = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            let ws = bytes[i].is_ascii_whitespace();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() == ws {
                i += 1;
            }
            if ws {
                segs.push((start, &text[start..i]));
            } else {
                segs.extend(text[start..i].split_word_bound_indices().map(|(o, s)| (start + o, s)));
            }
        }
        segs
    }

    #[test]
    fn remembered_stems_are_the_stems() {
        let words = [
            "deployed",
            "deployment",
            "serving",
            "pandas",
            "llms",
            "detectors",
            "mentoring",
        ];
        for _ in 0..2 {
            for w in words {
                assert_eq!(stem_of_letters(w), snowball_stem(w), "{w}");
            }
        }
        // Past the memory's size it starts again, and still answers the same.
        for i in 0..STEM_MEMORY_WORDS + 10 {
            let w: String = format!("{i:x}")
                .chars()
                .map(|c| char::from(b'g' + (c as u8 % 16)))
                .collect();
            let w = format!("word{w}");
            assert_eq!(stem_of_letters(&w), snowball_stem(&w));
        }
        assert_eq!(stem_of_letters("deployment"), "deploy");
    }

    #[test]
    fn segments_match_uax29() {
        // Every ASCII character and a few others, in random short chunks.
        let mut alphabet: Vec<char> = (0u8..128).map(char::from).collect();
        alphabet.extend(['é', '’', '–', '•', '\u{200d}', 'ß', '٣', 'ア', '\u{0301}']);
        let mut random = ats_testkit::xorshift(0x9e37_79b9_7f4a_7c15);
        let mut next = |m: usize| (random() % m as u64) as usize;
        for _ in 0..20_000 {
            let len = 1 + next(12);
            let text: String = (0..len)
                .map(|_| {
                    // Mostly letters and digits, as in words.
                    match next(3) {
                        0 => alphabet[next(alphabet.len())],
                        1 => char::from(b'a' + next(26) as u8),
                        _ => char::from(b'0' + next(10) as u8),
                    }
                })
                .collect();
            check_segments(&text);
        }
        for text in [
            "scikit-learn C++ C# CI/CD A/B 2019-2021 Node.js e.g. x_y R&D (PyTorch), \"quoted\" it's 1,000 a:b",
            "-- / + # & * @ ! ? ( ) [ ] { } < > = | ~ ^ ` $ % \u{b}",
        ] {
            check_segments(text);
        }
        // The corpus's pdftotext references, when the corpus is there.
        for dir in ["fictional", "ats-risk"] {
            let Ok(entries) = std::fs::read_dir(ats_testkit::corpus_path().join(dir)) else {
                continue;
            };
            for e in entries.flatten() {
                if e.path().extension().is_some_and(|x| x == "txt") {
                    if let Ok(text) = std::fs::read_to_string(e.path()) {
                        check_segments(&text);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// The hand-written segmenter against unicode-segmentation, on text made of what it
        /// branches on (ASCII letters, digits, joiners, URL and e-mail marks) and any char.
        #[test]
        fn segments_match_uax29_on_generated_text(
            text in "([a-zA-Z0-9 .,;:'\"_/@+#&()\\-]|[é’–•ßア٣\u{200d}\u{301}]|https?://|www\\.|.){0,30}"
        ) {
            check_segments(&text);
        }
    }

    /// `segments` gives UAX #29's segments, kinds that hold, and `url_spans`.
    fn check_segments(text: &str) {
        let (segs, urls) = segments(text);
        let plain: Vec<(usize, &str)> = segs.iter().map(|s| (s.off, s.s)).collect();
        assert_eq!(plain, uax29_segments(text), "{text:?}");
        assert_eq!(urls, url_spans(text), "{text:?}");
        for s in &segs {
            match s.kind {
                SegKind::Space => assert!(s.s.bytes().all(|b| b.is_ascii_whitespace()), "{s:?}"),
                SegKind::Letters => assert!(!s.s.is_empty() && s.s.bytes().all(|b| b.is_ascii_alphabetic()), "{s:?}"),
                SegKind::Alnum => assert!(
                    !s.s.is_empty() && s.s.bytes().all(|b| b.is_ascii_alphanumeric()),
                    "{s:?}"
                ),
                SegKind::Other => {}
            }
        }
        let toks = tokenize(text);
        for t in toks.iter().filter(|t| t.is_plain()) {
            let lower = toks.lower(t);
            assert!(
                !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_alphanumeric()),
                "{lower:?}"
            );
            assert!(
                !t.is_letters() || lower.bytes().all(|b| b.is_ascii_alphabetic()),
                "{lower:?}"
            );
            assert_eq!(toks.stem(t), stem(lower), "{lower:?}");
        }
        for c in 0u8..=255 {
            assert_eq!(
                CLASS[usize::from(c)] & (ALNUM | JOIN) != 0,
                c.is_ascii() && joins_in_uax29(c),
                "{c}"
            );
        }
    }

    #[test]
    fn only_words_of_letters_are_stemmed() {
        for w in [
            "models",
            "naïve",
            "façades",
            "libraries",
            "testing",
            "gpt4s",
            "a-bs",
            "ml",
            "straßes",
            "ｓｔｅｍｓ",
        ] {
            let stemmed = stem_parts(w);
            let letters = w.chars().all(char::is_alphabetic);
            if !letters || w.chars().count() < MIN_STEMMED_LETTERS {
                assert_eq!(stemmed, w, "{w}");
            }
        }
        assert_eq!(stem("libraries"), stem("library"));
        assert_eq!(stem("naïves"), stem("naïve"));
    }

    #[test]
    fn is_word_as_before() {
        for s in ["a", "A1", "9", "-", "_", "é", "’", "-a", "", "•x", "٣"] {
            assert_eq!(is_word(s), s.chars().any(char::is_alphanumeric), "{s:?}");
        }
    }
}
