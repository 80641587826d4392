//! Taking crossings out of a finished drawing: the edges that cross others,
//! the most crossed first, are routed afresh by the detour search with a
//! crossing weighing like each of [`WEIGHTS`] bends, and a new route is kept
//! when the whole drawing reads better for it. Bends are what it spends:
//! the routing before weighs a crossing below a bend, which leaves
//! drawings with bends to spare and crossings a reader would rather not
//! follow. Edges of [`BENT`] bends or more that cross nothing are tried
//! last, and a route that bends less without crossing more is kept too.
//! Then edges that cross by their ports trade them, and what is left over
//! the readability limits (jogs, more than 1.5 bends per edge) is trimmed
//! where a route afresh can. Scene in, scene out.

use super::DENSE_FROM;
use super::detour::{
    BEND, MAX_BOXES, MOST_BENDS, caption_spot, in_captioned_trunk, length, rect_of, route_weighing,
};
use super::measure::edge_label_box;
use super::stats::{Readability, hugs_a_border, readability};
use crate::scene::Scene;

/// What a crossing weighs, in bends, in the searches made while crossings
/// are taken out: heavy first, for the route that crosses least, lighter
/// when that one runs too far round.
const WEIGHTS: [f64; 3] = [20.0, 8.0, 3.0];

/// How much longer a route may get for each crossing it saves.
const LONGER_PER_CROSSING: f64 = 400.0;

/// How much longer a route may get for each bend it saves.
const LONGER_PER_BEND: f64 = 200.0;

/// Bends from which an edge that crosses nothing is routed afresh too.
const BENT: usize = 3;

/// Edges tried at most, both passes together (each with up to one search
/// per weight, and each new route weighs the whole drawing).
const SEARCHES: usize = 48;

/// Mean bends per edge the drawing keeps within while it spends bends on
/// crossings (the readability limit of issue #8).
pub(super) const MEAN_BENDS: f64 = 1.5;

/// Routes afresh, one at a time, the edges that cross others (then those
/// of [`BENT`] bends or more) and keeps a new route when the drawing shows
/// no more flaws (staircase jogs, edges over [`MOST_BENDS`] bends,
/// captions far from their edge or nearer another, hidden arrowheads,
/// shared lanes, edges along a border) and either crosses less, bending
/// at most one more for each crossing saved, within [`MEAN_BENDS`] per
/// edge, or crosses as much and bends less. Two passes: a route that
/// moved can free another. Then [`swap_ends`] and [`trim`].
pub fn uncross(scene: &mut Scene) {
    if scene.nodes.len() + scene.containers.len() > MAX_BOXES || scene.edges.len() < 2 {
        return;
    }
    // Each search grows with the drawing: a dense one gets fewer, in
    // proportion to its edges over DENSE_FROM.
    let mut searches = SEARCHES * DENSE_FROM / scene.edges.len().max(DENSE_FROM);
    for _ in 0..2 {
        let crossed = crossings_per_edge(scene);
        let mut order: Vec<usize> = (0..scene.edges.len()).filter(|&i| crossed[i] > 0).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(crossed[i]), i));
        // Then the edges of many bends that cross nothing, most bends first.
        let bends = |i: usize| scene.edges[i].points.len().saturating_sub(2);
        let mut bent: Vec<usize> = (0..scene.edges.len())
            .filter(|&i| crossed[i] == 0 && bends(i) >= BENT)
            .collect();
        bent.sort_by_key(|&i| (std::cmp::Reverse(bends(i)), i));
        order.extend(bent);
        let mut changed = false;
        for i in order {
            if searches == 0 {
                break;
            }
            if !movable(scene, i) {
                continue;
            }
            searches -= 1;
            changed |= try_route(scene, i);
        }
        if !changed {
            break;
        }
    }
    swap_ends(scene);
    trim(
        scene,
        SEARCHES * DENSE_FROM / scene.edges.len().max(DENSE_FROM),
    );
    bring_home(scene);
    scene.round();
}

