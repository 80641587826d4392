//! `cloudgram import terraform`: fixtures in the shape of real layouts
//! import to designs with the findings a reviewer expects; the output is
//! formatted, stable and names every resource; errors exit 2 and write nothing.

use assert_cmd::Command;
use cloudgram::compile;
use cloudgram::import::terraform;
use cloudgram::source::SourceFile;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terraform")
        .join(name)
}

fn cloudgram() -> Command {
    Command::cargo_bin("cloudgram").expect("binary is built")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The unsuppressed finding codes of the imported design (it must compile).
fn codes(name: &str) -> (String, BTreeSet<&'static str>) {
    let text = terraform::import(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let c = compile::check(&SourceFile::new("imported.cgr", text.clone()));
    assert!(c.ok(), "{name} does not compile: {:?}", c.diagnostics);
    let found = c
        .diagnostics
        .iter()
        .filter(|d| !d.suppressed)
        .map(|d| d.code)
        .collect();
    (text, found)
}

fn set(codes: &[&'static str]) -> BTreeSet<&'static str> {
    codes.iter().copied().collect()
}

#[test]
fn three_tier_is_clean_but_for_the_missing_waf() {
    let (text, found) = codes("three-tier");
    // Multi-AZ RDS, an ASG over two zones behind an ALB, a NAT per zone:
    // a reviewer asks only for a WAF; HTTP :80 only redirects.
    assert_eq!(found, set(&["SE005"]), "{text}");
    assert!(text.contains("ec2 app \"shop-app (auto scaling group, t3.medium)\" [azs: [a, b], replicas: 2..6, autoscale]"), "{text}");
    assert!(text.contains("rds orders"), "{text}");
    assert!(text.contains("multi_az"), "{text}");
    assert!(
        text.contains("web -> app [protocol: http, port: 8080]"),
        "{text}"
    );
    assert!(
        text.contains("app -> orders [protocol: tcp, port: 5432]"),
        "{text}"
    );
    assert!(
        text.contains("internet -> web [protocol: https, port: 443]"),
        "{text}"
    );
    // The module was followed: its resources carry their module address.
    assert!(
        text.contains("# module.network.aws_subnet.public[1]"),
        "{text}"
    );
    assert!(
        text.contains("subnet public_1 \"shop-public-1 (10.20.1.0/24)\" [public"),
        "{text}"
    );
}

#[test]
fn serverless_api_shares_its_table_and_has_no_waf() {
    let (text, found) = codes("serverless");
    assert_eq!(found, set(&["MS001", "SE005"]), "{text}");
    assert!(text.contains("http -> fn_api [protocol: https]"), "{text}");
    assert!(text.contains("jobs ~> fn_worker"), "{text}");
    assert!(text.contains("jobs ~> dlq : \"dead letters\""), "{text}");
    assert!(text.contains("fn_api ~> jobs"), "{text}");
    assert!(text.contains("rate_limit: 500rps"), "{text}");
    // The worker may receive from the queue (IAM), but it is not a publisher.
    assert!(!text.contains("fn_worker ~> jobs"), "{text}");
}

#[test]
fn eks_redis_in_one_zone_without_failover() {
    let (text, found) = codes("eks");
    assert_eq!(found, set(&["AV003", "AV004"]), "{text}");
    assert!(
        text.contains("k8s k8s \"platform (EKS 1.30)\" [azs: [a, b, c]] {"),
        "{text}"
    );
    assert!(
        text.contains(
            "ec2 general \"general (nodes, m6i.large)\" [azs: [a, b, c], replicas: 3..9]"
        ),
        "{text}"
    );
    assert!(
        text.contains("k8s -> redis [protocol: tcp, port: 6379]"),
        "{text}"
    );
    // Zones read from `data.aws_availability_zones` are said to be assumed.
    assert!(text.contains("taken as `ap-northeast-2a`"), "{text}");
}

#[test]
fn weak_design_gets_every_security_finding() {
    let (text, found) = codes("weak");
    assert_eq!(
        found,
        set(&[
            "AV001", "AV003", "AV004", "AV005", "PF001", "SE001", "SE002", "SE003", "SE004",
            "SE006", "SE007", "SE008"
        ]),
        "{text}"
    );
    assert!(
        text.contains("internet -> web : \"tcp 22\" [protocol: tcp, port: 22]"),
        "{text}"
    );
    assert!(
        text.contains("s3 uploads \"app-uploads-public (S3)\" [public]"),
        "{text}"
    );
}

#[test]
fn plan_json_follows_the_configuration_references() {
    let (text, found) = codes("plan/web-plan.json");
    // Two counted instances with a fixed count: one element, two replicas.
    assert_eq!(found, set(&["AV003", "AV004", "PF001", "SE005"]), "{text}");
    assert!(
        text.contains("ec2 web_ec2 \"web (t3.small)\" [azs: [a, b], replicas: 2]"),
        "{text}"
    );
    assert!(
        text.contains("web_alb -> web_ec2 [protocol: http, port: 80]"),
        "{text}"
    );
    assert!(
        text.contains("web_ec2 -> rds [protocol: tcp, port: 3306]"),
        "{text}"
    );
    // The single-AZ database sits in the subnet of its zone.
    let at = text.find("subnet private_0").unwrap();
    assert!(
        text[at..].find("rds rds").unwrap() < text[at..].find('}').unwrap(),
        "{text}"
    );
}

#[test]
fn state_json_matches_ids() {
    let (text, found) = codes("state/hybrid-state.json");
    // Counted instances are one tier: no shared-database finding.
    assert_eq!(found, set(&[]), "{text}");
    assert!(
        text.contains("office_onprem -- office_vpn : \"IPsec\""),
        "{text}"
    );
    assert!(text.contains("office_vpn -- corp"), "{text}");
    assert!(
        text.contains("app -> erp [protocol: tcp, port: 5432]"),
        "{text}"
    );
    assert!(
        text.contains("ec2 app \"app (m6i.large)\" [azs: [a, b], replicas: 2]"),
        "{text}"
    );
    assert!(
        text.contains("also reachable from 192.168.0.0/16 on port 443"),
        "{text}"
    );
}

const ALL: &[&str] = &[
    "three-tier",
    "serverless",
    "eks",
    "weak",
    "plan/web-plan.json",
    "state/hybrid-state.json",
];

#[test]
fn output_is_formatted_stable_and_compiles_after_fmt() {
    for name in ALL {
        let once = terraform::import(&fixture(name)).unwrap();
        let twice = terraform::import(&fixture(name)).unwrap();
        assert_eq!(once, twice, "{name}: importing twice differs");
        let file = SourceFile::new("x.cgr", once.clone());
        let formatted = cloudgram::syntax::format::format(&file).unwrap();
        assert_eq!(formatted, once, "{name}: not in fmt's layout");
        let before = compile::check(&file);
        let after = compile::check(&SourceFile::new("x.cgr", formatted));
        assert!(after.ok(), "{name}");
        let codes = |c: &compile::Compilation| {
            c.diagnostics
                .iter()
                .map(|d| (d.code, d.subjects.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&before), codes(&after), "{name}");
    }
}

#[test]
fn every_resource_address_is_named_in_the_output() {
    for name in ALL {
        let inv = terraform::read(&fixture(name)).unwrap();
        let text = terraform::import(&fixture(name)).unwrap();
        for r in &inv.resources {
            assert!(
                text.contains(&r.address),
                "{name}: `{}` is not in the output\n{text}",
                r.address
            );
        }
    }
}

#[test]
fn unknown_resources_and_unknown_counts_are_said() {
    let dir = scratch("unknown");
    std::fs::write(
        dir.join("main.tf"),
        r#"
variable "n" {}
resource "aws_instance" "web" {
  count         = var.n
  instance_type = "t3.micro"
}
resource "aws_kms_key" "k" {}
resource "google_compute_instance" "vm" {
  name = "vm"
}
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
"#,
    )
    .unwrap();
    let text = terraform::import(&dir).unwrap();
    assert!(
        text.contains(
            "`count` is not known before apply (`var.n` has no default): drawn as one instance"
        ),
        "{text}"
    );
    assert!(text.contains("Not drawn"), "{text}");
    assert!(text.contains("#   aws_kms_key.k"), "{text}");
    assert!(text.contains("#   google_compute_instance.vm"), "{text}");
    assert!(
        text.contains(
            "`module.vpc` (source `terraform-aws-modules/vpc/aws`) is not a local folder"
        ),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn defaults_tfvars_and_for_each_resolve_counts() {
    let dir = scratch("tfvars");
    std::fs::write(
        dir.join("main.tf"),
        r#"
variable "n" { default = 1 }
variable "queues" { default = ["a", "b"] }
resource "aws_instance" "web" {
  count         = var.n
  instance_type = "t3.micro"
}
resource "aws_sqs_queue" "q" {
  for_each = toset(var.queues)
  name     = "q-${each.key}"
}
"#,
    )
    .unwrap();
    std::fs::write(dir.join("terraform.tfvars"), "n = 3\n").unwrap();
    let text = terraform::import(&dir).unwrap();
    assert!(
        text.contains("ec2 web \"web (t3.micro)\" [replicas: 3]"),
        "{text}"
    );
    for id in ["q_a", "q_b"] {
        assert!(text.contains(&format!(" {id} ")), "{id} missing:\n{text}");
    }
    assert!(text.contains("\"q-b (SQS)\""), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_writes_stdout_or_a_file_and_never_the_input() {
    let out = cloudgram()
        .args(["import", "terraform", fixture("weak").to_str().unwrap()])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# Imported from Terraform"), "{text}");
    let dir = scratch("cli");
    let target = dir.join("weak.cgr");
    cloudgram()
        .args([
            "import",
            "terraform",
            fixture("weak").to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), text);
    // The JSON input itself as the output: refused, untouched.
    let input = dir.join("plan.json");
    std::fs::copy(fixture("plan/web-plan.json"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = cloudgram()
        .args([
            "import",
            "terraform",
            input.to_str().unwrap(),
            "-o",
            input.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the input"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs a failing import with `-o` and returns its message; nothing is written.
fn fails(path: &Path) -> String {
    let dir = scratch("fails");
    let target = dir.join("out.cgr");
    let out = cloudgram()
        .args([
            "import",
            "terraform",
            path.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(!target.exists(), "something was written");
    assert!(out.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn errors_say_where_exit_2_and_write_nothing() {
    let missing = fails(Path::new("/nonexistent/infra"));
    assert!(
        missing.contains("error: cannot read it: no such file")
            && missing.contains("/nonexistent/infra"),
        "{missing}"
    );

    let dir = scratch("bad-hcl");
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n}\n",
    )
    .unwrap();
    let bad = fails(&dir);
    assert!(
        bad.contains("not valid HCL") && bad.contains("main.tf:2:16"),
        "{bad}"
    );

    let empty = scratch("empty");
    assert!(fails(&empty).contains("no `.tf` files"));

    let module = scratch("module");
    std::fs::write(
        module.join("main.tf"),
        "\n\nmodule \"net\" {\n  source = \"./modules/net\"\n}\n",
    )
    .unwrap();
    let m = fails(&module);
    assert!(
        m.contains("cannot read module `module.net` from `./modules/net`")
            && m.contains("main.tf:3:1"),
        "{m}"
    );

    let json = scratch("json");
    std::fs::write(json.join("x.json"), "{\"hello\": 1}").unwrap();
    assert!(fails(&json.join("x.json")).contains("not the JSON of `terraform show -json`"));
    std::fs::write(json.join("y.json"), "{\n \"format_version\": \n").unwrap();
    let broken = fails(&json.join("y.json"));
    assert!(
        broken.contains("not valid JSON") && broken.contains("y.json:3:"),
        "{broken}"
    );
    std::fs::write(json.join("z.txt"), "hello").unwrap();
    assert!(fails(&json.join("z.txt")).contains("not a Terraform configuration"));
    for d in [dir, empty, module, json] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn help_explains_with_an_example() {
    let out = cloudgram()
        .args(["import", "terraform", "--help"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("terraform show -json") && help.contains("Examples:"),
        "{help}"
    );
    let out = cloudgram()
        .args(["import", "--help"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(String::from_utf8(out.stdout).unwrap().contains("terraform"));
}
