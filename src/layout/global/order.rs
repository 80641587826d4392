//! Phase 3: the order of items across each layer. Layer-by-layer sweeps
//! with the barycenter heuristic, where a layer is arranged container by
//! container: the items directly in a container are sorted by barycenter and
//! merged with its child containers, which stay in one order in every layer
//! (so that each container is one rectangle). The order with the fewest
//! crossings (accumulator tree, Barth–Jünger–Mutzel) is kept.

use super::Engine;
use crate::layout::layered::{barycenter, crossings, pair_crossings};
use crate::model::ElementId;
use std::collections::HashMap;

/// Down-and-up sweeps at most; fewer on big diagrams.
const SWEEPS: usize = 12;
/// Rounds of transposition at most.
const TRANSPOSE_ROUNDS: usize = 8;

impl Engine<'_> {
    pub fn order(&mut self) {
        let n = self.items.len();
        let (up, down) = self.neighbours();
        // Start from declaration order: each item's key is its first
        // component's place in a pre-order walk; dummies follow their tail.
        let mut key = vec![0.0f64; n];
        for (i, it) in self.items.iter().enumerate() {
            key[i] = match it.kind {
                super::ItemKind::Leaf(id) => id.0 as f64,
                _ => it.parent.map_or(0.0, |p| p.0 as f64),
            };
        }
        for l in &self.links {
            let base = key[l.chain[0]];
            for (k, &d) in l.chain.iter().enumerate().skip(1) {
                if k + 1 < l.chain.len() {
                    key[d] = base + 0.5;
                }
            }
        }
        let mut pos = vec![0usize; n];
        for li in 0..self.layers.len() {
            self.arrange(li, &key, &mut pos);
        }
        let mut best = crossings(&self.layers, &down, &pos);
        let mut best_layers = self.layers.clone();
        let sweeps = if n > 4000 { 3 } else { SWEEPS };
        let depth = self.layers.len();
        for s in 0..sweeps {
            if best == 0 {
                break;
            }
            let (range, nbrs): (Vec<usize>, &Vec<Vec<usize>>) = if s % 2 == 0 {
                ((1..depth).collect(), &up)
            } else {
                ((0..depth.saturating_sub(1)).rev().collect(), &down)
            };
            for li in range {
                let layer = self.layers[li].clone();
                let from = if s % 2 == 0 { li - 1 } else { li + 1 };
                let near = self.container_means(from, &pos);
                let mut bary = vec![0.0; n];
                for &v in &layer {
                    bary[v] = barycenter(&nbrs[v], &pos).unwrap_or_else(|| {
                        // Without edges, an item follows its container.
                        let mut cur = self.items[v].parent;
                        let mut found = None;
                        while let Some(c) = cur {
                            if let Some(&m) = near.get(&c) {
                                found = Some(m);
                                break;
                            }
                            cur = self.arch.element(c).parent;
                        }
                        found.unwrap_or(pos[v] as f64)
                    });
                }
                // Fill the keys of this layer's items only.
                for &v in &layer {
                    key[v] = bary[v];
                }
                self.arrange(li, &key, &mut pos);
            }
            let c = crossings(&self.layers, &down, &pos);
            if c < best {
                best = c;
                best_layers = self.layers.clone();
            }
        }
        self.layers = best_layers;
        for layer in &self.layers {
            for (p, &v) in layer.iter().enumerate() {
                pos[v] = p;
            }
        }
        if best > 0 {
            self.transpose(&up, &down, &mut pos);
        }
    }

    /// Swaps neighbours of one container in a layer while that removes
    /// crossings with the layers on either side (the transposition step of
    /// Gansner et al.): the sweeps sort by mean position, which leaves
    /// pairs whose order a mean cannot tell.
    fn transpose(&mut self, up: &[Vec<usize>], down: &[Vec<usize>], pos: &mut [usize]) {
        // Crossings between the edges of `a` and of `b` with `a` on the left.
        let pair = |a: usize, b: usize, pos: &[usize]| {
            pair_crossings(a, b, up, pos) + pair_crossings(a, b, down, pos)
        };
        for _ in 0..TRANSPOSE_ROUNDS {
            let mut better = false;
            for li in 0..self.layers.len() {
                for p in 0..self.layers[li].len().saturating_sub(1) {
                    let (a, b) = (self.layers[li][p], self.layers[li][p + 1]);
                    if self.items[a].parent != self.items[b].parent {
                        continue;
                    }
                    if pair(b, a, pos) < pair(a, b, pos) {
                        self.layers[li].swap(p, p + 1);
                        pos[a] = p + 1;
                        pos[b] = p;
                        better = true;
                    }
                }
            }
            if !better {
                break;
            }
        }
    }

    /// Mean position, in layer `li`, of what each container holds there.
    fn container_means(&self, li: usize, pos: &[usize]) -> HashMap<ElementId, f64> {
        let mut sums: HashMap<ElementId, (f64, usize)> = HashMap::new();
        for &v in &self.layers[li] {
            if matches!(self.items[v].kind, super::ItemKind::Placeholder) {
                continue;
            }
            let mut cur = self.items[v].parent;
            while let Some(c) = cur {
                let e = sums.entry(c).or_default();
                e.0 += pos[v] as f64;
                e.1 += 1;
                cur = self.arch.element(c).parent;
            }
        }
        sums.into_iter()
            .map(|(c, (s, k))| (c, s / k as f64))
            .collect()
    }

    /// Orders layer `li` by `key`, container by container; writes `pos`.
    fn arrange(&mut self, li: usize, key: &[f64], pos: &mut [usize]) {
        let mut direct: HashMap<Option<ElementId>, Vec<usize>> = HashMap::new();
        for &v in &self.layers[li] {
            direct.entry(self.items[v].parent).or_default().push(v);
        }
        for list in direct.values_mut() {
            list.sort_by(|&a, &b| key[a].total_cmp(&key[b]).then(pos[a].cmp(&pos[b])));
        }
        let mut out = Vec::with_capacity(self.layers[li].len());
        self.sequence(None, li, key, &mut direct, &mut out);
        debug_assert_eq!(out.len(), self.layers[li].len());
        for (p, &v) in out.iter().enumerate() {
            pos[v] = p;
        }
        self.layers[li] = out;
    }

    /// Appends the items of container `c` (None: top level) in layer `li`.
    /// Returns the mean key of what it appended.
    fn sequence(
        &self,
        c: Option<ElementId>,
        li: usize,
        key: &[f64],
        direct: &mut HashMap<Option<ElementId>, Vec<usize>>,
        out: &mut Vec<usize>,
    ) -> f64 {
        let items = direct.remove(&c).unwrap_or_default();
        let subs: Vec<ElementId> = self
            .child_containers(c)
            .iter()
            .copied()
            .filter(|s| self.band[s.0].is_some_and(|(lo, hi)| lo <= li && li <= hi))
            .collect();
        // Each child container's own sequence, with its mean key.
        let blocks: Vec<(Vec<usize>, f64)> = subs
            .iter()
            .map(|&s| {
                let mut seq = Vec::new();
                let mean = self.sequence(Some(s), li, key, direct, &mut seq);
                (seq, mean)
            })
            .collect();
        let start = out.len();
        let (mut i, mut j) = (0, 0);
        while i < items.len() || j < blocks.len() {
            let take_item = j >= blocks.len() || (i < items.len() && key[items[i]] < blocks[j].1);
            if take_item {
                out.push(items[i]);
                i += 1;
            } else {
                out.extend_from_slice(&blocks[j].0);
                j += 1;
            }
        }
        let added = &out[start..];
        if added.is_empty() {
            0.0
        } else {
            added.iter().map(|&v| key[v]).sum::<f64>() / added.len() as f64
        }
    }
}
