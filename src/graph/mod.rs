//! The graph of an architecture and every analysis the lint rules share.
//! In: [`Architecture`]. Out: [`ArchGraph`]: one petgraph graph (one node per
//! element, one arc per edge, `<->` as one arc), the adjacency the rules read
//! (synchronous calls, entry points, request paths, tiers) and the analyses
//! computed once per design (dominators, cut vertices, cycles, [`load`]).

pub mod fail;
pub mod load;
pub mod simulate;
mod structure;
pub mod zones;

pub use load::Load;
pub use structure::Target;

use crate::model::{Architecture, ElementId};
use crate::syntax::EdgeOp;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// An architecture's graph, its shared adjacency and its analyses. Rules ask
/// it; none rebuilds any of it.
#[derive(Debug, Clone)]
pub struct ArchGraph {
    /// Node weights are element ids; edge weights index [`Architecture::edges`].
    pub graph: DiGraph<ElementId, usize>,
    nodes: Vec<NodeIndex>,
    /// Synchronous calls out of each element: `(callee, edge index)`, in source
    /// order (`->` forwards, `<->` both ways, except out of a datastore:
    /// its side of `<->` is the reply).
    pub calls: Vec<Vec<(ElementId, usize)>>,
    /// Synchronous calls into each element: `(caller, edge index)`.
    pub callers: Vec<Vec<(ElementId, usize)>>,
    /// Asynchronous messages out of each element (`~>`): `(consumer, edge index)`.
    pub messages: Vec<Vec<(ElementId, usize)>>,
    /// The forward calls as a graph: node `i` is element `i`, one arc per
    /// distinct forward call (`->`, and `<->` from the side it is written on).
    pub call_graph: DiGraph<(), ()>,
    /// Entry points (catalog role *entry*: clients, the internet, third
    /// parties, devices), in declaration order.
    pub entries: Vec<ElementId>,
    /// Elements on a request path: synchronously reachable from an entry
    /// point, never through an administration host.
    pub on_path: BTreeSet<ElementId>,
    /// The tier of each element (an index into [`ArchGraph::tiers`]).
    pub tier_of: Vec<usize>,
    /// Tiers: same-kind components with the same set of sources (the
    /// targets of one balancer), plus same-kind datastores joined by a `--`
    /// replication link.
    pub tiers: Vec<Vec<ElementId>>,
    /// The replica group of each element: the members of its tier that do
    /// the same work, so that a caller's load is split among them: the
    /// targets of a load balancer, or IDs that differ only in a replica
    /// suffix (`web_a`, `web_b`). Routes of an API gateway or ingress to
    /// differently named services are different groups of one tier.
    pub group_of: Vec<usize>,
    /// Structural single points of failure: a non-redundant element (nor
    /// part of a redundant tier) and the request-path targets (datastores,
    /// called third parties, the way out) that every path from the entry
    /// points reaches only through it.
    pub spofs: BTreeMap<ElementId, Vec<Target>>,
    /// Cut vertices of the undirected element graph (containers left out).
    pub articulation: BTreeSet<ElementId>,
    /// Edges whose removal disconnects the undirected element graph.
    pub bridges: BTreeSet<usize>,
    /// Cycles of calls between components (see [`ArchGraph::sync_cycles`]'s
    /// builder): each a sorted list of two or more elements.
    pub sync_cycles: Vec<Vec<ElementId>>,
    /// The load model's estimate at the design's own figures (scale 1).
    pub load: Load,
}

