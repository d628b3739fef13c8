//! What a recruiter reads in a bullet: a measurable result, an action verb first, no weak
//! opener, buzzword, first-person pronoun or passive voice, and a readable length.

use super::lexicon::{is_action_verb, BUZZWORDS, PARTICIPLES, RECOGNITION, WEAK_OPENERS};
use super::quantify::{first_figure, Figure};
use crate::read::text::{in_sorted, is_capitalised, words};

/// Longer than this many words reads as a paragraph (about two lines).
pub(crate) const MAX_WORDS: usize = 35;
/// Shorter than this many words says too little to judge.
pub(crate) const MIN_WORDS: usize = 5;

/// What one bullet holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct BulletFacts {
    pub words: usize,
    pub figure: Option<Figure>,
    pub action_led: bool,
    /// The weak opener it starts with, as written.
    pub weak_opener: Option<String>,
    /// The first word when it is not an action verb.
    pub first_word: Option<String>,
    /// Buzzwords as written, with byte offsets in the bullet.
    pub buzzwords: Vec<(String, usize)>,
    /// A first-person pronoun as written, with its byte offset.
    pub first_person: Option<(String, usize)>,
    /// A passive construction as written ("was developed"), with its byte offset.
    pub passive: Option<(String, usize)>,
}

/// Buzzwords in `s` with byte offsets: whole words only, the longest at each place, ASCII case
/// ignored. A plain scan at each word start: the list is a few dozen short phrases and bullets
/// are short, and building an Aho-Corasick automaton for them cost more (~1M instructions, a
/// tenth of a one-résumé CLI run) than every scan of a résumé together.
pub(crate) fn buzzwords(s: &str) -> Vec<(String, usize)> {
    let joins = |c: char| c.is_alphanumeric() || c == '-';
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut prev_joins = false;
    let mut skip_to = 0;
    // Word starts found byte by byte with a table, skipping the rest of each word in a tight
    // loop and decoding only non-ASCII chars (no phrase starts with one): `char_indices` and
    // `is_alphanumeric` on every char were ~20 instructions a byte.
    let mut next = 0;
    while next < bytes.len() {
        let at = next;
        let class = BUZZ_CLASS[usize::from(bytes[at])];
        if class == NON_ASCII {
            let c = s[at..].chars().next().unwrap_or(' ');
            prev_joins = joins(c);
            next += c.len_utf8();
            continue;
        }
        next += 1;
        if class == 0 {
            prev_joins = false;
            continue;
        }
        // A letter, digit or '-': the bytes joined to it start no word.
        let starts_word = at >= skip_to && !prev_joins;
        while next < bytes.len() && matches!(BUZZ_CLASS[usize::from(bytes[next])], LETTER | JOINS) {
            next += 1;
        }
        prev_joins = true;
        if !starts_word || class != LETTER {
            continue;
        }
        // BUZZWORDS is sorted: the phrases starting with this letter are one run of it.
        let first = bytes[at].to_ascii_lowercase();
        let from = BUZZWORDS.partition_point(|b| b.as_bytes()[0] < first);
        let longest = BUZZWORDS[from..]
            .iter()
            .take_while(|b| b.as_bytes()[0] == first)
            .filter(|b| {
                // The second letter first: it rules out most phrases at once.
                bytes.get(at + 1).map(u8::to_ascii_lowercase) == b.as_bytes().get(1).copied()
                    && bytes
                        .get(at..at + b.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(b.as_bytes()))
                    && !s[at + b.len()..].chars().next().is_some_and(joins)
            })
            .map(|b| b.len())
            .max();
        if let Some(len) = longest {
            out.push((s[at..at + len].to_string(), at));
            skip_to = at + len;
        }
    }
    out
}

/// Byte classes of [`buzzwords`]: an ASCII letter, another byte that joins a word (a digit or
/// '-'), a byte of a non-ASCII char, or 0 for the rest.
const LETTER: u8 = 1;
const JOINS: u8 = 2;
const NON_ASCII: u8 = 3;

static BUZZ_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_digit() || b == b'-' {
            JOINS
        } else {
            0
        };
        i += 1;
    }
    t
};

/// A first-person pronoun (I, me, my, mine, myself) in `s`, not "I/O" or a Roman numeral
/// after a capitalised word ("Phase I").
pub(crate) fn first_person(s: &str) -> Option<(String, usize)> {
    first_person_in(&words(s))
}

fn first_person_in(w: &[(usize, &str)]) -> Option<(String, usize)> {
    for (k, &(at, word)) in w.iter().enumerate() {
        let hit = match word {
            "I" => {
                let prev_capital = k > 0 && is_capitalised(w[k - 1].1) && k - 1 > 0;
                let next_lower = w
                    .get(k + 1)
                    .is_some_and(|(_, n)| n.chars().next().is_some_and(char::is_lowercase));
                !prev_capital
                    && (next_lower
                        || w.get(k + 1)
                            .is_some_and(|(_, n)| n.starts_with("'") || n.starts_with('’')))
            }
            "I'm" | "I’m" | "I've" | "I’ve" | "I'd" | "I’d" | "I'll" | "I’ll" => true,
            "me" | "my" | "mine" | "myself" | "My" | "Me" | "Myself" => true,
            _ => false,
        };
        if hit {
            return Some((word.to_string(), at));
        }
    }
    None
}

