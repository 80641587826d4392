//! `fail`: what an outage takes down. In: a design's [`Model`], a
//! [`Scenario`] (a zone, a region or some elements gone) and a load. Out: an
//! [`Outcome`]: what failed, what fails over, which request paths from entry
//! points to datastores survive, and whether the survivors carry the load
//! (the load model re-run on what is left).
//!
//! A zone outage takes every element placed only in that zone; an element
//! spread over several zones (`azs: [a, b]`) keeps the other zones' share of
//! its replicas; a managed highly-available kind survives; a `multi_az`
//! datastore fails over to its standby (see [`failover_seconds`]). A region
//! outage takes everything inside it. An element outage takes the whole
//! element (all its replicas) and anything inside it: a bad deploy, a
//! misconfiguration, a managed service's outage.
//!
//! A *path* is an entry point and a datastore it reaches along synchronous
//! calls; a lost path is shown as its shortest route in the intact design.

use super::load::Load;
use super::simulate::{Demand, Model};
use super::zones;
use crate::model::{Architecture, ElementId};
use std::collections::VecDeque;

/// What an outage does to one element.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Effect {
    /// Untouched.
    Up,
    /// Gone.
    Down,
    /// Runs on with this share of its replicas (0 to 1).
    Degraded(f64),
    /// A `multi_az` datastore whose primary was there: its standby takes over.
    FailsOver,
}

/// An outage: what it is called and what it does to each element.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// What failed, in words: "AZ `a`", "region `seoul`", "`db`".
    pub name: String,
    /// What kind of outage: `az`, `region` or `element`.
    pub kind: &'static str,
    /// The zone's name, the region's ID, or the elements' IDs joined by `,`.
    pub subject: String,
    /// The effect on each element, indexed by [`ElementId`].
    pub effect: Vec<Effect>,
    /// Whether each element is still up (degraded and failed-over ones are).
    pub alive: Vec<bool>,
    /// The share of each element's capacity left.
    pub left: Vec<f64>,
}

impl Scenario {
    fn new(kind: &'static str, subject: String, name: String, effect: Vec<Effect>) -> Scenario {
        let alive = effect.iter().map(|e| *e != Effect::Down).collect();
        let left = effect
            .iter()
            .map(|e| match e {
                Effect::Down => 0.0,
                Effect::Degraded(x) => *x,
                Effect::Up | Effect::FailsOver => 1.0,
            })
            .collect();
        Scenario {
            name,
            kind,
            subject,
            effect,
            alive,
            left,
        }
    }

    /// The loss of availability zone `zone` (its name in `azs`: `a` for `az_a`).
    pub fn zone(arch: &Architecture, zone: &str) -> Scenario {
        let effect = arch
            .ids()
            .map(|id| {
                let e = arch.element(id);
                let placed = zones::placed(arch, id);
                if !placed.contains(zone) {
                    Effect::Up
                } else if e.attrs.flag("multi_az") {
                    if e.kind.traits.datastore {
                        Effect::FailsOver
                    } else {
                        Effect::Up
                    }
                } else if e.kind.traits.managed_ha {
                    Effect::Up
                } else if placed.len() == 1 {
                    Effect::Down
                } else {
                    let k = placed.len() as f64;
                    Effect::Degraded((k - 1.0) / k)
                }
            })
            .collect();
        Scenario::new("az", zone.to_string(), format!("AZ `{zone}`"), effect)
    }

    /// The loss of a region (or any container): everything inside it.
    pub fn region(arch: &Architecture, region: ElementId) -> Scenario {
        let effect = arch
            .ids()
            .map(|id| {
                if id == region || arch.is_ancestor(region, id) {
                    Effect::Down
                } else {
                    Effect::Up
                }
            })
            .collect();
        let id = arch.element(region).id.clone();
        Scenario::new("region", id.clone(), format!("region `{id}`"), effect)
    }

