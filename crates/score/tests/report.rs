//! The report as a whole (issue 3): a JSON snapshot of a small Markdown résumé, the points
//! invariant (`100 − overall ≈ Σ finding.points`), ordering of findings and suggestions, and
//! findings listed under their sections.

use ats_score::report::{Finding, Report, Severity};
use ats_score::{Analyzer, KeywordSets, Request};

/// A Markdown résumé with a little of everything to report.
const RESUME: &str = "\
# Jane Doe

ML Engineer

jane.doe@example.com | +1 (415) 555-0142 | Austin, TX | github.com/janedoe

## Summary

Results-driven engineer who ships search and ranking models.

## Where I've Worked

**Machine Learning Engineer**, Acme Analytics, Austin, TX — Jan 2021 – Present

- Cut p99 ranking latency from 180 ms to 45 ms by distilling the model
- Responsible for the feature store and its nightly jobs
- Built a retrieval pipeline for support tickets

**Data Analyst**, Beta Retail, Dallas, TX — 2018 – 2020

- Automated weekly sales reports, saving 12 analyst hours per week
- Dashboards were built for the regional managers

## Projects

- tinyrank: learning-to-rank metrics library with 1.2k GitHub stars

## Education

B.S. in Computer Science, University of Texas at Austin (2014–2018)

## Skills

Python, SQL, PyTorch, Airflow, Docker
";

/// An analyzer without keyword sets, so the snapshot does not move with the role data.
fn analyzer() -> Analyzer {
    Analyzer::new(KeywordSets::from_sources(&[]).expect("no sets is valid"))
}

fn report(text: &str) -> Report {
    let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
    analyzer().analyze(&doc, &Request::default()).expect("no role asked")
}

#[test]
fn report_json_snapshot() {
    let r = report(RESUME);
    let json = serde_json::to_string_pretty(&r).expect("a report serialises");
    insta::assert_snapshot!("markdown_resume_report", json);
}

#[test]
fn report_reads_the_resume() {
    let r = report(RESUME);
    assert_eq!(r.schema_version, ats_score::report::SCHEMA_VERSION);
    assert_eq!(r.source.format, "text");
    assert_eq!(r.contact.name.as_deref(), Some("Jane Doe"));
    assert_eq!(r.contact.phone.as_deref(), Some("+1 (415) 555-0142"));
    assert_eq!(r.contact.location.as_deref(), Some("Austin, TX"));
    assert_eq!(r.contact.links.len(), 1);
    let kinds: Vec<&str> = r.sections.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["contact", "summary", "experience", "projects", "education", "skills"]
    );
    assert_eq!(r.experience.len(), 2);
    assert_eq!(r.experience[0].company.as_deref(), Some("Acme Analytics"));
    assert!(r.experience[0].current && r.experience[0].end.is_none());
    assert_eq!(r.experience[1].start.as_deref(), Some("2018"));
    assert_eq!(
        r.education[0].institution.as_deref(),
        Some("University of Texas at Austin")
    );
    assert_eq!(r.impact.bullets, 6);
    assert_eq!(r.impact.quantified, 3);
    assert_eq!(
        r.text,
        ats_parse::extract(RESUME.as_bytes(), &ats_parse::Limits::default())
            .unwrap()
            .text
    );
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    for c in [
        "nonstandard-heading",
        "weak-opener",
        "passive-voice",
        "buzzword",
        "year-only-dates",
        "no-quantified-impact",
        "missing-linkedin",
    ] {
        assert!(codes.contains(&c), "{c} not in {codes:?}");
    }
}

fn points_sum(r: &Report) -> f64 {
    r.findings.iter().map(|f| f.points).sum()
}

fn assert_points_add_up(r: &Report, what: &str) {
    let lost = 100.0 - f64::from(r.score.overall);
    let sum = points_sum(r);
    assert!(
        (lost - sum).abs() <= 1.0,
        "{what}: 100 − overall = {lost} but findings cost {sum:.2}"
    );
    // Each part: its score and the points it lists.
    for p in &r.score.parts {
        let listed: f64 = p.lost.iter().map(|l| l.points).sum();
        assert!(
            (100.0 - f64::from(p.score) - listed).abs() <= 1.0,
            "{what}: part {} scores {} but lists {listed:.2} lost",
            p.id,
            p.score
        );
    }
    let weights: f64 = r.score.parts.iter().map(|p| p.weight).sum();
    assert!((weights - 1.0).abs() < 0.02, "{what}: weights add up to {weights}");
    assert_eq!(r.score.weights_version, "2026.11");
}

#[test]
fn points_lost_add_up_to_the_score() {
    let analyzer = Analyzer::builtin();
    let docs = [
        RESUME.to_string(),
        "x".to_string(),
        "Jane Doe\n\nSkills\nPython".to_string(),
        RESUME
            .replace("jane.doe@example.com", "")
            .replace("+1 (415) 555-0142", "")
            .replace("## Summary", "## Hello"),
        RESUME.repeat(8),
    ];
    for (i, text) in docs.iter().enumerate() {
        let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
        for role in [None, Some("ml-engineer")] {
            for posting in [
                None,
                Some("We need a machine learning engineer with Python, PyTorch, Kubernetes and SQL."),
            ] {
                let Ok(r) = analyzer.analyze(
                    &doc,
                    &Request {
                        role: role.filter(|r| analyzer.roles().iter().any(|s| s.id == *r)),
                        job_posting: posting,
                        today: None,
                    },
                ) else {
                    continue;
                };
                assert_points_add_up(&r, &format!("doc {i}, role {role:?}, posting {}", posting.is_some()));
            }
        }
    }
}

