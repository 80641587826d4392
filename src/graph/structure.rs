//! Structural analyses of the request graph: dominators from a virtual root
//! over every entry point (single points of failure), cut vertices and
//! bridges, and cycles of calls between components.

use super::ArchGraph;
use crate::model::{Architecture, ElementId};
use crate::syntax::EdgeOp;
use petgraph::algo::dominators::{self, Dominators};
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use std::collections::{BTreeMap, BTreeSet};

/// What a single point of failure cuts off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// A datastore, or a third party the design calls.
    Element(ElementId),
    /// The way out to the internet (NAT and internet gateways, called third parties).
    Internet,
}

/// The synchronous request graph with a virtual root (node `n`) over every
/// entry point that calls something. Arcs into or out of an administration
/// host are left out: it carries sessions, not requests.
fn request_graph(g: &ArchGraph, arch: &Architecture) -> (DiGraph<(), ()>, NodeIndex) {
    let n = g.calls.len();
    let mut out = DiGraph::<(), ()>::with_capacity(n + 1, n);
    for _ in 0..=n {
        out.add_node(());
    }
    let admin = |id: ElementId| arch.element(id).kind.traits.admin;
    for (from, calls) in g.calls.iter().enumerate() {
        for (to, _) in calls {
            if admin(ElementId(from)) || admin(*to) {
                continue;
            }
            out.add_edge(NodeIndex::new(from), NodeIndex::new(to.0), ());
        }
    }
    let root = NodeIndex::new(n);
    for e in &g.entries {
        if !g.calls[e.0].is_empty() {
            out.add_edge(root, NodeIndex::new(e.0), ());
        }
    }
    (out, root)
}

/// Dominator analysis: for every target on a request path, the
/// non-redundant elements that all its paths from the entry points pass.
///
/// The way out to the internet is a target too: a virtual node behind
/// every called outside party and every egress gateway (NAT, internet
/// gateway) that calls nothing further, so that one NAT gateway all zones
/// share is found even when nothing is drawn behind it.
pub(super) fn dominator_spofs(
    g: &ArchGraph,
    arch: &Architecture,
) -> BTreeMap<ElementId, Vec<Target>> {
    let (mut rg, root) = request_graph(g, arch);
    let egress = rg.add_node(());
    let called = |id: ElementId| !g.callers[id.0].is_empty();
    for id in arch.ids() {
        let t = arch.element(id).kind.traits;
        let calls_on = g.forward_calls(arch, id).next().is_some();
        if (t.outside && called(id)) || (t.egress && !calls_on) {
            rg.add_edge(NodeIndex::new(id.0), egress, ());
        }
    }
    let doms: Dominators<NodeIndex> = dominators::simple_fast(&rg, root);
    let mut out: BTreeMap<ElementId, Vec<Target>> = BTreeMap::new();
    let targets = arch
        .ids()
        .filter(|id| {
            let t = arch.element(*id).kind.traits;
            (t.datastore || (t.outside && called(*id))) && g.on_path.contains(id)
        })
        .map(|id| (NodeIndex::new(id.0), Target::Element(id)))
        .chain([(egress, Target::Internet)]);
    for (node, target) in targets {
        let Some(chain) = doms.strict_dominators(node) else {
            continue;
        };
        for d in chain {
            if d == root {
                continue;
            }
            let did = ElementId(d.index());
            let de = arch.element(did);
            let tier_replicas: i64 = g
                .tier(did)
                .iter()
                .map(|m| arch.element(*m).replicas().0)
                .sum();
            if de.kind.traits.entry || de.is_container() || de.is_redundant() || tier_replicas >= 2
            {
                continue;
            }
            out.entry(did).or_default().push(target);
        }
    }
    out
}

