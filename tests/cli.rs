use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ats-check"));
    cmd.env_remove("NO_COLOR").current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

pub(crate) fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) const SAMPLE_PDF: &str = "samples/jordan-lee-ml-engineer.pdf";
const SAMPLE_MD: &str = "samples/jordan-lee-ml-engineer.md";

/// A scratch folder for one test (fixtures the test makes, never user résumés).
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ats-check-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn json_report_has_the_contract_fields() {
    let o = run(&[SAMPLE_PDF, "--role", "ml-engineer", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    for key in [
        "schema_version",
        "source",
        "role",
        "score",
        "contact",
        "sections",
        "experience",
        "education",
        "keywords",
        "impact",
        "findings",
        "suggestions",
        "job_match",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    assert_eq!(r["source"]["format"], "pdf");
    assert_eq!(r["role"]["id"], "ml-engineer");
    assert_eq!(r["contact"]["email"], "jordan.lee@example.com");
    assert_eq!(r["contact"]["name"], "Jordan Lee");
    let overall = r["score"]["overall"].as_u64().expect("score");
    assert!(overall <= 100);
    assert!(r["score"]["parts"].as_array().is_some_and(|p| p.len() >= 3));
    let kinds: Vec<&str> = r["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    for k in ["experience", "education", "skills"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    assert!(r["keywords"]["matched"]
        .as_array()
        .is_some_and(|m| m.iter().any(|t| t["term"] == "PyTorch")));
    assert!(
        r["experience"].as_array().is_some_and(|e| e.len() == 2),
        "{}",
        r["experience"]
    );
    assert!(r["job_match"].is_null());
}

#[test]
fn fail_under_gives_exit_1_and_bad_input_exit_2() {
    let o = run(&[
        SAMPLE_MD,
        "--role",
        "ml-engineer",
        "--fail-under",
        "101",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "report produced, gate not met");
    assert!(
        serde_json::from_slice::<serde_json::Value>(&o.stdout).is_ok(),
        "the report is still printed"
    );
    let o = run(&[SAMPLE_MD, "--role", "ml-engineer", "--fail-under", "10"]);
    assert_eq!(o.status.code(), Some(0));

    let dir = scratch("exit2");
    let png = dir.join("resume.pdf");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write fixture");
    let empty = dir.join("empty.docx");
    std::fs::write(&empty, b"").expect("write fixture");
    for (args, needle) in [
        (
            vec![png.to_str().unwrap_or_default(), "--role", "ml-engineer"],
            "PNG image",
        ),
        (vec![empty.to_str().unwrap_or_default()], "empty"),
        (vec!["no-such-file.pdf"], "cannot open"),
        (vec![SAMPLE_MD, "--role", "astronaut"], "unknown role 'astronaut'"),
        (vec![SAMPLE_MD, "--format", "yaml"], "invalid value"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "{err}");
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn text_prints_what_the_ats_reads() {
    let o = run(&["text", SAMPLE_PDF]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("Jordan Lee\nMachine Learning Engineer\n"), "{text}");
    assert!(text.contains("Cut p99 inference latency from 180 ms to 45 ms"));
    let o = run(&["text", SAMPLE_PDF, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(doc["lines"].as_array().is_some_and(|l| l.len() > 20));
    assert!(doc["signals"]["columns"].as_array().is_some_and(|c| c.is_empty()));
    let o = run(&["text", "missing.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "one-line error");
}

#[test]
fn roles_and_explain() {
    let o = run(&["roles", "--format", "json"]);
    let roles: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let roles = roles.as_array().expect("array");
    assert!(roles.len() >= 15);
    assert!(roles
        .iter()
        .any(|r| r["id"] == "nlp-engineer" && r["terms"].as_u64() >= Some(40)));
    let o = run(&["explain", "multi-column"]);
    assert_eq!(o.status.code(), Some(0));
    let doc = stdout(&o);
    for part in ["multi-column", "Why it matters for an ATS", "Example", "How to fix it"] {
        assert!(doc.contains(part), "{doc}");
    }
    let o = run(&["explain", "no-such-check"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["explain"]);
    assert!(stdout(&o).lines().count() >= 20, "lists every code");
}

#[test]
fn job_posting_from_stdin() {
    use std::io::Write;
    let mut child = bin()
        .args([SAMPLE_MD, "--role", "ml-engineer", "--jd", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"Senior Machine Learning Engineer\nWe need PyTorch, Kubernetes and Kafka. Kafka experience is a must: you will own our Kafka pipelines.")
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let rate = r["job_match"]["match_rate"].as_f64().expect("match rate");
    assert!((0.0..=1.0).contains(&rate));
    assert!(r["job_match"]["missing"].as_array().is_some_and(|m| m
        .iter()
        .any(|t| t["term"].as_str().is_some_and(|s| s.eq_ignore_ascii_case("kafka")))));
}

#[test]
fn batch_writes_a_row_per_file_and_survives_a_bad_file() {
    let dir = scratch("batch");
    let nested = dir.join("cohort/nested");
    std::fs::create_dir_all(&nested).expect("dirs");
    std::fs::copy(SAMPLE_PDF, dir.join("cohort/a.pdf")).expect("copy");
    std::fs::copy(SAMPLE_MD, nested.join("b.md")).expect("copy");
    std::fs::write(dir.join("cohort/broken.pdf"), b"%PDF-1.7\nthis is not a pdf").expect("write");
    std::fs::write(dir.join("cohort/notes.json"), b"{}").expect("write");
    let csv_path = dir.join("out.csv");
    let summary = dir.join("cohort.md");
    let o = run(&[
        "batch",
        dir.join("cohort").to_str().unwrap_or_default(),
        "--role",
        "ml-engineer",
        "--output",
        csv_path.to_str().unwrap_or_default(),
        "--summary",
        summary.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&csv_path).expect("csv written");
    let rows: Vec<&str> = csv.lines().collect();
    // The contact columns and the role columns came in with issue 16, after the file.
    assert_eq!(
        rows[0],
        "file,status,name,email,phone,score,parse_health,content,keywords,job_match,role,best_role,words,\
         top_missing_keywords,risk_codes,error",
    );
    // Every file is a row (issue 16), whatever its name: notes.json too.
    assert_eq!(rows.len(), 5, "{csv}");
    // Stable order: sorted paths, relative to the folder given.
    assert!(
        rows[1].starts_with("a.pdf,") && rows[2].starts_with("broken.pdf,") && rows[3].starts_with("nested/b.md,"),
        "{csv}"
    );
    assert!(
        rows[2].contains("damaged"),
        "the bad file's row carries its error: {}",
        rows[2]
    );
    let md = std::fs::read_to_string(&summary).expect("summary written");
    for part in [
        "# Cohort summary",
        "4 files: 3 scored, 1 could not be read, 0 in a format ats-check does not read",
        "Keywords most often missing",
        "Could not be read",
    ] {
        assert!(md.contains(part), "{md}");
    }
    // JSONL and the fail-under gate (the broken file has no score).
    let jsonl = dir.join("out.jsonl");
    let o = run(&[
        "batch",
        dir.join("cohort").to_str().unwrap_or_default(),
        "--role",
        "ml-engineer",
        "-o",
        jsonl.to_str().unwrap_or_default(),
        "--fail-under",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let lines = std::fs::read_to_string(&jsonl).expect("jsonl");
    assert_eq!(lines.lines().count(), 4);
    for l in lines.lines() {
        let row: serde_json::Value = serde_json::from_str(l).expect("json row");
        assert!(row.get("file").is_some() && row.get("error").is_some());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_report_snapshot() {
    let o = run(&[SAMPLE_MD, "--role", "ml-engineer"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(!text.contains('\x1b'), "no colour when piped");
    insta::assert_snapshot!("text_report_sample_md", text);
}

#[test]
fn no_color_is_respected_and_help_exits_0() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("batch"));
    let _ = Path::new(SAMPLE_MD);
}

/// The keyword part of the report for a few corpus résumés (issue 4): matched terms with where
/// they appear, missing terms, coverage. Reads ../shared/corpus; skips loudly without it.
#[test]
fn keyword_part_snapshots_on_corpus_resumes() {
    let Some(corpus) = ats_testkit::shared_corpus("keyword snapshots") else {
        return;
    };
    for (file, role) in [
        ("fictional/priya-raman-senior-ml-engineer.pdf", "ml-engineer"),
        ("fictional/sofia-castellanos-mlops-engineer.docx", "mlops-engineer"),
        ("fictional/elodie-fournier-nlp-engineer.pdf", "nlp-engineer"),
    ] {
        let path = corpus.join(file);
        let o = run(&[path.to_str().unwrap_or_default(), "--role", role, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stderr(&o));
        let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let k = &r["keywords"];
        let matched: Vec<String> = k["matched"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|m| {
                format!(
                    "{} [{}] x{} in {}",
                    m["term"].as_str().unwrap_or(""),
                    m["category"].as_str().unwrap_or(""),
                    m["count"],
                    m["sections"]
                )
            })
            .collect();
        let missing: Vec<&str> = k["missing"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["term"].as_str())
            .collect();
        let summary = format!(
            "coverage: {:.3}\nmatched:\n  {}\nmissing:\n  {}\n",
            k["coverage"].as_f64().unwrap_or(0.0),
            matched.join("\n  "),
            missing.join("\n  ")
        );
        let name = format!(
            "keywords_{}",
            Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("x")
        );
        insta::assert_snapshot!(name, summary);
    }
}

/// A job posting, line by line, for the posting-format tests.
const POSTING_LINES: &[&str] = &[
    "Senior Machine Learning Engineer",
    "Northwind Traders, Seattle",
    "Requirements",
    "- Python, PyTorch and Kubernetes",
    "- Apache Kafka and Snowflake",
    "Benefits",
    "- Medical, dental and vision insurance",
];

/// The posting as a one-page PDF (lopdf writer, Helvetica, one `Tj` per line).
fn posting_pdf() -> Vec<u8> {
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
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut ops = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 11.into()]),
    ];
    let mut y = 800.0_f32;
    for line in POSTING_LINES {
        ops.push(Operation::new(
            "Tm",
            vec![1.into(), 0.into(), 0.into(), 1.into(), 56.into(), Object::Real(y)],
        ));
        ops.push(Operation::new(
            "Tj",
            vec![Object::string_literal(line.as_bytes().to_vec())],
        ));
        y -= 16.0;
    }
    ops.push(Operation::new("ET", vec![]));
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("encode")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    out
}

/// The posting as a DOCX (docx-rs writer), one paragraph per line.
fn posting_docx() -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run};
    let mut docx = Docx::new();
    for line in POSTING_LINES {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(*line)));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out).expect("write DOCX");
    out.into_inner()
}

#[test]
fn job_posting_as_pdf_or_docx_is_read_like_a_resume() {
    let dir = scratch("posting-formats");
    for (name, bytes) in [("posting.pdf", posting_pdf()), ("posting.docx", posting_docx())] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write fixture");
        let o = run(&[
            SAMPLE_MD,
            "--role",
            "ml-engineer",
            "--jd",
            path.to_str().expect("utf-8 path"),
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let jm = &r["job_match"];
        let terms: Vec<&str> = ["matched", "missing"]
            .iter()
            .flat_map(|k| jm[*k].as_array().into_iter().flatten())
            .filter_map(|t| t["term"].as_str())
            .collect();
        for want in ["Python", "PyTorch", "Kubernetes", "Apache Kafka", "Snowflake"] {
            assert!(terms.contains(&want), "{name}: {want} in {terms:?}");
        }
        // What the file format is made of never reaches the terms.
        for noise in [
            "endstream",
            "endobj",
            "TrueType",
            "Helvetica",
            "word",
            "docProps",
            "Northwind",
            "Seattle",
        ] {
            assert!(
                !terms.iter().any(|t| t.contains(noise)),
                "{name}: '{noise}' in {terms:?}"
            );
        }
        assert_eq!(jm["title"].as_str(), Some("Senior Machine Learning Engineer"), "{name}");
    }
}

#[test]
fn an_unreadable_job_posting_is_named_in_the_error() {
    let dir = scratch("posting-bad");
    let path = dir.join("posting.pdf");
    let pdf = posting_pdf();
    std::fs::write(&path, &pdf[..40]).expect("write fixture");
    let o = run(&[SAMPLE_MD, "--jd", path.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("job posting") && err.contains("posting.pdf"), "{err}");
    assert!(!err.contains("jordan-lee"), "the résumé is not blamed: {err}");
}

#[test]
fn export_writes_docx_markdown_and_text_by_extension() {
    let dir = scratch("export");
    for ext in ["docx", "md", "txt"] {
        let out = dir.join(format!("resume.{ext}"));
        let o = run(&[
            "export",
            SAMPLE_PDF,
            "--output",
            out.to_str().expect("UTF-8 path"),
            "--check",
        ]);
        assert_eq!(o.status.code(), Some(0), "{ext}: {}{}", stdout(&o), stderr(&o));
        let figures: serde_json::Value = serde_json::from_slice(&o.stdout).expect("round-trip JSON");
        assert_eq!(figures["shortfalls"], serde_json::json!([]), "{ext}: {figures}");
        assert!(figures["words_kept"].as_f64().expect("a share") >= 0.98, "{figures}");
        let bytes = std::fs::read(&out).expect("the export exists");
        let doc = ats_parse::extract(&bytes, &ats_parse::Limits::default()).expect("the export reads");
        assert!(doc.text.contains("jordan.lee@example.com"), "{ext}");
        match ext {
            "docx" => assert!(bytes.starts_with(b"PK")),
            "md" => assert!(String::from_utf8_lossy(&bytes).contains("\n## Experience\n"), "{ext}"),
            _ => assert!(String::from_utf8_lossy(&bytes).contains("\nEXPERIENCE\n"), "{ext}"),
        }
    }
    // An output name without a known extension is refused before anything is written.
    let o = run(&[
        "export",
        SAMPLE_PDF,
        "--output",
        dir.join("resume.pdf").to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".docx, .md or .txt"), "{}", stderr(&o));
    assert!(!dir.join("resume.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_refuses_a_file_without_text_with_exit_1_and_writes_nothing() {
    let dir = scratch("export-no-text");
    let scan = dir.join("scan.pdf");
    let blank = dir.join("blank.pdf");
    std::fs::write(
        &scan,
        crate::advice::one_page_pdf(b"q 612 0 0 792 0 0 cm /Im1 Do Q", true),
    )
    .expect("write fixture");
    std::fs::write(&blank, crate::advice::one_page_pdf(b"36 36 540 720 re S", false)).expect("write fixture");
    for (source, found) in [(&scan, "a scan or picture"), (&blank, "pages are empty")] {
        let out = dir.join("out.docx");
        let out_arg = out.to_str().expect("UTF-8 path");
        let o = run(&["export", source.to_str().expect("UTF-8 path"), "--output", out_arg]);
        // Exit 1: the file was read, and what it holds stops the export (as --fail-under and
        // --check do); 2 is kept for "could not run".
        assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
        let err = stderr(&o);
        for said in ["nothing to export", found, "from the document you wrote", "OCR"] {
            assert!(err.contains(said), "'{said}' in: {err}");
        }
        assert!(!out.exists(), "no empty export is written");

        // With --check the refusal is a JSON line a script can count apart from errors.
        let o = run(&[
            "export",
            source.to_str().expect("UTF-8 path"),
            "--output",
            out_arg,
            "--check",
        ]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON line");
        assert_eq!(json["refused"], "no-text", "{json}");
        assert!(json["message"].as_str().is_some_and(|m| m.contains(found)), "{json}");
        assert!(!out.exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
