//! Track assignment in the channel between two layers: the left-edge
//! algorithm with vertical constraints. Vertical segments whose spans overlap
//! get different tracks; and when one link's stub on the left runs at the
//! height of another link's stub on the right, the first link's track comes
//! first, so that the two stubs do not run along the same line.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// How one link crosses the channel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crossing {
    /// Along one track: left stub, vertical segment, right stub.
    Track(usize),
    /// Two links that must cross with their stubs at each other's heights
    /// cannot both use one track: this one takes the outermost tracks and a
    /// horizontal jog at `y` between them.
    Dogleg(usize, usize, f64),
}

/// Routes each link `(y_left, y_right, u)` through the channel; `u` marks a
/// U-link, whose two stubs both come from the left (its ends share a layer).
/// Returns how each crosses and how many tracks there are (0 = leftmost).
pub fn route(links: &[(f64, f64, bool)], sep: f64) -> (Vec<Crossing>, usize) {
    let lefts = left_stubs(links);
    let (track, count) = assign(links, sep, &lefts);
    // Links left of a link they must follow (a cycle was broken) become doglegs.
    let n = links.len();
    let mut dogleg = vec![false; n];
    for j in (0..n).filter(|&j| !links[j].2) {
        let right = links[j].1;
        let start = lefts.partition_point(|&(y, _)| y <= right - sep);
        for &(y, i) in &lefts[start..] {
            if y >= right + sep {
                break;
            }
            if i != j && !dogleg[i] && track[i] >= track[j] {
                dogleg[j] = true;
            }
        }
    }
    let doglegs: Vec<usize> = (0..n).filter(|&i| dogleg[i]).collect();
    let d = doglegs.len();
    let mut out: Vec<Crossing> = track.iter().map(|&t| Crossing::Track(t + d)).collect();
    let mut used: Vec<f64> = links.iter().flat_map(|l| [l.0, l.1]).collect();
    used.sort_unstable_by(f64::total_cmp);
    for (k, &i) in doglegs.iter().enumerate() {
        let (a, b, _) = links[i];
        let (lo, hi) = (a.min(b), a.max(b));
        let mid = (a + b) / 2.0;
        // The jog's height: the clearest of every stub, near the middle;
        // beyond the link's own span when the span is crowded. The heights
        // tried rise, so the place among `used` moves on only when a height
        // passes a stub (a search per height made this the slowest part of
        // big levels).
        let reach = (hi - lo).max(4.0 * sep);
        let steps = ((hi - lo + 2.0 * reach) / 1.0).ceil().min(2000.0) as usize;
        let mut next = used.partition_point(|&u| u < lo - reach);
        let mut clearance = |y: f64| {
            if used.get(next).is_some_and(|&u| u < y) {
                next += used[next..].partition_point(|&u| u < y);
            }
            let above = used.get(next).map_or(f64::INFINITY, |u| u - y);
            let below = next.checked_sub(1).map_or(f64::INFINITY, |j| y - used[j]);
            above.min(below)
        };
        let y = (0..=steps)
            .map(|s| lo - reach + (hi - lo + 2.0 * reach) * s as f64 / steps as f64)
            .map(|y| (clearance(y).min(sep / 2.0), -(y - mid).abs(), y))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .map_or(mid, |(_, _, y)| y);
        let at = used.partition_point(|&u| u < y);
        used.insert(at, y);
        out[i] = Crossing::Dogleg(d - 1 - k, count + d + k, y);
    }
    (out, count + 2 * d)
}

/// Every stub that comes from the left, `(y, link)`, sorted by height.
fn left_stubs(links: &[(f64, f64, bool)]) -> Vec<(f64, usize)> {
    let mut lefts: Vec<(f64, usize)> = links
        .iter()
        .enumerate()
        .flat_map(|(i, l)| std::iter::once((l.0, i)).chain(l.2.then_some((l.1, i))))
        .collect();
    // Equal keys are equal entries: an unstable sort gives the same order
    // (without the scratch space of a stable one).
    lefts.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    lefts
}

