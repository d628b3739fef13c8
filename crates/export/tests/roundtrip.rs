//! Round trips (issue 18): a résumé is exported, the export is read back with our own parser
//! and checker, and the two are compared: words kept, in reading order, word pairs, contact,
//! core sections, layout risks and parse health. On fixtures made here (text, a DOCX with its
//! contact in the page header and a skills table, a two-column PDF with its contact in a
//! running header) and on every file of `../shared/corpus`. Also: the DOCX opens in
//! LibreOffice, and a snapshot of one export's `word/document.xml`.

#[path = "../../parse/tests/support/pdfgen.rs"]
mod pdfgen;

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use ats_export::roundtrip::{self, RoundTrip};
use ats_export::Format;
use ats_parse::{Document, Limits};
use ats_score::{Analyzer, Report, Request};

const RESUME: &str = "Jane Q. Doe
jane.doe@example.com | +1 415 555 0100 | Austin, TX | linkedin.com/in/janeqdoe

EXPERIENCE
Senior Data Engineer, Acme Analytics, Austin, TX | Jan 2021 - Present
- Moved nightly batch scoring from cron scripts to Airflow with retries and alerts
- Built a feature store that three product teams query every day
Data Analyst | Brightwater Labs | 2018 - 2020
- Cut report turnaround from two days to four hours with dbt models

SUMMARY
Data engineer who builds pipelines people trust, with seven years of Python and SQL.

SKILLS
Python, SQL, Airflow, dbt, Spark, Kafka

EDUCATION
B.S. Computer Science, University of Texas at Austin, 2018

VOLUNTEERING
Mentor, Code Club Austin, 2019 - Present
";

fn read(bytes: &[u8]) -> Document {
    ats_parse::extract(bytes, &Limits::default()).expect("the file reads")
}

fn report(doc: &Document) -> Report {
    Analyzer::builtin()
        .analyze(doc, &Request::default())
        .expect("no role asked for")
}

/// Exports `source` in `format`, reads the export back and compares.
fn round_trip(source: &[u8], format: Format) -> (RoundTrip, Report, Report, Vec<u8>) {
    let doc = read(source);
    let bytes = ats_export::write(&ats_score::outline::outline(&doc), format).expect("the export is written");
    let exported = read(&bytes);
    let (before, after) = (report(&doc), report(&exported));
    (
        roundtrip::compare(&doc, &before, &exported, &after),
        before,
        after,
        bytes,
    )
}

fn codes(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn a_text_resume_round_trips_in_every_format() {
    for format in [Format::Docx, Format::Markdown, Format::Text] {
        let (figures, before, after, _) = round_trip(RESUME.as_bytes(), format);
        assert!(figures.holds(), "{format:?}: {:?}", figures.shortfalls());
        assert_eq!(figures.words_kept, 1.0, "{format:?}");
        assert!(figures.source_words > 80, "{figures:?}");
        assert_eq!(after.contact.email.as_deref(), Some("jane.doe@example.com"));
        assert_eq!(after.experience.len(), 2, "{format:?}: {:?}", after.experience);
        for (a, b) in before.experience.iter().zip(&after.experience) {
            assert_eq!(
                (&a.title, &a.company, &a.start, &a.end),
                (&b.title, &b.company, &b.start, &b.end)
            );
            assert_eq!(a.bullets, b.bullets);
        }
        // Standard order: summary before experience, volunteering after education and skills.
        let kinds: Vec<&str> = after.sections.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "contact",
                "summary",
                "experience",
                "education",
                "skills",
                "volunteering"
            ],
            "{format:?}"
        );
    }
}

