//! The layered engine (default): a compound Sugiyama layout with orthogonal
//! edges, written on our own data structures.
//!
//! 1. **Pieces.** Every edge is cut where it crosses a container border: the
//!    piece at the lowest common container joins the two children that hold
//!    the endpoints; inside each of those children a piece joins the border
//!    (a *port*) to the next child down, and so on to the endpoint.
//! 2. **Top down**, per container: cycle breaking ([`cycles`]), longest-path
//!    layering, dummy nodes for long edges and labels, crossing minimisation
//!    ([`order`]). A child container's ports go on the side that faces their
//!    partner, in the order of the partners, so inner and outer orders agree.
//! 3. **Bottom up**, per container: coordinates ([`place`]), ports spread
//!    along the sides, vertical segments on tracks in the channels between
//!    layers ([`channels`]), the container's size from its content.
//! 4. **Top down**: absolute positions; each edge's pieces joined into one
//!    polyline from border to border.
//!
//! Everything is computed in a canonical frame where layers run left to
//! right, then mapped to the diagram's direction ([`super::transform`]).

mod channels;
mod cycles;
mod order;
mod place;

pub use cycles::feedback_order;
pub use order::bilayer_crossings;
pub use place::pav;

use super::measure::{self, PADDING, TITLE_BAND};
use super::transform::{
    horizontal, point_from_canon, point_to_canon, rect_from_canon, size_from_canon, size_to_canon,
};
use super::{LayoutEngine, Placed, Timings};
use crate::model::{Architecture, Direction, ElementId};
use crate::scene::Scene;
use std::collections::HashMap;

/// Gap between two boxes of one layer.
const NODE_GAP: f64 = 28.0;
/// Gap between an edge passing through a layer and its neighbours.
const EDGE_SEP: f64 = 14.0;
/// Closest spacing of two ports on one side of a box.
const PORT_SEP: f64 = 8.0;
/// Distance between parallel vertical segments in a channel.
const TRACK_SEP: f64 = 10.0;
/// Narrowest channel between two layers.
const CHANNEL_MIN: f64 = 48.0;
/// Extra room beside a box for each of its self-loops, and the loops' spacing.
const LOOP_STEP: f64 = 6.0;
/// Space between a self-loop (or the caption before it) and a loop's caption.
const LOOP_LABEL_GAP: f64 = 4.0;
/// Where the line runs along a label's slot (from the slot's top).
const LABEL_LINE: f64 = 4.0;
/// Space between a label's line and the label's box.
const LABEL_GAP: f64 = 6.0;

/// A piece's route in canonical coordinates, lowest layer first.
type Route = Vec<(f64, f64)>;

/// The engine named `layered` on the command line.
pub struct Layered;

impl LayoutEngine for Layered {
    fn name(&self) -> &'static str {
        "recursive"
    }

    fn layout(&self, arch: &Architecture, timings: &mut Timings) -> Scene {
        let mut e = Engine::new(arch);
        timings.time("pieces", || e.main_pieces());
        timings.time("layering+ordering", || e.top_down());
        timings.time("placement+routing", || e.bottom_up());
        let placed = timings.time("assembly", || e.assemble());
        super::scene_from(arch, placed)
    }
}

/// A side of a box in the canonical frame (layers run west to east).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    West,
    East,
}

/// One end of a piece at a level: a child of the level, or the level's own border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Child(ElementId),
    Port(Side),
}

/// The part of one edge that lies inside one container (or at top level).
#[derive(Debug, Clone)]
struct Piece {
    /// Index into `arch.edges`.
    edge: usize,
    /// The end towards the edge's `from`.
    tail: End,
    /// The end towards the edge's `to`.
    head: End,
    /// Whether this piece carries the edge's label.
    label: bool,
    /// Where the port sits among the ports of its side (set by the parent level).
    port_rank: (usize, usize),
}

/// What a node of a level's layered graph stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A child element (index into `children`).
    Child(usize),
    /// The border crossing of a piece.
    Port(usize),
    /// A bend point of a long piece.
    Dummy(usize),
    /// The slot that holds a piece's label.
    Label(usize),
}

#[derive(Debug, Clone)]
struct LNode {
    kind: Kind,
    layer: usize,
    /// Canonical size.
    size: (f64, f64),
    /// Canonical top.
    y: f64,
    /// Canonical left.
    x: f64,
}

/// A container's (or the top level's) layered graph and its results.
#[derive(Debug, Default)]
struct Level {
    owner: Option<ElementId>,
    children: Vec<ElementId>,
    /// Position of each child in `children`.
    child_index: HashMap<ElementId, usize>,
    pieces: Vec<Piece>,
    nodes: Vec<LNode>,
    layers: Vec<Vec<usize>>,
    /// Per piece, its nodes from the lowest layer to the highest.
    chains: Vec<Vec<usize>>,
    /// Per piece, its route in the owner's local real coordinates, tail to head.
    routes: Vec<Vec<[f64; 2]>>,
    /// Per piece with a label, the label's box in local real coordinates.
    labels: Vec<Option<[f64; 4]>>,
    /// Layer widths shared with sibling containers of the same kind.
    min_widths: Vec<f64>,
    /// Label boxes of links without a label slot (canonical), in their channel.
    u_labels: HashMap<usize, (f64, f64, f64, f64)>,
}

impl Level {
    /// The width of each layer: its widest node (canonical).
    fn layer_widths(&self) -> Vec<f64> {
        self.layers
            .iter()
            .map(|l| l.iter().map(|&v| self.nodes[v].size.0).fold(0.0, f64::max))
            .collect()
    }
}

