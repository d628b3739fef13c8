//! Security headers on every response, and the access log: method, path, status, sizes and
//! duration only — never a file name, résumé bytes or text.

use std::time::Instant;

use axum::body::HttpBody;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

pub(crate) async fn headers_and_log(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    // The path only: a query string is not part of any route and is never logged.
    let path = request.uri().path().to_string();
    let request_bytes = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());

    let mut response = next.run(request).await;

    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if !headers.contains_key(header::CACHE_CONTROL) || is_api(&path) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }

    if state.inner.access_log {
        let response_bytes = response.body().size_hint().exact();
        eprintln!(
            "ats-web: {method} {path} {status} in={req} out={resp} {ms:.1}ms",
            status = response.status().as_u16(),
            req = request_bytes.map_or("-".to_string(), |n| format!("{n}B")),
            resp = response_bytes.map_or("-".to_string(), |n| format!("{n}B")),
            ms = started.elapsed().as_secs_f64() * 1000.0,
        );
    }
    response
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz"
}
