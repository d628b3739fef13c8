//! Writes a résumé, as `ats-score` reads it, back out in the one shape every ATS reads: the
//! contact block in the body, standard headings in the standard order, one column, no tables,
//! text boxes or images, each experience entry's title, employer, location and dates and each
//! education entry's degree, school, location and dates on lines of their own, a paragraph a PDF
//! wrapped as one paragraph, bullets as real list paragraphs, one standard font at 11 pt (the
//! name at 16 pt, headings at 12 pt), 1-inch margins.
//!
//! The export is faithful, never creative: it writes the words of the [`Outline`] and nothing
//! else but the standard headings. [`roundtrip`] measures that by reading an export back.
//!
//! Libraries do no I/O: every writer returns bytes or a string.
//!
//! ```
//! let doc = ats_parse::extract(
//!     b"Jane Doe\njane@example.com\n\nEXPERIENCE\nEngineer, Acme, 2021 - 2023\n- Built the parser",
//!     &ats_parse::Limits::default(),
//! )?;
//! let outline = ats_score::outline::outline(&doc);
//! let docx = ats_export::docx(&outline)?;
//! assert!(docx.starts_with(b"PK"));
//! assert!(ats_export::text(&outline).contains("EXPERIENCE\n\nEngineer\nAcme\n2021 - 2023\n- Built the parser"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod roundtrip;

use std::io::Cursor;

use ats_score::outline::{Block, EntryField, Outline};
use ats_score::SectionKind;
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId,
    PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType,
};
use thiserror::Error;

/// Why an export could not be written.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The source holds no readable text (a scan without a text layer, empty pages, text drawn
    /// as shapes): there is nothing to export, and an empty document would be flagged
    /// `scanned-or-empty` by the checker itself. The message says what was found and what to do.
    #[error("{}", no_text_message(*pages, *scanned_pages))]
    NoText {
        /// Pages of the source.
        pages: u32,
        /// Of them, pages that are pictures with no text layer (scans, photos).
        scanned_pages: usize,
    },
    /// The DOCX package could not be assembled.
    #[error("could not write the DOCX package: {0}")]
    Package(String),
}

/// What a person reads when a source has no text to export: what was found, then what to do.
fn no_text_message(pages: u32, scanned_pages: usize) -> String {
    let found = if scanned_pages > 0 && scanned_pages as u64 >= u64::from(pages) {
        "the file is a scan or picture with no text layer".to_string()
    } else if scanned_pages > 0 {
        format!("{scanned_pages} of its {pages} pages are pictures with no text layer and the others hold no text")
    } else {
        "the file has no text layer: its pages are empty, or their text is drawn as shapes".to_string()
    };
    format!(
        "nothing to export: {found}. Save the résumé again from the document you wrote (Word, Google Docs, LaTeX…) \
         as a PDF or DOCX whose text can be selected, or run OCR on this file first (for example ocrmypdf), and export that"
    )
}

/// The outline an export of `doc` writes, or [`ExportError::NoText`] when `doc` holds no
/// word (no letter or digit anywhere): the test of the checker's `scanned-or-empty` and of a
/// report's zero word count, so nothing the checker calls empty is exported, and a page that
/// shows a report of 0 words knows there is no export to offer.
pub fn outline_of(doc: &ats_parse::Document) -> Result<Outline, ExportError> {
    if doc.word_count() == 0 {
        return Err(ExportError::NoText {
            pages: doc.pages,
            scanned_pages: doc.signals.image_only_pages.len(),
        });
    }
    Ok(ats_score::outline::outline(doc))
}

/// The formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word document.
    Docx,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

impl Format {
    /// The format a file name asks for by its extension (`.docx`, `.md`/`.markdown`, `.txt`).
    pub fn from_file_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Format::Docx),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Writes `outline` in `format`.
pub fn write(outline: &Outline, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Docx => docx(outline),
        Format::Markdown => Ok(markdown(outline).into_bytes()),
        Format::Text => Ok(text(outline).into_bytes()),
    }
}

