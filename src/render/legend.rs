//! The legend under a diagram: each kind used with its icon and what it
//! is, then the edge operators and badges used.

use super::icons;
use super::sketch::num;
use super::svg::{flag_badge, icon, pill, stroke_path, with_heads};
use super::theme::Theme;
use crate::scene::badges::{FLAGS, Flag, REPLICA_FONT, flag_width, pill_size};
use crate::scene::metrics::{MARGIN, TITLE_FONT};
use crate::scene::{EdgeOp, Icon, Scene, SceneBox};
use crate::text::text_width;
use svg::node::element::{Group, TSpan, Text};

/// The legend under the diagram: each kind used with its icon and what it
/// is, then each edge operator used.
pub struct Legend {
    /// Each kind used, in catalog order: name, description, colour, icon.
    pub kinds: Vec<(&'static str, &'static str, String, &'static str)>,
    /// The edge operators used and what they mean.
    ops: Vec<(EdgeOp, &'static str)>,
    /// Badges used: the replica badge's text, then flags.
    replicas: Option<String>,
    flags: Vec<Flag>,
    columns: usize,
    column_w: f64,
    /// Width of the legend.
    pub width: f64,
    /// Height of the legend, with the space above it.
    pub height: f64,
}

const LEGEND_FONT: f64 = 11.0;
const LEGEND_ROW: f64 = 24.0;
const LEGEND_ICON: f64 = 18.0;

impl Legend {
    /// The legend of a scene.
    pub fn new(scene: &Scene, t: &Theme) -> Legend {
        let kinds: Vec<_> = scene
            .kinds()
            .into_iter()
            .map(|k| {
                let icon = icons::icon_name(Icon::Kind(k));
                let color = if k.traits.container {
                    t.container(k, false).stroke
                } else {
                    t.category(k.category).0
                };
                (k.name, k.description, color, icon)
            })
            .collect();
        let ops: Vec<_> = [
            (EdgeOp::Sync, "request"),
            (EdgeOp::Async, "async message"),
            (EdgeOp::Both, "both ways"),
            (EdgeOp::Assoc, "association"),
        ]
        .into_iter()
        .filter(|(op, _)| scene.edges.iter().any(|e| e.op == *op))
        .collect();
        let entry_w = |(name, desc, _, _): &(&str, &str, String, &str)| {
            text_width(name, LEGEND_FONT, true) + text_width(desc, LEGEND_FONT, false) + 12.0
        };
        let column_w = kinds.iter().map(entry_w).fold(130.0, f64::max) + LEGEND_ICON + 24.0;
        let avail = (scene.width - 2.0 * MARGIN).max(column_w);
        let columns = ((avail / column_w).floor() as usize).clamp(1, kinds.len().max(1));
        let rows = kinds.len().div_ceil(columns);
        let replicas = scene.nodes.iter().find_map(SceneBox::replicas_badge);
        let flags: Vec<_> = FLAGS
            .into_iter()
            .map(|(_, words, icon)| (words, icon))
            // Pills in words explain themselves; icons need the legend.
            .filter(|f| f.1.is_some() && scene.nodes.iter().any(|n| n.flag_badges().contains(f)))
            .collect();
        let mut legend = Legend {
            width: columns as f64 * column_w,
            height: 30.0 + rows as f64 * LEGEND_ROW + MARGIN,
            kinds,
            ops,
            replicas,
            flags,
            columns,
            column_w,
        };
        let last_row = legend.last_row(0.0, &Theme::plain());
        if last_row.1 > 0.0 {
            legend.height += LEGEND_ROW;
            legend.width = legend.width.max(last_row.1);
        }
        legend
    }

    /// The legend drawn from `top` down.
    pub fn draw(&self, top: f64, t: &Theme) -> Group {
        let mut g = Group::new().set("id", "legend").set("class", "legend").add(
            Text::new("Legend")
                .set("x", num(MARGIN))
                .set("y", num(top + 16.0))
                .set("font-size", num(TITLE_FONT))
                .set("font-weight", "bold")
                .set("fill", t.text),
        );
        let row_y = |row: usize| top + 30.0 + row as f64 * LEGEND_ROW;
        for (i, (name, desc, color, icon_name)) in self.kinds.iter().enumerate() {
            let x = MARGIN + (i % self.columns) as f64 * self.column_w;
            let y = row_y(i / self.columns);
            g = icon(g, icon_name, x, y, LEGEND_ICON, color, t);
            let baseline = y + LEGEND_ICON / 2.0 + LEGEND_FONT * 0.35;
            g = g.add(
                Text::new("")
                    .set("x", num(x + LEGEND_ICON + 8.0))
                    .set("y", num(baseline))
                    .set("font-size", num(LEGEND_FONT))
                    .set("fill", t.text)
                    .add(TSpan::new(*name).set("font-weight", "bold"))
                    .add(TSpan::new(format!(" {}", desc.replace('`', ""))).set("fill", t.muted)),
            );
        }
        let y = row_y(self.kinds.len().div_ceil(self.columns)) + LEGEND_ICON / 2.0;
        g.add(self.last_row(y, t).0)
    }

    /// The row of edge operators and badges centred on `y`, and its width
    /// (0 when there is nothing to explain).
    fn last_row(&self, y: f64, t: &Theme) -> (Group, f64) {
        let mut g = Group::new();
        let mut x = MARGIN;
        let text = |x: f64, words: &str| {
            Text::new(words)
                .set("x", num(x))
                .set("y", num(y + LEGEND_FONT * 0.35))
                .set("font-size", num(LEGEND_FONT))
                .set("fill", t.text)
        };
        for (op, meaning) in &self.ops {
            let d = format!("M{},{} H{}", num(x + 2.0), num(y), num(x + 38.0));
            let line = with_heads(stroke_path(d, t.edge, "1.5"), *op);
            let words = format!("{op} {meaning}");
            g = g.add(line).add(text(x + 46.0, &words));
            x += 46.0 + text_width(&words, LEGEND_FONT, false) + 28.0;
        }
        if let Some(b) = &self.replicas {
            let w = pill_size(b, REPLICA_FONT).0;
            let words = "replicas (a range autoscales)";
            g = g
                .add(pill(b, x + w / 2.0, y, REPLICA_FONT, t.muted, t, true))
                .add(text(x + w + 6.0, words));
            x += w + 6.0 + text_width(words, LEGEND_FONT, false) + 28.0;
        }
        for flag in &self.flags {
            let w = flag_width(*flag);
            g = g
                .add(flag_badge(*flag, x, y, t.muted, t))
                .add(text(x + w + 6.0, flag.0));
            x += w + 6.0 + text_width(flag.0, LEGEND_FONT, false) + 28.0;
        }
        let width = if x > MARGIN { x - 28.0 - MARGIN } else { 0.0 };
        (g, width)
    }
}
