//! The load model: the request rate offered to every component, from the
//! rates the entry points state. One model, read by PF002 and by anything
//! that asks "what if the load grows" ([`estimate_with`] takes any entry rates).
//!
//! The rules, in the order they apply at each component:
//!
//! 1. An entry point (a `client`, `internet`, `external` or `device`) sends
//!    its `rps`, else `users` / 100 (one request per second per hundred
//!    users at peak), else nothing.
//! 2. Load flows along `->` (and `<->` in the direction it is written) and
//!    along `~>`: a consumer of a queue or topic receives what is put on it.
//!    `--` carries nothing, and nothing passes an administration host.
//! 3. A component passes on what it receives, capped by its `rate_limit`,
//!    times `1 - hit_ratio` when it states one (a cache or CDN).
//! 4. What a component passes goes in full to every group of replicas it
//!    calls; the members of one group it calls share it evenly (`front_a,
//!    front_b -> back_a, back_b` gives each back half of each front's
//!    load). Replicas are members of one tier (same kind, same sources)
//!    behind a load balancer, or whose IDs differ only in a trailing number
//!    or letter; a gateway's routes to differently named services are not
//!    replicas, so each route carries the full load.
//! 5. Components are visited in topological order; inside a cycle each
//!    member passes its load on once.

use super::ArchGraph;
use crate::model::{Architecture, Element, ElementId};
use crate::syntax::{EdgeOp, Unit, ValueKind};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// The estimate: requests per second at every element and on every edge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Load {
    /// Requests per second offered to each element (what arrives at it; an
    /// entry point's own rate included), indexed by [`ElementId`].
    pub offered: Vec<f64>,
    /// Requests per second each element sends on, after its `rate_limit`
    /// and `hit_ratio`.
    pub passed: Vec<f64>,
    /// Requests per second each edge carries, indexed like
    /// [`Architecture::edges`] (0 for edges that carry no load).
    pub on_edge: Vec<f64>,
}

impl Load {
    /// The rate offered to one element.
    pub fn offered(&self, id: ElementId) -> f64 {
        self.offered.get(id.0).copied().unwrap_or(0.0)
    }

    /// Whether any entry point stated a load.
    pub fn is_empty(&self) -> bool {
        self.offered.iter().all(|x| *x <= 0.0)
    }
}

