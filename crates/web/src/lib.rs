//! The ats-check web server: an upload endpoint that returns the same report JSON as
//! `ats-check --format json`, a roles API, and the résumé check page, all in one process with
//! the page embedded in the binary.
//!
//! The server is a thin adapter: it reads the multipart upload, runs [`ats_parse::extract`] and
//! [`ats_score::Analyzer::analyze`] under a concurrency cap, and maps every failure to a status
//! with a JSON body `{"error": "...", "code": "..."}` (see [`ApiError`]). The analysis runs on a
//! blocking thread of the server ([`Isolation::InProcess`], the library default) or in a pool of
//! worker processes with resource limits and a watchdog ([`Isolation::Workers`], what
//! `ats-check serve` uses; the worker side is [`run_worker`]).
//! Nothing of a résumé is written to disk or to the logs: the access log holds method, path,
//! status, sizes and duration only.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let config = ats_web::ServerConfig {
//!     addr: "127.0.0.1:8080".parse().unwrap(),
//!     ..ats_web::ServerConfig::default()
//! };
//! ats_web::serve(config).await
//! # }
//! ```
//!
//! Tests call the router without a socket:
//!
//! ```
//! use axum::body::Body;
//! use axum::http::{Request, StatusCode};
//! use tower::ServiceExt;
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let config = ats_web::ServerConfig::default();
//! let app = ats_web::app(ats_web::AppState::new(&config));
//! let response = app
//!     .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
//!     .await
//!     .unwrap();
//! assert_eq!(response.status(), StatusCode::OK);
//! # }
//! ```
#![deny(missing_docs)]

mod analyze;
mod assets;
mod cohort;
mod conn;
mod error;
mod middleware;
mod page;
mod worker;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower_http::timeout::TimeoutLayer;

pub use conn::raise_fd_limit;
pub use error::ApiError;
pub use worker::{run_worker, Isolation, WorkerConfig};

/// How the server listens and how much work it accepts.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on. Default `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// Largest request body accepted; larger is a 413. Default 10 MB.
    pub max_body_bytes: usize,
    /// Analyses running at once (each on a blocking thread). Default: the number of cores.
    pub max_concurrent: usize,
    /// Requests allowed to wait for a free analysis slot; beyond that a request is answered
    /// 503 from its headers, before its body is read. Default: 256 per core, so that a burst of
    /// 256 uploads at once (a career fair) is queued rather than refused; at about 1 ms per
    /// analysis a full queue drains in about 0.3 s.
    pub queue: usize,
    /// Budget for one analysis from the moment the upload has arrived: the wait for a slot plus
    /// parsing and scoring. A wait that runs out is a 503, an analysis that runs out a 422. The
    /// parser's own [`ats_parse::Limits::time_budget`] is capped to it too. Default 5 s.
    pub time_budget: Duration,
    /// Budget for a whole analyze request, upload included (guards against slow clients); past
    /// it the answer is 408. Default 30 s.
    pub request_timeout: Duration,
    /// Write one access-log line per request to stderr. Default true.
    pub access_log: bool,
    /// Upload bytes the server holds in memory at once, summed over every request being
    /// received, queued or analyzed (each counts its declared Content-Length, or the body
    /// limit when it declares none). A request that does not fit is answered 503 before its
    /// body is read, so a crowd of large or slow uploads cannot exhaust memory. Default 128 MiB.
    pub max_upload_bytes_in_flight: usize,
    /// Where analyses run: on the server's blocking threads, or in worker processes with
    /// resource limits (see [`Isolation`]). Default [`Isolation::InProcess`].
    pub isolation: Isolation,
    /// How long a client may take to send a request's headers, counted from the moment the
    /// connection waits for a request (also between requests on a kept-alive connection); past
    /// it the connection is closed. Default 10 s.
    pub header_read_timeout: Duration,
    /// How long a kept-alive connection may sit with no request in flight before the server
    /// closes it. Default 5 s.
    pub keep_alive_timeout: Duration,
    /// Connections served at once. Past it a few more are taken for `/healthz` only (anything
    /// else on them is a 503), and beyond those new connections are closed at once. Lowered at
    /// start to what the file-descriptor limit allows. Default 10,000.
    pub max_connections: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_body_bytes: 10_000_000,
            max_concurrent: cores,
            queue: 256 * cores,
            time_budget: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            access_log: true,
            max_upload_bytes_in_flight: 128 << 20,
            isolation: Isolation::InProcess,
            header_read_timeout: Duration::from_secs(10),
            keep_alive_timeout: Duration::from_secs(5),
            max_connections: 10_000,
        }
    }
}

