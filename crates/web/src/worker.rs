//! The second wall: analyses in long-lived worker processes with resource limits.
//!
//! In-process caps (`ats_parse::Limits`) bound what the parser means to do; they cannot bound a
//! path that skips a check, a stack overflow or an `abort`, which in-process take the whole
//! server down, nor a loop that never looks at the clock, which keeps a blocking thread and its
//! slot forever. With [`Isolation::Workers`] each analysis slot owns one worker process
//! (`ats-check worker`) started with `RLIMIT_AS`, `RLIMIT_CPU`, `RLIMIT_CORE = 0` and
//! `RLIMIT_FSIZE = 0`. The server writes the upload to the worker's stdin and reads the report
//! JSON (or an error) from its stdout, under a wall-clock watchdog. A worker that dies, answers
//! garbage or runs past the watchdog is killed and replaced; only the request it was serving
//! fails, with `422 analysis-aborted` or `422 timeout`.
//!
//! # Protocol
//!
//! Hand-written, length-prefixed frames over the two pipes. The messages have a handful of
//! fixed fields, one of them a binary file of up to 10 MB: JSON would need the file encoded
//! (base64, +33%), and a serialisation crate would be a new dependency for ~100 lines. Every
//! length is checked against a cap before anything is allocated for it, on both sides.
//!
//! Request (server → worker), integers little-endian:
//!
//! | field | bytes |
//! |---|---|
//! | magic `ATQ1` (a report) or `ATX1` (an ATS-safe DOCX of the file) | 4 |
//! | parser input cap (`Limits::max_input_bytes`) | u64 |
//! | parser time budget in ms | u64 |
//! | role id, UTF-8, empty = none | u32 length + bytes (≤ 1 KiB) |
//! | job posting: text, PDF or DOCX bytes, empty = none | u32 length + bytes (≤ 1 MiB) |
//! | the file | u64 length + bytes |
//!
//! The worker never loosens its own limits: it takes the smaller of each cap and its own. A file
//! over the cap is read past (not stored) and answered with the parser's `TooLarge` error.
//!
//! Response (worker → server):
//!
//! | field | bytes |
//! |---|---|
//! | magic `ATR1` | 4 |
//! | the worker's CPU time so far, ms | u64 |
//! | tag: 0 report, 1 error | u8 |
//! | report: the JSON (or the DOCX for `ATX1`) | u64 length + bytes (≤ [`WorkerConfig::max_response_bytes`]) |
//! | error: kind | u8 (1 file too large, 2 unsupported format, 3 unreadable, 4 unknown role, 5 internal) |
//! | error: code (for kind 3) | u16 length + bytes (≤ 64) |
//! | error: message | u32 length + bytes (≤ 64 KiB) |
//!
//! The error kinds are the [`ApiError`] variants an analysis can end in, so both modes answer
//! with the same status, code and message. A worker exits when its stdin closes.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};

use crate::ApiError;

const REQUEST_MAGIC: [u8; 4] = *b"ATQ1";
/// The same frame asking for an ATS-safe DOCX of the file instead of a report.
const EXPORT_MAGIC: [u8; 4] = *b"ATX1";
const RESPONSE_MAGIC: [u8; 4] = *b"ATR1";
/// Caps on the request's text fields as read by the worker (the server's own caps are lower).
const MAX_ROLE_WIRE_BYTES: u32 = 1024;
pub(crate) const MAX_JD_WIRE_BYTES: u32 = 1 << 20;
/// Caps on an error response as read by the server.
const MAX_CODE_BYTES: u16 = 64;
const MAX_MESSAGE_BYTES: u32 = 64 << 10;
/// How long a failed worker's stderr is read after its exit, for the crash message it wrote
/// last (a pipe of a dead process drains in microseconds; this only bounds a stuck reader).
const STDERR_DRAIN_WAIT: Duration = Duration::from_millis(100);
/// Longest line of a worker's stderr looked at in one piece (crash messages are one short line).
const MAX_LOG_LINE: u64 = 1024;

const KIND_FILE_TOO_LARGE: u8 = 1;
const KIND_UNSUPPORTED: u8 = 2;
const KIND_UNREADABLE: u8 = 3;
const KIND_UNKNOWN_ROLE: u8 = 4;
const KIND_INTERNAL: u8 = 5;

/// The `code`s of [`ApiError::Unreadable`] a worker may send back; anything else becomes
/// `unreadable`, so the server only ever answers with codes it documents.
const UNREADABLE_CODES: &[&str] = &[
    "empty",
    "malformed",
    "encrypted-pdf",
    "encrypted-docx",
    "limit-exceeded",
    "timeout",
    "unreadable",
    "no-text",
];

/// Where the server runs parsing and scoring.
#[derive(Debug, Clone, Default)]
pub enum Isolation {
    /// On blocking threads of the server process, under the slot semaphore. A crash in the
    /// parser (stack overflow, abort) ends the whole server. The default of
    /// [`crate::ServerConfig`], and what the library tests use.
    #[default]
    InProcess,
    /// In a pool of worker processes, one per analysis slot, each with resource limits and a
    /// wall-clock watchdog (see the module docs of `worker.rs` and `docs/api.md`).
    /// `ats-check serve` uses this unless given `--in-process`.
    Workers(WorkerConfig),
}

