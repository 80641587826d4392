//! Measures of a drawing's quality: edge crossings, bends, total edge length.
//! Crossings are counted with a uniform grid so that big diagrams stay fast.

use crate::geometry::{Point, Rect};
use crate::scene::{EdgeOp, Scene, SceneEdge};
use rustc_hash::FxHashMap;

/// Quality figures of a scene.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    /// Proper crossings between segments of different edges.
    pub crossings: usize,
    /// Interior points of all edge polylines.
    pub bends: usize,
    /// Sum of all edge lengths.
    pub length: f64,
}

type Seg = ([f64; 2], [f64; 2]);

/// Measures a scene.
pub fn quality(scene: &Scene) -> Quality {
    let mut segs: Vec<(usize, Seg)> = Vec::new();
    let mut q = Quality::default();
    for (i, e) in scene.edges.iter().enumerate() {
        q.bends += e.points.len().saturating_sub(2);
        for w in e.points.windows(2) {
            q.length += ((w[1][0] - w[0][0]).powi(2) + (w[1][1] - w[0][1]).powi(2)).sqrt();
            segs.push((i, (w[0], w[1])));
        }
    }
    q.crossings = orthogonal_crossings(&segs) + slanted_crossings(&segs);
    q
}

/// Which way a segment runs.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    Across,
    Down,
    Slanted,
    Point,
}

fn way((a, b): Seg) -> Way {
    let (dx, dy) = ((b[0] - a[0]).abs(), (b[1] - a[1]).abs());
    match (dx < 1e-9, dy < 1e-9) {
        (true, true) => Way::Point,
        (false, true) => Way::Across,
        (true, false) => Way::Down,
        (false, false) => Way::Slanted,
    }
}

/// Crossings of horizontal with vertical segments of different edges, by a
/// sweep over x with a Fenwick tree of the horizontal segments' y:
/// O(n log n) however many crossings there are.
fn orthogonal_crossings(segs: &[(usize, Seg)]) -> usize {
    // Events at one x: ends of horizontals first, then verticals, then
    // starts (a crossing must lie strictly inside both segments).
    let mut events: Vec<(f64, u8, f64, f64)> = Vec::new();
    let mut ys: Vec<f64> = Vec::new();
    for &(_, (a, b)) in segs {
        match way((a, b)) {
            Way::Across => {
                let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
                events.push((x1, 0, a[1], 0.0));
                events.push((x0, 2, a[1], 0.0));
                ys.push(a[1]);
            }
            Way::Down => events.push((a[0], 1, a[1].min(b[1]), a[1].max(b[1]))),
            _ => {}
        }
    }
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    events.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
    let rank = |y: f64| ys.partition_point(|&v| v < y);
    let mut tree = vec![0i64; ys.len() + 1];
    let add = |tree: &mut Vec<i64>, at: usize, d: i64| {
        let mut i = at + 1;
        while i < tree.len() {
            tree[i] += d;
            i += i & i.wrapping_neg();
        }
    };
    // How many active ys rank below `at`.
    let below = |tree: &Vec<i64>, at: usize| {
        let (mut i, mut sum) = (at, 0);
        while i > 0 {
            sum += tree[i];
            i -= i & i.wrapping_neg();
        }
        sum
    };
    let mut total = 0i64;
    for (_, kind, y0, y1) in events {
        match kind {
            0 => add(&mut tree, rank(y0), -1),
            2 => add(&mut tree, rank(y0), 1),
            _ => {
                // Active ys with y0 < y < y1.
                let lo = ys.partition_point(|&v| v <= y0);
                total += below(&tree, rank(y1)) - below(&tree, lo);
            }
        }
    }
    // An edge crossing itself is not a crossing between edges.
    let mut own = 0i64;
    let mut k = 0;
    while k < segs.len() {
        let edge = segs[k].0;
        let end = k + segs[k..].iter().take_while(|s| s.0 == edge).count();
        for i in k..end {
            for j in i + 1..end {
                let (wi, wj) = (way(segs[i].1), way(segs[j].1));
                let hv = matches!(
                    (wi, wj),
                    (Way::Across, Way::Down) | (Way::Down, Way::Across)
                );
                if hv && cross(segs[i].1, segs[j].1) {
                    own += 1;
                }
            }
        }
        k = end;
    }
    (total - own).max(0) as usize
}

