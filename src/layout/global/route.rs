//! Phase 5: edges. Every link end gets a port on its box: straight above or
//! below its partner where the box allows, spread apart otherwise. Links of
//! one kind that leave one side of a box together (a fan-out) share one port
//! and one trunk, as do those arriving together (a fan-in). In the channel
//! between two layers each trunk or lone link that must move sideways gets a
//! track; a stub from above must never run down the line of a stub below,
//! so such pairs are ordered. Then polylines, captions, loops, and the
//! mapping from the canonical frame to the diagram's direction.

use super::rank::LABEL_GAP;
use super::{AnchorRole, Engine, ItemKind, Link};
use crate::geometry::{Point, Rect, Size};
use crate::layout::layered::{pav, self_loop, simplify};
use crate::layout::measure;
use crate::layout::{Placed, RoutedEdge};
use crate::model::{Direction, ElementId};
use std::collections::BTreeMap;

/// Distance between two tracks of a channel, and from a track to a layer.
pub const TRACK_SEP: f64 = 12.0;
/// Shallowest channel between two layers.
pub const CHANNEL_MIN: f64 = 40.0;
/// Closest spacing of two ports on one side of a box.
pub const PORT_SEP: f64 = 10.0;
/// Stubs closer than this across a channel would run along one line.
const NEAR: f64 = 3.0;
/// How far from a box's corner a port may sit.
const PORT_MARGIN: f64 = 10.0;

/// The channel below one layer, planned.
#[derive(Debug, Clone, Default)]
pub struct Channel {
    /// How many tracks it holds.
    pub tracks: usize,
    /// Room under the last track for the captions of U-links.
    pub caption: f64,
}

impl Channel {
    /// Its depth along the flow.
    pub fn depth(&self) -> f64 {
        (((self.tracks + 1) as f64) * TRACK_SEP + self.caption).max(CHANNEL_MIN)
    }
}

/// One step of a link: from `chain[k]` to `chain[k + 1]`.
#[derive(Debug, Clone, Copy)]
struct Step {
    link: usize,
    k: usize,
}

/// Where a step leaves its upper item and reaches its lower one, and its
/// track in the channel (None: it runs straight down).
#[derive(Debug, Clone, Copy, Default)]
pub struct StepRoute {
    pub top: f64,
    pub bottom: f64,
    pub track: Option<usize>,
}

