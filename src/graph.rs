//! The petgraph view of an architecture, with the queries lint rules share.
//! In: [`Architecture`]. Out: [`ArchGraph`], a directed graph with one node
//! per element and one arc per edge (`<->` as one arc, marked both-ways).

use crate::model::{Architecture, ElementId};
use crate::syntax::EdgeOp;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

/// The edges of an architecture as a petgraph graph.
#[derive(Debug, Clone)]
pub struct ArchGraph {
    /// Node weights are element ids; edge weights index [`Architecture::edges`].
    pub graph: DiGraph<ElementId, usize>,
    nodes: Vec<NodeIndex>,
}

impl ArchGraph {
    /// Builds the graph: every element is a node, every edge an arc.
    pub fn new(arch: &Architecture) -> Self {
        let mut graph = DiGraph::with_capacity(arch.elements.len(), arch.edges.len());
        let nodes: Vec<NodeIndex> = arch.ids().map(|id| graph.add_node(id)).collect();
        for (i, e) in arch.edges.iter().enumerate() {
            graph.add_edge(nodes[e.from.0], nodes[e.to.0], i);
        }
        ArchGraph { graph, nodes }
    }

    /// The graph node of an element.
    pub fn node(&self, id: ElementId) -> NodeIndex {
        self.nodes[id.0]
    }

    /// Entry points: `client`, `internet` and `external` elements.
    pub fn entry_points(&self, arch: &Architecture) -> Vec<ElementId> {
        arch.ids()
            .filter(|id| arch.element(*id).kind.traits.entry)
            .collect()
    }

    /// Elements a synchronous request can reach from `from` (`->` forwards,
    /// `<->` both ways), `from` included. `~>` and `--` do not carry requests.
    pub fn sync_reachable(&self, arch: &Architecture, from: ElementId) -> BTreeSet<ElementId> {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            let n = self.node(id);
            let forward = self
                .graph
                .edges(n)
                .filter(|e| matches!(arch.edges[*e.weight()].op, EdgeOp::Sync | EdgeOp::Both))
                .map(|e| self.graph[e.target()]);
            let backward = self
                .graph
                .edges_directed(n, petgraph::Direction::Incoming)
                .filter(|e| arch.edges[*e.weight()].op == EdgeOp::Both)
                .map(|e| self.graph[e.source()]);
            let next: Vec<ElementId> = forward.chain(backward).collect();
            for m in next {
                if seen.insert(m) {
                    stack.push(m);
                }
            }
        }
        seen
    }

    /// The request paths' elements: everything synchronously reachable from an entry point.
    pub fn on_request_path(&self, arch: &Architecture) -> BTreeSet<ElementId> {
        self.entry_points(arch)
            .into_iter()
            .flat_map(|e| self.sync_reachable(arch, e))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arch(src: &str) -> Architecture {
        let file = crate::source::SourceFile::new("t.cgr", src);
        let ast = crate::syntax::parse(&file).expect("parses");
        let (arch, diags) = crate::model::lower(&ast);
        assert!(diags.is_empty(), "{diags:?}");
        arch
    }

    #[test]
    fn request_paths_follow_sync_edges_only() {
        let a = arch(
            "client u\nalb lb\nec2 web\nsqs q\nlambda worker\nrds db\nservice peer\n\
             u -> lb -> web -> db\nweb ~> q ~> worker\npeer <-> web",
        );
        let g = ArchGraph::new(&a);
        let on: Vec<&str> = g
            .on_request_path(&a)
            .into_iter()
            .map(|id| a.element(id).id.as_str())
            .collect();
        assert_eq!(on, ["u", "lb", "web", "db", "peer"]);
        assert_eq!(g.entry_points(&a), [a.find("u").unwrap()]);
    }
}
