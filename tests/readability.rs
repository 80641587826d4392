//! The figures of `render --stats` beyond crossings, each on a hand-made
//! scene where the answer is known, and the global engine on every example.

use cloudgram::compile::compile_str;
use cloudgram::geometry::Rect;
use cloudgram::layout::stats::{borders_squeezed, readability};
use cloudgram::scene::{Caption, EdgeOp, Icon, Scene, SceneBox, SceneEdge, Step};
use serde_json::{Map, Value, json};
mod common;

fn boxed(id: &str, kind: &str, parent: Option<&str>, r: Rect) -> SceneBox {
    let kind = cloudgram::model::catalog::lookup(kind).expect("a kind of the catalog");
    SceneBox {
        id: id.into(),
        kind,
        category: kind.category,
        label: id.into(),
        x: r.left,
        y: r.top,
        width: r.width(),
        height: r.height(),
        parent: parent.map(Into::into),
        attrs: Map::new(),
        icon: Icon::Kind(kind),
    }
}

fn edge(from: &str, to: &str, points: &[[f64; 2]]) -> SceneEdge {
    SceneEdge {
        from: from.into(),
        to: to.into(),
        op: EdgeOp::Sync,
        label: None,
        points: points.to_vec(),
        label_pos: None,
        attrs: Map::new(),
        caption_shared: false,
        caption_text: Default::default(),
    }
}

fn scene(nodes: Vec<SceneBox>, containers: Vec<SceneBox>, edges: Vec<SceneEdge>) -> Scene {
    Scene {
        width: 1000.0,
        height: 800.0,
        title: None,
        nodes,
        containers,
        edges,
    }
}

#[test]
fn bends_and_staircase_jogs() {
    let a = boxed("a", "ec2", None, Rect::new(0.0, 0.0, 100.0, 50.0));
    let b = boxed("b", "ec2", None, Rect::new(300.0, 300.0, 100.0, 50.0));
    // Two bends with a 10 px run between them: one jog.
    let stair = edge(
        "a",
        "b",
        &[[50.0, 50.0], [50.0, 100.0], [60.0, 100.0], [60.0, 300.0]],
    );
    let r = readability(
        &scene(vec![a.clone(), b.clone()], vec![], vec![stair]),
        true,
    );
    assert_eq!((r.bends_max, r.jogs), (2, 1));
    let wide = edge(
        "a",
        "b",
        &[[50.0, 50.0], [50.0, 100.0], [350.0, 100.0], [350.0, 300.0]],
    );
    let r = readability(&scene(vec![a, b], vec![], vec![wide]), true);
    assert_eq!((r.bends_max, r.jogs), (2, 0));
    assert!((r.bends_mean - 2.0).abs() < 1e-9);
    assert!((r.aspect - 1.25).abs() < 1e-9);
}

#[test]
fn replica_stacks_turn_away_from_arrowheads() {
    let mut web = boxed("web", "ec2", None, Rect::new(100.0, 100.0, 120.0, 50.0));
    web.attrs.insert("replicas".into(), json!(3));
    let lb = boxed("lb", "alb", None, Rect::new(100.0, 0.0, 120.0, 40.0));
    // An arrow onto the top: the cards go down-right instead of up-right.
    let top = edge("lb", "web", &[[200.0, 40.0], [200.0, 100.0]]);
    let s = scene(vec![lb.clone(), web.clone()], vec![], vec![top.clone()]);
    assert_eq!(
        s.stack_step(&web, &s.arrow_tips()),
        Some(Step { dx: 4.0, dy: 4.0 })
    );
    assert_eq!(readability(&s, true).hidden_arrowheads, 0);
    // Arrows into both of its sides reach every corner: the cards peek
    // out of the top only.
    let sides: Vec<_> = [
        ([300.0, 130.0], [220.0, 130.0]),
        ([0.0, 130.0], [100.0, 130.0]),
    ]
    .into_iter()
    .map(|(p, q)| edge("lb", "web", &[p, q]))
    .collect();
    let s = scene(vec![lb.clone(), web.clone()], vec![], sides);
    assert_eq!(
        s.stack_step(&web, &s.arrow_tips()),
        Some(Step { dx: 0.0, dy: -4.0 })
    );
    assert_eq!(readability(&s, true).hidden_arrowheads, 0);
    // Arrows on all four sides: some arrowhead is under the cards.
    let mut edges = vec![top];
    for (p, q) in [
        ([300.0, 130.0], [220.0, 130.0]),
        ([200.0, 250.0], [200.0, 150.0]),
        ([0.0, 130.0], [100.0, 130.0]),
    ] {
        edges.push(edge("lb", "web", &[p, q]));
    }
    let s = scene(vec![lb, web.clone()], vec![], edges);
    assert!(readability(&s, true).hidden_arrowheads > 0);
    // Without replicas there is no stack at all.
    let mut single = web;
    single.attrs = Map::new();
    assert_eq!(s.stack_step(&single, &s.arrow_tips()), None);
}

#[test]
fn sibling_sites_and_their_tier_subnets() {
    let vpc = boxed("vpc", "vpc", None, Rect::new(0.0, 0.0, 900.0, 700.0));
    let az_a = boxed(
        "az_a",
        "az",
        Some("vpc"),
        Rect::new(20.0, 40.0, 400.0, 600.0),
    );
    let az_b = boxed(
        "az_b",
        "az",
        Some("vpc"),
        Rect::new(460.0, 40.0, 400.0, 600.0),
    );
    let app_a = boxed(
        "app_a",
        "subnet",
        Some("az_a"),
        Rect::new(40.0, 100.0, 300.0, 200.0),
    );
    let app_b = boxed(
        "app_b",
        "subnet",
        Some("az_b"),
        Rect::new(480.0, 160.0, 300.0, 200.0),
    );
    let s = scene(
        vec![],
        vec![
            vpc.clone(),
            az_a.clone(),
            az_b.clone(),
            app_a,
            app_b.clone(),
        ],
        vec![],
    );
    let r = readability(&s, true);
    // Side by side across a downward flow; the app subnets start 60 px apart.
    assert_eq!((r.sites_stacked, r.tiers_misaligned), (0, 1));
    // Read as a rightward flow, the same zones are one after the other.
    assert_eq!(readability(&s, false).sites_stacked, 1);
    let mut level = app_b;
    level.y = 100.0;
    let s = scene(
        vec![],
        vec![
            vpc,
            az_a,
            az_b,
            boxed(
                "app_a",
                "subnet",
                Some("az_a"),
                Rect::new(40.0, 100.0, 300.0, 200.0),
            ),
            level,
        ],
        vec![],
    );
    assert_eq!(readability(&s, true).tiers_misaligned, 0);
}

