//! Narrow gaps opened. A route that runs along the outside of a
//! container's border, nearer than [`CLEAR`] but off its line, reads as a
//! second border: a detour squeezed between a VPC's bottom and its
//! region's ran 6 px under the VPC for 1 900 px (three-tier's App B to
//! Secrets Manager), and [`stats::hugs_a_border`](super::stats::hugs_a_border)
//! only counts a stretch within [`ON_BORDER`](super::stats::ON_BORDER) of
//! the line. The drawing is opened between the border and the route:
//! everything past a line across the page moves on, and the containers
//! across that line grow, until the route keeps [`CLEAR`] from the border.
//! Moving everything past one line by the same amount keeps every route's
//! bends and crossings and every box's place in its container. Scene in,
//! scene out.

use super::stats::HUG_FOR;
use crate::scene::Scene;

/// Room a route keeps from the outside of a container's border it runs
/// along: what the detour search keeps from the boxes it passes.
pub const CLEAR: f64 = 12.0;

/// Nearer than this a route lies on the border's line (see
/// [`super::stats::hugs_a_border`]), not beside it.
const ON_LINE: f64 = 0.5;

/// A route that runs along the outside of a container's side nearer than
/// [`CLEAR`] (and off its line) for more than [`HUG_FOR`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Squeeze {
    /// The edge (an index into the scene's edges).
    pub edge: usize,
    /// 0 where the side and the route run down the page (a left or right
    /// side), 1 where they run across it (a top or bottom side).
    pub axis: usize,
    /// The side's coordinate across it (x for axis 0, y for axis 1).
    pub side: f64,
    /// The route's coordinate across it.
    pub route: f64,
}

/// Every stretch of a route that runs along the outside of a container's
/// side nearer than [`CLEAR`], in the order of the edges, their stretches
/// and the containers.
pub fn squeezes(scene: &Scene) -> Vec<Squeeze> {
    let mut out = Vec::new();
    for (i, e) in scene.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            let (a, b) = (w[0], w[1]);
            // A stretch down the page runs along left and right sides.
            let axis = if (a[0] - b[0]).abs() < 1e-9 {
                0
            } else if (a[1] - b[1]).abs() < 1e-9 {
                1
            } else {
                continue;
            };
            let along = 1 - axis;
            let (lo, hi) = (a[along].min(b[along]), a[along].max(b[along]));
            for c in &scene.containers {
                let r = c.rect();
                let (near, far, from, to) = r.sides_along(axis == 0);
                if hi.min(to) - lo.max(from) <= HUG_FOR {
                    continue;
                }
                let at = a[axis];
                let side = if at > far { far } else { near };
                let gap = (at - side).abs();
                let outside = at > far || at < near;
                if outside && gap > ON_LINE && gap < CLEAR - 0.01 {
                    out.push(Squeeze {
                        edge: i,
                        axis,
                        side,
                        route: at,
                    });
                }
            }
        }
    }
    out
}

/// Opens the drawing between each [`squeezes`] stretch and its border, so
/// that the route keeps [`CLEAR`] from it. A squeeze is left where the
/// line it would open at runs through a component or a caption (they do
/// not stretch) or along a box's side or a route's stretch (which would be
/// torn from its end).
pub fn open(scene: &mut Scene) {
    let mut left: Vec<Squeeze> = Vec::new();
    // Each opening moves the routes past its line apart from what is
    // before it, and no two things nearer: the squeezes only get fewer.
    while let Some(s) = squeezes(scene).into_iter().find(|s| !left.contains(s)) {
        let at = (s.side + s.route) / 2.0;
        if !openable(scene, s.axis, at) {
            left.push(s);
            continue;
        }
        open_at(scene, s.axis, at, CLEAR - (s.route - s.side).abs());
    }
}

/// Whether the line at `at` across `axis` can open: no component or
/// caption across it, and no box side or route point on it.
fn openable(scene: &Scene, axis: usize, at: f64) -> bool {
    let on = |v: f64| (v - at).abs() < 0.01;
    let across = |lo: f64, hi: f64| lo < at && hi > at;
    let span = |r: crate::geometry::Rect| {
        if axis == 0 {
            (r.left, r.right)
        } else {
            (r.top, r.bottom)
        }
    };
    let solid = scene
        .nodes
        .iter()
        .map(|n| n.rect())
        .chain(scene.edges.iter().filter_map(|e| e.caption_box()))
        .any(|r| {
            let (lo, hi) = span(r);
            across(lo, hi)
        });
    let touching = scene.boxes().any(|b| {
        let (lo, hi) = span(b.rect());
        on(lo) || on(hi)
    }) || scene.edges.iter().any(|e| {
        e.points
            .iter()
            .chain(e.label_pos.iter())
            .any(|p| on(p[axis]))
    });
    !solid && !touching
}

/// Moves everything past the line at `at` across `axis` on by `by`: boxes
/// wholly past it, route points and captions past it; containers across it
/// grow by `by`.
fn open_at(scene: &mut Scene, axis: usize, at: f64, by: f64) {
    for b in scene.nodes.iter_mut().chain(scene.containers.iter_mut()) {
        let (lo, size) = if axis == 0 {
            (&mut b.x, &mut b.width)
        } else {
            (&mut b.y, &mut b.height)
        };
        if *lo > at {
            *lo += by;
        } else if *lo + *size > at {
            *size += by;
        }
    }
    for e in &mut scene.edges {
        for p in e.points.iter_mut().chain(e.label_pos.iter_mut()) {
            if p[axis] > at {
                p[axis] += by;
            }
        }
    }
    if axis == 0 {
        scene.width += by;
    } else {
        scene.height += by;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(text: &str) -> Scene {
        let arch = crate::compile::compile_str("t.cgr", text)
            .arch
            .expect("valid");
        crate::layout::layout(&arch)
    }

    #[test]
    fn a_route_squeezed_under_a_container_gets_room() {
        let mut s = scene("vpc v {\n  ec2 a\n}\nec2 b\na -> b");
        // Put b's route 6 px under the VPC's bottom, along all of it.
        let v = s.containers[0].rect();
        let e = s.edges.iter_mut().next().unwrap();
        e.points = vec![
            [v.left + 10.0, v.bottom - 20.0],
            [v.left + 10.0, v.bottom + 6.0],
            [v.right + 40.0, v.bottom + 6.0],
            [v.right + 40.0, v.bottom + 80.0],
        ];
        e.label_pos = None;
        let before = squeezes(&s);
        assert_eq!(
            before,
            [Squeeze {
                edge: 0,
                axis: 1,
                side: v.bottom,
                route: v.bottom + 6.0
            }]
        );
        let height = s.height;
        open(&mut s);
        assert!(squeezes(&s).is_empty(), "{:?}", squeezes(&s));
        let e = &s.edges[0];
        assert_eq!(e.points[1][1] - v.bottom, CLEAR, "{:?}", e.points);
        // Everything past the line moved on; the route keeps its bends.
        assert_eq!(e.points[3][1], v.bottom + 80.0 + 6.0);
        assert_eq!(e.points.len(), 4);
        assert_eq!(s.height, height + 6.0);
    }
}
