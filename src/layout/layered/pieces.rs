//! Step 1 and the hand-over of step 2: the pieces of every edge. An edge's
//! main piece lies in its lowest common container; each level then passes
//! an inner piece down into every child container the edge continues into.

use super::{End, Engine, Piece, Side};
use crate::layout::measure;
use crate::model::ElementId;

impl Engine<'_> {
    /// The child of `container` (None: top level) that holds `id`, or `id` itself.
    pub(super) fn child_toward(&self, container: Option<ElementId>, id: ElementId) -> ElementId {
        let mut cur = id;
        while self.arch.element(cur).parent != container {
            cur = self
                .arch
                .element(cur)
                .parent
                .expect("container encloses id");
        }
        cur
    }

    /// Step 1: the piece of each edge at its lowest common container.
    pub(super) fn main_pieces(&mut self) {
        for (i, e) in self.arch.edges.iter().enumerate() {
            if e.from == e.to {
                continue; // drawn as a loop
            }
            let label = !measure::model_caption(e).0.is_empty();
            let (owner, tail, head) = if self.arch.is_ancestor(e.from, e.to) {
                (
                    Some(e.from),
                    End::Port(Side::West),
                    End::Child(self.child_toward(Some(e.from), e.to)),
                )
            } else if self.arch.is_ancestor(e.to, e.from) {
                (
                    Some(e.to),
                    End::Child(self.child_toward(Some(e.to), e.from)),
                    End::Port(Side::East),
                )
            } else {
                let lca = self.lca(e.from, e.to);
                (
                    lca,
                    End::Child(self.child_toward(lca, e.from)),
                    End::Child(self.child_toward(lca, e.to)),
                )
            };
            let level = self.level_index(owner);
            self.levels[level].pieces.push(Piece {
                edge: i,
                tail,
                head,
                label,
                port_rank: (0, 0),
            });
            let piece = self.levels[level].pieces.len() - 1;
            self.edge_pieces[i].push((level, piece, 0));
        }
    }

    pub(super) fn lca(&self, a: ElementId, b: ElementId) -> Option<ElementId> {
        let ancestors: Vec<ElementId> = self.arch.ancestors(a).collect();
        self.arch.ancestors(b).find(|p| ancestors.contains(p))
    }

    /// For every piece that ends at a child container but continues inside
    /// it, the inner piece: from the side facing the partner to the next child.
    pub(super) fn pass_down(&mut self, li: usize) {
        let mut created: Vec<(usize, Piece, i64)> = Vec::new();
        {
            let level = &self.levels[li];
            let mut position = vec![0usize; level.nodes.len()];
            for layer in &level.layers {
                for (i, &v) in layer.iter().enumerate() {
                    position[v] = i;
                }
            }
            for (p, piece) in level.pieces.iter().enumerate() {
                let chain = &level.chains[p];
                let edge = &self.arch.edges[piece.edge];
                for (end, endpoint, toward_tail) in
                    [(piece.tail, edge.from, true), (piece.head, edge.to, false)]
                {
                    let End::Child(x) = end else { continue };
                    if x == endpoint || !self.arch.element(x).is_container() {
                        continue;
                    }
                    let x_node = level.child_index[&x];
                    // The neighbour of x along the chain, and so the side facing it.
                    let u_link =
                        level.nodes[chain[0]].layer == level.nodes[chain[chain.len() - 1]].layer;
                    let (side, neighbour) = if chain[0] == x_node {
                        (Side::East, chain[1])
                    } else if u_link {
                        (Side::East, chain[chain.len() - 2])
                    } else {
                        (Side::West, chain[chain.len() - 2])
                    };
                    let inner_child = self.child_toward(Some(x), endpoint);
                    let far = if chain[0] == x_node {
                        chain[chain.len() - 1]
                    } else {
                        chain[0]
                    };
                    let port_rank = (position[neighbour], position[far]);
                    let inner = if toward_tail {
                        Piece {
                            edge: piece.edge,
                            tail: End::Child(inner_child),
                            head: End::Port(side),
                            label: false,
                            port_rank,
                        }
                    } else {
                        Piece {
                            edge: piece.edge,
                            tail: End::Port(side),
                            head: End::Child(inner_child),
                            label: false,
                            port_rank,
                        }
                    };
                    let depth = self.arch.element(x).depth as i64 + 1;
                    created.push((
                        self.level_of[x.0].expect("container"),
                        inner,
                        if toward_tail { -depth } else { depth },
                    ));
                }
            }
        }
        for (level, piece, rank) in created {
            let edge = piece.edge;
            self.levels[level].pieces.push(piece);
            let p = self.levels[level].pieces.len() - 1;
            self.edge_pieces[edge].push((level, p, rank));
        }
    }
}
