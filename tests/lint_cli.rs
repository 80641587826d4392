//! Lint through the binary: `check` with findings, `--fail-on`,
//! `cloudgram.toml` and `--config`, JSON and SARIF output, `rules` and `explain`.

use assert_cmd::Command;
use std::path::PathBuf;
mod common;

fn cloudgram() -> Command {
    Command::cargo_bin("cloudgram").expect("binary is built")
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-lint-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

const SKETCH: &str = "client users\nalb lb\nec2 web\nrds db\nusers -> lb -> web -> db\n";
const PUBLIC_DB: &str = "subnet dmz [public] { rds db [multi_az] }\n";

#[test]
fn every_example_checks_with_exit_0() {
    for path in common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr") {
        cloudgram().arg("check").arg(&path).assert().code(0);
    }
    // The reviewed designs pass even when warnings fail the run.
    for after in ["three-tier-after.cgr", "microservices-after.cgr"] {
        cloudgram()
            .args(["check", "--fail-on", "warning", &example(after)])
            .assert()
            .code(0);
    }
    for before in ["three-tier-before.cgr", "microservices-before.cgr"] {
        cloudgram()
            .args(["check", "--fail-on", "warning", &example(before)])
            .assert()
            .code(1);
    }
}

#[test]
fn findings_are_reported_at_the_element_with_help_and_fail_on_sets_the_exit() {
    let text = stdout(cloudgram().args(["check", "-"]).write_stdin(SKETCH), 0);
    assert!(
        text.contains("warning[AV004]: `db` has no failover: no `multi_az` and no replica"),
        "{text}"
    );
    assert!(text.contains(" --> <stdin>:4:1"), "{text}");
    assert!(text.contains("4 | rds db\n  | ^^^^^^"), "{text}");
    assert!(text.contains("= help: set `multi_az`"), "{text}");
    cloudgram()
        .args(["check", "-", "--fail-on", "warning"])
        .write_stdin(SKETCH)
        .assert()
        .code(1);
    cloudgram()
        .args(["check", "-"])
        .write_stdin(PUBLIC_DB)
        .assert()
        .code(1);
    // Suppressed findings are listed but never fail the run.
    let text = stdout(
        cloudgram()
            .args(["check", "-", "--fail-on", "info"])
            .write_stdin("subnet dmz [public, allow: [SE001]] { rds db [multi_az] }\n"),
        0,
    );
    assert!(
        text.contains("error[SE001]") && text.contains("(suppressed)"),
        "{text}"
    );
    assert!(text.contains("(1 suppressed)"), "{text}");
}

#[test]
fn json_lists_findings_with_subjects_suppression_and_fingerprints() {
    let src =
        "client u\nrds db [multi_az, allow: SE002]\nu -> db\nec2 app\nrds other\napp -> other\n";
    let out = stdout(
        cloudgram()
            .args(["check", "--format", "json", "-"])
            .write_stdin(src),
        0,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ds = json["diagnostics"].as_array().unwrap();
    let se002 = ds.iter().find(|d| d["code"] == "SE002").expect("SE002");
    assert_eq!(se002["name"], "internet-to-datastore");
    assert_eq!(se002["severity"], "error");
    assert_eq!(se002["subjects"], serde_json::json!(["u", "db"]));
    assert_eq!(se002["suppressed"], true);
    assert_eq!(
        (se002["line"].as_u64(), se002["column"].as_u64()),
        (Some(3), Some(1))
    );
    let av004 = ds.iter().find(|d| d["code"] == "AV004").expect("AV004");
    assert_eq!(av004["subjects"], serde_json::json!(["other"]));
    assert_eq!(av004["suppressed"], false);
    let fp = av004["fingerprint"].as_str().unwrap();
    assert_eq!(fp.len(), 16);
    // The same design gives the same fingerprint.
    let again = stdout(
        cloudgram()
            .args(["check", "--format", "json", "-"])
            .write_stdin(src),
        0,
    );
    assert!(again.contains(fp));
}

#[test]
fn sarif_has_rules_with_help_and_results_with_locations_and_fingerprints() {
    let out = stdout(
        cloudgram()
            .args(["check", "--format", "sarif", "-"])
            .write_stdin(PUBLIC_DB),
        1,
    );
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 30);
    for r in rules
        .iter()
        .filter(|r| r["id"].as_str().unwrap().len() == 5)
    {
        assert!(r["shortDescription"]["text"].is_string(), "{r}");
        assert!(
            r["fullDescription"]["text"].as_str().unwrap().len() > 20,
            "{r}"
        );
        assert!(
            r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Use instead"),
            "{r}"
        );
        assert!(r["defaultConfiguration"]["level"].is_string(), "{r}");
    }
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "SE001")
        .expect("SE001 result");
    assert_eq!(result["level"], "error");
    let se001 = rules.iter().find(|r| r["id"] == "SE001").unwrap();
    assert_eq!(se001["properties"]["security-severity"], "9.0");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 1);
    assert_eq!(region["startColumn"], 23);
    assert!(result["partialFingerprints"]["cloudgram/v1"].is_string());
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "SE001");
}

