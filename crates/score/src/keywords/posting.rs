//! Match against a job posting.
//!
//! The posting's terms are (1) every known term of every role it names (job titles aside: the
//! posting's title is checked on its own, and "work with data scientists" does not ask the
//! applicant to be one), and (2) its own frequent skill phrases: runs of 1–3 words, not
//! crossing punctuation or a known term, that do not start or end with a stop word or posting
//! boilerplate ("experience", "ability", "team"...), and that repeat (a single word 3+ times, a
//! longer phrase 2+ times). Repetition is how a posting stresses what it wants, and a phrase the
//! keyword sets do not know ("demand forecasting", "clinical data") is still worth matching.
//! This stays simple on purpose: no part-of-speech tagging, so a repeated phrase is taken as
//! a term; a phrase that is a sub-phrase of a longer one with the same count is dropped.
//!
//! Each term weighs `category weight × (1 + ln count)`; the match rate is the weighted share
//! the résumé names, and the part scores `100 × min(1, rate / 0.8)` (Jobscan calls about 80% a
//! good match), minus [`TITLE_POINTS`] when the posting's title is not in the résumé.

use std::collections::HashMap;

use super::engine::{Engine, Scan};
use super::evaluate::{settle_job, TermAgg};
use super::set::Category;
use super::{codes, token};
use crate::checks::Scored;
use crate::report::{Finding, JobMatch, JobTerm};

/// Match rate that scores 100.
const GOOD_MATCH_RATE: f64 = 0.8;
/// Points (job-match part) when the posting's title is not in the résumé.
const TITLE_POINTS: f64 = 10.0;
/// Missing terms reported one by one; the rest share one finding.
const GAP_FINDINGS: usize = 8;
/// Own phrases kept at most.
const MAX_PHRASES: usize = 12;

/// Weight of a term kind in a posting.
fn category_weight(c: Option<Category>) -> f64 {
    match c {
        Some(Category::HardSkill | Category::Framework) => 3.0,
        Some(Category::Tool) => 2.5,
        Some(Category::Method) => 2.0,
        Some(Category::Certification) => 1.5,
        Some(Category::SoftSkill | Category::JobTitle) => 1.0,
        None => 1.5,
    }
}

/// English stop words and posting boilerplate: never the first or last word of a phrase, and
/// never a phrase alone.
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "each",
    "either",
    "etc",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "not",
    "of",
    "on",
    "one",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "plus",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "up",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    // posting boilerplate
    "ability",
    "able",
    "advantage",
    "apply",
    "applicant",
    "applicants",
    "benefits",
    "bonus",
    "candidate",
    "candidates",
    "company",
    "competitive",
    "day",
    "days",
    "degree",
    "environment",
    "equal",
    "excellent",
    "experience",
    "experienced",
    "familiarity",
    "field",
    "good",
    "great",
    "help",
    "ideal",
    "ideally",
    "including",
    "join",
    "job",
    "knowledge",
    "looking",
    "new",
    "nice",
    "offer",
    "opportunity",
    "opportunities",
    "preferred",
    "proficiency",
    "proficient",
    "qualifications",
    "related",
    "required",
    "requirements",
    "responsibilities",
    "responsible",
    "role",
    "salary",
    "similar",
    "skill",
    "skills",
    "strong",
    "team",
    "teams",
    "understanding",
    "using",
    "use",
    "work",
    "working",
    "world",
    "year",
    "years",
    "like",
    "well",
    "key",
    "based",
    "want",
    "need",
    "make",
    "love",
    "across",
    "who",
    "what",
    "every",
    "other",
    "high",
    "level",
    "senior",
    "junior",
    "people",
    "remote",
    "hybrid",
    "office",
    "location",
    "time",
    "full",
    "part",
    "must",
    "have",
    "bachelor",
    "master",
    "equivalent",
    "minimum",
    "least",
    "etc",
    "e.g",
    "i.e",
    "s",
    "build",
    "building",
    "built",
];

/// Words a job title is made of.
const TITLE_WORDS: &[&str] = &[
    "engineer",
    "scientist",
    "analyst",
    "manager",
    "developer",
    "researcher",
    "specialist",
    "consultant",
    "architect",
    "designer",
    "trainer",
    "evaluator",
    "director",
    "lead",
    "intern",
    "head",
    "officer",
    "strategist",
    "writer",
    "annotator",
    "administrator",
    "technician",
    "associate",
];

