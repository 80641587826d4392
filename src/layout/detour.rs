//! Detours: an orthogonal route found by search, for an edge that the layer
//! grid could only draw through a container holding neither of its ends
//! (a monitoring hub scraping services in three sibling namespaces, say).
//!
//! Scene in, scene out. The search runs on the grid of lines through every
//! obstacle's border (kept [`CLEAR`] away from it) and the channels between
//! them, the way orthogonal connector routers do (Wybrow, Marriott and
//! Stuckey, "Orthogonal connector routing", 2009): A* over (point, heading)
//! with a cost for length, bends, crossings and running along another edge.
//! Hard obstacles are every box the edge may not cross, container title
//! bands and other captions; the ends' ancestors may be crossed.

use super::measure::{DIAGRAM_TITLE_FONT, MARGIN, TITLE_BAND, edge_label_box};
use super::stats::{BESIDE, Beside, hug_band};
use crate::geometry::{Point, Rect, Size, simplify};
use crate::scene::metrics::title_patch;
use crate::scene::{EdgeOp, Scene, SceneEdge};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::ops::Range;

/// Room kept between a detour and any box it passes.
const CLEAR: f64 = 12.0;
/// Length of the last stretch before an end, so the arrowhead shows.
const APPROACH: f64 = 24.0;
/// Closest a detour runs beside another edge's parallel segment.
const APART: f64 = 8.0;
/// Parallel segments nearer than this run on one line: they look like one,
/// and the contract (`check::shared_lane_pairs`, which rounds coordinates
/// to whole units) counts them as a shared lane.
const ON: f64 = 1.0;
/// Cost of one bend, in units of length.
pub(super) const BEND: f64 = 80.0;
/// Cost of crossing another edge.
pub(super) const CROSS: f64 = 60.0;
/// Cost of one step along another edge's line (avoided unless unavoidable).
const ALONG: f64 = 5000.0;
/// Extra cost of a unit of length along a container's border (nearer than
/// [`HUG`](super::stats::HUG) inside it or on its line), where edge and border read as one.
const HUG_TOLL: f64 = 0.5;
/// Grid points a search may visit at most (a diagram that big is left to
/// the per-container engine).
const MAX_GRID: usize = 400_000;
/// Boxes above which no detour is searched for (the grid would pass
/// [`MAX_GRID`] points).
pub const MAX_BOXES: usize = 400;
/// Spacing of the lanes laid around everything.
const OUTER: f64 = 12.0;
/// Cost of a unit of length along the trunk of a fan-in being bundled.
const PULL: f64 = 0.3;
/// Gap between a caption and its segment.
const CAPTION_GAP: f64 = 4.0;
/// Most edges of one hub bundled into a trunk, or saying one caption.
const MAX_FAN: usize = 12;
/// Searches bundling may make in all (two per member of each hub tried),
/// so that a diagram of many big hubs still draws in a second or two.
const SEARCHES: usize = 160;

/// Reroutes the given edges (indices into `scene.edges`) around everything
/// they may not cross, with their captions beside them. False when some
/// edge has no such route, or joins a container to something inside it.
pub fn reroute(scene: &mut Scene, edges: &[usize]) -> bool {
    reroute_each(scene, edges).is_ok()
}

/// Why [`reroute_each`] could not route every edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stuck {
    /// A search's grid would pass [`MAX_GRID`] points (or an edge joins a
    /// container to something inside it): no order of the edges helps.
    TooBig,
    /// This edge found no route, with the edges before it in place.
    NoRoute(usize),
}

/// [`reroute`], in the given order, saying which edge found no route. An
/// edge with no route of its own is drawn into the trunk of the edges that
/// share its target (or else its source): a hub whose sides are taken by
/// separate arrivals still takes one more edge on a trunk.
pub fn reroute_each(scene: &mut Scene, edges: &[usize]) -> Result<(), Stuck> {
    // A search whose grid would be too big fails at once; seen before any
    // search is made, since a dense diagram's searches take seconds.
    if !edges.iter().all(|&i| fits(scene, i)) {
        return Err(Stuck::TooBig);
    }
    for &i in edges {
        // Off its trunk, an edge shows its own caption.
        scene.edges[i].caption_shared = false;
        let found = route_one(scene, i, None)
            .or_else(|| route_one(scene, i, Some(Hub::Target)))
            .or_else(|| route_one(scene, i, Some(Hub::Source)));
        let Some((points, label_pos)) = found else {
            return Err(Stuck::NoRoute(i));
        };
        let e = &mut scene.edges[i];
        e.points = points;
        e.label_pos = label_pos;
    }
    fit_canvas(scene);
    Ok(())
}

/// Grows the canvas to hold every edge and caption, moving the drawing
/// right and down where a route went round the outside on the left or top.
fn fit_canvas(scene: &mut Scene) {
    let mut lo = [f64::INFINITY; 2];
    let mut hi = [0.0f64; 2];
    for e in &scene.edges {
        let mut reach = e.points.clone();
        if let Some(r) = e.caption_box() {
            reach.extend([[r.left, r.top], [r.right, r.bottom]]);
        }
        for p in reach {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
    }
    let shift = lo.map(|v| (MARGIN / 2.0 - v).max(0.0).ceil());
    if shift != [0.0, 0.0] {
        let [dx, dy] = shift;
        scene.shift(dx, dy);
        scene.width += dx;
        scene.height += dy;
    }
    scene.width = scene.width.max((hi[0] + shift[0] + MARGIN).ceil());
    scene.height = scene.height.max((hi[1] + shift[1] + MARGIN).ceil());
    scene.round();
}

/// Captions that cover a box, a container's title, a container's border or
/// another caption move beside another stretch of their own edge (where
/// one has room; else they stay). So do captions nearer a fan-out
/// sibling's branch than their own edge, where a place nearer their own
/// edge than any other is found.
pub fn free_captions(scene: &mut Scene) {
    for i in 0..scene.edges.len() {
        let e = &scene.edges[i];
        let (caption, _) = e.caption();
        if caption.is_empty() {
            continue;
        }
        let size = edge_label_box(&caption);
        let r = e.caption_box().expect("a caption has a box");
        let covered = covers_box_or_title(scene, r)
            || scene
                .edges
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.caption_box().is_some_and(|c| r.overlaps(&c)));
        let points = e.points.clone();
        // Looked at only when nothing else moves it.
        let astray = !covered && !nearest_its_own(r, &points, &near_lines(scene, i, &points, true));
        if !covered && !astray {
            continue;
        }
        let clear = caption_spot_clear(scene, i, &points, size);
        let at = if covered {
            clear.or_else(|| caption_spot(scene, i, &points, size))
        } else {
            clear
        };
        if let Some(at) = at {
            scene.edges[i].label_pos = Some(at);
        }
    }
    scene.round();
}

/// Axis-parallel segments, horizontal and vertical apart, each sorted by
/// its coordinate: (coordinate, from, to).
#[derive(Default)]
pub(super) struct Lines {
    horizontal: Vec<(f64, f64, f64)>,
    vertical: Vec<(f64, f64, f64)>,
}

impl Lines {
    fn add(&mut self, a: [f64; 2], b: [f64; 2]) {
        let (vertical, at, lo, hi) = extent(a, b);
        self.list_mut(vertical).push((at, lo, hi));
    }

    fn sort(&mut self) {
        self.horizontal.sort_by(|a, b| a.0.total_cmp(&b.0));
        self.vertical.sort_by(|a, b| a.0.total_cmp(&b.0));
    }

    fn is_empty(&self) -> bool {
        self.horizontal.is_empty() && self.vertical.is_empty()
    }

    fn list(&self, vertical: bool) -> &[(f64, f64, f64)] {
        if vertical {
            &self.vertical
        } else {
            &self.horizontal
        }
    }

    fn list_mut(&mut self, vertical: bool) -> &mut Vec<(f64, f64, f64)> {
        if vertical {
            &mut self.vertical
        } else {
            &mut self.horizontal
        }
    }

    /// Segments of one orientation whose coordinate lies within `d` of `at`.
    fn near(&self, vertical: bool, at: f64, d: f64) -> impl Iterator<Item = &(f64, f64, f64)> {
        self.between(vertical, at - d, at + d)
    }

    /// Indices of [`Lines::between`]'s segments in [`Lines::list`].
    fn range(&self, vertical: bool, lo: f64, hi: f64) -> Range<usize> {
        let list = self.list(vertical);
        let start = list.partition_point(|s| s.0 <= lo);
        start..list.partition_point(|s| s.0 < hi).max(start)
    }

    /// Segments of one orientation whose coordinate lies strictly between
    /// `lo` and `hi`.
    fn between(&self, vertical: bool, lo: f64, hi: f64) -> impl Iterator<Item = &(f64, f64, f64)> {
        let list = self.list(vertical);
        let start = list.partition_point(|s| s.0 <= lo);
        list[start..].iter().take_while(move |s| s.0 < hi)
    }
}

/// Orientation, coordinate and extent of an axis-parallel segment.
fn extent(a: [f64; 2], b: [f64; 2]) -> (bool, f64, f64, f64) {
    if (a[0] - b[0]).abs() < 0.01 {
        (true, a[0], a[1].min(b[1]), a[1].max(b[1]))
    } else {
        (false, a[1], a[0].min(b[0]), a[0].max(b[0]))
    }
}

/// The shared end of a bundle: a fan-in meets at its target, a fan-out
/// leaves from its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Hub {
    /// Edges with one target and one operator.
    Target,
    /// Edges with one source and one operator.
    Source,
}

impl Hub {
    /// Whether edges `a` and `b` meet at this hub.
    fn joins(self, a: &SceneEdge, b: &SceneEdge) -> bool {
        a.op == b.op
            && match self {
                Hub::Target => a.to == b.to,
                Hub::Source => a.from == b.from,
            }
    }
}

/// Fan-ins, then fan-outs, of three edges or more (one operator, one hub),
/// or of two that read the same caption, drawn as one trunk: each edge is
/// routed again, drawn to its siblings' lines, and the bundle is kept when
/// it crosses and bends less than before. Members that read the same
/// caption show it once, beside the trunk. An edge kept in a fan-in's
/// trunk is not moved again for a fan-out.
pub fn bundle(scene: &mut Scene) {
    bundle_weighing(scene, &[1.0]);
}

/// Crossing weights a bundle's members may be routed with, beside the
/// plain one: a crossing of a trunk is a crossing of every member on it,
/// so a member routed as if alone leads the trunk across lines that it
/// would rather go round. A heavier weight draws the trunk round them
/// (over the top of a row of services to their registry, say) at the
/// price of longer routes and more bends; the bundle cost chooses.
pub const TRUNK_WEIGHTS: &[f64] = &[1.0, 2.0, 5.0];

