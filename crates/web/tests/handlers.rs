//! Handler tests without a socket: `app(state).oneshot(request)` for every status the API
//! answers (issue 6), the roles and health endpoints, the page, and the security headers.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use fixtures::{multipart, multipart_content_type, Part};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

fn config() -> ats_web::ServerConfig {
    ats_web::ServerConfig {
        access_log: false,
        ..ats_web::ServerConfig::default()
    }
}

fn app() -> axum::Router {
    ats_web::app(ats_web::AppState::new(&config()))
}

fn analyze_request(body: Vec<u8>) -> Request<Body> {
    Request::post("/api/v1/analyze")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap()
}

async fn send(app: axum::Router, request: Request<Body>) -> (StatusCode, Response<()>, Value) {
    let response = app.oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (parts.status, Response::from_parts(parts, ()), json)
}

/// The JSON error body: `{"error": "...", "code": "..."}`.
fn assert_error(json: &Value, code: &str) -> String {
    assert_eq!(json["code"], code, "body: {json}");
    let message = json["error"].as_str().expect("error message").to_string();
    assert!(!message.is_empty());
    message
}

fn assert_security_headers(response: &Response<()>) {
    let h = response.headers();
    assert_eq!(h[header::CONTENT_SECURITY_POLICY], CSP);
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none(), "no CORS");
}

fn assert_no_store(response: &Response<()>) {
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
}