/// Crossings that involve a slanted segment (the `layout-rs` engine draws
/// straight lines), with a uniform grid; a pair is counted in the cell that
/// holds its crossing point. Only the slanted segments go into the grid
/// (a pair of two others is counted by the sweep); each other segment looks
/// only at its cells that hold slanted ones, so thousands of long straight
/// runs cost a walk each instead of a grid entry per cell and every pair
/// sharing a cell.
fn slanted_crossings(segs: &[(usize, Seg)]) -> usize {
    if !segs.iter().any(|s| way(s.1) == Way::Slanted) {
        return 0;
    }
    let cell = 64.0;
    let at = |v: f64| (v / cell).floor() as i64;
    let cells = |(a, b): Seg| {
        (
            at(a[0].min(b[0]))..=at(a[0].max(b[0])),
            at(a[1].min(b[1]))..=at(a[1].max(b[1])),
        )
    };
    let mut grid: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
    let (mut x_lo, mut x_hi, mut y_lo, mut y_hi) = (i64::MAX, i64::MIN, i64::MAX, i64::MIN);
    for (k, (_, seg)) in segs.iter().enumerate() {
        if way(*seg) != Way::Slanted {
            continue;
        }
        let (xs, ys) = cells(*seg);
        (x_lo, x_hi) = (x_lo.min(*xs.start()), x_hi.max(*xs.end()));
        (y_lo, y_hi) = (y_lo.min(*ys.start()), y_hi.max(*ys.end()));
        for x in xs {
            for y in ys.clone() {
                grid.entry((x, y)).or_default().push(k);
            }
        }
    }
    // Whether segments `s` and `t` of different edges cross in cell (cx, cy);
    // the lower index first, as the crossing point was always computed.
    let crosses_in = |s: usize, t: usize, (cx, cy): (i64, i64)| {
        let (p, r) = (segs[s.min(t)], segs[s.max(t)]);
        p.0 != r.0 && crossing_point(p.1, r.1).is_some_and(|x| (at(x[0]), at(x[1])) == (cx, cy))
    };
    let mut count = 0;
    for (&at_cell, list) in &grid {
        for (i, &s) in list.iter().enumerate() {
            count += list[i + 1..]
                .iter()
                .filter(|&&t| crosses_in(s, t, at_cell))
                .count();
        }
    }
    for (k, (_, seg)) in segs.iter().enumerate() {
        if way(*seg) == Way::Slanted {
            continue;
        }
        let (xs, ys) = cells(*seg);
        for x in (*xs.start()).max(x_lo)..=(*xs.end()).min(x_hi) {
            for y in (*ys.start()).max(y_lo)..=(*ys.end()).min(y_hi) {
                if let Some(list) = grid.get(&(x, y)) {
                    count += list.iter().filter(|&&t| crosses_in(k, t, (x, y))).count();
                }
            }
        }
    }
    count
}

/// Where two segments cross properly, if they do.
fn crossing_point(p: Seg, r: Seg) -> Option<[f64; 2]> {
    if !cross(p, r) {
        return None;
    }
    let ((a, b), (c, d)) = (p, r);
    let den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
    let t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
    Some([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])])
}

/// Whether two segments cross at a point inside both (touching ends do not count).
fn cross((p1, p2): Seg, (p3, p4): Seg) -> bool {
    let d = |a: [f64; 2], b: [f64; 2], c: [f64; 2]| {
        (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    };
    let d1 = d(p3, p4, p1);
    let d2 = d(p3, p4, p2);
    let d3 = d(p1, p2, p3);
    let d4 = d(p1, p2, p4);
    let eps = 1e-6;
    ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps))
        && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))
}

