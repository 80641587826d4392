//! The binary as a user runs it: commands, outputs and exit statuses.

use assert_cmd::Command;

fn cloudgram() -> Command {
    Command::cargo_bin("cloudgram").expect("binary is built")
}

/// Runs cloudgram with `args` and `stdin`, checks its exit status and
/// returns what it wrote.
fn run(args: &[&str], stdin: impl Into<Vec<u8>>, code: i32) -> std::process::Output {
    cloudgram()
        .args(args)
        .write_stdin(stdin)
        .assert()
        .code(code)
        .get_output()
        .clone()
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn render_writes_svg_next_to_the_input_by_default() {
    let dir = temp_dir("default-out");
    let input = dir.join("shop.cgr");
    std::fs::write(&input, "client u\nalb lb\nu -> lb").unwrap();
    cloudgram().arg("render").arg(&input).assert().code(0);
    let svg = std::fs::read_to_string(dir.join("shop.svg")).unwrap();
    assert!(svg.starts_with("<svg"));
    cloudgram()
        .args(["render", "-f", "json"])
        .arg(&input)
        .assert()
        .code(0);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("shop.json")).unwrap()).unwrap();
    assert_eq!(json["edges"][0]["from"], "u");
}

#[test]
fn render_takes_the_format_from_the_output_name_unless_told() {
    let dir = temp_dir("format-of-out");
    let input = dir.join("shop.cgr");
    std::fs::write(&input, "client u\nalb lb\nu -> lb").unwrap();
    let write = |out: &str, format: Option<&str>| {
        let mut cmd = cloudgram();
        cmd.arg("render").arg(&input).arg("-o").arg(dir.join(out));
        if let Some(format) = format {
            cmd.args(["--format", format]);
        }
        cmd.assert().code(0);
        std::fs::read(dir.join(out)).unwrap()
    };
    assert_eq!(&write("a.png", None)[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&write("b.PNG", None)[..8], b"\x89PNG\r\n\x1a\n");
    let json: serde_json::Value = serde_json::from_slice(&write("c.json", None)).unwrap();
    assert_eq!(json["edges"][0]["to"], "lb");
    assert!(write("d.svg", None).starts_with(b"<svg"));
    // No extension it knows: SVG, with a warning; an explicit --format
    // wins over the name, and says nothing.
    assert!(write("e.drawing", None).starts_with(b"<svg"));
    assert!(write("f.png", Some("svg")).starts_with(b"<svg"));
    let warned = |out: &str, format: Option<&str>| {
        let mut cmd = cloudgram();
        cmd.args(["--lang", "en", "render"])
            .arg(&input)
            .arg("-o")
            .arg(dir.join(out));
        if let Some(format) = format {
            cmd.args(["--format", format]);
        }
        let stderr = cmd.assert().code(0).get_output().stderr.clone();
        String::from_utf8(stderr)
            .unwrap()
            .contains("names no format")
    };
    assert!(warned("g.drawing", None));
    assert!(!warned("h.drawing", Some("svg")) && !warned("i.png", None));
}

#[test]
fn render_to_stdout_and_from_stdin() {
    let out = run(&["render", &example("three-tier.cgr"), "-o", "-"], "", 0).stdout;
    assert!(String::from_utf8(out).unwrap().starts_with("<svg"));
    let out = run(
        &["render", "-", "--format", "json"],
        "ec2 web\nrds db\nweb -> db : \"SQL\"",
        0,
    )
    .stdout;
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for key in ["width", "height", "nodes", "containers", "edges"] {
        assert!(json.get(key).is_some(), "scene has `{key}`");
    }
    assert_eq!(json["edges"][0]["label"], "SQL");
    assert!(json["edges"][0]["points"].as_array().unwrap().len() >= 2);
    assert_eq!(json["nodes"][0]["parent"], serde_json::Value::Null);
}

#[test]
fn render_of_bad_input_exits_2_with_a_located_diagnostic() {
    let out = run(&["render", "-", "-o", "-"], "ec2 web\nweb -> db\n", 2);
    assert!(out.stdout.is_empty(), "nothing is drawn");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[E0102]: unknown id `db`"), "{err}");
    assert!(err.contains("--> <stdin>:2:8"), "{err}");
}

#[test]
fn check_exit_statuses() {
    cloudgram()
        .args(["check", &example("three-tier.cgr")])
        .assert()
        .code(0);
    cloudgram()
        .args(["check", "-"])
        .write_stdin("ec2 web {")
        .assert()
        .code(2);
    // Warnings pass by default and fail with --fail-on warning.
    cloudgram()
        .args(["check", "-"])
        .write_stdin("ec2 web [replica: 2]")
        .assert()
        .code(0);
    cloudgram()
        .args(["check", "-", "--fail-on", "warning"])
        .write_stdin("ec2 web [replica: 2]")
        .assert()
        .code(1);
    cloudgram()
        .args(["check", "no/such/file.cgr"])
        .assert()
        .code(2);
}

#[test]
fn check_human_output_goes_to_stdout() {
    let out = run(&["check", "-"], "ec2 web [replica: 2]", 0);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("warning[W0001]: unknown attribute `replica`"),
        "{text}"
    );
    assert!(text.contains("= help: did you mean `replicas`?"), "{text}");
    assert!(
        text.contains("checked 1 file: 0 errors, 1 warning"),
        "{text}"
    );
}