/// [`bundle`] with each bundle routed with each of `weights` (times the
/// weight of a crossing for one edge), each time from the routes before
/// it, and the cheapest state kept (the one before bundling included).
pub fn bundle_weighing(scene: &mut Scene, weights: &[f64]) {
    let mut groups: BTreeMap<(Hub, String, EdgeOp), Vec<usize>> = BTreeMap::new();
    for (i, e) in scene.edges.iter().enumerate() {
        if e.from != e.to {
            for (hub, end) in [(Hub::Target, &e.to), (Hub::Source, &e.from)] {
                groups.entry((hub, end.clone(), e.op)).or_default().push(i);
            }
        }
    }
    let mut kept = vec![false; scene.edges.len()];
    let mut budget = SEARCHES;
    for ((hub, _, _), members) in groups {
        let members: Vec<usize> = members.into_iter().filter(|&i| !kept[i]).collect();
        // Two searches per member; a hub too big for what is left keeps
        // its lanes.
        if members.len() > MAX_FAN || 2 * members.len() > budget {
            continue;
        }
        let alike = |m: &[usize]| {
            let first = scene.edges[m[0]].own_caption().0;
            !first.is_empty() && m.iter().all(|&i| scene.edges[i].own_caption().0 == first)
        };
        if members.len() < 2 || (members.len() == 2 && !alike(&members)) {
            continue;
        }
        budget -= 2 * members.len();
        let before: Vec<_> = members.iter().map(|&i| scene.edges[i].clone()).collect();
        // Cost first; at equal cost, the state that shows fewer captions
        // (a caption said once on a trunk, not on every lane: the bends
        // bundling adds then buy exactly what the captions saved).
        let weigh = |s: &Scene| (bundle_cost(s), captions_shown(s));
        let old = weigh(scene);
        let mut alike: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for &i in &members {
            alike
                .entry(scene.edges[i].own_caption().0)
                .or_default()
                .push(i);
        }
        alike.retain(|caption, class| !caption.is_empty() && class.len() >= 2);
        // Two rounds: in the first the early members are drawn to lines
        // the later ones then leave; the second draws each to the bundle as
        // it runs after the first. The cheapest state is kept, the one
        // before bundling included.
        let mut best: Option<((usize, usize), Vec<SceneEdge>)> = None;
        for &weight in weights {
            for (&i, e) in members.iter().zip(&before) {
                scene.edges[i] = e.clone();
            }
            for _ in 0..2 {
                if !bundle_round(scene, &members, hub, &alike, weight) {
                    break;
                }
                let c = weigh(scene);
                if c < best.as_ref().map_or(old, |b| b.0) {
                    best = Some((c, members.iter().map(|&i| scene.edges[i].clone()).collect()));
                }
            }
        }
        let keep = best.is_some();
        for (&i, e) in members.iter().zip(best.map_or(before, |b| b.1)) {
            scene.edges[i] = e;
            kept[i] |= keep;
        }
    }
    fit_canvas(scene);
}

/// Captions drawn: a caption said once for a bundle counts once.
fn captions_shown(s: &Scene) -> usize {
    s.edges.iter().filter(|e| e.caption_box().is_some()).count()
}

/// Bends an edge may take before each further one costs like a crossing
/// more than a plain bend (the readability limit).
pub(super) const MOST_BENDS: usize = 6;

/// What a bundle is weighed by: a crossing reads worse than three bends, a
/// staircase step like three bends, a bend past [`MOST_BENDS`] on one edge
/// like ten, and what breaks a readability limit (a caption far from its
/// edge or nearer another, a hidden arrowhead, a shared lane) like twenty;
/// a caption said once reads better than the same caption on every lane.
pub(super) fn bundle_cost(s: &Scene) -> usize {
    let r = super::stats::readability(s, false);
    let broken =
        r.labels_far + r.labels_ambiguous + r.hidden_arrowheads + r.shared_lanes + r.borders_hugged;
    let mut cost = r.crossings * 3 + broken * 20 + captions_shown(s);
    for e in &s.edges {
        let own = e.points.len().saturating_sub(2);
        cost += own + super::stats::jogs(&e.points) * 3 + own.saturating_sub(MOST_BENDS) * 10;
    }
    cost
}

/// One round of bundling `members` at `hub`: each routed again (a crossing
/// weighing `weight` times [`CROSS`]), drawn to the others' lines, and each
/// class of `alike` captions said once. False
/// when a member or a caption finds no place.
fn bundle_round(
    scene: &mut Scene,
    members: &[usize],
    hub: Hub,
    alike: &BTreeMap<Vec<String>, Vec<usize>>,
    weight: f64,
) -> bool {
    for &i in alike.values().flatten() {
        scene.edges[i].caption_shared = true;
    }
    for &i in members {
        let Some((points, label_pos)) = route_weighing(scene, i, Some(hub), CROSS * weight, false)
        else {
            return false;
        };
        scene.edges[i].points = points;
        scene.edges[i].label_pos = label_pos;
    }
    for class in alike.values() {
        for i in say_once(scene, class) {
            let e = &scene.edges[i];
            let points = e.points.clone();
            let size = edge_label_box(&e.own_caption().0);
            let Some(at) = caption_spot(scene, i, &points, size) else {
                return false;
            };
            scene.edges[i].label_pos = Some(at);
        }
    }
    true
}

/// Edges of `class` (sharing an end, reading the same caption) that run
/// together on one line show the caption once: one member draws it beside
/// the stretch they all run on, the others mark theirs as shared. Groups
/// are formed while two members or more share a stretch; returns the
/// members left to show their own caption (their `caption_shared` false,
/// their caption where it was).
fn say_once(scene: &mut Scene, class: &[usize]) -> Vec<usize> {
    if class.len() > MAX_FAN {
        // Each member compared with each, in rounds: too slow for a hub
        // that big; its members keep their own captions.
        for &i in class {
            scene.edges[i].caption_shared = false;
        }
        return class.to_vec();
    }
    let size = edge_label_box(&scene.edges[class[0]].own_caption().0);
    let mut left: Vec<usize> = class.to_vec();
    for &i in &left {
        scene.edges[i].caption_shared = false;
    }
    while left.len() >= 2 {
        // The member that runs together with the most others, with the
        // stretches it shares with each of them.
        type Shared = Vec<(usize, Vec<[[f64; 2]; 2]>)>;
        let mut best: Option<(usize, f64, usize, Shared)> = None;
        for &h in &left {
            let shared: Shared = left
                .iter()
                .filter(|&&j| j != h)
                .map(|&j| (j, common(scene, h, &[j])))
                .filter(|(_, pieces)| !pieces.is_empty())
                .collect();
            let len = shared
                .iter()
                .flat_map(|(_, p)| p)
                .map(|s| length(s.as_slice()))
                .sum::<f64>();
            let better = best
                .as_ref()
                .is_none_or(|b| (shared.len(), len) > (b.0, b.1));
            if !shared.is_empty() && better {
                best = Some((shared.len(), len, h, shared));
            }
        }
        let Some((_, _, holder, shared)) = best else {
            break;
        };
        let partners: Vec<usize> = shared.iter().map(|(j, _)| *j).collect();
        // Beside the stretches where the most of them run, longest first.
        let mut stretches: Vec<(usize, [[f64; 2]; 2])> = Vec::new();
        for &s in shared.iter().flat_map(|(_, p)| p) {
            let count = partners
                .iter()
                .filter(|&&j| run_on(scene, j, extent(s[0], s[1])).is_some())
                .count();
            stretches.push((count, s));
        }
        stretches.sort_by(|a, b| b.0.cmp(&a.0).then(length(&b.1).total_cmp(&length(&a.1))));
        let stretches: Vec<[[f64; 2]; 2]> = stretches.into_iter().map(|(_, s)| s).collect();
        let before = scene.edges[holder].label_pos;
        for &j in &partners {
            scene.edges[j].caption_shared = true;
        }
        let points = scene.edges[holder].points.clone();
        match caption_spot_along(scene, holder, &points, &stretches, size, false) {
            Some(at) => {
                scene.edges[holder].label_pos = Some(at);
                left.retain(|i| *i != holder && !partners.contains(i));
            }
            None => {
                for &j in &partners {
                    scene.edges[j].caption_shared = false;
                }
                scene.edges[holder].label_pos = before;
                break;
            }
        }
    }
    left
}

/// Says once what edges sharing an end and a stretch of line already
/// read alike (fan-ins first, then fan-outs), wherever they run together.
pub fn merge_captions(scene: &mut Scene) {
    let mut taken = vec![false; scene.edges.len()];
    for by_target in [true, false] {
        let mut classes: BTreeMap<(String, EdgeOp, Vec<String>), Vec<usize>> = BTreeMap::new();
        for (i, e) in scene.edges.iter().enumerate() {
            if taken[i] || e.caption_shared || e.from == e.to {
                continue;
            }
            let caption = e.own_caption().0;
            if caption.is_empty() {
                continue;
            }
            let end = if by_target { &e.to } else { &e.from };
            classes
                .entry((end.clone(), e.op, caption))
                .or_default()
                .push(i);
        }
        for class in classes.into_values().filter(|c| c.len() >= 2) {
            let alone = say_once(scene, &class);
            for i in class.into_iter().filter(|i| !alone.contains(i)) {
                taken[i] = true;
            }
        }
    }
    scene.round();
}

/// The part of the line stretch `(vertical, at, lo, hi)` that edge `j`
/// runs on (its pieces there taken as one), if any.
fn run_on(
    scene: &Scene,
    j: usize,
    (vertical, at, lo, hi): (bool, f64, f64, f64),
) -> Option<(f64, f64)> {
    let mut on: Option<(f64, f64)> = None;
    for o in scene.edges[j].points.windows(2) {
        let (v2, at2, lo2, hi2) = extent(o[0], o[1]);
        let (a, b) = (lo.max(lo2), hi.min(hi2));
        if v2 == vertical && (at - at2).abs() < 0.5 && b - a > 0.5 {
            on = Some(on.map_or((a, b), |(x, y)| (x.min(a), y.max(b))));
        }
    }
    on
}

/// The stretches of edge `i` that lie on a line of every edge of
/// `others` (none when `others` is empty).
fn common(scene: &Scene, i: usize, others: &[usize]) -> Vec<[[f64; 2]; 2]> {
    if others.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for w in scene.edges[i].points.windows(2) {
        let (vertical, at, mut lo, mut hi) = extent(w[0], w[1]);
        for &j in others {
            match run_on(scene, j, (vertical, at, lo, hi)) {
                Some((a, b)) => (lo, hi) = (a, b),
                None => {
                    (lo, hi) = (1.0, 0.0);
                    break;
                }
            }
        }
        if hi - lo > 0.5 {
            out.push(if vertical {
                [[at, lo], [at, hi]]
            } else {
                [[lo, at], [hi, at]]
            });
        }
    }
    out
}

/// A route's length: along x plus along y (its stretches are axis-parallel).
pub(super) fn length(points: &[[f64; 2]]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1][0] - w[0][0]).abs() + (w[1][1] - w[0][1]).abs())
        .sum()
}

/// Whether edge `i` belongs to a fan-in or fan-out whose caption one
/// member draws for all: moving it would leave its caption behind. The
/// members read the same caption: another edge of the same source that
/// reads another (a service's own call beside its trunk to a database)
/// is not one of them.
pub(super) fn in_captioned_trunk(scene: &Scene, i: usize) -> bool {
    let e = &scene.edges[i];
    e.caption_shared
        || scene.edges.iter().any(|o| {
            o.caption_shared
                && (Hub::Target.joins(o, e) || Hub::Source.joins(o, e))
                && o.caption_text == e.caption_text
        })
}

