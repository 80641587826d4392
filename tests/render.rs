//! Drawing: snapshots of small SVGs in the plain test theme, escaping of user
//! text, self-contained output, determinism per theme, text that fits its
//! box, and PNG output that decodes at the expected size with its text drawn.

use cloudgram::compile::compile_str;
use cloudgram::layout::measure::{self, FONT, ICON, ICON_GAP, NODE_PAD_X};
use cloudgram::render::png;
use cloudgram::render::svg::{Options, render_with};
use cloudgram::render::theme::{self, Theme};
use cloudgram::scene::Scene;
use cloudgram::text::text_width;
use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree;
mod common;

fn scene(src: &str) -> Scene {
    let c = compile_str("test.cgr", src);
    let arch = c
        .arch
        .unwrap_or_else(|| panic!("compiles: {:#?}", c.diagnostics));
    cloudgram::layout::layout(&arch)
}

fn draw(src: &str, theme: Theme, legend: bool) -> String {
    render_with(
        &scene(src),
        &Options {
            theme,
            legend,
            ..Options::default()
        },
    )
}

fn plain(src: &str) -> String {
    draw(src, Theme::plain(), false)
}

#[test]
fn snapshot_edges_by_operator_with_labels_and_protocols() {
    insta::assert_snapshot!(plain(
        "client u \"Users\"\nalb lb\nec2 web\nsqs q\nrds db\n\
         u -> lb : \"HTTPS\" [protocol: https]\nlb <-> web [protocol: http, port: 8080]\n\
         web ~> q : \"order events\"\nweb -- db"
    ));
}

#[test]
fn snapshot_replicas_badges_and_containers() {
    insta::assert_snapshot!(plain(
        "title \"Badges\"\nvpc v \"VPC\" {\n  subnet pub \"Public\" [public] { alb lb }\n  \
         subnet priv \"Private\" { ec2 web \"Web\" [replicas: 2..6, autoscale] }\n}\n\
         rds db [multi_az, encrypted, replicas: 2]\nlb -> web\nweb -> db"
    ));
}

#[test]
fn snapshot_wrapped_korean_label_and_legend() {
    insta::assert_snapshot!(draw(
        "service s \"주문 서비스 (Order) 재고 확인과 결제 승인을 담당\"\nredis c\ns -> c",
        Theme::plain(),
        true
    ));
}

#[test]
fn snapshot_whiteboard_strokes_are_seeded() {
    insta::assert_snapshot!(draw(
        "ec2 a\nec2 b [replicas: 3]\na -> b : \"call\"",
        Theme::whiteboard(),
        false
    ));
}

/// Every element of the document, by tag name.
fn elements(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_string())
        .collect()
}

/// Every piece of text drawn, trimmed.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn user_text_is_escaped_and_inert() {
    let src = "title \"<script>alert('t')</script>\"\n\
               ec2 web \"<script>alert(1)</script> & <b>bold</b>\" [color: \"#f90\"]\n\
               rds db \"a\\\"b\"\n\
               web -> db : \"</text><script>x</script>\" [protocol: \"<img src=x>\"]";
    for name in theme::NAMES {
        let svg = draw(src, Theme::by_name(name).unwrap(), true);
        let tags = elements(&svg);
        for bad in ["script", "b", "img"] {
            assert!(!tags.iter().any(|t| t == bad), "{name}: no <{bad}> element");
        }
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let drawn = texts(&svg).join(" ");
        assert!(
            drawn.contains("<script>alert(1)</script> & <b>bold</b>"),
            "{drawn}"
        );
        // Still renders.
        png::render(&svg, 0.5).expect("renders");
    }
}

