//! Accept and reject tests for every construct of the language (spec: LANGUAGE.md).

use cloudgram::compile::{Compilation, compile_str};
use cloudgram::model::{Architecture, Direction};
use cloudgram::source::SourceFile;
use cloudgram::syntax::{EdgeOp, Unit, ValueKind};

fn ok(src: &str) -> Architecture {
    let c = compile_str("t.cgr", src);
    assert!(
        c.diagnostics.is_empty(),
        "expected no diagnostics for {src:?}, got {:#?}",
        c.diagnostics
    );
    c.arch.expect("compiles")
}

/// Compiles `src`, allowing warnings (unknown attribute keys).
fn ok_with_warnings(src: &str) -> Architecture {
    let c = compile_str("t.cgr", src);
    assert!(
        c.diagnostics.iter().all(|d| d.code == "W0001"),
        "{:#?}",
        c.diagnostics
    );
    c.arch.expect("compiles")
}

/// Compiles `src`, expecting it to fail; returns `(code, line, column)` of each error.
fn errors(src: &str) -> Vec<(&'static str, usize, usize)> {
    let c: Compilation = compile_str("t.cgr", src);
    assert!(c.arch.is_none(), "expected {src:?} to fail");
    let file = SourceFile::new("t.cgr", src);
    c.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let at = file.line_col(d.span.start);
            (d.code, at.line, at.column)
        })
        .collect()
}

fn edges(a: &Architecture) -> Vec<(String, &'static str, String)> {
    a.edges
        .iter()
        .map(|e| {
            (
                a.element(e.from).id.clone(),
                e.op.as_str(),
                a.element(e.to).id.clone(),
            )
        })
        .collect()
}

fn e(from: &str, op: &'static str, to: &str) -> (String, &'static str, String) {
    (from.to_string(), op, to.to_string())
}

#[test]
fn empty_file_and_comment_only_files_compile() {
    for src in [
        "",
        "\n\n",
        "# only a comment",
        "// c1\n# c2\n",
        ";;\n;",
        "\u{FEFF}",
    ] {
        let a = ok(src);
        assert!(a.elements.is_empty() && a.edges.is_empty());
    }
}

#[test]
fn title_and_direction() {
    let a = ok("title \"Shop: 3-tier\"\ndirection down\nec2 web");
    assert_eq!(a.title.as_deref(), Some("Shop: 3-tier"));
    assert_eq!(a.direction, Direction::Down);
    assert_eq!(ok("ec2 web").direction, Direction::Right);
    for (w, d) in [
        ("left", Direction::Left),
        ("up", Direction::Up),
        ("right", Direction::Right),
    ] {
        assert_eq!(ok(&format!("direction {w}")).direction, d);
    }
}

#[test]
fn declarations_with_label_attrs_and_block() {
    let a =
        ok("vpc main \"Main VPC\" [cidr: \"10.0.0.0/16\"] {\n  ec2 web \"Web\" [replicas: 2]\n}");
    let main = a.element(a.find("main").unwrap());
    assert_eq!(main.label.as_deref(), Some("Main VPC"));
    assert_eq!(main.attrs.text("cidr"), Some("10.0.0.0/16"));
    let web = a.element(a.find("web").unwrap());
    assert_eq!(web.parent, a.find("main"));
    assert_eq!(web.replicas(), (2, 2));
    assert_eq!(web.display_label(), "Web");
    // Without a label, the ID is shown.
    assert_eq!(
        ok("ec2 web")
            .element(a.find("main").unwrap())
            .display_label(),
        "web"
    );
}

#[test]
fn statements_separated_by_semicolons_and_blank_lines() {
    let a = ok("ec2 a; ec2 b;\n\n  ec2 c ;; a -> b; b -> c\n");
    assert_eq!(a.elements.len(), 3);
    assert_eq!(edges(&a), [e("a", "->", "b"), e("b", "->", "c")]);
    let a = ok("group g { ec2 x; ec2 y }");
    assert_eq!(a.element(a.find("g").unwrap()).children.len(), 2);
    let a = ok("group g {}");
    assert!(a.element(a.find("g").unwrap()).children.is_empty());
}