/// What every handler shares: the analyzer (built once), the analysis slots and the limits.
/// Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    analyzer: ats_score::Analyzer,
    limits: ats_parse::Limits,
    slots: Arc<Semaphore>,
    /// Upload budget in KiB permits (see `ServerConfig::max_upload_bytes_in_flight`).
    upload_kib: Arc<Semaphore>,
    admitted: AtomicUsize,
    max_admitted: usize,
    max_concurrent: usize,
    max_upload_bytes_in_flight: usize,
    header_read_timeout: Duration,
    keep_alive_timeout: Duration,
    max_connections: usize,
    time_budget: Duration,
    request_timeout: Duration,
    max_body_bytes: usize,
    access_log: bool,
    roles_json: Bytes,
    /// The check page with the role list and upload limit filled in.
    index_html: Bytes,
    /// The worker processes, with [`Isolation::Workers`].
    workers: Option<Arc<worker::WorkerPool>>,
}

#[derive(Serialize)]
struct RoleEntry<'a> {
    id: &'a str,
    name: &'a str,
    terms: usize,
}

impl AppState {
    /// State with the built-in keyword sets.
    pub fn new(config: &ServerConfig) -> Self {
        Self::with_analyzer(ats_score::Analyzer::builtin(), config)
    }

    /// State with a given analyzer.
    pub fn with_analyzer(analyzer: ats_score::Analyzer, config: &ServerConfig) -> Self {
        let roles: Vec<RoleEntry> = analyzer
            .roles()
            .iter()
            .map(|set| RoleEntry {
                id: &set.id,
                name: &set.name,
                terms: set.terms.len(),
            })
            .collect();
        let roles_json = Bytes::from(serde_json::to_vec(&roles).unwrap_or_else(|_| b"[]".to_vec()));
        let role_names: Vec<(&str, &str)> = roles.iter().map(|r| (r.id, r.name)).collect();
        let index_html = Bytes::from(page::index_html(assets::INDEX_HTML, &role_names, config.max_body_bytes));
        let mut limits = ats_parse::Limits {
            max_input_bytes: config.max_body_bytes as u64,
            ..ats_parse::Limits::default()
        };
        limits.time_budget = limits.time_budget.min(config.time_budget);
        let max_concurrent = config.max_concurrent.max(1);
        AppState {
            inner: Arc::new(Inner {
                analyzer,
                limits,
                slots: Arc::new(Semaphore::new(max_concurrent)),
                upload_kib: Arc::new(Semaphore::new(
                    kib(config.max_upload_bytes_in_flight).max(kib(config.max_body_bytes)),
                )),
                admitted: AtomicUsize::new(0),
                max_admitted: max_concurrent.saturating_add(config.queue),
                max_concurrent,
                max_upload_bytes_in_flight: config.max_upload_bytes_in_flight.max(config.max_body_bytes),
                header_read_timeout: config.header_read_timeout,
                keep_alive_timeout: config.keep_alive_timeout,
                max_connections: config.max_connections.max(1),
                time_budget: config.time_budget,
                request_timeout: config.request_timeout,
                max_body_bytes: config.max_body_bytes,
                access_log: config.access_log,
                roles_json,
                index_html,
                workers: match &config.isolation {
                    Isolation::InProcess => None,
                    Isolation::Workers(workers) => {
                        Some(Arc::new(worker::WorkerPool::new(workers.clone(), max_concurrent)))
                    }
                },
            }),
        }
    }

