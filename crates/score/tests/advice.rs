//! Advice a user can trust (issue 14): nothing is said about text that is not there, and each
//! fix is said once in every renderer, with counts that match what is listed.

use ats_score::render::{markdown, text, TextOptions};
use ats_score::report::{Report, Severity};
use ats_score::{Analyzer, Request};

fn analyze(text: &str, role: Option<&str>) -> Report {
    let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
    Analyzer::builtin()
        .analyze(
            &doc,
            &Request {
                role,
                job_posting: None,
                today: None,
            },
        )
        .expect("known role")
}

/// Whitespace runs as one space: the terminal renderer wraps long lines.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A stopped report says one thing: its one blocking finding, with its fix.
fn assert_blocked(r: &Report, code: &str) {
    assert_eq!(r.blocked_by.as_deref(), Some(code));
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    assert_eq!(r.findings[0].code, code);
    assert_eq!(r.findings[0].severity, Severity::Error);
    assert!(!r.findings[0].suggestion.is_empty());
    assert!(r.score.overall <= 20, "score {}", r.score.overall);
    assert!(r.keywords.missing.is_empty() && r.keywords.matched.is_empty());
    assert!(r.role_fit.is_empty() && r.job_match.is_none());
    assert!(r
        .sections
        .iter()
        .all(|s| s.findings.is_empty() && s.suggestions.is_empty()));
    assert_eq!(r.suggestions.len(), 1);
    let total: f64 = r.findings.iter().map(|f| f.points).sum();
    assert!((100.0 - f64::from(r.score.overall) - total).abs() < 0.5);
    let t = text(r, &TextOptions::default());
    let md = markdown(r);
    for out in [&t, &md] {
        assert_eq!(flat(out).matches(&flat(&r.findings[0].suggestion)).count(), 1, "{out}");
        assert!(!out.contains("Contact") && !out.contains("keyword"), "{out}");
        assert!(out.contains("1 error, 0 warnings and 0 suggestions"), "{out}");
    }
}

