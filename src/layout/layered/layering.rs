//! Step 2 for one level: cycle breaking, longest-path layering, the layered
//! graph of children, ports, dummies and label slots, and its order.

use super::{End, Engine, Kind, LNode, Level, Side, cycles, order};
use crate::model::ElementId;

/// Node visits the crossing-minimisation sweeps of one huge level may make, about.
const ORDER_WORK: usize = 1_000_000;

/// Levels whose long pieces would need more dummies than this route them
/// along a bus under the level instead ([`layered_graph`]).
pub(super) const BUS_FROM: usize = 2_000;

impl Engine<'_> {
    /// Lays out level `li` in layers and orders each layer.
    pub(super) fn layer_and_order(&mut self, li: usize) {
        let arch = self.arch;
        let level = &mut self.levels[li];
        level.child_index = level
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i))
            .collect();
        let k = level.children.len();
        let index = &level.child_index;
        // Sibling sites of one kind (AZ a and AZ b, two regions) stay side by
        // side: links between them (replication, failover) do not push one
        // into a later layer; in one layer they are drawn as a U.
        let peers = |a: ElementId, b: ElementId| {
            let (ea, eb) = (arch.element(a), arch.element(b));
            ea.kind.traits.parallel && ea.kind.name == eb.kind.name
        };
        // Child-to-child links with their minimum length: (a, b, delta).
        let mut links: Vec<(usize, usize, usize)> = Vec::new();
        for piece in &level.pieces {
            if let (End::Child(a), End::Child(b)) = (piece.tail, piece.head)
                && !peers(a, b)
            {
                links.push((index[&a], index[&b], 1 + usize::from(piece.label)));
            }
        }
        let (oriented, pos) = orient(k, &links);
        let mut layer = longest_path(k, &oriented, &pos);
        bound_depth(&mut layer, &oriented, &pos);
        let sides = PortSides::of(level, k, &oriented);
        sides.lean_port_only(&mut layer);
        sides.fill_free(&mut layer);
        let shift = if sides.has_west {
            1 + usize::from(sides.west_label)
        } else {
            0
        };
        for l in &mut layer {
            *l += shift;
        }
        let last_child = layer.iter().copied().max().unwrap_or(0);
        let east_layer = last_child + 1 + usize::from(sides.east_label);
        let bus = dummies(level, &layer, east_layer) > self.bus_from;
        let (nodes, chains) = layered_graph(level, &layer, east_layer, bus);
        let mut layers = initial_order(level, &nodes);
        let mut up = vec![Vec::new(); nodes.len()];
        let mut down = vec![Vec::new(); nodes.len()];
        for chain in &chains {
            for w in chain.windows(2) {
                // Bus pieces skip layers: they take no part in the order.
                if nodes[w[1]].layer == nodes[w[0]].layer + 1 {
                    down[w[0]].push(w[1]);
                    up[w[1]].push(w[0]);
                }
            }
        }
        let fixed: Vec<bool> = (0..layers.len())
            .map(|l| (sides.has_west && l == 0) || (sides.has_east && l == east_layer))
            .collect();
        order::minimize(
            order::Layering {
                layers: &mut layers,
                up: &up,
                down: &down,
                fixed: &fixed,
            },
            nodes.len(),
            // Fewer sweeps on huge levels: each sweep reorders and recounts
            // every layer, so beyond 20 000 nodes the sweeps share a budget
            // of ORDER_WORK node visits.
            match nodes.len() {
                0..=2_000 => 12,
                2_001..=20_000 => 6,
                n => (ORDER_WORK / n).clamp(1, 4),
            },
        );
        level.nodes = nodes;
        level.layers = layers;
        level.chains = chains;
    }
}

/// The links oriented along a feedback order of the `k` children (so they
/// form a DAG), and that order: the position of each child.
fn orient(k: usize, links: &[(usize, usize, usize)]) -> (Vec<(usize, usize, usize)>, Vec<usize>) {
    let pairs: Vec<(usize, usize)> = links.iter().map(|l| (l.0, l.1)).collect();
    let pos = cycles::feedback_order(k, &pairs);
    let oriented = links
        .iter()
        .map(|&(a, b, d)| {
            if pos[a] <= pos[b] {
                (a, b, d)
            } else {
                (b, a, d)
            }
        })
        .collect();
    (oriented, pos)
}

/// How the children of a level meet its border ports. West ports come
/// first, East ports last; children with port links only lean to the
/// matching side.
struct PortSides {
    has_west: bool,
    has_east: bool,
    /// Whether a piece through a West (East) port carries a label.
    west_label: bool,
    east_label: bool,
    /// Per child: linked to a sibling.
    linked: Vec<bool>,
    /// Per child not linked to a sibling: linked to a West (East) port.
    west_only: Vec<bool>,
    east_only: Vec<bool>,
}

