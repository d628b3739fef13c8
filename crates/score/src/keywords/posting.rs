//! Match against a job posting, read as a recruiter reads it.
//!
//! The posting's terms are the known terms of every role's keyword set that it names (job
//! titles and degrees aside: the title is checked on its own, "work with data scientists" does
//! not ask the applicant to be one, and a degree is checked against the education entries),
//! and the technology names of `technologies.txt` (languages, frameworks, databases, cloud
//! services, tools). Nothing else is a term: a company, a place, a benefit or a phrase the
//! posting repeats is not something to write on a résumé. Clauses about the company, the
//! offer or equal opportunity ask nothing (see [`super::asks`]).
//!
//! Each term weighs `category weight × (1 + ln count)`, times [`PREFERRED_SHARE`] when the
//! posting names it only as preferred ("Nice to have", "... is a plus"). The match rate is the
//! weighted share the résumé names, and the part scores `100 × min(1, rate / 0.8)` (Jobscan
//! calls about 80% a good match), minus [`TITLE_POINTS`] when the posting's title is not in the
//! résumé, [`DEGREE_POINTS`] when the résumé's highest degree is below the one required and
//! [`YEARS_POINTS`] when its experience dates cover fewer years than required (a preferred
//! degree or years, or a degree the posting accepts equivalent experience for, cost
//! [`PREFERRED_ASK_POINTS`]). A posting with no known term is not scored:
//! one note says so and the overall score leaves the posting out.

use std::collections::HashMap;

use super::asks::{self, Level};
use super::compile::FormKind;
use super::engine::{Engine, Scan};
use super::evaluate::{settle_job, TermAgg};
use super::set::Category;
use super::technologies::Technologies;
use super::{codes, token};
use crate::checks::Scored;
use crate::model::{SectionKind, SectionSpan};
use crate::report::{
    DegreeCheck, EducationEntry, ExperienceEntry, Finding, Importance, JobMatch, JobTerm, Severity, YearsCheck,
};

/// Match rate that scores 100.
const GOOD_MATCH_RATE: f64 = 0.8;
/// Points (job-match part) when the posting's title is not in the résumé.
const TITLE_POINTS: f64 = 10.0;
/// Points (job-match part) when the résumé's highest degree is below the one required: a
/// recruiter screens on it before reading further.
const DEGREE_POINTS: f64 = 15.0;
/// Points (job-match part) when the experience dates cover fewer years than required.
const YEARS_POINTS: f64 = 15.0;
/// Points (job-match part) for a preferred degree or years the résumé does not show: a wish,
/// not a screen.
const PREFERRED_ASK_POINTS: f64 = 5.0;
/// Share of its weight a term named only as preferred carries: half, as a wish counts for less
/// than a requirement in a recruiter's screen.
const PREFERRED_SHARE: f64 = 0.5;
/// Missing terms reported one by one; the rest share one finding.
const GAP_FINDINGS: usize = 8;

/// Weight of a term kind in a posting (`None`: a technology from `technologies.txt`, weighed
/// as a tool).
fn category_weight(c: Option<Category>) -> f64 {
    match c {
        Some(Category::HardSkill | Category::Framework) => 3.0,
        Some(Category::Tool) | None => 2.5,
        Some(Category::Method) => 2.0,
        Some(Category::Certification) => 1.5,
        Some(Category::SoftSkill | Category::JobTitle) => 1.0,
    }
}

/// A job posting and the résumé's entries its asks are checked against.
pub(crate) struct Posting<'a> {
    /// The posting's text.
    pub text: &'a str,
    /// The résumé's education entries (for a degree ask).
    pub education: &'a [EducationEntry],
    /// The résumé's experience entries (for an "N+ years" ask).
    pub experience: &'a [ExperienceEntry],
    /// The month "Present" stands for, as months since year 0.
    pub today: Option<u32>,
}

/// A term's places in the posting and whether any of them requires it.
#[derive(Default)]
struct Places {
    toks: Vec<u32>,
    required: bool,
}

