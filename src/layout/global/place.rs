//! Phase 4: coordinates.
//!
//! Across the flow, every item's left edge and every container's two
//! borders are variables; each layer, read left to right with its container
//! borders, gives separation constraints `x[b] ≥ x[a] + gap`. Items want to
//! sit centred on their neighbours (dummies hard, so long edges run
//! straight); a few rounds of "desired positions, then the closest positions
//! that keep every constraint" settle them. The solver merges violated
//! constraints into rigid blocks placed at their members' weighted mean
//! (the "satisfy" step of Dwyer, Marriott and Stuckey's VPSC), then a sweep
//! in topological order restores any constraint the merging left open.
//!
//! Along the flow, layers are stacked with room for the borders of the
//! containers that close and open between them and for the channel's tracks.

use super::{Engine, ItemKind};
use crate::geometry::Rect;
use crate::layout::measure::{self, PADDING, TITLE_BAND};
use crate::model::{Direction, ElementId};
use std::collections::HashMap;

/// Gap between two boxes of one layer.
pub const NODE_GAP: f64 = 32.0;
/// Gap between an edge passing through a layer and its neighbours.
pub const EDGE_SEP: f64 = 16.0;
/// How strongly an element that spans sibling zones is drawn to the
/// middle of them, against 1 for the pull of its edges (4 for a long
/// edge's bends): it sits centred across the zones wherever its layer has
/// room, as cloud diagrams draw a load balancer over its zones.
const SPANS: f64 = 8.0;

/// Gap between two sibling containers.
pub const CONTAINER_GAP: f64 = 28.0;

/// One separation constraint: `x[right] ≥ x[left] + gap`.
#[derive(Debug, Clone, Copy)]
struct Sep {
    left: usize,
    right: usize,
    gap: f64,
}

/// A token of a layer read left to right.
#[derive(Debug, Clone, Copy)]
pub(super) enum Tok {
    Item(usize),
    Open(ElementId),
    Close(ElementId),
}

/// Room inside a container's border on each side.
#[derive(Debug, Clone, Copy)]
pub struct Padding {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Engine<'_> {
    /// Gap between two boxes of one layer, widened by [`Engine::spread`]
    /// when the diagram has no containers (else the containers move apart
    /// and what is inside each stays together).
    pub fn node_gap(&self) -> f64 {
        if self.containers.is_empty() {
            NODE_GAP + self.spread
        } else {
            NODE_GAP
        }
    }

    /// Gap between two sibling containers, widened by [`Engine::spread`].
    pub fn container_gap(&self) -> f64 {
        CONTAINER_GAP + self.spread
    }

    /// Padding inside a container, canonical: the title band is on the
    /// side the real top maps to.
    pub fn padding(&self) -> Padding {
        let (p, t) = (PADDING, PADDING + TITLE_BAND);
        let sides = |left, right, top, bottom| Padding {
            left,
            right,
            top,
            bottom,
        };
        match self.dir {
            Direction::Down => sides(p, p, t, p),
            Direction::Up => sides(p, p, p, t),
            Direction::Right | Direction::Left => sides(t, p, p, p),
        }
    }

    /// The smallest extent of a container that holds its title: across the
    /// flow for down/up, along it for right/left.
    pub fn title_extent(&self, c: ElementId) -> f64 {
        measure::container_min_width(self.arch.element(c).display_label())
    }

