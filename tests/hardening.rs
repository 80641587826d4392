//! Regression tests of issue 11: every input either compiles within the
//! documented limits or is refused early with a clear error and status 2;
//! SARIF names files with valid URIs; kind aliases can be written. (Speed
//! targets are criterion benches in benches/, not timed tests.)

use cloudgram::compile::compile_str;
use cloudgram::limits;
use std::fmt::Write;
use std::process::{Command, Output, Stdio};

fn cg(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The child may refuse before reading everything: a broken pipe is fine.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn codes(src: &str) -> Vec<&'static str> {
    compile_str("t.cgr", src)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn endless_inputs_are_refused_after_the_limit() {
    for args in [
        &["check", "/dev/zero"][..],
        &["render", "/dev/zero", "-o", "-"],
        &["check", "--config", "/dev/zero", "-"],
    ] {
        let o = cg(args, b"ec2 a\n");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("larger than the limit of"), "{args:?}: {err}");
    }
    let big = vec![b'#'; limits::MAX_INPUT_BYTES as usize + 1];
    let o = cg(&["check", "-"], &big);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("standard input is larger"));
}

#[test]
fn generate_refuses_sizes_past_its_limit() {
    let too_many = (limits::MAX_GENERATE_LEAVES + 1).to_string();
    let o = cg(&["generate", "--leaves", &too_many], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let o = cg(&["generate", "--leaves", "100000000"], b"");
    assert_eq!(o.status.code(), Some(2));
}

/// 200 declarations and `statements` statements of 100 × 100 edges each.
fn fan(statements: usize, attrs: &str) -> String {
    let a: Vec<String> = (0..100).map(|i| format!("a{i}")).collect();
    let b: Vec<String> = (0..100).map(|i| format!("b{i}")).collect();
    let mut src = String::new();
    for id in a.iter().chain(&b) {
        writeln!(src, "ec2 {id}").unwrap();
    }
    for _ in 0..statements {
        writeln!(src, "{} -> {} {attrs}", a.join(", "), b.join(", ")).unwrap();
    }
    src
}

#[test]
fn the_edge_limit_counts_the_whole_design() {
    // Each statement is within the per-statement limit; together they are not.
    let per = 100 * 100;
    let under = limits::MAX_EDGES / per;
    assert!(!codes(&fan(under + 1, "")).is_empty());
    assert!(codes(&fan(under + 1, "")).contains(&"E0121"));
    assert!(!codes(&fan(2, "")).contains(&"E0121"));
}

#[test]
fn edge_text_copied_into_many_edges_is_bounded() {
    let note = "n".repeat(limits::MAX_STRING_CHARS);
    let attrs = format!("[a: \"{note}\", b: \"{note}\", c: \"{note}\", d: \"{note}\"]");
    let c = compile_str("t.cgr", &fan(1, &attrs));
    assert!(c.arch.is_none());
    assert!(c.diagnostics.iter().any(|d| d.code == "E0123"));
}

#[test]
fn strings_have_a_length_limit() {
    let at = "x".repeat(limits::MAX_STRING_CHARS);
    assert!(!codes(&format!("ec2 a \"{at}\"")).contains(&"E0122"));
    let past = "가".repeat(limits::MAX_STRING_CHARS + 1);
    for src in [
        format!("ec2 a \"{past}\""),
        format!("title \"{past}\""),
        format!("ec2 a\nec2 b\na -> b : \"{past}\""),
        format!("ec2 a [note: \"{past}\"]"),
        format!("ec2 a [tags: [\"{past}\"]]"),
    ] {
        assert_eq!(codes(&src), ["E0122"], "{}", &src[..20]);
    }
}

#[test]
fn the_element_limit_counts_every_declaration() {
    let mut src = String::new();
    for i in 0..=limits::MAX_ELEMENTS {
        writeln!(src, "ec2 a{i}").unwrap();
    }
    let c = compile_str("t.cgr", &src);
    assert!(c.arch.is_none());
    assert_eq!(c.diagnostics.len(), 1);
    assert_eq!(c.diagnostics[0].code, "E0120");
}

/// A fresh folder for the files of one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `check` and `render -o out.svg` on `name` in `dir`: both must exit
/// 2 with `error` at `position` (`file:line:column`), and write nothing.
fn assert_refused(dir: &std::path::Path, name: &str, error: &str, position: &str) {
    for args in [&["check", name][..], &["render", name, "-o", "out.svg"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(o.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(error), "{args:?}: {said}");
        assert!(said.contains(position), "{args:?}: {said}");
        assert!(!dir.join("out.svg").exists(), "{args:?} wrote a file");
    }
}

#[test]
fn a_file_past_the_size_limit_is_refused_and_nothing_is_written() {
    let dir = scratch("size");
    // A sparse file: its size says it is too large before a byte is read.
    let file = std::fs::File::create(dir.join("big.cgr")).unwrap();
    file.set_len(limits::MAX_INPUT_BYTES + 1).unwrap();
    assert_refused(
        &dir,
        "big.cgr",
        "`big.cgr` is larger than the limit of 16 MiB",
        "",
    );
}

#[test]
fn too_many_declarations_are_refused_before_the_parse() {
    let dir = scratch("elements");
    let mut src = String::new();
    for i in 0..=limits::MAX_ELEMENTS {
        writeln!(src, "ec2 a{i}").unwrap();
    }
    // A syntax error after them: only a refusal before parsing skips it.
    src.push_str("}\n");
    std::fs::write(dir.join("many.cgr"), &src).unwrap();
    assert_refused(
        &dir,
        "many.cgr",
        "error[E0120]: the design declares more than 100000 elements",
        "many.cgr:100001:1",
    );
    let c = compile_str("many.cgr", &src);
    assert_eq!(c.diagnostics.len(), 1, "{:?}", c.diagnostics.get(1));
    let d = &c.diagnostics[0];
    assert_eq!(&src[d.span.start..d.span.end], "ec2 a100000");
}

#[test]
fn a_string_past_the_limit_is_refused_before_the_parse() {
    let dir = scratch("string");
    let label = "주".repeat(1 << 20);
    // Escapes are one character each: 1 + 1 Mi + 1 characters.
    let src = format!("ec2 a\nec2 b \"\\\"{label}\\n\" [note: ]\n");
    std::fs::write(dir.join("long.cgr"), &src).unwrap();
    assert_refused(
        &dir,
        "long.cgr",
        "error[E0122]: this string has 1048578 characters, more than the limit of 1000",
        "long.cgr:2:7",
    );
    let c = compile_str("long.cgr", &src);
    assert_eq!(c.diagnostics.len(), 1, "{:?}", c.diagnostics.get(1));
}

#[test]
fn sarif_uris_are_valid_and_name_their_own_file() {
    let dir = std::env::temp_dir().join(format!("cloudgram-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, uri) in [
        ("with space.cgr", "with%20space.cgr"),
        ("ünï.cgr", "%C3%BCn%C3%AF.cgr"),
        ("a#1.cgr", "a%231.cgr"),
        ("q?x.cgr", "q%3Fx.cgr"),
        ("%41.cgr", "%2541.cgr"),
    ] {
        std::fs::write(dir.join(name), "ec2 web\nweb -> nowhere\n").unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_cloudgram"))
            .args(["check", "-f", "sarif", name])
            .current_dir(&dir)
            .output()
            .unwrap();
        let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], uri, "{name}");
    }
    let o = cg(&["check", "-f", "sarif", "-"], b"ec2 web\nweb -> nowhere\n");
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let artifact =
        &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(artifact.get("uri").is_none(), "{artifact}");
    assert_eq!(artifact["description"]["text"], "standard input");
}

#[test]
fn every_documented_alias_can_be_written() {
    for alias in ["5gc", "core_5g", "eks", "postgres"] {
        let c = compile_str("t.cgr", &format!("{alias} x\n"));
        assert!(c.ok(), "{alias}: {:#?}", c.diagnostics);
    }
}

#[test]
fn many_unknown_ids_each_get_the_suggestion_a_linear_search_gives() {
    let mut src = String::new();
    for i in 0..2000 {
        writeln!(src, "ec2 service_{i}").unwrap();
    }
    for i in 0..2000 {
        writeln!(src, "service_{i} -> servce_{i}").unwrap();
    }
    let c = compile_str("t.cgr", &src);
    let unknown: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "E0102").collect();
    assert_eq!(unknown.len(), 2000);
    let declared: Vec<String> = (0..2000).map(|i| format!("service_{i}")).collect();
    for d in unknown.iter().step_by(37) {
        let word = d.message.split('`').nth(1).unwrap();
        let linear =
            cloudgram::model::suggest::did_you_mean(word, declared.iter().map(String::as_str));
        assert!(linear.is_some(), "{word}");
        assert_eq!(
            d.help,
            linear.map(|s| format!("did you mean `{s}`?")),
            "{word}"
        );
    }
}

