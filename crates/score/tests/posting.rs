//! Job postings read as a recruiter reads them (issue 14): degree and years asks checked against
//! the résumé's entries, required and preferred told apart, and postings with nothing to match
//! leaving the score alone. Fixtures are written here.

use ats_score::{Analyzer, Importance, Report, Request, YearMonth};

/// A résumé with the given degree line and jobs (title line with dates, one bullet each).
fn resume(degree: &str, jobs: &[&str]) -> String {
    let mut text = String::from(
        "Alex Morgan\nalex.morgan@example.com | +1 206 555 0100 | Seattle, WA\n\nSUMMARY\n\
         Machine learning engineer who ships PyTorch models to production, from the first data \
         pipeline to the service that answers in milliseconds, and who measures every change against \
         the metric the business cares about before it reaches customers.\n\nEXPERIENCE\n",
    );
    for job in jobs {
        text.push_str(job);
        text.push_str("\n- Deployed PyTorch ranking models on Kubernetes with Docker, cutting latency 30%\n");
    }
    text.push_str("\nEDUCATION\n");
    text.push_str(degree);
    text.push_str("\n\nSKILLS\nPython, SQL, PyTorch, Docker, Kubernetes, AWS\n");
    text
}

const TODAY: YearMonth = YearMonth { year: 2026, month: 12 };

fn analyze(resume: &str, posting: Option<&str>) -> Report {
    let doc = ats_parse::extract(resume.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
    Analyzer::builtin()
        .analyze(
            &doc,
            &Request {
                role: Some("ml-engineer"),
                job_posting: posting,
                today: Some(TODAY),
            },
        )
        .expect("known role")
}

fn codes(r: &Report) -> Vec<&str> {
    r.findings.iter().map(|f| f.code.as_str()).collect()
}

const LONG_CAREER: &[&str] = &[
    "Senior Machine Learning Engineer, Contoso | Mar 2021 - Present",
    "Machine Learning Engineer, Fabrikam | Jun 2017 - Feb 2021",
];

#[test]
fn a_masters_meets_ms_or_phd_and_no_phd_advice() {
    let posting = "Machine Learning Engineer\nRequirements:\n- MS or PhD in Computer Science\n- Python, PyTorch";
    let r = analyze(
        &resume("M.S. Computer Science, State University | 2015 - 2017", LONG_CAREER),
        Some(posting),
    );
    let jm = r.job_match.as_ref().expect("job match");
    assert_eq!(jm.degree.len(), 1);
    let d = &jm.degree[0];
    assert_eq!(
        (d.asked.as_str(), d.found.as_deref(), d.met),
        ("Master's", Some("Master's"), true)
    );
    assert!(!codes(&r).contains(&"degree-requirement"));
    assert!(
        !jm.missing.iter().chain(&jm.matched).any(|t| t.term.contains("PhD")),
        "a degree is not a term to write: {:?}",
        jm.missing
    );
    assert!(
        !r.findings.iter().any(|f| f.suggestion.contains("PhD")),
        "no 'write PhD' advice"
    );
}

#[test]
fn a_bachelors_does_not_meet_ms_required() {
    let posting = "Machine Learning Engineer\nRequirements:\n- M.S. required\n- Python, PyTorch";
    let r = analyze(
        &resume("B.S. Computer Science, State University | 2013 - 2017", LONG_CAREER),
        Some(posting),
    );
    let jm = r.job_match.as_ref().expect("job match");
    let d = &jm.degree[0];
    assert_eq!(
        (d.asked.as_str(), d.found.as_deref(), d.met),
        ("Master's", Some("Bachelor's"), false)
    );
    assert_eq!(d.importance, Importance::Required);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "degree-requirement")
        .expect("finding");
    assert!(
        f.message.contains("Bachelor's") && f.message.contains("B.S. Computer Science"),
        "{}",
        f.message
    );
    assert!(f.points > 0.0);
    // Preferred only: a suggestion that costs less.
    let preferred = "Machine Learning Engineer\nRequirements:\n- Python, PyTorch\nNice to have:\n- MS in Statistics";
    let r2 = analyze(
        &resume("B.S. Computer Science, State University | 2013 - 2017", LONG_CAREER),
        Some(preferred),
    );
    let f2 = r2
        .findings
        .iter()
        .find(|f| f.code == "degree-requirement")
        .expect("finding");
    assert_eq!(f2.severity, ats_score::Severity::Suggestion);
    assert!(f2.points < f.points);
    // "Or equivalent experience": the degree is one way to meet it, not a screen.
    let equivalent =
        "Machine Learning Engineer\nRequirements:\n- Master's degree or equivalent practical experience\n- PyTorch";
    let r3 = analyze(
        &resume("B.S. Computer Science, State University | 2013 - 2017", LONG_CAREER),
        Some(equivalent),
    );
    let f3 = r3
        .findings
        .iter()
        .find(|f| f.code == "degree-requirement")
        .expect("finding");
    assert_eq!(f3.severity, ats_score::Severity::Suggestion);
    assert!(f3.message.contains("equivalent"), "the quote shows it: {}", f3.message);
}