impl Places {
    /// Adds a place; [`Places::settle`] drops repeats once all are in (a search per add would
    /// be quadratic on a posting that repeats a term thousands of times).
    fn add(&mut self, tok: u32, importance: Importance) {
        self.toks.push(tok);
        self.required |= importance == Importance::Required;
    }

    fn settle(&mut self) {
        self.toks.sort_unstable();
        self.toks.dedup();
    }

    fn importance(&self) -> Importance {
        if self.required {
            Importance::Required
        } else {
            Importance::Preferred
        }
    }
}

fn term_weight(category: Option<Category>, count: usize, importance: Importance) -> f64 {
    let share = match importance {
        Importance::Required => 1.0,
        Importance::Preferred => PREFERRED_SHARE,
    };
    round2(category_weight(category) * (1.0 + (count as f64).ln()) * share)
}

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
    /// The job-match part: the match, its score and findings. `resume_text` and `sections` are
    /// the résumé's, `resume` its scan.
    pub(super) fn job_part(
        &self,
        posting: &Posting,
        resume: &Scan,
        aggs: &[TermAgg],
        role: Option<usize>,
        resume_text: &str,
        sections: &[SectionSpan],
    ) -> (Option<JobMatch>, Option<f64>, Vec<Scored>) {
        let text = posting.text;
        let clauses = asks::clauses(text);
        let degree_words = asks::degree_words(text, &clauses);
        let ps = self.scan(text, &[], &[]);
        let mut key_found = vec![false; self.tables.keys.len()];
        // A key's occurrences in the résumé: every role's copy of a term sees the same ones.
        let mut key_count = vec![0usize; self.tables.keys.len()];
        for (t, agg) in aggs.iter().enumerate() {
            if agg.count > 0 {
                let key = self.tables.terms[t].key;
                key_found[key] = true;
                key_count[key] = key_count[key].max(agg.count);
            }
        }

        // Known terms: key -> places.
        let mut known: HashMap<usize, Places> = HashMap::new();
        let mut covered = vec![false; ps.tokens.len()];
        for o in &ps.occs {
            for k in o.tok..o.tok + u32::from(o.n) {
                covered[k as usize] = true;
            }
            let term = &self.tables.terms[o.term as usize];
            // Degree words are sorted and do not overlap: the first one ending after the start
            // is the only one that can overlap.
            let degree_word = degree_words
                .get(degree_words.partition_point(|r| r.end <= o.start))
                .is_some_and(|r| r.start < o.end);
            // A posting asks for what it names: "LoRA" asks for LoRA, not for every skill it implies.
            let implied =
                self.tables.forms_of(term).get(usize::from(o.form)).map(|f| f.kind) == Some(FormKind::Implied);
            if term.category == Category::JobTitle || degree_word || implied {
                continue;
            }
            // A posting writes an acronym in capitals: "cnn" in lowercase is a word of prose or
            // a garbled file, not "CNN".
            let acronym =
                self.tables.forms_of(term).get(usize::from(o.form)).map(|f| f.kind) == Some(FormKind::Acronym);
            if acronym && !text[o.start..o.end].chars().any(char::is_uppercase) {
                continue;
            }
            if let Some(importance) = asks::importance_at(&clauses, o.start) {
                known.entry(term.key).or_default().add(o.tok, importance);
            }
        }
        let mut terms: Vec<(JobTerm, bool, u32)> = Vec::new(); // (term, in résumé, first token)
        for places in known.values_mut() {
            places.settle();
        }
        for (key, places) in &known {
            let category = role
                .and_then(|r| {
                    self.tables.roles[r]
                        .terms
                        .clone()
                        .find(|&t| self.tables.terms[t].key == *key)
                })
                .map_or(self.tables.keys[*key].category, |t| self.tables.terms[t].category);
            let count = places.toks.len();
            let importance = places.importance();
            terms.push((
                JobTerm {
                    term: self.tables.str(self.tables.keys[*key].term).to_string(),
                    category: category.as_str().to_string(),
                    count,
                    resume_count: key_count[*key],
                    weight: term_weight(Some(category), count, importance),
                    importance,
                },
                key_found[*key],
                places.toks.iter().copied().min().unwrap_or(0),
            ));
        }

        // Technologies the role sets do not know.
        let techs = Technologies::builtin();
        // Each technology with its places and the form the posting first writes it in.
        let mut named: HashMap<usize, (Places, String)> = HashMap::new();
        for f in techs.find(text, &ps.tokens, &covered) {
            if let Some(importance) = asks::importance_at(&clauses, ps.tokens[f.tok].start) {
                let entry = named.entry(f.tech).or_insert_with(|| (Places::default(), f.form));
                entry.0.add(f.tok as u32, importance);
            }
        }
        if !named.is_empty() {
            let mut in_resume = vec![0usize; techs.len()];
            for f in techs.find(resume_text, &resume.tokens, &vec![false; resume.tokens.len()]) {
                in_resume[f.tech] += 1;
            }
            for (places, _) in named.values_mut() {
                places.settle();
            }
            for (tech, (places, form)) in &named {
                let count = places.toks.len();
                let importance = places.importance();
                terms.push((
                    JobTerm {
                        term: form.clone(),
                        category: "technology".to_string(),
                        count,
                        resume_count: in_resume[*tech],
                        weight: term_weight(None, count, importance),
                        importance,
                    },
                    in_resume[*tech] > 0,
                    places.toks.iter().copied().min().unwrap_or(0),
                ));
            }
        }

        let title = posting_title(self, text, &ps);
        if terms.is_empty() {
            // Nothing recognisable to match: one note, and no score rather than a made-up one.
            let note = codes::JOB_POSTING_NO_TERMS.finding(
                None,
                "The job posting names no skill, tool or technology that ats-check knows, so the résumé was not \
                 matched against it and the score leaves the posting out."
                    .to_string(),
                "Check that the file is the job posting itself (text, or a PDF or DOCX with a text layer) and that \
                 it lists the skills the job asks for."
                    .to_string(),
                None,
            );
            let jm = JobMatch {
                title,
                title_matched: false,
                match_rate: 0.0,
                matched: Vec::new(),
                missing: Vec::new(),
                scored: false,
                degree: Vec::new(),
                experience: Vec::new(),
            };
            return (
                Some(jm),
                None,
                vec![Scored {
                    finding: note,
                    lost: 0.0,
                }],
            );
        }
        let title_matched = title.as_deref().is_some_and(|t| self.title_in_resume(t, resume, aggs));
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
            let asks = match m.importance {
                Importance::Required => "",
                Importance::Preferred => " as preferred",
            };
            items.push((
                codes::JOB_POSTING_GAP.finding(
                    None,
                    format!("The posting names '{}' ({times}{asks}); the résumé does not.", m.term),
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
        let education_text: String = sections
            .iter()
            .filter(|s| s.kind == SectionKind::Education)
            .filter_map(|s| resume_text.get(s.start..s.end))
            .collect::<Vec<_>>()
            .join("\n");
        let degree = degree_checks(text, &clauses, posting.education, &education_text, &mut items);
        let experience = years_checks(text, &clauses, posting, &mut items);
        let (findings, score) = settle_job(items, gap_lost);
        let jm = JobMatch {
            title,
            title_matched,
            match_rate,
            matched,
            missing,
            scored: true,
            degree,
            experience,
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

/// Checks each degree the posting asks for against the highest degree of the education
/// entries; a degree below it is a finding.
fn degree_checks(
    posting: &str,
    clauses: &[asks::Clause],
    education: &[EducationEntry],
    education_text: &str,
    items: &mut Vec<(Finding, f64, bool)>,
) -> Vec<DegreeCheck> {
    let asked = asks::degree_asks(posting, clauses);
    if asked.is_empty() {
        return Vec::new();
    }
    let highest = asks::highest_degree(education, education_text);
    let mut out = Vec::new();
    for ask in asked {
        let met = highest.as_ref().is_some_and(|(level, _)| *level >= ask.level);
        if !met {
            let shows = match &highest {
                Some((level, written)) => {
                    format!("the highest degree in its education is {} ({written})", level.name())
                }
                None => "its education entries name no degree".to_string(),
            };
            let or_higher = if ask.level == Level::Doctorate {
                ""
            } else {
                " or higher"
            };
            // "Or equivalent experience": a degree is one way to meet it, so missing it is not a
            // screen.
            let (severity, points, verb) = match ask.importance {
                Importance::Required if !ask.equivalent => (Severity::Warning, DEGREE_POINTS, "asks for"),
                Importance::Required => (Severity::Suggestion, PREFERRED_ASK_POINTS, "asks for"),
                Importance::Preferred => (Severity::Suggestion, PREFERRED_ASK_POINTS, "prefers"),
            };
            let mut f = codes::DEGREE_REQUIREMENT.finding(
                Some(SectionKind::Education),
                format!(
                    "The posting {verb} {}{or_higher} (\"{}\"); {shows}.",
                    ask.level.name(),
                    ask.quote
                ),
                format!(
                    "If you hold {}{or_higher}, list it under Education with the degree, field, school and year \
                     (\"M.S. Computer Science, State University, 2020\"). If you do not, lead with the experience that \
                     stands in for it; never claim a degree you do not hold.",
                    ask.level.name()
                ),
                None,
            );
            f.severity = severity;
            items.push((f, points, true));
        }
        out.push(DegreeCheck {
            asked: ask.level.short().to_string(),
            importance: ask.importance,
            quote: ask.quote,
            found: highest.as_ref().map(|(l, _)| l.short().to_string()),
            found_text: highest.as_ref().map(|(_, t)| t.clone()),
            met,
        });
    }
    out
}

/// Checks the years of experience the posting asks for against the span of the experience
/// entries' dates.
fn years_checks(
    posting_text: &str,
    clauses: &[asks::Clause],
    posting: &Posting,
    items: &mut Vec<(Finding, f64, bool)>,
) -> Vec<YearsCheck> {
    let asked = asks::years_asks(posting_text, clauses);
    if asked.is_empty() {
        return Vec::new();
    }
    let months = asks::experience_months(posting.experience, posting.today);
    let found = months.map(|m| (f64::from(m) / 12.0 * 10.0).round() / 10.0);
    let mut out = Vec::new();
    for ask in asked {
        let met = months.map(|m| m >= ask.years * 12);
        let (severity, points, verb) = match ask.importance {
            Importance::Required => (Severity::Warning, YEARS_POINTS, "asks for"),
            Importance::Preferred => (Severity::Suggestion, PREFERRED_ASK_POINTS, "prefers"),
        };
        let years = if ask.years == 1 { "year" } else { "years" };
        match (found, met) {
            (Some(found), Some(false)) => {
                let mut f = codes::EXPERIENCE_YEARS.finding(
                    Some(SectionKind::Experience),
                    format!(
                        "The posting {verb} {}+ {years} of experience (\"{}\"); the résumé's experience dates cover \
                         about {found} years.",
                        ask.years, ask.quote
                    ),
                    "If you have more relevant experience than the dates show (earlier jobs, research, contract work), \
                     list it with its dates; if not, show depth in the years you have with results."
                        .to_string(),
                    None,
                );
                f.severity = severity;
                items.push((f, points, true));
            }
            (None, _) => {
                let mut f = codes::EXPERIENCE_YEARS.finding(
                    Some(SectionKind::Experience),
                    format!(
                        "The posting {verb} {}+ {years} of experience (\"{}\"), but no experience entry has dates \
                         ats-check could read, so this was not checked.",
                        ask.years, ask.quote
                    ),
                    "Give each job a start and end date (\"Jan 2021 – Present\") so the years can be counted."
                        .to_string(),
                    None,
                );
                f.severity = Severity::Suggestion;
                items.push((f, 0.0, true));
            }
            _ => {}
        }
        out.push(YearsCheck {
            asked: ask.years,
            importance: ask.importance,
            quote: ask.quote,
            found,
            met,
        });
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
