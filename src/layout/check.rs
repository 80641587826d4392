//! The geometric contract of a scene, checked: what every engine must
//! guarantee. Used by the tests (property tests over generated designs and
//! every example); quadratic, so not for huge scenes.

use super::measure::{PADDING, TITLE_BAND};
use crate::geometry::Rect;
use crate::scene::{Scene, SceneBox};
use std::collections::{HashMap, HashSet};

/// Which rules an engine promises to keep.
#[derive(Debug, Clone, Copy)]
pub struct Contract {
    /// Edges avoid boxes that are not their endpoints or ancestors of them.
    pub edges_avoid_boxes: bool,
    /// Edge labels cover no box, container title or other label.
    pub labels_clear: bool,
    /// No two edges run along the same line (parallel segments keep a gap),
    /// unless they share an end: a fan-out or fan-in drawn as one trunk.
    pub edges_apart: bool,
}

impl Contract {
    /// Every rule: what the layered engines keep.
    pub const ALL: Contract = Contract {
        edges_avoid_boxes: true,
        labels_clear: true,
        edges_apart: true,
    };
}

/// Every broken rule, in words (empty when the scene is sound).
pub fn violations(scene: &Scene, contract: Contract) -> Vec<String> {
    let mut out = Vec::new();
    let by_id: HashMap<&str, &SceneBox> = scene.boxes().map(|b| (b.id.as_str(), b)).collect();
    let boxes: Vec<&SceneBox> = scene.boxes().collect();
    let containers: HashSet<&str> = scene.containers.iter().map(|c| c.id.as_str()).collect();
    for b in &boxes {
        if !(b.width > 0.0 && b.height > 0.0) {
            out.push(format!("`{}` has no size", b.id));
        }
        if b.x < 0.0
            || b.y < 0.0
            || b.x + b.width > scene.width + 0.01
            || b.y + b.height > scene.height + 0.01
        {
            out.push(format!("`{}` leaves the canvas", b.id));
        }
        if let Some(p) = b.parent.as_deref().and_then(|p| by_id.get(p)) {
            let tol = 0.05; // coordinates are rounded to 0.01 one by one
            let inner = Rect {
                left: p.x + PADDING - tol,
                top: p.y + TITLE_BAND + PADDING - tol,
                right: p.x + p.width - PADDING + tol,
                bottom: p.y + p.height - PADDING + tol,
            };
            if !inner.contains(&b.rect()) {
                out.push(format!(
                    "`{}` is not inside `{}` with padding, below its title",
                    b.id, p.id
                ));
            }
        }
    }
    let mut siblings: HashMap<Option<&str>, Vec<&SceneBox>> = HashMap::new();
    for b in &boxes {
        siblings.entry(b.parent.as_deref()).or_default().push(b);
    }
    for list in siblings.values() {
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.rect().overlaps(&b.rect()) {
                    out.push(format!("siblings `{}` and `{}` overlap", a.id, b.id));
                }
            }
        }
    }
    let ancestors = |id: &str| {
        let mut set: HashSet<String> = HashSet::new();
        let mut cur = by_id.get(id).and_then(|b| b.parent.clone());
        while let Some(p) = cur {
            cur = by_id.get(p.as_str()).and_then(|b| b.parent.clone());
            set.insert(p);
        }
        set
    };
    let mut label_rects: Vec<(usize, Rect)> = Vec::new();
    for (i, e) in scene.edges.iter().enumerate() {
        let name = format!("edge {} {} {}", e.from, e.op, e.to);
        if e.points.len() < 2 {
            out.push(format!("{name} has fewer than two points"));
            continue;
        }
        for (end, p) in [
            (&e.from, e.points[0]),
            (&e.to, e.points[e.points.len() - 1]),
        ] {
            if let Some(b) = by_id.get(end.as_str())
                && !on_border(b.rect(), p)
            {
                out.push(format!(
                    "{name} does not end on the border of `{end}` at {p:?}"
                ));
            }
        }
        if contract.edges_avoid_boxes {
            let mut allowed = ancestors(&e.from);
            allowed.extend(ancestors(&e.to));
            allowed.insert(e.from.clone());
            allowed.insert(e.to.clone());
            for b in &boxes {
                if allowed.contains(&b.id) {
                    continue;
                }
                let r = b.rect();
                if e.points.windows(2).any(|w| segment_hits(r, w[0], w[1])) {
                    out.push(format!("{name} passes through `{}`", b.id));
                }
            }
        }
        // A caption without a slot is drawn at the middle of its edge.
        if let Some(r) = e.caption_box() {
            label_rects.push((i, r));
        }
    }
    if contract.edges_apart {
        out.extend(shared_segments(scene));
    }
    if contract.labels_clear {
        for (i, r) in &label_rects {
            let e = &scene.edges[*i];
            for b in &boxes {
                if containers.contains(b.id.as_str()) {
                    let whole = b.rect();
                    let title = whole.top_band(TITLE_BAND);
                    if r.overlaps(&title) || (r.overlaps(&whole) && !whole.contains(r)) {
                        out.push(format!(
                            "label of {} -> {} covers container `{}`",
                            e.from, e.to, b.id
                        ));
                    }
                } else if r.overlaps(&b.rect()) {
                    out.push(format!("label of {} -> {} covers `{}`", e.from, e.to, b.id));
                }
            }
        }
        for (k, (i, a)) in label_rects.iter().enumerate() {
            for (j, b) in &label_rects[k + 1..] {
                if a.overlaps(b) {
                    out.push(format!("labels of edges {i} and {j} overlap"));
                }
            }
        }
    }
    out
}

