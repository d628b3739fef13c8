//! Markdown: the same report for pasting into a document or an issue. It carries everything
//! the terminal report says, each finding once and each fix once.

use std::fmt::Write;

use super::{
    count, counts_line, link_label, names_all, points, role_suffix, severity_word, worth_most, FixGroup, Plan,
};
use crate::report::Report;

/// Checks named in the closing "do these first" list.
const WORTH_MOST_SHOWN: usize = 3;

/// Renders the report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let role = role_suffix(report);
    let _ = writeln!(out, "# ATS check: {}/100{}\n", report.score.overall, role);
    let _ = writeln!(
        out,
        "{} · {} · {}\n",
        report.source.format.to_uppercase(),
        count(report.source.pages as usize, "page", "pages"),
        count(report.source.words, "word", "words")
    );
    let _ = writeln!(out, "| part | score | weight |\n|---|---:|---:|");
    for part in &report.score.parts {
        let _ = writeln!(out, "| {} | {} | {:.0}% |", part.name, part.score, part.weight * 100.0);
    }
    let plan = Plan::new(report);
    let _ = writeln!(out, "\n## Can an ATS read it?\n");
    if plan.parse_health.is_empty() {
        let _ = writeln!(out, "No layout risks found.");
    }
    write_groups(&mut out, &plan.parse_health);
    if report.blocked_by.is_some() {
        let _ = writeln!(out, "\nNothing else is judged until the file has text an ATS can read.");
        let _ = writeln!(out, "\n{}", counts_line(&report.findings));
        return out;
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
        let _ = writeln!(out, "- {}: {}", link_label(&l.kind), l.url);
    }
    if !plan.contact.is_empty() {
        let _ = writeln!(out);
        write_groups(&mut out, &plan.contact);
    }
    let mut quiet: Vec<String> = Vec::new();
    for (s, groups) in report.sections.iter().zip(&plan.sections) {
        let heading = if s.heading.is_empty() {
            s.kind.standard_heading()
        } else {
            &s.heading
        };
        if groups.is_empty() {
            quiet.push(heading.to_string());
            continue;
        }
        let _ = writeln!(
            out,
            "\n## {} ({}, {})\n",
            heading,
            s.kind.as_str(),
            count(s.words, "word", "words")
        );
        write_groups(&mut out, groups);
    }
    if !quiet.is_empty() {
        let _ = writeln!(out, "\nNothing to fix in: {}.", quiet.join(", "));
    }
    if !plan.whole.is_empty() {
        let _ = writeln!(out, "\n## Whole résumé\n");
        write_groups(&mut out, &plan.whole);
    }
    let i = &report.impact;
    if i.bullets > 0 {
        let _ = writeln!(
            out,
            "\n**Impact:** {} of {} show a measurable result, {} open with an action verb.",
            i.quantified,
            count(i.bullets, "bullet", "bullets"),
            i.action_led
        );
    }
    if let Some(role) = &report.role {
        let k = &report.keywords;
        let _ = writeln!(
            out,
            "\n## Role keyword coverage: {:.0}% (role: {})\n\nThe weighted share of the terms recruiters search for; the Role keywords part above is scored from it.\n",
            k.coverage * 100.0,
            role.name
        );
        let found: Vec<&str> = k.matched.iter().map(|m| m.term.as_str()).collect();
        if !found.is_empty() {
            let _ = writeln!(out, "- found: {}", found.join(", "));
        }
        if !k.missing.is_empty() && !names_all(&plan.role, k.missing.iter().map(|m| m.term.as_str())) {
            let missing: Vec<&str> = k.missing.iter().map(|m| m.term.as_str()).collect();
            let _ = writeln!(out, "- missing: {}", missing.join(", "));
        }
        write_groups(&mut out, &plan.role);
    }
    if !report.role_fit.is_empty() {
        let _ = writeln!(out, "\n**Best-fitting roles (coverage):** {}", super::role_fits(report));
    }
    if let Some(j) = &report.job_match {
        if !j.scored {
            let _ = writeln!(
                out,
                "\n## Job posting match: not scored\n\nThe posting names no skill, tool or technology ats-check knows."
            );
        } else {
            let _ = writeln!(
                out,
                "\n## Job posting match: {:.0}%{}\n",
                super::job_rate_percent(j),
                j.title.as_ref().map(|t| format!(" — {t}")).unwrap_or_default()
            );
            if !names_all(&plan.job, j.missing.iter().map(|t| t.term.as_str())) {
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
                    if !terms.is_empty() {
                        let _ = writeln!(out, "- {label}: {}", terms.join(", "));
                    }
                }
            }
            for line in super::job_asks(j) {
                let _ = writeln!(out, "- {line}");
            }
        }
        write_groups(&mut out, &plan.job);
    }
    let top = worth_most(report, WORTH_MOST_SHOWN);
    if !top.is_empty() {
        let items: Vec<String> = top
            .iter()
            .map(|(name, pts)| format!("{name} (+{})", points(*pts)))
            .collect();
        let _ = writeln!(out, "\n**Do these first:** {}.", items.join(" · "));
    }
    let _ = writeln!(out, "\n{}", counts_line(&report.findings));
    out
}

fn write_groups(out: &mut String, groups: &[FixGroup]) {
    for g in groups {
        for f in &g.findings {
            let _ = writeln!(out, "- **{}** `{}` {}", severity_word(f.severity), f.code, f.message);
        }
        if g.fix.is_empty() {
            continue;
        }
        if g.findings.len() == 1 {
            let _ = writeln!(out, "  - fix: {}", g.fix);
        } else {
            let _ = writeln!(out, "  - fix for these {}: {}", g.findings.len(), g.fix);
        }
    }
}