#[test]
fn check_json_follows_the_spec() {
    let out = run(
        &["check", "--format", "json", "-"],
        "ec2 web\n\nweb -> dbb",
        2,
    )
    .stdout;
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["files"], serde_json::json!(["<stdin>"]));
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "E0102");
    assert_eq!(d["name"], "unknown-id");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "<stdin>");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(8))
    );
    assert_eq!(d["suppressed"], false);
    assert!(d["subjects"].is_array());
}

#[test]
fn check_sarif_is_a_sarif_log() {
    let out = run(
        &["check", "--format", "sarif", "-"],
        "ec2 web [replica: 2]",
        0,
    )
    .stdout;
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["version"], "2.1.0");
    let result = &json["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "W0001");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
}

#[test]
fn check_many_files_reports_each() {
    let dir = temp_dir("many");
    let good = dir.join("good.cgr");
    let bad = dir.join("bad.cgr");
    std::fs::write(&good, "ec2 web").unwrap();
    std::fs::write(&bad, "ec2 web\nec2 web").unwrap();
    let out = cloudgram()
        .arg("check")
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("bad.cgr:2:5"), "{text}");
    assert!(text.contains("checked 2 files"), "{text}");
}

#[test]
fn invalid_utf8_input_exits_2() {
    let out = run(&["check", "-"], b"ec2 \xff".to_vec(), 2).stdout;
    assert!(String::from_utf8_lossy(&out).contains("E0004"));
    cloudgram()
        .args(["render", "-"])
        .write_stdin(b"\xc3".to_vec())
        .assert()
        .code(2);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    cloudgram().assert().code(2);
    cloudgram().args(["render"]).assert().code(2);
    cloudgram()
        .args(["render", "x.cgr", "--format", "gif"])
        .assert()
        .code(2);
    cloudgram().args(["frobnicate"]).assert().code(2);
    let help = cloudgram()
        .arg("--help")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(help).unwrap();
    for word in ["render", "check", "rules", "explain", "Example"] {
        assert!(help.contains(word), "help mentions {word}: {help}");
    }
    let help = run(&["render", "--help"], "", 0).stdout;
    assert!(
        String::from_utf8(help)
            .unwrap()
            .contains("Example: cloudgram render")
    );
}

#[test]
fn unwritable_output_exits_2() {
    cloudgram()
        .args([
            "render",
            &example("three-tier.cgr"),
            "-o",
            "/no/such/dir/out.svg",
        ])
        .assert()
        .code(2);
}

#[test]
fn rules_and_explain() {
    cloudgram().arg("rules").assert().code(0);
    let out = run(&["explain", "NOPE999"], "", 2).stderr;
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains("unknown rule `NOPE999`")
    );
}