/// Whether `p` lies on a side of `r`, within a little over half a unit.
fn on_border(r: Rect, p: [f64; 2]) -> bool {
    let tol = 0.6;
    let inside = r.inflate(tol).contains(&Rect::spanning(p, p));
    let near = (p[0] - r.left).abs() < tol
        || (p[0] - r.right).abs() < tol
        || (p[1] - r.top).abs() < tol
        || (p[1] - r.bottom).abs() < tol;
    inside && near
}

/// Whether the segment `a`–`b` enters the interior of `r` (shrunk by half a unit).
fn segment_hits(r: Rect, a: [f64; 2], b: [f64; 2]) -> bool {
    let Rect {
        left: x0,
        top: y0,
        right: x1,
        bottom: y1,
    } = r.inflate(-0.5);
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    // Liang–Barsky clipping.
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a[0] - x0),
        (dx, x1 - a[0]),
        (-dy, a[1] - y0),
        (dy, y1 - a[1]),
    ] {
        if p.abs() < 1e-12 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Pairs of edges with no end in common that share a stretch of line (a
/// fan-out or fan-in trunk, whose edges share an end, is not counted).
pub fn shared_lanes(scene: &Scene) -> usize {
    shared_lane_pairs(scene).len()
}

/// Pairs of edges that share a stretch of line longer than one unit.
fn shared_segments(scene: &Scene) -> Vec<String> {
    shared_lane_pairs(scene)
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (&scene.edges[i], &scene.edges[j]);
            format!(
                "edges {} {} {} and {} {} {} share a segment",
                a.from, a.op, a.to, b.from, b.op, b.to
            )
        })
        .collect()
}