/// Words ignored when comparing a title with the résumé.
const TITLE_NOISE: &[&str] = &[
    "senior",
    "sr",
    "junior",
    "jr",
    "lead",
    "staff",
    "principal",
    "chief",
    "associate",
    "entry",
    "level",
    "mid",
    "i",
    "ii",
    "iii",
    "iv",
    "remote",
    "hybrid",
    "contract",
    "intern",
    "internship",
    "new",
    "grad",
    "graduate",
    "m",
    "f",
    "d",
    "w",
    "x",
    "full",
    "time",
    "part",
];

impl Engine {
    /// The job-match part: the match, its score and findings.
    pub(super) fn job_part(
        &self,
        posting: &str,
        resume: &Scan,
        aggs: &[TermAgg],
        role: Option<usize>,
    ) -> (Option<JobMatch>, Option<f64>, Vec<Scored>) {
        let ps = self.scan(posting, &[], &[]);
        let mut key_found = vec![false; self.tables.keys.len()];
        for (t, agg) in aggs.iter().enumerate() {
            if agg.count > 0 {
                key_found[self.tables.terms[t].key] = true;
            }
        }

        // Known terms: key -> token places.
        let mut known: HashMap<usize, Vec<u32>> = HashMap::new();
        let mut covered = vec![false; ps.tokens.len()];
        for o in &ps.occs {
            for k in o.tok..o.tok + u32::from(o.n) {
                covered[k as usize] = true;
            }
            let term = &self.tables.terms[o.term as usize];
            if term.category == Category::JobTitle {
                continue;
            }
            let places = known.entry(term.key).or_default();
            if !places.contains(&o.tok) {
                places.push(o.tok);
            }
        }
        let mut terms: Vec<(JobTerm, bool, u32)> = Vec::new(); // (term, in résumé, first token)
        for (key, places) in &known {
            let category = role
                .and_then(|r| {
                    self.tables.roles[r]
                        .terms
                        .clone()
                        .find(|&t| self.tables.terms[t].key == *key)
                })
                .map_or(self.tables.keys[*key].category, |t| self.tables.terms[t].category);
            let count = places.len();
            terms.push((
                JobTerm {
                    term: self.tables.str(self.tables.keys[*key].term).to_string(),
                    category: category.as_str().to_string(),
                    count,
                    weight: round2(category_weight(Some(category)) * (1.0 + (count as f64).ln())),
                },
                key_found[*key],
                places.iter().copied().min().unwrap_or(0),
            ));
        }
        for (phrase, stems, count, first) in own_phrases(posting, &ps, &covered) {
            let found = resume.norm.contains(&format!(" {stems} "));
            terms.push((
                JobTerm {
                    term: phrase,
                    category: "phrase".to_string(),
                    count,
                    weight: round2(category_weight(None) * (1.0 + (count as f64).ln())),
                },
                found,
                first,
            ));
        }
        let title = posting_title(self, posting, &ps);
        let title_matched = title.as_deref().is_some_and(|t| self.title_in_resume(t, resume, aggs));
        if terms.is_empty() && title.is_none() {
            // Nothing recognisable to match: no score rather than a made-up one.
            let jm = JobMatch {
                title,
                title_matched,
                match_rate: 0.0,
                matched: Vec::new(),
                missing: Vec::new(),
            };
            return (Some(jm), None, Vec::new());
        }
        // Most important first; ties by first mention, then by name (deterministic).
        terms.sort_by(|a, b| {
            b.0.weight
                .total_cmp(&a.0.weight)
                .then_with(|| a.2.cmp(&b.2))
                .then_with(|| a.0.term.cmp(&b.0.term))
        });
        let total: f64 = terms.iter().map(|t| t.0.weight).sum();
        let got: f64 = terms.iter().filter(|t| t.1).map(|t| t.0.weight).sum();
        let match_rate = if total > 0.0 { got / total } else { 1.0 };
        let (matched, missing): (Vec<_>, Vec<_>) = terms.into_iter().partition(|t| t.1);
        let matched: Vec<JobTerm> = matched.into_iter().map(|t| t.0).collect();
        let missing: Vec<JobTerm> = missing.into_iter().map(|t| t.0).collect();

        let gap_lost = 100.0 * (1.0 - (match_rate / GOOD_MATCH_RATE).min(1.0));
        let mut items: Vec<(Finding, f64, bool)> = Vec::new();
        for m in missing.iter().take(GAP_FINDINGS) {
            let times = if m.count == 1 {
                "once".to_string()
            } else {
                format!("{} times", m.count)
            };
            items.push((
                codes::JOB_POSTING_GAP.finding(
                    None,
                    format!("The posting names '{}' ({times}); the résumé does not.", m.term),
                    format!(
                        "If you have it, write '{}' in the posting's words in a bullet that shows use, or in Skills.",
                        m.term
                    ),
                    None,
                ),
                m.weight,
                false,
            ));
        }
        if missing.len() > GAP_FINDINGS {
            let rest: Vec<String> = missing[GAP_FINDINGS..].iter().map(|m| m.term.clone()).collect();
            items.push((
                codes::JOB_POSTING_GAP.finding(
                    None,
                    format!("The posting also names, and the résumé does not: {}.", rest.join(", ")),
                    "Add the ones you can honestly claim, in the posting's words.".to_string(),
                    None,
                ),
                missing[GAP_FINDINGS..].iter().map(|m| m.weight).sum(),
                false,
            ));
        }
        if let (Some(t), false) = (&title, title_matched) {
            items.push((
                codes::JOB_TITLE_MISMATCH.finding(
                    None,
                    format!("The posting's title '{t}' does not appear in the résumé."),
                    format!(
                        "If it describes your work, use '{t}' in your headline or summary; recruiters search by title. \
                         Never rename a past job you did not hold."
                    ),
                    None,
                ),
                TITLE_POINTS,
                true,
            ));
        }
        let (findings, score) = settle_job(items, gap_lost);
        let jm = JobMatch {
            title,
            title_matched,
            match_rate,
            matched,
            missing,
        };
        (Some(jm), Some(score), findings)
    }

