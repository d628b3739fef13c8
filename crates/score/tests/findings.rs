//! Snapshots of the findings each fixture gets, one line per finding with its suggestion and
//! evidence: the wording users read, reviewed like code (house style: snapshot per check).

use std::fmt::Write as _;

use ats_parse::{
    ColumnRegion, Document, Format, HiddenReason, HiddenText, ImageInfo, Line, Link, Region, TableInfo, TextBoxInfo,
    TextSpan,
};
use ats_score::report::Report;
use ats_score::{Analyzer, KeywordSets, Request};

fn analyzer() -> Analyzer {
    Analyzer::new(KeywordSets::from_sources(&[]).expect("no sets is valid"))
}

fn render(r: &Report) -> String {
    let mut out = format!(
        "score {} ({})\n",
        r.score.overall,
        r.score
            .parts
            .iter()
            .map(|p| format!("{} {}", p.id, p.score))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for f in &r.findings {
        let sev = format!("{:?}", f.severity).to_lowercase();
        let _ = writeln!(out, "{sev} {} ({:.2}): {}", f.code, f.points, f.message);
        let _ = writeln!(out, "    fix: {}", f.suggestion);
        if let (Some(e), Some(at)) = (&f.evidence, f.offset) {
            let _ = writeln!(out, "    at {at}: {e}");
        }
    }
    out
}

fn text_report(text: &str) -> String {
    let doc = ats_parse::extract(text.as_bytes(), &ats_parse::Limits::default()).expect("text parses");
    render(&analyzer().analyze(&doc, &Request::default()).expect("no role asked"))
}

#[test]
fn content_findings_snapshot() {
    let text = "\
JOHN Q. PUBLIC
Seattle, WA • john.public@example.com
SUMMARY
Results-driven, detail-oriented engineer. I love building payment systems.
Where I've Worked
Stripe | San Francisco, CA
Senior Software Engineer | Jan '21 – Present
• Responsible for on-call rotation
• The idempotency layer was designed by me for 2M daily payments
• Payments
• Built the inventory forecasting service in Java that every warehouse team in North America and Europe used for \
planning purchase orders, staffing and shelf space across the year and every peak season including Prime Day
Software Engineer — 2014 – 2015
• Shipped a telemetry dashboard used by 12 teams
Data Analyst, Amazon, Seattle, WA — 06/2016 – 12/2019
• Helped with reporting
EDUCATION
University of Washington — B.S. Computer Science, 2016
";
    insta::assert_snapshot!("content_findings", text_report(text));
}

/// A PDF-like document with every layout risk the parser reports.
fn risky_document() -> Document {
    let rows: &[(&str, Region)] = &[
        ("Jane Doe", Region::Header),
        ("jane@example.com | +1 415 555 0100", Region::Header),
        ("Summary in a framed box", Region::TextBox),
        ("Experience", Region::Body),
        ("Engineer, Acme — Jan 2020 – Present", Region::Body),
        ("• Cut cloud spend by 18% through rightsizing", Region::Body),
        // Enough body text to pass the too-little-text gate, so every risk is judged.
        (
            "• Moved nightly batch scoring from cron scripts to Airflow with retries and alerts",
            Region::Body,
        ),
        (
            "• Wrote the on-call runbook for the serving cluster and trained four engineers on it",
            Region::Body,
        ),
        (
            "• Built a feature store that three product teams query every day",
            Region::Body,
        ),
        ("Skills", Region::Body),
        ("MLOps | MLflow, Kubeflow", Region::Table),
        ("Education", Region::Body),
        ("B.S. Physics, MIT (2012 – 2016)", Region::Body),
    ];
    let mut d = Document {
        format: Format::Pdf,
        pages: 1,
        byte_len: 1_500_000,
        ..Document::default()
    };
    let mut text = String::new();
    for (t, region) in rows {
        if !text.is_empty() {
            text.push('\n');
        }
        let bullet = t.starts_with('•');
        d.lines.push(Line {
            text: t.to_string(),
            start: text.len(),
            page: 1,
            region: *region,
            bullet,
            ..Line::default()
        });
        text.push_str(t);
    }
    d.text = text;
    let s = &mut d.signals;
    s.columns.push(ColumnRegion {
        page: 1,
        columns: 2,
        top: 80.0,
        bottom: 700.0,
        content_order_differs: true,
        samples: vec!["Experience".into(), "Skills".into()],
    });
    s.tables.push(TableInfo {
        page: 1,
        rows: 3,
        cols: 2,
        sample: "MLOps | MLflow, Kubeflow".into(),
    });
    s.text_boxes.push(TextBoxInfo {
        page: 1,
        text: "Summary in a framed box".into(),
    });
    s.header_footer.push(TextSpan {
        page: 1,
        text: "jane@example.com | +1 415 555 0100".into(),
        font_size: 10.0,
        band: None,
        repeated: false,
    });
    s.images.push(ImageInfo {
        page: 1,
        width: 120.0,
        height: 120.0,
        page_share: 0.08,
    });
    s.tiny_text.push(TextSpan {
        page: 1,
        text: "Python, SQL, Spark".into(),
        font_size: 6.0,
        band: None,
        repeated: false,
    });
    s.hidden_text.push(HiddenText {
        page: 1,
        text: "kubernetes docker terraform".into(),
        reason: HiddenReason::WhiteOnWhite,
    });
    s.glyphs = 1000;
    s.unmappable_glyphs = 30;
    s.unmappable_samples.push("Pyth\u{fffd}n".into());
    s.links.push(Link {
        page: 1,
        url: "https://www.linkedin.com/in/janedoe".into(),
        text: Some("LinkedIn".into()),
    });
    d
}

#[test]
fn layout_risk_findings_snapshot() {
    let r = analyzer()
        .analyze(&risky_document(), &Request::default())
        .expect("no role asked");
    insta::assert_snapshot!("layout_risk_findings", render(&r));
}

#[test]
fn scan_findings_snapshot() {
    let mut d = Document {
        format: Format::Pdf,
        pages: 2,
        byte_len: 900_000,
        ..Document::default()
    };
    d.signals.image_only_pages = vec![1, 2];
    d.signals.images.push(ImageInfo {
        page: 1,
        width: 612.0,
        height: 792.0,
        page_share: 1.0,
    });
    let r = analyzer().analyze(&d, &Request::default()).expect("no role asked");
    insta::assert_snapshot!("scan_findings", render(&r));
}
