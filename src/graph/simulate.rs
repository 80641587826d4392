//! `simulate`: the load model at another load, read component by component.
//! In: an architecture, its graph and a [`Demand`]. Out: a [`Simulation`]:
//! offered load, capacity, utilisation, the replicas needed to stay under a
//! target and to survive losing an AZ, queueing latency, the slowest request
//! path, the bottleneck, the largest user count the design holds, and the
//! changes that would make it hold.
//!
//! Assumptions, written down once (the README and `cloudgram explain PF002`
//! say the same):
//! - the load model of [`super::load`] (users / 100 = peak requests per second);
//! - capacity is `capacity × replicas`, the maximum of a replica range, with
//!   the catalog's rule of thumb per replica when no `capacity` is stated;
//!   managed elastic kinds (no rule of thumb, no `capacity`) never saturate;
//! - a component adds its `latency` (else a rule of thumb per kind, see
//!   [`base_latency_ms`]), stretched by queueing as an M/M/1 server:
//!   `latency / (1 - utilisation)`, unbounded at 100% and above;
//! - losing an AZ takes the share of replicas that ran there (one zone's
//!   share when spread over several); a `multi_az` datastore fails over with
//!   its whole capacity.

use super::fail::{Effect, Scenario};
use super::load::{self, Load, Plan};
use super::{ArchGraph, zones};
use crate::model::catalog::Tag;
use crate::model::{Architecture, Element, ElementId};
use std::collections::BTreeSet;

/// The load to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Demand {
    /// The rates the design states.
    AsWritten,
    /// This many users in all: entry points stating `users` share them in
    /// proportion to what they state; entries stating only `rps` keep it.
    Users(f64),
    /// Every entry point's stated load times this factor.
    Scale(f64),
}

/// How loaded a component is against `--target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// At or under the target utilisation (or no capacity to exceed).
    Ok,
    /// Above the target, at most 100%.
    Hot,
    /// Above 100%: requests queue until they time out.
    Saturated,
}

impl Status {
    /// The word shown and written in JSON.
    pub fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Hot => "hot",
            Status::Saturated => "saturated",
        }
    }
}

/// What one replica serves and how many replicas there are at most.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Capacity {
    /// Requests per second one replica serves.
    pub per_replica: f64,
    /// Replicas stated: the minimum and maximum of a range, or a count twice.
    pub replicas: (i64, i64),
    /// The per-replica figure is the catalog's rule of thumb, not stated.
    pub assumed: bool,
}

impl Capacity {
    /// The capacity of an element, if it has one (see [`load::capacity`]).
    pub fn of(e: &Element) -> Option<Capacity> {
        let (per_replica, assumed) = load::capacity(e)?;
        let (min, max) = e.replicas();
        Some(Capacity {
            per_replica,
            replicas: (min.max(1), max.max(1)),
            assumed,
        })
    }

    /// `capacity × replicas`, at the maximum of a range.
    pub fn total(&self) -> f64 {
        self.per_replica * self.replicas.1 as f64
    }

    /// Whether `load` is more than it serves, with `left` of its replicas up
    /// (1 when all are). A part in a billion of slack absorbs rounding, so
    /// that a load exactly at capacity is not over it.
    pub fn exceeded_by(&self, load: f64, left: f64) -> bool {
        left <= 0.0 || self.utilisation(load) / left > 1.0 + 1e-9
    }

    /// The utilisation under `load` (`load / total`); infinite for a capacity of 0.
    pub fn utilisation(&self, load: f64) -> f64 {
        let total = self.total();
        if total > 0.0 {
            load / total
        } else if load > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    }
}

/// One component under the simulated load.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// The element.
    pub id: ElementId,
    /// Requests per second offered to it.
    pub load_rps: f64,
    /// Its capacity, when it has one.
    pub capacity: Option<Capacity>,
    /// `load / capacity`, when it has a capacity.
    pub utilisation: Option<f64>,
    /// Replicas needed to stay under the target and to carry the load after
    /// losing any one AZ (at most 100% on what is left).
    pub replicas_needed: Option<i64>,
    /// Ok, hot or saturated.
    pub status: Status,
    /// The latency it adds under this load; `None` when unbounded (saturated).
    pub latency_ms: Option<f64>,
    /// The latency it adds when idle: stated `latency`, else the rule of thumb.
    pub base_latency_ms: f64,
    /// Whether `base_latency_ms` is stated rather than the rule of thumb.
    pub latency_stated: bool,
}

