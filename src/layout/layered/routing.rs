//! Routes of one level in canonical coordinates: the links crossing each
//! channel between two layers get tracks ([`super::channels`]), the layers
//! their x, and every piece its polyline.

use super::{CHANNEL_MIN, Engine, Kind, LABEL_GAP, Level, Route, TRACK_SEP, channels};
use crate::layout::measure;
use crate::layout::transform::size_to_canon;
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A link crossing a channel: (piece, y where it leaves, y where it
/// arrives, whether it is a U between two nodes of one layer).
type ChannelLink = (usize, f64, f64, bool);

/// A caption with no layer to hold it: (piece, channel, offset in the
/// channel's label area, size, middle height).
type LabelSpec = (usize, usize, f64, (f64, f64), f64);

/// The channels right of every layer, and where the layers sit.
struct Channels {
    /// Per layer, its width (the widest node, or what siblings share).
    width: Vec<f64>,
    /// Per layer, its left x.
    layer_x: Vec<f64>,
    /// Per channel, its width: tracks, then caption columns.
    channel_w: Vec<f64>,
    /// Per channel, its caption columns' width.
    label_w: Vec<f64>,
    /// Per channel, its number of tracks.
    tracks: Vec<usize>,
    /// How each bent link crosses its channel, by (channel, piece).
    track_of: FxHashMap<(usize, usize), channels::Crossing>,
}

impl Channels {
    /// The x of track `t` of channel `c`: the tracks are centred in the
    /// channel's track area.
    fn track_x(&self, c: usize, t: usize) -> f64 {
        let count = self.tracks[c] as f64;
        let start = self.layer_x[c] + self.width[c];
        let tracks_w = self.channel_w[c] - self.label_w[c];
        start + (tracks_w - (count - 1.0) * TRACK_SEP) / 2.0 + t as f64 * TRACK_SEP
    }

    /// The canonical width of the level.
    fn extent_w(&self) -> f64 {
        match self.layer_x.len() {
            0 => 0.0,
            n => self.layer_x[n - 1] + self.width[n - 1] + self.channel_w[n - 1],
        }
    }
}

impl Engine<'_> {
    /// Routes every piece of the level in canonical coordinates; returns the
    /// canonical extent and the routes (lowest layer first).
    pub(super) fn route(
        &mut self,
        li: usize,
        ports: &FxHashMap<(usize, usize), f64>,
    ) -> ((f64, f64), Vec<Route>) {
        let ports = self.normalise_y(li, ports);
        let level = &self.levels[li];
        let nodes_h = level
            .nodes
            .iter()
            .map(|n| n.y + n.size.1)
            .fold(0.0, f64::max);
        let bus = bus_lanes(level, nodes_h);
        // The links crossing each channel. One channel right of every layer;
        // the last one only holds U-links. A bus piece crosses two: down
        // its first channel to its lane, and up its last one.
        let mut crossing: Vec<Vec<ChannelLink>> = vec![Vec::new(); level.layers.len()];
        let mut link_y: Vec<Vec<(f64, f64)>> = Vec::with_capacity(level.chains.len());
        for (p, chain) in level.chains.iter().enumerate() {
            let mut ys = Vec::new();
            for w in chain.windows(2) {
                let ya = self.attach(li, w[0], p, &ports);
                let yb = self.attach(li, w[1], p, &ports);
                ys.push((ya, yb));
                let (la, lb) = (level.nodes[w[0]].layer, level.nodes[w[1]].layer);
                if let Some(&lane) = bus.lane.get(&p) {
                    crossing[la].push((p, ya, lane, false));
                    crossing[lb - 1].push((p, lane, yb, false));
                } else {
                    crossing[la].push((p, ya, yb, la == lb));
                }
            }
            link_y.push(ys);
        }
        let (plan, u_label_specs) = self.plan_channels(level, &crossing);
        let level = &mut self.levels[li];
        for n in &mut level.nodes {
            n.x = plan.layer_x[n.layer] + (plan.width[n.layer] - n.size.0) / 2.0;
        }
        let extent_h = nodes_h;
        let mut u_labels = FxHashMap::default();
        for &(p, c, offset, (w, h), mid) in &u_label_specs {
            // Right after the last track, so the caption stays near its line.
            let last_track = plan.track_x(c, plan.tracks[c].saturating_sub(1));
            let x = last_track + offset + LABEL_GAP;
            let y = (mid - h / 2.0).clamp(0.0, (extent_h - h).max(0.0));
            u_labels.insert(p, (x, y, w, h));
        }
        let routes = polylines(level, &plan, &link_y, &bus);
        level.u_labels = u_labels;
        ((plan.extent_w(), extent_h.max(bus.bottom)), routes)
    }

    /// Moves the level's nodes and `ports` so the content starts at y = 0,
    /// self-loops above a top box included; returns the moved ports.
    fn normalise_y(
        &mut self,
        li: usize,
        ports: &FxHashMap<(usize, usize), f64>,
    ) -> FxHashMap<(usize, usize), f64> {
        let min_y = {
            let level = &self.levels[li];
            level
                .nodes
                .iter()
                .map(|n| match n.kind {
                    Kind::Child(c) => n.y - self.loops[level.children[c].0],
                    _ => n.y,
                })
                .fold(f64::INFINITY, f64::min)
        };
        let min_y = if min_y.is_finite() { min_y } else { 0.0 };
        let mut ports = ports.clone();
        for y in ports.values_mut() {
            *y -= min_y;
        }
        for n in &mut self.levels[li].nodes {
            n.y -= min_y;
        }
        ports
    }

    /// Tracks for the bent links of every channel, the channels' widths
    /// (with columns for captions that have no layer) and the layers' x.
    fn plan_channels(
        &self,
        level: &Level,
        crossing: &[Vec<ChannelLink>],
    ) -> (Channels, Vec<LabelSpec>) {
        let layer_count = level.layers.len();
        let width: Vec<f64> = level
            .layer_widths()
            .into_iter()
            .enumerate()
            .map(|(l, w)| w.max(level.min_widths.get(l).copied().unwrap_or(0.0)))
            .collect();
        let mut track_of: FxHashMap<(usize, usize), channels::Crossing> = FxHashMap::default();
        let mut channel_w = vec![0.0; crossing.len()];
        let mut channel_tracks = vec![0usize; crossing.len()];
        let mut label_w = vec![0.0; crossing.len()];
        let mut u_label_specs: Vec<LabelSpec> = Vec::new();
        for (c, links) in crossing.iter().enumerate() {
            let bent: Vec<(usize, (f64, f64, bool))> = links
                .iter()
                .filter(|(_, a, b, _)| (a - b).abs() >= 0.01)
                .map(|&(p, a, b, u)| (p, (a, b, u)))
                .collect();
            let spans: Vec<(f64, f64, bool)> = bent.iter().map(|b| b.1).collect();
            let (tracks, count) = channels::route(&spans, TRACK_SEP);
            for (i, (p, _)) in bent.iter().enumerate() {
                track_of.insert((c, *p), tracks[i]);
            }
            channel_tracks[c] = count;
            channel_w[c] = if c + 1 == layer_count && count == 0 {
                0.0
            } else {
                ((count + 1) as f64 * TRACK_SEP).max(CHANNEL_MIN)
            };
            // Captions of links with no layer to hold them (U-links, and links
            // between adjacent layers that were not spread out for a label)
            // get columns of their own right of the tracks.
            for &(p, ya, yb, u) in links {
                if level.pieces[p].label && level.chains[p].len() == 2 {
                    let lines = measure::model_caption(&self.arch.edges[level.pieces[p].edge]).0;
                    let (w, h) = size_to_canon(self.dir, measure::edge_label_box(&lines));
                    // A U's caption faces its turn; a straight-through link's
                    // caption sits just beside its last stretch, which crosses
                    // the caption column.
                    let centre = if u {
                        (ya + yb) / 2.0
                    } else {
                        yb + h / 2.0 + LABEL_GAP / 2.0
                    };
                    u_label_specs.push((p, c, label_w[c], (w, h), centre));
                    label_w[c] += w + 2.0 * LABEL_GAP;
                }
            }
            channel_w[c] += label_w[c];
        }
        let mut layer_x = vec![0.0; layer_count];
        for l in 1..layer_count {
            layer_x[l] = layer_x[l - 1] + width[l - 1] + channel_w[l - 1];
        }
        let plan = Channels {
            width,
            layer_x,
            channel_w,
            label_w,
            tracks: channel_tracks,
            track_of,
        };
        (plan, u_label_specs)
    }
}

