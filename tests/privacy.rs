//! Privacy proof (issue 7 §4): an analysis through the CLI and through the server creates no
//! file (neither in the working directory nor in `TMPDIR`) and puts no résumé text, and no file
//! name, in the logs.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A string that occurs in the résumé and nowhere else.
const MARKER: &str = "PRIVACY-MARKER-7f3a";
/// The résumé's file name as uploaded (it must not reach the logs either).
const FILE_NAME: &str = "privacy-upload-name-c91e.md";

/// A fresh, empty folder for one test.
pub(crate) fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ats-check-privacy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Every entry under `dir`, recursively (should be none).
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path.clone());
            }
            found.push(path);
        }
    }
    found
}

fn resume() -> String {
    format!(
        "# Alex Marker\n\nalex.marker@example.com | +1 415 555 0199 | Berlin\n\n\
         ## Summary\n\nMachine learning engineer; built the {MARKER} ranking pipeline.\n\n\
         ## Experience\n\nMachine Learning Engineer, Initech | Jan 2021 - Present\n\n\
         - Cut inference latency 30% by quantizing PyTorch models\n\n\
         ## Education\n\nM.S. Computer Science, State University | 2016 - 2018\n\n\
         ## Skills\n\nPython, PyTorch, SQL, Docker\n"
    )
}

/// Writes the résumé into its own fresh folder and returns its path.
fn resume_file(test: &str) -> PathBuf {
    let dir = fresh_dir(&format!("{test}-input"));
    let path = dir.join(FILE_NAME);
    std::fs::write(&path, resume()).expect("write résumé");
    path
}

#[test]
fn cli_analysis_creates_no_file_and_prints_the_resume_to_stdout_only() {
    let input = resume_file("cli");
    let cwd = fresh_dir("cli-cwd");
    let tmp = fresh_dir("cli-tmp");
    let output = Command::new(env!("CARGO_BIN_EXE_ats-check"))
        .arg(&input)
        .args(["--format", "json"])
        .current_dir(&cwd)
        .env("TMPDIR", &tmp)
        .env("TMP", &tmp)
        .env("TEMP", &tmp)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stderr: {stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("a JSON report");
    assert!(
        report["text"].as_str().is_some_and(|t| t.contains(MARKER)),
        "the report's text should carry the marker"
    );
    assert!(!stderr.contains(MARKER), "résumé text on stderr: {stderr}");
    assert_eq!(
        entries(&cwd),
        Vec::<PathBuf>::new(),
        "files created in the working directory"
    );
    assert_eq!(entries(&tmp), Vec::<PathBuf>::new(), "files created in TMPDIR");
    assert_eq!(
        entries(input.parent().expect("input dir")),
        vec![input.clone()],
        "files created beside the résumé"
    );
    for dir in [&cwd, &tmp, &input.parent().expect("input dir").to_path_buf()] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Kills the server when the test ends, passed or failed.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Sends one raw HTTP/1.1 request (`Connection: close`) and returns the status and body.
pub(crate) fn http(addr: SocketAddr, head: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer)?;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    Ok((status, body))
}

fn wait_until_healthy(addr: SocketAddr, server: &mut Server) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let head = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    loop {
        if let Ok((200, _)) = http(addr, &head, b"") {
            return;
        }
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!("the server exited before it was ready: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "the server did not answer /healthz within 10 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn server_analysis_creates_no_file_and_logs_no_resume_text_or_file_name() {
    check_server_privacy("in-process", &["--in-process"], |_| {});
}

/// Runs `ats-check serve EXTRA_ARGS` in fresh folders, uploads the marked résumé, calls
/// `inspect` with the server's process id while it still runs, stops it, and checks that no
/// file was created and that the logs hold no résumé text and no file name. (`tests/worker.rs`
/// runs it in workers mode.)
pub(crate) fn check_server_privacy(name: &str, extra_args: &[&str], inspect: impl FnOnce(u32)) {
    let cwd = fresh_dir(&format!("serve-{name}-cwd"));
    let tmp = fresh_dir(&format!("serve-{name}-tmp"));
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().expect("addr");
    let child = Command::new(env!("CARGO_BIN_EXE_ats-check"))
        .args(["serve", "--addr", &addr.to_string()])
        .args(extra_args)
        .current_dir(&cwd)
        .env("TMPDIR", &tmp)
        .env("TMP", &tmp)
        .env("TEMP", &tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut server = Server(child);
    // Drain both pipes on their own threads so the server never blocks on a full pipe.
    let mut stdout = server.0.stdout.take().expect("stdout");
    let mut stderr = server.0.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    wait_until_healthy(addr, &mut server);

    let boundary = "----ats-check-privacy-boundary-3k9d";
    let mut body = Vec::new();
    body.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{FILE_NAME}\"\r\n\
             Content-Type: text/markdown\r\n\r\n{}\r\n--{boundary}--\r\n",
            resume()
        )
        .as_bytes(),
    );
    let head = format!(
        "POST /api/v1/analyze HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (status, answer) = http(addr, &head, &body).expect("the analyze request");
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains(MARKER), "the report should carry the marker: {answer}");
    inspect(server.0.id());

    drop(server); // kills the server; its pipes close
    let logs = format!(
        "{}{}",
        out_reader.join().expect("stdout reader"),
        err_reader.join().expect("stderr reader")
    );
    assert!(
        logs.contains("POST /api/v1/analyze 200"),
        "the access log should have been captured: {logs}"
    );
    assert!(!logs.contains(MARKER), "résumé text in the server's logs: {logs}");
    assert!(!logs.contains(FILE_NAME), "the file name in the server's logs: {logs}");
    assert!(!logs.contains("Alex Marker") && !logs.contains("alex.marker@example.com"));
    assert_eq!(
        entries(&cwd),
        Vec::<PathBuf>::new(),
        "files created in the working directory"
    );
    assert_eq!(entries(&tmp), Vec::<PathBuf>::new(), "files created in TMPDIR");
    let _ = std::fs::remove_dir_all(&cwd);
    let _ = std::fs::remove_dir_all(&tmp);
}
