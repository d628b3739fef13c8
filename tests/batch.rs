//! `ats-check batch` for career services (issue 16): every file is a row, a folder that cannot
//! be read is a row, best fits without a role, the columns an advisor contacts students with.

use std::path::Path;

use crate::cli::{run, scratch, SAMPLE_PDF};

const SAMPLE_MD: &str = "samples/jordan-lee-ml-engineer.md";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The start of an ODT package: a ZIP whose first entry is its uncompressed media type.
fn odt_bytes() -> Vec<u8> {
    let mut b = b"PK\x03\x04\x14\x00\x00\x00\x00\x00".to_vec();
    b.extend_from_slice(&[0; 16]);
    b.extend_from_slice(b"\x08\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text");
    b
}

/// `ats-check batch COHORT --output OUTPUT` with `more` arguments after.
fn batch(cohort: &Path, output: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec![
        "batch",
        cohort.to_str().unwrap_or_default(),
        "--output",
        output.to_str().unwrap_or_default(),
    ];
    args.extend_from_slice(more);
    run(&args)
}

/// [`batch`], which must succeed.
fn batch_ok(cohort: &Path, output: &Path, more: &[&str]) -> std::process::Output {
    let o = batch(cohort, output, more);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    o
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("rows written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON row"))
        .collect()
}