/// Crossings a route may add to bring an edge back inside the container
/// that holds both its ends.
const CROSSINGS_TO_COME_HOME: i64 = 2;

/// Edges that go out of a container holding both their ends and come back
/// in (round the outside of their VPC: a flow that reads as leaving it)
/// are routed afresh with a toll on every stretch outside, and the new
/// route kept where it stays inside, adds no other flaw, crosses at most
/// [`CROSSINGS_TO_COME_HOME`] edges more and bends no more than the
/// drawing may.
fn bring_home(scene: &mut Scene) {
    let out: Vec<usize> = (0..scene.edges.len())
        .filter(|&i| super::stats::out_and_back(scene, &scene.edges[i], &scene.edges[i].points))
        .collect();
    let edges = scene.edges.len() as f64;
    for i in out {
        retry(scene, i, &WEIGHTS, true, |scene, before, after, _| {
            let added = after.crossings as i64 - before.crossings as i64;
            let bends_added = (after.bends_mean - before.bends_mean) * edges;
            after.out_and_back < before.out_and_back
                && flaws(scene, after) <= flaws(scene, before)
                && added <= CROSSINGS_TO_COME_HOME
                && (bends_added <= 0.5 || after.bends_mean <= MEAN_BENDS + 1e-9)
        });
    }
}

/// What a crossing weighs, in bends, in the searches of [`trim`]: less
/// than a bend, so that the route of fewest bends is found.
const TRIM_WEIGHTS: [f64; 2] = [0.9, 0.4];

/// Crossings a route may add to take out a staircase jog: a few, though a
/// flaw outweighs thousands of crossings in the choice among finished
/// pictures (`global::FLAW`), so that one edge is not traded for a tangle
/// here, where the other candidates are not in view.
const CROSSINGS_PER_JOG: i64 = 2;

/// The readability limits that the passes before may leave unmet, met
/// where a route afresh can: each edge with a staircase jog is routed
/// again, and a route kept that has fewer flaws, at most
/// [`CROSSINGS_PER_JOG`] crossings more and no more bends than the
/// drawing may have; then, where the drawing bends more than
/// [`MEAN_BENDS`] per edge, the edges of most bends are routed afresh, most
/// bends first, until the mean is within it: a route is kept that bends
/// less, crosses at most one edge more for each bend saved, and adds no
/// flaw. Routes are searched with a crossing weighing less than a bend.
fn trim(scene: &mut Scene, searches: usize) {
    let edges = scene.edges.len();
    let bends = |s: &Scene, i: usize| s.edges[i].points.len().saturating_sub(2);
    let total = |s: &Scene| (0..edges).map(|i| bends(s, i)).sum::<usize>();
    let limit = MEAN_BENDS * edges as f64 + 1e-9;
    let mut left = searches;
    let jogged: Vec<usize> = (0..edges)
        .filter(|&i| super::stats::jogs(&scene.edges[i].points) > 0)
        .collect();
    for i in jogged {
        if left == 0 {
            return;
        }
        left -= 1;
        let was = total(scene) as f64;
        retry(scene, i, &TRIM_WEIGHTS, false, |scene, before, after, _| {
            let added = after.crossings as i64 - before.crossings as i64;
            let now = total(scene) as f64;
            flaws(scene, after) < flaws(scene, before)
                && added <= CROSSINGS_PER_JOG
                && (now <= was || now <= limit)
        });
    }
    if total(scene) as f64 <= limit {
        return;
    }
    let mut order: Vec<usize> = (0..edges).filter(|&i| bends(scene, i) >= 2).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(bends(scene, i)), i));
    for i in order.into_iter().take(left) {
        if total(scene) as f64 <= limit {
            return;
        }
        retry(
            scene,
            i,
            &TRIM_WEIGHTS,
            false,
            |scene, before, after, old| {
                let saved = old.len() as i64 - scene.edges[i].points.len() as i64;
                let added = after.crossings as i64 - before.crossings as i64;
                saved > 0 && added <= saved && flaws(scene, after) <= flaws(scene, before)
            },
        );
    }
}

