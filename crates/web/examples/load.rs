//! Load benchmark for the analyze endpoint (not a test).
//!
//! Starts the server in-process on a free loopback port (or targets `--url`, which must be a
//! loopback address), then sends `-n` uploads (default 5,000) of a two-page résumé over `-c`
//! keep-alive connections (default 64), bounded in count and in time (`--max-secs`, default
//! 120). Prints the share of uploads answered 200, throughput, p50/p99 latency, the other
//! statuses, CPU per analysis and peak RSS — of the server and of its worker processes.
//!
//! ```text
//! cargo run --release -p ats-web --example load
//! cargo run --release -p ats-web --example load -- -n 20000 -c 256
//! cargo build --release && cargo run --release -p ats-web --example load -- -c 256 --worker-bin target/release/ats-check
//! target/release/ats-check serve & cargo run --release -p ats-web --example load -- -c 256 --url http://127.0.0.1:8080 --server-pid $!
//! ```
//!
//! `--worker-bin PATH` runs the in-process server with `Isolation::Workers` (what `ats-check
//! serve` does by default): analyses go to `PATH worker` processes. Their CPU and memory are
//! read from /proc and counted with the server's: the worker processes are the children of
//! this process, or with `--url` of `--server-pid`. `--arena-max N` caps glibc's malloc arenas
//! (`mallopt(M_ARENA_MAX, N)`, as `ats-check serve` does with 2) before the runtime starts.
//!
//! The upload (`--format`): `pdf`, a two-page résumé built here with the parser tests' lopdf
//! writer (five jobs, projects, skills; the default); `sample`, the shipped one-page
//! `samples/jordan-lee-ml-engineer.pdf`; `fixture`, the 1.9 KB one-page test fixture; `docx`;
//! `text`.

#[path = "common/client.rs"]
mod client;
#[path = "../tests/common/fixtures.rs"]
mod fixtures;
#[path = "common/resume.rs"]
mod resume;
#[path = "common/workers.rs"]
mod workers;

// The PDF assembler comes with the fixtures (a file may be a module once).
use fixtures::pdfgen;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::Full;
use hyper::client::conn::http1;

use hyper_util::rt::TokioIo;

struct Options {
    url: Option<String>,
    requests: usize,
    concurrency: usize,
    format: String,
    role: String,
    max_secs: u64,
    access_log: bool,
    server_pid: Option<u32>,
    worker_bin: Option<std::path::PathBuf>,
    arena_max: Option<u32>,
}

const USAGE: &str = "usage: load [-n REQUESTS] [-c CONNECTIONS] [--format pdf|sample|fixture|docx|text] [--role ID] \
[--max-secs S] [--url http://127.0.0.1:PORT [--server-pid PID]] [--log] [--worker-bin PATH] [--arena-max N]";

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2);
}

fn parse_args() -> Options {
    let mut options = Options {
        url: None,
        requests: 5_000,
        concurrency: 64,
        format: "pdf".into(),
        role: "ml-engineer".into(),
        max_secs: 120,
        access_log: false,
        server_pid: None,
        worker_bin: None,
        arena_max: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "-n" | "--requests" => options.requests = value().parse().unwrap_or_else(|_| usage()),
            "-c" | "--concurrency" => options.concurrency = value().parse().unwrap_or_else(|_| usage()),
            "--format" => options.format = value(),
            "--role" => options.role = value(),
            "--max-secs" => options.max_secs = value().parse().unwrap_or_else(|_| usage()),
            "--url" => options.url = Some(value()),
            "--log" => options.access_log = true,
            "--server-pid" => options.server_pid = Some(value().parse().unwrap_or_else(|_| usage())),
            "--worker-bin" => options.worker_bin = Some(value().into()),
            "--arena-max" => options.arena_max = Some(value().parse().unwrap_or_else(|_| usage())),
            _ => usage(),
        }
    }
    // Bounded: at most a million requests and ten minutes, whatever was asked.
    options.requests = options.requests.clamp(1, 1_000_000);
    options.concurrency = options.concurrency.clamp(1, 1_024).min(options.requests);
    options.max_secs = options.max_secs.clamp(1, 600);
    options
}

