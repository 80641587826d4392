//! The layout-rs engine: each container's children are placed by layout-rs
//! (a layered, Graphviz-like placer with spline edges), inside the recursive
//! scheme of [`super::compound`], since layout-rs has no clusters.

use super::compound::{self, SiblingPlacer};
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

/// Space kept free around each box, on every side (layout-rs's "halo").
const HALO: f64 = 20.0;

/// The engine named `layout-rs` on the command line.
pub struct LayoutRs;

impl LayoutEngine for LayoutRs {
    fn name(&self) -> &'static str {
        "layout-rs"
    }

    fn layout(&self, arch: &Architecture, timings: &mut Timings) -> Scene {
        let placed = timings.time("layout-rs placement", || {
            compound::layout(arch, &LayoutRsPlacer)
        });
        super::scene_from(arch, placed)
    }
}

/// Places siblings with layout-rs.
struct LayoutRsPlacer;

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