/// The renderer writes a `color` only through the colour grammar: a value
/// that is not a colour (only reachable by building a scene by hand, since
/// `check` rejects it) is not written at all, and every colour the model
/// accepts is drawn.
#[test]
fn colours_are_drawn_only_through_the_colour_grammar() {
    let with_color = |color: &str| {
        let mut s = scene("ec2 web\nrds db\nweb -> db");
        for b in &mut s.nodes {
            b.attrs.insert("color".into(), color.into());
        }
        render_with(
            &s,
            &Options {
                theme: Theme::plain(),
                ..Options::default()
            },
        )
    };
    let evil = with_color("#f90\" onload=\"alert(1)");
    elements(&evil);
    assert!(
        !evil.contains("onload"),
        "an invalid colour is not written at all"
    );
    assert!(!evil.contains("#f90"));
    for (written, drawn) in [
        ("#f90", "#ff9900"),
        ("red", "#ff0000"),
        ("SteelBlue", "#4682b4"),
        ("#ff000080", "#ff000080"),
    ] {
        let src = format!("ec2 web [color: \"{written}\"]");
        let c = compile_str("c.cgr", &src);
        assert!(c.ok(), "{written} passes check: {:#?}", c.diagnostics);
        assert!(
            with_color(written).contains(drawn),
            "{written} is drawn as {drawn}"
        );
    }
    for bad in ["redd", "#ff000", "#12345", "#ggg"] {
        let c = compile_str("c.cgr", &format!("ec2 web [color: \"{bad}\"]"));
        assert!(!c.ok(), "{bad} is an error");
    }
    let c = compile_str("c.cgr", "ec2 web [color: \"redd\"]");
    assert_eq!(
        c.diagnostics[0].help.as_deref(),
        Some("did you mean `red`?")
    );
}

#[test]
fn forbidden_code_points_never_reach_the_svg() {
    let src = "title \"T\u{FFFF}\"\nec2 web \"a\u{FFFE}b\"\nrds db\nweb -> db : \"x\u{FFFF}\"";
    let c = compile_str("x.cgr", src);
    let warnings: Vec<_> = c.diagnostics.iter().filter(|d| d.code == "W0010").collect();
    assert_eq!(warnings.len(), 3, "{:#?}", c.diagnostics);
    // The warning points at the character itself.
    assert_eq!(
        &src[warnings[0].span.start..warnings[0].span.end],
        "\u{FFFF}"
    );
    let svg = plain(src);
    elements(&svg);
    assert!(!svg.contains('\u{FFFF}') && !svg.contains('\u{FFFE}'));
    assert!(texts(&svg).iter().any(|t| t == "ab"), "{:?}", texts(&svg));
}

#[test]
fn control_characters_in_labels_keep_the_xml_valid() {
    let svg = plain("ec2 web \"tab\there\u{7}bell\"");
    elements(&svg);
    assert!(svg.contains("tabherebell"));
}

#[test]
fn svg_is_self_contained_with_stable_ids_and_shared_defs() {
    let src = "title \"Shop\"\nvpc v { ec2 a [replicas: 2]\nec2 b\nec2 c }\nrds db [encrypted]\n\
               subnet p [public] { alb lb [icon: redis] }\na, b, c -> db\nc ~> db\nlb <-> a";
    for name in theme::NAMES {
        let svg = draw(src, Theme::by_name(name).unwrap(), true);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        assert!(root.attribute("viewBox").is_some());
        let children: Vec<_> = root
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(&children[..2], ["title", "desc"], "{name}");
        assert_eq!(children.iter().filter(|t| **t == "title").count(), 1);
        // One symbol per icon used, however often it is used.
        assert_eq!(svg.matches("id=\"cg-icon-ec2\"").count(), 1);
        assert!(svg.matches("href=\"#cg-icon-ec2\"").count() >= 3);
        let mut ids = std::collections::BTreeSet::new();
        for n in doc.descendants().filter(|n| n.is_element()) {
            if let Some(id) = n.attribute("id") {
                assert!(ids.insert(id.to_string()), "{name}: id `{id}` is unique");
            }
            for a in n.attributes() {
                let v = a.value();
                if a.name() == "href" {
                    assert!(v.starts_with('#'), "{name}: local reference {v}");
                }
                if v.contains("url(") {
                    assert!(v.starts_with("url(#"), "{name}: local url {v}");
                }
            }
        }
        // Every reference (icons of boxes, badges and legend; arrowheads) resolves.
        for n in doc.descendants().filter(|n| n.is_element()) {
            for a in n.attributes() {
                let target = match a.value().strip_prefix("url(#") {
                    Some(rest) => rest.trim_end_matches(')'),
                    None if a.name() == "href" => a.value().trim_start_matches('#'),
                    None => "",
                };
                if !target.is_empty() {
                    assert!(ids.contains(target), "{name}: `{target}` is defined");
                }
            }
        }
        let namespaces = svg.matches("\"http://www.w3.org/").count();
        assert_eq!(
            svg.matches("http").count(),
            namespaces,
            "{name}: only namespaces"
        );
        assert!(namespaces <= 2);
        assert!(ids.contains("node-a") && ids.contains("container-v") && ids.contains("legend"));
    }
}

