//! What a job posting asks for, read as a recruiter reads it: which parts are requirements and
//! which are wishes, which parts are about the company rather than the job, the degree it
//! asks for and the years of experience.
//!
//! A posting is cut into clauses (lines, then `;` and sentence ends). Each clause is
//! required, preferred, or not an ask at all (about the company, benefits, equal-opportunity
//! text), from the heading it sits under ("Requirements", "Nice to have", "Benefits") and its
//! own words ("... is a plus", "... preferred").

use std::ops::Range;

use crate::report::{EducationEntry, ExperienceEntry, Importance};

/// Words of a heading or clause that make what it lists a wish, not a requirement.
const PREFERRED_MARKERS: &[&str] = &[
    "preferred",
    "nice to have",
    "nice-to-have",
    "a plus",
    "bonus",
    "desired",
    "desirable",
    "good to have",
    "ideally",
    "an advantage",
    "advantageous",
    "pluses",
];

/// Words of a heading that make its section about the company or the offer, not the job.
const NOT_ASK_HEADINGS: &[&str] = &[
    "benefit",
    "benefits",
    "perk",
    "perks",
    "what we offer",
    "we offer",
    "compensation",
    "salary",
    "pay range",
    "pay transparency",
    "about us",
    "about the company",
    "who we are",
    "our company",
    "our mission",
    "our values",
    "our culture",
    "why join",
    "why work",
    "life at",
    "equal opportunity",
    "equal employment",
    "eeo",
    "diversity",
    "accommodation",
    "how to apply",
    "application process",
    "location",
    "working hours",
];

/// Words of a clause that make it equal-opportunity or legal text, whatever its section.
const NOT_ASK_CLAUSE: &[&str] = &[
    "equal opportunity",
    "equal employment",
    "without regard to",
    "affirmative action",
    "reasonable accommodation",
    "e-verify",
    "protected veteran",
];

/// Whole lines that are headings even without a colon.
const HEADINGS: &[&str] = &[
    "requirements",
    "required",
    "qualifications",
    "minimum qualifications",
    "basic qualifications",
    "required qualifications",
    "preferred qualifications",
    "must have",
    "must haves",
    "must-haves",
    "nice to have",
    "nice to haves",
    "nice-to-haves",
    "bonus",
    "bonus points",
    "pluses",
    "responsibilities",
    "key responsibilities",
    "what you'll do",
    "what you will do",
    "what you'll bring",
    "what you bring",
    "who you are",
    "about you",
    "about the role",
    "the role",
    "skills",
    "required skills",
    "preferred skills",
    "benefits",
    "perks",
    "perks and benefits",
    "what we offer",
    "about us",
    "compensation",
    "equal opportunity",
    "job description",
    "overview",
    "your impact",
    "what you'll need",
    "what you will need",
    "what we're looking for",
    "what we are looking for",
    "who we're looking for",
    "the ideal candidate",
    "ideal candidate",
    "about the team",
    "key qualifications",
    "minimum requirements",
    "preferred requirements",
    "desired skills",
    "technical skills",
    "education",
    "experience",
    "tech stack",
    "our stack",
    "your profile",
    "the opportunity",
    "day to day",
    "job summary",
    "position summary",
    "role overview",
    "your role",
    "about this role",
    "role description",
    "essential duties",
    "duties and responsibilities",
    "primary responsibilities",
    "key skills",
    "skills and experience",
    "skills & experience",
    "nice-to-have",
    "preferred",
];

/// A heading is at most this many words: a longer line ending in a colon is a sentence.
const MAX_HEADING_WORDS: usize = 8;

/// A clause of the posting and what it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Clause {
    /// Byte range in the posting.
    pub range: Range<usize>,
    /// Required or preferred; None when it is not an ask (company, offer, legal text).
    pub importance: Option<Importance>,
}

fn has_any(lower: &str, markers: &[&str]) -> bool {
    markers.iter().any(|m| contains_words(lower, m))
}

