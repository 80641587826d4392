//! Where a shared trunk branches. Edges that leave one box together (a
//! fan-out) or reach one together (a fan-in) run on one line for a while;
//! where they part, the renderer draws a dot, so that the branch does not
//! read as an edge of its own between the boxes at its two ends.

use super::Scene;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Edges of one end up to which every pair is compared; in a bigger group
/// each edge is compared with the one before it (a trunk's members are
/// routed next to each other), so the work stays linear.
const ALL_PAIRS_UP_TO: usize = 64;

impl Scene {
    /// The points where edges with a common source (or a common target)
    /// stop sharing their line, each once, in order.
    pub fn junctions(&self) -> Vec<[f64; 2]> {
        // The groups' order does not matter: the points are sorted at the end.
        let mut from: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        let mut to: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, e) in self.edges.iter().enumerate() {
            if e.points.len() >= 2 && e.from != e.to {
                from.entry(&e.from).or_default().push(i);
                to.entry(&e.to).or_default().push(i);
            }
        }
        let mut out = Vec::new();
        // Fan-ins are read from their common target back.
        for (groups, backwards) in [(&from, false), (&to, true)] {
            for members in groups.values().filter(|m| m.len() > 1) {
                let lines: Vec<Cow<'_, [[f64; 2]]>> = members
                    .iter()
                    .map(|&i| {
                        let points = &self.edges[i].points;
                        if backwards {
                            Cow::Owned(points.iter().rev().copied().collect())
                        } else {
                            Cow::Borrowed(&points[..])
                        }
                    })
                    .collect();
                let pairs: Vec<(usize, usize)> = if lines.len() <= ALL_PAIRS_UP_TO {
                    (0..lines.len())
                        .flat_map(|a| (a + 1..lines.len()).map(move |b| (a, b)))
                        .collect()
                } else {
                    (1..lines.len()).map(|b| (b - 1, b)).collect()
                };
                out.extend(
                    pairs
                        .into_iter()
                        .filter_map(|(a, b)| parting(&lines[a], &lines[b])),
                );
            }
        }
        out.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
        out.dedup_by(|a, b| (a[0] - b[0]).abs() < 0.5 && (a[1] - b[1]).abs() < 0.5);
        out
    }
}

/// Where two polylines that start at one point part, when they first run
/// together along a common stretch; None when they part at once, start
/// apart, or one ends on the other's line. A common stretch runs along an
/// axis: slanted lines (the layout-rs engine's straight edges) share none,
/// so a slanted segment ends the stretch.
fn parting(a: &[[f64; 2]], b: &[[f64; 2]]) -> Option<[f64; 2]> {
    let close = |p: [f64; 2], q: [f64; 2]| (p[0] - q[0]).abs() + (p[1] - q[1]).abs() < 0.5;
    if !close(a[0], b[0]) {
        return None;
    }
    let (mut i, mut j) = (1, 1);
    let mut at = a[0];
    let mut shared = 0.0;
    // Each step along an axis ends on the nearer of the two next vertices,
    // which the next round passes, so the stretch takes at most one round per
    // vertex; the count is the guarantee that no pair of lines loops.
    for _ in 0..a.len() + b.len() {
        // Past the vertices already reached.
        while i < a.len() && close(at, a[i]) {
            i += 1;
        }
        while j < b.len() && close(at, b[j]) {
            j += 1;
        }
        if i >= a.len() || j >= b.len() {
            return None;
        }
        let (da, db) = (heading(at, a[i]), heading(at, b[j]));
        // One of the two signs is zero exactly when the heading is along an axis.
        if da != db || (da.0 == 0.0) == (da.1 == 0.0) {
            break;
        }
        let len = |p: [f64; 2]| (p[0] - at[0]).abs() + (p[1] - at[1]).abs();
        let step = len(a[i]).min(len(b[j]));
        at = [at[0] + da.0 * step, at[1] + da.1 * step];
        shared += step;
    }
    (shared > 0.5).then_some(at)
}

/// The direction from `p` to `q` along an axis, as signs.
fn heading(p: [f64; 2], q: [f64; 2]) -> (f64, f64) {
    let sign = |d: f64| {
        if d > 0.25 {
            1.0
        } else if d < -0.25 {
            -1.0
        } else {
            0.0
        }
    };
    (sign(q[0] - p[0]), sign(q[1] - p[1]))
}

#[cfg(test)]
mod tests {
    use super::parting;

    /// Three edges leave one port together: two turn off a common stretch
    /// (one dot where they part), one runs straight on through it.
    #[test]
    fn edges_part_where_their_common_stretch_ends() {
        let up = [[0.0, 50.0], [40.0, 50.0], [40.0, 0.0]];
        let down = [[0.0, 50.0], [40.0, 50.0], [40.0, 100.0]];
        let on = [[0.0, 50.0], [200.0, 50.0]];
        assert_eq!(parting(&up, &down), Some([40.0, 50.0]));
        assert_eq!(parting(&up, &on), Some([40.0, 50.0]));
        // Apart from the start: no common stretch, no dot.
        let away = [[0.0, 50.0], [0.0, 120.0]];
        assert_eq!(parting(&on, &away), None);
        // Different starts.
        assert_eq!(parting(&on, &[[0.0, 60.0], [200.0, 60.0]]), None);
        // One ends on the other's line: no branch.
        assert_eq!(parting(&on, &[[0.0, 50.0], [120.0, 50.0]]), None);
    }

    /// Two edges between one pair of boxes drawn as one slanted line (the
    /// layout-rs engine did so on kubernetes.cgr), and two slanted lines into
    /// one quadrant: no common stretch, and the search ends.
    #[test]
    fn slanted_lines_share_no_stretch() {
        let slant = [[1482.0, 216.6], [1502.0, 214.03]];
        assert_eq!(parting(&slant, &slant), None);
        let steep = [[0.0, 0.0], [50.0, 100.0]];
        let flat = [[0.0, 0.0], [100.0, 50.0]];
        assert_eq!(parting(&steep, &flat), None);
        // A common stretch along an axis before a slanted part still counts.
        let bent = [[0.0, 0.0], [40.0, 0.0], [80.0, 30.0]];
        assert_eq!(parting(&bent, &on_axis()), Some([40.0, 0.0]));
    }

    fn on_axis() -> [[f64; 2]; 3] {
        [[0.0, 0.0], [40.0, 0.0], [40.0, 90.0]]
    }
}
