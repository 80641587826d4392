//! SVG from a scene. Containers are boxes styled by kind with an icon and a
//! title; components are cards with an icon, a wrapped label and their kind,
//! stacked when replicated, with badges; edges are polylines with arrowheads
//! by operator and labels on a background. Self-contained: no external
//! references, one `<symbol>` per icon and one marker per arrowhead in `<defs>`.

use super::icons;
use super::legend::Legend;
use super::sketch::{self, Rng, num, push_num};
use super::theme::{self, Theme};
use super::write::El;
use crate::geometry::Rect;
use crate::scene::badges::{
    Badges, FLAG_FONT, Flag, HEAD_HALF_WIDTH, HEAD_LENGTH, REPLICA_FONT, flag_width, pill_size,
};
use crate::scene::metrics::{
    CAPTION_FONT, DIAGRAM_TITLE_FONT, EDGE_FONT, EDGE_LINE, FONT, ICON, ICON_GAP, LINE, MARGIN,
    NODE_PAD_X, TITLE_FONT, TITLE_ICON, container_title, edge_label_box, label_lines,
    text_block_height, title_patch,
};
use crate::scene::{EdgeOp, Scene, SceneBox, SceneEdge, Step};
use crate::text::text_width;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use svg::Document;
use svg::node::element::{
    Circle, Definitions, Description, Group, Marker, Path, Rectangle, Text, Title,
};

/// How to draw: the theme, and whether to add a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Colours, fonts and stroke style.
    pub theme: Theme,
    /// Draw a legend of the kinds and edge operators used, under the diagram.
    pub legend: bool,
    /// Lint findings to mark on the drawing (`render --highlight`).
    pub findings: Vec<super::highlight::Finding>,
    /// A what-if drawn over the diagram (`render --simulate`, `render --fail`).
    pub overlay: Option<super::overlay::Overlay>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: Theme::light(),
            legend: false,
            findings: Vec::new(),
            overlay: None,
        }
    }
}

/// Draws a scene as an SVG document in the light theme.
pub fn render(scene: &Scene) -> String {
    render_with(scene, &Options::default())
}

/// About how many bytes of SVG a box or an edge takes (a generous guess:
/// room that is reserved but never written costs no memory).
const RUN_BYTES: usize = 512;

