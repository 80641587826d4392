//! The editor files in editors/ stay in step with the language: the
//! TextMate grammar names every kind and alias of the catalog, and the VS
//! Code extension's manifest points at files that exist.

use serde_json::Value;
use std::path::Path;

fn json(path: &str) -> Value {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&full).unwrap())
        .unwrap_or_else(|e| panic!("{path} is JSON: {e}"))
}

#[test]
fn the_grammar_knows_every_kind_and_alias() {
    let g = json("editors/vscode/syntaxes/cloudgram.tmLanguage.json");
    assert_eq!(g["scopeName"], "source.cloudgram");
    let declaration = g["repository"]["declaration"]["match"].as_str().unwrap();
    let open = declaration.find("\\s*(").unwrap() + 4;
    let close = open + declaration[open..].find(')').unwrap();
    let kinds: Vec<&str> = declaration[open..close].split('|').collect();
    for name in cloudgram::model::catalog::all_names() {
        assert!(
            kinds.contains(&name),
            "the grammar's kinds lack `{name}`: regenerate the alternation in declaration.match"
        );
    }
    // Longer names first, so that `rds` never wins over `rds_proxy`-like names.
    for pair in kinds.windows(2) {
        assert!(pair[0].len() >= pair[1].len(), "{pair:?}");
    }
}

#[test]
fn the_vscode_manifest_points_at_its_files() {
    let m = json("editors/vscode/package.json");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode");
    let files = [
        m["main"].as_str().unwrap(),
        m["contributes"]["grammars"][0]["path"].as_str().unwrap(),
        m["contributes"]["languages"][0]["configuration"]
            .as_str()
            .unwrap(),
    ];
    for f in files {
        assert!(dir.join(f).is_file(), "editors/vscode/{f}");
    }
    assert_eq!(m["contributes"]["languages"][0]["extensions"][0], ".cgr");
    assert_eq!(
        m["contributes"]["grammars"][0]["scopeName"],
        "source.cloudgram"
    );
    json("editors/vscode/language-configuration.json");
}
