//! The graph analyses that several rules share, computed once per design:
//! entry points and request paths, tiers, dominators from a virtual root over
//! all entry points, articulation points and bridges, strongly connected
//! components of the synchronous graph, and load propagation.

use crate::graph::ArchGraph;
use crate::model::{Architecture, Element, ElementId, Traits};
use crate::syntax::{EdgeOp, Unit, ValueKind};
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

/// Everything the rules share about one design.
#[derive(Debug)]
pub struct Analysis {
    /// Entry points (`client`, `internet`, `external`), in declaration order.
    pub entries: Vec<ElementId>,
    /// Elements on a request path (synchronously reachable from an entry point).
    pub on_path: BTreeSet<ElementId>,
    /// Synchronous calls out of each element: `(callee, edge index)`, in source
    /// order (`->` forwards, `<->` both ways).
    pub calls: Vec<Vec<(ElementId, usize)>>,
    /// Synchronous calls into each element: `(caller, edge index)`.
    pub callers: Vec<Vec<(ElementId, usize)>>,
    /// The tier of each element (an index into [`Analysis::tiers`]).
    pub tier_of: Vec<usize>,
    /// Tiers: same-kind components with the same set of sources, plus
    /// same-kind datastores joined by a `--` replication link.
    pub tiers: Vec<Vec<ElementId>>,
    /// Structural single points of failure: a non-redundant element (nor
    /// part of a redundant tier) and the request-path targets (datastores, called third parties) that every
    /// path from the entry points reaches only through it.
    pub spofs: BTreeMap<ElementId, Vec<Target>>,
    /// Cut vertices of the undirected element graph (containers left out).
    pub articulation: BTreeSet<ElementId>,
    /// Edges whose removal disconnects the undirected element graph.
    pub bridges: BTreeSet<usize>,
    /// Cycles of synchronous calls: strongly connected components with two or more elements.
    pub sync_cycles: Vec<Vec<ElementId>>,
    /// Estimated requests per second reaching each element, when an entry states a load.
    pub load: Vec<f64>,
}

impl Analysis {
    /// Runs every analysis on a design.
    pub fn new(arch: &Architecture, graph: &ArchGraph) -> Self {
        let n = arch.elements.len();
        let mut calls = vec![Vec::new(); n];
        let mut callers = vec![Vec::new(); n];
        for (i, e) in arch.edges.iter().enumerate() {
            if matches!(e.op, EdgeOp::Sync | EdgeOp::Both) {
                calls[e.from.0].push((e.to, i));
                callers[e.to.0].push((e.from, i));
            }
            if e.op == EdgeOp::Both {
                calls[e.to.0].push((e.from, i));
                callers[e.from.0].push((e.to, i));
            }
        }
        let entries = graph.entry_points(arch);
        let on_path = graph.on_request_path(arch);
        let (tier_of, tiers) = tiers(arch);
        let mut a = Analysis {
            entries,
            on_path,
            calls,
            callers,
            tier_of,
            tiers,
            spofs: BTreeMap::new(),
            articulation: BTreeSet::new(),
            bridges: BTreeSet::new(),
            sync_cycles: Vec::new(),
            load: vec![0.0; n],
        };
        a.spofs = a.dominator_spofs(arch);
        (a.articulation, a.bridges) = cuts(arch);
        a.sync_cycles = a.cycles(arch);
        a.load = a.propagate_load(arch);
        a
    }

    /// The other members of an element's tier, itself included.
    pub fn tier(&self, id: ElementId) -> &[ElementId] {
        &self.tiers[self.tier_of[id.0]]
    }