#[test]
fn contact_details_under_a_sidebar_about_open_the_export() {
    // City, e-mail, phone and site under "About", after a sentence: an ATS looks for them at
    // the top, so the export moves them into the contact block, every word kept in order.
    let source = "ADA BROOK\nData Engineer\n\nAbout\nI build data platforms for analysts.\nLocation: Lyon, France\nada.brook@example.com\n+33 6 12 34 56 78\nhttps://adabrook.dev\n\nExperience\nData Engineer, Acme Corp, Lyon, France, 2021 - Present\n- Built a pipeline used by 40 teams every day\n- Cut the nightly load from 6 hours to 50 minutes\n\nEducation\nMSc Data Science, Lyon University, 2020\n\nSkills\nPython, SQL, Airflow, dbt";
    for format in [Format::Docx, Format::Markdown, Format::Text] {
        let (figures, before, after, bytes) = round_trip(source.as_bytes(), format);
        assert!(figures.holds(), "{format:?}: {:?}", figures.shortfalls());
        assert_eq!(figures.words_in_order, Some(1.0), "{format:?}");
        assert_eq!(before.contact.location.as_deref(), Some("Lyon, France"));
        assert_eq!(after.contact, before.contact, "{format:?}");
        if format == Format::Text {
            let text = String::from_utf8(bytes).expect("text");
            assert!(
                text.starts_with("ADA BROOK\nData Engineer\nLocation: Lyon, France\nada.brook@example.com\n+33 6 12 34 56 78\nhttps://adabrook.dev\n\nSUMMARY\n\nI build data platforms for analysts.\n"),
                "{text}"
            );
        }
    }
}

#[test]
fn plain_text_and_markdown_keep_what_capitals_alone_would_misread() {
    // A one-word name over a job title and a labelled e-mail, skills in capitals, "Highlights" over each
    // job's bullets under a header of three lines: plain text has only capitals and places
    // to tell a heading or a name by, so the skills are written as `-` items.
    let source = "Thessaly\nCartographer\nEmail\nthessaly@example.com\n\nEXPERIENCE\nSkerry Air\n2020-01 - Present\nCartographer\nHighlights\n- Drew 40 charts of the northern routes\nNorthwind Maps\n2016-05 - 2019-12\nSurveyor\nHighlights\n- Surveyed 120 islands in four summers\n\nEDUCATION\nBSc Geography, Lyon University, 2016\n\nSKILLS\nGIS\nQGIS\nSQL";
    for format in [Format::Docx, Format::Markdown, Format::Text] {
        let (figures, before, after, bytes) = round_trip(source.as_bytes(), format);
        assert!(figures.holds(), "{format:?}: {:?}", figures.shortfalls());
        assert_eq!(before.contact.name.as_deref(), Some("Thessaly"));
        assert_eq!(after.contact, before.contact, "{format:?}");
        let kinds: Vec<&str> = after.sections.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, ["contact", "experience", "education", "skills"], "{format:?}");
        let written = String::from_utf8_lossy(&bytes).into_owned();
        match format {
            Format::Text => assert!(
                written.starts_with("Thessaly\n") && written.ends_with("SKILLS\n\n- GIS\n- QGIS\n- SQL"),
                "{written}"
            ),
            Format::Markdown => assert!(written.starts_with("# Thessaly\n"), "{written}"),
            Format::Docx => {}
        }
    }
}

#[test]
fn a_heading_over_nothing_is_not_written() {
    // A label wrapped over two lines read as two headings ("PROFESSIONAL SKILLS" over
    // "SUMMARY"): the first titles nothing, and the export writes no empty "Skills".
    let source = "Ada Brook\nada@example.com\n\nPROFESSIONAL SKILLS\nSUMMARY\nLanguages: Python, Go, SQL\nPractices: Code review, Incident response\n\nEXPERIENCE\nEngineer, Acme Corp, 2021 - Present\n- Built a billing service in Go for 40 teams\n\nEDUCATION\nBSc Computer Science, Lyon University, 2020";
    let (figures, before, _, bytes) = round_trip(source.as_bytes(), Format::Text);
    let empty_skills = before
        .sections
        .iter()
        .find(|s| s.kind == ats_score::SectionKind::Skills)
        .expect("the label is read as a skills heading");
    assert_eq!(empty_skills.words, empty_skills.heading.split_whitespace().count());
    assert!(figures.holds(), "{:?}", figures.shortfalls());
    let written = String::from_utf8(bytes).expect("text");
    assert!(!written.contains("SKILLS"), "{written}");
}

