//! The registry of checks (issue 3): one entry per code, kebab-case codes, unique names, every
//! doc written, and the stable codes scripts depend on present.

use std::collections::HashSet;

use ats_score::checks::{self, Part};

/// Codes scripts depend on: never rename these.
const STABLE: &[&str] = &[
    "multi-column",
    "table-layout",
    "contact-in-header-footer",
    "text-box",
    "image-only",
    "images",
    "tiny-font",
    "hidden-text",
    "unmappable-glyphs",
    "nonstandard-heading",
    "missing-email",
    "missing-phone",
    "file-too-large",
    "too-short",
    "too-long",
    "scanned-or-empty",
];

fn kebab(code: &str) -> bool {
    !code.is_empty()
        && code
            .split('-')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        && code.starts_with(|c: char| c.is_ascii_lowercase())
}

#[test]
fn codes_unique_kebab_case_and_documented() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for c in checks::all() {
        assert!(codes.insert(c.code), "duplicate code {}", c.code);
        assert!(names.insert(c.name), "duplicate name {}", c.name);
        assert!(kebab(c.code), "not kebab-case: {}", c.code);
        for (field, text) in [
            ("name", c.name),
            ("what", c.what),
            ("why", c.why),
            ("example", c.example),
            ("fix", c.fix),
        ] {
            assert!(!text.trim().is_empty(), "{}: empty {field}", c.code);
            assert_eq!(text, text.trim(), "{}: stray whitespace in {field}", c.code);
        }
        // The content and ATS-risk docs (the keyword checks' docs belong to their module).
        if !ats_score::keywords::CHECKS.iter().any(|k| k.code == c.code) {
            assert!(
                c.why.len() >= 60,
                "{}: say why it matters for an ATS or a recruiter",
                c.code
            );
            assert!(
                c.what.ends_with('.') && c.why.ends_with('.') && c.fix.ends_with('.'),
                "{}: write full sentences",
                c.code
            );
        }
        assert_eq!(checks::lookup(c.code).map(|x| x.code), Some(c.code));
    }
    assert!(checks::lookup("no-such-check").is_none());
}

#[test]
fn stable_codes_exist() {
    for code in STABLE {
        assert!(
            checks::lookup(code).is_some(),
            "stable code {code} missing from the registry"
        );
    }
}

#[test]
fn parse_health_apart_from_content() {
    for code in [
        "multi-column",
        "table-layout",
        "text-box",
        "contact-in-header-footer",
        "image-only",
        "hidden-text",
        "file-too-large",
    ] {
        assert_eq!(checks::lookup(code).map(|c| c.part), Some(Part::ParseHealth), "{code}");
    }
    for code in [
        "missing-email",
        "no-quantified-impact",
        "weak-opener",
        "employer-unclear",
    ] {
        assert_eq!(checks::lookup(code).map(|c| c.part), Some(Part::Content), "{code}");
    }
}

fn doc(name: &str) -> Option<String> {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs")
            .join(name),
    )
    .ok()
}

#[test]
fn docs_list_every_code() {
    let (Some(report), Some(scoring)) = (doc("report.md"), doc("scoring.md")) else {
        panic!("docs/report.md and docs/scoring.md must exist");
    };
    for c in checks::all() {
        assert!(
            report.contains(&format!("| `{}` |", c.code)),
            "docs/report.md: code table lacks {}",
            c.code
        );
        let keyword_part = matches!(c.part, Part::Keywords | Part::JobMatch);
        if !keyword_part {
            assert!(
                scoring.contains(&format!("| `{}` |", c.code)),
                "docs/scoring.md: cost table lacks {}",
                c.code
            );
        }
    }
    assert!(scoring.contains("2026.11"), "docs/scoring.md names the weights version");
}

/// The full example in docs/report.md is a report of the current shape.
#[test]
fn report_doc_example_parses() {
    let Some(report) = doc("report.md") else {
        panic!("docs/report.md must exist");
    };
    let example = report
        .split("## A full example")
        .nth(1)
        .expect("a full example section");
    let json = example
        .split("```json\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("a JSON block");
    let parsed: ats_score::Report = serde_json::from_str(json).expect("the example is a Report");
    assert_eq!(parsed.schema_version, ats_score::report::SCHEMA_VERSION);
    let sum: f64 = parsed.findings.iter().map(|f| f.points).sum();
    assert!(
        (100.0 - f64::from(parsed.score.overall) - sum).abs() <= 1.0,
        "the example keeps the points invariant"
    );
}
