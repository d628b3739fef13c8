//! A cohort (issue 16): résumés scored without a role are scored for the role they fit best,
//! and the cohort summary ranks what is missing so that the signal shows.

use ats_score::render::{cohort_markdown, CohortFile, FileOutcome};
use ats_score::report::Report;
use ats_score::{Analyzer, Request};

fn doc(text: &str) -> ats_parse::Document {
    ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses")
}

const ML: &str = "Jordan Rivera\njordan.rivera@example.com | +1 415 555 0134\n\nEXPERIENCE\n\
Machine Learning Engineer, Northwind | 2021 - Present\n\
- Trained and deployed PyTorch models on Kubernetes with Docker, cutting latency 35%\n\
- Built feature pipelines in Python and SQL with Airflow for 40 models\n\
- Ran A/B tests on ranking models and shipped the winner to 2M users\n\
- Set up MLflow model registry and monitoring for drift\n\n\
EDUCATION\nM.S. Computer Science, University of Washington, 2020\n\n\
SKILLS\nPython, PyTorch, TensorFlow, scikit-learn, Docker, Kubernetes, SQL, Airflow, MLflow, AWS\n";

const ANALYST: &str = "Sam Okafor\nsam.okafor@example.com | (312) 555-0199\n\nEXPERIENCE\n\
Data Analyst, Contoso Retail | 2022 - Present\n\
- Built Tableau dashboards on SQL queries that 30 store managers read weekly\n\
- Cleaned sales data in Excel and Python pandas, cutting report time by 6 hours a week\n\
- Ran cohort and funnel analyses that moved 5% of ad spend to better channels\n\
- Wrote KPI definitions with finance and presented findings to directors\n\n\
EDUCATION\nB.A. Economics, DePaul University, 2021\n\n\
SKILLS\nSQL, Excel, Tableau, Power BI, Python, pandas, statistics, data visualization\n";

fn scored(text: &str, role: Option<&str>) -> Report {
    Analyzer::builtin()
        .analyze_best_fit(
            &doc(text),
            &Request {
                role,
                ..Request::default()
            },
        )
        .expect("known role")
}

#[test]
fn without_a_role_the_best_fit_is_scored() {
    let analyzer = Analyzer::builtin();
    for text in [ML, ANALYST] {
        let best = scored(text, None);
        let fit = best.role_fit.first().expect("a best fit");
        let role = best.role.as_ref().expect("the best fit is scored");
        assert_eq!(role.id, fit.id);
        assert!(best.score.parts.iter().any(|p| p.id == "keywords"), "a keyword part");
        let asked = analyzer
            .analyze(
                &doc(text),
                &Request {
                    role: Some(&fit.id),
                    ..Request::default()
                },
            )
            .expect("known role");
        // The same report as asking for that role by name, but for saying it was the best fit.
        assert!(role.best_fit);
        let mut best = best.clone();
        if let Some(role) = best.role.as_mut() {
            role.best_fit = false;
        }
        assert_eq!(best, asked);
        // A plain analysis without a role names the best fits but scores no keywords.
        let plain = analyzer.analyze(&doc(text), &Request::default()).expect("no role");
        assert!(plain.role.is_none() && plain.score.parts.iter().all(|p| p.id != "keywords"));
        assert_eq!(plain.role_fit, best.role_fit);
    }
    assert_ne!(
        scored(ML, None).role.map(|r| r.id),
        scored(ANALYST, None).role.map(|r| r.id),
        "different résumés, different best fits"
    );
    // With a role, that role is scored whatever fits best.
    let given = scored(ANALYST, Some("ml-engineer"));
    assert_eq!(given.role.map(|r| r.id).as_deref(), Some("ml-engineer"));
}

#[test]
fn a_blocked_file_has_no_best_fit() {
    let r = scored("Jordan Rivera", None);
    assert!(r.blocked_by.is_some() && r.role.is_none() && r.role_fit.is_empty());
}

/// The rows of the Markdown table that follows `heading`.
fn table_rows<'a>(md: &'a str, heading: &str) -> Vec<Vec<&'a str>> {
    let start = md.find(heading).unwrap_or_else(|| panic!("no {heading} in {md}"));
    md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect()
}