/// How worker processes are started and bounded.
///
/// The worker program must speak the protocol of [`run_worker`] on stdin/stdout (`ats-check
/// worker` does) and score with the same keyword sets as the server: the server checks the role
/// id against its own analyzer, the worker scores with its own.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The program to run, e.g. the `ats-check` binary.
    pub program: PathBuf,
    /// Its arguments, e.g. `["worker"]`.
    pub args: Vec<OsString>,
    /// `RLIMIT_AS`: address space of one worker, in bytes. A worker that needs more fails to
    /// allocate and aborts; its request is answered `422 analysis-aborted`. 0 leaves the limit
    /// unset. Default 512 MiB.
    pub memory_limit_bytes: u64,
    /// `RLIMIT_CPU`: CPU seconds one worker may use over its whole life. The server retires a
    /// worker (and starts a new one) before the next request could run into it, so the kernel
    /// only enforces it on a worker that the watchdog failed to stop. 0 leaves the limit unset.
    /// Default 60 s.
    pub cpu_limit_seconds: u64,
    /// How long past the time budget the server waits for a worker's answer before it kills the
    /// worker (SIGKILL) and answers `422 timeout`. The parser stops itself at its own budget,
    /// so the watchdog only fires on a worker that stopped checking the clock. Default 1 s.
    pub watchdog_margin: Duration,
    /// Largest report a worker may send back; a larger answer counts as a failed worker.
    /// Default 64 MiB (a report at the 2,000,000-character text cap is a few MB).
    pub max_response_bytes: u64,
}

impl WorkerConfig {
    /// Workers running `program args…` with the default limits.
    pub fn new(program: impl Into<PathBuf>, args: impl IntoIterator<Item = impl Into<OsString>>) -> Self {
        WorkerConfig {
            program: program.into(),
            args: args.into_iter().map(Into::into).collect(),
            memory_limit_bytes: 512 << 20,
            cpu_limit_seconds: 60,
            watchdog_margin: Duration::from_secs(1),
            max_response_bytes: 64 << 20,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The worker side

/// One request as the worker reads it.
struct WireRequest {
    kind: JobKind,
    limits: ats_parse::Limits,
    role: Option<String>,
    jd: Option<Vec<u8>>,
    file: WireFile,
}

enum WireFile {
    Bytes(Vec<u8>),
    /// Over the input cap: read past, never stored.
    TooLarge {
        size: u64,
        limit: u64,
    },
}

/// Serves analysis requests from `input` until it closes, writing one response per request to
/// `output`: the body of `ats-check worker`.
///
/// Résumé bytes and text go nowhere but `output`: nothing is logged, nothing written to a file.
/// A panic during an analysis is caught and answered as an internal error (the panic hook
/// installed here prints where it happened, never its message, which could quote the résumé);
/// anything worse ends the process, which the server notices and replaces.
///
/// Returns `Ok(())` when `input` ends between requests, and an error when a request is cut off
/// or breaks the protocol, or `output` cannot be written.
pub fn run_worker(
    mut input: impl Read,
    mut output: impl Write,
    analyzer: &ats_score::Analyzer,
    limits: &ats_parse::Limits,
) -> io::Result<()> {
    crate::install_private_panic_hook();
    while let Some(request) = read_request(&mut input, limits)? {
        let result = match request.file {
            WireFile::TooLarge { size, limit } => {
                Err(ApiError::from(ats_parse::ExtractError::TooLarge { size, limit }))
            }
            WireFile::Bytes(file) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match request.kind {
                JobKind::Analyze => crate::analyze::analyze_bytes(
                    analyzer,
                    &request.limits,
                    &file,
                    request.role.as_deref(),
                    request.jd.as_deref(),
                ),
                JobKind::Export => crate::analyze::export_bytes(&request.limits, &file),
            }))
            .unwrap_or(Err(ApiError::Internal)),
        };
        write_response(&mut output, cpu_millis(), &result)?;
        output.flush()?;
    }
    Ok(())
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("worker protocol: {what}"))
}

fn read_array<const N: usize>(input: &mut impl Read) -> io::Result<[u8; N]> {
    let mut buf = [0u8; N];
    input.read_exact(&mut buf)?;
    Ok(buf)
}

fn read_u32(input: &mut impl Read) -> io::Result<u32> {
    read_array(input).map(u32::from_le_bytes)
}

fn read_u64(input: &mut impl Read) -> io::Result<u64> {
    read_array(input).map(u64::from_le_bytes)
}

