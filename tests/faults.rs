//! Fault injection: outputs are transactions. A full disk, a file-size
//! limit, an unwritable folder, an output that is the input (by any
//! spelling, symlink or hard link), and standard streams that are full or
//! closed: the previous output survives intact, no temporary file is left,
//! the exit status is 2 and nothing panics.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DESIGN: &str =
    "client users\nalb lb\nec2 web [replicas: 2]\nrds db [multi_az]\nusers -> lb -> web -> db\n";
const GOOD: &str = "<svg>the previous, good drawing</svg>\n";

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cloudgram")
}

/// A fresh folder holding `d.cgr`.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-faults-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("d.cgr"), DESIGN).unwrap();
    dir
}

/// Runs a shell command line in `dir` with `$CG` set to the binary.
fn sh(dir: &Path, script: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("CG", bin())
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn cg(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn output_equal_to_the_input_is_refused_by_any_spelling_or_link() {
    let dir = scratch("same");
    std::os::unix::fs::symlink("d.cgr", dir.join("link.svg")).unwrap();
    fs::hard_link(dir.join("d.cgr"), dir.join("hard.svg")).unwrap();
    let absolute = dir.join("d.cgr").to_string_lossy().into_owned();
    for target in ["d.cgr", "./d.cgr", &absolute, "link.svg", "hard.svg"] {
        for format in ["svg", "png", "json"] {
            let o = cg(&dir, &["render", "d.cgr", "-o", target, "-f", format]);
            assert_eq!(o.status.code(), Some(2), "-o {target} -f {format}");
            assert!(stderr(&o).contains("same file"), "{}", stderr(&o));
            assert_eq!(fs::read_to_string(dir.join("d.cgr")).unwrap(), DESIGN);
        }
    }
    // Also when the design is named through the link.
    let o = cg(&dir, &["render", "link.svg", "-o", "d.cgr"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(dir.join("d.cgr")).unwrap(), DESIGN);
    assert_eq!(listing(&dir), ["d.cgr", "hard.svg", "link.svg"]);
}

#[test]
fn the_default_output_never_names_the_input() {
    let dir = scratch("default");
    for (name, format) in [("x.svg", "svg"), ("x.png", "png"), ("x.json", "json")] {
        fs::write(dir.join(name), DESIGN).unwrap();
        let o = cg(&dir, &["render", name, "-f", format]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            fs::read_to_string(dir.join(name)).unwrap(),
            DESIGN,
            "{name}"
        );
        let written = fs::read(dir.join(format!("{name}.{format}"))).unwrap();
        assert!(!written.is_empty());
    }
}

#[test]
fn a_file_size_limit_leaves_the_previous_output_intact() {
    let dir = scratch("fsize");
    fs::write(dir.join("out.svg"), GOOD).unwrap();
    // 1 block of 512 bytes: far less than any drawing.
    let o = sh(&dir, "ulimit -f 1; exec \"$CG\" render d.cgr -o out.svg");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write `out.svg`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(dir.join("out.svg")).unwrap(), GOOD);
    // A new target is not left behind as an empty or partial file.
    let o = sh(&dir, "ulimit -f 1; exec \"$CG\" render d.cgr -o new.svg");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(listing(&dir), ["d.cgr", "out.svg"]);
}

#[test]
fn a_full_device_as_output_exits_2() {
    let dir = scratch("full");
    let o = cg(&dir, &["render", "d.cgr", "-o", "/dev/full"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no space left"), "{}", stderr(&o));
    // /dev/full is still the device, not a file renamed over it.
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn an_unwritable_folder_leaves_nothing_and_exits_2() {
    let dir = scratch("readonly");
    // /proc takes no new files, even for root (who ignores `chmod 555`).
    let o = cg(&dir, &["render", "d.cgr", "-o", "/proc/cloudgram-out.svg"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    // A missing folder.
    let o = cg(&dir, &["render", "d.cgr", "-o", "no/such/dir/out.svg"]);
    assert_eq!(o.status.code(), Some(2));
    // A read-only folder, where permissions apply (not as root).
    let ro = dir.join("ro");
    fs::create_dir(&ro).unwrap();
    fs::write(ro.join("out.svg"), GOOD).unwrap();
    let o = sh(
        &dir,
        "chmod 555 ro && \"$CG\" render d.cgr -o ro/out.svg; s=$?; chmod 755 ro; exit $s",
    );
    let root = sh(&dir, "test \"$(id -u)\" = 0").status.success();
    if !root {
        assert_eq!(o.status.code(), Some(2));
    }
    assert_eq!(listing(&ro).len(), 1, "no temporary file is left");
    if !root {
        assert_eq!(fs::read_to_string(ro.join("out.svg")).unwrap(), GOOD);
    }
}

#[test]
fn a_full_standard_output_exits_2_for_every_command() {
    let dir = scratch("stdout-full");
    for args in [
        "render d.cgr -o -",
        "render d.cgr -o - -f png",
        "render d.cgr -o - -f json",
        "check d.cgr",
        "check d.cgr -f json",
        "check d.cgr -f sarif",
        "generate --leaves 10",
        "simulate d.cgr",
        "simulate d.cgr --format json",
        "fail d.cgr --each element",
        "fail d.cgr --each element --format json",
        "rules",
        "explain AV001",
        "--help",
    ] {
        let o = sh(&dir, &format!("exec \"$CG\" {args} > /dev/full"));
        assert_eq!(o.status.code(), Some(2), "{args}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write to standard output"),
            "{args}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_closed_standard_output_exits_2() {
    let dir = scratch("stdout-closed");
    for args in ["check d.cgr", "render d.cgr -o -", "rules"] {
        let o = sh(&dir, &format!("exec \"$CG\" {args} >&-"));
        assert_eq!(o.status.code(), Some(2), "{args}: {}", stderr(&o));
    }
    // Redirected to /dev/null is not closed.
    let o = sh(&dir, "exec \"$CG\" check d.cgr > /dev/null");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    let dir = scratch("pipe");
    // Far more than a pipe buffer, so the write meets the closed pipe.
    let mut child = Command::new(bin())
        .args(["generate", "--leaves", "20000"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_failing_standard_error_exits_2_without_a_panic() {
    let dir = scratch("stderr");
    fs::write(dir.join("out.svg"), GOOD).unwrap();
    // `wrote out.svg` cannot be said: the drawing is written, the status says 2.
    let o = sh(&dir, "exec \"$CG\" render d.cgr -o out.svg 2> /dev/full");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        fs::read_to_string(dir.join("out.svg"))
            .unwrap()
            .starts_with("<svg")
    );
    // A compile error that cannot be reported.
    fs::write(dir.join("bad.cgr"), "ec2 web\nweb -> nowhere\n").unwrap();
    for script in [
        "exec \"$CG\" check bad.cgr 2>&- >/dev/null",
        "exec \"$CG\" render bad.cgr 2> /dev/full",
        "exec \"$CG\" render bad.cgr 2>&-",
        "exec \"$CG\" explain NOPE 2> /dev/full",
        "exec \"$CG\" render --no-such-flag 2> /dev/full",
    ] {
        let o = sh(&dir, script);
        assert_eq!(o.status.code(), Some(2), "{script}");
    }
    // Standard error into a pipe whose reader has gone.
    let o = sh(
        &dir,
        "\"$CG\" render bad.cgr 2>&1 >/dev/null | head -c 10 >/dev/null; exit 0",
    );
    assert!(o.status.success());
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}