/// A passive construction: a form of "be" and a past participle ("was developed", "were
/// built by"), skipping one adverb; recognition ("was promoted") is not flagged.
#[cfg(test)]
pub(crate) fn passive(s: &str) -> Option<(String, usize)> {
    passive_in(s, &words(s))
}

fn passive_in(s: &str, w: &[(usize, &str)]) -> Option<(String, usize)> {
    for (k, &(at, word)) in w.iter().enumerate() {
        if !(word.eq_ignore_ascii_case("was")
            || word.eq_ignore_ascii_case("were")
            || word.eq_ignore_ascii_case("been")
            || word.eq_ignore_ascii_case("being"))
        {
            continue;
        }
        let mut j = k + 1;
        if w.get(j).is_some_and(|(_, a)| a.len() > 4 && a.ends_with("ly")) {
            j += 1;
        }
        let Some(&(p_at, p)) = w.get(j) else { continue };
        let lower = p.to_lowercase();
        if in_sorted(RECOGNITION, &lower) {
            continue;
        }
        let participle = (lower.len() > 4 && lower.ends_with("ed") && lower.chars().all(char::is_alphabetic))
            || in_sorted(PARTICIPLES, &lower);
        if participle {
            let end = p_at + p.len();
            return Some((s[at..end].to_string(), at));
        }
    }
    None
}

/// Bytes of a bullet [`weak_opener`] reads: one more than the longest opener, for the
/// character after it.
const WEAK_OPENER_HEAD: usize = 26;

/// The weak opener `s` starts with, as written.
pub(crate) fn weak_opener(s: &str) -> Option<String> {
    // Every opener is shorter than WEAK_OPENER_HEAD bytes (a test holds the list to that):
    // when the bullet's first bytes are ASCII, comparing them in ASCII lower case is what
    // `to_lowercase` of the whole bullet gave, without the copy.
    let head = &s.as_bytes()[..s.len().min(WEAK_OPENER_HEAD)];
    if !head.is_ascii() {
        return weak_opener_lowered(s);
    }
    WEAK_OPENERS
        .iter()
        .filter(|o| {
            head.get(..o.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(o.as_bytes()))
                && !head.get(o.len()).is_some_and(u8::is_ascii_alphanumeric)
        })
        .max_by_key(|o| o.len())
        .map(|o| s[..o.len()].to_string())
}

/// [`weak_opener`] on a lower-cased copy, for bullets that open with non-ASCII text.
fn weak_opener_lowered(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    WEAK_OPENERS
        .iter()
        .filter(|o| lower.starts_with(*o) && !lower[o.len()..].starts_with(|c: char| c.is_alphanumeric()))
        .max_by_key(|o| o.len())
        .map(|o| s.get(..o.len()).unwrap_or(o).to_string())
}

/// Projects are often written "Name: what it does"; the part after a short name prefix.
pub(crate) fn after_name_prefix(s: &str) -> &str {
    match s.find([':', '—', '–']) {
        Some(i) if i > 0 && s[..i].split_whitespace().count() <= 5 && !s[..i].contains(',') => {
            s[i..].trim_start_matches([':', '—', '–', ' '])
        }
        _ => s,
    }
}