#[test]
fn all_four_edge_operators() {
    // Without spaces too (the second four run the other way: not duplicates).
    let a =
        ok("ec2 a\nec2 b\na -> b\na ~> b\na <-> b\na -- b\nb->a\nb--a:\"x\"\nb~>a\nb<->a:\"y\"");
    let ops: Vec<EdgeOp> = a.edges.iter().map(|e| e.op).collect();
    use EdgeOp::*;
    assert_eq!(ops, [Sync, Async, Both, Assoc, Sync, Assoc, Async, Both]);
}

#[test]
fn chains_and_comma_lists_expand() {
    let a = ok(
        "ec2 a\nec2 b\nec2 c\nec2 d\na -> b ~> c : \"x\" [protocol: https]\na -> c, d\nb, c -- d",
    );
    assert_eq!(
        edges(&a),
        [
            e("a", "->", "b"),
            e("b", "~>", "c"),
            e("a", "->", "c"),
            e("a", "->", "d"),
            e("b", "--", "d"),
            e("c", "--", "d"),
        ]
    );
    // The label and attributes of a chain apply to every edge of it.
    assert!(a.edges[..2].iter().all(|e| e.label.as_deref() == Some("x")));
    assert!(
        a.edges[..2]
            .iter()
            .all(|e| e.attrs.text("protocol") == Some("https"))
    );
    // A list in the middle of a chain: every pair of neighbours.
    let a = ok("ec2 a\nec2 b\nec2 c\nec2 d\na -> b, c -> d");
    assert_eq!(a.edges.len(), 4);
}

#[test]
fn edges_and_attribute_lists_may_wrap_lines() {
    let a = ok(
        "ec2 a\nec2 b\nec2 c\na ->\n  b,\n  c :\n  \"label\" [\n  protocol: https,\n  port: 443,\n]\n",
    );
    assert_eq!(a.edges.len(), 2);
    assert_eq!(a.edges[0].attrs.number("port"), Some(443.0));
    let a = ok("ec2 web [\n  replicas: 2,\n  azs: [\n    a,\n    b\n  ]\n]");
    assert_eq!(
        a.element(a.find("web").unwrap()).attrs.words("azs"),
        ["a", "b"]
    );
}

#[test]
fn containers_at_any_depth_edges_to_containers_and_before_declaration() {
    let a = ok(
        "users -> vpc\nregion r { vpc vpc { az a { subnet s { group g { ec2 web } } } } }\nclient users\nweb -> web",
    );
    let web = a.find("web").unwrap();
    let chain: Vec<&str> = a.ancestors(web).map(|p| a.element(p).id.as_str()).collect();
    assert_eq!(chain, ["g", "s", "a", "vpc", "r"]);
    assert_eq!(a.element(web).depth, 5);
    assert_eq!(edges(&a), [e("users", "->", "vpc"), e("web", "->", "web")]);
}

#[test]
fn edges_inside_blocks_refer_to_ids_anywhere() {
    let a = ok("vpc v {\n  ec2 web\n  web -> db\n}\nrds db");
    assert_eq!(edges(&a), [e("web", "->", "db")]);
}

#[test]
fn every_attribute_value_type() {
    let a = ok_with_warnings(concat!(
        "ec2 x [i: 3, neg: -2, f: 0.5, t: true, fl: false, s: \"a \\\"q\\\" \\\\ b\\nc\", w: postgres,\n",
        "  l: [a, 2, \"s\"], r: 2..10, rps: 500rps, k: 20k, m: 1M, p: 99.95%, ms: 200ms, sec: 2s,\n",
        "  kb: 4KB, mb: 512MB, gb: 10GB, tb: 2TB, rpm: 3000rpm, kr: 20krps, flag, proto: grpc+tls]"
    ));
    let x = &a.element(a.find("x").unwrap()).attrs;
    let q = |amount: f64, unit| ValueKind::Quantity { amount, unit };
    assert_eq!(x.get("i"), Some(&ValueKind::Int(3)));
    assert_eq!(x.get("neg"), Some(&ValueKind::Int(-2)));
    assert_eq!(x.get("f"), Some(&ValueKind::Float(0.5)));
    assert_eq!(x.get("t"), Some(&ValueKind::Bool(true)));
    assert_eq!(x.get("fl"), Some(&ValueKind::Bool(false)));
    assert_eq!(x.text("s"), Some("a \"q\" \\ b\nc"));
    assert_eq!(x.get("w"), Some(&ValueKind::Word("postgres".into())));
    assert_eq!(x.words("l"), ["a", "2", "s"]);
    assert_eq!(x.get("r"), Some(&ValueKind::Range(2, 10)));
    assert_eq!(x.get("rps"), Some(&q(500.0, Some(Unit::Rps))));
    assert_eq!(x.get("k"), Some(&q(20_000.0, None)));
    assert_eq!(x.get("m"), Some(&q(1_000_000.0, None)));
    assert_eq!(x.get("p"), Some(&q(99.95, Some(Unit::Percent))));
    assert_eq!(x.get("ms"), Some(&q(200.0, Some(Unit::Ms))));
    assert_eq!(x.get("sec"), Some(&q(2.0, Some(Unit::S))));
    assert_eq!(x.get("kb"), Some(&q(4.0, Some(Unit::KB))));
    assert_eq!(x.get("mb"), Some(&q(512.0, Some(Unit::MB))));
    assert_eq!(x.get("gb"), Some(&q(10.0, Some(Unit::GB))));
    assert_eq!(x.get("tb"), Some(&q(2.0, Some(Unit::TB))));
    assert_eq!(x.number("rpm"), Some(50.0));
    assert_eq!(x.get("kr"), Some(&q(20_000.0, Some(Unit::Rps))));
    assert!(x.flag("flag"));
    assert_eq!(x.text("proto"), Some("grpc+tls"));
}

