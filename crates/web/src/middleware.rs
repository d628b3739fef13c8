//! Security headers on every response, a JSON body on every error, the access log (method,
//! path, status, sizes and duration only — never a file name, résumé bytes or text), and the
//! analyze route's refusals from the headers alone.

use std::time::Instant;

use axum::body::HttpBody;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

use axum::response::IntoResponse;

use crate::{ApiError, AppState};

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
    // A form posted without JavaScript gets its errors as a page too (the page's script asks
    // for `view=section` and reads the JSON error itself).
    let html_errors = (path == "/api/v1/analyze" || path == "/api/v1/cohort")
        && crate::page::wants_html(request.headers())
        && !crate::analyze::wants_section(request.uri());

    let mut response = next.run(request).await;
    if let Some(error) = json_error_for(&response, method.as_str(), &state) {
        let mut replaced = error.into_response();
        // Keep what the inner layer said beyond the body, e.g. `Allow` on a 405.
        for (name, value) in response.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                replaced.headers_mut().entry(name).or_insert(value.clone());
            }
        }
        response = replaced;
    }
    if html_errors {
        response = html_error_page(response).await;
    }

    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    // A page that brings its own policy (the cohort report: inline style and script by nonce)
    // keeps it; everything else gets the site's.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    }
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

/// The largest JSON error body read back to write its message into a page; error bodies are a
/// sentence or two.
const MAX_ERROR_BODY_BYTES: usize = 16 * 1024;

/// A JSON error answered instead as the error page, with the same status and headers.
async fn html_error_page(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let message = axum::body::to_bytes(body, MAX_ERROR_BODY_BYTES)
        .await
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["error"].as_str().map(str::to_string))
        .unwrap_or_else(|| "something went wrong".to_string());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    Response::from_parts(parts, axum::body::Body::from(crate::page::error(&message)))
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz"
}

/// The JSON error for a response some layer below the handlers built without one (axum's 405,
/// the timeout layer's 408), since every error of the API is `{"error", "code"}`. (axum adds
/// the 405's `Allow` header outside this layer, after it.)
fn json_error_for(response: &Response, method: &str, state: &AppState) -> Option<ApiError> {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return None;
    }
    Some(match status {
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed {
            method: method.chars().take(16).collect(),
        },
        StatusCode::REQUEST_TIMEOUT => ApiError::RequestTimeout {
            seconds: state.inner.request_timeout.as_secs(),
        },
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge {
            limit: state.inner.max_body_bytes,
        },
        _ => {
            eprintln!(
                "ats-web: a {} without a JSON body, answered as internal",
                status.as_u16()
            );
            ApiError::Internal
        }
    })
}

/// On the analyze route, before any of the body is read (so before hyper sends
/// `100 Continue`): a declared `Content-Length` over the body limit is a 413, and a request the
/// queue or the upload budget cannot hold is a 503 with `Retry-After`. A server that read
/// bodies only to refuse them would spend its cores on the uploads it turns away. The queue
/// place and the upload room are held until the response is built.
pub(crate) async fn refuse_from_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.inner.max_body_bytes as u64) {
        return close_after(ApiError::TooLarge {
            limit: state.inner.max_body_bytes,
        });
    }
    let admission = match state.admit() {
        Ok(admission) => admission,
        Err(busy) => return close_after(busy),
    };
    // hyper stops a body at its declared Content-Length, so the reservation bounds what this
    // request can hold.
    let upload = match state.reserve_upload(declared) {
        Ok(upload) => upload,
        Err(busy) => return close_after(busy),
    };
    let response = next.run(request).await;
    drop((upload, admission));
    response
}

/// A refusal sent before the body was read: the connection is closed after it, since the
/// unread body would otherwise have to be read (or the client would keep sending it).
fn close_after(error: ApiError) -> Response {
    let mut response = error.into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