/// Tier subnets that share a row in two zones stand in one order across
/// the flow in both: public then data in AZ a, public then data in AZ b.
#[test]
fn tier_subnets_in_the_same_order_in_every_zone() {
    let zones = || {
        vec![
            boxed("vpc", "vpc", None, Rect::new(0.0, 0.0, 900.0, 700.0)),
            boxed(
                "az_a",
                "az",
                Some("vpc"),
                Rect::new(20.0, 40.0, 400.0, 600.0),
            ),
            boxed(
                "az_b",
                "az",
                Some("vpc"),
                Rect::new(460.0, 40.0, 400.0, 600.0),
            ),
            boxed(
                "pub_a",
                "subnet",
                Some("az_a"),
                Rect::new(40.0, 100.0, 150.0, 200.0),
            ),
            boxed(
                "data_a",
                "subnet",
                Some("az_a"),
                Rect::new(220.0, 100.0, 150.0, 200.0),
            ),
        ]
    };
    let in_order = |pub_x: f64, data_x: f64| {
        let mut boxes = zones();
        boxes.push(boxed(
            "pub_b",
            "subnet",
            Some("az_b"),
            Rect::new(pub_x, 100.0, 150.0, 200.0),
        ));
        boxes.push(boxed(
            "data_b",
            "subnet",
            Some("az_b"),
            Rect::new(data_x, 100.0, 150.0, 200.0),
        ));
        readability(&scene(vec![], boxes, vec![]), true).tiers_misaligned
    };
    assert_eq!(in_order(480.0, 660.0), 0);
    // Mirrored: data before public in AZ b.
    assert_eq!(in_order(660.0, 480.0), 1);
    // Not on one row in AZ b (data below public): no order across to keep,
    // but data B no longer starts level with data A.
    let mut boxes = zones();
    boxes.push(boxed(
        "pub_b",
        "subnet",
        Some("az_b"),
        Rect::new(660.0, 100.0, 150.0, 200.0),
    ));
    boxes.push(boxed(
        "data_b",
        "subnet",
        Some("az_b"),
        Rect::new(480.0, 320.0, 150.0, 200.0),
    ));
    assert_eq!(
        readability(&scene(vec![], boxes, vec![]), true).tiers_misaligned,
        1
    );
}

#[test]
fn shared_lanes_and_trunks() {
    let nodes: Vec<SceneBox> = ["a", "b", "c", "d"]
        .iter()
        .enumerate()
        .map(|(i, id)| {
            boxed(
                id,
                "ec2",
                None,
                Rect::new(i as f64 * 200.0, 0.0, 100.0, 40.0),
            )
        })
        .collect();
    let line = [[50.0, 40.0], [50.0, 100.0], [650.0, 100.0], [650.0, 40.0]];
    // a→d and b→c run along one line and share no end: one shared lane.
    let s = scene(
        nodes.clone(),
        vec![],
        vec![
            edge("a", "d", &line),
            edge(
                "b",
                "c",
                &[[250.0, 40.0], [250.0, 100.0], [450.0, 100.0], [450.0, 40.0]],
            ),
        ],
    );
    assert_eq!(readability(&s, true).shared_lanes, 1);
    // Edges leaving one box together form a trunk, not a shared lane.
    let s = scene(
        nodes,
        vec![],
        vec![
            edge("a", "d", &line),
            edge(
                "a",
                "c",
                &[[50.0, 40.0], [50.0, 100.0], [450.0, 100.0], [450.0, 40.0]],
            ),
        ],
    );
    assert_eq!(readability(&s, true).shared_lanes, 0);
}

/// An edge that runs beside a container's border, inside it nearer than
/// 16 px or outside it nearer than 5 px, for more than 48 px, reads as
/// part of the border; a channel's width away, or only across it, it does
/// not.
#[test]
fn edges_along_a_border() {
    let zone = boxed(
        "zone",
        "subnet",
        None,
        Rect::new(100.0, 100.0, 400.0, 300.0),
    );
    let a = boxed(
        "a",
        "ec2",
        Some("zone"),
        Rect::new(200.0, 140.0, 100.0, 40.0),
    );
    let b = boxed("b", "ec2", None, Rect::new(700.0, 600.0, 100.0, 40.0));
    // From a, left to x, down past the zone's bottom, right to b.
    let down_at = |x: f64| {
        edge(
            "a",
            "b",
            &[[200.0, 160.0], [x, 160.0], [x, 620.0], [700.0, 620.0]],
        )
    };
    let hugged = |e: SceneEdge| {
        let s = scene(vec![a.clone(), b.clone()], vec![zone.clone()], vec![e]);
        readability(&s, true).borders_hugged
    };
    assert_eq!(hugged(down_at(110.0)), 1, "10 px inside the left side");
    assert_eq!(hugged(down_at(100.0)), 1, "on the left side");
    assert_eq!(hugged(down_at(130.0)), 0, "30 px inside");
    // Leaving the zone through its right side and running down beside it.
    let out_at = |x: f64| {
        edge(
            "a",
            "b",
            &[[300.0, 160.0], [x, 160.0], [x, 620.0], [700.0, 620.0]],
        )
    };
    assert_eq!(hugged(out_at(504.0)), 1, "4 px outside the right side");
    assert_eq!(hugged(out_at(520.0)), 0, "20 px outside");
    // Along the bottom, inside, but only 40 px long.
    let short = edge(
        "a",
        "b",
        &[
            [250.0, 180.0],
            [250.0, 390.0],
            [290.0, 390.0],
            [290.0, 620.0],
            [700.0, 620.0],
        ],
    );
    assert_eq!(hugged(short), 0, "40 px along the bottom");
    let long = edge(
        "a",
        "b",
        &[
            [250.0, 180.0],
            [250.0, 390.0],
            [450.0, 390.0],
            [450.0, 620.0],
            [700.0, 620.0],
        ],
    );
    assert_eq!(hugged(long), 1, "200 px along the bottom");
    // Two subnets one above the other, their left sides in line 8 px
    // apart: a line beside both runs along one border, 30 px of each.
    let upper = boxed("up", "subnet", None, Rect::new(600.0, 100.0, 100.0, 100.0));
    let lower = boxed("low", "subnet", None, Rect::new(600.0, 208.0, 100.0, 100.0));
    let c = boxed("c", "ec2", None, Rect::new(450.0, 150.0, 60.0, 40.0));
    let d = boxed("d", "ec2", None, Rect::new(450.0, 400.0, 60.0, 40.0));
    let beside = |from: f64, to: f64| {
        let e = edge(
            "c",
            "d",
            &[
                [510.0, 160.0],
                [596.0, 160.0],
                [596.0, from],
                [596.0, to],
                [510.0, to],
            ],
        );
        let s = scene(
            vec![c.clone(), d.clone()],
            vec![upper.clone(), lower.clone()],
            vec![e],
        );
        readability(&s, true).borders_hugged
    };
    assert_eq!(beside(170.0, 238.0), 1, "30 px beside each of two in line");
    assert_eq!(beside(170.0, 200.0), 0, "30 px beside one");
}

