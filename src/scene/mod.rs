//! The scene: a positioned, renderer-neutral diagram — the contract between
//! layout and rendering, and the `render --format json` output of the spec.
//! Coordinates are SVG user units, origin top-left, y downwards. Everything
//! a renderer draws is decided here: typed kinds, categories and operators,
//! each box's icon, each edge's caption lines, and the [`metrics`] text and
//! icons are drawn at.

pub mod badges;
mod junctions;
pub mod metrics;

use crate::geometry::{Rect, Size};
use crate::model::catalog::{self, Tag};
pub use crate::model::catalog::{Category, KindInfo};
pub use crate::syntax::EdgeOp;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// A laid-out diagram.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scene {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// The diagram's title, drawn above everything.
    pub title: Option<String>,
    /// Components, in declaration order.
    pub nodes: Vec<SceneNode>,
    /// Containers, in declaration order (outer before inner).
    pub containers: Vec<SceneBox>,
    /// Edges, in source order.
    pub edges: Vec<SceneEdge>,
}

/// A component's box.
pub type SceneNode = SceneBox;

/// A positioned box: a component or a container.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SceneBox {
    /// The element's ID.
    pub id: String,
    /// Its kind (serialized as the canonical name).
    #[serde(serialize_with = "kind_name")]
    pub kind: &'static KindInfo,
    /// Its kind's category (sets colour and icon).
    pub category: Category,
    /// The text drawn (the label, or the ID); may hold `\n`.
    pub label: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The enclosing container's ID, or null.
    pub parent: Option<String>,
    /// Every attribute as written, known or not.
    pub attrs: Map<String, Value>,
    /// What its icon shows.
    #[serde(skip)]
    pub icon: Icon,
}

/// What a box's icon shows, decided when the scene is built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Icon {
    /// A kind's icon: the box's own kind, or the one its `icon` attribute names.
    Kind(&'static KindInfo),
    /// A public subnet's: a globe instead of a lock.
    PublicSubnet,
}

impl Icon {
    /// The icon of a box of `kind` with `attrs`: the kind its `icon`
    /// attribute names, else a public subnet's globe, else its own kind's.
    pub fn of(kind: &'static KindInfo, attrs: &Map<String, Value>) -> Icon {
        let chosen = attrs
            .get("icon")
            .and_then(Value::as_str)
            .and_then(catalog::lookup);
        let public = attrs.get("public").and_then(Value::as_bool) == Some(true);
        match chosen {
            Some(k) => Icon::Kind(k),
            None if public && kind.is(Tag::Subnet) => Icon::PublicSubnet,
            None => Icon::Kind(kind),
        }
    }
}

/// What an edge's caption reads, decided when the scene is built.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Caption {
    /// The label's lines (wrapped), then the protocol line (`HTTPS :443`).
    pub lines: Vec<String>,
    /// How many of the lines are the label's; the rest are drawn muted.
    pub label_lines: usize,
}

impl Caption {
    /// A caption of `lines`, the first `label_lines` of them the label's.
    pub fn new(lines: Vec<String>, label_lines: usize) -> Caption {
        Caption { lines, label_lines }
    }
}

/// A routed edge.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SceneEdge {
    /// Source element ID.
    pub from: String,
    /// Target element ID.
    pub to: String,
    /// The operator (serialized as written: `->`, `~>`, `<->` or `--`).
    #[serde(serialize_with = "op_text")]
    pub op: EdgeOp,
    /// The edge's label, if any.
    pub label: Option<String>,
    /// The drawn path, from the border of `from` to the border of `to`.
    pub points: Vec<[f64; 2]>,
    /// Centre of the label's box, when there is a label.
    pub label_pos: Option<[f64; 2]>,
    /// Every attribute as written.
    pub attrs: Map<String, Value>,
    /// The edge is part of a fan-in drawn as one trunk whose members read
    /// the same caption, and another member draws it (once, on the trunk).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub caption_shared: bool,
    /// What its caption reads (empty without a label or a protocol).
    #[serde(skip)]
    pub caption_text: Caption,
}

fn kind_name<S: Serializer>(kind: &&'static KindInfo, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name)
}

fn op_text<S: Serializer>(op: &EdgeOp, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(op.as_str())
}

