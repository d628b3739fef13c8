//! `POST /api/v1/analyze`: multipart `file`, `role`, optional job posting (`jd` text or a
//! `jd_file` upload: text, PDF or DOCX, read by the same parser as the résumé) → the report
//! JSON; or, for a request whose `Accept` asks for HTML first (the page's form posted without
//! JavaScript), the report as an HTML page; or with `?view=section` and HTML accepted (the
//! page's script), the report's `<section>` alone. Without a role the résumé is scored against
//! the role it fits best (`role.best_fit`).

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::multipart::{Field, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, Uri};
use axum::response::{IntoResponse, Response};

use crate::worker::JobKind;
use crate::{ApiError, AppState};

/// Longest role id accepted (ids are short kebab-case words).
pub(crate) const MAX_ROLE_CHARS: usize = 100;
/// Longest job posting text accepted, in bytes.
const MAX_JD_BYTES: usize = 200_000;
/// Largest job posting file accepted, in bytes: a posting PDF with embedded fonts, and what
/// the worker protocol carries.
const MAX_JD_FILE_BYTES: usize = crate::worker::MAX_JD_WIRE_BYTES as usize;

/// What the form carried.
struct Upload {
    file: Option<Bytes>,
    role: Option<String>,
    /// The posting's bytes, from the `jd` text field or the `jd_file` upload.
    jd: Option<Bytes>,
}

/// What the client asked to get back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Json,
    /// A whole HTML page (a form posted without JavaScript).
    Page,
    /// The report's HTML `<section>` alone (the page's script puts it in place).
    Section,
}

impl View {
    fn of(headers: &HeaderMap, uri: &Uri) -> View {
        if !crate::page::wants_html(headers) {
            View::Json
        } else if wants_section(uri) {
            View::Section
        } else {
            View::Page
        }
    }
}

/// Whether the query asks for the report's `<section>` alone (`view=section`).
pub(crate) fn wants_section(uri: &Uri) -> bool {
    uri.query()
        .is_some_and(|q| q.split('&').any(|pair| pair == "view=section"))
}

pub(crate) async fn analyze(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let view = View::of(&headers, &uri);
    let multipart = accept_multipart(&headers, multipart)?;
    // The queue place and the room for the body were taken from the headers, before any of
    // the body was read (`middleware::refuse_from_headers`).
    let upload = read_form(multipart, state.inner.max_body_bytes).await?;
    let file = upload.file.ok_or(ApiError::MissingFile)?;
    let role = check_role(&state, upload.role)?;
    let json = run_analysis(state, file, role, upload.jd).await?;
    if view == View::Json {
        return Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response());
    }
    // The report crossed from the worker as JSON; the page is rendered from that same report.
    let report: ats_score::Report = serde_json::from_slice(&json).map_err(|_| {
        eprintln!("ats-web: a report did not read back from its JSON");
        ApiError::Internal
    })?;
    let html = match view {
        View::Section => ats_score::render::report_section(&report, "r-"),
        _ => crate::page::report(&report),
    };
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}

/// The form, or why the request is not one.
pub(crate) fn accept_multipart(
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Multipart, ApiError> {
    multipart.map_err(|_| {
        let is_multipart = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("multipart/form-data"));
        if is_multipart {
            ApiError::BadMultipart("the multipart boundary is missing or invalid".into())
        } else {
            ApiError::NotMultipart
        }
    })
}

/// Reads every field; unknown fields are read and ignored so the body limit still applies.
async fn read_form(mut multipart: Multipart, limit: usize) -> Result<Upload, ApiError> {
    let mut upload = Upload {
        file: None,
        role: None,
        jd: None,
    };
    let field_err = |e| ApiError::from_multipart(e, limit);
    while let Some(field) = multipart.next_field().await.map_err(field_err)? {
        match field.name() {
            Some("file") if upload.file.is_none() => {
                upload.file = Some(field.bytes().await.map_err(field_err)?);
            }
            Some("role") => upload.role = Some(text_field(field, "role", MAX_ROLE_CHARS, limit).await?),
            Some(name @ ("jd" | "jd_file")) => {
                let (name, max) = if name == "jd" {
                    ("jd", MAX_JD_BYTES)
                } else {
                    ("jd_file", MAX_JD_FILE_BYTES)
                };
                let bytes = field.bytes().await.map_err(field_err)?;
                if bytes.len() > max {
                    return Err(ApiError::BadField(format!(
                        "the `{name}` field is longer than {max} bytes"
                    )));
                }
                // An empty text box next to an uploaded posting file is no posting.
                if bytes.iter().any(|b| !b.is_ascii_whitespace()) {
                    if upload.jd.is_some() {
                        return Err(ApiError::BadField(
                            "send one job posting: the `jd` text or a `jd_file` file, not both".into(),
                        ));
                    }
                    upload.jd = Some(bytes);
                }
            }
            _ => {
                field.bytes().await.map_err(field_err)?;
            }
        }
    }
    Ok(upload)
}

