//! Renderers: one [`Report`], several outputs. The JSON renderer is serde itself
//! (`serde_json::to_string_pretty(&report)`); the web page renders that same JSON.

mod markdown;
mod text;

pub use markdown::markdown;
pub use text::{text, TextOptions};

use crate::checks::Check;
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

/// Findings of the report that belong to the parse-health part (layout and file risks).
pub(crate) fn parse_health_findings(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| crate::checks::lookup(&f.code).is_some_and(|c| c.part == crate::checks::Part::ParseHealth))
        .collect()
}

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
