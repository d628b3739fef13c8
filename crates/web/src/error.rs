//! The one error type of the HTTP API: every failure is a status and a JSON body
//! `{"error": "...", "code": "..."}`.

use axum::extract::multipart::MultipartError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Why a request failed. Client errors keep their status and a plain message a person can act
/// on; internal errors say "something went wrong" and are logged without any résumé content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The body is larger than the server accepts.
    #[error("the upload is larger than the {} limit: export a plain PDF or DOCX without large images", crate::page::megabytes(*limit as u64))]
    TooLarge {
        /// The cap in bytes.
        limit: usize,
    },
    /// The parser refused the file as too large (its own byte cap).
    #[error("{0}")]
    FileTooLarge(String),
    /// The request is not `multipart/form-data`.
    #[error("send the résumé as multipart/form-data with a `file` field (and `role`, optional `jd`)")]
    NotMultipart,
    /// The multipart body could not be read.
    #[error("the multipart body could not be read: {0}")]
    BadMultipart(String),
    /// No `file` field in the form.
    #[error("no résumé in the request: add a `file` field holding a PDF, DOCX or text file")]
    MissingFile,
    /// A text field is not UTF-8 or is too long.
    #[error("{0}")]
    BadField(String),
    /// A recognised format that is not PDF, DOCX or text; the message says which formats work.
    #[error("{0}")]
    UnsupportedFormat(String),
    /// The file is empty, damaged, encrypted, over a parsing cap or the time budget, crashed
    /// the worker process analysing it, or (export only) holds no readable text.
    #[error("{message}")]
    Unreadable {
        /// Stable code: `empty`, `malformed`, `encrypted-pdf`, `encrypted-docx`,
        /// `limit-exceeded`, `timeout`, `unreadable`, `analysis-aborted` (the worker process
        /// analysing the file died; workers mode only), or `no-text` (an export of a file with
        /// no readable text, a scan: nothing to export).
        code: &'static str,
        /// The parser's message.
        message: String,
    },
    /// The role id is not known.
    #[error("{0}")]
    UnknownRole(String),
    /// The server cannot take this request now: every analysis slot and queue place is taken,
    /// no slot came free in time, the upload budget is spent, or every connection is in use.
    /// Answered with `Retry-After`.
    #[error("the server is busy: {reason}; try again in a moment")]
    Busy {
        /// Which limit was reached, with its number.
        reason: String,
    },
    /// The method is not one the path answers (the router adds the `Allow` header).
    #[error("{method} is not allowed on this path: the Allow header lists the methods it answers")]
    MethodNotAllowed {
        /// The method the request used.
        method: String,
    },
    /// The whole request, upload included, took longer than the server waits.
    #[error(
        "the request took longer than {seconds} s to arrive and be answered: check the connection and upload again"
    )]
    RequestTimeout {
        /// The request timeout in whole seconds.
        seconds: u64,
    },
    /// Something on our side failed; details are logged, never the résumé.
    #[error("something went wrong")]
    Internal,
}

/// `Retry-After` on a 503, in seconds: a full queue drains in well under a second (256 places
/// per core at about 1 ms an analysis), so one second is enough and keeps a retrying page
/// responsive.
pub(crate) const RETRY_AFTER_SECONDS: u32 = 1;

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: String,
    code: &'a str,
}

impl ApiError {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::TooLarge { .. } | ApiError::FileTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotMultipart | ApiError::UnsupportedFormat(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BadMultipart(_) | ApiError::MissingFile | ApiError::BadField(_) | ApiError::UnknownRole(_) => {
                StatusCode::BAD_REQUEST
            }
            ApiError::Unreadable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::RequestTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code in the JSON body.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::TooLarge { .. } | ApiError::FileTooLarge(_) => "too-large",
            ApiError::NotMultipart => "not-multipart",
            ApiError::BadMultipart(_) => "bad-multipart",
            ApiError::MissingFile => "missing-file",
            ApiError::BadField(_) => "bad-field",
            ApiError::UnsupportedFormat(_) => "unsupported-format",
            ApiError::Unreadable { code, .. } => code,
            ApiError::UnknownRole(_) => "unknown-role",
            ApiError::Busy { .. } => "busy",
            ApiError::MethodNotAllowed { .. } => "method-not-allowed",
            ApiError::RequestTimeout { .. } => "request-timeout",
            ApiError::Internal => "internal",
        }
    }
}

impl From<ats_parse::ExtractError> for ApiError {
    fn from(err: ats_parse::ExtractError) -> Self {
        use ats_parse::ExtractError as E;
        let message = err.to_string();
        let code = match err {
            E::Unsupported(_) => {
                return ApiError::UnsupportedFormat(format!("{message} (ats-check reads PDF, DOCX and plain text)"))
            }
            // In the units the page shows (decimal MB), not bytes.
            E::TooLarge { size, limit } => {
                return ApiError::FileTooLarge(format!(
                    "the file is {}, over the {} limit: remove large images or export a plain PDF or DOCX (most ATSs take files up to 1–2.5 MB)",
                    crate::page::megabytes(size),
                    crate::page::megabytes(limit)
                ))
            }
            E::Empty => "empty",
            E::Malformed { .. } => "malformed",
            E::EncryptedPdf => "encrypted-pdf",
            E::EncryptedDocx => "encrypted-docx",
            E::LimitExceeded { .. } => "limit-exceeded",
            E::Timeout { .. } => "timeout",
            _ => "unreadable",
        };
        ApiError::Unreadable { code, message }
    }
}

impl From<ats_export::ExportError> for ApiError {
    fn from(err: ats_export::ExportError) -> Self {
        match err {
            ats_export::ExportError::NoText { .. } => ApiError::Unreadable {
                code: "no-text",
                message: err.to_string(),
            },
            _ => {
                // The package writer's message names no résumé content, only what failed.
                eprintln!("ats-web: could not write an export ({err})");
                ApiError::Internal
            }
        }
    }
}

impl From<ats_score::ScoreError> for ApiError {
    fn from(err: ats_score::ScoreError) -> Self {
        match err {
            ats_score::ScoreError::UnknownRole { .. } => ApiError::UnknownRole(err.to_string()),
            _ => {
                eprintln!("ats-web: scoring failed: {}", err_kind(&err));
                ApiError::Internal
            }
        }
    }
}

impl ApiError {
    /// Maps an error met while reading the multipart body, keeping its status: a body over
    /// `limit` bytes is a 413, anything else a 400.
    pub fn from_multipart(err: MultipartError, limit: usize) -> Self {
        match err.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge { limit },
            _ => ApiError::BadMultipart(err.body_text()),
        }
    }
}

/// The variant name of a scoring error, for logs that must not carry user input.
fn err_kind(err: &ats_score::ScoreError) -> String {
    let debug = format!("{err:?}");
    debug.split([' ', '(', '{']).next().unwrap_or("").to_string()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = ErrorBody {
            error: self.to_string(),
            code: self.code(),
        };
        let mut response = (status, axum::Json(body)).into_response();
        if matches!(self, ApiError::Busy { .. }) {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
        response
    }
}
