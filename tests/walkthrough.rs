//! The interview walk-through in examples/README.md stays true: every
//! `$ cloudgram ...` line of its console blocks is run (through `bash`, for
//! the pipes) and must print exactly what the README shows, and every
//! `$ echo $?` must show the exit status of the line before.

use std::process::Command;

const SECTION: &str = "## Interview walk-through";

/// The console blocks of the walk-through: each a list of (command, output).
fn blocks() -> Vec<Vec<(String, String)>> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/README.md"))
        .unwrap();
    let section = &text[text.find(SECTION).expect("the walk-through section")..];
    let mut blocks = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("```console\n") {
        let body = &rest[start + "```console\n".len()..];
        let end = body.find("```\n").expect("a closed block");
        let mut steps: Vec<(String, String)> = Vec::new();
        for line in body[..end].lines() {
            match line.strip_prefix("$ ") {
                Some(cmd) => steps.push((cmd.to_string(), String::new())),
                None => {
                    let last = steps.last_mut().expect("a block starts with a command");
                    last.1.push_str(line);
                    last.1.push('\n');
                }
            }
        }
        blocks.push(steps);
        rest = &body[end..];
    }
    blocks
}

#[test]
fn every_command_of_the_walk_through_prints_what_the_readme_shows() {
    let blocks = blocks();
    assert!(blocks.len() >= 6, "the walk-through has its stages");
    let binary = env!("CARGO_BIN_EXE_cloudgram");
    for steps in blocks {
        let mut status = None;
        for (cmd, expected) in steps {
            if cmd == "echo $?" {
                assert_eq!(format!("{}\n", status.expect("a command before")), expected);
                continue;
            }
            assert!(cmd.contains("cloudgram "), "{cmd}");
            let real = cmd.replace("cloudgram ", &format!("{binary} "));
            let out = Command::new("bash")
                .args(["-c", &format!("set -o pipefail; {real}")])
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .output()
                .unwrap();
            assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{cmd}");
            status = out.status.code();
        }
    }
}
