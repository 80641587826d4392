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
use std::collections::{BTreeMap, BTreeSet};

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

/// Per-replica capacity: stated `capacity` (`false`), else the rule of thumb (`true`).
pub fn capacity(e: &Element) -> Option<(f64, bool)> {
    match e.attrs.number("capacity") {
        Some(c) => Some((c, false)),
        None if e.kind.traits.managed_ha => None,
        None => e.kind.capacity.map(|c| (c, true)),
    }
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
    Plan::new(arch, graph).run(entry_rps, None)
}

/// One target of an element in a [`Plan`]: where its load goes, on which
/// edge, and which of the element's replica groups it belongs to.
#[derive(Debug, Clone, Copy)]
struct Route {
    to: u32,
    edge: u32,
    /// Index of the target's replica group among this element's groups.
    slot: u32,
}

/// The model's routing, worked out once per design so that it can be run
/// many times cheaply (at other rates, or with elements taken out, as
/// `simulate` and `fail` do): the order to visit elements in, where each
/// one sends its load, its `rate_limit` and the share it passes on.
///
/// Components are visited in topological order; inside a cycle, members go
/// in declaration order and a call back to a member already visited
/// carries nothing (each member passes its load on once).
#[derive(Debug, Clone)]
pub struct Plan {
    order: Vec<u32>,
    routes: Vec<Vec<Route>>,
    /// Calls back into a cycle: they carry no load but still connect.
    back: Vec<Vec<u32>>,
    groups: Vec<u32>,
    limit: Vec<f64>,
    pass: Vec<f64>,
    entries: Vec<ElementId>,
    edges: usize,
}

impl Plan {
    /// Works out the routing of `arch`.
    pub fn new(arch: &Architecture, graph: &ArchGraph) -> Plan {
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
        // tarjan_scc returns components in reverse topological order.
        let mut sccs = petgraph::algo::tarjan_scc(&g);
        sccs.reverse();
        let mut scc_of = vec![0usize; n];
        for (k, scc) in sccs.iter().enumerate() {
            for v in scc {
                scc_of[v.index()] = k;
            }
        }
        // Where load enters each cycle: members that an entry point is, or
        // that an element outside the cycle sends to.
        let mut door = vec![false; n];
        for e in &graph.entries {
            door[e.0] = true;
        }
        for (v, targets) in out.iter().enumerate() {
            for t in targets.keys() {
                if scc_of[t.0] != scc_of[v] {
                    door[t.0] = true;
                }
            }
        }
        let mut position = vec![usize::MAX; n];
        let mut order = Vec::with_capacity(n);
        for scc in &sccs {
            let mut members: Vec<usize> = scc.iter().map(|v| v.index()).collect();
            members.sort_unstable();
            if members.len() == 1 {
                position[members[0]] = order.len();
                order.push(members[0] as u32);
                continue;
            }
            // Inside a cycle: breadth first from where load enters, in
            // declaration order, then from any member left.
            let mut frontier: std::collections::VecDeque<usize> =
                members.iter().copied().filter(|m| door[*m]).collect();
            let mut rest = members.iter().copied();
            let mut placed: BTreeSet<usize> = BTreeSet::new();
            let mut stack_order = Vec::with_capacity(members.len());
            loop {
                while let Some(v) = frontier.pop_front() {
                    if !placed.insert(v) {
                        continue;
                    }
                    stack_order.push(v);
                    for t in out[v].keys() {
                        if scc_of[t.0] == scc_of[v] && !placed.contains(&t.0) {
                            frontier.push_back(t.0);
                        }
                    }
                }
                match rest.find(|m| !placed.contains(m)) {
                    Some(m) => frontier.push_back(m),
                    None => break,
                }
            }
            for m in stack_order {
                position[m] = order.len();
                order.push(m as u32);
            }
        }
        let mut routes = vec![Vec::new(); n];
        let mut back = vec![Vec::new(); n];
        let mut groups = vec![0u32; n];
        for v in 0..n {
            let mut slots: Vec<usize> = Vec::new();
            for (t, edge) in &out[v] {
                // A call back into the cycle, to a member visited before, carries nothing.
                if scc_of[t.0] == scc_of[v] && position[t.0] <= position[v] {
                    back[v].push(t.0 as u32);
                    continue;
                }
                let group = graph.group_of[t.0];
                let slot = match slots.iter().position(|g| *g == group) {
                    Some(s) => s,
                    None => {
                        slots.push(group);
                        slots.len() - 1
                    }
                };
                routes[v].push(Route {
                    to: t.0 as u32,
                    edge: *edge as u32,
                    slot: slot as u32,
                });
            }
            groups[v] = slots.len() as u32;
        }
        let limit = arch
            .elements
            .iter()
            .map(|e| rate_limit(e).unwrap_or(f64::INFINITY))
            .collect();
        let pass = arch
            .elements
            .iter()
            .map(|e| 1.0 - hit_ratio(e).unwrap_or(0.0))
            .collect();
        Plan {
            order,
            routes,
            back,
            groups,
            limit,
            pass,
            entries: graph.entries.clone(),
            edges: arch.edges.len(),
        }
    }