struct Engine<'a> {
    arch: &'a Architecture,
    dir: Direction,
    levels: Vec<Level>,
    /// Level of each container element.
    level_of: Vec<Option<usize>>,
    /// Real size of every element.
    size: Vec<(f64, f64)>,
    /// Top-left of every element relative to its parent's top-left (or the canvas).
    rel: Vec<(f64, f64)>,
    /// Per container, the canonical offset of each port along its side, by edge.
    ports: Vec<HashMap<usize, f64>>,
    /// Per edge, the pieces that make it: (level, piece, rank along the edge).
    edge_pieces: Vec<Vec<(usize, usize, i64)>>,
    /// Room beside each element for its self-loops and their captions.
    loops: Vec<f64>,
    /// How many self-loops each element has.
    loops_of: Vec<usize>,
}

impl<'a> Engine<'a> {
    fn new(arch: &'a Architecture) -> Self {
        let n = arch.elements.len();
        let mut levels = vec![Level {
            children: arch.roots.clone(),
            ..Level::default()
        }];
        let mut level_of = vec![None; n];
        for id in arch.ids() {
            let e = arch.element(id);
            if e.is_container() {
                level_of[id.0] = Some(levels.len());
                levels.push(Level {
                    owner: Some(id),
                    children: e.children.clone(),
                    ..Level::default()
                });
            }
        }
        // Room each element needs beside it for its self-loops and their
        // captions, across the flow (canonical y).
        let mut loops = vec![0.0; n];
        for e in arch.edges.iter().filter(|e| e.from == e.to) {
            let (lines, _) = measure::model_caption(e);
            let label = if lines.is_empty() {
                0.0
            } else {
                size_to_canon(arch.direction, measure::edge_label_box(&lines)).1 + LOOP_LABEL_GAP
            };
            loops[e.from.0] += LOOP_STEP + label;
        }
        let mut loops_of = vec![0; n];
        for e in arch.edges.iter().filter(|e| e.from == e.to) {
            loops_of[e.from.0] += 1;
        }
        Engine {
            arch,
            dir: arch.direction,
            levels,
            level_of,
            size: vec![(0.0, 0.0); n],
            rel: vec![(0.0, 0.0); n],
            ports: vec![HashMap::new(); n],
            edge_pieces: vec![Vec::new(); arch.edges.len()],
            loops,
            loops_of,
        }
    }

    fn level_index(&self, owner: Option<ElementId>) -> usize {
        owner.map_or(0, |o| self.level_of[o.0].expect("a container has a level"))
    }

    /// The child of `container` (None: top level) that holds `id`, or `id` itself.
    fn child_toward(&self, container: Option<ElementId>, id: ElementId) -> ElementId {
        let mut cur = id;
        while self.arch.element(cur).parent != container {
            cur = self
                .arch
                .element(cur)
                .parent
                .expect("container encloses id");
        }
        cur
    }

    /// Step 1: the piece of each edge at its lowest common container.
    fn main_pieces(&mut self) {
        for (i, e) in self.arch.edges.iter().enumerate() {
            if e.from == e.to {
                continue; // drawn as a loop
            }
            let label = !measure::model_caption(e).0.is_empty();
            let (owner, tail, head) = if self.arch.is_ancestor(e.from, e.to) {
                (
                    Some(e.from),
                    End::Port(Side::West),
                    End::Child(self.child_toward(Some(e.from), e.to)),
                )
            } else if self.arch.is_ancestor(e.to, e.from) {
                (
                    Some(e.to),
                    End::Child(self.child_toward(Some(e.to), e.from)),
                    End::Port(Side::East),
                )
            } else {
                let lca = self.lca(e.from, e.to);
                (
                    lca,
                    End::Child(self.child_toward(lca, e.from)),
                    End::Child(self.child_toward(lca, e.to)),
                )
            };
            let level = self.level_index(owner);
            self.levels[level].pieces.push(Piece {
                edge: i,
                tail,
                head,
                label,
                port_rank: (0, 0),
            });
            let piece = self.levels[level].pieces.len() - 1;
            self.edge_pieces[i].push((level, piece, 0));
        }
    }

    fn lca(&self, a: ElementId, b: ElementId) -> Option<ElementId> {
        let ancestors: Vec<ElementId> = self.arch.ancestors(a).collect();
        self.arch.ancestors(b).find(|p| ancestors.contains(p))
    }

    /// Step 2, for every level from the top: layers and orders, then the
    /// pieces this level passes down into its child containers.
    /// Levels were created in declaration order, a pre-order walk of the
    /// containment tree, so every parent comes before its children.
    fn top_down(&mut self) {
        for li in 0..self.levels.len() {
            self.layer_and_order(li);
            self.pass_down(li);
        }
    }