#[test]
fn a_file_holding_one_word_gets_one_blocking_finding() {
    let r = analyze("hello\n", Some("ml-engineer"));
    assert_blocked(&r, "too-little-text");
    assert!(
        r.findings[0].message.starts_with("Only 1 word of text"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn a_forty_word_resume_is_too_little_to_judge() {
    let resume = "Jane Doe\njane@example.com | +1 415 555 0100\n\nExperience\n\
                  ML Engineer, Acme, 2021 - Present\n\
                  - Cut inference latency 35% by quantizing models with PyTorch\n\
                  - Built the training pipeline in Airflow\n\nSkills\nPython, SQL, Docker, Kubernetes\n";
    let words = resume.split_whitespace().count();
    assert!((30..50).contains(&words), "{words} words");
    let r = analyze(resume, Some("nlp-engineer"));
    assert_blocked(&r, "too-little-text");
    assert!(r.findings[0].message.contains(" words of text"));
    // What was read is still reported as read; only the advice is withheld.
    assert_eq!(r.contact.email.as_deref(), Some("jane@example.com"));
    assert!(r.sections.iter().any(|s| s.kind == ats_score::SectionKind::Experience));
}

#[test]
fn text_without_letters_is_scanned_or_empty() {
    let r = analyze("· · ·\n— — —\n", None);
    assert_blocked(&r, "scanned-or-empty");
}

#[test]
fn a_document_of_picture_pages_is_image_only() {
    let mut d = ats_parse::Document {
        format: ats_parse::Format::Pdf,
        pages: 2,
        byte_len: 400_000,
        ..ats_parse::Document::default()
    };
    d.signals.image_only_pages = vec![1, 2];
    let r = Analyzer::builtin()
        .analyze(
            &d,
            &Request {
                role: Some("ml-engineer"),
                job_posting: None,
                today: None,
            },
        )
        .expect("known role");
    assert_blocked(&r, "image-only");
}

/// Enough text to judge: the gate lets it through and every check runs.
#[test]
fn a_short_resume_over_the_threshold_is_judged() {
    let r = analyze(RESUME, Some("ml-engineer"));
    assert!(r.blocked_by.is_none());
    assert!(r.findings.len() > 3 && !r.sections.is_empty());
}

const RESUME: &str = "\
Jane Doe
jane.doe@example.com | Austin, TX | github.com/janedoe

Summary
Results-driven engineer who ships search and ranking models.

Experience
Machine Learning Engineer, Acme Analytics, Austin, TX — Jan 2021 – Present
- Cut p99 ranking latency from 180 ms to 45 ms by distilling the model
- Responsible for the feature store and its nightly jobs
- Worked on dashboards for the support team
- Built a retrieval pipeline for support tickets
Data Analyst, Beta Retail, Dallas, TX — 2018 – 2020
- Automated weekly sales reports, saving 12 analyst hours per week
- Dashboards were built for the regional managers

Education
B.S. in Computer Science, University of Texas at Austin (2014–2018)

Skills
Python, SQL, TensorFlow, Git, Docker
";

/// The numbers of the closing "N errors, N warnings and N suggestions" line.
fn counts(out: &str) -> [usize; 3] {
    let line = out.lines().rev().find(|l| l.contains(" error")).expect("a counts line");
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("digits"))
        .collect();
    [n[0], n[1], n[2]]
}

/// Every fix appears, each distinct fix under exactly one "fix" label, and the counts line
/// counts exactly the findings listed.
fn check_renderer(r: &Report, out: &str, finding_prefix: &str, fix_prefix: &str) {
    let body = flat(out);
    let mut fixes: Vec<&str> = r
        .findings
        .iter()
        .map(|f| f.suggestion.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    fixes.sort_unstable();
    fixes.dedup();
    for fix in &fixes {
        assert!(body.contains(&flat(fix)), "fix lost: {fix}\n{out}");
    }
    let fix_lines = out.lines().filter(|l| l.trim_start().starts_with(fix_prefix)).count();
    assert_eq!(fix_lines, fixes.len(), "each fix said once\n{out}");
    let mut listed = [0usize; 3];
    for l in out.lines() {
        for (i, sev) in ["error", "warning", "suggestion"].iter().enumerate() {
            if l.starts_with(&format!("{finding_prefix}{sev}")) {
                listed[i] += 1;
            }
        }
    }
    assert_eq!(listed, counts(out), "counts match what is listed\n{out}");
    let want = [Severity::Error, Severity::Warning, Severity::Suggestion]
        .map(|s| r.findings.iter().filter(|f| f.severity == s).count());
    assert_eq!(listed, want, "every finding listed once\n{out}");
    for wrong in [
        "(s)",
        " 1 words",
        " 1 bullets",
        " 1 pages",
        "Github",
        "Linkedin",
        "1.0 points",
    ] {
        assert!(!out.contains(wrong), "'{wrong}' in\n{out}");
    }
    for f in &r.findings {
        assert!(body.contains(&flat(&f.message)), "message lost: {}", f.message);
    }
}

#[test]
fn each_fix_is_said_once_in_text_and_markdown() {
    for role in [Some("ml-engineer"), Some("nlp-engineer"), None] {
        let r = analyze(RESUME, role);
        assert!(
            r.findings.iter().any(|f| f.section.is_none()),
            "a finding of the whole résumé"
        );
        let t = text(&r, &TextOptions::default());
        check_renderer(&r, &t, "  ", "fix");
        let md = markdown(&r);
        check_renderer(&r, &md, "- **", "- fix");
        // Markdown carries what the terminal report says beyond the findings.
        if r.impact.bullets > 0 {
            assert!(t.contains("Impact:") && md.contains("**Impact:**"));
        }
        for fit in &r.role_fit {
            assert!(t.contains(&fit.name) && md.contains(&fit.name), "{}", fit.name);
        }
        if role.is_some() {
            let coverage = format!("{:.0}%", r.keywords.coverage * 100.0);
            assert!(t.contains("Role keyword coverage:") && md.contains("Role keyword coverage:"));
            assert!(t.contains(&coverage) && md.contains(&coverage));
        }
    }
}

#[test]
fn findings_of_an_unlisted_section_are_still_listed() {
    // No contact details at all: the untitled top block is not listed as a section, yet its
    // findings (no name, no e-mail) are, and the error count matches them.
    let mut resume = String::from("Experience\nData Analyst, Beta Retail — 2018 – 2020\n");
    for i in 0..8 {
        resume.push_str(&format!(
            "- Automated report {i} for the sales team, saving 3 hours per week\n"
        ));
    }
    let r = analyze(&resume, None);
    assert!(r.findings.iter().any(|f| f.severity == Severity::Error));
    let t = text(&r, &TextOptions::default());
    check_renderer(&r, &t, "  ", "fix");
    check_renderer(&r, &markdown(&r), "- **", "- fix");
}
