//! Parser error recovery: every syntax error of a file in one run, each at
//! its own line, no follow-on errors, and a useful `help:` on every one.

use cloudgram::compile::compile_str;
use cloudgram::diagnostic::{Diagnostic, human};
use cloudgram::source::SourceFile;
use cloudgram::syntax::recover::MAX_SYNTAX_ERRORS;
use proptest::prelude::*;

fn errors(src: &str) -> Vec<Diagnostic> {
    compile_str("design.cgr", src)
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect()
}

fn lines(src: &str, ds: &[Diagnostic]) -> Vec<usize> {
    let file = SourceFile::new("design.cgr", src);
    ds.iter()
        .map(|d| file.line_col(d.span.start).line)
        .collect()
}

#[test]
fn five_independent_syntax_errors_are_five_errors_at_their_lines() {
    let src = "title \"Shop\"\n\
               ec2 web [replicas 2]\n\
               rds db\n\
               web => db\n\
               ec2 app App Server\n\
               vpc main {\n\
               \x20 ec2 inner\n\
               \x20 inner -> db \"SQL\"\n\
               }\n\
               lambda f\n\
               f -->  db\n";
    let e = errors(src);
    assert_eq!(lines(src, &e), [2, 4, 5, 8, 11], "{e:#?}");
    assert!(e.iter().all(|d| d.code == "E0001"));
    insta::assert_snapshot!(human::render_all(&SourceFile::new("design.cgr", src), &e));
}

#[test]
fn a_bad_string_does_not_hide_the_other_errors() {
    let src = "ec2 web \"Web\nrds db [replicas 2]\nec2 app \"C:\\temp\"\nweb => db\n";
    let e = errors(src);
    let codes: Vec<(&str, usize)> = e.iter().map(|d| d.code).zip(lines(src, &e)).collect();
    assert_eq!(
        codes,
        [("E0002", 1), ("E0001", 2), ("E0003", 3), ("E0001", 4)],
        "{e:#?}"
    );
}

#[test]
fn a_bad_container_header_skips_its_block_without_cascading() {
    let src = "vpc main \"Main\" oops {\n  ec2 a\n  ec2 b\n}\nrds db [port 5]\n";
    let e = errors(src);
    assert_eq!(lines(src, &e), [1, 5], "{e:#?}");
}

#[test]
fn a_too_early_brace_is_not_called_unmatched() {
    let src = "vpc v {\n  ec2 }\n";
    let e = errors(src);
    assert!(!e[0].message.contains("unmatched"), "{e:#?}");
    let stray = errors("ec2 a\n}\n");
    assert!(stray[0].message.contains("unmatched"), "{stray:#?}");
}

#[test]
fn errors_past_the_limit_are_not_reported() {
    let src = "ec2 a [x 1]\n".repeat(MAX_SYNTAX_ERRORS + 20);
    assert_eq!(errors(&src).len(), MAX_SYNTAX_ERRORS);
}

#[test]
fn the_slips_people_make_get_a_concrete_fix() {
    let cases = [
        ("ec2 web\nrds db\nweb --> db", "did you mean `->`?"),
        ("ec2 web\nrds db\nweb => db", "did you mean `->`?"),
        ("ec2 web\nrds db\ndb <- web", "write `b -> a`"),
        ("ec2 웹서버", "IDs are ASCII"),
        ("ec2 웹서버", "\"웹서버\""),
        (
            "ec2 web Web Server",
            "quote the label: `ec2 web \"Web Server\"`",
        ),
        (
            "ec2 web\nrds db\nweb -> db \"label\"",
            "`web -> db : \"label\"`",
        ),
        ("ec2 web [replicas 2]", "`replicas: 2`"),
        ("ec2 a\na ->", "an element on each side"),
        ("ec2 a\nec2 b\na -> b [port: 70000]", "`port: 443`"),
        ("ec2 zzz_unknown\nfoo bar", "`cloudgram kinds`"),
    ];
    for (src, help) in cases {
        let e = errors(src);
        let helps: Vec<&str> = e.iter().filter_map(|d| d.help.as_deref()).collect();
        assert!(
            helps.iter().any(|h| h.contains(help)),
            "{src:?}: expected help containing {help:?}, got {helps:#?}"
        );
    }
    let e = errors("ec2 a\nec2 b\na -> b [port: 70000]");
    assert!(e[0].message.contains("found `70000`"), "{e:#?}");
}

/// Pieces of statements, right and wrong, to build files from.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ec2 web".to_string()),
        Just("rds db [multi_az]".to_string()),
        Just("web -> db".to_string()),
        Just("vpc v {".to_string()),
        Just("}".to_string()),
        Just("ec2 a [replicas 2]".to_string()),
        Just("a => b".to_string()),
        Just("ec2 web Web".to_string()),
        Just("a -> b \"x\"".to_string()),
        Just("a ->".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(";".to_string()),
        Just("ec2 웹".to_string()),
        Just("title \"t\"".to_string()),
        Just("a, b -> c, d : \"l\" [protocol: https,".to_string()),
        "\\PC{0,12}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Recovery ends, never panics, stays under the limit and every error
    /// it reports points inside the file, sorted, one per place.
    #[test]
    fn recovery_never_loops_panics_or_repeats(lines in prop::collection::vec(line(), 0..40)) {
        let src = lines.join("\n");
        let c = compile_str("fuzz.cgr", &src);
        let errs: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| d.code == "E0001").collect();
        prop_assert!(errs.len() <= MAX_SYNTAX_ERRORS);
        let mut starts: Vec<usize> = errs.iter().map(|d| d.span.start).collect();
        for d in &errs {
            prop_assert!(d.span.end <= src.len());
            prop_assert!(d.help.is_some(), "every syntax error has a help: {d:?}");
        }
        let sorted = { let mut s = starts.clone(); s.sort(); s };
        prop_assert_eq!(&starts, &sorted);
        starts.dedup();
        prop_assert_eq!(starts.len(), errs.len(), "one error per place");
    }

    /// Good statements around one bad line: exactly one error, at that line.
    #[test]
    fn one_slip_among_good_lines_is_one_error(before in 0usize..6, after in 0usize..6, slip in 0usize..5) {
        let slips = ["ec2 a [replicas 2]", "x => y", "ec2 web Web", "p -> q \"x\"", "ec2 웹"];
        let good = |i: usize| format!("ec2 n{i} \"N {i}\" [replicas: 2]");
        let mut ls: Vec<String> = (0..before).map(good).collect();
        ls.push(slips[slip].to_string());
        ls.extend((before..before + after).map(good));
        let src = ls.join("\n");
        let e = errors(&src);
        prop_assert_eq!(lines(&src, &e), vec![before + 1], "{:#?}", e);
    }
}