/// The font every line is set in: installed with Word, LibreOffice substitutes a metric twin
/// (Carlito), and every ATS reads it.
const FONT: &str = "Calibri";
/// Body size in half-points (11 pt): inside the 10–12 pt recruiters and ATS guides ask for.
const BODY_HALF_POINTS: usize = 22;
/// Heading size in half-points (12 pt): set apart by weight, still inside 10–12 pt.
const HEADING_HALF_POINTS: usize = 24;
/// Name size in half-points (16 pt): the one line set larger, as every template sets it; a
/// reader (ours needs 1.3 times the body size) finds the name by it, a one-word name included.
const NAME_HALF_POINTS: usize = 32;
/// Page margins in twentieths of a point (1 inch): Word's "Normal" margins.
const MARGIN_TWIPS: i32 = 1440;
/// Header and footer distance from the page edge in twips (0.5 inch, Word's default).
const BAND_TWIPS: i32 = 720;
/// Space above a section heading in twips (12 pt): one blank line's worth.
const HEADING_SPACE_BEFORE_TWIPS: u32 = 240;
/// Space after a paragraph in twips (2 pt): lines of an entry stay together.
const PARAGRAPH_SPACE_AFTER_TWIPS: u32 = 40;
/// Space above an entry's first line in twips (8 pt): entries stand apart.
const ENTRY_SPACE_BEFORE_TWIPS: u32 = 160;
/// Bullet indent and hanging indent in twips (0.25 inch each): Word's default list indent.
const BULLET_INDENT_TWIPS: i32 = 360;
/// The numbering definition the bullets use.
const BULLET_NUMBERING_ID: usize = 1;
/// The style id and built-in name of section headings: ATS parsers and our reader know them.
const HEADING_STYLE: (&str, &str) = ("Heading1", "heading 1");

/// The outline as a single-column DOCX.
pub fn docx(outline: &Outline) -> Result<Vec<u8>, ExportError> {
    let fonts = || RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let bullets = AbstractNumbering::new(BULLET_NUMBERING_ID).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(
            Some(BULLET_INDENT_TWIPS * 2),
            Some(SpecialIndentType::Hanging(BULLET_INDENT_TWIPS)),
            None,
            None,
        ),
    );
    let mut doc = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY_HALF_POINTS)
        .page_margin(PageMargin {
            top: MARGIN_TWIPS,
            left: MARGIN_TWIPS,
            bottom: MARGIN_TWIPS,
            right: MARGIN_TWIPS,
            header: BAND_TWIPS,
            footer: BAND_TWIPS,
            gutter: 0,
        })
        .add_style(
            Style::new(HEADING_STYLE.0, StyleType::Paragraph)
                .name(HEADING_STYLE.1)
                .based_on("Normal")
                .next("Normal")
                .bold()
                .size(HEADING_HALF_POINTS)
                .fonts(fonts())
                .outline_lvl(0)
                .line_spacing(
                    LineSpacing::new()
                        .before(HEADING_SPACE_BEFORE_TWIPS)
                        .after(PARAGRAPH_SPACE_AFTER_TWIPS),
                ),
        )
        .add_abstract_numbering(bullets)
        .add_numbering(Numbering::new(BULLET_NUMBERING_ID, BULLET_NUMBERING_ID));

    let spaced = |p: Paragraph| p.line_spacing(LineSpacing::new().after(PARAGRAPH_SPACE_AFTER_TWIPS));
    let run = |text: &str| Run::new().add_text(xml_text(text));
    for (i, line) in outline.contact.iter().enumerate() {
        let r = if outline.name_line == Some(i) {
            run(line).bold().size(NAME_HALF_POINTS)
        } else {
            run(line)
        };
        doc = doc.add_paragraph(spaced(Paragraph::new().add_run(r)));
    }
    for section in &outline.sections {
        doc = doc.add_paragraph(Paragraph::new().style(HEADING_STYLE.0).add_run(run(&section.heading)));
        for block in &section.blocks {
            match block {
                Block::Paragraph { text } => doc = doc.add_paragraph(spaced(Paragraph::new().add_run(run(text)))),
                Block::Bullet { text } => {
                    doc = doc.add_paragraph(spaced(
                        Paragraph::new()
                            .numbering(NumberingId::new(BULLET_NUMBERING_ID), IndentLevel::new(0))
                            .add_run(run(text)),
                    ))
                }
                Block::Label { text } => doc = doc.add_paragraph(spaced(Paragraph::new().add_run(run(text).bold()))),
                Block::Entry(entry) => {
                    for (k, line) in entry.lines.iter().enumerate() {
                        // The title or degree is bold; the entry's first line has space above it.
                        let r = if matches!(line.field, EntryField::Title | EntryField::Degree) {
                            run(&line.text).bold()
                        } else {
                            run(&line.text)
                        };
                        let before = if k == 0 { ENTRY_SPACE_BEFORE_TWIPS } else { 0 };
                        doc = doc.add_paragraph(
                            Paragraph::new()
                                .add_run(r)
                                .line_spacing(LineSpacing::new().before(before).after(PARAGRAPH_SPACE_AFTER_TWIPS)),
                        );
                    }
                }
            }
        }
    }
    let mut out = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| ExportError::Package(e.to_string()))?;
    Ok(out.into_inner())
}