    fn layer_and_order(&mut self, li: usize) {
        let level = &mut self.levels[li];
        let k = level.children.len();
        level.child_index = level
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i))
            .collect();
        let index = level.child_index.clone();
        // Child-to-child links, oriented from tail to head, with their minimum length.
        let mut links: Vec<(usize, usize, usize, usize)> = Vec::new(); // (a, b, delta, piece)
        // Sibling sites of one kind (AZ a and AZ b, two regions) stay side by
        // side: links between them (replication, failover) do not push one
        // into a later layer; in one layer they are drawn as a U.
        let arch = self.arch;
        let peers = |a: ElementId, b: ElementId| {
            let (ea, eb) = (arch.element(a), arch.element(b));
            ea.kind.traits.parallel && ea.kind.name == eb.kind.name
        };
        for (p, piece) in level.pieces.iter().enumerate() {
            if let (End::Child(a), End::Child(b)) = (piece.tail, piece.head)
                && !peers(a, b)
            {
                links.push((index[&a], index[&b], 1 + usize::from(piece.label), p));
            }
        }
        let pairs: Vec<(usize, usize)> = links.iter().map(|l| (l.0, l.1)).collect();
        let pos = cycles::feedback_order(k, &pairs);
        let oriented: Vec<(usize, usize, usize)> = links
            .iter()
            .map(|&(a, b, d, _)| {
                if pos[a] <= pos[b] {
                    (a, b, d)
                } else {
                    (b, a, d)
                }
            })
            .collect();
        let mut layer = longest_path(k, &oriented, &pos);
        bound_depth(&mut layer, &oriented, &pos);

        // Ports: West ports come first, East ports last; children with port
        // links only lean to the matching side.
        let mut west_label = false;
        let mut east_label = false;
        let mut has_west = false;
        let mut has_east = false;
        let mut west_only = vec![false; k];
        let mut east_only = vec![false; k];
        let mut linked = vec![false; k];
        for &(a, b, _) in &oriented {
            linked[a] = true;
            linked[b] = true;
        }
        for piece in &level.pieces {
            for (end, other) in [(piece.tail, piece.head), (piece.head, piece.tail)] {
                if let (End::Port(side), End::Child(c)) = (end, other) {
                    let c = index[&c];
                    match side {
                        Side::West => {
                            has_west = true;
                            west_label |= piece.label;
                            if !linked[c] {
                                west_only[c] = true;
                            }
                        }
                        Side::East => {
                            has_east = true;
                            east_label |= piece.label;
                            if !linked[c] {
                                east_only[c] = true;
                            }
                        }
                    }
                }
            }
        }
        let max_linked = (0..k)
            .filter(|&c| linked[c])
            .map(|c| layer[c])
            .max()
            .unwrap_or(0);
        for c in 0..k {
            if !linked[c] && east_only[c] && !west_only[c] {
                layer[c] = max_linked;
            }
        }
        // Unconnected children fill the emptiest layers, growing a square-ish grid.
        let is_free: Vec<bool> = (0..k)
            .map(|c| !linked[c] && !west_only[c] && !east_only[c])
            .collect();
        let free: Vec<usize> = (0..k).filter(|&c| is_free[c]).collect();
        if !free.is_empty() {
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
        let shift = if has_west {
            1 + usize::from(west_label)
        } else {
            0
        };
        for l in &mut layer {
            *l += shift;
        }
        let last_child = layer.iter().copied().max().unwrap_or(0);
        let east_layer = last_child + 1 + usize::from(east_label);

        // The layered graph: children, ports, dummies and label slots.
        let mut nodes: Vec<LNode> = (0..k)
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
                End::Child(c) => index[&c],
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
        let layer_count = nodes.iter().map(|n| n.layer + 1).max().unwrap_or(0);
        let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
        // Initial order: children in declaration order, then edges in source
        // order; ports in the order their partners have one level up.
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
        keyed.sort();
        for (_, i) in keyed {
            layers[nodes[i].layer].push(i);
        }
        let mut up = vec![Vec::new(); nodes.len()];
        let mut down = vec![Vec::new(); nodes.len()];
        for chain in &chains {
            for w in chain.windows(2) {
                if nodes[w[0]].layer != nodes[w[1]].layer {
                    down[w[0]].push(w[1]);
                    up[w[1]].push(w[0]);
                }
            }
        }
        let fixed: Vec<bool> = (0..layer_count)
            .map(|l| (has_west && l == 0) || (has_east && l == east_layer))
            .collect();
        order::minimize(
            order::Layering {
                layers: &mut layers,
                up: &up,
                down: &down,
                fixed: &fixed,
            },
            nodes.len(),
            // Fewer sweeps on huge levels: each sweep recounts every crossing.
            match nodes.len() {
                0..=2_000 => 12,
                2_001..=20_000 => 6,
                _ => 4,
            },
        );
        level.nodes = nodes;
        level.layers = layers;
        level.chains = chains;
    }

    /// For every piece that ends at a child container but continues inside
    /// it, the inner piece: from the side facing the partner to the next child.
    fn pass_down(&mut self, li: usize) {
        let mut created: Vec<(usize, Piece, i64)> = Vec::new();
        {
            let level = &self.levels[li];
            let mut position = vec![0usize; level.nodes.len()];
            for layer in &level.layers {
                for (i, &v) in layer.iter().enumerate() {
                    position[v] = i;
                }
            }
            for (p, piece) in level.pieces.iter().enumerate() {
                let chain = &level.chains[p];
                let edge = &self.arch.edges[piece.edge];
                for (end, endpoint, toward_tail) in
                    [(piece.tail, edge.from, true), (piece.head, edge.to, false)]
                {
                    let End::Child(x) = end else { continue };
                    if x == endpoint || !self.arch.element(x).is_container() {
                        continue;
                    }
                    let x_node = level.child_index[&x];
                    // The neighbour of x along the chain, and so the side facing it.
                    let u_link =
                        level.nodes[chain[0]].layer == level.nodes[chain[chain.len() - 1]].layer;
                    let (side, neighbour) = if chain[0] == x_node {
                        (Side::East, chain[1])
                    } else if u_link {
                        (Side::East, chain[chain.len() - 2])
                    } else {
                        (Side::West, chain[chain.len() - 2])
                    };
                    let inner_child = self.child_toward(Some(x), endpoint);
                    let far = if chain[0] == x_node {
                        chain[chain.len() - 1]
                    } else {
                        chain[0]
                    };
                    let port_rank = (position[neighbour], position[far]);
                    let inner = if toward_tail {
                        Piece {
                            edge: piece.edge,
                            tail: End::Child(inner_child),
                            head: End::Port(side),
                            label: false,
                            port_rank,
                        }
                    } else {
                        Piece {
                            edge: piece.edge,
                            tail: End::Port(side),
                            head: End::Child(inner_child),
                            label: false,
                            port_rank,
                        }
                    };
                    let depth = self.arch.element(x).depth as i64 + 1;
                    created.push((
                        self.level_of[x.0].expect("container"),
                        inner,
                        if toward_tail { -depth } else { depth },
                    ));
                }
            }
        }
        for (level, piece, rank) in created {
            let edge = piece.edge;
            self.levels[level].pieces.push(piece);
            let p = self.levels[level].pieces.len() - 1;
            self.edge_pieces[edge].push((level, p, rank));
        }
    }

    /// Step 3, for every level from the bottom: coordinates, ports, routes, size.
    ///
    /// Levels are placed deepest first. Sibling containers of one kind (AZ a
    /// and AZ b, the subnets of an AZ) share their layers' widths, so that
    /// what plays the same role inside them lines up.
    fn bottom_up(&mut self) {
        let depth = |l: &Level| l.owner.map_or(0, |o| self.arch.element(o).depth + 1);
        let mut by_depth: Vec<(usize, usize)> = self
            .levels
            .iter()
            .enumerate()
            .map(|(i, l)| (depth(l), i))
            .collect();
        by_depth.sort_by_key(|&(d, i)| (std::cmp::Reverse(d), i));
        let mut at = 0;
        while at < by_depth.len() {
            let d = by_depth[at].0;
            let group: Vec<usize> = by_depth[at..]
                .iter()
                .take_while(|(e, _)| *e == d)
                .map(|&(_, i)| i)
                .collect();
            at += group.len();
            for &li in &group {
                self.size_nodes(li);
            }
            self.share_layer_widths(&group);
            for &li in &group {
                self.place_level(li);
            }
        }
    }

    /// Gives sibling containers of one kind the widest of their layer widths.
    fn share_layer_widths(&mut self, levels: &[usize]) {
        let mut peers: std::collections::BTreeMap<(Option<ElementId>, &str), Vec<usize>> =
            Default::default();
        for &li in levels {
            if let Some(o) = self.levels[li].owner {
                let e = self.arch.element(o);
                peers.entry((e.parent, e.kind.name)).or_default().push(li);
            }
        }
        for group in peers.values().filter(|g| g.len() > 1) {
            let mut widths: Vec<f64> = Vec::new();
            for &li in group {
                for (l, w) in self.levels[li].layer_widths().into_iter().enumerate() {
                    if l >= widths.len() {
                        widths.push(w);
                    } else {
                        widths[l] = widths[l].max(w);
                    }
                }
            }
            for &li in group {
                self.levels[li].min_widths = widths.clone();
            }
        }
    }

    /// Canonical sizes of a level's nodes. A leaf with many edges on one
    /// side grows along that side, so its ports stay PORT_SEP apart.
    fn size_nodes(&mut self, li: usize) {
        let dir = self.dir;
        let arch = self.arch;
        {
            let level = &mut self.levels[li];
            let mut per_side: HashMap<(usize, bool), usize> = HashMap::new();
            for chain in &level.chains {
                let last = chain[chain.len() - 1];
                let u = level.nodes[chain[0]].layer == level.nodes[last].layer;
                *per_side.entry((chain[0], true)).or_default() += 1;
                *per_side.entry((last, u)).or_default() += 1;
            }
            for n in 0..level.nodes.len() {
                let size = match level.nodes[n].kind {
                    Kind::Child(c) => {
                        let id = level.children[c];
                        let e = arch.element(id);
                        if !e.is_container() {
                            let ports = [true, false]
                                .iter()
                                .map(|&east| per_side.get(&(n, east)).copied().unwrap_or(0))
                                .max()
                                .unwrap_or(0);
                            let (cw, ch) = size_to_canon(
                                dir,
                                measure::node_size(e.display_label(), e.kind.name),
                            );
                            let ch = ch.max((ports + 1) as f64 * PORT_SEP);
                            self.size[id.0] = size_from_canon(dir, (cw, ch));
                        }
                        size_to_canon(dir, self.size[id.0])
                    }
                    Kind::Port(_) | Kind::Dummy(_) => (0.0, 0.0),
                    Kind::Label(p) => {
                        let lines = measure::model_caption(&arch.edges[level.pieces[p].edge]).0;
                        let (w, h) = size_to_canon(dir, measure::edge_label_box(&lines));
                        (w, h + LABEL_LINE + LABEL_GAP)
                    }
                };
                level.nodes[n].size = size;
            }
        }
    }

    /// Places a level whose nodes are sized: coordinates, ports, routes.
    fn place_level(&mut self, li: usize) {
        self.assign_y(li);
        let mut ports = self.assign_ports(li);
        self.align_ports(li, &ports);
        self.snap_to_border_ports(li, &mut ports);
        let (extent, routes) = self.route(li, &ports);
        self.finish_level(li, extent, routes);
    }

    /// The canonical y where piece `p` attaches to node `n`, once ports are known.
    fn attach(&self, li: usize, n: usize, p: usize, ports: &HashMap<(usize, usize), f64>) -> f64 {
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
    fn attach_offset(&self, li: usize, n: usize, p: usize) -> f64 {
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

    /// Coordinates across the layers (canonical y of each node's top).
    fn assign_y(&mut self, li: usize) {
        let n = self.levels[li].nodes.len();
        // Neighbours of each node in the previous and next layer, with the
        // difference between where the link attaches to them and to the node:
        // the node's centre should sit at (their centre + delta).
        let mut up: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let mut down: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        let level = &self.levels[li];
        for (p, chain) in level.chains.iter().enumerate() {
            for w in chain.windows(2) {
                if level.nodes[w[0]].layer != level.nodes[w[1]].layer {
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
        let mut center = vec![0.0; n];
        for layer in &level.layers {
            let gaps: Vec<f64> = layer
                .windows(2)
                .map(|w| gap(&level.nodes[w[0]], &level.nodes[w[1]]))
                .collect();
            let total: f64 = gaps.iter().sum();
            let mut at = -total / 2.0;
            for (i, &v) in layer.iter().enumerate() {
                center[v] = at;
                at += gaps.get(i).copied().unwrap_or(0.0);
            }
        }
        let sweeps = 8;
        for s in 0..=sweeps {
            let layer_ids: Vec<usize> = if s % 2 == 0 {
                (0..level.layers.len()).collect()
            } else {
                (0..level.layers.len()).rev().collect()
            };
            for l in layer_ids {
                let layer = &level.layers[l];
                let mut targets = Vec::with_capacity(layer.len());
                let mut weights = Vec::with_capacity(layer.len());
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
                let gaps: Vec<f64> = layer
                    .windows(2)
                    .map(|w| gap(&level.nodes[w[0]], &level.nodes[w[1]]))
                    .collect();
                let placed = place::pav(&targets, &weights, &gaps);
                for (i, &v) in layer.iter().enumerate() {
                    center[v] = placed[i];
                }
            }
        }
        for (node, c) in level.nodes.iter_mut().zip(center) {
            node.y = c - node.size.1 / 2.0;
        }
    }

    /// Where each piece attaches to each child without a fixed port: spread along the side,
    /// in the order of the partners, straight across when a partner allows.
    fn assign_ports(&self, li: usize) -> HashMap<(usize, usize), f64> {
        let level = &self.levels[li];
        let mut ports: HashMap<(usize, usize), f64> = HashMap::new();
        // Fixed attachments first: container ports, also listed by side.
        let mut fixed_by_side: HashMap<(usize, Side), Vec<f64>> = HashMap::new();
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
        // Per leaf side: (piece, partner node).
        let mut sides: HashMap<(usize, Side), Vec<(usize, usize)>> = HashMap::new();
        for (p, chain) in level.chains.iter().enumerate() {
            let (first, last) = (chain[0], chain[chain.len() - 1]);
            // A link inside one layer (a U) leaves and enters on the East side.
            let u_link = level.nodes[first].layer == level.nodes[last].layer;
            let last_side = if u_link { Side::East } else { Side::West };
            for (n, partner, side) in [
                (first, chain[1], Side::East),
                (last, chain[chain.len() - 2], last_side),
            ] {
                // Leaves, and containers that are the edge's own endpoint
                // (no inner port fixes where the edge meets them).
                if let Kind::Child(c) = level.nodes[n].kind
                    && !self.ports[level.children[c].0].contains_key(&level.pieces[p].edge)
                {
                    sides.entry((n, side)).or_default().push((p, partner));
                }
            }
        }
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
                let mut taken = fixed;
                let mut sorted: Vec<(f64, usize)> =
                    list.iter().map(|&(p, w)| (partner_y(p, w), p)).collect();
                sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                for (want, p) in sorted {
                    let want = want.clamp(lo, hi);
                    let steps = ((hi - lo) / (TRACK_SEP / 2.0)).ceil() as usize;
                    let y = (0..=steps)
                        .map(|j| lo + j as f64 * (hi - lo) / steps.max(1) as f64)
                        .chain(std::iter::once(want))
                        .filter(|y| taken.iter().all(|t| (t - y).abs() >= TRACK_SEP))
                        .min_by(|a, b| (a - want).abs().total_cmp(&(b - want).abs()))
                        .unwrap_or(want);
                    taken.push(y);
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

    /// Moves the border ports of the level in line with what they connect to
    /// inside, now that leaf ports are spread: each port layer is placed again
    /// with its partners' final attachments as targets.
    fn align_ports(&mut self, li: usize, ports: &HashMap<(usize, usize), f64>) {
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
    fn snap_to_border_ports(&self, li: usize, ports: &mut HashMap<(usize, usize), f64>) {
        let level = &self.levels[li];
        let mut by_node: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
        for (&(n, p), &y) in ports.iter() {
            by_node.entry(n).or_default().push((p, y));
        }
        for (p, chain) in level.chains.iter().enumerate() {
            if chain.len() != 2 {
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

    /// Routes every piece of the level in canonical coordinates; returns the
    /// canonical extent and the routes (lowest layer first).
    fn route(
        &mut self,
        li: usize,
        ports: &HashMap<(usize, usize), f64>,
    ) -> ((f64, f64), Vec<Route>) {
        // Normalise y so the content starts at 0, self-loops above a top box included.
        let min_y = {
            let level = &self.levels[li];
            level
                .nodes
                .iter()
                .map(|n| match n.kind {
                    Kind::Child(c) => n.y - self.loops[level.children[c].0],
                    _ => n.y,
                })
                .fold(f64::INFINITY, f64::min)
        };
        let min_y = if min_y.is_finite() { min_y } else { 0.0 };
        let mut ports = ports.clone();
        for y in ports.values_mut() {
            *y -= min_y;
        }
        for n in &mut self.levels[li].nodes {
            n.y -= min_y;
        }
        let level = &self.levels[li];
        let layer_count = level.layers.len();
        let width: Vec<f64> = level
            .layer_widths()
            .into_iter()
            .enumerate()
            .map(|(l, w)| w.max(level.min_widths.get(l).copied().unwrap_or(0.0)))
            .collect();
        // The links crossing each channel: (piece, from node, to node, y_from, y_to).
        // One channel right of every layer; the last one only holds U-links.
        let mut crossing: Vec<Vec<(usize, f64, f64, bool)>> = vec![Vec::new(); layer_count];
        let mut link_y: Vec<Vec<(f64, f64)>> = Vec::with_capacity(level.chains.len());
        for (p, chain) in level.chains.iter().enumerate() {
            let mut ys = Vec::new();
            for w in chain.windows(2) {
                let ya = self.attach(li, w[0], p, &ports);
                let yb = self.attach(li, w[1], p, &ports);
                ys.push((ya, yb));
                let u = level.nodes[w[0]].layer == level.nodes[w[1]].layer;
                crossing[level.nodes[w[0]].layer].push((p, ya, yb, u));
            }
            link_y.push(ys);
        }
        // Tracks per channel.
        let mut track_of: HashMap<(usize, usize), channels::Crossing> = HashMap::new();
        let mut channel_w = vec![0.0; crossing.len()];
        let mut channel_tracks = vec![0usize; crossing.len()];
        let mut label_w = vec![0.0; crossing.len()];
        // (piece, channel, offset in the channel's label area, size, middle height)
        type LabelSpec = (usize, usize, f64, (f64, f64), f64);
        let mut u_label_specs: Vec<LabelSpec> = Vec::new();
        for (c, links) in crossing.iter().enumerate() {
            let bent: Vec<(usize, (f64, f64, bool))> = links
                .iter()
                .filter(|(_, a, b, _)| (a - b).abs() >= 0.01)
                .map(|&(p, a, b, u)| (p, (a, b, u)))
                .collect();
            let spans: Vec<(f64, f64, bool)> = bent.iter().map(|b| b.1).collect();
            let (tracks, count) = channels::route(&spans, TRACK_SEP);
            for (i, (p, _)) in bent.iter().enumerate() {
                track_of.insert((c, *p), tracks[i]);
            }
            channel_tracks[c] = count;
            channel_w[c] = if c + 1 == layer_count && count == 0 {
                0.0
            } else {
                ((count + 1) as f64 * TRACK_SEP).max(CHANNEL_MIN)
            };
            // Captions of links with no layer to hold them (U-links, and links
            // between adjacent layers that were not spread out for a label)
            // get columns of their own right of the tracks.
            for &(p, ya, yb, u) in links {
                if level.pieces[p].label && level.chains[p].len() == 2 {
                    let lines = measure::model_caption(&self.arch.edges[level.pieces[p].edge]).0;
                    let (w, h) = size_to_canon(self.dir, measure::edge_label_box(&lines));
                    // A U's caption faces its turn; a straight-through link's
                    // caption sits just beside its last stretch, which crosses
                    // the caption column.
                    let centre = if u {
                        (ya + yb) / 2.0
                    } else {
                        yb + h / 2.0 + LABEL_GAP / 2.0
                    };
                    u_label_specs.push((p, c, label_w[c], (w, h), centre));
                    label_w[c] += w + 2.0 * LABEL_GAP;
                }
            }
            channel_w[c] += label_w[c];
        }
        let mut layer_x = vec![0.0; layer_count];
        for l in 1..layer_count {
            layer_x[l] = layer_x[l - 1] + width[l - 1] + channel_w[l - 1];
        }
        let extent_w = if layer_count == 0 {
            0.0
        } else {
            layer_x[layer_count - 1] + width[layer_count - 1] + channel_w[layer_count - 1]
        };
        let level = &mut self.levels[li];
        for n in &mut level.nodes {
            n.x = layer_x[n.layer] + (width[n.layer] - n.size.0) / 2.0;
        }
        let extent_h = level
            .nodes
            .iter()
            .map(|n| n.y + n.size.1)
            .fold(0.0, f64::max);
        let track_x = |c: usize, t: usize| {
            let count = channel_tracks[c] as f64;
            let start = layer_x[c] + width[c];
            let tracks_w = channel_w[c] - label_w[c];
            start + (tracks_w - (count - 1.0) * TRACK_SEP) / 2.0 + t as f64 * TRACK_SEP
        };
        let mut u_labels = HashMap::new();
        for &(p, c, offset, (w, h), mid) in &u_label_specs {
            // Right after the last track, so the caption stays near its line.
            let last_track = track_x(c, channel_tracks[c].saturating_sub(1));
            let x = last_track + offset + LABEL_GAP;
            let y = (mid - h / 2.0).clamp(0.0, (extent_h - h).max(0.0));
            u_labels.insert(p, (x, y, w, h));
        }
        let mut routes = Vec::with_capacity(level.chains.len());
        for (p, chain) in level.chains.iter().enumerate() {
            let mut pts: Vec<(f64, f64)> = Vec::new();
            for (i, w) in chain.windows(2).enumerate() {
                let (a, b) = (&level.nodes[w[0]], &level.nodes[w[1]]);
                let (ya, yb) = link_y[p][i];
                let xa = match a.kind {
                    Kind::Child(_) => a.x + a.size.0,
                    Kind::Port(_) => a.x,
                    _ => layer_x[a.layer] + width[a.layer],
                };
                let u_link = a.layer == b.layer;
                let xb = match b.kind {
                    Kind::Child(_) if u_link => b.x + b.size.0,
                    Kind::Child(_) => b.x,
                    Kind::Port(_) => b.x,
                    _ => layer_x[b.layer],
                };
                // After the first link, this continues through a dummy's column.
                pts.push((xa, ya));
                if (ya - yb).abs() >= 0.01 {
                    let c = a.layer;
                    match track_of[&(c, p)] {
                        channels::Crossing::Track(t) => {
                            let x = track_x(c, t);
                            pts.push((x, ya));
                            pts.push((x, yb));
                        }
                        channels::Crossing::Dogleg(t1, t2, y) => {
                            let (x1, x2) = (track_x(c, t1), track_x(c, t2));
                            pts.extend([(x1, ya), (x1, y), (x2, y), (x2, yb)]);
                        }
                    }
                }
                pts.push((xb, yb));
            }
            routes.push(pts);
        }
        level.u_labels = u_labels;
        ((extent_w, extent_h), routes)
    }

    /// Maps the level to real coordinates: child positions, the owner's size,
    /// its ports for the parent level, and each piece's route and label box.
    fn finish_level(&mut self, li: usize, extent: (f64, f64), routes: Vec<Route>) {
        let dir = self.dir;
        let owner = self.levels[li].owner;
        let content = size_from_canon(dir, extent);
        let origin = match owner {
            Some(_) => (PADDING, PADDING + TITLE_BAND),
            None => (0.0, 0.0),
        };
        let owner_size = match owner {
            Some(o) => {
                let min_w = measure::container_min_width(self.arch.element(o).display_label());
                let has_children = !self.levels[li].children.is_empty();
                let (w, h) = if has_children { content } else { (0.0, 0.0) };
                (
                    (w + 2.0 * PADDING).max(min_w),
                    h + 2.0 * PADDING + TITLE_BAND,
                )
            }
            None => content,
        };
        if let Some(o) = owner {
            self.size[o.0] = owner_size;
        }
        let level = &self.levels[li];
        for node in &level.nodes {
            if let Kind::Child(c) = node.kind {
                let r = rect_from_canon(dir, (node.x, node.y, node.size.0, node.size.1), extent);
                self.rel[level.children[c].0] = (origin.0 + r.0, origin.1 + r.1);
            }
        }
        let to_real = |p: (f64, f64)| {
            let r = point_from_canon(dir, p, extent);
            [origin.0 + r.0, origin.1 + r.1]
        };
        let mut real_routes = Vec::with_capacity(routes.len());
        let mut port_offsets: Vec<(usize, f64)> = Vec::new();
        let mut labels = vec![None; level.pieces.len()];
        for (p, route) in routes.into_iter().enumerate() {
            let mut pts: Vec<[f64; 2]> = route.into_iter().map(to_real).collect();
            let chain = &level.chains[p];
            // Ports: extend the route across the padding to the owner's border.
            for (at_start, n) in [(true, chain[0]), (false, chain[chain.len() - 1])] {
                if let Kind::Port(_) = level.nodes[n].kind {
                    let i = if at_start { 0 } else { pts.len() - 1 };
                    let west = level.nodes[n].layer == 0;
                    let border = border_point(dir, pts[i], owner_size, west);
                    pts[i] = border;
                    let canon = point_to_canon(dir, (border[0], border[1]), owner_size);
                    port_offsets.push((level.pieces[p].edge, canon.1));
                }
            }
            // Routes run from the lowest layer; pieces run tail to head.
            let piece = &level.pieces[p];
            let tail_first = match piece.tail {
                End::Child(c) => level.nodes[chain[0]].kind == Kind::Child(level.child_index[&c]),
                End::Port(side) => side == Side::West,
            };
            if !tail_first {
                pts.reverse();
            }
            real_routes.push(simplify(pts));
            if let Some(&n) = chain
                .iter()
                .find(|&&n| matches!(level.nodes[n].kind, Kind::Label(_)))
            {
                let node = &level.nodes[n];
                let (lw, lh) = size_to_canon(
                    dir,
                    measure::edge_label_box(
                        &measure::model_caption(&self.arch.edges[piece.edge]).0,
                    ),
                );
                let canon = (
                    node.x + (node.size.0 - lw) / 2.0,
                    node.y + LABEL_LINE + LABEL_GAP,
                    lw,
                    lh,
                );
                let r = rect_from_canon(dir, canon, extent);
                labels[p] = Some([origin.0 + r.0, origin.1 + r.1, r.2, r.3]);
            } else if let Some(&canon) = level.u_labels.get(&p) {
                let r = rect_from_canon(dir, canon, extent);
                labels[p] = Some([origin.0 + r.0, origin.1 + r.1, r.2, r.3]);
            }
        }
        if let Some(o) = owner {
            for (edge, off) in port_offsets {
                self.ports[o.0].insert(edge, off);
            }
        }
        let level = &mut self.levels[li];
        level.routes = real_routes;
        level.labels = labels;
    }

    /// Step 4: absolute positions and whole edges.
    fn assemble(&mut self) -> Placed {
        let arch = self.arch;
        let n = arch.elements.len();
        let mut abs = vec![(0.0, 0.0); n];
        let title = if arch.title.is_some() {
            measure::DIAGRAM_TITLE_BAND
        } else {
            0.0
        };
        let canvas = (measure::MARGIN, measure::MARGIN + title);
        for id in arch.ids() {
            let base = match arch.element(id).parent {
                Some(p) => abs[p.0],
                None => canvas,
            };
            abs[id.0] = (base.0 + self.rel[id.0].0, base.1 + self.rel[id.0].1);
        }
        let level_origin = |li: usize| match self.levels[li].owner {
            Some(o) => abs[o.0],
            None => canvas,
        };
        let mut edges = Vec::with_capacity(arch.edges.len());
        let mut loop_index = vec![0usize; n];
        let mut caption_stack = vec![0.0; n];
        for (i, e) in arch.edges.iter().enumerate() {
            if e.from == e.to {
                let (x, y) = abs[e.from.0];
                let (w, h) = self.size[e.from.0];
                let k = loop_index[e.from.0];
                loop_index[e.from.0] += 1;
                let points = self_loop(self.dir, (x, y, w, h), k);
                // A caption goes beyond every loop of the box, stacked outwards.
                let (lines, _) = measure::model_caption(e);
                let label = (!lines.is_empty()).then(|| {
                    let (lw, lh) = measure::edge_label_box(&lines);
                    let loops_out =
                        12.0 + LOOP_STEP * (self.loops_of[e.from.0] as f64 - 1.0).max(0.0);
                    let before = caption_stack[e.from.0];
                    let (_, ch) = size_to_canon(self.dir, (lw, lh));
                    caption_stack[e.from.0] += ch + LOOP_LABEL_GAP;
                    let off = loops_out + LOOP_LABEL_GAP + before + ch / 2.0;
                    if horizontal(self.dir) {
                        [x + w / 2.0, y - off]
                    } else {
                        [x - off, y + h / 2.0]
                    }
                });
                edges.push((points, label));
                continue;
            }
            let mut pieces = self.edge_pieces[i].clone();
            pieces.sort_by_key(|&(level, piece, rank)| (rank, level, piece));
            let mut pts: Vec<[f64; 2]> = Vec::new();
            let mut label = None;
            for (level, piece, _) in pieces {
                let o = level_origin(level);
                for p in &self.levels[level].routes[piece] {
                    let q = [p[0] + o.0, p[1] + o.1];
                    if pts
                        .last()
                        .is_none_or(|l| (l[0] - q[0]).abs() > 0.01 || (l[1] - q[1]).abs() > 0.01)
                    {
                        pts.push(q);
                    }
                }
                if let Some(b) = self.levels[level].labels[piece] {
                    label = Some([b[0] + o.0 + b[2] / 2.0, b[1] + o.1 + b[3] / 2.0]);
                }
            }
            edges.push((simplify(pts), label));
        }
        let content = self.size_of_root();
        Placed {
            abs,
            size: self.size.clone(),
            edges,
            content,
        }
    }

    fn size_of_root(&self) -> (f64, f64) {
        let mut w: f64 = 0.0;
        let mut h: f64 = 0.0;
        for &r in &self.arch.roots {
            w = w.max(self.rel[r.0].0 + self.size[r.0].0);
            h = h.max(self.rel[r.0].1 + self.size[r.0].1);
        }
        (w, h)
    }
}

/// Longest-path layering of a DAG given by `edges` (with minimum lengths),
/// sources pulled next to their first successor. `pos` is a topological order.
fn longest_path(k: usize, edges: &[(usize, usize, usize)], pos: &[usize]) -> Vec<usize> {
    let mut by_pos: Vec<usize> = (0..k).collect();
    by_pos.sort_by_key(|&v| pos[v]);
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
    by_pos.sort_by_key(|&v| pos[v]);
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

/// Moves a route end on the content edge out to the owner's border, straight
/// across the padding (the side that canonical West or East maps to).
fn border_point(dir: Direction, p: [f64; 2], (w, h): (f64, f64), west: bool) -> [f64; 2] {
    match (dir, west) {
        (Direction::Right, true) | (Direction::Left, false) => [0.0, p[1]],
        (Direction::Right, false) | (Direction::Left, true) => [w, p[1]],
        (Direction::Down, true) | (Direction::Up, false) => [p[0], 0.0],
        (Direction::Down, false) | (Direction::Up, true) => [p[0], h],
    }
}

/// Drops repeated points and middle points of straight runs.
pub fn simplify(pts: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|l| (l[0] - p[0]).abs() < 0.01 && (l[1] - p[1]).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = ((a[0] - b[0]).abs() < 0.01 && (b[0] - p[0]).abs() < 0.01)
                || ((a[1] - b[1]).abs() < 0.01 && (b[1] - p[1]).abs() < 0.01);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The `k`-th loop on a box: a handle on the side that faces the layer's
/// neighbour (top for right/left flows, left for down/up), where no port is,
/// in the room reserved there. Later loops nest outside earlier ones.
pub fn self_loop(dir: Direction, (x, y, w, h): (f64, f64, f64, f64), k: usize) -> Vec<[f64; 2]> {
    let k = k as f64;
    let out = 12.0 + LOOP_STEP * k;
    let spread = |len: f64| (10.0 + LOOP_STEP * k).min(len / 2.0 - 2.0).max(1.0);
    if horizontal(dir) {
        let (c, d) = (x + w / 2.0, spread(w));
        vec![[c + d, y], [c + d, y - out], [c - d, y - out], [c - d, y]]
    } else {
        let (c, d) = (y + h / 2.0, spread(h));
        vec![[x, c - d], [x - out, c - d], [x - out, c + d], [x, c + d]]
    }
}