/// Reads a length-prefixed UTF-8 field of at most `max` bytes; empty is `None`.
fn read_text(input: &mut impl Read, max: u32, what: &str) -> io::Result<Option<String>> {
    let len = read_u32(input)?;
    if len > max {
        return Err(invalid(&format!("{what} field of {len} bytes, over {max}")));
    }
    let mut bytes = vec![0u8; len as usize];
    input.read_exact(&mut bytes)?;
    let text = String::from_utf8(bytes).map_err(|_| invalid(&format!("{what} field is not UTF-8")))?;
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// Reads a length-prefixed binary field of at most `max` bytes; empty is `None`.
fn read_bytes(input: &mut impl Read, max: u32, what: &str) -> io::Result<Option<Vec<u8>>> {
    let len = read_u32(input)?;
    if len > max {
        return Err(invalid(&format!("{what} field of {len} bytes, over {max}")));
    }
    let mut bytes = vec![0u8; len as usize];
    input.read_exact(&mut bytes)?;
    Ok(Some(bytes).filter(|b| !b.is_empty()))
}

/// The next request, or `None` when the input ends cleanly before one starts.
fn read_request(input: &mut impl Read, own: &ats_parse::Limits) -> io::Result<Option<WireRequest>> {
    let mut magic = [0u8; 4];
    let first = loop {
        match input.read(&mut magic[..1]) {
            Ok(n) => break n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    };
    if first == 0 {
        return Ok(None);
    }
    input.read_exact(&mut magic[1..])?;
    let kind = match magic {
        REQUEST_MAGIC => JobKind::Analyze,
        EXPORT_MAGIC => JobKind::Export,
        _ => return Err(invalid("bad request magic")),
    };
    let mut limits = own.clone();
    limits.max_input_bytes = limits.max_input_bytes.min(read_u64(input)?);
    limits.time_budget = limits.time_budget.min(Duration::from_millis(read_u64(input)?));
    let role = read_text(input, MAX_ROLE_WIRE_BYTES, "role")?;
    let jd = read_bytes(input, MAX_JD_WIRE_BYTES, "job posting")?;
    let size = read_u64(input)?;
    let file = if size > limits.max_input_bytes {
        let skipped = io::copy(&mut input.by_ref().take(size), &mut io::sink())?;
        if skipped != size {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        WireFile::TooLarge {
            size,
            limit: limits.max_input_bytes,
        }
    } else {
        let mut bytes = vec![0u8; size as usize];
        input.read_exact(&mut bytes)?;
        WireFile::Bytes(bytes)
    };
    Ok(Some(WireRequest {
        kind,
        limits,
        role,
        jd,
        file,
    }))
}

/// An analysis error as (kind, code, message) on the wire.
fn encode_error(err: &ApiError) -> (u8, &str, String) {
    match err {
        ApiError::FileTooLarge(message) => (KIND_FILE_TOO_LARGE, "", message.clone()),
        ApiError::UnsupportedFormat(message) => (KIND_UNSUPPORTED, "", message.clone()),
        ApiError::Unreadable { code, message } => (KIND_UNREADABLE, code, message.clone()),
        ApiError::UnknownRole(message) => (KIND_UNKNOWN_ROLE, "", message.clone()),
        _ => (KIND_INTERNAL, "", String::new()),
    }
}

fn decode_error(kind: u8, code: &str, message: String) -> ApiError {
    match kind {
        KIND_FILE_TOO_LARGE => ApiError::FileTooLarge(message),
        KIND_UNSUPPORTED => ApiError::UnsupportedFormat(message),
        KIND_UNREADABLE => ApiError::Unreadable {
            code: UNREADABLE_CODES
                .iter()
                .find(|known| **known == code)
                .copied()
                .unwrap_or("unreadable"),
            message,
        },
        KIND_UNKNOWN_ROLE => ApiError::UnknownRole(message),
        _ => ApiError::Internal,
    }
}

fn write_response(output: &mut impl Write, cpu_ms: u64, result: &Result<Vec<u8>, ApiError>) -> io::Result<()> {
    output.write_all(&RESPONSE_MAGIC)?;
    output.write_all(&cpu_ms.to_le_bytes())?;
    match result {
        Ok(json) => {
            output.write_all(&[0])?;
            output.write_all(&(json.len() as u64).to_le_bytes())?;
            output.write_all(json)
        }
        Err(err) => {
            let (kind, code, message) = encode_error(err);
            let code = &code.as_bytes()[..code.len().min(MAX_CODE_BYTES as usize)];
            let mut cut = message.len().min(MAX_MESSAGE_BYTES as usize);
            while !message.is_char_boundary(cut) {
                cut -= 1;
            }
            output.write_all(&[1, kind])?;
            output.write_all(&(code.len() as u16).to_le_bytes())?;
            output.write_all(code)?;
            output.write_all(&(cut as u32).to_le_bytes())?;
            output.write_all(&message.as_bytes()[..cut])
        }
    }
}

/// CPU time (user + system) this process has used, in milliseconds.
#[cfg(unix)]
fn cpu_millis() -> u64 {
    // SAFETY: an all-zero `rusage` is a valid value of this plain C struct, and getrusage only
    // writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid, writable rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0;
    }
    let ms = |t: libc::timeval| (t.tv_sec.max(0) as u64) * 1000 + (t.tv_usec.max(0) as u64) / 1000;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

#[cfg(not(unix))]
fn cpu_millis() -> u64 {
    0
}

// ---------------------------------------------------------------------------------------------
// The server side

/// What a worker makes of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JobKind {
    /// The report, as JSON.
    Analyze,
    /// An ATS-safe DOCX of the résumé.
    Export,
}

/// One upload to analyse, with the parser caps the server applies.
pub(crate) struct Job {
    pub(crate) kind: JobKind,
    pub(crate) file: Bytes,
    pub(crate) role: Option<String>,
    pub(crate) jd: Option<Bytes>,
    pub(crate) limits_input_bytes: u64,
    pub(crate) limits_time_budget: Duration,
}

impl Job {
    /// Everything of the request frame but the file's bytes.
    fn header(&self) -> Vec<u8> {
        let role = self.role.as_deref().unwrap_or("").as_bytes();
        let jd: &[u8] = self.jd.as_deref().unwrap_or(b"");
        let mut out = Vec::with_capacity(48 + role.len() + jd.len());
        out.extend_from_slice(match self.kind {
            JobKind::Analyze => &REQUEST_MAGIC,
            JobKind::Export => &EXPORT_MAGIC,
        });
        out.extend_from_slice(&self.limits_input_bytes.to_le_bytes());
        out.extend_from_slice(&(self.limits_time_budget.as_millis() as u64).to_le_bytes());
        out.extend_from_slice(&(role.len() as u32).to_le_bytes());
        out.extend_from_slice(role);
        out.extend_from_slice(&(jd.len() as u32).to_le_bytes());
        out.extend_from_slice(jd);
        out.extend_from_slice(&(self.file.len() as u64).to_le_bytes());
        out
    }
}

/// One running worker process and its pipes.
struct Worker {
    child: Child,
    /// The process id, kept for the log after the process has been reaped.
    pid: u32,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// The crash message recognised on its stderr, if any (see [`drain_stderr`]).
    said: Arc<Mutex<Option<String>>>,
    /// The task reading its stderr, which ends when the process does.
    stderr_drain: Option<tokio::task::JoinHandle<()>>,
}

/// A worker's answer to one request.
struct Answer {
    cpu_ms: u64,
    result: Result<Vec<u8>, ApiError>,
}

impl Worker {
    /// Starts one worker. Forks and execs, so it is called on a blocking thread; it must run
    /// inside the Tokio runtime (the pipes are registered with it).
    fn spawn(config: &WorkerConfig) -> io::Result<Worker> {
        let mut command = Command::new(&config.program);
        command
            .args(&config.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        #[cfg(unix)]
        {
            // A process group of its own: Ctrl-C in a terminal reaches the server, which
            // finishes the requests in flight, and not the workers serving them. A worker ends
            // when its stdin closes (the server exited or dropped it) or it is killed.
            command.process_group(0);
            let (memory, cpu) = (config.memory_limit_bytes, config.cpu_limit_seconds);
            // SAFETY: the closure runs in the child between fork and exec, where only
            // async-signal-safe functions may be called. It calls getrlimit(2)/setrlimit(2),
            // which are plain system calls, on values captured by copy: it allocates nothing,
            // takes no lock and touches no state shared with the parent.
            unsafe {
                command.pre_exec(move || set_rlimits(memory, cpu));
            }
        }
        let mut child = command.spawn()?;
        let missing = || io::Error::other("a worker pipe was not created");
        let stdin = child.stdin.take().ok_or_else(missing)?;
        let stdout = child.stdout.take().ok_or_else(missing)?;
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            // Pipes hold 64 KiB by default: a 661 KB upload then takes ten hand-offs between
            // the server and the worker, each a wake-up that waits for a core on a busy machine.
            // 1 MiB (the usual unprivileged maximum) takes most uploads in one. Best effort.
            use std::os::fd::AsRawFd;
            for fd in [stdin.as_raw_fd(), stdout.as_raw_fd()] {
                // SAFETY: F_SETPIPE_SZ on a pipe fd this function owns; failure changes nothing.
                unsafe { libc::fcntl(fd, libc::F_SETPIPE_SZ, 1 << 20) };
            }
        }
        let said = Arc::new(Mutex::new(None));
        let stderr_drain = child
            .stderr
            .take()
            .map(|stderr| tokio::spawn(drain_stderr(stderr, said.clone())));
        Ok(Worker {
            pid: child.id().unwrap_or(0),
            child,
            stdin,
            stdout: BufReader::new(stdout),
            said,
            stderr_drain,
        })
    }

    /// Whether the process has already ended (killed while idle, say).
    fn has_exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// The crash message its stderr showed, as ", after <what>", or nothing.
    fn what_it_said(&self) -> String {
        let said = self.said.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        said.as_ref()
            .map(|what| format!("; it reported: {what}"))
            .unwrap_or_default()
    }

    /// Sends one request and reads its answer. Any error means the worker can no longer be
    /// trusted to be in step with the protocol.
    async fn exchange(&mut self, job: &Job, max_response: u64) -> io::Result<Answer> {
        self.stdin.write_all(&job.header()).await?;
        self.stdin.write_all(&job.file).await?;
        self.stdin.flush().await?;

        let mut magic = [0u8; 4];
        self.stdout.read_exact(&mut magic).await?;
        if magic != RESPONSE_MAGIC {
            return Err(invalid("bad response magic"));
        }
        let cpu_ms = self.stdout.read_u64_le().await?;
        let result = match self.stdout.read_u8().await? {
            0 => {
                let len = self.stdout.read_u64_le().await?;
                if len > max_response {
                    return Err(invalid(&format!("a report of {len} bytes, over {max_response}")));
                }
                let mut json = Vec::new();
                (&mut self.stdout).take(len).read_to_end(&mut json).await?;
                if json.len() as u64 != len {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                Ok(json)
            }
            1 => {
                let kind = self.stdout.read_u8().await?;
                let code_len = self.stdout.read_u16_le().await?;
                if code_len > MAX_CODE_BYTES {
                    return Err(invalid("error code too long"));
                }
                let mut code = vec![0u8; code_len as usize];
                self.stdout.read_exact(&mut code).await?;
                let message_len = self.stdout.read_u32_le().await?;
                if message_len > MAX_MESSAGE_BYTES {
                    return Err(invalid("error message too long"));
                }
                let mut message = vec![0u8; message_len as usize];
                self.stdout.read_exact(&mut message).await?;
                let code = String::from_utf8_lossy(&code);
                Err(decode_error(
                    kind,
                    &code,
                    String::from_utf8_lossy(&message).into_owned(),
                ))
            }
            _ => return Err(invalid("bad response tag")),
        };
        Ok(Answer { cpu_ms, result })
    }

    /// Ends a worker that failed: waits briefly for the exit it was already making (so the log
    /// shows its own status, e.g. SIGABRT), then kills it.
    async fn end(mut self, wait_first: Duration) -> String {
        let how = match tokio::time::timeout(wait_first, self.child.wait()).await {
            Ok(Ok(status)) => describe(status),
            _ => {
                let _ = self.child.start_kill();
                match tokio::time::timeout(Duration::from_secs(2), self.child.wait()).await {
                    Ok(Ok(status)) => describe(status),
                    _ => "did not report its exit".to_string(),
                }
            }
        };
        // Its stderr ends with it: let the drain read the crash message it wrote last.
        if let Some(drain) = self.stderr_drain.take() {
            let _ = tokio::time::timeout(STDERR_DRAIN_WAIT, drain).await;
        }
        how
    }
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                libc::SIGABRT => " (SIGABRT: abort, e.g. a failed allocation or a stack overflow)",
                libc::SIGKILL => " (SIGKILL)",
                libc::SIGSEGV => " (SIGSEGV)",
                libc::SIGXCPU => " (SIGXCPU: CPU limit)",
                libc::SIGXFSZ => " (SIGXFSZ: tried to write a file)",
                _ => "",
            };
            return format!("was killed by signal {signal}{name}");
        }
    }
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => format!("ended ({status})"),
    }
}