#[test]
fn every_file_is_a_row_and_unsupported_ones_carry_the_cli_error() {
    let dir = scratch("batch-every-file");
    let cohort = dir.join("cohort");
    std::fs::create_dir_all(cohort.join("sub")).expect("dirs");
    std::fs::create_dir_all(cohort.join(".git")).expect("dirs");
    std::fs::copy(SAMPLE_PDF, cohort.join("a.pdf")).expect("copy");
    std::fs::copy(SAMPLE_MD, cohort.join("sub/b.md")).expect("copy");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    std::fs::write(cohort.join("c.doc"), &ole).expect("write");
    std::fs::write(cohort.join("d.rtf"), b"{\\rtf1\\ansi Jordan Lee}").expect("write");
    std::fs::write(cohort.join("e.odt"), odt_bytes()).expect("write");
    std::fs::write(cohort.join("f.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    // Not rows: hidden files and folders, Office lock files.
    std::fs::copy(SAMPLE_PDF, cohort.join(".hidden.pdf")).expect("copy");
    std::fs::copy(SAMPLE_PDF, cohort.join(".git/x.pdf")).expect("copy");
    std::fs::write(cohort.join("~$a.docx"), b"lock").expect("write");
    // A link that leads nowhere readable (to itself): a row with its error, and the batch goes on.
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop", cohort.join("loop")).expect("symlink");

    let out = dir.join("rows.jsonl");
    let o = batch_ok(&cohort, &out, &["--role", "ml-engineer"]);
    let rows = jsonl(&out);
    let files: Vec<&str> = rows.iter().map(|r| r["file"].as_str().unwrap_or_default()).collect();
    let mut expected = vec!["a.pdf", "c.doc", "d.rtf", "e.odt", "f.png", "sub/b.md"];
    if cfg!(unix) {
        expected.insert(5, "loop");
    }
    assert_eq!(files, expected);
    for row in &rows {
        let file = row["file"].as_str().unwrap_or_default();
        let status = row["status"].as_str().unwrap_or_default();
        match file {
            "a.pdf" | "sub/b.md" => assert_eq!(status, "scored", "{row}"),
            "loop" => {
                assert_eq!(status, "unreadable", "{row}");
                assert!(row["error"].as_str().is_some_and(|e| e.contains("loop")), "{row}");
            }
            _ => {
                assert_eq!(status, "unsupported", "{row}");
                assert!(row["score"].is_null(), "{row}");
                // The one-line error the CLI gives for the same file, without its prefix.
                let single = run(&[cohort.join(file).to_str().unwrap_or_default()]);
                assert_eq!(single.status.code(), Some(2));
                let line = stderr(&single);
                let line = line.trim_end().strip_prefix("ats-check: ").unwrap_or(&line);
                assert_eq!(row["error"].as_str(), Some(line), "{row}");
            }
        }
    }
    let last = stderr(&o);
    let counts = if cfg!(unix) {
        "7 files: 2 scored, 1 unreadable, 4 unsupported"
    } else {
        "6 files: 2 scored, 0 unreadable, 4 unsupported"
    };
    assert!(last.contains(counts), "{last}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_a_row_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("batch-locked-folder");
    let cohort = dir.join("cohort");
    let locked = cohort.join("locked");
    std::fs::create_dir_all(&locked).expect("dirs");
    std::fs::copy(SAMPLE_PDF, cohort.join("a.pdf")).expect("copy");
    std::fs::copy(SAMPLE_PDF, locked.join("inside.pdf")).expect("copy");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root lists any folder: then there is no unreadable folder to show, and the row is the file.
    let listable = std::fs::read_dir(&locked).is_ok();
    let out = dir.join("rows.csv");
    let o = batch(&cohort, &out, &[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&out).expect("rows");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[0].starts_with("a.pdf,scored,"), "{csv}");
    if listable {
        assert!(rows[1].starts_with("locked/inside.pdf,scored,"), "{csv}");
    } else {
        assert!(rows[1].starts_with("locked,unreadable,"), "{csv}");
        assert!(rows[1].contains("cannot read folder"), "{csv}");
        assert!(stderr(&o).contains("2 files: 1 scored, 1 unreadable, 0 unsupported"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_role_each_row_is_scored_for_its_best_fit_with_contact_columns() {
    let dir = scratch("batch-best-fit");
    let cohort = dir.join("cohort");
    std::fs::create_dir_all(cohort.join("nested")).expect("dirs");
    std::fs::copy(SAMPLE_PDF, cohort.join("a.pdf")).expect("copy");
    std::fs::copy(SAMPLE_MD, cohort.join("nested/b.md")).expect("copy");
    let out = dir.join("rows.jsonl");
    batch_ok(&cohort, &out, &[]);
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["file"], "a.pdf");
    assert_eq!(rows[1]["file"], "nested/b.md");
    for row in &rows {
        assert_eq!(row["status"], "scored");
        assert_eq!(row["name"], "Jordan Lee");
        assert_eq!(row["email"], "jordan.lee@example.com");
        assert!(
            row["phone"]
                .as_str()
                .is_some_and(|p| p.chars().filter(char::is_ascii_digit).count() >= 10),
            "{row}"
        );
        let best = &row["best_role"];
        let runner_up = &row["runner_up"];
        assert!(best["id"].is_string() && best["coverage"].is_f64(), "{row}");
        assert!(runner_up["id"].is_string() && runner_up["id"] != best["id"], "{row}");
        assert!(best["coverage"].as_f64() >= runner_up["coverage"].as_f64(), "{row}");
        assert_eq!(row["role"]["id"], best["id"], "the best fit is the role scored");
        // Real numbers, arrays and nulls.
        assert!(
            row["score"].is_u64() && row["keywords"].is_u64() && row["words"].is_u64(),
            "{row}"
        );
        assert!(
            row["top_missing_keywords"].is_array() && row["risk_codes"].is_array(),
            "{row}"
        );
        assert!(row["error"].is_null() && row["job_match"].is_null(), "{row}");
    }
    // The keyword score is the one a single run for that role gives.
    let best = rows[0]["best_role"]["id"].as_str().unwrap_or_default().to_string();
    let single = run(&[SAMPLE_PDF, "--role", &best, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&single.stdout).expect("json");
    let keywords = report["score"]["parts"]
        .as_array()
        .and_then(|parts| parts.iter().find(|p| p["id"] == "keywords"))
        .map(|p| p["score"].clone());
    assert_eq!(Some(rows[0]["keywords"].clone()), keywords);
    assert_eq!(rows[0]["score"], report["score"]["overall"]);

    // With a role, that role is scored and the best fit is still named; the CSV has the
    // contact columns, and this run's own output is not a row even inside the folder.
    let csv_path = cohort.join("rows.csv");
    std::fs::write(&csv_path, "left from an earlier run").expect("write");
    batch_ok(&cohort, &csv_path, &["--role", "data-analyst"]);
    let csv = std::fs::read_to_string(&csv_path).expect("rows");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows[1].starts_with("a.pdf,scored,Jordan Lee,jordan.lee@example.com,"),
        "{csv}"
    );
    assert!(rows[1].contains(",Data Analyst,"), "{csv}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_html_is_the_cohort_page_and_md_stays_markdown() {
    let dir = scratch("batch-summary-html");
    let cohort = dir.join("cohort");
    std::fs::create_dir_all(&cohort).expect("dirs");
    std::fs::copy(SAMPLE_PDF, cohort.join("a.pdf")).expect("copy");
    std::fs::copy(SAMPLE_MD, cohort.join("b.md")).expect("copy");
    std::fs::write(cohort.join("c.rtf"), b"{\\rtf1\\ansi Jordan Lee}").expect("write");
    let rows = dir.join("rows.csv");
    let html = dir.join("cohort.html");
    let md = dir.join("cohort.md");
    for summary in [&html, &md] {
        batch_ok(&cohort, &rows, &["--summary", summary.to_str().unwrap_or_default()]);
    }
    let page = std::fs::read_to_string(&html).expect("the page");
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains("3 files: 2 scored, 0 could not be read, 1 in a format ats-check does not read"));
    for (i, file) in ["a.pdf", "b.md", "c.rtf"].iter().enumerate() {
        assert!(
            page.contains(&format!("<a href=\"#student-{i}\">{file}</a>")),
            "row {file}"
        );
    }
    assert_eq!(
        page.matches("<article class=\"student\"").count(),
        2,
        "a report per scored file"
    );
    let markdown = std::fs::read_to_string(&md).expect("the summary");
    assert!(markdown.starts_with("# Cohort summary"), "{markdown}");

    let o = batch(
        &cohort,
        &rows,
        &["--summary", dir.join("cohort.txt").to_str().unwrap_or_default()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--summary must end in .html or .md"),
        "{}",
        stderr(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