/// Cycles of calls between components: strongly connected components, with
/// two or more elements, of a graph in which a call is what an element
/// *starts*:
///
/// - an entry point starts requests but never relays one, and a datastore
///   answers but never calls back (its side of `<->` is the reply);
/// - a balancer, gateway or other pass-through sends on what it receives in
///   the direction it was going: a request from its callers goes to its
///   targets, a reply or push from its targets goes back to its callers, so
///   two tiers behind one load balancer are not a cycle;
/// - network plumbing (VPN, Direct Connect, transit and internet gateways,
///   NAT, DNS, CDN) and administration hosts are left out, so
///   `a <-> vpn <-> b` is not a cycle.
pub(super) fn cycles(arch: &Architecture) -> Vec<Vec<ElementId>> {
    let n = arch.elements.len();
    let traits = |id: ElementId| arch.element(id).kind.traits;
    let left_out = |id: ElementId| {
        let k = arch.element(id).kind;
        k.traits.admin
            || k.traits.container
            || (k.category == crate::model::Category::Network && !k.traits.balancer)
    };
    // Node `i` is element `i` (a pass-through's way in from its callers);
    // node `n + i` is a pass-through's way back to its callers.
    let back = |id: ElementId| {
        if traits(id).passthrough {
            NodeIndex::new(n + id.0)
        } else {
            NodeIndex::new(id.0)
        }
    };
    let mut cg = DiGraph::<(), ()>::with_capacity(2 * n, arch.edges.len());
    for _ in 0..2 * n {
        cg.add_node(());
    }
    for e in &arch.edges {
        if !e.op.calls() || left_out(e.from) || left_out(e.to) {
            continue;
        }
        if !traits(e.from).entry {
            cg.add_edge(NodeIndex::new(e.from.0), NodeIndex::new(e.to.0), ());
        }
        let to = traits(e.to);
        if e.op == EdgeOp::Both && !to.entry && !to.datastore {
            cg.add_edge(back(e.to), back(e.from), ());
        }
    }
    let mut out: Vec<Vec<ElementId>> = petgraph::algo::tarjan_scc(&cg)
        .into_iter()
        .map(|c| {
            c.into_iter()
                .map(|v| ElementId(v.index() % n.max(1)))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        })
        .filter(|c| c.len() >= 2)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Articulation points and bridges of the undirected projection of every
/// edge between two distinct non-container elements.
pub(super) fn cuts(arch: &Architecture) -> (BTreeSet<ElementId>, BTreeSet<usize>) {
    let mut g = UnGraph::<ElementId, usize>::with_capacity(arch.elements.len(), arch.edges.len());
    for id in arch.ids() {
        g.add_node(id);
    }
    let mut seen = BTreeSet::new();
    for (i, e) in arch.edges.iter().enumerate() {
        let pair = (e.from.min(e.to), e.from.max(e.to));
        if e.from == e.to
            || arch.element(e.from).is_container()
            || arch.element(e.to).is_container()
            || !seen.insert(pair)
        {
            continue;
        }
        g.add_edge(NodeIndex::new(e.from.0), NodeIndex::new(e.to.0), i);
    }
    let points = petgraph::algo::articulation_points::articulation_points(&g)
        .into_iter()
        .map(|n| g[n])
        .collect();
    let bridges = petgraph::algo::bridges::bridges(&g)
        .map(|e| *petgraph::visit::EdgeRef::weight(&e))
        .collect();
    (points, bridges)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{arch, ids};
    use super::*;

    #[test]
    fn dominators_find_a_cache_everyone_passes_but_not_parallel_paths() {
        let a = arch(
            "client u\nalb lb\nec2 w1\nec2 w2\ncache c\nrds db [multi_az]\n\
             u -> lb -> w1, w2\nw1, w2 -> c -> db",
        );
        let g = ArchGraph::new(&a);
        assert_eq!(ids(&a, g.spofs.keys().copied()), ["c"]);
        let a = arch(
            "client u\nalb lb\nec2 w1\nec2 w2\ncache c1\ncache c2\nrds db [multi_az]\n\
             u -> lb -> w1, w2\nw1 -> c1 -> db\nw2 -> c2 -> db",
        );
        assert!(ArchGraph::new(&a).spofs.is_empty());
    }

    #[test]
    fn sync_cycles_articulation_points_and_bridges() {
        let a = arch("service a\nservice b\nservice c\na -> b -> a\nb ~> c\nc -- c");
        let g = ArchGraph::new(&a);
        assert_eq!(g.sync_cycles.len(), 1);
        assert_eq!(ids(&a, g.sync_cycles[0].clone()), ["a", "b"]);
        assert_eq!(ids(&a, g.articulation.iter().copied()), ["b"]);
        assert_eq!(g.bridges.len(), 2, "a-b and b-c are bridges");
    }

    #[test]
    fn a_shared_datastore_and_a_shared_balancer_are_no_cycle() {
        let a = arch("service a\nservice b\nredis r\na <-> r\nb <-> r");
        assert!(ArchGraph::new(&a).sync_cycles.is_empty());
        let a =
            arch("client u\nnlb lb\nservice ws1\nservice ws2\nu <-> lb\nlb <-> ws1\nlb <-> ws2");
        assert!(ArchGraph::new(&a).sync_cycles.is_empty());
        // A real cycle through a balancer is still one.
        let a = arch("alb lb\nservice a\nservice b\na -> lb -> b\nb -> a");
        assert_eq!(ArchGraph::new(&a).sync_cycles.len(), 1);
        // `<->` between two services is a call each way.
        let a = arch("service a\nservice b\na <-> b");
        assert_eq!(ArchGraph::new(&a).sync_cycles.len(), 1);
    }
}
