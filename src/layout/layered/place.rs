//! Coordinate assignment across the layers: each node is pulled towards the
//! mean position of its neighbours, subject to keeping its layer's order and
//! the gaps between boxes. One layer is the isotonic regression problem
//! "minimise Σ w (y − target)² with y[i+1] ≥ y[i] + gap[i]", solved exactly in
//! linear time by pool-adjacent-violators.

use super::{EDGE_SEP, Engine, Kind, LNode, NODE_GAP};

/// Node visits the coordinate sweeps of one level may make, about.
const PLACE_WORK: usize = 2_000_000;

/// Positions (centres) for one layer: `targets[i]`, `weights[i]` and the
/// minimum centre-to-centre distance `gaps[i]` between item `i` and `i + 1`.
pub fn pav(targets: &[f64], weights: &[f64], gaps: &[f64]) -> Vec<f64> {
    let mut out = Vec::with_capacity(targets.len());
    pav_into(targets, weights, gaps, &mut PavRoom::default(), &mut out);
    out
}

/// The lists [`pav_into`] works in, kept from one layer to the next: the
/// coordinate sweeps solve one problem per layer and sweep, tens of
/// thousands on a big design, and allocating them each time was a good
/// part of the cost.
#[derive(Default)]
struct PavRoom {
    shift: Vec<f64>,
    /// Blocks of pooled items: (weighted mean, weight, count).
    blocks: Vec<(f64, f64, usize)>,
}

/// [`pav`] written into `out`, working in `room`.
fn pav_into(
    targets: &[f64],
    weights: &[f64],
    gaps: &[f64],
    room: &mut PavRoom,
    out: &mut Vec<f64>,
) {
    let n = targets.len();
    // Shift out the gaps: z[i] = y[i] − S[i] must be non-decreasing.
    let shift = &mut room.shift;
    shift.clear();
    shift.resize(n, 0.0);
    for i in 1..n {
        shift[i] = shift[i - 1] + gaps[i - 1];
    }
    let blocks = &mut room.blocks;
    blocks.clear();
    for i in 0..n {
        let w = weights[i].max(1e-9);
        blocks.push((targets[i] - shift[i], w, 1));
        while blocks.len() > 1 {
            let (m2, w2, c2) = blocks[blocks.len() - 1];
            let (m1, w1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let last = blocks.last_mut().expect("two blocks");
            *last = ((m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2);
        }
    }
    out.clear();
    for &(mean, _, count) in blocks.iter() {
        for _ in 0..count {
            let i = out.len();
            out.push(mean + shift[i]);
        }
    }
}

impl Engine<'_> {
    /// Coordinates across the layers (canonical y of each node's top).
    pub(super) fn assign_y(&mut self, li: usize) {
        let n = self.levels[li].nodes.len();
        // Neighbours of each node in the previous and next layer, with the
        // difference between where the link attaches to them and to the node:
        // the node's centre should sit at (their centre + delta).
        let mut up: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let mut down: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let level = &self.levels[li];
        for (p, chain) in level.chains.iter().enumerate() {
            for w in chain.windows(2) {
                // A bus piece does not pull its far ends together.
                if level.nodes[w[1]].layer == level.nodes[w[0]].layer + 1 {
                    let (oa, ob) = (
                        self.attach_offset(li, w[0], p),
                        self.attach_offset(li, w[1], p),
                    );
                    down[w[0]].push((w[1], ob - oa));
                    up[w[1]].push((w[0], oa - ob));
                }
            }
        }
        let loops = &self.loops;
        let level = &mut self.levels[li];
        let children = &level.children;
        let room = |n: &LNode| match n.kind {
            Kind::Child(c) => loops[children[c].0],
            _ => 0.0,
        };
        let gap = |a: &LNode, b: &LNode| {
            let big = |n: &LNode| matches!(n.kind, Kind::Child(_) | Kind::Label(_));
            (a.size.1 + b.size.1) / 2.0
                + if big(a) && big(b) { NODE_GAP } else { EDGE_SEP }
                + room(a)
                + room(b)
        };
        // The gaps of each layer, the same in every sweep.
        let layer_gaps: Vec<Vec<f64>> = level
            .layers
            .iter()
            .map(|layer| {
                layer
                    .windows(2)
                    .map(|w| gap(&level.nodes[w[0]], &level.nodes[w[1]]))
                    .collect()
            })
            .collect();
        let mut center = vec![0.0; n];
        for (layer, gaps) in level.layers.iter().zip(&layer_gaps) {
            let total: f64 = gaps.iter().sum();
            let mut at = -total / 2.0;
            for (i, &v) in layer.iter().enumerate() {
                center[v] = at;
                at += gaps.get(i).copied().unwrap_or(0.0);
            }
        }
        // Each sweep visits every node: fewer on huge levels, so the work
        // stays near PLACE_WORK node visits (small levels get all eight).
        let sweeps = (PLACE_WORK / n.max(1)).clamp(2, 8);
        // One set of lists for every layer of every sweep.
        let mut room = PavRoom::default();
        let (mut targets, mut weights, mut placed) = (Vec::new(), Vec::new(), Vec::new());
        for s in 0..=sweeps {
            let layer_ids: Vec<usize> = if s % 2 == 0 {
                (0..level.layers.len()).collect()
            } else {
                (0..level.layers.len()).rev().collect()
            };
            for l in layer_ids {
                let layer = &level.layers[l];
                targets.clear();
                weights.clear();
                for &v in layer {
                    let lists: [&[(usize, f64)]; 2] = if s == sweeps {
                        [&up[v], &down[v]]
                    } else if s % 2 == 0 {
                        [&up[v], &[]]
                    } else {
                        [&down[v], &[]]
                    };
                    let count = lists[0].len() + lists[1].len();
                    if count == 0 {
                        targets.push(center[v]);
                        weights.push(0.01);
                    } else {
                        let sum: f64 = lists
                            .iter()
                            .flat_map(|l| l.iter())
                            .map(|&(w, delta)| center[w] + delta)
                            .sum();
                        targets.push(sum / count as f64);
                        weights.push(count as f64);
                    }
                }
                pav_into(&targets, &weights, &layer_gaps[l], &mut room, &mut placed);
                for (i, &v) in layer.iter().enumerate() {
                    center[v] = placed[i];
                }
            }
        }
        for (node, c) in level.nodes.iter_mut().zip(center) {
            node.y = c - node.size.1 / 2.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_gaps_and_meets_free_targets() {
        let y = pav(&[0.0, 100.0, 5.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert!(y[1] - y[0] >= 10.0 - 1e-9 && y[2] - y[1] >= 10.0 - 1e-9);
        // Targets that already fit are met exactly.
        let y = pav(&[0.0, 50.0, 90.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert_eq!(y, vec![0.0, 50.0, 90.0]);
        // Two items wanting the same place share the difference.
        let y = pav(&[10.0, 10.0], &[1.0, 1.0], &[20.0]);
        assert_eq!(y, vec![0.0, 20.0]);
    }
}