#[test]
fn unknown_attribute_keys_are_kept_with_a_warning() {
    let c = compile_str("t.cgr", "ec2 web [replica: 2, instance_type: m5]");
    let arch = c.arch.expect("warnings do not stop compilation");
    let web = arch.element(arch.find("web").unwrap());
    assert_eq!(web.attrs.get("replica"), Some(&ValueKind::Int(2)));
    assert_eq!(web.attrs.text("instance_type"), Some("m5"));
    let codes: Vec<_> = c
        .diagnostics
        .iter()
        .map(|d| (d.code, d.help.clone()))
        .collect();
    assert_eq!(codes[0], ("W0001", Some("did you mean `replicas`?".into())));
    assert_eq!(codes[1].0, "W0001");
}

#[test]
fn unicode_labels_crlf_and_both_comment_styles() {
    let a = ok(
        "title \"쇼핑몰\"\r\nservice order \"주문 서비스\" // 주석\r\nrds db \"주문 DB\" # comment\r\norder -> db : \"조회\"\r\n",
    );
    assert_eq!(
        a.element(a.find("order").unwrap()).label.as_deref(),
        Some("주문 서비스")
    );
    assert_eq!(a.edges[0].label.as_deref(), Some("조회"));
    let a = ok("ec2 a\rec2 b\ra -> b\r");
    assert_eq!(a.edges.len(), 1);
}

#[test]
fn aliases_resolve_to_canonical_kinds() {
    let a = ok("postgres db\nusers u\neks k {}\nqueue q\nbedrock m");
    let kinds: Vec<&str> = a.elements.iter().map(|e| e.kind.name).collect();
    assert_eq!(kinds, ["rds", "client", "k8s", "sqs", "llm"]);
}

#[test]
fn ids_may_hold_dashes_and_shadow_kind_names() {
    let a = ok("ec2 web-1\nrds db_main\nweb-1 -> db_main\nclient users\nusers -> web-1");
    assert_eq!(
        edges(&a),
        [e("web-1", "->", "db_main"), e("users", "->", "web-1")]
    );
}

#[test]
fn syntax_errors_point_at_the_right_place() {
    assert_eq!(errors("ec2 web [replicas 2]"), [("E0001", 1, 19)]);
    assert_eq!(errors("ec2 web \"unterminated\nrds db"), [("E0002", 1, 9)]);
    assert_eq!(
        errors("rds db\nec2 web \"bad \\q escape\""),
        [("E0003", 2, 14)]
    );
    assert_eq!(errors("vpc v {\n  ec2 web\n"), [("E0007", 1, 7)]);
    assert_eq!(errors("ec2 web [a: [1, 2]"), [("E0007", 1, 9)]);
    assert_eq!(errors("ec2 a\n}"), [("E0001", 2, 1)]);
    assert_eq!(errors("ec2 a\na -> "), [("E0001", 2, 6)]);
    assert_eq!(errors("ec2 a\na =>b"), [("E0001", 2, 3)]);
    assert_eq!(
        errors("ec2 web [n: 99999999999999999999]"),
        [("E0006", 1, 13)]
    );
    assert_eq!(errors("ec2 web [t: 5min]"), [("E0001", 1, 14)]);
    assert_eq!(errors("title Shop"), [("E0001", 1, 7)]);
    assert_eq!(errors("ec2"), [("E0001", 1, 4)]);
    assert_eq!(errors("vpc v\n{ ec2 a }"), [("E0001", 2, 1)]);
}

