//! The global layered engine: one layer grid for the whole diagram, with
//! containers as rectangles over it (Sander's compound layering, the idea
//! behind ELK Layered's `INCLUDE_CHILDREN`). Architecture in, [`Placed`] out.
//!
//! Phases, one file each, on one shared [`Engine`]:
//! 1. [`items`]: every component (and every edge end on a container, as an
//!    anchor inside it) becomes an item; edges become links between items.
//! 2. [`rank`]: cycle breaking, longest-path layers on one grid, isolated
//!    items packed in a grid, tier subnets of sibling zones on one band;
//!    container bands; dummies for long edges and label slots.
//! 3. [`order`]: barycenter sweeps that keep every container contiguous in
//!    each layer and sibling containers in one order across layers; then
//!    transpositions, components moved past sibling containers, and long
//!    edges let out of their end's containers at once, where each of
//!    these removes crossings.
//! 4. [`place`]: coordinates across the flow from separation constraints
//!    (container borders included) solved by block merging, so edges run
//!    straight where their ends allow; then the layers' depths.
//! 5. [`route`]: ports, shared trunks for fan-outs and fan-ins, tracks in
//!    the channels, polylines; then the mapping to the diagram's direction.
//! 6. On the finished scene: [`detour`](super::detour)s for the edges the
//!    order could not keep out of unrelated containers and for edges that
//!    share a line, fan-ins bundled into one trunk, then
//!    [`straighten`](super::straighten)ing and captions freed; last, on the
//!    chosen picture, narrow [`gaps`](super::gaps) beside borders opened.
//!
//! Everything is computed in a canonical frame where layers run downwards
//! (x across the flow, y along it) and mapped to the real direction last.

mod items;
mod order;
mod place;
mod rank;
mod repair;
mod route;

use super::wrap::PAGE;
use super::{DENSE_FROM, LayoutEngine, Timings};
use crate::model::{Architecture, Direction, ElementId};
use crate::scene::Scene;

/// Components up to which one grid is tried; bigger diagrams (generated
/// ones, in practice) go to the per-container engine, which is linear.
pub const GLOBAL_UP_TO: usize = 400;

/// Edges up to which one grid is tried: the passes on the finished scene
/// (lanes, straightening, bundles) weigh each edge against every other.
pub const GLOBAL_EDGES_UP_TO: usize = 500;

/// Rounds of layering, ordering and repair at most.
const ROUNDS: usize = 8;

/// The engine named `layered` on the command line (the default).
pub struct Global;

impl LayoutEngine for Global {
    fn name(&self) -> &'static str {
        "layered"
    }

    fn layout(&self, arch: &Architecture, timings: &mut Timings) -> Scene {
        self.try_layout(arch, timings).unwrap_or_else(|| {
            // Said by `render --stats`, which lists the phases.
            timings.time("fell back to recursive", || ());
            let mut scene = super::layered::Layered.layout(arch, timings);
            // Wrapping re-routes the edges between rows, so lanes are kept
            // apart after it, as on the one grid.
            timings.time("wrapping", || {
                super::wrap::wrap(&mut scene, arch.direction, PAGE_FROM)
            });
            timings.time("lanes", || separate_lanes(&mut scene));
            super::page::fit(&mut scene);
            scene
        })
    }
}

impl Global {
    /// The one-grid layout, or None where the diagram is too tangled for
    /// the repair, an edge it cannot keep out of unrelated containers finds
    /// no detour either, or the diagram is bigger than [`GLOBAL_UP_TO`]
    /// components or [`GLOBAL_EDGES_UP_TO`] edges: the caller then uses the
    /// per-container engine. The page is fitted to the finished drawing.
    pub fn try_layout(&self, arch: &Architecture, timings: &mut Timings) -> Option<Scene> {
        let mut scene = self.finished(arch, timings)?;
        timings.time("gaps", || super::gaps::open(&mut scene));
        super::page::fit(&mut scene);
        Some(scene)
    }