    /// Takes every analysis slot until the returned guard is dropped, so that tests can see
    /// the 503 a full server gives. Not for production use.
    #[doc(hidden)]
    #[must_use = "the slots are given back when the permit is dropped"]
    pub fn hold_all_slots_for_test(&self) -> Option<OwnedSemaphorePermit> {
        let permits = self.inner.slots.available_permits() as u32;
        self.inner.slots.clone().try_acquire_many_owned(permits).ok()
    }

    /// Takes `bytes` of the upload budget until the returned guard is dropped, so that tests
    /// can see the 503 a server holding too many uploads gives. Not for production use.
    #[doc(hidden)]
    #[must_use = "the budget is given back when the permit is dropped"]
    pub fn hold_upload_budget_for_test(&self, bytes: usize) -> Option<OwnedSemaphorePermit> {
        let permits = u32::try_from(kib(bytes)).ok()?;
        self.inner.upload_kib.clone().try_acquire_many_owned(permits).ok()
    }

    /// The process ids of the idle worker processes ([`Isolation::Workers`]; none in process),
    /// so that tests can read their limits or stop one. Not for production use.
    #[doc(hidden)]
    pub fn worker_pids_for_test(&self) -> Vec<u32> {
        self.inner
            .workers
            .as_ref()
            .map_or_else(Vec::new, |pool| pool.idle_pids())
    }

    /// Admits one request to the slot queue, or says the queue is full.
    fn admit(&self) -> Result<Admission, ApiError> {
        let before = self.inner.admitted.fetch_add(1, Ordering::AcqRel);
        if before >= self.inner.max_admitted {
            self.inner.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Busy {
                reason: format!(
                    "all {} analysis slots and {} queue places are taken",
                    self.inner.max_concurrent,
                    self.inner.max_admitted - self.inner.max_concurrent
                ),
            });
        }
        Ok(Admission(self.clone()))
    }
}

/// Bytes rounded up to whole KiB, the unit of the upload budget.
fn kib(bytes: usize) -> usize {
    bytes.div_ceil(1024).min(Semaphore::MAX_PERMITS)
}

impl AppState {
    /// Reserves room for an upload of `declared` bytes (None: unknown, so the body limit), or
    /// says the server is busy. Held until the response is built.
    fn reserve_upload(&self, declared: Option<u64>) -> Result<OwnedSemaphorePermit, ApiError> {
        let bytes = declared.map_or(self.inner.max_body_bytes, |n| {
            n.min(self.inner.max_body_bytes as u64) as usize
        });
        let spent = || ApiError::Busy {
            reason: format!(
                "it already holds {} MB of uploads, the most it holds at once",
                self.inner.max_upload_bytes_in_flight / 1_000_000
            ),
        };
        let permits = u32::try_from(kib(bytes).max(1)).map_err(|_| spent())?;
        self.inner
            .upload_kib
            .clone()
            .try_acquire_many_owned(permits)
            .map_err(|_| spent())
    }
}

/// A place in the queue or in a running slot; given back when dropped.
struct Admission(AppState);

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.inner.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The whole service: page, assets, API, security headers and access log.
pub fn app(state: AppState) -> Router {
    // `route_layer`: these apply to the POST only, not to the 405 other methods get, which
    // must neither take a queue place nor lose its `Allow` header. Every upload route gets the
    // same limits: body size, time, and refusal from the headers.
    let upload = |route: MethodRouter<AppState>| -> MethodRouter<AppState> {
        route
            .route_layer(DefaultBodyLimit::max(state.inner.max_body_bytes))
            .route_layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                state.inner.request_timeout,
            ))
            .route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                middleware::refuse_from_headers,
            ))
    };
    let analyze_route = upload(post(analyze::analyze));
    let cohort_route = upload(post(cohort::cohort));
    let export_route = upload(post(analyze::export));
    Router::new()
        .route("/", get(assets::index))
        .route("/index.html", get(assets::index))
        .route("/app.js", get(assets::script))
        .route("/style.css", get(assets::style))
        .route("/report.css", get(assets::report_style))
        .route("/favicon.ico", get(assets::favicon))
        .route("/cohort.js", get(assets::cohort_script))
        .route("/api/v1/analyze", analyze_route)
        .route("/api/v1/cohort", cohort_route)
        .route("/api/v1/export", export_route)
        .route("/api/v1/roles", get(roles))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::headers_and_log,
        ))
        .with_state(state)
}

