//! Case and context rules for ambiguous terms. Every rule leans towards missing a match rather
//! than inventing one: a résumé told it lacks "R" when it has it loses a little; one credited
//! with "R" for "John R. Smith" is told something false.
//!
//! - Forms of one or two characters ("R", "Go", "ML", "C#"), and every form of a term marked
//!   `case-sensitive`, match only with the exact case written in the data.
//! - A single letter ("R", "C") is a standalone token: not followed by `&` (R&D, "R & D"), `-`
//!   (R-CNN, C-suite) or an apostrophe; not preceded by a glued `-`, `&` or `.`; not a name's
//!   initial ("John R. Smith", "John R Smith": between capitalised words, or after one with a
//!   period); and followed by a period only at a sentence end after a lowercase word or a list
//!   separator ("models in R.", "Python, R.").
//! - "Go" is not followed by `-` ("Go-to") or by a word that makes it the verb ("Go to", "go
//!   beyond"), not after "to"/"let"/"will"...; at a sentence start it must be followed by a
//!   capitalised word, punctuation, or a noun like "services".
//! - Common English words that are also tool names (Spark, Excel, React, Feast, Ray...) match only
//!   capitalised as the tool is written ("spark joy", "excel at" do not count), and at a sentence
//!   start not when the next word makes them a verb or a noun phrase of ordinary English ("Spark
//!   curiosity", "Excel at", "Go to"). "Excel" also not before "at"/"in"/"as" anywhere.

use crate::compile::Span;
use crate::token::Tokens;

/// Case and context rule of one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Tokens must equal the form's tokens as written.
    pub exact_case: bool,
    /// The context check.
    pub ctx: Ctx,
}

/// Context checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// None.
    Plain,
    /// A single letter ("R", "C").
    Letter,
    /// "Go".
    Go,
    /// A common English word used as a tool name; `all_caps` when the form is written in
    /// capitals ("RAG", "SAM"), `verb` for "Excel" (never before "at", "in", "as").
    Common { all_caps: bool, verb: bool, name: bool },
}

/// Lowercase forms (whole forms, words joined by one space) that are ordinary English words
/// as well as tool, model or method names.
const COMMON_WORDS: &[&str] = &[
    "access",
    "arrow",
    "athena",
    "beam",
    "bedrock",
    "bert",
    "chef",
    "chroma",
    "clip",
    "comet",
    "copilot",
    "cursor",
    "dash",
    "elastic",
    "excel",
    "express",
    "fabric",
    "feast",
    "flask",
    "flux",
    "gemini",
    "glue",
    "go",
    "great expectations",
    "guidance",
    "haystack",
    "helm",
    "hive",
    "instructor",
    "jest",
    "julia",
    "kite",
    "lambda",
    "lightning",
    "llama",
    "looker",
    "mistral",
    "modal",
    "neptune",
    "notion",
    "outlines",
    "outlook",
    "phoenix",
    "pig",
    "pinecone",
    "polars",
    "prefect",
    "prodigy",
    "puppet",
    "rag",
    "ray",
    "react",
    "redshift",
    "rust",
    "sage",
    "sam",
    "scale",
    "sheets",
    "shiny",
    "slack",
    "snowflake",
    "spark",
    "spring",
    "storm",
    "swift",
    "synapse",
    "tableau",
    "teams",
    "vault",
    "vertex",
    "weave",
    "whisper",
    "word",
    "zoom",
    "evidently",
    "caret",
    "confluence",
    "amplitude",
    "markdown",
    "yolo",
];

/// Common words that are also given names: they do not count next to a capitalised word
/// ("Julia Chen").
const NAME_WORDS: &[&str] = &["julia", "sage", "dash", "bert", "sam"];

/// Words after which a sentence-initial common word is a verb or ordinary English ("Spark
/// curiosity", "Excel at", "React to", "Go beyond").
const VERB_FOLLOWERS: &[&str] = &[
    "a",
    "above",
    "ahead",
    "an",
    "as",
    "at",
    "back",
    "beyond",
    "change",
    "conversation",
    "conversations",
    "creativity",
    "curiosity",
    "discussion",
    "discussions",
    "engagement",
    "excitement",
    "far",
    "for",
    "from",
    "further",
    "growth",
    "her",
    "his",
    "ideas",
    "in",
    "innovation",
    "interest",
    "into",
    "joy",
    "live",
    "my",
    "new",
    "of",
    "on",
    "onto",
    "our",
    "out",
    "over",
    "quickly",
    "the",
    "their",
    "through",
    "to",
    "under",
    "up",
    "well",
    "when",
    "with",
    "your",
];

/// Nouns that may follow a sentence-initial "Go" in a bullet ("Go services handling ...").
const GO_NOUNS: &[&str] = &[
    "api",
    "apis",
    "backend",
    "backends",
    "binaries",
    "channels",
    "cli",
    "code",
    "concurrency",
    "developer",
    "development",
    "microservice",
    "microservices",
    "module",
    "modules",
    "program",
    "programming",
    "programs",
    "routines",
    "sdk",
    "server",
    "servers",
    "service",
    "services",
    "tooling",
    "and",
];

