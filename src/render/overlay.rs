//! `render --simulate` and `render --fail`: a what-if drawn over the
//! diagram. Simulate fills each component by utilisation (ok, hot,
//! saturated; elastic kinds keep their colour) with its utilisation in a
//! pill; fail greys out what is gone, draws lost edges in the error colour
//! and outlines overloaded survivors. A key with the figures goes under the
//! diagram. The renderer gets an [`Overlay`] and nothing else of the models.

use super::sketch::num;
use super::theme::{Theme, mix};
use crate::geometry::Size;
use crate::scene::badges::{Badges, EndsAt, PillEdge, pill_rect, pill_size};
use crate::scene::metrics::MARGIN;
use crate::scene::{Scene, SceneBox};
use crate::text::text_width;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use svg::node::element::{Group, Path, Rectangle, Text};

/// How loaded a component is, as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Heat {
    /// At or under the target.
    Ok,
    /// Above the target, at most 100%.
    Hot,
    /// Above 100%.
    Saturated,
}

impl Heat {
    /// The full-strength colour of the band.
    fn color(self) -> &'static str {
        match self {
            Heat::Ok => "#1d8102",
            Heat::Hot => "#e07b00",
            Heat::Saturated => ERROR,
        }
    }
}

/// The error colour (the one `--highlight` uses for errors).
const ERROR: &str = "#d13212";
/// Grey for what is gone.
const GONE: &str = "#8d99a8";

/// What to draw over a diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlay {
    /// The band of each component with a capacity, and the text of its pill
    /// (`87%`), by ID.
    pub heat: BTreeMap<String, (Heat, String)>,
    /// Components gone (greyed out), by ID.
    pub gone: BTreeSet<String>,
    /// Survivors over 100%, outlined in the error colour, with their pill text.
    pub overloaded: BTreeMap<String, String>,
    /// Other notes in a pill on a component (`fails over 60–120 s`).
    pub notes: BTreeMap<String, String>,
    /// Edges drawn in the error colour: (from, to, op) and which of the
    /// edges with those ends (0 for the first), as in the scene.
    pub lost_edges: BTreeSet<(String, String, String, usize)>,
    /// Edges to or from what is down that are on no lost path, drawn grey
    /// (keyed like `lost_edges`).
    pub dead_edges: BTreeSet<(String, String, String, usize)>,
    /// The key's title.
    pub title: String,
    /// The key's lines under the title.
    pub lines: Vec<String>,
    /// Whether the key shows the utilisation bands (simulate) or the failure
    /// marks (fail).
    pub bands: Option<String>,
}

const FONT: f64 = 12.0;
const LINE: f64 = 20.0;
const SWATCH: f64 = 14.0;

impl Overlay {
    /// The fill a component is drawn with, if the overlay sets one.
    pub fn fill(&self, id: &str, t: &Theme) -> Option<String> {
        if self.gone.contains(id) {
            return Some(mix(GONE, t.background, 0.55));
        }
        self.heat
            .get(id)
            .map(|(heat, _)| mix(heat.color(), t.background, tint(t)))
    }

    /// The scene with the overlay's fills as the components' `color`, so
    /// that text keeps reading on them in every theme.
    pub fn paint(&self, scene: &Scene, t: &Theme) -> Scene {
        let mut scene = scene.clone();
        for n in &mut scene.nodes {
            if let Some(fill) = self.fill(&n.id, t) {
                n.attrs.insert("color".into(), Value::String(fill));
            }
        }
        scene
    }

    /// The size of the key under the diagram.
    pub fn key_size(&self) -> Size {
        let swatches = self.swatches();
        let mut width = text_width(&self.title, FONT + 1.0, true);
        for l in &self.lines {
            width = width.max(text_width(l, FONT, false));
        }
        let row: f64 = swatches
            .iter()
            .map(|(_, label)| SWATCH + 6.0 + text_width(label, FONT, false) + 18.0)
            .sum();
        width = width.max(row);
        let rows = 1 + self.lines.len() + usize::from(!swatches.is_empty());
        Size::new(width, rows as f64 * LINE + MARGIN)
    }

    /// The swatches of the key: a colour and what it means.
    fn swatches(&self) -> Vec<(Swatch, String)> {
        match &self.bands {
            Some(target) => vec![
                (Swatch::Fill(Heat::Ok), format!("≤ {target} ok")),
                (Swatch::Fill(Heat::Hot), format!("{target}–100% hot")),
                (Swatch::Fill(Heat::Saturated), "> 100% saturated".into()),
                (Swatch::Plain, "elastic: no capacity to exceed".into()),
            ],
            None => vec![
                (Swatch::Gone, "down".into()),
                (Swatch::Edge(GONE), "edge to what is down".into()),
                (Swatch::Edge(ERROR), "lost path".into()),
                (Swatch::Outline, "overloaded survivor".into()),
            ],
        }
    }