    /// The loss of these elements, and of everything inside them.
    pub fn elements(arch: &Architecture, ids: &[ElementId]) -> Scenario {
        let mut effect = vec![Effect::Up; arch.elements.len()];
        for &id in ids {
            effect[id.0] = Effect::Down;
        }
        for id in arch.ids() {
            if ids.iter().any(|f| arch.is_ancestor(*f, id)) {
                effect[id.0] = Effect::Down;
            }
        }
        let names: Vec<&str> = ids.iter().map(|id| arch.element(*id).id.as_str()).collect();
        let words: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        Scenario::new("element", names.join(","), words.join(", "), effect)
    }
}

/// How long a `multi_az` datastore of this kind takes to fail over, in
/// seconds (least, most): rules of thumb from the providers' documentation.
///
/// | kind | failover |
/// |---|---|
/// | `aurora`, `documentdb` | about 30 s |
/// | `rds` | 60–120 s |
/// | `elasticache` | 30–90 s |
/// | anything else | 60–120 s |
pub fn failover_seconds(kind: &str) -> (u32, u32) {
    match kind {
        "aurora" | "documentdb" => (30, 30),
        "elasticache" => (30, 90),
        _ => (60, 120),
    }
}

/// What one outage did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What failed, in words.
    pub scenario: String,
    /// What kind of outage: `az`, `region` or `element`.
    pub kind: &'static str,
    /// The zone's name, the region's ID, or the elements' IDs joined by `,`.
    pub subject: String,
    /// Components the outage took down (containers left out).
    pub failed: Vec<ElementId>,
    /// Components running on with a share of their replicas.
    pub degraded: Vec<(ElementId, f64)>,
    /// `multi_az` datastores that fail over, with the time it takes (seconds).
    pub failovers: Vec<(ElementId, (u32, u32))>,
    /// Components gone: failed, or cut off from every entry point.
    pub lost: Vec<ElementId>,
    /// Paths (entry point, datastore) in the intact design.
    pub paths_total: usize,
    /// Of those, the ones still connected.
    pub paths_surviving: usize,
    /// The lost paths, each as its route in the intact design.
    pub lost_paths: Vec<Vec<ElementId>>,
    /// Survivors above 100% of what they have left (their load:
    /// [`Analysis::load`]).
    pub overloaded: Vec<ElementId>,
    /// No path lost and no survivor overloaded.
    pub survives: bool,
}

/// The intact design's paths from one entry point.
#[derive(Debug, Clone)]
struct Tree {
    entry: ElementId,
    /// The element each was first reached from (breadth first).
    parent: Vec<Option<ElementId>>,
    /// Datastores reached, in ID order.
    stores: Vec<ElementId>,
}

/// Outages of one design at one load, prepared once for many scenarios.
#[derive(Debug, Clone)]
pub struct Analysis<'m, 'a> {
    model: &'m Model<'a>,
    demand: Demand,
    trees: Vec<Tree>,
    /// What load or a request reaches in the intact design.
    reached: Vec<bool>,
    /// Every link out of each element: load-carrying edges and calls.
    links: Vec<Vec<u32>>,
    /// The load on the intact design.
    baseline: Load,
}

impl<'m, 'a> Analysis<'m, 'a> {
    /// Prepares outages of `model`'s design under `demand`.
    pub fn new(model: &'m Model<'a>, demand: Demand) -> Self {
        let trees: Vec<Tree> = model
            .graph
            .entries
            .iter()
            .map(|&entry| {
                let parent = bfs(model, entry, None);
                let stores = model
                    .arch
                    .ids()
                    .filter(|id| {
                        *id != entry && (parent[id.0].is_some()) && is_store(model.arch, *id)
                    })
                    .collect();
                Tree {
                    entry,
                    parent,
                    stores,
                }
            })
            .collect();
        let n = model.arch.elements.len();
        let mut links: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (v, t) in model.plan.links() {
            links[v].push(t as u32);
        }
        for (v, out) in model.graph.calls.iter().enumerate() {
            for &(t, _) in out {
                if !model.arch.element(t).kind.traits.admin {
                    links[v].push(t.0 as u32);
                }
            }
        }
        let mut analysis = Analysis {
            model,
            demand,
            trees,
            reached: Vec::new(),
            links,
            baseline: model.run(demand, None),
        };
        analysis.reached = analysis.reach(None);
        analysis
    }

