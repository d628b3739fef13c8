//! Stalled-connection benchmark (not a test): shows that the server closes connections that
//! send nothing, half a request header, or nothing more after one answer, and that `/healthz`
//! answers all the while, even past the connection cap.
//!
//! Starts the server in-process on a free loopback port with its default timeouts (or targets
//! `--url`, loopback only), then opens `--idle N` sockets that send nothing, `--half N` that
//! send half a request head and stop, and `--kept N` that get one `/healthz` answer and then
//! stay silent (default 200 of each). While they are open it probes `/healthz` on a fresh
//! connection every 250 ms. It prints, for each kind, how many the server closed and when
//! (min, median, max seconds after they went quiet), and the probes' answers and latency.
//! Bounded: at most 20,000 sockets and `--max-secs` (default 30) of waiting.
//!
//! ```text
//! cargo run --release -p ats-web --example stalled
//! cargo run --release -p ats-web --example stalled -- --idle 2000 --half 2000 --kept 500 --max-connections 1000
//! ```
//!
//! `--max-connections N` (in-process server only) lowers the connection cap, so that the
//! stalled sockets fill it and the probes go through the `/healthz` reserve.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sockets opened in all, whatever was asked.
const MAX_SOCKETS: usize = 20_000;
/// Sockets opened between two pauses, and the pause: about 10,000 new connections a second.
const OPEN_BATCH: usize = 100;
const OPEN_PAUSE: Duration = Duration::from_millis(10);
/// How often `/healthz` is probed while the stalled sockets are open.
const PROBE_EVERY: Duration = Duration::from_millis(250);
/// How long one probe may take before it counts as unanswered.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

const USAGE: &str = "usage: stalled [--idle N] [--half N] [--kept N] [--max-secs S] [--max-connections N] \
[--url http://127.0.0.1:PORT]";

struct Options {
    idle: usize,
    half: usize,
    kept: usize,
    max_secs: u64,
    max_connections: Option<usize>,
    url: Option<String>,
}

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2);
}

fn parse_args() -> Options {
    let mut options = Options {
        idle: 200,
        half: 200,
        kept: 200,
        max_secs: 30,
        max_connections: None,
        url: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || {
            args.next()
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or_else(|| usage())
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "--idle" => options.idle = number(),
            "--half" => options.half = number(),
            "--kept" => options.kept = number(),
            "--max-secs" => options.max_secs = number() as u64,
            "--max-connections" => options.max_connections = Some(number()),
            "--url" => options.url = Some(args.next().unwrap_or_else(|| usage())),
            _ => usage(),
        }
    }
    let total = options.idle + options.half + options.kept;
    if total > MAX_SOCKETS {
        eprintln!("stalled: at most {MAX_SOCKETS} sockets in all (asked for {total})");
        std::process::exit(2);
    }
    options.max_secs = options.max_secs.clamp(1, 300);
    options
}

/// Only loopback targets: this benchmark never opens sockets off the machine.
fn loopback_addr(url: &str) -> SocketAddr {
    let hostport = url
        .strip_prefix("http://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| usage())
        .replace("localhost", "127.0.0.1");
    let addr: SocketAddr = hostport.parse().unwrap_or_else(|_| usage());
    if !addr.ip().is_loopback() {
        eprintln!("stalled: refusing {addr}: only loopback addresses are targets");
        std::process::exit(2);
    }
    addr
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Idle,
    Half,
    Kept,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Idle => "idle (sent nothing)",
            Kind::Half => "half a header",
            Kind::Kept => "kept alive after one answer",
        }
    }
}

/// Opens one stalled socket of `kind` and waits until the server closes it; returns when
/// that happened, counted from the moment the socket went quiet, or None if it was still open
/// at `deadline` (or could not be opened).
async fn stall(addr: SocketAddr, kind: Kind, deadline: tokio::time::Instant) -> Result<Option<Duration>, String> {
    let mut stream = TcpStream::connect(addr).await.map_err(|e| format!("connect: {e}"))?;
    let mut buf = [0u8; 4096];
    match kind {
        Kind::Idle => {}
        Kind::Half => stream
            .write_all(b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty")
            .await
            .map_err(|e| format!("write: {e}"))?,
        Kind::Kept => {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .await
                .map_err(|e| format!("write: {e}"))?;
            let mut head = Vec::new();
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
                    Ok(Ok(n)) if n > 0 => head.extend_from_slice(&buf[..n]),
                    _ => return Err("no answer to the first request".into()),
                }
            }
        }
    }
    let quiet = Instant::now();
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return Ok(None),
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(Some(quiet.elapsed())),
            // The rest of the first answer's body, or an error response before closing.
            Ok(Ok(_)) => continue,
        }
    }
}

/// One `/healthz` request on a fresh connection: the status and how long it took.
async fn probe(addr: SocketAddr) -> (Option<u16>, Duration) {
    let started = Instant::now();
    let answer = tokio::time::timeout(PROBE_TIMEOUT, async {
        let mut stream = TcpStream::connect(addr).await.ok()?;
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .await
            .ok()?;
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while head.len() < 12 {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        std::str::from_utf8(head.get(9..12)?).ok()?.parse::<u16>().ok()
    })
    .await
    .ok()
    .flatten();
    (answer, started.elapsed())
}

fn seconds(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64())
}

