//! The terminal report: score and parts, "can an ATS read it", then each section with its
//! findings and suggestions, then keywords, ending with the counts.

use std::fmt::Write;

use super::{count, counts_line, names_all, points, role_suffix, worth_most, wrap, FixGroup, Plan};
use crate::report::{Report, Severity};

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

/// Renders the report for a terminal: each finding once, with its fix once (findings that
/// share a fix are listed together above it).
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
            "{} · {} · {}",
            report.source.format.to_uppercase(),
            count(report.source.pages as usize, "page", "pages"),
            count(report.source.words, "word", "words")
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
    let plan = Plan::new(report);

    // Can an ATS read it?
    let _ = writeln!(out, "\n{}", p.bold("Can an ATS read it?"));
    if plan.parse_health.is_empty() {
        let _ = writeln!(
            out,
            "  No layout risks found: the text reads in order and the contact details are in the body."
        );
    }
    write_groups(&mut out, &p, &plan.parse_health, width);
    if report.blocked_by.is_some() {
        let _ = writeln!(
            out,
            "  {}",
            p.dim("Nothing else is judged until the file has text an ATS can read.")
        );
        let _ = writeln!(out, "\n{}", counts_line(&report.findings));
        return out;
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
                wrap(&links.join(", "), width.saturating_sub(40), "    ")
            }
        );
    }

    write_groups(&mut out, &p, &plan.contact, width);

    // Sections with something to fix, in document order; the rest on one line.
    let mut quiet: Vec<String> = Vec::new();
    for (s, groups) in report.sections.iter().zip(&plan.sections) {
        let heading = if s.heading.is_empty() {
            s.kind.standard_heading().to_string()
        } else {
            s.heading.clone()
        };
        if groups.is_empty() {
            quiet.push(heading);
            continue;
        }
        let _ = writeln!(
            out,
            "\n{} {}",
            p.bold(&heading),
            p.dim(&format!("({}, {})", s.kind.as_str(), count(s.words, "word", "words")))
        );
        write_groups(&mut out, &p, groups, width);
    }
    if !quiet.is_empty() {
        let _ = writeln!(
            out,
            "\n{} {}",
            p.bold("Nothing to fix in:"),
            wrap(&quiet.join(", "), width.saturating_sub(20), "  ")
        );
    }

    // Findings that point at no section.
    if !plan.whole.is_empty() {
        let _ = writeln!(out, "\n{}", p.bold("Whole résumé"));
        write_groups(&mut out, &p, &plan.whole, width);
    }

    // Impact.
    let i = &report.impact;
    if i.bullets > 0 {
        let _ = writeln!(
            out,
            "\n{} {} of {} show a measurable result, {} open with an action verb",
            p.bold("Impact:"),
            i.quantified,
            count(i.bullets, "bullet", "bullets"),
            i.action_led
        );
    }

    // Keywords: the coverage figure is named apart from the part's score above.
    if let Some(role) = &report.role {
        let k = &report.keywords;
        let _ = writeln!(
            out,
            "\n{} {:.0}% of the weighted terms recruiters search for in {} résumés",
            p.bold("Role keyword coverage:"),
            k.coverage * 100.0,
            role.name
        );
        if !k.matched.is_empty() {
            let terms: Vec<&str> = k.matched.iter().map(|m| m.term.as_str()).collect();
            let _ = writeln!(out, "  found:   {}", wrap(&terms.join(", "), width - 11, "           "));
        }
        if !k.missing.is_empty() && !names_all(&plan.role, k.missing.iter().map(|m| m.term.as_str())) {
            let terms: Vec<&str> = k.missing.iter().map(|m| m.term.as_str()).collect();
            let _ = writeln!(
                out,
                "  missing: {}",
                wrap(&p.code("31", &terms.join(", ")), width - 11, "           ")
            );
        }
        write_groups(&mut out, &p, &plan.role, width);
    }
    if !report.role_fit.is_empty() {
        let _ = writeln!(
            out,
            "\n{} {}",
            p.bold("Best-fitting roles (coverage):"),
            wrap(&super::role_fits(report), width.saturating_sub(32), "  ")
        );
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
            let named = names_all(&plan.job, j.missing.iter().map(|t| t.term.as_str()));
            for (label, importance) in [
                ("  missing: ", crate::report::Importance::Required),
                ("  missing, preferred: ", crate::report::Importance::Preferred),
            ] {
                if named {
                    break;
                }
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
        write_groups(&mut out, &p, &plan.job, width);
    }

    // What wins back the most, by check (the fixes themselves are listed above).
    let top = worth_most(report, WORTH_MOST_SHOWN);
    if !top.is_empty() {
        let items: Vec<String> = top
            .iter()
            .map(|(name, pts)| format!("{name} +{}", points(*pts)))
            .collect();
        let _ = writeln!(
            out,
            "\n{} {}",
            p.bold("Do these first:"),
            wrap(&items.join(" · "), width.saturating_sub(17), "  ")
        );
    }
    let _ = writeln!(out, "\n{}", counts_line(&report.findings));
    out
}

/// Checks named in the closing "do these first" line.
const WORTH_MOST_SHOWN: usize = 3;

fn write_groups(out: &mut String, p: &Paint, groups: &[FixGroup], width: usize) {
    for g in groups {
        for f in &g.findings {
            // The code tag is wrapped with the message so no line runs past the width.
            let tag = format!("[{}]", f.code);
            let sev = super::severity_word(f.severity);
            let first_line = width.saturating_sub(sev.len() + 3);
            let wrapped = wrap(&format!("{} {tag}", f.message), first_line, "    ");
            let body = match wrapped.strip_suffix(&tag) {
                Some(head) => format!("{head}{}", p.dim(&tag)),
                None => wrapped,
            };
            let _ = writeln!(out, "  {} {body}", p.severity(f.severity));
        }
        if g.fix.is_empty() {
            continue;
        }
        let label = if g.findings.len() == 1 {
            "fix:".to_string()
        } else {
            format!("fix for these {}:", g.findings.len())
        };
        let indent = " ".repeat(label.chars().count() + 5);
        let _ = writeln!(
            out,
            "    {label} {}",
            wrap(g.fix, width.saturating_sub(indent.len()), &indent)
        );
    }
}