/// Draws a scene as an SVG document.
pub fn render_with(scene: &Scene, options: &Options) -> String {
    let t = &options.theme;
    let painted = options.overlay.as_ref().map(|o| o.paint(scene, t));
    let scene = painted.as_ref().unwrap_or(scene);
    let legend = options.legend.then(|| Legend::new(scene, t));
    let (width, height) = match &legend {
        Some(l) => (
            scene.width.max(l.width + 2.0 * MARGIN),
            scene.height + l.height,
        ),
        None => (scene.width, scene.height),
    };
    let findings =
        (!options.findings.is_empty()).then(|| super::highlight::List::new(&options.findings));
    let (width, height, findings_top) = match &findings {
        Some(f) => (width.max(f.width + 2.0 * MARGIN), height + f.height, height),
        None => (width, height, height),
    };
    let (width, height, key_top) = match &options.overlay {
        Some(o) => {
            let key = o.key_size();
            (
                width.max(key.width + 2.0 * MARGIN),
                height + key.height,
                height,
            )
        }
        None => (width, height, height),
    };
    let title = clean(scene.title.as_deref().unwrap_or("cloudgram diagram")).replace('\n', " ");
    let mut doc = Document::new()
        .set("viewBox", format!("0 0 {} {}", num(width), num(height)))
        .set("width", num(width))
        .set("height", num(height))
        .set("xmlns:xlink", "http://www.w3.org/1999/xlink")
        .set("font-family", t.font_family)
        .set("role", "img")
        .set("aria-labelledby", "cg-title cg-desc")
        .add(Title::new(title.clone()).set("id", "cg-title"))
        .add(
            Description::new()
                .set("id", "cg-desc")
                .add(svg::node::Text::new(format!(
                    "{title}: {}, {}, {}; drawn by cloudgram ({} theme)",
                    count(scene.nodes.len(), "component"),
                    count(scene.containers.len(), "container"),
                    count(scene.edges.len(), "edge"),
                    t.name
                ))),
        )
        .add(defs(&icons_used(scene, legend.as_ref()), t))
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", t.background),
        );
    if let Some(text) = &scene.title {
        doc = doc.add(title_block(text, scene.width, t));
    }
    // The bulk of a big drawing, written as it is made: containers and
    // edges here, while captions, components and headings are written on a
    // second thread and the junctions found on a third. The runs go into
    // the document one after the other, each element on a line of its own,
    // so the text is that of one run written in that order.
    let per_run = RUN_BYTES * (scene.containers.len() + scene.edges.len() + scene.nodes.len()) / 2;
    // The badges' places, found once here for the components, the
    // overlay's pills and the findings' numbers.
    let (run, (captions, headings, ends, badges), junctions) = std::thread::scope(|scope| {
        let captions = scope.spawn(|| {
            // Labels go under the nodes: where a route crosses a node, the
            // node's name matters more than the edge's.
            let mut captions = super::write::Run::with_capacity(per_run);
            for (i, e) in scene.edges.iter().enumerate() {
                if let Some(label) = edge_label(i, e, t) {
                    captions.push_el(&label);
                }
            }
            let tips = scene.arrow_tips();
            let ends = scene.ends_at();
            let badges = scene.badges_with(&ends);
            // A category's colours are mixed once, not once per component.
            let mut colours = BTreeMap::new();
            for n in &scene.nodes {
                let colours = colours
                    .entry(n.category)
                    .or_insert_with(|| t.category(n.category));
                let look = Look {
                    stack: scene.stack_step(n, &tips),
                    badges: badges.get(n.id.as_str()),
                };
                captions.push_el(&node(n, look, colours, t));
            }
            let mut headings = super::write::Run::default();
            for c in &scene.containers {
                headings.push_el(&container_heading(c, t));
            }
            (captions, headings, ends, badges)
        });
        let junctions = scope.spawn(|| scene.junctions());
        let mut run = super::write::Run::with_capacity(per_run);
        for c in &scene.containers {
            run.push_el(&container(c, t));
        }
        let mut seen: BTreeMap<(&str, EdgeOp, &str), usize> = BTreeMap::new();
        for (i, e) in scene.edges.iter().enumerate() {
            // Seeded by what the edge is, not where it is in the file, so that
            // adding an edge leaves the others' strokes as they were.
            let n = seen.entry((&e.from, e.op, &e.to)).or_default();
            let key = format!("{}{}{}#{n}", e.from, e.op, e.to);
            *n += 1;
            run.push_el(&edge(i, e, &key, t));
        }
        (run, join(captions), join(junctions))
    });
    // A dot where a trunk branches, so that a branch does not read as an
    // edge between the boxes at its two ends.
    for p in junctions {
        doc = doc.add(
            Circle::new()
                .set("class", "junction")
                .set("cx", num(p[0]))
                .set("cy", num(p[1]))
                .set("r", 3.5)
                .set("fill", t.edge),
        );
    }
    // Room for the runs, and for what is still a tree: defs, overlays, legend.
    let capacity = run.len() + captions.len() + headings.len() + (1 << 20);
    doc = run.add_to(doc);
    doc = captions.add_to(doc);
    doc = headings.add_to(doc);
    if let Some(o) = &options.overlay {
        doc = doc
            .add(o.marks(scene, &ends, &badges, t))
            .add(o.key(key_top, t));
    }
    if let Some(l) = legend {
        doc = doc.add(l.draw(scene.height, t));
    }
    if let Some(f) = findings {
        doc = doc
            .add(super::highlight::overlay(scene, &badges, &options.findings))
            .add(f.draw(findings_top, t));
    }
    let mut text = super::write::to_string_with_capacity(&doc, capacity);
    text.push('\n');
    text
}

/// What a thread of [`render_with`] made; its panic, if it panicked.
fn join<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Every icon the drawing places: the boxes', their badges' and the legend's.
fn icons_used(scene: &Scene, legend: Option<&Legend>) -> BTreeSet<&'static str> {
    let mut used: BTreeSet<&'static str> = scene.boxes().map(icon_of).collect();
    used.extend(
        scene
            .nodes
            .iter()
            .flat_map(SceneBox::flag_badges)
            .filter_map(|(_, i)| i),
    );
    if let Some(l) = legend {
        used.extend(l.kinds.iter().map(|k| k.3));
    }
    used
}