/// Words before "Go" that make it the verb ("ready to Go", "let's Go").
const GO_BEFORE: &[&str] = &[
    "to", "let", "lets", "let's", "will", "can", "must", "ready", "good", "and",
];

/// The rule for a form of a term.
pub fn rule_for(form: &str, term_case_sensitive: bool) -> Rule {
    let chars = form.chars().filter(|c| !c.is_whitespace()).count();
    let lower = form.to_lowercase();
    let single_letter = chars == 1 && form.chars().all(char::is_alphabetic);
    let common = COMMON_WORDS.contains(&lower.as_str());
    let ctx = if single_letter {
        Ctx::Letter
    } else if lower == "go" {
        Ctx::Go
    } else if common {
        let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
        Ctx::Common {
            all_caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
            verb: lower == "excel",
            name: NAME_WORDS.contains(&lower.as_str()),
        }
    } else {
        Ctx::Plain
    };
    Rule {
        exact_case: term_case_sensitive || chars <= 2,
        ctx,
    }
}

/// Whether tokens `i..i + n` of `text` may count as the form `form_tokens` under `rule`.
/// `form_tokens` are the form's tokens as written (used when `exact_case`), spans of `strings`.
pub fn accept(rule: Rule, form_tokens: &[Span], strings: &str, toks: &Tokens, i: usize, n: usize, text: &str) -> bool {
    if rule.exact_case {
        if form_tokens.len() != n {
            return false;
        }
        if toks[i..i + n]
            .iter()
            .zip(form_tokens)
            .any(|(t, f)| strings.get(f.start as usize..f.end as usize) != Some(t.raw(text)))
        {
            return false;
        }
    }
    let first = &toks[i];
    let last = &toks[i + n - 1];
    // Adjacent neighbours: no barrier in between.
    let prev = (i > 0 && !first.barrier_before).then(|| &toks[i - 1]);
    let next = toks.get(i + n).filter(|t| !t.barrier_before);
    let next_lower = |list: &[&str]| next.is_some_and(|t| t.is_lowercase_word(text) && list.contains(&toks.lower(t)));
    match rule.ctx {
        Ctx::Plain => true,
        Ctx::Letter => {
            let after = &text[last.end..];
            let after_char = after.chars().next();
            let after_nonspace = after.trim_start_matches([' ', '\t']).chars().next();
            if matches!(after_nonspace, Some('&'))
                || matches!(after_char, Some('-' | '\'' | '\u{2019}' | '\u{2010}' | '\u{2011}'))
            {
                return false;
            }
            if matches!(
                text[..first.start].chars().next_back(),
                Some('-' | '&' | '.' | '\u{2010}' | '\u{2011}')
            ) {
                return false;
            }
            // A name's initial: "John R Smith" (the "John R. Smith" form is handled below).
            let slash_list = matches!(text[..first.start].chars().next_back(), Some('/')) || after_char == Some('/');
            if !slash_list
                && prev.is_some_and(|p| p.is_capitalised(text))
                && next.is_some_and(|t| t.is_capitalised(text))
            {
                return false;
            }
            if after_char == Some('.') {
                if prev.is_some_and(|p| p.is_capitalised(text)) {
                    return false;
                }
                let sentence_end = after[1..].chars().next().is_none_or(char::is_whitespace);
                let after_lower_word = prev.is_some_and(|p| p.is_lowercase_word(text));
                let after_list = i > 0 && first.barrier_before && {
                    let before = text[..first.start].trim_end();
                    before.ends_with([',', '/', '|', ';', '\u{b7}'])
                };
                return sentence_end && (after_lower_word || after_list);
            }
            true
        }
        Ctx::Go => {
            if matches!(text[last.end..].chars().next(), Some('-' | '\u{2010}' | '\u{2011}')) {
                return false;
            }
            if prev.is_some_and(|p| GO_BEFORE.contains(&toks.lower(p))) {
                return false;
            }
            if next_lower(VERB_FOLLOWERS) {
                return false;
            }
            if first.sentence_start {
                if let Some(t) = next {
                    if t.is_lowercase_word(text) && !GO_NOUNS.contains(&toks.lower(t)) {
                        return false;
                    }
                }
            }
            true
        }
        Ctx::Common { all_caps, verb, name } => {
            let raw = first.raw(text);
            let Some(c0) = raw.chars().next() else {
                return false;
            };
            if !c0.is_uppercase() {
                return false;
            }
            if all_caps && raw.chars().any(char::is_lowercase) {
                return false;
            }
            if verb && next_lower(&["at", "in", "as", "when", "under", "beyond"]) {
                return false;
            }
            if first.sentence_start && next_lower(VERB_FOLLOWERS) {
                return false;
            }
            if name && (prev.is_some_and(|p| p.is_capitalised(text)) || next.is_some_and(|t| t.is_capitalised(text))) {
                return false;
            }
            true
        }
    }
}
