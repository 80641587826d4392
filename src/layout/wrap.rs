//! A long flow wrapped into columns (flows downwards or upwards) or rows
//! (flows to the right or left), the way ELK Layered wraps a long graph:
//! the drawing is cut across the flow where no box straddles the cut, the
//! later parts are moved beside the first, each starting where the first
//! starts, and the edges that go on from one part to the next are routed
//! again through the gap between them.
//!
//! The cut is made among the children of the outermost level that holds
//! more than one box: a region or VPC around everything stays one
//! container and grows to hold the parts. A container is never cut, so a
//! long flow inside one of several containers is not wrapped.

use std::collections::HashMap;

use super::measure::{DIAGRAM_TITLE_FONT, MARGIN};
use crate::geometry::Rect;
use crate::model::Direction;
use crate::scene::Scene;

/// Longest side of a page over its shortest: a flow longer than this many
/// times its width is wrapped.
pub const PAGE: f64 = 3.0;

/// Room between two parts of a wrapped flow: the channel for the edges
/// that go on to the next part.
const GAP: f64 = 64.0;

/// Most parts a flow is wrapped into.
const MOST_PARTS: usize = 32;

/// What a part costs per edge that leaves it for another, against how far
/// the page is from square (`ln` of its longer side over its shorter).
const CUT_COST: f64 = 0.1;

/// The drawing seen along and across its flow: axis indices into `[x, y]`
/// and whether the flow runs towards smaller coordinates.
#[derive(Clone, Copy)]
struct Axes {
    flow: usize,
    across: usize,
    back: bool,
}

impl Axes {
    fn of(direction: Direction) -> Axes {
        let (flow, back) = match direction {
            Direction::Down => (1, false),
            Direction::Up => (1, true),
            Direction::Right => (0, false),
            Direction::Left => (0, true),
        };
        Axes {
            flow,
            across: 1 - flow,
            back,
        }
    }

    /// A rectangle's extent along the flow, in flow order: where a reader
    /// meets it first and last.
    fn along(self, r: &Rect) -> (f64, f64) {
        let (lo, hi) = sides(r, self.flow);
        if self.back { (-hi, -lo) } else { (lo, hi) }
    }

    /// A move of `ahead` along the flow (in flow order) and `aside` across.
    fn shift(self, ahead: f64, aside: f64) -> [f64; 2] {
        let mut d = [0.0; 2];
        d[self.flow] = if self.back { -ahead } else { ahead };
        d[self.across] = aside;
        d
    }
}

/// A rectangle's sides on one axis.
fn sides(r: &Rect, axis: usize) -> (f64, f64) {
    if axis == 0 {
        (r.left, r.right)
    } else {
        (r.top, r.bottom)
    }
}

/// A run of the flow that no cut may split: children whose extents along
/// the flow overlap.
struct Slab {
    start: f64,
    end: f64,
}

/// How the flow is cut: the first slab of every part after the first.
struct Plan {
    starts: Vec<usize>,
    cost: f64,
}

/// Wraps `scene` when it is longer along its flow than [`PAGE`] times its
/// width across and has at least `from` boxes. Returns whether it did;
/// when an edge between parts finds no route, the scene is left as it was.
pub fn wrap(scene: &mut Scene, direction: Direction, from: usize) -> bool {
    if scene.nodes.len() + scene.containers.len() < from {
        return false;
    }
    let axes = Axes::of(direction);
    let dims = [scene.width, scene.height];
    if dims[axes.flow] <= PAGE * dims[axes.across] + 0.5 {
        return false;
    }
    let (trunk, children) = trunk(scene);
    if children.len() < 2 {
        return false;
    }
    let rect: HashMap<&str, Rect> = scene.boxes().map(|b| (b.id.as_str(), b.rect())).collect();
    let rects: Vec<Rect> = children.iter().map(|id| rect[id.as_str()]).collect();
    let (slabs, slab_of) = slabs(&rects, axes);
    let block = blocks(scene, &trunk, &children);
    let Some(plan) = plan(scene, &rects, &slabs, &slab_of, &block, axes, dims) else {
        return false;
    };
    let before = scene.clone();
    let origin = corner(scene);
    let part_of_child: Vec<usize> = slab_of.iter().map(|&s| part(&plan.starts, s)).collect();
    let moves = moves(scene, &rects, &slabs, &part_of_child, &block, &plan, axes);
    let cut = apply(scene, &trunk, &block, &part_of_child, &moves);
    fit_page(scene, origin, &cut);
    // Routed twice: the second time each edge sees where the others went.
    if !(super::detour::reroute(scene, &cut) && super::detour::reroute(scene, &cut)) {
        *scene = before;
        return false;
    }
    true
}