/// Shortest run between two bends that does not read as a staircase step.
pub const JOG: f64 = 24.0;

/// What a reader notices in a drawing, beyond crossings: the figures of
/// `render --stats` and the limits the layout tests hold every example to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readability {
    /// Proper crossings between edges.
    pub crossings: usize,
    /// Mean and largest number of bends of an edge.
    pub bends_mean: f64,
    pub bends_max: usize,
    /// Runs shorter than [`JOG`] between two bends.
    pub jogs: usize,
    /// Long side over short side of the canvas.
    pub aspect: f64,
    /// Components and containers drawn.
    pub boxes: usize,
    /// Captions farther than one line height from their own edge.
    pub labels_far: usize,
    /// Captions nearer another edge than their own (a same-source
    /// sibling's lines aside).
    pub labels_ambiguous: usize,
    /// Captions nearer a same-source sibling's own branch (where it has
    /// left the lines the two share) than their own edge, by more than half
    /// a unit. Reported, not
    /// weighed by the layout's searches: weighing it there made them pick
    /// worse routes (korean-shop 8 -> 10 crossings), while the last look at
    /// captions moves such a caption anyway.
    pub labels_on_branch: usize,
    /// Arrowheads under a replica stack's cards or under a badge.
    pub hidden_arrowheads: usize,
    /// Sibling sites (zones, regions, data centres) one after the other
    /// along the flow instead of side by side across it.
    pub sites_stacked: usize,
    /// Subnets playing one role in sibling sites that do not start level.
    pub tiers_misaligned: usize,
    /// Pairs of edges with no end in common that run along one line.
    pub shared_lanes: usize,
    /// Edges with a stretch along a container's border (see
    /// [`hugs_a_border`]): beside the border, edge and border read as one
    /// line.
    pub borders_hugged: usize,
    /// Arrow ends whose last stretch starts beside a component that is not
    /// one of the edge's ends and leads away from it (see
    /// [`arrow_beside`]): the arrow reads as one out of that component.
    pub arrows_beside: usize,
    /// Edges that go out of a container holding both their ends and come
    /// back in (see [`out_and_back`]): a flow inside a VPC drawn round its
    /// outside reads as one that leaves it.
    pub out_and_back: usize,
}

/// Runs shorter than [`JOG`] between two bends of a path.
pub fn jogs(points: &[[f64; 2]]) -> usize {
    points
        .windows(2)
        .skip(1)
        .take(points.len().saturating_sub(3))
        .filter(|w| (w[1][0] - w[0][0]).abs() + (w[1][1] - w[0][1]).abs() < JOG)
        .count()
}

/// Measures what a reader notices; `across` is true when the flow runs
/// down or up (sites should then sit side by side horizontally).
pub fn readability(scene: &Scene, flow_vertical: bool) -> Readability {
    let q = quality(scene);
    let edges = scene.edges.len().max(1);
    let mut r = Readability {
        crossings: q.crossings,
        bends_mean: q.bends as f64 / edges as f64,
        bends_max: scene
            .edges
            .iter()
            .map(|e| e.points.len().saturating_sub(2))
            .max()
            .unwrap_or(0),
        boxes: scene.nodes.len() + scene.containers.len(),
        aspect: scene.width.max(scene.height) / scene.width.min(scene.height).max(1.0),
        ..Readability::default()
    };
    r.jogs = scene.edges.iter().map(|e| jogs(&e.points)).sum();
    labels(scene, &mut r);
    let tips = scene.arrow_tips();
    r.hidden_arrowheads = scene
        .nodes
        .iter()
        .map(|n| hidden_under(scene, n, &tips))
        .sum::<usize>()
        + scene.heads_under_badges();
    sites(scene, flow_vertical, &mut r);
    r.shared_lanes = crate::layout::check::shared_lanes(scene);
    r.borders_hugged = scene
        .edges
        .iter()
        .filter(|e| hugs_a_border(scene, &e.points))
        .count();
    r.arrows_beside = scene.edges.iter().map(|e| arrows_beside(scene, e)).sum();
    r.out_and_back = scene
        .edges
        .iter()
        .filter(|e| out_and_back(scene, e, &e.points))
        .count();
    r
}

