//! Taking crossings out of a finished drawing: the edges that cross others,
//! the most crossed first, are routed afresh by the detour search with a
//! crossing weighing like [`CROSS_AS_BENDS`] bends, and a new route is kept
//! when the whole drawing reads better for it. Bends are what it spends:
//! the routing before weighs a crossing below a bend, which leaves
//! drawings with bends to spare and crossings a reader would rather not
//! follow. Scene in, scene out.

use super::detour::{
    BEND, MAX_BOXES, MOST_BENDS, ancestors, in_captioned_trunk, length, route_weighing,
};
use super::stats::{Readability, readability};
use crate::scene::Scene;

/// What a crossing weighs, in bends, in the searches made while crossings
/// are taken out: heavy first, for the route that crosses least, lighter
/// when that one runs too far round.
const WEIGHTS: [f64; 3] = [20.0, 8.0, 3.0];

/// How much longer a route may get for each crossing it saves.
const LONGER_PER_CROSSING: f64 = 400.0;

/// Edges tried at most, both passes together (each with up to one search
/// per weight, and each new route weighs the whole drawing).
const SEARCHES: usize = 48;

/// Mean bends per edge the drawing keeps within while it spends bends on
/// crossings (the readability limit of issue #8).
const MEAN_BENDS: f64 = 1.5;

/// Routes afresh, one at a time, the edges that cross others and keeps a
/// new route when the drawing then crosses less, shows no more flaws
/// (staircase jogs, edges over [`MOST_BENDS`] bends, captions far from
/// their edge or nearer another, hidden arrowheads, shared lanes), and
/// bends at most one more for each crossing saved, within [`MEAN_BENDS`]
/// per edge. Two passes: a route that moved can free another.
pub fn uncross(scene: &mut Scene) {
    if scene.nodes.len() + scene.containers.len() > MAX_BOXES || scene.edges.len() < 2 {
        return;
    }
    let mut searches = SEARCHES;
    for _ in 0..2 {
        let crossed = crossings_per_edge(scene);
        let mut order: Vec<usize> = (0..scene.edges.len()).filter(|&i| crossed[i] > 0).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(crossed[i]), i));
        let mut changed = false;
        for i in order {
            if searches == 0 {
                return;
            }
            let e = &scene.edges[i];
            if e.from == e.to || e.caption_shared || in_captioned_trunk(scene, i) {
                continue;
            }
            searches -= 1;
            changed |= try_route(scene, i);
        }
        if !changed {
            break;
        }
    }
    scene.round();
}

/// Edge `i` routed afresh with a crossing weighing each of [`WEIGHTS`]
/// bends in turn, the first route that makes the drawing read better (see
/// [`uncross`]) kept; whether one was.
fn try_route(scene: &mut Scene, i: usize) -> bool {
    let mut tried: Vec<Vec<[f64; 2]>> = vec![scene.edges[i].points.clone()];
    // The drawing as it is: each rejected route is put back.
    let before = readability(scene, false);
    for weight in WEIGHTS {
        let Some((points, label_pos)) = route_weighing(scene, i, None, weight * BEND) else {
            return false;
        };
        if tried.contains(&points)
            || hugs_a_border(scene, &points)
            || leaves_home(scene, i, &points)
        {
            continue;
        }
        tried.push(points.clone());
        let longer = length(&points) - length(&scene.edges[i].points);
        let old = std::mem::replace(&mut scene.edges[i].points, points);
        let old_at = std::mem::replace(&mut scene.edges[i].label_pos, label_pos);
        let after = readability(scene, false);
        if better(scene, &before, &after)
            && longer <= LONGER_PER_CROSSING * (before.crossings - after.crossings) as f64
        {
            return true;
        }
        scene.edges[i].points = old;
        scene.edges[i].label_pos = old_at;
    }
    false
}

/// Whether `route` of edge `i` goes out of a container that holds both
/// its ends (to come back in): the way round outside looks like a flow
/// that leaves the cluster or VPC.
fn leaves_home(scene: &Scene, i: usize, route: &[[f64; 2]]) -> bool {
    let e = &scene.edges[i];
    let up_to = ancestors(scene, &e.to);
    ancestors(scene, &e.from)
        .intersection(&up_to)
        .filter_map(|c| scene.find(c))
        .any(|c| {
            let r = c.rect();
            route
                .iter()
                .any(|p| p[0] < r.left || p[0] > r.right || p[1] < r.top || p[1] > r.bottom)
        })
}

/// Nearer than this to a container's border, a stretch of an edge runs
/// along it.
const HUG: f64 = 16.0;

/// Longer than this side by side, an edge and a border read as one line.
const HUG_FOR: f64 = 48.0;

/// Whether a stretch of `route` runs along the inside of a container's
/// border (passing between two containers is not running along one): the
/// detour search keeps routes off boxes and titles but not off borders,
/// and a route taken far round to save crossings tends to follow one.
fn hugs_a_border(scene: &Scene, route: &[[f64; 2]]) -> bool {
    route.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        let vertical = (a[0] - b[0]).abs() < 1e-9;
        let (at, lo, hi) = if vertical {
            (a[0], a[1].min(b[1]), a[1].max(b[1]))
        } else {
            (a[1], a[0].min(b[0]), a[0].max(b[0]))
        };
        scene.containers.iter().any(|c| {
            let r = c.rect();
            let (near, far, from, to) = if vertical {
                (r.left, r.right, r.top, r.bottom)
            } else {
                (r.top, r.bottom, r.left, r.right)
            };
            let inside = at > near && at < far;
            let along = (near - at).abs().min((far - at).abs()) < HUG;
            inside && along && hi.min(to) - lo.max(from) > HUG_FOR
        })
    })
}

/// Whether `after` reads better than `before` by the rule of [`uncross`].
fn better(scene: &Scene, before: &Readability, after: &Readability) -> bool {
    let edges = scene.edges.len() as f64;
    let bends = |r: &Readability| (r.bends_mean * edges).round() as i64;
    let saved = before.crossings as i64 - after.crossings as i64;
    let added = bends(after) - bends(before);
    saved > 0
        && flaws(scene, after) <= flaws(scene, before)
        && added <= saved
        && (added <= 0 || after.bends_mean <= MEAN_BENDS + 1e-9)
}

/// The flaws a new route may not add.
fn flaws(scene: &Scene, r: &Readability) -> usize {
    let over = scene
        .edges
        .iter()
        .filter(|e| e.points.len().saturating_sub(2) > MOST_BENDS)
        .count();
    r.jogs + over + r.labels_far + r.labels_ambiguous + r.hidden_arrowheads + r.shared_lanes
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
    use super::cross;

    #[test]
    fn a_plus_crosses_and_a_tee_does_not() {
        let plus = cross([0.0, 5.0], [10.0, 5.0], [5.0, 0.0], [5.0, 10.0]);
        let tee = cross([0.0, 5.0], [10.0, 5.0], [5.0, 5.0], [5.0, 10.0]);
        let parallel = cross([0.0, 5.0], [10.0, 5.0], [0.0, 6.0], [10.0, 6.0]);
        assert_eq!((plus, tee, parallel), (true, false, false));
    }
}