/// Only loopback targets: this benchmark never sends traffic off the machine.
fn loopback_addr(url: &str) -> SocketAddr {
    let rest = url.strip_prefix("http://").unwrap_or_else(|| {
        eprintln!("load: --url must start with http://");
        std::process::exit(2)
    });
    let hostport = rest.split('/').next().unwrap_or_default();
    let hostport = hostport.replace("localhost", "127.0.0.1");
    let addr: SocketAddr = hostport.parse().unwrap_or_else(|_| {
        eprintln!("load: --url needs an IP and a port, e.g. http://127.0.0.1:8080");
        std::process::exit(2)
    });
    if !addr.ip().is_loopback() {
        eprintln!("load: refusing {addr}: only loopback addresses (127.0.0.0/8, ::1) are targets");
        std::process::exit(2);
    }
    addr
}

/// The file to upload and what it is.
fn payload(format: &str) -> (Vec<u8>, String) {
    let pages = |bytes: &[u8]| {
        ats_parse::extract(bytes, &ats_parse::Limits::default())
            .map(|doc| doc.pages)
            .unwrap_or(0)
    };
    match format {
        "pdf" => {
            let pdf = resume::two_page_pdf();
            let what = format!("{}-page PDF résumé (lopdf writer, Helvetica)", pages(&pdf));
            (pdf, what)
        }
        "sample" => (
            include_bytes!("../../../samples/jordan-lee-ml-engineer.pdf").to_vec(),
            "one-page PDF (samples/jordan-lee-ml-engineer.pdf)".into(),
        ),
        "fixture" => (fixtures::resume_pdf(), "one-page PDF test fixture".into()),
        "docx" => (fixtures::resume_docx(), "DOCX (docx-rs)".into()),
        "text" => (fixtures::resume_text().into_bytes(), "plain text".into()),
        _ => usage(),
    }
}

/// Median time of one in-process analysis (parse, score, serialise), without HTTP: the floor
/// under the per-request latency.
fn analysis_cost(file: &[u8], role: &str) -> (Duration, Duration, Duration) {
    let analyzer = ats_score::Analyzer::builtin();
    let limits = ats_parse::Limits::default();
    let request = ats_score::Request {
        role: Some(role),
        job_posting: None,
        today: None,
    };
    let (mut parse, mut score, mut json) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..200 {
        let t = Instant::now();
        let doc = ats_parse::extract(file, &limits).expect("the payload parses");
        parse.push(t.elapsed());
        let t = Instant::now();
        let report = analyzer.analyze(&doc, &request).expect("a known role");
        score.push(t.elapsed());
        let t = Instant::now();
        let bytes = serde_json::to_vec(&report).expect("serialise");
        json.push(t.elapsed());
        std::hint::black_box(bytes);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    (median(&mut parse), median(&mut score), median(&mut json))
}

/// User + system CPU time of this process so far, from `/proc/self/stat` (clock ticks at the
/// usual 100 Hz).
fn cpu_time(pid: &str) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    failures: usize,
    statuses: std::collections::BTreeMap<u16, usize>,
    errors: Vec<String>,
}