/// Edges with a stretch along the outside of a container's border,
/// nearer than [`gaps::CLEAR`](super::gaps::CLEAR) but off its line (see
/// [`super::gaps::squeezes`]): it reads as a second border. The one-grid
/// engine opens the drawing there where it can, so no choice among
/// pictures weighs it, and it is counted apart from [`readability`]
/// (which the passes call on every route they try) for `render --stats`
/// and the tests.
pub fn borders_squeezed(scene: &Scene) -> usize {
    let mut squeezed: Vec<usize> = super::gaps::squeezes(scene)
        .iter()
        .map(|s| s.edge)
        .collect();
    squeezed.dedup();
    squeezed.len()
}

/// Whether `route` of edge `e` reaches outside a container that holds
/// both its ends.
pub fn out_and_back(scene: &Scene, e: &SceneEdge, route: &[[f64; 2]]) -> bool {
    homes(scene, e).iter().any(|r| {
        route
            .iter()
            .any(|p| p[0] < r.left || p[0] > r.right || p[1] < r.top || p[1] > r.bottom)
    })
}

/// The rectangles of the containers that hold both ends of `e`.
pub fn homes(scene: &Scene, e: &SceneEdge) -> Vec<Rect> {
    use super::detour::ancestors;
    let to = ancestors(scene, &e.to);
    // In a fixed order: the search sums lengths outside each of them.
    let mut both: Vec<&str> = ancestors(scene, &e.from)
        .intersection(&to)
        .copied()
        .collect();
    both.sort_unstable();
    both.iter()
        .filter_map(|c| scene.find(c))
        .map(|c| c.rect())
        .collect()
}

/// Nearer than this to a component's side, the bend before an edge's last
/// stretch makes the stretch read as leaving that component (a replica
/// stack's cards reach 8 past the side).
pub const BESIDE: f64 = 16.0;

/// How many ends of `e` [`arrow_beside`] finds.
pub fn arrows_beside(scene: &Scene, e: &SceneEdge) -> usize {
    ends_beside(scene, e, &e.points).len()
}

/// A last stretch that starts beside a component not its edge's end:
/// that component's rectangle and which way the stretch runs from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beside {
    pub stranger: Rect,
    /// Along x (else y), and towards larger coordinates.
    pub across: bool,
    pub onward: bool,
}

impl Beside {
    /// The band `reach` wide beside the stranger's side the stretch
    /// leaves from, level with that side.
    pub fn band(&self, reach: f64) -> Rect {
        let r = self.stranger;
        match (self.across, self.onward) {
            (true, true) => Rect {
                left: r.right,
                right: r.right + reach,
                ..r
            },
            (true, false) => Rect {
                left: r.left - reach,
                right: r.left,
                ..r
            },
            (false, true) => Rect {
                top: r.bottom,
                bottom: r.bottom + reach,
                ..r
            },
            (false, false) => Rect {
                top: r.top - reach,
                bottom: r.top,
                ..r
            },
        }
    }
}

/// Each end of `e`, drawn along `points` (its own or a route tried for
/// it), that [`arrow_beside`] finds: the target's, and the source's too
/// where that end has an arrowhead or neither has one.
pub fn ends_beside(scene: &Scene, e: &SceneEdge, points: &[[f64; 2]]) -> Vec<Beside> {
    let n = points.len();
    if n < 3 {
        return Vec::new();
    }
    let ends = [&e.from, &e.to];
    let mut found: Vec<Beside> = arrow_beside(scene, points[n - 2], points[n - 1], ends)
        .into_iter()
        .collect();
    if matches!(e.op, EdgeOp::Both | EdgeOp::Assoc) {
        found.extend(arrow_beside(scene, points[1], points[0], ends));
    }
    found
}