/// `needle` occurs in `hay` as whole words, or with a plural `s` ("accommodations").
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let rest = &hay[i + needle.len()..];
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        !before.is_some_and(char::is_alphanumeric) && !rest.chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// What a heading's section lists.
fn heading_kind(lower: &str) -> Option<Importance> {
    if has_any(lower, PREFERRED_MARKERS) || lower.trim() == "plus" {
        return Some(Importance::Preferred);
    }
    let about_other = lower.strip_prefix("about ").is_some_and(|rest| {
        !["the role", "the job", "the position", "the team", "you", "this role"].contains(&rest.trim())
    });
    if about_other || has_any(lower, NOT_ASK_HEADINGS) {
        return None;
    }
    Some(Importance::Required)
}

/// The heading text of a line that is a heading, and whether the line holds more after it
/// (an inline label: "Nice to have: Airflow").
fn heading_of(line: &str) -> Option<(String, bool)> {
    let t = line.trim();
    // A list item is not a heading, though it may start with a label ("- Nice to have: Rust").
    let bulleted = t.starts_with(['-', '•', '·', '–', '▪', '◦', '+']) || (t.starts_with('*') && !t.starts_with("**"));
    // "# Heading", or a line that is all bold: "**Heading**".
    let markdown = t.starts_with('#')
        || (t.len() > 4 && ((t.starts_with("**") && t.ends_with("**")) || (t.starts_with("__") && t.ends_with("__"))));
    let t = t
        .trim_start_matches(['#', '*', '_', ' ', '-', '•', '·', '–', '▪', '◦', '+'])
        .trim_end_matches(['*', '_', ' ']);
    let lower = t.to_lowercase().replace('’', "'");
    let words = lower.split_whitespace().count();
    if words == 0 {
        return None;
    }
    if !bulleted {
        if let Some(label) = lower.strip_suffix(':') {
            if words <= MAX_HEADING_WORDS {
                return Some((label.trim().to_string(), false));
            }
        }
        let bare = lower.trim_end_matches(['.', '!']);
        // "About Northwind": a short line naming what a section is about.
        let about = bare.starts_with("about ") && words <= 4 && !bare.contains([',', '.', '!', '?']);
        if (markdown && words <= MAX_HEADING_WORDS) || about || HEADINGS.contains(&bare) {
            return Some((bare.to_string(), false));
        }
        // "REQUIREMENTS", "NICE TO HAVE": a short line in capitals; a short acronym alone ("AWS")
        // or a list ("SQL, AWS") is a list item.
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = t.split_whitespace().all(|w| !w.chars().any(char::is_lowercase));
        if words <= 5 && capitals && letters >= 5 && !t.contains([',', '/', '&']) {
            return Some((lower, false));
        }
    }
    // "Nice to have: Airflow" — a known label before a colon.
    if let Some((label, rest)) = lower.split_once(':') {
        let label = label.trim();
        if !rest.trim().is_empty()
            && label.split_whitespace().count() <= 5
            && (HEADINGS.contains(&label) || has_any(label, PREFERRED_MARKERS) || has_any(label, NOT_ASK_HEADINGS))
        {
            return Some((label.to_string(), true));
        }
    }
    None
}

/// Cuts a line into clauses at `;` and sentence ends (". ", "? ", "! ").
fn split_clauses(line: &str, offset: usize, out: &mut Vec<Range<usize>>) {
    let bytes = line.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let end_here = b == b';' || (matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1).is_some_and(|c| *c == b' '));
        if end_here {
            out.push(offset + start..offset + i + 1);
            start = i + 1;
        }
    }
    if start < line.len() {
        out.push(offset + start..offset + line.len());
    }
}

