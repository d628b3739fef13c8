//! The cohort report in a real browser (issue 16, points 4 and 5), headless Chromium over
//! WebDriver: (1) the self-contained file `ats-check batch --summary cohort.html` writes, opened
//! from disk: charts drawn, the table sorts on a click, a row's link opens that student's
//! report, it prints on A4 and on Letter, and no console error; (2) the web page: several files
//! chosen at once in the cohort card show the same view from the server. Screenshots go to
//! `target/cohort-file-screenshot.png` and `target/cohort-web-screenshot.png`.

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/webdriver.rs"]
mod webdriver;

use std::time::{Duration, Instant};

use ats_score::render::{CohortFile, FileOutcome};
use serde_json::Value;
use webdriver::{browser_available, target_dir, Scratch, WebDriver};

/// The whole test must finish within this; every wait is bounded too.
const TEST_BUDGET: Duration = Duration::from_secs(150);

/// Pages of a PDF: its page objects.
fn pdf_pages(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("Chromium prints a PDF");
    doc.get_pages().len()
}

#[test]
fn cohort_report_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let deadline = Instant::now() + TEST_BUDGET;
    let scratch = Scratch::new("cohort-browser");

    // Three students for one role (one of them twice over, as a DOCX) and a file that is not a
    // résumé format.
    let analyzer = ats_score::Analyzer::builtin();
    let limits = ats_parse::Limits::default();
    let request = ats_score::Request {
        role: None,
        ..ats_score::Request::default()
    };
    let text = fixtures::resume_text();
    let short = fixtures::RESUME_LINES[..12].join("\n");
    let sources: Vec<(&str, Vec<u8>)> = vec![
        ("jane.pdf", fixtures::resume_pdf()),
        ("jane.docx", fixtures::resume_docx()),
        ("jane.txt", text.into_bytes()),
        ("short.txt", short.into_bytes()),
    ];
    let reports: Vec<ats_score::Report> = sources
        .iter()
        .map(|(_, bytes)| {
            let doc = ats_parse::extract(bytes, &limits).expect("fixture parses");
            analyzer.analyze_best_fit(&doc, &request).expect("no role")
        })
        .collect();
    let mut files: Vec<CohortFile> = sources
        .iter()
        .zip(&reports)
        .map(|((name, _), r)| CohortFile {
            file: name,
            outcome: FileOutcome::Scored(r),
        })
        .collect();
    files.push(CohortFile {
        file: "photo.png",
        outcome: FileOutcome::Unsupported(
            "photo.png: this is a PNG image: ATSs cannot read text in pictures; upload the PDF or DOCX your résumé was made from",
        ),
    });
    let page = scratch.path.join("cohort.html");
    std::fs::write(&page, ats_score::render::cohort_html(&files, None)).expect("write the page");

    let driver = WebDriver::start(&scratch.path, deadline);
    driver.navigate(&format!("file://{}", page.display()));
    let seen = driver.exec(
        "return {
           charts: document.querySelectorAll('figure.chart svg').length,
           bars: document.querySelectorAll('figure.chart svg rect.bar').length,
           rows: document.querySelectorAll('table.students tbody tr').length,
           reports: document.querySelectorAll('article.student section.atsr').length,
           chartWidth: document.querySelector('figure.chart svg').getBoundingClientRect().width,
         };",
    );
    assert_eq!(seen["charts"], 5, "five charts: {seen}");
    assert!(seen["bars"].as_u64() > Some(10), "bars drawn: {seen}");
    assert_eq!(seen["rows"], 5, "a row per file: {seen}");
    assert_eq!(seen["reports"], 4, "a report per student: {seen}");
    assert!(
        seen["chartWidth"].as_f64() > Some(300.0),
        "the charts take their box: {seen}"
    );

    // Sorting by score: ascending, then descending; the unsupported file (no score) sorts low.
    let scores = "return Array.from(document.querySelectorAll('table.students tbody tr'),
                    (r) => Number(r.cells[3].getAttribute('data-v')));";
    let button = driver.find("table.students th[data-col='3'] button");
    driver.click(&button);
    let up: Vec<i64> = serde_json::from_value(driver.exec(scores)).expect("numbers");
    assert!(up.windows(2).all(|w| w[0] <= w[1]), "ascending: {up:?}");
    assert_eq!(up[0], -1, "no score first: {up:?}");
    driver.click(&button);
    let down: Vec<i64> = serde_json::from_value(driver.exec(scores)).expect("numbers");
    assert!(down.windows(2).all(|w| w[0] >= w[1]), "descending: {down:?}");
    // Sorting by name keeps every row.
    let name = driver.find("table.students th[data-col='0'] button");
    driver.click(&name);
    let names: Vec<String> = serde_json::from_value(driver.exec(
        "return Array.from(document.querySelectorAll('table.students tbody tr'), (r) => r.cells[0].textContent);",
    ))
    .expect("names");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);

    // A row's link opens that student's report.
    let link = driver.find("table.students a[href='#student-3']");
    driver.click(&link);
    let target: Value = driver.exec(
        "const t = document.querySelector(':target');
         return t ? {id: t.id, hasReport: !!t.querySelector('section.atsr'), top: Math.round(t.getBoundingClientRect().top)} : null;",
    );
    assert_eq!(target["id"], "student-3", "{target}");
    assert_eq!(target["hasReport"], true, "{target}");
    assert!(
        target["top"].as_i64().is_some_and(|t| t.abs() < 50),
        "scrolled to it: {target}"
    );

    // Printed: one page at least for the overview, and each student's report starts a page.
    for (paper, w, h) in [("A4", 21.0, 29.7), ("Letter", 21.59, 27.94)] {
        let pages = pdf_pages(&driver.print(w, h));
        assert!(pages > reports.len() + 1, "{paper}: {pages} pages");
    }

    driver.exec("window.scrollTo(0, 0); return null;");
    driver.screenshot(1280, 6000, &target_dir().join("cohort-file-screenshot.png"));
    let severe = driver.severe_console_entries();
    assert!(severe.is_empty(), "console errors on the file: {severe:?}");

    // The web page: several files picked at once in the cohort card.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a port");
    let addr = listener.local_addr().expect("its address");
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let config = ats_web::ServerConfig {
        access_log: false,
        ..ats_web::ServerConfig::default()
    };
    let server = runtime.spawn(ats_web::serve_with(listener, config, async {
        let _ = stop_rx.await;
    }));
    let mut paths = Vec::new();
    for (name, bytes) in &sources {
        let path = scratch.path.join(name);
        std::fs::write(&path, bytes).expect("write fixture");
        paths.push(path.display().to_string());
    }
    let png = scratch.path.join("photo.png");
    std::fs::write(&png, fixtures::PNG_BYTES).expect("write fixture");
    paths.push(png.display().to_string());

    driver.navigate(&format!("http://{addr}/"));
    driver.wait_for(
        "return document.getElementById('cohort-files') ? true : null;",
        Duration::from_secs(15),
        "the cohort card",
    );
    let input = driver.find("#cohort-files");
    driver.type_into(&input, &paths.join("\n"));
    let count = driver.exec("return document.getElementById('cohort-count').textContent;");
    assert_eq!(count, "5 files chosen");
    let submit = driver.find("#cohort-submit");
    driver.click(&submit);
    let rows = driver.wait_for(
        "return document.querySelector('main.cohort') ? document.querySelectorAll('table.students tbody tr').length : null;",
        Duration::from_secs(30),
        "the cohort page",
    );
    assert_eq!(rows, 5);
    let seen = driver.exec(
        "return {
           counts: document.querySelector('.counts').textContent,
           reports: document.querySelectorAll('article.student section.atsr').length,
           png: Array.from(document.querySelectorAll('table.students tbody tr'), (r) => r.textContent)
                  .filter((t) => t.includes('photo.png') && t.includes('unsupported format')).length,
         };",
    );
    assert!(
        seen["counts"]
            .as_str()
            .is_some_and(|c| c.starts_with("5 files: 4 scored, 0 could not be read, 1 in a format")),
        "{seen}"
    );
    assert_eq!(seen["reports"], 4, "{seen}");
    assert_eq!(seen["png"], 1, "{seen}");
    // The sort script runs under the server's CSP (by nonce).
    let button = driver.find("table.students th[data-col='3'] button");
    driver.click(&button);
    let sorted =
        driver.exec("return document.querySelector('table.students th[data-col=\"3\"]').getAttribute('aria-sort');");
    assert_eq!(sorted, "ascending", "the inline script ran");
    let link = driver.find("table.students a[href='#student-0']");
    driver.click(&link);
    let target = driver.exec("const t = document.querySelector(':target'); return t ? t.id : null;");
    assert_eq!(target, "student-0");
    driver.exec("window.scrollTo(0, 0); return null;");
    driver.screenshot(1280, 6000, &target_dir().join("cohort-web-screenshot.png"));
    let severe = driver.severe_console_entries();
    assert!(severe.is_empty(), "console errors on the served page: {severe:?}");
    eprintln!(
        "cohort browser test: screenshots in {}",
        target_dir().join("cohort-*-screenshot.png").display()
    );

    drop(driver);
    let _ = stop_tx.send(());
    runtime.block_on(async {
        let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
    });
}