/// The containers that hold everything, outermost first, and the children
/// of the innermost (or the top level's boxes when there is none).
fn trunk(scene: &Scene) -> (Vec<String>, Vec<String>) {
    let mut trunk = Vec::new();
    loop {
        let parent = trunk.last();
        let kids: Vec<String> = scene
            .boxes()
            .filter(|b| b.parent.as_ref() == parent)
            .map(|b| b.id.clone())
            .collect();
        match kids.as_slice() {
            [only] if scene.containers.iter().any(|c| &c.id == only) => {
                trunk.push(only.clone());
            }
            _ => return (trunk, kids),
        }
    }
}

/// For every box below the trunk, the index of the child of the trunk
/// that holds it (itself included).
fn blocks(scene: &Scene, trunk: &[String], children: &[String]) -> HashMap<String, usize> {
    let parent: HashMap<&str, Option<&str>> = scene
        .boxes()
        .map(|b| (b.id.as_str(), b.parent.as_deref()))
        .collect();
    let child: HashMap<&str, usize> = children
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let mut block = HashMap::new();
    for b in scene.boxes() {
        if trunk.contains(&b.id) {
            continue;
        }
        let mut at = b.id.as_str();
        while !child.contains_key(at) {
            at = parent[at].expect("every box below the trunk has a child of it above");
        }
        block.insert(b.id.clone(), child[at]);
    }
    block
}

/// The children grouped into slabs in flow order, and each child's slab.
fn slabs(rects: &[Rect], axes: Axes) -> (Vec<Slab>, Vec<usize>) {
    let mut order: Vec<usize> = (0..rects.len()).collect();
    order.sort_by(|&a, &b| axes.along(&rects[a]).0.total_cmp(&axes.along(&rects[b]).0));
    let mut slabs: Vec<Slab> = Vec::new();
    let mut slab_of = vec![0; rects.len()];
    for i in order {
        let (start, end) = axes.along(&rects[i]);
        match slabs.last_mut() {
            Some(s) if start < s.end => s.end = s.end.max(end),
            _ => slabs.push(Slab { start, end }),
        }
        slab_of[i] = slabs.len() - 1;
    }
    (slabs, slab_of)
}

/// The cheapest way to cut the flow into parts whose page is at most
/// `page`-to-1 on either side, or None when no cut makes the page squarer.
fn plan(
    scene: &Scene,
    rects: &[Rect],
    slabs: &[Slab],
    slab_of: &[usize],
    block: &HashMap<String, usize>,
    axes: Axes,
    dims: [f64; 2],
) -> Option<Plan> {
    let first = slabs.first()?.start;
    let total = slabs.last()?.end - first;
    // What the page holds besides the children: margins, the title, the
    // trunk's paddings.
    let across_now = across_extent(rects.iter(), axes);
    let extra = [dims[axes.flow] - total, dims[axes.across] - across_now];
    // How far the page is from [`LANDSCAPE`], and whether it is beyond 3:1.
    let shape = |along: f64, across: f64| {
        let (a, b) = (along + extra[0], across + extra[1]);
        let (w, h) = if axes.flow == 0 { (a, b) } else { (b, a) };
        ((w / h).ln() - LANDSCAPE.ln()).abs()
            + if a.max(b) > PAGE * a.min(b) {
                10.0
            } else {
                0.0
            }
    };
    let mut best: Option<Plan> = None;
    let partitions = Partitions::new(slabs, MOST_PARTS);
    for parts in 2..=MOST_PARTS.min(slabs.len()) {
        let Some(starts) = partitions.starts(parts) else {
            continue;
        };
        let mut longest: f64 = 0.0;
        let mut across = 0.0;
        for j in 0..parts {
            let lo = if j == 0 { 0 } else { starts[j - 1] };
            let hi = starts.get(j).copied().unwrap_or(slabs.len());
            longest = longest.max(slabs[hi - 1].end - slabs[lo].start);
            let members = rects
                .iter()
                .zip(slab_of)
                .filter(|&(_, &s)| part(&starts, s) == j)
                .map(|(r, _)| r);
            across += across_extent(members, axes) + if j > 0 { GAP } else { 0.0 };
        }
        let cuts = scene
            .edges
            .iter()
            .filter(|e| {
                let end = |id: &String| block.get(id).map(|&c| part(&starts, slab_of[c]));
                end(&e.from).is_none() || end(&e.from) != end(&e.to)
            })
            .count();
        let cost = shape(longest, across) + CUT_COST * cuts as f64;
        if best.as_ref().is_none_or(|b| cost < b.cost) {
            best = Some(Plan { starts, cost });
        }
    }
    let now = shape(total, across_now);
    best.filter(|b| b.cost < now)
}