/// The posting's clauses in order, each with what it asks.
pub(super) fn clauses(posting: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut section: Option<Importance> = Some(Importance::Required);
    // Lines read in the current section: a section about the company or the offer ends at the
    // first blank line after its text, so a job heading ats-check does not know ("Your
    // Mission") is not read as more company text.
    let mut section_lines = 0;
    let mut offset = 0;
    let mut ranges = Vec::new();
    for line in posting.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() {
            if section.is_none() && section_lines > 0 {
                section = Some(Importance::Required);
            }
            continue;
        }
        section_lines += 1;
        let mut line_kind = section;
        if let Some((heading, inline)) = heading_of(line) {
            let kind = heading_kind(&heading);
            if inline {
                line_kind = kind;
            } else {
                section = kind;
                section_lines = 0;
                line_kind = kind;
            }
        }
        ranges.clear();
        split_clauses(line, start, &mut ranges);
        for r in ranges.drain(..) {
            let lower = posting[r.clone()].to_lowercase();
            let importance = if has_any(&lower, NOT_ASK_CLAUSE) {
                None
            } else if line_kind.is_some() && has_any(&lower, PREFERRED_MARKERS) {
                Some(Importance::Preferred)
            } else {
                line_kind
            };
            out.push(Clause { range: r, importance });
        }
    }
    out
}

/// What the clause holding byte `at` asks (None: not an ask).
pub(super) fn importance_at(clauses: &[Clause], at: usize) -> Option<Importance> {
    let i = clauses.partition_point(|c| c.range.end <= at);
    clauses
        .get(i)
        .filter(|c| c.range.start <= at)
        .and_then(|c| c.importance)
}

// ---------------------------------------------------------------------------------------------
// Degrees

/// A degree level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

impl Level {
    /// The level as a sentence names it.
    pub(super) fn name(self) -> &'static str {
        match self {
            Level::Associate => "an associate degree",
            Level::Bachelor => "a Bachelor's degree",
            Level::Master => "a Master's degree",
            Level::Doctorate => "a PhD",
        }
    }

    /// The level's short name, as the report gives it.
    pub(super) fn short(self) -> &'static str {
        match self {
            Level::Associate => "Associate's",
            Level::Bachelor => "Bachelor's",
            Level::Master => "Master's",
            Level::Doctorate => "PhD",
        }
    }
}

/// A word of a clause: its byte range and its folded form (lowercase, dots and possessive
/// removed: "B.S." → "bs", "Master's" → "master").
struct Word {
    range: Range<usize>,
    folded: String,
    possessive: bool,
    /// Written with inner dots ("M.S."): an abbreviation, not a word or a state.
    dotted: bool,
}

