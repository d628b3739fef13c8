//! End to end in a real browser (issues 6 and 17): the server runs in-process on 127.0.0.1,
//! Debian's headless Chromium is driven over WebDriver by `/usr/bin/chromedriver`, at a laptop's
//! 1366×900 and a phone's 390×844, first with JavaScript on and then with it off.
//!
//! With the script: a picture renamed .pdf and a 14 MB file are refused as soon as they are
//! chosen, before any upload, with the error in view, focused and in plain words; a PDF with a
//! role and a posting shows the score with its bands, one figure per part with what it
//! measures, a link to how the score is computed, each finding once, no zero-point badges, a
//! section grid without holes, the posting's terms with their counts, and findings that link to
//! their lines in "What the ATS sees" and back; a DOCX without a role shows the best-fitting
//! role's keywords; "Download JSON" saves the API's report. Without the script: the role list
//! and a `<noscript>` line are there, the form posts and the report comes back as a page whose
//! anchors work, and an error comes back as a page. Screenshots are saved under `target/`
//! (`web-desktop.png`, `web-phone.png`, `web-*-error.png`, `web-*-no-role.png`, `web-nojs-*.png`).
//!
//! Without Chromium the test prints a loud SKIPPED line, except under `CI=true`, where it fails:
//! `.ci/install-browser.sh` installs the Debian packages. No browser is ever downloaded here.
//!
//! The WebDriver client is a few lines over `std::net` (JSON over HTTP/1.1, one connection per
//! command): no HTTP client crate is needed for a sequential conversation with chromedriver.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The whole test must finish within this; every wait and every socket read is bounded too.
const TEST_BUDGET: Duration = Duration::from_secs(300);
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Tallest full-page screenshot, in CSS pixels (a phone's report runs long).
const MAX_SCREENSHOT_HEIGHT: u64 = 16_000;
/// The sizes issue 17 was tried at: a laptop and a phone.
const VIEWPORTS: [(&str, u32, u32); 2] = [("desktop", 1366, 900), ("phone", 390, 844)];
/// A gap between two section cards, one above the other, taller than this is a hole: cards are
/// set one card margin (1 rem, 16 px) apart.
const MAX_CARD_GAP_PX: f64 = 32.0;
/// The server's upload limit (the default `max_body_bytes`).
const LIMIT_BYTES: usize = 10_000_000;
/// A file over the limit, as the issue's 14 MB.
const BIG_FILE_BYTES: usize = 14_000_000;

/// What the error box shows, once it shows.
const ERROR_STATE: &str = "
    const e = document.getElementById('error');
    if (e.hidden) return null;
    const r = e.getBoundingClientRect();
    return {
      text: document.getElementById('error-message').textContent,
      inView: r.top >= 0 && r.bottom <= window.innerHeight,
      focused: document.activeElement === e,
      uploads: performance.getEntriesByType('resource').filter((x) => x.name.includes('/api/v1/analyze')).length,
    };";

/// What the report shows, for the points of issue 17.
const REPORT_STATE: &str = r##"
    const q = (s) => document.querySelector(s);
    const all = (s) => Array.from(document.querySelectorAll(s));
    const rows = all('#r-job-terms tbody tr').map((tr) => Array.from(tr.children, (c) => c.textContent.trim()));
    const cards = all('.atsr-section').map((c) => c.getBoundingClientRect());
    let worstGap = 0;
    for (const a of cards) {
      const below = cards.filter((b) => Math.abs(b.left - a.left) < 2 && b.top >= a.bottom - 1);
      if (below.length) worstGap = Math.max(worstGap, Math.min(...below.map((b) => b.top)) - a.bottom);
    }
    const body = q('#report').textContent;
    return {
      score: q('[data-testid=score-overall]').textContent,
      bands: all('.atsr-bands li').length,
      currentBands: all('.atsr-bands li.current').length,
      bandSentence: q('.atsr-band-sentence').textContent,
      parts: all('.atsr-part').length,
      measures: all('.atsr-part .atsr-measures').map((m) => m.textContent.trim()),
      partFigures: all('.atsr-part .atsr-part-score').length,
      howLink: !!q('a[href="#r-how"]') && !!q('#r-how'),
      findingIds: all('.atsr-finding').map((f) => f.id),
      rows,
      zeroBadges: /[−+]0\.0 points?/.test(body),
      badPlural: /\b1\.0 points\b|\b1 (words|bullets|terms|suggestions|errors|warnings)\b/.test(body),
      worstGap,
      sectionCards: cards.length,
      overflowX: document.documentElement.scrollWidth > window.innerWidth,
      atsLines: all('.atsr-lines > li').length,
      innerWidth: window.innerWidth,
    };"##;

/// The anchor the window is at and whether it is in view.
const TARGET_STATE: &str = "
    const t = document.querySelector(':target');
    if (!t) return null;
    const r = t.getBoundingClientRect();
    return { id: t.id, cls: t.className, inView: r.top >= 0 && r.top < window.innerHeight };";

/// What the keyword card shows without a role.
const NO_ROLE_STATE: &str = "
    return {
      note: (document.querySelector('#r-keywords .atsr-note') || {}).textContent || '',
      matched: document.querySelectorAll('#r-chips-matched li').length,
      fits: document.querySelectorAll('[data-testid=role-fit] li').length,
      emptyHeadings: Array.from(document.querySelectorAll('#r-keywords h4'))
        .filter((h) => { const n = h.nextElementSibling; return !n || n.tagName === 'H4'; }).length,
      title: document.querySelector('.atsr-title').textContent,
    };";

#[test]
fn page_explains_the_score_fails_fast_and_works_without_javascript() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let message = "SKIPPED: chromium/chromedriver not installed (run .ci/install-browser.sh)";
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{message}; CI=true, so this is a failure");
        }
        eprintln!("\n{}\n{message}\n{}\n", "!".repeat(76), "!".repeat(76));
        return;
    }
    let deadline = Instant::now() + TEST_BUDGET;
    let scratch = Scratch::new();

    // The server, in-process, on a free loopback port.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let server_addr = listener.local_addr().unwrap();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let config = ats_web::ServerConfig {
        access_log: false,
        ..ats_web::ServerConfig::default()
    };
    assert_eq!(config.max_body_bytes, LIMIT_BYTES);
    let server = runtime.spawn(ats_web::serve_with(listener, config, async {
        let _ = stop_rx.await;
    }));
    let base = format!("http://{server_addr}");

    // The fixtures, written where the browser's file input can read them.
    let pdf = fixtures::resume_pdf();
    let docx = fixtures::resume_docx();
    let pdf_path = scratch.path.join("resume.pdf");
    let docx_path = scratch.path.join("resume.docx");
    let picture_path = scratch.path.join("photo.pdf");
    let big_path = scratch.path.join("big.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    std::fs::write(&docx_path, &docx).unwrap();
    std::fs::write(&picture_path, fixtures::PNG_BYTES).unwrap();
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(BIG_FILE_BYTES, b' ');
    std::fs::write(&big_path, &big).unwrap();

    let jd = "Senior Machine Learning Engineer. Deploy PyTorch models on Kubernetes with Docker, \
              build MLOps pipelines in Python and SQL, run A/B tests.";
    let with_posting = api_report(server_addr, &pdf, "ml-engineer", Some(jd));
    let no_role = api_report(server_addr, &docx, "", None);
    let roles = role_count(server_addr);
    let target = target_dir();

    let mut driver = WebDriver::start(&scratch.path, deadline);
    let downloads = scratch.path.join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();

    // ---- JavaScript on ----
    driver.new_session(&scratch.path.join("profile-js"), &downloads, true);
    for (name, width, height) in VIEWPORTS {
        driver.set_viewport(width, height);

        // Point 2: refused in the browser on choice, before any upload; in view, focused, plain.
        driver.fill_form(&base, &picture_path, None, None);
        let error = driver.wait_for(ERROR_STATE, Duration::from_secs(10), "the picture's error");
        assert_error_shown(&error, name, &["PNG picture", "PDF or DOCX"]);
        driver.viewport_screenshot(&target.join(format!("web-{name}-error.png")));
        driver.submit();
        let error = driver.wait_for(ERROR_STATE, Duration::from_secs(10), "the picture's error on submit");
        assert_error_shown(&error, name, &["PNG picture"]);

        driver.fill_form(&base, &big_path, None, None);
        let error = driver.wait_for(ERROR_STATE, Duration::from_secs(10), "the big file's error");
        // In the units the page shows: "up to 10 MB" and the file's "14 MB".
        assert_error_shown(&error, name, &["14 MB", "10 MB limit"]);
        let hint = driver.find("#file-help");
        assert!(
            driver.text_of(&hint).contains("up to 10 MB"),
            "{name}: the limit as the page shows it"
        );

        // Points 1, 5 and 6: a PDF with a role and a posting.
        driver.check_upload(&base, &pdf_path, Some("ml-engineer"), Some(jd));
        let seen = driver.exec(REPORT_STATE);
        assert_report_shown(&seen, &with_posting, name);
        follow_finding_to_its_line_and_back(&driver, name);
        let how = driver.find("a[href=\"#r-how\"]");
        driver.click(&how);
        let at = driver.wait_for(TARGET_STATE, Duration::from_secs(5), "the scoring explanation");
        assert_eq!(at["id"], "r-how", "{name}: the link leads to how the score is computed");
        driver.full_page_screenshot(width, height, &target.join(format!("web-{name}.png")));

        // Point 3: a DOCX without a role shows the best fit's keywords, no empty headings.
        driver.check_upload(&base, &docx_path, None, None);
        let seen = driver.exec(NO_ROLE_STATE);
        assert!(seen["note"].as_str().unwrap().contains("fits best"), "{name}: {seen}");
        let role_name = no_role["role"]["name"].as_str().expect("a best-fitting role");
        assert!(seen["title"].as_str().unwrap().contains(role_name), "{name}: {seen}");
        assert_eq!(
            seen["matched"],
            no_role["keywords"]["matched"].as_array().unwrap().len(),
            "{name}: the best fit's found terms"
        );
        assert!(
            seen["matched"].as_u64().unwrap() > 0 && seen["fits"].as_u64().unwrap() > 0,
            "{name}: {seen}"
        );
        assert_eq!(seen["emptyHeadings"], 0, "{name}: no heading without content");
        driver.exec("document.getElementById('r-keywords').scrollIntoView(); return null;");
        driver.viewport_screenshot(&target.join(format!("web-{name}-no-role.png")));
    }

    // "Download JSON" saves the API's report for the same upload (the DOCX without a role).
    let button = driver.find("#download-json");
    driver.click(&button);
    let saved = downloads.join("ats-check-report.json");
    let until = Instant::now() + Duration::from_secs(15);
    while !saved.exists() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(100));
    }
    let downloaded: Value =
        serde_json::from_slice(&std::fs::read(&saved).expect("the JSON download")).expect("the download is JSON");
    let as_report = |v: &Value| serde_json::from_value::<ats_score::Report>(v.clone()).unwrap();
    assert!(
        as_report(&downloaded) == as_report(&no_role),
        "the downloaded JSON is the report"
    );

    // No CSP violation or script error was logged by the page.
    if let Some(entries) = driver.browser_log() {
        let severe: Vec<&Value> = entries.iter().filter(|e| e["level"] == "SEVERE").collect();
        assert!(severe.is_empty(), "browser console errors: {severe:?}");
    }
    driver.end_session();

    // ---- JavaScript off (point 4) ----
    driver.new_session(&scratch.path.join("profile-nojs"), &downloads, false);
    for (name, width, height) in VIEWPORTS {
        driver.set_viewport(width, height);
        driver.navigate(&format!("{base}/"));
        // The <noscript> line is parsed as elements only when scripts are off.
        let note = driver.find("[data-testid=noscript]");
        assert!(driver.displayed(&note), "{name}: the noscript line shows");
        assert!(driver.text_of(&note).contains("JavaScript is off"), "{name}");
        assert_eq!(
            driver.find_all("#role-select option").len(),
            roles + 1,
            "{name}: every role, rendered by the server, and 'not sure'"
        );
        let input = driver.find("#file-input");
        assert!(
            driver.displayed(&input),
            "{name}: the file input itself shows the chosen file"
        );
        driver.viewport_screenshot(&target.join(format!("web-nojs-{name}-form.png")));

        driver.fill_form(&base, &pdf_path, Some("ml-engineer"), Some(jd));
        driver.submit();
        driver.wait_for_url("/api/v1/analyze", Duration::from_secs(30));
        let score = driver.wait_for_element("[data-testid=score-overall]", Duration::from_secs(30));
        assert_eq!(
            driver.text_of(&score),
            with_posting["score"]["overall"].to_string(),
            "{name}: the report page's score"
        );
        let title = driver.session_cmd("GET", "/title", None);
        assert!(title.as_str().unwrap().starts_with("ATS check:"), "{name}: {title}");
        let job = &with_posting["job_match"];
        assert_eq!(
            driver.find_all("#r-job-terms tbody tr").len(),
            job["matched"].as_array().unwrap().len() + job["missing"].as_array().unwrap().len(),
            "{name}: the posting's term table"
        );
        // A finding's link leads to its line with no script at all.
        let link = driver.find(".atsr-finding .atsr-to-line");
        let href = driver
            .session_cmd("GET", &format!("/element/{link}/attribute/href"), None)
            .as_str()
            .unwrap()
            .to_string();
        driver.click(&link);
        driver.wait_for_url(&href, Duration::from_secs(5));
        let line = driver.find(&format!("{href}.atsr-flagged"));
        assert!(driver.displayed(&line), "{name}: the line is there and marked");
        driver.full_page_screenshot(width, height, &target.join(format!("web-nojs-{name}.png")));

        // An error comes back as a page, in plain words.
        driver.fill_form(&base, &picture_path, None, None);
        driver.submit();
        // The check page has a hidden error box of its own: wait for the error page.
        driver.wait_for_url("/api/v1/analyze", Duration::from_secs(30));
        driver.wait_for_element("h1.error-title", Duration::from_secs(30));
        let message = driver.find("#error-message");
        let text = driver.text_of(&message);
        assert!(text.contains("image"), "{name}: says why: {text}");
        assert!(
            !text.contains("415") && !text.contains("unsupported-format"),
            "{name}: no codes: {text}"
        );
        driver.viewport_screenshot(&target.join(format!("web-nojs-{name}-error.png")));
    }
    eprintln!("browser test: screenshots saved in {}", target.display());

    drop(driver);
    let _ = stop_tx.send(());
    runtime.block_on(async {
        let _ = tokio::time::timeout(Duration::from_secs(5), server).await;
    });
}

