//! Word lists for the bullet checks: action verbs (a data file), weak openers, buzzwords and
//! clichés, and irregular past participles for passive voice.

use std::sync::LazyLock;

use super::text::list_lines;

/// Action verbs a bullet should open with, past and present tense: one per line, sorted,
/// unique, lower case (verified by a test).
pub(crate) static ACTION_VERBS_TXT: &str = include_str!("action_verbs.txt");

static ACTION_VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| list_lines(ACTION_VERBS_TXT));

/// True when `word` (any case) is an action verb of the list, or its third-person form
/// ("Builds", "Leads", "Analyzes").
pub(crate) fn is_action_verb(word: &str) -> bool {
    let lower = word.to_lowercase();
    let list = &*ACTION_VERBS;
    if list.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    if let Some(stem) = lower.strip_suffix("es") {
        if list.binary_search(&stem).is_ok() {
            return true;
        }
    }
    if let Some(stem) = lower.strip_suffix('s') {
        if list.binary_search(&stem).is_ok() {
            return true;
        }
    }
    false
}

/// Openers that describe duties instead of results.
pub(crate) static WEAK_OPENERS: &[&str] = &[
    "assisted",
    "assisted in",
    "assisted with",
    "duties include",
    "duties included",
    "helped",
    "helped to",
    "helped with",
    "in charge of",
    "involved in",
    "participated in",
    "responsibilities include",
    "responsibilities included",
    "responsible for",
    "tasked with",
    "was responsible for",
    "were responsible for",
    "worked on",
    "worked with",
];

/// Buzzwords and clichés recruiters skim past. Risky single words ("dynamic") are listed only
/// in phrases, so "dynamic pricing" or "motivated the team" are not flagged.
pub(crate) static BUZZWORDS: &[&str] = &[
    "best of breed",
    "detail oriented",
    "detail-oriented",
    "dynamic individual",
    "dynamic leader",
    "dynamic professional",
    "dynamic team player",
    "excellent communication skills",
    "fast learner",
    "fast-paced environment",
    "go getter",
    "go-getter",
    "guru",
    "hard working",
    "hard-working",
    "hardworking",
    "highly motivated",
    "ninja",
    "out of the box",
    "outside the box",
    "passionate",
    "people person",
    "proven track record",
    "quick learner",
    "results driven",
    "results oriented",
    "results-driven",
    "results-oriented",
    "rock star",
    "rockstar",
    "self starter",
    "self-motivated",
    "self-starter",
    "strategic thinker",
    "synergies",
    "synergy",
    "team player",
    "think outside the box",
    "thought leader",
    "value add",
    "value-add",
    "visionary",
    "wizard",
    "works well under pressure",
];

/// Irregular past participles for passive voice ("was built", "were led").
pub(crate) static PARTICIPLES: &[&str] = &[
    "begun", "bought", "brought", "built", "caught", "chosen", "done", "drawn", "driven", "found", "given", "grown",
    "held", "kept", "known", "laid", "led", "made", "met", "paid", "put", "read", "run", "seen", "sent", "set",
    "shown", "sold", "spent", "taken", "taught", "told", "written",
];

/// Participles that tell of recognition ("was promoted", "was selected"): passive, but the
/// right way to say it.
pub(crate) static RECOGNITION: &[&str] = &[
    "accepted",
    "appointed",
    "asked",
    "awarded",
    "chosen",
    "elected",
    "featured",
    "granted",
    "hired",
    "honored",
    "honoured",
    "invited",
    "named",
    "nominated",
    "promoted",
    "recognised",
    "recognized",
    "recruited",
    "selected",
    "shortlisted",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Like typos' dictionary test: the data file must be normal (sorted, unique, lower case).
    #[test]
    fn action_verbs_file_is_sorted_unique_lower_case() {
        let lines: Vec<&str> = ACTION_VERBS_TXT.lines().collect();
        assert!(lines.len() >= 150, "only {} action verbs", lines.len());
        let mut normal: Vec<&str> = lines.clone();
        normal.sort_unstable();
        normal.dedup();
        assert_eq!(lines, normal, "action_verbs.txt must be sorted and unique");
        for l in &lines {
            assert_eq!(*l, l.trim(), "stray whitespace in {l:?}");
            assert!(!l.is_empty(), "blank line");
            assert_eq!(l.to_lowercase(), *l, "not lower case: {l}");
            assert!(
                l.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "odd character in {l}"
            );
        }
        // Both tenses of common verbs.
        for v in ["build", "built", "lead", "led", "reduce", "reduced", "ship", "shipped"] {
            assert!(is_action_verb(v), "{v}");
        }
        assert!(is_action_verb("Builds") && is_action_verb("Analyzes"));
        assert!(!is_action_verb("responsible") && !is_action_verb("the"));
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in [WEAK_OPENERS, PARTICIPLES, RECOGNITION] {
            let mut s = list.to_vec();
            s.sort_unstable();
            s.dedup();
            assert_eq!(s, list);
        }
        let mut s = BUZZWORDS.to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), BUZZWORDS.len());
    }
}