fn assert_report(json: &Value) {
    let overall = json["score"]["overall"].as_u64().expect("score.overall");
    assert!(overall <= 100);
    assert!(json["score"]["parts"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(
        json["sections"].as_array().is_some_and(|s| !s.is_empty()),
        "sections: {json}"
    );
    assert!(json["text"].as_str().unwrap().contains("jane.doe@example.com"));
}

#[tokio::test]
async fn text_upload_returns_the_report() {
    let body = multipart(&[
        Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
        Part::Text("role", "ml-engineer"),
    ]);
    let (status, response, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_security_headers(&response);
    assert_no_store(&response);
    assert_report(&json);
    assert_eq!(json["source"]["format"], "text");
    assert_eq!(json["role"]["id"], "ml-engineer");
}

#[tokio::test]
async fn docx_upload_returns_the_report() {
    let docx = fixtures::resume_docx();
    let body = multipart(&[
        Part::File("file", "resume.docx", "application/octet-stream", &docx),
        Part::Text("role", "ml-engineer"),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_report(&json);
    assert_eq!(json["source"]["format"], "docx");
    assert!(json["keywords"]["missing"].as_array().is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn pdf_upload_returns_the_report() {
    let pdf = fixtures::resume_pdf();
    // The client's content type and file name are ignored: the format comes from the bytes.
    let body = multipart(&[
        Part::File("file", "resume.bin", "application/octet-stream", &pdf),
        Part::Text("role", "ml-engineer"),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert_report(&json);
    assert_eq!(json["source"]["format"], "pdf");
    assert_eq!(json["source"]["pages"], 1);
}

#[tokio::test]
async fn no_role_scores_best_fits_and_a_job_posting_adds_the_match() {
    let body = multipart(&[
        Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
        Part::Text("role", ""),
        Part::Text(
            "jd",
            "Senior Machine Learning Engineer. You will deploy PyTorch models on Kubernetes \
             with Docker and build MLOps pipelines in Python.",
        ),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    // Without a role the résumé is scored against the role it fits best (issue 17), and the
    // report says so.
    assert!(json["role_fit"].as_array().is_some_and(|f| !f.is_empty()));
    assert_eq!(json["role"]["id"], json["role_fit"][0]["id"]);
    assert_eq!(json["role"]["best_fit"], true);
    assert!(json["keywords"]["matched"].as_array().is_some_and(|m| !m.is_empty()));
    assert!(json["job_match"].is_object(), "job_match: {}", json["job_match"]);
}

#[tokio::test]
async fn a_job_posting_file_is_read_like_a_resume_and_named_when_unreadable() {
    let posting = fixtures::posting_docx(&[
        "Machine Learning Engineer",
        "Requirements",
        "- PyTorch, Kubernetes and Apache Kafka",
        "- MS or PhD in Computer Science",
    ]);
    let body = multipart(&[
        Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
        Part::Text("jd", ""),
        Part::File("jd_file", "posting.docx", "application/octet-stream", &posting),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    let jm = &json["job_match"];
    let terms: Vec<&str> = ["matched", "missing"]
        .iter()
        .flat_map(|k| jm[*k].as_array().into_iter().flatten())
        .filter_map(|t| t["term"].as_str())
        .collect();
    assert!(
        terms.contains(&"Apache Kafka") && terms.contains(&"PyTorch"),
        "{terms:?}"
    );
    assert!(
        !terms.iter().any(|t| t.contains("docProps") || *t == "word"),
        "{terms:?}"
    );
    assert_eq!(jm["degree"][0]["met"], true, "the résumé's M.S. meets MS or PhD: {jm}");

    let body = multipart(&[
        Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
        Part::File("jd_file", "posting.pdf", "application/pdf", &fixtures::truncated_pdf()),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = json["error"].as_str().unwrap_or_default();
    assert!(message.starts_with("the job posting"), "{json}");

    let body = multipart(&[
        Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
        Part::Text("jd", "Python and SQL"),
        Part::File("jd_file", "posting.docx", "application/octet-stream", &posting),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "bad-field");
}

#[tokio::test]
async fn unknown_role_is_400() {
    let body = multipart(&[
        Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
        Part::Text("role", "astronaut"),
    ]);
    let (status, response, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = assert_error(&json, "unknown-role");
    assert!(
        message.contains("astronaut") && message.contains("ml-engineer"),
        "{message}"
    );
    assert_security_headers(&response);
    assert_no_store(&response);
}

#[tokio::test]
async fn missing_file_is_400() {
    let body = multipart(&[Part::Text("role", "ml-engineer")]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "missing-file");
}

#[tokio::test]
async fn body_over_10_mb_is_413_with_content_length() {
    let big = vec![b'a'; 10_000_001];
    let body = multipart(&[Part::File("file", "big.txt", "text/plain", &big)]);
    let (status, response, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&json, "too-large");
    assert_security_headers(&response);
}

#[tokio::test]
async fn body_over_10_mb_is_413_when_streamed_without_content_length() {
    let big = vec![b'a'; 10_500_000];
    let body = multipart(&[Part::File("file", "big.txt", "text/plain", &big)]);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = body.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let request = Request::post("/api/v1/analyze")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .body(Body::new(futures_stream(chunks)))
        .unwrap();
    let (status, _, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error(&json, "too-large");
}

/// A stream of chunks with no size hint (no futures crate needed).
fn futures_stream(
    chunks: Vec<Result<Vec<u8>, std::io::Error>>,
) -> impl axum::body::HttpBody<Data = axum::body::Bytes, Error = std::io::Error> + Send + 'static {
    struct Chunks(std::collections::VecDeque<Result<Vec<u8>, std::io::Error>>);
    impl axum::body::HttpBody for Chunks {
        type Data = axum::body::Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
            std::task::Poll::Ready(
                self.0
                    .pop_front()
                    .map(|c| c.map(|c| hyper::body::Frame::data(c.into()))),
            )
        }
    }
    Chunks(chunks.into())
}

#[tokio::test]
async fn png_is_415_and_says_which_formats_work() {
    let body = multipart(&[
        Part::File("file", "resume.pdf", "application/pdf", fixtures::PNG_BYTES),
        Part::Text("role", "ml-engineer"),
    ]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let message = assert_error(&json, "unsupported-format");
    assert!(message.contains("PNG"), "{message}");
    assert!(message.contains("PDF") && message.contains("DOCX"), "{message}");
}

#[tokio::test]
async fn non_multipart_request_is_415() {
    let request = Request::post("/api/v1/analyze")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"file": "resume.pdf"}"#))
        .unwrap();
    let (status, response, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_error(&json, "not-multipart");
    assert_security_headers(&response);
}

#[tokio::test]
async fn empty_file_is_422() {
    let body = multipart(&[Part::File("file", "resume.pdf", "application/pdf", b"")]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = assert_error(&json, "empty");
    assert!(message.contains("empty"), "{message}");
}

#[tokio::test]
async fn truncated_pdf_is_422_with_the_parsers_message() {
    let pdf = fixtures::truncated_pdf();
    let body = multipart(&[Part::File("file", "resume.pdf", "application/pdf", &pdf)]);
    let (status, _, json) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    let expected = ats_parse::extract(&pdf, &ats_parse::Limits::default())
        .expect_err("a truncated PDF is unreadable")
        .to_string();
    assert_eq!(json["error"], expected.as_str());
}

#[tokio::test]
async fn full_server_is_503_with_retry_after() {
    let config = ats_web::ServerConfig {
        max_concurrent: 1,
        queue: 0,
        time_budget: Duration::from_millis(200),
        ..config()
    };
    let state = ats_web::AppState::new(&config);
    let _hold = state.hold_all_slots_for_test();
    let body = multipart(&[Part::File(
        "file",
        "resume.txt",
        "text/plain",
        fixtures::resume_text().as_bytes(),
    )]);
    let (status, response, json) = send(ats_web::app(state), analyze_request(body)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_error(&json, "busy");
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
}

#[tokio::test]
async fn uploads_beyond_the_memory_budget_are_503_before_their_body_is_read() {
    let config = ats_web::ServerConfig {
        max_body_bytes: 200_000,
        max_upload_bytes_in_flight: 300_000,
        ..config()
    };
    let state = ats_web::AppState::new(&config);
    let resume = format!(
        "{}\n{}",
        fixtures::resume_text(),
        "- Wrote a padding line for this test\n".repeat(200)
    );
    let body = multipart(&[Part::File("file", "resume.txt", "text/plain", resume.as_bytes())]);
    // Other uploads hold all but half of this body's size: it does not fit.
    assert!(body.len() > 4096, "the body spans several KiB of budget");
    let hold = state.hold_upload_budget_for_test(300_000 - body.len() / 2);
    assert!(hold.is_some());
    let (status, response, json) = send(ats_web::app(state.clone()), analyze_request(body.clone())).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_error(&json, "busy");
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    // Once they are done, it goes through, and gives its share back afterwards.
    drop(hold);
    let (status, _, _) = send(ats_web::app(state.clone()), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        state.hold_upload_budget_for_test(300_000).is_some(),
        "the budget is whole again"
    );
}

#[tokio::test]
async fn a_full_queue_answers_503_at_once() {
    let config = ats_web::ServerConfig {
        max_concurrent: 1,
        queue: 1,
        time_budget: Duration::from_millis(400),
        ..config()
    };
    let state = ats_web::AppState::new(&config);
    let _hold = state.hold_all_slots_for_test();
    let upload = || {
        analyze_request(multipart(&[Part::File(
            "file",
            "resume.txt",
            "text/plain",
            fixtures::resume_text().as_bytes(),
        )]))
    };
    // Two places (one slot, one in the queue), three requests: the third is turned away
    // without waiting; the two admitted ones wait out the budget for the held slot.
    let started = std::time::Instant::now();
    let timed = |request| {
        let app = ats_web::app(state.clone());
        async move {
            let (status, _, json) = send(app, request).await;
            (status, json, started.elapsed())
        }
    };
    let (a, b, c) = tokio::join!(timed(upload()), timed(upload()), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        timed(upload()).await
    });
    for (status, json, _) in [&a, &b, &c] {
        assert_eq!(*status, StatusCode::SERVICE_UNAVAILABLE);
        assert_error(json, "busy");
    }
    assert!(c.2 < Duration::from_millis(300), "turned away at once: {:?}", c.2);
    assert!(a.2 >= Duration::from_millis(400) && b.2 >= Duration::from_millis(400));
}

#[tokio::test]
async fn roles_lists_the_builtin_roles() {
    let request = Request::get("/api/v1/roles").body(Body::empty()).unwrap();
    let (status, response, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_no_store(&response);
    let roles = json.as_array().expect("an array");
    assert!(!roles.is_empty());
    for role in roles {
        assert!(role["id"].is_string() && role["name"].is_string());
        assert!(role["terms"].as_u64().is_some_and(|n| n > 0));
    }
    assert!(roles.iter().any(|r| r["id"] == "ml-engineer"));
}

#[tokio::test]
async fn healthz_is_ok() {
    let request = Request::get("/healthz").body(Body::empty()).unwrap();
    let (status, response, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "ok");
    assert_security_headers(&response);
    assert_no_store(&response);
}

#[tokio::test]
async fn page_and_assets_are_served_with_security_headers() {
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
    ] {
        let request = Request::get(path)
            .header(header::ORIGIN, "https://evil.example")
            .body(Body::empty())
            .unwrap();
        let response = app().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[header::CONTENT_TYPE], content_type);
        let (parts, _) = response.into_parts();
        assert_security_headers(&Response::from_parts(parts, ()));
    }
}

#[tokio::test]
async fn unknown_path_is_a_json_404() {
    let request = Request::get("/etc/passwd").body(Body::empty()).unwrap();
    let (status, response, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error(&json, "not-found");
    assert_security_headers(&response);
}

/// The page must work under the strict CSP: no inline scripts, styles or event handlers, no
/// outside resources, and no report data written as HTML by the script (the report's HTML is
/// the server's renderer's, escaped there).
#[test]
fn page_is_csp_clean_and_offline() {
    let html = include_str!("../../../web/index.html");
    let js = include_str!("../../../web/app.js");
    let css = include_str!("../../../web/style.css");
    for script in html.match_indices("<script") {
        let tag = &html[script.0..html[script.0..].find('>').unwrap() + script.0];
        assert!(tag.contains("src="), "inline script: {tag}");
    }
    assert!(!html.contains("<style"), "inline style element");
    assert!(!html.contains(" style="), "inline style attribute");
    for (at, _) in html.match_indices(" on") {
        let rest = &html[at + 3..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_lowercase()).count();
        assert!(
            !(name_len > 0 && rest[name_len..].starts_with('=')),
            "inline event handler near {}",
            &html[at..at + 20]
        );
    }
    assert!(html.contains("<html lang=\"en\">"));
    for text in [html, js, css] {
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "outside resource"
        );
        assert!(!text.contains("@import"));
    }
    assert!(!js.contains("innerHTML") && !js.contains("outerHTML"));
    assert!(!js.contains("insertAdjacentHTML") && !js.contains("document.write"));
    assert!(!js.contains("eval("));
}

#[tokio::test]
async fn wrong_method_is_a_json_405_that_names_the_allowed_one() {
    let request = Request::get("/api/v1/analyze").body(Body::empty()).unwrap();
    let (status, response, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let message = assert_error(&json, "method-not-allowed");
    assert!(message.starts_with("GET is not allowed"), "{message}");
    assert_eq!(response.headers()[header::ALLOW], "POST");
    assert_security_headers(&response);
}

/// A body that never yields a byte: a handler that read it would wait for ever.
fn endless_body() -> Body {
    struct Endless;
    impl axum::body::HttpBody for Endless {
        type Data = axum::body::Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
            std::task::Poll::Pending
        }
    }
    Body::new(Endless)
}

#[tokio::test]
async fn a_full_queue_and_an_oversized_declared_length_are_refused_without_reading_the_body() {
    let config = ats_web::ServerConfig {
        max_concurrent: 1,
        queue: 0,
        ..config()
    };
    let state = ats_web::AppState::new(&config);
    let request = |length: usize| {
        Request::post("/api/v1/analyze")
            .header(header::CONTENT_TYPE, multipart_content_type())
            .header(header::CONTENT_LENGTH, length)
            .body(endless_body())
            .unwrap()
    };
    let within = Duration::from_secs(5);
    let (status, _, json) = tokio::time::timeout(within, send(ats_web::app(state.clone()), request(15_000_000)))
        .await
        .expect("answered from the headers");
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let message = assert_error(&json, "too-large");
    // The limit in the units the page shows (decimal MB), not a raw byte count.
    assert!(message.contains("the 10 MB limit"), "the real limit: {message}");

    // One request admitted (its body never arrives) fills the only place.
    let admitted = tokio::spawn(send(ats_web::app(state.clone()), request(1000)));
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, response, json) = tokio::time::timeout(within, send(ats_web::app(state.clone()), request(1000)))
        .await
        .expect("answered from the headers");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let message = assert_error(&json, "busy");
    assert!(message.contains("1 analysis slots and 0 queue places"), "{message}");
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    admitted.abort();
}

#[tokio::test]
async fn an_upload_that_never_arrives_is_a_json_408() {
    let config = ats_web::ServerConfig {
        request_timeout: Duration::from_millis(200),
        ..config()
    };
    let request = Request::post("/api/v1/analyze")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::CONTENT_LENGTH, 1000)
        .body(endless_body())
        .unwrap();
    let (status, response, json) = send(ats_web::app(ats_web::AppState::new(&config)), request).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_error(&json, "request-timeout");
}

// ---- HTML for a form posted without JavaScript (issue 17, point 4) ----

/// A browser's `Accept` for a page it navigates to, as a form post sends it.
const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

async fn send_text(request: Request<Body>) -> (StatusCode, String, String) {
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_string();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, content_type, String::from_utf8(bytes.to_vec()).unwrap())
}

fn form_post(path: &str, accept: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::ACCEPT, accept)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn a_form_post_gets_the_report_as_a_page_and_the_api_keeps_json() {
    let body = || {
        multipart(&[
            Part::File("file", "resume.txt", "text/plain", fixtures::resume_text().as_bytes()),
            Part::Text("role", "ml-engineer"),
        ])
    };
    let (status, content_type, page) = send_text(form_post("/api/v1/analyze", BROWSER_ACCEPT, body())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(page.starts_with("<!doctype html>"), "a whole page");
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/report.css\">"),
        "styles linked, not inline (CSP)"
    );
    assert!(!page.contains("<style") && !page.contains("<script"));
    assert!(
        page.contains("class=\"atsr\"") && page.contains("href=\"/\""),
        "the report and a way back"
    );

    let (status, content_type, section) =
        send_text(form_post("/api/v1/analyze?view=section", "text/html", body())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(
        section.starts_with("<section class=\"atsr\""),
        "the section alone: {:.80}",
        section
    );

    for accept in ["*/*", "application/json", "application/json, text/html"] {
        let (status, content_type, json) = send_text(form_post("/api/v1/analyze", accept, body())).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type, "application/json", "Accept: {accept}");
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(report["role"]["id"], "ml-engineer");
    }
}

#[tokio::test]
async fn a_form_post_gets_its_errors_as_a_page_in_plain_words() {
    let body = multipart(&[Part::File("file", "photo.pdf", "application/pdf", fixtures::PNG_BYTES)]);
    let (status, content_type, page) = send_text(form_post("/api/v1/analyze", BROWSER_ACCEPT, body)).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(page.contains("We could not check this file"));
    assert!(page.contains("image"), "says why: {page}");
    assert!(
        !page.contains("unsupported-format") && !page.contains("415"),
        "no codes: {page}"
    );

    // Refused from the headers alone (before the body is read), still as a page.
    let request = Request::post("/api/v1/analyze")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::ACCEPT, BROWSER_ACCEPT)
        .header(header::CONTENT_LENGTH, 14_000_000)
        .body(Body::empty())
        .unwrap();
    let (status, content_type, page) = send_text(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(page.contains("the 10 MB limit"), "{page}");

    // The page's script asks for the section and gets JSON errors it words itself.
    let body = multipart(&[Part::File("file", "photo.pdf", "application/pdf", fixtures::PNG_BYTES)]);
    let (status, content_type, _) = send_text(form_post("/api/v1/analyze?view=section", "text/html", body)).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(content_type, "application/json");
}

#[tokio::test]
async fn the_page_lists_every_role_and_the_limit_without_a_script() {
    let (status, _, page) = send_text(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<option value=\"ml-engineer\">"),
        "roles rendered by the server"
    );
    assert!(
        !page.contains("{{") && !page.contains("server: role options"),
        "every mark filled in"
    );
    assert!(page.contains("data-max-bytes=\"10000000\"") && page.contains("up to 10 MB"));
    assert!(
        page.contains("<noscript>"),
        "a line says what is missing without JavaScript"
    );
    let (status, content_type, css) = send_text(Request::get("/report.css").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/css; charset=utf-8");
    assert!(css.contains(".atsr"));
}

#[tokio::test]
async fn export_answers_the_upload_as_an_ats_safe_docx() {
    let body = multipart(&[Part::File(
        "file",
        "resume.txt",
        "text/plain",
        fixtures::resume_text().as_bytes(),
    )]);
    let request = Request::post("/api/v1/export")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let h = response.headers().clone();
    assert_eq!(
        h[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert!(h[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let doc = ats_parse::extract(&bytes, &ats_parse::Limits::default()).expect("a DOCX that reads");
    assert_eq!(doc.format, ats_parse::Format::Docx);
    let first_line = fixtures::resume_text().lines().next().unwrap_or("").to_string();
    assert!(doc.text.contains(&first_line), "{}", doc.text);

    // Without a file it is the analyze endpoint's 400.
    let body = multipart(&[Part::Text("role", "ml-engineer")]);
    let request = Request::post("/api/v1/export")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let (status, _, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error(&json, "missing-file");
}

#[tokio::test]
async fn export_of_a_scan_is_422_no_text_with_what_to_do() {
    let scan = fixtures::scanned_pdf();
    let body = multipart(&[Part::File("file", "scan.pdf", "application/pdf", &scan)]);
    let request = Request::post("/api/v1/export")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let (status, response, json) = send(app(), request).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
    assert_no_store(&response);
    let message = assert_error(&json, "no-text");
    // The export library's own words, as `ats-check export` prints them.
    let expected = ats_export::outline_of(&ats_parse::extract(&scan, &ats_parse::Limits::default()).unwrap())
        .expect_err("a scan has nothing to export")
        .to_string();
    assert_eq!(message, expected);
    assert!(message.contains("scan") && message.contains("OCR"), "{message}");

    // Its analysis still answers with the report that says so: 0 words.
    let body = multipart(&[Part::File("file", "scan.pdf", "application/pdf", &scan)]);
    let (status, _, report) = send(app(), analyze_request(body)).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["source"]["words"], 0);
}
