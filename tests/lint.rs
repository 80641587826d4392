//! The lint engine and its rules: every rule's manual is complete and its
//! examples behave as documented, every fixture under `tests/fixtures/lint/`
//! meets the expectation on its first line, and the human output of each
//! fixture is snapshotted.

use cloudgram::compile::{check, check_with};
use cloudgram::diagnostic::{Diagnostic, Severity, human};
use cloudgram::lint::{self, Config};
use cloudgram::source::SourceFile;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
mod common;

const SECTIONS: [&str; 5] = [
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## Use instead",
    "## References",
];

fn lint(name: &str, src: &str) -> Vec<Diagnostic> {
    let c = check(&SourceFile::new(name, src));
    assert!(c.ok(), "{name} compiles: {:#?}", c.diagnostics);
    c.diagnostics
}

/// The first ```cgr block after `heading` in a rule's manual.
fn block_after<'a>(doc: &'a str, heading: &str) -> &'a str {
    let rest = &doc[doc.find(heading).unwrap_or_else(|| panic!("{heading}"))..];
    let start = rest.find("```cgr\n").expect("a ```cgr block") + 7;
    let end = start + rest[start..].find("```").expect("closed block");
    &rest[start..end]
}

#[test]
fn the_spec_rules_exist_with_their_codes_names_and_meaning() {
    let spec = [
        ("AV001", "single-instance"),
        ("AV002", "single-point-of-failure"),
        ("AV003", "single-az"),
        ("AV004", "database-without-failover"),
        ("SE001", "public-datastore"),
        ("SE002", "internet-to-datastore"),
        ("SE003", "plaintext-from-internet"),
        ("SE004", "compute-in-public-subnet"),
        ("MS001", "shared-database"),
        ("MS002", "sync-cycle"),
        ("MS003", "no-api-gateway"),
        ("PF001", "no-autoscaling"),
        ("PF002", "capacity-exceeded"),
        ("PF003", "deep-sync-chain"),
        ("K8001", "deployment-replicas"),
        ("AI001", "llm-without-guardrail"),
    ];
    for (code, name) in spec {
        let rule = lint::find(code).unwrap_or_else(|| panic!("{code} exists"));
        assert_eq!(rule.name(), name);
        assert_eq!(lint::find(name).unwrap().code(), code);
    }
    assert!(
        lint::registry().len() >= spec.len() + 14,
        "at least 14 rules beyond the spec"
    );
}

#[test]
fn the_registry_is_sorted_with_unique_codes_and_names_under_the_spec_prefixes() {
    let rules = lint::registry();
    let codes: Vec<&str> = rules.iter().map(|r| r.code()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "registry is in code order, codes unique");
    let names: BTreeSet<&str> = rules.iter().map(|r| r.name()).collect();
    assert_eq!(names.len(), rules.len(), "names are unique");
    for r in rules {
        assert!(
            ["AV", "SE", "MS", "PF", "K8", "AI"].contains(&&r.code()[..2]),
            "{} uses a spec prefix",
            r.code()
        );
        assert!(
            r.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is kebab-case",
            r.name()
        );
        assert!(!r.summary().ends_with('.'), "{} summary style", r.code());
    }
}

#[test]
fn every_rule_manual_has_the_fixed_sections_in_order_and_cites_a_reference() {
    for r in lint::registry() {
        let doc = r.explanation();
        let mut at = 0;
        for s in SECTIONS {
            let found = doc[at..]
                .find(s)
                .unwrap_or_else(|| panic!("{}: `{s}` missing or out of order", r.code()));
            at += found + s.len();
        }
        let refs = &doc[doc.find("## References").unwrap()..];
        assert!(
            refs.lines().filter(|l| l.starts_with("- ")).count() >= 1,
            "{} cites at least one reference",
            r.code()
        );
        assert!(
            !doc.lines()
                .any(|l| l.starts_with(' ') && l.trim().starts_with("##"))
        );
    }
}

#[test]
fn every_manual_example_fires_and_its_use_instead_does_not() {
    for r in lint::registry() {
        let doc = r.explanation();
        let fires = |src: &str| {
            lint(&format!("{}-doc.cgr", r.code()), src)
                .iter()
                .any(|d| d.code == r.code() && !d.suppressed)
        };
        assert!(
            fires(block_after(&doc, "## Example")),
            "{}: the Example fires",
            r.code()
        );
        assert!(
            !fires(block_after(&doc, "## Use instead")),
            "{}: the Use instead is quiet",
            r.code()
        );
    }
}

/// One clause of a fixture's `# expect:` line.
#[derive(Debug)]
enum Expect {
    Fires { code: String, on: String },
    Suppressed { code: String, on: String },
    Quiet { code: String },
}

