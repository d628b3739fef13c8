//! The server over real loopback sockets (issue 15): refusals sent from the headers before any
//! body is read (no `100 Continue`), stalled connections closed by the header-read and idle
//! timeouts, and the connection cap keeping `/healthz` answering.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn config() -> ats_web::ServerConfig {
    ats_web::ServerConfig {
        access_log: false,
        ..ats_web::ServerConfig::default()
    }
}

/// Serves `state` on a free loopback port until the returned sender is dropped.
async fn start(state: ats_web::AppState) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(ats_web::serve_state(listener, state, async move {
        let _ = stopped.await;
    }));
    (addr, stop)
}

/// Reads until the end of a response head (or the peer closes), within `limit`.
async fn read_head(stream: &mut TcpStream, limit: Duration) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    while !got.windows(4).any(|w| w == b"\r\n\r\n") {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// Waits for the server to close `stream` (EOF or reset); returns how long that took, or None
/// if it was still open after `limit`.
async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(limit.saturating_sub(started.elapsed()), stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => continue,
        }
    }
}

/// A request head for an upload of `length` bytes that asks for `100 Continue` first.
fn upload_head(addr: SocketAddr, length: usize) -> String {
    format!(
        "POST /api/v1/analyze HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {}\r\nContent-Length: {length}\r\n\
         Expect: 100-continue\r\n\r\n",
        fixtures::multipart_content_type()
    )
}

#[tokio::test]
async fn an_upload_declared_over_the_limit_is_413_before_any_body_or_100_continue() {
    let (addr, _stop) = start(ats_web::AppState::new(&config())).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(upload_head(addr, 15_000_000).as_bytes())
        .await
        .unwrap();
    let head = read_head(&mut stream, Duration::from_secs(5)).await;
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    assert!(!head.contains("100 Continue"), "{head}");
    assert!(head.to_ascii_lowercase().contains("connection: close"), "{head}");
}

#[tokio::test]
async fn a_full_queue_is_503_with_retry_after_before_any_body_or_100_continue() {
    let config = ats_web::ServerConfig {
        max_concurrent: 1,
        queue: 0,
        ..config()
    };
    let state = ats_web::AppState::new(&config);
    let (addr, _stop) = start(state.clone()).await;
    // One upload admitted and waiting for the held slot fills the only place.
    let _hold = state.hold_all_slots_for_test();
    let body = fixtures::multipart(&[fixtures::Part::File(
        "file",
        "resume.txt",
        "text/plain",
        fixtures::resume_text().as_bytes(),
    )]);
    let mut first = TcpStream::connect(addr).await.unwrap();
    first
        .write_all(
            upload_head(addr, body.len())
                .replace("Expect: 100-continue\r\n", "")
                .as_bytes(),
        )
        .await
        .unwrap();
    first.write_all(&body).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut second = TcpStream::connect(addr).await.unwrap();
    second.write_all(upload_head(addr, 5_000_000).as_bytes()).await.unwrap();
    let head = read_head(&mut second, Duration::from_secs(5)).await;
    assert!(head.starts_with("HTTP/1.1 503"), "{head}");
    assert!(!head.contains("100 Continue"), "{head}");
    assert!(head.to_ascii_lowercase().contains("retry-after: 1"), "{head}");
}