#[test]
fn captions_far_from_their_edge_or_nearer_another() {
    let a = boxed("a", "ec2", None, Rect::new(0.0, 0.0, 100.0, 40.0));
    let b = boxed("b", "ec2", None, Rect::new(0.0, 300.0, 100.0, 40.0));
    let mut e = edge("a", "b", &[[50.0, 40.0], [50.0, 300.0]]);
    e.label = Some("HTTP".into());
    e.caption_text = Caption::new(vec!["HTTP".into()], 1);
    e.label_pos = Some([80.0, 150.0]);
    let near = scene(vec![a.clone(), b.clone()], vec![], vec![e.clone()]);
    assert_eq!(readability(&near, true).labels_far, 0);
    e.label_pos = Some([300.0, 150.0]);
    let far = scene(vec![a.clone(), b.clone()], vec![], vec![e.clone()]);
    assert_eq!(readability(&far, true).labels_far, 1);
    // Another edge runs right past the caption: it reads as that edge's.
    let c = boxed("c", "ec2", None, Rect::new(300.0, 0.0, 100.0, 40.0));
    let other = edge("c", "b", &[[330.0, 40.0], [330.0, 300.0]]);
    let s = scene(
        vec![a.clone(), b.clone(), c.clone()],
        vec![],
        vec![e.clone(), other.clone()],
    );
    assert_eq!(readability(&s, true).labels_ambiguous, 1);
    // Unless it reads the same caption into the same target: a fan-in
    // that says its caption once, for both.
    let mut alike = other;
    alike.label = Some("HTTP".into());
    alike.caption_text = Caption::new(vec!["HTTP".into()], 1);
    let s = scene(vec![a, b, c], vec![], vec![e, alike]);
    assert_eq!(readability(&s, true).labels_ambiguous, 0);
    let _ = Value::Null;
}

/// A fan-out's trunk carries every sibling's line, so a caption beside the
/// trunk is its own edge's; beside where a sibling has branched off, it
/// reads as the sibling's, and is counted apart from the other edges'.
#[test]
fn a_caption_on_a_siblings_branch() {
    let s = boxed("s", "ec2", None, Rect::new(0.0, 80.0, 100.0, 40.0));
    let a = boxed("a", "ec2", None, Rect::new(300.0, 30.0, 100.0, 40.0));
    let b = boxed("b", "ec2", None, Rect::new(300.0, 130.0, 100.0, 40.0));
    // One trunk from `s` to x = 200, then up to `a` and down to `b`.
    let mut to_a = edge(
        "s",
        "a",
        &[[100.0, 100.0], [200.0, 100.0], [200.0, 50.0], [300.0, 50.0]],
    );
    to_a.label = Some("read".into());
    to_a.caption_text = Caption::new(vec!["read".into()], 1);
    let to_b = edge(
        "s",
        "b",
        &[
            [100.0, 100.0],
            [200.0, 100.0],
            [200.0, 150.0],
            [300.0, 150.0],
        ],
    );
    let with = |sibling: &SceneEdge, pos: [f64; 2]| {
        let mut e = to_a.clone();
        e.label_pos = Some(pos);
        let page = scene(
            vec![s.clone(), a.clone(), b.clone()],
            vec![],
            vec![e, sibling.clone()],
        );
        let r = readability(&page, true);
        (r.labels_on_branch, r.labels_ambiguous, r.labels_far)
    };
    let at = |pos: [f64; 2]| with(&to_b, pos);
    // Above the trunk, and above its own branch: its own.
    assert_eq!(at([150.0, 88.0]), (0, 0, 0));
    assert_eq!(at([250.0, 38.0]), (0, 0, 0));
    // Beside the sibling's branch down to `b`, a little off its own line
    // (the trunk): the sibling's, though no other edge is near.
    assert_eq!(at([250.0, 138.0]).0, 1);
    assert_eq!(at([222.0, 118.0]), (1, 0, 0));
    // A sibling's trunk drawn 0.3 nearer the caption is the same line.
    let mut beside = to_b.clone();
    beside.points = vec![[100.0, 99.7], [200.0, 99.7], [200.0, 150.0], [300.0, 150.0]];
    assert_eq!(with(&beside, [150.0, 88.0]), (0, 0, 0));
}