/// Everything one search needs to know about the scene.
pub(super) struct Field {
    /// Hard obstacles, already grown by [`CLEAR`].
    pub walls: Vec<Rect>,
    /// Other edges' segments.
    pub segments: Lines,
    /// Segments of the edges a bundle may share a trunk with (when
    /// bundling; otherwise they are among `segments`).
    pub friends: Lines,
    /// Cost of a unit of length along a friend's line (1 when not bundling).
    pub pull: f64,
    /// Cost of crossing another edge ([`CROSS`] but when crossings are
    /// being taken out).
    pub cross: f64,
    /// Containers' sides: left and top ones (the inside past the line) and
    /// right and bottom ones (the inside before it). A stretch along one
    /// costs [`HUG_TOLL`] more per unit of length (see
    /// [`super::stats::hugs_a_border`]).
    pub sides: [Lines; 2],
    /// When an edge is kept inside ([`route_weighing`]'s `home`), the
    /// containers that hold both its ends: a stretch outside one costs
    /// [`OUT_TOLL`] per unit of length (see
    /// [`super::stats::out_and_back`]), twice outside two.
    pub homes: Vec<Rect>,
}

/// Cost of a unit of length outside the container that holds both ends
/// of an edge, when it is brought back inside: a route round the outside
/// of its VPC reads as a flow that leaves it.
const OUT_TOLL: f64 = 20.0;

/// How much of the axis-parallel stretch `a`–`b` lies outside each of
/// `homes`, summed.
fn outside(homes: &[Rect], a: [f64; 2], b: [f64; 2]) -> f64 {
    homes.iter().map(|r| outside_one(r, a, b)).sum()
}

/// How much of the axis-parallel stretch `a`–`b` lies outside `r`.
fn outside_one(r: &Rect, a: [f64; 2], b: [f64; 2]) -> f64 {
    let (vertical, at, lo, hi) = extent(a, b);
    let (side_lo, side_hi, end_lo, end_hi) = r.sides_along(vertical);
    if at < side_lo || at > side_hi {
        return hi - lo;
    }
    (end_lo.min(hi) - lo).max(0.0) + (hi - end_hi.max(lo)).max(0.0)
}

/// Edge `i` routed around everything it may not cross; when bundled at a
/// `hub`, drawn to the lines of the edges that meet it there.
pub(super) fn route_one(scene: &Scene, i: usize, hub: Option<Hub>) -> Option<super::RoutedEdge> {
    route_weighing(scene, i, hub, CROSS, false)
}

/// Whether the search for edge `i`'s route has a grid within [`MAX_GRID`]
/// points.
fn fits(scene: &Scene, i: usize) -> bool {
    let Some((field, src, dst, _)) = setting(scene, i, None) else {
        return false;
    };
    let (xs, ys) = grid_lines(&field, src, dst);
    xs.len() * ys.len() <= MAX_GRID
}

/// What the search for edge `i`'s route works in: the field (bundled at
/// `hub` when given), its ends' boxes, and whether each end is a
/// container the edge reaches from inside.
fn setting(scene: &Scene, i: usize, hub: Option<Hub>) -> Option<(Field, Rect, Rect, (bool, bool))> {
    let e = &scene.edges[i];
    let src = rect_of(scene, &e.from)?;
    let dst = rect_of(scene, &e.to)?;
    let up_from = ancestors(scene, &e.from);
    let up_to = ancestors(scene, &e.to);
    // A container's edge to its own content runs on the inside: it starts
    // (or ends) on the container's border.
    let ring = (
        up_to.contains(e.from.as_str()),
        up_from.contains(e.to.as_str()),
    );
    let allowed: HashSet<&str> = up_from
        .iter()
        .chain(&up_to)
        .copied()
        .chain([e.from.as_str(), e.to.as_str()])
        .collect();
    Some((field(scene, i, &allowed, CLEAR, hub), src, dst, ring))
}

/// [`route_one`] with a crossing costing `cross` units of length; with
/// `home`, a stretch outside the container that holds both ends costs
/// [`OUT_TOLL`] per unit of length.
pub(super) fn route_weighing(
    scene: &Scene,
    i: usize,
    hub: Option<Hub>,
    cross: f64,
    home: bool,
) -> Option<super::RoutedEdge> {
    let (mut field, src, dst, ring) = setting(scene, i, hub)?;
    field.cross = cross;
    let e = &scene.edges[i];
    if home {
        field.homes = super::stats::homes(scene, e);
    }
    let path = search(&field, src, dst, ring)?;
    let mut points = clip(&path, src, dst, ring)?;
    // An end whose last stretch starts beside another component reads as
    // an arrow out of it: searched again with the band beside that
    // component walled off (twice the measure's reach, so that a narrow
    // gap is closed, but short of the edge's own end), and the new route
    // kept where it has fewer such ends and is not much longer (see
    // [`AROUND`]).
    let beside = |points: &[[f64; 2]]| super::stats::ends_beside(scene, e, points);
    let found = beside(&points);
    if !found.is_empty() {
        field.walls.extend(
            found
                .iter()
                .map(|b| short_of(b.band(2.0 * BESIDE), *b, [src, dst])),
        );
        if let Some(other) = search(&field, src, dst, ring).and_then(|p| clip(&p, src, dst, ring))
            && beside(&other).len() < found.len()
            && other.len() <= points.len() + 1
            && length(&other) <= AROUND * length(&points)
        {
            points = other;
        }
    }
    let (caption, _) = e.caption();
    if caption.is_empty() {
        return Some((points, None));
    }
    let at = caption_spot(scene, i, &points, edge_label_box(&caption))?;
    Some((points, Some(at)))
}

/// How much longer a route may be to keep its last stretch from starting
/// beside another component (it may also bend once more).
const AROUND: f64 = 1.5;

/// `band` (beside `b.stranger`) cut short of the edge's ends where it
/// reaches into them.
fn short_of(mut band: Rect, b: Beside, ends: [Rect; 2]) -> Rect {
    for r in ends {
        if !r.overlaps(&band) {
            continue;
        }
        match (b.across, b.onward) {
            (true, true) => band.right = band.right.min(r.left),
            (true, false) => band.left = band.left.max(r.right),
            (false, true) => band.bottom = band.bottom.min(r.top),
            (false, false) => band.top = band.top.max(r.bottom),
        }
    }
    band
}

pub(super) fn rect_of(scene: &Scene, id: &str) -> Option<Rect> {
    scene.find(id).map(|b| b.rect())
}

pub(super) fn ancestors<'s>(scene: &'s Scene, id: &str) -> HashSet<&'s str> {
    let mut out = HashSet::new();
    let mut cur = scene.find(id).and_then(|b| b.parent.as_deref());
    while let Some(p) = cur {
        let Some(b) = scene.find(p) else { break };
        out.insert(b.id.as_str());
        cur = b.parent.as_deref();
    }
    out
}

/// The walls and other edges around edge `skip`; when bundled at a `hub`,
/// the edges that meet it there are friends, whose lines it may share (and
/// is drawn to).
pub(super) fn field(
    scene: &Scene,
    skip: usize,
    allowed: &HashSet<&str>,
    clear: f64,
    hub: Option<Hub>,
) -> Field {
    let mut walls = Vec::new();
    let e = &scene.edges[skip];
    for b in scene.boxes() {
        let r = b.rect();
        let container = scene.containers.iter().any(|c| c.id == b.id);
        if !allowed.contains(b.id.as_str()) {
            walls.push(r.inflate(clear));
        } else if container && b.id != e.from && b.id != e.to {
            // Edges enter containers beside their titles, not under them.
            walls.push(title_patch(r, &b.label).inflate(clear));
        }
    }
    if let Some(title) = &scene.title {
        // The diagram's title and its rule.
        let w = crate::text::text_width(title, DIAGRAM_TITLE_FONT, true) + 8.0;
        walls.push(Rect {
            left: 0.0,
            top: 0.0,
            right: MARGIN + w + clear,
            bottom: MARGIN + DIAGRAM_TITLE_FONT + 9.0 + clear,
        });
    }
    let mut segments = Lines::default();
    let mut friends = Lines::default();
    for (j, other) in scene.edges.iter().enumerate() {
        if j == skip {
            continue;
        }
        let friend = hub.is_some_and(|h| h.joins(other, e));
        let list = if friend { &mut friends } else { &mut segments };
        if let Some(r) = other.caption_box() {
            // Kept farther from another caption than its own edge is.
            let own = other
                .points
                .windows(2)
                .map(|w| r.distance(&Rect::spanning(w[0], w[1])))
                .fold(f64::INFINITY, f64::min);
            walls.push(r.inflate(own.clamp(CAPTION_GAP, 2.0 * CLEAR) + 1.0));
        }
        for w in other.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            list.add(a, b);
        }
    }
    segments.sort();
    friends.sort();
    let mut sides = [Lines::default(), Lines::default()];
    for c in &scene.containers {
        let r = c.rect();
        let (top_left, bottom_right) = ([r.left, r.top], [r.right, r.bottom]);
        sides[0].add(top_left, [r.left, r.bottom]);
        sides[0].add(top_left, [r.right, r.top]);
        sides[1].add([r.right, r.top], bottom_right);
        sides[1].add([r.left, r.bottom], bottom_right);
    }
    sides.iter_mut().for_each(Lines::sort);
    Field {
        walls,
        segments,
        friends,
        pull: if hub.is_some() { PULL } else { 1.0 },
        cross: CROSS,
        sides,
        homes: Vec::new(),
    }
}

/// Whether the axis-parallel step `a`–`b` lies on the line of one of the
/// sides of `r`.
fn on_border_line(r: Rect, a: [f64; 2], b: [f64; 2]) -> bool {
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    (near(a[1], b[1]) && (near(a[1], r.top) || near(a[1], r.bottom)))
        || (near(a[0], b[0]) && (near(a[0], r.left) || near(a[0], r.right)))
}

/// Strictly inside (a point on the border is outside).
fn inside(r: Rect, x: f64, y: f64) -> bool {
    x > r.left + 0.01 && x < r.right - 0.01 && y > r.top + 0.01 && y < r.bottom - 0.01
}

/// On the border.
fn on_border(r: Rect, p: [f64; 2]) -> bool {
    within(r, p[0], p[1]) && !inside(r, p[0], p[1])
}

/// Inside or on the border.
fn within(r: Rect, x: f64, y: f64) -> bool {
    x >= r.left - 0.01 && x <= r.right + 0.01 && y >= r.top - 0.01 && y <= r.bottom + 0.01
}

/// Sorted lines with their channel middles, duplicates merged.
fn lines(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    let mids: Vec<f64> = v.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    v.extend(mids);
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    v
}

