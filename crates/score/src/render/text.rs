//! The terminal report: score and parts, "can an ATS read it", then each section with its
//! findings and suggestions, then keywords, ending with the counts.

use std::fmt::Write;

use super::{counts_line, parse_health_findings, role_suffix, wrap};
use crate::report::{Finding, Report, Severity};

/// How to render for a terminal.
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// Use ANSI colours (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Wrap width in columns.
    pub width: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            width: 96,
        }
    }
}

struct Paint {
    on: bool,
}

impl Paint {
    fn code(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.code("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.code("2", s)
    }
    fn severity(&self, sev: Severity) -> String {
        match sev {
            Severity::Error => self.code("1;31", "error"),
            Severity::Warning => self.code("1;33", "warning"),
            Severity::Suggestion => self.code("1;36", "suggestion"),
        }
    }
    fn score(&self, score: u32) -> String {
        let color = if score >= 80 {
            "1;32"
        } else if score >= 60 {
            "1;33"
        } else {
            "1;31"
        };
        self.code(color, &score.to_string())
    }
}

/// Renders the report for a terminal.
pub fn text(report: &Report, options: &TextOptions) -> String {
    let p = Paint { on: options.color };
    let width = options.width.max(40);
    let mut out = String::new();
    let role = role_suffix(report);
    let _ = writeln!(
        out,
        "{} {}/100{}   {}",
        p.bold("ATS check:"),
        p.score(report.score.overall),
        role,
        p.dim(&format!(
            "{} · {} page{} · {} words",
            report.source.format.to_uppercase(),
            report.source.pages,
            if report.source.pages == 1 { "" } else { "s" },
            report.source.words
        ))
    );
    for part in &report.score.parts {
        let _ = writeln!(
            out,
            "  {:<24} {:>3}/100  {}",
            part.name,
            p.score(part.score),
            p.dim(&format!("weight {:.0}%", part.weight * 100.0))
        );
    }

    // Can an ATS read it?
    let _ = writeln!(out, "\n{}", p.bold("Can an ATS read it?"));
    let health = parse_health_findings(report);
    if health.is_empty() {
        let _ = writeln!(
            out,
            "  No layout risks found: the text reads in order and the contact details are in the body."
        );
    }
    for f in &health {
        write_finding(&mut out, &p, f, width);
    }

    // Contact as the ATS fills it in.
    let c = &report.contact;
    let _ = writeln!(out, "\n{}", p.bold("Contact an ATS would fill in"));
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "— not found".to_string());
    let _ = writeln!(
        out,
        "  name: {}   email: {}   phone: {}",
        field(&c.name),
        field(&c.email),
        field(&c.phone)
    );
    if c.location.is_some() || !c.links.is_empty() {
        let links: Vec<String> = c.links.iter().map(|l| l.url.clone()).collect();
        let _ = writeln!(
            out,
            "  location: {}   links: {}",
            field(&c.location),
            if links.is_empty() {
                "—".into()
            } else {
                links.join(", ")
            }
        );
    }

    // Sections.
    for s in &report.sections {
        let heading = if s.heading.is_empty() {
            s.kind.standard_heading().to_string()
        } else {
            s.heading.clone()
        };
        let _ = writeln!(
            out,
            "\n{} {}",
            p.bold(&heading),
            p.dim(&format!("({}, {} words)", s.kind.as_str(), s.words))
        );
        let section_findings: Vec<&Finding> = s
            .findings
            .iter()
            .filter(|f| !health.iter().any(|h| h.code == f.code && h.offset == f.offset))
            .collect();
        if section_findings.is_empty() && s.suggestions.is_empty() {
            let _ = writeln!(out, "  {}", p.dim("nothing to fix"));
        }
        for f in section_findings.iter().take(12) {
            write_finding(&mut out, &p, f, width);
        }
        if section_findings.len() > 12 {
            let _ = writeln!(
                out,
                "  {}",
                p.dim(&format!(
                    "… and {} more (see --format json)",
                    section_findings.len() - 12
                ))
            );
        }
        for sug in s.suggestions.iter().take(3) {
            let _ = writeln!(out, "  → {}", wrap(sug, width - 4, "    "));
        }
    }