    pub fn place_across(&mut self) {
        let n = self.items.len();
        let mut var_of: HashMap<ElementId, usize> = HashMap::new();
        for (k, &c) in self.containers.iter().enumerate() {
            var_of.insert(c, n + 2 * k);
        }
        let vars = n + 2 * self.containers.len();
        let pad = self.padding();
        let mut seps: HashMap<(usize, usize), f64> = HashMap::new();
        let mut add = |a: usize, b: usize, g: f64| {
            let e = seps.entry((a, b)).or_insert(g);
            *e = e.max(g);
        };
        for layer in &self.layers {
            let toks = self.tokens(layer);
            for w in toks.windows(2) {
                let (a, b, g) = match (w[0], w[1]) {
                    (Tok::Item(i), Tok::Item(j)) => (i, j, self.items[i].w + self.gap(i, j)),
                    (Tok::Item(i), Tok::Close(c)) => {
                        (i, var_of[&c] + 1, self.items[i].w + pad.right)
                    }
                    (Tok::Item(i), Tok::Open(c)) => (
                        i,
                        var_of[&c],
                        self.items[i].w + self.node_gap() + self.loop_room[c.0],
                    ),
                    (Tok::Open(a), Tok::Open(b)) => {
                        (var_of[&a], var_of[&b], pad.left + self.loop_room[b.0])
                    }
                    (Tok::Open(a), Tok::Item(i)) => (var_of[&a], i, pad.left),
                    (Tok::Close(a), Tok::Close(b)) => (var_of[&a] + 1, var_of[&b] + 1, pad.right),
                    (Tok::Close(a), Tok::Open(b)) => (
                        var_of[&a] + 1,
                        var_of[&b],
                        self.container_gap() + self.loop_room[b.0],
                    ),
                    (Tok::Close(a), Tok::Item(i)) => (var_of[&a] + 1, i, self.node_gap()),
                    (Tok::Open(a), Tok::Close(b)) => {
                        (var_of[&a], var_of[&b] + 1, pad.left + pad.right)
                    }
                };
                add(a, b, g);
            }
        }
        if !self.horizontal() {
            for &c in &self.containers {
                let v = var_of[&c];
                add(v, v + 1, self.title_extent(c));
            }
        }
        let mut cons: Vec<Sep> = seps
            .into_iter()
            .map(|((left, right), gap)| Sep { left, right, gap })
            .collect();
        cons.sort_by_key(|s| (s.left, s.right));
        let Some(topo) = topological(vars, &cons) else {
            // Cannot happen with contiguous containers; keep a sane picture.
            debug_assert!(false, "separation constraints form a cycle");
            return;
        };
        let mut ins: Vec<Vec<usize>> = vec![Vec::new(); vars];
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); vars];
        for (k, s) in cons.iter().enumerate() {
            ins[s.right].push(k);
            outs[s.left].push(k);
        }
        let mut x = vec![0.0f64; vars];
        push_right(&topo, &ins, &cons, &mut x);
        let rounds = if n > 3000 { 2 } else { 8 };
        let (up, down) = self.neighbours();
        let spans: Vec<(usize, Vec<usize>)> = self
            .spans
            .iter()
            .map(|(v, zones)| (*v, zones.iter().map(|c| var_of[c]).collect()))
            .collect();
        for _ in 0..rounds {
            let mut desired = x.clone();
            let mut weight = vec![1e-3; vars];
            for v in 0..n {
                let it = &self.items[v];
                let mut centres: Vec<f64> = up[v]
                    .iter()
                    .chain(&down[v])
                    .map(|&u| x[u] + self.line_offset(u))
                    .collect();
                if centres.is_empty() {
                    weight[v] = 0.05;
                    continue;
                }
                centres.sort_by(f64::total_cmp);
                let m = centres.len();
                let c = if m % 2 == 1 {
                    centres[m / 2]
                } else {
                    (centres[m / 2 - 1] + centres[m / 2]) / 2.0
                };
                desired[v] = c - self.line_offset(v);
                weight[v] = match it.kind {
                    ItemKind::Dummy | ItemKind::Label(_) => 4.0,
                    _ => 1.0,
                };
            }
            // An element that spans sibling zones sits centred across them.
            for (v, opens) in &spans {
                desired[*v] = self.centred(*v, opens, &x);
                weight[*v] = SPANS;
            }
            x = satisfy(&topo, &ins, &cons, &desired, &weight);
            push_right(&topo, &ins, &cons, &mut x);
            // The blocks of `satisfy` do not split: one that took the
            // element in can hold it off the middle.
            self.centre_spans(&spans, &mut x, &cons, [&ins, &outs]);
        }
        let paths: Vec<Vec<ElementId>> = (0..n).map(|v| self.path_of(v)).collect();
        for _ in 0..3 {
            self.straighten(&mut x, &var_of, &paths);
        }
        self.fit_containers(&mut x, &cons, &ins, &var_of);
        // The zones fit their content now: centred across them again.
        self.centre_spans(&spans, &mut x, &cons, [&ins, &outs]);
        // The leftmost point: a box, or a container's self-loops.
        let mut low = x[..n].iter().copied().fold(f64::INFINITY, f64::min);
        for &c in &self.containers {
            low = low.min(x[var_of[&c]] - self.loop_room[c.0]);
        }
        let low = if low.is_finite() { low } else { 0.0 };
        for (it, xv) in self.items.iter_mut().zip(&x) {
            it.x = xv - low;
        }
        for &c in &self.containers {
            let v = var_of[&c];
            self.cx[c.0] = (x[v] - low, x[v + 1] - low);
        }
    }

    /// Where element `v` sits centred across the zones whose left border
    /// variables are `opens` (each right border is the next variable).
    fn centred(&self, v: usize, opens: &[usize], x: &[f64]) -> f64 {
        let left = opens.iter().map(|&o| x[o]).fold(f64::INFINITY, f64::min);
        let right = opens
            .iter()
            .map(|&o| x[o + 1])
            .fold(f64::NEG_INFINITY, f64::max);
        (left + right - self.items[v].w) / 2.0
    }

    /// Each element of `spans` moved towards the middle of its zones as
    /// far as its neighbours in its layer let it (`around`: the
    /// constraints whose right side, and whose left side, is each
    /// variable).
    fn centre_spans(
        &self,
        spans: &[(usize, Vec<usize>)],
        x: &mut [f64],
        cons: &[Sep],
        around: [&[Vec<usize>]; 2],
    ) {
        let [ins, outs] = around;
        for (v, opens) in spans {
            let low = ins[*v]
                .iter()
                .map(|&k| x[cons[k].left] + cons[k].gap)
                .fold(f64::NEG_INFINITY, f64::max);
            let high = outs[*v]
                .iter()
                .map(|&k| x[cons[k].right] - cons[k].gap)
                .fold(f64::INFINITY, f64::min);
            if low <= high {
                x[*v] = self.centred(*v, opens, x).clamp(low, high);
            }
        }
    }

    /// The sibling zone containers a component's `azs` names (`azs: [a, b]`
    /// beside `az a` and `az az_b`), where it names two or more of them.
    pub(super) fn zones_spanned(&self, v: usize) -> Vec<ElementId> {
        let ItemKind::Leaf(id) = self.items[v].kind else {
            return Vec::new();
        };
        let names = self.arch.element(id).attrs.words("azs");
        if names.len() < 2 {
            return Vec::new();
        }
        let named: Vec<&str> = names.iter().map(|z| crate::model::zone_name(z)).collect();
        self.child_containers(self.items[v].parent)
            .iter()
            .copied()
            .filter(|&c| {
                let e = self.arch.element(c);
                e.kind.traits.zone && named.contains(&crate::model::zone_name(&e.id))
            })
            .collect()
    }

    /// Containers fit their content: the placement leaves a container's
    /// borders wherever its constraints first allowed, which can be far
    /// from what it holds once that has moved to line up with its edges.
    /// Each border moves in as far as its own constraints allow (moving in
    /// only loosens the constraints on its other side; a placeholder, which
    /// holds nothing, moves in with it), innermost
    /// containers first so that a parent fits its children as they end up.
    /// `ins[v]`: the constraints whose right side is `v`.
    fn fit_containers(
        &self,
        x: &mut [f64],
        cons: &[Sep],
        ins: &[Vec<usize>],
        var_of: &HashMap<ElementId, usize>,
    ) {
        let pad = self.padding();
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); x.len()];
        for (k, s) in cons.iter().enumerate() {
            outs[s.left].push(k);
        }
        // A placeholder holds nothing: it follows its container's border.
        let holder = |v: usize| {
            self.items
                .get(v)
                .is_some_and(|it| matches!(it.kind, ItemKind::Placeholder))
        };
        for c in self.containers.iter().rev() {
            let v = var_of[c];
            let open = outs[v]
                .iter()
                .filter(|&&k| !holder(cons[k].right))
                .map(|&k| x[cons[k].right] - cons[k].gap)
                // A child container may share no layer with its parent's
                // other content: it stays inside all the same.
                .chain(
                    self.child_order[c.0]
                        .iter()
                        .map(|k| x[var_of[k]] - pad.left - self.loop_room[k.0]),
                )
                .fold(f64::INFINITY, f64::min);
            if open.is_finite() && open > x[v] {
                x[v] = open;
            }
            for &k in outs[v].iter().filter(|&&k| holder(cons[k].right)) {
                x[cons[k].right] = x[v] + cons[k].gap;
            }
            let close = ins[v + 1]
                .iter()
                .map(|&k| x[cons[k].left] + cons[k].gap)
                .chain(
                    self.child_order[c.0]
                        .iter()
                        .map(|k| x[var_of[k] + 1] + pad.right),
                )
                .fold(f64::NEG_INFINITY, f64::max);
            if close.is_finite() && close < x[v + 1] {
                x[v + 1] = close;
            }
        }
    }

    /// Long edges run straight: the dummies of a chain move to one line
    /// (its first dummy's, or its median's) wherever every one of them has
    /// room there between its neighbours; longest chains first.
    fn straighten(
        &self,
        x: &mut [f64],
        var_of: &HashMap<ElementId, usize>,
        paths: &[Vec<ElementId>],
    ) {
        let pad = self.padding();
        let mut at: Vec<(usize, usize)> = vec![(0, 0); self.items.len()];
        for (li, layer) in self.layers.iter().enumerate() {
            for (p, &v) in layer.iter().enumerate() {
                at[v] = (li, p);
            }
        }
        let mut chains: Vec<Vec<usize>> = self
            .links
            .iter()
            .map(|l| l.chain.clone())
            .filter(|c| c.len() > 2)
            .collect();
        chains.sort_by_key(|c| std::cmp::Reverse(c.len()));
        for full in chains {
            let chain = &full[1..full.len() - 1];
            // The outermost container that holds neighbour `u` and not `v`
            // (its borders stay where they are), and the gap beyond it.
            let wall = |u: usize, v: usize| {
                let common = common_len(&paths[u], &paths[v]);
                let gap = if paths[v].len() > common {
                    self.container_gap()
                } else {
                    self.node_gap()
                };
                paths[u].get(common).map(|c| (var_of[c], gap))
            };
            // Room of each dummy between its neighbours, or the walls of
            // the containers around them.
            let room = |v: usize, x: &[f64]| {
                let (li, p) = at[v];
                let layer = &self.layers[li];
                let lo = p.checked_sub(1).map_or(f64::NEG_INFINITY, |q| {
                    let u = layer[q];
                    match wall(u, v) {
                        Some((k, gap)) => x[k + 1] + gap,
                        None => x[u] + self.items[u].w + self.wall_gap(u, v, paths),
                    }
                });
                let hi = layer
                    .get(p + 1)
                    .map_or(f64::INFINITY, |&u| match wall(u, v) {
                        Some((k, gap)) => x[k] - gap - self.items[v].w,
                        None => x[u] - self.items[v].w - self.wall_gap(v, u, paths),
                    });
                // Inside its own container.
                match self.items[v].parent {
                    Some(c) => {
                        let k = var_of[&c];
                        (
                            lo.max(x[k] + pad.left),
                            hi.min(x[k + 1] - pad.right - self.items[v].w),
                        )
                    }
                    None => (lo, hi),
                }
            };
            // Fewest bends: each dummy takes one of the candidate lines it
            // has room for; a change of line between two layers is a jog,
            // and so is an end line its box cannot reach straight.
            let reach = |v: usize, c: f64| {
                let (l, r) = self.items[v].span();
                let m = 10.0f64.min((r - l) / 2.0);
                let (lo, hi) = (
                    x[v] + (l - self.items[v].x) + m,
                    x[v] + (r - self.items[v].x) - m,
                );
                self.items[v].is_leaf() && c >= lo - 1e-6 && c <= hi + 1e-6
                    || (c - (x[v] + self.line_offset(v))).abs() < 0.5
            };
            let mut cands: Vec<f64> = chain.iter().map(|&v| x[v]).collect();
            for end in [full[0], full[full.len() - 1]] {
                cands.push(x[end] + self.line_offset(end));
            }
            cands.sort_by(f64::total_cmp);
            cands.dedup_by(|a, b| (*a - *b).abs() < 0.5);
            let k = cands.len();
            let rooms: Vec<(f64, f64)> = chain.iter().map(|&v| room(v, x)).collect();
            let fits = |i: usize, c: f64| rooms[i].0 <= c + 1e-6 && c <= rooms[i].1 + 1e-6;
            const FAR: (u32, f64) = (u32::MAX / 2, 0.0);
            let mut cost: Vec<Vec<(u32, f64)>> = vec![vec![FAR; k]; chain.len()];
            let mut from: Vec<Vec<usize>> = vec![vec![0; k]; chain.len()];
            for (j, &c) in cands.iter().enumerate() {
                if fits(0, c) {
                    cost[0][j] = (u32::from(!reach(full[0], c)), (c - x[chain[0]]).abs());
                }
            }
            for i in 1..chain.len() {
                for (j, &c) in cands.iter().enumerate() {
                    if !fits(i, c) {
                        continue;
                    }
                    let moved = (c - x[chain[i]]).abs();
                    for jj in 0..k {
                        let prev = cost[i - 1][jj];
                        if prev.0 >= FAR.0 {
                            continue;
                        }
                        let cand = (prev.0 + u32::from(jj != j), prev.1 + moved);
                        if cand.0 < cost[i][j].0
                            || (cand.0 == cost[i][j].0 && cand.1 < cost[i][j].1)
                        {
                            cost[i][j] = cand;
                            from[i][j] = jj;
                        }
                    }
                }
            }
            let last = chain.len() - 1;
            let head = full[full.len() - 1];
            let best = (0..k)
                .filter(|&j| cost[last][j].0 < FAR.0)
                .min_by(|&a, &b| {
                    let ca = (
                        cost[last][a].0 + u32::from(!reach(head, cands[a])),
                        cost[last][a].1,
                    );
                    let cb = (
                        cost[last][b].0 + u32::from(!reach(head, cands[b])),
                        cost[last][b].1,
                    );
                    ca.0.cmp(&cb.0).then(ca.1.total_cmp(&cb.1))
                });
            let Some(mut j) = best else { continue };
            for i in (0..chain.len()).rev() {
                x[chain[i]] = cands[j];
                j = from[i][j];
            }
        }
    }

    /// The least distance between the right side of `a` and the left of `b`
    /// when they are neighbours in a layer: their gap, plus the padding of
    /// every container border between them.
    fn wall_gap(&self, a: usize, b: usize, paths: &[Vec<ElementId>]) -> f64 {
        let (pa, pb) = (&paths[a], &paths[b]);
        let common = pa.iter().zip(pb.iter()).take_while(|(x, y)| x == y).count();
        let (closes, opens) = (pa.len() - common, pb.len() - common);
        let pad = self.padding();
        if closes == 0 && opens == 0 {
            return self.gap(a, b);
        }
        let mid = if closes > 0 && opens > 0 {
            self.container_gap()
        } else {
            self.node_gap()
        };
        closes as f64 * pad.right + opens as f64 * pad.left + mid
    }

    /// Where an item's edges meet it, from its left edge.
    pub fn line_offset(&self, v: usize) -> f64 {
        let it = &self.items[v];
        it.line() - it.x
    }

    /// Neighbours of each item in the layers above and below (links within
    /// one layer do not count).
    pub fn neighbours(&self) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let n = self.items.len();
        let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
        for l in self.links.iter().filter(|l| !l.is_flat()) {
            for w in l.chain.windows(2) {
                down[w[0]].push(w[1]);
                up[w[1]].push(w[0]);
            }
        }
        (up, down)
    }

    /// Gap between two items side by side.
    fn gap(&self, a: usize, b: usize) -> f64 {
        let thin = |v: usize| {
            matches!(
                self.items[v].kind,
                ItemKind::Dummy | ItemKind::Label(_) | ItemKind::Anchor | ItemKind::Placeholder
            )
        };
        if thin(a) || thin(b) {
            EDGE_SEP
        } else {
            self.node_gap()
        }
    }

    /// A layer read left to right, with its containers opening and closing.
    pub(super) fn tokens(&self, layer: &[usize]) -> Vec<Tok> {
        let mut out = Vec::with_capacity(layer.len() * 2);
        let mut open: Vec<ElementId> = Vec::new();
        for &v in layer {
            let path = self.path_of(v);
            let keep = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
            while open.len() > keep {
                out.push(Tok::Close(open.pop().expect("open container")));
            }
            for &c in &path[keep..] {
                out.push(Tok::Open(c));
                open.push(c);
            }
            out.push(Tok::Item(v));
        }
        while let Some(c) = open.pop() {
            out.push(Tok::Close(c));
        }
        out
    }

    /// Stacks the layers: each gets the depth of its deepest item; between
    /// two layers go the borders that close and open there, and the channel.
    pub fn place_along(&mut self) {
        let depth = self.layers.len();
        let pad = self.padding();
        // Per layer: room the containers opening at it need above it, and
        // the room those closing at it need below it (nested ones add up).
        let count = self.arch.elements.len();
        let mut open_need = vec![0.0f64; depth];
        let mut close_need = vec![0.0f64; depth];
        let mut top_room = vec![0.0f64; count];
        let mut bottom_room = vec![0.0f64; count];
        // Sibling zones, and the subnets of one tier across them, open
        // (close) with the border room of the deepest-nested of them that
        // opens (closes) on the same layer, so that their borders line up:
        // the rooms are computed, levelled, and computed again so that the
        // parents grow around the levelled ones.
        let groups: Vec<Vec<ElementId>> = self
            .site_groups()
            .into_iter()
            .chain(self.tier_groups())
            .collect();
        let mut least_top = vec![0.0f64; count];
        let mut least_bottom = vec![0.0f64; count];
        for pass in 0..2 {
            open_need.fill(0.0);
            close_need.fill(0.0);
            for &c in self.containers.iter().rev() {
                let Some((lo, hi)) = self.band[c.0] else {
                    continue;
                };
                let kids = &self.child_order[c.0];
                let inner_top = kids
                    .iter()
                    .filter(|k| self.band[k.0].is_some_and(|b| b.0 == lo))
                    .map(|k| top_room[k.0])
                    .fold(0.0, f64::max);
                let inner_bottom = kids
                    .iter()
                    .filter(|k| self.band[k.0].is_some_and(|b| b.1 == hi))
                    .map(|k| bottom_room[k.0])
                    .fold(0.0, f64::max);
                top_room[c.0] = (pad.top + inner_top).max(least_top[c.0]);
                // U-links that run inside the container: under everything
                // it holds, above its bottom padding.
                self.u_top[c.0] = inner_bottom;
                bottom_room[c.0] =
                    (pad.bottom + inner_bottom + self.u_room[c.0]).max(least_bottom[c.0]);
                open_need[lo] = open_need[lo].max(top_room[c.0]);
                close_need[hi] = close_need[hi].max(bottom_room[c.0]);
            }
            if pass == 0 {
                self.level_rooms(&groups, &top_room, &mut least_top, |b| b.0);
                self.level_rooms(&groups, &bottom_room, &mut least_bottom, |b| b.1);
            }
        }
        let mut thick = vec![0.0f64; depth];
        for (li, layer) in self.layers.iter().enumerate() {
            thick[li] = layer.iter().map(|&v| self.items[v].h).fold(0.0, f64::max);
        }
        self.layer_y = Vec::with_capacity(depth);
        self.channel_top = vec![0.0; depth];
        let mut y = 0.0;
        for li in 0..depth {
            y += open_need[li];
            self.layer_y.push((y, thick[li]));
            y += thick[li] + close_need[li];
            // Containers whose title needs more length along the flow;
            // inner ones first, so that their parents grow around them.
            if self.horizontal() {
                for &c in self.containers.iter().rev() {
                    let Some((lo, hi)) = self.band[c.0] else {
                        continue;
                    };
                    if hi != li {
                        continue;
                    }
                    let inner = self.child_order[c.0]
                        .iter()
                        .filter(|k| self.band[k.0].is_some_and(|b| b.1 == li))
                        .map(|k| bottom_room[k.0] + pad.bottom)
                        .fold(0.0, f64::max);
                    if self.u_room[c.0] > 0.0 {
                        self.u_top[c.0] = self.u_top[c.0].max(inner - pad.bottom);
                    }
                    bottom_room[c.0] = bottom_room[c.0].max(inner + self.u_room[c.0]);
                    let top = self.layer_y[lo].0 - top_room[c.0];
                    let bottom = self.layer_y[li].0 + thick[li] + bottom_room[c.0];
                    let short = self.title_extent(c) - (bottom - top);
                    if short > 0.0 {
                        bottom_room[c.0] += short;
                    }
                    y = y.max(self.layer_y[li].0 + thick[li] + bottom_room[c.0]);
                }
            }
            self.channel_top[li] = y;
            if li + 1 < depth || self.channels[li].tracks > 0 {
                y += self.channels[li].depth();
            }
        }
        for &c in &self.containers {
            if let Some((lo, hi)) = self.band[c.0] {
                let top = self.layer_y[lo].0 - top_room[c.0];
                let bottom = self.layer_y[hi].0 + self.layer_y[hi].1 + bottom_room[c.0];
                self.cy[c.0] = (top, bottom);
            }
        }
    }

    /// For each group of containers, the largest `room` among those whose
    /// band starts (`end` of the band: ends) on the same layer, as the
    /// least room of each of them.
    fn level_rooms(
        &self,
        groups: &[Vec<ElementId>],
        room: &[f64],
        least: &mut [f64],
        end: impl Fn((usize, usize)) -> usize,
    ) {
        for group in groups {
            for &c in group {
                let Some(b) = self.band[c.0] else { continue };
                let most = group
                    .iter()
                    .filter(|d| self.band[d.0].is_some_and(|e| end(e) == end(b)))
                    .map(|d| room[d.0])
                    .fold(0.0, f64::max);
                least[c.0] = least[c.0].max(most);
            }
        }
    }

    /// Top of an item's box (items are centred in their layer).
    pub fn item_top(&self, v: usize) -> f64 {
        let (y, t) = self.layer_y[self.items[v].layer];
        y + (t - self.items[v].h) / 2.0
    }

    /// An item's box, canonical.
    pub fn item_rect(&self, v: usize) -> Rect {
        let (left, right) = self.items[v].span();
        let top = self.item_top(v);
        Rect {
            left,
            top,
            right,
            bottom: top + self.items[v].h,
        }
    }

    /// A container's box, canonical.
    pub fn container_rect(&self, c: ElementId) -> Rect {
        let ((left, right), (top, bottom)) = (self.cx[c.0], self.cy[c.0]);
        Rect {
            left,
            top,
            right,
            bottom,
        }
    }
}

