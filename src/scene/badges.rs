//! The badges on a component's border and where they are drawn: the replica
//! count on the top edge, at the right corner unless a line ends there, and
//! the flags (multi-AZ, autoscale, ...) along the bottom edge from the left.
//! Render draws them at these places; `render --stats` counts the
//! arrowheads under them.

use super::metrics::NODE_PAD_X;
use super::{Scene, SceneBox};
use crate::geometry::Rect;
use crate::text::text_width;
use serde_json::Value;
use std::collections::BTreeMap;

/// Font size of the replica badge's text (bold).
pub const REPLICA_FONT: f64 = 10.0;
/// Font size of a flag badge's words (bold).
pub const FLAG_FONT: f64 = 9.0;
/// Width of a flag badge drawn as an icon (it is as tall as wide).
const FLAG_ICON: f64 = 15.0;
/// Space between two flag badges.
const FLAG_GAP: f64 = 4.0;
/// Space between the replica badge and the box's right corner.
const REPLICA_INSET: f64 = 4.0;
/// Length of an arrowhead, as render draws it.
pub const HEAD_LENGTH: f64 = 10.0;
/// Half the width of an arrowhead.
pub const HEAD_HALF_WIDTH: f64 = 4.5;
/// How far from a badge a line must end to keep its arrowhead clear: half
/// an arrowhead's width and a little air.
const HEAD_CLEAR: f64 = 8.0;
/// The step the replica badge slides by along an edge of its box.
const SLIDE: f64 = 2.0;

/// The flags a component can carry: attribute, words, and the icon drawn
/// instead of the words (the words stay as the badge's tooltip).
pub const FLAGS: [(&str, &str, Option<&str>); 4] = [
    ("multi_az", "multi-AZ", None),
    ("autoscale", "autoscale", None),
    ("encrypted", "encrypted", Some("secrets")),
    ("public", "public", Some("internet")),
];

/// A flag as drawn: its words and the icon shown instead of them.
pub type Flag = (&'static str, Option<&'static str>);

/// The size of a pill with `text` in bold at `size`.
pub fn pill_size(text: &str, size: f64) -> (f64, f64) {
    (text_width(text, size, true) + 10.0, size + 6.0)
}

/// Width of a flag badge.
pub fn flag_width((words, icon): Flag) -> f64 {
    match icon {
        Some(_) => FLAG_ICON,
        None => pill_size(words, FLAG_FONT).0,
    }
}

impl SceneBox {
    /// The replica count as drawn on the badge: `×3`, or `2–6` for a range;
    /// None for a single instance.
    pub fn replicas_badge(&self) -> Option<String> {
        match self.attrs.get("replicas")? {
            Value::Number(n) => n.as_i64().filter(|n| *n > 1).map(|n| format!("×{n}")),
            Value::Object(range) => {
                let (min, max) = (range.get("min")?.as_i64()?, range.get("max")?.as_i64()?);
                Some(if min == max {
                    format!("×{min}")
                } else {
                    format!("{min}–{max}")
                })
            }
            _ => None,
        }
    }

    /// The flags shown as small badges under the component.
    pub fn flag_badges(&self) -> Vec<Flag> {
        FLAGS
            .into_iter()
            .filter(|(key, _, _)| self.attrs.get(*key).and_then(Value::as_bool) == Some(true))
            .map(|(_, words, icon)| (words, icon))
            .collect()
    }
}

/// Whether `p` lies on side `side` of `r` (0 top, 1 right, 2 bottom,
/// 3 left), within 1.
pub fn on_side(r: &Rect, p: [f64; 2], side: usize) -> bool {
    let within_x = p[0] >= r.left - 1.0 && p[0] <= r.right + 1.0;
    let within_y = p[1] >= r.top - 1.0 && p[1] <= r.bottom + 1.0;
    match side {
        0 => within_x && (p[1] - r.top).abs() < 1.0,
        1 => within_y && (p[0] - r.right).abs() < 1.0,
        2 => within_x && (p[1] - r.bottom).abs() < 1.0,
        _ => within_y && (p[0] - r.left).abs() < 1.0,
    }
}

