//! Points, sizes and rectangles in SVG user units (origin top-left, y
//! downwards), shared by layout, scene and render so that a rectangle is
//! never a bare 4-tuple read as `(x, y, w, h)` in one place and
//! `(left, top, right, bottom)` in another.

/// A position.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f64,
    /// Distance from the top edge.
    pub y: f64,
}

impl Point {
    /// The point `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// The point moved by `dx` and `dy`.
    pub fn offset(self, dx: f64, dy: f64) -> Point {
        Point::new(self.x + dx, self.y + dy)
    }
}

impl From<[f64; 2]> for Point {
    fn from([x, y]: [f64; 2]) -> Point {
        Point { x, y }
    }
}

impl From<Point> for [f64; 2] {
    fn from(p: Point) -> [f64; 2] {
        [p.x, p.y]
    }
}

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Extent from left to right.
    pub width: f64,
    /// Extent from top to bottom.
    pub height: f64,
}

impl Size {
    /// The size `width` × `height`.
    pub const fn new(width: f64, height: f64) -> Size {
        Size { width, height }
    }
}

/// An axis-aligned rectangle, kept as its four sides so that what was
/// computed as a side is read back exactly (a caption's box is placed by
/// its centre, a box by its corner).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// The smallest x.
    pub left: f64,
    /// The smallest y.
    pub top: f64,
    /// The largest x.
    pub right: f64,
    /// The largest y.
    pub bottom: f64,
}

/// How far two rectangles' interiors must reach into each other to count
/// as overlapping: coordinates are rounded to 1/100 unit one by one, so
/// sides that touch may cross by a hair.
pub const OVERLAP_SLACK: f64 = 0.05;