/// Whether the stretch from the bend `p` to the end `q` starts within
/// [`BESIDE`] of the side of a component other than `ends`, level with
/// that side, and leads away from it: a reader sees an arrow from that
/// component to the edge's end.
pub fn arrow_beside(scene: &Scene, p: [f64; 2], q: [f64; 2], ends: [&String; 2]) -> Option<Beside> {
    let across = (p[1] - q[1]).abs() < 1e-9;
    let onward = if across { q[0] > p[0] } else { q[1] > p[1] };
    scene
        .nodes
        .iter()
        .filter(|b| !ends.contains(&&b.id))
        .map(|b| Beside {
            stranger: b.rect(),
            across,
            onward,
        })
        .find(|b| b.band(BESIDE).holds(Point::from(p)))
}

/// Nearer than this to a container's border on its inside, a stretch of an
/// edge runs along the border.
pub const HUG: f64 = 16.0;

/// Nearer than this on the outside, a stretch lies on the border's line.
pub const ON_BORDER: f64 = 5.0;

/// Longer than this side by side, an edge and a border read as one line.
pub const HUG_FOR: f64 = 48.0;

/// Whether a stretch of `route` runs along containers' borders for more
/// than [`HUG_FOR`]: inside one, nearer than [`HUG`], or on its line
/// (within [`ON_BORDER`] outside). The borders of sibling containers in
/// line (a public and an app subnet, one above the other) count as one.
/// Passing between two containers, a channel's width apart, is not running
/// along either.
pub fn hugs_a_border(scene: &Scene, route: &[[f64; 2]]) -> bool {
    route.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        let vertical = (a[0] - b[0]).abs() < 1e-9;
        let (at, lo, hi) = if vertical {
            (a[0], a[1].min(b[1]), a[1].max(b[1]))
        } else {
            (a[1], a[0].min(b[0]), a[0].max(b[0]))
        };
        let mut along: Vec<(f64, f64)> = scene
            .containers
            .iter()
            .filter_map(|c| {
                let r = c.rect();
                let (near, far, from, to) = r.sides_along(vertical);
                let within = |side: f64, k: usize| {
                    let (lo, hi) = hug_band(k, at);
                    side > lo && side < hi
                };
                let (s, e) = (lo.max(from), hi.min(to));
                ((within(near, 0) || within(far, 1)) && e > s).then_some((s, e))
            })
            .collect();
        along.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut run: Option<(f64, f64)> = None;
        for (s, e) in along {
            run = match run {
                Some((rs, re)) if s <= re + HUG => Some((rs, re.max(e))),
                Some((rs, re)) if re - rs > HUG_FOR => return true,
                _ => Some((s, e)),
            };
        }
        run.is_some_and(|(s, e)| e - s > HUG_FOR)
    })
}

/// Where a container's side must lie for a line at `at` to run along it:
/// a left or top side (`k` 0) up to [`HUG`] before the line or
/// [`ON_BORDER`] past it, a right or bottom side (`k` 1) the other way
/// round (exclusive bounds). [`hugs_a_border`] measures with it, and the
/// detour search tolls the same band.
pub fn hug_band(k: usize, at: f64) -> (f64, f64) {
    if k == 0 {
        (at - HUG, at + ON_BORDER)
    } else {
        (at - ON_BORDER, at + HUG)
    }
}