impl Engine<'_> {
    /// Ports, trunks and tracks; the channels' depths follow.
    pub fn plan_channels(&mut self) {
        let n = self.items.len();
        // The steps at each side of each box: (step, partner, kind of edge).
        let mut below: Vec<Vec<(Step, usize)>> = vec![Vec::new(); n];
        let mut above: Vec<Vec<(Step, usize)>> = vec![Vec::new(); n];
        for (li, l) in self.links.iter().enumerate() {
            for k in 0..l.chain.len() - 1 {
                let s = Step { link: li, k };
                below[l.chain[k]].push((s, l.chain[k + 1]));
                if l.is_flat() {
                    // A U: both ends leave through the bottom.
                    below[l.chain[k + 1]].push((s, l.chain[k]));
                } else {
                    above[l.chain[k + 1]].push((s, l.chain[k]));
                }
            }
        }
        let mut routes: Vec<Vec<StepRoute>> = self
            .links
            .iter()
            .map(|l| vec![StepRoute::default(); l.chain.len() - 1])
            .collect();
        // Trunks: which side's group each step belongs to.
        let mut group_below: BTreeMap<(usize, usize), (usize, u8)> = BTreeMap::new();
        let mut group_above: BTreeMap<(usize, usize), (usize, u8)> = BTreeMap::new();
        // Edges join a trunk only with edges of their kind running their
        // way: a reversed edge (a broken cycle) leaves where others arrive.
        let op = |s: &Step| {
            let l = &self.links[s.link];
            self.arch.edges[l.edge].op as u8 * 2 + u8::from(l.reversed)
        };
        let mut sizes: BTreeMap<(bool, usize, u8), usize> = BTreeMap::new();
        for v in (0..n).filter(|&v| self.items[v].is_leaf()) {
            for (s, _) in below[v]
                .iter()
                .filter(|(s, _)| !self.links[s.link].is_flat())
            {
                *sizes.entry((true, v, op(s))).or_default() += 1;
            }
            for (s, _) in &above[v] {
                *sizes.entry((false, v, op(s))).or_default() += 1;
            }
        }
        for (li, l) in self.links.iter().enumerate() {
            if l.is_flat() {
                continue;
            }
            for k in 0..l.chain.len() - 1 {
                let s = Step { link: li, k };
                let (a, b) = (l.chain[k], l.chain[k + 1]);
                let o = op(&s);
                let fan_out = sizes.get(&(true, a, o)).copied().unwrap_or(0);
                let fan_in = sizes.get(&(false, b, o)).copied().unwrap_or(0);
                if fan_out >= 2 && fan_out >= fan_in {
                    group_below.insert((li, k), (a, o));
                } else if fan_in >= 2 {
                    group_above.insert((li, k), (b, o));
                }
            }
        }
        // Ports, twice: first towards partners' centres, then their ports.
        for pass in 0..2 {
            for v in 0..n {
                for (side_below, list) in [(true, &below[v]), (false, &above[v])] {
                    if list.is_empty() {
                        continue;
                    }
                    let xs = self.side_ports(
                        v,
                        side_below,
                        list,
                        (&routes, pass > 0),
                        &group_below,
                        &group_above,
                    );
                    for ((s, _), x) in list.iter().zip(xs) {
                        let l = &self.links[s.link];
                        let head_of_u = l.is_flat() && l.chain[1] == v;
                        let r = &mut routes[s.link][s.k];
                        if side_below && !head_of_u {
                            r.top = x;
                        } else {
                            r.bottom = x;
                        }
                    }
                }
            }
        }
        // Tracks, channel by channel.
        let depth = self.layers.len();
        let mut by_channel: Vec<Vec<Step>> = vec![Vec::new(); depth];
        for (li, l) in self.links.iter().enumerate() {
            for k in 0..l.chain.len() - 1 {
                by_channel[self.items[l.chain[k]].layer].push(Step { link: li, k });
            }
        }
        for steps in &by_channel {
            self.untangle(steps, &mut routes, &group_below, &group_above);
        }
        self.u_home = self.links.iter().map(|l| self.home_band(l)).collect();
        self.channels = vec![Channel::default(); depth];
        for (c, steps) in by_channel.iter().enumerate() {
            let net_of = |s: &Step| -> (u8, usize, u8, usize) {
                if let Some(&(v, o)) = group_below.get(&(s.link, s.k)) {
                    (0, v, o, 0)
                } else if let Some(&(v, o)) = group_above.get(&(s.link, s.k)) {
                    (1, v, o, 0)
                } else {
                    (2, s.link, 0, s.k)
                }
            };
            let mut nets: BTreeMap<(u8, usize, u8, usize), Vec<Step>> = BTreeMap::new();
            let mut us: Vec<Step> = Vec::new();
            for s in steps {
                let r = routes[s.link][s.k];
                if self.u_home[s.link].is_some() {
                    continue;
                } else if self.links[s.link].is_flat() {
                    us.push(*s);
                } else if (r.top - r.bottom).abs() > 0.5 {
                    nets.entry(net_of(s)).or_default().push(*s);
                }
            }
            // Each net's stubs from above and below; a U has two from above
            // and runs on the lowest tracks, its caption under it.
            let mut nets: Vec<Vec<Step>> = nets.into_values().collect();
            let plain = nets.len();
            nets.extend(us.iter().map(|s| vec![*s]));
            let stubs: Vec<(Vec<f64>, Vec<f64>)> = nets
                .iter()
                .map(|net| {
                    let rs = net.iter().map(|s| routes[s.link][s.k]);
                    if net.len() == 1 && self.links[net[0].link].is_flat() {
                        let r = routes[net[0].link][net[0].k];
                        (vec![r.top, r.bottom], Vec::new())
                    } else {
                        (
                            rs.clone().map(|r| r.top).collect(),
                            rs.map(|r| r.bottom).collect(),
                        )
                    }
                })
                .collect();
            let (tracks, count) = assign_tracks(&stubs, plain);
            for (net, t) in nets.iter().zip(tracks) {
                for s in net {
                    routes[s.link][s.k].track = Some(t);
                }
            }
            self.channels[c].tracks = count;
            self.channels[c].caption = self.u_captions(&us);
        }
        self.plan_home_bands(&mut routes);
        self.routes = routes;
    }

    /// The container a U-link runs inside, at its bottom: its ends'
    /// innermost common container where that closes on their layer, and a
    /// component (or a caption) between the ends blocks the straight line
    /// across the layer. With nothing between them, the U runs in the
    /// channel as any other, and the finishing passes draw the straight
    /// line: a band kept for it would stay empty.
    fn home_band(&self, l: &Link) -> Option<ElementId> {
        if !l.is_flat() {
            return None;
        }
        let (a, b) = (l.chain[0], l.chain[1]);
        let (pa, pb) = (self.path_of(a), self.path_of(b));
        let (&home, _) = pa.iter().zip(&pb).take_while(|(x, y)| x == y).last()?;
        let layer = self.items[a].layer;
        let row = &self.layers[layer];
        let at = |v: usize| row.iter().position(|&w| w == v);
        let (i, j) = (at(a)?, at(b)?);
        let blocked = row[i.min(j) + 1..i.max(j)]
            .iter()
            .any(|&v| matches!(self.items[v].kind, ItemKind::Leaf(_) | ItemKind::Label(_)));
        (blocked && self.band[home.0]?.1 == layer).then_some(home)
    }

    /// Tracks of the U-links in each container's bottom band, and the
    /// band's depth.
    fn plan_home_bands(&mut self, routes: &mut [Vec<StepRoute>]) {
        self.u_room.fill(0.0);
        let mut by_home: BTreeMap<ElementId, Vec<Step>> = BTreeMap::new();
        for (li, home) in self.u_home.iter().enumerate() {
            if let Some(h) = home {
                by_home.entry(*h).or_default().push(Step { link: li, k: 0 });
            }
        }
        for (h, us) in by_home {
            let stubs: Vec<(Vec<f64>, Vec<f64>)> = us
                .iter()
                .map(|s| {
                    let r = routes[s.link][0];
                    (vec![r.top, r.bottom], Vec::new())
                })
                .collect();
            let (tracks, count) = assign_tracks(&stubs, 0);
            for (s, t) in us.iter().zip(tracks) {
                routes[s.link][0].track = Some(t);
            }
            self.u_room[h.0] = count as f64 * TRACK_SEP + self.u_captions(&us);
        }
    }

    /// Room under the lowest track for the captions of the U-links `us`.
    fn u_captions(&self, us: &[Step]) -> f64 {
        us.iter()
            .map(|s| {
                let lines = measure::model_caption(&self.arch.edges[self.links[s.link].edge]).0;
                if lines.is_empty() {
                    0.0
                } else {
                    self.canon(measure::edge_label_box(&lines)).1 + TRACK_SEP
                }
            })
            .fold(0.0, f64::max)
    }

    /// Two steps that swap places with their ends aligned (each one's stub
    /// from above on the line of the other's stub below) cannot both get a
    /// track without running along each other: one end moves aside on its
    /// box, where the box has room.
    fn untangle(
        &self,
        steps: &[Step],
        routes: &mut [Vec<StepRoute>],
        group_below: &BTreeMap<(usize, usize), (usize, u8)>,
        group_above: &BTreeMap<(usize, usize), (usize, u8)>,
    ) {
        let near = NEAR;
        let lone = |s: &Step| {
            !self.links[s.link].is_flat()
                && !group_below.contains_key(&(s.link, s.k))
                && !group_above.contains_key(&(s.link, s.k))
        };
        for (i, a) in steps.iter().enumerate() {
            for b in &steps[i + 1..] {
                let (ra, rb) = (routes[a.link][a.k], routes[b.link][b.k]);
                let tangled =
                    (ra.top - rb.bottom).abs() < near && (rb.top - ra.bottom).abs() < near;
                if !tangled {
                    continue;
                }
                'moved: for below in [true, false] {
                    for s in [b, a] {
                        if !lone(s) {
                            continue;
                        }
                        let end = self.links[s.link].chain[s.k + usize::from(below)];
                        if let Some(x) = self.free_port(end, s, below, steps, routes, near) {
                            let r = &mut routes[s.link][s.k];
                            if below {
                                r.bottom = x;
                            } else {
                                r.top = x;
                            }
                            break 'moved;
                        }
                    }
                }
            }
        }
    }

    /// A place for step `s`'s end on box `v` (its top side when `below`,
    /// else its bottom side), clear of the box's other ends on that side and
    /// of every stub in the channel. An anchor on a container's border may
    /// move anywhere along the container.
    fn free_port(
        &self,
        v: usize,
        s: &Step,
        below: bool,
        steps: &[Step],
        routes: &[Vec<StepRoute>],
        near: f64,
    ) -> Option<f64> {
        let it = &self.items[v];
        let (left, right) = if it.is_leaf() {
            let (l, r) = it.span();
            let m = PORT_MARGIN.min((r - l) / 2.0);
            (l + m, r - m)
        } else if let Some(&(_, c, AnchorRole::Outside)) = self.anchors.iter().find(|a| a.0 == v) {
            (self.cx[c.0].0 + PORT_MARGIN, self.cx[c.0].1 - PORT_MARGIN)
        } else {
            return None;
        };
        let r0 = routes[s.link][s.k];
        let here = if below { r0.bottom } else { r0.top };
        let taken: Vec<f64> = steps
            .iter()
            .filter(|t| (t.link, t.k) != (s.link, s.k))
            .flat_map(|t| {
                let r = routes[t.link][t.k];
                [r.top, r.bottom]
            })
            .collect();
        (1..12)
            .flat_map(|k| {
                [
                    here + k as f64 * (near + 1.0),
                    here - k as f64 * (near + 1.0),
                ]
            })
            .find(|&x| x >= left && x <= right && taken.iter().all(|&t| (t - x).abs() >= near))
    }

    /// Port positions for the steps on one side of box `v`.
    fn side_ports(
        &self,
        v: usize,
        side_below: bool,
        list: &[(Step, usize)],
        (routes, known): (&[Vec<StepRoute>], bool),
        group_below: &BTreeMap<(usize, usize), (usize, u8)>,
        group_above: &BTreeMap<(usize, usize), (usize, u8)>,
    ) -> Vec<f64> {
        let it = &self.items[v];
        if !it.is_leaf() {
            return vec![it.line(); list.len()];
        }
        // The partner's position: its line, or its port once known.
        let partner_x = |s: &Step, p: usize| {
            if known && self.items[p].is_leaf() {
                let r = routes[s.link][s.k];
                if side_below { r.bottom } else { r.top }
            } else {
                self.items[p].line()
            }
        };
        // Slots: one per trunk, one per lone step.
        let mut slots: BTreeMap<(u8, usize), Vec<usize>> = BTreeMap::new();
        for (i, (s, _)) in list.iter().enumerate() {
            let grouped = if side_below {
                group_below.get(&(s.link, s.k))
            } else {
                group_above.get(&(s.link, s.k))
            };
            let key = match grouped {
                Some(&(_, o)) => (o, usize::MAX),
                None => (u8::MAX, i),
            };
            slots.entry(key).or_default().push(i);
        }
        let mut slots: Vec<(f64, Vec<usize>)> = slots
            .into_values()
            .map(|members| {
                let mut xs: Vec<f64> = members
                    .iter()
                    .map(|&i| partner_x(&list[i].0, list[i].1))
                    .collect();
                xs.sort_by(f64::total_cmp);
                (xs[xs.len() / 2], members)
            })
            .collect();
        slots.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1[0].cmp(&b.1[0])));
        let (left, right) = it.span();
        let margin = PORT_MARGIN.min((right - left) / 2.0);
        let (lo, hi) = (left + margin, right - margin);
        let k = slots.len();
        let sep = if k > 1 {
            PORT_SEP.min((hi - lo) / (k - 1) as f64)
        } else {
            0.0
        };
        let targets: Vec<f64> = slots.iter().map(|s| s.0.clamp(lo, hi)).collect();
        let mut xs = pav(&targets, &vec![1.0; k], &vec![sep; k.saturating_sub(1)]);
        // Inside the box, still `sep` apart: up from the left end, then
        // down from the right end (sep × (k − 1) fits between lo and hi).
        for i in 0..k {
            let floor = if i == 0 { lo } else { xs[i - 1] + sep };
            xs[i] = xs[i].max(floor).max(lo + i as f64 * sep);
        }
        for i in (0..k).rev() {
            let ceil = if i + 1 == k { hi } else { xs[i + 1] - sep };
            xs[i] = xs[i].min(ceil).min(hi - (k - 1 - i) as f64 * sep);
        }
        let mut out = vec![0.0; list.len()];
        for ((_, members), x) in slots.iter().zip(xs) {
            for &i in members {
                out[i] = x;
            }
        }
        out
    }

    /// Polylines, captions and loops, mapped to the real frame.
    pub fn assemble(&mut self) -> Placed {
        let arch = self.arch;
        let n_el = arch.elements.len();
        // Canonical extent.
        let mut cw: f64 = 0.0;
        let mut ch: f64 = 0.0;
        for it in &self.items {
            cw = cw.max(it.x + it.w);
        }
        for &c in &self.containers {
            cw = cw.max(self.cx[c.0].1);
            ch = ch.max(self.cy[c.0].1);
        }
        if let Some(&(y, t)) = self.layer_y.last() {
            ch = ch.max(y + t);
            let last = self.layer_y.len() - 1;
            if self.channels[last].tracks > 0 {
                ch = ch.max(self.channel_top[last] + self.channels[last].depth());
            }
        }
        let title = if arch.title.is_some() {
            measure::DIAGRAM_TITLE_BAND
        } else {
            0.0
        };
        let origin = Point::new(measure::MARGIN, measure::MARGIN + title);
        let dir = self.dir;
        let map = |p: Point| -> [f64; 2] {
            let real = match dir {
                Direction::Down => Point::new(p.x, p.y),
                Direction::Up => Point::new(p.x, ch - p.y),
                Direction::Right => Point::new(p.y, p.x),
                Direction::Left => Point::new(ch - p.y, p.x),
            };
            [real.x + origin.x, real.y + origin.y]
        };
        // Both corners mapped, then sorted again: a flipped axis swaps them.
        let map_rect = |r: Rect| Rect::spanning(map(r.origin()), map(r.bottom_right()));
        let mut abs = vec![Point::default(); n_el];
        let mut size = vec![Size::default(); n_el];
        for (v, it) in self.items.iter().enumerate() {
            if let ItemKind::Leaf(id) = it.kind {
                let real = map_rect(self.item_rect(v));
                abs[id.0] = real.origin();
                size[id.0] = real.size();
            }
        }
        for &c in &self.containers {
            let real = map_rect(self.container_rect(c));
            abs[c.0] = real.origin();
            size[c.0] = real.size();
        }
        let mut edges: Vec<RoutedEdge> = vec![(Vec::new(), None); arch.edges.len()];
        for (li, l) in self.links.iter().enumerate() {
            if l.is_flat() {
                edges[l.edge] = self.u_link(li, &map);
                continue;
            }
            let mut pts: Vec<Point> = Vec::new();
            let first = l.chain[0];
            let r0 = self.routes[li][0];
            pts.push(Point::new(r0.top, self.item_rect(first).bottom));
            let mut label = None;
            for (k, r) in self.routes[li].iter().enumerate() {
                let upper = l.chain[k];
                let layer = self.items[upper].layer;
                if let Some(t) = r.track {
                    let ty = self.channel_top[layer] + (t + 1) as f64 * TRACK_SEP;
                    pts.push(Point::new(r.top, ty));
                    pts.push(Point::new(r.bottom, ty));
                }
                let lower = l.chain[k + 1];
                if let ItemKind::Label(_) = self.items[lower].kind {
                    let it = &self.items[lower];
                    let cx = it.x + LABEL_GAP + (it.w - LABEL_GAP) / 2.0;
                    let cy = self.item_top(lower) + it.h / 2.0;
                    label = Some(map(Point::new(cx, cy)));
                }
            }
            let last = *l.chain.last().expect("a chain has two ends");
            let rl = self.routes[li].last().expect("a chain has a step");
            pts.push(Point::new(rl.bottom, self.item_top(last)));
            self.fix_anchor_ends(l.chain[0], last, &mut pts);
            let mut real: Vec<[f64; 2]> = pts.into_iter().map(map).collect();
            if l.reversed {
                real.reverse();
            }
            edges[l.edge] = (simplify(real), label);
        }
        self.loops(&abs, &size, &mut edges);
        let extent = match dir {
            Direction::Down | Direction::Up => Size::new(cw, ch),
            Direction::Right | Direction::Left => Size::new(ch, cw),
        };
        Placed {
            abs,
            size,
            edges,
            content: extent,
        }
    }

    /// A link within one layer: down from both boxes into the channel below,
    /// joined on the channel's lowest track, its caption under that track.
    fn u_link(&self, li: usize, map: &dyn Fn(Point) -> [f64; 2]) -> RoutedEdge {
        let l = &self.links[li];
        let (a, b) = (l.chain[0], l.chain[1]);
        let r = self.routes[li][0];
        let layer = self.items[a].layer;
        let t = r.track.unwrap_or(0);
        let band_top = match self.u_home[li] {
            Some(h) => self.layer_y[layer].0 + self.layer_y[layer].1 + self.u_top[h.0],
            None => self.channel_top[layer],
        };
        let ty = band_top + (t + 1) as f64 * TRACK_SEP;
        let pts = [
            Point::new(r.top, self.item_rect(a).bottom),
            Point::new(r.top, ty),
            Point::new(r.bottom, ty),
            Point::new(r.bottom, self.item_rect(b).bottom),
        ];
        let mut real: Vec<[f64; 2]> = pts.into_iter().map(map).collect();
        if l.reversed {
            real.reverse();
        }
        let (lines, _) = measure::model_caption(&self.arch.edges[l.edge]);
        let label = (!lines.is_empty()).then(|| {
            let (_, lh) = self.canon(measure::edge_label_box(&lines));
            map(Point::new(
                (r.top + r.bottom) / 2.0,
                ty + TRACK_SEP / 2.0 + lh / 2.0,
            ))
        });
        (simplify(real), label)
    }

    /// An edge end on a container stops at its border (or, for an edge to
    /// something inside, starts at the border and runs in).
    fn fix_anchor_ends(&self, tail: usize, head: usize, pts: &mut Vec<Point>) {
        for (end, at_start) in [(tail, true), (head, false)] {
            let Some(&(_, c, role)) = self.anchors.iter().find(|a| a.0 == end) else {
                continue;
            };
            let rect = self.container_rect(c);
            match role {
                AnchorRole::Outside => {
                    if at_start {
                        cut_start(pts, rect);
                    } else {
                        pts.reverse();
                        cut_start(pts, rect);
                        pts.reverse();
                    }
                }
                AnchorRole::Inside => {
                    if at_start {
                        let x = pts[0].x;
                        pts.insert(0, Point::new(x, rect.top));
                    } else {
                        let x = pts[pts.len() - 1].x;
                        pts.push(Point::new(x, rect.bottom));
                    }
                }
            }
        }
    }

    /// Self-loops as handles beside their box, captions stacked outwards.
    fn loops(&self, abs: &[Point], size: &[Size], edges: &mut [RoutedEdge]) {
        use super::items::{LOOP_LABEL_GAP, LOOP_STEP};
        let arch = self.arch;
        let mut index = vec![0usize; arch.elements.len()];
        let mut stack = vec![0.0; arch.elements.len()];
        let horizontal = self.horizontal();
        for (i, e) in arch.edges.iter().enumerate() {
            if e.from != e.to {
                continue;
            }
            let id = e.from.0;
            let (at, s) = (abs[id], size[id]);
            let k = index[id];
            index[id] += 1;
            let points = if arch.element(e.from).is_container() {
                self.clear_loop(at, s, k, edges)
            } else {
                self_loop(self.dir, at, s, k)
            };
            let (lines, _) = measure::model_caption(e);
            let label = (!lines.is_empty()).then(|| {
                let (lw, lh) = measure::edge_label_box(&lines);
                let out = 12.0 + LOOP_STEP * (self.loops_of[id] as f64 - 1.0).max(0.0);
                let across = if horizontal { lh } else { lw };
                let off = out + LOOP_LABEL_GAP + stack[id] + across / 2.0;
                stack[id] += across + LOOP_LABEL_GAP;
                if horizontal {
                    [at.x + s.width / 2.0, at.y - off]
                } else {
                    [at.x - off, at.y + s.height / 2.0]
                }
            });
            edges[i] = (points, label);
        }
    }
}