/// The ends of the lines at one box: every line's end point there, and
/// each arrowhead there as its tip and the point the arrow comes from.
#[derive(Debug, Default)]
pub struct EndsAt {
    /// Every line's end point on the box.
    pub lines: Vec<[f64; 2]>,
    /// Every arrowhead on the box: tip, and the point it comes from.
    pub heads: Vec<([f64; 2], [f64; 2])>,
}

impl Scene {
    /// The ends of the lines at each box, by id.
    pub fn ends_at(&self) -> BTreeMap<&str, EndsAt> {
        let mut at: BTreeMap<&str, EndsAt> = BTreeMap::new();
        for e in &self.edges {
            let n = e.points.len();
            if n < 2 {
                continue;
            }
            at.entry(e.to.as_str())
                .or_default()
                .lines
                .push(e.points[n - 1]);
            at.entry(e.from.as_str())
                .or_default()
                .lines
                .push(e.points[0]);
            for (tip, from, box_id) in e.heads() {
                at.entry(box_id).or_default().heads.push((tip, from));
            }
        }
        at
    }

    /// Where each component's badges are drawn, by id (components with a
    /// badge only).
    pub fn badges(&self) -> BTreeMap<&str, Badges> {
        self.badges_with(&self.ends_at())
    }

    /// [`Scene::badges`], given the [`Scene::ends_at`] of the scene.
    pub fn badges_with(&self, ends: &BTreeMap<&str, EndsAt>) -> BTreeMap<&str, Badges> {
        let none = EndsAt::default();
        self.nodes
            .iter()
            .filter_map(|b| {
                let at = ends.get(b.id.as_str()).unwrap_or(&none);
                let flags = flag_rects(b, at);
                let replica = replica_rect(b, at, &flags);
                (replica.is_some() || !flags.is_empty())
                    .then_some((b.id.as_str(), Badges { replica, flags }))
            })
            .collect()
    }

    /// Arrowheads that a badge covers: the head's bounds overlap the
    /// replica badge or a flag of the box it ends at.
    pub fn heads_under_badges(&self) -> usize {
        let ends = self.ends_at();
        self.badges_with(&ends)
            .iter()
            .filter_map(|(id, badges)| Some((badges, ends.get(id)?)))
            .map(|(badges, at)| {
                at.heads
                    .iter()
                    .filter(|(tip, from)| {
                        let head = head_bounds(*tip, *from);
                        badges.rects().any(|r| r.overlaps(&head))
                    })
                    .count()
            })
            .sum()
    }
}

/// Where a component's badges are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Badges {
    /// The replica badge.
    pub replica: Option<Rect>,
    /// Each flag, left to right.
    pub flags: Vec<(Flag, Rect)>,
}

impl Badges {
    /// Every badge's rectangle.
    pub fn rects(&self) -> impl Iterator<Item = &Rect> {
        self.replica.iter().chain(self.flags.iter().map(|(_, r)| r))
    }
}

/// Whether a line ending at `x` on the side keeps its arrowhead clear of a
/// badge spanning `from..to` along it.
fn clear_of(x: f64, from: f64, to: f64) -> bool {
    x <= from - HEAD_CLEAR || x >= to + HEAD_CLEAR
}

/// The flags of `b`, left to right along the bottom edge from its left
/// corner, centred 2 above it. A flag skips past a line that ends under it
/// where there is room before the replica badge's corner.
fn flag_rects(b: &SceneBox, at: &EndsAt) -> Vec<(Flag, Rect)> {
    let r = b.rect();
    let cy = r.bottom - 2.0;
    let mut below: Vec<f64> = at
        .lines
        .iter()
        .filter(|p| on_side(&r, **p, 2))
        .map(|p| p[0])
        .collect();
    below.sort_by(f64::total_cmp);
    let mut x = r.left + NODE_PAD_X;
    b.flag_badges()
        .into_iter()
        .map(|flag| {
            let w = flag_width(flag);
            let h = if flag.1.is_some() {
                w
            } else {
                pill_size(flag.0, FLAG_FONT).1
            };
            let mut left = x;
            for &end in &below {
                if !clear_of(end, left, left + w) {
                    left = end + HEAD_CLEAR;
                }
            }
            if left + w > r.right - REPLICA_INSET {
                left = x;
            }
            x = left + w + FLAG_GAP;
            (flag, Rect::new(left, cy - h / 2.0, w, h))
        })
        .collect()
}