fn assert_error_shown(error: &Value, name: &str, words: &[&str]) {
    let text = error["text"].as_str().unwrap();
    for word in words {
        assert!(text.contains(word), "{name}: '{word}' in the error: {text}");
    }
    assert!(
        !text.contains("415") && !text.contains("unsupported"),
        "{name}: no codes: {text}"
    );
    assert_eq!(error["inView"], true, "{name}: the error is in view");
    assert_eq!(error["focused"], true, "{name}: the error has the focus");
    assert_eq!(error["uploads"], 0, "{name}: nothing was uploaded");
}

fn assert_report_shown(seen: &Value, report: &Value, name: &str) {
    assert_eq!(seen["score"], report["score"]["overall"].to_string(), "{name}: score");
    // Point 1: bands, one figure per part with what it measures, the link.
    assert_eq!(seen["bands"], 3, "{name}: ready, close, needs work");
    assert_eq!(seen["currentBands"], 1, "{name}: the score's band is marked");
    assert!(!seen["bandSentence"].as_str().unwrap().is_empty());
    let parts = report["score"]["parts"].as_array().unwrap().len();
    assert_eq!(seen["parts"], parts, "{name}: parts");
    assert_eq!(seen["partFigures"], parts, "{name}: one figure per part");
    let measures: Vec<&str> = seen["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        measures.iter().all(|m| m.len() > 40),
        "{name}: each part says what it measures"
    );
    assert!(
        measures.iter().enumerate().all(|(i, m)| !measures[..i].contains(m)),
        "{name}: each its own"
    );
    assert_eq!(seen["howLink"], true, "{name}: how the score is computed");
    // Point 6: each finding once, no zero-point badges, plurals, no holes.
    let ids: Vec<&str> = seen["findingIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    assert_eq!(
        ids.len(),
        report["findings"].as_array().unwrap().len(),
        "{name}: each finding listed"
    );
    assert!(
        ids.iter().enumerate().all(|(i, id)| !ids[..i].contains(id)),
        "{name}: once"
    );
    assert_eq!(seen["zeroBadges"], false, "{name}: no zero-point badge");
    assert_eq!(seen["badPlural"], false, "{name}: plurals agree");
    assert!(seen["sectionCards"].as_u64().unwrap() >= 3, "{name}: {seen}");
    assert!(
        seen["worstGap"].as_f64().unwrap() <= MAX_CARD_GAP_PX,
        "{name}: a hole in the section grid: {}",
        seen["worstGap"]
    );
    assert_eq!(seen["overflowX"], false, "{name}: nothing wider than the screen");
    // Point 5: every line of the ATS text, and the posting's terms with both counts.
    let lines = report["text"].as_str().unwrap().split('\n').count();
    assert_eq!(seen["atsLines"], lines, "{name}: what the ATS sees, line by line");
    let job = &report["job_match"];
    let terms: Vec<&Value> = job["matched"]
        .as_array()
        .unwrap()
        .iter()
        .chain(job["missing"].as_array().unwrap())
        .collect();
    let rows = seen["rows"].as_array().unwrap();
    assert_eq!(rows.len(), terms.len(), "{name}: one row per posting term");
    for t in terms {
        let term = t["term"].as_str().unwrap();
        let row = rows
            .iter()
            .find(|r| r[0].as_str().unwrap().trim_end_matches("(preferred)").trim() == term)
            .unwrap_or_else(|| panic!("{name}: a row for {term}"));
        assert_eq!(row[1], t["count"].to_string(), "{name}: {term} in the posting");
        let found = job["matched"].as_array().unwrap().iter().any(|m| m["term"] == term);
        let in_resume = row[2].as_str().unwrap();
        if found {
            let n: u64 = in_resume.parse().unwrap();
            assert_eq!(
                n,
                t["resume_count"].as_u64().unwrap().max(1),
                "{name}: {term} in the résumé"
            );
        } else {
            assert!(in_resume.starts_with('0'), "{name}: {term} missing: {in_resume}");
        }
    }
}

