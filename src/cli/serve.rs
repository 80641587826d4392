//! `cloudgram serve`: a live preview in the browser. The design is followed
//! on disk (as by `watch`), compiled, linted and laid out on every save; a
//! small HTTP server (tiny_http) on the loopback address serves one
//! self-contained page, the drawing as SVG or PNG in any theme, the state
//! (findings, errors) as JSON, and server-sent events that tell the page
//! to fetch them again. The server only reads, unless `--edit` (loopback
//! only) lets the page's editor pane save the design: in one rename, and
//! never over a file that changed on disk since the pane loaded it.

use super::EXIT_INVALID;
use super::follow::{Follow, Seen};
use super::io::{reason, say};
use crate::diagnostic::json::JsonDiagnostic;
use crate::diagnostic::{self, human};
use crate::layout::{self, Timings};
use crate::render;
use crate::scene::Scene;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The page: HTML, CSS and script in one file, nothing fetched from elsewhere.
const PAGE: &str = include_str!("serve.html");

/// How often an idle event stream sends a comment, so that a browser that
/// went away is noticed and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design to show (`.cgr`); it is followed on disk.
    pub file: String,
    /// Port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 7878)]
    pub port: u16,
    /// Address to listen on. The default, 127.0.0.1, is reachable from this
    /// machine only; `0.0.0.0` (or a LAN address) lets anyone who can reach
    /// this machine read the design, its drawing and its findings
    /// (`--edit` is refused there).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Open the page in the default web browser.
    #[arg(long)]
    pub open: bool,
    /// Add an editor pane to the page that saves to FILE (loopback only).
    /// A save is written in one rename, and refused when FILE changed on
    /// disk since the page loaded it.
    #[arg(long)]
    pub edit: bool,
    /// Layout engine, as for `render`.
    #[arg(long, value_name = "ENGINE", default_value = "layered", value_parser = layout::ENGINES)]
    pub layout: String,
    /// Lint configuration (default: `cloudgram.toml` next to FILE), read
    /// again on every save.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// What the page shows: the last good drawing and findings, and what is wrong now.
