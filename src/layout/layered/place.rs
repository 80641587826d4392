//! Coordinate assignment across the layers: each node is pulled towards the
//! mean position of its neighbours, subject to keeping its layer's order and
//! the gaps between boxes. One layer is the isotonic regression problem
//! "minimise Σ w (y − target)² with y[i+1] ≥ y[i] + gap[i]", solved exactly in
//! linear time by pool-adjacent-violators.

/// Positions (centres) for one layer: `targets[i]`, `weights[i]` and the
/// minimum centre-to-centre distance `gaps[i]` between item `i` and `i + 1`.
pub fn pav(targets: &[f64], weights: &[f64], gaps: &[f64]) -> Vec<f64> {
    let n = targets.len();
    // Shift out the gaps: z[i] = y[i] − S[i] must be non-decreasing.
    let mut shift = vec![0.0; n];
    for i in 1..n {
        shift[i] = shift[i - 1] + gaps[i - 1];
    }
    // Blocks of pooled items: (weighted mean, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(n);
    for i in 0..n {
        let w = weights[i].max(1e-9);
        blocks.push((targets[i] - shift[i], w, 1));
        while blocks.len() > 1 {
            let (m2, w2, c2) = blocks[blocks.len() - 1];
            let (m1, w1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let last = blocks.last_mut().expect("two blocks");
            *last = ((m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(n);
    for (mean, _, count) in blocks {
        for _ in 0..count {
            let i = out.len();
            out.push(mean + shift[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_gaps_and_meets_free_targets() {
        let y = pav(&[0.0, 100.0, 5.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert!(y[1] - y[0] >= 10.0 - 1e-9 && y[2] - y[1] >= 10.0 - 1e-9);
        // Targets that already fit are met exactly.
        let y = pav(&[0.0, 50.0, 90.0], &[1.0, 1.0, 1.0], &[10.0, 10.0]);
        assert_eq!(y, vec![0.0, 50.0, 90.0]);
        // Two items wanting the same place share the difference.
        let y = pav(&[10.0, 10.0], &[1.0, 1.0], &[20.0]);
        assert_eq!(y, vec![0.0, 20.0]);
    }
}
