//! Snapshots of the rendered diagnostics of each error family: what a user sees.

use cloudgram::compile::{compile_str, source_from_bytes};
use cloudgram::diagnostic::human;
use cloudgram::source::SourceFile;

fn rendered(src: &str) -> String {
    let c = compile_str("design.cgr", src);
    human::render_all(&SourceFile::new("design.cgr", src), &c.diagnostics)
}

#[test]
fn e0001_syntax_errors_name_what_was_expected_in_words() {
    insta::assert_snapshot!("e0001_missing_colon", rendered("ec2 web [replicas 2]"));
    insta::assert_snapshot!("e0001_bad_operator", rendered("ec2 a\nec2 b\na => b"));
    insta::assert_snapshot!("e0001_dangling_operator", rendered("ec2 a\na ->"));
    insta::assert_snapshot!("e0001_unmatched_brace", rendered("ec2 a\n}"));
    insta::assert_snapshot!("e0001_title_without_quotes", rendered("title Shop"));
    insta::assert_snapshot!("e0001_missing_id", rendered("vpc main\nec2"));
}

#[test]
fn e0002_unterminated_string_points_at_its_opening_quote() {
    insta::assert_snapshot!(rendered(
        "rds db\nec2 web \"Web server [replicas: 2]\nrds other"
    ));
}

#[test]
fn e0003_unknown_escape() {
    insta::assert_snapshot!(rendered("ec2 web \"C:\\temp\""));
}

#[test]
fn e0004_invalid_utf8() {
    let (file, error) = source_from_bytes("design.cgr", b"ec2 web\nrds \xff db".to_vec());
    insta::assert_snapshot!(human::render(&file, &error.unwrap()));
}

#[test]
fn e0005_nesting_too_deep() {
    insta::assert_snapshot!(rendered(&"group g {".repeat(200)));
}

#[test]
fn e0006_number_out_of_range() {
    insta::assert_snapshot!(rendered(
        "ec2 web [replicas: 123456789012345678901234567890]"
    ));
}

#[test]
fn e0007_unclosed_block_points_at_its_brace() {
    insta::assert_snapshot!(rendered(
        "region r \"Seoul\" {\n  vpc v {\n    ec2 web\n  }\n"
    ));
}

#[test]
fn e01xx_semantic_errors_with_did_you_mean() {
    insta::assert_snapshot!(
        "e0100_unknown_kind",
        rendered("postgress orders \"Orders DB\"")
    );
    insta::assert_snapshot!(
        "e0101_duplicate_id",
        rendered("ec2 web \"Web A\"\nrds db\nec2 web \"Web B\"")
    );
    insta::assert_snapshot!(
        "e0102_unknown_id",
        rendered("ec2 web\nrds orders_db\nweb -> order_db")
    );
    insta::assert_snapshot!(
        "e0103_block_on_component",
        rendered("ec2 web {\n  rds db\n}")
    );
    insta::assert_snapshot!(
        "e0104_attribute_type",
        rendered("ec2 web [replicas: \"two\"]")
    );
    insta::assert_snapshot!("e0105_title_twice", rendered("title \"A\"\ntitle \"B\""));
    insta::assert_snapshot!("e0106_bad_direction", rendered("direction sideways"));
    insta::assert_snapshot!(
        "e0107_duplicate_attribute",
        rendered("rds db [multi_az, multi_az: false]")
    );
    insta::assert_snapshot!("w0001_unknown_attribute", rendered("rds db [multi_azs]"));
}

#[test]
fn duplicated_edges_and_undeclared_zones_are_warnings() {
    let twice = "ec2 web\nrds db\nweb -> db\nweb -> db";
    insta::assert_snapshot!("w0003_duplicate_edge", rendered(twice));
    let c = compile_str("d.cgr", twice);
    assert!(c.arch.is_some(), "a warning does not stop the compiler");
    assert_eq!(c.diagnostics.len(), 1);
    // Both ways and associations are the same edge whichever way round;
    // a different label is a different flow.
    for (src, n) in [
        ("ec2 a\nec2 b\na <-> b\nb <-> a", 1),
        ("rds a\nrds b\na -- b\nb -- a", 1),
        ("ec2 a\nec2 b\na -> b : \"reads\"\na -> b : \"writes\"", 0),
        ("ec2 a\nec2 b\na -> b\nb -> a\na ~> b", 0),
        ("ec2 a\nec2 b\na -> b, b", 1),
    ] {
        let c = compile_str("d.cgr", src);
        let w: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "W0003").collect();
        assert_eq!(w.len(), n, "{src}: {w:#?}");
    }
    let zones = "az a {\n  ec2 web_a\n}\naz b {\n  ec2 web_b\n}\nrds db [azs: [a, c]]";
    insta::assert_snapshot!("w0004_undeclared_zone", rendered(zones));
    // A design that declares no `az` names its zones in `azs` only: nothing to check against.
    let c = compile_str("d.cgr", "rds db [azs: [a, c]]");
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    let c = compile_str("d.cgr", "az a {\n  ec2 x\n}\nrds db [azs: [a]]");
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
}

#[test]
fn korean_source_lines_keep_carets_aligned() {
    insta::assert_snapshot!(rendered("service order \"주문 서비스\" [replicas: 둘]"));
}