#[tokio::test]
async fn a_socket_that_sends_half_a_header_is_closed_by_the_header_read_timeout() {
    let config = ats_web::ServerConfig {
        header_read_timeout: Duration::from_millis(300),
        // Longer than the test waits: only the header timeout can close it.
        keep_alive_timeout: Duration::from_secs(30),
        ..config()
    };
    let (addr, _stop) = start(ats_web::AppState::new(&config)).await;
    let mut stalled = TcpStream::connect(addr).await.unwrap();
    stalled
        .write_all(b"POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Ty")
        .await
        .unwrap();
    let closed = closed_within(&mut stalled, Duration::from_secs(5)).await;
    assert!(
        closed.is_some_and(|t| t >= Duration::from_millis(250)),
        "closed after {closed:?}"
    );
    // A socket that sends nothing at all is closed the same way.
    let mut silent = TcpStream::connect(addr).await.unwrap();
    let closed = closed_within(&mut silent, Duration::from_secs(5)).await;
    assert!(closed.is_some(), "a silent socket stays open");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_keep_alive_timeout() {
    let config = ats_web::ServerConfig {
        header_read_timeout: Duration::from_secs(30),
        keep_alive_timeout: Duration::from_millis(300),
        ..config()
    };
    let (addr, _stop) = start(ats_web::AppState::new(&config)).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let head = read_head(&mut stream, Duration::from_secs(5)).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let closed = closed_within(&mut stream, Duration::from_secs(5)).await;
    assert!(
        closed.is_some_and(|t| t >= Duration::from_millis(200)),
        "closed after {closed:?}"
    );
}

#[tokio::test]
async fn past_the_connection_cap_and_its_reserve_healthz_still_answers_and_uploads_are_503() {
    let config = ats_web::ServerConfig {
        max_connections: 4,
        header_read_timeout: Duration::from_secs(30),
        keep_alive_timeout: Duration::from_secs(30),
        ..config()
    };
    let (addr, _stop) = start(ats_web::AppState::new(&config)).await;
    // The cap, and the 64 connections kept past it for `/healthz`, all held by stalled
    // sockets: a new connection takes the place of the oldest quiet one of the 64.
    let mut stalled = Vec::new();
    for _ in 0..4 + 64 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET /heal").await.unwrap();
        stalled.push(s);
    }
    // Let the server accept them all before the probes.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let mut probe = TcpStream::connect(addr).await.unwrap();
    probe
        .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let head = read_head(&mut probe, Duration::from_secs(5)).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    let mut upload = TcpStream::connect(addr).await.unwrap();
    upload.write_all(upload_head(addr, 1000).as_bytes()).await.unwrap();
    let head = read_head(&mut upload, Duration::from_secs(5)).await;
    assert!(head.starts_with("HTTP/1.1 503"), "{head}");
    assert!(head.to_ascii_lowercase().contains("retry-after"), "{head}");
}

#[tokio::test]
async fn a_client_that_sends_its_whole_body_without_expect_still_reads_the_503() {
    let config = ats_web::ServerConfig {
        max_concurrent: 1,
        queue: 0,
        ..config()
    };
    let state = ats_web::AppState::new(&config);
    let (addr, _stop) = start(state.clone()).await;
    let _hold = state.hold_all_slots_for_test();
    let body = fixtures::multipart(&[fixtures::Part::File(
        "file",
        "resume.txt",
        "text/plain",
        fixtures::resume_text().as_bytes(),
    )]);
    let head = |length: usize| upload_head(addr, length).replace("Expect: 100-continue\r\n", "");
    let mut first = TcpStream::connect(addr).await.unwrap();
    first.write_all(head(body.len()).as_bytes()).await.unwrap();
    first.write_all(&body).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    // As a browser does: the head and 2 MB of body at once, no `Expect`. The server refuses
    // from the head and leaves the body unread; the answer must still reach the client rather
    // than be lost to a reset.
    let big = vec![b'a'; 2_000_000];
    let mut second = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = second.split();
    let send = async {
        let _ = write.write_all(head(big.len()).as_bytes()).await;
        let _ = write.write_all(&big).await;
    };
    let mut got = Vec::new();
    let receive = async {
        let mut buf = [0u8; 4096];
        loop {
            match tokio::time::timeout(Duration::from_secs(5), read.read(&mut buf)).await {
                Ok(Ok(n)) if n > 0 => got.extend_from_slice(&buf[..n]),
                _ => break,
            }
        }
    };
    tokio::join!(send, receive);
    let answer = String::from_utf8_lossy(&got);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("\"code\":\"busy\""), "{answer}");
}

#[cfg(target_os = "linux")]
#[test]
fn the_open_file_soft_limit_is_raised_to_the_hard_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid, writable rlimit.
    assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) }, 0);
    // Half the hard limit (still far above what the other tests here open), so there is
    // something to raise.
    let lowered = libc::rlimit {
        rlim_cur: limit.rlim_max / 2,
        rlim_max: limit.rlim_max,
    };
    // SAFETY: `lowered` is a valid rlimit.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lowered) }, 0);
    let soft = ats_web::raise_fd_limit().expect("getrlimit works");
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    let line = limits.lines().find(|l| l.starts_with("Max open files")).unwrap();
    let fields: Vec<&str> = line.split_whitespace().collect();
    // "Max open files <soft> <hard> files"
    assert_eq!(fields[3], soft.to_string(), "{line}");
    assert_eq!(fields[3], fields[4], "soft equals hard: {line}");
}
