//! Taking crossings out of a finished drawing: the edges that cross others,
//! the most crossed first, are routed afresh by the detour search with a
//! crossing weighing like each of [`WEIGHTS`] bends, and a new route is kept
//! when the whole drawing reads better for it. Bends are what it spends:
//! the routing before weighs a crossing below a bend, which leaves
//! drawings with bends to spare and crossings a reader would rather not
//! follow. Edges of [`BENT`] bends or more that cross nothing are tried
//! last, and a route that bends less without crossing more is kept too.
//! Scene in, scene out.

use super::detour::{
    BEND, MAX_BOXES, MOST_BENDS, ancestors, in_captioned_trunk, length, route_weighing,
};
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
const MEAN_BENDS: f64 = 1.5;

/// Routes afresh, one at a time, the edges that cross others (then those
/// of [`BENT`] bends or more) and keeps a new route when the drawing shows
/// no more flaws (staircase jogs, edges over [`MOST_BENDS`] bends,
/// captions far from their edge or nearer another, hidden arrowheads,
/// shared lanes, edges along a border) and either crosses less, bending
/// at most one more for each crossing saved, within [`MEAN_BENDS`] per
/// edge, or crosses as much and bends less. Two passes: a route that
/// moved can free another.
pub fn uncross(scene: &mut Scene) {
    if scene.nodes.len() + scene.containers.len() > MAX_BOXES || scene.edges.len() < 2 {
        return;
    }
    let mut searches = SEARCHES;
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
        let fewer_bends = scene.edges[i].points.len() as f64 - points.len() as f64;
        let old = std::mem::replace(&mut scene.edges[i].points, points);
        let old_at = std::mem::replace(&mut scene.edges[i].label_pos, label_pos);
        let after = readability(scene, false);
        let saved = before.crossings as f64 - after.crossings as f64;
        if better(scene, &before, &after)
            && longer <= LONGER_PER_CROSSING * saved + LONGER_PER_BEND * fewer_bends.max(0.0)
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
    use super::cross;

    #[test]
    fn a_plus_crosses_and_a_tee_does_not() {
        let plus = cross([0.0, 5.0], [10.0, 5.0], [5.0, 0.0], [5.0, 10.0]);
        let tee = cross([0.0, 5.0], [10.0, 5.0], [5.0, 5.0], [5.0, 10.0]);
        let parallel = cross([0.0, 5.0], [10.0, 5.0], [0.0, 6.0], [10.0, 6.0]);
        assert_eq!((plus, tee, parallel), (true, false, false));
    }
}