/// `1 edge`, `2 edges`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// User text without the control characters XML cannot hold, except the
/// new lines that split labels (the svg crate escapes `<`, `>`, `&` and quotes).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

fn is_true(b: &SceneBox, key: &str) -> bool {
    b.attrs.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The symbol drawn for a box's icon.
fn icon_of(b: &SceneBox) -> &'static str {
    icons::icon_name(b.icon)
}

/// Arrowheads: `cg-arrow` for line ends, `cg-arrow-start` (the same head
/// turned round) for the starts of `<->` edges; SVG 1.1 `orient="auto"`,
/// which every viewer supports.
fn defs(icons_used: &BTreeSet<&'static str>, t: &Theme) -> Definitions {
    // The arrowhead the scene measures (badges keep clear of it): a
    // triangle HEAD_LENGTH long and 2 × HEAD_HALF_WIDTH wide round y = 5,
    // from its base at x = `base` to its tip at x = `tip`; the hand-drawn
    // one is drawn `inset` inside that.
    let (l, w) = (HEAD_LENGTH, HEAD_HALF_WIDTH);
    let triangle = |base: f64, tip: f64, inset: f64| {
        let (top, bottom) = (num(5.0 - w + inset), num(5.0 + w - inset));
        format!(
            "M{},{top} L{},5 L{},{bottom}",
            num(base),
            num(tip),
            num(base)
        )
    };
    let head = |id: &str, reversed: bool| {
        let (d, ref_x) = match (t.sketch, reversed) {
            (false, false) => (triangle(0.0, l, 0.0) + " z", l - 0.5),
            (false, true) => (triangle(l, 0.0, 0.0) + " z", 0.5),
            (true, false) => (triangle(1.0, l - 0.5, 0.5), l - 0.5),
            (true, true) => (triangle(l - 1.0, 0.5, 0.5), 0.5),
        };
        let path = Path::new().set("d", d);
        let path = if t.sketch {
            path.set("fill", "none")
                .set("stroke", t.edge)
                .set("stroke-width", 1.6)
                .set("stroke-linecap", "round")
                .set("stroke-linejoin", "round")
        } else {
            path.set("fill", t.edge)
        };
        Marker::new()
            .set("id", id)
            .set("viewBox", format!("0 0 {} 10", num(l)))
            .set("refX", ref_x)
            .set("refY", 5)
            .set("markerWidth", num(l))
            .set("markerHeight", 10)
            .set("markerUnits", "userSpaceOnUse")
            .set("orient", "auto")
            .add(path)
    };
    let mut defs = Definitions::new()
        .add(head("cg-arrow", false))
        .add(head("cg-arrow-start", true));
    let stroke = if t.sketch { 2.0 } else { 1.8 };
    for name in icons_used {
        defs = defs.add(icons::symbol(name, stroke));
    }
    defs
}

fn title_block(text: &str, width: f64, t: &Theme) -> Group {
    let y = MARGIN + DIAGRAM_TITLE_FONT;
    let rule_w = (text_width(text, DIAGRAM_TITLE_FONT, true) + 8.0).min(width - 2.0 * MARGIN);
    let title = Text::new(clean(text).replace('\n', " "))
        .set("x", num(MARGIN))
        .set("y", num(y))
        .set("font-size", num(DIAGRAM_TITLE_FONT))
        .set("font-weight", "bold")
        .set("fill", t.text);
    let (x0, x1, ry) = (MARGIN, MARGIN + rule_w, y + 9.0);
    let rule = if t.sketch {
        stroke_path(
            sketch::polyline(&mut Rng::seeded("title"), &[[x0, ry], [x1, ry]]),
            t.edge,
            "2",
        )
    } else {
        stroke_path(
            format!("M{},{} H{}", num(x0), num(ry), num(x1)),
            t.muted,
            "1",
        )
        .set("stroke-opacity", 0.5)
    };
    Group::new()
        .set("id", "title")
        .set("class", "title")
        .add(title)
        .add(rule)
}

/// A stroked path; `width` is written as given (a float formatted for each
/// of thousands of edges was a cost of its own).
pub(super) fn stroke_path(d: String, color: &str, width: &'static str) -> El {
    El::new("path")
        .set("d", d)
        .set("fill", "none")
        .set("stroke", color)
        .set("stroke-width", width)
        .set("stroke-linecap", "round")
        .set("stroke-linejoin", "round")
}