/// What a connection past the cap is served: `/healthz`, and a 503 for anything else, with the
/// same headers and log line as the full service.
fn reserve_app(state: AppState, cap: usize) -> Router {
    let refuse = move || async move {
        let mut response = ApiError::Busy {
            reason: format!("all {cap} connections it serves at once are open"),
        }
        .into_response();
        response
            .headers_mut()
            .insert(header::CONNECTION, axum::http::HeaderValue::from_static("close"));
        response
    };
    Router::new()
        .route("/healthz", get(healthz))
        .fallback(refuse)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::headers_and_log,
        ))
        .with_state(state)
}

async fn roles(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        state.inner.roles_json.clone(),
    )
        .into_response()
}

async fn healthz() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], r#"{"status":"ok"}"#).into_response()
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(serde_json::json!({"error": "no such page", "code": "not-found"})),
    )
        .into_response()
}

/// Binds `config.addr`, prints `ats-check serving on http://ADDR` to stderr and serves until
/// Ctrl-C, then finishes the requests in flight.
///
/// Installs a panic hook that prints where a panic happened but not its message, since a
/// message may quote résumé text.
///
/// Raises the open-file soft limit to the hard limit first ([`raise_fd_limit`]), so that the
/// connection cap, not the default limit of 1,024 descriptors, decides how many clients are
/// served.
pub async fn serve(config: ServerConfig) -> std::io::Result<()> {
    if let Err(e) = raise_fd_limit() {
        eprintln!("ats-check: could not raise the open-file limit ({e})");
    }
    let listener = TcpListener::bind(config.addr).await?;
    install_private_panic_hook();
    serve_with(listener, config, shutdown_signal()).await
}

/// A panic hook that prints where a panic happened but not its message, since a message may
/// quote résumé text. Used by the server and by [`run_worker`].
pub(crate) fn install_private_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("ats-web: internal panic at {place} (message withheld: it may quote a résumé)");
    }));
}

/// Caps glibc's malloc arenas at `arenas` (`mallopt(M_ARENA_MAX)`); returns whether it was
/// applied (only on glibc Linux). Call it before the runtime starts its threads.
///
/// glibc gives every thread that allocates under contention an arena of its own (up to 8 per
/// core) and keeps freed memory in each; since an analysis runs on whichever blocking thread is
/// free, a flood of large hostile files leaves a large peak RSS spread over many arenas. Two
/// arenas took the flood benchmark's peak (server and client) from 201–227 MB to 136–169 MB in
/// process, and from 116–152 MB to 107–125 MB with workers (`docs/api.md`, "Flood in workers
/// mode").
pub fn cap_malloc_arenas(arenas: u32) -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let arenas = libc::c_int::try_from(arenas.max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt takes two integers and only changes malloc's tuning; M_ARENA_MAX is a
        // parameter glibc knows.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, arenas) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        let _ = arenas;
        false
    }
}

/// Serves on an already bound listener until `shutdown` completes (used by tests and the load
/// benchmark, which bind port 0). Prints the same start line as [`serve`].
pub async fn serve_with(
    listener: TcpListener,
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_state(listener, AppState::new(&config), shutdown).await
}

/// Serves a prepared [`AppState`] (for example one built with [`AppState::with_analyzer`] over
/// custom keyword sets) on a bound listener until `shutdown` completes, then gives the open
/// connections up to the request timeout to finish. Connections get the header-read and
/// keep-alive timeouts and the connection cap of the [`ServerConfig`]. With
/// [`Isolation::Workers`] it first starts one worker per analysis slot, and fails if the worker
/// program cannot be started.
pub async fn serve_state(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    if let Some(pool) = &state.inner.workers {
        pool.start().await?;
    }
    eprintln!("ats-check serving on http://{addr}");
    conn::run(listener, state, shutdown).await
}

async fn shutdown_signal() {
    if tokio::signal::ctrl_c().await.is_err() {
        // No signal handler could be installed: serve until the process is killed.
        std::future::pending::<()>().await;
    }
    eprintln!("ats-check: shutting down, finishing requests in flight");
}