#[test]
fn semantic_errors_are_all_reported_at_once() {
    let src = "ec3 web\nec2 web\nweb -> dbb\nec2 a { ec2 b }\nec2 c [replicas: yes, port: 443]\ngroup g { title \"x\" }\ndirection sideways\nec2 d [multi_az, multi_az]";
    assert_eq!(
        errors(src),
        [
            ("E0100", 1, 1),
            ("E0101", 2, 5),
            ("E0102", 3, 8),
            ("E0103", 4, 7),
            ("E0104", 5, 18),
            ("E0105", 6, 11),
            ("E0106", 7, 11),
            ("E0107", 8, 18),
        ]
    );
}

#[test]
fn attribute_types_are_checked() {
    for (src, col) in [
        ("ec2 x [replicas: 6..2]", 18),
        ("ec2 x [replicas: 1.5]", 18),
        ("ec2 x [port: 70000]", 14),
        ("ec2 x [capacity: 200ms]", 18),
        ("ec2 x [hit_ratio: 120%]", 19),
        ("ec2 x [color: red]", 15),
        ("ec2 x [icon: nosuchkind]", 14),
        ("ec2 x [allow: 3]", 15),
        ("ec2 x [azs: [[a]]]", 13),
        ("ec2 x [autoscale: 1]", 19),
        ("ec2 x [encrypted: \"yes\"]", 19),
    ] {
        assert_eq!(errors(src), [("E0104", 1, col)], "{src}");
    }
    ok(
        "ec2 x [color: \"#ff9900\", icon: rds, allow: [AV001, SE005], hit_ratio: 0.8, replicas: 2..6, capacity: 800rps]",
    );
}

#[test]
fn title_twice_and_direction_twice_are_errors() {
    assert_eq!(errors("title \"a\"\ntitle \"b\""), [("E0105", 2, 1)]);
    assert_eq!(errors("direction down\ndirection up"), [("E0106", 2, 1)]);
    assert_eq!(errors("group g { direction down }"), [("E0106", 1, 11)]);
}

#[test]
fn nesting_up_to_the_limit_compiles_and_past_it_is_a_clear_error() {
    let limit = cloudgram::syntax::prescan::MAX_DEPTH;
    let nest = |n: usize| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!("group g{i} {{\n"));
        }
        s.push_str("ec2 leaf\n");
        s.push_str(&"}\n".repeat(n));
        s
    };
    let a = ok(&nest(limit));
    assert_eq!(a.element(a.find("leaf").unwrap()).depth, limit);
    let scene = cloudgram::layout::layout(&a);
    assert_eq!(scene.containers.len(), limit);
    assert_eq!(errors(&nest(limit + 1)), [("E0005", limit + 1, 12)]);
    // Far past the limit: still an error, not a stack overflow.
    let deep = "group g {".repeat(100_000);
    assert_eq!(errors(&deep)[0].0, "E0005");
    assert_eq!(errors(&"[".repeat(100_000))[0].0, "E0005");
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let (file, error) =
        cloudgram::compile::source_from_bytes("bad.cgr", b"ec2 web\nrds \xff\xfe db".to_vec());
    let error = error.expect("invalid UTF-8 is reported");
    assert_eq!(error.code, "E0004");
    let at = file.line_col(error.span.start);
    assert_eq!((at.line, at.column), (2, 5));
}

#[test]
fn an_edge_statement_cannot_explode_into_millions_of_edges() {
    let ids: Vec<String> = (0..200).map(|i| format!("n{i}")).collect();
    let mut src: String = ids.iter().map(|i| format!("ec2 {i}\n")).collect();
    src.push_str(&format!("{} -> {}\n", ids.join(", "), ids.join(", ")));
    assert_eq!(errors(&src), [("E0108", 201, 1)]);
    // 100 x 100 = 10 000 edges is still fine.
    let mut src: String = ids.iter().map(|i| format!("ec2 {i}\n")).collect();
    src.push_str(&format!(
        "{} -> {}\n",
        ids[..100].join(", "),
        ids[100..].join(", ")
    ));
    assert_eq!(compile_str("t.cgr", &src).arch.unwrap().edges.len(), 10_000);
}