/// The lanes of a level's bus: one horizontal line per bus piece under
/// everything else, from the piece's first channel to its last; pieces that
/// share no channel may share a lane (the left-edge algorithm).
struct Bus {
    /// The height of each bus piece's lane, by piece.
    lane: FxHashMap<usize, f64>,
    /// How far the bus reaches down (0 without one).
    bottom: f64,
}

/// Gap between a level's lowest box and the first lane of its bus.
const BUS_GAP: f64 = 2.0 * TRACK_SEP;

fn bus_lanes(level: &Level, nodes_h: f64) -> Bus {
    // (first channel, last channel, piece), by first channel.
    let mut spans: Vec<(usize, usize, usize)> = (0..level.chains.len())
        .filter(|&p| level.is_bus(p))
        .map(|p| {
            let chain = &level.chains[p];
            let (a, b) = (level.nodes[chain[0]].layer, level.nodes[chain[1]].layer);
            (a, b - 1, p)
        })
        .collect();
    if spans.is_empty() {
        return Bus {
            lane: FxHashMap::default(),
            bottom: 0.0,
        };
    }
    spans.sort_unstable();
    // Free lanes (lowest first) and lanes in use, by the channel they end at.
    let mut free: BinaryHeap<Reverse<usize>> = BinaryHeap::new();
    let mut busy: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let mut count = 0;
    let mut lane = FxHashMap::with_capacity_and_hasher(spans.len(), Default::default());
    for (first, last, p) in spans {
        while let Some(&Reverse((end, l))) = busy.peek() {
            if end >= first {
                break;
            }
            busy.pop();
            free.push(Reverse(l));
        }
        let l = free.pop().map_or_else(
            || {
                count += 1;
                count - 1
            },
            |Reverse(l)| l,
        );
        busy.push(Reverse((last, l)));
        lane.insert(p, nodes_h + BUS_GAP + l as f64 * TRACK_SEP);
    }
    Bus {
        lane,
        bottom: nodes_h + BUS_GAP + count as f64 * TRACK_SEP,
    }
}