    /// Runs the model with each entry point sending `entry_rps(entry)`
    /// requests per second. With `alive`, elements marked `false` are gone:
    /// they receive and pass nothing, and their group's surviving members
    /// share what was theirs.
    pub fn run(&self, entry_rps: impl Fn(ElementId) -> f64, alive: Option<&[bool]>) -> Load {
        let mut load = Load::default();
        self.run_into(entry_rps, alive, &mut load);
        load
    }

    /// [`Plan::run`] into `load`, reusing its buffers (for many runs in a row).
    pub fn run_into(
        &self,
        entry_rps: impl Fn(ElementId) -> f64,
        alive: Option<&[bool]>,
        load: &mut Load,
    ) {
        let n = self.routes.len();
        let up = |v: usize| alive.is_none_or(|a| a[v]);
        for (v, len) in [
            (&mut load.offered, n),
            (&mut load.passed, n),
            (&mut load.on_edge, self.edges),
        ] {
            v.clear();
            v.resize(len, 0.0);
        }
        for &e in &self.entries {
            if up(e.0) {
                load.offered[e.0] = entry_rps(e).max(0.0);
            }
        }
        let mut count: Vec<u32> = Vec::new();
        for &v in &self.order {
            let v = v as usize;
            if !up(v) {
                continue;
            }
            let passed = load.offered[v].min(self.limit[v]) * self.pass[v];
            load.passed[v] = passed;
            if passed <= 0.0 {
                continue;
            }
            let routes = &self.routes[v];
            count.clear();
            count.resize(self.groups[v] as usize, 0);
            for r in routes {
                if up(r.to as usize) {
                    count[r.slot as usize] += 1;
                }
            }
            for r in routes {
                if up(r.to as usize) {
                    let share = passed / f64::from(count[r.slot as usize]);
                    load.offered[r.to as usize] += share;
                    load.on_edge[r.edge as usize] += share;
                }
            }
        }
    }

    /// Every edge that connects, as `(from, to)` element indices: the ones
    /// that carry load and the calls back into a cycle.
    pub fn links(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.routes.len()).flat_map(move |v| {
            self.routes[v]
                .iter()
                .map(|r| r.to)
                .chain(self.back[v].iter().copied())
                .map(move |t| (v, t as usize))
        })
    }

    /// The order elements are visited in: topological, cycles broken where
    /// load enters them.
    pub fn order(&self) -> &[u32] {
        &self.order
    }
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
    fn load_entering_a_cycle_late_still_goes_round_once() {
        // u calls y, y calls x, x calls y back: x and y each get the 100 once.
        let l = offered("client u [rps: 100]\nservice x\nservice y\nu -> y -> x -> y");
        assert!(near(l("y"), 100.0));
        assert!(near(l("x"), 100.0), "{}", l("x"));
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