/// The one-grid layout keeps the whole geometric contract wherever it is
/// used, is deterministic and puts sibling zones side by side; it draws
/// every example (edges it cannot keep out of unrelated containers on the
/// grid take detours).
#[test]
fn the_one_grid_layout_keeps_the_contract_where_it_is_used() {
    use cloudgram::layout::global::Global;
    let files = common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr");
    let mut used = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let arch = compile_str("x", &text).arch.unwrap();
        let Some(scene) = Global.try_layout(&arch, &mut Default::default()) else {
            continue;
        };
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        common::assert_scene_is_sound(&scene, common::LAYERED);
        assert_eq!(scene.edges.len(), arch.edges.len());
        let again = Global.try_layout(&arch, &mut Default::default());
        assert_eq!(Some(&scene), again.as_ref(), "{name} is deterministic");
        let vertical = flows_vertically(&arch);
        assert_eq!(readability(&scene, vertical).sites_stacked, 0, "{name}");
        // The default engine draws exactly this picture.
        assert_eq!(cloudgram::layout::layout(&arch), scene, "{name}");
        used.push(name);
    }
    assert_eq!(used.len(), files.len(), "one grid for {used:?} only");
}

/// Whether the design's flow runs down or up.
fn flows_vertically(arch: &cloudgram::model::Architecture) -> bool {
    matches!(
        arch.direction,
        cloudgram::model::Direction::Down | cloudgram::model::Direction::Up
    )
}

/// The bend limits of issue #8: no edge over 6 bends, at most 1.5 per edge.
fn assert_bends_within_limits(name: &str, r: &cloudgram::layout::stats::Readability) {
    assert!(
        r.bends_max <= 6,
        "{name}: an edge with {} bends",
        r.bends_max
    );
    assert!(
        r.bends_mean <= 1.5,
        "{name}: {:.2} bends per edge",
        r.bends_mean
    );
}

/// Crossings of the best peer drawing (D2 with ELK or dagre, Graphviz dot)
/// of each example's graph, from issue #8.
const PEER_CROSSINGS: [(&str, usize); 11] = [
    ("hybrid-cloud", 0),
    ("korean-shop", 5),
    ("kubernetes", 2),
    ("microservices", 29),
    ("microservices-after", 11),
    ("microservices-before", 3),
    ("mlops", 10),
    ("rag-chatbot", 0),
    ("three-tier", 6),
    ("three-tier-after", 1),
    ("three-tier-before", 0),
];

/// Examples still over their peer's crossings, with today's figure as a
/// ceiling: the test fails when one gets worse, and when one meets its
/// peer (then it leaves this list, and the list only shrinks).
const CROSSINGS_OVER: [(&str, usize); 1] = [("korean-shop", 7)];

/// Examples with edges still squeezed beside a container's border (nearer
/// than 12 px outside it: a second border), where the line across the page
/// that would open the gap runs through a component elsewhere: in
/// three-tier-after, Web A -> Secrets Manager runs 8 px left of AZ a, and
/// the shoppers' box and CloudFront stand across that line at the top.
/// The test fails when one gets better too (the list only shrinks).
const SQUEEZED: [(&str, usize); 1] = [("three-tier-after", 1)];

/// The limits of issue #8 that every example meets today, pinned so that
/// they stay met: no caption far from its edge or nearer another edge, no
/// shared lane, no edge along a border, no stacked sibling zones, no
/// misaligned tiers, no arrowhead under a replica stack, no edge with more
/// than 6 bends, and at most 1.5 bends per edge, no staircase jog, no arrow
/// from beside another box, no caption on a fan-out sibling's branch, a
/// page of at most 3:1 for 8 boxes or more, and
/// crossings at most the best peer's but for the examples in
/// [`CROSSINGS_OVER`], which may not get worse. What is not met yet is
/// listed in the README.
#[test]
fn every_example_meets_the_limits_that_hold_today() {
    let files = common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr");
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let arch = compile_str("x", &text).arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        let vertical = flows_vertically(&arch);
        let r = readability(&scene, vertical);
        assert_eq!(r.labels_far, 0, "{name}");
        assert_eq!(r.labels_ambiguous, 0, "{name}");
        assert_eq!(r.shared_lanes, 0, "{name}");
        assert_eq!(r.sites_stacked, 0, "{name}");
        assert_eq!(r.tiers_misaligned, 0, "{name}");
        assert_eq!(r.hidden_arrowheads, 0, "{name}");
        assert_eq!(r.borders_hugged, 0, "{name}: edges along a border");
        let squeezed = SQUEEZED.iter().find(|p| p.0 == name).map_or(0, |p| p.1);
        assert_eq!(
            borders_squeezed(&scene),
            squeezed,
            "{name}: edges squeezed beside a border; update SQUEEZED"
        );
        assert_eq!(r.jogs, 0, "{name}: staircase jogs");
        assert_eq!(r.arrows_beside, 0, "{name}: arrows from beside another box");
        assert_eq!(
            r.out_and_back, 0,
            "{name}: edges out of a container holding both ends and back"
        );
        assert_eq!(
            r.labels_on_branch, 0,
            "{name}: captions on a sibling's branch"
        );
        if r.boxes >= 8 {
            assert!(r.aspect <= 3.0 + 1e-9, "{name}: aspect {:.2}", r.aspect);
        }
        let peer = PEER_CROSSINGS.iter().find(|p| p.0 == name).map(|p| p.1);
        let peer = peer.unwrap_or_else(|| panic!("{name}: add its peer figure to PEER_CROSSINGS"));
        match CROSSINGS_OVER.iter().find(|p| p.0 == name) {
            Some(&(_, now)) => assert!(
                peer < r.crossings && r.crossings <= now,
                "{name}: {} crossings (peer {peer}, ceiling {now}); update CROSSINGS_OVER",
                r.crossings
            ),
            None => assert!(
                r.crossings <= peer,
                "{name}: {} crossings, more than the best peer's {peer}",
                r.crossings
            ),
        }
        assert_bends_within_limits(&name, &r);
    }
}

