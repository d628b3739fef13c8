//! A source with no readable text has nothing to export: [`ats_export::outline_of`] refuses it
//! with [`ExportError::NoText`], whose message says what was found and what to do, instead of
//! an empty document the checker would flag `scanned-or-empty`. Sources made here: empty pages,
//! pages of bullets and rules only, a scanned page (a picture, no text layer), a half-scanned
//! file; and, as the other side of the line, a file of one word.

#[path = "../../parse/tests/support/pdfgen.rs"]
mod pdfgen;

use ats_export::ExportError;
use ats_parse::{Document, Limits};

fn read(bytes: &[u8]) -> Document {
    ats_parse::extract(bytes, &Limits::default()).expect("the file reads")
}

fn refusal(bytes: &[u8]) -> (u32, usize, String) {
    match ats_export::outline_of(&read(bytes)) {
        Err(err @ ExportError::NoText { pages, scanned_pages }) => (pages, scanned_pages, err.to_string()),
        other => panic!("a source without text is refused, got {other:?}"),
    }
}

/// Every refusal says there is nothing to export and names both ways out.
fn assert_actionable(message: &str) {
    assert!(message.starts_with("nothing to export: "), "{message}");
    for way_out in ["from the document you wrote", "run OCR"] {
        assert!(message.contains(way_out), "'{way_out}' in: {message}");
    }
}

#[test]
fn empty_pages_and_pages_of_rules_and_bullets_are_refused_as_without_text() {
    let frame = pdfgen::Page {
        boxes: vec![[36.0, 36.0, 540.0, 720.0]],
        ..pdfgen::Page::default()
    };
    let bullets = pdfgen::Page {
        runs: vec![
            pdfgen::Run::new(72.0, 700.0, 10.0, "\u{2022}"),
            pdfgen::Run::new(72.0, 686.0, 10.0, "\u{2013} \u{2014}"),
        ],
        ..pdfgen::Page::default()
    };
    for (what, pdf, pages) in [
        ("one empty page", pdfgen::build(&[pdfgen::Page::default()]), 1),
        ("a drawn frame", pdfgen::build(std::slice::from_ref(&frame)), 1),
        ("bullets and dashes", pdfgen::build(&[bullets, frame]), 2),
    ] {
        let (read_pages, scanned, message) = refusal(&pdf);
        assert_eq!((read_pages, scanned), (pages, 0), "{what}");
        assert!(message.contains("no text layer"), "{what}: {message}");
        assert!(!message.contains("scan"), "{what}: nothing was scanned: {message}");
        assert_actionable(&message);
    }
    // A text file of punctuation: no word, the same refusal.
    let (_, scanned, message) = refusal(b"- - -\n* * *\n");
    assert_eq!(scanned, 0);
    assert_actionable(&message);
}

#[test]
fn a_scan_is_refused_as_a_picture_without_a_text_layer() {
    let (pages, scanned, message) = refusal(&pdfgen::scanned(2));
    assert_eq!((pages, scanned), (2, 2));
    assert!(message.contains("a scan or picture with no text layer"), "{message}");
    assert_actionable(&message);

    // A scanned page beside an empty one: each is said.
    let mut doc = read(&pdfgen::scanned(2));
    doc.signals.image_only_pages.truncate(1);
    let err = ats_export::outline_of(&doc).expect_err("still no text");
    let message = err.to_string();
    assert!(
        message.contains("1 of its 2 pages are pictures with no text layer and the others hold no text"),
        "{message}"
    );
    assert_actionable(&message);
}

#[test]
fn one_word_is_enough_to_export() {
    let outline = ats_export::outline_of(&read(b"Ada\n")).expect("a word is text");
    let docx = ats_export::docx(&outline).expect("written");
    assert!(docx.starts_with(b"PK"));
    assert!(ats_export::text(&outline).contains("Ada"));
}
