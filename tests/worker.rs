//! The worker-process wall (issue 7 §3): the server with `Isolation::Workers` running the real
//! `ats-check worker` answers exactly as in process; a worker that dies, runs out of memory or
//! hangs costs only its own request (422) and is replaced; the watchdog kills a hung worker; and
//! `ats-check serve` runs its analyses in limited workers that create no file.

#[path = "../crates/web/tests/common/fixtures.rs"]
mod fixtures;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use ats_web::{AppState, Isolation, ServerConfig, WorkerConfig};

use crate::privacy::{check_server_privacy, fresh_dir, http};

const BIN: &str = env!("CARGO_BIN_EXE_ats-check");

/// A server running in this process on a free port, stopped when dropped (which also stops
/// its workers).
struct TestServer {
    addr: SocketAddr,
    state: AppState,
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestServer {
    fn start(config: ServerConfig) -> TestServer {
        Self::try_start(config).expect("the server starts")
    }

    fn try_start(config: ServerConfig) -> std::io::Result<TestServer> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let state = AppState::new(&config);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (addr, started) = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let addr = listener.local_addr()?;
            let (ready_tx, ready) = tokio::sync::oneshot::channel();
            let serving = ats_web::serve_state(listener, state.clone(), async {
                let _ = stopped.await;
            });
            tokio::spawn(async move {
                let result = serving.await;
                let _ = ready_tx.send(result);
            });
            Ok::<_, std::io::Error>((addr, ready))
        })?;
        let server = TestServer {
            addr,
            state,
            runtime: Some(runtime),
            stop: Some(stop),
        };
        // The workers are started before the listener serves: wait for /healthz, or for the
        // serve task to end with its start-up error.
        let mut started = started;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok((200, _)) = server.get("/healthz") {
                return Ok(server);
            }
            if let Ok(result) = started.try_recv() {
                return Err(result.err().unwrap_or_else(|| std::io::Error::other("serve ended")));
            }
            assert!(Instant::now() < deadline, "the server did not start within 20 s");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, path: &str) -> std::io::Result<(u16, String)> {
        let head = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        http(self.addr, &head, b"")
    }

    /// POSTs `file` (and `role` when given) to the analyze endpoint: status and body.
    fn analyze(&self, file: &[u8], role: Option<&str>) -> (u16, String) {
        let mut parts = vec![fixtures::Part::File("file", "resume", "application/octet-stream", file)];
        if let Some(role) = role {
            parts.push(fixtures::Part::Text("role", role));
        }
        let body = fixtures::multipart(&parts);
        let head = format!(
            "POST /api/v1/analyze HTTP/1.1\r\nHost: {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            self.addr,
            fixtures::multipart_content_type(),
            body.len()
        );
        http(self.addr, &head, &body).expect("the analyze request")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(5));
        }
    }
}

fn workers(program: impl Into<std::path::PathBuf>, args: &[&str]) -> WorkerConfig {
    WorkerConfig::new(program, args.iter().map(OsString::from))
}

/// A quiet server with `slots` analysis slots and the given isolation.
fn config(slots: usize, isolation: Isolation) -> ServerConfig {
    ServerConfig {
        max_concurrent: slots,
        access_log: false,
        isolation,
        ..ServerConfig::default()
    }
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// `(status, code)` of an error answer.
fn code_of(answer: &(u16, String)) -> (u16, String) {
    (answer.0, json(&answer.1)["code"].as_str().unwrap_or("").to_string())
}

/// One `Max …` line of /proc/PID/limits: (soft, hard).
#[cfg(target_os = "linux")]
fn proc_limit(pid: u32, name: &str) -> (String, String) {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("/proc/PID/limits");
    let line = limits
        .lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} in {limits}"));
    let fields: Vec<&str> = line[name.len()..].split_whitespace().collect();
    (fields[0].to_string(), fields[1].to_string())
}