/// Arrowheads (of `tips`, from [`Scene::arrow_tips`]) under the cards of
/// `n`'s replica stack; 0 when it is not stacked.
pub fn hidden_under(
    scene: &Scene,
    n: &crate::scene::SceneBox,
    tips: &[([f64; 2], [f64; 2])],
) -> usize {
    let Some(step) = scene.stack_step(n, tips) else {
        return 0;
    };
    let main = n.rect();
    let mut hidden = 0;
    for (tip, from) in tips {
        let len = ((from[0] - tip[0]).powi(2) + (from[1] - tip[1]).powi(2)).sqrt();
        if len < 1e-9 {
            continue;
        }
        let back = Point::new(
            tip[0] + (from[0] - tip[0]) / len * 6.0,
            tip[1] + (from[1] - tip[1]) / len * 6.0,
        );
        let under = [1.0, 2.0]
            .iter()
            .any(|k| main.offset(step.dx * k, step.dy * k).contains_point(back));
        if under && !main.contains_point(back) {
            hidden += 1;
        }
    }
    hidden
}

/// Far and ambiguous captions: distance from the caption's box to each edge.
fn labels(scene: &Scene, r: &mut Readability) {
    let boxes: Vec<Option<Rect>> = scene.edges.iter().map(|e| e.caption_box()).collect();
    let dist = |b: Rect, pts: &[[f64; 2]]| {
        pts.windows(2)
            .map(|w| b.distance(&Rect::spanning(w[0], w[1])))
            .fold(f64::INFINITY, f64::min)
    };
    for (i, b) in boxes.iter().enumerate() {
        let Some(b) = *b else { continue };
        let own = dist(b, &scene.edges[i].points);
        if own > super::measure::EDGE_LINE {
            r.labels_far += 1;
        }
        // Not another edge's: one from the same source, or one into the
        // same target that reads the same caption (a fan-in saying it once).
        let mine = &scene.edges[i];
        let alike = |e: &crate::scene::SceneEdge| {
            e.from == mine.from || (e.to == mine.to && e.own_caption() == mine.own_caption())
        };
        let nearer = scene
            .edges
            .iter()
            .enumerate()
            .any(|(j, e)| j != i && !alike(e) && dist(b, &e.points) < own);
        if nearer {
            r.labels_ambiguous += 1;
        } else if scene.edges.iter().enumerate().any(|(j, e)| {
            // A trunk's line is as near to every edge on it (lines less
            // than half a unit apart are one): only a sibling's own branch
            // can be nearer.
            j != i && e.from == mine.from && dist(b, &e.points) + 0.5 < own
        }) {
            r.labels_on_branch += 1;
        }
    }
}

/// Sibling sites stacked along the flow, and tier subnets not level.
fn sites(scene: &Scene, flow_vertical: bool, r: &mut Readability) {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<Option<&str>, Vec<&crate::scene::SceneBox>> = BTreeMap::new();
    for c in scene.containers.iter().filter(|c| c.kind.traits.parallel) {
        groups.entry(c.parent.as_deref()).or_default().push(c);
    }
    // Extent along the flow.
    let along = |b: &crate::scene::SceneBox| {
        if flow_vertical {
            (b.y, b.y + b.height)
        } else {
            (b.x, b.x + b.width)
        }
    };
    for list in groups.values().filter(|l| l.len() > 1) {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                let (a0, a1) = along(a);
                let (b0, b1) = along(b);
                if a1.min(b1) - a0.max(b0) <= 0.0 {
                    r.sites_stacked += 1;
                }
            }
        }
        // Tier subnets: child containers matched by name stem and `public`.
        let rows: Vec<Vec<Tier>> = list
            .iter()
            .map(|site| {
                scene
                    .containers
                    .iter()
                    .filter(|c| c.parent.as_deref() == Some(site.id.as_str()))
                    .map(|c| {
                        let public = c.attrs.get("public").and_then(|v| v.as_bool()) == Some(true);
                        let across = if flow_vertical { c.x } else { c.y };
                        Tier {
                            key: (stem(&c.id), public),
                            along: along(c),
                            across,
                        }
                    })
                    .collect()
            })
            .collect();
        let mut tiers: BTreeMap<&(String, bool), Vec<f64>> = BTreeMap::new();
        for t in rows.iter().flatten() {
            tiers.entry(&t.key).or_default().push(t.along.0);
        }
        for starts in tiers.values().filter(|s| s.len() > 1) {
            let lo = starts.iter().copied().fold(f64::INFINITY, f64::min);
            r.tiers_misaligned += starts.iter().filter(|&&s| s - lo > 1.0).count();
        }
        r.tiers_misaligned += tiers_out_of_order(&rows);
    }
}