pub(crate) async fn text_field(
    field: Field<'_>,
    name: &str,
    max_bytes: usize,
    limit: usize,
) -> Result<String, ApiError> {
    let bytes = field.bytes().await.map_err(|e| ApiError::from_multipart(e, limit))?;
    if bytes.len() > max_bytes {
        return Err(ApiError::BadField(format!(
            "the `{name}` field is longer than {max_bytes} bytes"
        )));
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::BadField(format!("the `{name}` field is not UTF-8 text")))
}

/// An empty role means "no role: show the best fits". An unknown one is a 400 before any
/// parsing is spent on the file.
pub(crate) fn check_role(state: &AppState, role: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(role) = role.map(|r| r.trim().to_string()).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    match state.inner.analyzer.check_role(&role) {
        Ok(()) => Ok(Some(role)),
        // Quote at most 40 characters of what was sent.
        Err(ats_score::ScoreError::UnknownRole { known, .. }) => Err(ApiError::UnknownRole(
            ats_score::ScoreError::UnknownRole {
                role: role.chars().take(40).collect(),
                known,
            }
            .to_string(),
        )),
        Err(other) => Err(ApiError::UnknownRole(other.to_string())),
    }
}

/// Waits for a slot (bounded queue, bounded time), then parses and scores, giving the report
/// as JSON: see [`run_job`].
pub(crate) async fn run_analysis(
    state: AppState,
    file: Bytes,
    role: Option<String>,
    jd: Option<Bytes>,
) -> Result<Vec<u8>, ApiError> {
    run_job(state, JobKind::Analyze, file, role, jd).await
}

/// Waits for a slot (bounded queue, bounded time), then runs the job on a blocking thread, or
/// in a worker process when the server runs with [`crate::Isolation::Workers`]. The slot is
/// held by the blocking task (or the task talking to the worker) itself, so a request that
/// times out or whose client goes away does not free a slot that is still working.
async fn run_job(
    state: AppState,
    kind: JobKind,
    file: Bytes,
    role: Option<String>,
    jd: Option<Bytes>,
) -> Result<Vec<u8>, ApiError> {
    let what = match kind {
        JobKind::Analyze => "analysis",
        JobKind::Export => "export",
    };
    let started = Instant::now();
    let budget = state.inner.time_budget;
    let permit = tokio::time::timeout(budget, state.inner.slots.clone().acquire_owned())
        .await
        .map_err(|_| ApiError::Busy {
            reason: format!("no analysis slot came free within {} ms", budget.as_millis()),
        })?
        .map_err(|_| ApiError::Internal)?;
    if let Some(pool) = state.inner.workers.clone() {
        let job = crate::worker::Job {
            kind,
            file,
            role,
            jd,
            limits_input_bytes: state.inner.limits.max_input_bytes,
            limits_time_budget: state.inner.limits.time_budget,
        };
        let remaining = budget.saturating_sub(started.elapsed());
        // The task owns the slot and the worker, and ends within the watchdog whatever the
        // worker does: a client that goes away does not cost a worker restart.
        let task = tokio::spawn(async move {
            let _slot = permit;
            pool.analyze(job, remaining, budget).await
        });
        return match task.await {
            Ok(result) => result,
            Err(_) => {
                eprintln!("ats-web: {what} task failed (worker exchange)");
                Err(ApiError::Internal)
            }
        };
    }
    let worker_state = state.clone();
    let task = tokio::task::spawn_blocking(move || {
        let _slot = permit;
        let inner = &worker_state.inner;
        match kind {
            JobKind::Analyze => analyze_bytes(&inner.analyzer, &inner.limits, &file, role.as_deref(), jd.as_deref()),
            JobKind::Export => export_bytes(&inner.limits, &file),
        }
    });
    let remaining = budget.saturating_sub(started.elapsed());
    match tokio::time::timeout(remaining, task).await {
        Ok(Ok(result)) => result,
        Ok(Err(join_error)) => {
            // The panic hook installed by `serve` prints the place, never the message.
            eprintln!(
                "ats-web: {what} task failed ({})",
                if join_error.is_panic() { "panic" } else { "cancelled" }
            );
            Err(ApiError::Internal)
        }
        Err(_) => Err(timeout_error(budget)),
    }
}