/// The grid's lines across and down for a search from `src` to `dst`:
/// the borders and centres of both ends, the sides of every wall, and
/// lanes round everything.
fn grid_lines(field: &Field, src: Rect, dst: Rect) -> (Vec<f64>, Vec<f64>) {
    // Centres and borders of both ends (an edge to a container's own
    // content starts or ends on its border).
    let (src_mid, dst_mid) = (src.centre(), dst.centre());
    let mut xs = vec![
        src_mid.x, dst_mid.x, src.left, src.right, dst.left, dst.right,
    ];
    let mut ys = vec![
        src_mid.y, dst_mid.y, src.top, src.bottom, dst.top, dst.bottom,
    ];
    for r in field
        .walls
        .iter()
        .copied()
        .chain([src.inflate(APPROACH), dst.inflate(APPROACH)])
    {
        xs.extend([r.left, r.right]);
        ys.extend([r.top, r.bottom]);
    }
    // Lanes around everything, in case the way round is outside (the
    // canvas grows to fit afterwards).
    for v in [&mut xs, &mut ys] {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for k in 1..=3 {
            v.extend([lo - OUTER * k as f64, hi + OUTER * k as f64]);
        }
    }
    (lines(xs), lines(ys))
}

/// The cheapest orthogonal path from inside `src` to the border of `dst`,
/// as grid points (the first inside `src`, the last on or in `dst`).
fn search(field: &Field, src: Rect, dst: Rect, ring: (bool, bool)) -> Option<Vec<[f64; 2]>> {
    let (xs, ys) = grid_lines(field, src, dst);
    let (nx, ny) = (xs.len(), ys.len());
    if nx * ny > MAX_GRID {
        return None;
    }
    let grid = Grid::new(field, &xs, &ys, src, dst, ring);
    let rows = Near::new(field, false, &ys, &xs);
    let columns = Near::new(field, true, &xs, &ys);
    let point = |n: usize| [xs[n % nx], ys[n / nx]];
    // Costs in hundredths, so that the heap orders integers.
    let guess = |xi: usize, yi: usize, heading: usize| {
        let turns = turns_to(heading, xs[xi], ys[yi], grid.gx[xi], grid.gy[yi], dst);
        scale((grid.gx[xi] + grid.gy[yi]) * field.pull + turns as f64 * BEND)
    };
    // State: node * 5 + heading (0..4 the four directions, 4 none yet).
    const NONE: u32 = u32::MAX;
    let mut best: Vec<i64> = vec![i64::MAX; nx * ny * 5];
    let mut prev: Vec<u32> = vec![NONE; nx * ny * 5];
    // Step costs, filled the first time a step is tried: [`Grid::steps`]
    // index 2n is the step from node n to the right, 2n + 1 the one down.
    let mut steps: Vec<[i64; 2]> = vec![[UNKNOWN, 0]; nx * ny * 2];
    let mut open = Open::Packed(BinaryHeap::new());
    for yi in grid.src_ys.clone() {
        for xi in grid.src_xs.clone() {
            let n = yi * nx + xi;
            if grid.flags[n] & START != 0 {
                let s = n * 5 + 4;
                best[s] = 0;
                open.push(guess(xi, yi, 4), 0, s);
            }
        }
    }
    while let Some((_, cost, s)) = open.pop() {
        if best[s] < cost {
            continue;
        }
        let (n, heading) = (s / 5, s % 5);
        let here = grid.flags[n];
        if here & DST != 0 && here & SRC == 0 {
            let mut path = vec![point(n)];
            let mut cur = s;
            while prev[cur] != NONE {
                let p = prev[cur] as usize;
                path.push(point(p / 5));
                cur = p;
            }
            path.reverse();
            return Some(path);
        }
        let (xi, yi) = (n % nx, n / nx);
        for dir in 0..4 {
            // The neighbour, its coordinates and the step's slot.
            let (m, mx, my, slot) = match dir {
                0 if xi + 1 < nx => (n + 1, xi + 1, yi, 2 * n),
                1 if yi + 1 < ny => (n + nx, xi, yi + 1, 2 * n + 1),
                2 if xi > 0 => (n - 1, xi - 1, yi, 2 * (n - 1)),
                3 if yi > 0 => (n - nx, xi, yi - 1, 2 * (n - nx) + 1),
                _ => continue,
            };
            let there = grid.flags[m];
            if there & WALL != 0 {
                continue;
            }
            let (a, b) = ([xs[xi], ys[yi]], [xs[mx], ys[my]]);
            if steps[slot][0] == UNKNOWN {
                steps[slot] = if dir % 2 == 0 {
                    rows.costs(field, yi, xi.min(mx), &xs, a, b)
                } else {
                    columns.costs(field, xi, yi.min(my), &ys, a, b)
                };
            }
            let [straight, turned] = steps[slot];
            if straight == SHARED {
                continue;
            }
            // An edge leaves a box and meets one across a side, never along
            // its border (it would end in a corner, or look like the border).
            let leaves = here & SRC != 0 && there & SRC == 0;
            if (!ring.0 && leaves && on_border_line(src, a, b))
                || (!ring.1 && there & DST != 0 && on_border_line(dst, a, b))
            {
                continue;
            }
            let free = here & SRC != 0 && there & SRC != 0;
            let (step, next_heading) = if free {
                (0, 4)
            } else if heading != 4 && heading != dir {
                (turned, dir)
            } else {
                (straight, dir)
            };
            let t = m * 5 + next_heading;
            let c = cost + step;
            if c < best[t] {
                best[t] = c;
                prev[t] = s as u32;
                open.push(c + guess(mx, my, next_heading), c, t);
            }
        }
    }
    None
}

/// The fewest turns an orthogonal path needs, with nothing in its way,
/// from `(x, y)` heading `heading` (0 right, 1 down, 2 left, 3 up, 4 none
/// yet) to `dst`, `gx` and `gy` away from it across and down. A reversal
/// counts one turn, as the search prices it. Every turn costs the search a
/// bend, so this many bends are a lower bound of what is left, and one that
/// a step never lowers by more than the step costs: the estimate stays
/// consistent and the route found is still a cheapest one.
fn turns_to(heading: usize, x: f64, y: f64, gx: f64, gy: f64, dst: Rect) -> usize {
    const IN: f64 = 0.02;
    let (ix, iy) = (gx < IN, gy < IN);
    if ix && iy {
        return 0;
    }
    // Along the heading: whether the box's span across it is reached, and
    // whether the heading runs toward the box.
    let (aligned, level, toward) = match heading {
        0 => (iy, ix, x < dst.left),
        2 => (iy, ix, x > dst.right),
        1 => (ix, iy, y < dst.top),
        3 => (ix, iy, y > dst.bottom),
        _ => return usize::from(!ix && !iy),
    };
    match (aligned, level, toward) {
        (true, _, true) => 0,
        (true, _, false) | (false, true, _) | (false, false, true) => 1,
        (false, false, false) => 2,
    }
}

/// The search's open states, the least (estimate, cost, state) first:
/// packed into one integer while the numbers fit (costs below 2^43
/// hundredths, always in practice), else as a tuple, in the same order.
enum Open {
    Packed(BinaryHeap<Reverse<u128>>),
    Wide(BinaryHeap<Reverse<(i64, i64, usize)>>),
}

/// Bits of a packed entry below the cost: the state.
const STATE_BITS: u32 = 21;
/// Bits of a packed entry below the estimate: cost and state.
const COST_BITS: u32 = 64 - STATE_BITS;

impl Open {
    fn push(&mut self, estimate: i64, cost: i64, state: usize) {
        if let Open::Packed(heap) = self {
            if estimate >= 0 && (0..1 << COST_BITS).contains(&cost) && state < 1 << STATE_BITS {
                let low = (cost as u64) << STATE_BITS | state as u64;
                heap.push(Reverse(u128::from(estimate as u64) << 64 | u128::from(low)));
                return;
            }
            let wide = heap.drain().map(|Reverse(k)| Reverse(unpack(k))).collect();
            *self = Open::Wide(wide);
        }
        if let Open::Wide(heap) = self {
            heap.push(Reverse((estimate, cost, state)));
        }
    }

    fn pop(&mut self) -> Option<(i64, i64, usize)> {
        match self {
            Open::Packed(heap) => heap.pop().map(|Reverse(k)| unpack(k)),
            Open::Wide(heap) => heap.pop().map(|Reverse(e)| e),
        }
    }
}

/// A packed entry of [`Open`] as (estimate, cost, state).
fn unpack(k: u128) -> (i64, i64, usize) {
    let low = k as u64;
    (
        (k >> 64) as i64,
        (low >> STATE_BITS) as i64,
        (low & ((1 << STATE_BITS) - 1)) as usize,
    )
}

/// A cost in hundredths, so that the heap orders integers.
fn scale(c: f64) -> i64 {
    (c * 100.0).round() as i64
}

/// A step whose cost is not known yet (costs are never negative).
const UNKNOWN: i64 = i64::MIN;
/// A step on another edge's line, never taken.
const SHARED: i64 = i64::MIN + 1;

/// The cost of the step `a`–`b` going straight on and after a bend, or
/// [`SHARED`] when it runs on another edge's line: what [`Near::costs`]
/// computes from its index (kept as its definition, for the tests).
#[cfg(test)]
fn step_costs(field: &Field, a: [f64; 2], b: [f64; 2]) -> [i64; 2] {
    if field.shares(a, b) {
        return [SHARED, SHARED];
    }
    let length = ((b[0] - a[0]).abs() + (b[1] - a[1]).abs()) * field.rate(a, b);
    let toll = field.toll(a, b);
    [0.0, BEND].map(|turn| scale(length + turn + toll))
}

/// Where the other edges' segments lie around the grid's lines of one
/// orientation (rows for horizontal steps, columns for vertical ones), so
/// that pricing a step counts them without searching the sorted lists: the
/// same segments, in the same order, as [`step_costs`] looks at.
struct Near {
    /// Whether the lines (and the steps along them) are vertical.
    vertical: bool,
    /// Per line, index ranges into the segments of its orientation within
    /// [`APART`] of it and within 0.5, and the same for friends.
    along: Vec<Range<usize>>,
    on: Vec<Range<usize>>,
    friends_along: Vec<Range<usize>>,
    friends_on: Vec<Range<usize>>,
    /// Per crossing line, the first perpendicular segment past it (farther
    /// than 0.01) and the first not before it (nearer than 0.01 before).
    cross_from: Vec<usize>,
    cross_to: Vec<usize>,
    /// Per line, index ranges into the containers' sides it runs along
    /// ([`Field::sides`], left/top and right/bottom).
    sides: [Vec<Range<usize>>; 2],
}

impl Near {
    /// The index for steps along `lines` (of the orientation `vertical`),
    /// each from one of `across` to the next.
    fn new(field: &Field, vertical: bool, lines: &[f64], across: &[f64]) -> Near {
        let ranges = |l: &Lines, d: f64| {
            lines
                .iter()
                .map(|&at| l.range(vertical, at - d, at + d))
                .collect()
        };
        let crossing = field.segments.list(!vertical);
        Near {
            vertical,
            along: ranges(&field.segments, APART),
            on: ranges(&field.segments, ON),
            friends_along: ranges(&field.friends, APART),
            friends_on: ranges(&field.friends, 0.5),
            cross_from: across
                .iter()
                .map(|&c| crossing.partition_point(|s| s.0 <= c + 0.01))
                .collect(),
            cross_to: across
                .iter()
                .map(|&c| crossing.partition_point(|s| s.0 < c - 0.01))
                .collect(),
            sides: [0, 1].map(|k| {
                lines
                    .iter()
                    .map(|&at| {
                        let (lo, hi) = hug_band(k, at);
                        field.sides[k].range(vertical, lo, hi)
                    })
                    .collect()
            }),
        }
    }