/// `text` without the characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE,
/// U+FFFF): Word refuses a document holding one as damaged. A tab becomes a space, since a tab
/// in a run is no tab stop.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// The outline as Markdown: `#` headings, `-` bullets, each line of the contact block and of an
/// entry ending in a hard break so that it stays a line of its own.
pub fn markdown(outline: &Outline) -> String {
    let mut out = String::new();
    let lines = |out: &mut String, lines: &mut dyn Iterator<Item = &str>| {
        for line in lines {
            out.push_str(&escape_markdown(line));
            // Two trailing spaces: a hard line break in Markdown.
            out.push_str("  \n");
        }
        out.push('\n');
    };
    match outline.contact.split_first() {
        Some((name, rest)) if outline.name_line == Some(0) => {
            out.push_str("# ");
            out.push_str(&escape_markdown(name));
            out.push_str("\n\n");
            lines(&mut out, &mut rest.iter().map(String::as_str));
        }
        // No name found: no line is set as one.
        Some(_) => lines(&mut out, &mut outline.contact.iter().map(String::as_str)),
        None => {}
    }
    for section in &outline.sections {
        out.push_str("## ");
        out.push_str(&escape_markdown(&section.heading));
        out.push_str("\n\n");
        let mut in_list = false;
        for block in &section.blocks {
            let bullet = matches!(block, Block::Bullet { .. });
            if in_list && !bullet {
                out.push('\n');
            }
            in_list = bullet;
            match block {
                Block::Paragraph { text } => {
                    out.push_str(&escape_markdown(text));
                    out.push_str("\n\n");
                }
                Block::Bullet { text } => {
                    out.push_str("- ");
                    out.push_str(&escape_markdown(text));
                    out.push('\n');
                }
                Block::Label { text } => {
                    out.push_str(&escape_markdown(text));
                    out.push_str("\n\n");
                }
                Block::Entry(entry) => lines(&mut out, &mut entry.texts()),
            }
        }
        if in_list {
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Markdown treats a leading `#`, `-`, `*`, `+` or `>` (and `1.`) as structure: a line of the
/// résumé that starts with one is escaped so that it stays text.
fn escape_markdown(line: &str) -> String {
    let t = line.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..].chars().next().is_none_or(char::is_whitespace);
    if t.starts_with(['#', '-', '*', '+', '>']) || numbered {
        format!("\\{t}")
    } else {
        t.to_string()
    }
}

/// The outline as plain text: headings in capitals after a blank line, `-` bullets, the items of
/// a list section (skills, certifications, awards, languages, interests) as `-` items.
pub fn text(outline: &Outline) -> String {
    let mut out = String::new();
    for line in &outline.contact {
        out.push_str(line.trim());
        out.push('\n');
    }
    for section in &outline.sections {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&section.heading.to_uppercase());
        out.push_str("\n\n");
        // Plain text marks headings by capitals alone, so a list item in capitals ("IFRS",
        // "SQL") would read as one: items of a list section are written as `-` items.
        let listed = matches!(
            section.kind,
            SectionKind::Skills
                | SectionKind::Certifications
                | SectionKind::Awards
                | SectionKind::Languages
                | SectionKind::Interests
        );
        for block in &section.blocks {
            match block {
                Block::Paragraph { text } if listed => {
                    out.push_str("- ");
                    out.push_str(text.trim());
                    out.push('\n');
                }
                Block::Paragraph { text } | Block::Label { text } => {
                    out.push_str(text.trim());
                    out.push('\n');
                }
                Block::Bullet { text } => {
                    out.push_str("- ");
                    out.push_str(text.trim());
                    out.push('\n');
                }
                Block::Entry(entry) => {
                    for line in entry.texts() {
                        out.push_str(line.trim());
                        out.push('\n');
                    }
                }
            }
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}