fn parse_expect(line: &str) -> Vec<Expect> {
    let body = line
        .strip_prefix("# expect:")
        .unwrap_or_else(|| panic!("first line is `# expect: ...`, got {line:?}"));
    body.split(';')
        .map(|clause| {
            let words: Vec<&str> = clause.split_whitespace().collect();
            match words.as_slice() {
                ["no", code] => Expect::Quiet {
                    code: code.to_string(),
                },
                [code, "on", id] => Expect::Fires {
                    code: code.to_string(),
                    on: id.to_string(),
                },
                [code, "on", id, "(suppressed)"] => Expect::Suppressed {
                    code: code.to_string(),
                    on: id.to_string(),
                },
                _ => panic!("cannot read expectation {clause:?}"),
            }
        })
        .collect()
}

fn fixtures() -> Vec<PathBuf> {
    common::files(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint"),
        "cgr",
    )
}

#[test]
fn every_fixture_meets_its_expectation_and_its_output_is_snapshotted() {
    let mut kinds: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for path in fixtures() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = format!("{stem}.cgr");
        let diagnostics = lint(&name, &text);
        let prefix = stem.split('_').next().unwrap().to_string();
        for e in parse_expect(text.lines().next().unwrap_or_default()) {
            match &e {
                Expect::Fires { code, on } => {
                    if !diagnostics
                        .iter()
                        .any(|d| d.code == code && !d.suppressed && d.subjects.contains(on))
                    {
                        failures.push(format!("{stem}: {code} fires on {on}: {diagnostics:#?}"));
                    }
                    kinds.entry(code.clone()).or_default().insert("fires");
                }
                Expect::Suppressed { code, on } => {
                    let about: Vec<_> = diagnostics
                        .iter()
                        .filter(|d| d.code == code && d.subjects.contains(on))
                        .collect();
                    if about.is_empty() || !about.iter().all(|d| d.suppressed) {
                        failures.push(format!(
                            "{stem}: {code} on {on} is reported as suppressed: {diagnostics:#?}"
                        ));
                    }
                    kinds.entry(code.clone()).or_default().insert("suppressed");
                }
                Expect::Quiet { code } => {
                    if diagnostics.iter().any(|d| d.code == code) {
                        failures.push(format!("{stem}: {code} stays quiet: {diagnostics:#?}"));
                    }
                    kinds.entry(code.clone()).or_default().insert("quiet");
                }
            }
            let code = match &e {
                Expect::Fires { code, .. }
                | Expect::Suppressed { code, .. }
                | Expect::Quiet { code } => code,
            };
            assert_eq!(code, &prefix, "{stem} is named after the rule it tests");
        }
        let file = SourceFile::new(name, text.as_str());
        insta::assert_snapshot!(stem.clone(), human::render_all(&file, &diagnostics));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for r in lint::registry() {
        let have = kinds.get(r.code()).cloned().unwrap_or_default();
        assert_eq!(
            have,
            BTreeSet::from(["fires", "quiet", "suppressed"]),
            "{} has fixtures that fire, stay quiet and are suppressed",
            r.code()
        );
    }
}

#[test]
fn a_plain_whiteboard_sketch_gets_a_few_findings_not_a_flood() {
    let d = lint(
        "sketch.cgr",
        "client users\nalb lb\nec2 web\nrds db\nusers -> lb -> web -> db\n",
    );
    let loud: Vec<&str> = d
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.code)
        .collect();
    assert_eq!(loud, ["AV001", "AV002", "AV004"], "{d:#?}");
    assert!(d.len() <= 5, "{d:#?}");
    // Without entry points or attributes, nothing is assumed.
    let d = lint(
        "boxes.cgr",
        "ec2 web\ns3 files\nsqs q\nweb -> files\nweb ~> q",
    );
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn tentative_findings_are_info_whatever_the_configured_level() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lint/PF002_assumed.cgr"
    ))
    .unwrap();
    let d = lint("PF002_assumed.cgr", &src);
    let pf002 = d.iter().find(|d| d.code == "PF002").unwrap();
    assert_eq!(pf002.severity, Severity::Info);
    assert!(
        pf002
            .message
            .contains("assuming 3k rps per replica for `rds`")
    );
    let config = Config::parse("[rules]\nPF002 = \"error\"").unwrap();
    let c = check_with(&SourceFile::new("x.cgr", src.as_str()), &config);
    let pf002 = c.diagnostics.iter().find(|d| d.code == "PF002").unwrap();
    assert_eq!(pf002.severity, Severity::Info);
}

