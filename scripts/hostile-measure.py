#!/usr/bin/env python3
"""Measures the hostile corpus (issue 7 §2, and issue 15's second set: amplification and
text-loss shapes) in the library, the CLI and the server.

Run from the repository root after
    cargo build --release
    cargo build --release -p ats-parse --example extract --example hostile_corpus

It writes the corpus with `target/release/examples/hostile_corpus target/hostile`, then for each
file measures
  (a) the library: `target/release/examples/extract FILE` (one process per file),
  (b) the CLI: `target/release/ats-check FILE --role ml-engineer --format json`,
wall time and peak RSS of each child (os.wait4's rusage, so per child, not cumulative), and
  (c) the server: `ats-check serve --addr 127.0.0.1:PORT`, one multipart POST per file to
/api/v1/analyze with role=ml-engineer, recording status and time, and the server's VmHWM
(/proc/PID/status) after each request and at the end, and the highest VmHWM of its live
analysis workers (its child processes) after each request.

Prints a Markdown table; a case over 2 s or 256 MB is flagged with **!**. Exits 1 when any case
is flagged, crashed (killed by a signal) or hung (killed after --kill-after seconds).
Only 127.0.0.1 is ever contacted.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

LIMIT_S = 2.0
LIMIT_MB = 256.0


def run_measured(argv, kill_after):
    """Runs argv; returns (exit code or -signal, seconds, peak RSS MB, stderr text, hung)."""
    err_r, err_w = os.pipe()
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err_w, close_fds=True)
    os.close(err_w)
    hung = []

    def kill():
        hung.append(True)
        try:
            os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(kill_after, kill)
    timer.start()
    chunks = []
    with os.fdopen(err_r, "rb") as f:
        while True:
            chunk = f.read(65536)
            if not chunk:
                break
            if sum(map(len, chunks)) < 1 << 16:
                chunks.append(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    timer.cancel()
    proc.returncode = 0  # reaped by wait4; keep Popen from waiting again
    code = os.waitstatus_to_exitcode(status)
    return code, elapsed, usage.ru_maxrss / 1024.0, b"".join(chunks).decode("utf-8", "replace"), bool(hung)


def classify(stderr):
    """The ExtractError behind an error message (the messages are in crates/parse/src/error.rs)."""
    s = stderr
    if not s.strip():
        return "Ok"
    if "exceeds the limit on" in s:
        what = s.split("exceeds the limit on", 1)[1].split("(", 1)[0].strip()
        return f"LimitExceeded: {what}"
    if "took longer than" in s:
        return "Timeout"
    if "password-protected" in s:
        return "EncryptedPdf" if "PDF" in s else "EncryptedDocx"
    if "is damaged" in s:
        return "Malformed"
    if "the file is empty" in s:
        return "Empty"
    if "-byte limit" in s:
        return "TooLarge"
    if "legacy Word" in s:
        return "Unsupported: .doc"
    if "PNG image" in s:
        return "Unsupported: PNG"
    if "not a PDF, DOCX or text" in s:
        return "Unsupported: unknown"
    for needle, kind in (("ZIP archive", "zip"), ("RTF", "RTF"), ("OpenDocument", "ODT"), ("JPEG", "JPEG"), ("an image", "image")):
        if needle in s:
            return f"Unsupported: {kind}"
    if "panicked" in s:
        return "PANIC"
    return "other: " + s.strip().splitlines()[-1][:60]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm_hwm_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def children(pid):
    """The child processes of pid (the server's analysis workers)."""
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return out


def workers_hwm_mb(pid):
    """The highest VmHWM among the server's live workers (0 when it runs in process)."""
    return max([vm_hwm_mb(c) for c in children(pid)] + [0.0])


def multipart(filename, data, role):
    boundary = "----ats-hostile-" + os.urandom(8).hex()
    safe = filename.replace('"', "_")
    body = b"".join(
        [
            f"--{boundary}\r\n".encode(),
            b'Content-Disposition: form-data; name="role"\r\n\r\n',
            role.encode(),
            b"\r\n",
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="file"; filename="{safe}"\r\n'.encode(),
            b"Content-Type: application/octet-stream\r\n\r\n",
            data,
            b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
    )
    return body, f"multipart/form-data; boundary={boundary}"


def post(url, filename, data, role, timeout):
    body, ctype = multipart(filename, data, role)
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": ctype})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            status = resp.status
            code = ""
    except urllib.error.HTTPError as e:
        status = e.code
        text = e.read().decode("utf-8", "replace")
        code = ""
        if '"code"' in text:
            code = text.split('"code"', 1)[1].split('"')[1]
    except Exception as e:  # connection reset, timeout: the server crashed or hung
        status = f"failed ({type(e).__name__})"
        code = ""
    return status, code, time.monotonic() - start


def healthy(base):
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as resp:
            return resp.status == 200
    except Exception:
        return False


def flag(seconds, mb):
    return " **!**" if seconds > LIMIT_S or mb > LIMIT_MB else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", default="target/hostile")
    ap.add_argument("--role", default="ml-engineer")
    ap.add_argument("--kill-after", type=float, default=30.0, help="seconds before a child counts as hung")
    ap.add_argument("--no-generate", action="store_true")
    args = ap.parse_args()

    release = "target/release"
    lib_bin = f"{release}/examples/extract"
    cli_bin = f"{release}/ats-check"
    gen_bin = f"{release}/examples/hostile_corpus"
    for b in (lib_bin, cli_bin, gen_bin):
        if not os.access(b, os.X_OK):
            sys.exit(f"{b} is missing: build it first (see the header of this script)")

    if not args.no_generate:
        subprocess.run([gen_bin, args.dir], check=True, stdout=subprocess.DEVNULL)
    files = sorted(f for f in os.listdir(args.dir) if os.path.isfile(os.path.join(args.dir, f)))

    # Linux carries the parent's RSS high-water mark across fork + exec, so every child's
    # ru_maxrss is at least this script's own RSS at the time of the fork: measure that floor
    # with /bin/true and print it. The figures are upper bounds.
    floor = run_measured(["/bin/true"], args.kill_after)[2]
    rows = {}
    bad = []
    for name in files:
        path = os.path.join(args.dir, name)
        lc, lt, lm, lerr, lhung = run_measured([lib_bin, path], args.kill_after)
        cc, ct, cm, cerr, chung = run_measured(
            [cli_bin, path, "--role", args.role, "--format", "json"], args.kill_after
        )
        lib = classify(lerr) if lc == 0 else f"exit {lc}: {classify(lerr)}"
        if lhung or chung or lc < 0 or cc < 0 or "PANIC" in lib or "panicked" in cerr:
            bad.append(f"{name}: library exit {lc}{' (hung)' if lhung else ''}, CLI exit {cc}{' (hung)' if chung else ''}")
        if flag(lt, lm) or flag(ct, cm):
            bad.append(f"{name}: library {lt * 1000:.0f} ms {lm:.0f} MB, CLI {ct * 1000:.0f} ms {cm:.0f} MB")
        rows[name] = dict(size=os.path.getsize(path), lib=lib, lt=lt, lm=lm, cc=cc, ct=ct, cm=cm, cli=classify(cerr))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(args.dir + "-server.log")
    with open(log_path, "wb") as log:
        server = subprocess.Popen([cli_bin, "serve", "--addr", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 15
        while not healthy(base):
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the server did not come up")
            time.sleep(0.1)
        idle = vm_hwm_mb(server.pid)
        worst_worker = 0.0
        for name in files:
            with open(os.path.join(args.dir, name), "rb") as f:
                data = f.read()
            status, code, st = post(base + "/api/v1/analyze", name, data, args.role, timeout=args.kill_after)
            hwm = vm_hwm_mb(server.pid)
            whwm = workers_hwm_mb(server.pid)
            worst_worker = max(worst_worker, whwm)
            alive = server.poll() is None and healthy(base)
            rows[name].update(status=status, code=code, st=st, hwm=hwm, whwm=whwm)
            if not alive:
                bad.append(f"{name}: the server died or stopped answering /healthz")
                break
            if not isinstance(status, int):
                bad.append(f"{name}: server request {status}")
            if st > LIMIT_S:
                bad.append(f"{name}: server {st * 1000:.0f} ms")
        final = vm_hwm_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    if final > LIMIT_MB:
        bad.append(f"server VmHWM {final:.0f} MB")
    if worst_worker > LIMIT_MB:
        bad.append(f"worker VmHWM {worst_worker:.0f} MB")

    print(f"Limits checked: {LIMIT_S:g} s wall time and {LIMIT_MB:g} MB peak RSS per case; **!** marks a case over either.\n")
    print("| file | bytes | library result | lib ms | lib MB | CLI exit | CLI ms | CLI MB | server status | server ms | server VmHWM MB | worker VmHWM MB |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for name in files:
        r = rows[name]
        status = r.get("status", "not sent")
        if r.get("code"):
            status = f"{status} `{r['code']}`"
        print(
            f"| {name} | {r['size']:,} | {r['lib']} | {r['lt'] * 1000:.0f}{flag(r['lt'], r['lm'])} | {r['lm']:.1f} "
            f"| {r['cc']} | {r['ct'] * 1000:.0f}{flag(r['ct'], r['cm'])} | {r['cm']:.1f} "
            f"| {status} | {r.get('st', float('nan')) * 1000:.0f}{flag(r.get('st', 0), 0)} | {r.get('hwm', float('nan')):.1f} | {r.get('whwm', float('nan')):.1f} |"
        )
    print(f"\nServer VmHWM: {idle:.1f} MB after start, {final:.1f} MB after all {len(files)} uploads; "
          f"the highest of a live analysis worker's VmHWM after any upload: {worst_worker:.1f} MB "
          "(a worker restarted after a crash or timeout starts afresh, so read this with the status column).")
    print(
        f"Library and CLI MB are each child's ru_maxrss from os.wait4, which includes a floor of {floor:.1f} MB "
        "(this Python process's RSS, inherited across fork + exec; /bin/true measures it): upper bounds."
    )
    with open(log_path, "rb") as f:
        log_text = f.read()
    leaked = [w for w in (b"Jordan", b"jordan.lee@", b"PyTorch", b"/etc/passwd") if w in log_text]
    if leaked:
        bad.append(f"server log {log_path} holds résumé text: {leaked}")
    else:
        lines = log_text.count(b"\n")
        print(f"The server's access log ({log_path}, {lines} lines) holds no résumé text.")
    if bad:
        print("\nFlagged:")
        for b in bad:
            print(f"- {b}")
        sys.exit(1)
    print("\nNo case crashed, hung, or went over the bounds.")


if __name__ == "__main__":
    main()