#[test]
fn parts_present_and_renormalised() {
    let r = report(RESUME);
    let ids: Vec<&str> = r.score.parts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["parse-health", "content"],
        "keywords only with a role, job-match only with a posting"
    );
    assert!(r.score.parts.iter().all(|p| (p.weight - 0.5).abs() < 1e-9));
    let analyzer = Analyzer::builtin();
    if let Some(role) = analyzer.roles().first().map(|s| s.id.clone()) {
        let doc = ats_parse::extract(RESUME.as_bytes(), &ats_parse::Limits::default()).unwrap();
        let r = analyzer
            .analyze(
                &doc,
                &Request {
                    role: Some(&role),
                    job_posting: Some("Python and SQL engineer"),
                    today: None,
                },
            )
            .unwrap();
        let ids: Vec<&str> = r.score.parts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["parse-health", "content", "keywords", "job-match"]);
        assert_eq!(r.role.as_ref().map(|x| x.id.as_str()), Some(role.as_str()));
    }
}

#[test]
fn findings_sorted_and_listed_under_sections() {
    let r = report(RESUME);
    for w in r.findings.windows(2) {
        let (a, b): (&Finding, &Finding) = (&w[0], &w[1]);
        assert!(
            a.severity > b.severity || (a.severity == b.severity && a.points >= b.points),
            "{} before {}",
            a.code,
            b.code
        );
    }
    let experience = r
        .sections
        .iter()
        .find(|s| s.kind == ats_score::SectionKind::Experience)
        .unwrap();
    assert_eq!(experience.heading, "Where I've Worked");
    let codes: Vec<&str> = experience.findings.iter().map(|f| f.code.as_str()).collect();
    assert!(
        codes.contains(&"weak-opener") && codes.contains(&"nonstandard-heading"),
        "{codes:?}"
    );
    assert!(experience
        .suggestions
        .iter()
        .any(|s| s == "Rename 'Where I've Worked' to 'Experience'"));
    assert!(experience
        .suggestions
        .iter()
        .any(|s| s == "Add a figure to: 'Built a retrieval pipeline for support tickets'"));
    // Every finding with an offset sits inside the section it is listed under.
    for s in &r.sections {
        for f in s.findings.iter().filter(|f| f.offset.is_some()) {
            let at = f.offset.unwrap();
            assert!(
                s.start <= at && at < s.end.max(s.start + 1),
                "{} at {at} outside {:?}",
                f.code,
                s.kind
            );
        }
    }
    let errors = r.findings.iter().filter(|f| f.severity == Severity::Error).count();
    assert_eq!(errors, 0, "a clean contact block and layout have no errors");
}

#[test]
fn suggestions_ordered_by_points_won_back() {
    let r = report(RESUME);
    assert!(!r.suggestions.is_empty());
    for w in r.suggestions.windows(2) {
        assert!(w[0].points >= w[1].points, "{:?} before {:?}", w[0], w[1]);
    }
    let total: f64 = r.suggestions.iter().map(|s| s.points).sum();
    assert!(
        (total - points_sum(&r)).abs() < 0.1,
        "suggestions carry every point lost"
    );
}

#[test]
fn deterministic() {
    let a = serde_json::to_string(&report(RESUME)).unwrap();
    let b = serde_json::to_string(&report(RESUME)).unwrap();
    assert_eq!(a, b);
}

/// Odd input never panics and keeps the points invariant: a small deterministic generator mixes
/// résumé fragments, Unicode (case-changing letters, combining marks, RTL, emoji), digits and
/// punctuation.
#[test]
fn odd_text_never_panics() {
    const PIECES: &[&str] = &[
        "EXPERIENCE",
        "## Skills",
        "- ",
        "• ",
        "Jan '21 – ",
        "2019-2021",
        "03/21",
        "+1 (415) 555-0142",
        "a@b.co",
        "@@",
        "İSTANBUL",
        "K",
        "ß",
        "e\u{301}",
        "עברית",
        "😀",
        "—",
        "–",
        "|",
        "\t",
        "(",
        ")",
        "$3M",
        "10×",
        "3.8/4.0",
        "Responsible for",
        "was built",
        "I/O",
        "University of",
        ", CA",
        "Present",
        "Summer",
        "http://",
        "mailto:",
        "Dr.",
        "José",
        "\u{fffd}",
        "\u{e000}",
        "1,800",
        "#1",
        "top",
        "from 1 to 2",
        "Where I've Worked",
        "\n",
        "\n\n",
    ];
    let analyzer = analyzer();
    let mut random = ats_testkit::xorshift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..60 {
            let seed = random();
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            if seed & 3 == 0 {
                text.push(' ');
            }
        }
        let Ok(doc) = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()) else {
            continue;
        };
        let r = analyzer.analyze(&doc, &Request::default()).expect("no role asked");
        assert_points_add_up(&r, &text);
        for f in &r.findings {
            if let Some(at) = f.offset {
                assert!(
                    r.text.get(at..).is_some(),
                    "{}: offset {at} not on a char boundary",
                    f.code
                );
            }
        }
    }
}