impl SceneEdge {
    /// The edge's arrowheads: each tip, the point the arrow comes from and
    /// the box it points at (the `to` end of a directed edge, then the
    /// `from` end of `<->`; none for `--` or a route of one point).
    pub fn heads(&self) -> impl Iterator<Item = ([f64; 2], [f64; 2], &str)> {
        let p = &self.points;
        let n = p.len();
        let end =
            (n >= 2 && self.op != EdgeOp::Assoc).then(|| (p[n - 1], p[n - 2], self.to.as_str()));
        let start = (n >= 2 && self.op == EdgeOp::Both).then(|| (p[0], p[1], self.from.as_str()));
        end.into_iter().chain(start)
    }

    /// What the edge's caption reads (label lines, then the protocol line),
    /// and how many lines are the label's: what layout made room for.
    /// Nothing when a sibling draws it ([`SceneEdge::caption_shared`]).
    pub fn caption(&self) -> (Vec<String>, usize) {
        if self.caption_shared {
            return (Vec::new(), 0);
        }
        self.own_caption()
    }

    /// What the edge's caption reads, whoever draws it.
    pub fn own_caption(&self) -> (Vec<String>, usize) {
        (
            self.caption_text.lines.clone(),
            self.caption_text.label_lines,
        )
    }

    /// The centre of the caption: its slot, or the middle of the edge when
    /// it has none.
    pub fn caption_centre(&self) -> [f64; 2] {
        self.label_pos
            .unwrap_or_else(|| crate::geometry::midpoint(&self.points))
    }

    /// Where the caption is drawn: around its slot, or the middle of the
    /// edge when it has none. None without a caption.
    pub fn caption_box(&self) -> Option<Rect> {
        let lines = &self.caption_text.lines;
        if self.caption_shared || lines.is_empty() {
            return None;
        }
        let (w, h) = metrics::edge_label_box(lines);
        Some(Rect::around(self.caption_centre().into(), Size::new(w, h)))
    }
}

impl SceneBox {
    /// Whether it is drawn as a stack of instances (more than one replica).
    pub fn stacked(&self) -> bool {
        match self.attrs.get("replicas") {
            Some(Value::Number(n)) => n.as_i64().is_some_and(|n| n > 1),
            Some(Value::Object(range)) => range
                .get("max")
                .and_then(Value::as_i64)
                .is_some_and(|m| m > 1),
            _ => false,
        }
    }

    /// The box's rectangle.
    pub fn rect(&self) -> Rect {
        Rect::new(self.x, self.y, self.width, self.height)
    }
}

/// How far each card behind a replica stack is moved from the one before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Rightwards.
    pub dx: f64,
    /// Downwards.
    pub dy: f64,
}

impl Scene {
    /// Every box, containers then nodes.
    pub fn boxes(&self) -> impl Iterator<Item = &SceneBox> {
        self.containers.iter().chain(self.nodes.iter())
    }

    /// The box of an element.
    pub fn find(&self, id: &str) -> Option<&SceneBox> {
        self.boxes().find(|b| b.id == id)
    }