    /// The finished picture of [`Global::try_layout`], before its page is
    /// fitted.
    fn finished(&self, arch: &Architecture, timings: &mut Timings) -> Option<Scene> {
        let leaves = arch.elements.iter().filter(|e| !e.is_container()).count();
        if leaves > GLOBAL_UP_TO || arch.edges.len() > GLOBAL_EDGES_UP_TO {
            return None;
        }
        let mut e = Engine::new(arch);
        timings.time("items", || e.build_items());
        let first = grid(e.clone(), timings)?;
        // Each finished picture costs about the same again, and each
        // order tried a routing: a dense diagram has its declared order
        // finished, once (the finishing passes take seconds there).
        // Others also try the declared order with every long edge inside
        // its containers for as long as they last, as the sweeps leave it.
        let dense = arch.edges.len() > DENSE_FROM;
        let kept_in = if dense {
            None
        } else {
            let mut plain = e.clone();
            plain.lift = false;
            grid(plain, timings).map(|g| g.1)
        };
        // The finishing passes change a picture too much for the routed
        // cost to choose alone: the declared order and the cheapest others
        // are finished, and the best finished picture wins.
        // Where a component feeds sibling sites (a load balancer and its
        // zones), the declared order is also tried with the component
        // before everything in them: often the better picture, but not
        // always (it can stretch the zones along the flow).
        let lead_in = if dense { Vec::new() } else { e.lead_in_pairs() };
        let led_in = if lead_in.is_empty() {
            None
        } else {
            let mut led = e.clone();
            led.lead_in = lead_in;
            grid(led, timings).map(|g| g.1)
        };
        // An element that spans sibling zones is drawn centred across them
        // (a load balancer over its zones); the declared order is also
        // finished without that, which wins where centring costs a flaw.
        let uncentred = if dense || e.spans.is_empty() {
            None
        } else {
            let mut plain = e.clone();
            plain.spans.clear();
            grid(plain, timings).map(|g| g.1)
        };
        let mut candidates = timings.time("order search", || search_orders(e, first));
        if let Some(s) = kept_in
            && !candidates.iter().any(|(_, c)| same_routes(c, &s))
        {
            candidates.insert(1, (0.0, s));
            candidates.truncate(FINISHED);
        }
        if let Some(s) = led_in
            && !candidates.iter().any(|(_, c)| same_routes(c, &s))
        {
            candidates.insert(1, (0.0, s));
            candidates.truncate(FINISHED + 1);
        }
        if let Some(s) = uncentred
            && !candidates.iter().any(|(_, c)| same_routes(c, &s))
        {
            candidates.push((0.0, s));
        }
        let from = super::straighten::SEARCH_FROM;
        let plain = |from| Pass {
            from,
            trunks: &[1.0],
        };
        let runs: Vec<(Scene, Pass)> = candidates
            .into_iter()
            .map(|(_, s)| (s, plain(from)))
            .collect();
        let routed: Vec<Scene> = runs.iter().map(|r| r.0.clone()).collect();
        let vertical = !matches!(arch.direction, Direction::Right | Direction::Left);
        let (k, mut best, cost) = finish_all(runs, vertical, dense, timings)?;
        if dense {
            return Some(best);
        }
        // On the chosen order only, two more finished pictures, side by
        // side (on two cores, in the time of one):
        // - the search for long staircases from one bend more: where fewer
        //   edges are searched afresh, the bundles sometimes meet better;
        // - bundles routed with heavier crossings too, which draws a trunk
        //   round what it would cross.
        let heavy = Pass {
            from,
            trunks: super::detour::TRUNK_WEIGHTS,
        };
        let (_, other, other_cost) = finish_all(
            vec![
                (routed[k].clone(), plain(from + 1)),
                (routed[k].clone(), heavy),
            ],
            vertical,
            false,
            timings,
        )?;
        if other_cost < cost {
            best = other;
        }
        Some(best)
    }
}

/// How a routed picture is finished: the detour search for staircases of
/// more than `from` bends, and the crossing weights its bundles are routed
/// with (see [`super::detour::bundle_weighing`]).
#[derive(Clone, Copy)]
struct Pass {
    from: usize,
    trunks: &'static [f64],
}