/// Point 5: a finding's "see line" scrolls to its marked line; the line's mark leads back.
fn follow_finding_to_its_line_and_back(driver: &WebDriver, name: &str) {
    let link = driver.find("#report .atsr-finding .atsr-to-line");
    driver.click(&link);
    let at = driver.wait_for(TARGET_STATE, Duration::from_secs(5), "the finding's line");
    let line = at["id"].as_str().unwrap().to_string();
    assert!(line.starts_with("r-line-"), "{name}: {at}");
    assert!(
        at["cls"].as_str().unwrap().contains("atsr-flagged"),
        "{name}: the line is marked"
    );
    assert_eq!(at["inView"], true, "{name}: the line is scrolled into view");
    let back = driver.find(&format!("#{line} .atsr-to-finding"));
    driver.click(&back);
    let at = driver.wait_for(
        &TARGET_STATE.replace(
            "if (!t) return null;",
            "if (!t || t.id.startsWith('r-line-')) return null;",
        ),
        Duration::from_secs(5),
        "the line's finding",
    );
    assert!(at["cls"].as_str().unwrap().contains("atsr-finding"), "{name}: {at}");
    assert_eq!(at["inView"], true, "{name}: the finding is scrolled into view");
}

/// The report the API gives for the same upload, asked directly over HTTP.
fn api_report(addr: SocketAddr, file: &[u8], role: &str, jd: Option<&str>) -> Value {
    let mut parts = vec![
        fixtures::Part::File("file", "resume", "application/octet-stream", file),
        fixtures::Part::Text("role", role),
    ];
    if let Some(jd) = jd {
        parts.push(fixtures::Part::Text("jd", jd));
    }
    let body = fixtures::multipart(&parts);
    let (status, bytes) = http(
        addr,
        "POST",
        "/api/v1/analyze",
        Some((&fixtures::multipart_content_type(), &body)),
        Duration::from_secs(30),
    )
    .expect("API request");
    assert_eq!(status, 200, "API: {}", String::from_utf8_lossy(&bytes));
    serde_json::from_slice(&bytes).unwrap()
}

