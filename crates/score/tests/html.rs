//! The HTML report (issue 17): a snapshot of one report's `<section>`, escaping of hostile
//! résumé text, findings linked to their lines and back, each finding once, no zero-point
//! badges, and the posting's term table.

use ats_score::render::{report_page, report_section, PageOptions};
use ats_score::report::Report;
use ats_score::{Analyzer, KeywordSets, Request};

/// A Markdown résumé with findings of several kinds, some pointing at text.
const RESUME: &str = "\
# Jane Doe

jane.doe@example.com | +1 (415) 555-0142 | Austin, TX

## Summary

Results-driven engineer who ships search and ranking models.

## Experience

**Machine Learning Engineer**, Acme Analytics, Austin, TX — Jan 2021 – Present

- Cut p99 ranking latency from 180 ms to 45 ms by distilling the model
- Responsible for the feature store and its nightly jobs
- Built a retrieval pipeline for support tickets

**Data Analyst**, Beta Retail, Dallas, TX — 2018 – 2020

- Automated weekly sales reports, saving 12 analyst hours per week
- Dashboards were built for the regional managers

## Education

B.S. in Computer Science, University of Texas at Austin (2014–2018)

## Skills

Python, SQL, PyTorch, Airflow, Docker
";

fn report_with(analyzer: &Analyzer, text: &str, request: &Request) -> Report {
    let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
    analyzer.analyze(&doc, request).expect("analyzes")
}

/// Without keyword sets, so the snapshot does not move with the role data.
fn plain(text: &str) -> Report {
    let analyzer = Analyzer::new(KeywordSets::from_sources(&[]).expect("no sets is valid"));
    report_with(&analyzer, text, &Request::default())
}

#[test]
fn html_report_snapshot() {
    insta::assert_snapshot!("html_report_section", report_section(&plain(RESUME), "t-"));
}