/// Pairs of edges (indices, in order of their line) with no end in common
/// that share a stretch of line longer than one unit.
pub fn shared_lane_pairs(scene: &Scene) -> Vec<(usize, usize)> {
    // Axis-parallel segments bucketed by orientation and coordinate.
    // (vertical?, coordinate) -> (edge, from, to) along the line.
    type Runs = HashMap<(bool, i64), Vec<(usize, f64, f64)>>;
    let mut buckets: Runs = HashMap::new();
    for (i, e) in scene.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a[0] - b[0]).abs() < 0.01 {
                buckets
                    .entry((true, a[0].round() as i64))
                    .or_default()
                    .push((i, a[1].min(b[1]), a[1].max(b[1])));
            } else if (a[1] - b[1]).abs() < 0.01 {
                buckets
                    .entry((false, a[1].round() as i64))
                    .or_default()
                    .push((i, a[0].min(b[0]), a[0].max(b[0])));
            }
        }
    }
    let mut out = Vec::new();
    let mut keys: Vec<&(bool, i64)> = buckets.keys().collect();
    keys.sort();
    for key in keys {
        let list = &buckets[key];
        // A sweep along the line instead of every pair of the bucket (a
        // line can hold thousands of stubs): by start, each run meets only
        // the runs that start before it ends. The pairs are then put back
        // in the order of every pair, the first run's position first.
        let mut by_start: Vec<usize> = (0..list.len()).collect();
        by_start.sort_by(|&p, &q| list[p].1.total_cmp(&list[q].1));
        let mut pairs = Vec::new();
        for (n, &p) in by_start.iter().enumerate() {
            let hi_p = list[p].2;
            for &q in &by_start[n + 1..] {
                // Runs starting later share at most `hi_p - lo` with p.
                if hi_p - list[q].1 <= 1.0 {
                    break;
                }
                let (k, m) = (p.min(q), p.max(q));
                let ((i, lo, hi), (j, lo2, hi2)) = (list[k], list[m]);
                let (a, b) = (&scene.edges[i], &scene.edges[j]);
                // A trunk: edges leaving one element (or reaching one) together.
                let trunk = a.from == b.from || a.to == b.to;
                if i != j && !trunk && hi.min(hi2) - lo.max(lo2) > 1.0 {
                    pairs.push((k, m));
                }
            }
        }
        pairs.sort_unstable();
        out.extend(pairs.into_iter().map(|(k, m)| (list[k].0, list[m].0)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shared_lane_pairs;
    use crate::scene::Scene;

    /// Every pair of every line, as the pairs were first found.
    fn every_pair(scene: &Scene) -> Vec<(usize, usize)> {
        type Runs = std::collections::BTreeMap<(bool, i64), Vec<(usize, f64, f64)>>;
        let mut buckets = Runs::new();
        for (i, e) in scene.edges.iter().enumerate() {
            for w in e.points.windows(2) {
                let (a, b) = (w[0], w[1]);
                if (a[0] - b[0]).abs() < 0.01 {
                    let run = (i, a[1].min(b[1]), a[1].max(b[1]));
                    buckets
                        .entry((true, a[0].round() as i64))
                        .or_default()
                        .push(run);
                } else if (a[1] - b[1]).abs() < 0.01 {
                    let run = (i, a[0].min(b[0]), a[0].max(b[0]));
                    buckets
                        .entry((false, a[1].round() as i64))
                        .or_default()
                        .push(run);
                }
            }
        }
        let mut out = Vec::new();
        for list in buckets.values() {
            for (k, &(i, lo, hi)) in list.iter().enumerate() {
                for &(j, lo2, hi2) in &list[k + 1..] {
                    let (a, b) = (&scene.edges[i], &scene.edges[j]);
                    let trunk = a.from == b.from || a.to == b.to;
                    if i != j && !trunk && hi.min(hi2) - lo.max(lo2) > 1.0 {
                        out.push((i, j));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_sweep_finds_every_pair_in_order() {
        let src = crate::generate::synthetic(600, 3, crate::generate::Format::Cgr);
        let arch = crate::compile::compile_str("g.cgr", &src).arch.unwrap();
        let mut scene = crate::layout::layout(&arch);
        // Runs made to overlap, touch and nest on a few shared lines.
        for (k, e) in scene.edges.iter_mut().enumerate().take(400) {
            let (x, y) = ((k % 3) as f64 * 40.0, (k % 7) as f64 * 0.5);
            e.points = vec![[x, y], [x, y + 10.0 + (k % 5) as f64], [x + 30.0, y + 11.0]];
        }
        let pairs = shared_lane_pairs(&scene);
        assert!(!pairs.is_empty());
        assert_eq!(pairs, every_pair(&scene));
    }
}