/// The largest load the design holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    /// The largest user count (when entry points state `users`).
    pub users: Option<f64>,
    /// The largest factor on the stated load (when no entry states `users`).
    pub scale: Option<f64>,
    /// The component that saturates first just above it.
    pub by: ElementId,
}

/// A change that would make the design hold the simulated load.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The element to change.
    pub id: ElementId,
    /// What to do, in the design's own words.
    pub text: String,
    /// The lint rule that says the same, if any.
    pub rule: Option<&'static str>,
}

/// The simulation's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    /// The users simulated (`None` when no entry point states `users`).
    pub users: Option<f64>,
    /// The target utilisation (0.7 for 70%).
    pub target: f64,
    /// Every component the load reaches (entry points and containers left
    /// out), in declaration order.
    pub components: Vec<Component>,
    /// The most utilised component above the target, if any.
    pub bottleneck: Option<ElementId>,
    /// The largest load the design holds, if something limits it.
    pub limit: Option<Limit>,
    /// The slowest request path from an entry point, and its latency
    /// (`None` when unbounded).
    pub slowest_path: Option<(Vec<ElementId>, Option<f64>)>,
    /// Changes that would make it hold, most urgent first.
    pub changes: Vec<Change>,
    /// The model's estimate at this load (rates on elements and edges).
    pub load: Load,
}

/// The load model prepared for many runs on one design: its routing, every
/// element's capacity and the entry points' stated rates.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    /// The design.
    pub arch: &'a Architecture,
    /// Its graph.
    pub graph: &'a ArchGraph,
    /// The load model's routing.
    pub plan: Plan,
    /// Capacity of each element, indexed by [`ElementId`].
    pub capacity: Vec<Option<Capacity>>,
    /// Stated rate and stated users of each entry point.
    entries: Vec<(ElementId, f64, Option<f64>)>,
    /// Users stated by all entry points together.
    pub users_stated: f64,
}