/// The opening tags of `html`, by name.
fn tags(html: &str) -> Vec<String> {
    html.match_indices('<')
        .filter_map(|(at, _)| {
            let name: String = html[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        })
        .collect()
}

#[test]
fn everything_printed_is_escaped() {
    let hostile = RESUME
        .replace("Jane Doe", "Jane <script>alert('x')</script> Doe")
        .replace(
            "Built a retrieval pipeline",
            "Built <img src=x onerror=\"alert(1)\"> a retrieval & \"ranking\" pipeline",
        )
        .replace("## Skills", "## Skills <b onclick=alert(2)>");
    let r = plain(&hostile);
    assert!(r.text.contains("<script>"), "the fixture reaches the report");
    for html in [report_section(&r, "x-"), report_page(&r, &PageOptions::default())] {
        assert!(!html.contains("<script"), "no script element");
        assert!(!html.contains("<img"), "no image from the résumé");
        assert!(!html.contains("<b "), "no markup from the résumé");
        assert!(html.contains("&lt;script&gt;"), "the text is shown, escaped");
        assert!(!html.contains(" style=\""), "no inline style (CSP)");
        let allowed = [
            "!doctype", "html", "head", "meta", "title", "style", "link", "body", "main", "section", "h2", "h3", "h4",
            "p", "span", "strong", "ul", "ol", "li", "a", "meter", "div", "details", "summary", "dl", "dt", "dd",
            "article", "code", "mark", "q", "table", "caption", "thead", "tbody", "tr", "th", "td",
        ];
        for tag in tags(&html) {
            assert!(allowed.contains(&tag.as_str()), "unexpected element <{tag}>");
        }
    }
}

#[test]
fn ids_take_the_prefix_and_it_cannot_break_out() {
    let r = plain(RESUME);
    let html = report_section(&r, "a\" onclick=\"x");
    assert!(!html.contains(" onclick="), "the prefix keeps only id characters");
    assert!(html.contains("id=\"aonclickxreport\""));
}

#[test]
fn findings_link_to_their_lines_and_lines_back() {
    let r = plain(RESUME);
    let html = report_section(&r, "t-");
    let mut linked = 0;
    for (i, f) in r.findings.iter().enumerate() {
        // Each finding is listed once, under its own id.
        assert_eq!(html.matches(&format!("id=\"t-f-{i}\"")).count(), 1, "{}", f.code);
        let (Some(offset), Some(_)) = (f.offset, f.evidence.as_ref()) else {
            continue;
        };
        let line = r.text[..offset].matches('\n').count() + 1;
        assert!(
            html.contains(&format!("href=\"#t-line-{line}\"")),
            "{} links to line {line}",
            f.code
        );
        assert!(
            html.contains(&format!("href=\"#t-f-{i}\"")),
            "line {line} links back to {}",
            f.code
        );
        linked += 1;
    }
    assert!(linked > 0, "the fixture has findings that point at text");
    assert_eq!(
        html.matches("<li id=\"t-line-").count(),
        r.text.split('\n').count(),
        "one item per line of the text"
    );
    assert!(html.contains("<mark>"), "evidence is marked on its line");
}

#[test]
fn no_zero_point_badges_and_plurals_agree() {
    let r = plain(RESUME);
    let html = report_section(&r, "t-");
    assert!(!html.contains("−0.0"), "no zero-point cost");
    assert!(!html.contains("+0.0"), "no zero-point gain");
    assert!(!html.contains("1.0 points"));
    assert!(!html.contains(" 1 words") && !html.contains(" 1 bullets"));
    assert!(
        html.contains("href=\"#t-how\"") && html.contains("id=\"t-how\""),
        "a link to how the score is computed"
    );
    for band in ["Ready", "Close", "Needs work"] {
        assert!(
            html.contains(&format!("<strong>{band}</strong>")),
            "band {band} explained"
        );
    }
}

#[test]
fn a_posting_gets_a_table_of_term_counts() {
    let posting = "Machine Learning Engineer\nRequirements:\n- Python and PyTorch every day\n- Python, SQL and \
                   Kubernetes\n- Terraform\nNice to have: Spark";
    let r = report_with(
        &Analyzer::builtin(),
        RESUME,
        &Request {
            role: Some("ml-engineer"),
            job_posting: Some(posting),
            today: None,
        },
    );
    let j = r.job_match.as_ref().expect("a posting was given");
    let python = j.matched.iter().find(|t| t.term == "Python").expect("Python matched");
    assert!(python.count >= 2, "the posting names Python twice: {}", python.count);
    assert!(python.resume_count >= 1, "the résumé names Python");
    assert!(
        j.missing.iter().all(|t| t.resume_count == 0),
        "a missing term is not in the résumé"
    );
    let html = report_section(&r, "t-");
    let table = &html[html.find("id=\"t-job-terms\"").expect("the term table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(
        table.matches("<tr class=").count(),
        j.matched.len() + j.missing.len(),
        "one row per posting term"
    );
    assert!(table.contains(&format!(
        "<th scope=\"row\">Python</th><td>{}</td><td>{}</td>",
        python.count, python.resume_count
    )));
}

#[test]
fn a_blocked_report_says_only_why() {
    let r = plain("Jane Doe\njane@example.com\n");
    assert!(r.blocked_by.is_some(), "too little text to judge");
    let html = report_section(&r, "t-");
    assert!(html.contains("Nothing else is judged"));
    assert!(!html.contains("What the ATS sees"));
}

#[test]
fn without_a_role_the_best_fit_is_scored_and_its_keywords_shown() {
    let analyzer = Analyzer::builtin();
    let doc = ats_parse::extract(RESUME.as_bytes(), &ats_parse::Limits::default()).unwrap();
    let r = analyzer.analyze_best_fit(&doc, &Request::default()).unwrap();
    let role = r.role.as_ref().expect("a best-fitting role is chosen");
    assert!(role.best_fit, "the report says the role was chosen for the résumé");
    assert_eq!(role.id, r.role_fit[0].id, "the best fit is the first of the fits");
    assert!(!r.keywords.matched.is_empty() && !r.keywords.missing.is_empty());
    assert!(
        r.score.parts.iter().any(|p| p.id == "keywords"),
        "keywords count in the score"
    );
    let html = report_section(&r, "t-");
    assert!(html.contains("No role was chosen, so the résumé is scored against the role it fits best"));
    assert!(html.contains("id=\"t-chips-matched\""), "the found terms are listed");
    for m in &r.keywords.missing {
        assert!(
            html.contains(&m.term),
            "missing '{}' is named, as a chip or in a finding",
            m.term
        );
    }

    // Asked for, a role is not marked as a best fit; the plain analysis keeps no role.
    let asked = analyzer
        .analyze_best_fit(
            &doc,
            &Request {
                role: Some("data-analyst"),
                ..Request::default()
            },
        )
        .unwrap();
    assert!(!asked.role.as_ref().unwrap().best_fit);
    assert!(analyzer.analyze(&doc, &Request::default()).unwrap().role.is_none());
    let json = serde_json::to_string(&asked).unwrap();
    assert!(
        !json.contains("best_fit"),
        "the field is left out when false: {json:.200}"
    );
}

#[test]
fn a_resume_with_no_role_terms_gets_no_best_fit() {
    let text = "Zed Quill\nzed@example.com\n\nHOBBIES\n".to_string()
        + &"Knitting scarves and baking sourdough loaves for the neighbours every weekend. ".repeat(12);
    let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).unwrap();
    let r = Analyzer::builtin().analyze_best_fit(&doc, &Request::default()).unwrap();
    assert!(
        r.role_fit.iter().all(|f| f.coverage == 0.0),
        "no role's term: {:?}",
        r.role_fit
    );
    assert!(r.role.is_none(), "nothing fits, so no role is scored");
}

#[test]
fn offsets_off_a_character_or_past_the_text_do_not_panic() {
    let mut r = plain(RESUME);
    let dash = r.text.find('—').expect("a multi-byte dash in the text");
    let end = r.text.len();
    let shapes = [
        (dash + 1, "x—y"),
        (end, "past"),
        (usize::MAX, "far"),
        (end - 1, "long evidence past the end"),
    ];
    for (f, (offset, evidence)) in r.findings.iter_mut().zip(shapes) {
        f.offset = Some(offset);
        f.evidence = Some(evidence.to_string());
    }
    let html = report_section(&r, "t-");
    assert_eq!(html.matches("<li id=\"t-line-").count(), r.text.split('\n').count());
    assert!(
        html.contains("see line"),
        "the finding inside the text still links to its line"
    );
}