/// Edge `i` routed afresh with a crossing weighing each of `weights`
/// bends in turn, the first new route kept that `keep` accepts, given the
/// drawing with it, the drawing's readability before and after, and the
/// route it replaced; whether one was. Each rejected route is put back.
/// A member of a trunk whose caption another member draws shows its own
/// caption on a new route (`merge_captions`, after, says it once again
/// where the edge still runs with the trunk).
fn retry(
    scene: &mut Scene,
    i: usize,
    weights: &[f64],
    home: bool,
    keep: impl Fn(&Scene, &Readability, &Readability, &Path) -> bool,
) -> bool {
    if !movable(scene, i) {
        return false;
    }
    let mut tried: Vec<Path> = vec![scene.edges[i].points.clone()];
    let before = readability(scene, false);
    let shared = std::mem::replace(&mut scene.edges[i].caption_shared, false);
    for &weight in weights {
        let Some((points, label_pos)) = route_weighing(scene, i, None, weight * BEND, home) else {
            // No route: the caption is put back as it was, below.
            break;
        };
        if tried.contains(&points)
            || hugs_a_border(scene, &points)
            || super::stats::out_and_back(scene, &scene.edges[i], &points)
        {
            continue;
        }
        tried.push(points.clone());
        let old = std::mem::replace(&mut scene.edges[i].points, points);
        let old_at = std::mem::replace(&mut scene.edges[i].label_pos, label_pos);
        let after = readability(scene, false);
        if keep(scene, &before, &after, &old) {
            return true;
        }
        scene.edges[i].points = old;
        scene.edges[i].label_pos = old_at;
    }
    scene.edges[i].caption_shared = shared;
    false
}

/// Whether [`retry`] may route edge `i` afresh: not a loop, nor the
/// member of a trunk that draws the caption the others share (moving it
/// would take the caption off the trunk). A member whose caption another
/// draws may move; it then shows its own.
fn movable(scene: &Scene, i: usize) -> bool {
    let e = &scene.edges[i];
    e.from != e.to && (e.caption_shared || !in_captioned_trunk(scene, i))
}

/// Whether edge `i` keeps its ports in [`swap_ends`]: a loop, or a member
/// of a trunk whose caption one member draws for all (a swapped port would
/// take a member off the trunk and leave its caption behind).
fn pinned(scene: &Scene, i: usize) -> bool {
    let e = &scene.edges[i];
    e.from == e.to || e.caption_shared || in_captioned_trunk(scene, i)
}

/// An edge's route: its points, from tail to head.
type Path = Vec<[f64; 2]>;

/// A stretch shorter than this at an edge's end is a stub: the edge leaves
/// its box at a corner and turns at once.
const STUB: f64 = 4.0;

/// Room kept between a port and its box's corner.
const CORNER: f64 = 6.0;

/// Two edges that leave one box on one side, side by side, and cross
/// because the one that turns away nearer leaves on the far side of the
/// other: their ports swapped, the crossing goes without a bend more. The
/// routes one search finds one edge at a time cannot do this (each port
/// is the other's). A swap is kept when the drawing reads better (see
/// [`better`]) and keeps the geometric contract.
fn swap_ends(scene: &mut Scene) {
    let contract = super::check::Contract::ALL;
    let mut swaps = SEARCHES;
    let crossed = crossings_per_edge(scene);
    let pairs: Vec<(usize, usize)> = (0..scene.edges.len())
        .filter(|&i| crossed[i] > 0)
        .flat_map(|i| (i + 1..scene.edges.len()).map(move |j| (i, j)))
        .filter(|&(_, j)| crossed[j] > 0)
        .collect();
    for (i, j) in pairs {
        if swaps == 0 {
            return;
        }
        let Some([pi, pj]) = swapped(scene, i, j) else {
            continue;
        };
        swaps -= 1;
        let before = readability(scene, false);
        let broken = super::check::violations(scene, contract).len();
        let old = [
            (scene.edges[i].points.clone(), scene.edges[i].label_pos),
            (scene.edges[j].points.clone(), scene.edges[j].label_pos),
        ];
        for (k, points) in [(i, pi), (j, pj)] {
            scene.edges[k].points = points;
            let (caption, _) = scene.edges[k].caption();
            if !caption.is_empty() {
                let size = edge_label_box(&caption);
                let spot = caption_spot(scene, k, &scene.edges[k].points, size);
                scene.edges[k].label_pos = spot.or(scene.edges[k].label_pos);
            }
        }
        let after = readability(scene, false);
        if better(scene, &before, &after)
            && super::check::violations(scene, contract).len() <= broken
        {
            continue;
        }
        for (k, (points, at)) in [i, j].into_iter().zip(old) {
            scene.edges[k].points = points;
            scene.edges[k].label_pos = at;
        }
    }
}