/// A subnet of a site as a tier: its role (name stem and `public`), its
/// extent along the flow and its start across it.
struct Tier {
    key: (String, bool),
    along: (f64, f64),
    across: f64,
}

/// Pairs of tier subnets that share a row in two sibling sites but stand
/// in the other order across the flow in one of them (public left of data
/// in AZ a, right of it in AZ b): the columns of one tier do not line up.
fn tiers_out_of_order(rows: &[Vec<Tier>]) -> usize {
    // Which of two tiers comes first across the flow in a site, where the
    // two share a row there.
    let first = |site: &[Tier], a: &(String, bool), b: &(String, bool)| {
        let x = site.iter().find(|t| &t.key == a)?;
        let y = site.iter().find(|t| &t.key == b)?;
        let level = x.along.1.min(y.along.1) - x.along.0.max(y.along.0) > 0.0;
        level.then_some(x.across < y.across)
    };
    let mut out = 0;
    for (i, s) in rows.iter().enumerate() {
        for t in &rows[i + 1..] {
            for (k, a) in s.iter().enumerate() {
                for b in &s[k + 1..] {
                    if let (Some(p), Some(q)) = (first(s, &a.key, &b.key), first(t, &a.key, &b.key))
                        && p != q
                    {
                        out += 1;
                    }
                }
            }
        }
    }
    out
}

