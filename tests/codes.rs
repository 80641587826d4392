//! Compile codes have manuals (`cloudgram explain E0102`) whose examples do
//! what they say, and `cloudgram kinds` lists the catalog.

use assert_cmd::Command;
use cloudgram::compile::check;
use cloudgram::diagnostic::codes::{self, CODES};
use cloudgram::model::catalog::KINDS;
use cloudgram::source::SourceFile;
use std::collections::BTreeSet;

fn cloudgram() -> Command {
    Command::cargo_bin("cloudgram").expect("binary is built")
}

/// Every `"E0123"` / `"W0123"` literal in the sources.
fn codes_in_sources() -> BTreeSet<String> {
    fn walk(dir: &std::path::Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let bytes = text.as_bytes();
                for i in 0..bytes.len().saturating_sub(6) {
                    let lit = &bytes[i..i + 7];
                    if lit[0] == b'"'
                        && (lit[1] == b'E' || lit[1] == b'W')
                        && lit[2..6].iter().all(u8::is_ascii_digit)
                        && lit[6] == b'"'
                    {
                        out.insert(String::from_utf8(lit[1..6].to_vec()).unwrap());
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut out,
    );
    out
}

/// The first ```cgr block after `heading`, if any.
fn cgr_after<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let rest = &doc[doc.find(heading)?..];
    let next = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |i| i + heading.len());
    let section = &rest[..next];
    let start = section.find("```cgr\n")? + 7;
    let end = start + section[start..].find("```")?;
    Some(&section[start..end])
}

fn codes_of(src: &str) -> Vec<&'static str> {
    check(&SourceFile::new("doc.cgr", src))
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect()
}

#[test]
fn every_code_the_compiler_emits_has_a_manual() {
    let documented: BTreeSet<String> = CODES.iter().map(|c| c.code.to_string()).collect();
    let used = codes_in_sources();
    assert!(used.len() >= 20, "{used:?}");
    let missing: Vec<&String> = used.difference(&documented).collect();
    assert!(missing.is_empty(), "codes without a manual: {missing:?}");
    let codes: Vec<&str> = CODES.iter().map(|c| c.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "in code order, unique");
}

#[test]
fn every_manual_has_its_sections_and_its_examples_behave() {
    for c in CODES {
        for s in ["## What it means", "## Example", "## Fix"] {
            assert!(c.doc.contains(s), "{}: {s}", c.code);
        }
        assert!(!c.summary.ends_with('.'), "{} summary style", c.code);
        if let Some(example) = cgr_after(c.doc, "## Example") {
            assert!(
                codes_of(example).contains(&c.code),
                "{}: the example gives {}: {:?}",
                c.code,
                c.code,
                codes_of(example)
            );
        }
        let fix = cgr_after(c.doc, "## Fix").unwrap_or_else(|| panic!("{}: a cgr fix", c.code));
        let fixed = codes_of(fix);
        assert!(
            !fixed.iter().any(|x| x.starts_with(['E', 'W'])),
            "{}: the fix compiles cleanly: {fixed:?}",
            c.code
        );
    }
    // Every manual shows the mistake itself, but those that cannot be
    // written in a short text (invalid UTF-8, 101 levels, the size limits).
    let too_big = [
        "E0004", "E0005", "E0108", "E0120", "E0121", "E0122", "E0123",
    ];
    for c in CODES {
        if cgr_after(c.doc, "## Example").is_none() {
            assert!(too_big.contains(&c.code), "{}: a cgr example", c.code);
        }
    }
}

#[test]
fn explain_prints_compile_codes_by_code_or_name() {
    let out = cloudgram()
        .args(["explain", "E0102"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("E0102 (unknown-id): "), "{out}");
    assert!(out.contains("## Fix"));
    assert_eq!(codes::find("unknown-id").map(|c| c.code), Some("E0102"));
    cloudgram().args(["explain", "w0003"]).assert().code(0);
    let err = cloudgram()
        .args(["explain", "E0190"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("did you mean"), "{err}");
}

#[test]
fn kinds_lists_the_catalog_and_filters_by_category() {
    let out = cloudgram()
        .arg("kinds")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    for k in KINDS {
        assert!(
            out.lines()
                .any(|l| l.split_whitespace().next() == Some(k.name)),
            "{} listed",
            k.name
        );
    }
    let rds = out.lines().find(|l| l.starts_with("rds ")).unwrap();
    assert!(rds.contains("3000rps") && rds.contains("datastore") && rds.contains("postgres"));
    let out = cloudgram()
        .args(["kinds", "compute"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.lines().any(|l| l.starts_with("lambda ")));
    assert!(!out.lines().any(|l| l.starts_with("rds ")));
    cloudgram().args(["kinds", "nope"]).assert().code(2);
}

#[test]
fn adding_a_kind_is_adding_a_row() {
    // Kinds added as rows only: they compile, draw, and lint by their roles.
    let src = "client u [rps: 100]\nshield s\napi_gateway gw\nstep_functions flow\n\
               batch jobs\nopensearch_serverless search\n\
               u -> s -> gw -> flow\nflow ~> jobs\ngw -> search";
    let c = check(&SourceFile::new("new.cgr", src));
    assert!(c.ok(), "{:#?}", c.diagnostics);
    assert!(
        !c.diagnostics
            .iter()
            .any(|d| d.code == "AV001" || d.code == "PF002"),
        "managed kinds are redundant and elastic: {:#?}",
        c.diagnostics
    );
    let svg = cloudgram::render::svg::render(&cloudgram::layout::layout(&c.arch.unwrap()));
    assert!(svg.contains("cg-icon-waf") && svg.contains("cg-icon-opensearch"));
}

#[test]
fn no_kind_name_is_compared_as_a_string_outside_the_catalog() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") || path.ends_with("model/catalog.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (i, line) in code.lines().enumerate() {
                let l = line.replace(' ', "");
                let compared = (l.contains("kind.name==\"")
                    || l.contains("kind.name!=\"")
                    || l.contains("kind==\"")
                    || l.contains("of_kind(\"")
                    || (l.contains("matches!(") && l.contains("kind.name"))
                    || (l.starts_with("match") && l.contains("kind.name{")))
                    && !l.starts_with("//");
                if compared {
                    out.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
                }
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "kind names compared outside the catalog (use a role or a tag):\n{}",
        found.join("\n")
    );
}

#[test]
fn pf002s_table_of_default_capacities_is_the_catalogs() {
    let doc = cloudgram::lint::find("PF002").unwrap().explanation();
    let mut documented = std::collections::BTreeMap::new();
    for line in doc.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let rps: f64 = cells[2].parse().unwrap_or_else(|_| panic!("{line}"));
        for kind in cells[1].split(',') {
            documented.insert(kind.trim().trim_matches('`').to_string(), rps);
        }
    }
    let catalog: std::collections::BTreeMap<String, f64> = KINDS
        .iter()
        .filter_map(|k| k.capacity.map(|c| (k.name.to_string(), c)))
        .collect();
    assert_eq!(documented, catalog);
}
