//! Straightening: once every edge is routed, an edge that bends more than
//! its ends require is offered simpler shapes — straight, one bend (an L
//! into the side of its target), two bends through a channel (a Z) — and
//! takes the first that enters no box, title or caption, runs along no
//! other edge, crosses no more edges than before and leaves room for its
//! caption. Scene in, scene out; what the grid decided stays otherwise.

use super::detour::{Field, ancestors, caption_spot, field, in_captioned_trunk, rect_of};
use super::measure::edge_label_box;
use crate::geometry::{Rect, simplify};
use crate::scene::Scene;
use std::collections::HashSet;

/// Room kept between a straightened edge and the boxes it passes.
const CLEAR: f64 = 8.0;
/// Distance kept between a port and a box's corner.
const CORNER: f64 = 12.0;
/// Distance kept between a box's corner and a straight edge that replaces
/// a route with a staircase step: less than [`CORNER`], since the step is
/// the worse flaw, but clear of the corner's rounding (6 px).
const STRAIGHT_CORNER: f64 = 8.0;
/// Shortest first and last stretch (the last one carries the arrowhead).
const STUB: f64 = 16.0;
/// Bends past which an edge no simple shape straightens is searched for
/// afresh, by default.
pub const SEARCH_FROM: usize = 3;
/// Searches one straightening makes at most.
const SEARCHES: usize = 64;

/// Straightens every edge it can, the most bent first; two passes, since
/// one edge moving out of the way can free another.
pub fn straighten(scene: &mut Scene) {
    straighten_with(scene, None)
}