/// Where the replica badge of `b` is drawn, None without one. It sits on
/// the top edge at the right corner. Where a line ends under it there, it
/// slides left along the top edge to the first place clear of every line's
/// end, then the same along the bottom edge (from the right up to the
/// flags); failing both, to the first place clear of the arrowheads;
/// failing that it stays at the corner.
fn replica_rect(b: &SceneBox, at: &EndsAt, flags: &[(Flag, Rect)]) -> Option<Rect> {
    let (w, h) = pill_size(&b.replicas_badge()?, REPLICA_FONT);
    let r = b.rect();
    let corner = Rect::new(r.right - REPLICA_INSET - w, r.top - h / 2.0, w, h);
    let flags_end = flags.last().map_or(r.left, |(_, f)| f.right + FLAG_GAP);
    let clear = |spot: &Rect, side: usize, points: &[[f64; 2]]| {
        points
            .iter()
            .all(|&p| !on_side(&r, p, side) || clear_of(p[0], spot.left, spot.right))
    };
    // Right to left along one edge, from the corner to `stop`.
    let along = |side: usize, stop: f64| {
        let y = if side == 0 { r.top } else { r.bottom } - h / 2.0;
        let steps = ((corner.left - stop) / SLIDE).floor() as i64;
        (0..=steps).map(move |k| (Rect::new(corner.left - k as f64 * SLIDE, y, w, h), side))
    };
    let spots = || along(0, r.left + REPLICA_INSET).chain(along(2, flags_end));
    let heads: Vec<[f64; 2]> = at.heads.iter().map(|(tip, _)| *tip).collect();
    let spot = spots()
        .find(|(s, side)| clear(s, *side, &at.lines))
        .or_else(|| spots().find(|(s, side)| clear(s, *side, &heads)));
    Some(spot.map_or(corner, |(s, _)| s))
}

/// Where the pills of `render --simulate` and `render --fail` go on a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PillEdge {
    /// On the top edge, from 8 right of the left corner rightwards (`down`,
    /// `fails over …`; the replica badge is at the right).
    Top,
    /// On the bottom edge, from 6 left of the right corner leftwards
    /// (utilisation, overload; the flags are at the left).
    Bottom,
}

/// Where an overlay pill of `size` is drawn on `b`'s `edge`: at its
/// corner, or slid along the edge (in steps of 2) off the box's `badges`
/// to the place nearest the corner that covers the fewest arrowheads, then
/// the fewest line ends, on that edge; at the corner where every place is
/// on a badge.
pub fn pill_rect(
    b: &SceneBox,
    at: &EndsAt,
    badges: Option<&Badges>,
    size: (f64, f64),
    edge: PillEdge,
) -> Rect {
    let (w, h) = size;
    let r = b.rect();
    let (side, y, inset) = match edge {
        PillEdge::Top => (0, r.top, 8.0),
        PillEdge::Bottom => (2, r.bottom, 6.0),
    };
    let room = (r.width() - 2.0 * inset - w).max(0.0);
    let steps = (room / SLIDE).floor() as i64;
    let spot = |k: i64| {
        let left = match edge {
            PillEdge::Top => r.left + inset + k as f64 * SLIDE,
            PillEdge::Bottom => r.right - inset - w - k as f64 * SLIDE,
        };
        Rect::new(left, y - h / 2.0, w, h)
    };
    let off_badges = |s: &Rect| badges.is_none_or(|bs| bs.rects().all(|o| !o.overlaps(s)));
    let covered = |s: &Rect, points: &mut dyn Iterator<Item = [f64; 2]>| {
        points
            .filter(|&p| on_side(&r, p, side) && !clear_of(p[0], s.left, s.right))
            .count()
    };
    // Fewest arrowheads covered, then fewest line ends, then nearest the
    // corner.
    (0..=steps)
        .map(spot)
        .filter(off_badges)
        .min_by_key(|s| {
            let heads = covered(s, &mut at.heads.iter().map(|(tip, _)| *tip));
            (heads, covered(s, &mut at.lines.iter().copied()))
        })
        .unwrap_or_else(|| spot(0))
}

