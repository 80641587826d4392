//! The whiteboard's hand-drawn strokes: lines bent and ends nudged by a
//! generator seeded from the element's ID, so the same diagram always wobbles
//! the same way and one new element does not change the others' strokes.

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from a key (FNV-1a of its bytes).
    pub fn seeded(key: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in key.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[-a, a]`, rounded to 1/100 so output is stable.
    pub fn jitter(&mut self, a: f64) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((unit * 2.0 - 1.0) * a * 100.0).round() / 100.0
    }
}

/// A number at fixed precision (1/100), without trailing zeros. Integer
/// arithmetic: float formatting was a seventh of the time on big diagrams.
pub fn num(v: f64) -> String {
    let mut out = Vec::with_capacity(NUM_MAX);
    push_num(&mut out, v);
    String::from_utf8(out).expect("a number is ASCII")
}

/// The longest text [`push_num`] writes: a sign, 20 digits, a point and two
/// decimals.
const NUM_MAX: usize = 24;

/// [`num`] written at the end of `out`, as bytes: the path data of an edge
/// (tens of numbers) is checked as UTF-8 once, where checking or pushing
/// each number's characters on their own was most of its cost.
pub fn push_num(out: &mut Vec<u8>, v: f64) {
    let c = round(v * 100.0);
    let mut text = [0u8; NUM_MAX];
    let mut at = NUM_MAX;
    let mut put = |b: u8| {
        at -= 1;
        text[at] = b;
    };
    let (int, frac) = (c.unsigned_abs() / 100, c.unsigned_abs() % 100);
    if frac != 0 {
        if frac % 10 != 0 {
            put(b'0' + (frac % 10) as u8);
        }
        put(b'0' + (frac / 10) as u8);
        put(b'.');
    }
    let mut n = int;
    loop {
        put(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if c < 0 {
        put(b'-');
    }
    out.extend_from_slice(&text[at..]);
}

/// `x.round() as i64` (half away from zero, saturating, NaN as 0) without
/// a call to the C library's `round`: below 2^53 the part after the point,
/// `x - trunc(x)`, is exact, and above it every float is a whole number.
fn round(x: f64) -> i64 {
    let whole = x as i64;
    let rest = x - whole as f64;
    if rest >= 0.5 {
        whole.saturating_add(1)
    } else if rest <= -0.5 {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// Path data of a hand-drawn segment: ends nudged, the middle bent.
fn segment(rng: &mut Rng, p: [f64; 2], q: [f64; 2], first: bool) -> String {
    let len = ((q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)).sqrt();
    let bend = (len / 40.0).clamp(0.6, 3.5);
    let (nx, ny) = if len > 0.0 {
        (-(q[1] - p[1]) / len, (q[0] - p[0]) / len)
    } else {
        (0.0, 0.0)
    };
    let b = rng.jitter(bend);
    let t = 0.5 + rng.jitter(0.15);
    let c = [
        p[0] + (q[0] - p[0]) * t + nx * b,
        p[1] + (q[1] - p[1]) * t + ny * b,
    ];
    let start = if first {
        format!(
            "M{},{} ",
            num(p[0] + rng.jitter(1.2)),
            num(p[1] + rng.jitter(1.2))
        )
    } else {
        String::new()
    };
    format!(
        "{start}Q{},{} {},{}",
        num(c[0]),
        num(c[1]),
        num(q[0]),
        num(q[1])
    )
}

/// Path data of a hand-drawn polyline; its two ends stay where they are (so
/// arrowheads still touch the boxes).
pub fn polyline(rng: &mut Rng, points: &[[f64; 2]]) -> String {
    let mut d = match points.first() {
        Some(p) => format!("M{},{}", num(p[0]), num(p[1])),
        None => return String::new(),
    };
    for w in points.windows(2) {
        d.push(' ');
        d.push_str(&segment(rng, w[0], w[1], false));
    }
    d
}

/// Path data of a hand-drawn rectangle: four strokes that overshoot the
/// corners a little, as a marker does.
pub fn rect(rng: &mut Rng, x: f64, y: f64, w: f64, h: f64) -> String {
    let o = 2.5;
    let corners = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
    let mut parts = Vec::new();
    for i in 0..4 {
        let (p, q) = (corners[i], corners[(i + 1) % 4]);
        let (dx, dy) = ((q[0] - p[0]).signum() * o, (q[1] - p[1]).signum() * o);
        let p = [
            p[0] - dx * rng.jitter(1.0).abs(),
            p[1] - dy * rng.jitter(1.0).abs(),
        ];
        let q = [
            q[0] + dx * rng.jitter(1.0).abs(),
            q[1] + dy * rng.jitter(1.0).abs(),
        ];
        parts.push(segment(rng, p, q, true));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_as_format_wrote_them() {
        let formatted = |v: f64| {
            let c = (v * 100.0).round() as i64;
            let (sign, c) = if c < 0 { ("-", -c) } else { ("", c) };
            let (int, frac) = (c / 100, c % 100);
            if frac == 0 {
                format!("{sign}{int}")
            } else if frac % 10 == 0 {
                format!("{sign}{int}.{}", frac / 10)
            } else {
                format!("{sign}{int}.{frac:02}")
            }
        };
        let mut v = -2000.0;
        while v < 2000.0 {
            assert_eq!(super::num(v), formatted(v), "{v}");
            v += 0.0137;
        }
        for v in [
            0.0, -0.0, 0.004, -0.004, 0.005, 1e12, -1e12, 9.99, 10.0, 0.05,
        ] {
            assert_eq!(super::num(v), formatted(v), "{v}");
        }
    }

    #[test]
    fn rounds_as_the_standard_library_does() {
        let mut v = -1000.0;
        while v < 1000.0 {
            for x in [v, v + 0.5, v - 0.5, v * 1e9] {
                assert_eq!(super::round(x), x.round() as i64, "{x}");
            }
            v += 0.25 + 1.0 / 3.0;
        }
        for x in [
            0.5,
            -0.5,
            0.49999999999999994,
            -0.49999999999999994,
            4503599627370495.5,
            -4503599627370495.5,
            9007199254740993.0,
            1e19,
            -1e19,
            f64::MAX,
            f64::MIN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -0.0,
        ] {
            assert_eq!(super::round(x), x.round() as i64, "{x}");
        }
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        use super::num;
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-3.07), "-3.07");
        assert_eq!(num(100.0), "100");
    }

    use super::*;

    #[test]
    fn the_same_key_gives_the_same_strokes() {
        let a = rect(&mut Rng::seeded("web"), 0.0, 0.0, 100.0, 50.0);
        let b = rect(&mut Rng::seeded("web"), 0.0, 0.0, 100.0, 50.0);
        let c = rect(&mut Rng::seeded("db"), 0.0, 0.0, 100.0, 50.0);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn jitter_stays_in_range_and_polylines_keep_their_ends() {
        let mut rng = Rng::seeded("x");
        for _ in 0..1000 {
            let j = rng.jitter(2.0);
            assert!((-2.0..=2.0).contains(&j));
        }
        let d = polyline(&mut rng, &[[0.0, 0.0], [50.0, 0.0], [50.0, 40.0]]);
        assert!(d.starts_with("M0,0 Q") && d.ends_with(" 50,40"), "{d}");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(2.5), "2.5");
    }
}