    /// [`step_costs`] of the step `a`–`b` along line `line`, from crossing
    /// line `i` to `i + 1`.
    fn costs(
        &self,
        field: &Field,
        line: usize,
        i: usize,
        across: &[f64],
        a: [f64; 2],
        b: [f64; 2],
    ) -> [i64; 2] {
        let vertical = self.vertical;
        let (at, lo, hi) = (if vertical { a[0] } else { a[1] }, across[i], across[i + 1]);
        let segments = field.segments.list(vertical);
        let friends = field.friends.list(vertical);
        let overlap = |&&(_, s0, s1): &&(f64, f64, f64)| s1.min(hi) - s0.max(lo) > 0.5;
        // Field::shares
        if segments[self.on[line].clone()]
            .iter()
            .any(|&(_, s0, s1)| s1.min(hi) - s0.max(lo) > 0.5)
        {
            return [SHARED, SHARED];
        }
        // Field::rate
        let rate = if field.friends.is_empty() {
            1.0
        } else if friends[self.friends_on[line].clone()]
            .iter()
            .any(|&(_, s0, s1)| s0 <= lo + 0.5 && s1 >= hi - 0.5)
        {
            field.pull
        } else {
            1.0
        };
        // Field::meets
        let beside = friends[self.friends_along[line].clone()]
            .iter()
            .filter(|(c, _, _)| (c - at).abs() >= 0.5)
            .filter(overlap)
            .count();
        let along = segments[self.along[line].clone()]
            .iter()
            .filter(overlap)
            .count();
        let (from, to) = (self.cross_from[i], self.cross_to[i + 1]);
        let crossings = field.segments.list(!vertical)[from..to.max(from)]
            .iter()
            .filter(|&&(_, s0, s1)| at > s0 + 0.01 && at < s1 - 0.01)
            .count();
        // Field::toll
        let hugged: f64 = [0, 1]
            .iter()
            .flat_map(|&k| &field.sides[k].list(vertical)[self.sides[k][line].clone()])
            .map(|&(_, s0, s1)| (s1.min(hi) - s0.max(lo)).max(0.0))
            .sum();
        let toll = crossings as f64 * field.cross
            + (along + beside) as f64 * ALONG
            + hugged * HUG_TOLL
            + outside(&field.homes, a, b) * OUT_TOLL;
        let length = ((b[0] - a[0]).abs() + (b[1] - a[1]).abs()) * rate;
        [0.0, BEND].map(|turn| scale(length + turn + toll))
    }
}

/// A grid node inside a wall.
const WALL: u8 = 1;
/// A node where the search may start: inside `src` (on its border when
/// the edge starts on it) and in no wall.
const START: u8 = 2;
/// A node the path may run through before it leaves `src`.
const SRC: u8 = 4;
/// A node where the path may end.
const DST: u8 = 8;

/// What the search knows of the grid's nodes before it starts.
struct Grid {
    /// Per node (`y * nx + x`), [`WALL`], [`START`], [`SRC`], [`DST`].
    flags: Vec<u8>,
    /// Columns and rows within `src`.
    src_xs: std::ops::Range<usize>,
    src_ys: std::ops::Range<usize>,
    /// Per column and per row, the distance to `dst` across it.
    gx: Vec<f64>,
    gy: Vec<f64>,
}

impl Grid {
    fn new(
        field: &Field,
        xs: &[f64],
        ys: &[f64],
        src: Rect,
        dst: Rect,
        ring: (bool, bool),
    ) -> Grid {
        let nx = xs.len();
        let mut flags = vec![0u8; nx * ys.len()];
        for r in &field.walls {
            let x0 = xs.partition_point(|&x| x <= r.left + 0.01);
            let x1 = xs.partition_point(|&x| x < r.right - 0.01);
            let y0 = ys.partition_point(|&y| y <= r.top + 0.01);
            let y1 = ys.partition_point(|&y| y < r.bottom - 0.01);
            for yi in y0..y1 {
                for f in &mut flags[yi * nx + x0..yi * nx + x1.max(x0)] {
                    *f |= WALL;
                }
            }
        }
        // Within a box and strictly inside it, column by column and row by
        // row (what `within` and `inside` ask of each coordinate).
        let within_x = |r: Rect, x: f64| x >= r.left - 0.01 && x <= r.right + 0.01;
        let within_y = |r: Rect, y: f64| y >= r.top - 0.01 && y <= r.bottom + 0.01;
        let inside_x = |r: Rect, x: f64| x > r.left + 0.01 && x < r.right - 0.01;
        let inside_y = |r: Rect, y: f64| y > r.top + 0.01 && y < r.bottom - 0.01;
        let span = |v: &[f64], ok: &dyn Fn(f64) -> bool| {
            let lo = v.iter().position(|&c| ok(c)).unwrap_or(v.len());
            let hi = v.iter().rposition(|&c| ok(c)).map_or(lo, |i| i + 1);
            lo..hi
        };
        let mut src_xs = 0..0;
        let mut src_ys = 0..0;
        for (r, on_border, is_src) in [(src, ring.0, true), (dst, ring.1, false)] {
            let cols = span(xs, &|x| within_x(r, x));
            let rows = span(ys, &|y| within_y(r, y));
            for yi in rows.clone() {
                for xi in cols.clone() {
                    let (x, y) = (xs[xi], ys[yi]);
                    let inner = inside_x(r, x) && inside_y(r, y);
                    let f = &mut flags[yi * nx + xi];
                    if is_src {
                        let start = if on_border { !inner } else { inner };
                        if start && *f & WALL == 0 {
                            *f |= START;
                        }
                    }
                    if !on_border || !inner {
                        *f |= if is_src { SRC } else { DST };
                    }
                }
            }
            if is_src {
                (src_xs, src_ys) = (cols, rows);
            }
        }
        let gx = xs
            .iter()
            .map(|&x| (dst.left - x).max(x - dst.right).max(0.0))
            .collect();
        let gy = ys
            .iter()
            .map(|&y| (dst.top - y).max(y - dst.bottom).max(0.0))
            .collect();
        Grid {
            flags,
            src_xs,
            src_ys,
            gx,
            gy,
        }
    }
}

impl Field {
    /// Extra cost of the step `a`–`b`: other edges it crosses or runs along.
    #[cfg(test)]
    fn toll(&self, a: [f64; 2], b: [f64; 2]) -> f64 {
        let (crossings, along) = self.meets(a, b);
        let (vertical, at, lo, hi) = extent(a, b);
        let hugged: f64 = [0, 1]
            .iter()
            .flat_map(|&k| {
                let (from, to) = hug_band(k, at);
                self.sides[k].between(vertical, from, to)
            })
            .map(|&(_, s0, s1)| (s1.min(hi) - s0.max(lo)).max(0.0))
            .sum();
        crossings as f64 * self.cross
            + along as f64 * ALONG
            + hugged * HUG_TOLL
            + outside(&self.homes, a, b) * OUT_TOLL
    }

    /// Cost of a unit of length of the step `a`–`b`: [`Field::pull`] along
    /// a friend's line, else 1.
    #[cfg(test)]
    fn rate(&self, a: [f64; 2], b: [f64; 2]) -> f64 {
        if self.friends.is_empty() {
            return 1.0;
        }
        let (vertical, at, lo, hi) = extent(a, b);
        let along = self
            .friends
            .near(vertical, at, 0.5)
            .any(|&(_, s0, s1)| s0 <= lo + 0.5 && s1 >= hi - 0.5);
        if along { self.pull } else { 1.0 }
    }

    /// How many other edges the axis-parallel segment `a`–`b` crosses, and
    /// along how many it runs closer than [`APART`].
    pub fn meets(&self, a: [f64; 2], b: [f64; 2]) -> (usize, usize) {
        let (vertical, at, lo, hi) = extent(a, b);
        let overlap = |&&(_, s0, s1): &&(f64, f64, f64)| s1.min(hi) - s0.max(lo) > 0.5;
        // On a friend's line is a trunk; beside it, a second lane.
        let beside = self
            .friends
            .near(vertical, at, APART)
            .filter(|(c, _, _)| (c - at).abs() >= 0.5)
            .filter(overlap)
            .count();
        let along = self
            .segments
            .near(vertical, at, APART)
            .filter(overlap)
            .count();
        let crossings = self
            .segments
            .between(!vertical, lo + 0.01, hi - 0.01)
            .filter(|&&(_, s0, s1)| at > s0 + 0.01 && at < s1 - 0.01)
            .count();
        (crossings, along + beside)
    }

    /// Whether the segment `a`–`b` runs on another edge's line (not a
    /// friend's): two edges would look like one.
    #[cfg(test)]
    fn shares(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let (vertical, at, lo, hi) = extent(a, b);
        self.segments
            .near(vertical, at, ON)
            .any(|&(_, s0, s1)| s1.min(hi) - s0.max(lo) > 0.5)
    }

    /// Whether the segment `a`–`b` enters a wall.
    pub fn blocked(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let s = Rect::spanning(a, b);
        self.walls.iter().any(|r| {
            s.right > r.left + 0.01
                && s.left < r.right - 0.01
                && s.bottom > r.top + 0.01
                && s.top < r.bottom - 0.01
        })
    }
}

/// The path cut where it leaves `src` and where it reaches `dst`, with
/// collinear points dropped.
fn clip(path: &[[f64; 2]], src: Rect, dst: Rect, ring: (bool, bool)) -> Option<Vec<[f64; 2]>> {
    let mut pts = if ring.0 {
        // From the last point of the run along the border.
        let out = path.iter().position(|&p| !on_border(src, p))?;
        path[out - 1..path.len() - 1].to_vec()
    } else {
        let out = path.iter().position(|p| !within(src, p[0], p[1]))?;
        let mut pts = vec![border_point(src, path[out - 1], path[out])];
        pts.extend_from_slice(&path[out..path.len() - 1]);
        pts
    };
    let last = path[path.len() - 1];
    let before = *pts.last().expect("one point at least");
    pts.push(if ring.1 {
        last
    } else {
        border_point(dst, last, before)
    });
    let simple = simplify(pts);
    (simple.len() >= 2).then_some(simple)
}

/// Where the axis-parallel segment from `a` (in or on `r`) towards `b`
/// (outside) crosses the border of `r`.
fn border_point(r: Rect, a: [f64; 2], b: [f64; 2]) -> [f64; 2] {
    if (a[0] - b[0]).abs() < 0.01 {
        let y = if b[1] < a[1] { r.top } else { r.bottom };
        [a[0], y]
    } else {
        let x = if b[0] < a[0] { r.left } else { r.right };
        [x, a[1]]
    }
}