/// How many roles the API lists.
fn role_count(addr: SocketAddr) -> usize {
    let (status, bytes) = http(addr, "GET", "/api/v1/roles", None, Duration::from_secs(10)).expect("roles");
    assert_eq!(status, 200);
    serde_json::from_slice::<Value>(&bytes)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

/// A fresh directory for the fixtures and Chromium's profile, removed at the end.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!("ats-web-browser-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Scratch { path }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// `target/`, found from this test binary's path (`target/debug/deps/browser-…`), so that a
/// custom `CARGO_TARGET_DIR` is honoured.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

/// chromedriver and the Chromium it starts, in their own process group. Dropping it ends the
/// session (Chromium quits) and then kills the group, also when the test panics.
struct WebDriver {
    addr: SocketAddr,
    child: Child,
    session: Option<String>,
    deadline: Instant,
}

impl WebDriver {
    fn start(scratch: &Path, deadline: Instant) -> Self {
        let port = {
            let probe = TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let log = std::fs::File::create(scratch.join("chromedriver.log")).unwrap();
        let mut command = Command::new(CHROMEDRIVER);
        command
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let child = command.spawn().expect("start chromedriver");
        let driver = WebDriver {
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            child,
            session: None,
            deadline,
        };
        let ready_by = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok((200, body)) = http(driver.addr, "GET", "/status", None, Duration::from_secs(2)) {
                let status: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if status["value"]["ready"] == true {
                    break;
                }
            }
            assert!(Instant::now() < ready_by, "chromedriver did not start within 20 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    /// Starts Chromium; with `javascript` false its content setting blocks every page script
    /// (WebDriver's own scripts still run), as for a person who turned JavaScript off.
    fn new_session(&mut self, profile: &Path, downloads: &Path, javascript: bool) {
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:loggingPrefs": {"browser": "ALL"},
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "prefs": {
                            "download.default_directory": downloads.to_str().unwrap(),
                            "download.prompt_for_download": false,
                            "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 },
                        },
                        "args": [
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--disable-dev-shm-usage",
                            "--hide-scrollbars",
                            "--window-size=1366,900",
                            format!("--user-data-dir={}", profile.display()),
                        ]
                    }
                }
            }
        });
        let value = self.cmd("POST", "/session", Some(caps));
        self.session = Some(value["sessionId"].as_str().expect("session id").to_string());
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session.as_deref().expect("a session"))
    }

    /// Sends one WebDriver command and returns its `value`; a WebDriver error fails the test.
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        assert!(
            Instant::now() < self.deadline,
            "browser test ran past its {TEST_BUDGET:?} budget"
        );
        let body = body.map(|b| serde_json::to_vec(&b).unwrap());
        let (status, bytes) = http(
            self.addr,
            method,
            path,
            body.as_deref().map(|b| ("application/json", b)),
            Duration::from_secs(60),
        )
        .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let reply: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        assert!(
            status == 200,
            "WebDriver {method} {path} answered {status}: {}",
            String::from_utf8_lossy(&bytes)
        );
        reply["value"].clone()
    }

    fn session_cmd(&self, method: &str, rest: &str, body: Option<Value>) -> Value {
        self.cmd(method, &self.session_path(rest), body)
    }

    fn navigate(&self, url: &str) {
        self.session_cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn set_window(&self, width: u32, height: u32) {
        self.session_cmd("POST", "/window/rect", Some(json!({"width": width, "height": height})));
    }

    /// Sizes the window so that the page's viewport is `width`×`height` CSS pixels: the window
    /// is taller than its viewport by the browser's own frame.
    fn set_viewport(&self, width: u32, height: u32) {
        self.set_window(width, height);
        let inner = self.exec("return [window.innerWidth, window.innerHeight];");
        let dim = |i: usize, want: u32| {
            let got = inner[i].as_u64().unwrap_or(u64::from(want)) as u32;
            want + want.saturating_sub(got)
        };
        self.set_window(dim(0, width), dim(1, height));
        let inner = self.exec("return [window.innerWidth, window.innerHeight];");
        assert_eq!(inner, json!([width, height]), "the viewport");
    }

    fn exec(&self, script: &str) -> Value {
        self.session_cmd("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    fn find(&self, css: &str) -> String {
        let value = self.session_cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        value[ELEMENT_KEY].as_str().expect("element id").to_string()
    }

    fn click(&self, element: &str) {
        self.session_cmd("POST", &format!("/element/{element}/click"), Some(json!({})));
    }

    fn type_into(&self, element: &str, text: &str) {
        self.session_cmd(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Polls `script` until it returns something other than null, within `limit`.
    fn wait_for(&self, script: &str, limit: Duration, what: &str) -> Value {
        let until = Instant::now() + limit;
        loop {
            let value = self.exec(script);
            if !value.is_null() {
                return value;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens the page and fills the form as a person would: file input, role, posting.
    fn fill_form(&self, base: &str, file: &Path, role: Option<&str>, jd: Option<&str>) {
        self.navigate(&format!("{base}/"));
        let input = self.find("#file-input");
        self.type_into(&input, file.to_str().unwrap());
        if let Some(role) = role {
            let option = self.find(&format!("#role-select option[value=\"{role}\"]"));
            self.click(&option);
        }
        if let Some(jd) = jd {
            let textarea = self.find("#jd-input");
            self.type_into(&textarea, jd);
        }
    }

    fn submit(&self) {
        let button = self.find("#submit-btn");
        self.click(&button);
    }

    /// Uploads `file` with the script on and waits for the report (or fails on the error box).
    fn check_upload(&self, base: &str, file: &Path, role: Option<&str>, jd: Option<&str>) {
        self.fill_form(base, file, role, jd);
        self.submit();
        let outcome = self.wait_for(
            "const e = document.getElementById('error');
             if (!e.hidden) return 'error: ' + document.getElementById('error-message').textContent;
             const r = document.getElementById('results');
             return r.hidden || !document.querySelector('#report .atsr') ? null : 'ok';",
            Duration::from_secs(30),
            "the report",
        );
        assert_eq!(outcome, "ok", "uploading {}", file.display());
    }

    fn text_of(&self, element: &str) -> String {
        self.session_cmd("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    fn displayed(&self, element: &str) -> bool {
        self.session_cmd("GET", &format!("/element/{element}/displayed"), None) == true
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let value = self.session_cmd(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn current_url(&self) -> String {
        self.session_cmd("GET", "/url", None).as_str().unwrap_or("").to_string()
    }

    /// Polls until the URL ends with `suffix` (a navigation or an anchor), within `limit`.
    fn wait_for_url(&self, suffix: &str, limit: Duration) -> String {
        let until = Instant::now() + limit;
        loop {
            let url = self.current_url();
            if url.ends_with(suffix) {
                return url;
            }
            assert!(
                Instant::now() < until,
                "timed out waiting for a URL ending {suffix}: {url}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Polls until an element matches `css` (a page loading after a form post), within `limit`.
    fn wait_for_element(&self, css: &str, limit: Duration) -> String {
        let until = Instant::now() + limit;
        loop {
            if let Some(first) = self.find_all(css).into_iter().next() {
                return first;
            }
            assert!(Instant::now() < until, "timed out waiting for {css}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A screenshot of what the window shows now.
    fn viewport_screenshot(&self, path: &Path) {
        let png = self.session_cmd("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64 PNG"))
            .expect("decode screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, bytes).unwrap();
    }

    fn end_session(&mut self) {
        if let Some(session) = self.session.take() {
            let _ = http(
                self.addr,
                "DELETE",
                &format!("/session/{session}"),
                None,
                Duration::from_secs(10),
            );
        }
    }

    /// Resizes the window to the page's full height at `width` and saves a PNG.
    fn full_page_screenshot(&self, width: u32, height: u32, path: &Path) {
        self.set_window(width, height);
        let page_height = self
            .exec("return Math.ceil(document.documentElement.scrollHeight);")
            .as_u64()
            .unwrap_or(900)
            .clamp(600, MAX_SCREENSHOT_HEIGHT) as u32;
        self.set_window(width, page_height + 120);
        self.exec("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); return null;");
        let png = self.session_cmd("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64 PNG"))
            .expect("decode screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, bytes).unwrap();
        self.set_viewport(width, height);
    }

    /// The browser console, when chromedriver offers it.
    fn browser_log(&self) -> Option<Vec<Value>> {
        let body = serde_json::to_vec(&json!({"type": "browser"})).unwrap();
        let (status, bytes) = http(
            self.addr,
            "POST",
            &self.session_path("/se/log"),
            Some(("application/json", &body)),
            Duration::from_secs(10),
        )
        .ok()?;
        if status != 200 {
            return None;
        }
        let reply: Value = serde_json::from_slice(&bytes).ok()?;
        reply["value"].as_array().cloned()
    }
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        if let Some(session) = self.session.take() {
            let _ = http(
                self.addr,
                "DELETE",
                &format!("/session/{session}"),
                None,
                Duration::from_secs(10),
            );
        }
        // chromedriver and anything it left behind: the process group this test created.
        #[cfg(unix)]
        {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange over a fresh loopback connection: returns the status and the body.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<(&str, &[u8])>,
    timeout: Duration,
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    let payload: &[u8] = match body {
        Some((content_type, bytes)) => {
            request.push_str(&format!("Content-Type: {content_type}\r\n"));
            bytes
        }
        None => b"",
    };
    request.push_str(&format!("Content-Length: {}\r\n\r\n", payload.len()));
    stream.write_all(request.as_bytes())?;
    stream.write_all(payload)?;
    // Servers may keep the connection open despite `Connection: close` (chromedriver does),
    // so the body is read by its Content-Length (or chunked framing), not to end of stream.
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed HTTP response");
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let split = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(bad());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let mut body = raw[split + 4..].to_vec();
    let content_length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        (name.trim() == "content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    if let Some(len) = content_length {
        while body.len() < len {
            let n = stream.read(&mut buf)?;
            if n == 0 {
                return Err(bad());
            }
            body.extend_from_slice(&buf[..n]);
        }
        body.truncate(len);
    } else if head.contains("transfer-encoding: chunked") {
        while !body.ends_with(b"0\r\n\r\n") {
            let n = stream.read(&mut buf)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        body = dechunk(&body).ok_or_else(bad)?;
    } else {
        stream.read_to_end(&mut body)?;
    }
    Ok((status, body))
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}