    /// Draws the marks over the boxes and edges of `scene`.
    pub fn marks(
        &self,
        scene: &Scene,
        ends: &BTreeMap<&str, EndsAt>,
        badges: &BTreeMap<&str, Badges>,
        t: &Theme,
    ) -> Group {
        let mut g = Group::new().set("id", "overlay").set("class", "overlay");
        let mut seen: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
        for e in &scene.edges {
            let n = seen.entry((&e.from, &e.to, e.op.as_str())).or_default();
            let key = (e.from.clone(), e.to.clone(), e.op.to_string(), *n);
            *n += 1;
            let color = if self.lost_edges.contains(&key) {
                ERROR
            } else if self.dead_edges.contains(&key) {
                GONE
            } else {
                continue;
            };
            if e.points.len() < 2 {
                continue;
            }
            let mut d = String::new();
            for (k, p) in e.points.iter().enumerate() {
                d.push_str(&format!(
                    "{}{},{}",
                    if k == 0 { "M" } else { " L" },
                    num(p[0]),
                    num(p[1])
                ));
            }
            g = g.add(
                Path::new()
                    .set("class", format!("lost-edge {}-{}", e.from, e.to))
                    .set("d", d)
                    .set("fill", "none")
                    .set("stroke", color)
                    .set("stroke-width", 2.5)
                    .set("stroke-dasharray", "8 5")
                    .set("stroke-linecap", "round"),
            );
        }
        let none = EndsAt::default();
        let pill_on = |text: &str, n: &SceneBox, color: &str, edge: PillEdge| {
            let at = ends.get(n.id.as_str()).unwrap_or(&none);
            let spot = pill_rect(
                n,
                at,
                badges.get(n.id.as_str()),
                pill_size(text, PILL_FONT),
                edge,
            );
            let c = spot.centre();
            super::svg::pill(text, c.x, c.y, PILL_FONT, color, t, true)
        };
        for n in &scene.nodes {
            if self.gone.contains(&n.id) {
                g = g
                    .add(
                        Rectangle::new()
                            .set("class", "gone")
                            .set("x", num(n.x))
                            .set("y", num(n.y))
                            .set("width", num(n.width))
                            .set("height", num(n.height))
                            .set("rx", 6)
                            .set("fill", t.background)
                            .set("fill-opacity", 0.55),
                    )
                    .add(pill_on("down", n, GONE, PillEdge::Top));
            }
            if let Some(text) = self.overloaded.get(&n.id) {
                g = g
                    .add(
                        Rectangle::new()
                            .set("class", "overloaded")
                            .set("x", num(n.x - 4.0))
                            .set("y", num(n.y - 4.0))
                            .set("width", num(n.width + 8.0))
                            .set("height", num(n.height + 8.0))
                            .set("rx", 10)
                            .set("fill", "none")
                            .set("stroke", ERROR)
                            .set("stroke-width", 3),
                    )
                    .add(pill_on(text, n, ERROR, PillEdge::Bottom));
            }
            if let Some((heat, text)) = self.heat.get(&n.id) {
                g = g.add(pill_on(text, n, heat.color(), PillEdge::Bottom));
            }
            if let Some(text) = self.notes.get(&n.id) {
                g = g.add(pill_on(text, n, GONE, PillEdge::Top));
            }
        }
        g
    }

    /// Draws the key with its top at `top`.
    pub fn key(&self, top: f64, t: &Theme) -> Group {
        let mut g = Group::new()
            .set("id", "overlay-key")
            .set("class", "overlay-key")
            .add(
                Text::new(self.title.clone())
                    .set("x", num(MARGIN))
                    .set("y", num(top + LINE - 6.0))
                    .set("font-size", num(FONT + 1.0))
                    .set("font-weight", "bold")
                    .set("fill", t.text),
            );
        let mut row = 2.0;
        let swatches = self.swatches();
        if !swatches.is_empty() {
            let y = top + row * LINE - 6.0;
            let mut x = MARGIN;
            for (swatch, label) in swatches {
                g = g.add(swatch.draw(x, y - SWATCH + 3.0, t));
                g = g.add(
                    Text::new(label.clone())
                        .set("x", num(x + SWATCH + 6.0))
                        .set("y", num(y))
                        .set("font-size", num(FONT))
                        .set("fill", t.text),
                );
                x += SWATCH + 6.0 + text_width(&label, FONT, false) + 18.0;
            }
            row += 1.0;
        }
        for l in &self.lines {
            g = g.add(
                Text::new(l.clone())
                    .set("x", num(MARGIN))
                    .set("y", num(top + row * LINE - 6.0))
                    .set("font-size", num(FONT))
                    .set("fill", t.text),
            );
            row += 1.0;
        }
        g
    }
}

/// How strongly the bands tint a fill: lighter on light backgrounds.
fn tint(t: &Theme) -> f64 {
    if super::theme::luma(t.background) > 140.0 {
        0.72
    } else {
        0.55
    }
}

/// Font size of the overlay's pills (bold).
const PILL_FONT: f64 = 10.0;

/// One entry of the key.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    Fill(Heat),
    Plain,
    Gone,
    Edge(&'static str),
    Outline,
}

impl Swatch {
    fn draw(self, x: f64, y: f64, t: &Theme) -> Group {
        let rect = || {
            Rectangle::new()
                .set("x", num(x))
                .set("y", num(y))
                .set("width", num(SWATCH))
                .set("height", num(SWATCH))
                .set("rx", 3)
        };
        let g = Group::new();
        match self {
            Swatch::Fill(heat) => g.add(
                rect()
                    .set("fill", mix(heat.color(), t.background, tint(t)))
                    .set("stroke", heat.color())
                    .set("stroke-width", 1.5),
            ),
            Swatch::Plain => g.add(
                rect()
                    .set("fill", t.label_bg)
                    .set("stroke", t.muted)
                    .set("stroke-width", 1.5),
            ),
            Swatch::Gone => g.add(
                rect()
                    .set("fill", mix(GONE, t.background, 0.55))
                    .set("stroke", GONE)
                    .set("stroke-width", 1.5),
            ),
            Swatch::Edge(color) => g.add(
                Path::new()
                    .set(
                        "d",
                        format!("M{},{} H{}", num(x), num(y + SWATCH / 2.0), num(x + SWATCH)),
                    )
                    .set("stroke", color)
                    .set("stroke-width", 2.5)
                    .set("stroke-dasharray", "4 3"),
            ),
            Swatch::Outline => g.add(
                rect()
                    .set("fill", "none")
                    .set("stroke", ERROR)
                    .set("stroke-width", 2.5),
            ),
        }
    }
}
