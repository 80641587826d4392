//! Scenes for the layout passes' unit tests: boxes and edges built by hand.

use crate::geometry::Rect;
use crate::scene::{Scene, SceneBox, SceneEdge};

/// A service box at `r`, inside `parent` when given.
pub fn boxed_in(id: &str, parent: Option<&str>, r: Rect) -> SceneBox {
    let kind = crate::model::catalog::lookup("service").unwrap();
    SceneBox {
        id: id.into(),
        kind,
        category: kind.category,
        label: id.into(),
        x: r.left,
        y: r.top,
        width: r.width(),
        height: r.height(),
        parent: parent.map(Into::into),
        attrs: Default::default(),
        icon: crate::scene::Icon::Kind(kind),
    }
}

/// A service box at `r`, at the top level.
pub fn boxed(id: &str, r: Rect) -> SceneBox {
    boxed_in(id, None, r)
}

/// A plain request edge without a caption along `points`.
pub fn edge(from: &str, to: &str, points: Vec<[f64; 2]>) -> SceneEdge {
    SceneEdge {
        from: from.into(),
        to: to.into(),
        op: crate::scene::EdgeOp::Sync,
        label: None,
        points,
        label_pos: None,
        attrs: Default::default(),
        caption_shared: false,
        caption_text: Default::default(),
    }
}

/// A page of 800 × 600 without a title or containers.
pub fn page(nodes: Vec<SceneBox>, edges: Vec<SceneEdge>) -> Scene {
    Scene {
        width: 800.0,
        height: 600.0,
        title: None,
        nodes,
        containers: Vec::new(),
        edges,
    }
}
