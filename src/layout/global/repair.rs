//! Phase 3b: no edge through a container that holds neither of its ends.
//!
//! Between two layers an edge moves sideways in the channel; a container
//! that spans both layers covers the channel across its width, so the two
//! ends of every step must lie on one side of each such container (or inside
//! it). Where they do not, the movable end (a dummy or a caption slot) moves
//! beside the container, on the other end's side; where the lower end is a
//! component, the dummies above it move instead, up to where the container
//! begins. What cannot be repaired in the order is returned: the component
//! must start below the container, and the grid is built again.

use super::{Engine, Item, ItemKind, Link};
use crate::model::ElementId;
use std::collections::HashMap;

/// Block of each container in one layer: first and last position.
type Blocks = HashMap<ElementId, (usize, usize)>;

impl Engine<'_> {
    /// Repairs the order; returns `(item, earliest layer)` for what it could not.
    pub fn repair(&mut self) -> Vec<(usize, usize)> {
        let mut blocks: Vec<Option<Blocks>> = vec![None; self.layers.len()];
        let mut pushes: Vec<(usize, usize)> = Vec::new();
        for _ in 0..3 {
            let mut changed = false;
            pushes.clear();
            for li in 0..self.links.len() {
                if self.links[li].is_flat() {
                    continue;
                }
                let chain = self.links[li].chain.clone();
                for i in 0..chain.len() - 1 {
                    for _ in 0..64 {
                        let (p, q) = (chain[i], chain[i + 1]);
                        let Some((c, p_left)) = self.obstacle(p, q, &mut blocks) else {
                            break;
                        };
                        changed = true;
                        if self.movable(q) {
                            self.move_beside(q, c, p_left, &mut blocks);
                            continue;
                        }
                        if self.back_fix(&chain[..=i], c, !p_left, &mut blocks) {
                            continue;
                        }
                        if self.items[q].parent == self.arch.element(c).parent {
                            self.move_beside(q, c, p_left, &mut blocks);
                            continue;
                        }
                        let (_, hi) = self.band[c.0].expect("a spanning container has a band");
                        if q < self.base && !self.reaches_into(q, c) {
                            pushes.push((q, hi + 1));
                        } else if let Some(s) = self.sibling_holding(q, c)
                            && !self.both_sites(s, c)
                            && self.reordered.insert((s, c))
                        {
                            // The container holding q moves beside c, on p's side
                            // (sibling zones keep their declared order: the
                            // step is routed round instead).
                            self.place_sibling(s, c, p_left);
                            pushes.push((usize::MAX, 0));
                        }
                        break;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        pushes.sort_unstable();
        pushes.dedup();
        pushes
    }

    /// Model edges that still cross a container holding neither of their
    /// ends (or whose caption found no slot): they get detours.
    pub fn obstructed(&self) -> Vec<usize> {
        let mut blocks: Vec<Option<Blocks>> = vec![None; self.layers.len()];
        let mut out: Vec<usize> = self
            .links
            .iter()
            .filter(|l| {
                if l.is_flat() {
                    return self.flat_obstacle(l.chain[0], l.chain[1], &mut blocks);
                }
                // A caption needs its slot.
                let caption = !crate::layout::measure::model_caption(&self.arch.edges[l.edge])
                    .0
                    .is_empty();
                let slot = l
                    .chain
                    .iter()
                    .any(|&v| matches!(self.items[v].kind, ItemKind::Label(_)));
                (caption && !slot)
                    || l.chain
                        .windows(2)
                        .any(|w| self.obstacle(w[0], w[1], &mut blocks).is_some())
            })
            .map(|l| l.edge)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Takes the given model edges out of the grid: their dummies and
    /// caption slots leave their layers (a container left empty in a layer
    /// keeps a placeholder), so that the detours drawn later leave no gap.
    pub fn drop_links(&mut self, edges: &[usize]) {
        let (gone, kept): (Vec<Link>, Vec<Link>) = std::mem::take(&mut self.links)
            .into_iter()
            .partition(|l| edges.binary_search(&l.edge).is_ok());
        self.links = kept;
        for l in gone {
            for &v in &l.chain[1..l.chain.len() - 1] {
                let li = self.items[v].layer;
                let parent = self.items[v].parent;
                let shared = parent
                    .is_none_or(|p| self.layers[li].iter().any(|&x| x != v && self.inside(x, p)));
                if shared {
                    self.layers[li].retain(|&x| x != v);
                } else {
                    let it = &mut self.items[v];
                    it.kind = ItemKind::Placeholder;
                    it.w = 0.0;
                    it.h = 0.0;
                }
            }
        }
    }

    /// Whether a U through the channel below the layer of `a` and `b` would
    /// cross a container that lies between them and reaches into that
    /// channel, holding neither.
    fn flat_obstacle(&self, a: usize, b: usize, blocks: &mut [Option<Blocks>]) -> bool {
        let li = self.items[a].layer;
        let (Some(ia), Some(ib)) = (
            self.layers[li].iter().position(|&v| v == a),
            self.layers[li].iter().position(|&v| v == b),
        ) else {
            return true;
        };
        let (lo, hi) = (ia.min(ib), ia.max(ib));
        self.ensure_blocks(li, blocks);
        let Some(bl) = blocks[li].as_ref() else {
            return true;
        };
        bl.iter().any(|(&c, &(f, l))| {
            f > lo
                && l < hi
                && self.band[c.0].is_some_and(|(_, last)| last > li)
                && !self.inside(a, c)
                && !self.inside(b, c)
        })
    }

    /// The sibling of container `c` that holds item `v`, if any.
    fn sibling_holding(&self, v: usize, c: ElementId) -> Option<ElementId> {
        let parent = self.arch.element(c).parent;
        self.path_of(v)
            .into_iter()
            .find(|&s| s != c && self.arch.element(s).parent == parent)
    }

    /// Whether containers `a` and `b` are both sites (zones, regions, data
    /// centres), drawn side by side in their declared order.
    fn both_sites(&self, a: ElementId, b: ElementId) -> bool {
        [a, b]
            .iter()
            .all(|&c| self.arch.element(c).kind.traits.parallel)
    }

    /// Moves container `s` right beside its sibling `c` in their parent's
    /// order (before it when `before`).
    fn place_sibling(&mut self, s: ElementId, c: ElementId, before: bool) {
        let order = match self.arch.element(c).parent {
            Some(p) => &mut self.child_order[p.0],
            None => &mut self.root_order,
        };
        order.retain(|&x| x != s);
        let at = order
            .iter()
            .position(|&x| x == c)
            .expect("c is in its parent's order");
        order.insert(if before { at } else { at + 1 }, s);
    }

    fn movable(&self, v: usize) -> bool {
        matches!(self.items[v].kind, ItemKind::Dummy | ItemKind::Label(_))
    }

    /// The container that step `p → q` would cross, nearest to `q`, and
    /// whether `p` lies left of it.
    fn obstacle(
        &self,
        p: usize,
        q: usize,
        blocks: &mut [Option<Blocks>],
    ) -> Option<(ElementId, bool)> {
        let (lp, lq) = (self.items[p].layer, self.items[q].layer);
        let ip = self.layers[lp].iter().position(|&v| v == p)?;
        let iq = self.layers[lq].iter().position(|&v| v == q)?;
        self.ensure_blocks(lp, blocks);
        self.ensure_blocks(lq, blocks);
        let (bp, bq) = (blocks[lp].as_ref()?, blocks[lq].as_ref()?);
        let mut best: Option<(ElementId, bool, usize)> = None;
        for (&c, &(f1, l1)) in bp {
            let Some(&(f2, l2)) = bq.get(&c) else {
                continue;
            };
            if self.inside(p, c) || self.inside(q, c) {
                continue;
            }
            let (left, dist) = if ip < f1 && iq > l2 {
                (true, iq - l2)
            } else if ip > l1 && iq < f2 {
                (false, f2 - iq)
            } else {
                continue;
            };
            // Nearest to q first; ties by ID for a deterministic choice.
            if best.is_none_or(|(b, _, d)| dist < d || (dist == d && c.0 < b.0)) {
                best = Some((c, left, dist));
            }
        }
        best.map(|(c, left, _)| (c, left))
    }

    fn ensure_blocks(&self, li: usize, blocks: &mut [Option<Blocks>]) {
        if blocks[li].is_some() {
            return;
        }
        let mut b: Blocks = HashMap::new();
        for (i, &v) in self.layers[li].iter().enumerate() {
            let mut cur = self.items[v].parent;
            while let Some(c) = cur {
                let e = b.entry(c).or_insert((i, i));
                e.0 = e.0.min(i);
                e.1 = e.1.max(i);
                cur = self.arch.element(c).parent;
            }
        }
        blocks[li] = Some(b);
    }

    /// Moves item `v` right beside container `c` in its layer (on the left
    /// when `left`), into `c`'s parent. A container left empty in that layer
    /// keeps a placeholder.
    fn move_beside(&mut self, v: usize, c: ElementId, left: bool, blocks: &mut [Option<Blocks>]) {
        let li = self.items[v].layer;
        let old = self.items[v].parent;
        let at = self.layers[li]
            .iter()
            .position(|&x| x == v)
            .expect("v is in its layer");
        self.layers[li].remove(at);
        let still_there = old.is_none_or(|o| self.layers[li].iter().any(|&x| self.inside(x, o)));
        if let (false, Some(o)) = (still_there, old) {
            let ph = self.items.len();
            self.items.push(Item {
                kind: ItemKind::Placeholder,
                parent: Some(o),
                layer: li,
                w: 0.0,
                h: 0.0,
                inset: 0.0,
                x: 0.0,
            });
            self.layers[li].insert(at, ph);
        }
        self.items[v].parent = self.arch.element(c).parent;
        let (first, last) = {
            let mut range: Option<(usize, usize)> = None;
            for (i, &x) in self.layers[li].iter().enumerate() {
                if self.inside(x, c) {
                    let r = range.get_or_insert((i, i));
                    r.1 = i;
                }
            }
            range.expect("a container spanning a layer has items there")
        };
        let to = if left { first } else { last + 1 };
        self.layers[li].insert(to, v);
        blocks[li] = None;
    }

    /// Moves the dummies at the end of `chain` (its last item is the upper
    /// end of the crossing step) beside `c` on the side given, from where
    /// `c` begins. False when the chain's component end lies within `c`'s
    /// band, so that no move helps.
    fn back_fix(
        &mut self,
        chain: &[usize],
        c: ElementId,
        left: bool,
        blocks: &mut [Option<Blocks>],
    ) -> bool {
        let (lo, _) = self.band[c.0].expect("a spanning container has a band");
        let mut j = chain.len() - 1;
        while self.items[chain[j]].layer > lo {
            if j == 0 {
                return false;
            }
            j -= 1;
        }
        // chain[j] is the first at or above c's first layer.
        let from = if self.items[chain[j]].layer < lo {
            j + 1
        } else {
            j
        };
        if from == 0 || chain[from..].iter().any(|&v| !self.movable(v)) {
            return false;
        }
        for &v in &chain[from..] {
            if self.inside(v, c) {
                return false;
            }
            self.move_beside(v, c, left, blocks);
        }
        true
    }

    /// Whether links lead from item `v` to anything inside container `c`.
    fn reaches_into(&self, v: usize, c: ElementId) -> bool {
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); self.base];
        for l in &self.links {
            next[l.tail].push(l.head);
        }
        crate::layout::layered::reaches(&next, v, |u| u != v && self.inside(u, c))
    }
}
