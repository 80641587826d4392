//! The four flow directions from one canonical frame. Engines lay out with
//! layers along +x ("right"); these functions map that frame to the real one.
//!
//! | direction | canonical (x, y) → real, for a canonical extent (CW, CH) |
//! |---|---|
//! | right | (x, y) |
//! | left  | (CW − x, y) |
//! | down  | (y, x) |
//! | up    | (y, CW − x) |

use crate::model::Direction;

/// Whether layers run across the page (right, left) rather than down it.
pub fn horizontal(dir: Direction) -> bool {
    matches!(dir, Direction::Right | Direction::Left)
}

/// A real size seen in the canonical frame.
pub fn size_to_canon(dir: Direction, (w, h): (f64, f64)) -> (f64, f64) {
    if horizontal(dir) { (w, h) } else { (h, w) }
}

/// A canonical size seen in the real frame.
pub fn size_from_canon(dir: Direction, size: (f64, f64)) -> (f64, f64) {
    size_to_canon(dir, size)
}

/// A canonical point in the real frame, in an area of canonical extent `(cw, ch)`.
pub fn point_from_canon(dir: Direction, (x, y): (f64, f64), (cw, _ch): (f64, f64)) -> (f64, f64) {
    match dir {
        Direction::Right => (x, y),
        Direction::Left => (cw - x, y),
        Direction::Down => (y, x),
        Direction::Up => (y, cw - x),
    }
}

/// A point of a real box of size `(w, h)` in the box's canonical frame.
pub fn point_to_canon(dir: Direction, (px, py): (f64, f64), (w, h): (f64, f64)) -> (f64, f64) {
    match dir {
        Direction::Right => (px, py),
        Direction::Left => (w - px, py),
        Direction::Down => (py, px),
        Direction::Up => (h - py, px),
    }
}

/// A canonical rectangle `(x, y, w, h)` in the real frame.
pub fn rect_from_canon(
    dir: Direction,
    (x, y, w, h): (f64, f64, f64, f64),
    extent: (f64, f64),
) -> (f64, f64, f64, f64) {
    let a = point_from_canon(dir, (x, y), extent);
    let b = point_from_canon(dir, (x + w, y + h), extent);
    (
        a.0.min(b.0),
        a.1.min(b.1),
        (a.0 - b.0).abs(),
        (a.1 - b.1).abs(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_and_from_canon_are_inverse() {
        for dir in [
            Direction::Right,
            Direction::Left,
            Direction::Down,
            Direction::Up,
        ] {
            let real = (300.0, 200.0);
            let canon = size_to_canon(dir, real);
            for p in [(0.0, 0.0), (10.0, 20.0), (300.0, 200.0), (123.0, 45.0)] {
                let c = point_to_canon(dir, p, real);
                let back = point_from_canon(dir, c, canon);
                assert!(
                    (back.0 - p.0).abs() < 1e-9 && (back.1 - p.1).abs() < 1e-9,
                    "{dir:?} {p:?}"
                );
            }
        }
    }
}
