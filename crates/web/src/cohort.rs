//! `POST /api/v1/cohort`: several résumés at once (multipart `file` fields, each with its file
//! name, and an optional `role`) → the cohort report page, with every student's full report on
//! it (issue 16). Each file is analysed exactly as `/api/v1/analyze` would (same slots, same
//! worker processes, same errors); a file that cannot be read is a row with its error. Nothing
//! is stored: the page is built in memory and sent.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};

use ats_score::render::{CohortFile, FileOutcome};

use crate::analyze::{accept_multipart, check_role, run_analysis, text_field, MAX_ROLE_CHARS};
use crate::{ApiError, AppState};

/// Files one cohort request may carry: a class or a career-fair table, not a whole school (the
/// body limit bounds the bytes; this bounds the work one request queues).
const MAX_COHORT_FILES: usize = 100;
/// Characters of a file name kept to name its row.
const MAX_FILE_NAME_CHARS: usize = 120;

pub(crate) async fn cohort(
    State(state): State<AppState>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let multipart = accept_multipart(&headers, multipart)?;
    let (files, role) = read_files(multipart, state.inner.max_body_bytes).await?;
    if files.is_empty() {
        return Err(ApiError::MissingFile);
    }
    let role = check_role(&state, role)?;

    // Every file through the analysis slots, as many at once as there are slots.
    let mut tasks = tokio::task::JoinSet::new();
    for (i, (_, bytes)) in files.iter().enumerate() {
        let (state, bytes, role) = (state.clone(), bytes.clone(), role.clone());
        tasks.spawn(async move { (i, run_analysis(state, bytes, role, None).await) });
    }
    let mut outcomes: Vec<Option<Result<ats_score::Report, ApiError>>> = (0..files.len()).map(|_| None).collect();
    while let Some(joined) = tasks.join_next().await {
        let Ok((i, result)) = joined else {
            eprintln!("ats-web: a cohort analysis task failed");
            return Err(ApiError::Internal);
        };
        let report = result.and_then(|json| {
            serde_json::from_slice::<ats_score::Report>(&json).map_err(|_| {
                eprintln!("ats-web: a cohort report could not be read back");
                ApiError::Internal
            })
        });
        if let Some(slot) = outcomes.get_mut(i) {
            *slot = Some(report);
        }
    }
    let messages: Vec<String> = outcomes
        .iter()
        .map(|o| match o {
            Some(Err(e)) => e.to_string(),
            _ => String::new(),
        })
        .collect();
    let cohort: Vec<CohortFile> = files
        .iter()
        .zip(&outcomes)
        .zip(&messages)
        .map(|(((name, _), outcome), message)| CohortFile {
            file: name,
            outcome: match outcome {
                Some(Ok(report)) => FileOutcome::Scored(report),
                Some(Err(ApiError::UnsupportedFormat(_))) => FileOutcome::Unsupported(message),
                _ => FileOutcome::Unreadable(message),
            },
        })
        .collect();
    let role_name = role.as_deref().and_then(|id| {
        state
            .inner
            .analyzer
            .roles()
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.name.as_str())
    });
    let nonce = nonce();
    let html = ats_score::render::cohort_html_with_nonce(&cohort, role_name, Some(&nonce));
    let policy = format!(
        "default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src data:; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        // The page's inline style and sort script run by this nonce, and nothing else does.
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

/// The files (name, bytes) in the order sent, and the role. Unknown fields are read and
/// ignored so that the body limit still applies.
async fn read_files(
    mut multipart: Multipart,
    limit: usize,
) -> Result<(Vec<(String, Bytes)>, Option<String>), ApiError> {
    let mut files = Vec::new();
    let mut role = None;
    let field_err = |e| ApiError::from_multipart(e, limit);
    while let Some(field) = multipart.next_field().await.map_err(field_err)? {
        match field.name() {
            Some("file") => {
                if files.len() == MAX_COHORT_FILES {
                    return Err(ApiError::BadField(format!(
                        "send at most {MAX_COHORT_FILES} résumés at once"
                    )));
                }
                let name = shown_name(field.file_name(), files.len());
                let bytes = field.bytes().await.map_err(field_err)?;
                // A picker with nothing chosen still sends an empty, nameless part.
                if bytes.is_empty() && name.starts_with("file ") {
                    continue;
                }
                files.push((name, bytes));
            }
            Some("role") => role = Some(text_field(field, "role", MAX_ROLE_CHARS, limit).await?),
            _ => {
                field.bytes().await.map_err(field_err)?;
            }
        }
    }
    Ok((files, role))
}

/// How a row names an upload: its file name without any folder part, cut to a length; "file
/// N" without one.
fn shown_name(sent: Option<&str>, index: usize) -> String {
    let base = sent
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).trim())
        .filter(|n| !n.is_empty());
    match base {
        Some(name) => name
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_FILE_NAME_CHARS)
            .collect(),
        None => format!("file {}", index + 1),
    }
}

/// A value no one can guess before the page is sent, for the page's CSP: SipHash under the
/// process's random keys (std's `RandomState`) of a counter and the time. Not a secret key,
/// only unpredictable, which is all a nonce needs.
fn nonce() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut halves = [0u64; 2];
    for (i, half) in halves.iter_mut().enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(n);
        h.write_u128(nanos);
        h.write_usize(i);
        *half = h.finish();
    }
    format!("{:016x}{:016x}", halves[0], halves[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_name_the_file_without_its_folder() {
        assert_eq!(shown_name(Some("C:\\Users\\a\\cv.pdf"), 0), "cv.pdf");
        assert_eq!(shown_name(Some("cohort/b.docx"), 0), "b.docx");
        assert_eq!(shown_name(Some("  "), 2), "file 3");
        assert_eq!(shown_name(None, 0), "file 1");
        assert_eq!(
            shown_name(Some(&"é".repeat(500)), 0).chars().count(),
            MAX_FILE_NAME_CHARS
        );
        assert_eq!(shown_name(Some("a\u{7}b.pdf"), 0), "ab.pdf");
    }

    #[test]
    fn nonces_differ() {
        let a = nonce();
        let b = nonce();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