/// An ID without its zone suffix: `app_net_a` → `app_net`, `pub-b` → `pub`,
/// `data1` → `data`: what subnets of one role in sibling zones share.
pub fn stem(id: &str) -> String {
    let lower = id.to_ascii_lowercase();
    match lower.rfind(['_', '-']) {
        Some(i) if lower.len() - i <= 3 && i > 0 => lower[..i].to_string(),
        _ => lower
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::testkit::edge;
    use proptest::prelude::*;

    fn scene(paths: Vec<Vec<[f64; 2]>>) -> Scene {
        Scene {
            width: 100.0,
            height: 100.0,
            title: None,
            nodes: vec![],
            containers: vec![],
            edges: paths
                .into_iter()
                .enumerate()
                .map(|(i, points)| edge(&format!("a{i}"), &format!("b{i}"), points))
                .collect(),
        }
    }

    /// Every pair of segments of different edges, tried one by one.
    fn brute_force(s: &Scene) -> usize {
        let segs: Vec<(usize, Seg)> = s
            .edges
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.points.windows(2).map(move |w| (i, (w[0], w[1]))))
            .collect();
        let mut n = 0;
        for (k, a) in segs.iter().enumerate() {
            for b in &segs[k + 1..] {
                if a.0 != b.0 && cross(a.1, b.1) {
                    n += 1;
                }
            }
        }
        n
    }

    /// Orthogonal paths on a coarse grid (so ends touch, lines coincide
    /// and edges cross themselves), some with a slanted step.
    fn path() -> impl Strategy<Value = Vec<[f64; 2]>> {
        (
            0..8i32,
            0..8i32,
            prop::collection::vec((any::<bool>(), -6..7i32, any::<bool>()), 1..6),
        )
            .prop_map(|(x, y, steps)| {
                let mut p = vec![[x as f64 * 10.0, y as f64 * 10.0]];
                for (across, d, slant) in steps {
                    let [x, y] = *p.last().unwrap();
                    let d = d as f64 * 10.0;
                    p.push(match (slant, across) {
                        (true, _) => [x + d, y + 7.0],
                        (false, true) => [x + d, y],
                        (false, false) => [x, y + d],
                    });
                }
                p
            })
    }

    proptest! {
        #[test]
        fn crossings_are_those_of_every_pair(
            paths in prop::collection::vec(path(), 1..12),
            orthogonal in any::<bool>(),
        ) {
            let mut paths = paths;
            if orthogonal {
                // Drop the slanted steps: the sweep alone counts.
                for p in &mut paths {
                    for k in 1..p.len() {
                        if p[k][0] != p[k - 1][0] && p[k][1] != p[k - 1][1] {
                            p[k][1] = p[k - 1][1];
                        }
                    }
                }
            }
            let s = scene(paths);
            prop_assert_eq!(quality(&s).crossings, brute_force(&s));
        }
    }

    #[test]
    fn a_plus_is_one_crossing_and_a_tee_none() {
        let plus = scene(vec![
            vec![[0.0, 5.0], [10.0, 5.0]],
            vec![[5.0, 0.0], [5.0, 10.0]],
        ]);
        assert_eq!(quality(&plus).crossings, 1);
        let tee = scene(vec![
            vec![[0.0, 5.0], [10.0, 5.0]],
            vec![[5.0, 5.0], [5.0, 10.0]],
        ]);
        assert_eq!(quality(&tee).crossings, 0);
    }

    /// `o` and `m` side by side, 32 apart; an edge from `a` (above) comes
    /// down between them and turns into `m`'s side.
    #[test]
    fn an_arrow_from_beside_another_box_is_counted() {
        use crate::geometry::sides;
        use crate::layout::testkit::{boxed, page};
        let nodes = || {
            vec![
                boxed("a", sides(100.0, 20.0, 220.0, 60.0)),
                boxed("o", sides(300.0, 200.0, 420.0, 250.0)),
                boxed("m", sides(452.0, 200.0, 572.0, 250.0)),
            ]
        };
        let at = |x: f64, y: f64, to: [f64; 2]| {
            let e = edge("a", "m", vec![[220.0, 40.0], [x, 40.0], [x, y], to]);
            let s = page(nodes(), vec![e]);
            (readability(&s, true).arrows_beside, s)
        };
        // Turning 12 from `o`'s side, level with it, away from it.
        let (n, s) = at(432.0, 225.0, [452.0, 225.0]);
        assert_eq!(n, 1);
        let found = ends_beside(&s, &s.edges[0], &s.edges[0].points);
        assert_eq!(found[0].stranger, sides(300.0, 200.0, 420.0, 250.0));
        assert_eq!(found[0].band(BESIDE), sides(420.0, 200.0, 436.0, 250.0));
        // 17 away, or below `o`'s side, or from its own source: none.
        assert_eq!(at(437.0, 225.0, [452.0, 225.0]).0, 0);
        assert_eq!(at(432.0, 260.0, [452.0, 260.0]).0, 0);
        let (_, mut own) = at(432.0, 225.0, [452.0, 225.0]);
        own.edges[0].from = "o".into();
        assert_eq!(readability(&own, true).arrows_beside, 0);
        // A straight edge has no bend to start beside anything.
        let straight = edge("o", "m", vec![[420.0, 225.0], [452.0, 225.0]]);
        assert_eq!(
            readability(&page(nodes(), vec![straight]), true).arrows_beside,
            0
        );
        // An undirected edge is looked at from both ends.
        let (_, mut both) = at(432.0, 225.0, [452.0, 225.0]);
        both.edges[0].op = crate::scene::EdgeOp::Assoc;
        both.edges[0].points.reverse();
        both.edges[0].from = "m".into();
        both.edges[0].to = "a".into();
        assert_eq!(readability(&both, true).arrows_beside, 1);
    }
}