impl Engine<'_> {
    /// The `k`-th self-loop of the container at `at` of `size`, on the side
    /// loops take, where no other edge crosses that side: from the middle
    /// outwards.
    fn clear_loop(&self, at: Point, size: Size, k: usize, edges: &[RoutedEdge]) -> Vec<[f64; 2]> {
        let horizontal = self.horizontal();
        let (start, len) = if horizontal {
            (at.x, size.width)
        } else {
            (at.y, size.height)
        };
        let span = 40.0f64.min(len / 2.0);
        // The loop on the stretch of the side from `c - span` to `c + span`.
        let loop_around = |c: f64| {
            if horizontal {
                let stretch = Size::new(2.0 * span, size.height);
                self_loop(self.dir, Point::new(c - span, at.y), stretch, k)
            } else {
                let stretch = Size::new(size.width, 2.0 * span);
                self_loop(self.dir, Point::new(at.x, c - span), stretch, k)
            }
        };
        let hits = |pts: &[[f64; 2]]| {
            let (x0, x1) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |a, p| {
                (a.0.min(p[0]), a.1.max(p[0]))
            });
            let (y0, y1) = pts.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |a, p| {
                (a.0.min(p[1]), a.1.max(p[1]))
            });
            edges.iter().any(|(other, _)| {
                other.windows(2).any(|s| {
                    let (a0, a1) = (s[0][0].min(s[1][0]), s[0][0].max(s[1][0]));
                    let (b0, b1) = (s[0][1].min(s[1][1]), s[0][1].max(s[1][1]));
                    a1 >= x0 - 3.0 && a0 <= x1 + 3.0 && b1 >= y0 - 3.0 && b0 <= y1 + 3.0
                })
            })
        };
        let middle = start + len / 2.0;
        (0..)
            .map(|i| middle + if i % 2 == 0 { 1.0 } else { -1.0 } * ((i + 1) / 2) as f64 * 10.0)
            .take_while(|c| (c - middle).abs() <= len / 2.0 - span)
            .map(loop_around)
            .find(|pts| !hits(pts))
            .unwrap_or_else(|| self_loop(self.dir, at, size, k))
    }
}