impl PortSides {
    fn of(level: &Level, k: usize, oriented: &[(usize, usize, usize)]) -> Self {
        let mut s = PortSides {
            has_west: false,
            has_east: false,
            west_label: false,
            east_label: false,
            linked: vec![false; k],
            west_only: vec![false; k],
            east_only: vec![false; k],
        };
        for &(a, b, _) in oriented {
            s.linked[a] = true;
            s.linked[b] = true;
        }
        for piece in &level.pieces {
            for (end, other) in [(piece.tail, piece.head), (piece.head, piece.tail)] {
                if let (End::Port(side), End::Child(c)) = (end, other) {
                    let c = level.child_index[&c];
                    match side {
                        Side::West => {
                            s.has_west = true;
                            s.west_label |= piece.label;
                            if !s.linked[c] {
                                s.west_only[c] = true;
                            }
                        }
                        Side::East => {
                            s.has_east = true;
                            s.east_label |= piece.label;
                            if !s.linked[c] {
                                s.east_only[c] = true;
                            }
                        }
                    }
                }
            }
        }
        s
    }

    /// Children linked to East ports only go to the last layer of the
    /// linked ones.
    fn lean_port_only(&self, layer: &mut [usize]) {
        let k = layer.len();
        let max_linked = (0..k)
            .filter(|&c| self.linked[c])
            .map(|c| layer[c])
            .max()
            .unwrap_or(0);
        for (c, l) in layer.iter_mut().enumerate() {
            if !self.linked[c] && self.east_only[c] && !self.west_only[c] {
                *l = max_linked;
            }
        }
    }

    /// Unconnected children fill the emptiest layers, growing a square-ish grid.
    fn fill_free(&self, layer: &mut [usize]) {
        let k = layer.len();
        let is_free: Vec<bool> = (0..k)
            .map(|c| !self.linked[c] && !self.west_only[c] && !self.east_only[c])
            .collect();
        let free: Vec<usize> = (0..k).filter(|&c| is_free[c]).collect();
        if free.is_empty() {
            return;
        }
        let used = (0..k)
            .filter(|&c| !is_free[c])
            .map(|c| layer[c] + 1)
            .max()
            .unwrap_or(0);
        let columns = used.max((free.len() as f64).sqrt().ceil() as usize).max(1);
        let mut load = vec![0usize; columns];
        for c in (0..k).filter(|&c| !is_free[c]) {
            load[layer[c]] += 1;
        }
        for &c in &free {
            let l = (0..columns)
                .min_by_key(|&l| (load[l], l))
                .expect("a column");
            layer[c] = l;
            load[l] += 1;
        }
    }
}

/// The layer of a piece's end: its child's, or the West or East port layer.
fn end_layer(level: &Level, layer: &[usize], east_layer: usize, end: End) -> usize {
    match end {
        End::Child(c) => layer[level.child_index[&c]],
        End::Port(Side::West) => 0,
        End::Port(Side::East) => east_layer,
    }
}

/// How many dummies the pieces of a level would need, one per layer crossed.
fn dummies(level: &Level, layer: &[usize], east_layer: usize) -> usize {
    level
        .pieces
        .iter()
        .map(|piece| {
            let t = end_layer(level, layer, east_layer, piece.tail);
            let h = end_layer(level, layer, east_layer, piece.head);
            t.abs_diff(h).saturating_sub(1)
        })
        .sum()
}

/// The layered graph of a level: its children in their layers, a port node
/// per border crossing, and per piece a chain through dummies (one of them
/// the label's slot) from its lower end to its higher one.
///
/// With `bus`, an unlabelled piece that crosses more than one layer gets no
/// dummies: its chain is just its two ends, and it is routed down its first
/// channel to a lane of the bus under the level, along it, and up its last
/// channel ([`Level::is_bus`]). A big level (a private subnet of thousands of
/// groups in a grid of about `sqrt(k)` layers) would otherwise get a dummy per
/// layer crossed, hundreds of thousands of nodes for every later phase.
fn layered_graph(
    level: &Level,
    layer: &[usize],
    east_layer: usize,
    bus: bool,
) -> (Vec<LNode>, Vec<Vec<usize>>) {
    let mut nodes: Vec<LNode> = (0..layer.len())
        .map(|c| LNode {
            kind: Kind::Child(c),
            layer: layer[c],
            size: (0.0, 0.0),
            y: 0.0,
            x: 0.0,
        })
        .collect();
    let mut chains = Vec::with_capacity(level.pieces.len());
    for (p, piece) in level.pieces.iter().enumerate() {
        let end_node = |end: End, nodes: &mut Vec<LNode>| match end {
            End::Child(c) => level.child_index[&c],
            End::Port(side) => {
                nodes.push(LNode {
                    kind: Kind::Port(p),
                    layer: if side == Side::West { 0 } else { east_layer },
                    size: (0.0, 0.0),
                    y: 0.0,
                    x: 0.0,
                });
                nodes.len() - 1
            }
        };
        let t = end_node(piece.tail, &mut nodes);
        let h = end_node(piece.head, &mut nodes);
        let (lo, hi) = if nodes[t].layer <= nodes[h].layer {
            (t, h)
        } else {
            (h, t)
        };
        let (l0, l1) = (nodes[lo].layer, nodes[hi].layer);
        let mut chain = vec![lo];
        if bus && !piece.label && l1 > l0 + 2 {
            chain.push(hi);
            chains.push(chain);
            continue;
        }
        let label_layer = (l0 + l1).div_ceil(2);
        for l in l0 + 1..l1 {
            let kind = if piece.label && l == label_layer {
                Kind::Label(p)
            } else {
                Kind::Dummy(p)
            };
            nodes.push(LNode {
                kind,
                layer: l,
                size: (0.0, 0.0),
                y: 0.0,
                x: 0.0,
            });
            chain.push(nodes.len() - 1);
        }
        chain.push(hi);
        chains.push(chain);
    }
    (nodes, chains)
}