#[test]
fn every_theme_is_deterministic_and_distinct() {
    let src = "client u\nec2 web [replicas: 2..4]\nrds db [multi_az]\nu -> web -> db";
    let mut seen = Vec::new();
    for name in theme::NAMES {
        let a = draw(src, Theme::by_name(name).unwrap(), true);
        let b = draw(src, Theme::by_name(name).unwrap(), true);
        assert_eq!(a, b, "{name} is byte-for-byte stable");
        assert!(!seen.contains(&a), "{name} differs from the others");
        seen.push(a);
    }
    let wb = &seen[2];
    assert!(
        wb.contains("Comic Neue") && wb.contains(" Q"),
        "whiteboard: handwriting, curves"
    );
}

#[test]
fn edges_are_styled_by_operator() {
    let svg = plain("ec2 a\nec2 b\nec2 c\nec2 d\nec2 e\na -> b\nb ~> c\nc <-> d\nd -- e");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let line = |i: usize| {
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("edge-{i}")))
            .unwrap();
        g.first_element_child().unwrap()
    };
    let (sync, asynch, both, assoc) = (line(0), line(1), line(2), line(3));
    assert!(sync.attribute("marker-end").is_some() && sync.attribute("marker-start").is_none());
    assert!(sync.attribute("stroke-dasharray").is_none());
    assert!(
        asynch.attribute("marker-end").is_some() && asynch.attribute("stroke-dasharray").is_some()
    );
    assert!(both.attribute("marker-end").is_some() && both.attribute("marker-start").is_some());
    assert!(assoc.attribute("marker-end").is_none() && assoc.attribute("marker-start").is_none());
}

#[test]
fn badges_show_replicas_and_flags() {
    let svg = plain(
        "ec2 a [replicas: 3]\nec2 b [replicas: 2..6, autoscale]\nrds c [multi_az, encrypted]\nec2 d [replicas: 1]\nalb e [public]",
    );
    let drawn = texts(&svg);
    assert!(drawn.contains(&"×3".to_string()) && drawn.contains(&"2–6".to_string()));
    for flag in ["multi-AZ", "autoscale", "encrypted", "public"] {
        assert!(drawn.contains(&flag.to_string()), "{flag}");
    }
    let node = |id: &str| {
        let start = svg.find(&format!("id=\"node-{id}\"")).unwrap();
        let end = svg[start..]
            .find("</g>\n<g")
            .map_or(svg.len(), |e| start + e);
        svg[start..end].to_string()
    };
    assert_eq!(
        node("a").matches("<rect").count(),
        3 + 1,
        "two cards behind, one badge"
    );
    assert!(
        !node("d").contains("badge"),
        "one replica: no stack, no badge"
    );
}

#[test]
fn protocols_are_shown_on_edges() {
    let svg = plain(
        "ec2 a\nrds b\nec2 c\na -> b [protocol: sql, port: 3306]\na -> c : \"https\" [protocol: https]",
    );
    assert!(svg.contains(">SQL :3306<"));
    assert_eq!(
        svg.matches(">https<").count() + svg.matches(">HTTPS<").count(),
        1,
        "said once"
    );
}