#[test]
fn render_png_with_scale_theme_and_legend() {
    let dir = temp_dir("png");
    let input = dir.join("shop.cgr");
    std::fs::write(&input, "client u\nalb lb\nu -> lb").unwrap();
    let json = cloudgram()
        .args(["render", "-f", "json", "-o", "-"])
        .arg(&input)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let scene: serde_json::Value = serde_json::from_slice(&json).unwrap();
    cloudgram()
        .args(["render", "-f", "png", "--theme", "dark", "--scale", "1.5"])
        .arg(&input)
        .assert()
        .code(0);
    let png = std::fs::read(dir.join("shop.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    let expect = |key: &str| (scene[key].as_f64().unwrap() * 1.5).round() as u32;
    assert_eq!((width, height), (expect("width"), expect("height")));
    let svg = cloudgram()
        .args(["render", "--theme", "whiteboard", "--legend", "-o", "-"])
        .arg(&input)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let svg = String::from_utf8(svg).unwrap();
    assert!(svg.contains("id=\"legend\"") && svg.contains("whiteboard theme"));
}

#[test]
fn render_rejects_unknown_themes_and_bad_scales() {
    cloudgram()
        .args(["render", "-", "--theme", "neon"])
        .write_stdin("ec2 web")
        .assert()
        .code(2);
    for scale in ["0", "-1", "nan", "100000"] {
        cloudgram()
            .args(["render", "-", "-f", "png", "-o", "-", "--scale", scale])
            .write_stdin("ec2 web")
            .assert()
            .code(2);
    }
}

#[test]
fn png_warns_about_characters_no_font_can_draw() {
    let png = |src: &str| {
        run(
            &["render", "-", "-f", "png", "-o", "-", "--scale", "1"],
            src.to_string(),
            0,
        )
    };
    let out = png("ec2 web \"Web \u{E000}\"");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("warning: no font on this machine draws"),
        "{err}"
    );
    assert!(err.contains("U+E000"), "{err}");
    assert_eq!(&out.stdout[..4], b"\x89PNG");
    let out = png("ec2 web \"Web server\"");
    assert!(!String::from_utf8(out.stderr).unwrap().contains("warning"));
}

#[test]
fn render_highlight_marks_findings_on_the_drawing() {
    let out = run(
        &[
            "render",
            &example("three-tier-before.cgr"),
            "--highlight",
            "-o",
            "-",
        ],
        "",
        0,
    )
    .stdout;
    let svg = String::from_utf8(out).unwrap();
    assert!(svg.contains("id=\"findings\""), "outlines and badges");
    assert!(svg.contains("id=\"findings-list\""), "list of findings");
    assert!(svg.contains("AV004"), "the list names the rules");
    // A clean design draws no findings; without --highlight nothing is linted.
    let out = run(
        &[
            "render",
            &example("three-tier-after.cgr"),
            "--highlight",
            "-o",
            "-",
        ],
        "",
        0,
    )
    .stdout;
    let after = String::from_utf8(out).unwrap();
    assert!(
        !after.contains("id=\"findings\""),
        "nothing marked on the fixed design"
    );
    let out = run(
        &["render", &example("three-tier-before.cgr"), "-o", "-"],
        "",
        0,
    )
    .stdout;
    assert!(!String::from_utf8(out).unwrap().contains("id=\"findings\""));
}

#[test]
fn output_is_byte_identical_across_runs() {
    // Separate processes hash with different seeds: nothing may depend on it.
    for example_name in ["three-tier.cgr", "microservices.cgr", "korean-shop.cgr"] {
        for format in ["svg", "json"] {
            let run = || {
                run(
                    &["render", &example(example_name), "-f", format, "-o", "-"],
                    "",
                    0,
                )
                .stdout
            };
            assert_eq!(run(), run(), "{example_name} as {format}");
        }
    }
}

#[test]
fn render_stats_prints_the_readability_figures_and_says_when_it_fell_back() {
    let stats = |name: &str| {
        let out = run(&["render", &example(name), "-o", "-", "--stats"], "", 0);
        String::from_utf8(out.stderr).unwrap()
    };
    let grid = stats("three-tier.cgr");
    for figure in [
        "bends per edge",
        "jogs",
        "aspect",
        "far from their edge",
        "0 nearer a sibling's branch",
        "hidden arrowheads",
        "sibling sites not side by side 0",
        "tier subnets not aligned 0",
        "shared lanes 0",
        "edges along a border 0",
        "squeezed beside one 0",
        "arrows from beside another box 0",
        "edges out of their container and back 0",
    ] {
        assert!(grid.contains(figure), "{figure}: {grid}");
    }
    assert!(!grid.contains("fell back"), "{grid}");
    // Each phase is said once, with its runs summed (the finishing passes
    // run once for each candidate picture, on threads of their own), and
    // the total is the command's own time, not the sum over the threads.
    let phases: Vec<&str> = grid
        .lines()
        .filter(|l| l.ends_with(" ms") || l.ends_with("(on all threads)"))
        .collect();
    let name = |l: &&str| {
        l.trim()
            .split("  ")
            .next()
            .expect("a phase line starts with its name")
            .to_string()
    };
    let names: Vec<String> = phases.iter().map(name).collect();
    for n in &names {
        assert_eq!(names.iter().filter(|m| *m == n).count(), 1, "{n}: {grid}");
    }
    let runs = phases
        .iter()
        .find(|l| name(l) == "straightening")
        .expect("the one-grid engine straightens");
    assert!(runs.contains('×'), "{runs}");
    let ms = |label: &str| -> f64 {
        let line = phases.iter().find(|l| name(l) == label).expect(label);
        let field = line.split(" ms").next().unwrap().split_whitespace().last();
        field.unwrap().parse().expect("milliseconds")
    };
    assert!(ms("total (wall clock)") > 0.0, "{grid}");
    assert!(ms("phases summed") >= ms("straightening"), "{grid}");
    // mlops's groups interleave: three edges cannot be kept out of unrelated
    // groups on the grid, so they are routed around them afterwards.
    let mlops = stats("mlops.cgr");
    assert!(mlops.contains("detours"), "{mlops}");
    assert!(!mlops.contains("fell back"), "{mlops}");
    // Above 400 components the per-container engine draws (and says so).
    let big = run(&["generate", "--leaves", "600"], "", 0).stdout;
    let out = run(&["render", "-", "-o", "-", "--stats"], big, 0);
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("fell back to recursive"), "{said}");
}
