//! SVG from a scene: containers as labelled boxes, components as boxes with a
//! kind caption, edges as polylines with per-operator arrowheads and labels
//! on a background. Self-contained: no external references, shared `<defs>`.

use super::theme::{self, FONT_FAMILY};
use crate::layout::measure::{
    CAPTION_FONT, DIAGRAM_TITLE_FONT, EDGE_FONT, FONT, LINE, MARGIN, NODE_PAD_Y, TITLE_BAND,
    TITLE_FONT, edge_label_size, lines,
};
use crate::scene::{Scene, SceneBox, SceneEdge};
use svg::Document;
use svg::node::element::{
    Definitions, Description, Group, Marker, Path, Polyline, Rectangle, TSpan, Text, Title,
};

/// Draws a scene as an SVG document.
pub fn render(scene: &Scene) -> String {
    let title = scene
        .title
        .clone()
        .unwrap_or_else(|| "cloudgram diagram".into());
    let mut doc = Document::new()
        .set(
            "viewBox",
            format!("0 0 {} {}", num(scene.width), num(scene.height)),
        )
        .set("width", num(scene.width))
        .set("height", num(scene.height))
        .set("font-family", FONT_FAMILY)
        .add(Title::new(title.clone()))
        .add(Description::new().add(svg::node::Text::new(format!(
            "{} components, {} containers, {} edges; drawn by cloudgram",
            scene.nodes.len(),
            scene.containers.len(),
            scene.edges.len()
        ))))
        .add(defs())
        .add(
            Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "#ffffff"),
        );
    if let Some(t) = &scene.title {
        doc = doc.add(
            Text::new(t.clone())
                .set("x", num(MARGIN))
                .set("y", num(MARGIN + DIAGRAM_TITLE_FONT))
                .set("font-size", num(DIAGRAM_TITLE_FONT))
                .set("font-weight", "bold")
                .set("fill", theme::TEXT),
        );
    }
    for c in &scene.containers {
        doc = doc.add(container(c));
    }
    for (i, e) in scene.edges.iter().enumerate() {
        doc = doc.add(edge(i, e));
    }
    for n in &scene.nodes {
        doc = doc.add(node(n));
    }
    for (i, e) in scene.edges.iter().enumerate() {
        if let Some(label) = edge_label(i, e) {
            doc = doc.add(label);
        }
    }
    doc.to_string() + "\n"
}

/// A number at fixed precision (1/100), without trailing zeros. Integer
/// arithmetic: float formatting was a seventh of the time on big diagrams.
fn num(v: f64) -> String {
    let c = (v * 100.0).round() as i64;
    let (sign, c) = if c < 0 { ("-", -c) } else { ("", c) };
    let (int, frac) = (c / 100, c % 100);
    if frac == 0 {
        format!("{sign}{int}")
    } else if frac % 10 == 0 {
        format!("{sign}{int}.{}", frac / 10)
    } else {
        format!("{sign}{int}.{frac:02}")
    }
}

fn defs() -> Definitions {
    let arrow = |id: &str| {
        Marker::new()
            .set("id", id)
            .set("viewBox", "0 0 10 10")
            .set("refX", 10)
            .set("refY", 5)
            .set("markerWidth", 8)
            .set("markerHeight", 8)
            .set("markerUnits", "userSpaceOnUse")
            .set("orient", "auto-start-reverse")
            .add(
                Path::new()
                    .set("d", "M0,0 L10,5 L0,10 z")
                    .set("fill", theme::EDGE),
            )
    };
    Definitions::new().add(arrow("cg-arrow"))
}

fn container(c: &SceneBox) -> Group {
    let public = c
        .attrs
        .get("public")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let style = theme::container_style(&c.kind, public);
    let mut rect = Rectangle::new()
        .set("x", num(c.x))
        .set("y", num(c.y))
        .set("width", num(c.width))
        .set("height", num(c.height))
        .set("rx", 6)
        .set("fill", fill_of(c).unwrap_or_else(|| style.fill.to_string()))
        .set("stroke", style.stroke)
        .set("stroke-width", 1.5);
    if style.dashed {
        rect = rect.set("stroke-dasharray", "6 4");
    }
    let title = c.label.replace('\n', " ");
    let caption = Text::new(title)
        .set("x", num(c.x + 12.0))
        .set("y", num(c.y + TITLE_BAND / 2.0 + TITLE_FONT * 0.35 + 2.0))
        .set("font-size", num(TITLE_FONT))
        .set("font-weight", "bold")
        .set("fill", style.stroke);
    Group::new()
        .set("id", format!("container-{}", c.id))
        .set("class", format!("container {}", c.kind))
        .add(rect)
        .add(caption)
}