/// A box outline: a rounded rectangle, or two hand-drawn passes of a marker.
fn outline(g: El, key: &str, r: Rect, fill: &str, stroke: &str, dashed: bool, t: &Theme) -> El {
    let (x, y, w, h) = (r.left, r.top, r.width(), r.height());
    if t.sketch {
        let mut rng = Rng::seeded(key);
        let mut g = g.add(
            El::new("rect")
                .set("x", num(x))
                .set("y", num(y))
                .set("width", num(w))
                .set("height", num(h))
                .set("fill", fill.to_string()),
        );
        for (pass, width) in [(0, "2"), (1, "1")] {
            let mut p = stroke_path(sketch::rect(&mut rng, x, y, w, h), stroke, width);
            if pass == 1 {
                p = p.set("stroke-opacity", 0.55);
            }
            if dashed {
                p = p.set("stroke-dasharray", "9 6");
            }
            g = g.add(p);
        }
        g
    } else {
        let mut r = El::new("rect")
            .set("x", num(x))
            .set("y", num(y))
            .set("width", num(w))
            .set("height", num(h))
            .set("rx", 6)
            .set("fill", fill.to_string())
            .set("stroke", stroke.to_string())
            .set("stroke-width", "1.5");
        if dashed {
            r = r.set("stroke-dasharray", "6 4");
        }
        g.add(r)
    }
}

/// A placed icon. Both `href` (SVG 2) and `xlink:href` (SVG 1.1: older
/// editors and office suites) name the symbol; its strokes inherit `stroke`.
fn use_icon(name: &str, x: f64, y: f64, size: f64, color: &str) -> El {
    let mut href = String::from("#");
    href.push_str(&icons::symbol_id(name));
    El::new("use")
        .set("href", href.clone())
        .set("xlink:href", href)
        .set("x", num(x))
        .set("y", num(y))
        .set("width", num(size))
        .set("height", num(size))
        .set("stroke", color.to_string())
}

/// An icon at `(x, y)`, on a tile of `color` when the theme has tiles.
pub(super) fn icon<G: Parent>(
    g: G,
    name: &str,
    x: f64,
    y: f64,
    size: f64,
    color: &str,
    t: &Theme,
) -> G {
    if t.icon_tiles {
        let inset = size / 8.0;
        g.add_el(
            El::new("rect")
                .set("x", num(x))
                .set("y", num(y))
                .set("width", num(size))
                .set("height", num(size))
                .set("rx", num(size / 6.0))
                .set("fill", color.to_string()),
        )
        .add_el(use_icon(
            name,
            x + inset,
            y + inset,
            size - 2.0 * inset,
            "#ffffff",
        ))
    } else {
        g.add_el(use_icon(name, x, y, size, color))
    }
}

/// What an icon can be drawn into: an element of the hot path, or an `svg`
/// group of the legend.
pub(super) trait Parent {
    /// Appends a child element.
    fn add_el(self, child: El) -> Self;
}

impl Parent for El {
    fn add_el(self, child: El) -> El {
        self.add(child)
    }
}

impl Parent for Group {
    fn add_el(self, child: El) -> Group {
        self.add(child)
    }
}

fn fill_override(b: &SceneBox) -> Option<String> {
    b.attrs
        .get("color")
        .and_then(Value::as_str)
        .and_then(crate::color::parse)
        .map(crate::color::Rgba::to_hex)
}

fn container(c: &SceneBox, t: &Theme) -> El {
    let style = t.container(c.kind, is_true(c, "public"));
    let fill = fill_override(c).unwrap_or(style.fill);
    let g = El::new("g")
        .set("id", format!("container-{}", c.id))
        .set("class", format!("container {}", c.kind.name));
    outline(g, &c.id, c.rect(), &fill, &style.stroke, style.dashed, t)
}

