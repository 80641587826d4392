//! `cloudgram serve`: the page in a real headless Chromium (Debian's
//! `chromium`, driven over the DevTools protocol on a pipe) follows the
//! design as it is saved, broken, emptied, deleted and renamed; the HTTP
//! answers are checked directly; a port in use is a clear error, status 2.
//!
//! With `CLOUDGRAM_SERVE_SCREENSHOT=path.png` the browser test also saves a
//! screenshot of the page (docs/serve.png is made that way), one in the dark
//! theme (`path.dark.png`), one of the page showing an error
//! (`path.error.png`) and one of the editor pane refusing a save
//! (`path.editor.png`, docs/serve.editor.png). `CLOUDGRAM_SKIP_BROWSER=1`
//! skips the browser test, on a machine without Chromium.

use serde_json::{Value, json};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-serve-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A child process killed when the test ends, however it ends.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `cloudgram serve FILE --port 0` and returns it with the page's address.
fn serve(dir: &Path, file: &str) -> (Killed, String) {
    serve_with(dir, file, &[])
}

fn serve_with(dir: &Path, file: &str, options: &[&str]) -> (Killed, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
        .current_dir(dir)
        .args(["serve", file, "--port", "0"])
        .args(options)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches(';')
        .to_string();
    // Keep reading standard error so that the server never blocks on it.
    std::thread::spawn(move || for _ in lines {});
    (Killed(child), url)
}

/// GET over a plain socket: (status line, content type, body).
fn get(url: &str, path: &str) -> (String, String, Vec<u8>) {
    let authority = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(authority).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.lines().next().unwrap().to_string();
    let content_type = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_string)
        })
        .unwrap_or_default();
    (status, content_type, raw[split + 4..].to_vec())
}

/// POST over a plain socket: (status line, body).
fn post(url: &str, path: &str, headers: &str, body: &str) -> (String, String) {
    let authority = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(authority).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

fn state(url: &str) -> Value {
    serde_json::from_slice(&get(url, "/state.json").2).unwrap()
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    start.elapsed()
}

const FIRST: &str = "client users\nalb lb\nusers -> lb\n";
const SECOND: &str =
    "client users\nalb lb\nec2 web [replicas: 2]\nrds db\nusers -> lb -> web -> db\n";
const BROKEN: &str = "client users\nalb lb\nusers -> lb -> nowhere\n";

#[test]
fn the_server_follows_the_file_through_everything() {
    let dir = scratch("http");
    fs::write(dir.join("d.cgr"), FIRST).unwrap();
    let (mut server, url) = serve(&dir, "d.cgr");
    wait_for("the first drawing", || state(&url)["drawn"].is_u64());
    let (status, kind, page) = get(&url, "/");
    assert!(
        status.contains("200") && kind.starts_with("text/html"),
        "{status} {kind}"
    );
    let page = String::from_utf8(page).unwrap();
    for external in ["http://", "https://", "//cdn", "src=\"/", "href=\"http"] {
        assert!(
            !page.contains(external),
            "the page loads nothing from elsewhere ({external})"
        );
    }
    let (_, kind, svg) = get(&url, "/diagram.svg?theme=dark");
    assert_eq!(kind, "image/svg+xml");
    assert!(String::from_utf8(svg).unwrap().contains("id=\"node-lb\""));
    let (_, kind, png) = get(&url, "/diagram.png");
    assert_eq!(kind, "image/png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(get(&url, "/nothing").0.contains("404"));
    // Another name for 127.0.0.1 (DNS rebinding) gets nothing.
    let authority = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(authority).unwrap();
    write!(
        s,
        "GET /state.json HTTP/1.1\r\nHost: rebound.example:80\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    assert!(!raw.contains("d.cgr"), "{raw}");

    let drawn = |url: &str| state(url)["drawn"].as_u64();
    let first = drawn(&url);
    fs::write(dir.join("d.cgr"), BROKEN).unwrap();
    wait_for("the error", || {
        !state(&url)["errors"].as_array().unwrap().is_empty()
    });
    let s = state(&url);
    assert_eq!(s["errors"][0]["code"], "E0102");
    assert_eq!(
        (
            s["errors"][0]["line"].as_u64(),
            s["errors"][0]["column"].as_u64()
        ),
        (Some(3), Some(16))
    );
    assert_eq!(s["drawn"].as_u64(), first, "the last good drawing stays");

    fs::write(dir.join("d.cgr"), "").unwrap();
    wait_for("the empty note", || {
        state(&url)["note"]
            .as_str()
            .is_some_and(|n| n.contains("empty"))
    });
    fs::remove_file(dir.join("d.cgr")).unwrap();
    wait_for("the gone note", || {
        state(&url)["note"]
            .as_str()
            .is_some_and(|n| n.contains("gone"))
    });
    assert_eq!(drawn(&url), first);
    assert!(get(&url, "/diagram.svg").2.starts_with(b"<svg"));
    fs::write(dir.join("d.cgr"), SECOND).unwrap();
    wait_for("the new drawing", || {
        drawn(&url) != first && state(&url)["ok"] == true
    });
    let second = drawn(&url);
    fs::rename(dir.join("d.cgr"), dir.join("aside.cgr")).unwrap();
    wait_for("the gone note", || {
        state(&url)["note"]
            .as_str()
            .is_some_and(|n| n.contains("gone"))
    });
    fs::write(dir.join("aside.cgr"), FIRST).unwrap();
    fs::rename(dir.join("aside.cgr"), dir.join("d.cgr")).unwrap();
    wait_for("the file back", || {
        drawn(&url) != second && state(&url)["ok"] == true
    });
    assert!(
        server.0.try_wait().unwrap().is_none(),
        "the server is still running"
    );
    drop(server);
    clean_up(&dir);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
        .args(["serve", "examples/three-tier.cgr", "--port", &port])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "error: cannot listen on 127.0.0.1:{port}: address already in use"
        )),
        "{err}"
    );
    assert!(err.contains("help: choose another port"), "{err}");
}