impl<'a> Model<'a> {
    /// Prepares the model of `arch`.
    pub fn new(arch: &'a Architecture, graph: &'a ArchGraph) -> Model<'a> {
        let entries: Vec<(ElementId, f64, Option<f64>)> = graph
            .entries
            .iter()
            .map(|&id| {
                let e = arch.element(id);
                let users = e.attrs.number("users").filter(|u| *u > 0.0);
                (id, load::entry_load(e).unwrap_or(0.0), users)
            })
            .collect();
        let users_stated = entries.iter().filter_map(|e| e.2).sum();
        Model {
            arch,
            graph,
            plan: Plan::new(arch, graph),
            capacity: arch.elements.iter().map(Capacity::of).collect(),
            entries,
            users_stated,
        }
    }

    /// Whether some entry point states a load (`rps` or `users`).
    pub fn has_load(&self) -> bool {
        self.entries.iter().any(|e| e.1 > 0.0)
    }

    /// Each entry point's rate under `demand`, indexed by [`ElementId`].
    pub fn rates(&self, demand: Demand) -> Vec<f64> {
        let mut rates = vec![0.0; self.arch.elements.len()];
        let factor = match demand {
            Demand::Users(n) if self.users_stated > 0.0 => n / self.users_stated,
            _ => 1.0,
        };
        for &(id, rps, users) in &self.entries {
            rates[id.0] = match demand {
                Demand::AsWritten => rps,
                Demand::Scale(f) => rps * f,
                Demand::Users(_) if users.is_some() => rps * factor,
                Demand::Users(_) => rps,
            };
        }
        rates
    }

    /// The users `demand` stands for, when entry points state users.
    pub fn users(&self, demand: Demand) -> Option<f64> {
        (self.users_stated > 0.0).then_some(match demand {
            Demand::AsWritten => self.users_stated,
            Demand::Users(n) => n,
            Demand::Scale(f) => self.users_stated * f,
        })
    }

    /// Runs the load model under `demand`, with only the elements marked
    /// alive (all when `None`).
    pub fn run(&self, demand: Demand, alive: Option<&[bool]>) -> Load {
        let rates = self.rates(demand);
        self.plan.run(|id| rates[id.0], alive)
    }

    /// The most utilised element above 100% under `load`, with capacities
    /// scaled by `left` (the share of replicas still up), if any.
    pub fn saturated(&self, load: &Load, left: Option<&[f64]>) -> Option<(ElementId, f64)> {
        let mut worst: Option<(ElementId, f64)> = None;
        for (i, cap) in self.capacity.iter().enumerate() {
            let (Some(cap), offered) = (cap, load.offered[i]) else {
                continue;
            };
            let e = &self.arch.elements[i];
            if offered <= 0.0 || e.kind.traits.entry || e.is_container() {
                continue;
            }
            let share = left.map_or(1.0, |l| l[i]);
            if share <= 0.0 {
                continue;
            }
            let u = cap.utilisation(offered) / share;
            if cap.exceeded_by(offered, share) && worst.is_none_or(|(_, w)| u > w) {
                worst = Some((ElementId(i), u));
            }
        }
        worst
    }

    /// Whether the design holds `demand`: no component above 100%.
    fn holds(&self, demand: Demand) -> Result<(), ElementId> {
        match self.saturated(&self.run(demand, None), None) {
            Some((id, _)) => Err(id),
            None => Ok(()),
        }
    }

    /// The largest load the design holds, found by bisection (load grows
    /// monotonically with the entry rates, `rate_limit` included): whole
    /// users when entry points state `users`, else a factor on the stated
    /// rates to three significant figures. `None` when nothing limits it up
    /// to a trillion users (or a factor of a billion).
    pub fn limit(&self) -> Option<Limit> {
        if self.users_stated > 0.0 {
            let holds = |n: f64| self.holds(Demand::Users(n));
            if let Err(by) = holds(0.0) {
                return Some(Limit {
                    users: Some(0.0),
                    scale: None,
                    by,
                });
            }
            let (mut lo, mut hi) = (0.0f64, self.users_stated.ceil().max(1.0));
            let mut by = loop {
                match holds(hi) {
                    Err(by) => break by,
                    Ok(()) if hi > 1e12 => return None,
                    Ok(()) => {
                        lo = hi;
                        hi *= 2.0;
                    }
                }
            };
            // Invariant: lo holds, hi does not; both whole numbers.
            while hi - lo > 1.0 {
                let mid = ((lo + hi) / 2.0).floor();
                match holds(mid) {
                    Ok(()) => lo = mid,
                    Err(b) => {
                        hi = mid;
                        by = b;
                    }
                }
            }
            Some(Limit {
                users: Some(lo),
                scale: None,
                by,
            })
        } else {
            let holds = |f: f64| self.holds(Demand::Scale(f));
            let (mut lo, mut hi) = (0.0, 1.0);
            let mut by = loop {
                match holds(hi) {
                    Err(by) => break by,
                    Ok(()) if hi > 1e9 => return None,
                    Ok(()) => {
                        lo = hi;
                        hi *= 2.0;
                    }
                }
            };
            while hi - lo > hi * 1e-4 {
                let mid = (lo + hi) / 2.0;
                match holds(mid) {
                    Ok(()) => lo = mid,
                    Err(b) => {
                        hi = mid;
                        by = b;
                    }
                }
            }
            Some(Limit {
                users: None,
                scale: Some(significant(lo, 3)),
                by,
            })
        }
    }
}

/// `x` rounded down to `digits` significant figures.
fn significant(x: f64, digits: i32) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let step = 10f64.powi(x.log10().floor() as i32 - digits + 1);
    (x / step).floor() * step
}

/// The latency a component adds when idle, when it states none: a rule of
/// thumb per kind (milliseconds).
///
/// | kind | ms |
/// |---|---|
/// | client, internet, device | 0 |
/// | third-party API (`external`) | 100 |
/// | LLM endpoint | 1000 |
/// | GPU node, inference endpoint | 100 |
/// | cache (`elasticache`) | 1 |
/// | other datastores | 5 |
/// | balancers, gateways, CDN, WAF, NAT and other pass-through kinds | 1 |
/// | compute (`ec2`, `service`, `lambda`, ...) | 20 |
/// | anything else (queues, identity, secrets, ...) | 10 |
pub fn base_latency_ms(e: &Element) -> f64 {
    let k = e.kind;
    if k.is(Tag::ThirdParty) {
        100.0
    } else if k.traits.entry {
        0.0
    } else if k.is(Tag::Llm) {
        1000.0
    } else if matches!(k.name, "gpu" | "inference") {
        100.0
    } else if k.is(Tag::Cache) {
        1.0
    } else if k.traits.datastore {
        5.0
    } else if k.traits.passthrough || k.traits.balancer {
        1.0
    } else if k.traits.compute {
        20.0
    } else {
        10.0
    }
}

