//! Flood benchmark for the analyze endpoint (not a test): valid and hostile uploads together.
//!
//! Starts the server in-process on a free 127.0.0.1 port with a 3 s request timeout, then sends
//! at the same time
//!
//! - valid uploads of the one-page lopdf résumé over keep-alive connections (each must be 200),
//! - hostile ones, each on its own connection: an 11 MB body, a PDF whose FlateDecode content
//!   stream inflates to 64 MiB, a DOCX whose `word/document.xml` inflates to 100 MiB, random
//!   garbage, a PNG, and slow bodies that trickle a few bytes every 100 ms for longer than the
//!   request timeout,
//!
//! while polling `GET /healthz` every 100 ms. Prints the valid requests' statuses and latency,
//! the hostile ones' statuses by kind, the health probe's worst latency and failures, and the
//! process's peak RSS (`VmHWM`, server and client together). Bounded in count (`-n`, `--scale`)
//! and in time (`--max-secs`, default 120); only loopback traffic.
//!
//! ```text
//! cargo run --release -p ats-web --example flood
//! cargo run --release -p ats-web --example flood -- -n 5000 --scale 2
//! cargo build --release && cargo run --release -p ats-web --example flood -- --worker-bin target/release/ats-check
//! ```
//!
//! `--worker-bin PATH` runs the server with `Isolation::Workers` (what `ats-check serve` does by
//! default): analyses go to `PATH worker` processes, whose memory is sampled from /proc and
//! printed next to this process's peak. `--arena-max N` caps glibc's malloc arenas
//! (`mallopt(M_ARENA_MAX, N)`, as `ats-check serve` does with 2) before the runtime starts.
//!
//! The bombs are written by hand as fixed-Huffman deflate streams (one literal, then
//! length-258/distance-1 matches), so building them costs well under a megabyte of memory and
//! the peak RSS printed is the server's doing, not the payload generator's.

#[path = "common/client.rs"]
mod client;
#[path = "../tests/common/fixtures.rs"]
mod fixtures;
#[path = "common/workers.rs"]
mod workers;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper::client::conn::http1;
use hyper::Request;
use hyper_util::rt::TokioIo;

/// Request timeout of the server under test: slow bodies must outlast it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a slow body keeps trickling (past the timeout).
const TRICKLE_FOR: Duration = Duration::from_secs(6);

struct Options {
    valid: usize,
    valid_connections: usize,
    scale: usize,
    max_secs: u64,
    /// Only the hostile kinds whose name contains this (e.g. `bomb`, `oversized`, `none`).
    only: Option<String>,
    /// Analysis slots (default: the number of cores, as the server's default).
    slots: Option<usize>,
    worker_bin: Option<std::path::PathBuf>,
    arena_max: Option<u32>,
}

fn usage() -> ! {
    eprintln!(
        "usage: flood [-n VALID] [-c VALID_CONNECTIONS] [--scale HOSTILE_MULTIPLIER] [--max-secs S] [--only KIND] [--slots N] \
         [--worker-bin PATH] [--arena-max N]"
    );
    std::process::exit(2);
}

fn parse_args() -> Options {
    let mut options = Options {
        valid: 3_000,
        valid_connections: 16,
        scale: 1,
        max_secs: 120,
        only: None,
        slots: None,
        worker_bin: None,
        arena_max: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "-n" => options.valid = value().parse().unwrap_or_else(|_| usage()),
            "-c" => options.valid_connections = value().parse().unwrap_or_else(|_| usage()),
            "--scale" => options.scale = value().parse().unwrap_or_else(|_| usage()),
            "--max-secs" => options.max_secs = value().parse().unwrap_or_else(|_| usage()),
            "--only" => options.only = Some(value()),
            "--slots" => options.slots = Some(value().parse().unwrap_or_else(|_| usage())),
            "--worker-bin" => options.worker_bin = Some(value().into()),
            "--arena-max" => options.arena_max = Some(value().parse().unwrap_or_else(|_| usage())),
            _ => usage(),
        }
    }
    options.valid = options.valid.clamp(1, 100_000);
    options.valid_connections = options.valid_connections.clamp(1, 256).min(options.valid);
    options.scale = options.scale.clamp(1, 10);
    options.max_secs = options.max_secs.clamp(5, 600);
    options
}