/// A caption's centre beside one of the route's segments, the longest
/// first, as near its middle as it fits: covering no box, title band or
/// other caption, and not straddling a container's border.
pub(super) fn caption_spot(
    scene: &Scene,
    i: usize,
    points: &[[f64; 2]],
    size: (f64, f64),
) -> Option<[f64; 2]> {
    caption_spot_along(scene, i, points, &longest_first(points), size, false)
}

/// The segments of `points`, the longest first.
fn longest_first(points: &[[f64; 2]]) -> Vec<[[f64; 2]; 2]> {
    let mut stretches: Vec<[[f64; 2]; 2]> = points.windows(2).map(|w| [w[0], w[1]]).collect();
    stretches.sort_by(|a, b| length(b).total_cmp(&length(a)));
    stretches
}

/// [`caption_spot`] nearer its own edge than any other, a fan-out's
/// siblings too: a caption on a sibling's branch reads as the sibling's.
pub(super) fn caption_spot_clear(
    scene: &Scene,
    i: usize,
    points: &[[f64; 2]],
    size: (f64, f64),
) -> Option<[f64; 2]> {
    caption_spot_along(scene, i, points, &longest_first(points), size, true)
}

/// A place for edge `i`'s caption of `size` beside one of `stretches` of
/// its path `points`, tried in order, each from its middle outwards
/// (farther from a fan-out's siblings than from its own path too when
/// `siblings`).
fn caption_spot_along(
    scene: &Scene,
    i: usize,
    points: &[[f64; 2]],
    stretches: &[[[f64; 2]; 2]],
    size: (f64, f64),
    siblings: bool,
) -> Option<[f64; 2]> {
    let others = caption_boxes_but(scene, i);
    let near = near_lines(scene, i, points, siblings);
    spot_beside(scene, points, stretches, size, &others, &near)
}

/// Every caption's box but edge `i`'s.
fn caption_boxes_but(scene: &Scene, i: usize) -> Vec<Rect> {
    scene
        .edges
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .filter_map(|(_, o)| o.caption_box())
        .collect()
}

/// The segments of edges other than `i` (whose path is `points`) that
/// its caption must be farther from than from its own path: all but those
/// on one of its own lines (its trunk), and but a fan-out's siblings
/// unless `siblings`.
fn near_lines(scene: &Scene, i: usize, points: &[[f64; 2]], siblings: bool) -> Vec<[[f64; 2]; 2]> {
    let me = &scene.edges[i];
    let own_lines: Vec<(bool, f64, f64, f64)> =
        points.windows(2).map(|w| extent(w[0], w[1])).collect();
    let on_own_line = |w: &[[f64; 2]; 2]| {
        let (vertical, at, lo, hi) = extent(w[0], w[1]);
        own_lines.iter().any(|&(v, a, l, h)| {
            v == vertical && (a - at).abs() < 0.5 && h.min(hi) - l.max(lo) > 0.5
        })
    };
    scene
        .edges
        .iter()
        .enumerate()
        .filter(|(j, o)| *j != i && (siblings || o.from != me.from))
        .flat_map(|(_, o)| o.points.windows(2).map(|w| [w[0], w[1]]))
        .filter(|w| !on_own_line(w))
        .collect()
}

/// Whether the caption box `r` is nearer its own path `points` than any
/// segment of `near` (what readers go by).
fn nearest_its_own(r: Rect, points: &[[f64; 2]], near: &[[[f64; 2]; 2]]) -> bool {
    let own = points
        .windows(2)
        .map(|w| r.distance(&Rect::spanning(w[0], w[1])))
        .fold(f64::INFINITY, f64::min);
    near.iter()
        .all(|w| r.distance(&Rect::spanning(w[0], w[1])) > own + 0.5)
}

/// The first place for a caption of `size` beside one of `stretches` (of
/// the path `points`) that covers no box, title or caption of `others`
/// and is nearer its own path than any segment of `near`.
fn spot_beside(
    scene: &Scene,
    points: &[[f64; 2]],
    stretches: &[[[f64; 2]; 2]],
    (w, h): (f64, f64),
    others: &[Rect],
    near: &[[[f64; 2]; 2]],
) -> Option<[f64; 2]> {
    let fits = |r: Rect| {
        r.left >= 0.0
            && r.top >= 0.0
            && !covers_box_or_title(scene, r)
            && others.iter().all(|o| !r.overlaps(o))
            && nearest_its_own(r, points, near)
    };
    for &[a, b] in stretches {
        let len = length(&[a, b]);
        if len < 1.0 {
            continue;
        }
        let vertical = (a[0] - b[0]).abs() < 0.01;
        let along = if vertical { h } else { w };
        let room = (len - along).max(0.0);
        let steps = (room / 8.0).floor() as usize;
        // Offsets from the middle: 0, +8, -8, +16, ...
        for k in 0..=steps {
            let off = if k % 2 == 0 { 1.0 } else { -1.0 } * k.div_ceil(2) as f64 * 8.0;
            if off.abs() > room / 2.0 + 0.01 {
                continue;
            }
            let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            let sides: [[f64; 2]; 2] = if vertical {
                let y = mid[1] + off;
                [
                    [a[0] + CAPTION_GAP + w / 2.0, y],
                    [a[0] - CAPTION_GAP - w / 2.0, y],
                ]
            } else {
                let x = mid[0] + off;
                [
                    [x, a[1] - CAPTION_GAP - h / 2.0],
                    [x, a[1] + CAPTION_GAP + h / 2.0],
                ]
            };
            for at in sides {
                if fits(Rect::around(Point::from(at), Size::new(w, h))) {
                    return Some(at);
                }
            }
        }
    }
    None
}