// ------------------------------------------------------------ the browser

/// Chromium driven over `--remote-debugging-pipe`: commands go in on its
/// file descriptor 3, answers and events come out on 4, each a JSON text
/// ended by a NUL byte.
struct Browser {
    _child: Killed,
    to: fs::File,
    from: std::sync::mpsc::Receiver<Value>,
    next: u64,
    session: Option<String>,
    _profile: PathBuf,
}

impl Browser {
    fn start(profile: PathBuf) -> Browser {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        use std::os::unix::process::CommandExt;
        let pipe = || {
            let mut fds = [0; 2];
            // SAFETY: pipe2 fills two descriptors that we then own.
            assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
            // SAFETY: both descriptors are open and owned by nobody else.
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
        };
        let (their_in, our_out) = pipe();
        let (our_in, their_out) = pipe();
        let (a, b) = (their_in.as_raw_fd(), their_out.as_raw_fd());
        let mut cmd = Command::new("chromium");
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--remote-debugging-pipe",
            "--hide-scrollbars",
            "--force-color-profile=srgb",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(profile.with_extension("log")).unwrap());
        // SAFETY: fcntl and dup2 are async-signal-safe; the two descriptors are open.
        unsafe {
            cmd.pre_exec(move || {
                // Move both out of the way first: `a` or `b` may already be
                // 3 or 4, and dup2 onto itself would keep close-on-exec.
                let (a, b) = (
                    libc::fcntl(a, libc::F_DUPFD, 10),
                    libc::fcntl(b, libc::F_DUPFD, 10),
                );
                if a < 0 || b < 0 || libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = Killed(
            cmd.spawn()
                .expect("chromium is installed (apt-get install chromium)"),
        );
        drop((their_in, their_out));
        let (tx, from) = std::sync::mpsc::channel();
        let mut reader = BufReader::new(fs::File::from(our_in));
        std::thread::spawn(move || {
            let mut message = Vec::new();
            while reader.read_until(0, &mut message).is_ok_and(|n| n > 0) {
                message.pop();
                if let Ok(v) = serde_json::from_slice::<Value>(&message)
                    && tx.send(v).is_err()
                {
                    return;
                }
                message.clear();
            }
        });
        Browser {
            _child: child,
            to: fs::File::from(our_out),
            from,
            next: 0,
            session: None,
            _profile: profile,
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut message = json!({"id": self.next, "method": method, "params": params});
        if let Some(s) = &self.session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        if let Err(e) = self.to.write_all(&bytes) {
            let log = fs::read_to_string(self._profile.with_extension("log")).unwrap_or_default();
            panic!("chromium is gone ({e}); it said:\n{log}");
        }
        loop {
            let v = self
                .from
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if v["id"] == json!(self.next) {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    fn open(&mut self, url: &str) {
        let target = self.call("Target.createTarget", json!({"url": "about:blank"}));
        let session = self.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        self.session = Some(session["sessionId"].as_str().unwrap().to_string());
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1400, "height": 860, "deviceScaleFactor": 1, "mobile": false}),
        );
        self.call("Page.navigate", json!({"url": url}));
    }

    /// The value of a JavaScript expression in the page (promises awaited).
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "{expression} threw: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    fn wait_until(&mut self, what: &str, expression: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self.eval(expression) == json!(true) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn base64(text: &str) -> Vec<u8> {
    let digit = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| *c != b'=').collect();
    let mut out = Vec::new();
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= u32::from(digit(*c)) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn the_page_in_chromium_follows_the_design() {
    if std::env::var_os("CLOUDGRAM_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("skipped: CLOUDGRAM_SKIP_BROWSER=1");
        return;
    }
    let dir = scratch("browser");
    let design = dir.join("shop.cgr");
    fs::write(&design, FIRST).unwrap();
    let (server, url) = serve(&dir, "shop.cgr");
    let mut b = Browser::start(dir.join("profile"));
    b.open(&url);
    b.wait_until(
        "the first drawing",
        "!!document.querySelector('#canvas svg #node-lb')",
    );
    assert_eq!(
        b.eval("document.querySelector('#status').textContent"),
        json!("up to date")
    );
    assert_eq!(
        b.eval("document.querySelector('#file').textContent"),
        json!("shop.cgr")
    );
    assert_eq!(
        b.eval("document.querySelectorAll('#findings li[data-code=AV004]').length"),
        json!(0)
    );

    // A save: the new box and a new finding appear, soon.
    fs::write(&design, SECOND).unwrap();
    let took = b.wait_until(
        "the new drawing and finding",
        "!!document.querySelector('#canvas svg #node-db') && \
         !!document.querySelector('#findings li[data-code=AV004]')",
    );
    eprintln!("the page showed the save after {} ms", took.as_millis());
    assert!(took < Duration::from_secs(3), "took {took:?}");

    // A finding clicked outlines its element.
    assert_eq!(
        b.eval("document.querySelector('#node-db').classList.contains('cg-hl')"),
        json!(false)
    );
    b.eval("document.querySelector('#findings li[data-code=AV004]').click()");
    assert_eq!(
        b.eval("document.querySelector('#node-db').classList.contains('cg-hl')"),
        json!(true)
    );
    assert!(
        b.eval("document.querySelector('#findings li[data-code=AV004]').textContent")
            .as_str()
            .unwrap()
            .contains("help: ")
    );

    // The theme switch redraws in that theme.
    b.eval("const t = document.querySelector('#theme'); t.value = 'dark'; t.dispatchEvent(new Event('change'))");
    b.wait_until(
        "the dark drawing",
        "document.body.dataset.theme === 'dark' && \
        document.querySelector('#canvas svg').innerHTML.includes('#0f1620')",
    );
    if let Ok(path) = std::env::var("CLOUDGRAM_SERVE_SCREENSHOT") {
        let shot = b.call("Page.captureScreenshot", json!({"format": "png"}));
        let path = Path::new(&path).with_extension("dark.png");
        fs::write(path, base64(shot["data"].as_str().unwrap())).unwrap();
    }
    assert_eq!(
        b.eval("document.querySelector('#download-png').getAttribute('href')"),
        json!("/diagram.png?theme=dark")
    );
    assert_eq!(
        b.eval("fetch(document.querySelector('#download-png').href).then(r => r.headers.get('content-type'))"),
        json!("image/png")
    );

    // Zoom and pan move the drawing.
    let before = b.eval("document.querySelector('#canvas').style.transform");
    b.eval("document.querySelector('#zoom-in').click()");
    let after = b.eval("document.querySelector('#canvas').style.transform");
    assert_ne!(before, after);

    if let Ok(path) = std::env::var("CLOUDGRAM_SERVE_SCREENSHOT") {
        let example = fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/three-tier-before.cgr"
        ))
        .unwrap();
        fs::write(&design, example).unwrap();
        b.wait_until(
            "three-tier-before",
            "document.querySelectorAll('#findings li[data-code]').length > 5",
        );
        b.eval("document.querySelector('#theme').value = 'light'; document.querySelector('#theme').dispatchEvent(new Event('change'))");
        b.wait_until(
            "light",
            "document.querySelector('#canvas svg').innerHTML.includes('#ffffff')",
        );
        b.eval("document.querySelector('#zoom-fit').click(); document.querySelector('#findings li').click()");
        std::thread::sleep(Duration::from_millis(300));
        let shot = b.call("Page.captureScreenshot", json!({"format": "png"}));
        fs::write(&path, base64(shot["data"].as_str().unwrap())).unwrap();
        fs::write(&design, SECOND).unwrap();
        b.wait_until(
            "back",
            "document.querySelectorAll('#findings li[data-code]').length < 5",
        );
    }

    // A broken save: the error with its line and column, over the last good drawing.
    fs::write(&design, BROKEN).unwrap();
    b.wait_until(
        "the error",
        "document.querySelectorAll('#errors li').length > 0",
    );
    let error = b.eval("document.querySelector('#errors li').textContent");
    let error = error.as_str().unwrap();
    assert!(
        error.contains("line 3, column 16") && error.contains("E0102"),
        "{error}"
    );
    assert_eq!(
        b.eval("document.querySelector('#view').classList.contains('stale')"),
        json!(true)
    );
    assert_eq!(
        b.eval("!!document.querySelector('#canvas svg #node-db')"),
        json!(true)
    );
    if let Ok(path) = std::env::var("CLOUDGRAM_SERVE_SCREENSHOT") {
        let shot = b.call("Page.captureScreenshot", json!({"format": "png"}));
        let path = Path::new(&path).with_extension("error.png");
        fs::write(path, base64(shot["data"].as_str().unwrap())).unwrap();
    }

    // Fixed again: the error goes.
    fs::write(&design, SECOND).unwrap();
    b.wait_until(
        "the fix",
        "document.querySelectorAll('#errors li').length === 0 && \
        !document.querySelector('#view').classList.contains('stale')",
    );
    drop(server);
    drop(b);
    clean_up(&dir);
}

#[test]
fn saves_from_the_page_only_over_what_it_loaded() {
    let dir = scratch("edit");
    let design = dir.join("d.cgr");
    fs::write(&design, FIRST).unwrap();
    let (server, url) = serve_with(&dir, "d.cgr", &["--edit"]);
    wait_for("the first drawing", || state(&url)["drawn"].is_u64());
    assert_eq!(state(&url)["edit"], true);
    let loaded: Value = serde_json::from_slice(&get(&url, "/source").2).unwrap();
    assert_eq!(loaded["text"], FIRST);
    let fingerprint = loaded["fingerprint"].as_str().unwrap().to_string();
    let save = |text: &str, fingerprint: &str, headers: &str| {
        let body = json!({"text": text, "fingerprint": fingerprint}).to_string();
        post(&url, "/source", headers, &body)
    };
    let from_page = "Content-Type: application/json\r\nX-Cloudgram: save\r\n";

    // Not from the page's script (a cross-site form, say): refused.
    let (status, _) = save(SECOND, &fingerprint, "Content-Type: text/plain\r\n");
    assert!(status.contains("403"), "{status}");
    // Over a file that changed since it was loaded: refused, nothing written.
    let (status, body) = save(SECOND, "0000000000000000-1", from_page);
    assert!(status.contains("409"), "{status}");
    assert!(body.contains("changed on disk"), "{body}");
    assert_eq!(fs::read_to_string(&design).unwrap(), FIRST);
    // Over what was loaded: written, and drawn.
    let (status, body) = save(SECOND, &fingerprint, from_page);
    assert!(status.contains("200"), "{status} {body}");
    assert_eq!(fs::read_to_string(&design).unwrap(), SECOND);
    wait_for("the saved design drawn", || {
        String::from_utf8(get(&url, "/diagram.svg").2)
            .unwrap()
            .contains("id=\"node-db\"")
    });
    // The same old fingerprint again: the file has changed since, so refused.
    let (status, _) = save(FIRST, &fingerprint, from_page);
    assert!(status.contains("409"), "{status}");
    assert_eq!(fs::read_to_string(&design).unwrap(), SECOND);
    drop(server);

    // Without --edit there is no way to write.
    let (server, url) = serve(&dir, "d.cgr");
    let body = json!({"text": FIRST, "fingerprint": "x"}).to_string();
    assert!(post(&url, "/source", from_page, &body).0.contains("405"));
    assert!(get(&url, "/source").0.contains("404"));
    drop(server);
    let o = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
        .current_dir(&dir)
        .args([
            "serve", "d.cgr", "--edit", "--host", "0.0.0.0", "--port", "0",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("loopback address only"));
    clean_up(&dir);
}

#[test]
fn the_editor_pane_in_chromium_never_loses_text() {
    if std::env::var_os("CLOUDGRAM_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("skipped: CLOUDGRAM_SKIP_BROWSER=1");
        return;
    }
    let dir = scratch("editor");
    let design = dir.join("shop.cgr");
    fs::write(&design, FIRST).unwrap();
    let (server, url) = serve_with(&dir, "shop.cgr", &["--edit"]);
    let mut b = Browser::start(dir.join("profile"));
    b.open(&url);
    b.wait_until(
        "the drawing",
        "!!document.querySelector('#canvas svg #node-lb')",
    );
    b.eval("document.querySelector('#edit-button').click()");
    b.wait_until(
        "the text in the editor",
        &format!(
            "document.querySelector('#source').value === {}",
            json!(FIRST)
        ),
    );

    // Typed and saved: on disk, and drawn.
    let set = |b: &mut Browser, text: &str| {
        b.eval(&format!(
            "{{ const s = document.querySelector('#source'); s.value = {}; \
             s.dispatchEvent(new Event('input')); }}",
            json!(text)
        ));
    };
    set(&mut b, SECOND);
    b.eval("document.querySelector('#save').click()");
    wait_for("the save", || {
        fs::read_to_string(&design).unwrap() == SECOND
    });
    b.wait_until(
        "the saved drawing",
        "!!document.querySelector('#canvas svg #node-db')",
    );
    b.wait_until(
        "saved",
        "document.querySelector('#edit-status').textContent === 'saved'",
    );

    // Changed on disk while the page has nothing unsaved: the page follows.
    let third = format!("{SECOND}ec2 extra\n");
    fs::write(&design, &third).unwrap();
    b.wait_until(
        "the editor following the file",
        &format!(
            "document.querySelector('#source').value === {}",
            json!(third)
        ),
    );

    // Changed on disk while the page has unsaved text: the save is refused,
    // the file keeps its text and the page keeps the user's.
    let mine = format!("{third}ec2 mine\n");
    set(&mut b, &mine);
    let fourth = format!("{third}ec2 theirs\n");
    fs::write(&design, &fourth).unwrap();
    b.wait_until(
        "the warning",
        "document.querySelector('#edit-status').textContent.includes('changed on disk')",
    );
    b.eval("document.querySelector('#save').click()");
    b.wait_until(
        "the refusal",
        "document.querySelector('#edit-status').textContent.startsWith('not saved')",
    );
    assert_eq!(fs::read_to_string(&design).unwrap(), fourth);
    assert_eq!(
        b.eval("document.querySelector('#source').value"),
        json!(mine)
    );
    // The drawing is the file's, not the unsaved text's.
    b.wait_until(
        "their design drawn",
        "!!document.querySelector('#canvas svg #node-theirs') && \
         !document.querySelector('#canvas svg #node-mine')",
    );
    if let Ok(path) = std::env::var("CLOUDGRAM_SERVE_SCREENSHOT") {
        let shot = b.call("Page.captureScreenshot", json!({"format": "png"}));
        let path = Path::new(&path).with_extension("editor.png");
        fs::write(path, base64(shot["data"].as_str().unwrap())).unwrap();
    }
    drop(server);
    drop(b);
    clean_up(&dir);
}

/// Removes a test's folder. A browser that was just told to quit may still
/// be writing its profile there for a moment, so this tries again for a
/// second and then leaves the folder (it is under the system's temp dir).
fn clean_up(dir: &Path) {
    for _ in 0..20 {
        if fs::remove_dir_all(dir).is_ok() || !dir.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