// ---------------------------------------------------------------------------------------------
// Payloads

/// Writes bits LSB-first, as deflate does.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn new() -> Self {
        Bits {
            out: Vec::new(),
            acc: 0,
            n: 0,
        }
    }
    fn put(&mut self, value: u64, len: u32) {
        self.acc |= value << self.n;
        self.n += len;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    /// A Huffman code: written most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = code.reverse_bits() >> (32 - len);
        self.put(reversed as u64, len);
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A raw deflate stream (one fixed-Huffman block) of `prefix` (ASCII) then `fill` repeated
/// `count` times: ~13 bits per 258 output bytes, i.e. a ~1:1,300 bomb.
fn deflate_bomb(prefix: &[u8], fill: u8, count: u64) -> Vec<u8> {
    assert!(fill < 144 && prefix.iter().all(|&b| b < 144) && count >= 1);
    let mut bits = Bits::new();
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = 01, fixed Huffman
    for &b in prefix.iter().chain(std::iter::once(&fill)) {
        bits.code(0x30 + b as u32, 8); // literals 0..=143: 8-bit codes from 0x30
    }
    let mut left = count - 1;
    while left >= 258 {
        bits.code(0xC0 + 5, 8); // length symbol 285 = 258 bytes, no extra bits
        bits.code(0, 5); // distance symbol 0 = 1 byte back
        left -= 258;
    }
    for _ in 0..left {
        bits.code(0x30 + fill as u32, 8);
    }
    bits.code(0, 7); // end of block (256)
    bits.finish()
}

fn crc32_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *slot = c;
    }
    table
}

/// CRC-32 of `prefix` followed by `fill` × `count`, without materialising it.
fn crc32_of(prefix: &[u8], fill: u8, count: u64) -> u32 {
    let table = crc32_table();
    let mut c = !0u32;
    let mut step = |b: u8| c = table[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    for &b in prefix {
        step(b);
    }
    for _ in 0..count {
        step(fill);
    }
    !c
}

/// Adler-32 of `fill` × `count` (closed form).
fn adler32_of(fill: u8, count: u64) -> u32 {
    const M: u128 = 65_521;
    let (n, c) = (count as u128, fill as u128);
    let a = (1 + n * c) % M;
    let b = (n + c * (n * (n + 1) / 2)) % M;
    ((b << 16) | a) as u32
}

/// A one-page PDF whose FlateDecode content stream inflates to `bytes` zero bytes.
fn pdf_bomb(bytes: u64) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};

    let mut zlib = vec![0x78, 0x01];
    zlib.extend(deflate_bomb(b"", 0, bytes));
    zlib.extend(adler32_of(0, bytes).to_be_bytes());

    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let content_id = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, zlib));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write PDF");
    out
}

/// One zip entry: name, method (0 stored, 8 deflated), CRC, compressed bytes, inflated size.
struct Entry {
    name: &'static str,
    method: u16,
    crc: u32,
    data: Vec<u8>,
    size: u64,
}

/// A zip archive (no zip64: every size must fit 32 bits).
fn zip(entries: &[Entry]) -> Vec<u8> {
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend(x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend(x.to_le_bytes());
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let size = u32::try_from(e.size).expect("no zip64");
        le32(&mut out, 0x0403_4b50);
        for x in [20, 0, e.method, 0, 0x21] {
            le16(&mut out, x); // version, flags, method, time, date (1980-01-01)
        }
        le32(&mut out, e.crc);
        le32(&mut out, e.data.len() as u32);
        le32(&mut out, size);
        le16(&mut out, e.name.len() as u16);
        le16(&mut out, 0);
        out.extend(e.name.as_bytes());
        out.extend(&e.data);

        le32(&mut central, 0x0201_4b50);
        for x in [20, 20, 0, e.method, 0, 0x21] {
            le16(&mut central, x); // made by, needed, flags, method, time, date
        }
        le32(&mut central, e.crc);
        le32(&mut central, e.data.len() as u32);
        le32(&mut central, size);
        le16(&mut central, e.name.len() as u16);
        for _ in 0..4 {
            le16(&mut central, 0); // extra, comment, disk, internal attributes
        }
        le32(&mut central, 0); // external attributes
        le32(&mut central, offset);
        central.extend(e.name.as_bytes());
    }
    let central_offset = out.len() as u32;
    out.extend(&central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, entries.len() as u16);
    le16(&mut out, entries.len() as u16);
    le32(&mut out, central.len() as u32);
    le32(&mut out, central_offset);
    le16(&mut out, 0);
    out
}

