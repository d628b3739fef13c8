//! Renderers: one [`Report`], several outputs. The JSON renderer is serde itself
//! (`serde_json::to_string_pretty(&report)`); the web page renders that same JSON.

mod cohort;
mod cohort_html;
pub mod html;
mod markdown;
mod text;

pub use cohort::{cohort_markdown, part_score, risk_codes, CohortFile, FileOutcome};
pub use cohort_html::{cohort_html, cohort_html_with_nonce, COHORT_CSS};
pub use html::{report_page, report_section, PageOptions, REPORT_CSS};
pub use markdown::markdown;
pub use text::{text, TextOptions};

use crate::checks::{Check, Part};
use crate::model::SectionKind;
use crate::report::{Finding, Report, Severity};

/// The doc of one check, as `ats-check explain CODE` prints it.
pub fn explain(check: &Check) -> String {
    format!(
        "{code}: {name}\nseverity: {sev}   score part: {part}\n\nWhat it does\n  {what}\n\nWhy it matters for an ATS\n  {why}\n\nExample\n  {example}\n\nHow to fix it\n  {fix}\n",
        code = check.code,
        name = check.name,
        sev = severity_word(check.severity),
        part = check.part.name(),
        what = wrap(check.what, 92, "  "),
        why = wrap(check.why, 92, "  "),
        example = wrap(check.example, 92, "  "),
        fix = wrap(check.fix, 92, "  "),
    )
}

/// "error", "warning" or "suggestion".
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    }
}

/// "1 word", "3 words": the count with the noun in the number it takes.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// "2 errors, 5 warnings and 9 suggestions".
pub fn counts_line(findings: &[Finding]) -> String {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let part = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {} and {}",
        part(count(Severity::Error), "error"),
        part(count(Severity::Warning), "warning"),
        part(count(Severity::Suggestion), "suggestion")
    )
}

/// " for Machine Learning Engineer" when a role was scored, else empty.
pub(crate) fn role_suffix(report: &Report) -> String {
    report
        .role
        .as_ref()
        .map(|r| format!(" for {}", r.name))
        .unwrap_or_default()
}

/// "0.8 points", "1 point": overall points, to one decimal.
pub fn points(x: f64) -> String {
    let shown = format!("{x:.1}");
    format!("{shown} point{}", if shown == "1.0" { "" } else { "s" })
}

/// How a link kind is written: brands as they spell themselves.
pub fn link_label(kind: &str) -> &str {
    match kind {
        "linkedin" => "LinkedIn",
        "github" => "GitHub",
        "scholar" => "Google Scholar",
        "kaggle" => "Kaggle",
        "portfolio" => "Portfolio",
        "other" => "Link",
        other => other,
    }
}

/// Findings that say the same fix, listed together so the fix is said once.
pub(crate) struct FixGroup<'a> {
    /// The findings, in report order.
    pub findings: Vec<&'a Finding>,
    /// Their shared fix (may be empty).
    pub fix: &'a str,
}

/// Where a finding is listed: under "Can an ATS read it", under a section, or across the
/// whole résumé.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    ParseHealth,
    Contact,
    Section(usize),
    Role,
    Job,
    Whole,
}

/// Every finding of the report placed exactly once (so the counts printed match what is
/// listed), grouped by fix within each place.
pub(crate) struct Plan<'a> {
    /// Layout and file risks.
    pub parse_health: Vec<FixGroup<'a>>,
    /// Contact findings when no contact section is listed (nothing was found to list), shown
    /// with the contact details an ATS would fill in.
    pub contact: Vec<FixGroup<'a>>,
    /// Per section of `report.sections`, its findings.
    pub sections: Vec<Vec<FixGroup<'a>>>,
    /// Role keyword findings that point at no section: listed with the keyword coverage.
    pub role: Vec<FixGroup<'a>>,
    /// Job posting findings that point at no section: listed with the match rate.
    pub job: Vec<FixGroup<'a>>,
    /// Findings that point at no listed section.
    pub whole: Vec<FixGroup<'a>>,
}

impl<'a> Plan<'a> {
    pub(crate) fn new(report: &'a Report) -> Plan<'a> {
        let mut places: Vec<(Place, &'a Finding)> = Vec::with_capacity(report.findings.len());
        for f in &report.findings {
            let part = crate::checks::lookup(&f.code).map(|c| c.part);
            let place = if part == Some(Part::ParseHealth) {
                Place::ParseHealth
            } else if f.section.is_none() && part == Some(Part::Keywords) && report.role.is_some() {
                Place::Role
            } else if f.section.is_none() && part == Some(Part::JobMatch) && report.job_match.is_some() {
                Place::Job
            } else if let Some(i) = report.sections.iter().position(|s| s.findings.contains(f)) {
                Place::Section(i)
            } else if f.section == Some(SectionKind::Contact) {
                Place::Contact
            } else {
                Place::Whole
            };
            places.push((place, f));
        }
        let take = |want: Place| group(places.iter().filter(|(p, _)| *p == want).map(|(_, f)| *f));
        Plan {
            parse_health: take(Place::ParseHealth),
            contact: take(Place::Contact),
            sections: (0..report.sections.len()).map(|i| take(Place::Section(i))).collect(),
            role: take(Place::Role),
            job: take(Place::Job),
            whole: take(Place::Whole),
        }
    }
}

/// Whether the findings of `groups` name every one of `terms`: a block whose findings name its
/// missing terms (role keywords, posting terms) does not list them again.
pub(crate) fn names_all<'t>(groups: &[FixGroup], mut terms: impl Iterator<Item = &'t str>) -> bool {
    terms.all(|t| groups.iter().any(|g| g.findings.iter().any(|f| names(&f.message, t))))
}

/// Whether `message` names `term` as a whole item (quoted, or in a list), not inside a longer
/// word or term ("Go" in "Google Cloud").
fn names(message: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    message.match_indices(term).any(|(at, _)| {
        let before = message[..at].chars().next_back();
        let after = message[at + term.len()..].chars().next();
        let edge =
            |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '+' | '#' | '-' | '/' | '.'));
        edge(before) && (edge(after) || after == Some('.') && message[at + term.len() + 1..].trim().is_empty())
    })
}