/// The latency an element adds when idle: its `latency`, else the rule of
/// thumb; and whether it is stated.
pub fn idle_latency_ms(e: &Element) -> (f64, bool) {
    match crate::lint::analysis::seconds(&e.attrs, "latency") {
        Some(s) => (s * 1000.0, true),
        None => (base_latency_ms(e), false),
    }
}

/// The M/M/1 queueing stretch: `idle / (1 - utilisation)`; `None` at 100%
/// and above (the queue grows without bound).
pub fn queueing_latency(idle_ms: f64, utilisation: f64) -> Option<f64> {
    (utilisation < 1.0).then(|| idle_ms / (1.0 - utilisation.max(0.0)))
}

/// The fewest replicas `r` such that losing the `lost` share of them
/// (rounded up: the zone holding the most) leaves at least `surviving`.
pub fn replicas_for(surviving: i64, lost: f64) -> i64 {
    if lost <= 0.0 {
        return surviving;
    }
    if lost >= 1.0 {
        return surviving.max(1);
    }
    let left = |r: i64| r - (r as f64 * lost - 1e-9).ceil() as i64;
    let mut r = ((surviving as f64) / (1.0 - lost)).ceil() as i64;
    while r > 1 && left(r - 1) >= surviving {
        r -= 1;
    }
    while left(r) < surviving {
        r += 1;
    }
    r
}

/// Runs the simulation of `demand` with a target utilisation of `target`
/// (0.7 for 70%).
pub fn simulate(model: &Model<'_>, demand: Demand, target: f64) -> Simulation {
    let arch = model.arch;
    let load = model.run(demand, None);
    // Each zone lost in turn: the load that lands on each survivor.
    let scenarios: Vec<(Scenario, Load)> = zones::all(arch)
        .into_iter()
        .map(|z| {
            let s = Scenario::zone(arch, &z);
            let l = model.run(demand, Some(&s.alive));
            (s, l)
        })
        .collect();
    let mut components = Vec::new();
    for id in arch.ids() {
        let e = arch.element(id);
        let offered = load.offered(id);
        if offered <= 0.0 || e.kind.traits.entry || e.is_container() {
            continue;
        }
        let capacity = model.capacity[id.0];
        let utilisation = capacity.map(|c| c.utilisation(offered));
        let status = match utilisation {
            Some(_) if capacity.is_some_and(|c| c.exceeded_by(offered, 1.0)) => Status::Saturated,
            Some(u) if u > target => Status::Hot,
            _ => Status::Ok,
        };
        let replicas_needed = capacity.filter(|c| c.per_replica > 0.0).map(|c| {
            let steady = (offered / (c.per_replica * target) - 1e-9).ceil() as i64;
            let after_loss = scenarios
                .iter()
                .filter_map(|(s, l)| {
                    let lost = match s.effect[id.0] {
                        Effect::Down => return None,
                        Effect::Degraded(left) => 1.0 - left,
                        Effect::Up | Effect::FailsOver => 0.0,
                    };
                    let surviving = (l.offered(id) / c.per_replica - 1e-9).ceil() as i64;
                    Some(replicas_for(surviving, lost))
                })
                .max()
                .unwrap_or(0);
            steady.max(after_loss).clamp(1, 1_000_000_000)
        });
        let (idle, stated) = idle_latency_ms(e);
        let latency_ms = match utilisation {
            Some(u) => queueing_latency(idle, u),
            None => Some(idle),
        };
        components.push(Component {
            id,
            load_rps: offered,
            capacity,
            utilisation,
            replicas_needed,
            status,
            latency_ms,
            base_latency_ms: idle,
            latency_stated: stated,
        });
    }
    let bottleneck = components
        .iter()
        .filter(|c| c.status != Status::Ok)
        .fold(None::<&Component>, |best, c| match best {
            Some(b) if b.utilisation >= c.utilisation => Some(b),
            _ => Some(c),
        })
        .map(|c| c.id);
    let slowest_path = slowest_path(model, &load, &components);
    let changes = changes(model, demand, &components, target);
    Simulation {
        users: model.users(demand),
        target,
        components,
        bottleneck,
        limit: model.limit(),
        slowest_path,
        changes,
        load,
    }
}