/// A container's icon and title, drawn after the edges on the container's
/// own fill: an edge that enters through the title band passes under the
/// title instead of through its letters.
fn container_heading(c: &SceneBox, t: &Theme) -> El {
    let style = t.container(c.kind, is_true(c, "public"));
    let fill = fill_override(c).unwrap_or(style.fill);
    let label = clean(&c.label);
    let title = container_title(&label);
    let patch = title_patch(c.rect(), &label);
    let g = El::new("g")
        .set("id", format!("container-title-{}", c.id))
        .set("class", "container-title")
        .add(
            El::new("rect")
                .set("x", num(patch.left))
                .set("y", num(patch.top))
                .set("width", num(patch.width()))
                .set("height", num(patch.height()))
                .set("fill", fill.to_string()),
        );
    let g = if t.icon_tiles {
        g.add(use_icon(
            icon_of(c),
            c.x + 10.0,
            c.y + 6.0,
            TITLE_ICON,
            &style.stroke,
        ))
    } else {
        icon(
            g,
            icon_of(c),
            c.x + 10.0,
            c.y + 6.0,
            TITLE_ICON,
            &style.stroke,
            t,
        )
    };
    g.add(
        El::with_text("text", title)
            .set("x", num(c.x + 10.0 + TITLE_ICON + 6.0))
            .set("y", num(c.y + 6.0 + TITLE_ICON / 2.0 + TITLE_FONT * 0.35))
            .set("font-size", num(TITLE_FONT))
            .set("font-weight", "bold")
            .set("fill", style.stroke),
    )
}

/// A flag badge with its left end at `x`, centred on `cy`.
pub(super) fn flag_badge((words, icon): Flag, x: f64, cy: f64, stroke: &str, t: &Theme) -> El {
    let w = flag_width((words, icon));
    let g = match icon {
        None => pill(words, x + w / 2.0, cy, FLAG_FONT, stroke, t, false),
        Some(name) => El::new("g")
            .set("class", "badge")
            .add(
                El::new("rect")
                    .set("x", num(x))
                    .set("y", num(cy - w / 2.0))
                    .set("width", num(w))
                    .set("height", num(w))
                    .set("rx", num(w / 2.0))
                    .set("fill", t.label_bg)
                    .set("stroke", stroke.to_string())
                    .set("stroke-width", 1),
            )
            .add(use_icon(name, x + 2.5, cy - 5.0, 10.0, stroke)),
    };
    g.add(El::with_text("title", words))
}

/// A pill with text centred at `(cx, cy)`.
pub(super) fn pill(
    text: &str,
    cx: f64,
    cy: f64,
    size: f64,
    stroke: &str,
    t: &Theme,
    solid: bool,
) -> El {
    let (w, h) = pill_size(text, size);
    let (fill, ink) = if solid && !t.monochrome {
        (stroke.to_string(), "#ffffff".to_string())
    } else {
        (t.label_bg.to_string(), stroke.to_string())
    };
    El::new("g")
        .set("class", "badge")
        .add(
            El::new("rect")
                .set("x", num(cx - w / 2.0))
                .set("y", num(cy - h / 2.0))
                .set("width", num(w))
                .set("height", num(h))
                .set("rx", num(h / 2.0))
                .set("fill", fill)
                .set("stroke", stroke.to_string())
                .set("stroke-width", 1),
        )
        .add(
            El::with_text("text", text)
                .set("x", num(cx))
                .set("y", num(cy + size * 0.35))
                .set("text-anchor", "middle")
                .set("font-size", num(size))
                .set("font-weight", "bold")
                .set("fill", ink),
        )
}

/// How a component's replicas and flags are drawn: the step to each card
/// behind it, and where its badges sit (from the scene).
struct Look<'a> {
    stack: Option<Step>,
    badges: Option<&'a Badges>,
}