#[test]
fn cloudgram_toml_next_to_the_file_and_config_flag() {
    let dir = temp_dir("config");
    let design = dir.join("shop.cgr");
    std::fs::write(&design, PUBLIC_DB).unwrap();
    cloudgram().arg("check").arg(&design).assert().code(1);
    std::fs::write(
        dir.join("cloudgram.toml"),
        "[rules]\npublic-datastore = \"warning\"\n",
    )
    .unwrap();
    let text = stdout(cloudgram().arg("check").arg(&design), 0);
    assert!(text.contains("warning[SE001]"), "{text}");
    // --config wins over the file next to the design.
    let other = dir.join("strict.toml");
    std::fs::write(&other, "[rules]\nSE001 = \"off\"\n").unwrap();
    let text = stdout(
        cloudgram()
            .arg("check")
            .arg(&design)
            .arg("--config")
            .arg(&other),
        0,
    );
    assert!(!text.contains("SE001"), "{text}");
    // Parameters: PF003's depth.
    let chain = dir.join("chain.cgr");
    std::fs::write(
        &chain,
        "client u\nservice a [replicas: 2..4, autoscale]\nservice b [replicas: 2..4, autoscale]\nu -> a -> b [timeout: 1s]\n",
    )
    .unwrap();
    std::fs::write(&other, "[rules.PF003]\ndepth = 1\nlevel = \"error\"\n").unwrap();
    let text = stdout(
        cloudgram()
            .arg("check")
            .arg(&chain)
            .arg("--config")
            .arg(&other),
        1,
    );
    assert!(text.contains("error[PF003]"), "{text}");
}

#[test]
fn a_bad_config_exits_2_with_a_clear_message() {
    let dir = temp_dir("bad-config");
    let design = dir.join("shop.cgr");
    std::fs::write(&design, PUBLIC_DB).unwrap();
    for (toml, says) in [
        (
            "[rules]\nSE01 = \"off\"\n",
            "unknown rule `SE01`; did you mean `SE001`?",
        ),
        ("[rules]\nSE001 = \"loud\"\n", "unknown level `loud`"),
        ("[rules]\nPF003 = { depht = 3 }\n", "has no setting `depht`"),
        ("[rules\n", "line 1"),
    ] {
        std::fs::write(dir.join("cloudgram.toml"), toml).unwrap();
        let out = cloudgram().arg("check").arg(&design).assert().code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            err.contains("invalid configuration") && err.contains(says),
            "{err}"
        );
    }
    cloudgram()
        .args(["check", "-", "--config", "/no/such/cloudgram.toml"])
        .write_stdin(PUBLIC_DB)
        .assert()
        .code(2);
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_manual() {
    let text = stdout(cloudgram().arg("rules"), 0);
    for r in cloudgram::lint::registry() {
        assert!(
            text.lines()
                .any(|l| l.starts_with(r.code()) && l.contains(r.name())),
            "{} listed",
            r.code()
        );
    }
    for key in ["AV002", "av002", "single-point-of-failure"] {
        let text = stdout(cloudgram().args(["explain", key]), 0);
        assert!(
            text.starts_with("AV002 (single-point-of-failure): "),
            "{text}"
        );
        let rule = cloudgram::lint::find("AV002").unwrap();
        assert!(
            text.contains(rule.explanation().trim_end()),
            "the manual, verbatim"
        );
    }
    let out = cloudgram()
        .args(["explain", "single-pont-of-failure"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("did you mean `single-point-of-failure`?"),
        "{err}"
    );
}