impl Rect {
    /// The rectangle with top-left corner `(x, y)` and the given size.
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            left: x,
            top: y,
            right: x + width,
            bottom: y + height,
        }
    }

    /// The rectangle of `size` centred on `centre`.
    pub fn around(centre: Point, size: Size) -> Rect {
        let (hw, hh) = (size.width / 2.0, size.height / 2.0);
        Rect {
            left: centre.x - hw,
            top: centre.y - hh,
            right: centre.x + hw,
            bottom: centre.y + hh,
        }
    }

    /// The smallest rectangle holding both points (a segment's bounding box).
    pub fn spanning(a: [f64; 2], b: [f64; 2]) -> Rect {
        Rect {
            left: a[0].min(b[0]),
            top: a[1].min(b[1]),
            right: a[0].max(b[0]),
            bottom: a[1].max(b[1]),
        }
    }

    /// The rectangle as a line of one orientation meets it: its two sides
    /// parallel to the line, nearer coordinate first, then its extent
    /// along the line. For a vertical line, (left, right, top, bottom).
    pub fn sides_along(&self, vertical: bool) -> (f64, f64, f64, f64) {
        if vertical {
            (self.left, self.right, self.top, self.bottom)
        } else {
            (self.top, self.bottom, self.left, self.right)
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// Right minus left.
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    /// Bottom minus top.
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// The top-left corner.
    pub fn origin(&self) -> Point {
        Point::new(self.left, self.top)
    }

    /// The bottom-right corner.
    pub fn bottom_right(&self) -> Point {
        Point::new(self.right, self.bottom)
    }

    /// Width and height.
    pub fn size(&self) -> Size {
        Size::new(self.width(), self.height())
    }

    /// The centre.
    pub fn centre(&self) -> Point {
        Point::new(
            (self.left + self.right) / 2.0,
            (self.top + self.bottom) / 2.0,
        )
    }

    /// The same rectangle moved by `dx` and `dy`.
    pub fn offset(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            left: self.left + dx,
            top: self.top + dy,
            right: self.right + dx,
            bottom: self.bottom + dy,
        }
    }

    /// The rectangle grown by `by` on every side (shrunk when negative).
    pub fn inflate(&self, by: f64) -> Rect {
        Rect {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    /// The band of `height` along the top side (a container's title band).
    pub fn top_band(&self, height: f64) -> Rect {
        Rect {
            bottom: self.top + height,
            ..*self
        }
    }

    /// Whether `other` lies within this rectangle (sides may coincide).
    pub fn contains(&self, other: &Rect) -> bool {
        other.left >= self.left
            && other.top >= self.top
            && other.right <= self.right
            && other.bottom <= self.bottom
    }

    /// Whether the point lies inside or on a side.
    pub fn holds(&self, p: Point) -> bool {
        p.x >= self.left && p.x <= self.right && p.y >= self.top && p.y <= self.bottom
    }

    /// Whether the point lies strictly inside.
    pub fn contains_point(&self, p: Point) -> bool {
        p.x > self.left && p.x < self.right && p.y > self.top && p.y < self.bottom
    }

    /// Whether the interiors overlap by more than [`OVERLAP_SLACK`]
    /// (touching is fine).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right - OVERLAP_SLACK
            && other.left < self.right - OVERLAP_SLACK
            && self.top < other.bottom - OVERLAP_SLACK
            && other.top < self.bottom - OVERLAP_SLACK
    }

    /// Distance between the two rectangles (0 when they touch or overlap).
    pub fn distance(&self, other: &Rect) -> f64 {
        let dx = (other.left - self.right)
            .max(self.left - other.right)
            .max(0.0);
        let dy = (other.top - self.bottom)
            .max(self.top - other.bottom)
            .max(0.0);
        (dx * dx + dy * dy).sqrt()
    }

    /// The rectangle mirrored in the diagonal: x and y swapped, so that
    /// code written for one direction serves the other.
    pub fn transposed(&self) -> Rect {
        Rect {
            left: self.top,
            top: self.left,
            right: self.bottom,
            bottom: self.right,
        }
    }
}

/// The rectangle with these sides: a test's fixture reads best as the
/// sides it is drawn against.
#[cfg(test)]
pub(crate) fn sides(left: f64, top: f64, right: f64, bottom: f64) -> Rect {
    Rect {
        left,
        top,
        right,
        bottom,
    }
}

/// Drops repeated points and middle points of straight runs.
pub fn simplify(pts: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(pts.len());
    for p in pts {
        if out
            .last()
            .is_some_and(|l| (l[0] - p[0]).abs() < 0.01 && (l[1] - p[1]).abs() < 0.01)
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let collinear = ((a[0] - b[0]).abs() < 0.01 && (b[0] - p[0]).abs() < 0.01)
                || ((a[1] - b[1]).abs() < 0.01 && (b[1] - p[1]).abs() < 0.01);
            if collinear {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// The point halfway along a polyline.
pub fn midpoint(points: &[[f64; 2]]) -> [f64; 2] {
    let len = |p: &[f64; 2], q: &[f64; 2]| ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)).sqrt();
    let total: f64 = points.windows(2).map(|w| len(&w[0], &w[1])).sum();
    let mut left = total / 2.0;
    for w in points.windows(2) {
        let l = len(&w[0], &w[1]);
        if l >= left && l > 0.0 {
            let t = left / l;
            return [
                w[0][0] + (w[1][0] - w[0][0]) * t,
                w[0][1] + (w[1][1] - w[0][1]) * t,
            ];
        }
        left -= l;
    }
    points.first().copied().unwrap_or([0.0, 0.0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rect_from_corner_and_size_has_those_sides() {
        let r = Rect::new(10.0, 20.0, 30.0, 40.0);
        assert_eq!(r, sides(10.0, 20.0, 40.0, 60.0));
        assert_eq!(r.origin(), Point::new(10.0, 20.0));
        assert_eq!(r.bottom_right(), Point::new(40.0, 60.0));
        assert_eq!(r.size(), Size::new(30.0, 40.0));
        assert_eq!(r.centre(), Point::new(25.0, 40.0));
    }

    #[test]
    fn a_rect_around_a_centre_is_centred_on_it() {
        let r = Rect::around(Point::new(50.0, 50.0), Size::new(20.0, 10.0));
        assert_eq!(r, sides(40.0, 45.0, 60.0, 55.0));
        assert_eq!(r.centre(), Point::new(50.0, 50.0));
    }

    #[test]
    fn spanning_orders_the_corners() {
        let r = Rect::spanning([5.0, 1.0], [2.0, 8.0]);
        assert_eq!(r, sides(2.0, 1.0, 5.0, 8.0));
        // A horizontal segment has no height.
        assert_eq!(Rect::spanning([0.0, 3.0], [9.0, 3.0]).height(), 0.0);
    }

    #[test]
    fn the_union_holds_both_and_no_more() {
        let (a, b) = (sides(0.0, 5.0, 10.0, 8.0), sides(4.0, -2.0, 6.0, 7.0));
        assert_eq!(a.union(&b), sides(0.0, -2.0, 10.0, 8.0));
        assert_eq!(b.union(&a), a.union(&b));
        assert!(a.union(&b).contains(&a) && a.union(&b).contains(&b));
        // One inside the other: the outer one.
        assert_eq!(a.union(&sides(1.0, 6.0, 2.0, 7.0)), a);
    }

    #[test]
    fn touching_is_not_overlapping() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 10.0, 10.0)));
        assert!(
            !a.overlaps(&Rect::new(9.98, 0.0, 10.0, 10.0)),
            "within the slack"
        );
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 10.0, 10.0)));
        assert!(
            a.overlaps(&Rect::new(2.0, 2.0, 1.0, 1.0)),
            "one inside the other"
        );
    }

    #[test]
    fn containment_allows_shared_sides() {
        let outer = Rect::new(0.0, 0.0, 100.0, 50.0);
        assert!(outer.contains(&outer));
        assert!(outer.contains(&Rect::new(0.0, 10.0, 100.0, 5.0)));
        assert!(!outer.contains(&Rect::new(-1.0, 10.0, 10.0, 5.0)));
        assert!(outer.contains_point(Point::new(1.0, 1.0)));
        assert!(!outer.contains_point(Point::new(0.0, 1.0)), "on the side");
        assert!(outer.holds(Point::new(0.0, 1.0)), "on the side");
        assert!(!outer.holds(Point::new(-0.1, 1.0)));
    }

    #[test]
    fn distance_is_zero_when_touching_and_euclidean_between_corners() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert_eq!(a.distance(&Rect::new(10.0, 3.0, 5.0, 5.0)), 0.0);
        assert_eq!(a.distance(&Rect::new(13.0, 14.0, 5.0, 5.0)), 5.0);
        assert_eq!(Rect::new(13.0, 14.0, 5.0, 5.0).distance(&a), 5.0);
        assert_eq!(a.distance(&Rect::new(2.0, 30.0, 1.0, 1.0)), 20.0);
    }

    #[test]
    fn inflate_offset_bands_and_transpose() {
        let r = Rect::new(10.0, 10.0, 20.0, 20.0);
        assert_eq!(r.inflate(2.0), sides(8.0, 8.0, 32.0, 32.0));
        assert_eq!(r.inflate(-5.0), sides(15.0, 15.0, 25.0, 25.0));
        assert_eq!(r.offset(4.0, -4.0), sides(14.0, 6.0, 34.0, 26.0));
        assert_eq!(r.top_band(5.0), sides(10.0, 10.0, 30.0, 15.0));
        assert_eq!(
            r.offset(4.0, -4.0).transposed(),
            sides(6.0, 14.0, 26.0, 34.0)
        );
        assert_eq!(Point::new(1.0, 2.0).offset(3.0, 4.0), Point::new(4.0, 6.0));
        assert_eq!(<[f64; 2]>::from(Point::from([1.0, 2.0])), [1.0, 2.0]);
    }

    #[test]
    fn the_midpoint_is_halfway_along_the_line() {
        assert_eq!(
            midpoint(&[[0.0, 0.0], [10.0, 0.0], [10.0, 30.0]]),
            [10.0, 10.0]
        );
        assert_eq!(midpoint(&[[4.0, 4.0]]), [4.0, 4.0]);
        assert_eq!(midpoint(&[]), [0.0, 0.0]);
    }
}
