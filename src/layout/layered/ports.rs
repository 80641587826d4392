//! Where each piece attaches to the boxes of a level: leaf ports spread
//! along their sides in the order of their partners, border ports in line
//! with what they connect to inside.

use super::{EDGE_SEP, Engine, Kind, LABEL_LINE, Level, Side, TRACK_SEP, place};
use rustc_hash::FxHashMap;

impl Engine<'_> {
    /// The canonical y where piece `p` attaches to node `n`, once ports are known.
    pub(super) fn attach(
        &self,
        li: usize,
        n: usize,
        p: usize,
        ports: &FxHashMap<(usize, usize), f64>,
    ) -> f64 {
        let level = &self.levels[li];
        let node = &level.nodes[n];
        match node.kind {
            Kind::Label(_) => node.y + LABEL_LINE,
            Kind::Dummy(_) | Kind::Port(_) => node.y,
            Kind::Child(_) => ports
                .get(&(n, p))
                .copied()
                .unwrap_or(node.y + node.size.1 / 2.0),
        }
    }

    /// Offset from a node's centre to where piece `p` attaches, before leaf ports are spread.
    pub(super) fn attach_offset(&self, li: usize, n: usize, p: usize) -> f64 {
        let level = &self.levels[li];
        let node = &level.nodes[n];
        match node.kind {
            Kind::Label(_) => LABEL_LINE - node.size.1 / 2.0,
            Kind::Dummy(_) | Kind::Port(_) => 0.0,
            Kind::Child(c) => {
                let id = level.children[c];
                match self.ports[id.0].get(&level.pieces[p].edge) {
                    Some(off) => off - node.size.1 / 2.0,
                    None => 0.0,
                }
            }
        }
    }

    /// Where each piece attaches to each child without a fixed port: spread along the side,
    /// in the order of the partners, straight across when a partner allows.
    pub(super) fn assign_ports(&self, li: usize) -> FxHashMap<(usize, usize), f64> {
        let level = &self.levels[li];
        let (mut ports, fixed_by_side) = self.fixed_ports(level);
        let sides = self.free_sides(level);
        let center = |n: usize| level.nodes[n].y + level.nodes[n].size.1 / 2.0;
        let single = |n: usize, side: Side| sides.get(&(n, side)).is_some_and(|v| v.len() == 1);
        let mut keys: Vec<(usize, Side)> = sides.keys().copied().collect();
        keys.sort_by_key(|&(n, s)| (n, s == Side::East));
        for (n, side) in keys {
            let list = &sides[&(n, side)];
            let node = &level.nodes[n];
            let margin = (node.size.1 / 4.0).min(10.0);
            let (lo, hi) = (node.y + margin, node.y + node.size.1 - margin);
            let partner_y = |p: usize, w: usize| -> f64 {
                match ports.get(&(w, p)) {
                    Some(y) => *y,
                    None => match level.nodes[w].kind {
                        Kind::Child(_) => center(w),
                        _ => self.attach(li, w, p, &ports),
                    },
                }
            };
            let fixed: Vec<f64> = fixed_by_side.get(&(n, side)).cloned().unwrap_or_default();
            if !fixed.is_empty() {
                // A container that is an endpoint itself, with other edges
                // passing through the same side: keep clear of their ports.
                let mut sorted: Vec<(f64, usize)> =
                    list.iter().map(|&(p, w)| (partner_y(p, w), p)).collect();
                sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                for (p, y) in clear_of(fixed, &sorted, lo, hi) {
                    ports.insert((n, p), y);
                }
            } else if list.len() == 1 {
                let (p, w) = list[0];
                let opposite = if side == Side::East {
                    Side::West
                } else {
                    Side::East
                };
                let leaf_partner = matches!(level.nodes[w].kind, Kind::Child(c)
                    if !self.arch.element(level.children[c]).is_container());
                let y = if leaf_partner && single(w, opposite) {
                    // Both ends free: meet halfway, inside both sides if possible.
                    let other = &level.nodes[w];
                    let om = (other.size.1 / 4.0).min(10.0);
                    let (olo, ohi) = (other.y + om, other.y + other.size.1 - om);
                    let mid = (center(n) + center(w)) / 2.0;
                    let (a, b) = (lo.max(olo), hi.min(ohi));
                    if a <= b {
                        mid.clamp(a, b)
                    } else {
                        mid.clamp(lo, hi)
                    }
                } else {
                    partner_y(p, w).clamp(lo, hi)
                };
                ports.insert((n, p), y);
            } else {
                let mut sorted: Vec<(f64, usize)> =
                    list.iter().map(|&(p, w)| (partner_y(p, w), p)).collect();
                sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let k = sorted.len() as f64;
                for (i, (_, p)) in sorted.into_iter().enumerate() {
                    ports.insert((n, p), node.y + node.size.1 * (i as f64 + 1.0) / (k + 1.0));
                }
            }
        }
        ports
    }

    /// Attachments fixed by the ports of child containers, by (node, piece),
    /// and the same listed by (node, side).
    #[allow(clippy::type_complexity)]
    fn fixed_ports(
        &self,
        level: &Level,
    ) -> (
        FxHashMap<(usize, usize), f64>,
        FxHashMap<(usize, Side), Vec<f64>>,
    ) {
        let mut ports: FxHashMap<(usize, usize), f64> = FxHashMap::default();
        let mut fixed_by_side: FxHashMap<(usize, Side), Vec<f64>> = FxHashMap::default();
        for (p, chain) in level.chains.iter().enumerate() {
            let last = chain[chain.len() - 1];
            let u = level.nodes[chain[0]].layer == level.nodes[last].layer;
            for (n, side) in [
                (chain[0], Side::East),
                (last, if u { Side::East } else { Side::West }),
            ] {
                if let Kind::Child(c) = level.nodes[n].kind
                    && let Some(off) = self.ports[level.children[c].0].get(&level.pieces[p].edge)
                {
                    let y = level.nodes[n].y + off;
                    ports.insert((n, p), y);
                    fixed_by_side.entry((n, side)).or_default().push(y);
                }
            }
        }
        (ports, fixed_by_side)
    }

    /// Per side of a child whose attachments are free: (piece, partner node).
    /// Leaves, and containers that are the edge's own endpoint (no inner
    /// port fixes where the edge meets them).
    fn free_sides(&self, level: &Level) -> FxHashMap<(usize, Side), Vec<(usize, usize)>> {
        let mut sides: FxHashMap<(usize, Side), Vec<(usize, usize)>> = FxHashMap::default();
        for (p, chain) in level.chains.iter().enumerate() {
            let (first, last) = (chain[0], chain[chain.len() - 1]);
            // A link inside one layer (a U) leaves and enters on the East side.
            let u_link = level.nodes[first].layer == level.nodes[last].layer;
            let last_side = if u_link { Side::East } else { Side::West };
            for (n, partner, side) in [
                (first, chain[1], Side::East),
                (last, chain[chain.len() - 2], last_side),
            ] {
                if let Kind::Child(c) = level.nodes[n].kind
                    && !self.ports[level.children[c].0].contains_key(&level.pieces[p].edge)
                {
                    sides.entry((n, side)).or_default().push((p, partner));
                }
            }
        }
        sides
    }

    /// Moves the border ports of the level in line with what they connect to
    /// inside, now that leaf ports are spread: each port layer is placed again
    /// with its partners' final attachments as targets.
    pub(super) fn align_ports(&mut self, li: usize, ports: &FxHashMap<(usize, usize), f64>) {
        let level = &self.levels[li];
        let mut moves: Vec<(usize, f64)> = Vec::new();
        for layer in &level.layers {
            if layer.is_empty()
                || !layer
                    .iter()
                    .all(|&v| matches!(level.nodes[v].kind, Kind::Port(_)))
            {
                continue;
            }
            let targets: Vec<f64> = layer
                .iter()
                .map(|&v| {
                    let Kind::Port(p) = level.nodes[v].kind else {
                        unreachable!()
                    };
                    let chain = &level.chains[p];
                    let partner = if chain[0] == v {
                        chain[1]
                    } else {
                        chain[chain.len() - 2]
                    };
                    self.attach(li, partner, p, ports)
                })
                .collect();
            let weights = vec![1.0; layer.len()];
            let gaps = vec![EDGE_SEP; layer.len().saturating_sub(1)];
            let placed = place::pav(&targets, &weights, &gaps);
            moves.extend(layer.iter().copied().zip(placed));
        }
        for (v, y) in moves {
            self.levels[li].nodes[v].y = y;
        }
    }

    /// A leaf linked straight to a border port takes the port's height when it
    /// fits on its side, so the link runs straight instead of jogging by a hair.
    pub(super) fn snap_to_border_ports(
        &self,
        li: usize,
        ports: &mut FxHashMap<(usize, usize), f64>,
    ) {
        let level = &self.levels[li];
        let mut by_node: FxHashMap<usize, Vec<(usize, f64)>> = FxHashMap::default();
        for (&(n, p), &y) in ports.iter() {
            by_node.entry(n).or_default().push((p, y));
        }
        for (p, chain) in level.chains.iter().enumerate() {
            if chain.len() != 2 || level.is_bus(p) {
                continue;
            }
            for (n, port) in [(chain[0], chain[1]), (chain[1], chain[0])] {
                let (Kind::Child(c), Kind::Port(_)) = (level.nodes[n].kind, level.nodes[port].kind)
                else {
                    continue;
                };
                if self.arch.element(level.children[c]).is_container() {
                    continue;
                }
                let node = &level.nodes[n];
                let y = level.nodes[port].y;
                let taken = by_node.entry(n).or_default();
                let free = taken
                    .iter()
                    .all(|&(q, other)| q == p || (other - y).abs() >= 1.0);
                if y >= node.y + 2.0 && y <= node.y + node.size.1 - 2.0 && free {
                    ports.insert((n, p), y);
                    for entry in taken.iter_mut().filter(|(q, _)| *q == p) {
                        entry.1 = y;
                    }
                }
            }
        }
    }
}

/// Heights between `lo` and `hi` for the pieces of a side that also holds
/// the fixed ports `taken`: each as near as it can be to what it wants
/// (`wants` as (height, piece), in order) while TRACK_SEP clear of every
/// port placed before it.
fn clear_of(mut taken: Vec<f64>, wants: &[(f64, usize)], lo: f64, hi: f64) -> Vec<(usize, f64)> {
    let mut out = Vec::with_capacity(wants.len());
    for &(want, p) in wants {
        let want = want.clamp(lo, hi);
        let steps = ((hi - lo) / (TRACK_SEP / 2.0)).ceil() as usize;
        let y = (0..=steps)
            .map(|j| lo + j as f64 * (hi - lo) / steps.max(1) as f64)
            .chain(std::iter::once(want))
            .filter(|y| taken.iter().all(|t| (t - y).abs() >= TRACK_SEP))
            .min_by(|a, b| (a - want).abs().total_cmp(&(b - want).abs()))
            .unwrap_or(want);
        taken.push(y);
        out.push((p, y));
    }
    out
}