    /// The synchronous graph with a virtual root (the last node) over every
    /// entry point that calls something.
    fn sync_graph(&self, forward_only: Option<&Architecture>) -> (DiGraph<(), ()>, NodeIndex) {
        let n = self.calls.len();
        let mut g = DiGraph::<(), ()>::with_capacity(n + 1, n);
        for _ in 0..=n {
            g.add_node(());
        }
        for (from, out) in self.calls.iter().enumerate() {
            for (to, edge) in out {
                if let Some(arch) = forward_only
                    && arch.edges[*edge].from.0 != from
                {
                    continue;
                }
                g.add_edge(NodeIndex::new(from), NodeIndex::new(to.0), ());
            }
        }
        let root = NodeIndex::new(n);
        for e in &self.entries {
            if !self.calls[e.0].is_empty() {
                g.add_edge(root, NodeIndex::new(e.0), ());
            }
        }
        (g, root)
    }

    /// Dominator analysis: for every target on a request path, the
    /// non-redundant elements that all its paths from the entry points pass.
    ///
    /// The way out to the internet is a target too: a virtual node behind
    /// every called third party and every NAT or internet gateway that calls
    /// nothing further, so that one NAT gateway all zones share is found even
    /// when nothing is drawn behind it.
    fn dominator_spofs(&self, arch: &Architecture) -> BTreeMap<ElementId, Vec<Target>> {
        let (mut g, root) = self.sync_graph(None);
        let egress = g.add_node(());
        for id in arch.ids() {
            let e = arch.element(id);
            let calls_on = self.calls[id.0]
                .iter()
                .any(|(_, edge)| arch.edges[*edge].from == id);
            let called_outside = e.kind.traits.entry && !self.callers[id.0].is_empty();
            let last_gateway = matches!(e.kind.name, "nat" | "igw") && !calls_on;
            if called_outside || last_gateway {
                g.add_edge(NodeIndex::new(id.0), egress, ());
            }
        }
        let doms: Dominators<NodeIndex> = dominators::simple_fast(&g, root);
        let mut out: BTreeMap<ElementId, Vec<Target>> = BTreeMap::new();
        let targets = arch
            .ids()
            .filter(|id| {
                let e = arch.element(*id);
                let target = e.kind.traits.datastore
                    || (e.kind.traits.entry && !self.callers[id.0].is_empty());
                target && self.on_path.contains(id)
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
                let tier_replicas: i64 = self
                    .tier(did)
                    .iter()
                    .map(|m| arch.element(*m).replicas().0)
                    .sum();
                if de.kind.traits.entry
                    || de.is_container()
                    || is_redundant(de)
                    || tier_replicas >= 2
                {
                    continue;
                }
                out.entry(did).or_default().push(target);
            }
        }
        out
    }

    /// Strongly connected components of the synchronous graph with two or
    /// more elements. Network plumbing that carries traffic both ways
    /// without calling anything (VPN, Direct Connect, transit and internet
    /// gateways, NAT, DNS, CDN) is left out, so `a <-> vpn <-> b` is not a cycle.
    fn cycles(&self, arch: &Architecture) -> Vec<Vec<ElementId>> {
        let (mut g, root) = self.sync_graph(None);
        g.retain_edges(|g, e| {
            let plumbing = |n: NodeIndex| {
                n != root && {
                    let k = arch.element(ElementId(n.index())).kind;
                    k.category == crate::model::Category::Network && !k.traits.balancer
                }
            };
            g.edge_endpoints(e)
                .is_some_and(|(a, b)| !plumbing(a) && !plumbing(b))
        });
        let mut out: Vec<Vec<ElementId>> = petgraph::algo::tarjan_scc(&g)
            .into_iter()
            .filter(|c| c.len() >= 2 && !c.contains(&root))
            .map(|c| {
                let mut ids: Vec<ElementId> = c.into_iter().map(|n| ElementId(n.index())).collect();
                ids.sort();
                ids
            })
            .filter(|c| c.iter().all(|id| !arch.element(*id).is_container()))
            .collect();
        out.sort();
        out
    }

