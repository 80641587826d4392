//! Measures of a drawing's quality: edge crossings, bends, total edge length.
//! Crossings are counted with a uniform grid so that big diagrams stay fast.

use crate::scene::Scene;
use std::collections::HashMap;

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
    let cell = 64.0;
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (k, (_, (a, b))) in segs.iter().enumerate() {
        let (x0, x1) = (
            (a[0].min(b[0]) / cell) as i64,
            (a[0].max(b[0]) / cell) as i64,
        );
        let (y0, y1) = (
            (a[1].min(b[1]) / cell) as i64,
            (a[1].max(b[1]) / cell) as i64,
        );
        for x in x0..=x1 {
            for y in y0..=y1 {
                grid.entry((x, y)).or_default().push(k);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for list in grid.values() {
        for (i, &s) in list.iter().enumerate() {
            for &t in &list[i + 1..] {
                let (a, b) = if s < t { (s, t) } else { (t, s) };
                if segs[a].0 != segs[b].0 && cross(segs[a].1, segs[b].1) && seen.insert((a, b)) {
                    q.crossings += 1;
                }
            }
        }
    }
    q
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