/// The part slab `s` falls in when the parts after the first begin at
/// `starts`.
fn part(starts: &[usize], s: usize) -> usize {
    starts.iter().filter(|&&p| p <= s).count()
}

/// Every way to cut `slabs` into up to `most` runs of the flow with the
/// longest run as short as it can be (the linear partition problem, by
/// dynamic programming).
struct Partitions {
    /// `from[j][i]`: where the last of `j` parts holding the first `i`
    /// slabs starts.
    from: Vec<Vec<usize>>,
}

impl Partitions {
    fn new(slabs: &[Slab], most: usize) -> Partitions {
        let n = slabs.len();
        let run = |lo: usize, hi: usize| slabs[hi - 1].end - slabs[lo].start;
        // longest[i]: the longest run when the first i slabs make the
        // parts of the round.
        let mut longest = vec![f64::INFINITY; n + 1];
        longest[0] = 0.0;
        let mut from = vec![vec![0; n + 1]];
        for j in 1..=most.min(n) {
            let mut next = vec![f64::INFINITY; n + 1];
            let mut at = vec![0; n + 1];
            for i in j..=n {
                for (k, &before) in longest.iter().enumerate().take(i).skip(j - 1) {
                    let l = before.max(run(k, i));
                    if l < next[i] {
                        next[i] = l;
                        at[i] = k;
                    }
                }
            }
            longest = next;
            from.push(at);
        }
        Partitions { from }
    }

    /// The first slab of every part after the first, in `parts` parts; None
    /// when there are fewer slabs than that.
    fn starts(&self, parts: usize) -> Option<Vec<usize>> {
        let row = self.from.get(parts)?;
        let mut starts = Vec::with_capacity(parts - 1);
        let mut i = row.len() - 1;
        for j in (2..=parts).rev() {
            i = self.from[j][i];
            starts.push(i);
        }
        starts.reverse();
        Some(starts)
    }
}

/// The page a wrapped flow aims at, width over height: a screen's or a
/// slide's.
const LANDSCAPE: f64 = 4.0 / 3.0;

/// The extent across the flow of some rectangles.
fn across_extent<'r>(rects: impl Iterator<Item = &'r Rect>, axes: Axes) -> f64 {
    let (lo, hi) = rects.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| {
        let (a, b) = sides(r, axes.across);
        (lo.min(a), hi.max(b))
    });
    (hi - lo).max(0.0)
}

/// The move of every part: back to where the first part starts along the
/// flow, and beside the part before it across, a [`GAP`] apart. A part's
/// extent across includes the routes and captions of its own edges.
#[allow(clippy::too_many_arguments)]
fn moves(
    scene: &Scene,
    rects: &[Rect],
    slabs: &[Slab],
    part_of_child: &[usize],
    block: &HashMap<String, usize>,
    plan: &Plan,
    axes: Axes,
) -> Vec<[f64; 2]> {
    let parts = plan.starts.len() + 1;
    let mut lo = vec![f64::INFINITY; parts];
    let mut hi = vec![f64::NEG_INFINITY; parts];
    let mut widen = |j: usize, (a, b): (f64, f64)| {
        lo[j] = lo[j].min(a);
        hi[j] = hi[j].max(b);
    };
    for (r, &j) in rects.iter().zip(part_of_child) {
        widen(j, sides(r, axes.across));
    }
    for e in &scene.edges {
        let (Some(&a), Some(&b)) = (block.get(&e.from), block.get(&e.to)) else {
            continue;
        };
        let j = part_of_child[a];
        if j != part_of_child[b] {
            continue;
        }
        for p in &e.points {
            widen(j, (p[axes.across], p[axes.across]));
        }
        if let Some(r) = e.caption_box() {
            widen(j, sides(&r, axes.across));
        }
    }
    let start = |j: usize| {
        if j == 0 {
            slabs[0].start
        } else {
            slabs[plan.starts[j - 1]].start
        }
    };
    let mut moves = vec![[0.0; 2]];
    let mut reach = hi[0];
    for j in 1..parts {
        let aside = reach + GAP - lo[j];
        reach = hi[j] + aside;
        moves.push(axes.shift(start(0) - start(j), aside));
    }
    moves
}

