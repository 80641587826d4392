//! The layout-rs engine: each container's children are placed by layout-rs
//! (a layered, Graphviz-like placer with spline edges), inside the recursive
//! scheme of [`super::compound`], since layout-rs has no clusters. layout-rs
//! is cubic in its layered graph and exponential in its cycle search, so only
//! graphs within [`layered_size`]'s bounds are handed to it; the rest go in a row.

use super::compound::{self, SiblingPlacer};
use super::layered::reaches;
use super::{LayoutEngine, Timings};
use crate::geometry::{self, Size};
use crate::model::{Architecture, Direction};
use crate::scene::Scene;
use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::{Point, Position};
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;
use std::cell::Cell;

/// Space kept free around each box, on every side (layout-rs's "halo").
const HALO: f64 = 20.0;

/// The most nodes layout-rs may lay out for one container: its boxes plus the
/// connector it adds on every layer an edge skips. Its ordering and placement
/// passes grow with the cube of this count: a complete graph of 11 boxes is
/// 176 nodes and takes 0.12 s, one of 16 boxes is 576 nodes and takes 1.8 s.
const MAX_LAYERED_NODES: usize = 200;

/// The most edges of one container handed to layout-rs.
const MAX_EDGES: usize = 200;

/// The most calls layout-rs's cycle search may make on one container. To
/// turn edges round it searches from each edge's head along every path (it
/// keeps no visited set), so a chain of diamonds doubles the work with each
/// diamond: 30 diamonds do not finish in minutes.
const MAX_SEARCH_STEPS: u64 = 10_000_000;

/// The squares of the layered sizes of all the containers of one drawing
/// that layout-rs lays out, summed: ten containers at [`MAX_LAYERED_NODES`],
/// about 2.5 s in the worst case; past it, containers go in a row.
const BUDGET: usize = 10 * MAX_LAYERED_NODES * MAX_LAYERED_NODES;

/// The engine named `layout-rs` on the command line.
pub struct LayoutRs;

impl LayoutEngine for LayoutRs {
    fn name(&self) -> &'static str {
        "layout-rs"
    }

    fn layout(&self, arch: &Architecture, timings: &mut Timings) -> Scene {
        let placed = timings.time("layout-rs placement", || {
            compound::layout(arch, &LayoutRsPlacer::default())
        });
        super::scene_from(arch, placed)
    }
}

/// Places siblings with layout-rs while the drawing's [`BUDGET`] lasts.
#[derive(Default)]
struct LayoutRsPlacer {
    /// The budget used so far, by the containers placed before.
    spent: Cell<usize>,
}

impl SiblingPlacer for LayoutRsPlacer {
    fn place(
        &self,
        sizes: &[Size],
        edges: &[(usize, usize)],
        direction: Direction,
    ) -> Vec<geometry::Point> {
        if sizes.len() == 1 {
            return vec![geometry::Point::new(0.0, 0.0)];
        }
        let spent = layered_size(sizes.len(), edges)
            .map(|n| self.spent.get() + n * n)
            .filter(|&spent| spent <= BUDGET);
        let Some(spent) = spent else {
            return row(sizes, direction);
        };
        self.spent.set(spent);
        let run = || run_layout_rs(sizes, edges, direction);
        // layout-rs asserts on graphs it cannot handle; fall back to a row
        // rather than let a diagram crash the compiler.
        let placed = std::panic::catch_unwind(run).unwrap_or_else(|_| row(sizes, direction));
        if overlaps(sizes, &placed) {
            row(sizes, direction)
        } else {
            placed
        }
    }
}

fn run_layout_rs(
    sizes: &[Size],
    edges: &[(usize, usize)],
    direction: Direction,
) -> Vec<geometry::Point> {
    let orientation = match direction {
        Direction::Right | Direction::Left => Orientation::LeftToRight,
        Direction::Down | Direction::Up => Orientation::TopToBottom,
    };
    let mut vg = VisualGraph::new(orientation);
    vg.dag.set_validate(false);
    let handles: Vec<_> = sizes
        .iter()
        .map(|s| {
            vg.add_node(Element {
                shape: ShapeKind::new_box(""),
                pos: Position::new(
                    Point::zero(),
                    Point::new(s.width, s.height),
                    Point::zero(),
                    Point::splat(HALO),
                ),
                look: StyleAttr::simple(),
                orientation,
                properties: None,
            })
        })
        .collect();
    for &(a, b) in edges {
        vg.add_edge(Arrow::simple(""), handles[a], handles[b]);
    }
    vg.do_it(false, false, false, &mut NullBackend);
    handles
        .iter()
        .map(|&h| {
            let (top_left, bottom_right) = vg.pos(h).bbox(false);
            match direction {
                Direction::Left => geometry::Point::new(-bottom_right.x, top_left.y),
                Direction::Up => geometry::Point::new(top_left.x, -bottom_right.y),
                _ => geometry::Point::new(top_left.x, top_left.y),
            }
        })
        .collect()
}