/// Whether a caption's box `r` covers a component, a container's title or
/// a container's border (what the geometric contract forbids besides other
/// captions).
fn covers_box_or_title(scene: &Scene, r: Rect) -> bool {
    scene.nodes.iter().any(|b| r.overlaps(&b.rect()))
        || scene.containers.iter().any(|c| {
            let whole = c.rect();
            r.overlaps(&whole.top_band(TITLE_BAND)) || (r.overlaps(&whole) && !whole.contains(&r))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::sides;
    use crate::layout::testkit::boxed_in as boxed;
    use crate::scene::SceneEdge;

    /// A seeded generator for test data (Knuth's MMIX linear congruential
    /// one): each call gives a number below its argument.
    fn lcg(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |below| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % below
        }
    }

    /// The search's estimate of the turns left is the fewest turns an
    /// orthogonal path needs on an empty grid (a reversal one turn, as the
    /// search prices it), for every point, heading and box: so it never
    /// overestimates, and a step lowers it by at most the turn it makes.
    #[test]
    fn the_turns_left_are_the_fewest_on_an_empty_grid() {
        const N: usize = 9;
        for (l, t, r, b) in [(3, 4, 5, 6), (0, 0, 0, 8), (4, 4, 4, 4), (2, 7, 8, 8)] {
            let dst = Rect {
                left: l as f64,
                top: t as f64,
                right: r as f64,
                bottom: b as f64,
            };
            let inside = |x: usize, y: usize| (l..=r).contains(&x) && (t..=b).contains(&y);
            // Fewest turns to the box from (x, y) heading h, found backwards
            // from the box by a 0-1 breadth-first search over the states.
            let state = |x: usize, y: usize, h: usize| (y * N + x) * 5 + h;
            let mut turns = vec![usize::MAX; N * N * 5];
            let mut queue = std::collections::VecDeque::new();
            for (x, y) in (0..N).flat_map(|y| (0..N).map(move |x| (x, y))) {
                if inside(x, y) {
                    for h in 0..5 {
                        turns[state(x, y, h)] = 0;
                        queue.push_back(state(x, y, h));
                    }
                }
            }
            // Settles in order of turns: a state's cost is a step in
            // direction d (a turn unless d is its heading, or it has none)
            // plus the cost of the state it steps into, heading d.
            while let Some(s) = queue.pop_front() {
                let (n, d) = (s / 5, s % 5);
                if d == 4 {
                    continue;
                }
                let (x, y) = ((n % N) as i64, (n / N) as i64);
                // The state one step back along d.
                let (px, py) = match d {
                    0 => (x - 1, y),
                    1 => (x, y - 1),
                    2 => (x + 1, y),
                    _ => (x, y + 1),
                };
                if !(0..N as i64).contains(&px) || !(0..N as i64).contains(&py) {
                    continue;
                }
                for h in 0..5 {
                    let p = state(px as usize, py as usize, h);
                    let c = turns[s] + usize::from(h != d && h != 4);
                    if c < turns[p] {
                        turns[p] = c;
                        if c == turns[s] {
                            queue.push_front(p);
                        } else {
                            queue.push_back(p);
                        }
                    }
                }
            }
            for (x, y) in (0..N).flat_map(|y| (0..N).map(move |x| (x, y))) {
                let (fx, fy) = (x as f64, y as f64);
                let gx = (dst.left - fx).max(fx - dst.right).max(0.0);
                let gy = (dst.top - fy).max(fy - dst.bottom).max(0.0);
                for h in 0..5 {
                    assert_eq!(
                        turns_to(h, fx, fy, gx, gy, dst),
                        turns[state(x, y, h)],
                        "from ({x}, {y}) heading {h} to {dst:?}"
                    );
                }
            }
        }
    }

    /// The length of a stretch outside the containers that hold both ends
    /// of an edge, counted once per container it is outside.
    #[test]
    fn a_stretch_outside_its_homes_is_measured_per_home() {
        let vpc = Rect {
            left: 100.0,
            top: 100.0,
            right: 300.0,
            bottom: 300.0,
        };
        let region = Rect {
            left: 50.0,
            top: 50.0,
            right: 350.0,
            bottom: 350.0,
        };
        assert_eq!(outside(&[vpc], [150.0, 120.0], [150.0, 280.0]), 0.0);
        assert_eq!(outside(&[vpc], [150.0, 250.0], [150.0, 340.0]), 40.0);
        assert_eq!(outside(&[vpc], [80.0, 150.0], [80.0, 200.0]), 50.0);
        assert_eq!(outside(&[vpc], [50.0, 200.0], [350.0, 200.0]), 100.0);
        assert_eq!(
            outside(&[vpc, region], [20.0, 200.0], [120.0, 200.0]),
            110.0
        );
        assert_eq!(outside(&[], [20.0, 200.0], [120.0, 200.0]), 0.0);
    }

    /// Pricing a step from the per-line index gives what the field's own
    /// measures give, on every step of a grid whose lines fall on, beside
    /// and between other edges' segments, friends' lines and containers'
    /// sides.
    #[test]
    fn indexed_step_costs_are_the_fields() {
        let mut next = lcg(11);
        for bundling in [false, true] {
            let mut field = Field {
                walls: vec![],
                segments: Lines::default(),
                friends: Lines::default(),
                pull: if bundling { PULL } else { 1.0 },
                cross: CROSS,
                sides: [Lines::default(), Lines::default()],
                homes: vec![
                    Rect {
                        left: 40.0,
                        top: 30.0,
                        right: 160.0,
                        bottom: 150.0,
                    },
                    Rect {
                        left: 20.0,
                        top: 10.0,
                        right: 200.0,
                        bottom: 190.0,
                    },
                ],
            };
            let coordinate = |next: &mut dyn FnMut(u64) -> u64| {
                next(60) as f64 * 4.0 + [0.0, 0.005, 0.3, 0.5, 7.99][next(5) as usize]
            };
            for k in 0..120 {
                let (at, p, q) = (
                    coordinate(&mut next),
                    coordinate(&mut next),
                    coordinate(&mut next),
                );
                let (a, b) = if k % 2 == 0 {
                    ([p, at], [q, at])
                } else {
                    ([at, p], [at, q])
                };
                if bundling && k % 5 == 0 {
                    field.friends.add(a, b);
                } else {
                    field.segments.add(a, b);
                }
            }
            // Containers' sides the steps run along, inside or on.
            for k in 0..12 {
                let (c, p, q) = (
                    coordinate(&mut next),
                    coordinate(&mut next),
                    coordinate(&mut next),
                );
                let side = &mut field.sides[k % 2];
                if k % 4 < 2 {
                    side.add([p, c], [q, c]);
                } else {
                    side.add([c, p], [c, q]);
                }
            }
            field.sides.iter_mut().for_each(Lines::sort);
            field.segments.sort();
            field.friends.sort();
            let xs = lines((0..40).map(|_| coordinate(&mut next)).collect());
            let ys = lines((0..40).map(|_| coordinate(&mut next)).collect());
            let rows = Near::new(&field, false, &ys, &xs);
            let columns = Near::new(&field, true, &xs, &ys);
            for yi in 0..ys.len() {
                for xi in 0..xs.len() {
                    let a = [xs[xi], ys[yi]];
                    if xi + 1 < xs.len() {
                        let b = [xs[xi + 1], ys[yi]];
                        assert_eq!(
                            rows.costs(&field, yi, xi, &xs, a, b),
                            step_costs(&field, a, b)
                        );
                        assert_eq!(
                            rows.costs(&field, yi, xi, &xs, b, a),
                            step_costs(&field, b, a)
                        );
                    }
                    if yi + 1 < ys.len() {
                        let b = [xs[xi], ys[yi + 1]];
                        assert_eq!(
                            columns.costs(&field, xi, yi, &ys, a, b),
                            step_costs(&field, a, b)
                        );
                    }
                }
            }
        }
    }

    /// The packed open list pops in the order of the tuples it packs, and
    /// keeps that order when a cost too big to pack turns it into tuples.
    #[test]
    fn the_open_list_pops_in_tuple_order() {
        let mut next = lcg(7);
        for big in [false, true] {
            let mut open = Open::Packed(BinaryHeap::new());
            let mut tuples = BinaryHeap::new();
            let mut popped = (Vec::new(), Vec::new());
            for k in 0..2000 {
                let (f, g, s) = (
                    next(50) as i64,
                    next(40) as i64,
                    next(5 * MAX_GRID as u64) as usize,
                );
                let g = if big && k == 1000 { 1 << 50 } else { g };
                open.push(f + g, g, s);
                tuples.push(Reverse((f + g, g, s)));
                if k % 3 == 0 {
                    popped.0.push(open.pop());
                    popped.1.push(tuples.pop().map(|Reverse(e)| e));
                }
            }
            assert_eq!(matches!(open, Open::Wide(_)), big);
            while let Some(e) = open.pop() {
                popped.0.push(Some(e));
            }
            popped.1.extend(
                tuples
                    .into_sorted_vec()
                    .into_iter()
                    .rev()
                    .map(|Reverse(e)| Some(e)),
            );
            assert_eq!(popped.0, popped.1);
        }
    }

    /// An edge whose search grid would be over [`MAX_GRID`] points is seen
    /// not to fit before any search; rerouting then fails and leaves the
    /// scene as it was (the caller draws the diagram another way).
    #[test]
    fn rerouting_fails_at_once_where_a_grid_is_too_big() {
        // 700 small boxes at as many places across and 97 down: a grid of
        // thousands of lines across and hundreds down.
        let mut nodes = vec![
            boxed("a", None, sides(0.0, 0.0, 40.0, 20.0)),
            boxed("b", None, sides(0.0, 100.0, 40.0, 120.0)),
        ];
        for k in 0..700 {
            let x = 100.0 + 10.0 * k as f64;
            let y = 200.0 + 7.0 * (k % 97) as f64;
            nodes.push(boxed(&format!("n{k}"), None, sides(x, y, x + 4.0, y + 3.0)));
        }
        let far = crate::layout::testkit::edge("a", "b", vec![[20.0, 20.0], [20.0, 100.0]]);
        let mut scene = Scene {
            width: 7200.0,
            height: 900.0,
            title: None,
            nodes,
            containers: Vec::new(),
            edges: vec![far],
        };
        assert!(!fits(&scene, 0));
        let before = scene.clone();
        assert!(!reroute(&mut scene, &[0]));
        assert_eq!(scene, before);
        // With a few boxes the same edge fits and is routed.
        scene.nodes.truncate(10);
        assert!(fits(&scene, 0));
        assert!(reroute(&mut scene, &[0]));
    }

    /// A hub whose one way in is a slit that an edge to it already takes:
    /// a second edge to it finds no route of its own, and is drawn into
    /// the first one's trunk instead of giving up (which sent a whole
    /// diagram to the per-container engine).
    #[test]
    fn an_edge_with_no_route_of_its_own_joins_its_targets_trunk() {
        use crate::layout::testkit::edge;
        // Walls on the left, right and below the hub, and above it two
        // blocks that leave only the line x = 455 between them (each is
        // kept CLEAR away from).
        let walls = [
            ("l", sides(300.0, 200.0, 392.0, 450.0)),
            ("r", sides(528.0, 200.0, 620.0, 450.0)),
            ("b", sides(380.0, 358.0, 540.0, 450.0)),
            ("t1", sides(-1000.0, 100.0, 443.0, 280.0)),
            ("t2", sides(467.0, 100.0, 2000.0, 280.0)),
        ];
        let mut nodes = vec![
            boxed("hub", None, sides(400.0, 300.0, 520.0, 350.0)),
            boxed("a", None, sides(395.0, 20.0, 515.0, 60.0)),
            boxed("c", None, sides(600.0, 20.0, 700.0, 60.0)),
        ];
        nodes.extend(walls.iter().map(|(id, r)| boxed(id, None, *r)));
        let through = edge("a", "hub", vec![[455.0, 60.0], [455.0, 300.0]]);
        let second = edge("c", "hub", vec![[650.0, 60.0], [650.0, 300.0]]);
        let mut scene = Scene {
            width: 900.0,
            height: 500.0,
            title: None,
            nodes,
            containers: Vec::new(),
            edges: vec![through, second],
        };
        assert!(route_one(&scene, 1, None).is_none(), "no route of its own");
        assert_eq!(reroute_each(&mut scene, &[1]), Ok(()));
        // In through the slit, on the first edge's line.
        let e = &scene.edges[1];
        assert_eq!(e.points.last(), Some(&[455.0, 300.0]), "{:?}", e.points);
        // The other way (hub -> a) it shares neither its target nor its
        // source with the first edge: no trunk to join, so it is reported,
        // not routed.
        let mut apart = scene.clone();
        apart.edges[1].to = "a".into();
        apart.edges[1].from = "hub".into();
        assert_eq!(reroute_each(&mut apart, &[1]), Err(Stuck::NoRoute(1)));
    }

    /// Two edges from one source run down side by side, 40 apart. While
    /// routing, a caption may lie over a fan-out sibling's line; the last
    /// look at captions moves it to its edge's far side, where it reads as
    /// its own, and leaves it where there is no such place.
    #[test]
    fn a_caption_moves_off_a_siblings_line_where_it_can() {
        use crate::layout::testkit::edge;
        let mut first = edge("s", "a", vec![[100.0, 60.0], [100.0, 300.0]]);
        first.label = Some("approve".into());
        first.caption_text = crate::scene::Caption::new(vec!["approve".into()], 1);
        let sibling = edge("s", "b", vec![[140.0, 60.0], [140.0, 300.0]]);
        let nodes = vec![
            boxed("s", None, sides(60.0, 20.0, 200.0, 60.0)),
            boxed("a", None, sides(60.0, 300.0, 120.0, 340.0)),
            boxed("b", None, sides(130.0, 300.0, 200.0, 340.0)),
        ];
        let mut scene = Scene {
            width: 400.0,
            height: 400.0,
            title: None,
            nodes,
            containers: Vec::new(),
            edges: vec![first, sibling],
        };
        let size = edge_label_box(&scene.edges[0].caption().0);
        let points = scene.edges[0].points.clone();
        let over = caption_spot(&scene, 0, &points, size).unwrap();
        assert!(over[0] - size.0 / 2.0 < 140.0, "over the sibling: {over:?}");
        scene.edges[0].label_pos = Some(over);
        let mut moved = scene.clone();
        free_captions(&mut moved);
        let at = moved.edges[0].label_pos.unwrap();
        assert!(at[0] + size.0 / 2.0 < 100.0, "left of its line: {at:?}");
        // With a wall on the left, it stays.
        scene
            .nodes
            .push(boxed("w", None, sides(0.0, 80.0, 96.0, 280.0)));
        free_captions(&mut scene);
        let at = scene.edges[0].label_pos.unwrap();
        assert!((at[0] - over[0]).abs() < 0.01 && at[1] == over[1], "{at:?}");
    }

    /// The shortest way into `m` is down the narrow gap beside `o` and
    /// into `m`'s side: a stretch that reads as an arrow from `o` to `m`.
    /// The route goes round `o` and into `m`'s bottom instead (the top is
    /// under a lid).
    #[test]
    fn an_arrow_does_not_start_beside_another_box() {
        use crate::layout::stats::ends_beside;
        use crate::layout::testkit::edge;
        let scene = Scene {
            width: 900.0,
            height: 500.0,
            title: None,
            nodes: vec![
                boxed("a", None, sides(100.0, 20.0, 220.0, 60.0)),
                boxed("o", None, sides(300.0, 200.0, 420.0, 250.0)),
                boxed("m", None, sides(452.0, 200.0, 572.0, 250.0)),
                boxed("lid", None, sides(446.0, 120.0, 900.0, 190.0)),
            ],
            containers: Vec::new(),
            edges: vec![edge("a", "m", vec![[160.0, 60.0], [160.0, 225.0]])],
        };
        // The plain search takes the gap.
        let (field, src, dst, ring) = setting(&scene, 0, None).unwrap();
        let plain = clip(&search(&field, src, dst, ring).unwrap(), src, dst, ring).unwrap();
        let probe = |points: &[[f64; 2]]| ends_beside(&scene, &scene.edges[0], points);
        assert_eq!(probe(&plain).len(), 1, "{plain:?}");
        assert_eq!(probe(&plain)[0].stranger, sides(300.0, 200.0, 420.0, 250.0));
        // The route kept does not.
        let (points, _) = route_one(&scene, 0, None).unwrap();
        assert!(probe(&points).is_empty(), "{points:?}");
        assert_eq!(
            points.last().unwrap()[1],
            250.0,
            "into m's bottom: {points:?}"
        );
        // A way round much longer than the gap's is not taken: with the
        // floor under `o` and `m` lowered out of reach, the gap stays.
        let mut deep = scene.clone();
        deep.nodes
            .push(boxed("floor", None, sides(-1000.0, 262.0, 2000.0, 300.0)));
        let (mut walled, src, dst, ring) = setting(&deep, 0, None).unwrap();
        let found = probe(&plain)[0];
        walled
            .walls
            .push(short_of(found.band(2.0 * BESIDE), found, [src, dst]));
        let round = clip(&search(&walled, src, dst, ring).unwrap(), src, dst, ring).unwrap();
        assert!(length(&round) > AROUND * length(&plain), "{round:?}");
        let (points, _) = route_one(&deep, 0, None).unwrap();
        assert_eq!(points, plain);
    }

    /// A hub left of a namespace must reach a box right of it: the detour
    /// goes around the namespace, not through it.
    #[test]
    fn goes_around_an_unrelated_container() {
        let mut scene = Scene {
            width: 900.0,
            height: 500.0,
            title: None,
            nodes: vec![
                boxed("hub", None, sides(20.0, 200.0, 140.0, 250.0)),
                boxed("inner", Some("ns"), sides(340.0, 200.0, 460.0, 250.0)),
                boxed("far", None, sides(700.0, 200.0, 820.0, 250.0)),
            ],
            containers: vec![boxed("ns", None, sides(300.0, 100.0, 500.0, 400.0))],
            edges: vec![SceneEdge {
                from: "hub".into(),
                to: "far".into(),
                op: EdgeOp::Sync,
                label: Some("scrape".into()),
                points: vec![[140.0, 225.0], [700.0, 225.0]],
                label_pos: None,
                attrs: Default::default(),
                caption_shared: false,
                caption_text: crate::scene::Caption::new(vec!["scrape".into()], 1),
            }],
        };
        assert!(reroute(&mut scene, &[0]));
        let contract = crate::layout::check::Contract::ALL;
        let broken = crate::layout::check::violations(&scene, contract);
        assert!(broken.is_empty(), "{broken:?}");
        let e = &scene.edges[0];
        // Around the namespace: above it or below it, with four bends at most.
        assert!(
            e.points.iter().any(|p| p[1] < 100.0 || p[1] > 400.0),
            "{:?}",
            e.points
        );
        assert!(e.points.len() <= 6, "{:?}", e.points);
        assert!(e.label_pos.is_some());
    }

    /// Three services register with one registry, each edge captioned
    /// alike: bundled, they share one trunk and the caption is drawn once,
    /// beside the trunk.
    #[test]
    fn a_fan_in_that_reads_alike_says_its_caption_once() {
        let lane = |from: &str, points: Vec<[f64; 2]>| SceneEdge {
            from: from.into(),
            to: "registry".into(),
            op: EdgeOp::Sync,
            label: Some("register".into()),
            points,
            label_pos: None,
            attrs: Default::default(),
            caption_shared: false,
            caption_text: crate::scene::Caption::new(vec!["register".into()], 1),
        };
        let mut scene = Scene {
            width: 900.0,
            height: 500.0,
            title: None,
            nodes: vec![
                boxed("a", None, sides(20.0, 50.0, 140.0, 100.0)),
                boxed("b", None, sides(20.0, 200.0, 140.0, 250.0)),
                boxed("c", None, sides(20.0, 350.0, 140.0, 400.0)),
                boxed("registry", None, sides(700.0, 200.0, 820.0, 250.0)),
            ],
            containers: vec![],
            edges: vec![
                lane(
                    "a",
                    vec![[140.0, 75.0], [400.0, 75.0], [400.0, 210.0], [700.0, 210.0]],
                ),
                lane("b", vec![[140.0, 225.0], [700.0, 225.0]]),
                lane(
                    "c",
                    vec![
                        [140.0, 375.0],
                        [420.0, 375.0],
                        [420.0, 240.0],
                        [700.0, 240.0],
                    ],
                ),
            ],
        };
        bundle(&mut scene);
        says_once_beside_one_trunk(&scene);
    }

    /// Every edge of `scene` reads one caption: it is drawn once, by a
    /// member that runs on one line with another, beside that stretch; the
    /// scene keeps the geometric contract.
    fn says_once_beside_one_trunk(scene: &Scene) {
        let n = scene.edges.len();
        let drawn: Vec<usize> = (0..n)
            .filter(|&i| scene.edges[i].caption_box().is_some())
            .collect();
        assert_eq!(drawn.len(), 1, "{:?}", scene.edges);
        let shared = scene.edges.iter().filter(|e| e.caption_shared).count();
        assert_eq!(shared, n - 1);
        let holder = drawn[0];
        let caption = scene.edges[holder].caption_box().unwrap();
        let near_trunk = (0..n).filter(|&j| j != holder).any(|j| {
            common(scene, holder, &[j]).iter().any(|s| {
                caption.distance(&Rect::spanning(s[0], s[1])) <= crate::layout::measure::EDGE_LINE
            })
        });
        assert!(near_trunk, "{:?}", scene.edges);
        let contract = crate::layout::check::Contract::ALL;
        let broken = crate::layout::check::violations(scene, contract);
        assert!(broken.is_empty(), "{broken:?}");
    }

    /// A load balancer sends to two servers with the same caption, on two
    /// separate lanes: bundled at the source, they leave on one trunk that
    /// says the caption once and then splits.
    #[test]
    fn a_fan_out_of_two_that_reads_alike_leaves_on_one_trunk() {
        let lane = |to: &str, points: Vec<[f64; 2]>| SceneEdge {
            from: "lb".into(),
            to: to.into(),
            op: EdgeOp::Sync,
            label: Some("HTTP :8080".into()),
            points,
            label_pos: None,
            attrs: Default::default(),
            caption_text: crate::scene::Caption::new(vec!["HTTP :8080".into()], 1),
            caption_shared: false,
        };
        let mut scene = Scene {
            width: 900.0,
            height: 500.0,
            title: None,
            nodes: vec![
                boxed("lb", None, sides(20.0, 200.0, 140.0, 250.0)),
                boxed("web_a", None, sides(700.0, 50.0, 820.0, 100.0)),
                boxed("web_b", None, sides(700.0, 350.0, 820.0, 400.0)),
            ],
            containers: vec![],
            edges: vec![
                lane(
                    "web_a",
                    vec![[140.0, 212.0], [400.0, 212.0], [400.0, 75.0], [700.0, 75.0]],
                ),
                lane(
                    "web_b",
                    vec![
                        [140.0, 238.0],
                        [420.0, 238.0],
                        [420.0, 375.0],
                        [700.0, 375.0],
                    ],
                ),
            ],
        };
        for i in 0..2 {
            let points = scene.edges[i].points.clone();
            let size = edge_label_box(&scene.edges[i].caption().0);
            scene.edges[i].label_pos = caption_spot(&scene, i, &points, size);
        }
        let drawn = |s: &Scene| s.edges.iter().filter(|e| e.caption_box().is_some()).count();
        assert_eq!(drawn(&scene), 2, "each lane says it");
        bundle(&mut scene);
        says_once_beside_one_trunk(&scene);
        // The trunk starts at the balancer.
        let starts: Vec<[f64; 2]> = scene.edges.iter().map(|e| e.points[0]).collect();
        assert_eq!(starts[0], starts[1], "{:?}", scene.edges);
    }

    /// A fan-in whose members, each routed as if alone, cross a fence of
    /// four edges on their way (a crossing costs less than going round for
    /// one edge) is drawn round the fence when its members are also routed
    /// with heavier crossings: across it, the trunk would cross every
    /// fence edge once for each member.
    #[test]
    fn a_trunk_goes_round_a_fence_it_would_cross_once_per_member() {
        use crate::layout::testkit::{edge, page};
        let mut nodes = vec![
            boxed("s1", None, sides(20.0, 240.0, 140.0, 270.0)),
            boxed("s2", None, sides(20.0, 285.0, 140.0, 315.0)),
            boxed("s3", None, sides(20.0, 330.0, 140.0, 360.0)),
            boxed("hub", None, sides(660.0, 285.0, 780.0, 315.0)),
        ];
        let mut edges = vec![
            edge(
                "s1",
                "hub",
                vec![
                    [140.0, 255.0],
                    [600.0, 255.0],
                    [600.0, 292.0],
                    [660.0, 292.0],
                ],
            ),
            edge("s2", "hub", vec![[140.0, 300.0], [660.0, 300.0]]),
            edge(
                "s3",
                "hub",
                vec![
                    [140.0, 345.0],
                    [620.0, 345.0],
                    [620.0, 308.0],
                    [660.0, 308.0],
                ],
            ),
        ];
        for k in 0..4 {
            let x = 330.0 + 30.0 * k as f64;
            let (top, bottom) = (format!("t{k}"), format!("b{k}"));
            nodes.push(boxed(&top, None, sides(x, 185.0, x + 20.0, 215.0)));
            nodes.push(boxed(&bottom, None, sides(x, 385.0, x + 20.0, 415.0)));
            edges.push(edge(
                &top,
                &bottom,
                vec![[x + 10.0, 215.0], [x + 10.0, 385.0]],
            ));
        }
        let before = page(nodes, edges);
        let crossings = |s: &Scene| crate::layout::stats::readability(s, false).crossings;
        assert_eq!(crossings(&before), 12);
        let mut plain = before.clone();
        bundle(&mut plain);
        assert!(crossings(&plain) > 0, "{:?}", plain.edges);
        let mut heavy = before;
        bundle_weighing(&mut heavy, TRUNK_WEIGHTS);
        assert_eq!(crossings(&heavy), 0, "{:?}", heavy.edges);
        assert!(bundle_cost(&heavy) < bundle_cost(&plain));
        let contract = crate::layout::check::Contract::ALL;
        let broken = crate::layout::check::violations(&heavy, contract);
        assert!(broken.is_empty(), "{broken:?}");
    }

    /// An edge from a container to something inside it runs on the inside,
    /// from the container's border to the box.
    #[test]
    fn an_edge_into_its_own_container_starts_on_its_border() {
        let mut scene = Scene {
            width: 600.0,
            height: 400.0,
            title: None,
            nodes: vec![boxed(
                "inner",
                Some("ns"),
                sides(100.0, 150.0, 200.0, 200.0),
            )],
            containers: vec![boxed("ns", None, sides(50.0, 50.0, 300.0, 300.0))],
            edges: vec![SceneEdge {
                from: "ns".into(),
                to: "inner".into(),
                op: EdgeOp::Sync,
                label: None,
                points: vec![[150.0, 50.0], [150.0, 150.0]],
                label_pos: None,
                attrs: Default::default(),
                caption_shared: false,
                caption_text: Default::default(),
            }],
        };
        assert!(reroute(&mut scene, &[0]));
        let pts = &scene.edges[0].points;
        let ns = scene.containers[0].rect();
        let inner = scene.nodes[0].rect();
        let on = |r: Rect, p: [f64; 2]| on_border(r, p);
        assert!(on(ns, pts[0]), "{pts:?}");
        assert!(on(inner, pts[pts.len() - 1]), "{pts:?}");
        assert!(pts.iter().all(|p| within(ns, p[0], p[1])), "{pts:?}");
    }
}
