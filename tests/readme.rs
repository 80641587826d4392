//! The README stays true: its language example compiles, and it lists every
//! kind of the catalog and every compile error code.

use cloudgram::compile::compile_str;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn the_language_example_compiles() {
    let readme = readme();
    let section = &readme[readme.find("## The language by example").unwrap()..];
    let start = section.find("```\n").unwrap() + 4;
    let end = start + section[start..].find("```").unwrap();
    let c = compile_str("README.md", &section[start..end]);
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    let arch = c.arch.unwrap();
    assert!(arch.elements.len() > 8 && arch.edges.len() > 8);
}

#[test]
fn every_kind_and_alias_is_documented() {
    let readme = readme();
    for name in cloudgram::model::catalog::all_names() {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README lists `{name}`"
        );
    }
    for a in cloudgram::model::attrs::KNOWN {
        assert!(
            readme.contains(&format!("`{}`", a.key)),
            "README documents attribute `{}`",
            a.key
        );
    }
}

#[test]
fn what_the_readme_commands_write_is_ignored_by_git() {
    let written = [
        "examples/three-tier.svg",
        "examples/three-tier.png",
        "examples/three-tier.json",
        "shop.svg",
        "design.svg",
        "design.json",
        "slide.png",
    ];
    let readme = readme();
    for path in ["examples/three-tier.svg", "shop.svg", "design.svg"] {
        assert!(readme.contains(path), "the README names `{path}`");
    }
    for path in written {
        let status = std::process::Command::new("git")
            .args(["check-ignore", "-q", path])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("git runs");
        assert_eq!(status.code(), Some(0), "`{path}` is ignored by git");
    }
    // Tracked drawings stay tracked: the README picture is not ignored.
    let status = std::process::Command::new("git")
        .args(["check-ignore", "-q", "docs/three-tier.svg"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}