/// Applies the worker's resource limits in the child before exec. Async-signal-safe: only
/// getrlimit/setrlimit, no allocation. A limit is never raised above the inherited hard limit
/// (that would fail without privileges).
#[cfg(unix)]
fn set_rlimits(memory: u64, cpu_seconds: u64) -> io::Result<()> {
    fn set(resource: RlimitResource, soft: u64, hard: u64) -> io::Result<()> {
        let mut old = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `old` is a valid, writable rlimit.
        if unsafe { libc::getrlimit(resource, &mut old) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // `rlim_t` is u64 on 64-bit Linux but not on every target: convert, saturating.
        #[allow(clippy::useless_conversion)]
        let to_rlim = |v: u64| libc::rlim_t::try_from(v).unwrap_or(libc::RLIM_INFINITY);
        let limit = libc::rlimit {
            rlim_cur: to_rlim(soft).min(old.rlim_max),
            rlim_max: to_rlim(hard).min(old.rlim_max),
        };
        // SAFETY: `limit` is a valid rlimit.
        if unsafe { libc::setrlimit(resource, &limit) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
    if memory > 0 {
        set(libc::RLIMIT_AS, memory, memory)?;
    }
    if cpu_seconds > 0 {
        // Past the soft limit the kernel sends SIGXCPU, past the hard one SIGKILL.
        set(libc::RLIMIT_CPU, cpu_seconds, cpu_seconds.saturating_add(1))?;
    }
    set(libc::RLIMIT_CORE, 0, 0)?;
    set(libc::RLIMIT_FSIZE, 0, 0)
}

/// The type `setrlimit` takes for its resource argument (it differs between C libraries).
#[cfg(all(unix, target_os = "linux", target_env = "gnu"))]
type RlimitResource = libc::__rlimit_resource_t;
#[cfg(all(unix, not(all(target_os = "linux", target_env = "gnu"))))]
type RlimitResource = libc::c_int;

/// Reads a worker's stderr so that the worker never blocks on a full pipe, without copying it
/// to the server's log: a crash with `RUST_BACKTRACE` set writes kilobytes per upload, and
/// the server logs one line per worker event instead ([`WorkerPool::analyze`]). What is kept is
/// a short, fixed description of the first crash message it recognises (never the worker's
/// own words, which a library could fill with document text). A pipe rather than the server's
/// own stderr, because `RLIMIT_FSIZE = 0` would kill a worker writing to a log file.
async fn drain_stderr(stderr: ChildStderr, said: Arc<Mutex<Option<String>>>) {
    let mut reader = BufReader::new(stderr);
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader).take(MAX_LOG_LINE).read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                if let Some(what) = recognise_crash(&line) {
                    let mut said = said.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    said.get_or_insert(what);
                }
            }
        }
    }
}