#[test]
fn config_sets_levels_and_parameters() {
    let src = "client users\nalb lb\nec2 web\nusers -> lb -> web\n";
    let file = SourceFile::new("x.cgr", src);
    let codes = |config: &str| -> Vec<(&'static str, Severity)> {
        let c = check_with(&file, &Config::parse(config).unwrap());
        c.diagnostics.iter().map(|d| (d.code, d.severity)).collect()
    };
    assert!(codes("").contains(&("AV001", Severity::Warning)));
    assert!(codes("[rules]\nAV001 = \"error\"").contains(&("AV001", Severity::Error)));
    assert!(
        !codes("[rules]\nsingle-instance = \"off\"")
            .iter()
            .any(|(c, _)| *c == "AV001")
    );
    let chain = "client u\nservice a\nservice b\nservice c\nu -> a -> b -> c\n";
    let chain = SourceFile::new("chain.cgr", chain);
    let pf003 = |config: &str| {
        check_with(&chain, &Config::parse(config).unwrap())
            .diagnostics
            .iter()
            .any(|d| d.code == "PF003")
    };
    assert!(!pf003(""));
    assert!(pf003("[rules.PF003]\ndepth = 2"));
}

#[test]
fn fingerprints_are_stable_across_runs_and_edits_elsewhere() {
    let a = "client users\nalb lb\nec2 web\nrds db\nusers -> lb -> web -> db\n";
    let b = "# moved around\nrds db\n\nec2 web\nclient users\nalb lb\n\nusers -> lb\nlb -> web\nweb -> db\n";
    let prints = |src: &str| -> BTreeSet<(&'static str, String)> {
        lint("f.cgr", src)
            .into_iter()
            .map(|d| (d.code, d.fingerprint.expect("lint findings have one")))
            .collect()
    };
    assert_eq!(prints(a), prints(a));
    assert_eq!(prints(a), prints(b));
    let all = prints(a);
    let unique: BTreeSet<&String> = all.iter().map(|(_, f)| f).collect();
    assert_eq!(
        unique.len(),
        all.len(),
        "fingerprints differ between findings"
    );
}

#[test]
fn the_examples_exit_0_and_the_after_designs_have_no_warning() {
    for path in common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let d = lint(&name, &text);
        let errors: Vec<_> = d.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        if name.ends_with("-after.cgr") {
            let loud: Vec<_> = d
                .iter()
                .filter(|d| !d.suppressed && d.severity >= Severity::Warning)
                .collect();
            assert!(loud.is_empty(), "{name}: {loud:#?}");
        }
        if name.ends_with("-before.cgr") {
            let loud = d.iter().filter(|d| d.severity >= Severity::Warning).count();
            assert!(loud >= 3, "{name} shows what a reviewer would point at");
        }
    }
}

#[test]
fn the_readme_lists_every_rule_and_its_config_example_is_valid() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = &readme[readme.find("## Lint rules").expect("a Lint rules section")..];
    for r in lint::registry() {
        let row = format!(
            "| {} | `{}` | {} | {} |",
            r.code(),
            r.name(),
            r.category().as_str(),
            r.severity()
        );
        assert!(
            section.contains(&row),
            "README table row for {}: {row}",
            r.code()
        );
    }
    assert!(section.contains("### Quiet by default"));
    let start = section.find("```toml\n").expect("a TOML example") + 8;
    let end = start + section[start..].find("```").unwrap();
    let config = Config::parse(&section[start..end]).expect("the README's cloudgram.toml is valid");
    let pf003 = lint::find("PF003").unwrap().meta();
    assert_eq!(config.param(pf003, "depth"), 6.0);
}

mod random_designs {
    use super::*;
    use proptest::prelude::*;

    const KINDS: &[&str] = &[
        "client",
        "internet",
        "external",
        "alb",
        "api_gateway",
        "cdn",
        "nat",
        "vpn",
        "direct_connect",
        "waf",
        "ec2",
        "lambda",
        "service",
        "deployment",
        "svc",
        "ingress",
        "hpa",
        "rds",
        "aurora",
        "redis",
        "s3",
        "dynamodb",
        "sqs",
        "kafka",
        "eureka",
        "llm",
        "guardrail",
        "training",
        "statefulset",
        "gpu",
    ];
    const CONTAINERS: &[&str] = &["region", "vpc", "az", "subnet", "group", "k8s"];
    const ATTRS: &[&str] = &[
        "replicas: 2",
        "replicas: 1..4",
        "multi_az",
        "autoscale",
        "public",
        "rps: 5k",
        "users: 1M",
        "capacity: 100rps",
        "hit_ratio: 50%",
        "azs: [a, b]",
        "azs: a",
        "backup: false",
        "encrypted: false",
        "allow: AV001",
        "rate_limit: 10rps",
        "slo: 99.9%",
    ];
    const EDGE_ATTRS: &[&str] = &[
        "protocol: http",
        "protocol: https",
        "timeout: 1s",
        "timeout: 200ms",
        "retries: 3",
        "port: 22",
        "allow: SE003",
    ];
    const OPS: &[&str] = &["->", "~>", "<->", "--"];