    /// What the entry points reach along any link (load or call), through
    /// elements alive only.
    fn reach(&self, alive: Option<&[bool]>) -> Vec<bool> {
        let up = |v: usize| alive.is_none_or(|a| a[v]);
        let mut seen = vec![false; self.links.len()];
        let mut stack: Vec<usize> = Vec::new();
        for e in &self.model.graph.entries {
            if up(e.0) && !seen[e.0] {
                seen[e.0] = true;
                stack.push(e.0);
            }
        }
        while let Some(v) = stack.pop() {
            for &t in &self.links[v] {
                let t = t as usize;
                if up(t) && !seen[t] {
                    seen[t] = true;
                    stack.push(t);
                }
            }
        }
        seen
    }

    /// The load on what `scenario` leaves.
    pub fn load(&self, scenario: &Scenario) -> Load {
        self.model.run(self.demand, Some(&scenario.alive))
    }

    /// Paths (entry point, datastore) in the intact design.
    pub fn paths(&self) -> usize {
        self.trees.iter().map(|t| t.stores.len()).sum()
    }

    /// What `scenario` does.
    pub fn outcome(&self, scenario: &Scenario) -> Outcome {
        let arch = self.model.arch;
        let components = || arch.ids().filter(|id| !arch.element(*id).is_container());
        let failed: Vec<ElementId> = components()
            .filter(|id| scenario.effect[id.0] == Effect::Down)
            .collect();
        let degraded = components()
            .filter_map(|id| match scenario.effect[id.0] {
                Effect::Degraded(left) => Some((id, left)),
                _ => None,
            })
            .collect();
        let failovers = components()
            .filter(|id| scenario.effect[id.0] == Effect::FailsOver)
            .map(|id| (id, failover_seconds(arch.element(id).kind.name)))
            .collect();
        // Nothing that anything reaches went down: only the element itself is lost.
        let untouched = failed.iter().all(|id| !self.reached[id.0])
            && components().all(|id| matches!(scenario.effect[id.0], Effect::Up | Effect::Down));
        let mut lost_paths = Vec::new();
        let mut surviving = 0;
        let mut still = Vec::new();
        let load = if untouched {
            self.baseline.clone()
        } else {
            self.model.run(self.demand, Some(&scenario.alive))
        };
        if untouched {
            surviving = self.paths();
            still.clone_from(&self.reached);
        } else {
            still = self.reach(Some(&scenario.alive));
            for t in &self.trees {
                let now = if scenario.alive[t.entry.0] {
                    bfs(self.model, t.entry, Some(&scenario.alive))
                } else {
                    vec![None; arch.elements.len()]
                };
                for &store in &t.stores {
                    if now[store.0].is_some() {
                        surviving += 1;
                    } else {
                        lost_paths.push(route(&t.parent, t.entry, store));
                    }
                }
            }
        }
        let lost = components()
            .filter(|id| {
                scenario.effect[id.0] == Effect::Down || (self.reached[id.0] && !still[id.0])
            })
            .collect();
        let mut overloaded = Vec::new();
        for id in components() {
            let (Some(cap), offered) = (self.model.capacity[id.0], load.offered(id)) else {
                continue;
            };
            let e = arch.element(id);
            let left = scenario.left[id.0];
            if offered <= 0.0 || left <= 0.0 || e.kind.traits.entry {
                continue;
            }
            if cap.exceeded_by(offered, left) {
                overloaded.push(id);
            }
        }
        Outcome {
            scenario: scenario.name.clone(),
            kind: scenario.kind,
            subject: scenario.subject.clone(),
            survives: lost_paths.is_empty() && overloaded.is_empty(),
            failed,
            degraded,
            failovers,
            lost,
            paths_total: self.paths(),
            paths_surviving: surviving,
            lost_paths,
            overloaded,
        }
    }