    /// Every kind drawn, in catalog order.
    pub fn kinds(&self) -> Vec<&'static KindInfo> {
        let used: BTreeSet<&str> = self.boxes().map(|b| b.kind.name).collect();
        catalog::KINDS
            .iter()
            .filter(|k| used.contains(k.name))
            .collect()
    }

    /// Where arrowheads are drawn: each tip with the point the arrow comes
    /// from (the `to` end of every directed edge, both ends of `<->`).
    pub fn arrow_tips(&self) -> Vec<([f64; 2], [f64; 2])> {
        self.edges
            .iter()
            .flat_map(|e| e.heads().map(|(tip, from, _)| (tip, from)))
            .collect()
    }

    /// The step from a stacked component to each card behind it: the cards
    /// peek out at the corner whose two sides receive the fewest arrowheads,
    /// so that no arrowhead hides under them. None when not stacked.
    pub fn stack_step(&self, b: &SceneBox, tips: &[([f64; 2], [f64; 2])]) -> Option<Step> {
        if !b.stacked() {
            return None;
        }
        let r = b.rect();
        let count = |sides: [usize; 2]| {
            tips.iter()
                .filter(|(p, _)| sides.iter().any(|&s| badges::on_side(&r, *p, s)))
                .count()
        };
        // Up-right first: the look of a stack of cards. Where arrowheads
        // reach every corner, the cards peek out of one side only.
        [
            ((4.0, -4.0), [0, 1]),
            ((4.0, 4.0), [2, 1]),
            ((-4.0, -4.0), [0, 3]),
            ((-4.0, 4.0), [2, 3]),
            ((0.0, -4.0), [0, 0]),
            ((4.0, 0.0), [1, 1]),
            ((0.0, 4.0), [2, 2]),
            ((-4.0, 0.0), [3, 3]),
        ]
        .into_iter()
        .min_by_key(|(_, sides)| count(*sides))
        .map(|((dx, dy), _)| Step { dx, dy })
    }

    /// Moves the whole drawing by `dx` across and `dy` down: boxes, routes
    /// and caption slots (not the canvas's size).
    pub fn shift(&mut self, dx: f64, dy: f64) {
        for b in self.nodes.iter_mut().chain(self.containers.iter_mut()) {
            b.x += dx;
            b.y += dy;
        }
        for e in &mut self.edges {
            for p in e.points.iter_mut().chain(e.label_pos.iter_mut()) {
                p[0] += dx;
                p[1] += dy;
            }
        }
    }

    /// Rounds every coordinate to 1/100 unit so output is stable across platforms.
    pub fn round(&mut self) {
        fn r(v: &mut f64) {
            *v = (*v * 100.0).round() / 100.0;
            if *v == 0.0 {
                *v = 0.0; // no "-0.0"
            }
        }
        r(&mut self.width);
        r(&mut self.height);
        for b in self.nodes.iter_mut().chain(self.containers.iter_mut()) {
            r(&mut b.x);
            r(&mut b.y);
            r(&mut b.width);
            r(&mut b.height);
        }
        for e in &mut self.edges {
            for p in e.points.iter_mut().chain(e.label_pos.iter_mut()) {
                r(&mut p[0]);
                r(&mut p[1]);
            }
        }
    }

    /// The scene as pretty JSON (the `render --format json` output).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scene always serializes") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene_of(src: &str) -> Scene {
        let c = crate::compile::compile_str("t.cgr", src);
        crate::layout::layout(&c.arch.expect("compiles"))
    }

    /// Typed inside, the words of the spec outside: the JSON shape of
    /// `render --format json` does not change with the types.
    #[test]
    fn the_json_writes_kinds_categories_and_operators_as_words() {
        let scene = scene_of("ec2 web\nrds db\nweb ~> db : \"orders\" [protocol: sql, port: 5432]");
        let json = scene.to_json();
        let web = &json[json.find("\"nodes\"").unwrap()..json.find("\"containers\"").unwrap()];
        let keys = [
            "\"id\"",
            "\"kind\"",
            "\"category\"",
            "\"label\"",
            "\"x\"",
            "\"y\"",
            "\"width\"",
            "\"height\"",
            "\"parent\"",
            "\"attrs\"",
        ];
        let at: Vec<usize> = keys.iter().map(|k| web.find(k).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{web}");
        assert!(web.contains("\"kind\": \"ec2\"") && web.contains("\"category\": \"compute\""));
        assert!(json.contains("\"op\": \"~>\""), "{json}");
        assert!(
            !json.contains("icon") && !json.contains("caption_text"),
            "{json}"
        );
    }

    /// What render draws is decided with the scene: the caption's lines and
    /// the icon's kind.
    #[test]
    fn captions_and_icons_are_decided_when_the_scene_is_built() {
        let scene = scene_of(
            "vpc v {\n  subnet pub [public: true] {\n    ec2 web [icon: rds]\n  }\n}\nrds db\nweb -> db : \"orders\" [protocol: sql, port: 5432]",
        );
        let e = &scene.edges[0];
        assert_eq!(e.op, EdgeOp::Sync);
        assert_eq!(
            e.own_caption(),
            (vec!["orders".into(), "SQL :5432".into()], 1)
        );
        let rds = catalog::lookup("rds").unwrap();
        assert_eq!(scene.find("web").unwrap().icon, Icon::Kind(rds));
        assert_eq!(scene.find("db").unwrap().icon, Icon::Kind(rds));
        assert_eq!(scene.find("pub").unwrap().icon, Icon::PublicSubnet);
        assert_eq!(scene.find("pub").unwrap().category, Category::Container);
        let kinds: Vec<&str> = scene.kinds().iter().map(|k| k.name).collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
    }
}
