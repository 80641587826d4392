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

mod assemble;
mod channels;
mod cycles;
mod finish;
mod layering;
mod order;
mod pieces;
mod place;
mod ports;
mod routing;
mod size;

pub use crate::geometry::simplify;
pub use assemble::self_loop;
pub use cycles::{feedback_order, reaches};
pub use order::{barycenter, bilayer_crossings, crossings, pair_crossings};
pub use place::pav;

use super::measure;
use super::transform::size_to_canon;
use super::{LayoutEngine, Timings};
use crate::model::{Architecture, Direction, ElementId};
use crate::scene::Scene;
use rustc_hash::FxHashMap;

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
    child_index: FxHashMap<ElementId, usize>,
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
    u_labels: FxHashMap<usize, (f64, f64, f64, f64)>,
}

impl Level {
    /// Whether piece `p` runs along the bus under the level: a chain of its
    /// two ends only, more than one layer apart.
    fn is_bus(&self, p: usize) -> bool {
        let chain = &self.chains[p];
        chain.len() == 2 && self.nodes[chain[1]].layer > self.nodes[chain[0]].layer + 1
    }

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
    ports: Vec<FxHashMap<usize, f64>>,
    /// Per edge, the pieces that make it: (level, piece, rank along the edge).
    edge_pieces: Vec<Vec<(usize, usize, i64)>>,
    /// Room beside each element for its self-loops and their captions.
    loops: Vec<f64>,
    /// How many self-loops each element has.
    loops_of: Vec<usize>,
    /// Levels that would need more dummies than this use the bus.
    bus_from: usize,
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
            ports: vec![FxHashMap::default(); n],
            edge_pieces: vec![Vec::new(); arch.edges.len()],
            loops,
            loops_of,
            bus_from: layering::BUS_FROM,
        }
    }

    fn level_index(&self, owner: Option<ElementId>) -> usize {
        owner.map_or(0, |o| self.level_of[o.0].expect("a container has a level"))
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

    /// Places a level whose nodes are sized: coordinates, ports, routes.
    fn place_level(&mut self, li: usize) {
        self.assign_y(li);
        let mut ports = self.assign_ports(li);
        self.align_ports(li, &ports);
        self.snap_to_border_ports(li, &mut ports);
        let (extent, routes) = self.route(li, &ports);
        self.finish_level(li, extent, routes);
    }
}

#[cfg(test)]
mod tests {
    use super::Engine;
    use crate::generate::{Format, synthetic};
    use crate::layout::check::{Contract, violations};

    /// Every long piece of a generated design on the bus (it is otherwise
    /// only used on levels too big for the contract's quadratic check).
    #[test]
    fn the_bus_keeps_the_layout_contract() {
        let src = synthetic(300, 7, Format::Cgr);
        let arch = crate::compile::compile_str("bus.cgr", &src)
            .arch
            .expect("the generator writes valid designs");
        let mut e = Engine::new(&arch);
        e.bus_from = 0;
        e.main_pieces();
        e.top_down();
        let on_bus = e
            .levels
            .iter()
            .map(|l| (0..l.chains.len()).filter(|&p| l.is_bus(p)).count())
            .sum::<usize>();
        assert!(on_bus > 10, "{on_bus} pieces on the bus");
        e.bottom_up();
        let scene = crate::layout::scene_from(&arch, e.assemble());
        let broken = violations(&scene, Contract::ALL);
        assert!(broken.is_empty(), "{}", broken.join("\n"));
    }
}
