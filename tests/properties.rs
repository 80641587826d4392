//! Properties that hold for every input: the compiler never panics, and every
//! architecture lays out with boxes inside their containers and no overlap.

mod common;

use cloudgram::compile::{compile_str, source_from_bytes};
use proptest::prelude::*;

/// `PROPTEST_CASES` overrides the default number of cases (for long runs).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Fragments of the language, so that random programs get deep into the grammar.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("ec2".to_string()),
        Just("vpc".to_string()),
        Just("group".to_string()),
        Just("web".to_string()),
        Just("db".to_string()),
        Just("title".to_string()),
        Just("direction".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("->".to_string()),
        Just("~>".to_string()),
        Just("<->".to_string()),
        Just("--".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just(";".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\"주문\"".to_string()),
        Just("\"a\\\"b\"".to_string()),
        Just("\"".to_string()),
        Just("2..6".to_string()),
        Just("500rps".to_string()),
        Just("99.9%".to_string()),
        Just("1M".to_string()),
        Just("# c\n".to_string()),
        Just("//".to_string()),
        Just("replicas".to_string()),
        Just("true".to_string()),
        Just("-".to_string()),
        Just("9999999999999999999999".to_string()),
        "[a-z_]{1,6}".prop_map(|s| s),
        "\\PC{0,3}".prop_map(|s| s),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(400)))]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        let c = compile_str("fuzz.cgr", &text);
        prop_assert!(c.arch.is_some() || c.diagnostics.iter().any(|d| d.is_error()));
    }

    #[test]
    fn never_panics_on_token_soup(tokens in prop::collection::vec(token(), 0..60)) {
        let text = tokens.join(" ");
        let c = compile_str("fuzz.cgr", &text);
        if let Some(arch) = c.arch {
            let scene = cloudgram::layout::layout(&arch);
            cloudgram::render::svg::render(&scene);
        } else {
            prop_assert!(c.diagnostics.iter().any(|d| d.is_error()));
            let file = cloudgram::source::SourceFile::new("fuzz.cgr", text.as_str());
            for d in &c.diagnostics {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= text.len() + 1);
                cloudgram::diagnostic::human::render(&file, d);
            }
        }
    }

    /// Bytes of a token soup with a few bytes overwritten: mostly UTF-8, so
    /// that the compiler itself runs (uniformly random bytes are almost
    /// never UTF-8 and stopped at E0004). Not-UTF-8 input is checked too:
    /// its E0004 renders, and the lossy text still compiles without a panic.
    #[test]
    fn never_panics_on_arbitrary_bytes(
        tokens in prop::collection::vec(token(), 0..60),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let mut bytes = tokens.join(" ").into_bytes();
        for (at, b) in edits {
            if !bytes.is_empty() {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        let (file, error) = source_from_bytes("fuzz.cgr", bytes);
        if let Some(e) = &error {
            prop_assert_eq!(e.code, "E0004");
            cloudgram::diagnostic::human::render(&file, e);
        }
        let c = cloudgram::compile::compile(&file);
        for d in &c.diagnostics {
            cloudgram::diagnostic::human::render(&file, d);
        }
        if let Some(arch) = c.arch {
            let svg = cloudgram::render::svg::render(&cloudgram::layout::layout(&arch));
            prop_assert!(svg.chars().all(cloudgram::limits::xml_allowed));
        }
    }
}

/// A random architecture: a tree of containers with leaves, and random edges.
#[derive(Debug, Clone)]
struct Design {
    /// For each element: its parent (an earlier container) and whether it is a container.
    elements: Vec<(Option<usize>, bool)>,
    edges: Vec<(usize, usize, u8, bool)>,
    direction: u8,
    labels: Vec<u8>,
}

fn design() -> impl Strategy<Value = Design> {
    (2usize..28).prop_flat_map(|n| {
        (
            prop::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    prop::bool::weighted(0.3),
                    any::<bool>(),
                ),
                n,
            ),
            prop::collection::vec((0..n, 0..n, 0u8..4, prop::bool::weighted(0.3)), 0..n * 2),
            0u8..4,
            prop::collection::vec(0u8..4, n),
        )
            .prop_map(|(raw, edges, direction, labels)| {
                let mut elements: Vec<(Option<usize>, bool)> = Vec::new();
                for (i, (pick, container, top)) in raw.into_iter().enumerate() {
                    let containers: Vec<usize> = (0..i).filter(|j| elements[*j].1).collect();
                    let parent = if top || containers.is_empty() {
                        None
                    } else {
                        Some(containers[pick.index(containers.len())])
                    };
                    elements.push((parent, container));
                }
                Design {
                    elements,
                    edges,
                    direction,
                    labels,
                }
            })
    })
}

fn source(d: &Design) -> String {
    let label = |i: usize| match d.labels[i] {
        0 => String::new(),
        1 => " \"주문 서비스\"".to_string(),
        2 => " \"A rather long label for a box\"".to_string(),
        _ => " \"two\\nlines\"".to_string(),
    };
    fn write(
        d: &Design,
        parent: Option<usize>,
        depth: usize,
        out: &mut String,
        label: &dyn Fn(usize) -> String,
    ) {
        for (i, (p, container)) in d.elements.iter().enumerate() {
            if *p != parent {
                continue;
            }
            let pad = "  ".repeat(depth);
            if *container {
                out.push_str(&format!("{pad}group n{i}{} {{\n", label(i)));
                write(d, Some(i), depth + 1, out, label);
                out.push_str(&format!("{pad}}}\n"));
            } else {
                out.push_str(&format!("{pad}ec2 n{i}{}\n", label(i)));
            }
        }
    }
    let mut out = format!(
        "direction {}\n",
        ["right", "down", "left", "up"][d.direction as usize]
    );
    write(d, None, 0, &mut out, &label);
    for (a, b, op, label) in &d.edges {
        let label = if *label { " : \"HTTPS 요청\"" } else { "" };
        out.push_str(&format!(
            "n{a} {} n{b}{label}\n",
            ["->", "~>", "<->", "--"][*op as usize]
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(150)))]

    #[test]
    fn layout_keeps_its_geometric_contract(d in design()) {
        let src = source(&d);
        let c = compile_str("gen.cgr", &src);
        // Random edges may repeat one another (a W0003 warning): only errors stop a design.
        prop_assert!(c.ok(), "{src}\n{:?}", c.diagnostics);
        let arch = c.arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        let v = cloudgram::layout::check::violations(&scene, common::LAYERED);
        prop_assert!(v.is_empty(), "layered engine on\n{}\n{}", src, v.join("\n"));
        prop_assert_eq!(scene.edges.len(), arch.edges.len());
        // Every direction and engine keeps the boxes sound; the layered engine
        // also keeps edges out of boxes and labels clear.
        let layout_rs = {
            use cloudgram::layout::LayoutEngine;
            cloudgram::layout::layout_rs::LayoutRs.layout(&arch, &mut Default::default())
        };
        let v = cloudgram::layout::check::violations(&layout_rs, common::BOXES_ONLY);
        prop_assert!(v.is_empty(), "layout-rs engine on\n{}\n{}", src, v.join("\n"));
        for e in &scene.edges {
            prop_assert!(e.points.len() >= 2);
            prop_assert!(e.points.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        }
    }
}

/// Designs the properties above once failed on, kept as files so that each
/// runs on every test run whatever the random seed.
#[test]
fn designs_the_properties_found_keep_the_contract() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/layout");
    let designs = common::files(dir, "cgr");
    assert!(!designs.is_empty(), "no design in {dir}");
    for path in designs {
        common::assert_design_draws_soundly(&path);
    }
}