async fn connection(
    addr: SocketAddr,
    body: Bytes,
    content_type: String,
    next: Arc<AtomicUsize>,
    total: usize,
    deadline: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let mut sender = None;
    while Instant::now() < deadline {
        if next.fetch_add(1, Ordering::Relaxed) >= total {
            break;
        }
        if sender.is_none() {
            match open(addr).await {
                Ok(s) => sender = Some(s),
                Err(e) => {
                    tally.failures += 1;
                    tally.errors.push(format!("connect: {e}"));
                    continue;
                }
            }
        }
        let Some(s) = sender.as_mut() else { continue };
        let started = Instant::now();
        let outcome = client::post_analyze(s, addr, &content_type, body.clone()).await;
        let elapsed = started.elapsed();
        match outcome {
            Ok((status, bytes)) => {
                *tally.statuses.entry(status).or_default() += 1;
                if status == 200 && bytes.starts_with(b"{") {
                    tally.latencies.push(elapsed);
                } else {
                    tally.failures += 1;
                    if tally.errors.len() < 3 {
                        tally.errors.push(format!(
                            "HTTP {status}: {}",
                            String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
                        ));
                    }
                }
            }
            Err(e) => {
                tally.failures += 1;
                tally.errors.push(format!("request: {e}"));
                sender = None;
            }
        }
    }
    tally
}