/// How many containers two paths from the top share.
fn common_len(a: &[ElementId], b: &[ElementId]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// A topological order of the constraint graph, or None on a cycle.
fn topological(vars: usize, cons: &[Sep]) -> Option<Vec<usize>> {
    let mut indeg = vec![0usize; vars];
    let mut outs: Vec<Vec<usize>> = vec![Vec::new(); vars];
    for s in cons {
        indeg[s.right] += 1;
        outs[s.left].push(s.right);
    }
    let mut stack: Vec<usize> = (0..vars).rev().filter(|&v| indeg[v] == 0).collect();
    let mut order = Vec::with_capacity(vars);
    while let Some(v) = stack.pop() {
        order.push(v);
        for &w in outs[v].iter().rev() {
            indeg[w] -= 1;
            if indeg[w] == 0 {
                stack.push(w);
            }
        }
    }
    (order.len() == vars).then_some(order)
}

/// Moves every variable right as far as its constraints demand.
fn push_right(topo: &[usize], ins: &[Vec<usize>], cons: &[Sep], x: &mut [f64]) {
    for &v in topo {
        for &k in &ins[v] {
            let s = cons[k];
            if x[s.left] + s.gap > x[v] {
                x[v] = x[s.left] + s.gap;
            }
        }
    }
}

/// Positions close to `desired` (weighted) that satisfy the constraints,
/// by merging variables into rigid blocks along violated constraints.
fn satisfy(
    topo: &[usize],
    ins: &[Vec<usize>],
    cons: &[Sep],
    desired: &[f64],
    weight: &[f64],
) -> Vec<f64> {
    let vars = desired.len();
    let mut block: Vec<usize> = (0..vars).collect();
    let mut offset = vec![0.0f64; vars];
    let mut members: Vec<Vec<usize>> = (0..vars).map(|v| vec![v]).collect();
    let mut pos: Vec<f64> = desired.to_vec();
    let mut wsum: Vec<f64> = weight.to_vec();
    let mut wd: Vec<f64> = (0..vars).map(|v| weight[v] * desired[v]).collect();
    let mut incoming: Vec<Vec<usize>> = ins.to_vec();
    for &v in topo {
        loop {
            let b = block[v];
            let mut worst: Option<(usize, f64)> = None;
            incoming[b].retain(|&k| block[cons[k].left] != b);
            for &k in &incoming[b] {
                let s = cons[k];
                let viol = pos[block[s.left]] + offset[s.left] + s.gap - (pos[b] + offset[s.right]);
                if viol > 1e-6 && worst.is_none_or(|(_, w)| viol > w) {
                    worst = Some((k, viol));
                }
            }
            let Some((k, viol)) = worst else { break };
            let into = block[cons[k].left];
            // Move b's members right by `viol` and into block `into`.
            let (keep, gone, shift_gone) = if members[into].len() >= members[b].len() {
                (into, b, pos[b] + viol - pos[into])
            } else {
                (b, into, pos[into] - (pos[b] + viol))
            };
            if keep == b {
                // b's members shift right by viol: fold it into b's reference.
                pos[b] += viol;
            }
            let moved = std::mem::take(&mut members[gone]);
            for &m in &moved {
                offset[m] += shift_gone;
                block[m] = keep;
                wd[keep] += weight[m] * (desired[m] - offset[m]);
            }
            wsum[keep] += weight_sum(&moved, weight);
            members[keep].extend(moved);
            let inc = std::mem::take(&mut incoming[gone]);
            incoming[keep].extend(inc);
            pos[keep] = wd[keep] / wsum[keep];
        }
    }
    (0..vars).map(|v| pos[block[v]] + offset[v]).collect()
}

fn weight_sum(list: &[usize], weight: &[f64]) -> f64 {
    list.iter().map(|&m| weight[m]).sum()
}