/// A fixed description of a crash message the Rust runtime or the worker's panic hook writes,
/// or None for any other line.
fn recognise_crash(line: &[u8]) -> Option<String> {
    let line = String::from_utf8_lossy(line);
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("memory allocation of ") {
        let bytes: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return Some(format!("an allocation of {bytes} bytes failed"));
    }
    if line.contains("has overflowed its stack") {
        return Some("stack overflow".to_string());
    }
    if let Some(rest) = line.strip_prefix("ats-web: internal panic at ") {
        // `file:line` of this workspace's code, as the hook prints it.
        let place: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '.' | ':'))
            .take(120)
            .collect();
        return Some(format!("panic at {place}"));
    }
    None
}

/// The answer to a request whose worker died or broke the protocol.
pub(crate) fn aborted_error() -> ApiError {
    ApiError::Unreadable {
        code: "analysis-aborted",
        message: "this file could not be analysed safely: reading it crashed the analysis or needed more memory \
                  than any résumé does; export it again from your editor as a simple PDF or DOCX and upload that"
            .to_string(),
    }
}

/// The worker processes: idle ones wait in `idle`; a request takes one while it holds an
/// analysis slot, so at most `size` are busy.
pub(crate) struct WorkerPool {
    config: WorkerConfig,
    size: usize,
    idle: Mutex<Vec<Worker>>,
}

