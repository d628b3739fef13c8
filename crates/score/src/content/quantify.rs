//! Measurable results in a bullet: percentages ("cut latency 35%"), money with magnitude
//! ("$3M", "€120K"), counts with units ("team of 5", "25,000 monthly users", "100+
//! tickets/day"), before → after ("from 1.4 s to 0.5 s"), time windows ("in 6 weeks"), ranks
//! ("top 3 of 40") and multipliers ("3x", "10×"). Not figures: years, date ranges, phone
//! numbers, versions ("Python 3", "GPT-4", "v2.1"), postcodes and course codes ("CS 229").

use crate::read::text::{in_sorted, in_sorted_lower, lower_is_any};

/// What kind of figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Figure {
    Percent,
    Money,
    Count,
    BeforeAfter,
    TimeWindow,
    Rank,
    Multiplier,
}

/// Units and countable nouns that make a bare number a count ("12 hours", "300 zones").
/// Plural nouns ending in -s are recognised without the list.
static UNITS: &[&str] = &[
    "billion", "bn", "children", "crore", "day", "dozen", "feet", "fold", "gb", "gbps", "ghz", "gpu", "hour", "hr",
    "hrs", "k", "kb", "kg", "km", "lakh", "m", "mb", "mbps", "mi", "miles", "million", "min", "month", "ms", "mw",
    "ns", "people", "percent", "person", "pp", "pt", "pts", "qps", "rps", "s", "sec", "staff", "tb", "thousand", "tps",
    "trillion", "us", "week", "x", "year", "µs",
];

/// Words that end in -s but are not plural nouns.
static NOT_PLURAL: &[&str] = &[
    "across",
    "address",
    "alias",
    "analysis",
    "as",
    "basis",
    "bias",
    "business",
    "class",
    "diagnosis",
    "gas",
    "has",
    "his",
    "is",
    "its",
    "less",
    "loss",
    "process",
    "progress",
    "regress",
    "status",
    "success",
    "thesis",
    "this",
    "thus",
    "us",
    "was",
    "yes",
];

/// Numbers written as words that count things ("four engineers", "two quarters").
static SPELLED: &[&str] = &[
    "dozen",
    "dozens",
    "eight",
    "eighteen",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "hundred",
    "hundreds",
    "nine",
    "nineteen",
    "ninety",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "thousands",
    "three",
    "twelve",
    "twenty",
    "two",
];

/// Words that precede a number in a count or comparison.
static LEADS: &[&str] = &[
    "about",
    "above",
    "across",
    "almost",
    "approximately",
    "around",
    "by",
    "from",
    "nearly",
    "of",
    "over",
    "than",
    "to",
    "under",
    "up",
    "within",
];

const CURRENCY: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '฿'];

#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    /// The token as written with surrounding punctuation (to see "%", "+", "$").
    raw: &'a str,
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    out.extend(
        s.split_whitespace()
            .map(|raw| {
                let text = raw.trim_matches(|c: char| {
                    matches!(c, '(' | ')' | ',' | ';' | ':' | '"' | '“' | '”' | '[' | ']' | '!' | '?')
                });
                let text = text.trim_end_matches('.');
                Tok { text, raw }
            })
            .filter(|t| !t.text.is_empty()),
    );
    out
}

/// A number token: digits with thousands separators and a decimal part, optional sign.
fn number_core(s: &str) -> Option<(f64, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(s.len(), |(i, _)| i);
    let core = s[..end].trim_end_matches([',', '.']);
    if core.is_empty() || !core.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "3.8/4.0" and "v2.1.3" are not figures; "1,800" and "1.5" are.
    if core.matches('.').count() > 1 {
        return None;
    }
    if core.contains(',') {
        let groups: Vec<&str> = core.split('.').next().unwrap_or("").split(',').collect();
        if groups.iter().skip(1).any(|g| g.len() != 3) || groups[0].len() > 3 {
            return None;
        }
    }
    let value: f64 = core.replace(',', "").parse().ok()?;
    Some((value, &s[core.len()..]))
}

fn is_plural_noun(w: &str) -> bool {
    let lower = w.to_lowercase();
    let lower = lower.trim_end_matches(['.', ',']);
    if in_sorted(UNITS, lower) {
        return true;
    }
    // "tickets/day", "queries/sec".
    let head = lower.split('/').next().unwrap_or(lower);
    if in_sorted(UNITS, head) {
        return true;
    }
    head.len() > 3
        && head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("us")
        && !head.ends_with("is")
        && head.chars().all(|c| c.is_alphabetic() || c == '-')
        && !in_sorted(NOT_PLURAL, head)
}