#[test]
fn a_section_of_nothing_but_contact_details_moves_whole_into_the_contact_block() {
    let source = "Ingrid Solberg\nLondon, UK\n\nABOUT\nPhone: +1-404-555-0160\nEmail: ingrid@example.com\n\nEXPERIENCE\nSoftware Engineer, Brackenridge Partners, 2023 - Present\n- Led the migration of 40 services to Kubernetes\n\nEDUCATION\nB.Sc. Computer Science, Calder State University, 2020";
    for format in [Format::Docx, Format::Markdown, Format::Text] {
        let (figures, before, after, _) = round_trip(source.as_bytes(), format);
        assert!(before
            .sections
            .iter()
            .any(|s| s.kind == ats_score::SectionKind::Summary));
        assert!(figures.holds(), "{format:?}: {:?}", figures.shortfalls());
        assert_eq!(after.contact, before.contact, "{format:?}");
        let kinds: Vec<&str> = after.sections.iter().map(|s| s.kind.as_str()).collect();
        assert_eq!(kinds, ["contact", "experience", "education"], "{format:?}");
    }
}

#[test]
fn markdown_sets_no_line_as_the_name_when_none_was_found() {
    let doc = read(b"data engineer for hire\nada@example.com\n\nEXPERIENCE\nData Engineer, Acme Corp, 2021 - Present\n- Built a pipeline for 40 teams");
    let outline = ats_score::outline::outline(&doc);
    assert_eq!(outline.name_line, None);
    let md = ats_export::markdown(&outline);
    assert!(md.starts_with("data engineer for hire  \n"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# ")), "{md}");
}

#[test]
fn entry_fields_stand_on_lines_of_their_own_in_the_order_printed() {
    let doc = read(RESUME.as_bytes());
    let text = ats_export::text(&ats_score::outline::outline(&doc));
    assert!(
        text.contains("Senior Data Engineer\nAcme Analytics\nAustin, TX\nJan 2021 - Present\n- Moved nightly"),
        "{text}"
    );
    assert!(text.contains("Data Analyst\nBrightwater Labs\n2018 - 2020\n"), "{text}");
}

/// A DOCX with its name and contact in the page header, a skills table and a footer line.
fn docx_with_header_contact_and_table() -> Vec<u8> {
    use docx_rs::{Docx, Footer, Header, Paragraph, Run, Style, StyleType, Table, TableCell, TableRow};
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let h = |t: &str| Paragraph::new().style("Heading1").add_run(Run::new().add_text(t));
    let cell = |t: &str| TableCell::new().add_paragraph(p(t));
    let mut docx = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .bold()
                .size(28),
        )
        .header(
            Header::new()
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Rowan Ellery").bold().size(32)))
                .add_paragraph(p("rowan.ellery@example.com | (503) 555-0178 | Portland, OR")),
        )
        .footer(Footer::new().add_paragraph(p("github.com/rowanellery")))
        .add_paragraph(h("Professional Summary"))
        .add_paragraph(p(
            "Platform engineer with eight years of keeping payment systems up, and the runbooks to show for it.",
        ))
        .add_paragraph(h("Work History"));
    for (title, company, dates) in [
        ("Staff Platform Engineer", "Larkspur Payments", "2020 - Present"),
        ("Site Reliability Engineer", "Marlowe Freight", "2016 - 2020"),
    ] {
        docx = docx
            .add_paragraph(p(&format!("{title}, {company}, {dates}")))
            .add_paragraph(p(&format!(
                "- Ran the {company} on-call rotation and cut pages by half with better alerts"
            )))
            .add_paragraph(p("- Moved the deploy pipeline to Terraform and Kubernetes"));
    }
    docx = docx
        .add_paragraph(h("Skills"))
        .add_table(Table::new(vec![
            TableRow::new(vec![cell("Languages"), cell("Go, Python, Bash")]),
            TableRow::new(vec![cell("Infrastructure"), cell("Kubernetes, Terraform, AWS")]),
        ]))
        .add_paragraph(h("Education"))
        .add_paragraph(p("B.S. Computer Science, Oregon State University, 2016"));
    let mut out = Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("fixture packs");
    out.into_inner()
}

#[test]
fn a_docx_with_header_contact_and_a_skills_table_exports_clean() {
    let (figures, before, after, bytes) = round_trip(&docx_with_header_contact_and_table(), Format::Docx);
    let source_codes = codes(&before);
    assert!(source_codes.contains(&"contact-in-header-footer"), "{source_codes:?}");
    assert!(source_codes.contains(&"table-layout"), "{source_codes:?}");
    assert!(figures.holds(), "{:?}", figures.shortfalls());
    assert!(figures.layout_risks.is_empty(), "{:?}", codes(&after));
    assert_eq!(after.contact.name.as_deref(), Some("Rowan Ellery"));
    assert_eq!(after.contact.phone.as_deref(), Some("(503) 555-0178"));
    // The export itself has no header or footer part and no table.
    let names = zip_names(&bytes);
    assert!(
        !names.iter().any(|n| n.contains("header") || n.contains("footer")),
        "{names:?}"
    );
    assert!(!document_xml(&bytes).contains("<w:tbl>"));
}

/// A two-page résumé in two columns (a skills sidebar at the left, the main column at the
/// right) whose name and contact are printed only in a small header repeated on both pages.
fn two_column_pdf_with_header_contact() -> Vec<u8> {
    use pdfgen::{flow, Page, Run};
    let header = |y: f32| {
        Run::new(
            40.0,
            y,
            8.0,
            "Imre Castellane | imre.castellane@example.com | (412) 555-0193",
        )
    };
    let sidebar = [
        "# SKILLS",
        "Python",
        "Terraform",
        "Kubernetes",
        "PostgreSQL",
        "Grafana",
        "Airflow",
        "# LANGUAGES",
        "English",
        "Hungarian",
    ];
    let mut main: Vec<String> = vec!["# SUMMARY".into()];
    main.extend(pdfgen::wrap(
        "Infrastructure engineer who has kept data platforms running for a decade and writes the runbooks.",
        60,
    ));
    main.push("# EXPERIENCE".into());
    for (title, company, dates) in [
        (
            "Lead Infrastructure Engineer, Quarry Analytics",
            "Pittsburgh, PA",
            "2019 - Present",
        ),
        ("Infrastructure Engineer, Sable Freight", "Columbus, OH", "2015 - 2019"),
        ("Systems Administrator, Tallow Bank", "Cleveland, OH", "2012 - 2015"),
    ] {
        main.push(format!("{title}, {company}, {dates}"));
        for b in [
            format!(
                "- Cut cloud spend 30% at {} by right-sizing clusters",
                company.split(',').next().unwrap_or("")
            ),
            "- Wrote the incident runbook and trained six engineers on it".into(),
            "- Moved batch jobs to Airflow with retries and alerts".into(),
        ] {
            main.push(b);
        }
    }
    let lines: Vec<&str> = main.iter().map(String::as_str).collect();
    let (first, second) = lines.split_at(lines.len() - 7);
    let mut page1 = vec![header(770.0)];
    page1.extend(flow(40.0, 730.0, &sidebar));
    page1.extend(flow(200.0, 730.0, first));
    let mut page2 = vec![header(770.0)];
    page2.extend(flow(
        200.0,
        730.0,
        &[
            second,
            &["# EDUCATION", "B.S. Computer Science, Carnegie Mellon University, 2012"][..],
        ]
        .concat(),
    ));
    pdfgen::build(&[
        Page {
            runs: page1,
            ..Page::default()
        },
        Page {
            runs: page2,
            ..Page::default()
        },
    ])
}

#[test]
fn a_two_column_resume_with_its_contact_in_a_header_exports_clean() {
    let (figures, before, after, _) = round_trip(&two_column_pdf_with_header_contact(), Format::Docx);
    let source_codes = codes(&before);
    assert!(source_codes.contains(&"multi-column"), "{source_codes:?}");
    assert!(source_codes.contains(&"contact-in-header-footer"), "{source_codes:?}");
    assert!(figures.holds(), "{:?}", figures.shortfalls());
    let after_codes = codes(&after);
    assert!(!after_codes.contains(&"multi-column"), "{after_codes:?}");
    assert!(!after_codes.contains(&"contact-in-header-footer"), "{after_codes:?}");
    assert_eq!(after.contact.name.as_deref(), Some("Imre Castellane"));
    assert_eq!(after.contact.email.as_deref(), Some("imre.castellane@example.com"));
    assert_eq!(after.experience.len(), 3, "{:?}", after.experience);
    // Short as it is, the fixture loses points for length alone, which the export keeps.
    assert!(
        figures.parse_health_layout >= roundtrip::MIN_PARSE_HEALTH,
        "{figures:?}"
    );
}

/// A one-column PDF whose summary wraps over three lines (each as typeset: the first two run
/// to the column's edge, the last ends short) and whose education entry prints degree, school,
/// location and dates on one line.
fn pdf_with_wrapped_summary_and_an_education_line() -> (Vec<u8>, String) {
    use pdfgen::{flow, Page, Run};
    let summary = "Data engineer who has kept freight and payments pipelines running for nine years, \
                   from the first schema to the on-call runbook and the dashboards that show it works.";
    let summary_lines = pdfgen::wrap(summary, 62);
    assert_eq!(summary_lines.len(), 3, "{summary_lines:?}");
    let mut main: Vec<String> = vec!["# SUMMARY".into()];
    main.extend(summary_lines);
    main.extend(
        [
            "# EXPERIENCE",
            "Data Engineer, Fenwick Logistics, Boston, MA, 2019 - Present",
            "- Moved nightly batch scoring to Airflow with retries",
            "- Built the shipment event stream on Kafka and dbt",
            "# EDUCATION",
            "B.S. Computer Science, Tufts University, Medford, MA, 2015 - 2019",
            "# SKILLS",
            "Python, SQL, Airflow, Kafka, dbt, Spark",
        ]
        .map(String::from),
    );
    let lines: Vec<&str> = main.iter().map(String::as_str).collect();
    let mut runs = vec![
        Run::new(72.0, 760.0, 20.0, "Noor Haddad").bold(),
        Run::new(
            72.0,
            738.0,
            10.0,
            "noor.haddad@example.com | (617) 555-0142 | Boston, MA",
        ),
    ];
    runs.extend(flow(72.0, 712.0, &lines));
    let pdf = pdfgen::build(&[Page {
        runs,
        ..Page::default()
    }]);
    (pdf, summary.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn a_wrapped_pdf_summary_is_one_paragraph_and_education_fields_stand_on_lines_of_their_own() {
    let (pdf, summary) = pdf_with_wrapped_summary_and_an_education_line();
    let outline = ats_score::outline::outline(&read(&pdf));
    let text = ats_export::text(&outline);
    assert!(text.contains(&format!("SUMMARY\n\n{summary}\n\nEXPERIENCE")), "{text}");
    assert!(
        text.contains("EDUCATION\n\nB.S. Computer Science\nTufts University\nMedford, MA\n2015 - 2019\n"),
        "{text}"
    );
    // The DOCX has the summary as one paragraph, and reads back with every word in order.
    let (figures, _, after, bytes) = round_trip(&pdf, Format::Docx);
    assert!(figures.holds(), "{:?}", figures.shortfalls());
    assert_eq!(figures.words_in_order, Some(1.0), "{figures:?}");
    assert!(
        document_xml(&bytes).contains(&format!(">{summary}</w:t>")),
        "the summary is one run of one paragraph"
    );
    assert_eq!(after.education.len(), 1, "{:?}", after.education);
    assert_eq!(after.education[0].institution.as_deref(), Some("Tufts University"));
    assert_eq!(after.education[0].degree.as_deref(), Some("B.S. Computer Science"));
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .filter_map(|i| zip.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string())))
        .collect()
}

fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a main part")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}

#[test]
fn the_docx_has_one_column_real_lists_and_standard_type() {
    let doc = read(RESUME.as_bytes());
    let bytes = ats_export::docx(&ats_score::outline::outline(&doc)).expect("written");
    let xml = document_xml(&bytes);
    for absent in [
        "<w:tbl>",
        "<w:txbxContent",
        "<w:drawing",
        "<w:pict",
        "w:num=\"2\"",
        "<w:headerReference",
    ] {
        assert!(!xml.contains(absent), "{absent}");
    }
    // Bullets are numbered paragraphs with a bullet numbering definition behind them.
    assert_eq!(xml.matches("<w:numId w:val=\"1\" />").count(), 3, "{xml}");
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
    let mut numbering = String::new();
    zip.by_name("word/numbering.xml")
        .expect("a numbering part")
        .read_to_string(&mut numbering)
        .expect("UTF-8");
    assert!(numbering.contains("w:val=\"bullet\""), "{numbering}");
    // 1-inch margins, body at 11 pt.
    assert!(
        xml.contains("w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\""),
        "{xml}"
    );
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .expect("a styles part")
        .read_to_string(&mut styles)
        .expect("UTF-8");
    assert!(styles.contains("<w:sz w:val=\"22\" />"), "{styles}");
    assert!(styles.contains("Calibri"), "{styles}");
}

#[test]
fn document_xml_snapshot() {
    let doc = read(RESUME.as_bytes());
    let bytes = ats_export::docx(&ats_score::outline::outline(&doc)).expect("written");
    // One paragraph a line, to review.
    let xml = document_xml(&bytes).replace("</w:p>", "</w:p>\n");
    insta::assert_snapshot!(xml);
}

#[test]
fn characters_xml_forbids_never_reach_the_docx() {
    use ats_score::outline::{Block, Outline, OutlineSection};
    let outline = Outline {
        contact: vec!["Ada Brook".into(), "ada@example.com\u{1}".into()],
        name_line: Some(0),
        sections: vec![OutlineSection {
            kind: ats_score::SectionKind::Experience,
            heading: "Experience".into(),
            blocks: vec![Block::Bullet {
                text: "Shipped \u{1}the\u{b} parser\u{FFFF}\tin Rust".into(),
            }],
        }],
    };
    let bytes = ats_export::docx(&outline).expect("written");
    let xml = document_xml(&bytes);
    assert!(!xml.contains(['\u{1}', '\u{b}', '\u{FFFF}', '\t']));
    assert!(
        read(&bytes).text.contains("Shipped the parser in Rust"),
        "the export reads"
    );
}

/// Converts `docx` to PDF with LibreOffice headless; None when LibreOffice is not installed.
fn libreoffice_convert(docx: &[u8], dir: &Path) -> Option<Result<Vec<u8>, String>> {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|bin| {
        std::process::Command::new(bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })?;
    let input = dir.join("export.docx");
    std::fs::write(&input, docx).expect("scratch file written");
    // A profile of its own: a user's running LibreOffice, or another test's, must not answer.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = std::process::Command::new(soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&input)
        .output()
        .expect("LibreOffice runs");
    let pdf = dir.join("export.pdf");
    Some(std::fs::read(&pdf).map_err(|e| {
        format!(
            "no PDF ({e}); LibreOffice said: {} {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }))
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ats-export-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn the_docx_opens_in_libreoffice() {
    let dir = scratch_dir("libreoffice");
    let doc = read(&docx_with_header_contact_and_table());
    let docx = ats_export::docx(&ats_score::outline::outline(&doc)).expect("written");
    match libreoffice_convert(&docx, &dir) {
        None => {
            let msg = "SKIPPED: LibreOffice (soffice) is not installed: the export was not opened in it";
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "{msg}, and CI=true needs it"
            );
            eprintln!("\n*** {msg} ***\n");
        }
        Some(Err(e)) => panic!("LibreOffice could not open the export: {e}"),
        Some(Ok(pdf)) => {
            // LibreOffice laid it out: the PDF it wrote reads back with the same contact.
            let text = read(&pdf).text;
            assert!(text.contains("Rowan Ellery"), "{text}");
            assert!(text.contains("rowan.ellery@example.com"), "{text}");
            assert!(text.contains("Larkspur Payments"), "{text}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The files of `../shared/corpus/truth.json`; empty, loudly, when the corpus is missing
/// (a failure in CI, which always has it beside the clone).
fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let truth = match std::fs::read_to_string(root.join("truth.json")) {
        Ok(t) => t,
        Err(e) => {
            let msg = format!("SKIPPED: corpus not found at {} ({e})", root.display());
            assert!(
                std::env::var("CI").map_or(true, |v| v != "true"),
                "{msg}, and CI=true needs it"
            );
            eprintln!("\n*** {msg} ***\n");
            return Vec::new();
        }
    };
    let entries: Vec<serde_json::Value> = serde_json::from_str(&truth).expect("truth.json is a JSON array");
    entries
        .iter()
        .filter_map(|e| e["file"].as_str())
        .map(|f| root.join(f))
        .collect()
}

#[test]
fn every_corpus_file_round_trips() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in corpus_files() {
        let bytes = std::fs::read(&path).expect("corpus file reads");
        let doc = read(&bytes);
        // A scan has no text to export: there is nothing to keep or lose.
        if doc.word_count() == 0 {
            continue;
        }
        let (figures, _, _, _) = round_trip(&bytes, Format::Docx);
        checked += 1;
        println!(
            "{}: words {} kept {:.3} order {:?} pairs {:.3} health {}",
            path.display(),
            figures.source_words,
            figures.words_kept,
            figures.words_in_order,
            figures.pairs_kept,
            figures.parse_health
        );
        if !figures.holds() {
            failures.push(format!("{}: {:?}", path.display(), figures.shortfalls()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} fall short:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