impl ArchGraph {
    /// Builds the graph and runs every analysis.
    pub fn new(arch: &Architecture) -> Self {
        let n = arch.elements.len();
        let mut graph = DiGraph::with_capacity(n, arch.edges.len());
        let nodes: Vec<NodeIndex> = arch.ids().map(|id| graph.add_node(id)).collect();
        let mut calls = vec![Vec::new(); n];
        let mut callers = vec![Vec::new(); n];
        let mut messages = vec![Vec::new(); n];
        for (i, e) in arch.edges.iter().enumerate() {
            graph.add_edge(nodes[e.from.0], nodes[e.to.0], i);
            if e.op == EdgeOp::Async {
                messages[e.from.0].push((e.to, i));
            }
            // A datastore answers calls and never makes one: its side of a
            // `<->` is the reply, so two services talking `<->` to one
            // Redis do not call each other through it.
            let answers = |id: ElementId| arch.element(id).kind.traits.datastore;
            let both = e.op == EdgeOp::Both;
            // (Between two datastores the written direction is kept.)
            let from_calls = !answers(e.from) || answers(e.to);
            if e.op == EdgeOp::Sync || (both && from_calls) {
                calls[e.from.0].push((e.to, i));
                callers[e.to.0].push((e.from, i));
            }
            if both && !answers(e.to) {
                calls[e.to.0].push((e.from, i));
                callers[e.from.0].push((e.to, i));
            }
        }
        let entries: Vec<ElementId> = arch
            .ids()
            .filter(|id| arch.element(*id).kind.traits.entry)
            .collect();
        let mut call_graph = DiGraph::with_capacity(n, arch.edges.len());
        for _ in 0..n {
            call_graph.add_node(());
        }
        // One edge per caller and callee. `update_edge` would find a repeat
        // by walking the caller's edges: quadratic for a load balancer
        // calling thousands of services. `added[to] == from` marks the
        // callees of the caller at hand.
        let mut added = vec![usize::MAX; n];
        for (from, out) in calls.iter().enumerate() {
            for (to, edge) in out {
                if arch.edges[*edge].from.0 == from && added[to.0] != from {
                    added[to.0] = from;
                    call_graph.add_edge(NodeIndex::new(from), NodeIndex::new(to.0), ());
                }
            }
        }
        let (tier_of, tiers) = tiers(arch);
        let group_of = replica_groups(arch, &tiers);
        let mut g = ArchGraph {
            graph,
            nodes,
            calls,
            callers,
            messages,
            call_graph,
            entries,
            on_path: BTreeSet::new(),
            tier_of,
            tiers,
            group_of,
            spofs: BTreeMap::new(),
            articulation: BTreeSet::new(),
            bridges: BTreeSet::new(),
            sync_cycles: Vec::new(),
            load: Load::default(),
        };
        g.on_path = g
            .entries
            .iter()
            .flat_map(|e| g.sync_reachable(arch, *e))
            .collect();
        g.spofs = structure::dominator_spofs(&g, arch);
        (g.articulation, g.bridges) = structure::cuts(arch);
        g.sync_cycles = structure::cycles(arch);
        g.load = load::estimate(arch, &g, 1.0);
        g
    }

    /// The graph node of an element.
    pub fn node(&self, id: ElementId) -> NodeIndex {
        self.nodes[id.0]
    }

    /// Entry points: elements whose kind has the *entry* role.
    pub fn entry_points(&self) -> &[ElementId] {
        &self.entries
    }

    /// The other members of an element's tier, itself included.
    pub fn tier(&self, id: ElementId) -> &[ElementId] {
        &self.tiers[self.tier_of[id.0]]
    }

    /// Whether an edge carries a request forwards (`->`, `<->`).
    pub fn is_forward_call(arch: &Architecture, edge: usize) -> bool {
        arch.edges[edge].op.calls()
    }

    /// Forward synchronous calls out of `id` (`->`, and `<->` from the side
    /// it was written on): `(callee, edge index)`.
    pub fn forward_calls<'a>(
        &'a self,
        arch: &'a Architecture,
        id: ElementId,
    ) -> impl Iterator<Item = (ElementId, usize)> + 'a {
        self.calls[id.0]
            .iter()
            .copied()
            .filter(move |(_, e)| arch.edges[*e].from == id)
    }

    /// Elements a synchronous request can reach from `from` (`->` forwards,
    /// `<->` both ways), `from` included. `~>` and `--` do not carry
    /// requests, and a request never passes an administration host.
    pub fn sync_reachable(&self, arch: &Architecture, from: ElementId) -> BTreeSet<ElementId> {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            for &(m, _) in &self.calls[id.0] {
                if !arch.element(m).kind.traits.admin && seen.insert(m) {
                    stack.push(m);
                }
            }
        }
        seen
    }

    /// The request paths' elements: everything synchronously reachable from an entry point.
    pub fn on_request_path(&self) -> &BTreeSet<ElementId> {
        &self.on_path
    }
}