async fn open(addr: SocketAddr) -> Result<http1::SendRequest<Full<Bytes>>, Box<dyn std::error::Error>> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() {
    let options = parse_args();
    let arenas = workers::arenas(options.arena_max);
    println!("allocator: {arenas}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run(options));
}

async fn run(options: Options) {
    let (file, what) = payload(&options.format);
    let role = options.role.clone();
    let body = Bytes::from(fixtures::multipart(&[
        fixtures::Part::File("file", "resume", "application/octet-stream", &file),
        fixtures::Part::Text("role", &role),
    ]));

    let (addr, in_process) = match &options.url {
        Some(url) => (loopback_addr(url), false),
        None => {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1:0");
            let addr = listener.local_addr().expect("local addr");
            let config = ats_web::ServerConfig {
                access_log: options.access_log,
                isolation: workers::isolation(options.worker_bin.as_ref()),
                ..ats_web::ServerConfig::default()
            };
            println!(
                "server: in-process, {} analysis slots, queue {}, access log {}, analyses {}",
                config.max_concurrent,
                config.queue,
                if options.access_log { "on" } else { "off" },
                match &config.isolation {
                    ats_web::Isolation::Workers(w) => format!("in worker processes ({} worker)", w.program.display()),
                    _ => "on the server's blocking threads".to_string(),
                }
            );
            let state = ats_web::AppState::new(&config);
            let (ready_tx, ready) = tokio::sync::oneshot::channel();
            tokio::spawn(async move {
                let served = ats_web::serve_state(listener, state, std::future::pending()).await;
                let _ = ready_tx.send(served);
            });
            // Workers are started before the server listens: a start-up error ends the run.
            if let Ok(Ok(Err(e))) = tokio::time::timeout(Duration::from_millis(500), ready).await {
                eprintln!("load: the server did not start: {e}");
                std::process::exit(1);
            }
            (addr, true)
        }
    };

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "load: {} uploads of a {} ({} bytes, role {}) over {} connections to {} ({} cores{})",
        options.requests,
        what,
        file.len(),
        role,
        options.concurrency,
        addr,
        cores,
        if in_process { ", server in-process" } else { "" }
    );

    let (parse, score, json) = analysis_cost(&file, &role);
    println!(
        "one analysis in-process (median of 200, no HTTP): parse {:.2} ms + score {:.2} ms + JSON {:.2} ms",
        parse.as_secs_f64() * 1e3,
        score.as_secs_f64() * 1e3,
        json.as_secs_f64() * 1e3
    );

    // Warm-up: one request, not counted.
    let warm = connection(
        addr,
        body.clone(),
        fixtures::multipart_content_type(),
        Arc::new(AtomicUsize::new(0)),
        1,
        Instant::now() + Duration::from_secs(10),
    )
    .await;
    if warm.failures > 0 {
        eprintln!("load: warm-up request failed: {:?}", warm.errors);
        std::process::exit(1);
    }

    let next = Arc::new(AtomicUsize::new(0));
    // Whose CPU and memory to report: this process (server in-process), or the server's.
    let measured = match options.server_pid {
        Some(pid) if !in_process => pid.to_string(),
        _ => "self".to_string(),
    };
    let who = if in_process {
        "server and client"
    } else if measured != "self" {
        "server process"
    } else {
        "client only"
    };
    // The worker processes are the children of the server: this process, or `--server-pid`.
    let worker_parent = if in_process {
        Some(std::process::id())
    } else {
        options.server_pid
    };
    let sampler = worker_parent.map(workers::WorkerSampler::start_for);
    let workers_cpu = || worker_parent.map_or(Duration::ZERO, workers::children_cpu_of);
    let cpu_before = cpu_time(&measured);
    let workers_cpu_before = workers_cpu();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(options.max_secs);
    let tasks: Vec<_> = (0..options.concurrency)
        .map(|_| {
            tokio::spawn(connection(
                addr,
                body.clone(),
                fixtures::multipart_content_type(),
                next.clone(),
                options.requests,
                deadline,
            ))
        })
        .collect();
    let mut all = Tally::default();
    for task in tasks {
        let tally = task.await.expect("client task");
        all.latencies.extend(tally.latencies);
        all.failures += tally.failures;
        for (status, n) in tally.statuses {
            *all.statuses.entry(status).or_default() += n;
        }
        all.errors.extend(tally.errors);
    }
    let elapsed = started.elapsed();
    let cpu_used = cpu_before.zip(cpu_time(&measured)).map(|(a, b)| b.saturating_sub(a));
    let workers_cpu = workers_cpu().saturating_sub(workers_cpu_before);
    all.latencies.sort();
    let done = all.latencies.len();
    let not_sent = options.requests.saturating_sub(done + all.failures);

    let sent = done + all.failures;
    println!(
        "answered 200: {} of {} sent ({:.1}%)",
        done,
        sent,
        if sent > 0 {
            100.0 * done as f64 / sent as f64
        } else {
            0.0
        }
    );
    println!(
        "throughput: {:.0} analyses/s ({} ok in {:.2} s)",
        done as f64 / elapsed.as_secs_f64(),
        done,
        elapsed.as_secs_f64()
    );
    println!(
        "latency: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&all.latencies, 50.0).as_secs_f64() * 1e3,
        percentile(&all.latencies, 90.0).as_secs_f64() * 1e3,
        percentile(&all.latencies, 99.0).as_secs_f64() * 1e3,
        all.latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
    println!(
        "failures: {} (statuses {:?}){}",
        all.failures,
        all.statuses,
        if not_sent > 0 {
            format!(", {not_sent} not sent before the {} s limit", options.max_secs)
        } else {
            String::new()
        }
    );
    // In workers mode the analyses' CPU is the workers', counted on top of this process's.
    let cpu_used = cpu_used.map(|cpu| cpu + workers_cpu);
    let cpu_who = if workers_cpu > Duration::ZERO {
        format!("{who} and workers")
    } else {
        who.to_string()
    };
    if let Some(cpu) = cpu_used.filter(|_| done > 0) {
        let per = cpu.as_secs_f64() * 1e3 / done as f64;
        if workers_cpu > Duration::ZERO {
            println!(
                "cpu in the workers: {:.2} ms per analysis",
                workers_cpu.as_secs_f64() * 1e3 / done as f64
            );
        }
        println!(
            "cpu: {:.2} ms per analysis ({}): {:.1} of {} cores busy on average; at this cost {} free cores would serve ~{:.0} analyses/s",
            per,
            cpu_who,
            cpu.as_secs_f64() / elapsed.as_secs_f64(),
            cores,
            cores,
            cores as f64 / per * 1e3,
        );
    }
    for error in all.errors.iter().take(3) {
        println!("  e.g. {error}");
    }
    match workers::peak_rss_mb(&measured) {
        Some(mb) => println!("peak RSS: {mb:.1} MB (VmHWM, {who})"),
        None => println!("peak RSS: unknown (no /proc/{measured}/status)"),
    }
    if let Some(sampler) = sampler {
        println!("workers: {}", sampler.finish());
    }
}