/// Finishes each routed picture (as its [`Pass`] says), each on its
/// own thread: on a machine of several cores this costs the time of one.
/// The choice does not depend on which finishes first: the cheapest by
/// [`final_cost`] wins, the earlier one a tie. Returns its index, the
/// finished picture and its cost.
fn finish_all(
    runs: Vec<(Scene, Pass)>,
    vertical: bool,
    dense: bool,
    timings: &mut Timings,
) -> Option<(usize, Scene, f64)> {
    let finished: Vec<(Scene, Timings)> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|(scene, pass)| {
                scope.spawn(move || {
                    let mut own = Timings::default();
                    let done = finish_twice(scene, pass, dense, &mut own);
                    (done, own)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the finishing passes do not panic"))
            .collect()
    });
    let mut best: Option<(usize, Scene, f64)> = None;
    for (k, (done, own)) in finished.into_iter().enumerate() {
        timings.phases.extend(own.phases);
        let score = final_cost(&done, vertical);
        if best.as_ref().is_none_or(|b| score < b.2) {
            best = Some((k, done, score));
        }
    }
    best
}

/// The finishing passes, tried with and without the detour search first.
fn finish_twice(mut scene: Scene, pass: Pass, dense: bool, timings: &mut Timings) -> Scene {
    timings.time("lanes", || separate_lanes(&mut scene));
    // The detour search straightens long staircases best before the
    // bundles are made; where that leaves a bundle with a staircase or
    // an edge of too many bends, the bundles are also made without it
    // and the cheaper picture is kept.
    let searched = finish(scene.clone(), Some(pass.from), pass, timings);
    let r = super::stats::readability(&searched, false);
    if dense || r.bends_max <= super::detour::MOST_BENDS && r.jogs == 0 {
        return searched;
    }
    let plain = finish(scene, None, pass, timings);
    if super::detour::bundle_cost(&plain) < super::detour::bundle_cost(&searched) {
        plain
    } else {
        searched
    }
}

/// What a crossing costs a finished picture: two bends. Readers find
/// crossings the hardest part of a drawing to follow, bends the next
/// (Purchase 1997); the detour search, which prices a crossing below a
/// bend, chooses among routes of one edge, not among pictures.
const CROSSING: f64 = 2.0 * super::detour::BEND;

/// What a flaw costs a finished picture: as much as 6 250 crossings, so
/// that a picture with a flaw loses to one without, unless that one has
/// thousands more crossings.
const FLAW: f64 = 1.0e6;

/// What a finished picture costs a reader: first the flaws the
/// readability figures count, each of which breaks a limit of issue #8
/// (see [`FLAW`]); then crossings and bends.
fn final_cost(scene: &Scene, vertical: bool) -> f64 {
    let r = super::stats::readability(scene, vertical);
    let over = scene
        .edges
        .iter()
        .filter(|e| e.points.len().saturating_sub(2) > super::detour::MOST_BENDS)
        .count();
    // The mean of the readability limits (issue #8) counts as one flaw.
    let bent = usize::from(r.bends_mean > super::uncross::MEAN_BENDS + 1e-9);
    let flaws = r.jogs
        + over
        + bent
        + r.labels_far
        + r.labels_ambiguous
        + r.hidden_arrowheads
        + r.sites_stacked
        + r.tiers_misaligned
        + r.shared_lanes
        + r.borders_hugged
        + r.arrows_beside;
    let bends = r.bends_mean * scene.edges.len() as f64;
    flaws as f64 * FLAW + r.crossings as f64 * CROSSING + bends * super::detour::BEND
}

/// Diagrams of more items than this keep their declared sibling order.
const SEARCH_UP_TO: usize = 150;
/// Routed pictures finished at most: the declared order's and the cheapest others.
const FINISHED: usize = 4;
/// Sibling orders tried at most.
const CANDIDATES: usize = 24;
/// Sibling containers permuted in every order; more are swapped in pairs.
const PERMUTE_UP_TO: usize = 4;

/// The routed pictures worth finishing: the one of the declared order of
/// sibling containers and, on small diagrams, those of other orders of the
/// groups that are not sites (zones keep their declared order), each
/// picture once, cheapest routed picture ([`routed_cost`]) first. Parents
/// are taken one at a time, the others in the cheapest order found so far.
fn search_orders<'a>(first: Engine<'a>, declared: (Engine<'a>, Scene)) -> Vec<(f64, Scene)> {
    let mut cost = routed_cost(&declared.1);
    let mut all = vec![(cost, declared.1)];
    if first.base > SEARCH_UP_TO || first.arch.edges.len() > DENSE_FROM {
        return all;
    }
    let mut tried = 0;
    let parents: Vec<Option<ElementId>> = std::iter::once(None)
        .chain(first.containers.iter().map(|&c| Some(c)))
        .collect();
    // One parent at a time, the others in the best order found so far.
    // A site's subnets are ordered with those of its sibling sites (the
    // public, app and data columns of AZ a and AZ b stay alike), so the
    // sibling sites after the first are not searched again.
    let mut order = first.clone();
    let mut coupled: Vec<ElementId> = Vec::new();
    for p in parents {
        if p.is_some_and(|p| coupled.contains(&p)) {
            continue;
        }
        if let Some(p) = p {
            coupled.extend(first.tier_partners(p));
        }
        let kids = order.child_containers(p).to_vec();
        let slots: Vec<usize> = (0..kids.len())
            .filter(|&k| !first.arch.element(kids[k]).kind.traits.parallel)
            .collect();
        for perm in rearrangements(slots.len()).into_iter().skip(1) {
            if cost == 0.0 || tried == CANDIDATES {
                break;
            }
            tried += 1;
            let mut next = kids.clone();
            for (k, &q) in perm.iter().enumerate() {
                next[slots[k]] = kids[slots[q]];
            }
            let mut cand = order.clone();
            cand.set_sibling_order(p, next.clone());
            let Some(found) = grid(cand, &mut Timings::default()) else {
                continue;
            };
            let c = routed_cost(&found.1);
            // The same picture from another order is not finished twice.
            if !all.iter().any(|(_, s)| same_routes(s, &found.1)) {
                all.push((c, found.1));
            }
            if c < cost {
                cost = c;
                order.set_sibling_order(p, next);
            }
        }
    }
    // The declared order, then the cheapest others.
    all[1..].sort_by(|a, b| a.0.total_cmp(&b.0));
    all.truncate(FINISHED);
    all
}

/// Whether two routed pictures draw every edge along the same points.
fn same_routes(a: &Scene, b: &Scene) -> bool {
    a.edges.len() == b.edges.len()
        && a.edges
            .iter()
            .zip(&b.edges)
            .all(|(x, y)| x.points == y.points)
}

/// Orders of `n` things to try, the identity first: every permutation up to
/// [`PERMUTE_UP_TO`], else each swap of neighbours.
fn rearrangements(n: usize) -> Vec<Vec<usize>> {
    let id: Vec<usize> = (0..n).collect();
    if n < 2 {
        return vec![id];
    }
    if n > PERMUTE_UP_TO {
        let mut out = vec![id.clone()];
        for k in 0..n - 1 {
            let mut p = id.clone();
            p.swap(k, k + 1);
            out.push(p);
        }
        return out;
    }
    // Lexicographic order from the identity.
    let mut out = vec![id.clone()];
    let mut p = id;
    loop {
        let Some(i) = (0..n - 1).rev().find(|&i| p[i] < p[i + 1]) else {
            return out;
        };
        let j = (i + 1..n)
            .rev()
            .find(|&j| p[j] > p[i])
            .expect("p[i+1] > p[i]");
        p.swap(i, j);
        p[i + 1..].reverse();
        out.push(p.clone());
    }
}

/// What a routed picture costs a reader before the finishing passes: its
/// crossings and bends, weighed as the detour search weighs them.
fn routed_cost(scene: &Scene) -> f64 {
    let q = super::stats::quality(scene);
    q.crossings as f64 * super::detour::CROSS + q.bends as f64 * super::detour::BEND
}

/// Layers, order, placement and routing for the sibling order `e` holds:
/// the routed scene, before the finishing passes; None where one grid does
/// not fit the diagram.
fn grid<'a>(mut e: Engine<'a>, timings: &mut Timings) -> Option<(Engine<'a>, Scene)> {
    // An edge that would cross a container holding neither of its ends
    // is repaired in the order; where it cannot be, its far end is moved
    // to a later layer and the grid is built again.
    // Big diagrams get fewer rounds: each one lays the whole grid out.
    let rounds = if e.base > 150 { 2 } else { ROUNDS };
    for round in 0..rounds {
        timings.time("layering", || e.rank());
        timings.time("ordering", || e.order());
        let mut pushes = timings.time("repair", || e.repair());
        pushes.retain(|&(v, _)| v == usize::MAX || e.pushed.insert(v));
        if pushes.is_empty() || round + 1 == rounds {
            break;
        }
        e.reset(&pushes);
    }
    // What the order could not keep out of unrelated containers is
    // routed around them once everything else is in place.
    let detours = e.obstructed();
    e.drop_links(&detours);
    let mut scene = e.place(timings);
    // A long flow on a narrow page: the boxes move apart across the
    // flow until the page is no longer than PAGE times its width.
    for _ in 0..3 {
        let Some(extra) = e.widening(&scene) else {
            break;
        };
        e.spread += extra;
        let wider = e.place(timings);
        // A flow of one box per layer does not widen: it needs wrapping.
        if e.across(&wider) <= e.across(&scene) + 0.5 {
            e.spread -= extra;
            break;
        }
        scene = wider;
    }
    if !detours.is_empty() && !timings.time("detours", || route_detours(&mut scene, detours)) {
        return None;
    }
    // A flow that widening could not make a page of: wrapped into
    // columns or rows.
    timings.time("wrapping", || {
        super::wrap::wrap(&mut scene, e.arch.direction, PAGE_FROM)
    });
    Some((e, scene))
}