/// Groups same-kind components that receive edges from the same set of
/// sources; elements without sources form tiers of their own; same-kind
/// datastores joined by `--` are one tier.
fn tiers(arch: &Architecture) -> (Vec<usize>, Vec<Vec<ElementId>>) {
    let n = arch.elements.len();
    let mut sources: Vec<BTreeSet<ElementId>> = vec![BTreeSet::new(); n];
    for e in &arch.edges {
        match e.op {
            EdgeOp::Sync | EdgeOp::Async => {
                sources[e.to.0].insert(e.from);
            }
            EdgeOp::Both => {
                sources[e.to.0].insert(e.from);
                sources[e.from.0].insert(e.to);
            }
            EdgeOp::Assoc => {}
        }
    }
    // Union-find over element indices.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut by_key: BTreeMap<(&str, Vec<ElementId>), usize> = BTreeMap::new();
    for id in arch.ids() {
        let e = arch.element(id);
        if e.is_container() || sources[id.0].is_empty() {
            continue;
        }
        let key = (e.kind.name, sources[id.0].iter().copied().collect());
        let first = *by_key.entry(key).or_insert(id.0);
        let (a, b) = (root(&mut parent, first), root(&mut parent, id.0));
        parent[b] = a;
    }
    for e in &arch.edges {
        let (a, b) = (arch.element(e.from), arch.element(e.to));
        if e.op == EdgeOp::Assoc
            && e.from != e.to
            && std::ptr::eq(a.kind, b.kind)
            && a.kind.traits.datastore
        {
            let (x, y) = (root(&mut parent, e.from.0), root(&mut parent, e.to.0));
            parent[y] = x;
        }
    }
    let mut index: BTreeMap<usize, usize> = BTreeMap::new();
    let mut tiers: Vec<Vec<ElementId>> = Vec::new();
    let mut tier_of = vec![0; n];
    for (i, slot) in tier_of.iter_mut().enumerate() {
        let r = root(&mut parent, i);
        let t = *index.entry(r).or_insert_with(|| {
            tiers.push(Vec::new());
            tiers.len() - 1
        });
        tiers[t].push(ElementId(i));
        *slot = t;
    }
    (tier_of, tiers)
}

/// Splits each tier into replica groups. The targets of a load balancer
/// (a balancer that does not route by path: `alb`, `nlb`, a Kubernetes
/// Service) are replicas of one another; otherwise members whose IDs differ
/// only in a trailing number or letter (`web_a`, `web_b`; `w1`, `w2`) are.
/// A gateway's differently named targets are different routes
/// (`gw -> orders, users`). Returns each element's group.
fn replica_groups(arch: &Architecture, tiers: &[Vec<ElementId>]) -> Vec<usize> {
    let n = arch.elements.len();
    let mut sources: Vec<BTreeSet<ElementId>> = vec![BTreeSet::new(); n];
    for e in &arch.edges {
        if e.op != EdgeOp::Assoc {
            sources[e.to.0].insert(e.from);
        }
        if e.op == EdgeOp::Both {
            sources[e.from.0].insert(e.to);
        }
    }
    let balances = |id: &ElementId| {
        let k = arch.element(*id).kind;
        k.traits.balancer && !k.is(crate::model::catalog::Tag::Router)
    };
    let mut group_of = vec![0; n];
    let mut next = 0;
    for tier in tiers {
        // Members of one tier share their sources.
        let behind_balancers =
            sources[tier[0].0].iter().all(balances) && !sources[tier[0].0].is_empty();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for m in tier {
            let key = if behind_balancers {
                ""
            } else {
                stem(&arch.element(*m).id)
            };
            group_of[m.0] = *index.entry(key).or_insert_with(|| {
                next += 1;
                next - 1
            });
        }
    }
    group_of
}