/// The routes of edges `i` and `j` with their ports on a box they share
/// swapped, where both leave that box on one side, turn, and cross each
/// other; None otherwise.
fn swapped(scene: &Scene, i: usize, j: usize) -> Option<[Path; 2]> {
    let (a, b) = (&scene.edges[i], &scene.edges[j]);
    if pinned(scene, i)
        || pinned(scene, j)
        || !a
            .points
            .windows(2)
            .any(|u| b.points.windows(2).any(|v| cross(u[0], u[1], v[0], v[1])))
    {
        return None;
    }
    for (ea, fa) in [(&a.from, false), (&a.to, true)] {
        for (eb, fb) in [(&b.from, false), (&b.to, true)] {
            if ea != eb {
                continue;
            }
            let r = rect_of(scene, ea)?;
            let pa = leaving(&a.points, fa)?;
            let pb = leaving(&b.points, fb)?;
            if pa.axis != pb.axis || pa.toward != pb.toward {
                continue;
            }
            let (lo, hi) = if pa.axis == 0 {
                (r.top + CORNER, r.bottom - CORNER)
            } else {
                (r.left + CORNER, r.right - CORNER)
            };
            let (la, lb) = (pa.lane.clamp(lo, hi), pb.lane.clamp(lo, hi));
            if (la - lb).abs() < STUB * 2.0 {
                continue;
            }
            let side = match (pa.axis, pa.toward > 0.0) {
                (0, true) => r.right,
                (0, false) => r.left,
                (_, true) => r.bottom,
                (_, false) => r.top,
            };
            return Some([pa.moved(side, lb, fa), pb.moved(side, la, fb)]);
        }
    }
    None
}

/// How an edge leaves a box: along which axis its first stretch runs
/// (0: across, x), toward which way, on which lane, and the rest of the
/// route from the stretch's far end on (read from the box).
struct Leaving {
    axis: usize,
    toward: f64,
    lane: f64,
    turn: f64,
    rest: Vec<[f64; 2]>,
}

impl Leaving {
    /// The route with this end leaving `side` on `lane`, in the edge's own
    /// direction (`reversed`: the box is its head).
    fn moved(&self, side: f64, lane: f64, reversed: bool) -> Vec<[f64; 2]> {
        let at = |along: f64| {
            if self.axis == 0 {
                [along, lane]
            } else {
                [lane, along]
            }
        };
        let mut out = vec![at(side), at(self.turn)];
        out.extend(self.rest.iter().copied());
        if reversed {
            out.reverse();
        }
        out
    }
}