/// Requests per second an entry point states: `rps`, else `users` / 100.
pub fn entry_load(e: &Element) -> Option<f64> {
    e.attrs
        .number("rps")
        .or_else(|| e.attrs.number("users").map(|u| u / 100.0))
        .map(|x| x.max(0.0))
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

/// The most requests per second an element admits (`rate_limit`).
pub fn rate_limit(e: &Element) -> Option<f64> {
    e.attrs.number("rate_limit").map(|x| x.max(0.0))
}

/// Whether an edge carries load from its `from` to its `to` (`->`, `<->`, `~>`).
pub fn carries_load(arch: &Architecture, edge: usize) -> bool {
    let e = &arch.edges[edge];
    matches!(e.op, EdgeOp::Sync | EdgeOp::Both | EdgeOp::Async)
        && !arch.element(e.from).kind.traits.admin
        && !arch.element(e.to).kind.traits.admin
}

/// The model at the design's stated rates times `scale` (1 for the design as written).
pub fn estimate(arch: &Architecture, graph: &ArchGraph, scale: f64) -> Load {
    estimate_with(arch, graph, |id| {
        entry_load(arch.element(id)).unwrap_or(0.0) * scale
    })
}

/// The model with each entry point sending `entry_rps(entry)` requests per second.
pub fn estimate_with(
    arch: &Architecture,
    graph: &ArchGraph,
    entry_rps: impl Fn(ElementId) -> f64,
) -> Load {
    let n = arch.elements.len();
    // Distinct targets of each element, with the first edge that reaches each.
    let mut out: Vec<BTreeMap<ElementId, usize>> = vec![BTreeMap::new(); n];
    let mut g = petgraph::graph::DiGraph::<(), ()>::with_capacity(n, arch.edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for (i, e) in arch.edges.iter().enumerate() {
        if carries_load(arch, i) && !out[e.from.0].contains_key(&e.to) {
            out[e.from.0].insert(e.to, i);
            g.add_edge(
                petgraph::graph::NodeIndex::new(e.from.0),
                petgraph::graph::NodeIndex::new(e.to.0),
                (),
            );
        }
    }
    let mut load = Load {
        offered: vec![0.0; n],
        passed: vec![0.0; n],
        on_edge: vec![0.0; arch.edges.len()],
    };
    for &e in &graph.entries {
        load.offered[e.0] = entry_rps(e).max(0.0);
    }
    // tarjan_scc returns components in reverse topological order.
    let mut sccs = petgraph::algo::tarjan_scc(&g);
    sccs.reverse();
    for scc in sccs {
        let members: BTreeSet<usize> = scc.iter().map(|v| v.index()).collect();
        let mut done = BTreeSet::new();
        let mut ready: BinaryHeap<Reverse<usize>> = members.iter().map(|m| Reverse(*m)).collect();
        while let Some(Reverse(v)) = ready.pop() {
            if !done.insert(v) {
                continue;
            }
            let e = arch.element(ElementId(v));
            let admitted = match rate_limit(e) {
                Some(limit) => load.offered[v].min(limit),
                None => load.offered[v],
            };
            let passed = admitted * (1.0 - hit_ratio(e).unwrap_or(0.0));
            load.passed[v] = passed;
            if passed <= 0.0 {
                continue;
            }
            let targets: Vec<(ElementId, usize)> = out[v]
                .iter()
                .map(|(t, edge)| (*t, *edge))
                .filter(|(t, _)| !(members.contains(&t.0) && done.contains(&t.0)))
                .collect();
            let mut per_tier: BTreeMap<usize, usize> = BTreeMap::new();
            for (t, _) in &targets {
                *per_tier.entry(graph.group_of[t.0]).or_default() += 1;
            }
            for (t, edge) in targets {
                let share = passed / per_tier[&graph.group_of[t.0]] as f64;
                load.offered[t.0] += share;
                load.on_edge[edge] += share;
                if members.contains(&t.0) {
                    ready.push(Reverse(t.0));
                }
            }
        }
    }
    load
}

#[cfg(test)]
mod tests {
    use super::super::tests::arch;
    use super::*;

    fn offered(src: &str) -> impl Fn(&str) -> f64 {
        let a = arch(src);
        let g = ArchGraph::new(&a);
        move |id: &str| g.load.offered(a.find(id).unwrap())
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn caches_pass_the_misses_and_a_balancer_splits_among_one_tier() {
        let l = offered(
            "client u [rps: 1000]\ncdn cf [hit_ratio: 80%]\nalb lb\nec2 a\nec2 b\nrds db\n\
             u -> cf -> lb -> a, b\na, b -> db",
        );
        assert!(near(l("cf"), 1000.0));
        assert!(near(l("lb"), 200.0));
        assert!(near(l("a"), 100.0));
        assert!(near(l("db"), 200.0));
    }

    #[test]
    fn calls_from_several_members_to_one_tier_split_without_doubling() {
        // 2k in, 1k to each front; each front sends 500 to each back.
        let l = offered(
            "client u [rps: 2k]\nalb lb\nservice front_a\nservice front_b\n\
             service back_a\nservice back_b\n\
             u -> lb -> front_a, front_b\nfront_a, front_b -> back_a, back_b",
        );
        assert!(near(l("front_a"), 1000.0));
        assert!(near(l("back_a"), 1000.0), "{}", l("back_a"));
        assert!(near(l("back_b"), 1000.0));
    }

    #[test]
    fn different_tiers_each_carry_the_full_load() {
        let l = offered(
            "client u [rps: 900]\napi_gateway gw\nservice orders\nservice users\n\
             rds odb\nrds udb\nu -> gw -> orders, users\norders -> odb\nusers -> udb",
        );
        assert!(near(l("orders"), 900.0));
        assert!(near(l("users"), 900.0));
        assert!(near(l("udb"), 900.0));
    }

    #[test]
    fn a_rate_limit_caps_what_passes() {
        let l = offered(
            "client u [rps: 50k]\napi_gateway gw [rate_limit: 1k]\nservice s\nu -> gw -> s",
        );
        assert!(near(l("gw"), 50_000.0), "the gateway is offered everything");
        assert!(near(l("s"), 1000.0));
    }

    #[test]
    fn async_edges_carry_load_to_consumers_and_devices_start_requests() {
        let l = offered(
            "device iot [users: 30k]\nupf u\nservice mes\nsqs q\nlambda worker\n\
             iot -> u -> mes\nmes ~> q ~> worker",
        );
        assert!(near(l("mes"), 300.0));
        assert!(near(l("worker"), 300.0));
    }

    #[test]
    fn nothing_passes_a_bastion_and_cycles_terminate() {
        let l = offered(
            "client u [rps: 100]\nbastion b\nec2 app\nservice x\nservice y\n\
             u -> b -> app\nu -> x -> y -> x",
        );
        assert!(near(l("app"), 0.0));
        assert!(near(l("x"), 100.0));
        assert!(near(l("y"), 100.0));
    }

    #[test]
    fn scaling_scales_every_entry() {
        let a = arch("client u [users: 1M]\nservice s\nu -> s");
        let g = ArchGraph::new(&a);
        let twice = estimate(&a, &g, 2.0);
        assert!(near(twice.offered(a.find("s").unwrap()), 20_000.0));
        assert!(near(twice.on_edge[0], 20_000.0));
    }
}
