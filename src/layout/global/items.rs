//! Phase 1: components become items of the layer grid, edges become links.
//! An edge that ends on a container ends at an anchor inside it; a
//! container that holds nothing gets a placeholder so it has an area.

use super::{AnchorRole, Engine, Item, ItemKind, Link};
use crate::geometry::Size;
use crate::layout::measure;
use crate::model::ElementId;

/// Extra room beside a box for each of its self-loops.
pub const LOOP_STEP: f64 = 6.0;
/// Space between a self-loop (or the caption before it) and a loop's caption.
pub const LOOP_LABEL_GAP: f64 = 4.0;
/// Size of the stand-in for an empty container.
const PLACEHOLDER: Size = Size::new(40.0, 16.0);

impl Engine<'_> {
    /// A canonical size (across, along) from a real one.
    pub fn canon(&self, (w, h): (f64, f64)) -> (f64, f64) {
        if self.horizontal() { (h, w) } else { (w, h) }
    }

    pub fn build_items(&mut self) {
        let arch = self.arch;
        // Room for self-loops and their captions, across the flow.
        let mut loop_room = vec![0.0; arch.elements.len()];
        for e in arch.edges.iter().filter(|e| e.from == e.to) {
            let (lines, _) = measure::model_caption(e);
            let label = if lines.is_empty() {
                0.0
            } else {
                self.canon(measure::edge_label_box(&lines)).0 + LOOP_LABEL_GAP
            };
            loop_room[e.from.0] += LOOP_STEP + label;
            self.loops_of[e.from.0] += 1;
        }
        self.loop_room = loop_room
            .iter()
            .map(|&r| if r > 0.0 { 12.0 + r } else { 0.0 })
            .collect();
        for id in arch.ids() {
            let e = arch.element(id);
            if e.is_container() {
                self.containers.push(id);
                let kids: Vec<ElementId> = e
                    .children
                    .iter()
                    .copied()
                    .filter(|c| arch.element(*c).is_container())
                    .collect();
                self.child_order[id.0] = kids;
                continue;
            }
            let (w, h) = self.canon(measure::node_size(e.display_label(), e.kind.name));
            let inset = if loop_room[id.0] > 0.0 {
                12.0 + loop_room[id.0]
            } else {
                0.0
            };
            self.item_of[id.0] = Some(self.items.len());
            self.items.push(Item {
                kind: ItemKind::Leaf(id),
                parent: e.parent,
                layer: 0,
                w: w + inset,
                h,
                inset,
                x: 0.0,
            });
        }
        self.root_order = arch
            .roots
            .iter()
            .copied()
            .filter(|r| arch.element(*r).is_container())
            .collect();
        for (i, e) in arch.edges.iter().enumerate() {
            if e.from == e.to {
                continue;
            }
            let tail = self.end_item(e.from, e.to, true);
            let head = self.end_item(e.to, e.from, false);
            let len = if measure::model_caption(e).0.is_empty() {
                1
            } else {
                2
            };
            let flat = e.op == crate::syntax::EdgeOp::Assoc
                && self.item_of[e.from.0].is_some()
                && self.item_of[e.to.0].is_some()
                && self.sibling_sites(e.from, e.to);
            self.links.push(Link {
                edge: i,
                tail,
                head,
                len,
                reversed: false,
                chain: Vec::new(),
                flat,
            });
        }
        // Containers holding nothing still need an area.
        let mut holds = vec![false; arch.elements.len()];
        for it in &self.items {
            let mut cur = it.parent;
            while let Some(c) = cur {
                if holds[c.0] {
                    break;
                }
                holds[c.0] = true;
                cur = arch.element(c).parent;
            }
        }
        for &c in &self.containers.clone() {
            if !holds[c.0] {
                self.items.push(Item {
                    kind: ItemKind::Placeholder,
                    parent: Some(c),
                    layer: 0,
                    w: PLACEHOLDER.width,
                    h: PLACEHOLDER.height,
                    inset: 0.0,
                    x: 0.0,
                });
            }
        }
        self.base = self.items.len();
        self.min_layer = vec![0; self.base];
        self.spans = (0..self.base)
            .map(|v| (v, self.zones_spanned(v)))
            .filter(|(_, zones)| zones.len() >= 2)
            .collect();
    }

    /// Whether `a` and `b` lie in two different sibling sites (zones,
    /// regions, data centres).
    fn sibling_sites(&self, a: ElementId, b: ElementId) -> bool {
        let arch = self.arch;
        let up = |x: ElementId| {
            let mut p: Vec<ElementId> = arch.ancestors(x).collect();
            p.reverse();
            p
        };
        let (pa, pb) = (up(a), up(b));
        let common = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count();
        match (pa.get(common), pb.get(common)) {
            (Some(&x), Some(&y)) => {
                arch.element(x).kind.traits.parallel && arch.element(y).kind.traits.parallel
            }
            _ => false,
        }
    }

    /// The item an edge end attaches to: the component's own, or a new
    /// anchor inside the container. `tail`: the end the edge leaves.
    fn end_item(&mut self, end: ElementId, other: ElementId, tail: bool) -> usize {
        if let Some(i) = self.item_of[end.0] {
            return i;
        }
        let role = if self.arch.is_ancestor(end, other) {
            AnchorRole::Inside
        } else {
            AnchorRole::Outside
        };
        let i = self.items.len();
        self.items.push(Item {
            kind: ItemKind::Anchor,
            parent: Some(end),
            layer: 0,
            w: 0.0,
            h: 0.0,
            inset: 0.0,
            x: 0.0,
        });
        self.anchors.push((i, end, role));
        if role == AnchorRole::Inside {
            // The anchor comes before (after) everything else inside.
            self.pending_inside.push((i, end, tail));
        }
        i
    }
}