#[tokio::main]
async fn main() {
    let options = parse_args();
    let addr = match &options.url {
        Some(url) => loopback_addr(url),
        None => {
            let config = ats_web::ServerConfig {
                access_log: false,
                max_connections: options
                    .max_connections
                    .unwrap_or(ats_web::ServerConfig::default().max_connections),
                ..ats_web::ServerConfig::default()
            };
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1:0");
            let addr = listener.local_addr().expect("local addr");
            let timeouts = (config.header_read_timeout, config.keep_alive_timeout);
            match ats_web::raise_fd_limit() {
                Ok(limit) => println!("open-file limit: {limit}"),
                Err(e) => println!("open-file limit: could not raise it ({e})"),
            }
            println!(
                "server: in-process on {addr}, header-read timeout {} s, keep-alive timeout {} s, connection cap {}",
                timeouts.0.as_secs_f64(),
                timeouts.1.as_secs_f64(),
                config.max_connections
            );
            let state = ats_web::AppState::new(&config);
            tokio::spawn(ats_web::serve_state(listener, state, std::future::pending()));
            addr
        }
    };

    let deadline = tokio::time::Instant::now() + Duration::from_secs(options.max_secs);
    let mut tasks = Vec::new();
    for (kind, count) in [
        (Kind::Idle, options.idle),
        (Kind::Half, options.half),
        (Kind::Kept, options.kept),
    ] {
        for i in 0..count {
            tasks.push((kind, tokio::spawn(stall(addr, kind, deadline))));
            // Paced, so that the kernel's accept queue does not overflow: a handshake it drops
            // there leaves a client socket that looks open but that the server never saw.
            if i % OPEN_BATCH == OPEN_BATCH - 1 {
                tokio::time::sleep(OPEN_PAUSE).await;
            }
        }
    }
    println!(
        "opened {} idle, {} half-header and {} kept-alive sockets to {addr}; probing /healthz every {} ms",
        options.idle,
        options.half,
        options.kept,
        PROBE_EVERY.as_millis()
    );

    // Probe until every stalled socket has been closed (or the time is up).
    let (done_tx, mut done) = tokio::sync::oneshot::channel::<()>();
    let prober = tokio::spawn(async move {
        let mut probes = Vec::new();
        loop {
            probes.push(probe(addr).await);
            tokio::select! {
                _ = &mut done => return probes,
                () = tokio::time::sleep(PROBE_EVERY) => {}
            }
        }
    });
    let mut results: Vec<(Kind, Result<Option<Duration>, String>)> = Vec::new();
    for (kind, task) in tasks {
        results.push((kind, task.await.unwrap_or_else(|e| Err(e.to_string()))));
    }
    let _ = done_tx.send(());
    let probes = prober.await.unwrap_or_default();
    let answered: Vec<Duration> = probes
        .iter()
        .filter(|(s, _)| *s == Some(200))
        .map(|(_, t)| *t)
        .collect();
    let slowest = answered.iter().max().copied().unwrap_or_default();
    println!(
        "/healthz while they were open: {} of {} probes answered 200 (slowest {:.1} ms){}",
        answered.len(),
        probes.len(),
        slowest.as_secs_f64() * 1e3,
        match probes.iter().find(|(s, _)| *s != Some(200)) {
            Some((Some(status), _)) => format!("; e.g. one answered {status}"),
            Some((None, _)) => format!("; e.g. one had no answer within {} s", PROBE_TIMEOUT.as_secs()),
            None => String::new(),
        }
    );

    for kind in [Kind::Idle, Kind::Half, Kind::Kept] {
        let of_kind: Vec<&Result<Option<Duration>, String>> =
            results.iter().filter(|(k, _)| *k == kind).map(|(_, r)| r).collect();
        if of_kind.is_empty() {
            continue;
        }
        let mut closed: Vec<Duration> = of_kind
            .iter()
            .filter_map(|r| r.as_ref().ok().copied().flatten())
            .collect();
        closed.sort();
        let open = of_kind.iter().filter(|r| matches!(r, Ok(None))).count();
        let failed: Vec<&String> = of_kind.iter().filter_map(|r| r.as_ref().err()).collect();
        let spread = if closed.is_empty() {
            String::new()
        } else {
            format!(
                " after {}–{} s (median {} s)",
                seconds(closed[0]),
                seconds(closed[closed.len() - 1]),
                seconds(closed[closed.len() / 2])
            )
        };
        println!(
            "{}: {} of {} closed by the server{spread}; {open} still open after {} s{}",
            kind.name(),
            closed.len(),
            of_kind.len(),
            options.max_secs,
            match failed.first() {
                Some(e) => format!("; {} not opened or refused (e.g. {e})", failed.len()),
                None => String::new(),
            }
        );
    }
}
