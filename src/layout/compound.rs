//! The recursive scheme for nested containers: lay out a container's children
//! as a flat graph (each child container one big node of known size), measure
//! the box that holds them, then treat that container as one node in its
//! parent's layout. Edges between nested elements are projected onto the
//! level of their lowest common container.

use super::Placed;
use super::measure::{self, DIAGRAM_TITLE_BAND, MARGIN, PADDING, TITLE_BAND};
use super::route;
use crate::geometry::{Point, Rect, Size};
use crate::model::{Architecture, Direction, ElementId};
use std::collections::{BTreeMap, BTreeSet};

/// Places the children of one container relative to each other.
pub trait SiblingPlacer {
    /// `sizes[i]` is the size of child `i`; `edges` are pairs of child indices
    /// (sorted, without self-pairs). Returns each child's top-left corner;
    /// boxes must not overlap. The caller shifts the result to start at 0.
    fn place(&self, sizes: &[Size], edges: &[(usize, usize)], direction: Direction) -> Vec<Point>;
}

/// Lays out `arch` with `placer` for each container's children.
pub fn layout(arch: &Architecture, placer: &dyn SiblingPlacer) -> Placed {
    let n = arch.elements.len();
    let mut size = vec![Size::default(); n];
    let mut rel = vec![Point::default(); n];
    let level_edges = project_edges(arch);
    let content = place_level(arch, None, placer, &level_edges, &mut size, &mut rel);

    let top = if arch.title.is_some() {
        DIAGRAM_TITLE_BAND
    } else {
        0.0
    };
    let mut abs = vec![Point::default(); n];
    for &root in &arch.roots {
        absolute(
            arch,
            root,
            rel[root.0].offset(MARGIN, MARGIN + top),
            &rel,
            &mut abs,
        );
    }
    let rect = |id: ElementId| {
        let (at, s) = (abs[id.0], size[id.0]);
        Rect::new(at.x, at.y, s.width, s.height)
    };
    let edges = arch
        .edges
        .iter()
        .map(|e| {
            let inside = if arch.is_ancestor(e.from, e.to) {
                Some(true)
            } else if arch.is_ancestor(e.to, e.from) {
                Some(false)
            } else {
                None
            };
            let points = route::route(rect(e.from), rect(e.to), e.from == e.to, inside);
            let captioned = !measure::model_caption(e).0.is_empty();
            let label = captioned.then(|| crate::geometry::midpoint(&points));
            (points, label)
        })
        .collect();
    Placed {
        abs,
        size,
        edges,
        content,
    }
}

/// For each container (`None` = top level), the edges between its children
/// that the model's edges project to.
fn project_edges(
    arch: &Architecture,
) -> BTreeMap<Option<ElementId>, BTreeSet<(ElementId, ElementId)>> {
    let mut out: BTreeMap<Option<ElementId>, BTreeSet<(ElementId, ElementId)>> = BTreeMap::new();
    for e in &arch.edges {
        let a: Vec<ElementId> = std::iter::once(e.from)
            .chain(arch.ancestors(e.from))
            .collect();
        let b: Vec<ElementId> = std::iter::once(e.to).chain(arch.ancestors(e.to)).collect();
        // Walk both chains from the root down while they agree.
        let (mut i, mut j) = (a.len(), b.len());
        while i > 0 && j > 0 && a[i - 1] == b[j - 1] {
            i -= 1;
            j -= 1;
        }
        if i == 0 || j == 0 {
            continue; // one encloses the other, or a self-edge: nothing to place
        }
        let lca = a.get(i).copied();
        out.entry(lca).or_default().insert((a[i - 1], b[j - 1]));
    }
    out
}

/// Lays out the children of `parent` (recursively) and returns the size of
/// the area they cover. Fills `size` for each child and `rel` with each
/// child's top-left corner relative to that area.
fn place_level(
    arch: &Architecture,
    parent: Option<ElementId>,
    placer: &dyn SiblingPlacer,
    level_edges: &BTreeMap<Option<ElementId>, BTreeSet<(ElementId, ElementId)>>,
    size: &mut [Size],
    rel: &mut [Point],
) -> Size {
    let children = arch.children_of(parent);
    if children.is_empty() {
        return Size::default();
    }
    for &c in children {
        let e = arch.element(c);
        size[c.0] = if e.is_container() {
            let inner = place_level(arch, Some(c), placer, level_edges, size, rel);
            let min_w = measure::container_min_width(e.display_label());
            Size::new(
                (inner.width + 2.0 * PADDING).max(min_w),
                inner.height + 2.0 * PADDING + TITLE_BAND,
            )
        } else {
            let (w, h) = measure::node_size(e.display_label(), e.kind.name);
            Size::new(w, h)
        };
    }
    let index: BTreeMap<ElementId, usize> =
        children.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let edges: Vec<(usize, usize)> = level_edges
        .get(&parent)
        .into_iter()
        .flatten()
        .map(|(a, b)| (index[a], index[b]))
        .collect();
    let sizes: Vec<Size> = children.iter().map(|c| size[c.0]).collect();
    let placed = placer.place(&sizes, &edges, arch.direction);
    let min_x = placed.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    let min_y = placed.iter().map(|p| p.y).fold(f64::INFINITY, f64::min);
    let mut extent = Size::default();
    for (i, &c) in children.iter().enumerate() {
        let p = Point::new(placed[i].x - min_x, placed[i].y - min_y);
        rel[c.0] = p;
        extent.width = extent.width.max(p.x + sizes[i].width);
        extent.height = extent.height.max(p.y + sizes[i].height);
    }
    extent
}

/// Assigns absolute positions top-down.
fn absolute(arch: &Architecture, id: ElementId, at: Point, rel: &[Point], abs: &mut [Point]) {
    abs[id.0] = at;
    let origin = Point::new(at.x + PADDING, at.y + TITLE_BAND + PADDING);
    for &c in &arch.element(id).children {
        absolute(arch, c, origin.offset(rel[c.0].x, rel[c.0].y), rel, abs);
    }
}