/// Orders of the detours tried at most. Each detour is searched with the
/// ones before it in place, so the last ones find the channels and a hub's
/// sides taken; an edge that finds no route goes first in the next order.
const DETOUR_ORDERS: usize = 3;

/// Routes `detours` (edges the order could not keep out of unrelated
/// containers) around what they may not cross; false where no order of
/// [`DETOUR_ORDERS`] routes them all.
fn route_detours(scene: &mut Scene, mut detours: Vec<usize>) -> bool {
    for round in 0..DETOUR_ORDERS {
        let mut routed = scene.clone();
        match super::detour::reroute_each(&mut routed, &detours) {
            Ok(()) => {
                *scene = routed;
                return true;
            }
            Err(super::detour::Stuck::TooBig) => return false,
            Err(super::detour::Stuck::NoRoute(k)) => {
                let at = detours.iter().position(|&d| d == k).unwrap_or(0);
                if round == 0 && !worth_another_order(at, detours.len()) {
                    return false;
                }
                detours.retain(|&d| d != k);
                detours.insert(0, k);
            }
        }
    }
    false
}

/// Whether the first order of `detours` detours, whose search found no
/// route for the one at position `at`, is worth following with others
/// (that one first): only where few were left to route, at most one in 16
/// and one more. A mesh whose channels fill up long before its last
/// detours fails again in every order (`generate --leaves 80 to 150`,
/// seeds 1 to 4, measured on 2026-12-05: every design whose first order
/// failed with more left fell back to the per-container engine after all
/// three, and the one that a later order rescued had failed on its last
/// three), and each order costs seconds there.
fn worth_another_order(at: usize, detours: usize) -> bool {
    detours - at <= detours / 16 + 1
}

