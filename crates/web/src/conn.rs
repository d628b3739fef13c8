//! The accept loop and the connections: a header-read timeout, an idle keep-alive timeout and a
//! connection cap that keeps room for `/healthz`.
//!
//! Hand-written rather than `axum::serve`, which exposes none of these knobs: a connection that
//! sends nothing, or half a header, would stay open for ever, and enough of them exhaust the
//! file descriptors until even `/healthz` hangs. hyper's own HTTP/1 connection
//! (`hyper::server::conn::http1::Builder`) has the header-read timeout (its timer runs from the
//! moment the connection waits for a request head, so it also bounds a kept-alive connection
//! that sends half a request); the idle timeout and the cap are kept here.

use std::future::Future;
use std::io;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch, Notify};
use tower::ServiceExt;

use crate::AppState;

/// Connections taken past `max_connections` to answer `/healthz` (anything else on them is a
/// 503): a monitor probing a server flooded with stalled sockets still learns it is alive.
/// When they are all open, a new one replaces the oldest that has no request in flight, so
/// stalled sockets cannot hold the reserve either.
pub(crate) const HEALTH_RESERVE_CONNECTIONS: usize = 64;
/// Header-read timeout on a reserve connection: it is there for one quick probe.
const RESERVE_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(2);
/// Pause after a failed accept (out of file descriptors, say), so the loop does not spin on
/// an error that only time cures.
const ACCEPT_ERROR_PAUSE: Duration = Duration::from_millis(50);
/// File descriptors kept out of the connection cap: the listener, stdio, the worker pipes
/// (three per worker, counted apart) and files the runtime opens.
const FD_HEADROOM: u64 = 64;

/// Raises the soft limit on open files (`RLIMIT_NOFILE`) to the hard limit, so that the
/// connection cap rather than the usual soft limit of 1,024 decides how many clients are
/// served. Returns the soft limit now in force. Unix only; elsewhere it changes nothing.
pub fn raise_fd_limit() -> io::Result<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a valid, writable rlimit.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return Err(io::Error::last_os_error());
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            // SAFETY: `raised` is a valid rlimit; raising the soft limit up to the hard one
            // needs no privilege.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                limit = raised;
            }
        }
        #[allow(clippy::useless_conversion)]
        Ok(u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX))
    }
    #[cfg(not(unix))]
    {
        Ok(u64::MAX)
    }
}

/// The soft limit on open files, or None where it cannot be read.
fn fd_soft_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `limit` is a valid, writable rlimit.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return None;
        }
        #[allow(clippy::useless_conversion)]
        u64::try_from(limit.rlim_cur).ok()
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The connection cap in force: the configured one, lowered to what the file-descriptor limit
/// leaves after the headroom, the workers' pipes and the `/healthz` reserve.
fn connection_cap(configured: usize, workers: usize) -> usize {
    let Some(fds) = fd_soft_limit() else {
        return configured;
    };
    let spare = fds
        .saturating_sub(FD_HEADROOM)
        .saturating_sub(3 * workers as u64)
        .saturating_sub(HEALTH_RESERVE_CONNECTIONS as u64);
    let cap = configured.min(usize::try_from(spare).unwrap_or(usize::MAX)).max(1);
    if cap < configured {
        eprintln!(
            "ats-check: serving at most {cap} connections (the open-file limit is {fds}; raise it to serve {configured})"
        );
    }
    cap
}

/// Counts the open connections and wakes the shutdown when the last one ends.
struct OpenConnections {
    count: AtomicUsize,
    all_closed: Notify,
}

/// One open connection, counted until dropped.
struct Counted(Arc<OpenConnections>);

impl Drop for Counted {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.all_closed.notify_waiters();
        }
    }
}

/// Whether a connection has a request in flight, and since when it has had none.
struct Activity {
    opened: Instant,
    in_flight: AtomicUsize,
    /// Milliseconds from `opened` to the end of the last request (or 0).
    last_done_ms: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Activity {
            opened: Instant::now(),
            in_flight: AtomicUsize::new(0),
            last_done_ms: AtomicU64::new(0),
        }
    }

    fn begin(&self) {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
    }

    fn end(&self) {
        let now = self.opened.elapsed().as_millis() as u64;
        self.last_done_ms.store(now, Ordering::Release);
        self.in_flight.fetch_sub(1, Ordering::AcqRel);
    }

    /// When the connection becomes idle for `timeout`, if nothing happens before; None while a
    /// request is in flight.
    fn idle_deadline(&self, timeout: Duration) -> Option<Instant> {
        if self.in_flight.load(Ordering::Acquire) > 0 {
            return None;
        }
        let last = Duration::from_millis(self.last_done_ms.load(Ordering::Acquire));
        Some(self.opened + last + timeout)
    }
}

/// Ends `in_flight` when the request's future completes or is dropped.
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.end();
    }
}

/// How one class of connection is served.
struct Serving {
    router: Router,
    http: http1::Builder,
    keep_alive_timeout: Duration,
    /// How long a connection told to close may take to finish its response.
    close_grace: Duration,
}

