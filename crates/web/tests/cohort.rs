//! `POST /api/v1/cohort` without a socket (issue 16, point 5): several files in, one cohort
//! page out, each file a row, each student's report on the page, and a CSP that lets only the
//! page's own inline style and script run.

#[path = "common/fixtures.rs"]
mod fixtures;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use fixtures::{multipart, multipart_content_type, Part};
use http_body_util::BodyExt;
use tower::ServiceExt;

fn app() -> axum::Router {
    let config = ats_web::ServerConfig {
        access_log: false,
        ..ats_web::ServerConfig::default()
    };
    ats_web::app(ats_web::AppState::new(&config))
}

async fn post(body: Vec<u8>) -> (StatusCode, axum::http::HeaderMap, String) {
    let request = Request::post("/api/v1/cohort")
        .header(header::CONTENT_TYPE, multipart_content_type())
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn several_files_make_one_cohort_page() {
    let pdf = fixtures::resume_pdf();
    let docx = fixtures::resume_docx();
    let body = multipart(&[
        Part::File("file", "jane.pdf", "application/pdf", &pdf),
        Part::File("file", "folder/jane.docx", "application/octet-stream", &docx),
        Part::File("file", "photo.png", "image/png", fixtures::PNG_BYTES),
        Part::File("file", "broken.pdf", "application/pdf", &fixtures::truncated_pdf()),
        Part::Text("role", "ml-engineer"),
    ]);
    let (status, headers, html) = post(body).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    // Its own policy: inline code by nonce only, nothing fetched, no form posted from it.
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce");
    assert!(
        csp.starts_with("default-src 'none';") && csp.contains("form-action 'none'"),
        "{csp}"
    );
    assert!(html.contains(&format!("<style nonce=\"{nonce}\">")));
    assert!(html.contains(&format!("<script nonce=\"{nonce}\">")));
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store", "nothing kept");

    assert!(
        html.contains("4 files: 2 scored, 1 could not be read, 1 in a format ats-check does not read"),
        "{html}"
    );
    assert!(html.contains("Role: Machine Learning Engineer."));
    for (i, name) in ["jane.pdf", "jane.docx", "photo.png", "broken.pdf"].iter().enumerate() {
        assert!(
            html.contains(&format!("<a href=\"#student-{i}\">{name}</a>")),
            "row {i}: {name}"
        );
    }
    assert!(
        html.contains("id=\"student-0\"") && html.contains("id=\"s0-"),
        "the first report"
    );
    assert!(html.contains("id=\"s1-"), "the second report");
    assert!(html.contains("PNG image"), "the PNG's error is its row");

    // A second answer has another nonce.
    let (_, again, _) = post(multipart(&[Part::File("file", "a.pdf", "application/pdf", &pdf)])).await;
    assert_ne!(
        again[header::CONTENT_SECURITY_POLICY],
        headers[header::CONTENT_SECURITY_POLICY]
    );
}

#[tokio::test]
async fn no_file_is_a_400_and_an_unknown_role_too() {
    let (status, _, body) = post(multipart(&[Part::Text("role", "ml-engineer")])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("missing-file"), "{body}");
    let pdf = fixtures::resume_pdf();
    let (status, _, body) = post(multipart(&[
        Part::File("file", "a.pdf", "application/pdf", &pdf),
        Part::Text("role", "astronaut"),
    ]))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("unknown-role"), "{body}");
}

#[tokio::test]
async fn the_page_loads_the_cohort_hook() {
    let response = app()
        .oneshot(Request::get("/cohort.js").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let script = response.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&script).contains("/api/v1/cohort"));
    let index = app()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let index = index.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&index).contains("<script src=\"/cohort.js\" defer></script>"));
}