/// The passes on the routed scene: straightening (with the detour search
/// for staircases of more than `first` bends when given), bundles (with
/// the pass's crossing weights), straightening again with the search from
/// the pass's `from` bends, captions, and a
/// last look at shared lanes.
fn finish(mut scene: Scene, first: Option<usize>, pass: Pass, timings: &mut Timings) -> Scene {
    // Straightened first, so that a bundle is kept only where it beats the
    // simplest separate routes; then what the bundles freed.
    timings.time("straightening", || {
        super::straighten::straighten_with(&mut scene, first)
    });
    timings.time("bundling", || {
        super::detour::bundle_weighing(&mut scene, pass.trunks)
    });
    timings.time("straightening", || {
        super::straighten::straighten_with(&mut scene, Some(pass.from))
    });
    timings.time("uncrossing", || super::uncross::uncross(&mut scene));
    timings.time("captions", || {
        super::detour::merge_captions(&mut scene);
        super::detour::free_captions(&mut scene)
    });
    // The passes above keep lanes apart one edge at a time; a last look at
    // the whole.
    timings.time("lanes", || separate_lanes(&mut scene));
    scene
}

/// The width and height of the least page that holds `scene`'s boxes,
/// with the margins and the title's band: the page widening aims at. The
/// routes of the placed scene may reach farther (round the outside, in
/// channels the finishing passes empty), and the page is fitted to the
/// finished drawing ([`super::page::fit`]).
fn boxes_extent(scene: &Scene) -> [f64; 2] {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [f64::NEG_INFINITY; 2];
    for b in scene.boxes() {
        lo = [lo[0].min(b.x), lo[1].min(b.y)];
        hi = [hi[0].max(b.x + b.width), hi[1].max(b.y + b.height)];
    }
    let title = if scene.title.is_some() {
        super::measure::DIAGRAM_TITLE_BAND
    } else {
        0.0
    };
    let m = 2.0 * super::measure::MARGIN;
    [
        (hi[0] - lo[0]).max(0.0) + m,
        (hi[1] - lo[1]).max(0.0) + m + title,
    ]
}

/// Boxes (components and containers) from which a diagram is a page.
const PAGE_FROM: usize = 8;

impl Engine<'_> {
    /// Coordinates, channels and the scene for the current order.
    fn place(&mut self, timings: &mut Timings) -> Scene {
        timings.time("placement", || self.place_across());
        timings.time("routing", || self.plan_channels());
        timings.time("depth", || self.place_along());
        let placed = timings.time("assembly", || self.assemble());
        timings.time("scene", || super::scene_from(self.arch, placed))
    }

    /// Extent of `scene` across the flow: of its boxes, with the margins.
    fn across(&self, scene: &Scene) -> f64 {
        boxes_extent(scene)[usize::from(self.horizontal())]
    }

    /// Extent of `scene` along the flow: of its boxes, with the margins.
    fn along(&self, scene: &Scene) -> f64 {
        boxes_extent(scene)[usize::from(!self.horizontal())]
    }

    /// Room to add to every gap across the flow when `scene` is a strip
    /// along the flow, longer than [`PAGE`] times its width; None when it
    /// is a page. The widening gaps of the layer with most of them share
    /// what is missing.
    fn widening(&self, scene: &Scene) -> Option<f64> {
        if scene.nodes.len() + scene.containers.len() < PAGE_FROM {
            return None;
        }
        let missing = self.along(scene) / PAGE - self.across(scene);
        if missing <= 0.5 {
            return None;
        }
        // The gaps that widen: between sibling containers, or between the
        // boxes of a layer in a diagram without containers (see
        // `Engine::node_gap` and `Engine::container_gap`).
        let gaps = self
            .layers
            .iter()
            .map(|l| {
                if self.containers.is_empty() {
                    l.iter()
                        .filter(|&&v| self.items[v].is_leaf())
                        .count()
                        .saturating_sub(1)
                } else {
                    self.tokens(l)
                        .windows(2)
                        .filter(|w| matches!(w, [place::Tok::Close(_), place::Tok::Open(_)]))
                        .count()
                }
            })
            .max()
            .unwrap_or(1)
            .max(1);
        Some((missing / gaps as f64 + 1.0).ceil())
    }
}