    /// The title (seniority words aside) appears in the résumé's text, or a job title named in
    /// it is one the résumé has.
    fn title_in_resume(&self, title: &str, resume: &Scan, aggs: &[TermAgg]) -> bool {
        let toks = token::tokenize(title);
        let core: Vec<&str> = toks
            .iter()
            .filter(|t| !TITLE_NOISE.contains(&toks.lower(t)))
            .map(|t| toks.stem(t))
            .collect();
        if !core.is_empty() && resume.norm.contains(&format!(" {} ", core.join(" "))) {
            return true;
        }
        let ts = self.scan(title, &[], &[]);
        ts.occs.iter().any(|o| {
            let term = &self.tables.terms[o.term as usize];
            term.category == Category::JobTitle
                && self
                    .tables
                    .terms
                    .iter()
                    .enumerate()
                    .any(|(i, t)| t.key == term.key && aggs[i].count > 0)
        })
    }
}

/// The posting's title: a "Title:"/"Job title:"/"Position:"/"Role:" line, else its first
/// non-empty line when short and made of title words, else the job title it names most.
fn posting_title(engine: &Engine, posting: &str, ps: &Scan) -> Option<String> {
    for line in posting.lines().take(40) {
        let l = line.trim().trim_start_matches(['#', '*', '-', ' ']).trim();
        let lower = l.to_lowercase();
        for label in ["job title", "title", "position", "role"] {
            if let Some(rest) = lower.strip_prefix(label) {
                let rest = rest.trim_start();
                if let Some(value) = rest.strip_prefix(':') {
                    let start = l.len() - value.len();
                    let cleaned = clean_title(&l[start..]);
                    if !cleaned.is_empty() {
                        return Some(cleaned);
                    }
                }
            }
        }
    }
    if let Some(first) = posting
        .lines()
        .map(|l| l.trim().trim_start_matches(['#', '*', ' ']).trim())
        .find(|l| !l.is_empty())
    {
        let cleaned = clean_title(first);
        let words = cleaned.split_whitespace().count();
        let lower = cleaned.to_lowercase();
        let toks = token::tokenize(&lower);
        let titled = toks
            .iter()
            .any(|t| TITLE_WORDS.contains(&toks.stem(t)) || TITLE_WORDS.contains(&toks.lower(t)));
        if (1..=8).contains(&words) && first.chars().count() <= 90 && !first.ends_with(['.', ':']) && titled {
            return Some(cleaned);
        }
    }
    // The most named job title in the posting (places counted once across roles); ties go to
    // the first named.
    let mut places: std::collections::BTreeMap<usize, Vec<&super::engine::Occ>> = Default::default();
    for o in &ps.occs {
        let term = &engine.tables.terms[o.term as usize];
        if term.category == Category::JobTitle {
            let v = places.entry(term.key).or_default();
            if !v.iter().any(|p| p.tok == o.tok) {
                v.push(o);
            }
        }
    }
    places
        .values()
        .map(|v| (v.len(), v.iter().min_by_key(|o| o.start).copied()))
        .filter_map(|(n, first)| first.map(|f| (n, f)))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.start.cmp(&a.1.start)))
        .map(|(_, o)| posting[o.start..o.end].to_string())
}

