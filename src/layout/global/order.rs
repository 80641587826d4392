//! Phase 3: the order of items across each layer. Layer-by-layer sweeps
//! with the barycenter heuristic, where a layer is arranged container by
//! container: the items directly in a container are sorted by barycenter and
//! merged with its child containers, which stay in one order in every layer
//! (so that each container is one rectangle). The order with the fewest
//! crossings (accumulator tree, Barth–Jünger–Mutzel) is kept, then refined
//! by moves a sweep cannot make: swaps of neighbours, a component past a
//! sibling container's block, a long edge's dummies out of its end's
//! container.

use super::Engine;
use crate::layout::layered::{barycenter, bilayer_crossings, crossings, pair_crossings};
use crate::model::ElementId;
use std::collections::HashMap;

/// Down-and-up sweeps at most; fewer on big diagrams.
const SWEEPS: usize = 12;
/// Rounds of transposition at most.
const TRANSPOSE_ROUNDS: usize = 8;
/// Items up to which components are tried past their sibling containers.
const PAST_BLOCKS_UP_TO: usize = 600;

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
        for li in 0..self.layers.len() {
            self.index(li, &mut pos);
        }
        if best > 0 {
            self.transpose(&up, &down, &mut pos);
            if n <= PAST_BLOCKS_UP_TO {
                if self.lift {
                    self.lift_chains(&down, &mut pos);
                }
                self.past_blocks(&down, &mut pos);
            }
        }
    }

    /// Moves a component past the block of a sibling container next to it
    /// in its layer where that removes crossings with the layers on either
    /// side. Transposition swaps items of one container only, and the
    /// sweeps place an item by one mean: a component fed from the far side
    /// of a sibling container keeps its edge across it otherwise.
    fn past_blocks(&mut self, down: &[Vec<usize>], pos: &mut [usize]) {
        for _ in 0..TRANSPOSE_ROUNDS {
            let mut better = false;
            for li in 0..self.layers.len() {
                for p in 0..self.layers[li].len() {
                    let v = self.layers[li][p];
                    if matches!(self.items[v].kind, super::ItemKind::Leaf(_))
                        && (self.try_past(li, p, true, down, pos)
                            || self.try_past(li, p, false, down, pos))
                    {
                        better = true;
                    }
                }
            }
            if !better {
                break;
            }
        }
    }

    /// Tries the item at `p` of layer `li` on the far side of the sibling
    /// container's block after it (`right`) or before it; keeps the move
    /// if the crossings around the layer drop.
    fn try_past(
        &mut self,
        li: usize,
        p: usize,
        right: bool,
        down: &[Vec<usize>],
        pos: &mut [usize],
    ) -> bool {
        let layer = &self.layers[li];
        let v = layer[p];
        let parent = self.items[v].parent;
        let next = |q: usize| {
            if right {
                q.checked_add(1)
            } else {
                q.checked_sub(1)
            }
        };
        let Some(first) = next(p).filter(|&q| q < layer.len()) else {
            return false;
        };
        let Some(block) = self.child_of(layer[first], parent) else {
            return false;
        };
        let mut last = first;
        while let Some(q) = next(last).filter(|&q| q < layer.len()) {
            if self.child_of(layer[q], parent) != Some(block) {
                break;
            }
            last = q;
        }
        let before = self.crossings_around(li, down, pos);
        let moved = self.layers[li].clone();
        let (lo, hi) = if right { (p, last) } else { (last, p) };
        if right {
            self.layers[li][lo..=hi].rotate_left(1);
        } else {
            self.layers[li][lo..=hi].rotate_right(1);
        }
        self.index(li, pos);
        if self.crossings_around(li, down, pos) < before {
            return true;
        }
        self.layers[li] = moved;
        self.index(li, pos);
        false
    }

    /// Lets a long edge leave the container of one of its ends at once
    /// where that removes crossings. A long edge runs inside its tail's
    /// containers for as long as they span its layers, so it leaves them
    /// next to its head, across whatever lies between; run beside the
    /// container instead, it can reach a head placed on that side. Each
    /// link is tried with the dummies in one end's container moved out to
    /// either side of it (and the other end beside it too, when that end
    /// lies directly in the innermost container holding both ends).
    fn lift_chains(&mut self, down: &[Vec<usize>], pos: &mut [usize]) {
        let mut best = crossings(&self.layers, down, pos);
        for k in 0..self.links.len() {
            let chain = self.links[k].chain.clone();
            if best == 0 {
                return;
            }
            if chain.len() < 3 {
                continue;
            }
            let (first, last) = (chain[0], chain[chain.len() - 1]);
            let lca = self.common_container(first, last);
            for (end, other) in [(first, last), (last, first)] {
                let Some(branch) = self.child_of(end, lca) else {
                    continue;
                };
                let inner: Vec<usize> = chain[1..chain.len() - 1]
                    .iter()
                    .copied()
                    .filter(|&d| self.child_of(d, lca) == Some(branch))
                    .collect();
                if inner.is_empty() || !inner.iter().all(|&d| self.not_alone(d)) {
                    continue;
                }
                let other_moves = self.items[other].parent == lca
                    && matches!(self.items[other].kind, super::ItemKind::Leaf(_));
                let kept = [false, true].into_iter().any(|after| {
                    let layers = self.layers.clone();
                    let parents: Vec<_> = inner.iter().map(|&d| self.items[d].parent).collect();
                    for &d in &inner {
                        self.items[d].parent = lca;
                        self.beside(d, lca, branch, after);
                    }
                    if other_moves {
                        self.beside(other, lca, branch, after);
                    }
                    for li in 0..self.layers.len() {
                        self.index(li, pos);
                    }
                    let c = crossings(&self.layers, down, pos);
                    if c < best {
                        best = c;
                        return true;
                    }
                    self.layers = layers;
                    for (&d, p) in inner.iter().zip(parents) {
                        self.items[d].parent = p;
                    }
                    for li in 0..self.layers.len() {
                        self.index(li, pos);
                    }
                    false
                });
                if kept {
                    break;
                }
            }
        }
    }

    /// Moves item `v`, which lies in container `lca` (or is being moved
    /// there), next to the block of `lca`'s child container `branch` in
    /// its layer: before it, or `after` it. Nothing moves where the layer
    /// holds nothing of `branch`.
    fn beside(&mut self, v: usize, lca: Option<ElementId>, branch: ElementId, after: bool) {
        let li = self.items[v].layer;
        let layer = &self.layers[li];
        let rest: Vec<usize> = layer.iter().copied().filter(|&x| x != v).collect();
        let run: Vec<usize> = (0..rest.len())
            .filter(|&q| self.child_of(rest[q], lca) == Some(branch))
            .collect();
        let (Some(&lo), Some(&hi)) = (run.first(), run.last()) else {
            return;
        };
        let at = if after { hi + 1 } else { lo };
        let mut out = rest;
        out.insert(at, v);
        self.layers[li] = out;
    }

    /// Whether the container of item `v` holds something else in `v`'s
    /// layer, so that it stays present there without `v`.
    fn not_alone(&self, v: usize) -> bool {
        let Some(c) = self.items[v].parent else {
            return true;
        };
        let li = self.items[v].layer;
        self.layers[li].iter().any(|&x| x != v && self.inside(x, c))
    }

    /// The innermost container holding both items (None: the top level).
    fn common_container(&self, a: usize, b: usize) -> Option<ElementId> {
        let (pa, pb) = (self.path_of(a), self.path_of(b));
        pa.iter()
            .zip(&pb)
            .take_while(|(x, y)| x == y)
            .last()
            .map(|(x, _)| *x)
    }

    /// The child container of `parent` that holds item `v`, if `v` is
    /// inside one (not directly in `parent`).
    fn child_of(&self, v: usize, parent: Option<ElementId>) -> Option<ElementId> {
        let mut cur = self.items[v].parent?;
        loop {
            let up = self.arch.element(cur).parent;
            if up == parent {
                return Some(cur);
            }
            cur = up?;
        }
    }

    /// Crossings between layer `li` and the layers on either side.
    fn crossings_around(&self, li: usize, down: &[Vec<usize>], pos: &[usize]) -> usize {
        let pairs = |l: usize| {
            let mut edges: Vec<(usize, usize)> = self.layers[l]
                .iter()
                .flat_map(|&v| down[v].iter().map(move |&w| (pos[v], pos[w])))
                .collect();
            bilayer_crossings(&mut edges, self.layers[l + 1].len())
        };
        let above = if li > 0 { pairs(li - 1) } else { 0 };
        let below = if li + 1 < self.layers.len() {
            pairs(li)
        } else {
            0
        };
        above + below
    }

    /// Writes the positions of layer `li` into `pos`.
    fn index(&self, li: usize, pos: &mut [usize]) {
        for (p, &v) in self.layers[li].iter().enumerate() {
            pos[v] = p;
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
