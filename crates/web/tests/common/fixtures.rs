//! Test fixtures generated in the tests: a one-page PDF (lopdf writer, Helvetica, WinAnsi) and
//! a DOCX (docx-rs writer) of the same fictional résumé, and a multipart body builder.
//! Shared by the handler tests, the browser test and the load benchmark.
#![allow(dead_code)]

/// The fictional résumé, line by line: an ML engineer who names Python and PyTorch but none of
/// the platform terms (Kubernetes, Docker, MLOps), so a role check finds missing keywords.
pub const RESUME_LINES: &[&str] = &[
    "Jane Doe",
    "jane.doe@example.com | +1 415 555 0100 | San Francisco, CA",
    "",
    "SUMMARY",
    "Machine learning engineer with 5 years of experience building recommendation models.",
    "",
    "EXPERIENCE",
    "Machine Learning Engineer, Acme Corp | Jan 2021 - Present",
    "- Cut inference latency 35% by quantizing PyTorch models served to 2M users",
    "- Built a feature pipeline in Python and SQL that reduced training time by 4 hours",
    "Data Scientist, Globex | Jun 2018 - Dec 2020",
    "- Designed A/B tests for ranking changes that lifted click-through by 8%",
    "",
    "EDUCATION",
    "M.S. Computer Science, State University | 2016 - 2018",
    "",
    "SKILLS",
    "Python, PyTorch, SQL, scikit-learn, pandas, statistics",
];

/// The résumé as plain text.
pub fn resume_text() -> String {
    RESUME_LINES.join("\n")
}

/// A one-page A4 PDF: Helvetica with WinAnsiEncoding, one `Td`/`Tj` per line.
pub fn resume_pdf() -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};

    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let bold_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica-Bold",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id, "F2" => bold_id },
    });

    let mut ops = vec![Operation::new("BT", vec![])];
    let mut y = 800.0_f32;
    let mut first = true;
    for line in RESUME_LINES {
        if line.is_empty() {
            y -= 8.0;
            continue;
        }
        let heading = first || line.chars().all(|c| c.is_ascii_uppercase() || c == ' ');
        let (font, size) = if first {
            ("F2", 18)
        } else if heading {
            ("F2", 12)
        } else {
            ("F1", 10)
        };
        first = false;
        ops.push(Operation::new("Tf", vec![font.into(), size.into()]));
        // Absolute position: reset the text matrix, then move.
        ops.push(Operation::new(
            "Tm",
            vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 0.into()],
        ));
        ops.push(Operation::new("Td", vec![56.into(), Object::Real(y)]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(win_ansi(line))]));
        y -= size as f32 + 6.0;
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("encode content")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    let pages = dictionary! {
        "Type" => "Pages",
        "Kids" => vec![page_id.into()],
        "Count" => 1,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    out
}

/// WinAnsi agrees with Latin-1 for the characters used here; anything else becomes `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
        .collect()
}

/// The résumé as a DOCX, with `Heading1` paragraphs for the section headings.
pub fn resume_docx() -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run};

    let mut docx = Docx::new();
    let mut first = true;
    for line in RESUME_LINES {
        if line.is_empty() {
            continue;
        }
        let heading = !first && line.chars().all(|c| c.is_ascii_uppercase() || c == ' ');
        let mut run = Run::new().add_text(*line);
        if first || heading {
            run = run.bold();
        }
        let mut paragraph = Paragraph::new().add_run(run);
        if heading {
            paragraph = paragraph.style("Heading1");
        }
        first = false;
        docx = docx.add_paragraph(paragraph);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("write DOCX");
    out.into_inner()
}

/// A job posting as a DOCX (docx-rs writer), one paragraph per line.
pub fn posting_docx(lines: &[&str]) -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run};

    let mut docx = Docx::new();
    for line in lines {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*line)));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("write DOCX");
    out.into_inner()
}

/// The first bytes of a PNG image.
pub const PNG_BYTES: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

/// A PDF cut off after its header and the start of its first object: nothing can be read.
pub fn truncated_pdf() -> Vec<u8> {
    let pdf = resume_pdf();
    pdf[..pdf.len().min(40)].to_vec()
}

/// The boundary used by [`multipart`].
pub const BOUNDARY: &str = "----ats-check-test-boundary-7MA4YWxkTrZu0gW";

/// One part of a multipart form.
pub enum Part<'a> {
    /// A text field.
    Text(&'a str, &'a str),
    /// A file field: name, file name, content type, bytes.
    File(&'a str, &'a str, &'a str, &'a [u8]),
}

/// A `multipart/form-data` body with [`BOUNDARY`].
pub fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes());
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, file_name, content_type, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                         Content-Type: {content_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The content type for [`multipart`] bodies.
pub fn multipart_content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

#[path = "../../../parse/tests/support/pdfgen.rs"]
pub mod pdfgen;

/// A one-page PDF that is a scan: a picture stretched over the page, no text layer.
pub fn scanned_pdf() -> Vec<u8> {
    pdfgen::scanned(1)
}
