//! The last part of step 3 for one level: from canonical to real
//! coordinates, the owner's size, and the ports the parent level will use.

use super::{End, Engine, Kind, LABEL_GAP, LABEL_LINE, Route, Side, simplify};
use crate::geometry::{Point, Rect, Size};
use crate::layout::measure::{self, PADDING, TITLE_BAND};
use crate::layout::transform::{
    point_from_canon, point_to_canon, rect_from_canon, size_from_canon, size_to_canon,
};
use crate::model::Direction;

impl Engine<'_> {
    /// Maps the level to real coordinates: child positions, the owner's size,
    /// its ports for the parent level, and each piece's route and label box.
    pub(super) fn finish_level(&mut self, li: usize, extent: (f64, f64), routes: Vec<Route>) {
        let dir = self.dir;
        let owner = self.levels[li].owner;
        let content = size_from_canon(dir, extent);
        let extent = Size::new(extent.0, extent.1);
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
                let canon = Rect::new(node.x, node.y, node.size.0, node.size.1);
                let r = rect_from_canon(dir, canon, extent);
                self.rel[level.children[c].0] = (origin.0 + r.left, origin.1 + r.top);
            }
        }
        let to_real = |p: (f64, f64)| {
            let r = point_from_canon(dir, Point::new(p.0, p.1), extent);
            [origin.0 + r.x, origin.1 + r.y]
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
                    let size = Size::new(owner_size.0, owner_size.1);
                    let canon = point_to_canon(dir, Point::from(border), size);
                    port_offsets.push((level.pieces[p].edge, canon.y));
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
                let canon = Rect::new(
                    node.x + (node.size.0 - lw) / 2.0,
                    node.y + LABEL_LINE + LABEL_GAP,
                    lw,
                    lh,
                );
                let r = rect_from_canon(dir, canon, extent);
                labels[p] = Some([origin.0 + r.left, origin.1 + r.top, r.width(), r.height()]);
            } else if let Some(&(x, y, w, h)) = level.u_labels.get(&p) {
                let r = rect_from_canon(dir, Rect::new(x, y, w, h), extent);
                labels[p] = Some([origin.0 + r.left, origin.1 + r.top, r.width(), r.height()]);
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
