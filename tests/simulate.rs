//! `simulate`, `fail` and the `render --simulate` / `--fail` overlays, as a
//! user runs them: the "done when" list, on the examples.

use assert_cmd::Command;
use cloudgram::compile::{check, compile_str};
use cloudgram::graph::ArchGraph;
use cloudgram::graph::simulate::{Demand, Model, simulate};
use cloudgram::lint::analysis::fmt_rps;
use cloudgram::source::SourceFile;
use serde_json::Value;
mod common;

fn cloudgram() -> Command {
    Command::cargo_bin("cloudgram").expect("binary is built")
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs cloudgram, checks the exit status, returns standard output and error.
fn run(args: &[&str], stdin: &str, code: i32) -> (String, String) {
    let out = cloudgram()
        .args(args)
        .write_stdin(stdin)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str], code: i32) -> Value {
    let (out, err) = run(args, "", code);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"))
}

fn component<'v>(v: &'v Value, id: &str) -> &'v Value {
    v["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {v:#}"))
}

#[test]
fn three_tier_at_a_million_users_names_the_bottleneck_and_the_changes() {
    let file = example("three-tier.cgr");
    let (out, _) = run(&["simulate", &file, "--users", "1M"], "", 0);
    // 300k users state 6k rps: 1M is 20k; CloudFront passes 30% (6k) to
    // the ALB; both app replicas write to the one database: 6k on 3k.
    assert!(out.contains("at 1,000,000 users (20k rps"), "{out}");
    assert!(
        out.contains("bottleneck: `db_primary` at 200% (6k rps on 3k rps)"),
        "{out}"
    );
    assert!(
        out.contains("put a cache in front of `db_primary` (needs hit_ratio ≥ 65%)"),
        "{out}"
    );
    assert!(
        out.contains("add read replicas to `db_primary`: `replicas: 3`"),
        "{out}"
    );
    assert!(out.contains("(PF002 capacity-exceeded)"), "{out}");
    let v = json(&["simulate", &file, "--users", "1M", "--format", "json"], 0);
    assert_eq!(v["users"], 1_000_000.0);
    assert_eq!(v["bottleneck"], "db_primary");
    let db = component(&v, "db_primary");
    assert_eq!(db["load_rps"], 6000.0);
    assert_eq!(db["capacity_rps"], 3000.0);
    assert_eq!(db["utilisation"], 2.0);
    assert_eq!(db["status"], "saturated");
    assert_eq!(db["latency_ms"], Value::Null);
    // web_a: 3k of 8 × 1k; under 70% needs 5, after losing AZ b it takes all 6k: 6.
    let web = component(&v, "web_a");
    assert_eq!(web["utilisation"], 0.375);
    assert_eq!(web["replicas_needed"], 6);
    assert_eq!(web["status"], "ok");
    assert_eq!(v["slowest_path"]["elements"][0], "shoppers");
    assert_eq!(v["slowest_path"]["latency_ms"], Value::Null);
}

#[test]
fn the_largest_user_count_agrees_with_runs_just_below_and_above() {
    for file in ["three-tier.cgr", "korean-shop.cgr", "three-tier-before.cgr"] {
        let file = example(file);
        let v = json(&["simulate", &file, "--format", "json"], 0);
        let max = v["max_users"].as_f64().unwrap();
        let by = v["limited_by"].as_str().unwrap().to_string();
        let at = |users: f64| {
            let n = format!("{users}");
            json(
                &["simulate", file.as_str(), "--users", &n, "--format", "json"],
                0,
            )
        };
        let below = at(max);
        assert!(
            below["components"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["status"] != "saturated"),
            "{file} at {max}: {below:#}"
        );
        let above = at(max + 1.0);
        assert_eq!(component(&above, &by)["status"], "saturated", "{file}");
    }
}

