//! The first part of step 3 for one level: the canonical size of every
//! node, and the layer widths that sibling containers of one kind share.

use super::{Engine, Kind, LABEL_GAP, LABEL_LINE, PORT_SEP};
use crate::layout::measure;
use crate::layout::transform::{size_from_canon, size_to_canon};
use crate::model::ElementId;
use rustc_hash::FxHashMap;

impl Engine<'_> {
    /// Gives sibling containers of one kind the widest of their layer widths.
    pub(super) fn share_layer_widths(&mut self, levels: &[usize]) {
        let mut peers: std::collections::BTreeMap<(Option<ElementId>, &str), Vec<usize>> =
            Default::default();
        for &li in levels {
            if let Some(o) = self.levels[li].owner {
                let e = self.arch.element(o);
                peers.entry((e.parent, e.kind.name)).or_default().push(li);
            }
        }
        for group in peers.values().filter(|g| g.len() > 1) {
            let mut widths: Vec<f64> = Vec::new();
            for &li in group {
                for (l, w) in self.levels[li].layer_widths().into_iter().enumerate() {
                    if l >= widths.len() {
                        widths.push(w);
                    } else {
                        widths[l] = widths[l].max(w);
                    }
                }
            }
            for &li in group {
                self.levels[li].min_widths = widths.clone();
            }
        }
    }

    /// Canonical sizes of a level's nodes. A leaf with many edges on one
    /// side grows along that side, so its ports stay PORT_SEP apart.
    pub(super) fn size_nodes(&mut self, li: usize) {
        let dir = self.dir;
        let arch = self.arch;
        {
            let level = &mut self.levels[li];
            let mut per_side: FxHashMap<(usize, bool), usize> = FxHashMap::default();
            for chain in &level.chains {
                let last = chain[chain.len() - 1];
                let u = level.nodes[chain[0]].layer == level.nodes[last].layer;
                *per_side.entry((chain[0], true)).or_default() += 1;
                *per_side.entry((last, u)).or_default() += 1;
            }
            for n in 0..level.nodes.len() {
                let size = match level.nodes[n].kind {
                    Kind::Child(c) => {
                        let id = level.children[c];
                        let e = arch.element(id);
                        if !e.is_container() {
                            let ports = [true, false]
                                .iter()
                                .map(|&east| per_side.get(&(n, east)).copied().unwrap_or(0))
                                .max()
                                .unwrap_or(0);
                            let (cw, ch) = size_to_canon(
                                dir,
                                measure::node_size(e.display_label(), e.kind.name),
                            );
                            let ch = ch.max((ports + 1) as f64 * PORT_SEP);
                            self.size[id.0] = size_from_canon(dir, (cw, ch));
                        }
                        size_to_canon(dir, self.size[id.0])
                    }
                    Kind::Port(_) | Kind::Dummy(_) => (0.0, 0.0),
                    Kind::Label(p) => {
                        let lines = measure::model_caption(&arch.edges[level.pieces[p].edge]).0;
                        let (w, h) = size_to_canon(dir, measure::edge_label_box(&lines));
                        (w, h + LABEL_LINE + LABEL_GAP)
                    }
                };
                level.nodes[n].size = size;
            }
        }
    }
}