/// Where two edges with no end in common still run along one line (the
/// channel tracks keep them apart, but a stub can meet another edge's
/// trunk), one of them takes a detour; where none exists it stays.
fn separate_lanes(scene: &mut Scene) {
    // A detour's search grid grows with the square of the boxes: past this
    // many, none fits (see `detour::MAX_GRID`), so none is tried.
    if scene.nodes.len() + scene.containers.len() > super::detour::MAX_BOXES {
        return;
    }
    let mut tried = std::collections::HashSet::new();
    for _ in 0..32 {
        let pairs = super::check::shared_lane_pairs(scene);
        // The later edge of a pair first, then the earlier one.
        let Some(k) = pairs
            .iter()
            .flat_map(|&(i, j)| [j, i])
            .find(|k| !tried.contains(k))
        else {
            return;
        };
        tried.insert(k);
        super::detour::reroute(scene, &[k]);
    }
}

/// What an item of the layer grid stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum ItemKind {
    /// A component.
    Leaf(ElementId),
    /// Where an edge meets a container: a point just inside it.
    Anchor,
    /// A long edge passing through a layer.
    Dummy,
    /// The slot of an edge's caption (the edge runs along its left side).
    Label(usize),
    /// Keeps a container present in a layer where it holds nothing else.
    Placeholder,
}

/// One box (or point) of the layer grid, in the canonical frame.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub kind: ItemKind,
    /// The container that holds the item (None: top level).
    pub parent: Option<ElementId>,
    pub layer: usize,
    /// Extent across the flow (x) and along it (y).
    pub w: f64,
    pub h: f64,
    /// Room kept free on the item's left for self-loops.
    pub inset: f64,
    /// Left edge across the flow.
    pub x: f64,
}

impl Item {
    /// Whether the item is a real box (a component).
    pub fn is_leaf(&self) -> bool {
        matches!(self.kind, ItemKind::Leaf(_))
    }
    /// Where an edge passes through a dummy or label slot, or a box's centre.
    pub fn line(&self) -> f64 {
        match self.kind {
            ItemKind::Dummy | ItemKind::Label(_) | ItemKind::Anchor => self.x,
            _ => self.x + self.inset + (self.w - self.inset) / 2.0,
        }
    }
    /// The left and right ends of the box (without the loop room).
    pub fn span(&self) -> (f64, f64) {
        (self.x + self.inset, self.x + self.w)
    }
}

/// An edge of the model between two items, oriented down the layers.
#[derive(Debug, Clone)]
pub(super) struct Link {
    /// The model edge.
    pub edge: usize,
    pub tail: usize,
    pub head: usize,
    /// Fewest layers between its ends (2 when it has a caption).
    pub len: usize,
    /// The model edge runs from `head` to `tail` (a cycle was broken).
    pub reversed: bool,
    /// Items from `tail` to `head`, one per layer (dummies and label slot between).
    pub chain: Vec<usize>,
    /// An association between sibling sites (replication, peering): it does
    /// not order them, and when its ends share a layer it runs as a U
    /// through the channel below.
    pub flat: bool,
}

impl Link {
    /// Whether it joins two items of one layer.
    pub fn is_flat(&self) -> bool {
        self.flat && self.chain.len() == 2
    }
}

/// How an edge end on a container is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum AnchorRole {
    /// The other end is outside: the edge stops at the border.
    Outside,
    /// The other end is inside: the edge starts (or ends) at the top (or
    /// bottom) border and runs in from there.
    Inside,
}

