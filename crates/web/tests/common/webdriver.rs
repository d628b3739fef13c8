//! A small WebDriver client for headless Chromium tests: Debian's `/usr/bin/chromedriver`
//! driven over `std::net` (JSON over HTTP/1.1, one connection per command). No browser is ever
//! downloaded: without Chromium a test prints a loud SKIPPED line, except under `CI=true`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Whether the browser is installed; when it is not, says so loudly (and fails under CI).
pub fn browser_available() -> bool {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    let message = "SKIPPED: chromium/chromedriver not installed (run .ci/install-browser.sh)";
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{message}; CI=true, so this is a failure");
    }
    // The stderr handle, not `eprintln!`: the harness does not capture it, so the skip shows.
    let _ = std::io::stderr().write_all(format!("\n{}\n{message}\n{}\n", "!".repeat(76), "!".repeat(76)).as_bytes());
    false
}

/// A scratch folder, removed when dropped.
pub struct Scratch {
    pub path: PathBuf,
}

impl Scratch {
    pub fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("ats-web-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("scratch folder");
        Scratch { path }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// `target/`, found from the test binary's path (`target/debug/deps/…`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

/// chromedriver and the Chromium it starts, in their own process group; dropping it ends the
/// session and kills the group, also when the test panics.
pub struct WebDriver {
    addr: SocketAddr,
    child: Child,
    session: Option<String>,
    deadline: Instant,
}

impl WebDriver {
    /// Starts chromedriver and a Chromium session with the default window and options.
    pub fn start(scratch: &Path, deadline: Instant) -> Self {
        let mut driver = Self::launch(scratch, deadline);
        driver.open_session(json!({
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,900",
                "--allow-file-access-from-files",
                format!("--user-data-dir={}", scratch.join("profile").display()),
            ]
        }));
        driver
    }

    /// Starts chromedriver alone and waits until it is ready; `open_session` starts Chromium.
    pub fn launch(scratch: &Path, deadline: Instant) -> Self {
        let port = {
            let probe = TcpListener::bind("127.0.0.1:0").expect("a free port");
            probe.local_addr().expect("its address").port()
        };
        let log = std::fs::File::create(scratch.join("chromedriver.log")).expect("log file");
        let mut command = Command::new(CHROMEDRIVER);
        command
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            command.process_group(0);
        }
        let child = command.spawn().expect("start chromedriver");
        let driver = WebDriver {
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            child,
            session: None,
            deadline,
        };
        let ready_by = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok((200, body)) = http(driver.addr, "GET", "/status", None, Duration::from_secs(2)) {
                let status: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if status["value"]["ready"] == true {
                    break;
                }
            }
            assert!(Instant::now() < ready_by, "chromedriver did not start within 20 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    /// Starts Chromium with these `goog:chromeOptions` (the binary is filled in) and its
    /// console log kept.
    pub fn open_session(&mut self, mut chrome_options: Value) {
        chrome_options["binary"] = json!(CHROMIUM);
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": chrome_options,
        }}});
        let value = self.cmd("POST", "/session", Some(caps));
        self.session = Some(value["sessionId"].as_str().expect("session id").to_string());
    }

    /// Ends the session (Chromium quits); chromedriver stays up for another.
    pub fn end_session(&mut self) {
        if let Some(session) = self.session.take() {
            let _ = http(
                self.addr,
                "DELETE",
                &format!("/session/{session}"),
                None,
                Duration::from_secs(10),
            );
        }
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session.as_deref().expect("a session"))
    }

    /// Sends one WebDriver command and returns its `value`; a WebDriver error fails the test.
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        assert!(Instant::now() < self.deadline, "browser test ran past its budget");
        let body = body.map(|b| serde_json::to_vec(&b).expect("JSON"));
        let (status, bytes) = http(
            self.addr,
            method,
            path,
            body.as_deref().map(|b| ("application/json", b)),
            Duration::from_secs(60),
        )
        .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"));
        let reply: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        assert!(
            status == 200,
            "WebDriver {method} {path} answered {status}: {}",
            String::from_utf8_lossy(&bytes)
        );
        reply["value"].clone()
    }

    /// A command on the current session: `rest` follows `/session/{id}`.
    pub fn session_cmd(&self, method: &str, rest: &str, body: Option<Value>) -> Value {
        self.cmd(method, &self.session_path(rest), body)
    }

    pub fn navigate(&self, url: &str) {
        self.session_cmd("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn current_url(&self) -> String {
        self.session_cmd("GET", "/url", None).as_str().unwrap_or("").to_string()
    }

    pub fn set_window(&self, width: u32, height: u32) {
        self.session_cmd("POST", "/window/rect", Some(json!({"width": width, "height": height})));
    }

    /// Sizes the window so that the page's viewport is `width`×`height` CSS pixels: the window
    /// is taller than its viewport by the browser's own frame.
    pub fn set_viewport(&self, width: u32, height: u32) {
        self.set_window(width, height);
        let inner = self.exec("return [window.innerWidth, window.innerHeight];");
        let dim = |i: usize, want: u32| {
            let got = inner[i].as_u64().unwrap_or(u64::from(want)) as u32;
            want + want.saturating_sub(got)
        };
        self.set_window(dim(0, width), dim(1, height));
        let inner = self.exec("return [window.innerWidth, window.innerHeight];");
        assert_eq!(inner, json!([width, height]), "the viewport");
    }

    pub fn exec(&self, script: &str) -> Value {
        self.session_cmd("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    pub fn find(&self, css: &str) -> String {
        let value = self.session_cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        value[ELEMENT_KEY].as_str().expect("element id").to_string()
    }

    pub fn find_all(&self, css: &str) -> Vec<String> {
        let value = self.session_cmd(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn click(&self, element: &str) {
        self.session_cmd("POST", &format!("/element/{element}/click"), Some(json!({})));
    }

    /// Types into an element; for a file input, the paths to choose, one per line.
    pub fn type_into(&self, element: &str, text: &str) {
        self.session_cmd(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    pub fn text_of(&self, element: &str) -> String {
        self.session_cmd("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn displayed(&self, element: &str) -> bool {
        self.session_cmd("GET", &format!("/element/{element}/displayed"), None) == true
    }

    /// Polls `script` until it returns something other than null, within `limit`.
    pub fn wait_for(&self, script: &str, limit: Duration, what: &str) -> Value {
        let until = Instant::now() + limit;
        loop {
            let value = self.exec(script);
            if !value.is_null() {
                return value;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Polls until the URL ends with `suffix` (a navigation or an anchor), within `limit`.
    pub fn wait_for_url(&self, suffix: &str, limit: Duration) -> String {
        let until = Instant::now() + limit;
        loop {
            let url = self.current_url();
            if url.ends_with(suffix) {
                return url;
            }
            assert!(
                Instant::now() < until,
                "timed out waiting for a URL ending {suffix}: {url}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Polls until an element matches `css` (a page loading after a form post), within `limit`.
    pub fn wait_for_element(&self, css: &str, limit: Duration) -> String {
        let until = Instant::now() + limit;
        loop {
            if let Some(first) = self.find_all(css).into_iter().next() {
                return first;
            }
            assert!(Instant::now() < until, "timed out waiting for {css}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A PNG of what the window shows now.
    pub fn viewport_screenshot(&self, path: &Path) {
        let png = self.session_cmd("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().expect("base64 PNG"))
            .expect("decode screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, bytes).expect("write screenshot");
    }

    /// From a `width`×`height` window, grows the window to the page's full height (at most
    /// `max_height`) and saves a PNG from the top, nothing focused; the window stays grown.
    pub fn full_page_screenshot(&self, width: u32, height: u32, max_height: u32, path: &Path) {
        self.set_window(width, height);
        let page_height = self
            .exec("return Math.ceil(document.documentElement.scrollHeight);")
            .as_u64()
            .unwrap_or(900)
            .clamp(600, u64::from(max_height)) as u32;
        self.set_window(width, page_height + 120);
        self.exec("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); return null;");
        self.viewport_screenshot(path);
    }

    /// A full-page PNG at `width` (at most `max_height` tall); the window is 1280×900 after.
    pub fn screenshot(&self, width: u32, max_height: u32, path: &Path) {
        self.full_page_screenshot(width, 900, max_height, path);
        self.set_window(1280, 900);
    }

    /// The page printed to PDF on paper of `width` × `height` cm.
    pub fn print(&self, width_cm: f64, height_cm: f64) -> Vec<u8> {
        let pdf = self.session_cmd(
            "POST",
            "/print",
            Some(json!({"page": {"width": width_cm, "height": height_cm}, "background": true})),
        );
        base64::engine::general_purpose::STANDARD
            .decode(pdf.as_str().expect("base64 PDF"))
            .expect("decode PDF")
    }

    /// The browser console, when chromedriver offers it.
    pub fn browser_log(&self) -> Option<Vec<Value>> {
        let body = serde_json::to_vec(&json!({"type": "browser"})).expect("JSON");
        let (status, bytes) = http(
            self.addr,
            "POST",
            &self.session_path("/se/log"),
            Some(("application/json", &body)),
            Duration::from_secs(10),
        )
        .ok()?;
        if status != 200 {
            return None;
        }
        let reply: Value = serde_json::from_slice(&bytes).ok()?;
        reply["value"].as_array().cloned()
    }

    /// Console entries at level SEVERE (script errors, CSP violations), when chromedriver
    /// offers the log.
    pub fn severe_console_entries(&self) -> Vec<Value> {
        self.browser_log()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| e["level"] == "SEVERE")
            .collect()
    }
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        self.end_session();
        // chromedriver and anything it left behind: the process group `launch` created.
        #[cfg(unix)]
        {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange over a fresh loopback connection: returns the status and the body.
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<(&str, &[u8])>,
    timeout: Duration,
) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    let payload: &[u8] = match body {
        Some((content_type, bytes)) => {
            request.push_str(&format!("Content-Type: {content_type}\r\n"));
            bytes
        }
        None => b"",
    };
    request.push_str(&format!("Content-Length: {}\r\n\r\n", payload.len()));
    stream.write_all(request.as_bytes())?;
    stream.write_all(payload)?;
    // Servers may keep the connection open despite `Connection: close` (chromedriver does),
    // so the body is read by its Content-Length (or chunked framing), not to end of stream.
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "malformed HTTP response");
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    let split = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Err(bad());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let mut body = raw[split + 4..].to_vec();
    let content_length = head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        (name.trim() == "content-length").then(|| value.trim().parse::<usize>().ok())?
    });
    if let Some(len) = content_length {
        while body.len() < len {
            let n = stream.read(&mut buf)?;
            if n == 0 {
                return Err(bad());
            }
            body.extend_from_slice(&buf[..n]);
        }
        body.truncate(len);
    } else if head.contains("transfer-encoding: chunked") {
        while !body.ends_with(b"0\r\n\r\n") {
            let n = stream.read(&mut buf)?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        body = dechunk(&body).ok_or_else(bad)?;
    } else {
        stream.read_to_end(&mut body)?;
    }
    Ok((status, body))
}

/// The body of a `Transfer-Encoding: chunked` response, or `None` when the framing is broken.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}