/// A DOCX whose `word/document.xml` is an XML prolog and `<w:body>` followed by `spaces`
/// spaces (deflated to ~1/1,300 of that).
fn docx_bomb(spaces: u64) -> Vec<u8> {
    let types: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let prefix: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>"#;
    zip(&[
        Entry {
            name: "[Content_Types].xml",
            method: 0,
            crc: crc32_of(types, b' ', 0),
            data: types.to_vec(),
            size: types.len() as u64,
        },
        Entry {
            name: "word/document.xml",
            method: 8,
            crc: crc32_of(prefix, b' ', spaces),
            data: deflate_bomb(prefix, b' ', spaces),
            size: prefix.len() as u64 + spaces,
        },
    ])
}

/// Deterministic pseudo-random bytes (xorshift), never starting with a known magic number.
fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut next = ats_testkit::xorshift(seed | 1);
    let mut out: Vec<u8> = (0..len).map(|_| next() as u8).collect();
    out[0] = 0xFE;
    out
}

fn form(file: &[u8]) -> Bytes {
    Bytes::from(fixtures::multipart(&[
        fixtures::Part::File("file", "resume", "application/octet-stream", file),
        fixtures::Part::Text("role", "ml-engineer"),
    ]))
}

// ---------------------------------------------------------------------------------------------
// Clients