    /// Every zone lost in turn, ranked by blast radius.
    pub fn each_zone(&self) -> Vec<Outcome> {
        let arch = self.model.arch;
        rank(
            zones::all(arch)
                .iter()
                .map(|z| self.outcome(&Scenario::zone(arch, z)))
                .collect(),
        )
    }

    /// Every component (entry points left out) lost in turn, ranked by
    /// blast radius: an N−1 analysis. The same outcomes as [`Analysis::outcome`]
    /// of each element, found without a search per element: what one
    /// element's loss cuts off is what it dominates (from a root over all
    /// entry points), and the load is re-run only when the element carried some.
    pub fn each_element(&self) -> Vec<Outcome> {
        let arch = self.model.arch;
        let n = arch.elements.len();
        // Paths each element cuts: (tree, datastore) for every datastore it dominates.
        let mut cuts: Vec<Vec<(usize, ElementId)>> = vec![Vec::new(); n];
        let mut calls = petgraph::graph::DiGraph::<(), ()>::with_capacity(n, 0);
        for _ in 0..n {
            calls.add_node(());
        }
        for (v, out) in self.model.graph.calls.iter().enumerate() {
            for &(t, _) in out {
                if !arch.element(t).kind.traits.admin {
                    calls.add_edge(node(v), node(t.0), ());
                }
            }
        }
        for (k, t) in self.trees.iter().enumerate() {
            let doms = petgraph::algo::dominators::simple_fast(&calls, node(t.entry.0));
            for &store in &t.stores {
                let mut at = node(store.0);
                while at != node(t.entry.0) {
                    cuts[at.index()].push((k, store));
                    match doms.immediate_dominator(at) {
                        Some(d) => at = d,
                        None => break,
                    }
                }
            }
        }
        // What each element cuts off: its subtree in the dominator tree of
        // everything reached, from a root over all entry points.
        let mut all = petgraph::graph::DiGraph::<(), ()>::with_capacity(n + 1, 0);
        for _ in 0..n {
            all.add_node(());
        }
        let root = all.add_node(());
        for (v, out) in self.links.iter().enumerate() {
            for &t in out {
                all.add_edge(node(v), node(t as usize), ());
            }
        }
        for e in &self.model.graph.entries {
            all.add_edge(root, node(e.0), ());
        }
        let doms = petgraph::algo::dominators::simple_fast(&all, root);
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        for v in 0..n {
            if let Some(d) = doms.immediate_dominator(node(v))
                && d != root
                && self.reached[v]
            {
                children[d.index()].push(v);
            }
        }
        let rates = self.model.rates(self.demand);
        let capacities: Vec<(ElementId, super::simulate::Capacity)> = arch
            .ids()
            .filter_map(|id| {
                let e = arch.element(id);
                let cap = self.model.capacity[id.0]?;
                (!e.is_container() && !e.kind.traits.entry).then_some((id, cap))
            })
            .collect();
        let overloaded_in = |load: &Load, gone: ElementId| -> Vec<ElementId> {
            capacities
                .iter()
                .filter(|(id, cap)| {
                    let offered = load.offered(*id);
                    *id != gone && offered > 0.0 && cap.exceeded_by(offered, 1.0)
                })
                .map(|(id, _)| *id)
                .collect()
        };
        let mut alive = vec![true; n];
        let mut load = Load::default();
        let mut outcomes = Vec::new();
        for id in arch.ids() {
            let e = arch.element(id);
            if e.is_container() || e.kind.traits.entry {
                continue;
            }
            let mut lost = vec![id.0];
            let mut stack = children[id.0].clone();
            while let Some(v) = stack.pop() {
                if !arch.elements[v].is_container() {
                    lost.push(v);
                }
                stack.extend(children[v].iter().copied());
            }
            lost.sort_unstable();
            let mut cut = cuts[id.0].clone();
            cut.sort_by_key(|(k, store)| (*k, *store));
            let lost_paths: Vec<Vec<ElementId>> = cut
                .iter()
                .map(|(k, store)| route(&self.trees[*k].parent, self.trees[*k].entry, *store))
                .collect();
            let overloaded = if self.baseline.offered(id) > 0.0 {
                alive[id.0] = false;
                self.model
                    .plan
                    .run_into(|x| rates[x.0], Some(&alive), &mut load);
                alive[id.0] = true;
                overloaded_in(&load, id)
            } else {
                overloaded_in(&self.baseline, id)
            };
            outcomes.push(Outcome {
                scenario: format!("`{}`", e.id),
                kind: "element",
                subject: e.id.clone(),
                failed: vec![id],
                degraded: Vec::new(),
                failovers: Vec::new(),
                lost: lost.into_iter().map(ElementId).collect(),
                paths_total: self.paths(),
                paths_surviving: self.paths() - lost_paths.len(),
                survives: lost_paths.is_empty() && overloaded.is_empty(),
                lost_paths,
                overloaded,
            });
        }
        rank(outcomes)
    }
}