/// Groups findings by identical fix, keeping the order of each group's first finding.
fn group<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<FixGroup<'a>> {
    let mut out: Vec<FixGroup<'a>> = Vec::new();
    for f in findings {
        match out
            .iter_mut()
            .find(|g| !f.suggestion.is_empty() && g.fix == f.suggestion)
        {
            Some(g) => g.findings.push(f),
            None => out.push(FixGroup {
                findings: vec![f],
                fix: &f.suggestion,
            }),
        }
    }
    out
}

/// The checks worth the most points back, by name with their points, most first: the
/// report's short "do these first".
pub(crate) fn worth_most(report: &Report, n: usize) -> Vec<(String, f64)> {
    let mut by_code: Vec<(&str, f64)> = Vec::new();
    for s in &report.suggestions {
        match by_code.iter_mut().find(|(c, _)| *c == s.code) {
            Some(e) => e.1 += s.points,
            None => by_code.push((&s.code, s.points)),
        }
    }
    by_code.retain(|(_, p)| *p >= MIN_POINTS_SHOWN);
    by_code.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    by_code
        .into_iter()
        .take(n)
        .map(|(code, p)| (crate::checks::lookup(code).map_or(code, |c| c.name).to_string(), p))
        .collect()
}

/// Below this many overall points a fix is not ranked (it rounds to 0.0 at one decimal).
pub(crate) const MIN_POINTS_SHOWN: f64 = 0.05;

/// Wraps `s` at `width` columns; continuation lines start with `indent`.
pub(crate) fn wrap(s: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for word in s.split_whitespace() {
        let len = word.chars().count();
        if col > 0 && col + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += len;
    }
    out
}

/// The best-fitting roles with their keyword coverage: "Data Scientist 41% · NLP Engineer 30%".
pub(crate) fn role_fits(report: &crate::report::Report) -> String {
    let fits: Vec<String> = report
        .role_fit
        .iter()
        .map(|r| format!("{} {:.0}%", r.name, r.coverage * 100.0))
        .collect();
    fits.join(" · ")
}

/// The job match rate in whole percent, never "-0".
pub(crate) fn job_rate_percent(j: &crate::report::JobMatch) -> f64 {
    (j.match_rate.clamp(0.0, 1.0) * 100.0).round().max(0.0) + 0.0
}

/// One line per degree or years ask of the posting: what it asks, what the résumé shows.
pub(crate) fn job_asks(j: &crate::report::JobMatch) -> Vec<String> {
    use crate::report::Importance;
    let word = |i: Importance| match i {
        Importance::Required => "required",
        Importance::Preferred => "preferred",
    };
    let mut out = Vec::new();
    for d in &j.degree {
        let found = match (&d.found, &d.found_text) {
            (Some(level), Some(text)) => format!("{level} ({text})"),
            _ => "no degree found".to_string(),
        };
        let verdict = if d.met { "meets it" } else { "below it" };
        out.push(format!(
            "degree: {} or higher {}; résumé: {found}, {verdict}",
            d.asked,
            word(d.importance)
        ));
    }
    for y in &j.experience {
        let found = match (y.found, y.met) {
            (Some(years), Some(true)) => format!("about {years} years, meets it"),
            (Some(years), _) => format!("about {years} years, short of it"),
            (None, _) => "no dated experience to count".to_string(),
        };
        out.push(format!(
            "experience: {}+ years {}; résumé: {found}",
            y.asked,
            word(y.importance)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_named_only_as_a_whole_item() {
        let m = "Tools of the role not in the résumé: Google Cloud, C++ and Linux.";
        assert!(names(m, "Google Cloud") && names(m, "C++") && names(m, "Linux"));
        assert!(!names(m, "Go") && !names(m, "C") && !names(m, "Lin"));
        assert!(names("The posting names 'Rust' (once).", "Rust"));
        assert!(!names("Uses Node.js daily.", "Node"));
        assert!(!names("anything", ""));
    }

    #[test]
    fn counts_and_points_take_their_number() {
        assert_eq!(count(1, "word", "words"), "1 word");
        assert_eq!(count(0, "word", "words"), "0 words");
        assert_eq!(count(2, "résumé", "résumés"), "2 résumés");
        assert_eq!(points(1.0), "1.0 point");
        assert_eq!(points(0.96), "1.0 point");
        assert_eq!(points(0.8), "0.8 points");
        assert_eq!(link_label("github"), "GitHub");
        assert_eq!(link_label("linkedin"), "LinkedIn");
    }
}