#[test]
fn workers_answer_every_upload_exactly_as_the_server_does_in_process() {
    let in_process = TestServer::start(config(2, Isolation::InProcess));
    let isolated = TestServer::start(config(2, Isolation::Workers(workers(BIN, &["worker"]))));
    let pdf = fixtures::resume_pdf();
    let docx = fixtures::resume_docx();
    let cases: Vec<(&str, Vec<u8>, Option<&str>, u16)> = vec![
        ("PDF", pdf.clone(), Some("ml-engineer"), 200),
        ("DOCX", docx, Some("ml-engineer"), 200),
        ("PDF without a role", pdf.clone(), None, 200),
        ("PNG", fixtures::PNG_BYTES.to_vec(), Some("ml-engineer"), 415),
        ("truncated PDF", fixtures::truncated_pdf(), Some("ml-engineer"), 422),
        ("empty file", Vec::new(), Some("ml-engineer"), 422),
        ("unknown role", pdf, Some("astronaut"), 400),
    ];
    for (what, file, role, status) in cases {
        let expected = in_process.analyze(&file, role);
        let got = isolated.analyze(&file, role);
        assert_eq!(expected.0, status, "{what} in process: {}", expected.1);
        assert_eq!(got.0, status, "{what} in a worker: {}", got.1);
        assert_eq!(
            json(&got.1),
            json(&expected.1),
            "{what}: the two modes answer differently"
        );
    }
}

#[test]
fn a_worker_that_dies_mid_request_fails_only_that_request_and_is_replaced() {
    // The first worker started marks a flag file, reads the start of its request and kills
    // itself; every later one sees the flag and runs the real worker.
    let dir = fresh_dir("worker-dies");
    let flag = dir.join("first-worker-started");
    let script = r#"if [ -e "$1" ]; then exec "$2" worker; fi; : > "$1"; head -c 1 > /dev/null; kill -9 $$"#;
    let flag_arg = flag.to_str().expect("UTF-8 temp path");
    let server = TestServer::start(config(
        1,
        Isolation::Workers(workers("/bin/sh", &["-c", script, "sh", flag_arg, BIN])),
    ));
    let pdf = fixtures::resume_pdf();

    let died = server.analyze(&pdf, Some("ml-engineer"));
    assert_eq!(code_of(&died), (422, "analysis-aborted".to_string()), "{}", died.1);
    let message = json(&died.1)["error"].as_str().unwrap_or("").to_string();
    assert!(
        message.starts_with("this file could not be analysed safely") && message.contains("export it again"),
        "{message}"
    );
    assert_eq!(server.get("/healthz").map(|a| a.0).ok(), Some(200));

    let next = server.analyze(&pdf, Some("ml-engineer"));
    assert_eq!(next.0, 200, "the replacement worker should answer: {}", next.1);
    assert_eq!(json(&next.1)["role"]["id"], "ml-engineer");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_worker_program_that_exits_at_once_fails_each_upload_but_not_the_server() {
    let server = TestServer::start(config(1, Isolation::Workers(workers("/bin/false", &[]))));
    for _ in 0..3 {
        let answer = server.analyze(&fixtures::resume_pdf(), Some("ml-engineer"));
        assert_eq!(code_of(&answer), (422, "analysis-aborted".to_string()), "{}", answer.1);
        assert_eq!(server.get("/healthz").map(|a| a.0).ok(), Some(200));
    }
    let (status, roles) = server.get("/api/v1/roles").expect("roles");
    assert_eq!(status, 200, "{roles}");
}

#[test]
fn a_worker_program_that_cannot_start_stops_the_server_at_start() {
    let missing = "/nonexistent/ats-check-worker";
    let err = TestServer::try_start(config(1, Isolation::Workers(workers(missing, &["worker"]))))
        .err()
        .expect("serving without a worker program should fail");
    let message = err.to_string();
    assert!(
        message.contains("could not start the analysis worker") && message.contains(missing),
        "{message}"
    );
}

#[test]
fn the_watchdog_kills_a_worker_that_hangs_and_answers_timeout() {
    let mut hang = workers("sleep", &["100"]);
    hang.watchdog_margin = Duration::from_millis(200);
    let server = TestServer::start(ServerConfig {
        time_budget: Duration::from_millis(300),
        ..config(1, Isolation::Workers(hang))
    });
    let hung = server.state.worker_pids_for_test();
    assert_eq!(hung.len(), 1, "one worker per slot is started with the server");

    let started = Instant::now();
    let answer = server.analyze(&fixtures::resume_pdf(), Some("ml-engineer"));
    let took = started.elapsed();
    assert_eq!(code_of(&answer), (422, "timeout".to_string()), "{}", answer.1);
    assert_eq!(
        json(&answer.1)["error"],
        "analysing the file took longer than 300 ms, far longer than any résumé needs: export it again as a simple PDF or DOCX",
        "the same message as the in-process time budget"
    );
    assert!(
        took >= Duration::from_millis(450) && took < Duration::from_secs(3),
        "answered after {took:?}: the watchdog fires at the budget plus the margin (500 ms)"
    );
    #[cfg(target_os = "linux")]
    assert!(
        !std::path::Path::new(&format!("/proc/{}", hung[0])).exists(),
        "the hung worker {} should have been killed and reaped",
        hung[0]
    );
    assert_eq!(server.get("/healthz").map(|a| a.0).ok(), Some(200));
}

/// Peak address space of a process, from /proc/PID/status.
#[cfg(target_os = "linux")]
fn vm_peak_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmPeak:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmPeak");
    kb * 1024
}