#[derive(Default)]
struct State {
    /// Counts every change of what follows; the page compares it.
    version: u64,
    /// The version of the last good drawing.
    drawn: u64,
    /// The last design that compiled, laid out.
    scene: Option<Arc<Scene>>,
    /// Its lint findings and compile warnings.
    findings: Vec<JsonDiagnostic>,
    /// Errors of the text on disk now (empty when it compiled).
    errors: Vec<JsonDiagnostic>,
    /// Why the text on disk is not drawn, when it is not a compile error
    /// (the file is gone, empty, unreadable).
    note: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// What every request may need besides the state: the file and the options.
struct Site {
    /// The file's name as given.
    name: String,
    path: PathBuf,
    /// Served on a loopback address: only loopback names are answered.
    loopback: bool,
    /// The page may save to the file (`--edit`).
    edit: bool,
    /// One save at a time: the check that the file is unchanged and the
    /// write that follows it are not interleaved with another save.
    saving: Mutex<()>,
}

/// A fingerprint of the file's bytes (`absent` when there is no file), so
/// that a save can tell whether the file changed since the page read it.
fn fingerprint(bytes: Option<&[u8]>) -> String {
    use std::hash::{Hash, Hasher};
    match bytes {
        None => "absent".to_string(),
        Some(bytes) => {
            // SipHash with fixed keys: the same bytes, the same fingerprint.
            let mut h = std::hash::DefaultHasher::new();
            bytes.hash(&mut h);
            format!("{:016x}-{}", h.finish(), bytes.len())
        }
    }
}

/// The file as it is on disk now: its bytes, or `None` when it is gone.
fn on_disk(site: &Site) -> Result<Option<Vec<u8>>, String> {
    match crate::source::read_limited(&site.path, crate::limits::MAX_INPUT_BYTES) {
        Ok(Some(bytes)) => Ok(Some(bytes)),
        Ok(None) => Err(super::too_large(
            &format!("`{}`", site.name),
            crate::limits::MAX_INPUT_BYTES,
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read `{}`: {}", site.name, reason(&e))),
    }
}

/// `GET /source`: the text of the file and its fingerprint.
fn source(site: &Site) -> Answer {
    match on_disk(site) {
        Ok(bytes) => {
            let body = serde_json::json!({
                "text": bytes.as_deref().map(String::from_utf8_lossy).unwrap_or_default(),
                "fingerprint": fingerprint(bytes.as_deref()),
            });
            typed(body.to_string().into_bytes(), "application/json")
        }
        Err(message) => text(500, &message),
    }
}

/// `POST /source`: writes the page's text over the file in one rename if
/// the file is still what the page loaded (same fingerprint); otherwise a
/// refusal (409) that changes nothing. Only the page's own script can ask:
/// it sends a header that no form or simple cross-site request can.
fn save(request: &mut tiny_http::Request, site: &Site) -> Answer {
    use std::io::Read;
    let from_page = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("X-Cloudgram") && h.value.as_str() == "save");
    if !from_page {
        return text(403, "saves come from the page only");
    }
    let limit = crate::limits::MAX_INPUT_BYTES + 4096;
    let mut body = Vec::new();
    let read = request.as_reader().take(limit + 1).read_to_end(&mut body);
    if read.is_err() || body.len() as u64 > limit {
        return text(413, "the text is too large, or could not be read");
    }
    let asked: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let (Some(new_text), Some(base)) = (asked["text"].as_str(), asked["fingerprint"].as_str())
    else {
        return text(400, "expected {\"text\": ..., \"fingerprint\": ...}");
    };
    let _one_at_a_time = site.saving.lock().unwrap_or_else(|e| e.into_inner());
    let now = match on_disk(site) {
        Ok(bytes) => fingerprint(bytes.as_deref()),
        Err(message) => return text(500, &message),
    };
    if now != base {
        let body = serde_json::json!({
            "error": format!(
                "`{}` changed on disk since the page loaded it: nothing was written",
                site.name
            ),
            "fingerprint": now,
        });
        return typed(body.to_string().into_bytes(), "application/json").with_status_code(409);
    }
    match super::io::write_file(&site.path, new_text.as_bytes(), None) {
        Ok(()) => {
            say!("saved `{}` from the page", site.name);
            let body = serde_json::json!({"fingerprint": fingerprint(Some(new_text.as_bytes()))});
            typed(body.to_string().into_bytes(), "application/json")
        }
        Err(super::io::WriteError::Io(e)) => text(
            500,
            &format!(
                "cannot write `{}`: {} (it was left as it was)",
                site.name,
                reason(&e)
            ),
        ),
        Err(super::io::WriteError::IsInput) => unreachable!("no input to protect"),
    }
}

/// Runs `serve` until it is interrupted; returns 2 when it cannot start.
pub fn run(args: &Args) -> u8 {
    let file = args.file.as_str();
    if file == "-" {
        say!("error: `serve` follows a file on disk, not standard input");
        return EXIT_INVALID;
    }
    let path = Path::new(file);
    if let Err(e) = std::fs::metadata(path) {
        say!("error: cannot read `{file}`: {}", reason(&e));
        return EXIT_INVALID;
    }
    if let Err(message) = crate::lint::Config::for_design(Some(path), args.config.as_deref()) {
        say!("error: {message}");
        return EXIT_INVALID;
    }
    if args.edit && !is_loopback_name(&args.host) {
        say!(
            "error: `--edit` lets the page write `{file}`, so it is served on a loopback address only, not on `{}`",
            args.host
        );
        return EXIT_INVALID;
    }
    let server = match tiny_http::Server::http((args.host.as_str(), args.port)) {
        Ok(server) => server,
        Err(e) => {
            let why = match e.downcast_ref::<std::io::Error>() {
                Some(io) => reason(io),
                None => e.to_string(),
            };
            say!("error: cannot listen on {}:{}: {why}", args.host, args.port);
            say!("help: choose another port with `--port N`, or `--port 0` for any free one");
            return EXIT_INVALID;
        }
    };
    let mut follow = match Follow::new(path) {
        Ok(follow) => follow,
        Err(message) => {
            say!("error: {message}");
            return EXIT_INVALID;
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let shown_host = if args.host.contains(':') {
        format!("[{}]", args.host)
    } else {
        args.host.clone()
    };
    let url = format!("http://{shown_host}:{port}/");
    say!("serving `{file}` at {url}; press Ctrl-C to stop");
    let shared: Shared = Arc::default();
    let site = Arc::new(Site {
        name: file.to_string(),
        path: path.to_path_buf(),
        loopback: is_loopback_name(&args.host),
        edit: args.edit,
        saving: Mutex::new(()),
    });
    {
        let shared = shared.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = shared.clone();
                let site = site.clone();
                std::thread::spawn(move || answer(request, &shared, &site));
            }
        });
    }
    if args.open {
        open_browser(&url);
    }
    let mut built: Option<Vec<u8>> = None;
    loop {
        let seen = follow.read();
        let note = match seen {
            Seen::Text(bytes) => {
                if built.as_ref() != Some(&bytes) {
                    build(args, &bytes, &shared);
                    built = Some(bytes);
                }
                None
            }
            Seen::Gone => Some(format!(
                "`{file}` is gone; the last drawing stays until it comes back"
            )),
            Seen::Empty => Some(format!(
                "`{file}` is empty; the last drawing stays until it has a design again"
            )),
            Seen::Unreadable(message) => Some(message),
        };
        if let Some(note) = note {
            built = None;
            let (lock, changed) = &*shared;
            let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
            if state.note.as_ref() != Some(&note) {
                say!("{note}");
                state.note = Some(note);
                state.errors.clear();
                state.version += 1;
                changed.notify_all();
            }
        }
        if !follow.wait() {
            say!("error: the watch on `{file}` stopped");
            return EXIT_INVALID;
        }
    }
}

/// Compiles, lints and lays out the text, prints its diagnostics, and
/// makes it what the page shows (or, when it does not compile, its errors).
fn build(args: &Args, bytes: &[u8], shared: &Shared) {
    let (file, bad_utf8) = crate::compile::source_from_bytes(&args.file, bytes.to_vec());
    let config =
        crate::lint::Config::for_design(Some(Path::new(&args.file)), args.config.as_deref());
    let mut drawn = None;
    let mut diagnostics = match (bad_utf8, &config) {
        (Some(d), _) => vec![d],
        (None, Ok(config)) => {
            let c = crate::compile::check_with(&file, config);
            if let Some(arch) = &c.arch {
                let engine = layout::engine(&args.layout).expect("clap only accepts known engines");
                drawn = Some(engine.layout(arch, &mut Timings::default()));
            }
            c.diagnostics
        }
        (None, Err(_)) => Vec::new(),
    };
    diagnostic::sort(&mut diagnostics);
    super::io::stderr(&human::render_all(&file, &diagnostics));
    let shown: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .filter(|d| !d.suppressed)
        .map(|d| JsonDiagnostic::new(&file, d))
        .collect();
    let (lock, changed) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    state.version += 1;
    state.note = config.err();
    if let Some(scene) = drawn {
        state.scene = Some(Arc::new(scene));
        state.drawn = state.version;
        state.findings = shown;
        state.errors.clear();
        let findings = state.findings.len();
        say!(
            "drew `{}`: {findings} finding{}",
            args.file,
            if findings == 1 { "" } else { "s" }
        );
    } else {
        state.errors = shown;
    }
    changed.notify_all();
}

/// Answers one request. Errors writing the answer mean the browser went away.
fn answer(mut request: tiny_http::Request, shared: &Shared, site: &Site) {
    let name = site.name.as_str();
    // A web page elsewhere may make the browser ask a name of its own that
    // resolves to 127.0.0.1 (DNS rebinding): on loopback, only loopback names.
    if site.loopback
        && !request
            .headers()
            .iter()
            .any(|h| h.field.equiv("Host") && is_loopback_name(host_name(h.value.as_str())))
    {
        let _ = request.respond(text(
            403,
            "this server answers only to 127.0.0.1 and localhost",
        ));
        return;
    }
    let url = request.url().to_string();
    let (route, query) = url.split_once('?').unwrap_or((&url, ""));
    let theme = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("theme="))
        .filter(|t| render::theme::NAMES.contains(t))
        .unwrap_or("light");
    if site.edit && route == "/source" && request.method() == &tiny_http::Method::Post {
        let response = save(&mut request, site);
        let _ = request.respond(response);
        return;
    }
    if request.method() != &tiny_http::Method::Get {
        let _ = request.respond(text(405, "only GET is served"));
        return;
    }
    let stem = Path::new(name)
        .file_stem()
        .map_or("design".to_string(), |s| s.to_string_lossy().into_owned());
    let response = match route {
        "/" | "/index.html" => typed(PAGE.as_bytes().to_vec(), "text/html; charset=utf-8"),
        "/state.json" => typed(
            state_json(shared, name, site.edit).into_bytes(),
            "application/json",
        ),
        "/diagram.svg" => match drawing(shared, theme) {
            Some(svg) => download(typed(svg.into_bytes(), "image/svg+xml"), &stem, "svg"),
            None => text(404, "nothing drawn yet"),
        },
        "/diagram.png" => match drawing(shared, theme).map(|svg| render::png::render(&svg, 2.0)) {
            Some(Ok(png)) => download(typed(png, "image/png"), &stem, "png"),
            Some(Err(why)) => text(500, &format!("cannot draw a PNG: {why}")),
            None => text(404, "nothing drawn yet"),
        },
        "/events" => return events(request, shared),
        "/source" if site.edit => source(site),
        _ => text(404, "not found"),
    };
    let _ = request.respond(response);
}