/// A fan-out written as one statement with one caption (korean-shop's load
/// balancer routing to three services, hybrid-cloud's breakout to two
/// edge services) shows the caption once, on the trunk its edges share,
/// where that costs no more than the captions it saves.
#[test]
fn a_fan_out_with_one_caption_says_it_once() {
    for (example, caption) in [
        ("korean-shop", "경로 기반 라우팅"),
        ("hybrid-cloud", "N6 로컬 브레이크아웃"),
    ] {
        let path = format!("{}/examples/{example}.cgr", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(&path).expect("the example exists");
        let fan = src
            .lines()
            .find(|l| l.contains(&format!(": \"{caption}\"")))
            .expect("the fan-out is in the example");
        assert!(
            fan.contains(','),
            "{example}: one statement, several targets"
        );
        let svg = draw(&src, Theme::plain(), false);
        assert_eq!(
            svg.matches(&format!(">{caption}<")).count(),
            1,
            "{example}: {caption:?} said once"
        );
    }
}

#[test]
fn every_kind_is_drawn_with_an_icon() {
    let mut src = String::new();
    for (i, k) in cloudgram::model::catalog::KINDS.iter().enumerate() {
        src.push_str(&format!("{} k{i}\n", k.name));
    }
    let svg = plain(&src);
    for (i, _) in cloudgram::model::catalog::KINDS.iter().enumerate() {
        let start = svg
            .find(&format!(
                "id=\"{}-k{i}\"",
                // A container's icon sits in its title, drawn over the edges.
                if svg.contains(&format!("id=\"container-k{i}\"")) {
                    "container-title"
                } else {
                    "node"
                }
            ))
            .unwrap();
        let rest = &svg[start..];
        let end = rest.find("</g>").unwrap();
        assert!(rest[..end].contains("href=\"#cg-icon-"), "k{i} has an icon");
    }
    png::render(&svg, 0.25).expect("renders");
}

#[test]
fn drawn_labels_fit_their_boxes() {
    let mut sources: Vec<String> =
        common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr")
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
    sources.push(
        "ec2 a \"two\\nlines\"\nec2 b \"a rather long label that has to wrap somewhere\"".into(),
    );
    for src in &sources {
        let scene = scene(src);
        let svg = render_with(&scene, &Options::default());
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for n in &scene.nodes {
            let group = doc
                .descendants()
                .find(|g| g.attribute("id") == Some(&format!("node-{}", n.id)))
                .unwrap();
            let drawn: Vec<&str> = group
                .descendants()
                .filter(|e| e.has_tag_name("tspan"))
                .filter_map(|e| e.text())
                .collect();
            assert_eq!(
                drawn.len(),
                measure::label_lines(&n.label).len(),
                "{}",
                n.id
            );
            let room = n.width - 2.0 * NODE_PAD_X - ICON - ICON_GAP;
            for line in drawn {
                assert!(
                    text_width(line, FONT, false) <= room + 0.01,
                    "`{line}` fits {}",
                    n.id
                );
            }
        }
    }
}

fn decode(bytes: &[u8]) -> Pixmap {
    Pixmap::decode_png(bytes).expect("the PNG decodes")
}

/// Pixels of `a` and `b` that differ.
fn differing(a: &Pixmap, b: &Pixmap) -> usize {
    a.pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| p != q)
        .count()
}