/// The request path (forward synchronous calls that carry load, from an
/// entry point) with the largest total latency, and that latency.
fn slowest_path(
    model: &Model<'_>,
    load: &Load,
    components: &[Component],
) -> Option<(Vec<ElementId>, Option<f64>)> {
    let arch = model.arch;
    let n = arch.elements.len();
    let mut latency = vec![0.0f64; n];
    for c in components {
        latency[c.id.0] = c.latency_ms.unwrap_or(f64::INFINITY);
    }
    for id in arch.ids() {
        let e = arch.element(id);
        if e.kind.traits.entry && load.offered(id) > 0.0 {
            // An entry point called by the design (a third party) adds its latency.
            latency[id.0] = if model.graph.callers[id.0].is_empty() {
                0.0
            } else {
                idle_latency_ms(e).0
            };
        }
    }
    let order = model.plan.order();
    let mut position = vec![usize::MAX; n];
    for (i, &v) in order.iter().enumerate() {
        position[v as usize] = i;
    }
    // The slowest way to each element: (latency, hops, the entry point's
    // rate); more hops break ties between unbounded paths so that the path
    // runs to its end, then the busier entry point.
    let mut best: Vec<Option<(f64, usize, f64)>> = vec![None; n];
    let mut pred: Vec<Option<ElementId>> = vec![None; n];
    for &e in &model.graph.entries {
        if load.offered(e) > 0.0 && model.graph.callers[e.0].is_empty() {
            best[e.0] = Some((0.0, 0, load.offered(e)));
        }
    }
    let slower = |a: (f64, usize, f64), b: (f64, usize, f64)| {
        a.0 > b.0 || (a.0 == b.0 && (a.1 > b.1 || (a.1 == b.1 && a.2 > b.2)))
    };
    for &v in order {
        let v = ElementId(v as usize);
        let Some((here, hops, rate)) = best[v.0] else {
            continue;
        };
        for (t, edge) in model.graph.forward_calls(arch, v) {
            if load.on_edge[edge] <= 0.0 || position[t.0] <= position[v.0] {
                continue;
            }
            let candidate = (here + latency[t.0], hops + 1, rate);
            if best[t.0].is_none_or(|b| slower(candidate, b)) {
                best[t.0] = Some(candidate);
                pred[t.0] = Some(v);
            }
        }
    }
    let (end, (total, _, _)) = best
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.map(|b| (i, b)))
        .fold(
            None::<(usize, (f64, usize, f64))>,
            |acc, (i, b)| match acc {
                Some((_, a)) if !slower(b, a) => acc,
                _ => Some((i, b)),
            },
        )?;
    let mut path = vec![ElementId(end)];
    while let Some(p) = pred[path[path.len() - 1].0] {
        path.push(p);
    }
    path.reverse();
    (path.len() > 1).then_some((path, total.is_finite().then_some(total)))
}

