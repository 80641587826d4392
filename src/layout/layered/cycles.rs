//! Cycle breaking: the greedy feedback-arc-set heuristic of Eades, Lin and
//! Smyth (1993). Returns a linear order of the nodes; edges that point
//! backwards in it are the ones to reverse. Linear time with bucket queues;
//! ties are broken by node index, so the result is deterministic.

/// An order of `n` nodes (position of each node) with few backward edges.
pub fn feedback_order(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut out_adj = vec![Vec::new(); n];
    let mut in_adj = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b {
            out_adj[a].push(b);
            in_adj[b].push(a);
        }
    }
    let mut indeg: Vec<usize> = in_adj.iter().map(Vec::len).collect();
    let mut outdeg: Vec<usize> = out_adj.iter().map(Vec::len).collect();
    let mut removed = vec![false; n];
    let mut left: Vec<usize> = Vec::with_capacity(n);
    let mut right: Vec<usize> = Vec::with_capacity(n);
    let mut remaining = n;
    // A simple scan-based version: sinks and sources are taken from work
    // lists; otherwise the node with the largest outdeg − indeg (lowest index).
    let mut sinks: Vec<usize> = (0..n).rev().filter(|&v| outdeg[v] == 0).collect();
    let mut sources: Vec<usize> = (0..n)
        .rev()
        .filter(|&v| indeg[v] == 0 && outdeg[v] > 0)
        .collect();
    // Candidates by delta, bucketed: delta ranges over −m..=m (m edges; parallel edges count).
    let offset = edges.len() as isize;
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); 2 * edges.len() + 1];
    for v in (0..n).rev() {
        buckets[(outdeg[v] as isize - indeg[v] as isize + offset) as usize].push(v);
    }
    let mut top = buckets.len();
    let remove = |v: usize,
                  removed: &mut Vec<bool>,
                  indeg: &mut Vec<usize>,
                  outdeg: &mut Vec<usize>,
                  sinks: &mut Vec<usize>,
                  sources: &mut Vec<usize>,
                  buckets: &mut Vec<Vec<usize>>,
                  top: &mut usize| {
        removed[v] = true;
        for &w in &out_adj[v] {
            if !removed[w] {
                indeg[w] -= 1;
                if indeg[w] == 0 && outdeg[w] > 0 {
                    sources.push(w);
                }
                let d = (outdeg[w] as isize - indeg[w] as isize + offset) as usize;
                buckets[d].push(w);
                *top = (*top).max(d + 1);
            }
        }
        for &w in &in_adj[v] {
            if !removed[w] {
                outdeg[w] -= 1;
                if outdeg[w] == 0 {
                    sinks.push(w);
                }
                let d = (outdeg[w] as isize - indeg[w] as isize + offset) as usize;
                buckets[d].push(w);
            }
        }
    };
    while remaining > 0 {
        if let Some(v) = sinks.pop() {
            if removed[v] {
                continue;
            }
            remove(
                v,
                &mut removed,
                &mut indeg,
                &mut outdeg,
                &mut sinks,
                &mut sources,
                &mut buckets,
                &mut top,
            );
            right.push(v);
            remaining -= 1;
            continue;
        }
        if let Some(v) = sources.pop() {
            if removed[v] || outdeg[v] == 0 {
                continue;
            }
            remove(
                v,
                &mut removed,
                &mut indeg,
                &mut outdeg,
                &mut sinks,
                &mut sources,
                &mut buckets,
                &mut top,
            );
            left.push(v);
            remaining -= 1;
            continue;
        }
        // Largest delta; stale bucket entries are skipped.
        let mut picked = None;
        while top > 0 && picked.is_none() {
            let b = top - 1;
            while let Some(v) = buckets[b].pop() {
                let d = (outdeg[v] as isize - indeg[v] as isize + offset) as usize;
                if !removed[v] && d == b {
                    picked = Some(v);
                    break;
                }
            }
            if picked.is_none() {
                top -= 1;
            }
        }
        let v = picked.expect("a node remains");
        remove(
            v,
            &mut removed,
            &mut indeg,
            &mut outdeg,
            &mut sinks,
            &mut sources,
            &mut buckets,
            &mut top,
        );
        left.push(v);
        remaining -= 1;
    }
    let mut position = vec![0; n];
    for (i, v) in left.iter().chain(right.iter().rev()).enumerate() {
        position[*v] = i;
    }
    position
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dag_keeps_every_edge_forward() {
        let edges = [(0, 1), (1, 2), (0, 2), (3, 2)];
        let pos = feedback_order(4, &edges);
        assert!(edges.iter().all(|&(a, b)| pos[a] < pos[b]));
    }

    #[test]
    fn parallel_edges_do_not_overflow_the_buckets() {
        let edges = [(0, 1), (0, 1), (0, 1), (1, 0), (2, 0), (2, 0)];
        let pos = feedback_order(3, &edges);
        let backward = edges.iter().filter(|&&(a, b)| pos[a] > pos[b]).count();
        assert_eq!(backward, 1);
    }

    #[test]
    fn a_cycle_loses_one_edge() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3)];
        let pos = feedback_order(4, &edges);
        let backward = edges.iter().filter(|&&(a, b)| pos[a] > pos[b]).count();
        assert_eq!(backward, 1);
    }
}