#[test]
fn png_decodes_at_the_scaled_size() {
    let s = scene("ec2 web\nrds db\nweb -> db");
    let svg = render_with(&s, &Options::default());
    for scale in [1.0_f32, 2.0, 0.5] {
        let img = decode(&png::render(&svg, scale).unwrap());
        assert_eq!(img.width(), (s.width as f32 * scale).round() as u32);
        assert_eq!(img.height(), (s.height as f32 * scale).round() as u32);
    }
    assert!(png::render(&svg, 0.0).is_err());
    assert!(
        png::render(&svg, 1000.0).is_err(),
        "too large is an error, not a crash"
    );
    // Under the side limit, over the pixel limit.
    let scale = png::MAX_SIDE as f32 / s.width.max(s.height) as f32;
    assert!(scale * scale * (s.width * s.height) as f32 > png::MAX_PIXELS as f32);
    assert!(png::render(&svg, scale).is_err());
    let again = png::render(&svg, 1.0).unwrap();
    assert_eq!(png::render(&svg, 1.0).unwrap(), again, "deterministic");
}

/// Renders one node with a label and the same node with another label.
fn text_pixels(a: &str, b: &str, theme: Theme) -> usize {
    let draw = |label: &str| {
        let svg = draw(&format!("ec2 web \"{label}\""), theme.clone(), false);
        decode(&png::render(&svg, 1.0).unwrap())
    };
    let (x, y) = (draw(a), draw(b));
    assert_eq!((x.width(), x.height()), (y.width(), y.height()));
    differing(&x, &y)
}

#[test]
fn latin_text_is_drawn_with_the_embedded_fonts() {
    // Same box size (both fit the minimum width), different text.
    assert!(text_pixels("Web", "Api", Theme::light()) > 40);
    assert!(text_pixels("Web", "Api", Theme::whiteboard()) > 40);
}

#[test]
fn hangul_is_drawn_with_the_embedded_font() {
    // Cloudgram Sans KR is in the binary: no system font is needed (see
    // tests/i18n.rs for a run with the system's fonts switched off).
    assert!(png::missing_glyphs("Web 주문").is_empty());
    assert_eq!(
        png::missing_glyphs("a\u{E000}b\u{E000}"),
        ['\u{E000}'],
        "a private-use character"
    );
    let pixels = text_pixels("주문", "결제", Theme::light());
    assert!(pixels > 40, "Hangul was not drawn ({pixels} pixels differ)");
}

/// A string literal of the language holding `s`.
fn literal(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any label, in any theme: well-formed XML, the text drawn as given
    /// (less control characters), every drawn line inside its box.
    #[test]
    fn any_label_draws_valid_svg_that_fits(
        label in "[a-zA-Z0-9 <>&'\"\\\\\n가-힣\u{0}-\u{1f}]{0,80}",
        edge in "[a-z <>&\"가-힣]{0,30}",
    ) {
        let src = format!(
            "title {}\nec2 a {} [replicas: 2..3, multi_az]\nrds b\na -> b : {} [protocol: https]",
            literal(&label), literal(&label), literal(&edge)
        );
        let s = scene(&src);
        for name in theme::NAMES {
            let svg = render_with(&s, &Options { theme: Theme::by_name(name).unwrap(), legend: true, ..Options::default() });
            let doc = roxmltree::Document::parse(&svg).expect("well-formed");
            let node = doc
                .descendants()
                .find(|g| g.attribute("id") == Some("node-a"))
                .unwrap();
            let drawn: Vec<String> = node
                .descendants()
                .filter(|e| e.has_tag_name("tspan"))
                .map(|e| e.text().unwrap_or("").to_string())
                .collect();
            let a = s.find("a").unwrap();
            let room = a.width - 2.0 * NODE_PAD_X - ICON - ICON_GAP;
            for line in &drawn {
                proptest::prop_assert!(text_width(line, FONT, false) <= room + 0.01);
            }
            let kept: String = label.chars().filter(|c| !c.is_control() && *c != ' ').collect();
            proptest::prop_assert_eq!(drawn.concat().replace(' ', ""), kept);
        }
    }
}