#[test]
fn missing_keywords_rank_by_share_and_weight_not_by_name() {
    // Same role for all: three ML résumés, one of which also names a term the others miss.
    let with_spark = ML.replace("AWS\n", "AWS, Spark\n");
    let reports = [
        scored(ML, Some("ml-engineer")),
        scored(ML, Some("ml-engineer")),
        scored(&with_spark, Some("ml-engineer")),
    ];
    let files: Vec<CohortFile> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| CohortFile {
            file: ["a.pdf", "b.pdf", "c.pdf"][i],
            outcome: FileOutcome::Scored(r),
        })
        .chain([
            CohortFile {
                file: "d.doc",
                outcome: FileOutcome::Unsupported("d.doc: this is a legacy Word .doc file"),
            },
            CohortFile {
                file: "e.pdf",
                outcome: FileOutcome::Unreadable("e.pdf: the PDF is damaged"),
            },
        ])
        .collect();
    let md = cohort_markdown(&files, Some("Machine Learning Engineer"));
    assert!(
        md.contains("5 files: 3 scored, 1 could not be read, 1 in a format ats-check does not read"),
        "{md}"
    );
    let rows = table_rows(&md, "## Keywords most often missing");
    assert!(rows.len() > 3, "{md}");
    // Columns: keyword, weight, "n of m (p%)".
    let key = |row: &Vec<&str>| {
        let weight: f64 = row[1].parse().expect("weight");
        let n: f64 = row[2].split(' ').next().and_then(|n| n.parse().ok()).expect("count");
        (n / 3.0 * weight, n / 3.0, weight)
    };
    for pair in rows.windows(2) {
        let (a, b) = (key(&pair[0]), key(&pair[1]));
        assert!(
            a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && (a.2 > b.2 || pair[0][0] < pair[1][0])))),
            "{:?} before {:?}\n{md}",
            pair[0],
            pair[1]
        );
    }
    // Not all the same share: the term one résumé names is missing from two of three.
    let weights: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    assert!(
        weights.windows(2).any(|w| w[0] != w[1]) || rows.iter().any(|r| r[2].starts_with("2 of 3")),
        "{md}"
    );
    assert!(
        md.contains("| d.doc | d.doc: this is a legacy Word .doc file |"),
        "{md}"
    );
    assert!(md.contains("## Best-fit roles"), "{md}");
}

/// A file that was not scored: name, error, whether its format is unsupported.
type NotScored = (&'static str, &'static str, bool);

/// A small cohort: two students for one role, a legacy .doc and a damaged file.
fn small_cohort() -> (Vec<Report>, Vec<NotScored>) {
    let reports = vec![scored(ML, Some("ml-engineer")), scored(ANALYST, Some("ml-engineer"))];
    let others = vec![
        (
            "c.doc",
            "c.doc: this is a legacy Word .doc file: open it in Word or LibreOffice and save as .docx or PDF",
            true,
        ),
        ("d.pdf", "d.pdf: the PDF is damaged <script>alert(1)</script>", false),
    ];
    (reports, others)
}

fn cohort_files<'a>(reports: &'a [Report], others: &'a [NotScored]) -> Vec<CohortFile<'a>> {
    let mut files: Vec<CohortFile> = reports
        .iter()
        .zip(["a.pdf", "b.docx"])
        .map(|(r, file)| CohortFile {
            file,
            outcome: FileOutcome::Scored(r),
        })
        .collect();
    for (file, error, unsupported) in others {
        let e = *error;
        files.push(CohortFile {
            file,
            outcome: if *unsupported {
                FileOutcome::Unsupported(e)
            } else {
                FileOutcome::Unreadable(e)
            },
        });
    }
    files
}

#[test]
fn cohort_html_is_one_self_contained_page_with_every_report() {
    let (reports, others) = small_cohort();
    let files = cohort_files(&reports, &others);
    let html = ats_score::render::cohort_html(&files, Some("Machine Learning Engineer"));
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // Nothing fetched: no external script, style sheet, font or image.
    for banned in ["<link", " src=", "@import", "url(", "https://", "@font-face"] {
        assert!(!html.contains(banned), "{banned} in the page");
    }
    assert!(!html.contains("<script>alert"), "file errors are escaped");
    // The charts are inline SVG.
    for chart in [
        "Résumés per score band of ten points",
        "Mean score of each part",
        "Keywords most often missing",
        "Most common ATS risks",
        "Best-fit roles",
    ] {
        assert!(html.contains(&format!("aria-label=\"{chart}\"")), "chart {chart}");
    }
    // Each table row links to its student's report, which is on the page.
    for i in 0..files.len() {
        assert!(html.contains(&format!("href=\"#student-{i}\"")), "row {i} links");
        assert_eq!(html.matches(&format!("id=\"student-{i}\"")).count(), 1, "target {i}");
    }
    for (i, r) in reports.iter().enumerate() {
        assert!(html.contains(&ats_score::render::report_section(r, &format!("s{i}-"))));
    }
    assert!(html.contains("@media print"));

    // The cohort part of the page (the student reports are the report renderer's own
    // snapshot's business).
    let start = html.find("<body>").expect("body");
    let end = html.find("<section id=\"reports\">").expect("reports");
    insta::assert_snapshot!("cohort_html_overview", &html[start..end]);
}

#[test]
fn cohort_html_with_a_nonce_marks_its_inline_code() {
    let (reports, others) = small_cohort();
    let files = cohort_files(&reports, &others);
    let html = ats_score::render::cohort_html_with_nonce(&files, None, Some("abc123"));
    assert_eq!(html.matches("<style nonce=\"abc123\">").count(), 1);
    assert_eq!(html.matches("<script nonce=\"abc123\">").count(), 1);
    assert_eq!(html.matches("<style").count(), 1);
    assert_eq!(html.matches("<script").count(), 1);
}