/// `POST /api/v1/export`: the uploaded résumé as an ATS-safe DOCX (one column, contact in the
/// body, standard headings), made where reports are made (a worker process unless the server
/// runs in-process) and stored nowhere.
pub(crate) async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let multipart = accept_multipart(&headers, multipart)?;
    let upload = read_form(multipart, state.inner.max_body_bytes).await?;
    let file = upload.file.ok_or(ApiError::MissingFile)?;
    let docx = run_job(state, JobKind::Export, file, None, None).await?;
    Ok((
        [
            (header::CONTENT_TYPE, DOCX_MEDIA_TYPE),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"resume-ats-safe.docx\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        docx,
    )
        .into_response())
}

/// The media type of a Word document.
const DOCX_MEDIA_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The ATS-safe DOCX of `file`: read, outlined and written, all in memory. A file with no
/// readable text is refused (422 `no-text`), as `ats-check export` refuses it.
pub(crate) fn export_bytes(limits: &ats_parse::Limits, file: &[u8]) -> Result<Vec<u8>, ApiError> {
    let doc = ats_parse::extract(file, limits)?;
    let outline = ats_export::outline_of(&doc)?;
    Ok(ats_export::docx(&outline)?)
}

/// Parses, scores and serialises one upload: the analysis itself, the same in the server
/// process and in a worker process, so both answer with the same report or the same error.
pub(crate) fn analyze_bytes(
    analyzer: &ats_score::Analyzer,
    limits: &ats_parse::Limits,
    file: &[u8],
    role: Option<&str>,
    jd: Option<&[u8]>,
) -> Result<Vec<u8>, ApiError> {
    let posting = match jd {
        Some(bytes) => Some(read_posting(bytes, limits)?),
        None => None,
    };
    let doc = ats_parse::extract(file, limits)?;
    let request = ats_score::Request {
        role,
        job_posting: posting.as_deref().filter(|p| !p.trim().is_empty()),
        today: Some(this_month()),
    };
    let report = analyzer.analyze_best_fit(&doc, &request)?;
    serde_json::to_vec(&report).map_err(|_| {
        eprintln!("ats-web: could not serialise a report");
        ApiError::Internal
    })
}

/// The posting's text, through the same parser as a résumé; errors say it is the posting.
fn read_posting(bytes: &[u8], limits: &ats_parse::Limits) -> Result<String, ApiError> {
    match ats_parse::extract(bytes, limits) {
        Ok(doc) => Ok(doc.text),
        // The status and code a résumé would get; the message speaks of the posting.
        Err(err) => {
            let message = format!("the job posting: {}", ats_score::posting_error(&err));
            Err(match ApiError::from(err) {
                ApiError::UnsupportedFormat(_) => ApiError::UnsupportedFormat(message),
                ApiError::FileTooLarge(_) => ApiError::FileTooLarge(message),
                ApiError::Unreadable { code, .. } => ApiError::Unreadable { code, message },
                other => other,
            })
        }
    }
}

/// The current month (UTC): what "Present" means in the résumé's dates.
fn this_month() -> ats_score::YearMonth {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    ats_score::YearMonth::from_unix_seconds(secs)
}

/// The answer to an analysis that ran past the server's time budget.
pub(crate) fn timeout_error(budget: Duration) -> ApiError {
    ApiError::Unreadable {
        code: "timeout",
        message: format!(
            "analysing the file took longer than {} ms, far longer than any résumé needs: export it again as a simple PDF or DOCX",
            budget.as_millis()
        ),
    }
}