/// How many nodes layout-rs would lay out for `n` boxes joined by `edges`,
/// or None past one of the bounds. Replays its preparation: each edge in
/// order, turned round when its head already reaches its tail; layers by the
/// longest path from a source (layout-rs then only shortens edges); one
/// connector on every layer an edge skips. Its cycle search from an edge's
/// head makes at most as many calls as there are paths from that head.
fn layered_size(n: usize, edges: &[(usize, usize)]) -> Option<usize> {
    if n > MAX_LAYERED_NODES || edges.len() > MAX_EDGES {
        return None;
    }
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut oriented = Vec::with_capacity(edges.len());
    for &(a, b) in edges.iter().filter(|(a, b)| a != b) {
        let (from, to) = if reaches(&succ, b, |v| v == a) {
            (b, a)
        } else {
            (a, b)
        };
        succ[from].push(to);
        oriented.push((from, to));
    }
    let order = topological_order(&succ);
    let mut layer = vec![0; n];
    let mut paths = vec![1u64; n];
    for &v in &order {
        for &s in &succ[v] {
            layer[s] = layer[s].max(layer[v] + 1);
        }
    }
    for &v in order.iter().rev() {
        for &s in &succ[v] {
            paths[v] = paths[v].saturating_add(paths[s]);
        }
    }
    let steps = edges
        .iter()
        .fold(0u64, |steps, &(_, head)| steps.saturating_add(paths[head]));
    let connectors: usize = oriented.iter().map(|&(a, b)| layer[b] - layer[a] - 1).sum();
    let size = n + connectors;
    (size <= MAX_LAYERED_NODES && steps <= MAX_SEARCH_STEPS).then_some(size)
}

/// The nodes of the acyclic `succ`, each before its successors.
fn topological_order(succ: &[Vec<usize>]) -> Vec<usize> {
    let mut indegree = vec![0; succ.len()];
    for &s in succ.iter().flatten() {
        indegree[s] += 1;
    }
    let mut ready: Vec<usize> = (0..succ.len()).filter(|&v| indegree[v] == 0).collect();
    let mut order = Vec::with_capacity(succ.len());
    while let Some(v) = ready.pop() {
        order.push(v);
        for &s in &succ[v] {
            indegree[s] -= 1;
            if indegree[s] == 0 {
                ready.push(s);
            }
        }
    }
    order
}

/// All siblings in one row (or column), in declaration order.
fn row(sizes: &[Size], direction: Direction) -> Vec<geometry::Point> {
    let horizontal = matches!(direction, Direction::Right | Direction::Left);
    let mut at = 0.0;
    sizes
        .iter()
        .map(|s| {
            let p = if horizontal {
                geometry::Point::new(at, 0.0)
            } else {
                geometry::Point::new(0.0, at)
            };
            at += 2.0 * HALO + if horizontal { s.width } else { s.height };
            p
        })
        .collect()
}

/// Whether any two placed boxes overlap (touching is fine).
fn overlaps(sizes: &[Size], placed: &[geometry::Point]) -> bool {
    (0..sizes.len()).any(|i| {
        (i + 1..sizes.len()).any(|j| {
            let (a, b) = (placed[i], placed[j]);
            a.x < b.x + sizes[j].width - 0.5
                && b.x < a.x + sizes[i].width - 0.5
                && a.y < b.y + sizes[j].height - 0.5
                && b.y < a.y + sizes[i].height - 0.5
        }) || placed[i].x.is_nan()
            || placed[i].y.is_nan()
    })
}

/// layout-rs draws through a backend; we only want the positions.
struct NullBackend;

impl RenderBackend for NullBackend {
    fn draw_rect(
        &mut self,
        _: Point,
        _: Point,
        _: &StyleAttr,
        _: Option<String>,
        _: Option<ClipHandle>,
    ) {
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, _: Point, _: &str, _: &StyleAttr) {}
    fn draw_arrow(
        &mut self,
        _: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        _: Option<String>,
        _: &str,
    ) {
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Boxes 0..n, each joined to every later one.
    fn complete(n: usize) -> Vec<(usize, usize)> {
        (0..n)
            .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
            .collect()
    }

    /// `k` diamonds in a chain, then one more box joined to the first: the
    /// last edge's search follows all 2^k paths through the chain.
    fn diamonds(k: usize) -> (usize, Vec<(usize, usize)>) {
        let mut edges: Vec<(usize, usize)> = (0..k)
            .flat_map(|i| {
                let a = 3 * i;
                [(a, a + 1), (a, a + 2), (a + 1, a + 3), (a + 2, a + 3)]
            })
            .collect();
        edges.push((3 * k + 1, 0));
        (3 * k + 2, edges)
    }

    #[test]
    fn the_layered_size_counts_a_connector_on_every_skipped_layer() {
        // 0 -> 1 -> 2 and 0 -> 2 skipping layer 1; 2 -> 0 is turned round.
        assert_eq!(layered_size(3, &[(0, 1), (1, 2), (0, 2), (2, 0)]), Some(5));
        assert_eq!(layered_size(11, &complete(11)), Some(176));
        assert_eq!(
            layered_size(MAX_LAYERED_NODES, &[]),
            Some(MAX_LAYERED_NODES)
        );
    }

    /// Graphs layout-rs takes seconds to minutes on are not handed to it.
    #[test]
    fn dense_graphs_and_chains_of_diamonds_are_past_the_bounds() {
        assert_eq!(layered_size(16, &complete(16)), None);
        let (n, edges) = diamonds(18);
        assert!(layered_size(n, &edges).is_some());
        let (n, edges) = diamonds(30);
        assert_eq!(layered_size(n, &edges), None);
        assert_eq!(layered_size(MAX_LAYERED_NODES + 1, &[]), None);
    }

    /// Past the bounds the boxes go in a row, without calling layout-rs.
    #[test]
    fn a_graph_past_the_bounds_goes_in_a_row() {
        let sizes = vec![Size::new(100.0, 40.0); 16];
        let placer = LayoutRsPlacer::default();
        let placed = placer.place(&sizes, &complete(16), Direction::Right);
        assert_eq!(placed, row(&sizes, Direction::Right));
        assert_eq!(placer.spent.get(), 0);
    }
}