/// What would make the design hold, in its own words: more replicas, a
/// cache or read replicas in front of a datastore, a second zone.
fn changes(
    model: &Model<'_>,
    demand: Demand,
    components: &[Component],
    target: f64,
) -> Vec<Change> {
    let arch = model.arch;
    let zones_named = zones::all(arch);
    let mut ranked: Vec<&Component> = components.iter().collect();
    ranked.sort_by(|a, b| {
        b.status
            .cmp(&a.status)
            .then(
                b.utilisation
                    .partial_cmp(&a.utilisation)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.id.cmp(&b.id))
    });
    let mut out = Vec::new();
    for c in ranked {
        let e = arch.element(c.id);
        let (Some(cap), Some(needed)) = (c.capacity, c.replicas_needed) else {
            continue;
        };
        let rule = (c.status == Status::Saturated).then_some("PF002");
        if needed > cap.replicas.1 {
            let (min, max) = e.replicas();
            let replicas = if min < max || e.attrs.flag("autoscale") {
                format!("replicas: {}..{needed}", min.max(1))
            } else {
                format!("replicas: {needed}")
            };
            let why = if c.status == Status::Saturated {
                String::new()
            } else {
                format!(
                    " to stay under {} and carry the load after losing an AZ",
                    percent(target)
                )
            };
            let rule_of_thumb = if cap.assumed {
                format!(
                    ", or state its measured `capacity` (assumed: {} per replica)",
                    crate::lint::analysis::fmt_rps(cap.per_replica)
                )
            } else {
                String::new()
            };
            if e.kind.traits.datastore && !e.kind.is(Tag::Cache) {
                let hit = 1.0 - cap.total() * target / c.load_rps;
                out.push(Change {
                    id: c.id,
                    text: format!(
                        "put a cache in front of `{}` (needs hit_ratio ≥ {}){why}",
                        e.id,
                        percent_up(hit)
                    ),
                    rule,
                });
                let what = if e.kind.is(Tag::Relational) {
                    "add read replicas to"
                } else {
                    "add replicas (shards) to"
                };
                out.push(Change {
                    id: c.id,
                    text: format!("{what} `{}`: `{replicas}`{rule_of_thumb}", e.id),
                    rule,
                });
            } else {
                out.push(Change {
                    id: c.id,
                    text: format!("raise `{}` to `{replicas}`{why}{rule_of_thumb}", e.id),
                    rule,
                });
            }
        }
    }
    // Components whose zone's outage cuts a path from an entry point to a datastore.
    let names: Vec<&str> = zones_named.iter().map(String::as_str).collect();
    let analysis = super::fail::Analysis::new(model, demand);
    let mut named = BTreeSet::new();
    for z in &zones_named {
        let scenario = Scenario::zone(arch, z);
        for route in analysis.outcome(&scenario).lost_paths {
            for id in route {
                if scenario.effect[id.0] != Effect::Down || !named.insert(id) {
                    continue;
                }
                let e = arch.element(id);
                // The rule that says the same: a single-AZ tier, a single
                // instance, or a single point of failure.
                let zone_rule = if e.replicas().1 > 1 {
                    "AV003"
                } else if e.kind.traits.compute {
                    "AV001"
                } else {
                    "AV002"
                };
                let (text, rule) = if e.kind.is(Tag::Failover) {
                    (
                        format!("make `{}` `multi_az` (a standby in another AZ)", e.id),
                        "AV004",
                    )
                } else if names.len() >= 2 {
                    (
                        format!(
                            "spread `{}` over two AZs (`azs: [{}]`) or add a replica in another AZ",
                            e.id,
                            names[..2].join(", ")
                        ),
                        zone_rule,
                    )
                } else {
                    (
                        format!("add a second AZ and spread `{}` over both", e.id),
                        zone_rule,
                    )
                };
                out.push(Change {
                    id,
                    text,
                    rule: Some(rule),
                });
            }
        }
    }
    out
}

/// A share as a percentage: `70%`, `87.5%`.
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}

/// A share as a whole percentage rounded up: `65%`.
fn percent_up(x: f64) -> String {
    format!("{}%", (x * 100.0 - 1e-9).ceil().clamp(0.0, 100.0))
}

#[cfg(test)]
mod tests {
    use super::super::tests::arch;
    use super::*;

    fn run(src: &str, demand: Demand) -> (Architecture, Simulation) {
        let a = arch(src);
        let g = ArchGraph::new(&a);
        let s = simulate(&Model::new(&a, &g), demand, 0.7);
        (a, s)
    }