#[test]
fn years_asked_are_checked_against_the_experience_dates() {
    let posting = "ML Engineer\nRequirements:\n- 5+ years of experience with Python and PyTorch";
    let met = analyze(&resume("M.S. Computer Science", LONG_CAREER), Some(posting));
    let y = &met.job_match.as_ref().expect("job match").experience[0];
    assert_eq!((y.asked, y.met), (5, Some(true)));
    assert!(y.found.is_some_and(|f| f > 9.0 && f < 10.0), "{:?}", y.found);
    assert!(!codes(&met).contains(&"experience-years"));

    let junior = analyze(
        &resume(
            "M.S. Computer Science",
            &["Machine Learning Engineer, Contoso | Jan 2024 - Present"],
        ),
        Some(posting),
    );
    let y = &junior.job_match.as_ref().expect("job match").experience[0];
    assert_eq!(y.met, Some(false));
    assert_eq!(y.found, Some(3.0));
    let f = junior
        .findings
        .iter()
        .find(|f| f.code == "experience-years")
        .expect("finding");
    assert!(
        f.message.contains("5+ years") && f.message.contains("about 3 years"),
        "{}",
        f.message
    );
    assert!(junior.score.overall < met.score.overall);
}

#[test]
fn a_posting_with_nothing_to_match_changes_no_score() {
    let text = resume("M.S. Computer Science", LONG_CAREER);
    let without = analyze(&text, None);
    let company_only = "Northwind Traders\nNorthwind Traders is a family company in Springfield. Northwind \
                        Traders values Integrity and Fun.\nBenefits:\n- Medical, dental and vision insurance\n\
                        - Free lunch\nNorthwind Traders is an equal opportunity employer.";
    let gibberish = "Qorvan Telpis Mundrake\nQorvan telpis mundrake vosh, Qorvan Telpis. Ulbrin Ostrava Kelmp \
                     Ulbrin Ostrava Kelmp. Zentrovi Zentrovi Zentrovi.";
    for posting in [company_only, gibberish] {
        let r = analyze(&text, Some(posting));
        let jm = r.job_match.as_ref().expect("job match");
        assert!(!jm.scored && jm.matched.is_empty() && jm.missing.is_empty());
        assert_eq!(r.score.overall, without.score.overall, "no score change");
        assert!(!r.score.parts.iter().any(|p| p.id == "job-match"));
        let job_codes: Vec<&str> = codes(&r).into_iter().filter(|c| !codes(&without).contains(c)).collect();
        assert_eq!(job_codes, ["job-posting-no-terms"], "one clear note");
        for rendered in [
            ats_score::render::text(
                &r,
                &ats_score::render::TextOptions {
                    color: false,
                    width: 96,
                },
            ),
            ats_score::render::markdown(&r),
        ] {
            assert!(rendered.contains("not scored"), "{rendered}");
            assert!(!rendered.contains("-0%"));
        }
    }
}

#[test]
fn plain_text_postings_with_real_terms_still_match() {
    let posting = "Machine Learning Engineer\nWe need PyTorch, Kubernetes, Kafka and Airflow.";
    let r = analyze(&resume("M.S. Computer Science", LONG_CAREER), Some(posting));
    let jm = r.job_match.as_ref().expect("job match");
    assert!(jm.scored);
    let matched: Vec<&str> = jm.matched.iter().map(|t| t.term.as_str()).collect();
    let missing: Vec<&str> = jm.missing.iter().map(|t| t.term.as_str()).collect();
    assert!(
        matched.contains(&"PyTorch") && matched.contains(&"Kubernetes"),
        "{matched:?}"
    );
    assert!(
        missing.contains(&"Kafka") && missing.contains(&"Airflow"),
        "{missing:?}"
    );
    assert!(r.score.parts.iter().any(|p| p.id == "job-match"));
}
