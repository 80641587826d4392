//! Layout: [`Architecture`] in, positioned [`Scene`] out.
//! Engines implement [`LayoutEngine`]: [`global`] (named `layered`, the
//! default: one layer grid for the whole diagram, orthogonal edges, with
//! [`detour`]s and [`straighten`]ing on the finished scene), the
//! per-container [`layered`] engine (named `recursive`, which `global` falls
//! back to above 400 components or when a detour finds no way) and
//! [`layout_rs`] (layout-rs inside the recursive scheme of [`compound`],
//! with straight edges).

pub mod check;
pub mod compound;
pub mod detour;
pub mod gaps;
pub mod global;
pub mod layered;
pub mod layout_rs;
pub mod measure;
pub mod page;
pub mod route;
pub mod stats;
pub mod straighten;
#[cfg(test)]
pub(crate) mod testkit;
pub mod transform;
pub mod uncross;
pub mod wrap;

use crate::geometry::{Point, Size};
use crate::model::{Architecture, ElementId};
use crate::scene::{Caption, Icon, Scene, SceneBox, SceneEdge};
use std::time::{Duration, Instant};

/// A layout engine: turns a checked architecture into a scene.
pub trait LayoutEngine {
    /// The name used on the command line (`--layout NAME`).
    fn name(&self) -> &'static str;
    /// Lays out the whole architecture, recording the time of each phase.
    fn layout(&self, arch: &Architecture, timings: &mut Timings) -> Scene;
}

/// Edges from which a diagram is dense: the layered engine routes and
/// finishes its declared order only, once, and uncross cuts its searches in
/// proportion (each finished picture takes seconds there).
pub(crate) const DENSE_FROM: usize = 40;

/// Every engine's name, the default first.
pub const ENGINES: [&str; 3] = ["layered", "recursive", "layout-rs"];

/// Finds an engine by name.
pub fn engine(name: &str) -> Option<Box<dyn LayoutEngine>> {
    match name {
        "layered" => Some(Box::new(global::Global)),
        "recursive" => Some(Box::new(layered::Layered)),
        "layout-rs" => Some(Box::new(layout_rs::LayoutRs)),
        _ => None,
    }
}

/// Lays out with the default engine.
pub fn layout(arch: &Architecture) -> Scene {
    global::Global.layout(arch, &mut Timings::default())
}

/// Wall-clock time of each named phase, in order.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// `(phase, duration)` in the order they ran.
    pub phases: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `f` and records its duration under `name`.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.phases.push((name, start.elapsed()));
        out
    }
}

/// An edge's polyline (absolute) and its label's centre.
pub type RoutedEdge = (Vec<[f64; 2]>, Option<[f64; 2]>);

/// What an engine computes, before it becomes a scene.
pub struct Placed {
    /// Top-left corner of every element, absolute.
    pub abs: Vec<Point>,
    /// Size of every element.
    pub size: Vec<Size>,
    /// Per model edge: its polyline (absolute) and its label's centre.
    pub edges: Vec<RoutedEdge>,
    /// Extent of the top-level content (without margins and title).
    pub content: Size,
}

/// Builds the scene from positions: boxes in declaration order, edges in source order.
pub fn scene_from(arch: &Architecture, placed: Placed) -> Scene {
    let boxed = |id: ElementId| {
        let e = arch.element(id);
        let attrs = e.attrs.to_json();
        SceneBox {
            id: e.id.clone(),
            kind: e.kind,
            category: e.kind.category,
            label: e.display_label().to_string(),
            x: placed.abs[id.0].x,
            y: placed.abs[id.0].y,
            width: placed.size[id.0].width,
            height: placed.size[id.0].height,
            parent: e.parent.map(|p| arch.element(p).id.clone()),
            icon: Icon::of(e.kind, &attrs),
            attrs,
        }
    };
    let (containers, nodes): (Vec<ElementId>, Vec<ElementId>) =
        arch.ids().partition(|id| arch.element(*id).is_container());
    let top = if arch.title.is_some() {
        measure::DIAGRAM_TITLE_BAND
    } else {
        0.0
    };
    let title_w = arch.title.as_deref().map_or(0.0, |t| {
        crate::text::text_width(t, measure::DIAGRAM_TITLE_FONT, true)
    });
    let mut scene = Scene {
        width: (placed.content.width.max(title_w) + 2.0 * measure::MARGIN).ceil(),
        height: (placed.content.height + top + 2.0 * measure::MARGIN).ceil(),
        title: arch.title.clone(),
        nodes: nodes.into_iter().map(boxed).collect(),
        containers: containers.into_iter().map(boxed).collect(),
        edges: Vec::with_capacity(arch.edges.len()),
    };
    for (e, (points, label_pos)) in arch.edges.iter().zip(placed.edges) {
        for p in &points {
            scene.width = scene.width.max((p[0] + measure::MARGIN).ceil());
            scene.height = scene.height.max((p[1] + measure::MARGIN).ceil());
        }
        let (lines, label_lines) = measure::model_caption(e);
        scene.edges.push(SceneEdge {
            from: arch.element(e.from).id.clone(),
            to: arch.element(e.to).id.clone(),
            op: e.op,
            label: e.label.as_deref().map(String::from),
            points,
            label_pos,
            attrs: e.attrs.to_json(),
            caption_shared: false,
            caption_text: Caption::new(lines, label_lines),
        });
    }
    scene.round();
    scene
}