    fn design() -> impl Strategy<Value = String> {
        let element = (0..KINDS.len(), prop::option::of(0..ATTRS.len()), 0..3usize);
        let edge = (
            0..40usize,
            0..40usize,
            0..OPS.len(),
            prop::option::of(0..EDGE_ATTRS.len()),
        );
        (
            prop::collection::vec(element, 1..30),
            prop::collection::vec(edge, 0..60),
        )
            .prop_map(|(elements, edges)| {
                let n = elements.len();
                let mut src = String::new();
                for (i, (kind, attr, container)) in elements.iter().enumerate() {
                    let attr = attr.map(|a| format!(" [{}]", ATTRS[a])).unwrap_or_default();
                    let decl = format!("{} e{i}{attr}", KINDS[*kind]);
                    if *container > 0 {
                        let c = CONTAINERS[(i + container) % CONTAINERS.len()];
                        let flag = if c == "subnet" && i % 2 == 0 {
                            " [public]"
                        } else {
                            ""
                        };
                        src.push_str(&format!("{c} c{i}{flag} {{ {decl} }}\n"));
                    } else {
                        src.push_str(&decl);
                        src.push('\n');
                    }
                }
                for (a, b, op, attr) in edges {
                    let attr = attr
                        .map(|x| format!(" [{}]", EDGE_ATTRS[x]))
                        .unwrap_or_default();
                    src.push_str(&format!("e{} {} e{}{attr}\n", a % n, OPS[op], b % n));
                }
                src
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Every rule runs on any design without panicking, deterministically,
        /// with each finding's span inside the file and subjects that exist.
        #[test]
        fn lint_never_panics_and_is_deterministic(src in design()) {
            let file = SourceFile::new("random.cgr", src.as_str());
            let c = check(&file);
            prop_assert!(c.ok(), "{src}\n{:#?}", c.diagnostics);
            let arch = c.arch.as_ref().unwrap();
            for d in &c.diagnostics {
                prop_assert!(d.span.end <= src.len());
                for s in &d.subjects {
                    prop_assert!(arch.find(s).is_some(), "{s} exists");
                }
            }
            let again = check(&file);
            prop_assert_eq!(&c.diagnostics, &again.diagnostics);
            let text = human::render_all(&file, &c.diagnostics);
            prop_assert_eq!(text, human::render_all(&file, &again.diagnostics));
        }
    }
}

#[test]
fn an_allow_naming_no_rule_is_a_warning_with_a_suggestion() {
    let d = lint(
        "typo.cgr",
        "rds db [multi_az, allow: [AV04, single-az]]\nec2 a\na -> db [allow: nope]\n",
    );
    let w: Vec<_> = d.iter().filter(|d| d.code == "W0002").collect();
    assert_eq!(w.len(), 2, "{d:#?}");
    assert_eq!(w[0].message, "`allow` names unknown rule `AV04`");
    assert_eq!(w[0].help.as_deref(), Some("did you mean `AV004`?"));
    assert_eq!(w[1].message, "`allow` names unknown rule `nope`");
}

#[test]
fn a_replica_drawn_as_an_arrow_gets_help_that_names_the_replication_link() {
    // Two caches in two zones, the second written as a request from the
    // first: no rule counts it as a replica, so the failover rules fire;
    // their help says how to draw it as one.
    let zones = "vpc v {\n  az a { subnet da { redis main_cache } }\n  az b { subnet db { redis standby } }\n}\n";
    let arrow = format!("{zones}main_cache -> standby : \"replication\"\n");
    let d = lint("arrow.cgr", &arrow);
    let help = |code: &str, on: &str| {
        d.iter()
            .find(|d| d.code == code && d.message.contains(&format!("`{on}`")))
            .unwrap_or_else(|| panic!("{code} on {on}: {d:#?}"))
            .help
            .clone()
            .unwrap_or_default()
    };
    for code in ["AV003", "AV004"] {
        assert!(
            help(code, "main_cache").contains("`main_cache -- standby`"),
            "{d:#?}"
        );
        assert!(
            help(code, "standby").contains("`standby -- main_cache`"),
            "{d:#?}"
        );
    }
    // Drawn as a replication link, the two are one tier, and neither rule
    // fires.
    let linked = lint("linked.cgr", &format!("{zones}main_cache -- standby\n"));
    assert!(
        !linked
            .iter()
            .any(|d| d.code == "AV003" || d.code == "AV004"),
        "{linked:#?}"
    );
    // A cache that reads from a database is not that database's replica:
    // the usual help stays.
    let other = lint(
        "other.cgr",
        &format!("{zones}rds db_a [multi_az]\nmain_cache -> db_a\n"),
    );
    let plain = other
        .iter()
        .find(|d| d.code == "AV004" && d.message.contains("`main_cache`"))
        .expect("AV004 on the cache");
    assert!(
        !plain.help.as_deref().unwrap_or("").contains("--"),
        "{plain:#?}"
    );
}
