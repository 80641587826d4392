//! The recursive scheme for nested containers: lay out a container's children
//! as a flat graph (each child container one big node of known size), measure
//! the box that holds them, then treat that container as one node in its
//! parent's layout. Edges between nested elements are projected onto the
//! level of their lowest common container.

use super::Placed;
use super::measure::{self, DIAGRAM_TITLE_BAND, MARGIN, PADDING, TITLE_BAND};
use super::route;
use crate::model::{Architecture, Direction, ElementId};
use std::collections::{BTreeMap, BTreeSet};

/// Places the children of one container relative to each other.
pub trait SiblingPlacer {
    /// `sizes[i]` is the size of child `i`; `edges` are pairs of child indices
    /// (sorted, without self-pairs). Returns each child's top-left corner;
    /// boxes must not overlap. The caller shifts the result to start at 0.
    fn place(
        &self,
        sizes: &[(f64, f64)],
        edges: &[(usize, usize)],
        direction: Direction,
    ) -> Vec<(f64, f64)>;
}

/// Lays out `arch` with `placer` for each container's children.
pub fn layout(arch: &Architecture, placer: &dyn SiblingPlacer) -> Placed {
    let n = arch.elements.len();
    let mut size = vec![(0.0, 0.0); n];
    let mut rel = vec![(0.0, 0.0); n];
    let level_edges = project_edges(arch);
    let content = place_level(arch, None, placer, &level_edges, &mut size, &mut rel);

    let top = if arch.title.is_some() {
        DIAGRAM_TITLE_BAND
    } else {
        0.0
    };
    let mut abs = vec![(0.0, 0.0); n];
    for &root in &arch.roots {
        absolute(
            arch,
            root,
            (MARGIN + rel[root.0].0, MARGIN + top + rel[root.0].1),
            &rel,
            &mut abs,
        );
    }
    let rect = |id: ElementId| {
        let ((x, y), (w, h)) = (abs[id.0], size[id.0]);
        (x, y, x + w, y + h)
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
            let label = captioned.then(|| route::midpoint(&points));
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
    size: &mut [(f64, f64)],
    rel: &mut [(f64, f64)],
) -> (f64, f64) {
    let children = arch.children_of(parent);
    if children.is_empty() {
        return (0.0, 0.0);
    }
    for &c in children {
        let e = arch.element(c);
        size[c.0] = if e.is_container() {
            let (w, h) = place_level(arch, Some(c), placer, level_edges, size, rel);
            let min_w = measure::container_min_width(e.display_label());
            (
                (w + 2.0 * PADDING).max(min_w),
                h + 2.0 * PADDING + TITLE_BAND,
            )
        } else {
            measure::node_size(e.display_label(), e.kind.name)
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
    let sizes: Vec<(f64, f64)> = children.iter().map(|c| size[c.0]).collect();
    let placed = placer.place(&sizes, &edges, arch.direction);
    let min_x = placed.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let min_y = placed.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let (mut w, mut h) = (0.0_f64, 0.0_f64);
    for (i, &c) in children.iter().enumerate() {
        let p = (placed[i].0 - min_x, placed[i].1 - min_y);
        rel[c.0] = p;
        w = w.max(p.0 + sizes[i].0);
        h = h.max(p.1 + sizes[i].1);
    }
    (w, h)
}

/// Assigns absolute positions top-down.
fn absolute(
    arch: &Architecture,
    id: ElementId,
    at: (f64, f64),
    rel: &[(f64, f64)],
    abs: &mut [(f64, f64)],
) {
    abs[id.0] = at;
    let origin = (at.0 + PADDING, at.1 + TITLE_BAND + PADDING);
    for &c in &arch.element(id).children {
        absolute(
            arch,
            c,
            (origin.0 + rel[c.0].0, origin.1 + rel[c.0].1),
            rel,
            abs,
        );
    }
}