/// A component; `(stroke, fill)` are the theme's colours of its category.
fn node(n: &SceneBox, look: Look, (stroke, fill): &(String, String), t: &Theme) -> El {
    let chosen = fill_override(n);
    // Text keeps reading on a fill of the user's choosing, in any theme.
    let (ink, muted) = match &chosen {
        Some(c) if !t.monochrome => theme::ink_on(c),
        _ => (t.text, t.muted),
    };
    let fill = chosen.unwrap_or_else(|| fill.clone());
    let mut g = El::new("g").set("id", format!("node-{}", n.id)).set(
        "class",
        format!("node {} {}", n.category.name(), n.kind.name),
    );
    let badge = n.replicas_badge().zip(look.badges.and_then(|b| b.replica));
    if let (Some(_), Some(step)) = (&badge, look.stack) {
        // Two cards behind this one: a stack of instances.
        for k in [2.0, 1.0] {
            let key = format!("{}#{k}", n.id);
            let shadow = Rect::new(n.x + step.dx * k, n.y + step.dy * k, n.width, n.height);
            g = outline(g, &key, shadow, &fill, stroke, false, t);
        }
    }
    g = outline(g, &n.id, n.rect(), &fill, stroke, false, t);
    g = icon(
        g,
        icon_of(n),
        n.x + NODE_PAD_X,
        n.y + (n.height - ICON) / 2.0,
        ICON,
        stroke,
        t,
    );
    let lines = label_lines(&clean(&n.label));
    let tx = n.x + NODE_PAD_X + ICON + ICON_GAP;
    let top = n.y + (n.height - text_block_height(lines.len())) / 2.0;
    let mut label = El::with_text("text", "")
        .set("font-size", num(FONT))
        .set("fill", ink);
    for (i, line) in lines.iter().enumerate() {
        label = label.add(
            El::with_text("tspan", line.as_str())
                .set("x", num(tx))
                .set("y", num(top + i as f64 * LINE + 13.5)),
        );
    }
    let caption = El::with_text("text", n.kind.name)
        .set("x", num(tx))
        .set("y", num(top + lines.len() as f64 * LINE + 11.5))
        .set("font-size", num(CAPTION_FONT))
        .set("fill", muted);
    g = g.add(label).add(caption);
    if let Some((text, at)) = badge {
        let c = at.centre();
        g = g.add(pill(&text, c.x, c.y, REPLICA_FONT, stroke, t, true));
    }
    for (flag, at) in look.badges.iter().flat_map(|b| &b.flags) {
        g = g.add(flag_badge(*flag, at.left, at.centre().y, stroke, t));
    }
    g
}

fn edge(i: usize, e: &SceneEdge, key: &str, t: &Theme) -> El {
    let d = if t.sketch {
        sketch::polyline(&mut Rng::seeded(key), &e.points)
    } else {
        let mut d = Vec::with_capacity(14 * e.points.len());
        for (k, p) in e.points.iter().enumerate() {
            d.extend_from_slice(if k == 0 { b"M" } else { b" L" });
            push_num(&mut d, p[0]);
            d.push(b',');
            push_num(&mut d, p[1]);
        }
        String::from_utf8(d).expect("path data is ASCII")
    };
    let line = with_heads(
        stroke_path(d, t.edge, if t.sketch { "1.8" } else { "1.5" }),
        e.op,
    );
    El::new("g")
        .set("id", format!("edge-{i}"))
        .set("class", format!("edge {}-{}", e.from, e.to))
        .add(line)
}

/// An edge line styled by its operator: `->` one head, `~>` dashed with one
/// head, `<->` two heads, `--` none.
pub(super) fn with_heads(line: El, op: EdgeOp) -> El {
    match op {
        EdgeOp::Sync => line.set("marker-end", "url(#cg-arrow)"),
        EdgeOp::Async => line
            .set("marker-end", "url(#cg-arrow)")
            .set("stroke-dasharray", "6 4"),
        EdgeOp::Both => line
            .set("marker-end", "url(#cg-arrow)")
            .set("marker-start", "url(#cg-arrow-start)"),
        EdgeOp::Assoc => line,
    }
}

fn edge_label(i: usize, e: &SceneEdge, t: &Theme) -> Option<El> {
    let (lines, label_count) = e.caption();
    let lines: Vec<String> = lines.iter().map(|l| clean(l)).collect();
    if lines.is_empty() {
        return None;
    }
    let at = e.caption_centre();
    let (w, h) = edge_label_box(&lines);
    let bg = El::new("rect")
        .set("x", num(at[0] - w / 2.0))
        .set("y", num(at[1] - h / 2.0))
        .set("width", num(w))
        .set("height", num(h))
        .set("rx", 3)
        .set("fill", t.label_bg);
    let top = at[1] - h / 2.0 + 2.0;
    let mut text = El::with_text("text", "")
        .set("text-anchor", "middle")
        .set("font-size", num(EDGE_FONT));
    for (k, line) in lines.iter().enumerate() {
        let color = if k < label_count { t.text } else { t.muted };
        text = text.add(
            El::with_text("tspan", line.as_str())
                .set("x", num(at[0]))
                .set("y", num(top + (k as f64 + 1.0) * EDGE_LINE - 3.5))
                .set("fill", color),
        );
    }
    Some(
        El::new("g")
            .set("id", format!("edge-label-{i}"))
            .set("class", "edge-label")
            .add(bg)
            .add(text),
    )
}
