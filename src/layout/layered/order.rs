//! Crossing minimisation: layer-by-layer sweeps with the barycenter heuristic,
//! keeping the best order seen, counted with the accumulator tree of Barth,
//! Jünger and Mutzel (2002) in O(E log V) per pair of layers.

/// Crossings between two adjacent layers. `edges` are pairs of positions
/// (upper position, lower position).
pub fn bilayer_crossings(edges: &mut [(usize, usize)], lower_len: usize) -> usize {
    if edges.len() < 2 || lower_len == 0 {
        return 0;
    }
    edges.sort_unstable();
    sorted_crossings(edges, lower_len, &mut Vec::new())
}

/// [`bilayer_crossings`] of edges sorted already, with `tree` as room for
/// the accumulator tree (one allocation for every pair of layers).
fn sorted_crossings(edges: &[(usize, usize)], lower_len: usize, tree: &mut Vec<usize>) -> usize {
    if edges.len() < 2 || lower_len == 0 {
        return 0;
    }
    let first = lower_len.next_power_of_two();
    tree.clear();
    tree.resize(2 * first - 1, 0);
    let first = first - 1;
    let mut crossings = 0;
    for &(_, south) in edges {
        let mut index = south + first;
        tree[index] += 1;
        while index > 0 {
            if index % 2 == 1 {
                crossings += tree[index + 1];
            }
            index = (index - 1) / 2;
            tree[index] += 1;
        }
    }
    crossings
}

/// A layered graph to order: `layers[l]` lists nodes in order; `up[v]` and
/// `down[v]` are each node's neighbours in the layer before and after.
pub struct Layering<'a> {
    /// Nodes of each layer, in their current order.
    pub layers: &'a mut [Vec<usize>],
    /// Neighbours of each node in the previous layer.
    pub up: &'a [Vec<usize>],
    /// Neighbours of each node in the next layer.
    pub down: &'a [Vec<usize>],
    /// Layers whose order must not change (container ports fixed by the parent).
    pub fixed: &'a [bool],
}

/// Total crossings of the current order.
///
/// A layer's nodes come in the order of their positions, so the pairs of a
/// layer need sorting only among each node's own neighbours (the sort of
/// every pair, and two allocations per pair of layers, were most of the
/// crossing minimisation's cost on big levels).
pub fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut total = 0;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut tree = Vec::new();
    for l in 0..layers.len().saturating_sub(1) {
        pairs.clear();
        for &v in &layers[l] {
            let from = pairs.len();
            pairs.extend(down[v].iter().map(|&w| (pos[v], pos[w])));
            pairs[from..].sort_unstable();
        }
        if !pairs.is_sorted() {
            pairs.sort_unstable();
        }
        total += sorted_crossings(&pairs, layers[l + 1].len(), &mut tree);
    }
    total
}

/// The mean position of `neighbours`, the key a sweep sorts a layer by;
/// None when there are none.
pub fn barycenter(neighbours: &[usize], pos: &[usize]) -> Option<f64> {
    (!neighbours.is_empty())
        .then(|| neighbours.iter().map(|&w| pos[w] as f64).sum::<f64>() / neighbours.len() as f64)
}

/// Reorders the layers in place to reduce crossings; returns the crossings left.
pub fn minimize(mut g: Layering<'_>, node_count: usize, sweeps: usize) -> usize {
    let mut pos = vec![0usize; node_count];
    let index = |layers: &[Vec<usize>], pos: &mut Vec<usize>| {
        for layer in layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
    };
    index(g.layers, &mut pos);
    let mut best = g.layers.to_vec();
    let mut best_crossings = crossings(g.layers, g.down, &pos);
    if best_crossings == 0 {
        return 0;
    }
    // One list of sort keys for every layer of every sweep.
    let mut keyed: Vec<(f64, usize, usize)> = Vec::new();
    for sweep in 0..sweeps {
        let downward = sweep % 2 == 0;
        let count = g.layers.len();
        let order: Vec<usize> = if downward {
            (1..count).collect()
        } else {
            (0..count.saturating_sub(1)).rev().collect()
        };
        for l in order {
            if g.fixed[l] {
                continue;
            }
            let neighbours = if downward { g.up } else { g.down };
            keyed.clear();
            keyed.extend(g.layers[l].iter().enumerate().map(|(i, &v)| {
                // Nodes without neighbours stay where they are.
                let bary = barycenter(&neighbours[v], &pos).unwrap_or(i as f64);
                (bary, i, v)
            }));
            // The old index breaks ties: the unstable sort gives the stable order.
            keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            g.layers[l].clear();
            g.layers[l].extend(keyed.iter().map(|&(_, _, v)| v));
            for (i, &v) in g.layers[l].iter().enumerate() {
                pos[v] = i;
            }
        }
        let c = crossings(g.layers, g.down, &pos);
        if c < best_crossings {
            best_crossings = c;
            best = g.layers.to_vec();
            if c == 0 {
                break;
            }
        }
    }
    g.layers.clone_from_slice(&best);
    if best_crossings > 0 {
        index(g.layers, &mut pos);
        transpose(&mut g, &mut pos);
        best_crossings = crossings(g.layers, g.down, &pos);
    }
    best_crossings
}