/// The bounds of an arrowhead drawn at `tip` on a line from `from`: the
/// head is [`HEAD_LENGTH`] long and twice [`HEAD_HALF_WIDTH`] wide.
pub fn head_bounds(tip: [f64; 2], from: [f64; 2]) -> Rect {
    let len = ((from[0] - tip[0]).powi(2) + (from[1] - tip[1]).powi(2)).sqrt();
    let back = if len < 1e-9 {
        tip
    } else {
        [
            tip[0] + (from[0] - tip[0]) / len * HEAD_LENGTH,
            tip[1] + (from[1] - tip[1]) / len * HEAD_LENGTH,
        ]
    };
    let r = Rect::spanning(tip, back);
    // Wide across the line only: the head ends at the tip.
    if (back[0] - tip[0]).abs() > (back[1] - tip[1]).abs() {
        Rect {
            top: r.top - HEAD_HALF_WIDTH,
            bottom: r.bottom + HEAD_HALF_WIDTH,
            ..r
        }
    } else {
        Rect {
            left: r.left - HEAD_HALF_WIDTH,
            right: r.right + HEAD_HALF_WIDTH,
            ..r
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::sides;
    use crate::layout::stats::readability;
    use crate::layout::testkit::{boxed, edge, page};
    use serde_json::json;

    /// `s` (200 × 60 at 100, 100) with `attrs`, and `a` above it; edges
    /// from `a` ending at `s` at `ends`, each from 60 straight out.
    fn scene_with(attrs: Value, ends: &[[f64; 2]]) -> Scene {
        let mut s = boxed("s", sides(100.0, 100.0, 300.0, 160.0));
        s.attrs = attrs.as_object().unwrap().clone();
        let a = boxed("a", sides(100.0, 0.0, 300.0, 40.0));
        let edges = ends
            .iter()
            .map(|&p| {
                let out = if p[1] <= 100.0 { -60.0 } else { 60.0 };
                edge("a", "s", vec![[p[0], p[1] + out], p])
            })
            .collect();
        page(vec![s, a], edges)
    }

    #[test]
    fn the_replica_badge_slides_off_an_arrowhead() {
        let replicas = json!({"replicas": {"min": 2, "max": 6}});
        let alone = scene_with(replicas.clone(), &[]);
        let corner = alone.badges()["s"].replica.unwrap();
        assert_eq!(corner.right, 296.0, "at the top-right corner");
        assert_eq!(corner.centre().y, 100.0, "on the top edge");
        // An arrow into the top under the corner: the badge moves left,
        // clear of the arrowhead, and still on the top edge.
        let s = scene_with(replicas, &[[290.0, 100.0]]);
        let moved = s.badges()["s"].replica.unwrap();
        assert!(moved.right <= 290.0 - HEAD_CLEAR, "{moved:?}");
        assert!(moved.right > 270.0, "no farther than it must: {moved:?}");
        assert_eq!(moved.centre().y, 100.0);
        assert_eq!(s.heads_under_badges(), 0);
        assert_eq!(readability(&s, true).hidden_arrowheads, 0);
    }

    #[test]
    fn an_arrowhead_under_a_badge_is_counted() {
        // Every 20 along the top and the bottom: no room for the badge, so
        // it stays at the corner, over the arrowheads at 270 and 290.
        let ends: Vec<[f64; 2]> = (0..10)
            .flat_map(|k| {
                let x = 110.0 + 20.0 * k as f64;
                [[x, 100.0], [x, 160.0]]
            })
            .collect();
        let crowded = scene_with(json!({"replicas": 3}), &ends);
        assert_eq!(crowded.badges()["s"].replica.unwrap().right, 296.0);
        assert_eq!(crowded.heads_under_badges(), 2);
        // A flag at the bottom-left of a box too narrow to skip past an
        // arrow coming up into it.
        let mut narrow = scene_with(json!({"multi_az": true}), &[[125.0, 160.0]]);
        narrow.nodes[0].width = 80.0;
        let (_, at) = narrow.badges()["s"].flags[0];
        assert!(at.left < 125.0 && at.right > 125.0, "{at:?}");
        assert_eq!(narrow.heads_under_badges(), 1);
        assert_eq!(readability(&narrow, true).hidden_arrowheads, 1);
    }

    #[test]
    fn flags_skip_past_a_line_that_ends_under_them() {
        let flags = json!({"multi_az": true, "autoscale": true});
        let alone = scene_with(flags.clone(), &[]);
        let [(_, a), (_, b)] = alone.badges()["s"].flags[..] else {
            panic!("two flags");
        };
        assert_eq!(a.left, 100.0 + NODE_PAD_X);
        assert_eq!(b.left, a.right + FLAG_GAP);
        // An arrow up into the first flag: both move past it, in order.
        let s = scene_with(flags, &[[125.0, 160.0]]);
        let [(_, a), (_, b)] = s.badges()["s"].flags[..] else {
            panic!("two flags");
        };
        assert!(a.left >= 125.0 + HEAD_CLEAR, "{a:?}");
        assert_eq!(b.left, a.right + FLAG_GAP);
        assert_eq!(s.heads_under_badges(), 0);
        // Into the top: the flags stay where they were.
        let top = scene_with(json!({"multi_az": true}), &[[125.0, 100.0]]);
        assert_eq!(top.badges()["s"].flags[0].1.left, 100.0 + NODE_PAD_X);
    }

    /// The overlay pill of `text` on `edge` of `s` in `scene`.
    fn pill_of(scene: &Scene, text: &str, edge: PillEdge) -> Rect {
        let ends = scene.ends_at();
        let badges = scene.badges_with(&ends);
        pill_rect(
            &scene.nodes[0],
            &ends["s"],
            badges.get("s"),
            pill_size(text, 10.0),
            edge,
        )
    }

    #[test]
    fn an_overlay_pill_slides_off_line_ends_and_badges() {
        // Alone: at the bottom-right corner, and top-left.
        let alone = scene_with(json!({}), &[[200.0, 100.0]]);
        let corner = pill_of(&alone, "87%", PillEdge::Bottom);
        assert_eq!((corner.right, corner.centre().y), (294.0, 160.0));
        assert_eq!(pill_of(&alone, "down", PillEdge::Top).left, 108.0);
        // A line leaves the bottom under the corner: the pill moves left,
        // no farther than it must.
        let s = scene_with(json!({}), &[[280.0, 160.0]]);
        let moved = pill_of(&s, "87%", PillEdge::Bottom);
        assert!(
            moved.right <= 280.0 - HEAD_CLEAR && moved.right > 268.0,
            "{moved:?}"
        );
        // Lines every 20 along the top but near the replica badge: the
        // pill keeps off the badge, covering as few ends as it can.
        let ends: Vec<[f64; 2]> = (0..8).map(|k| [110.0 + 20.0 * k as f64, 100.0]).collect();
        let crowded = scene_with(json!({"replicas": 3}), &ends);
        let replica = crowded.badges()["s"].replica.unwrap();
        let top = pill_of(&crowded, "down", PillEdge::Top);
        assert!(!top.overlaps(&replica), "{top:?} on {replica:?}");
        let under = |r: &Rect| {
            ends.iter()
                .filter(|p| !clear_of(p[0], r.left, r.right))
                .count()
        };
        let fewest = (0..100)
            .map(|k| Rect::new(108.0 + 2.0 * k as f64, top.top, top.width(), top.height()))
            .filter(|r| r.right <= 292.0 && !r.overlaps(&replica))
            .map(|r| under(&r))
            .min()
            .unwrap();
        assert_eq!(under(&top), fewest);
        // Flags along the bottom-left: a pill pushed left stops at them.
        let flagged = scene_with(
            json!({"autoscale": true}),
            &[[230.0, 160.0], [280.0, 160.0]],
        );
        let flag = flagged.badges()["s"].flags[0].1;
        let pill = pill_of(&flagged, "120%", PillEdge::Bottom);
        assert!(!pill.overlaps(&flag), "{pill:?} on {flag:?}");
    }
}