/// State shared by the phases.
#[derive(Clone)]
pub(super) struct Engine<'a> {
    pub arch: &'a Architecture,
    pub dir: Direction,
    pub items: Vec<Item>,
    /// The item of each component.
    pub item_of: Vec<Option<usize>>,
    /// Anchors: item → (container, role).
    pub anchors: Vec<(usize, ElementId, AnchorRole)>,
    pub links: Vec<Link>,
    /// Layering-only constraints `(a, b)`: `a` in an earlier layer than `b`.
    pub extra: Vec<(usize, usize)>,
    /// Items of each layer, in order across the flow.
    pub layers: Vec<Vec<usize>>,
    /// First and last layer of each container (None: not a container).
    pub band: Vec<Option<(usize, usize)>>,
    /// Containers in the order to visit (pre-order), and each one's index.
    pub containers: Vec<ElementId>,
    /// Left and right border of each container (across the flow).
    pub cx: Vec<(f64, f64)>,
    /// Top and bottom border of each container (along the flow).
    pub cy: Vec<(f64, f64)>,
    /// Sibling order of each container's child containers.
    pub child_order: Vec<Vec<ElementId>>,
    /// Top-level child containers, in order.
    pub root_order: Vec<ElementId>,
    /// Top of each layer and its depth.
    pub layer_y: Vec<(f64, f64)>,
    /// Per layer: the channel below it, planned.
    pub channels: Vec<route::Channel>,
    /// Every link's steps, layer to layer: ports and tracks.
    pub routes: Vec<Vec<route::StepRoute>>,
    /// Top of the channel below each layer.
    pub channel_top: Vec<f64>,
    /// Per link: the container whose bottom band holds it, for a U whose
    /// ends' innermost common container closes on their layer (the channel
    /// below would run outside it).
    pub u_home: Vec<Option<ElementId>>,
    /// Per container: the depth of the band of U-links at its bottom.
    pub u_room: Vec<f64>,
    /// Per container: how far below its last layer that band starts.
    pub u_top: Vec<f64>,
    /// Room a container keeps free on its left for its self-loops.
    pub loop_room: Vec<f64>,
    /// Self-loop count per element.
    pub loops_of: Vec<usize>,
    /// Items made by phase 1 (the rest are dummies, slots, placeholders).
    pub base: usize,
    /// Sibling moves the repair made: (moved, beside), each tried once.
    pub reordered: std::collections::HashSet<(ElementId, ElementId)>,
    /// Components pushed below a container, each once: a container that
    /// grows with the push would otherwise chase it down the grid.
    pub pushed: std::collections::HashSet<usize>,
    /// Earliest layer of each item of phase 1.
    pub min_layer: Vec<usize>,
    /// Anchors of edges between a container and something inside it:
    /// (item, container, whether the edge leaves the container).
    pub pending_inside: Vec<(usize, ElementId, bool)>,
    /// Room added across the flow to every gap between sibling containers
    /// (or, in a diagram without containers, between boxes), so that a long
    /// flow fills a page instead of a strip.
    pub spread: f64,
    /// Whether long edges may leave their end's containers at once where
    /// that removes crossings (see `order::lift_chains`).
    pub lift: bool,
    /// The components drawn centred across sibling zones: each whose `azs`
    /// names two or more of them, with those zones (see
    /// `place::Engine::zones_spanned`); empty when that layout is not tried.
    pub spans: Vec<(usize, Vec<ElementId>)>,
    /// Layering constraints putting a component that feeds sibling sites
    /// before all their connected content (see `rank::lead_in_pairs`);
    /// empty unless that layout is tried.
    pub lead_in: Vec<(usize, usize)>,
}

impl<'a> Engine<'a> {
    fn new(arch: &'a Architecture) -> Self {
        let n = arch.elements.len();
        Engine {
            arch,
            dir: arch.direction,
            items: Vec::new(),
            item_of: vec![None; n],
            anchors: Vec::new(),
            links: Vec::new(),
            extra: Vec::new(),
            layers: Vec::new(),
            band: vec![None; n],
            containers: Vec::new(),
            cx: vec![(0.0, 0.0); n],
            cy: vec![(0.0, 0.0); n],
            child_order: vec![Vec::new(); n],
            root_order: Vec::new(),
            layer_y: Vec::new(),
            channels: Vec::new(),
            routes: Vec::new(),
            channel_top: Vec::new(),
            u_home: Vec::new(),
            u_room: vec![0.0; n],
            u_top: vec![0.0; n],
            loops_of: vec![0; n],
            loop_room: vec![0.0; n],
            pending_inside: Vec::new(),
            base: 0,
            min_layer: Vec::new(),
            reordered: Default::default(),
            pushed: Default::default(),
            lift: true,
            spans: Vec::new(),
            lead_in: Vec::new(),
            spread: 0.0,
        }
    }

    /// Back to the items of phase 1, with new earliest layers.
    fn reset(&mut self, pushes: &[(usize, usize)]) {
        for &(v, l) in pushes.iter().filter(|p| p.0 < self.base) {
            self.min_layer[v] = self.min_layer[v].max(l);
        }
        self.items.truncate(self.base);
        for l in &mut self.links {
            if l.reversed {
                std::mem::swap(&mut l.tail, &mut l.head);
                l.reversed = false;
            }
            l.chain.clear();
        }
        self.extra.clear();
        self.layers.clear();
        self.band.iter_mut().for_each(|b| *b = None);
    }