/// Crossings between the edges of `u` and of `v` (`u` left of `v`) towards
/// their neighbours `ns`, at positions `pos`.
pub fn pair_crossings(u: usize, v: usize, ns: &[Vec<usize>], pos: &[usize]) -> usize {
    ns[u]
        .iter()
        .map(|&a| ns[v].iter().filter(|&&b| pos[a] > pos[b]).count())
        .sum()
}

/// Node visits the transposition passes of one huge level may make, about.
const TRANSPOSE_WORK: usize = 1_000_000;

/// Adjacent transposition (Gansner et al. 1993): swaps neighbours in a layer
/// while that removes crossings with the layers on both sides; passes stop
/// when nothing improves. Pairs of hubs are skipped to stay linear.
fn transpose(g: &mut Layering<'_>, pos: &mut [usize]) {
    // Each pass visits every node: beyond 20 000 nodes the passes share a
    // budget of TRANSPOSE_WORK node visits.
    let nodes: usize = g.layers.iter().map(Vec::len).sum();
    let passes = if nodes <= 20_000 {
        4
    } else {
        (TRANSPOSE_WORK / nodes).clamp(1, 4)
    };
    for _ in 0..passes {
        let mut improved = false;
        for l in 0..g.layers.len() {
            if g.fixed[l] {
                continue;
            }
            for i in 0..g.layers[l].len().saturating_sub(1) {
                let (u, v) = (g.layers[l][i], g.layers[l][i + 1]);
                if (g.up[u].len() + g.down[u].len()) * (g.up[v].len() + g.down[v].len()) > 64 {
                    continue;
                }
                let now = pair_crossings(u, v, g.up, pos) + pair_crossings(u, v, g.down, pos);
                let swapped = pair_crossings(v, u, g.up, pos) + pair_crossings(v, u, g.down, pos);
                if swapped < now {
                    g.layers[l].swap(i, i + 1);
                    pos[u] = i + 1;
                    pos[v] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_crossings_like_the_pairwise_definition() {
        let mut edges = vec![(0, 1), (1, 0), (2, 2), (0, 2), (2, 0)];
        let brute = {
            let e = edges.clone();
            let mut c = 0;
            for i in 0..e.len() {
                for j in i + 1..e.len() {
                    let (a, b) = (e[i], e[j]);
                    if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                        c += 1;
                    }
                }
            }
            c
        };
        assert_eq!(bilayer_crossings(&mut edges, 3), brute);
    }

    #[test]
    fn the_barycenter_is_the_mean_neighbour_position() {
        let pos = [4, 0, 1];
        assert_eq!(barycenter(&[0, 2], &pos), Some(2.5));
        assert_eq!(barycenter(&[1], &pos), Some(0.0));
        assert_eq!(barycenter(&[], &pos), None);
    }

    #[test]
    fn transposition_fixes_what_barycenters_tie_on() {
        // Layer one [0, 1, 2], layer two [4, 3]; 0-3 crosses 1-4. Swapping 0
        // and 1 removes the crossing; swapping 4 and 3 would not (2-3 would
        // cross 1-4 instead), so only the first swap may happen.
        let mut layers = vec![vec![0, 1, 2], vec![4, 3]];
        let up = vec![vec![], vec![], vec![], vec![0, 2], vec![1]];
        let down = vec![vec![3], vec![4], vec![3], vec![], vec![]];
        let mut pos = vec![0, 1, 2, 1, 0];
        let before = crossings(&layers, &down, &pos);
        let mut g = Layering {
            layers: &mut layers,
            up: &up,
            down: &down,
            fixed: &[false, false],
        };
        transpose(&mut g, &mut pos);
        assert_eq!(before, 1);
        assert_eq!(crossings(&layers, &down, &pos), 0);
        assert_eq!(layers, vec![vec![1, 0, 2], vec![4, 3]]);
    }

    #[test]
    fn sweeps_untangle_a_crossed_pair() {
        // 0 -> 3, 1 -> 2 cross when layer two is [2, 3].
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        let up = vec![vec![], vec![], vec![1], vec![0]];
        let down = vec![vec![3], vec![2], vec![], vec![]];
        let left = minimize(
            Layering {
                layers: &mut layers,
                up: &up,
                down: &down,
                fixed: &[false, false],
            },
            4,
            4,
        );
        assert_eq!(left, 0);
    }
}