/// A long flow fills a page: two parallel chains of eight steps, drawn
/// left to right, would be a strip of about 8:1; the boxes move apart
/// across the flow until the page is at most 3:1. One chain alone has no
/// gap to widen: it is wrapped into rows instead.
#[test]
fn a_long_flow_of_several_lanes_fills_a_page() {
    let lanes = |n: usize| {
        let mut text = String::from("direction right\n");
        for lane in 0..n {
            for step in 0..8 {
                text.push_str(&format!("service s{lane}_{step} \"Step {step}\"\n"));
            }
            let chain: Vec<String> = (0..8).map(|step| format!("s{lane}_{step}")).collect();
            text.push_str(&format!("{}\n", chain.join(" -> ")));
        }
        let arch = compile_str("x", &text).arch.expect("compiles");
        let scene = cloudgram::layout::layout(&arch);
        let rows = scene
            .nodes
            .iter()
            .map(|n| n.y.to_bits())
            .collect::<std::collections::BTreeSet<_>>();
        (readability(&scene, false).aspect, rows.len())
    };
    let (two, rows) = lanes(2);
    assert!(two <= 3.0 + 1e-9, "aspect {two:.2}");
    assert_eq!(rows, 2, "two lanes widen, they do not wrap");
    let (one, rows) = lanes(1);
    assert!(one <= 3.0 + 1e-9, "aspect {one:.2}");
    assert!(rows > 1, "one lane wraps into rows");
}

/// A chain of `n` services in `direction`, at the top level or inside a
/// region and a VPC, its edges captioned or not.
fn chain(n: usize, direction: &str, nested: bool, captions: bool) -> String {
    let mut text = format!("title \"A chain of {n}\"\ndirection {direction}\n");
    if nested {
        text.push_str("region r \"Seoul\" {\n vpc v \"Prod VPC\" {\n");
    }
    for i in 0..n {
        text.push_str(&format!("service s{i} \"Service {i}\"\n"));
    }
    if nested {
        text.push_str(" }\n}\n");
    }
    for i in 1..n {
        let caption = if captions {
            format!(" : \"step {i}\"")
        } else {
            String::new()
        };
        text.push_str(&format!("s{} -> s{i}{caption}\n", i - 1));
    }
    text
}

/// Designs nobody tuned for: long chains in every direction, at the top
/// level and inside a region and a VPC, with captions and without, and a
/// pipeline of stages. Each is wrapped into a page of at most 3:1, keeps
/// the geometric contract, and meets the limits of issue #8: no staircase
/// jog, no edge over 6 bends, at most 1.5 bends per edge, no caption far
/// from its edge or nearer another, no hidden arrowhead, no shared lane; a
/// chain wrapped has no crossing.
#[test]
fn long_flows_wrap_into_a_page() {
    let mut designs = Vec::new();
    for direction in ["down", "right", "up", "left"] {
        for (n, nested, captions) in [(12, false, false), (40, false, true), (14, true, true)] {
            let name = format!("chain of {n} {direction}, nested {nested}, captions {captions}");
            designs.push((name, chain(n, direction, nested, captions), true));
        }
    }
    let mut stages = String::from("direction right\n");
    for g in 0..6 {
        stages.push_str(&format!(
            "group g{g} \"Stage {g}\" {{\n service a{g} \"Worker {g}a\"\n service b{g} \"Worker {g}b\"\n}}\n"
        ));
    }
    for g in 0..5 {
        stages.push_str(&format!("a{g}, b{g} -> a{}\nb{g} -> b{}\n", g + 1, g + 1));
    }
    designs.push(("six stages of two workers".into(), stages, false));
    for (name, text, straight) in designs {
        let arch = compile_str("x", &text).arch.expect("compiles");
        let scene = cloudgram::layout::layout(&arch);
        common::assert_scene_is_sound(&scene, common::LAYERED);
        let vertical = flows_vertically(&arch);
        let r = readability(&scene, vertical);
        assert!(r.aspect <= 3.0 + 1e-9, "{name}: aspect {:.2}", r.aspect);
        assert_eq!(r.jogs, 0, "{name}: staircase jogs");
        assert_bends_within_limits(&name, &r);
        assert_eq!(r.labels_far + r.labels_ambiguous, 0, "{name}: captions");
        assert_eq!(r.hidden_arrowheads, 0, "{name}");
        assert_eq!(r.shared_lanes, 0, "{name}");
        assert_eq!(r.borders_hugged, 0, "{name}: edges along a border");
        if straight {
            assert_eq!(r.crossings, 0, "{name}: crossings");
        }
    }
}

/// Sibling zones and the subnets of one tier across them start level even
/// when one of them nests more containers than the other (a group of
/// services in `priv_a`, nothing in `priv_b`): each opens with the border
/// room of the deepest of its tier.
#[test]
fn zones_and_tiers_start_level_whatever_they_nest() {
    let body = r#"
client users
region region "Region" {
  sqs queue
  vpc vpc "VPC" {
    alb lb
    az az_a "AZ a" {
      subnet pub_a "Public a" [public] { nat nat_0 }
      subnet priv_a "Private a" {
        group svc0 "Service 0" {
          service svc0_0
          service svc0_1
          rds svc0_db
        }
      }
    }
    az az_b "AZ b" {
      subnet pub_b "Public b" [public] { nat nat_1 }
      subnet priv_b "Private b" { }
    }
  }
}
users -> lb
lb -> svc0_0
svc0_0 -> svc0_db
svc0_1 -> svc0_db
svc0_0 ~> queue
"#;
    for direction in ["right", "down"] {
        let text = format!("direction {direction}\n{body}");
        let arch = compile_str("x", &text).arch.expect("compiles");
        let scene = cloudgram::layout::layout(&arch);
        let start = |id: &str| {
            let c = scene.containers.iter().find(|c| c.id == id).unwrap();
            if direction == "down" { c.y } else { c.x }
        };
        assert!(
            (start("az_a") - start("az_b")).abs() < 0.5,
            "{direction}: zones"
        );
        assert!(
            (start("priv_a") - start("priv_b")).abs() < 0.5,
            "{direction}: private tier"
        );
        let r = readability(&scene, direction == "down");
        assert_eq!((r.sites_stacked, r.tiers_misaligned), (0, 0), "{direction}");
    }
}