/// The points of a link across channel `c` from height `ya` to `yb`
/// (nothing when it runs straight across).
fn across(plan: &Channels, c: usize, p: usize, ya: f64, yb: f64, pts: &mut Route) {
    if (ya - yb).abs() < 0.01 {
        return;
    }
    match plan.track_of[&(c, p)] {
        channels::Crossing::Track(t) => {
            let x = plan.track_x(c, t);
            pts.push((x, ya));
            pts.push((x, yb));
        }
        channels::Crossing::Dogleg(t1, t2, y) => {
            let (x1, x2) = (plan.track_x(c, t1), plan.track_x(c, t2));
            pts.extend([(x1, ya), (x1, y), (x2, y), (x2, yb)]);
        }
    }
}

/// Every piece's polyline through the channels, from its lowest layer.
fn polylines(level: &Level, plan: &Channels, link_y: &[Vec<(f64, f64)>], bus: &Bus) -> Vec<Route> {
    let mut routes = Vec::with_capacity(level.chains.len());
    for (p, chain) in level.chains.iter().enumerate() {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        for (i, w) in chain.windows(2).enumerate() {
            let (a, b) = (&level.nodes[w[0]], &level.nodes[w[1]]);
            let (ya, yb) = link_y[p][i];
            let xa = match a.kind {
                Kind::Child(_) => a.x + a.size.0,
                Kind::Port(_) => a.x,
                _ => plan.layer_x[a.layer] + plan.width[a.layer],
            };
            let u_link = a.layer == b.layer;
            let xb = match b.kind {
                Kind::Child(_) if u_link => b.x + b.size.0,
                Kind::Child(_) => b.x,
                Kind::Port(_) => b.x,
                _ => plan.layer_x[b.layer],
            };
            // After the first link, this continues through a dummy's column.
            pts.push((xa, ya));
            if let Some(&lane) = bus.lane.get(&p) {
                across(plan, a.layer, p, ya, lane, &mut pts);
                across(plan, b.layer - 1, p, lane, yb, &mut pts);
            } else {
                across(plan, a.layer, p, ya, yb, &mut pts);
            }
            pts.push((xb, yb));
        }
        routes.push(pts);
    }
    routes
}