fn peak_rss_mb() -> Option<f64> {
    workers::peak_rss_mb("self")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn open<B>(addr: SocketAddr) -> Result<http1::SendRequest<B>, Box<dyn std::error::Error + Send + Sync>>
where
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

#[derive(Default)]
struct Valid {
    latencies: Vec<Duration>,
    statuses: BTreeMap<String, usize>,
    errors: Vec<String>,
}

/// One keep-alive connection sending valid uploads until `total` are taken or the deadline.
async fn valid_worker(addr: SocketAddr, body: Bytes, next: Arc<AtomicUsize>, total: usize, deadline: Instant) -> Valid {
    let mut tally = Valid::default();
    let mut sender: Option<http1::SendRequest<Full<Bytes>>> = None;
    while Instant::now() < deadline && next.fetch_add(1, Ordering::Relaxed) < total {
        if sender.is_none() {
            match open(addr).await {
                Ok(s) => sender = Some(s),
                Err(e) => {
                    *tally.statuses.entry("connect-error".into()).or_default() += 1;
                    tally.errors.push(format!("connect: {e}"));
                    continue;
                }
            }
        }
        let Some(s) = sender.as_mut() else { continue };
        let started = Instant::now();
        let outcome = client::post_analyze(s, addr, &fixtures::multipart_content_type(), body.clone()).await;
        match outcome {
            Ok((status, bytes)) => {
                let ok = status == 200 && bytes.starts_with(b"{");
                *tally.statuses.entry(status.to_string()).or_default() += 1;
                if ok {
                    tally.latencies.push(started.elapsed());
                } else if tally.errors.len() < 3 {
                    tally.errors.push(format!(
                        "HTTP {status}: {}",
                        String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
                    ));
                }
            }
            Err(e) => {
                *tally.statuses.entry("io-error".into()).or_default() += 1;
                tally.errors.push(format!("request: {e}"));
                sender = None;
            }
        }
    }
    tally
}

/// How a hostile request is sent: all at once, or a few bytes every 100 ms.
#[derive(Clone, Copy)]
enum Pace {
    AllAtOnce,
    Trickle,
}

/// Sends one request on a fresh raw TCP connection (`Connection: close`) while reading the
/// answer, and returns its status line's code, or what went wrong. Writing may fail once the
/// server has answered early (413, 408) and closed: that is expected and ignored. Blocking
/// (std::net, a writer thread beside the reader); run it under `spawn_blocking`.
fn raw_request(addr: SocketAddr, body: Bytes, pace: Pace) -> Result<u16, String> {
    use std::io::{Read, Write};

    let stream = std::net::TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .map_err(|e| e.to_string())?;
    let mut writer = stream.try_clone().map_err(|e| e.to_string())?;
    let head = format!(
        "POST /api/v1/analyze HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        fixtures::multipart_content_type(),
        body.len()
    );
    let done = Arc::new(AtomicBool::new(false));
    let done_w = done.clone();
    let write = std::thread::spawn(move || -> std::io::Result<()> {
        writer.write_all(head.as_bytes())?;
        match pace {
            Pace::AllAtOnce => writer.write_all(&body)?,
            Pace::Trickle => {
                let started = Instant::now();
                for chunk in body.chunks(4) {
                    if started.elapsed() > TRICKLE_FOR || done_w.load(Ordering::Relaxed) {
                        break;
                    }
                    writer.write_all(chunk)?;
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        }
        // Dropping this clone does not close the socket: the reader still holds it.
        writer.flush()
    });
    let mut reader = stream;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let outcome = loop {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            Err(e) => break Err(format!("read: {e}")),
        };
        if n == 0 {
            break Err(format!("closed without a response ({} bytes read)", buf.len()));
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(line_end) = buf.windows(2).position(|w| w == b"\r\n") {
            let line = String::from_utf8_lossy(&buf[..line_end]).into_owned();
            break line
                .split_whitespace()
                .nth(1)
                .and_then(|code| code.parse::<u16>().ok())
                .ok_or(format!("bad status line {line:?}"));
        }
    };
    done.store(true, Ordering::Relaxed);
    let _ = reader.shutdown(std::net::Shutdown::Both);
    let _ = write.join();
    outcome
}

struct Hostile {
    kind: &'static str,
    body: Bytes,
    pace: Pace,
    count: usize,
    concurrency: usize,
}

#[derive(Default)]
struct HostileTally {
    statuses: BTreeMap<String, usize>,
    latencies: Vec<Duration>,
    errors: Vec<String>,
}

async fn hostile_worker(addr: SocketAddr, h: Arc<Hostile>, next: Arc<AtomicUsize>, deadline: Instant) -> HostileTally {
    let mut tally = HostileTally::default();
    while Instant::now() < deadline && next.fetch_add(1, Ordering::Relaxed) < h.count {
        let started = Instant::now();
        let (body, pace) = (h.body.clone(), h.pace);
        let outcome = tokio::task::spawn_blocking(move || raw_request(addr, body, pace))
            .await
            .unwrap_or_else(|e| Err(format!("client thread: {e}")));
        match outcome {
            Ok(status) => *tally.statuses.entry(status.to_string()).or_default() += 1,
            Err(e) => {
                *tally.statuses.entry("no-status".into()).or_default() += 1;
                if tally.errors.len() < 2 {
                    tally.errors.push(e);
                }
            }
        }
        tally.latencies.push(started.elapsed());
    }
    tally
}

#[derive(Default)]
struct Health {
    latencies: Vec<Duration>,
    failures: usize,
    errors: Vec<String>,
}

/// `GET /healthz` every 100 ms on one keep-alive connection (reopened after a failure), each
/// probe allowed 5 s.
async fn health_probe(addr: SocketAddr, stop: Arc<AtomicBool>) -> Health {
    let mut tally = Health::default();
    let mut sender: Option<http1::SendRequest<Empty<Bytes>>> = None;
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !stop.load(Ordering::Relaxed) {
        tick.tick().await;
        let started = Instant::now();
        let probe = async {
            if sender.is_none() {
                sender = Some(open(addr).await.map_err(|e| format!("connect: {e}"))?);
            }
            let s = sender.as_mut().expect("just opened");
            s.ready().await.map_err(|e| e.to_string())?;
            let request = Request::get("/healthz")
                .header(hyper::header::HOST, addr.to_string())
                .body(Empty::new())
                .expect("request");
            let response = s.send_request(request).await.map_err(|e| e.to_string())?;
            let status = response.status().as_u16();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| e.to_string())?
                .to_bytes();
            if status == 200 && body.as_ref() == br#"{"status":"ok"}"# {
                Ok(())
            } else {
                Err(format!("HTTP {status}"))
            }
        };
        let outcome = tokio::time::timeout(Duration::from_secs(5), probe)
            .await
            .unwrap_or_else(|_| Err("no answer within 5 s".into()));
        match outcome {
            Ok(()) => tally.latencies.push(started.elapsed()),
            Err(e) => {
                tally.failures += 1;
                if tally.errors.len() < 3 {
                    tally.errors.push(e);
                }
                sender = None;
            }
        }
    }
    tally
}

fn main() {
    let options = parse_args();
    println!("allocator: {}", workers::arenas(options.arena_max));
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
        .block_on(run(options));
}

async fn run(options: Options) {
    let rss_start = peak_rss_mb();
    let limits = ats_parse::Limits::default();
    let valid_pdf = fixtures::resume_pdf();
    let pdf_bomb = pdf_bomb(64 << 20);
    let docx_bomb = docx_bomb(100 << 20);
    // The bombs are real: show what the parser says to them (and that they are what they claim).
    let verdict = |bytes: &[u8]| match ats_parse::extract(bytes, &limits) {
        Ok(doc) => format!("read ({} chars)", doc.text.len()),
        Err(e) => format!("{e}"),
    };
    let mut oversized = b"%PDF-1.5\n".to_vec();
    oversized.extend(garbage(11_000_000, 7));
    let rss_built = peak_rss_mb();
    let (pdf_verdict, docx_verdict) = (verdict(&pdf_bomb), verdict(&docx_bomb));
    let rss_verdicts = peak_rss_mb();
    let scale = options.scale;
    let hostile = vec![
        Hostile {
            kind: "oversized (11 MB body)",
            body: form(&oversized),
            pace: Pace::AllAtOnce,
            count: 16 * scale,
            concurrency: 4,
        },
        Hostile {
            kind: "PDF FlateDecode bomb (64 MiB inflated)",
            body: form(&pdf_bomb),
            pace: Pace::AllAtOnce,
            count: 100 * scale,
            concurrency: 4,
        },
        Hostile {
            kind: "DOCX zip bomb (100 MiB document.xml)",
            body: form(&docx_bomb),
            pace: Pace::AllAtOnce,
            count: 100 * scale,
            concurrency: 4,
        },
        Hostile {
            kind: "random garbage (64 KB)",
            body: form(&garbage(64 * 1024, 42)),
            pace: Pace::AllAtOnce,
            count: 300 * scale,
            concurrency: 4,
        },
        Hostile {
            kind: "PNG header",
            body: form(fixtures::PNG_BYTES),
            pace: Pace::AllAtOnce,
            count: 300 * scale,
            concurrency: 4,
        },
        Hostile {
            kind: "slow body (4 B / 100 ms)",
            body: form(&valid_pdf),
            pace: Pace::Trickle,
            count: 16 * scale,
            concurrency: 8,
        },
    ];
    println!(
        "payloads: valid PDF {} B; PDF bomb {} B ({}); DOCX bomb {} B ({}); oversized {} B",
        valid_pdf.len(),
        pdf_bomb.len(),
        pdf_verdict,
        docx_bomb.len(),
        docx_verdict,
        hostile[0].body.len(),
    );
    let rss_payloads = peak_rss_mb();
    let fmt = |v: Option<f64>| v.map_or("unknown".to_string(), |mb| format!("{mb:.1} MB"));
    println!(
        "peak RSS before the server: {} after building the payloads, {} after extracting each bomb once \
         (one thread)",
        fmt(rss_built),
        fmt(rss_verdicts)
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    let config = ats_web::ServerConfig {
        access_log: false,
        request_timeout: REQUEST_TIMEOUT,
        isolation: workers::isolation(options.worker_bin.as_ref()),
        ..ats_web::ServerConfig::default()
    };
    let config = ats_web::ServerConfig {
        max_concurrent: options.slots.unwrap_or(config.max_concurrent).clamp(1, 64),
        ..config
    };
    println!(
        "server: in-process on {addr}, {} analysis slots, queue {}, body limit {} B, request timeout {:?}, \
         time budget {:?}, analyses {}",
        config.max_concurrent,
        config.queue,
        config.max_body_bytes,
        config.request_timeout,
        config.time_budget,
        match &config.isolation {
            ats_web::Isolation::Workers(w) => format!("in worker processes ({} worker)", w.program.display()),
            _ => "on the server's blocking threads".to_string(),
        }
    );
    let sampler = workers::WorkerSampler::start();
    tokio::spawn(ats_web::serve_with(listener, config, std::future::pending()));

    let stop = Arc::new(AtomicBool::new(false));
    let health = tokio::spawn(health_probe(addr, stop.clone()));
    tokio::time::sleep(Duration::from_millis(200)).await;

    let started = Instant::now();
    let deadline = started + Duration::from_secs(options.max_secs);
    let body = form(&valid_pdf);
    let next = Arc::new(AtomicUsize::new(0));
    let valid: Vec<_> = (0..options.valid_connections)
        .map(|_| tokio::spawn(valid_worker(addr, body.clone(), next.clone(), options.valid, deadline)))
        .collect();
    let results = Arc::new(Mutex::new(Vec::new()));
    let mut hostile_tasks = Vec::new();
    for h in hostile {
        if options
            .only
            .as_ref()
            .is_some_and(|only| !h.kind.contains(only.as_str()))
        {
            continue;
        }
        let h = Arc::new(h);
        let next = Arc::new(AtomicUsize::new(0));
        for _ in 0..h.concurrency {
            let (h2, next) = (h.clone(), next.clone());
            let results = results.clone();
            hostile_tasks.push(tokio::spawn(async move {
                let tally = hostile_worker(addr, h2.clone(), next, deadline).await;
                results.lock().expect("lock").push((h2.kind, tally));
            }));
        }
    }

    let mut all = Valid::default();
    for task in valid {
        let t = task.await.expect("valid task");
        all.latencies.extend(t.latencies);
        for (k, n) in t.statuses {
            *all.statuses.entry(k).or_default() += n;
        }
        all.errors.extend(t.errors);
    }
    let valid_elapsed = started.elapsed();
    for task in hostile_tasks {
        task.await.expect("hostile task");
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let health = health.await.expect("health task");

    all.latencies.sort();
    let sent = all.statuses.values().sum::<usize>();
    println!(
        "valid: {} of {} sent answered 200 in {:.1} s ({:.0}/s); statuses {:?}; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        all.latencies.len(),
        sent,
        valid_elapsed.as_secs_f64(),
        all.latencies.len() as f64 / valid_elapsed.as_secs_f64(),
        all.statuses,
        ms(percentile(&all.latencies, 50.0)),
        ms(percentile(&all.latencies, 99.0)),
        ms(all.latencies.last().copied().unwrap_or_default()),
    );
    for e in all.errors.iter().take(3) {
        println!("  e.g. {e}");
    }

    let mut by_kind: BTreeMap<&str, HostileTally> = BTreeMap::new();
    for (kind, t) in results.lock().expect("lock").drain(..) {
        let entry = by_kind.entry(kind).or_default();
        for (k, n) in t.statuses {
            *entry.statuses.entry(k).or_default() += n;
        }
        entry.latencies.extend(t.latencies);
        entry.errors.extend(t.errors);
    }
    println!("hostile (each on its own connection, all during the valid run):");
    for (kind, mut t) in by_kind {
        t.latencies.sort();
        println!(
            "  {kind}: statuses {:?}; p50 {:.0} ms, max {:.0} ms",
            t.statuses,
            ms(percentile(&t.latencies, 50.0)),
            ms(t.latencies.last().copied().unwrap_or_default()),
        );
        for e in t.errors.iter().take(2) {
            println!("    e.g. {e}");
        }
    }

    let mut h = health.latencies.clone();
    h.sort();
    println!(
        "healthz: {} probes ok, {} failed; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        h.len(),
        health.failures,
        ms(percentile(&h, 50.0)),
        ms(percentile(&h, 99.0)),
        ms(h.last().copied().unwrap_or_default()),
    );
    for e in &health.errors {
        println!("  e.g. {e}");
    }
    if options.worker_bin.is_some() {
        println!("workers: {}", sampler.finish());
    }
    println!(
        "peak RSS (VmHWM, server and client together): {} (before payloads {}, after building payloads {}); run {:.1} s",
        fmt(peak_rss_mb()),
        fmt(rss_start),
        fmt(rss_payloads),
        elapsed.as_secs_f64()
    );
}
