//! Step 4: absolute positions, and each edge's pieces joined into one
//! polyline; self-loops drawn as handles beside their box.

use super::{Engine, LOOP_LABEL_GAP, LOOP_STEP};
use crate::geometry::{Point, Size, simplify};
use crate::layout::measure;
use crate::layout::transform::{horizontal, size_to_canon};
use crate::layout::{Placed, RoutedEdge};
use crate::model::{Direction, Edge};

impl Engine<'_> {
    /// Step 4: absolute positions and whole edges.
    pub(super) fn assemble(&mut self) -> Placed {
        let arch = self.arch;
        let n = arch.elements.len();
        let mut abs = vec![Point::default(); n];
        let title = if arch.title.is_some() {
            measure::DIAGRAM_TITLE_BAND
        } else {
            0.0
        };
        let canvas = Point::new(measure::MARGIN, measure::MARGIN + title);
        for id in arch.ids() {
            let base = match arch.element(id).parent {
                Some(p) => abs[p.0],
                None => canvas,
            };
            abs[id.0] = base.offset(self.rel[id.0].0, self.rel[id.0].1);
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
                let k = loop_index[e.from.0];
                loop_index[e.from.0] += 1;
                edges.push(self.loop_edge(e, abs[e.from.0], k, &mut caption_stack));
                continue;
            }
            let mut pieces = self.edge_pieces[i].clone();
            pieces.sort_by_key(|&(level, piece, rank)| (rank, level, piece));
            let mut pts: Vec<[f64; 2]> = Vec::new();
            let mut label = None;
            for (level, piece, _) in pieces {
                let o = level_origin(level);
                for p in &self.levels[level].routes[piece] {
                    let q = [p[0] + o.x, p[1] + o.y];
                    if pts
                        .last()
                        .is_none_or(|l| (l[0] - q[0]).abs() > 0.01 || (l[1] - q[1]).abs() > 0.01)
                    {
                        pts.push(q);
                    }
                }
                if let Some(b) = self.levels[level].labels[piece] {
                    label = Some([b[0] + o.x + b[2] / 2.0, b[1] + o.y + b[3] / 2.0]);
                }
            }
            edges.push((simplify(pts), label));
        }
        let content = self.size_of_root();
        Placed {
            abs,
            size: self.size.iter().map(|&(w, h)| Size::new(w, h)).collect(),
            edges,
            content,
        }
    }

    /// The `k`-th self-loop of a box at `at`, and its caption's centre:
    /// beyond every loop of the box, stacked outwards (`caption_stack`
    /// holds how far each box's captions reach).
    fn loop_edge(&self, e: &Edge, at: Point, k: usize, caption_stack: &mut [f64]) -> RoutedEdge {
        let (w, h) = self.size[e.from.0];
        let points = self_loop(self.dir, at, Size::new(w, h), k);
        let (lines, _) = measure::model_caption(e);
        let label = (!lines.is_empty()).then(|| {
            let (lw, lh) = measure::edge_label_box(&lines);
            let loops_out = 12.0 + LOOP_STEP * (self.loops_of[e.from.0] as f64 - 1.0).max(0.0);
            let before = caption_stack[e.from.0];
            let (_, ch) = size_to_canon(self.dir, (lw, lh));
            caption_stack[e.from.0] += ch + LOOP_LABEL_GAP;
            let off = loops_out + LOOP_LABEL_GAP + before + ch / 2.0;
            if horizontal(self.dir) {
                [at.x + w / 2.0, at.y - off]
            } else {
                [at.x - off, at.y + h / 2.0]
            }
        });
        (points, label)
    }

    /// The extent of the top-level content.
    fn size_of_root(&self) -> Size {
        let mut extent = Size::default();
        for &r in &self.arch.roots {
            extent.width = extent.width.max(self.rel[r.0].0 + self.size[r.0].0);
            extent.height = extent.height.max(self.rel[r.0].1 + self.size[r.0].1);
        }
        extent
    }
}

/// The `k`-th loop on the box at `at` of `size`: a handle on the side that faces the layer's
/// neighbour (top for right/left flows, left for down/up), where no port is,
/// in the room reserved there. Later loops nest outside earlier ones.
pub fn self_loop(dir: Direction, at: Point, size: Size, k: usize) -> Vec<[f64; 2]> {
    let k = k as f64;
    let out = 12.0 + LOOP_STEP * k;
    let spread = |len: f64| (10.0 + LOOP_STEP * k).min(len / 2.0 - 2.0).max(1.0);
    if horizontal(dir) {
        let (c, d, y) = (at.x + size.width / 2.0, spread(size.width), at.y);
        vec![[c + d, y], [c + d, y - out], [c - d, y - out], [c - d, y]]
    } else {
        let (c, d, x) = (at.y + size.height / 2.0, spread(size.height), at.x);
        vec![[x, c - d], [x - out, c - d], [x - out, c + d], [x, c + d]]
    }
}