/// The limits hold on designs nobody tuned the layout for: the lint rules'
/// fixtures (small designs written to make one rule fire or stay quiet,
/// 146 of them) meet every limit the examples meet, crossings aside.
#[test]
fn designs_nobody_tuned_for_meet_the_limits() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint");
    let mut drawn = 0;
    for path in common::files(dir, "cgr") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let Some(arch) = compile_str("x", &text).arch else {
            continue;
        };
        let scene = cloudgram::layout::layout(&arch);
        let r = readability(&scene, flows_vertically(&arch));
        assert_eq!(r.jogs, 0, "{name}: staircase jogs");
        assert_eq!(
            (
                r.labels_far,
                r.labels_ambiguous,
                r.labels_on_branch,
                r.hidden_arrowheads
            ),
            (0, 0, 0, 0),
            "{name}: captions, arrowheads"
        );
        assert_eq!(
            (
                r.sites_stacked,
                r.tiers_misaligned,
                r.shared_lanes,
                r.borders_hugged
            ),
            (0, 0, 0, 0),
            "{name}: zones, tiers, lanes, borders"
        );
        if r.boxes >= 8 {
            assert!(r.aspect <= 3.0, "{name}: aspect {:.2}", r.aspect);
        }
        assert_bends_within_limits(&name, &r);
        drawn += 1;
    }
    assert!(drawn >= 100, "only {drawn} fixtures compiled");
}

/// A dense mesh nobody tuned the layout for (`generate --leaves 30`:
/// services calling random services in both zones, 56 edges) stays on one
/// grid: the one-grid engine used to give up on it and leave it to the
/// per-container engine, which drew 7.25 bends per edge and 67 jogs. Its
/// zones stand in their declared order across the flow (AZ a above AZ b,
/// the flow running right), and it meets the limits of bends and jogs.
#[test]
fn a_dense_mesh_stays_on_one_grid() {
    use cloudgram::generate::{Format, synthetic};
    use cloudgram::layout::{Timings, global::Global};
    let src = synthetic(30, 7, Format::Cgr);
    let arch = compile_str("gen.cgr", &src).arch.unwrap();
    assert!(arch.edges.len() > 40, "a dense mesh: {}", arch.edges.len());
    let scene = Global
        .try_layout(&arch, &mut Timings::default())
        .expect("the one-grid engine draws the mesh");
    common::assert_scene_is_sound(&scene, common::LAYERED);
    let r = readability(&scene, flows_vertically(&arch));
    assert_bends_within_limits("generate --leaves 30", &r);
    assert_eq!(r.jogs, 0, "staircase jogs");
    assert_eq!(r.sites_stacked, 0);
    let top = |id: &str| scene.containers.iter().find(|c| c.id == id).unwrap().y;
    assert!(
        top("az_a") < top("az_b"),
        "AZ a comes first across the flow"
    );
}

/// Synthetic designs of several sizes and seeds (`cloudgram generate`:
/// zones, subnets, services calling one another, databases, a cache and a
/// queue) meet the limits of bends and jogs, keep their zones side by side
/// and their tier subnets aligned (in `--seed 4` of 25 leaves an edge runs
/// from AZ b's private subnet into AZ a's), keep their edges apart and off
/// container borders, and keep the contract. In `--seed 2` of 16 leaves,
/// `--seed 3` of 20 and `--seed 5` of 25, the load balancer was drawn
/// beside the zones it feeds, its edges round the outside of the canvas or
/// along the VPC's border.
#[test]
fn generated_designs_meet_the_limits() {
    use cloudgram::generate::{Format, synthetic};
    let designs = [
        (12, 1),
        (16, 2),
        (16, 3),
        (20, 1),
        (20, 3),
        (20, 5),
        (25, 4),
        (25, 5),
    ];
    for (leaves, seed) in designs {
        let name = format!("generate --leaves {leaves} --seed {seed}");
        let src = synthetic(leaves, seed, Format::Cgr);
        let arch = compile_str("gen.cgr", &src).arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        common::assert_scene_is_sound(&scene, common::LAYERED);
        let r = readability(&scene, flows_vertically(&arch));
        assert_bends_within_limits(&name, &r);
        assert_eq!(r.jogs, 0, "{name}: staircase jogs");
        assert_eq!((r.sites_stacked, r.tiers_misaligned), (0, 0), "{name}");
        assert_eq!((r.shared_lanes, r.borders_hugged), (0, 0), "{name}");
        // In `--seed 3` of 16 leaves the load balancer's edge runs 11 px
        // above a subnet, and the line that would open the gap runs
        // through the users' box and the load balancer's own.
        let squeezed = usize::from((leaves, seed) == (16, 3));
        assert_eq!(
            borders_squeezed(&scene),
            squeezed,
            "{name}: squeezed beside a border"
        );
    }
}

