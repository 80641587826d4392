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