    fn find<'s>(a: &Architecture, s: &'s Simulation, id: &str) -> &'s Component {
        let id = a.find(id).unwrap();
        s.components.iter().find(|c| c.id == id).unwrap()
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    const SHOP: &str = "client u [users: 200k]\nalb lb\n\
        ec2 web_a [replicas: 2, capacity: 500rps, azs: [a]]\n\
        ec2 web_b [replicas: 2, capacity: 500rps, azs: [b]]\n\
        rds db [multi_az, capacity: 5000rps]\n\
        u -> lb -> web_a, web_b\nweb_a, web_b -> db";

    #[test]
    fn users_scale_the_entries_and_utilisation_is_load_over_capacity() {
        // 400k users → 4000 rps; each web gets 2000 against 2 × 500.
        let (a, s) = run(SHOP, Demand::Users(400_000.0));
        assert_eq!(s.users, Some(400_000.0));
        let web = find(&a, &s, "web_a");
        assert!(near(web.load_rps, 2000.0));
        assert!(near(web.utilisation.unwrap(), 2.0));
        assert_eq!(web.status, Status::Saturated);
        let db = find(&a, &s, "db");
        assert!(near(db.utilisation.unwrap(), 0.8));
        assert_eq!(db.status, Status::Hot);
        assert_eq!(s.bottleneck, a.find("web_a"));
    }

    #[test]
    fn replicas_needed_cover_the_target_and_the_loss_of_an_az() {
        // At 200k users: 2000 rps, 1000 per web. Under 70%: ceil(1000 / 350) = 3.
        // Losing AZ b sends all 2000 to web_a: ceil(2000 / 500) = 4.
        let (a, s) = run(SHOP, Demand::AsWritten);
        assert_eq!(find(&a, &s, "web_a").replicas_needed, Some(4));
        // db: 2000 rps, ceil(2000 / 3500) = 1; it fails over whole.
        assert_eq!(find(&a, &s, "db").replicas_needed, Some(1));
    }

    #[test]
    fn a_component_spread_over_zones_needs_room_for_the_share_it_loses() {
        // 900 rps on 300 per replica across three AZs: 3 must survive a zone
        // loss, so 5 (losing ceil(5/3) = 2 leaves 3); the target needs ceil(900/210) = 5.
        let src = "client u [rps: 900]\nservice s [capacity: 300rps, azs: [a, b, c]]\nu -> s";
        let (a, s) = run(src, Demand::AsWritten);
        assert_eq!(find(&a, &s, "s").replicas_needed, Some(5));
        assert_eq!(replicas_for(3, 1.0 / 3.0), 5);
        assert_eq!(replicas_for(4, 0.5), 8);
        assert_eq!(replicas_for(7, 0.0), 7);
    }

    #[test]
    fn latency_stretches_with_utilisation_and_the_slowest_path_adds_up() {
        // s at 50%: 20 / (1 - 0.5) = 40 ms; db 5 ms idle at 10%: 5 / 0.9.
        let src = "client u [rps: 300]\nservice s [capacity: 600rps]\n\
                   rds db [capacity: 3000rps, latency: 5ms]\nu -> s -> db";
        let (a, s) = run(src, Demand::AsWritten);
        assert!(near(find(&a, &s, "s").latency_ms.unwrap(), 40.0));
        let (path, total) = s.slowest_path.clone().unwrap();
        assert_eq!(path.len(), 3);
        assert!(near(total.unwrap(), 40.0 + 5.0 / 0.9));
        // Saturated: unbounded.
        let (_, s) = run(src, Demand::Scale(3.0));
        assert_eq!(s.slowest_path.unwrap().1, None);
    }

    #[test]
    fn the_largest_user_count_is_exact_at_the_boundary() {
        // web_a saturates at 1000 rps = 2000 in all = 200k users; db at 5000 rps.
        let a = arch(SHOP);
        let g = ArchGraph::new(&a);
        let m = Model::new(&a, &g);
        let limit = m.limit().unwrap();
        assert_eq!(limit.users, Some(200_000.0));
        assert_eq!(limit.by, a.find("web_a").unwrap());
        assert!(m.holds(Demand::Users(200_000.0)).is_ok());
        assert!(m.holds(Demand::Users(200_001.0)).is_err());
    }

    #[test]
    fn changes_speak_the_designs_words() {
        let src = "client u [rps: 6000]\nec2 app [replicas: 2..4, autoscale, capacity: 800rps]\n\
                   rds db\nu -> app -> db";
        let (a, s) = run(src, Demand::AsWritten);
        let texts: Vec<&str> = s.changes.iter().map(|c| c.text.as_str()).collect();
        // app: ceil(6000 / 560) = 11. db: 3000 assumed; hit ≥ 1 - 2100/6000 = 65%.
        assert!(
            texts.contains(&"raise `app` to `replicas: 2..11`"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"put a cache in front of `db` (needs hit_ratio ≥ 65%)"),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("add read replicas to `db`: `replicas: 3`"))
        );
        assert_eq!(s.changes[0].rule, Some("PF002"));
        // db at 200% is worse off than app at 6000 / 3200.
        assert_eq!(s.bottleneck, a.find("db"));
    }

    #[test]
    fn rps_only_entries_keep_their_rate_when_users_grow() {
        let src = "client web [users: 1000]\nexternal partner [rps: 50]\nservice s\n\
                   web -> s\npartner -> s";
        let (a, s) = run(src, Demand::Users(10_000.0));
        // 10k users → 100 rps, plus the partner's 50.
        assert!(near(find(&a, &s, "s").load_rps, 150.0));
        // Every entry doubles: (10 + 50) × 2.
        let (a, s) = run(src, Demand::Scale(2.0));
        assert!(near(find(&a, &s, "s").load_rps, 120.0));
    }
}