/// The first stretch of `points` read from its start (from its end where
/// `reversed`), past a stub, where a stretch at right angles follows it.
fn leaving(points: &[[f64; 2]], reversed: bool) -> Option<Leaving> {
    let mut p: Vec<[f64; 2]> = points.to_vec();
    if reversed {
        p.reverse();
    }
    let run = |k: usize| (p[k + 1][0] - p[k][0]).abs() + (p[k + 1][1] - p[k][1]).abs();
    let k = usize::from(p.len() > 3 && run(0) < STUB);
    if p.len() < k + 3 {
        return None;
    }
    let axis = if (p[k][1] - p[k + 1][1]).abs() < 1e-9 {
        0
    } else {
        1
    };
    let other = 1 - axis;
    // The next stretch runs at right angles and keeps going.
    if (p[k + 1][axis] - p[k + 2][axis]).abs() > 1e-9 || run(k + 1) < STUB {
        return None;
    }
    Some(Leaving {
        axis,
        toward: (p[k + 1][axis] - p[k][axis]).signum(),
        lane: p[k][other],
        turn: p[k + 1][axis],
        rest: p[k + 2..].to_vec(),
    })
}

/// Edge `i` routed afresh with a crossing weighing each of [`WEIGHTS`]
/// bends in turn, the first route that makes the drawing read better (see
/// [`uncross`]) kept; whether one was.
fn try_route(scene: &mut Scene, i: usize) -> bool {
    retry(scene, i, &WEIGHTS, false, |scene, before, after, old| {
        let new = &scene.edges[i].points;
        let longer = length(new) - length(old);
        let fewer_bends = old.len() as f64 - new.len() as f64;
        let saved = before.crossings as f64 - after.crossings as f64;
        better(scene, before, after)
            && longer <= LONGER_PER_CROSSING * saved + LONGER_PER_BEND * fewer_bends.max(0.0)
    })
}

/// Whether `after` reads better than `before` by the rule of [`uncross`].
fn better(scene: &Scene, before: &Readability, after: &Readability) -> bool {
    let edges = scene.edges.len() as f64;
    let bends = |r: &Readability| (r.bends_mean * edges).round() as i64;
    let saved = before.crossings as i64 - after.crossings as i64;
    let added = bends(after) - bends(before);
    let uncrossed =
        saved > 0 && added <= saved && (added <= 0 || after.bends_mean <= MEAN_BENDS + 1e-9);
    let straighter = saved == 0 && added < 0;
    (uncrossed || straighter) && flaws(scene, after) <= flaws(scene, before)
}

/// The flaws a new route may not add.
fn flaws(scene: &Scene, r: &Readability) -> usize {
    let over = scene
        .edges
        .iter()
        .filter(|e| e.points.len().saturating_sub(2) > MOST_BENDS)
        .count();
    r.jogs
        + over
        + r.labels_far
        + r.labels_ambiguous
        + r.hidden_arrowheads
        + r.shared_lanes
        + r.borders_hugged
}

/// How many proper crossings with other edges each edge has, pair by pair:
/// the sweep of [`super::stats`] adds up counts and never learns which
/// horizontal segments a vertical one crosses.
fn crossings_per_edge(scene: &Scene) -> Vec<usize> {
    let segments: Vec<(usize, [f64; 2], [f64; 2])> = scene
        .edges
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.points.windows(2).map(move |w| (i, w[0], w[1])))
        .collect();
    let mut count = vec![0; scene.edges.len()];
    for (k, &(i, a, b)) in segments.iter().enumerate() {
        for &(j, c, d) in &segments[k + 1..] {
            if i != j && cross(a, b, c, d) {
                count[i] += 1;
                count[j] += 1;
            }
        }
    }
    count
}

