//! Advice a user can trust (issue 14) end to end: a PDF with no text layer or no text gets one
//! blocking finding in every output format, and the sample résumé's report says each fix once.

use lopdf::{dictionary, Document, Object, Stream};

use crate::cli::{run, scratch, stdout, SAMPLE_PDF};

/// A one-page PDF whose page draws `content`, with one image XObject (`/Im1`) in its
/// resources when `image` is set.
pub(crate) fn one_page_pdf(content: &[u8], image: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut resources = lopdf::Dictionary::new();
    if image {
        // A 4×4 grey picture stretched over the page, as a scanner stores a page.
        let pixels: Vec<u8> = (0..16u8).map(|i| i * 16).collect();
        let img = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => 4, "Height" => 4,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            pixels,
        ));
        resources.set("XObject", dictionary! { "Im1" => img });
    }
    let contents = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => contents, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a PDF in memory");
    out
}

/// Whitespace runs as one space: the terminal renderer wraps long lines.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs every output format on `path` and checks the one blocking finding with `code`.
fn assert_one_blocking_finding(path: &str, code: &str) {
    let o = run(&[path, "--role", "ml-engineer", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(r["blocked_by"], code);
    let findings = r["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["code"], code);
    assert!(r["score"]["overall"].as_u64().is_some_and(|s| s <= 20));
    assert!(r["keywords"]["missing"].as_array().is_some_and(|m| m.is_empty()));
    let fix = flat(findings[0]["suggestion"].as_str().expect("a fix"));
    for format in ["text", "markdown"] {
        let out = stdout(&run(&[path, "--role", "ml-engineer", "--format", format]));
        assert_eq!(flat(&out).matches(&fix).count(), 1, "{format}:\n{out}");
        for advice in ["e-mail", "keyword", "Contact", "Do these first"] {
            assert!(!out.contains(advice), "{format} says '{advice}':\n{out}");
        }
    }
}

#[test]
fn an_image_only_pdf_gets_one_blocking_finding() {
    let dir = scratch("image-only");
    let path = dir.join("scan.pdf");
    std::fs::write(&path, one_page_pdf(b"q 612 0 0 792 0 0 cm /Im1 Do Q", true)).expect("write");
    assert_one_blocking_finding(path.to_str().unwrap_or_default(), "image-only");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pdf_without_text_gets_one_blocking_finding() {
    let dir = scratch("empty-text");
    let path = dir.join("empty.pdf");
    // A drawn frame and nothing else.
    std::fs::write(&path, one_page_pdf(b"36 36 540 720 re S", false)).expect("write");
    assert_one_blocking_finding(path.to_str().unwrap_or_default(), "scanned-or-empty");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_text_file_holding_hello_gets_one_blocking_finding() {
    let dir = scratch("hello");
    let path = dir.join("hello.txt");
    std::fs::write(&path, "hello\n").expect("write");
    assert_one_blocking_finding(path.to_str().unwrap_or_default(), "too-little-text");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Lines of the sample's terminal report before each fix was said once (finding, "fix:" line
/// and a "→" summary each repeated it): the report must be at most 60% of that.
const SAMPLE_REPORT_LINES_BEFORE: usize = 183;

#[test]
fn the_sample_report_is_short_and_loses_no_fix() {
    let json = run(&[SAMPLE_PDF, "--role", "ml-engineer", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    let text = stdout(&run(&[SAMPLE_PDF, "--role", "ml-engineer"]));
    let lines = text.lines().count();
    assert!(
        lines * 10 <= SAMPLE_REPORT_LINES_BEFORE * 6,
        "{lines} lines, over 60% of {SAMPLE_REPORT_LINES_BEFORE}:\n{text}"
    );
    let body = flat(&text);
    let markdown = flat(&stdout(&run(&[
        SAMPLE_PDF,
        "--role",
        "ml-engineer",
        "--format",
        "markdown",
    ])));
    for f in r["findings"].as_array().expect("findings") {
        let fix = flat(f["suggestion"].as_str().unwrap_or_default());
        assert!(body.contains(&fix), "text loses: {fix}");
        assert!(markdown.contains(&fix), "markdown loses: {fix}");
    }
}