fn is_year(v: f64, text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) && (1900.0..=2099.0).contains(&v)
}

/// The first figure in `bullet`, if any.
pub(crate) fn first_figure(bullet: &str) -> Option<Figure> {
    let t = tokens(bullet);
    for (i, tok) in t.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| t[p].text);
        let next = t.get(i + 1).map(|n| n.text);
        let next2 = t.get(i + 2).map(|n| n.text);
        let has_digit = tok.text.bytes().any(|b| b.is_ascii_digit());
        if !has_digit {
            // Only "top 3" and spelled-out counts ("four engineers") make a figure of a word.
            if tok.text.eq_ignore_ascii_case("top")
                && next.is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()) || n.ends_with('%'))
            {
                return Some(Figure::Rank);
            }
            if tok.text.len() <= 9
                && tok.text.bytes().all(|b| b.is_ascii_alphabetic())
                && in_sorted_lower(SPELLED, tok.text)
                && !tok.raw.contains('-')
                && (next.is_some_and(is_plural_noun) || next2.is_some_and(is_plural_noun))
            {
                let window = prev.is_some_and(|p| p.eq_ignore_ascii_case("in") || p.eq_ignore_ascii_case("within"));
                return Some(if window { Figure::TimeWindow } else { Figure::Count });
            }
            continue;
        }

        // Ranks: "#1", "top 3", "1st place", "ranked 2nd".
        if let Some(rest) = tok.text.strip_prefix('#') {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
                return Some(Figure::Rank);
            }
        }
        // Words compared lower-cased, without a lower-cased copy of each (an allocation each).
        if lower_is_any(tok.text, &["1st", "2nd", "3rd"])
            && (next.is_some_and(|n| lower_is_any(n, &["place", "prize", "out", "of"]))
                || prev.is_some_and(|p| lower_is_any(p, &["ranked", "placed", "finished", "won"])))
        {
            return Some(Figure::Rank);
        }

        // Money: "$250K", "£8.5M", "€120K", "USD 3M".
        let (currency, body) = match tok.text.strip_prefix(CURRENCY) {
            Some(rest) => (true, rest),
            None => (false, tok.text),
        };
        let Some((value, suffix)) = number_core(body) else {
            continue;
        };
        if currency {
            return Some(Figure::Money);
        }
        // Numbers glued to letters before them (GPT-4, YOLOv8, p99, T5, Q3) are names.
        if tok.text != body
            || !tok
                .raw
                .trim_start_matches(['(', '~', '≈', '>', '<'])
                .starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        if suffix.is_empty() {
        } else if lower_is_any(suffix, &["%", "pp", "bps"]) {
            return Some(Figure::Percent);
        } else if lower_is_any(suffix, &["x", "×"]) {
            return Some(Figure::Multiplier);
        } else if lower_is_any(
            suffix,
            &[
                "k", "m", "b", "bn", "mm", "tb", "gb", "pb", "ms", "s", "h", "hrs", "k+", "m+", "+",
            ],
        ) {
            return Some(Figure::Count);
        } else {
            // "7B-parameter", "3-tier", "1990s", "24/7", "3.8/4.0", "2019-2021".
            continue;
        }
        if next.is_some_and(|n| matches!(n, "%" | "percent" | "pct")) {
            return Some(Figure::Percent);
        }
        if next.is_some_and(|n| lower_is_any(n, &["x", "×", "times", "fold"])) && value > 1.0 {
            return Some(Figure::Multiplier);
        }
        let digits_only = tok.text.bytes().all(|b| b.is_ascii_digit());
        if digits_only && is_year(value, tok.text) {
            continue;
        }
        // Versions and codes: "Python 3", "CS 229", "ROS 2", "Windows 10" (a capitalised word
        // right before, unless it starts the bullet), "v2", "version 3".
        if let Some(p) = prev {
            let first_word = i == 1;
            let capital = p.chars().next().is_some_and(char::is_uppercase);
            if (capital && !first_word && !in_sorted_lower(LEADS, p))
                || lower_is_any(
                    p,
                    &[
                        "version", "v", "release", "level", "grade", "gpa", "phase", "step", "tier",
                    ],
                )
            {
                continue;
            }
        }
        // Before → after: "from 180 ms to 45 ms", "from 0.81 to 0.92", "78% to 92%".
        if prev.is_some_and(|p| p.eq_ignore_ascii_case("from"))
            && t[i + 1..].iter().take(3).any(|n| n.text.eq_ignore_ascii_case("to"))
        {
            return Some(Figure::BeforeAfter);
        }
        // Time windows: "in 6 weeks", "within 3 months".
        if prev.is_some_and(|p| lower_is_any(p, &["in", "within", "under"]))
            && next.is_some_and(|n| {
                const UNITS_OF_TIME: &[&str] = &["day", "week", "month", "quarter", "year", "hour", "minute", "sprint"];
                if n.is_ascii() {
                    // Lower-casing ASCII and then trimming 's' is trimming 's' or 'S' first.
                    lower_is_any(n.trim_end_matches(['s', 'S']), UNITS_OF_TIME)
                } else {
                    UNITS_OF_TIME.contains(&n.to_lowercase().trim_end_matches('s'))
                }
            })
        {
            return Some(Figure::TimeWindow);
        }
        // Counts: the number is followed by a unit or a plural noun within two words
        // ("12 analyst hours", "300 city zones"), or has thousands separators.
        if tok.text.contains(',') {
            return Some(Figure::Count);
        }
        if next.is_some_and(|n| {
            lower_is_any(
                n,
                &[
                    "million", "billion", "thousand", "trillion", "k", "m", "bn", "mm", "crore", "lakh",
                ],
            )
        }) {
            return Some(Figure::Count);
        }
        if value >= 2.0
            && (next.is_some_and(is_plural_noun)
                || (next2.is_some_and(is_plural_noun) && next.is_some_and(|n| !n.bytes().any(|b| b.is_ascii_digit()))))
        {
            return Some(Figure::Count);
        }
        if prev.is_some_and(|p| p.eq_ignore_ascii_case("of"))
            && t.get(i.wrapping_sub(2))
                .is_some_and(|q| lower_is_any(q.text, &["team", "group", "squad", "out", "top"]))
        {
            return Some(Figure::Count);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for list in [UNITS, NOT_PLURAL, LEADS, SPELLED] {
            let mut s = list.to_vec();
            s.sort_unstable();
            assert_eq!(s, list);
        }
    }

    #[test]
    fn finds_figures() {
        for (b, f) in [
            ("Cut p99 latency 35% by caching", Figure::Percent),
            ("Saved $3M in compute", Figure::Money),
            ("Won a €120K grant", Figure::Money),
            ("Led a team of 5", Figure::Count),
            ("Served 25,000 monthly users", Figure::Count),
            ("Resolved 100+ tickets/day", Figure::Count),
            ("Reduced latency from 1.4 s to 0.5 s", Figure::BeforeAfter),
            ("Raised F1 from 0.81 to 0.92", Figure::BeforeAfter),
            ("Shipped the beta in 6 weeks", Figure::TimeWindow),
            ("Finished top 3 of 40 teams", Figure::Rank),
            ("Made training 3x faster", Figure::Multiplier),
            ("Made inference 10× cheaper", Figure::Multiplier),
            ("Trains 2.3x faster", Figure::Multiplier),
            ("Processed 2 TB of data per day", Figure::Count),
            ("Mentored four junior engineers", Figure::Count),
            ("Adopted within two quarters", Figure::TimeWindow),
            ("Held office hours for 120 students", Figure::Count),
            ("Automated reports, saving 12 analyst hours per week", Figure::Count),
            ("Grew revenue from £0 to £8.5M ARR", Figure::Money),
            ("Answered 40M daily sessions", Figure::Count),
            ("Segmented 1.5 million loyalty members", Figure::Count),
            ("Ranked #1 on the leaderboard", Figure::Rank),
        ] {
            assert_eq!(first_figure(b), Some(f), "{b}");
        }
    }

    #[test]
    fn ignores_non_figures() {
        for b in [
            "Wrote services in Python 3 and Go",
            "Fine-tuned GPT-4 and T5 models",
            "Upgraded the SDK to v2.1",
            "Took CS 229 and CS 231N",
            "Joined in 2019 and stayed until 2021",
            "Worked 2019 – 2021 on search",
            "Call +1 415 555 0100",
            "Moved to Paris 75011",
            "Built YOLOv8 detectors for ROS 2",
            "Trained 7B-parameter language models",
            "Kept a GPA of 3.8/4.0",
            "Built a two-tower retrieval model",
            "Ran 24/7 on-call",
        ] {
            assert_eq!(first_figure(b), None, "{b}");
        }
    }
}