/// The order crossing minimisation starts from: children in declaration
/// order, then edges in source order; ports in the order their partners
/// have one level up.
fn initial_order(level: &Level, nodes: &[LNode]) -> Vec<Vec<usize>> {
    let layer_count = nodes.iter().map(|n| n.layer + 1).max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    let mut keyed: Vec<((usize, usize, usize), usize)> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let key = match n.kind {
                Kind::Child(c) => (0, c, 0),
                Kind::Port(p) => (level.pieces[p].port_rank.0, level.pieces[p].port_rank.1, p),
                Kind::Dummy(p) | Kind::Label(p) => (1, p, i),
            };
            (key, i)
        })
        .collect();
    keyed.sort_unstable(); // the node breaks ties
    for (_, i) in keyed {
        layers[nodes[i].layer].push(i);
    }
    layers
}

/// Longest-path layering of a DAG given by `edges` (with minimum lengths),
/// sources pulled next to their first successor. `pos` is a topological order.
fn longest_path(k: usize, edges: &[(usize, usize, usize)], pos: &[usize]) -> Vec<usize> {
    let mut by_pos: Vec<usize> = (0..k).collect();
    by_pos.sort_unstable_by_key(|&v| pos[v]); // positions are distinct
    let mut preds: Vec<Vec<(usize, usize)>> = vec![Vec::new(); k];
    let mut succs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); k];
    for &(a, b, d) in edges {
        if a != b {
            preds[b].push((a, d));
            succs[a].push((b, d));
        }
    }
    let mut layer = vec![0usize; k];
    for &v in &by_pos {
        layer[v] = preds[v]
            .iter()
            .map(|&(u, d)| layer[u] + d)
            .max()
            .unwrap_or(0);
    }
    for &v in by_pos.iter().rev() {
        if preds[v].is_empty() && !succs[v].is_empty() {
            layer[v] = succs[v]
                .iter()
                .map(|&(w, d)| layer[w].saturating_sub(d))
                .min()
                .unwrap_or(0);
        }
    }
    layer
}

/// Levels with at least this many children may have their depth bounded.
const BOUND_FROM: usize = 30;

/// A big level whose longest path is much deeper than it is wide (many
/// siblings calling each other, as in a large microservice mesh) is laid out
/// in about `sqrt(k)` layers of bounded width instead: nodes take the first
/// layer after their predecessors that has room. Edges may then join nodes
/// of one layer; they are routed as a U through the channel on the right.
fn bound_depth(layer: &mut [usize], edges: &[(usize, usize, usize)], pos: &[usize]) {
    let k = layer.len();
    let depth = layer.iter().copied().max().map_or(0, |m| m + 1);
    let target = ((k as f64).sqrt() * 0.8).ceil() as usize;
    if k < BOUND_FROM || depth <= 2 * target {
        return;
    }
    let width = k.div_ceil(target) + 1;
    let mut preds: Vec<Vec<(usize, usize)>> = vec![Vec::new(); k];
    for &(a, b, d) in edges {
        if a != b {
            preds[b].push((a, d));
        }
    }
    let mut by_pos: Vec<usize> = (0..k).collect();
    by_pos.sort_unstable_by_key(|&v| pos[v]); // positions are distinct
    let mut load = vec![0usize; target];
    let mut done = vec![false; k];
    for v in by_pos {
        let want = preds[v]
            .iter()
            .filter(|(u, _)| done[*u])
            .map(|&(u, d)| layer[u] + d)
            .max()
            .unwrap_or(0)
            .min(target - 1);
        let l = (want..target)
            .chain((0..want).rev())
            .find(|&l| load[l] < width)
            .unwrap_or(want);
        layer[v] = l;
        load[l] += 1;
        done[v] = true;
    }
}
