//! Technology names a posting may ask for beyond the role keyword sets (`technologies.txt`):
//! languages, frameworks, databases, cloud services and tools. A posting's terms come from the
//! role vocabulary and this list only, so a company, a place or a repeated phrase is never a
//! term.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::token::{self, Tokens};

/// The list, one technology a line (format in the file's header).
const SOURCE: &str = include_str!("technologies.txt");

/// One way of writing a technology, as token stems (and the raw tokens when the case counts).
#[derive(Debug)]
struct Form {
    tech: usize,
    /// The form as the list writes it.
    written: String,
    /// The tokens as written, when only that case matches.
    exact: Option<Vec<String>>,
}

/// The list, indexed by the stems of each form joined by spaces.
#[derive(Debug)]
pub(super) struct Technologies {
    /// Technologies in the list.
    count: usize,
    forms: HashMap<String, Vec<Form>>,
    /// Tokens in the longest form.
    max_tokens: usize,
}

/// A technology found in a text: which (its line in the list), the form found, and the tokens
/// it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub tech: usize,
    /// The form found, as the list writes it: the posting's own words, in the list's case.
    pub form: String,
    pub tok: usize,
    pub n: usize,
}

/// The names and forms of `src`'s lines: `(name, forms, exact case)`, comments and blank lines
/// skipped.
pub(super) fn parse(src: &str) -> Vec<(String, Vec<String>, bool)> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (exact, l) = match l.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, l),
            };
            let forms: Vec<String> = l
                .split('|')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            (forms.first().cloned().unwrap_or_default(), forms, exact)
        })
        .filter(|(name, _, _)| !name.is_empty())
        .collect()
}

fn stems_key(toks: &Tokens, range: std::ops::Range<usize>) -> String {
    let mut key = String::new();
    for t in &toks[range] {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(toks.stem(t));
    }
    key
}

impl Technologies {
    /// The built-in list, read once.
    pub(super) fn builtin() -> &'static Technologies {
        static LIST: OnceLock<Technologies> = OnceLock::new();
        LIST.get_or_init(|| Technologies::from_source(SOURCE))
    }

    fn from_source(src: &str) -> Technologies {
        let mut forms: HashMap<String, Vec<Form>> = HashMap::new();
        let mut max_tokens = 1;
        let entries = parse(src);
        let count = entries.len();
        for (tech, (_, written, exact)) in entries.into_iter().enumerate() {
            for form in written {
                let toks = token::tokenize(&form);
                if toks.is_empty() {
                    continue;
                }
                max_tokens = max_tokens.max(toks.len());
                let exact = exact.then(|| toks.iter().map(|t| t.raw(&form).to_string()).collect());
                forms.entry(stems_key(&toks, 0..toks.len())).or_default().push(Form {
                    tech,
                    written: form.clone(),
                    exact,
                });
            }
        }
        Technologies {
            count,
            forms,
            max_tokens,
        }
    }

    /// How many technologies the list holds (every [`Found::tech`] is below it).
    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// The technologies named in `text` (tokenised as `toks`), longest form first at each place,
    /// skipping tokens where `skip` is true (already matched as a role term) and never across
    /// punctuation.
    pub(super) fn find(&self, text: &str, toks: &Tokens, skip: &[bool]) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut matched = 0;
            for n in (1..=self.max_tokens.min(toks.len() - i)).rev() {
                let span = i..i + n;
                if skip.get(span.clone()).is_some_and(|s| s.iter().any(|&b| b))
                    || toks[i + 1..i + n].iter().any(|t| t.barrier_before)
                {
                    continue;
                }
                let Some(forms) = self.forms.get(&stems_key(toks, span.clone())) else {
                    continue;
                };
                let hit = forms.iter().find(|f| match &f.exact {
                    None => true,
                    Some(raw) => raw.iter().zip(&toks[span.clone()]).all(|(r, t)| t.raw(text) == r),
                });
                if let Some(f) = hit {
                    out.push(Found {
                        tech: f.tech,
                        form: f.written.clone(),
                        tok: i,
                        n,
                    });
                    matched = n;
                    break;
                }
            }
            i += matched.max(1);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words a posting uses for itself, its company, its place and its offer: never a technology.
    const NOT_TECHNOLOGIES: &[&str] = &[
        "experience",
        "team",
        "company",
        "benefits",
        "remote",
        "office",
        "salary",
        "equal",
        "opportunity",
        "employer",
        "insurance",
        "health",
        "dental",
        "vision",
        "pto",
        "vacation",
        "leave",
        "bonus",
        "equity",
        "stock",
        "culture",
        "mission",
        "values",
        "diversity",
        "inclusion",
        "gender",
        "race",
        "veteran",
        "disability",
        "religion",
        "city",
        "state",
        "country",
        "street",
        "avenue",
        "make",
        "build",
        "python",
        "data",
        "model",
        "models",
        "learning",
        "cloud",
        "platform",
        "engineer",
        "engineering",
        "software",
    ];

    #[test]
    fn the_list_is_well_formed() {
        let entries = parse(SOURCE);
        assert!(entries.len() >= 200, "{} technologies", entries.len());
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (name, forms, _) in &entries {
            for form in forms {
                assert_eq!(form.trim(), form, "{name}: form '{form}' is trimmed");
                let toks = token::tokenize(form);
                assert!(
                    (1..=4).contains(&toks.len()),
                    "{name}: '{form}' is a name of one to four words"
                );
                let key = stems_key(&toks, 0..toks.len());
                if let Some(other) = seen.insert(key.clone(), name) {
                    panic!("'{form}' of {name} is also a form of {other}");
                }
                assert!(
                    !NOT_TECHNOLOGIES.contains(&key.as_str()),
                    "{name}: '{form}' is an everyday posting word"
                );
                // A one-word form in everyday lowercase would match prose: names are written
                // with a capital, a digit or a symbol, or are marked case-exact.
                assert!(
                    form.chars()
                        .any(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphanumeric())
                        || [
                            "pandas",
                            "dbt",
                            "dotnet",
                            "npm",
                            "pip",
                            "pytest",
                            "unittest",
                            "pgvector",
                            "containerd",
                            "statsmodels",
                            "tidyverse",
                            "dplyr",
                            "ggplot2",
                            "wandb",
                            "vLLM"
                        ]
                        .contains(&form.as_str()),
                    "{name}: '{form}' reads as a common word"
                );
            }
        }
    }

    #[test]
    fn finds_longest_forms_in_case_and_not_across_punctuation() {
        let techs = Technologies::builtin();
        let text = "We run Apache Kafka and Kafka Streams on Amazon EKS, with react to changes. React, Redis.";
        let toks = token::tokenize(text);
        let found = techs.find(text, &toks, &vec![false; toks.len()]);
        assert_eq!(found[0].tech, found[1].tech, "two forms of one technology");
        let forms: Vec<String> = techs
            .find(text, &toks, &vec![false; toks.len()])
            .into_iter()
            .map(|f| f.form)
            .collect();
        assert_eq!(forms, ["Apache Kafka", "Kafka", "Amazon EKS", "React", "Redis"]);
        let text = "Amazon, EKS";
        let toks = token::tokenize(text);
        let found = techs.find(text, &toks, &vec![false; toks.len()]);
        assert_eq!(found.len(), 1, "EKS alone, not Amazon EKS across the comma");
        let skipped = techs.find(text, &toks, &vec![true; toks.len()]);
        assert!(skipped.is_empty());
    }
}
