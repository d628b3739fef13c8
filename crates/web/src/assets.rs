//! The check page, embedded in the binary so the server runs from any directory.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// The check page as written; the server fills in the role list and the upload limit
/// (`page::index_html`).
pub(crate) const INDEX_HTML: &str = include_str!("../../../web/index.html");
const APP_JS: &str = include_str!("../../../web/app.js");
const STYLE_CSS: &str = include_str!("../../../web/style.css");
const COHORT_JS: &str = include_str!("../../../web/cohort.js");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

pub(crate) async fn index(State(state): State<AppState>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        state.inner.index_html.clone(),
    )
        .into_response()
}

pub(crate) async fn script() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

pub(crate) async fn cohort_script() -> Response {
    asset("text/javascript; charset=utf-8", COHORT_JS)
}

pub(crate) async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE_CSS)
}

/// The report's own styles, which the report page and the script's report both use.
pub(crate) async fn report_style() -> Response {
    asset("text/css; charset=utf-8", ats_score::render::REPORT_CSS)
}

/// No icon: an empty answer keeps browsers from logging a 404 on every visit.
pub(crate) async fn favicon() -> Response {
    (StatusCode::NO_CONTENT, [(header::CACHE_CONTROL, "max-age=86400")]).into_response()
}