fn words(text: &str, offset: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '/' | ',' | '(' | ')' | ';' | ':' | '|' | '"');
    let push = |s: usize, e: usize, out: &mut Vec<Word>| {
        let raw = text[s..e].trim_end_matches(['.', '!', '?']);
        let lower = raw.to_lowercase();
        let (stem, possessive) = match lower.strip_suffix("'s").or_else(|| lower.strip_suffix("’s")) {
            Some(stem) => (stem.to_string(), true),
            None => (lower.trim_end_matches(['\'', '’']).to_string(), false),
        };
        let folded: String = stem.chars().filter(|c| *c != '.').collect();
        if !folded.is_empty() {
            out.push(Word {
                range: offset + s..offset + s + raw.len(),
                dotted: raw.contains('.'),
                folded,
                possessive,
            });
        }
    };
    for (i, c) in text.char_indices() {
        if is_sep(c) {
            if let Some(s) = start.take() {
                push(s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// A word's degree level: `sure` when the word can only be a degree, else it needs context
/// ("MS" is also Microsoft, "MA" Massachusetts, "master" a verb).
fn word_level(words: &[Word], i: usize) -> Option<(Level, bool)> {
    let w = &words[i];
    let next = words.get(i + 1).map(|n| n.folded.as_str());
    let next_is = |opts: &[&str]| next.is_some_and(|n| opts.contains(&n));
    let level = match w.folded.as_str() {
        "bachelor" | "bachelors" => (Level::Bachelor, true),
        "bsc" | "beng" | "btech" | "bba" | "bachelor-level" => (Level::Bachelor, true),
        "bs" | "ba" => (Level::Bachelor, w.dotted),
        "masters" => (Level::Master, true),
        "master" => (Level::Master, w.possessive || next_is(&["degree", "of", "in"])),
        "msc" | "meng" | "mtech" | "mba" | "mphil" | "mres" => (Level::Master, true),
        "ms" | "ma" => {
            if next_is(&[
                "office",
                "excel",
                "word",
                "sql",
                "azure",
                "teams",
                "access",
                "project",
                "powerpoint",
                "dynamics",
                "outlook",
            ]) {
                return None;
            }
            (Level::Master, w.dotted)
        }
        "phd" | "doctorate" | "doctoral" | "dphil" => (Level::Doctorate, true),
        "associate" | "associates" if w.possessive || next_is(&["degree"]) => (Level::Associate, true),
        _ => return None,
    };
    Some(level)
}

/// The degree words of a text and their levels. `lenient`: the text is known to be a degree
/// (a résumé's education entry), so short forms need no context.
fn degrees_in(text: &str, offset: usize, lenient: bool) -> Vec<(Range<usize>, Level)> {
    let ws = words(text, offset);
    let raw: Vec<(usize, Level, bool)> = (0..ws.len())
        .filter_map(|i| word_level(&ws, i).map(|(l, sure)| (i, l, sure)))
        .collect();
    let context = raw.len() > 1 || ws.iter().any(|w| matches!(w.folded.as_str(), "degree" | "degrees"));
    raw.into_iter()
        .filter(|&(i, _, sure)| sure || lenient || context || ws.get(i + 1).is_some_and(|n| n.folded == "in"))
        .map(|(i, l, _)| (ws[i].range.clone(), l))
        .collect()
}

/// A degree the posting asks for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DegreeAsk {
    /// The lowest level that meets it ("MS or PhD": Master).
    pub level: Level,
    pub importance: Importance,
    /// The clause that asks, as written.
    pub quote: String,
    /// The clause accepts equivalent experience instead ("or equivalent practical experience").
    pub equivalent: bool,
}

/// Byte ranges of every degree word the posting names (degree words are checked against the
/// education entries, never matched as skill terms).
pub(super) fn degree_words(posting: &str, clauses: &[Clause]) -> Vec<Range<usize>> {
    clauses
        .iter()
        .flat_map(|c| degrees_in(&posting[c.range.clone()], c.range.start, false))
        .map(|(r, _)| r)
        .collect()
}

/// The degrees the posting asks for: the required one (the lowest level any required clause
/// accepts: alternatives are read leniently), and a preferred one when it is higher.
pub(super) fn degree_asks(posting: &str, clauses: &[Clause]) -> Vec<DegreeAsk> {
    let mut required: Option<DegreeAsk> = None;
    let mut preferred: Option<DegreeAsk> = None;
    for c in clauses {
        let Some(clause_importance) = c.importance else {
            continue;
        };
        let text = &posting[c.range.clone()];
        let found = degrees_in(text, c.range.start, false);
        // The clause's lowest level per importance: "MS or PhD" is met by an MS.
        let mut lowest: [Option<Level>; 2] = [None, None];
        for (k, (r, level)) in found.iter().enumerate() {
            // "Bachelor's required, Master's preferred": what follows a degree up to the next
            // one says which it is.
            let until = found.get(k + 1).map_or(c.range.end, |n| n.0.start);
            let tail = posting[r.end..until].to_lowercase();
            let importance = if has_any(&tail, PREFERRED_MARKERS) {
                Importance::Preferred
            } else if has_any(&tail, &["required", "requirement", "must"]) {
                Importance::Required
            } else {
                clause_importance
            };
            let slot = &mut lowest[usize::from(importance == Importance::Preferred)];
            *slot = Some(slot.map_or(*level, |l| l.min(*level)));
        }
        let quote = super::evaluate::shorten(text.trim().trim_start_matches(['-', '*', '•', ' ']), 90);
        let equivalent = contains_words(&text.to_lowercase(), "equivalent");
        if let Some(level) = lowest[0] {
            if required.as_ref().is_none_or(|a| level < a.level) {
                required = Some(DegreeAsk {
                    level,
                    importance: Importance::Required,
                    quote: quote.clone(),
                    equivalent,
                });
            }
        }
        if let Some(level) = lowest[1] {
            if preferred.as_ref().is_none_or(|a| level > a.level) {
                preferred = Some(DegreeAsk {
                    level,
                    importance: Importance::Preferred,
                    quote,
                    equivalent,
                });
            }
        }
    }
    let preferred = preferred.filter(|p| required.as_ref().is_none_or(|r| p.level > r.level));
    required.into_iter().chain(preferred).collect()
}

/// The highest degree in the résumé's education entries, with the entry's degree as written;
/// else, when no entry names a degree, the highest degree written in `education_text`.
pub(super) fn highest_degree(education: &[EducationEntry], education_text: &str) -> Option<(Level, String)> {
    let from_entries = education
        .iter()
        .filter_map(|e| e.degree.as_deref())
        .filter_map(|d| {
            degrees_in(d, 0, true)
                .into_iter()
                .map(|(_, l)| l)
                .max()
                .map(|l| (l, d.trim().to_string()))
        })
        .max_by_key(|(l, _)| *l);
    from_entries.or_else(|| {
        education_text
            .lines()
            .filter_map(|line| {
                degrees_in(line, 0, false)
                    .into_iter()
                    .map(|(_, l)| l)
                    .max()
                    .map(|l| (l, super::evaluate::shorten(line.trim(), 60)))
            })
            .max_by_key(|(l, _)| *l)
    })
}

// ---------------------------------------------------------------------------------------------
// Years of experience

/// Longest experience a posting plausibly asks for, in years: a larger number is not a
/// requirement ("founded 100 years ago").
const MAX_YEARS_ASKED: u32 = 30;

/// Years of experience the posting asks for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct YearsAsk {
    pub years: u32,
    pub importance: Importance,
    pub quote: String,
}

fn number(word: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i as u32);
    }
    // "3-5" and "3–5": the lower bound.
    let lead: String = word.chars().take_while(char::is_ascii_digit).collect();
    if lead.is_empty() || lead.len() > 3 {
        return None;
    }
    let rest = &word[lead.len()..];
    if !(rest.is_empty() || rest == "+" || rest.starts_with(['-', '–', '+'])) {
        return None;
    }
    lead.parse().ok()
}