/// Drops the start of a polyline that lies inside `rect`: it then starts
/// where it leaves the rectangle.
fn cut_start(pts: &mut Vec<Point>, rect: Rect) {
    let tolerant = rect.inflate(1e-6);
    let inside = |p: Point| tolerant.holds(p);
    let Some(i) = (0..pts.len().saturating_sub(1)).find(|&i| inside(pts[i]) && !inside(pts[i + 1]))
    else {
        return;
    };
    let (p, q) = (pts[i], pts[i + 1]);
    // The last point of p→q inside the rectangle.
    let mut t: f64 = 1.0;
    for (a, b, lo, hi) in [
        (p.x, q.x, rect.left, rect.right),
        (p.y, q.y, rect.top, rect.bottom),
    ] {
        let d = b - a;
        if d > 1e-9 {
            t = t.min((hi - a) / d);
        } else if d < -1e-9 {
            t = t.min((lo - a) / d);
        }
    }
    let exit = Point::new(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y));
    pts.drain(..=i);
    pts.insert(0, exit);
}

/// Assigns tracks to nets (sets of steps moving sideways in one channel,
/// given as their stubs from above and below): a net whose stub comes down
/// where another's stub goes on down must take a track above it; otherwise
/// the lowest free track, leftmost nets first. Nets from `plain` on (U-links)
/// go below all others.
fn assign_tracks(stubs: &[(Vec<f64>, Vec<f64>)], plain: usize) -> (Vec<usize>, usize) {
    let m = stubs.len();
    let tops: Vec<&Vec<f64>> = stubs.iter().map(|s| &s.0).collect();
    let bottoms: Vec<&Vec<f64>> = stubs.iter().map(|s| &s.1).collect();
    let span: Vec<(f64, f64)> = stubs
        .iter()
        .map(|(t, b)| {
            let lo = t.iter().chain(b).copied().fold(f64::INFINITY, f64::min);
            let hi = t.iter().chain(b).copied().fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        })
        .collect();
    // before[j]: nets that must be above net j (every plain net is above a U).
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); m];
    for (j, list) in before.iter_mut().enumerate().skip(plain) {
        list.extend(0..plain.min(j));
    }
    let near = NEAR;
    for (a, top) in tops.iter().enumerate() {
        for b in 0..m {
            if a != b
                && top
                    .iter()
                    .any(|&t| bottoms[b].iter().any(|&u| (t - u).abs() < near))
            {
                before[b].push(a);
            }
        }
    }
    // Order: constraints first (cycles broken by span), then leftmost.
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| span[a].0.total_cmp(&span[b].0).then(a.cmp(&b)));
    let mut placed = vec![false; m];
    let mut track = vec![0usize; m];
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut done = 0;
    while done < m {
        let pick = order
            .iter()
            .copied()
            .find(|&j| !placed[j] && before[j].iter().all(|&a| placed[a]))
            .or_else(|| order.iter().copied().find(|&j| !placed[j]))
            .expect("a net is left");
        let min_track = before[pick]
            .iter()
            .filter(|&&a| placed[a])
            .map(|&a| track[a] + 1)
            .max()
            .unwrap_or(0);
        let (lo, hi) = span[pick];
        let free = |row: &Vec<(f64, f64)>| {
            row.iter()
                .all(|&(a, b)| hi + TRACK_SEP <= a || lo >= b + TRACK_SEP)
        };
        let t = (min_track..)
            .find(|&t| t >= rows.len() || free(&rows[t]))
            .expect("a free track");
        if t >= rows.len() {
            rows.resize(t + 1, Vec::new());
        }
        rows[t].push((lo, hi));
        track[pick] = t;
        placed[pick] = true;
        done += 1;
    }
    (track, rows.len())
}