/// The page fits the drawing: boxes start on the margin (below the title
/// band where there is a title), routes and captions keep half the margin
/// from the canvas's edges and stay below the title, and the canvas ends a
/// margin past what it holds. A detour round the outside used to move
/// the drawing down or right for good, though a later pass routed it
/// inside again (`--leaves 15 --seed 1`: an empty band of 406 px under
/// the title; `--seed 3` of 25: 103 px), and a route a later pass took
/// round the outside could run on the canvas's edge or past it (`--leaves
/// 30 --seed 1`, `--leaves 40 --seed 1`: 12 px off the page).
#[test]
fn every_drawing_fills_its_page() {
    use cloudgram::generate::{Format, synthetic};
    use cloudgram::scene::metrics::{DIAGRAM_TITLE_BAND, DIAGRAM_TITLE_FONT, MARGIN};
    let mut designs: Vec<(String, String)> =
        common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr")
            .into_iter()
            .map(|p| {
                let name = p.file_stem().unwrap().to_string_lossy().to_string();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
    for (leaves, seed) in [(15, 1), (25, 3), (30, 1), (40, 1)] {
        let name = format!("generate --leaves {leaves} --seed {seed}");
        designs.push((name, synthetic(leaves, seed, Format::Cgr)));
    }
    for (name, src) in designs {
        let arch = compile_str("x.cgr", &src).arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        let top = if scene.title.is_some() {
            MARGIN + DIAGRAM_TITLE_BAND
        } else {
            MARGIN
        };
        // Below the title's band (its text and rule), across the page.
        let floor = if scene.title.is_some() {
            53.0
        } else {
            MARGIN / 2.0
        };
        // How far the drawing stands off its margins, left and top: boxes
        // keep the margin, routes and captions half of it.
        let mut slack = [f64::INFINITY; 2];
        let mut far = [0.0f64; 2];
        for b in scene.boxes() {
            slack = [slack[0].min(b.x - MARGIN), slack[1].min(b.y - top)];
            far = [far[0].max(b.x + b.width), far[1].max(b.y + b.height)];
        }
        for e in &scene.edges {
            let mut reach = e.points.clone();
            if let Some(r) = e.caption_box() {
                reach.extend([[r.left, r.top], [r.right, r.bottom]]);
            }
            for p in reach {
                slack = [
                    slack[0].min(p[0] - MARGIN / 2.0),
                    slack[1].min(p[1] - floor),
                ];
                far = [far[0].max(p[0]), far[1].max(p[1])];
                let inside =
                    p[0] <= scene.width - MARGIN / 2.0 && p[1] <= scene.height - MARGIN / 2.0;
                assert!(inside, "{name}: {} -> {} reaches {p:?}", e.from, e.to);
            }
        }
        assert!(
            slack.iter().all(|&s| (0.0..1.0).contains(&s)),
            "{name}: the drawing stands {slack:?} off its margins"
        );
        let title_w = scene.title.as_deref().map_or(0.0, |t| {
            cloudgram::text::text_width(t, DIAGRAM_TITLE_FONT, true)
        });
        let wide = (far[0] + MARGIN).max(title_w + 2.0 * MARGIN).ceil();
        assert!(
            scene.width <= wide + 0.5,
            "{name}: {} wide for a drawing that ends at {}",
            scene.width,
            far[0]
        );
        assert!(
            scene.height <= (far[1] + MARGIN).ceil() + 0.5,
            "{name}: {} high for a drawing that ends at {}",
            scene.height,
            far[1]
        );
    }
}

/// The centre of the zones `ids` across the flow (x: the flow runs down),
/// and of box `id`.
fn centres(scene: &cloudgram::scene::Scene, id: &str, zones: &[&str]) -> (f64, f64) {
    let zone = |z: &str| scene.containers.iter().find(|c| c.id == z).unwrap();
    let left = zones
        .iter()
        .map(|z| zone(z).x)
        .fold(f64::INFINITY, f64::min);
    let right = zones
        .iter()
        .map(|z| zone(z).x + zone(z).width)
        .fold(f64::NEG_INFINITY, f64::max);
    let b = scene.find(id).unwrap();
    (b.x + b.width / 2.0, (left + right) / 2.0)
}

/// Two zones under a load balancer that spans them, a web server and a
/// database in each, the databases joined by replication.
const TWO_ZONES: &str = r#"direction down
client users
vpc v "VPC" {
    alb lb "ALB" [azs: [a, b]]
    az a "AZ a" {
        subnet pa "Public a" [public] { nat na }
        subnet aa "App a" { ec2 w1 "Web 1" }
        subnet da "Data a" { rds db1 "DB primary" }
    }
    az b "AZ b" {
        subnet pb "Public b" [public] { nat nb }
        subnet ab "App b" { ec2 w2 "Web 2" }
        subnet db "Data b" { rds db2 "DB standby" }
    }
}
users -> lb
lb -> w1, w2
w1, w2 -> db1
db1 -- db2
"#;

/// An element at VPC level whose `azs` names sibling zones sits centred
/// across them, as cloud diagrams draw a load balancer over its zones
/// (issue #8): a balancer feeding a web server in each zone, and
/// three-tier's public load balancer. Before, each stood over the first
/// zone, where its first edge ran straight. Centring is a preference: the
/// declared order is also finished without it, and wins where centring
/// costs a flaw (three-tier-after: the line from CloudFront would have
/// started beside the WAF).
#[test]
fn an_element_spanning_zones_sits_centred_across_them() {
    let shop = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/three-tier.cgr"
    ))
    .unwrap();
    for (name, text, id, zones) in [
        ("two zones", TWO_ZONES.to_string(), "lb", ["a", "b"]),
        ("three-tier", shop, "public_alb", ["az_a", "az_b"]),
    ] {
        let arch = compile_str("x.cgr", &text).arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        let (at, middle) = centres(&scene, id, &zones);
        assert!(
            (at - middle).abs() < 1.0,
            "{name}: {id} at {at}, the zones' middle at {middle}"
        );
    }
}

/// A replication link between two zones' databases, where nothing of the
/// VPC lies below the zones: it runs under the zones but inside the VPC.
/// Before, it ran in the channel under the VPC's bottom border and read as
/// a link that leaves the VPC (issue #8: edges a person would draw). With
/// nothing between the databases it runs straight, and the VPC keeps no
/// band for it.
#[test]
fn a_replication_link_between_zones_stays_in_their_vpc() {
    // The zones' databases with a shared file system between them.
    let src = TWO_ZONES.replace(
        "\n}\nusers",
        "\n    efs files \"Shared files\" [azs: [a, b]]\n}\nusers",
    ) + "w1, w2 -> files\n";
    assert!(src.contains("efs files"), "{src}");
    for direction in ["down", "right"] {
        let text = src.replace("direction down", &format!("direction {direction}"));
        let arch = compile_str("x.cgr", &text).arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        let r = readability(&scene, direction == "down");
        assert_eq!(r.out_and_back, 0, "direction {direction}");
        let link = scene.edges.iter().find(|e| e.from == "db1").unwrap();
        let vpc = scene.find("v").unwrap().rect();
        assert!(
            link.points
                .iter()
                .all(|p| vpc.holds(cloudgram::geometry::Point::new(p[0], p[1]))),
            "direction {direction}: {:?} leaves {vpc:?}",
            link.points
        );
    }
    // With nothing between the databases the link runs straight across,
    // and the VPC keeps no room for it under the zones.
    let arch = compile_str("x.cgr", TWO_ZONES).arch.unwrap();
    let scene = cloudgram::layout::layout(&arch);
    let link = scene.edges.iter().find(|e| e.from == "db1").unwrap();
    assert_eq!(link.points.len(), 2, "straight: {:?}", link.points);
    let bottom = |id: &str| scene.find(id).unwrap().rect().bottom;
    let pad = cloudgram::scene::metrics::PADDING;
    assert!(
        bottom("v") - bottom("a").max(bottom("b")) <= pad + 0.5,
        "VPC bottom {} under zones at {}",
        bottom("v"),
        bottom("a")
    );
}