/// "5+ years", "at least 3 years", "3-5 years of experience", "five or more years": the number
/// of years a clause asks for. A bare "N years" counts only in a clause about experience.
fn years_in(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let ws: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let about_experience = lower.contains("experience") || lower.contains("track record");
    let history = ["ago", "founded", "history", "since", "anniversary", "old"]
        .iter()
        .any(|w| contains_words(&lower, w));
    let mut best: Option<u32> = None;
    for (j, w) in ws.iter().enumerate() {
        let w = w.trim_end_matches(['.', '\'', '’']);
        // "5+years" glued.
        let (num_word, at) = match w.strip_suffix("years").or_else(|| w.strip_suffix("yrs")) {
            Some(n) if !n.is_empty() => (Some(n), j),
            _ if matches!(w, "year" | "years" | "yrs" | "yr") && j > 0 => (None, j),
            _ => continue,
        };
        let mut strong = false;
        let n = match num_word {
            Some(n) => {
                strong = n.contains('+');
                number(n)
            }
            None => {
                let prev = ws[at - 1];
                if prev == "more" && at >= 3 && ws[at - 2] == "or" {
                    strong = true;
                    number(ws[at - 3])
                } else if matches!(prev, "+") && at >= 2 {
                    strong = true;
                    number(ws[at - 2])
                } else if at >= 3 && matches!(ws[at - 2], "to" | "-" | "–") {
                    number(ws[at - 3])
                } else {
                    strong = prev.contains('+');
                    number(prev)
                }
            }
        };
        let Some(n) = n else { continue };
        let before = ws[..at].iter().rev().take(4).copied().collect::<Vec<_>>().join(" ");
        strong |= ["least", "minimum", "min", "min.", "over", "than"]
            .iter()
            .any(|m| before.contains(m));
        if !(1..=MAX_YEARS_ASKED).contains(&n) || !(about_experience || (strong && !history)) {
            continue;
        }
        if ws.get(at + 1).is_some_and(|next| matches!(*next, "ago" | "old")) {
            continue;
        }
        best = Some(best.map_or(n, |b| b.max(n)));
    }
    best
}