fn node(i: usize) -> petgraph::graph::NodeIndex {
    petgraph::graph::NodeIndex::new(i)
}

/// Whether an element is a datastore a path can end at.
fn is_store(arch: &Architecture, id: ElementId) -> bool {
    let e = arch.element(id);
    e.kind.traits.datastore && !e.is_container()
}

/// Breadth first along synchronous calls from `from` (never through a
/// bastion), through elements alive only: each element's parent, the
/// start's own parent being itself.
fn bfs(model: &Model<'_>, from: ElementId, alive: Option<&[bool]>) -> Vec<Option<ElementId>> {
    let arch = model.arch;
    let up = |v: ElementId| alive.is_none_or(|a| a[v.0]);
    let mut parent = vec![None; arch.elements.len()];
    parent[from.0] = Some(from);
    let mut queue = VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        for &(t, _) in &model.graph.calls[v.0] {
            if parent[t.0].is_none() && up(t) && !arch.element(t).kind.traits.admin {
                parent[t.0] = Some(v);
                queue.push_back(t);
            }
        }
    }
    parent
}

/// The route from `entry` to `to` along the parents.
fn route(parent: &[Option<ElementId>], entry: ElementId, to: ElementId) -> Vec<ElementId> {
    let mut path = vec![to];
    let mut at = to;
    while at != entry {
        match parent[at.0] {
            Some(p) if p != at => {
                path.push(p);
                at = p;
            }
            _ => break,
        }
    }
    path.reverse();
    path
}

/// Outcomes by blast radius: most paths lost, then most lost, then most
/// overloaded; ties keep their order.
fn rank(mut outcomes: Vec<Outcome>) -> Vec<Outcome> {
    outcomes.sort_by(|a, b| {
        b.lost_paths
            .len()
            .cmp(&a.lost_paths.len())
            .then(b.lost.len().cmp(&a.lost.len()))
            .then(b.overloaded.len().cmp(&a.overloaded.len()))
    });
    outcomes
}

#[cfg(test)]
mod tests {
    use super::super::ArchGraph;
    use super::super::tests::{arch, ids};
    use super::*;

    const TWO_AZ: &str = "client u [rps: 1000]\nalb lb\n\
        az az_a { ec2 web_a [replicas: 2, capacity: 500rps] }\n\
        az az_b { ec2 web_b [replicas: 2, capacity: 500rps] }\n\
        rds db [multi_az, azs: [a]]\n\
        u -> lb -> web_a, web_b\nweb_a, web_b -> db";

    fn outcome(src: &str, scenario: impl Fn(&Architecture) -> Scenario) -> (Architecture, Outcome) {
        let a = arch(src);
        let g = ArchGraph::new(&a);
        let m = Model::new(&a, &g);
        let o = Analysis::new(&m, Demand::AsWritten).outcome(&scenario(&a));
        (a, o)
    }

    #[test]
    fn losing_a_zone_moves_its_share_to_the_survivors() {
        let (a, o) = outcome(TWO_AZ, |a| Scenario::zone(a, "a"));
        assert_eq!(ids(&a, o.failed.iter().copied()), ["web_a"]);
        assert_eq!(o.failovers, [(a.find("db").unwrap(), (60, 120))]);
        // Paths: u → db only; it survives through web_b.
        assert_eq!((o.paths_total, o.paths_surviving), (1, 1));
        // web_b now carries all 1000 rps: exactly its 2 × 500.
        assert!(o.overloaded.is_empty());
        assert!(o.overloaded.is_empty() && o.survives);
    }