fn hand_made_scene(edges: &[(&str, &str)]) -> Scene {
    use cloudgram::scene::{EdgeOp, Icon, SceneBox, SceneEdge};
    let ec2 = cloudgram::model::catalog::lookup("ec2").unwrap();
    let node = |id: &str, x: f64| SceneBox {
        id: id.into(),
        kind: ec2,
        category: ec2.category,
        label: id.into(),
        x,
        y: 20.0,
        width: 120.0,
        height: 53.0,
        parent: None,
        attrs: Default::default(),
        icon: Icon::Kind(ec2),
    };
    let nodes = vec![node("a", 20.0), node("b", 180.0), node("c", 340.0)];
    let x = |id: &str| nodes.iter().find(|n| n.id == id).unwrap().x;
    let edges = edges
        .iter()
        .map(|(from, to)| SceneEdge {
            from: from.to_string(),
            to: to.to_string(),
            op: EdgeOp::Sync,
            label: None,
            points: vec![[x(from) + 120.0, 46.5], [x(to), 46.5]],
            label_pos: None,
            attrs: Default::default(),
            caption_shared: false,
            caption_text: Default::default(),
        })
        .collect();
    Scene {
        width: 480.0,
        height: 93.0,
        title: None,
        nodes,
        containers: vec![],
        edges,
    }
}

#[test]
fn whiteboard_strokes_stay_put_when_an_edge_is_added() {
    let path_of = |scene: &Scene, i: usize| {
        let svg = render_with(
            scene,
            &Options {
                theme: Theme::whiteboard(),
                legend: false,
                ..Options::default()
            },
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let g = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("edge-{i}")))
            .unwrap();
        g.first_element_child()
            .unwrap()
            .attribute("d")
            .unwrap()
            .to_string()
    };
    let before = hand_made_scene(&[("b", "c")]);
    let after = hand_made_scene(&[("a", "b"), ("b", "c")]);
    assert_eq!(path_of(&before, 0), path_of(&after, 1));
    let twice = hand_made_scene(&[("a", "b"), ("a", "b")]);
    assert_ne!(
        path_of(&twice, 0),
        path_of(&twice, 1),
        "two edges between the same pair wobble differently"
    );
}

#[test]
fn a_chosen_fill_keeps_its_text_readable() {
    for name in theme::NAMES {
        let svg = draw(
            "ec2 dark \"Dark\" [color: \"#232f3e\"]\nec2 light \"Light\" [color: \"#ffeecc\"]",
            Theme::by_name(name).unwrap(),
            false,
        );
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let ink = |id: &str| {
            let g = doc
                .descendants()
                .find(|n| n.attribute("id") == Some(id))
                .unwrap();
            let fill = g
                .descendants()
                .find(|e| e.has_tag_name("rect"))
                .unwrap()
                .attribute("fill")
                .unwrap()
                .to_string();
            let text = g
                .descendants()
                .find(|e| e.has_tag_name("text"))
                .unwrap()
                .attribute("fill")
                .unwrap()
                .to_string();
            (fill, text)
        };
        let (fill, text) = ink("node-dark");
        assert_eq!(fill, "#232f3e", "{name}");
        assert!(theme::luma(&text) > 200.0, "{name}: light text on dark");
        let (fill, text) = ink("node-light");
        assert_eq!(fill, "#ffeecc", "{name}");
        assert!(theme::luma(&text) < 60.0, "{name}: dark text on light");
    }
}

#[test]
fn example_svgs_stay_small() {
    for path in common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr") {
        let svg = draw(
            &std::fs::read_to_string(&path).unwrap(),
            Theme::light(),
            true,
        );
        assert!(
            svg.len() < 80_000,
            "{}: {} bytes",
            path.display(),
            svg.len()
        );
    }
}

#[test]
fn png_is_deterministic_in_every_theme() {
    let s = scene("client u \"사용자\"\nec2 web [replicas: 2..4, encrypted]\nu -> web : \"call\"");
    for name in theme::NAMES {
        let svg = render_with(
            &s,
            &Options {
                theme: Theme::by_name(name).unwrap(),
                legend: true,
                ..Options::default()
            },
        );
        assert_eq!(
            png::render(&svg, 1.0).unwrap(),
            png::render(&svg, 1.0).unwrap(),
            "{name}"
        );
    }
}