/// An ID without its replica suffix: trailing digits, or one trailing
/// letter or digits after `_` or `-` (`web_a` → `web`, `w12` → `w`).
fn stem(id: &str) -> &str {
    let digits = id.trim_end_matches(|c: char| c.is_ascii_digit());
    let base = if digits.len() < id.len() && !digits.is_empty() {
        digits
    } else {
        match id.rsplit_once(['_', '-']) {
            Some((head, tail)) if !head.is_empty() && tail.len() == 1 => head,
            _ => id,
        }
    };
    base.trim_end_matches(['_', '-'])
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn arch(src: &str) -> Architecture {
        crate::compile::compile_str("t.cgr", src)
            .arch
            .expect("compiles")
    }

    pub(crate) fn ids(
        arch: &Architecture,
        ids: impl IntoIterator<Item = ElementId>,
    ) -> Vec<String> {
        ids.into_iter()
            .map(|i| arch.element(i).id.clone())
            .collect()
    }

    #[test]
    fn request_paths_follow_sync_edges_only() {
        let a = arch(
            "client u\nalb lb\nec2 web\nsqs q\nlambda worker\nrds db\nservice peer\n\
             u -> lb -> web -> db\nweb ~> q ~> worker\npeer <-> web",
        );
        let g = ArchGraph::new(&a);
        assert_eq!(
            ids(&a, g.on_request_path().iter().copied()),
            ["u", "lb", "web", "db", "peer"]
        );
        assert_eq!(g.entry_points(), [a.find("u").unwrap()]);
    }

    #[test]
    fn a_shared_datastore_talked_to_both_ways_relays_no_request() {
        let a = arch("client u\nservice a\nservice b\nredis r\nu -> a\na <-> r\nb <-> r\nr <-> a");
        let g = ArchGraph::new(&a);
        assert_eq!(
            ids(&a, g.on_request_path().iter().copied()),
            ["u", "a", "r"]
        );
        let r = a.find("r").unwrap();
        assert!(g.calls[r.0].is_empty(), "a datastore calls nothing");
        assert_eq!(g.callers[r.0].len(), 3);
    }

    #[test]
    fn request_paths_never_pass_an_admin_host_and_devices_start_them() {
        let a = arch(
            "internet net\nbastion jump\nec2 web\ndevice iot\nupf u\nec2 mes\n\
             net -> jump -> web\niot -> u -> mes",
        );
        let g = ArchGraph::new(&a);
        assert_eq!(
            ids(&a, g.on_request_path().iter().copied()),
            ["net", "iot", "u", "mes"]
        );
    }

    #[test]
    fn tiers_group_targets_of_one_balancer_and_replication_links() {
        let a = arch("alb lb\nec2 a\nec2 b\nec2 c\nrds p\nrds s\nlb -> a, b\nc -> p\np -- s");
        let g = ArchGraph::new(&a);
        let t = |id: &str| ids(&a, g.tier(a.find(id).unwrap()).iter().copied());
        assert_eq!(t("a"), ["a", "b"]);
        assert_eq!(t("c"), ["c"]);
        assert_eq!(t("s"), ["p", "s"]);
    }

    #[test]
    fn routes_of_a_gateway_are_different_replica_groups_of_one_tier() {
        let a = arch(
            "api_gateway gw\nservice orders\nservice users\nservice web_a\nservice web_b\n\
             alb lb\nec2 alpha\nec2 beta\nrds db\n\
             gw -> orders, users, web_a, web_b\nlb -> alpha, beta\norders, users -> db",
        );
        let g = ArchGraph::new(&a);
        let group = |id: &str| g.group_of[a.find(id).unwrap().0];
        assert_eq!(
            g.tier_of[a.find("orders").unwrap().0],
            g.tier_of[a.find("users").unwrap().0]
        );
        assert_ne!(group("orders"), group("users"));
        assert_ne!(group("orders"), group("web_a"));
        assert_eq!(group("web_a"), group("web_b"));
        assert_eq!(group("alpha"), group("beta"), "behind a load balancer");
    }

    #[test]
    fn stems_drop_a_replica_suffix_only() {
        for (id, s) in [
            ("web_a", "web"),
            ("w1", "w"),
            ("back-2", "back"),
            ("ws12", "ws"),
            ("orders", "orders"),
            ("users", "users"),
            ("s3", "s"),
            ("a", "a"),
            ("7", "7"),
            ("api_v2", "api_v"),
        ] {
            assert_eq!(stem(id), s, "{id}");
        }
    }
}