    #[test]
    fn a_survivor_past_its_capacity_is_overloaded() {
        let src = TWO_AZ.replace("rps: 1000", "rps: 1500");
        let (a, o) = outcome(&src, |a| Scenario::zone(a, "b"));
        assert_eq!(o.overloaded, [a.find("web_a").unwrap()]);
        assert!(!o.survives);
    }

    #[test]
    fn an_element_spread_over_zones_keeps_the_other_zones_share() {
        // 900 rps on 3 × 400 over three zones: losing one leaves 2/3 of 1200 = 800.
        let src = "client u [rps: 900]\nservice s [replicas: 3, capacity: 400rps, azs: [a, b, c]]\n\
                   rds db [multi_az]\nu -> s -> db";
        let (a, o) = outcome(src, |a| Scenario::zone(a, "c"));
        assert_eq!(o.degraded.len(), 1);
        assert!((o.degraded[0].1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(o.overloaded, [a.find("s").unwrap()]);
    }

    #[test]
    fn losing_the_only_path_is_reported_with_its_route() {
        let src = "client u [rps: 10]\nec2 web [capacity: 500rps]\nrds db\nrds other\n\
                   u -> web -> db\nu -> other";
        let (a, o) = outcome(src, |a| Scenario::elements(a, &[a.find("web").unwrap()]));
        assert_eq!((o.paths_total, o.paths_surviving), (2, 1));
        assert_eq!(o.lost_paths.len(), 1);
        assert_eq!(ids(&a, o.lost_paths[0].iter().copied()), ["u", "web", "db"]);
        assert_eq!(ids(&a, o.lost.iter().copied()), ["web", "db"]);
        assert!(!o.survives);
    }

    #[test]
    fn a_region_takes_everything_inside() {
        let src = "client u [rps: 10]\nregion r { ec2 web [replicas: 2]\ns3 b }\nu -> web -> b";
        let (a, o) = outcome(src, |a| Scenario::region(a, a.find("r").unwrap()));
        assert_eq!(ids(&a, o.failed.iter().copied()), ["web", "b"]);
        assert_eq!(o.paths_surviving, 0);
    }

    #[test]
    fn the_fast_n_minus_1_agrees_with_one_outcome_per_element() {
        for src in [
            TWO_AZ,
            include_str!("../../examples/three-tier.cgr"),
            include_str!("../../examples/korean-shop.cgr"),
            include_str!("../../examples/microservices-before.cgr"),
            include_str!("../../examples/hybrid-cloud.cgr"),
            "client u [rps: 100]\nservice x [capacity: 60rps]\nservice y\nrds d\nu -> y -> x -> y\nx -> d",
        ] {
            let a = arch(src);
            let g = ArchGraph::new(&a);
            let m = Model::new(&a, &g);
            let analysis = Analysis::new(&m, Demand::Scale(3.0));
            let fast = analysis.each_element();
            assert!(!fast.is_empty());
            for o in &fast {
                let id = a.find(&o.subject).unwrap();
                let slow = analysis.outcome(&Scenario::elements(&a, &[id]));
                assert_eq!(*o, slow, "{}", o.subject);
            }
        }
    }

    #[test]
    fn each_element_ranks_by_blast_radius() {
        let a = arch(TWO_AZ);
        let g = ArchGraph::new(&a);
        let m = Model::new(&a, &g);
        let ranked = Analysis::new(&m, Demand::AsWritten).each_element();
        let names: Vec<&str> = ranked.iter().map(|o| o.scenario.as_str()).collect();
        // The balancer and the database cut the one path; a web replica does not.
        assert_eq!(names[..2], ["`lb`", "`db`"]);
        assert_eq!(ranked[0].lost_paths.len(), 1);
        assert!(ranked[2..].iter().all(|o| o.lost_paths.is_empty()));
    }
}