type Answer = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn typed(body: Vec<u8>, content_type: &str) -> Answer {
    tiny_http::Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, message: &str) -> Answer {
    typed(message.as_bytes().to_vec(), "text/plain; charset=utf-8").with_status_code(status)
}

/// Names the file a browser saves (`?download` is not needed: the page's
/// links say `download` themselves, this names the file for other clients).
fn download(answer: Answer, stem: &str, extension: &str) -> Answer {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    answer.with_header(header(
        "Content-Disposition",
        &format!("inline; filename=\"{safe}.{extension}\""),
    ))
}

/// The last good drawing in a theme.
fn drawing(shared: &Shared, theme: &str) -> Option<String> {
    let scene = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        state.scene.clone()?
    };
    let options = render::svg::Options {
        theme: render::theme::Theme::by_name(theme).expect("a known theme"),
        ..Default::default()
    };
    Some(render::svg::render_with(&scene, &options))
}

fn state_json(shared: &Shared, name: &str, edit: bool) -> String {
    let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
    serde_json::json!({
        "file": name,
        "edit": edit,
        "version": state.version,
        "drawn": state.scene.as_ref().map(|_| state.drawn),
        "ok": state.errors.is_empty() && state.note.is_none(),
        "note": state.note,
        "errors": state.errors,
        "findings": state.findings,
        "themes": render::theme::NAMES,
    })
    .to_string()
}