    /// Child containers of `parent` (None: top level) in their current order.
    pub fn child_containers(&self, parent: Option<ElementId>) -> &[ElementId] {
        match parent {
            Some(p) => &self.child_order[p.0],
            None => &self.root_order,
        }
    }

    /// Containers from the top level down to the one holding `item`.
    pub fn path_of(&self, item: usize) -> Vec<ElementId> {
        let mut path: Vec<ElementId> = Vec::new();
        let mut cur = self.items[item].parent;
        while let Some(c) = cur {
            path.push(c);
            cur = self.arch.element(c).parent;
        }
        path.reverse();
        path
    }

    /// The order of the child containers of `parent` (None: top level).
    pub fn sibling_order(&mut self, parent: Option<ElementId>) -> &mut Vec<ElementId> {
        match parent {
            Some(p) => &mut self.child_order[p.0],
            None => &mut self.root_order,
        }
    }

    /// Whether the layers run across the page (right, left).
    pub fn horizontal(&self) -> bool {
        matches!(self.dir, Direction::Right | Direction::Left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::sides;
    use crate::layout::detour::{Stuck, reroute_each};
    use crate::layout::testkit::{boxed, edge};

    /// Another order is tried where the first failed on one of its last
    /// detours (at most one in 16 and one more left), not where it failed
    /// with many left.
    #[test]
    fn an_order_that_fails_early_is_not_tried_again() {
        // The last of two, the last three of 98: tried again.
        assert!(worth_another_order(1, 2));
        assert!(worth_another_order(95, 98));
        assert!(worth_another_order(91, 98));
        // Eight of 98, or 12 of 89, left: not.
        assert!(!worth_another_order(90, 98));
        assert!(!worth_another_order(77, 89));
        assert!(!worth_another_order(0, 2));
    }

    /// Two detours need one slit: `d -> e` runs straight through it (and
    /// through a second slit below), and `c -> hub` can reach its hub, in a
    /// walled pocket, through those slits only. In the order given the
    /// first one takes the slits and the second finds no route; the
    /// second goes first in the next order, and the first goes round the
    /// walls.
    #[test]
    fn a_detour_that_finds_no_route_goes_first_next_time() {
        let mut nodes = vec![
            boxed("d", sides(395.0, 20.0, 515.0, 60.0)),
            boxed("e", sides(395.0, 900.0, 515.0, 940.0)),
            boxed("c", sides(600.0, 20.0, 700.0, 60.0)),
            boxed("hub", sides(520.0, 450.0, 640.0, 500.0)),
        ];
        // The pocket's walls, each kept 12 px clear of: the slits are the
        // line x = 455 between two blocks.
        let walls = [
            ("t1", sides(-500.0, 100.0, 443.0, 280.0)),
            ("t2", sides(467.0, 100.0, 1400.0, 280.0)),
            ("u1", sides(-500.0, 700.0, 443.0, 880.0)),
            ("u2", sides(467.0, 700.0, 1400.0, 880.0)),
            ("s1", sides(-500.0, 280.0, 200.0, 700.0)),
            ("s2", sides(700.0, 280.0, 1400.0, 700.0)),
        ];
        nodes.extend(walls.iter().map(|(id, r)| boxed(id, *r)));
        // Before rerouting, the detours run through the walls (off the slits).
        let straight = edge("d", "e", vec![[420.0, 60.0], [420.0, 900.0]]);
        let into = edge("c", "hub", vec![[650.0, 60.0], [580.0, 450.0]]);
        let scene = Scene {
            width: 1500.0,
            height: 1000.0,
            title: None,
            nodes,
            containers: Vec::new(),
            edges: vec![straight, into],
        };
        // The first order leaves the hub no way in.
        let mut first = scene.clone();
        assert_eq!(reroute_each(&mut first, &[0, 1]), Err(Stuck::NoRoute(1)));
        let mut routed = scene.clone();
        assert!(route_detours(&mut routed, vec![0, 1]));
        let broken = crate::layout::check::violations(&routed, crate::layout::check::Contract::ALL);
        assert!(broken.is_empty(), "{broken:?}");
        // The hub's edge came in through the upper slit; the other went
        // round the walls. (Routes round the left moved the drawing right.)
        let wall = |id: &str| routed.find(id).unwrap().rect();
        let slit = routed.find("d").unwrap().rect().centre().x;
        let into = &routed.edges[1].points;
        assert!(
            into.iter()
                .any(|p| p[0] == slit && p[1] < wall("t1").bottom),
            "{into:?}"
        );
        let round = &routed.edges[0].points;
        let (left, right) = (wall("t1").left, wall("t2").right);
        assert!(
            round.iter().any(|p| p[0] < left || p[0] > right),
            "{round:?}"
        );
    }
}
