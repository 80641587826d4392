//! The four flow directions from one canonical frame. Engines lay out with
//! layers along +x ("right"); these functions map that frame to the real one.
//!
//! | direction | canonical (x, y) → real, for a canonical extent (CW, CH) |
//! |---|---|
//! | right | (x, y) |
//! | left  | (CW − x, y) |
//! | down  | (y, x) |
//! | up    | (y, CW − x) |

use crate::geometry::{Point, Rect, Size};
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

/// A canonical point in the real frame, in an area of canonical `extent`.
pub fn point_from_canon(dir: Direction, p: Point, extent: Size) -> Point {
    match dir {
        Direction::Right => Point::new(p.x, p.y),
        Direction::Left => Point::new(extent.width - p.x, p.y),
        Direction::Down => Point::new(p.y, p.x),
        Direction::Up => Point::new(p.y, extent.width - p.x),
    }
}

/// A point of a real box of size `size` in the box's canonical frame.
pub fn point_to_canon(dir: Direction, p: Point, size: Size) -> Point {
    match dir {
        Direction::Right => Point::new(p.x, p.y),
        Direction::Left => Point::new(size.width - p.x, p.y),
        Direction::Down => Point::new(p.y, p.x),
        Direction::Up => Point::new(size.height - p.y, p.x),
    }
}

/// A canonical rectangle in the real frame, in an area of canonical `extent`.
pub fn rect_from_canon(dir: Direction, canon: Rect, extent: Size) -> Rect {
    let a = point_from_canon(dir, canon.origin(), extent);
    let b = point_from_canon(dir, canon.bottom_right(), extent);
    // A flipped axis swaps the corners.
    Rect::spanning(a.into(), b.into())
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
            let (cw, ch) = size_to_canon(dir, real);
            let (real, canon) = (Size::new(real.0, real.1), Size::new(cw, ch));
            for (x, y) in [(0.0, 0.0), (10.0, 20.0), (300.0, 200.0), (123.0, 45.0)] {
                let p = Point::new(x, y);
                let c = point_to_canon(dir, p, real);
                let back = point_from_canon(dir, c, canon);
                assert!(
                    (back.x - p.x).abs() < 1e-9 && (back.y - p.y).abs() < 1e-9,
                    "{dir:?} {p:?}"
                );
            }
        }
    }

    #[test]
    fn a_rect_from_canon_keeps_its_size_across_the_flow() {
        let canon = Rect::new(10.0, 20.0, 30.0, 40.0);
        let extent = Size::new(100.0, 50.0);
        let r = rect_from_canon(Direction::Right, canon, extent);
        assert_eq!(r, canon);
        let r = rect_from_canon(Direction::Left, canon, extent);
        assert_eq!(r, Rect::new(60.0, 20.0, 30.0, 40.0));
        let r = rect_from_canon(Direction::Down, canon, extent);
        assert_eq!(r, Rect::new(20.0, 10.0, 40.0, 30.0));
        let r = rect_from_canon(Direction::Up, canon, extent);
        assert_eq!(r, Rect::new(20.0, 60.0, 40.0, 30.0));
    }
}