impl WorkerPool {
    pub(crate) fn new(config: WorkerConfig, size: usize) -> Self {
        WorkerPool {
            config,
            size: size.max(1),
            idle: Mutex::new(Vec::new()),
        }
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        self.idle.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn idle_pids(&self) -> Vec<u32> {
        self.idle().iter().filter_map(|worker| worker.child.id()).collect()
    }

    /// Starts one worker per slot. Fails when the program cannot be started at all, so a
    /// misconfigured server stops at start instead of failing every upload.
    pub(crate) async fn start(&self) -> io::Result<()> {
        for _ in 0..self.size {
            let worker = self.spawn().await.map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "could not start the analysis worker {}: {e}",
                        self.config.program.display()
                    ),
                )
            })?;
            self.check_in(worker);
        }
        Ok(())
    }

    async fn spawn(&self) -> io::Result<Worker> {
        let config = self.config.clone();
        tokio::task::spawn_blocking(move || Worker::spawn(&config))
            .await
            .map_err(|_| io::Error::other("the task starting a worker failed"))?
    }

    /// Puts a worker back, unless enough are idle already.
    fn check_in(&self, worker: Worker) {
        let mut idle = self.idle();
        if idle.len() < self.size {
            idle.push(worker);
        }
    }

    /// An idle, live worker, or a new one.
    async fn check_out(&self) -> Result<Worker, ApiError> {
        loop {
            let Some(mut worker) = self.idle().pop() else { break };
            if !worker.has_exited() {
                return Ok(worker);
            }
            let pid = worker.pid;
            let said = worker.what_it_said();
            let how = worker.end(Duration::ZERO).await;
            eprintln!("ats-web: worker {pid}: {how} while idle{said}; replaced");
        }
        self.spawn().await.map_err(|e| {
            eprintln!(
                "ats-web: could not start an analysis worker ({}): {e}",
                self.config.program.display()
            );
            ApiError::Internal
        })
    }

    /// Starts a replacement in the background, so the next request does not wait for it.
    fn replenish(self: &Arc<Self>) {
        let pool = self.clone();
        tokio::spawn(async move {
            match pool.spawn().await {
                Ok(worker) => pool.check_in(worker),
                Err(e) => eprintln!(
                    "ats-web: could not start an analysis worker ({}): {e}",
                    pool.config.program.display()
                ),
            }
        });
    }

    /// Whether a worker that has used `cpu_ms` could run into its CPU limit on the next
    /// request (which may take up to the budget plus the watchdog margin).
    fn worn_out(&self, cpu_ms: u64, budget: Duration) -> bool {
        let limit = self.config.cpu_limit_seconds.saturating_mul(1000);
        let next = (budget + self.config.watchdog_margin).as_millis() as u64;
        limit > 0 && cpu_ms.saturating_add(next) >= limit
    }

    /// Runs one analysis in a worker: answers within `remaining` plus the watchdog margin
    /// whatever the worker does. `budget` is the whole time budget, named in a timeout message.
    pub(crate) async fn analyze(
        self: Arc<Self>,
        job: Job,
        remaining: Duration,
        budget: Duration,
    ) -> Result<Vec<u8>, ApiError> {
        let mut worker = self.check_out().await?;
        let pid = worker.pid;
        let started = Instant::now();
        let watchdog = remaining + self.config.watchdog_margin;
        let exchange = tokio::time::timeout(watchdog, worker.exchange(&job, self.config.max_response_bytes)).await;
        match exchange {
            Ok(Ok(answer)) => {
                if matches!(answer.result, Err(ApiError::Internal)) {
                    eprintln!(
                        "ats-web: worker {pid}: answered an internal error after {} ms{}",
                        started.elapsed().as_millis(),
                        worker.what_it_said()
                    );
                    worker.said.lock().unwrap_or_else(|p| p.into_inner()).take();
                }
                if self.worn_out(answer.cpu_ms, budget) {
                    eprintln!(
                        "ats-web: worker {pid}: retired after {} ms of CPU, near its {} s limit; replaced",
                        answer.cpu_ms, self.config.cpu_limit_seconds
                    );
                    drop(worker); // kill_on_drop: SIGKILL, reaped by Tokio in the background
                    self.replenish();
                } else {
                    self.check_in(worker);
                }
                answer.result
            }
            Ok(Err(err)) => {
                let took = started.elapsed().as_millis();
                let said = worker.said.clone();
                // The wait lets the process finish dying, and its stderr be read to the end.
                let how = worker.end(Duration::from_millis(200)).await;
                let said = said
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .as_ref()
                    .map(|what| format!("; it reported: {what}"))
                    .unwrap_or_default();
                eprintln!("ats-web: worker {pid}: {how} during an analysis, {took} ms in ({err}){said}; replaced");
                self.replenish();
                Err(aborted_error())
            }
            Err(_) => {
                let how = worker.end(Duration::ZERO).await;
                eprintln!(
                    "ats-web: worker {pid}: gave no answer within {} ms and was stopped (it {how}); replaced",
                    watchdog.as_millis()
                );
                self.replenish();
                Err(crate::analyze::timeout_error(budget))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request_bytes(job: &Job) -> Vec<u8> {
        let mut bytes = job.header();
        bytes.extend_from_slice(&job.file);
        bytes
    }

    fn job(file: &[u8], role: Option<&str>) -> Job {
        Job {
            kind: JobKind::Analyze,
            file: Bytes::copy_from_slice(file),
            role: role.map(str::to_string),
            jd: None,
            limits_input_bytes: 10_000_000,
            limits_time_budget: Duration::from_secs(2),
        }
    }

    /// Parses the worker's response frames the way the server does, without a process.
    fn read_answers(mut bytes: &[u8]) -> Vec<(u8, Vec<u8>)> {
        let mut answers = Vec::new();
        while !bytes.is_empty() {
            let magic: [u8; 4] = read_array(&mut bytes).unwrap();
            assert_eq!(magic, RESPONSE_MAGIC);
            let _cpu = read_u64(&mut bytes).unwrap();
            let [tag] = read_array::<1>(&mut bytes).unwrap();
            if tag == 0 {
                let len = read_u64(&mut bytes).unwrap() as usize;
                answers.push((0, bytes[..len].to_vec()));
                bytes = &bytes[len..];
            } else {
                let [kind] = read_array::<1>(&mut bytes).unwrap();
                let code_len = u16::from_le_bytes(read_array(&mut bytes).unwrap()) as usize;
                let code = bytes[..code_len].to_vec();
                bytes = &bytes[code_len..];
                let len = read_u32(&mut bytes).unwrap() as usize;
                let mut body = code;
                body.push(b'|');
                body.extend_from_slice(&bytes[..len]);
                bytes = &bytes[len..];
                answers.push((kind, body));
            }
        }
        answers
    }

    #[test]
    fn a_worker_answers_each_request_in_order_and_stops_at_end_of_input() {
        let analyzer = ats_score::Analyzer::builtin();
        let text =
            b"Jane Doe\njane@example.com\n\nEXPERIENCE\nEngineer, Acme | 2020 - Present\n- Built Python services";
        let mut input = request_bytes(&job(text, Some("ml-engineer")));
        input.extend(request_bytes(&job(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None)));
        input.extend(request_bytes(&job(b"", None)));
        let mut output = Vec::new();
        run_worker(&input[..], &mut output, &analyzer, &ats_parse::Limits::default()).unwrap();
        let answers = read_answers(&output);
        assert_eq!(answers.len(), 3);
        assert_eq!(answers[0].0, 0);
        let report: serde_json::Value = serde_json::from_slice(&answers[0].1).unwrap();
        assert_eq!(report["role"]["id"], "ml-engineer");
        assert_eq!(answers[1].0, KIND_UNSUPPORTED);
        assert_eq!(answers[2].0, KIND_UNREADABLE);
        assert!(answers[2].1.starts_with(b"empty|the file is empty"));
    }

    #[test]
    fn an_export_request_is_answered_with_the_docx_and_an_analysis_after_it_with_a_report() {
        let analyzer = ats_score::Analyzer::builtin();
        let text =
            b"Jane Doe\njane@example.com\n\nEXPERIENCE\nEngineer, Acme | 2020 - Present\n- Built Python services";
        let mut export = job(text, None);
        export.kind = JobKind::Export;
        // A file with no word has nothing to export: refused, and the code survives the pipe.
        let mut no_text = job(b"- - -\n* * *\n", None);
        no_text.kind = JobKind::Export;
        let mut input = request_bytes(&export);
        input.extend(request_bytes(&job(text, None)));
        input.extend(request_bytes(&no_text));
        let mut output = Vec::new();
        run_worker(&input[..], &mut output, &analyzer, &ats_parse::Limits::default()).unwrap();
        let answers = read_answers(&output);
        assert_eq!(answers.len(), 3);
        assert_eq!(answers[2].0, KIND_UNREADABLE);
        assert!(answers[2].1.starts_with(b"no-text|nothing to export"));
        let decoded = decode_error(KIND_UNREADABLE, "no-text", "nothing to export".into());
        assert_eq!((decoded.status().as_u16(), decoded.code()), (422, "no-text"));
        assert_eq!(answers[0].0, 0);
        let docx = ats_parse::extract(&answers[0].1, &ats_parse::Limits::default()).unwrap();
        assert_eq!(docx.format, ats_parse::Format::Docx);
        assert!(docx.text.contains("jane@example.com"), "{}", docx.text);
        let report: serde_json::Value = serde_json::from_slice(&answers[1].1).unwrap();
        assert_eq!(report["contact"]["email"], "jane@example.com");
    }

    #[test]
    fn a_binary_job_posting_crosses_the_pipe_and_is_parsed_in_the_worker() {
        let analyzer = ats_score::Analyzer::builtin();
        // Long enough to be judged (a shorter file is stopped before any posting match).
        let text = b"Jane Doe\njane@example.com\n\nSUMMARY\nBackend engineer who builds the services a small \
            data team depends on, from ingestion jobs to the APIs that serve their results, and who keeps \
            them fast, tested and cheap to run for the people who use them every day.\n\nEXPERIENCE\n\
            Engineer, Acme | 2020 - Present\n- Built Python services that answer 2,000 requests a second";
        // A posting as a DOCX: binary bytes, not text, cross the pipe.
        let docx = {
            use docx_rs::{Docx, Paragraph, Run};
            let mut out = std::io::Cursor::new(Vec::new());
            Docx::new()
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Data Engineer")))
                .add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text("Requirements: Python, Kafka and Snowflake")),
                )
                .build()
                .pack(&mut out)
                .expect("write DOCX");
            out.into_inner()
        };
        let mut with_posting = job(text, None);
        with_posting.jd = Some(Bytes::from(docx));
        // A posting that is a cut-off PDF: the error names the posting.
        let mut bad_posting = job(text, None);
        bad_posting.jd = Some(Bytes::from_static(b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog"));
        let mut input = request_bytes(&with_posting);
        input.extend(request_bytes(&bad_posting));
        let mut output = Vec::new();
        run_worker(&input[..], &mut output, &analyzer, &ats_parse::Limits::default()).unwrap();
        let answers = read_answers(&output);
        assert_eq!(answers[0].0, 0);
        let report: serde_json::Value = serde_json::from_slice(&answers[0].1).unwrap();
        let missing: Vec<&str> = report["job_match"]["missing"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["term"].as_str())
            .collect();
        assert!(
            missing.contains(&"Kafka") && missing.contains(&"Snowflake"),
            "{missing:?}"
        );
        assert_eq!(answers[1].0, KIND_UNREADABLE);
        assert!(String::from_utf8_lossy(&answers[1].1).contains("the job posting"));
    }

    #[test]
    fn a_file_over_the_cap_is_skipped_and_answered_too_large() {
        let analyzer = ats_score::Analyzer::builtin();
        let mut big = job(&[b'a'; 5000], None);
        big.limits_input_bytes = 1000;
        let mut input = request_bytes(&big);
        input.extend(request_bytes(&job(b"", None)));
        let mut output = Vec::new();
        run_worker(&input[..], &mut output, &analyzer, &ats_parse::Limits::default()).unwrap();
        let answers = read_answers(&output);
        assert_eq!(answers.len(), 2, "the worker stays in step after skipping the file");
        assert_eq!(answers[0].0, KIND_FILE_TOO_LARGE);
        assert!(String::from_utf8_lossy(&answers[0].1).contains("5 KB, over the 1 KB limit"));
        assert_eq!(answers[1].0, KIND_UNREADABLE);
    }

    #[test]
    fn a_cut_off_or_foreign_request_is_an_error_not_an_answer() {
        let analyzer = ats_score::Analyzer::builtin();
        let whole = request_bytes(&job(b"some text", None));
        let mut output = Vec::new();
        let cut = run_worker(
            &whole[..whole.len() - 3],
            &mut output,
            &analyzer,
            &ats_parse::Limits::default(),
        );
        assert_eq!(cut.unwrap_err().kind(), io::ErrorKind::UnexpectedEof);
        assert!(output.is_empty());
        let foreign = run_worker(
            &b"GET / HTTP/1.1\r\n"[..],
            &mut output,
            &analyzer,
            &ats_parse::Limits::default(),
        );
        assert_eq!(foreign.unwrap_err().kind(), io::ErrorKind::InvalidData);
        let mut huge_role = REQUEST_MAGIC.to_vec();
        huge_role.extend(10_000_000u64.to_le_bytes());
        huge_role.extend(2000u64.to_le_bytes());
        huge_role.extend(u32::MAX.to_le_bytes());
        let refused = run_worker(&huge_role[..], &mut output, &analyzer, &ats_parse::Limits::default());
        assert_eq!(refused.unwrap_err().kind(), io::ErrorKind::InvalidData);
        assert!(output.is_empty());
    }

    #[test]
    fn only_known_crash_messages_reach_the_log_and_only_as_fixed_words() {
        assert_eq!(
            recognise_crash(b"memory allocation of 1073741824 bytes failed\n").as_deref(),
            Some("an allocation of 1073741824 bytes failed")
        );
        assert_eq!(
            recognise_crash(b"\nthread 'main' has overflowed its stack\n").as_deref(),
            Some("stack overflow")
        );
        assert_eq!(
            recognise_crash(
                b"ats-web: internal panic at crates/parse/src/pdf/text.rs:120:9 (message withheld: it may quote a r\xc3\xa9sum\xc3\xa9)"
            )
            .as_deref(),
            Some("panic at crates/parse/src/pdf/text.rs:120:9")
        );
        // A backtrace line, or anything a library might print with document text in it.
        for other in [
            &b"   0: std::backtrace_rs::backtrace::libunwind::trace"[..],
            b"warning: Jane Doe, jane.doe@example.com",
            b"fatal runtime error: stack overflow",
        ] {
            assert_eq!(recognise_crash(other), None);
        }
    }

    #[test]
    fn errors_keep_their_kind_code_and_message_across_the_pipe() {
        let cases = [
            ApiError::FileTooLarge("too big".into()),
            ApiError::UnsupportedFormat("a PNG".into()),
            ApiError::Unreadable {
                code: "encrypted-pdf",
                message: "locked".into(),
            },
            ApiError::UnknownRole("unknown role 'x'".into()),
            ApiError::Internal,
        ];
        for err in cases {
            let (kind, code, message) = encode_error(&err);
            let back = decode_error(kind, code, message);
            assert_eq!(
                (back.status(), back.code(), back.to_string()),
                (err.status(), err.code(), err.to_string())
            );
        }
        let unknown = decode_error(KIND_UNREADABLE, "made-up", "m".into());
        assert_eq!(unknown.code(), "unreadable");
    }
}