/// Assigns a track to each link `(y_left, y_right, u)`, whose stubs from
/// the left are `lefts` (sorted once for this and for [`route`]); returns the
/// tracks (0 = leftmost) and how many there are.
pub fn assign(links: &[(f64, f64, bool)], sep: f64, lefts: &[(f64, usize)]) -> (Vec<usize>, usize) {
    let n = links.len();
    let span = |i: usize| {
        let (a, b, _) = links[i];
        (a.min(b), a.max(b))
    };
    // before[j]: links with a stub from the left at the height of j's stub
    // from the right; they must take a track left of j's.
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (j, &(_, right, u)) in links.iter().enumerate() {
        if u {
            continue;
        }
        let start = lefts.partition_point(|&(y, _)| y < right - sep);
        for &(y, i) in &lefts[start..] {
            if y > right + sep {
                break;
            }
            if i != j {
                before[j].push(i);
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    // The index breaks ties: the unstable sort gives the stable order.
    order.sort_unstable_by(|&i, &j| {
        let (a, b) = (span(i), span(j));
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(i.cmp(&j))
    });
    // Links in order of their spans' starts, each as soon as every link that
    // must be left of it has a track: the lowest track right of theirs that
    // is free from the link's start on. Near-linear; a cycle of constraints
    // (two links that must cross) is broken by letting the earliest through.
    let mut rank = vec![0; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting = vec![0usize; n];
    for (j, list) in before.iter_mut().enumerate() {
        list.sort_unstable();
        list.dedup();
        waiting[j] = list.len();
        for &i in list.iter() {
            after[i].push(j);
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> = (0..n)
        .filter(|&i| waiting[i] == 0)
        .map(|i| Reverse(rank[i]))
        .collect();
    let mut track = vec![usize::MAX; n];
    let mut min_track = vec![0usize; n];
    let mut ends = TrackEnds::new(n);
    let mut next_in_order = 0;
    for _ in 0..n {
        let i = loop {
            match ready.pop() {
                Some(Reverse(r)) if track[order[r]] == usize::MAX => break order[r],
                Some(_) => continue,
                None => {
                    while track[order[next_in_order]] != usize::MAX {
                        next_in_order += 1;
                    }
                    break order[next_in_order];
                }
            }
        };
        let (lo, hi) = span(i);
        // The lowest track from min_track[i] on that is free from lo - sep.
        let t = ends
            .first_free(min_track[i], lo, sep)
            .unwrap_or_else(|| ends.open(min_track[i]));
        track[i] = t;
        ends.extend(t, hi);
        for &j in &after[i] {
            min_track[j] = min_track[j].max(t + 1);
            waiting[j] = waiting[j].saturating_sub(1);
            if waiting[j] == 0 && track[j] == usize::MAX {
                ready.push(Reverse(rank[j]));
            }
        }
    }
    (track, ends.count)
}

/// Where each track of a channel is taken up to, in a tree of minima so that
/// the first track free from a height is found in logarithmic time (a scan
/// of every track made channels with thousands of tracks quadratic).
struct TrackEnds {
    /// Leaves from `size` on: the end of each track (open tracks at minus
    /// infinity, tracks not open yet at infinity); inner nodes: the minimum
    /// of their two children.
    tree: Vec<f64>,
    size: usize,
    /// Tracks open so far.
    count: usize,
}

impl TrackEnds {
    /// Room for `n` tracks, none open.
    fn new(n: usize) -> Self {
        let size = n.max(1).next_power_of_two();
        TrackEnds {
            tree: vec![f64::INFINITY; 2 * size],
            size,
            count: 0,
        }
    }

    /// The lowest open track from `from` on whose end `e` has `e + sep <=
    /// y` (a subtree holds one exactly when its minimum does).
    fn first_free(&self, from: usize, y: f64, sep: f64) -> Option<usize> {
        self.find(1, (0, self.size), from, (y, sep))
    }

    fn find(
        &self,
        node: usize,
        (lo, hi): (usize, usize),
        from: usize,
        (y, sep): (f64, f64),
    ) -> Option<usize> {
        if hi <= from || self.tree[node] + sep > y {
            return None;
        }
        if hi - lo == 1 {
            return (lo < self.count).then_some(lo);
        }
        let mid = (lo + hi) / 2;
        self.find(2 * node, (lo, mid), from, (y, sep))
            .or_else(|| self.find(2 * node + 1, (mid, hi), from, (y, sep)))
    }

    /// Opens a new track (at least `min` tracks are open already).
    fn open(&mut self, min: usize) -> usize {
        debug_assert!(min <= self.count);
        let t = self.count;
        self.count += 1;
        self.set(t, f64::NEG_INFINITY);
        t
    }

    /// Track `t` is taken up to `end` at least.
    fn extend(&mut self, t: usize, end: f64) {
        let e = self.tree[self.size + t].max(end);
        self.set(t, e);
    }

    fn set(&mut self, t: usize, e: f64) {
        let mut i = self.size + t;
        self.tree[i] = e;
        while i > 1 {
            i /= 2;
            self.tree[i] = self.tree[2 * i].min(self.tree[2 * i + 1]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(links: &[(f64, f64, bool)], sep: f64) -> (Vec<usize>, usize) {
        let (t, n) = assign(links, sep, &left_stubs(links));
        for i in 0..links.len() {
            assert!(t[i] < n);
            for j in i + 1..links.len() {
                if t[i] == t[j] {
                    let (a0, a1) = (links[i].0.min(links[i].1), links[i].0.max(links[i].1));
                    let (b0, b1) = (links[j].0.min(links[j].1), links[j].0.max(links[j].1));
                    assert!(
                        a1 + sep <= b0 || b1 + sep <= a0,
                        "{i} and {j} share a track"
                    );
                }
            }
        }
        (t, n)
    }

    #[test]
    fn overlapping_segments_get_distinct_tracks() {
        let (t, n) = check(
            &[
                (0.0, 100.0, false),
                (50.0, 150.0, false),
                (120.0, 200.0, false),
                (300.0, 250.0, false),
            ],
            5.0,
        );
        assert_ne!(t[0], t[1]);
        assert_ne!(t[1], t[2]);
        assert_eq!(n, 2);
    }

    #[test]
    fn a_left_stub_at_the_height_of_a_right_stub_goes_first() {
        // Link 1 leaves at y=100; link 0 arrives at y=100: link 1 must be left of link 0.
        let (t, _) = check(&[(0.0, 100.0, false), (100.0, 300.0, false)], 5.0);
        assert!(t[1] < t[0]);
    }

    #[test]
    fn links_that_swap_heights_get_a_dogleg() {
        let links = [(100.0, 114.0, false), (114.0, 100.0, false)];
        let (r, n) = route(&links, 5.0);
        let doglegs = r
            .iter()
            .filter(|c| matches!(c, Crossing::Dogleg(..)))
            .count();
        assert_eq!(doglegs, 1);
        assert_eq!(n, 4, "two tracks, plus two outer ones for the dogleg");
        let Some(Crossing::Track(t)) = r.iter().find(|c| matches!(c, Crossing::Track(_))).copied()
        else {
            panic!()
        };
        let Some(Crossing::Dogleg(a, b, y)) = r
            .iter()
            .find(|c| matches!(c, Crossing::Dogleg(..)))
            .copied()
        else {
            panic!()
        };
        assert!(a < t && t < b && y > 100.0 && y < 114.0);
    }

    #[test]
    fn constraint_cycles_still_terminate() {
        let (_, n) = check(&[(0.0, 100.0, false), (100.0, 0.0, false)], 5.0);
        assert_eq!(n, 2);
    }
}