#[cfg(target_os = "linux")]
#[test]
fn a_worker_over_its_memory_limit_aborts_its_request_only() {
    let pdf = fixtures::resume_pdf();
    // How much address space a worker needs for a small upload, measured on a worker with the
    // default limit…
    let baseline = {
        let server = TestServer::start(config(1, Isolation::Workers(workers(BIN, &["worker"]))));
        assert_eq!(server.analyze(&pdf, Some("ml-engineer")).0, 200);
        let pids = server.state.worker_pids_for_test();
        assert_eq!(pids.len(), 1);
        assert_eq!(
            proc_limit(pids[0], "Max address space"),
            ("536870912".to_string(), "536870912".to_string()),
            "RLIMIT_AS defaults to 512 MiB"
        );
        vm_peak_bytes(pids[0])
    };
    // …then a limit 6 MiB above it: small uploads fit, a 9 MB one does not (the worker must
    // hold the whole file), so that worker fails to allocate and aborts.
    let mut tight = workers(BIN, &["worker"]);
    tight.memory_limit_bytes = baseline + (6 << 20);
    let server = TestServer::start(config(1, Isolation::Workers(tight)));
    assert_eq!(server.analyze(&pdf, Some("ml-engineer")).0, 200);

    let mut big = b"%PDF-1.5\n".to_vec();
    big.resize(9_000_000, b' ');
    let answer = server.analyze(&big, Some("ml-engineer"));
    assert_eq!(code_of(&answer), (422, "analysis-aborted".to_string()), "{}", answer.1);

    let after = server.analyze(&pdf, Some("ml-engineer"));
    assert_eq!(after.0, 200, "the replacement worker should answer: {}", after.1);
}

#[cfg(target_os = "linux")]
#[test]
fn serve_runs_analyses_in_limited_workers_that_create_no_file() {
    check_server_privacy("workers", &[], |server| {
        let workers = worker_children(server);
        assert!(
            !workers.is_empty(),
            "`ats-check serve` should have started worker processes"
        );
        for pid in workers {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            assert!(
                cmdline.ends_with(b"\0worker\0"),
                "{:?}",
                String::from_utf8_lossy(&cmdline)
            );
            let same_soft_and_hard = |name: &str, value: &str| {
                assert_eq!(
                    proc_limit(pid, name),
                    (value.to_string(), value.to_string()),
                    "{name} of worker {pid}"
                );
            };
            same_soft_and_hard("Max address space", "536870912");
            same_soft_and_hard("Max file size", "0");
            same_soft_and_hard("Max core file size", "0");
            assert_eq!(proc_limit(pid, "Max cpu time"), ("60".to_string(), "61".to_string()));
        }
    });
}

/// The processes whose parent is `parent`, from /proc.
#[cfg(target_os = "linux")]
fn worker_children(parent: u32) -> Vec<u32> {
    let mut children = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // The fields after the command name (in parentheses): state, then the parent's pid.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(parent) {
            children.push(pid);
        }
    }
    children
}