    /// Load propagation: entry `rps` (or `users` / 100) flows along forward
    /// synchronous calls in topological order of the condensation. A cache or
    /// CDN passes on `1 - hit_ratio` of it; a balancer splits it evenly among
    /// its targets; any other element passes all of it to each callee.
    fn propagate_load(&self, arch: &Architecture) -> Vec<f64> {
        let n = self.calls.len();
        let (g, root) = self.sync_graph(Some(arch));
        let mut load = vec![0.0; n];
        for e in &self.entries {
            load[e.0] = entry_load(arch.element(*e)).unwrap_or(0.0);
        }
        // tarjan_scc returns components in reverse topological order.
        let mut sccs = petgraph::algo::tarjan_scc(&g);
        sccs.reverse();
        for scc in sccs {
            let members: BTreeSet<usize> = scc.iter().map(|n| n.index()).collect();
            let mut ordered: Vec<usize> = members.iter().copied().collect();
            ordered.sort();
            for v in ordered {
                if NodeIndex::new(v) == root || load[v] <= 0.0 {
                    continue;
                }
                let e = arch.element(ElementId(v));
                let passed = load[v] * (1.0 - hit_ratio(e).unwrap_or(0.0));
                let targets: BTreeSet<usize> = g
                    .neighbors(NodeIndex::new(v))
                    .map(|t| t.index())
                    .filter(|t| !members.contains(t) && *t != root.index())
                    .collect();
                if targets.is_empty() {
                    continue;
                }
                let share = if e.kind.traits.balancer {
                    passed / targets.len() as f64
                } else {
                    passed
                };
                for t in targets {
                    load[t] += share;
                }
            }
        }
        load
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
            && a.kind.name == b.kind.name
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

/// Articulation points and bridges of the undirected projection of every
/// edge between two distinct non-container elements.
fn cuts(arch: &Architecture) -> (BTreeSet<ElementId>, BTreeSet<usize>) {
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

/// Redundant in the spec's sense: at least two replicas (the minimum of a
/// range), a managed highly-available kind, or `multi_az`.
pub fn is_redundant(e: &Element) -> bool {
    e.replicas().0 >= 2 || e.kind.traits.managed_ha || e.attrs.flag("multi_az")
}

/// A *service* for the MS rules: `service`, `ecs`, `lambda`, `container`, `deployment` or `ec2`.
pub fn is_service(e: &Element) -> bool {
    matches!(
        e.kind.name,
        "service" | "ecs" | "lambda" | "container" | "deployment" | "ec2"
    )
}

/// The availability zones an element spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zones {
    /// Nothing says where it runs.
    Unknown,
    /// These zones (from `azs`, or the enclosing `az` container's ID).
    Some(BTreeSet<String>),
    /// Two or more by itself: `multi_az` or a managed highly-available kind.
    Multi,
}

/// The zones an element spans: `multi_az` or managed HA count as many;
/// else its `azs`; else the nearest enclosing `az` container (its ID) or
/// container with `azs` (a cluster spread over zones); else unknown.
pub fn zones(arch: &Architecture, id: ElementId) -> Zones {
    let e = arch.element(id);
    if e.attrs.flag("multi_az") || e.kind.traits.managed_ha {
        return Zones::Multi;
    }
    for holder in std::iter::once(id).chain(arch.ancestors(id)) {
        let h = arch.element(holder);
        let azs = h.attrs.words("azs");
        if !azs.is_empty() {
            return Zones::Some(azs.into_iter().collect());
        }
        if h.kind.name == "az" {
            return Zones::Some(BTreeSet::from([h.id.clone()]));
        }
    }
    Zones::Unknown
}

/// Whether the element is `public` or sits in a `public` subnet.
pub fn in_public_subnet(arch: &Architecture, id: ElementId) -> Option<ElementId> {
    arch.ancestors(id).find(|a| {
        let c = arch.element(*a);
        c.kind.name == "subnet" && c.attrs.flag("public")
    })
}

/// Whether an edge is encrypted in transit: `Some(true)` for `encrypted` or
/// a TLS protocol, `Some(false)` for a stated plaintext protocol or
/// `encrypted: false`, `None` when nothing is stated.
pub fn edge_encrypted(edge: &crate::model::Edge) -> Option<bool> {
    if let Some(ValueKind::Bool(b)) = edge.attrs.get("encrypted") {
        return Some(*b);
    }
    let p = edge.attrs.text("protocol")?.to_ascii_lowercase();
    const TLS: &[&str] = &[
        "https", "tls", "ssl", "wss", "ssh", "sftp", "ftps", "grpcs", "amqps", "mqtts", "ldaps",
        "smtps", "ipsec", "mtls",
    ];
    Some(TLS.contains(&p.as_str()) || p.contains("tls") || p.contains("ssl"))
}

/// A ratio attribute as a share between 0 and 1 (`80%` is 0.8).
pub fn ratio(e: &Element, key: &str) -> Option<f64> {
    match e.attrs.get(key)? {
        ValueKind::Quantity {
            amount,
            unit: Some(Unit::Percent),
        } => Some(amount / 100.0),
        ValueKind::Float(x) => Some(*x),
        ValueKind::Int(n) => Some(*n as f64),
        _ => None,
    }
}

/// The share of requests a cache or CDN answers itself.
pub fn hit_ratio(e: &Element) -> Option<f64> {
    ratio(e, "hit_ratio").map(|r| r.clamp(0.0, 1.0))
}

/// A duration attribute in seconds.
pub fn seconds(attrs: &crate::model::Attributes, key: &str) -> Option<f64> {
    match attrs.get(key)? {
        ValueKind::Quantity {
            amount,
            unit: Some(Unit::Ms),
        } => Some(amount / 1000.0),
        ValueKind::Quantity {
            amount,
            unit: Some(Unit::S),
        } => Some(*amount),
        _ => None,
    }
}

/// Requests per second an entry point sends: `rps`, else `users` / 100.
pub fn entry_load(e: &Element) -> Option<f64> {
    e.attrs
        .number("rps")
        .or_else(|| e.attrs.number("users").map(|u| u / 100.0))
}

/// Rule-of-thumb throughput of one replica of a kind, in requests per
/// second, for kinds that are not managed and elastic. Documented in PF002.
pub fn default_capacity(kind: &str) -> Option<f64> {
    Some(match kind {
        "ec2" => 500.0,
        "ecs" | "container" | "service" | "deployment" | "pod" => 300.0,
        "gpu" | "inference" => 50.0,
        "rds" | "aurora" | "database" | "documentdb" | "statefulset" => 3000.0,
        "elasticache" => 50_000.0,
        "opensearch" => 1000.0,
        "vectordb" => 500.0,
        "ingress" => 5000.0,
        _ => return None,
    })
}

/// Per-replica capacity: stated `capacity` (`false`), else the rule of thumb (`true`).
pub fn capacity(e: &Element) -> Option<(f64, bool)> {
    match e.attrs.number("capacity") {
        Some(c) => Some((c, false)),
        None if e.kind.traits.managed_ha => None,
        None => default_capacity(e.kind.name).map(|c| (c, true)),
    }
}

/// A rate for messages: `1.8k rps`, `600 rps`, `2.5M rps`.
pub fn fmt_rps(x: f64) -> String {
    let trim = |s: String| s.trim_end_matches(".0").to_string();
    if x >= 1e6 {
        format!("{}M rps", trim(format!("{:.1}", x / 1e6)))
    } else if x >= 1e3 {
        format!("{}k rps", trim(format!("{:.1}", x / 1e3)))
    } else {
        format!("{} rps", trim(format!("{x:.1}")))
    }
}

/// A list of IDs in backticks: "`a`, `b` and `c`" (at most `max`, then "and N more").
pub fn id_list(arch: &Architecture, ids: &[ElementId], max: usize) -> String {
    let names: Vec<String> = ids
        .iter()
        .take(max)
        .map(|id| format!("`{}`", arch.element(*id).id))
        .collect();
    let rest = ids.len().saturating_sub(max);
    match (names.len(), rest) {
        (0, _) => String::new(),
        (1, 0) => names[0].clone(),
        (_, 0) => format!(
            "{} and {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
        _ => format!("{} and {rest} more", names.join(", ")),
    }
}

/// Kinds that carry traffic without running application logic.
pub fn is_passthrough(t: &Traits, kind: &str) -> bool {
    t.balancer
        || matches!(
            kind,
            "cloudfront" | "waf" | "igw" | "nat" | "route53" | "transit_gateway" | "mesh"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile_str;

    fn analyse(src: &str) -> (Architecture, Analysis) {
        let arch = compile_str("t.cgr", src).arch.expect("compiles");
        let g = ArchGraph::new(&arch);
        let a = Analysis::new(&arch, &g);
        (arch, a)
    }

    fn ids(arch: &Architecture, ids: impl IntoIterator<Item = ElementId>) -> Vec<String> {
        ids.into_iter()
            .map(|i| arch.element(i).id.clone())
            .collect()
    }

    #[test]
    fn dominators_find_a_cache_everyone_passes_but_not_parallel_paths() {
        let (arch, a) = analyse(
            "client u\nalb lb\nec2 w1\nec2 w2\ncache c\nrds db [multi_az]\n\
             u -> lb -> w1, w2\nw1, w2 -> c -> db",
        );
        assert_eq!(ids(&arch, a.spofs.keys().copied()), ["c"]);
        let (_, a) = analyse(
            "client u\nalb lb\nec2 w1\nec2 w2\ncache c1\ncache c2\nrds db [multi_az]\n\
             u -> lb -> w1, w2\nw1 -> c1 -> db\nw2 -> c2 -> db",
        );
        assert!(a.spofs.is_empty());
    }

    #[test]
    fn tiers_group_targets_of_one_balancer_and_replication_links() {
        let (arch, a) =
            analyse("alb lb\nec2 a\nec2 b\nec2 c\nrds p\nrds s\nlb -> a, b\nc -> p\np -- s");
        let t = |id: &str| ids(&arch, a.tier(arch.find(id).unwrap()).iter().copied());
        assert_eq!(t("a"), ["a", "b"]);
        assert_eq!(t("c"), ["c"]);
        assert_eq!(t("s"), ["p", "s"]);
    }

    #[test]
    fn load_flows_through_caches_and_splits_at_balancers() {
        let (arch, a) = analyse(
            "client u [rps: 1000]\ncdn cf [hit_ratio: 80%]\nalb lb\nec2 a\nec2 b\nrds db\n\
             u -> cf -> lb -> a, b\na, b -> db",
        );
        let l = |id: &str| a.load[arch.find(id).unwrap().0];
        assert_eq!(l("cf"), 1000.0);
        assert!((l("lb") - 200.0).abs() < 1e-9);
        assert!((l("a") - 100.0).abs() < 1e-9);
        assert!((l("db") - 200.0).abs() < 1e-9);
    }

    #[test]
    fn sync_cycles_articulation_points_and_bridges() {
        let (arch, a) = analyse("service a\nservice b\nservice c\na -> b -> a\nb ~> c\nc -- c");
        assert_eq!(a.sync_cycles.len(), 1);
        assert_eq!(ids(&arch, a.sync_cycles[0].clone()), ["a", "b"]);
        assert_eq!(ids(&arch, a.articulation.iter().copied()), ["b"]);
        assert_eq!(a.bridges.len(), 2, "a-b and b-c are bridges");
    }

    #[test]
    fn rates_read_well() {
        assert_eq!(fmt_rps(1800.0), "1.8k rps");
        assert_eq!(fmt_rps(600.0), "600 rps");
        assert_eq!(fmt_rps(2_000_000.0), "2M rps");
    }
}