/// Whether two axis-parallel segments cross properly: one horizontal, one
/// vertical, each passing strictly between the other's ends.
fn cross(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> bool {
    let horizontal = |p: [f64; 2], q: [f64; 2]| (p[1] - q[1]).abs() < 1e-9;
    let (h, v) = match (horizontal(a, b), horizontal(c, d)) {
        (true, false) => ((a, b), (c, d)),
        (false, true) => ((c, d), (a, b)),
        _ => return false,
    };
    let (x, y) = (v.0[0], h.0[1]);
    let strictly = |t: f64, p: f64, q: f64| t > p.min(q) + 1e-6 && t < p.max(q) - 1e-6;
    strictly(x, h.0[0], h.1[0]) && strictly(y, v.0[1], v.1[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::sides;
    use crate::layout::testkit::{boxed, edge, page};

    /// `s` with two edges leaving its left side and turning down, the one
    /// that turns nearer leaving above the other: `near_lane` and
    /// `far_lane` are where they leave.
    fn fork(near_lane: f64, far_lane: f64) -> Scene {
        page(
            vec![
                boxed("s", sides(400.0, 100.0, 600.0, 160.0)),
                boxed("near", sides(250.0, 400.0, 350.0, 450.0)),
                boxed("far", sides(50.0, 400.0, 150.0, 450.0)),
            ],
            vec![
                edge(
                    "s",
                    "near",
                    vec![[400.0, near_lane], [300.0, near_lane], [300.0, 400.0]],
                ),
                edge(
                    "far",
                    "s",
                    vec![[100.0, 400.0], [100.0, far_lane], [400.0, far_lane]],
                ),
            ],
        )
    }

    /// A fan-out of two on one trunk, whose caption the edge to `web_a`
    /// draws for both, crosses a fence edge. The holder of the caption may
    /// not move while the other shares it; the edge to `web_b` may: it
    /// leave the trunk and show its own caption, and then the edge to
    /// `web_a` is free to go round the fence's head.
    #[test]
    fn a_member_whose_caption_another_draws_may_leave_its_trunk() {
        let lane = |to: &str, points: Vec<[f64; 2]>| {
            let mut e = edge("lb", to, points);
            e.label = Some("HTTP :8080".into());
            e.caption_text = crate::scene::Caption::new(vec!["HTTP :8080".into()], 1);
            e
        };
        let mut scene = page(
            vec![
                boxed("lb", sides(20.0, 200.0, 140.0, 250.0)),
                boxed("web_a", sides(660.0, 50.0, 780.0, 100.0)),
                boxed("web_b", sides(660.0, 400.0, 780.0, 450.0)),
                boxed("f1", sides(280.0, 120.0, 320.0, 150.0)),
                boxed("f2", sides(280.0, 300.0, 320.0, 330.0)),
            ],
            vec![
                lane(
                    "web_a",
                    vec![[140.0, 225.0], [450.0, 225.0], [450.0, 75.0], [660.0, 75.0]],
                ),
                lane(
                    "web_b",
                    vec![
                        [140.0, 225.0],
                        [450.0, 225.0],
                        [450.0, 425.0],
                        [660.0, 425.0],
                    ],
                ),
                edge("f1", "f2", vec![[300.0, 150.0], [300.0, 300.0]]),
            ],
        );
        let points = scene.edges[0].points.clone();
        let size = edge_label_box(&scene.edges[0].caption().0);
        scene.edges[0].label_pos = Some([380.0, 211.0]);
        assert!(caption_spot(&scene, 0, &points, size).is_some());
        scene.edges[1].caption_shared = true;
        let before = readability(&scene, false);
        assert_eq!(before.crossings, 2);
        assert_eq!(before.labels_far + before.labels_ambiguous, 0);
        assert!(in_captioned_trunk(&scene, 0) && !movable(&scene, 0));
        assert!(movable(&scene, 1));
        uncross(&mut scene);
        let after = readability(&scene, false);
        assert!(after.crossings < before.crossings, "{:?}", scene.edges);
        assert_eq!(after.labels_far + after.labels_ambiguous, 0);
        // Once no member shares it, the holder's caption is its own, and
        // it may move too: each edge shows its caption.
        for e in &scene.edges[..2] {
            assert!(!e.caption_shared && e.caption_box().is_some(), "{e:?}");
        }
    }

    /// An edge from a trunk's source that reads another caption (a
    /// service's own call beside its trunk to a database) is not a member
    /// of the trunk: it may move, while the trunk's members may not.
    #[test]
    fn an_edge_beside_a_captioned_trunk_is_not_in_it() {
        let reading = |to: &str, text: &str| {
            let mut e = edge("lb", to, vec![[140.0, 225.0], [660.0, 225.0]]);
            e.caption_text = crate::scene::Caption::new(vec![text.into()], 1);
            e
        };
        let mut scene = page(
            vec![
                boxed("lb", sides(20.0, 200.0, 140.0, 250.0)),
                boxed("a", sides(660.0, 50.0, 780.0, 100.0)),
                boxed("b", sides(660.0, 200.0, 780.0, 250.0)),
                boxed("c", sides(660.0, 400.0, 780.0, 450.0)),
            ],
            vec![
                reading("a", "SQL :3306"),
                reading("b", "SQL :3306"),
                reading("c", "TCP :6379"),
            ],
        );
        scene.edges[1].caption_shared = true;
        assert!(in_captioned_trunk(&scene, 0) && !movable(&scene, 0));
        assert!(in_captioned_trunk(&scene, 1));
        assert!(!in_captioned_trunk(&scene, 2) && movable(&scene, 2));
    }

    /// Two edges that leave one side and cross trade ports: the crossing
    /// goes, no bend is added, and each end stays on its box's side.
    #[test]
    fn crossing_edges_from_one_side_trade_ports() {
        let mut s = fork(115.0, 145.0);
        assert_eq!(crossings_per_edge(&s), vec![1, 1]);
        swap_ends(&mut s);
        assert_eq!(crossings_per_edge(&s), vec![0, 0]);
        assert_eq!(
            s.edges[0].points,
            vec![[400.0, 145.0], [300.0, 145.0], [300.0, 400.0]]
        );
        assert_eq!(
            s.edges[1].points,
            vec![[100.0, 400.0], [100.0, 115.0], [400.0, 115.0]]
        );
    }

    /// Edges that do not cross keep their ports.
    #[test]
    fn edges_that_do_not_cross_keep_their_ports() {
        let mut s = fork(145.0, 115.0);
        let before = s.edges.clone();
        swap_ends(&mut s);
        assert_eq!(s.edges, before);
    }

    /// A stub at the corner is read past: the edge leaves along the stretch
    /// after it, and a swap puts its port back on the side.
    #[test]
    fn a_stub_at_a_corner_is_read_past() {
        let stub = [[410.0, 100.0], [410.0, 98.5], [300.0, 98.5], [300.0, 400.0]];
        let l = leaving(&stub, false).unwrap();
        assert_eq!((l.axis, l.toward, l.lane, l.turn), (0, -1.0, 98.5, 300.0));
        assert_eq!(
            l.moved(400.0, 130.0, false),
            vec![[400.0, 130.0], [300.0, 130.0], [300.0, 400.0]]
        );
    }

    /// Two edges of 5 bends between boxes that routes of one or two bends
    /// join: 10 bends on 2 edges, over the limit of 1.5 per edge.
    fn staircases() -> Scene {
        page(
            vec![
                boxed("a", sides(50.0, 50.0, 150.0, 100.0)),
                boxed("b", sides(500.0, 400.0, 600.0, 450.0)),
                boxed("c", sides(50.0, 200.0, 150.0, 250.0)),
                boxed("d", sides(650.0, 400.0, 750.0, 450.0)),
            ],
            vec![
                edge(
                    "a",
                    "b",
                    vec![
                        [150.0, 75.0],
                        [250.0, 75.0],
                        [250.0, 150.0],
                        [350.0, 150.0],
                        [350.0, 300.0],
                        [550.0, 300.0],
                        [550.0, 400.0],
                    ],
                ),
                edge(
                    "c",
                    "d",
                    vec![
                        [150.0, 225.0],
                        [200.0, 225.0],
                        [200.0, 350.0],
                        [400.0, 350.0],
                        [400.0, 375.0],
                        [700.0, 375.0],
                        [700.0, 400.0],
                    ],
                ),
            ],
        )
    }

    fn total_bends(s: &Scene) -> usize {
        s.edges.iter().map(|e| e.points.len() - 2).sum()
    }

    /// A drawing over the mean of bends is routed afresh, most bent edges
    /// first, until it is within the limit; ends stay on their boxes.
    #[test]
    fn a_drawing_over_the_bend_limit_is_trimmed() {
        let mut s = staircases();
        assert_eq!(total_bends(&s), 10);
        trim(&mut s, SEARCHES);
        let bends = total_bends(&s);
        assert!(bends <= 3, "{:?}", s.edges);
        // At most one crossing more for each bend saved.
        let crossings = crossings_per_edge(&s).iter().sum::<usize>() / 2;
        assert!(crossings <= 10 - bends, "{:?}", s.edges);
        for e in &s.edges {
            let (from, to) = (rect_of(&s, &e.from).unwrap(), rect_of(&s, &e.to).unwrap());
            let (p, q) = (e.points[0], *e.points.last().unwrap());
            assert!(
                from.inflate(0.5)
                    .holds(crate::geometry::Point::new(p[0], p[1]))
            );
            assert!(
                to.inflate(0.5)
                    .holds(crate::geometry::Point::new(q[0], q[1]))
            );
        }
    }

    /// A drawing within the limit keeps its routes, however bent one is.
    #[test]
    fn a_drawing_within_the_bend_limit_is_left_alone() {
        let mut s = staircases();
        for k in 0..5 {
            let y = 470.0 + 20.0 * k as f64;
            let name = format!("x{k}");
            s.nodes.push(boxed(&name, sides(10.0, y, 30.0, y + 10.0)));
            s.nodes
                .push(boxed(&format!("y{k}"), sides(770.0, y, 790.0, y + 10.0)));
            s.edges.push(edge(
                &name,
                &format!("y{k}"),
                vec![[30.0, y + 5.0], [770.0, y + 5.0]],
            ));
        }
        // 10 bends on 7 edges: within 1.5 per edge.
        let before = s.edges.clone();
        trim(&mut s, SEARCHES);
        assert_eq!(s.edges, before);
    }

    /// An edge with a staircase jog, in a drawing within the bend limit,
    /// is routed afresh without it.
    #[test]
    fn a_staircase_jog_is_taken_out() {
        let mut s = page(
            vec![
                boxed("a", sides(50.0, 50.0, 150.0, 100.0)),
                boxed("b", sides(500.0, 60.0, 600.0, 110.0)),
                boxed("c", sides(50.0, 300.0, 150.0, 350.0)),
                boxed("d", sides(500.0, 300.0, 600.0, 350.0)),
                boxed("e", sides(50.0, 450.0, 150.0, 500.0)),
                boxed("f", sides(500.0, 450.0, 600.0, 500.0)),
            ],
            vec![
                edge(
                    "a",
                    "b",
                    vec![[150.0, 75.0], [300.0, 75.0], [300.0, 85.0], [500.0, 85.0]],
                ),
                edge("c", "d", vec![[150.0, 325.0], [500.0, 325.0]]),
                edge("e", "f", vec![[150.0, 475.0], [500.0, 475.0]]),
            ],
        );
        assert_eq!(readability(&s, false).jogs, 1);
        trim(&mut s, SEARCHES);
        let r = readability(&s, false);
        assert_eq!((r.jogs, r.crossings), (0, 0), "{:?}", s.edges[0].points);
        assert!(total_bends(&s) <= 2);
    }

    #[test]
    fn a_plus_crosses_and_a_tee_does_not() {
        let plus = cross([0.0, 5.0], [10.0, 5.0], [5.0, 0.0], [5.0, 10.0]);
        let tee = cross([0.0, 5.0], [10.0, 5.0], [5.0, 5.0], [5.0, 10.0]);
        let parallel = cross([0.0, 5.0], [10.0, 5.0], [0.0, 6.0], [10.0, 6.0]);
        assert_eq!((plus, tee, parallel), (true, false, false));
    }
}