/// Analyses one bullet.
pub(crate) fn analyze(text: &str) -> BulletFacts {
    let words_all = words(text);
    let mut facts = BulletFacts {
        words: crate::read::text::word_count(text),
        figure: first_figure(text),
        ..BulletFacts::default()
    };
    facts.weak_opener = weak_opener(text);
    // The opening word, skipping an adverb ("Successfully led").
    let mut lead = words_all.iter().map(|&(_, w)| w);
    let mut first = lead.next();
    if first.is_some_and(|w| w.len() > 4 && w.ends_with("ly")) {
        first = lead.next();
    }
    if let Some(w) = first {
        // Past-tense verbs outside the list ("Piloted", "Curated") still lead with action.
        let past = if w.is_ascii() {
            // ASCII needs no lower-cased copy: the same length, "ed" in either case.
            w.len() >= 5
                && w.as_bytes()[w.len() - 2..].eq_ignore_ascii_case(b"ed")
                && w.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-')
        } else {
            let lower = w.to_lowercase();
            lower.len() >= 5 && lower.ends_with("ed") && lower.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        facts.action_led = facts.weak_opener.is_none() && (is_action_verb(w) || past);
        if !facts.action_led {
            facts.first_word = Some(w.to_string());
        }
    }
    facts.buzzwords = buzzwords(text);
    facts.first_person = first_person_in(&words_all);
    facts.passive = passive_in(text, &words_all);
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_openers_fit_the_ascii_head() {
        for o in WEAK_OPENERS {
            assert!(o.len() < WEAK_OPENER_HEAD, "{o:?} is too long for weak_opener's head");
        }
    }

    #[test]
    fn action_verbs_and_weak_openers() {
        assert!(analyze("Led a team of 6 engineers").action_led);
        assert!(analyze("Successfully migrated 40 services").action_led);
        assert!(analyze("Piloted GPT-based drafting tools").action_led);
        let f = analyze("Responsible for the data pipeline");
        assert_eq!(f.weak_opener.as_deref(), Some("Responsible for"));
        assert!(!f.action_led);
        assert_eq!(
            analyze("Helped organise the lab reading group").weak_opener.as_deref(),
            Some("Helped")
        );
        assert_eq!(analyze("Helpers for the data team").weak_opener, None);
        assert_eq!(
            analyze("Thesis: control from pixels").first_word.as_deref(),
            Some("Thesis")
        );
    }

    #[test]
    fn buzzwords_whole_words_longest_first() {
        let b = buzzwords("A results-driven team player who can think outside the box.");
        let found: Vec<&str> = b.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(found, ["results-driven", "team player", "think outside the box"]);
        assert!(buzzwords("Built dynamic pricing; motivated the team").is_empty());
        assert!(buzzwords("Passionately argued").is_empty());
        // Non-ASCII around a match, case ignored, the match quoted as written.
        assert_eq!(
            buzzwords("Équipe: Results-Driven, naïve guru—née"),
            vec![("Results-Driven".to_string(), 9), ("guru".to_string(), 32)]
        );
        assert!(buzzwords("überguru é").is_empty());
    }

    #[test]
    fn first_person_pronouns() {
        assert_eq!(first_person("I built the I/O layer").map(|x| x.0), Some("I".into()));
        assert_eq!(first_person("Built my first compiler").map(|x| x.0), Some("my".into()));
        assert_eq!(first_person("Optimised I/O throughput"), None);
        assert_eq!(first_person("Ran Phase I trials"), None);
        assert_eq!(first_person("Built it for ME users"), None);
    }

    #[test]
    fn passive_voice() {
        assert_eq!(
            passive("The model was developed in PyTorch").map(|x| x.0),
            Some("was developed".into())
        );
        assert_eq!(
            passive("Dashboards were built by me").map(|x| x.0),
            Some("were built".into())
        );
        assert_eq!(
            passive("Was quickly adopted by 5 teams").map(|x| x.0),
            Some("Was quickly adopted".into())
        );
        assert_eq!(passive("Was promoted to lead in 2022"), None);
        assert_eq!(passive("Built the model"), None);
    }

    #[test]
    fn project_name_prefix() {
        assert_eq!(
            after_name_prefix("tinyrank: Open-source library"),
            "Open-source library"
        );
        assert_eq!(after_name_prefix("Built X: a library"), "a library");
        assert_eq!(
            after_name_prefix("Built a library, fast: yes"),
            "Built a library, fast: yes"
        );
    }

    #[test]
    fn weak_openers_match_lowered_search() {
        for s in [
            "",
            "Helped",
            "helped to ship",
            "HELPED WITH the launch",
            "Helpers for the team",
            "Responsible for the data pipeline and its nightly jobs",
            "Responsibilities included: on-call",
            "Worked on-call",
            "Worked onboarding",
            "Wor\u{212a}ed on search",
            "Assistedé",
            "Assisted—then led",
            "Duties include: é",
            "Was responsible for 3 services",
        ] {
            assert_eq!(weak_opener(s), weak_opener_lowered(s), "{s:?}");
        }
    }

    /// `buzzwords` as it was, over `char_indices`.
    fn buzzwords_by_char(s: &str) -> Vec<(String, usize)> {
        let joins = |c: char| c.is_alphanumeric() || c == '-';
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        let mut skip_to = 0;
        for (at, c) in s.char_indices() {
            let starts_word = at >= skip_to && !prev.is_some_and(joins);
            prev = Some(c);
            if !starts_word || !c.is_ascii_alphabetic() {
                continue;
            }
            let first = c.to_ascii_lowercase() as u8;
            let longest = BUZZWORDS
                .iter()
                .filter(|b| b.as_bytes()[0] == first)
                .filter(|b| {
                    bytes
                        .get(at..at + b.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(b.as_bytes()))
                        && !s[at + b.len()..].chars().next().is_some_and(joins)
                })
                .map(|b| b.len())
                .max();
            if let Some(len) = longest {
                out.push((s[at..at + len].to_string(), at));
                skip_to = at + len;
            }
        }
        out
    }

    #[test]
    fn buzzwords_match_char_walk() {
        for s in [
            "",
            "A results-driven team player who can think outside the box.",
            "Équipe: Results-Driven, naïve guru—née",
            "überguru é 3guru -guru guru- guru’s",
            "Results-driven-ish team playerteam player team player",
            "Passionate, PASSIONATE and passionately so; self-starter self starter",
        ] {
            assert_eq!(buzzwords(s), buzzwords_by_char(s), "{s:?}");
        }
    }
}