#[test]
fn diagnostics_on_one_long_line_point_at_the_right_column() {
    // A minified design: one line, many unknown IDs far into it.
    let mut src = String::from("ec2 a;");
    for i in 0..2000 {
        write!(src, "a -> x{i} : \"주문\";").unwrap();
    }
    let file = cloudgram::source::SourceFile::new("t.cgr", src.as_str());
    let c = cloudgram::compile::compile(&file);
    assert!(!c.diagnostics.is_empty());
    for d in c.diagnostics.iter().step_by(97) {
        let at = file.line_col(d.span.start);
        assert_eq!(at.column, src[..d.span.start].chars().count() + 1);
        let text = cloudgram::diagnostic::human::render(&file, d);
        assert!(text.lines().count() < 10, "{text}");
        assert!(text.lines().all(|l| l.chars().count() < 160), "{text}");
    }
}

#[test]
fn the_largest_generated_design_is_within_the_limits() {
    let src = cloudgram::generate::synthetic(
        limits::MAX_GENERATE_LEAVES,
        7,
        cloudgram::generate::Format::Cgr,
    );
    assert!(src.len() as u64 <= limits::MAX_INPUT_BYTES);
    let c = compile_str("g.cgr", &src);
    assert!(c.ok(), "{:?}", c.diagnostics.first());
}

#[test]
fn help_and_usage_errors_are_plain_text_off_a_terminal() {
    let o = cg(&["--help"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(!o.stdout.contains(&0x1b), "no colour codes in --help");
    let o = cg(&["render"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error:"));
    assert!(!o.stderr.contains(&0x1b), "no colour codes in usage errors");
}