/// The order of siblings, pair by pair: for two children of one container
/// (or of the top level) that share a stretch across the flow, which comes
/// first along it; for two that share a stretch along it, which comes
/// first across it (x, then y). Pairs that share neither are not ordered.
fn sibling_orders(scene: &Scene) -> std::collections::BTreeMap<(String, String, String), [i8; 2]> {
    let boxes: Vec<&SceneBox> = scene.nodes.iter().chain(&scene.containers).collect();
    let mut out = std::collections::BTreeMap::new();
    for a in &boxes {
        for b in &boxes {
            if a.parent != b.parent || a.id >= b.id {
                continue;
            }
            let (ra, rb) = (a.rect(), b.rect());
            let share_x = ra.right.min(rb.right) > ra.left.max(rb.left);
            let share_y = ra.bottom.min(rb.bottom) > ra.top.max(rb.top);
            let first = |p: f64, q: f64| if p < q { 1 } else { -1 };
            let by_x = if share_y { first(ra.left, rb.left) } else { 0 };
            let by_y = if share_x { first(ra.top, rb.top) } else { 0 };
            let parent = a.parent.clone().unwrap_or_default();
            out.insert((parent, a.id.clone(), b.id.clone()), [by_x, by_y]);
        }
    }
    out
}

/// Sibling pairs whose order differs between two drawings, in containers
/// `keep` accepts (by id; "" is the top level).
fn reordered(before: &Scene, after: &Scene, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let now = sibling_orders(after);
    sibling_orders(before)
        .into_iter()
        .filter(|(k, _)| keep(&k.0))
        .filter_map(|(k, was)| {
            let is = now.get(&k)?;
            let flipped = (0..2).any(|i| was[i] * is[i] < 0);
            flipped.then(|| format!("{} / {} in {:?}", k.1, k.2, k.0))
        })
        .collect()
}

/// Stable (issue #8): adding one service to a container, with an edge from
/// one of its components, does not reorder the siblings of containers that
/// have no edge to it (and do not hold it or lie in it), on the examples
/// with zones, sites and groups. The measure sees a swap: two services of
/// a group drawn the other way round count.
#[test]
fn adding_a_service_keeps_unrelated_containers_in_order() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    // The measure itself: two boxes of one container trading places.
    let text = std::fs::read_to_string(format!("{dir}/three-tier.cgr")).unwrap();
    let arch = compile_str("x", &text).arch.unwrap();
    let base = cloudgram::layout::layout(&arch);
    let mut swapped = base.clone();
    let n = base.nodes.len();
    let (i, j) = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .find(|&(i, j)| {
            base.nodes[i].parent.is_some() && base.nodes[i].parent == base.nodes[j].parent
        })
        .expect("two components share a container");
    let (pi, pj) = (
        (swapped.nodes[i].x, swapped.nodes[i].y),
        (swapped.nodes[j].x, swapped.nodes[j].y),
    );
    (swapped.nodes[i].x, swapped.nodes[i].y) = pj;
    (swapped.nodes[j].x, swapped.nodes[j].y) = pi;
    assert!(
        !reordered(&base, &swapped, |_| true).is_empty(),
        "a swap is seen"
    );

    for name in ["three-tier", "hybrid-cloud", "kubernetes", "microservices"] {
        let text = std::fs::read_to_string(format!("{dir}/{name}.cgr")).unwrap();
        let arch = compile_str("x", &text).arch.unwrap();
        let base = cloudgram::layout::layout(&arch);
        // The first and the last container that holds a component.
        let holders: Vec<&SceneBox> = base
            .containers
            .iter()
            .filter(|c| {
                base.nodes
                    .iter()
                    .any(|n| n.parent.as_deref() == Some(&c.id))
            })
            .collect();
        for c in [holders[0], holders[holders.len() - 1]] {
            let member = base
                .nodes
                .iter()
                .find(|n| n.parent.as_deref() == Some(&c.id))
                .unwrap();
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            let at = lines
                .iter()
                .position(|l| {
                    let words: Vec<&str> = l.split_whitespace().collect();
                    words.len() >= 2 && words[1] == c.id && l.trim_end().ends_with('{')
                })
                .unwrap_or_else(|| panic!("{name}: {} opens on a line", c.id));
            lines.insert(at + 1, "service zz_new \"Added service\"".to_string());
            lines.push(format!("{} -> zz_new", member.id));
            let arch2 = compile_str("x", &lines.join("\n")).arch.unwrap();
            let after = cloudgram::layout::layout(&arch2);
            // Containers and the top level with no tie to the changed one.
            let within = |id: &str, outer: &str| {
                let mut cur = Some(id.to_string());
                while let Some(x) = cur {
                    if x == outer {
                        return true;
                    }
                    cur = base.find(&x).and_then(|b| b.parent.clone());
                }
                false
            };
            let unrelated = |d: &str| {
                !d.is_empty()
                    && !within(d, &c.id)
                    && !within(&c.id, d)
                    && !base.edges.iter().any(|e| {
                        (within(&e.from, d) && within(&e.to, &c.id))
                            || (within(&e.from, &c.id) && within(&e.to, d))
                    })
            };
            let moved = reordered(&base, &after, unrelated);
            assert!(
                moved.is_empty(),
                "{name}, a service added in {}: {moved:?}",
                c.id
            );
        }
    }
}