/// Cuts a title line at a location, company or note: " | ", " - ", " – ", " — ", "(", ",", " at ".
fn clean_title(s: &str) -> String {
    let mut end = s.len();
    for sep in [" | ", " - ", " – ", " — ", "(", ",", " at ", " @ "] {
        if let Some(i) = s.find(sep) {
            end = end.min(i);
        }
    }
    s[..end].trim().trim_end_matches([':', '.']).trim().to_string()
}

/// The posting's own repeated phrases: (as first written, stems, count, first token).
fn own_phrases(posting: &str, ps: &Scan, covered: &[bool]) -> Vec<(String, String, usize, u32)> {
    let toks = &ps.tokens;
    let usable = |i: usize| {
        let t = &toks[i];
        !covered[i] && toks.lower(t).chars().all(char::is_alphabetic) && toks.lower(t).chars().count() >= 2
    };
    let stop = |i: usize| STOP.contains(&toks.lower(&toks[i])) || STOP.contains(&toks.stem(&toks[i]));
    let mut found: HashMap<String, (String, usize, u32, usize)> = HashMap::new(); // stems -> (raw, count, first, n)
    for i in 0..toks.len() {
        if !usable(i) || stop(i) {
            continue;
        }
        for n in 1..=3usize {
            let j = i + n - 1;
            if j >= toks.len() || !usable(j) || (n > 1 && toks[j].barrier_before) {
                break;
            }
            if stop(j) {
                continue;
            }
            if n == 1 && toks.lower(&toks[i]).chars().count() < 3 {
                continue;
            }
            let stems = toks[i..=j].iter().map(|t| toks.stem(t)).collect::<Vec<_>>().join(" ");
            let e = found.entry(stems).or_insert_with(|| {
                (
                    super::evaluate::one_line(&posting[toks[i].start..toks[j].end]),
                    0,
                    i as u32,
                    n,
                )
            });
            e.1 += 1;
        }
    }
    let mut phrases: Vec<(String, String, usize, u32, usize)> = found
        .into_iter()
        .filter(|(_, (_, count, _, n))| if *n == 1 { *count >= 3 } else { *count >= 2 })
        .map(|(stems, (raw, count, first, n))| (raw, stems, count, first, n))
        .collect();
    // Drop a phrase inside a longer kept phrase with the same count ("learning" in "demand
    // forecasting learning" style overlaps).
    let snapshot = phrases.clone();
    phrases.retain(|p| {
        !snapshot
            .iter()
            .any(|q| q.4 > p.4 && q.2 >= p.2 && format!(" {} ", q.1).contains(&format!(" {} ", p.1)))
    });
    phrases.sort_by(|a, b| {
        (b.2 * b.4)
            .cmp(&(a.2 * a.4))
            .then_with(|| a.3.cmp(&b.3))
            .then_with(|| a.1.cmp(&b.1))
    });
    phrases.truncate(MAX_PHRASES);
    phrases
        .into_iter()
        .map(|(raw, stems, count, first, _)| (raw, stems, count, first))
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