/// The years of experience the posting asks for: the most any required clause asks, and the
/// most any preferred clause asks when that is more.
pub(super) fn years_asks(posting: &str, clauses: &[Clause]) -> Vec<YearsAsk> {
    let mut required: Option<YearsAsk> = None;
    let mut preferred: Option<YearsAsk> = None;
    for c in clauses {
        let Some(importance) = c.importance else {
            continue;
        };
        let text = &posting[c.range.clone()];
        let Some(years) = years_in(text) else {
            continue;
        };
        let slot = match importance {
            Importance::Required => &mut required,
            Importance::Preferred => &mut preferred,
        };
        if slot.as_ref().is_none_or(|a| years > a.years) {
            *slot = Some(YearsAsk {
                years,
                importance,
                quote: super::evaluate::shorten(text.trim().trim_start_matches(['-', '*', '•', ' ']), 90),
            });
        }
    }
    let preferred = preferred.filter(|p| required.as_ref().is_none_or(|r| p.years > r.years));
    required.into_iter().chain(preferred).collect()
}

/// `YYYY-MM` or `YYYY` as a month index (months since year 0); a year alone is its January,
/// or its December when `end`.
fn month_index(s: &str, end: bool) -> Option<u32> {
    let (y, m) = match s.split_once('-') {
        Some((y, m)) => (y.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (s.parse::<u32>().ok()?, if end { 12 } else { 1 }),
    };
    ((1..=12).contains(&m) && y < 10_000).then(|| y * 12 + m - 1)
}

/// Months of work the experience entries' dates cover, overlaps counted once, both ends
/// included ("Jan 2021 – Mar 2021" is 3 months). A current job runs to `today` (a month
/// index), else to the latest month any entry names. None when no entry has a start date.
pub(super) fn experience_months(entries: &[ExperienceEntry], today: Option<u32>) -> Option<u32> {
    let latest = entries
        .iter()
        .flat_map(|e| {
            [
                e.start.as_deref().and_then(|s| month_index(s, true)),
                e.end.as_deref().and_then(|s| month_index(s, true)),
            ]
        })
        .flatten()
        .max();
    let mut spans: Vec<(u32, u32)> = entries
        .iter()
        .filter_map(|e| {
            let start = month_index(e.start.as_deref()?, false)?;
            let end = match (&e.end, e.current) {
                (Some(end), _) => month_index(end, true)?,
                (None, true) => today.or(latest)?,
                // One date: that month, or that year.
                (None, false) => month_index(e.start.as_deref()?, true)?,
            };
            (end >= start).then_some((start, end))
        })
        .collect();
    if spans.is_empty() {
        return None;
    }
    spans.sort_unstable();
    let mut total = 0;
    let mut current: Option<(u32, u32)> = None;
    for (s, e) in spans {
        current = match current {
            Some((cs, ce)) if s <= ce + 1 => Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs + 1;
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    if let Some((cs, ce)) = current {
        total += ce - cs + 1;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(posting: &str) -> Vec<(String, Option<Importance>)> {
        clauses(posting)
            .into_iter()
            .map(|c| (posting[c.range].trim().to_string(), c.importance))
            .filter(|(t, _)| !t.is_empty())
            .collect()
    }

    #[test]
    fn headings_and_clause_words_tell_required_from_preferred() {
        let posting = "Data Engineer\nRequirements:\n- Python and SQL\n- Kafka experience is a plus\n\
                       Nice to have\n- Airflow\nBONUS POINTS\n- dbt\nResponsibilities\n- Own pipelines\n\
                       Benefits:\n- Health insurance and a Python learning budget\nAbout Northwind\nWe make tea.\n\
                       Preferred: Spark. We are an equal opportunity employer.";
        let k = kinds(posting);
        let of = |t: &str| k.iter().find(|(x, _)| x == t).map(|(_, i)| *i).expect(t);
        use Importance::*;
        assert_eq!(of("- Python and SQL"), Some(Required));
        assert_eq!(of("- Kafka experience is a plus"), Some(Preferred));
        assert_eq!(of("- Airflow"), Some(Preferred));
        assert_eq!(of("- dbt"), Some(Preferred));
        assert_eq!(of("- Own pipelines"), Some(Required));
        assert_eq!(of("- Health insurance and a Python learning budget"), None);
        assert_eq!(of("We make tea."), None);
        assert_eq!(of("Preferred: Spark."), Some(Preferred));
        let md = "## Data Scientist\n**About Contoso**\nWe love Kafka.\n**What you'll bring**\n* SQL\n\
                  __Nice to have__\n* dbt";
        let k_md = kinds(md);
        let of_md = |t: &str| k_md.iter().find(|(x, _)| x == t).map(|(_, i)| *i).expect(t);
        assert_eq!(of_md("We love Kafka."), None);
        assert_eq!(of_md("* SQL"), Some(Required));
        assert_eq!(of_md("* dbt"), Some(Preferred));
        let unknown_heading = "About Northwind\nWe sell tea and use Kafka.\n\nYour Mission\n- Build Kafka pipelines\n\
                               Benefits\n\n- Dental";
        let k_unknown = kinds(unknown_heading);
        let of_unknown = |t: &str| k_unknown.iter().find(|(x, _)| x == t).map(|(_, i)| *i).expect(t);
        assert_eq!(of_unknown("We sell tea and use Kafka."), None);
        assert_eq!(of_unknown("- Build Kafka pipelines"), Some(Required));
        assert_eq!(
            of_unknown("- Dental"),
            None,
            "a blank line right after the heading does not end it"
        );
        // List items in capitals or ending in a colon do not end a preferred list.
        let list = "NICE TO HAVE\n- AWS, GCP\n* SQL\n- Cloud:\n- Kafka\n- Bonus: Rust";
        let k_list = kinds(list);
        assert!(k_list.iter().skip(1).all(|(_, i)| *i == Some(Preferred)), "{k_list:?}");
        assert_eq!(of("We are an equal opportunity employer."), None);
        let eeo = "Northwind is an equal opportunity employer. All applicants are considered without regard to \
                   race or religion. We provide reasonable accommodations to applicants with disabilities. \
                   We comply with E-Verify.";
        assert!(kinds(eeo).iter().all(|(_, i)| i.is_none()), "{:?}", kinds(eeo));
    }

    fn degree(posting: &str) -> Vec<(Level, Importance)> {
        degree_asks(posting, &clauses(posting))
            .into_iter()
            .map(|a| (a.level, a.importance))
            .collect()
    }

    #[test]
    fn degree_asks_take_the_lowest_alternative() {
        use Importance::*;
        assert_eq!(degree("MS or PhD in Computer Science"), [(Level::Master, Required)]);
        assert_eq!(
            degree("BS/MS/PhD in Computer Science or a related field"),
            [(Level::Bachelor, Required)]
        );
        assert_eq!(degree("Bachelor's degree in Statistics"), [(Level::Bachelor, Required)]);
        assert_eq!(degree("M.S. required"), [(Level::Master, Required)]);
        assert_eq!(
            degree("Bachelor's degree required, Master's preferred"),
            [(Level::Bachelor, Required), (Level::Master, Preferred)]
        );
        assert_eq!(
            degree("Requirements:\n- Python\nPreferred:\n- PhD in ML"),
            [(Level::Doctorate, Preferred)]
        );
        // Not degrees: Microsoft, a state, a verb.
        assert!(degree("Expert in MS Excel; based in Boston, MA; master new tools quickly").is_empty());
        assert!(degree("Benefits:\n- PhD sponsorship").is_empty());
        let posting = "Bachelor's degree or equivalent practical experience.";
        assert!(degree_asks(posting, &clauses(posting))[0].equivalent);
    }

    #[test]
    fn resume_degrees_read_short_forms() {
        let entry = |d: &str| EducationEntry {
            degree: Some(d.to_string()),
            ..Default::default()
        };
        let top = |es: &[EducationEntry]| highest_degree(es, "").map(|(l, _)| l);
        assert_eq!(top(&[entry("M.S. Computer Science")]), Some(Level::Master));
        assert_eq!(
            top(&[entry("B.S. Mathematics"), entry("MS, Statistics")]),
            Some(Level::Master)
        );
        assert_eq!(top(&[entry("Bachelor of Science in Physics")]), Some(Level::Bachelor));
        assert_eq!(top(&[entry("Ph.D. Machine Learning")]), Some(Level::Doctorate));
        assert_eq!(top(&[]), None);
        assert_eq!(
            highest_degree(&[], "State University\nM.Sc. in Data Science, 2019").map(|(l, _)| l),
            Some(Level::Master)
        );
    }

    #[test]
    fn years_asked_in_the_forms_postings_use() {
        assert_eq!(years_in("5+ years of experience with Python"), Some(5));
        assert_eq!(years_in("At least 3 years building ML systems"), Some(3));
        assert_eq!(years_in("3-5 years of industry experience"), Some(3));
        assert_eq!(years_in("3 to 5 years experience"), Some(3));
        assert_eq!(years_in("Five or more years in data engineering"), Some(5));
        assert_eq!(years_in("minimum of 7 years in software"), Some(7));
        assert_eq!(years_in("7+yrs experience"), Some(7));
        assert_eq!(years_in("For over 20 years, Northwind has been founded on trust"), None);
        assert_eq!(years_in("a company founded 25 years ago"), None);
        assert_eq!(years_in("a 2 year contract"), None);
        let posting = "Requirements:\n- 5+ years of experience\nNice to have:\n- 8+ years in ML";
        let asks = years_asks(posting, &clauses(posting));
        assert_eq!(
            asks.iter().map(|a| (a.years, a.importance)).collect::<Vec<_>>(),
            [(5, Importance::Required), (8, Importance::Preferred)]
        );
    }

    #[test]
    fn experience_months_count_overlaps_once() {
        let job = |start: &str, end: Option<&str>, current: bool| ExperienceEntry {
            title: None,
            company: None,
            location: None,
            start: Some(start.to_string()),
            end: end.map(str::to_string),
            current,
            dates_text: None,
            bullets: Vec::new(),
        };
        let today = Some(2026 * 12 + 11); // December 2026
        assert_eq!(
            experience_months(&[job("2021-01", Some("2021-03"), false)], today),
            Some(3)
        );
        assert_eq!(
            experience_months(
                &[
                    job("2020-01", Some("2020-12"), false),
                    job("2020-06", Some("2021-05"), false)
                ],
                today
            ),
            Some(17)
        );
        assert_eq!(experience_months(&[job("2019", Some("2021"), false)], today), Some(36));
        assert_eq!(experience_months(&[job("2026-01", None, true)], today), Some(12));
        // Without today, a current job runs to the latest month named.
        assert_eq!(
            experience_months(
                &[job("2024-01", None, true), job("2020-01", Some("2024-12"), false)],
                None
            ),
            Some(60)
        );
        assert_eq!(experience_months(&[], today), None);
    }
}