#[test]
fn three_tier_survives_each_az_and_the_sketch_does_not() {
    let (out, _) = run(
        &[
            "fail",
            &example("three-tier.cgr"),
            "--each",
            "az",
            "--require-survival",
        ],
        "",
        0,
    );
    assert!(out.contains("survives every scenario: yes"), "{out}");
    let v = json(
        &[
            "fail",
            &example("three-tier.cgr"),
            "--az",
            "a",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v["survives"], true);
    assert_eq!(v["failed"], serde_json::json!(["nat_a", "web_a", "app_a"]));
    assert_eq!(v["paths"]["total"], v["paths"]["surviving"]);
    assert_eq!(v["failovers"][0]["id"], "db_primary");
    assert_eq!(v["failovers"][0]["seconds"], serde_json::json!([60, 120]));
    // The sketch: everything is in AZ a.
    let before = example("three-tier-before.cgr");
    let (out, _) = run(
        &["fail", &before, "--each", "az", "--require-survival"],
        "",
        1,
    );
    assert!(out.contains("survives every scenario: no"), "{out}");
    run(&["fail", &before, "--each", "az"], "", 0);
    let v = json(&["fail", &before, "--az", "az_a", "--format", "json"], 0);
    assert_eq!(v["survives"], false);
    assert_eq!(v["paths"], serde_json::json!({"total": 2, "surviving": 0}));
    assert_eq!(
        v["lost_paths"][0],
        serde_json::json!(["shoppers", "web", "db"])
    );
}

#[test]
fn fail_each_element_ranks_by_blast_radius() {
    let v = json(
        &[
            "fail",
            &example("three-tier.cgr"),
            "--each",
            "element",
            "--format",
            "json",
        ],
        0,
    );
    let scenarios = v["scenarios"].as_array().unwrap();
    let lost = |s: &Value| s["lost_paths"].as_array().unwrap().len();
    assert!(scenarios.windows(2).all(|w| lost(&w[0]) >= lost(&w[1])));
    // CloudFront carries every path: losing it loses them all.
    assert_eq!(scenarios[0]["scenario"]["subject"], "cf");
    assert_eq!(
        lost(&scenarios[0]),
        scenarios[0]["paths"]["total"].as_u64().unwrap() as usize
    );
    assert_eq!(v["survives"], false);
}

#[test]
fn several_elements_fail_together() {
    let file = example("three-tier.cgr");
    let v = json(
        &[
            "fail",
            &file,
            "--element",
            "web_a,web_b",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v["failed"], serde_json::json!(["web_a", "web_b"]));
    // Only the static assets stay reachable: through CloudFront to S3.
    assert_eq!(v["paths"], serde_json::json!({"total": 3, "surviving": 1}));
    let again = json(
        &[
            "fail",
            &file,
            "--element",
            "web_a",
            "--element",
            "web_b",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v, again);
}

#[test]
fn an_overloaded_survivor_fails_the_requirement() {
    // Each web serves 2 × 500; losing one zone puts 1500 on the other.
    let src = "client u [rps: 1500]\nalb lb\n\
        az az_a { ec2 web_a [replicas: 2, capacity: 500rps] }\n\
        az az_b { ec2 web_b [replicas: 2, capacity: 500rps] }\n\
        dynamodb db\nu -> lb -> web_a, web_b\nweb_a, web_b -> db\n";
    let (out, _) = run(&["fail", "-", "--az", "a", "--require-survival"], src, 1);
    assert!(
        out.contains("`web_b` at 150% (1.5k rps on 1k rps left)"),
        "{out}"
    );
    // At two thirds of the load it holds.
    run(
        &[
            "fail",
            "-",
            "--az",
            "a",
            "--require-survival",
            "--scale",
            "0.66",
        ],
        src,
        0,
    );
}

#[test]
fn bad_input_is_refused_with_status_2_and_a_suggestion() {
    let file = example("three-tier.cgr");
    let (_, err) = run(&["fail", &file, "--az", "c"], "", 2);
    assert!(
        err.contains("unknown zone `c`; the design's zones are `a`, `b`"),
        "{err}"
    );
    let (_, err) = run(&["fail", &file, "--az", "az_c"], "", 2);
    assert!(err.contains("did you mean `az_a`?"), "{err}");
    let (_, err) = run(&["fail", &file, "--element", "web_c"], "", 2);
    assert!(
        err.contains("unknown element `web_c`") && err.contains("did you mean `web_a`?"),
        "{err}"
    );
    let (_, err) = run(&["fail", &file, "--region", "seol"], "", 2);
    assert!(err.contains("did you mean `seoul`?"), "{err}");
    let (_, err) = run(&["fail", &file, "--region", "prod_vpc"], "", 2);
    assert!(err.contains("is a `vpc`, not a region"), "{err}");
    let (_, err) = run(&["render", &file, "--fail", "web_c", "-o", "-"], "", 2);
    assert!(err.contains("did you mean `web_a`?"), "{err}");
    for (flag, value) in [
        ("--users", "0"),
        ("--users", "-5"),
        ("--users", "1e13"),
        ("--users", "many"),
        ("--scale", "-2"),
        ("--scale", "0"),
        ("--target", "150%"),
    ] {
        let (_, err) = run(&["simulate", &file, flag, value], "", 2);
        assert!(err.contains("error:"), "{flag} {value}: {err}");
    }
    let (_, err) = run(&["simulate", &file, "--users", "1M", "--scale", "2"], "", 2);
    assert!(err.contains("cannot be used with"), "{err}");
    // --users needs an entry point stating users.
    let (_, err) = run(
        &["simulate", "-", "--users", "10"],
        "client u [rps: 5]\nec2 a\nu -> a\n",
        2,
    );
    assert!(err.contains("no entry point states `users`"), "{err}");
    // A design that does not compile: its errors, then status 2.
    let (_, err) = run(&["simulate", "-"], "ec3 a\n", 2);
    assert!(err.contains("did you mean `ec2`?"), "{err}");
}

#[test]
fn nothing_to_simulate_is_said_and_is_no_error() {
    let (out, _) = run(&["simulate", "-"], "ec2 a\nrds db\na -> db\n", 0);
    assert!(out.contains("has no entry point"), "{out}");
    let (out, _) = run(&["simulate", "-"], "client u\nec2 a\nu -> a\n", 0);
    assert!(
        out.contains("no entry point states `users` or `rps`"),
        "{out}"
    );
    let (out, _) = run(
        &["fail", "-", "--element", "a"],
        "ec2 a\nrds db\na -> db\n",
        0,
    );
    assert!(out.contains("no request path to lose"), "{out}");
}

#[test]
fn pf002_and_simulate_give_the_same_numbers() {
    let src = std::fs::read_to_string(example("three-tier-before.cgr")).unwrap();
    let arch = compile_str("x.cgr", &src).arch.unwrap();
    let graph = ArchGraph::new(&arch);
    let sim = simulate(&Model::new(&arch, &graph), Demand::AsWritten, 0.7);
    let diagnostics = check(&SourceFile::new("x.cgr", &src)).diagnostics;
    let mut checked = 0;
    for c in &sim.components {
        let id = &arch.element(c.id).id;
        let pf002 = diagnostics
            .iter()
            .find(|d| d.code == "PF002" && d.subjects == [id.clone()]);
        let saturated = c.status == cloudgram::graph::simulate::Status::Saturated;
        assert_eq!(pf002.is_some(), saturated, "{id}");
        if let Some(d) = pf002 {
            let cap = c.capacity.unwrap();
            let figures = format!(
                "estimated load of {} on `{id}` exceeds its capacity of {}",
                fmt_rps(c.load_rps),
                fmt_rps(cap.total())
            );
            assert!(d.message.contains(&figures), "{}", d.message);
            checked += 1;
        }
    }
    assert!(checked >= 1);
}

#[test]
fn overlays_draw_in_every_theme_and_format() {
    let file = example("three-tier.cgr");
    for theme in ["light", "dark", "whiteboard"] {
        let (svg, _) = run(
            &[
                "render",
                &file,
                "--simulate",
                "--users",
                "1M",
                "--theme",
                theme,
                "-o",
                "-",
            ],
            "",
            0,
        );
        assert!(svg.contains("id=\"overlay-key\""), "{theme}");
        assert!(svg.contains("Simulated load: 1,000,000 users"));
        assert!(svg.contains("≈ 20k rps"), "the rate on the first edge");
        let line = |svg: &str, text: &str| svg.lines().any(|l| l.trim() == text);
        assert!(line(&svg, "200%"), "db_primary's pill");
        let (svg, _) = run(
            &[
                "render", &file, "--fail", "az_a", "--theme", theme, "-o", "-",
            ],
            "",
            0,
        );
        assert!(svg.contains("class=\"gone\""));
        assert!(svg.contains("Outage: AZ a"));
        assert!(line(&svg, "fails over 60–120 s"));
    }
    let (_, _) = run(
        &[
            "render",
            &example("three-tier-before.cgr"),
            "--fail",
            "a",
            "-o",
            "-",
        ],
        "",
        0,
    );
    let out = cloudgram()
        .args(["render", &file, "--simulate", "-f", "png", "-o", "-"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(out.starts_with(b"\x89PNG"));
    // Without an overlay the drawing is what it was.
    let (plain, _) = run(&["render", &file, "-o", "-"], "", 0);
    assert!(!plain.contains("overlay") && !plain.contains("≈"));
}

#[test]
fn every_example_simulates_and_an_unbounded_path_names_its_cause() {
    let files = common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr");
    assert!(files.len() >= 10);
    for f in files {
        let f = f.to_str().unwrap();
        let (out, _) = run(&["simulate", f, "--users", "1M"], "", 0);
        // microservices-after has components at exactly 100%: hot, and unbounded.
        if let Some(at) = out.find("unbounded (") {
            assert!(out[at..].starts_with("unbounded (`"), "{f}: {out}");
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let file = example("korean-shop.cgr");
    let a = run(
        &["simulate", &file, "--users", "1M", "--format", "json"],
        "",
        0,
    );
    let b = run(
        &["simulate", &file, "--users", "1M", "--format", "json"],
        "",
        0,
    );
    assert_eq!(a, b);
    let a = run(&["fail", &file, "--each", "element"], "", 0);
    let b = run(&["fail", &file, "--each", "element"], "", 0);
    assert_eq!(a, b);
}