/// [`straighten`], and with `search: Some(from)`, an edge of more than
/// `from` bends (e.g. [`SEARCH_FROM`]) that no simple shape straightens is
/// routed afresh by the detour search when that bends less.
pub fn straighten_with(scene: &mut Scene, search: Option<usize>) {
    // A search's grid grows with the square of the boxes (see
    // `detour::MAX_BOXES`); one straightening makes at most SEARCHES.
    let mut searches = if search.is_some()
        && scene.nodes.len() + scene.containers.len() <= super::detour::MAX_BOXES
    {
        SEARCHES
    } else {
        0
    };
    let from = search.unwrap_or(usize::MAX);
    for _ in 0..2 {
        let mut order: Vec<usize> = (0..scene.edges.len())
            .filter(|&i| bends(&scene.edges[i].points) > 0)
            .collect();
        order.sort_by_key(|&i| std::cmp::Reverse(bends(&scene.edges[i].points)));
        let mut changed = false;
        for i in order {
            if let Some((points, label_pos)) = simpler(scene, i, &mut searches, from) {
                let e = &mut scene.edges[i];
                e.points = points;
                e.label_pos = label_pos;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    scene.round();
}

fn bends(points: &[[f64; 2]]) -> usize {
    points.len().saturating_sub(2)
}

/// A simpler route for edge `i`, with its caption's new place.
fn simpler(
    scene: &Scene,
    i: usize,
    searches: &mut usize,
    search_from: usize,
) -> Option<super::RoutedEdge> {
    let e = &scene.edges[i];
    if e.from == e.to || e.points.len() < 3 || in_captioned_trunk(scene, i) {
        return None;
    }
    let (src, dst) = (rect_of(scene, &e.from)?, rect_of(scene, &e.to)?);
    let up_from = ancestors(scene, &e.from);
    let up_to = ancestors(scene, &e.to);
    if up_from.contains(e.to.as_str()) || up_to.contains(e.from.as_str()) {
        return None;
    }
    let allowed: HashSet<&str> = up_from
        .iter()
        .chain(&up_to)
        .copied()
        .chain([e.from.as_str(), e.to.as_str()])
        .collect();
    let field = field(scene, i, &allowed, CLEAR, None);
    let crossings_now = crossings(&field, &e.points);
    let (caption, _) = e.caption();
    let now = bends(&e.points);
    let steps = super::stats::jogs(&e.points);
    // Simpler: fewer bends, or as many without a staircase step.
    let better = |route: &[[f64; 2]]| {
        let b = bends(route);
        b < now || (steps > 0 && b == now && super::stats::jogs(route) < steps)
    };
    for route in shapes(src, dst, &e.points) {
        if !better(&route) || !sound(&field, &route) || crossings(&field, &route) > crossings_now {
            continue;
        }
        let at = if caption.is_empty() {
            None
        } else {
            let Some(at) = caption_spot(scene, i, &route, edge_label_box(&caption)) else {
                continue;
            };
            Some(at)
        };
        if hides_more(scene, i, &route) {
            continue;
        }
        return Some((route, at));
    }
    // A long staircase: the cheapest route the detour search finds, when it
    // bends less and crosses no more.
    if *searches > 0 && now > search_from {
        *searches -= 1;
        let (route, at) = super::detour::route_one(scene, i, None)?;
        if bends(&route) < now
            && super::stats::jogs(&route) <= super::stats::jogs(&e.points)
            && sound(&field, &route)
            && crossings(&field, &route) <= crossings_now
            && !hides_more(scene, i, &route)
        {
            return Some((route, at));
        }
    }
    None
}

/// Whether edge `i` drawn along `route` would put more arrowheads under
/// the cards of its ends' replica stacks than it does now.
fn hides_more(scene: &Scene, i: usize, route: &[[f64; 2]]) -> bool {
    let e = &scene.edges[i];
    let stacked: Vec<&crate::scene::SceneBox> = scene
        .nodes
        .iter()
        .filter(|n| (n.id == e.from || n.id == e.to) && n.stacked())
        .collect();
    if stacked.is_empty() {
        return false;
    }
    let hidden = |s: &Scene| {
        let tips = s.arrow_tips();
        stacked
            .iter()
            .map(|n| super::stats::hidden_under(s, n, &tips))
            .sum::<usize>()
    };
    let mut after = scene.clone();
    after.edges[i].points = route.to_vec();
    hidden(&after) > hidden(scene)
}

fn crossings(field: &Field, route: &[[f64; 2]]) -> usize {
    route.windows(2).map(|w| field.meets(w[0], w[1]).0).sum()
}

/// No wall entered, no other edge run along, ends long enough to show.
fn sound(field: &Field, route: &[[f64; 2]]) -> bool {
    let n = route.len();
    let len = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() + (a[1] - b[1]).abs();
    len(route[0], route[1]) >= STUB
        && len(route[n - 2], route[n - 1]) >= STUB
        && route
            .windows(2)
            .all(|w| !field.blocked(w[0], w[1]) && field.meets(w[0], w[1]).1 == 0)
}

/// Candidate routes from `src` to `dst`, fewest bends first: straight
/// lines where the boxes face each other, L shapes into a side, Z shapes
/// through the channels the current route already uses.
fn shapes(src: Rect, dst: Rect, now: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let (first, last) = (now[0], now[now.len() - 1]);
    let within = port;
    let mut out: Vec<Vec<[f64; 2]>> = Vec::new();
    // Straight down (or up) where the boxes share a stretch across; and
    // its transpose, straight across.
    // A route with a staircase step may also run nearer the corners.
    let corner = if super::stats::jogs(now) > 0 {
        STRAIGHT_CORNER
    } else {
        CORNER
    };
    out.extend(straight_down(src, dst, first[0], last[0], corner));
    let swap = |p: &[f64; 2]| [p[1], p[0]];
    out.extend(
        straight_down(
            src.transposed(),
            dst.transposed(),
            first[1],
            last[1],
            corner,
        )
        .into_iter()
        .map(|r| r.iter().map(swap).collect()),
    );
    // L: down (or up) out of src, then across into a side of dst.
    for x in [first[0], src.centre().x] {
        let Some(x) = within(x, src.left, src.right) else {
            continue;
        };
        let y = dst.centre().y;
        let side = if x < dst.left {
            dst.left
        } else if x > dst.right {
            dst.right
        } else {
            continue;
        };
        let start = if y > src.bottom {
            src.bottom
        } else if y < src.top {
            src.top
        } else {
            continue;
        };
        out.push(vec![[x, start], [x, y], [side, y]]);
    }
    // L: across out of src, then down (or up) into dst.
    for x in [last[0], dst.centre().x] {
        let Some(x) = within(x, dst.left, dst.right) else {
            continue;
        };
        let y = src.centre().y;
        let end = if y < dst.top {
            dst.top
        } else if y > dst.bottom {
            dst.bottom
        } else {
            continue;
        };
        let start = if x > src.right {
            src.right
        } else if x < src.left {
            src.left
        } else {
            continue;
        };
        out.push(vec![[start, y], [x, y], [x, end]]);
    }
    // Z: down, across through a channel, down; and its transpose.
    out.extend(z_shapes(src, dst, now));
    let now_t: Vec<[f64; 2]> = now.iter().map(swap).collect();
    out.extend(
        z_shapes(src.transposed(), dst.transposed(), &now_t)
            .into_iter()
            .map(|r| r.iter().map(swap).collect()),
    );
    // The current route without one of its staircase steps.
    out.extend(unjogged(src, dst, now));
    out.sort_by_key(Vec::len);
    out
}

/// The route `now` with one staircase step (a run shorter than
/// [`JOG`](super::stats::JOG) between two bends) taken out, each way it
/// can be: the run before the step moved onto the line after it, or the
/// run after it onto the line before. An end moves along its side, kept
/// [`CORNER`] away from the corners.
fn unjogged(src: Rect, dst: Rect, now: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let n = now.len();
    let mut out = Vec::new();
    for k in 1..n.saturating_sub(2) {
        let d = [now[k + 1][0] - now[k][0], now[k + 1][1] - now[k][1]];
        if d[0].abs() + d[1].abs() >= super::stats::JOG {
            continue;
        }
        let shift = |p: [f64; 2], sign: f64| [p[0] + sign * d[0], p[1] + sign * d[1]];
        // The run before the step, moved forward.
        let mut before = now.to_vec();
        before[k - 1] = shift(now[k - 1], 1.0);
        before[k] = now[k + 1];
        if k > 1 || on_side(src, before[0]) {
            out.push(simplify(before));
        }
        // The run after the step, moved back.
        let mut after = now.to_vec();
        after[k + 1] = now[k];
        after[k + 2] = shift(now[k + 2], -1.0);
        if k + 2 < n - 1 || on_side(dst, after[n - 1]) {
            out.push(simplify(after));
        }
    }
    out
}

/// Whether `p` lies on a side of `r`, [`CORNER`] away from its ends.
fn on_side(r: Rect, p: [f64; 2]) -> bool {
    let on = |v: f64, a: f64, b: f64| (v - a).abs() < 0.01 || (v - b).abs() < 0.01;
    let along = |v: f64, lo: f64, hi: f64| v >= lo + CORNER - 0.01 && v <= hi - CORNER + 0.01;
    (on(p[0], r.left, r.right) && along(p[1], r.top, r.bottom))
        || (on(p[1], r.top, r.bottom) && along(p[0], r.left, r.right))
}

/// Straight lines down (or up) from `src` to `dst` where they share a
/// stretch across: at the current route's ends `first` and `last`, and at
/// the middle and quarters of the stretch.
fn straight_down(src: Rect, dst: Rect, first: f64, last: f64, corner: f64) -> Vec<Vec<[f64; 2]>> {
    let (lo, hi) = (src.left.max(dst.left), src.right.min(dst.right));
    let (Some(from_y), Some(to_y)) = vertical_gap(src, dst) else {
        return Vec::new();
    };
    [
        first,
        last,
        mid(lo, hi, 0.5),
        mid(lo, hi, 0.25),
        mid(lo, hi, 0.75),
    ]
    .into_iter()
    .filter_map(|x| port_at(x, lo, hi, corner))
    .map(|x| vec![[x, from_y], [x, to_y]])
    .collect()
}

/// Z shapes down out of `src`, across through a channel (one the current
/// route uses, or the middle of the gap), and down into `dst`.
fn z_shapes(src: Rect, dst: Rect, now: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let mut out = Vec::new();
    let (Some(from_y), Some(to_y)) = vertical_gap(src, dst) else {
        return out;
    };
    let (first, last) = (now[0], now[now.len() - 1]);
    let mut levels: Vec<f64> = now
        .windows(2)
        .filter(|w| (w[0][1] - w[1][1]).abs() < 0.01)
        .map(|w| w[0][1])
        .collect();
    levels.push((from_y + to_y) / 2.0);
    for y in levels {
        if (y - from_y).abs() < STUB
            || (y - to_y).abs() < STUB
            || (y - from_y).signum() != (to_y - y).signum()
        {
            continue;
        }
        for (xa, xb) in [(first[0], last[0]), (src.centre().x, dst.centre().x)] {
            let (Some(xa), Some(xb)) =
                (port(xa, src.left, src.right), port(xb, dst.left, dst.right))
            else {
                continue;
            };
            if (xa - xb).abs() > 0.5 {
                out.push(vec![[xa, from_y], [xa, y], [xb, y], [xb, to_y]]);
            }
        }
    }
    out
}

/// The point `t` of the way from `lo` to `hi`.
fn mid(lo: f64, hi: f64, t: f64) -> f64 {
    lo + (hi - lo) * t
}

/// `v` kept [`CORNER`] away from both ends of `lo..hi`; None when the side
/// is too short.
fn port(v: f64, lo: f64, hi: f64) -> Option<f64> {
    port_at(v, lo, hi, CORNER)
}

/// `v` kept `corner` away from both ends of `lo..hi`; None when the side
/// is too short.
fn port_at(v: f64, lo: f64, hi: f64, corner: f64) -> Option<f64> {
    (lo + corner <= hi - corner).then(|| v.clamp(lo + corner, hi - corner))
}

/// Where a vertical line leaves `src` and reaches `dst` when `dst` lies
/// wholly below or above it.
fn vertical_gap(src: Rect, dst: Rect) -> (Option<f64>, Option<f64>) {
    if src.bottom <= dst.top {
        (Some(src.bottom), Some(dst.top))
    } else if dst.bottom <= src.top {
        (Some(src.top), Some(dst.bottom))
    } else {
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::sides;
    use crate::layout::testkit::{boxed, edge};
    use crate::scene::{SceneBox, SceneEdge};

    /// A staircase step is taken out by moving the run before it or the
    /// run after it; an end only moves along its own side, clear of the
    /// corners.
    #[test]
    fn a_staircase_step_is_taken_out_either_way() {
        let src = sides(0.0, 20.0, 100.0, 80.0);
        let dst = sides(500.0, 20.0, 600.0, 80.0);
        let step = [[100.0, 50.0], [300.0, 50.0], [300.0, 60.0], [500.0, 60.0]];
        let ways = unjogged(src, dst, &step);
        assert!(
            ways.contains(&vec![[100.0, 60.0], [500.0, 60.0]]),
            "{ways:?}"
        );
        assert!(
            ways.contains(&vec![[100.0, 50.0], [500.0, 50.0]]),
            "{ways:?}"
        );
        // Near a corner of the source, only the far end may move.
        let low = [[100.0, 70.0], [300.0, 70.0], [300.0, 80.0], [500.0, 80.0]];
        let ways = unjogged(src, sides(500.0, 20.0, 600.0, 120.0), &low);
        assert_eq!(ways, vec![vec![[100.0, 70.0], [500.0, 70.0]]]);
        // A step in the middle of a longer route moves an inner run.
        let long = [
            [100.0, 50.0],
            [200.0, 50.0],
            [200.0, 150.0],
            [210.0, 150.0],
            [210.0, 300.0],
            [550.0, 300.0],
            [550.0, 80.0],
        ];
        let ways = unjogged(src, dst, &long);
        let expect = vec![
            [100.0, 50.0],
            [210.0, 50.0],
            [210.0, 300.0],
            [550.0, 300.0],
            [550.0, 80.0],
        ];
        assert!(ways.contains(&expect), "{ways:?}");
        // Runs of a full jog length or more are not steps.
        assert!(
            unjogged(
                src,
                dst,
                &[[100.0, 50.0], [300.0, 50.0], [300.0, 74.0], [500.0, 74.0]]
            )
            .is_empty()
        );
    }

    /// Two boxes that overlap across the flow by 18 px: a straight line
    /// kept 12 px from both corners does not fit, so a route with a step
    /// keeps it; a line 8 px from the corners does, and replaces the step
    /// (rag-chatbot's `chunker -> ingest_dlq`).
    #[test]
    fn a_step_between_boxes_that_barely_overlap_goes_straight() {
        let src = sides(0.0, 853.0, 195.0, 906.0);
        let dst = sides(500.0, 818.0, 659.0, 871.0);
        let step = [
            [195.0, 863.0],
            [219.0, 863.0],
            [219.0, 852.0],
            [500.0, 852.0],
        ];
        let straight = |route: &[[f64; 2]]| {
            shapes(src, dst, route)
                .into_iter()
                .filter(|r| r.len() == 2)
                .collect::<Vec<_>>()
        };
        let lines = straight(&step);
        assert!(!lines.is_empty());
        for l in &lines {
            assert!(l[0][1] >= 853.0 + STRAIGHT_CORNER && l[0][1] <= 871.0 - STRAIGHT_CORNER);
        }
        // Without a step, the corners keep their full distance.
        let plain = [
            [195.0, 880.0],
            [300.0, 880.0],
            [300.0, 840.0],
            [500.0, 840.0],
        ];
        assert!(straight(&plain).is_empty());
    }

    fn scene(nodes: Vec<SceneBox>, edges: Vec<SceneEdge>) -> Scene {
        Scene {
            width: 800.0,
            height: 800.0,
            title: None,
            nodes,
            containers: Vec::new(),
            edges,
        }
    }

    /// Two boxes one above the other with a dogleg between them: the edge
    /// becomes one straight line.
    #[test]
    fn a_dogleg_between_facing_boxes_becomes_straight() {
        let mut s = scene(
            vec![
                boxed("a", sides(100.0, 100.0, 220.0, 150.0)),
                boxed("b", sides(140.0, 300.0, 260.0, 350.0)),
            ],
            vec![edge(
                "a",
                "b",
                vec![
                    [120.0, 150.0],
                    [120.0, 220.0],
                    [240.0, 220.0],
                    [240.0, 300.0],
                ],
            )],
        );
        straighten(&mut s);
        assert_eq!(s.edges[0].points.len(), 2, "{:?}", s.edges[0].points);
        let [a, b] = [s.edges[0].points[0], s.edges[0].points[1]];
        assert_eq!(a[0], b[0]);
        assert_eq!((a[1], b[1]), (150.0, 300.0));
    }

    /// An edge into a container may enter beside the container's title,
    /// never under it: the straight line is taken where it clears the
    /// title, and where every straight line would pass under the title the
    /// dogleg stays.
    #[test]
    fn an_edge_enters_a_container_beside_its_title() {
        let mut net = boxed("net", sides(0.0, 200.0, 400.0, 500.0));
        net.label = "Private data A".into();
        let title = crate::scene::metrics::title_patch(net.rect(), &net.label);
        let straight_after = |a: Rect, b: Rect, route: Vec<[f64; 2]>| {
            let mut inner = boxed("b", b);
            inner.parent = Some("net".into());
            let mut s = scene(vec![boxed("a", a), inner], vec![edge("a", "b", route)]);
            s.containers.push(net.clone());
            straighten(&mut s);
            s.edges[0].points.clone()
        };
        // Beside the title: straight, clear of the patch.
        let wide = straight_after(
            sides(100.0, 50.0, 220.0, 100.0),
            sides(120.0, 300.0, 240.0, 350.0),
            vec![
                [120.0, 100.0],
                [120.0, 150.0],
                [230.0, 150.0],
                [230.0, 300.0],
            ],
        );
        assert_eq!(wide.len(), 2, "{wide:?}");
        assert!(wide[0][0] > title.right + CLEAR, "{wide:?} under {title:?}");
        // Under the title whatever the line: the route keeps its bends.
        let route = vec![[30.0, 100.0], [30.0, 150.0], [120.0, 150.0], [120.0, 300.0]];
        let under = straight_after(
            sides(20.0, 50.0, 140.0, 100.0),
            sides(20.0, 300.0, 140.0, 350.0),
            route.clone(),
        );
        assert!(title.right + CLEAR > 140.0 - CORNER, "{title:?}");
        assert_eq!(under, route);
    }

    /// A box in the way keeps the edge's bends: nothing is drawn through it.
    #[test]
    fn a_box_in_the_way_keeps_the_route() {
        let route = vec![
            [120.0, 150.0],
            [120.0, 200.0],
            [40.0, 200.0],
            [40.0, 350.0],
            [120.0, 350.0],
            [120.0, 400.0],
        ];
        let mut s = scene(
            vec![
                boxed("a", sides(100.0, 100.0, 140.0, 150.0)),
                boxed("b", sides(100.0, 400.0, 140.0, 450.0)),
                boxed("wall", sides(60.0, 250.0, 200.0, 300.0)),
            ],
            vec![edge("a", "b", route.clone())],
        );
        // Every simpler shape crosses `wall`.
        straighten(&mut s);
        let broken = crate::layout::check::violations(&s, crate::layout::check::Contract::ALL);
        assert!(broken.is_empty(), "{broken:?}");
        assert_eq!(s.edges[0].points, route);
    }
}
