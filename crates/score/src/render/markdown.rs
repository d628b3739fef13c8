//! Markdown: the same report for pasting into a document or an issue.

use std::fmt::Write;

use super::{counts_line, parse_health_findings, role_suffix, severity_word};
use crate::report::{Finding, Report};

/// Renders the report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let role = role_suffix(report);
    let _ = writeln!(out, "# ATS check: {}/100{}\n", report.score.overall, role);
    let _ = writeln!(
        out,
        "{} · {} page(s) · {} words\n",
        report.source.format.to_uppercase(),
        report.source.pages,
        report.source.words
    );
    let _ = writeln!(out, "| part | score | weight |\n|---|---:|---:|");
    for part in &report.score.parts {
        let _ = writeln!(out, "| {} | {} | {:.0}% |", part.name, part.score, part.weight * 100.0);
    }
    let _ = writeln!(out, "\n## Can an ATS read it?\n");
    let health = parse_health_findings(report);
    if health.is_empty() {
        let _ = writeln!(out, "No layout risks found.");
    }
    for f in &health {
        write_finding(&mut out, f);
    }
    let c = &report.contact;
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "*not found*".into());
    let _ = writeln!(
        out,
        "\n## Contact\n\n- name: {}\n- email: {}\n- phone: {}\n- location: {}",
        show(&c.name),
        show(&c.email),
        show(&c.phone),
        show(&c.location)
    );
    for l in &c.links {
        let _ = writeln!(out, "- {}: {}", l.kind, l.url);
    }
    for s in &report.sections {
        let heading = if s.heading.is_empty() {
            s.kind.standard_heading()
        } else {
            &s.heading
        };
        let _ = writeln!(out, "\n## {} ({})\n", heading, s.kind.as_str());
        for f in s
            .findings
            .iter()
            .filter(|f| !health.iter().any(|h| h.code == f.code && h.offset == f.offset))
        {
            write_finding(&mut out, f);
        }
        for sug in &s.suggestions {
            let _ = writeln!(out, "- → {sug}");
        }
    }
    if let Some(role) = &report.role {
        let k = &report.keywords;
        let _ = writeln!(
            out,
            "\n## Keywords for {} ({:.0}% coverage)\n",
            role.name,
            k.coverage * 100.0
        );
        let found: Vec<&str> = k.matched.iter().map(|m| m.term.as_str()).collect();
        let missing: Vec<&str> = k.missing.iter().map(|m| m.term.as_str()).collect();
        let _ = writeln!(out, "- found: {}\n- missing: {}", found.join(", "), missing.join(", "));
    }
    if let Some(j) = &report.job_match {
        if !j.scored {
            let _ = writeln!(
                out,
                "\n## Job posting match: not scored\n\nThe posting names no skill, tool or technology ats-check knows."
            );
        } else {
            let _ = writeln!(out, "\n## Job posting match: {:.0}%\n", super::job_rate_percent(j));
            for (label, importance) in [
                ("missing", crate::report::Importance::Required),
                ("missing, preferred", crate::report::Importance::Preferred),
            ] {
                let terms: Vec<&str> = j
                    .missing
                    .iter()
                    .filter(|t| t.importance == importance)
                    .map(|t| t.term.as_str())
                    .collect();
                if importance == crate::report::Importance::Required || !terms.is_empty() {
                    let _ = writeln!(out, "- {label}: {}", terms.join(", "));
                }
            }
            for line in super::job_asks(j) {
                let _ = writeln!(out, "- {line}");
            }
        }
    }
    if !report.suggestions.is_empty() {
        let _ = writeln!(out, "\n## Do these first\n");
        for s in report.suggestions.iter().take(10) {
            let _ = writeln!(out, "1. (+{:.1}) {}", s.points, s.text);
        }
    }
    let _ = writeln!(out, "\n{}", counts_line(&report.findings));
    out
}

fn write_finding(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "- **{}** `{}` {}{}",
        severity_word(f.severity),
        f.code,
        f.message,
        if f.suggestion.is_empty() {
            String::new()
        } else {
            format!(" — {}", f.suggestion)
        }
    );
}