/// Accepts connections until `shutdown` completes, then lets the open ones finish their
/// requests (for at most the request timeout).
pub(crate) async fn run(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let inner = &state.inner;
    let workers = inner.workers.as_ref().map_or(0, |_| inner.max_concurrent);
    let cap = connection_cap(inner.max_connections, workers);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(inner.header_read_timeout)
        .keep_alive(true);
    let main = Arc::new(Serving {
        router: crate::app(state.clone()),
        http,
        keep_alive_timeout: inner.keep_alive_timeout,
        close_grace: inner.request_timeout,
    });
    let mut reserve_http = http1::Builder::new();
    reserve_http
        .timer(TokioTimer::new())
        .header_read_timeout(RESERVE_HEADER_READ_TIMEOUT.min(inner.header_read_timeout))
        .keep_alive(false);
    let reserve = Arc::new(Serving {
        router: crate::reserve_app(state.clone(), cap),
        http: reserve_http,
        keep_alive_timeout: RESERVE_HEADER_READ_TIMEOUT,
        close_grace: RESERVE_HEADER_READ_TIMEOUT,
    });

    let open = Arc::new(OpenConnections {
        count: AtomicUsize::new(0),
        all_closed: Notify::new(),
    });
    let (stop_tx, stop_rx) = watch::channel(false);
    // The reserve connections, oldest first, with what tells each to close.
    let mut reserve_open: std::collections::VecDeque<(Arc<Activity>, oneshot::Sender<()>)> =
        std::collections::VecDeque::new();
    let mut accept_failing = false;
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => {
                accept_failing = false;
                stream
            }
            Err(e) => {
                // One line per run of failures, not one per attempt.
                if !accept_failing {
                    eprintln!("ats-web: could not accept a connection ({e}); retrying");
                    accept_failing = true;
                }
                tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
                continue;
            }
        };
        let already = open.count.load(Ordering::Acquire);
        reserve_open.retain(|(_, evict)| !evict.is_closed());
        if already >= cap.saturating_add(HEALTH_RESERVE_CONNECTIONS) {
            let quiet = reserve_open
                .iter()
                .position(|(activity, _)| activity.in_flight.load(Ordering::Acquire) == 0);
            match quiet.and_then(|at| reserve_open.remove(at)) {
                // Dropping the sender closes that connection.
                Some(evicted) => drop(evicted),
                None => {
                    // Closed at once: the descriptor is freed and the client sees a reset
                    // rather than a connection that hangs in the backlog.
                    drop(stream);
                    continue;
                }
            }
        }
        open.count.fetch_add(1, Ordering::AcqRel);
        let counted = Counted(open.clone());
        let activity = Arc::new(Activity::new());
        let (serving, evict) = if already >= cap {
            let (evict_tx, evict) = oneshot::channel();
            reserve_open.push_back((activity.clone(), evict_tx));
            (reserve.clone(), Some(evict))
        } else {
            (main.clone(), None)
        };
        tokio::spawn(serve_connection(
            stream,
            serving,
            activity,
            evict,
            stop_rx.clone(),
            counted,
        ));
    }

    let _ = stop_tx.send(true);
    let deadline = tokio::time::Instant::now() + inner.request_timeout;
    loop {
        let all_closed = open.all_closed.notified();
        tokio::pin!(all_closed);
        all_closed.as_mut().enable();
        if open.count.load(Ordering::Acquire) == 0 {
            break;
        }
        if tokio::time::timeout_at(deadline, all_closed).await.is_err() {
            break;
        }
    }
    Ok(())
}

async fn serve_connection(
    stream: TcpStream,
    serving: Arc<Serving>,
    activity: Arc<Activity>,
    evict: Option<oneshot::Receiver<()>>,
    mut stop: watch::Receiver<bool>,
    _counted: Counted,
) {
    // Small JSON answers go out at once instead of waiting for an ACK (Nagle).
    let _ = stream.set_nodelay(true);
    let evicted = async move {
        match evict {
            Some(evict) => {
                let _ = evict.await;
            }
            None => std::future::pending().await,
        }
    };
    tokio::pin!(evicted);
    let router = serving.router.clone();
    let seen = activity.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        seen.begin();
        let in_flight = InFlight(seen.clone());
        let answer = router.clone().oneshot(request.map(Body::new));
        async move {
            let response = answer.await;
            drop(in_flight);
            response
        }
    });
    let connection = serving.http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let mut closing_since: Option<tokio::time::Instant> = None;
    loop {
        let idle_at = activity
            .idle_deadline(serving.keep_alive_timeout)
            .map(tokio::time::Instant::from_std);
        let wake_at = match closing_since {
            Some(since) => since + serving.close_grace,
            // With a request in flight, look again after one timeout.
            None => idle_at.unwrap_or_else(|| tokio::time::Instant::now() + serving.keep_alive_timeout),
        };
        tokio::select! {
            _ = connection.as_mut() => return,
            () = &mut evicted => return,
            () = tokio::time::sleep_until(wake_at) => {
                if closing_since.is_some() {
                    // A client that does not read its answer: drop the connection.
                    return;
                }
                let idle_now = activity
                    .idle_deadline(serving.keep_alive_timeout)
                    .is_some_and(|at| at <= Instant::now());
                if idle_now {
                    connection.as_mut().graceful_shutdown();
                    closing_since = Some(tokio::time::Instant::now());
                }
            }
            changed = stop.changed(), if closing_since.is_none() => {
                if changed.is_err() || *stop.borrow() {
                    connection.as_mut().graceful_shutdown();
                    closing_since = Some(tokio::time::Instant::now());
                }
            }
        }
    }
}
