//! `cloudgram watch`: draws on every save, never shows a half-written file,
//! and keeps the last good drawing when the design breaks, is emptied,
//! deleted and written again, or renamed away and back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-watch-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits up to 20 s (a loaded machine) for `what` to hold.
fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts cloudgram with `args` in `dir`, its messages written to `log`;
/// it is killed when the result is dropped.
fn watching(dir: &Path, args: &[&str], log: &Path) -> Killed {
    let child = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(log).unwrap())
        .spawn()
        .unwrap();
    Killed(child)
}

#[test]
fn redraws_on_save_and_keeps_the_last_good_drawing() {
    let dir = scratch("follow");
    let design = dir.join("d.cgr");
    let out = dir.join("out.svg");
    let log = dir.join("log.txt");
    fs::write(&design, "ec2 alpha\n").unwrap();
    let mut child = watching(&dir, &["watch", "d.cgr", "-o", "out.svg"], &log);
    wait_for("the first drawing", || read(&out).contains("node-alpha"));

    // A reader that never sees a half-written drawing.
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = {
        let (stop, reads, out) = (stop.clone(), reads.clone(), out.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let svg = fs::read_to_string(&out).expect("the drawing is always there");
                assert!(svg.trim_end().ends_with("</svg>"), "half a drawing: {svg}");
                reads.fetch_add(1, Ordering::Relaxed);
            }
        })
    };

    fs::write(&design, "ec2 alpha\nec2 beta\nalpha -> beta\n").unwrap();
    wait_for("beta", || read(&out).contains("node-beta"));

    fs::write(&design, "ec2 alpha\nalpha -> missing\n").unwrap();
    wait_for("the error", || read(&log).contains("unknown id `missing`"));
    assert!(read(&log).contains("d.cgr:2:"), "{}", read(&log));
    assert!(
        read(&out).contains("node-beta"),
        "the last good drawing stays"
    );

    fs::write(&design, "").unwrap();
    wait_for("the empty note", || read(&log).contains("is empty"));
    assert!(read(&out).contains("node-beta"));

    fs::remove_file(&design).unwrap();
    wait_for("the gone note", || read(&log).contains("is gone"));
    assert!(read(&out).contains("node-beta"));
    fs::write(&design, "ec2 gamma\n").unwrap();
    wait_for("gamma", || read(&out).contains("node-gamma"));

    let aside = dir.join("aside.cgr");
    fs::rename(&design, &aside).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    fs::write(&aside, "ec2 delta\n").unwrap();
    fs::rename(&aside, &design).unwrap();
    wait_for("delta", || read(&out).contains("node-delta"));

    stop.store(true, Ordering::Relaxed);
    reader.join().expect("every read saw a whole drawing");
    assert!(reads.load(Ordering::Relaxed) > 10);
    assert!(
        child.0.try_wait().unwrap().is_none(),
        "watch is still running"
    );
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(child);
    fs::remove_dir_all(&dir).unwrap();
}

/// An output path that names no format is warned of once, when watching
/// starts, not again on every save.
#[test]
fn warns_of_an_unknown_extension_once() {
    let dir = scratch("extension");
    let design = dir.join("d.cgr");
    let out = dir.join("out.pdf");
    let log = dir.join("log.txt");
    fs::write(&design, "ec2 alpha\n").unwrap();
    let child = watching(
        &dir,
        &["--lang", "en", "watch", "d.cgr", "-o", "out.pdf"],
        &log,
    );
    wait_for("the first drawing", || read(&out).contains("node-alpha"));
    for name in ["beta", "gamma"] {
        fs::write(&design, format!("ec2 alpha\nec2 {name}\n")).unwrap();
        wait_for(name, || read(&out).contains(&format!("node-{name}")));
    }
    let said = read(&log);
    assert_eq!(
        said.matches("names no format").count(),
        1,
        "warned once in three drawings: {said}"
    );
    drop(child);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_standard_input_and_a_missing_file() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cloudgram"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let o = run(&["watch", "-"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["watch", "/nonexistent/d.cgr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("cannot read `/nonexistent/d.cgr`: no such file")
    );
    let o = run(&["watch", "examples/three-tier.cgr", "-o", "-"]);
    assert_eq!(o.status.code(), Some(2));
}