fn fill_of(b: &SceneBox) -> Option<String> {
    b.attrs
        .get("color")
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn node(n: &SceneBox) -> Group {
    let (stroke, fill) = theme::category_colors(&n.category);
    let rect = Rectangle::new()
        .set("x", num(n.x))
        .set("y", num(n.y))
        .set("width", num(n.width))
        .set("height", num(n.height))
        .set("rx", 8)
        .set("fill", fill_of(n).unwrap_or_else(|| fill.to_string()))
        .set("stroke", stroke)
        .set("stroke-width", 1.5);
    let cx = n.x + n.width / 2.0;
    let lines = lines(&n.label);
    let mut label = Text::new("")
        .set("x", num(cx))
        .set("text-anchor", "middle")
        .set("font-size", num(FONT))
        .set("fill", theme::TEXT);
    for (i, line) in lines.iter().enumerate() {
        label = label.add(
            TSpan::new(*line)
                .set("x", num(cx))
                .set("y", num(n.y + NODE_PAD_Y + (i as f64 + 1.0) * LINE - 4.0)),
        );
    }
    let caption = Text::new(n.kind.clone())
        .set("x", num(cx))
        .set(
            "y",
            num(n.y + NODE_PAD_Y + lines.len() as f64 * LINE + CAPTION_FONT + 1.0),
        )
        .set("text-anchor", "middle")
        .set("font-size", num(CAPTION_FONT))
        .set("fill", theme::MUTED);
    Group::new()
        .set("id", format!("node-{}", n.id))
        .set("class", format!("node {} {}", n.category, n.kind))
        .add(rect)
        .add(label)
        .add(caption)
}

fn edge(i: usize, e: &SceneEdge) -> Group {
    let points: Vec<String> = e
        .points
        .iter()
        .map(|p| format!("{},{}", num(p[0]), num(p[1])))
        .collect();
    let mut line = Polyline::new()
        .set("points", points.join(" "))
        .set("fill", "none")
        .set("stroke", theme::EDGE)
        .set("stroke-width", 1.5);
    line = match e.op.as_str() {
        "->" => line.set("marker-end", "url(#cg-arrow)"),
        "~>" => line
            .set("marker-end", "url(#cg-arrow)")
            .set("stroke-dasharray", "6 4"),
        "<->" => line
            .set("marker-end", "url(#cg-arrow)")
            .set("marker-start", "url(#cg-arrow)"),
        _ => line,
    };
    Group::new()
        .set("id", format!("edge-{i}"))
        .set("class", format!("edge {}-{}", e.from, e.to))
        .add(line)
}

fn edge_label(i: usize, e: &SceneEdge) -> Option<Group> {
    let (label, at) = (e.label.as_ref()?, e.label_pos?);
    let (w, h) = edge_label_size(label);
    let bg = Rectangle::new()
        .set("x", num(at[0] - w / 2.0))
        .set("y", num(at[1] - h / 2.0))
        .set("width", num(w))
        .set("height", num(h))
        .set("rx", 3)
        .set("fill", "#ffffff")
        .set("fill-opacity", 0.9);
    let lines = lines(label);
    let mut text = Text::new("")
        .set("text-anchor", "middle")
        .set("font-size", num(EDGE_FONT))
        .set("fill", theme::EDGE);
    let top = at[1] - h / 2.0 + 2.0;
    for (k, line) in lines.iter().enumerate() {
        text = text.add(
            TSpan::new(*line)
                .set("x", num(at[0]))
                .set("y", num(top + (k as f64 + 1.0) * (EDGE_FONT + 3.0) - 3.0)),
        );
    }
    Some(
        Group::new()
            .set("id", format!("edge-label-{i}"))
            .set("class", "edge-label")
            .add(bg)
            .add(text),
    )
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-3.07), "-3.07");
        assert_eq!(num(100.0), "100");
    }
}
