//! The page fitted to the finished drawing, last of all: the passes on the
//! finished scene move routes after the canvas was sized. A detour round
//! the outside grows the canvas and moves the drawing right or down
//! (`detour::fit_canvas`); when a later pass routes that edge inside
//! again, the band it left stays empty. And a route a later pass takes
//! round the outside can end up on the canvas's edge or past it. Here the
//! drawing moves to its margins and the canvas takes its size. Scene in,
//! scene out.

use super::measure::{DIAGRAM_TITLE_BAND, DIAGRAM_TITLE_FONT, MARGIN};
use crate::scene::Scene;

/// How far a route or caption keeps from the canvas's edge: half the
/// margin that boxes keep (a route round the outside runs there).
const ROUTE_MARGIN: f64 = MARGIN / 2.0;

/// Below the diagram's title and its rule: the band above is the title's,
/// across the page.
const UNDER_TITLE: f64 = MARGIN + DIAGRAM_TITLE_FONT + 9.0 + 4.0;

/// Moves the drawing so that boxes start at the margin (below the title
/// band where there is a title) and routes and captions keep
/// [`ROUTE_MARGIN`] from the canvas's edges and stay below the title, each
/// by the least move that does; then sizes the canvas to what it holds
/// with the margin round it (never narrower than the title).
pub fn fit(scene: &mut Scene) {
    if scene.nodes.is_empty() && scene.containers.is_empty() {
        return;
    }
    let title_w = scene.title.as_deref().map_or(0.0, |t| {
        crate::text::text_width(t, DIAGRAM_TITLE_FONT, true)
    });
    let top = if scene.title.is_some() {
        MARGIN + DIAGRAM_TITLE_BAND
    } else {
        MARGIN
    };
    // The least move right (negative: left) and down that keeps everything
    // on its floor: boxes on the margin, the rest on half of it.
    let mut need = [f64::NEG_INFINITY; 2];
    for b in scene.boxes() {
        need[0] = need[0].max(MARGIN - b.x);
        need[1] = need[1].max(top - b.y);
    }
    let reach = reach(scene);
    for r in &reach {
        need[0] = need[0].max(ROUTE_MARGIN - r.left);
    }
    let dx = need[0].ceil();
    let floor = if scene.title.is_some() {
        UNDER_TITLE
    } else {
        ROUTE_MARGIN
    };
    for r in &reach {
        need[1] = need[1].max(floor - r.top);
    }
    let dy = need[1].ceil();
    if dx != 0.0 || dy != 0.0 {
        scene.shift(dx, dy);
    }
    let mut far = [0.0f64; 2];
    for b in scene.boxes() {
        far = [far[0].max(b.x + b.width), far[1].max(b.y + b.height)];
    }
    for r in reach {
        far = [far[0].max(r.right + dx), far[1].max(r.bottom + dy)];
    }
    scene.width = (far[0] + MARGIN).max(title_w + 2.0 * MARGIN).ceil();
    scene.height = (far[1] + MARGIN).ceil();
    scene.round();
}

/// What every edge covers: each stretch of its route, and its caption.
fn reach(scene: &Scene) -> Vec<crate::geometry::Rect> {
    let mut out = Vec::new();
    for e in &scene.edges {
        out.extend(
            e.points
                .windows(2)
                .map(|w| crate::geometry::Rect::spanning(w[0], w[1])),
        );
        out.extend(e.caption_box());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rect;
    use crate::layout::testkit::{boxed, edge, page};

    fn at(id: &str, x: f64, y: f64, w: f64, h: f64) -> crate::scene::SceneBox {
        boxed(
            id,
            Rect {
                left: x,
                top: y,
                right: x + w,
                bottom: y + h,
            },
        )
    }

    #[test]
    fn an_empty_band_left_by_a_pass_is_taken_out() {
        let mut s = page(
            vec![
                at("a", 100.0, 470.0, 120.0, 53.0),
                at("b", 100.0, 700.0, 120.0, 53.0),
            ],
            vec![edge("a", "b", vec![[160.0, 523.0], [160.0, 700.0]])],
        );
        s.height = 1200.0;
        fit(&mut s);
        let a = s.find("a").unwrap();
        assert_eq!((a.x, a.y), (MARGIN, MARGIN));
        assert_eq!(s.edges[0].points[0], [80.0, MARGIN + 53.0]);
        assert_eq!(
            (s.width, s.height),
            (120.0 + 2.0 * MARGIN, 283.0 + 2.0 * MARGIN)
        );
    }

    #[test]
    fn a_route_past_the_canvas_edge_moves_the_drawing_in() {
        // Round the outside on the left, 12 px past the canvas.
        let around = vec![
            [MARGIN, 40.0],
            [-12.0, 40.0],
            [-12.0, 220.0],
            [MARGIN, 220.0],
        ];
        let mut s = page(
            vec![
                at("a", MARGIN, MARGIN, 100.0, 40.0),
                at("b", MARGIN, 200.0, 100.0, 40.0),
            ],
            vec![edge("a", "b", around)],
        );
        fit(&mut s);
        assert_eq!(s.edges[0].points[1][0], ROUTE_MARGIN);
        assert_eq!(s.find("a").unwrap().x, MARGIN + 22.0);
        assert_eq!(s.width, MARGIN + 22.0 + 100.0 + MARGIN);
    }

    #[test]
    fn a_fitted_drawing_stays_as_it_is() {
        let mut s = page(
            vec![
                at("a", MARGIN, MARGIN, 100.0, 40.0),
                at("b", MARGIN, 200.0, 100.0, 40.0),
            ],
            vec![edge("a", "b", vec![[70.0, 60.0], [70.0, 200.0]])],
        );
        s.width = 140.0;
        s.height = 260.0;
        let before = s.clone();
        fit(&mut s);
        assert_eq!(s, before);
    }

    #[test]
    fn a_route_keeps_under_the_title_and_the_page_as_wide_as_it() {
        let mut s = page(
            vec![at("a", 300.0, 300.0, 100.0, 40.0)],
            vec![edge(
                "a",
                "a",
                vec![[310.0, 300.0], [310.0, 200.0], [30.0, 200.0]],
            )],
        );
        s.title = Some("A long title for a small drawing".into());
        fit(&mut s);
        // The route reaches highest: it runs just under the title.
        assert_eq!(s.edges[0].points[1][1], UNDER_TITLE);
        let title = s.title.as_deref().unwrap();
        let title_w = crate::text::text_width(title, DIAGRAM_TITLE_FONT, true);
        assert!(s.width >= title_w + 2.0 * MARGIN);
    }
}
