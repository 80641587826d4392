//! Simple edge routing over placed boxes: a straight segment from border to
//! border, a loop for self-edges, a vertical drop for an edge between a
//! container and something inside it. Every engine shares it for now.

use crate::geometry::Rect;

/// The route of an edge between boxes `a` and `b`. `to_inside_from` tells,
/// when one box encloses the other, which one is inside: `Some(true)` when
/// `b` is inside `a`.
pub fn route(a: Rect, b: Rect, same: bool, to_inside_from: Option<bool>) -> Vec<[f64; 2]> {
    if same {
        return self_loop(a);
    }
    match to_inside_from {
        Some(true) => vec![[b.centre().x, a.top], [b.centre().x, b.top]],
        Some(false) => vec![[a.centre().x, a.top], [a.centre().x, b.top]],
        None => {
            let (ca, cb) = (a.centre().into(), b.centre().into());
            vec![clip(a, ca, cb), clip(b, cb, ca)]
        }
    }
}

/// Where the ray from `c` (the centre of `r`) towards `towards` leaves `r`.
fn clip(r: Rect, c: [f64; 2], towards: [f64; 2]) -> [f64; 2] {
    let (dx, dy) = (towards[0] - c[0], towards[1] - c[1]);
    let (hw, hh) = (r.width() / 2.0, r.height() / 2.0);
    let tx = if dx.abs() > 1e-9 {
        hw / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > 1e-9 {
        hh / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty);
    if !t.is_finite() {
        return c;
    }
    [c[0] + dx * t, c[1] + dy * t]
}

/// A loop out of the right side and back into the top.
fn self_loop(r: Rect) -> Vec<[f64; 2]> {
    let out = 16.0;
    let y = r.top + r.height() * 0.35;
    let x = r.left + r.width() * 0.75;
    vec![
        [r.right, y],
        [r.right + out, y],
        [r.right + out, r.top - out],
        [x, r.top - out],
        [x, r.top],
    ]
}