/// Moves every box below the trunk with its part, and the edges within a
/// part with it; the trunk's containers grow or shrink around their
/// content with the paddings they had. Returns the edges between parts
/// (or with an end on the trunk), which need routes of their own.
fn apply(
    scene: &mut Scene,
    trunk: &[String],
    block: &HashMap<String, usize>,
    part_of_child: &[usize],
    moves: &[[f64; 2]],
) -> Vec<usize> {
    let pads: Vec<[f64; 4]> = trunk
        .iter()
        .map(|t| {
            let r = scene.find(t).expect("the trunk is boxes").rect();
            let c = content(scene, t);
            [
                c.left - r.left,
                c.top - r.top,
                r.right - c.right,
                r.bottom - c.bottom,
            ]
        })
        .collect();
    let part_of_box = |id: &String| block.get(id).map(|&c| part_of_child[c]);
    for b in scene.nodes.iter_mut().chain(scene.containers.iter_mut()) {
        if let Some(j) = part_of_box(&b.id) {
            b.x += moves[j][0];
            b.y += moves[j][1];
        }
    }
    let mut cut = Vec::new();
    for (i, e) in scene.edges.iter_mut().enumerate() {
        match (part_of_box(&e.from), part_of_box(&e.to)) {
            (Some(a), Some(b)) if a == b => {
                for p in e.points.iter_mut().chain(e.label_pos.iter_mut()) {
                    p[0] += moves[a][0];
                    p[1] += moves[a][1];
                }
            }
            _ => cut.push(i),
        }
    }
    for (t, pad) in trunk.iter().zip(&pads).rev() {
        let c = content(scene, t);
        let b = scene
            .containers
            .iter_mut()
            .find(|b| &b.id == t)
            .expect("the trunk is containers");
        b.x = c.left - pad[0];
        b.y = c.top - pad[1];
        b.width = c.right + pad[2] - b.x;
        b.height = c.bottom + pad[3] - b.y;
    }
    cut
}

/// The bounding box of a container's children.
fn content(scene: &Scene, id: &str) -> Rect {
    scene
        .boxes()
        .filter(|b| b.parent.as_deref() == Some(id))
        .map(|b| b.rect())
        .reduce(|a, b| a.union(&b))
        .expect("a trunk container holds the rest")
}

/// The corner nearest the origin of every box.
fn corner(scene: &Scene) -> [f64; 2] {
    scene
        .boxes()
        .fold([f64::INFINITY; 2], |c, b| [c[0].min(b.x), c[1].min(b.y)])
}

/// The page around what was moved: the boxes back at `origin` where they
/// moved away from it, the canvas as big as the boxes, the routes and
/// captions of the edges not `cut`, and the title need.
fn fit_page(scene: &mut Scene, origin: [f64; 2], cut: &[usize]) {
    let now = corner(scene);
    let [dx, dy] = [origin[0] - now[0], origin[1] - now[1]];
    for b in scene.nodes.iter_mut().chain(scene.containers.iter_mut()) {
        b.x += dx;
        b.y += dy;
    }
    let mut far = [f64::NEG_INFINITY; 2];
    let mut reach = |p: [f64; 2]| {
        far = [far[0].max(p[0]), far[1].max(p[1])];
    };
    let mut moved = vec![true; scene.edges.len()];
    for &i in cut {
        moved[i] = false;
    }
    for (e, _) in scene.edges.iter_mut().zip(moved).filter(|(_, m)| *m) {
        for p in e.points.iter_mut().chain(e.label_pos.iter_mut()) {
            p[0] += dx;
            p[1] += dy;
            reach(*p);
        }
        if let Some(r) = e.caption_box() {
            reach([r.right, r.bottom]);
        }
    }
    for b in scene.boxes() {
        reach([b.x + b.width, b.y + b.height]);
    }
    let title_w = scene.title.as_deref().map_or(0.0, |t| {
        crate::text::text_width(t, DIAGRAM_TITLE_FONT, true)
    });
    scene.width = (far[0] + MARGIN).max(title_w + 2.0 * MARGIN).ceil();
    scene.height = (far[1] + MARGIN).ceil();
    scene.round();
}