/// Server-sent events: `data: VERSION` now and after every change, a
/// comment when idle. The stream ends when the browser goes away.
fn events(request: tiny_http::Request, shared: &Shared) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut sent = None;
    let (lock, changed) = &**shared;
    loop {
        let version = {
            let state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (state, _) = changed
                .wait_timeout_while(state, KEEP_ALIVE, |s| Some(s.version) == sent)
                .unwrap_or_else(|e| e.into_inner());
            state.version
        };
        let message = if sent.is_none() {
            format!("{head}retry: 500\ndata: {version}\n\n")
        } else if Some(version) == sent {
            ": still here\n\n".to_string()
        } else {
            format!("data: {version}\n\n")
        };
        sent = Some(version);
        if out
            .write_all(message.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The host of a `Host` header, without its port (`[::1]:7878` → `::1`).
fn host_name(header: &str) -> &str {
    match header.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(rest),
        None => header.split(':').next().unwrap_or(header),
    }
}

/// Whether a host name or address stays on this machine.
fn is_loopback_name(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Opens the page with the system's opener; says so when there is none.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let started = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = started {
        say!(
            "warning: cannot open a browser ({}: {}); open {url} yourself",
            opener[0],
            reason(&e)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names() {
        for h in [
            "127.0.0.1:7878",
            "localhost:80",
            "[::1]:7878",
            "LOCALHOST",
            "127.1.2.3",
        ] {
            assert!(is_loopback_name(host_name(h)), "{h}");
        }
        for h in [
            "evil.example:7878",
            "192.168.1.5:7878",
            "0.0.0.0",
            "[fe80::1]:1",
            "",
        ] {
            assert!(!is_loopback_name(host_name(h)), "{h}");
        }
    }
}