    // Findings that point at no section.
    let loose: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.section.is_none() && !health.iter().any(|h| h.code == f.code && h.offset == f.offset))
        .collect();
    if !loose.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("Whole résumé"));
        for f in loose {
            write_finding(&mut out, &p, f, width);
        }
    }

    // Impact.
    let i = &report.impact;
    if i.bullets > 0 {
        let _ = writeln!(
            out,
            "\n{} {} of {} bullets show a measurable result, {} open with an action verb",
            p.bold("Impact:"),
            i.quantified,
            i.bullets,
            i.action_led
        );
    }

    // Keywords.
    if let Some(role) = &report.role {
        let k = &report.keywords;
        let _ = writeln!(
            out,
            "\n{} {:.0}% of what recruiters search for a {}",
            p.bold("Keywords:"),
            k.coverage * 100.0,
            role.name
        );
        if !k.matched.is_empty() {
            let terms: Vec<&str> = k.matched.iter().map(|m| m.term.as_str()).collect();
            let _ = writeln!(out, "  found:   {}", wrap(&terms.join(", "), width - 11, "           "));
        }
        if !k.missing.is_empty() {
            let terms: Vec<&str> = k.missing.iter().take(15).map(|m| m.term.as_str()).collect();
            let _ = writeln!(
                out,
                "  missing: {}",
                wrap(&p.code("31", &terms.join(", ")), width - 11, "           ")
            );
        }
        for n in k.near.iter().take(5) {
            let _ = writeln!(out, "  write '{}' exactly (you wrote '{}')", n.term, n.found);
        }
    }
    if !report.role_fit.is_empty() {
        let fits: Vec<String> = report
            .role_fit
            .iter()
            .map(|r| format!("{} {:.0}%", r.name, r.coverage * 100.0))
            .collect();
        let _ = writeln!(out, "{} {}", p.bold("Best-fitting roles:"), fits.join(" · "));
    }
    if let Some(j) = &report.job_match {
        if !j.scored {
            let _ = writeln!(
                out,
                "\n{} not scored: it names no skill, tool or technology ats-check knows",
                p.bold("Job posting:")
            );
        } else {
            let _ = writeln!(
                out,
                "\n{} {:.0}% of the posting's terms (about 80% is a good match){}",
                p.bold("Job posting:"),
                super::job_rate_percent(j),
                j.title.as_ref().map(|t| format!(" — {t}")).unwrap_or_default()
            );
            for (label, importance) in [
                ("  missing: ", crate::report::Importance::Required),
                ("  missing, preferred: ", crate::report::Importance::Preferred),
            ] {
                let terms: Vec<&str> = j
                    .missing
                    .iter()
                    .filter(|t| t.importance == importance)
                    .take(15)
                    .map(|t| t.term.as_str())
                    .collect();
                if !terms.is_empty() {
                    let indent = " ".repeat(label.len());
                    let _ = writeln!(
                        out,
                        "{label}{}",
                        wrap(&terms.join(", "), width.saturating_sub(label.len()), &indent)
                    );
                }
            }
            for line in super::job_asks(j) {
                let _ = writeln!(out, "  {}", wrap(&line, width.saturating_sub(2), "  "));
            }
        }
    }

    // Top suggestions.
    if !report.suggestions.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("Do these first (points they win back)"));
        for s in report.suggestions.iter().take(5) {
            let _ = writeln!(out, "  +{:<4.1} {}", s.points, wrap(&s.text, width - 9, "         "));
        }
    }
    let _ = writeln!(out, "\n{}", counts_line(&report.findings));
    out
}

fn write_finding(out: &mut String, p: &Paint, f: &Finding, width: usize) {
    let _ = writeln!(
        out,
        "  {} {} {}",
        p.severity(f.severity),
        wrap(&f.message, width.saturating_sub(16), "    "),
        p.dim(&format!("[{}]", f.code))
    );
    if !f.suggestion.is_empty() {
        let _ = writeln!(
            out,
            "    fix: {}",
            wrap(&f.suggestion, width.saturating_sub(9), "         ")
        );
    }
}
