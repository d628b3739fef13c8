//! Entry headers read from generated PDFs, through the parser: employers and schools set as
//! sub-headings inside their sections (dev class D6), and employer / dates / title stacked
//! over descriptions without bullet glyphs (dev class D9).

#[path = "../../parse/tests/support/pdfgen.rs"]
mod pdfgen;

use ats_parse::{Document, Limits};
use ats_score::outline::{Block, EntryField};
use ats_score::{Analyzer, Report, Request};
use pdfgen::{build, Page, Run};

/// One line of a fixture: text, font size (pt), bold, left edge (pt).
type Row<'a> = (&'a str, f32, bool, f32);

/// A one-page PDF of `rows`, top-down from y = 760, each line `gap` em below the last.
fn pdf(rows: &[Row], gap: f32) -> Vec<u8> {
    let mut y = 760.0;
    let mut runs = Vec::new();
    for &(text, size, bold, x) in rows {
        let run = Run::new(x, y, size, text);
        runs.push(if bold { run.bold() } else { run });
        y -= size * gap;
    }
    build(&[Page {
        runs,
        boxes: Vec::new(),
    }])
}

fn read(bytes: &[u8]) -> (Document, Report) {
    let doc = ats_parse::extract(bytes, &Limits::default()).expect("the PDF reads");
    let report = Analyzer::builtin()
        .analyze(&doc, &Request::default())
        .expect("no role asked for");
    (doc, report)
}

fn companies(report: &Report) -> Vec<Option<&str>> {
    report.experience.iter().map(|e| e.company.as_deref()).collect()
}

fn section_headings(report: &Report) -> Vec<&str> {
    report.sections.iter().map(|s| s.heading.as_str()).collect()
}

/// The employer line of every entry header of the outline's experience section.
fn outline_companies(doc: &Document) -> Vec<String> {
    let outline = ats_score::outline::outline(doc);
    outline
        .sections
        .iter()
        .filter(|s| s.kind == ats_score::SectionKind::Experience)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Entry(h) => h
                .lines
                .iter()
                .find(|l| l.field == EntryField::Company)
                .map(|l| l.text.clone()),
            _ => None,
        })
        .collect()
}

const TOP: [Row<'static>; 2] = [
    ("Wilhelmina Strand", 20.0, true, 50.0),
    ("wil.strand@example.com | +44 20 7946 0000", 10.0, false, 50.0),
];

#[test]
fn employer_sub_heading_smaller_than_the_section_heading() {
    let mut rows = TOP.to_vec();
    rows.extend([
        ("Work Experience", 14.0, true, 50.0),
        ("Northwind Bank", 12.0, true, 50.0),
        ("Analyst", 10.0, false, 50.0),
        ("2019 - 2021", 10.0, false, 50.0),
        ("\u{2022} Built the branch loan review dashboard", 10.0, false, 50.0),
        ("Education", 14.0, true, 50.0),
        ("B.A. Economics, Fenmoor College, 2018", 10.0, false, 50.0),
    ]);
    let (_, report) = read(&pdf(&rows, 1.6));
    assert_eq!(companies(&report), [Some("Northwind Bank")]);
    assert!(
        !section_headings(&report).contains(&"Northwind Bank"),
        "{:?}",
        section_headings(&report)
    );
}

#[test]
fn employers_and_schools_in_the_section_heading_style() {
    // Employers and schools set exactly like the section headings (14 pt bold), each over a
    // bold title, a date line and indented descriptions without bullet glyphs.
    let mut rows = TOP.to_vec();
    rows.extend([
        ("Work Experience", 14.0, true, 50.0),
        ("Northwind Bank", 14.0, true, 50.0),
        ("Credit Analyst", 12.0, true, 50.0),
        ("2019 - Present", 12.0, false, 50.0),
        ("Rebuilt the loan book review for three branches", 12.0, false, 80.0),
        ("Harrow Freight", 14.0, true, 50.0),
        ("Ledger Clerk", 12.0, true, 50.0),
        ("2016 - 2019", 12.0, false, 50.0),
        ("Closed the month in four days instead of nine", 12.0, false, 80.0),
        ("Education", 14.0, true, 50.0),
        ("Fenmoor Polytechnic Campus", 14.0, true, 50.0),
        ("Accounting, B.A.", 12.0, true, 50.0),
        ("2012 - 2015", 12.0, false, 50.0),
        ("Skills", 14.0, true, 50.0),
        ("Excel, SQL, Power BI", 12.0, false, 50.0),
    ]);
    let (doc, report) = read(&pdf(&rows, 1.6));
    assert_eq!(
        section_headings(&report),
        ["", "Work Experience", "Education", "Skills"]
    );
    assert_eq!(companies(&report), [Some("Northwind Bank"), Some("Harrow Freight")]);
    assert_eq!(report.education.len(), 1);
    assert_eq!(outline_companies(&doc), ["Northwind Bank", "Harrow Freight"]);
}

#[test]
fn stacked_employer_dates_title_over_glyphless_descriptions() {
    let mut rows = TOP.to_vec();
    rows.extend([
        ("Experience", 12.0, true, 50.0),
        ("Acme Labs", 11.0, true, 50.0),
        ("2021 - 2023", 10.0, false, 50.0),
        ("Engineer", 10.0, false, 50.0),
        ("Built a thing", 10.0, false, 50.0),
        ("Wrote a runbook", 10.0, false, 50.0),
        ("Beta Corp", 11.0, true, 50.0),
        ("2019 - 2021", 10.0, false, 50.0),
        ("Analyst", 10.0, false, 50.0),
        ("Cut costs", 10.0, false, 50.0),
        ("Education", 12.0, true, 50.0),
        ("B.A. Economics, Fenmoor College, 2018", 10.0, false, 50.0),
    ]);
    let (doc, report) = read(&pdf(&rows, 1.6));
    assert_eq!(companies(&report), [Some("Acme Labs"), Some("Beta Corp")]);
    let titles: Vec<Option<&str>> = report.experience.iter().map(|e| e.title.as_deref()).collect();
    assert_eq!(titles, [Some("Engineer"), Some("Analyst")]);
    // The export writes each employer on its entry's header, not among the descriptions.
    assert_eq!(outline_companies(&doc), ["Acme Labs", "Beta Corp"]);
}
