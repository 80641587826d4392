//! Cycle breaking: the greedy feedback-arc-set heuristic of Eades, Lin and
//! Smyth (1993). Returns a linear order of the nodes; edges that point
//! backwards in it are the ones to reverse. Linear time with bucket queues;
//! ties are broken by node index, so the result is deterministic.

/// Whether a node that `hit` accepts can be reached from `from` along
/// `succ` (`from` itself included).
pub fn reaches(succ: &[Vec<usize>], from: usize, hit: impl Fn(usize) -> bool) -> bool {
    let mut seen = vec![false; succ.len()];
    let mut stack = vec![from];
    seen[from] = true;
    while let Some(v) = stack.pop() {
        if hit(v) {
            return true;
        }
        for &s in &succ[v] {
            if !seen[s] {
                seen[s] = true;
                stack.push(s);
            }
        }
    }
    false
}

/// The working state: the graph with removed nodes marked, degrees, and the
/// queues of sinks, sources and nodes by out-degree minus in-degree.
struct Greedy<'a> {
    out_adj: &'a [Vec<usize>],
    in_adj: &'a [Vec<usize>],
    removed: Vec<bool>,
    indeg: Vec<usize>,
    outdeg: Vec<usize>,
    sinks: Vec<usize>,
    sources: Vec<usize>,
    /// Nodes by delta + offset; entries go stale and are checked when popped.
    buckets: Vec<Vec<usize>>,
    offset: isize,
    /// One past the highest bucket that may hold a live entry.
    top: usize,
}

impl Greedy<'_> {
    fn bucket(&self, v: usize) -> usize {
        (self.outdeg[v] as isize - self.indeg[v] as isize + self.offset) as usize
    }

    /// Takes `v` out of the graph and updates its neighbours' queues.
    fn remove(&mut self, v: usize) {
        self.removed[v] = true;
        for &w in self.out_adj[v].iter().filter(|&&w| !self.removed[w]) {
            self.indeg[w] -= 1;
            if self.indeg[w] == 0 && self.outdeg[w] > 0 {
                self.sources.push(w);
            }
            let d = self.bucket(w);
            self.buckets[d].push(w);
            self.top = self.top.max(d + 1);
        }
        for &w in self.in_adj[v].iter().filter(|&&w| !self.removed[w]) {
            self.outdeg[w] -= 1;
            if self.outdeg[w] == 0 {
                self.sinks.push(w);
            }
            let d = self.bucket(w);
            self.buckets[d].push(w);
        }
    }

    /// The live node with the largest out-degree minus in-degree.
    fn largest_delta(&mut self) -> usize {
        while self.top > 0 {
            let b = self.top - 1;
            while let Some(v) = self.buckets[b].pop() {
                if !self.removed[v] && self.bucket(v) == b {
                    return v;
                }
            }
            self.top -= 1;
        }
        unreachable!("a node remains while the loop runs")
    }
}

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
    let indeg: Vec<usize> = in_adj.iter().map(Vec::len).collect();
    let outdeg: Vec<usize> = out_adj.iter().map(Vec::len).collect();
    // Delta ranges over −m..=m (m edges; parallel edges count).
    let offset = edges.len() as isize;
    let mut g = Greedy {
        out_adj: &out_adj,
        in_adj: &in_adj,
        removed: vec![false; n],
        sinks: (0..n).rev().filter(|&v| outdeg[v] == 0).collect(),
        sources: (0..n)
            .rev()
            .filter(|&v| indeg[v] == 0 && outdeg[v] > 0)
            .collect(),
        buckets: vec![Vec::new(); 2 * edges.len() + 1],
        indeg,
        outdeg,
        offset,
        top: 2 * edges.len() + 1,
    };
    for v in (0..n).rev() {
        let d = g.bucket(v);
        g.buckets[d].push(v);
    }
    let mut left: Vec<usize> = Vec::with_capacity(n);
    let mut right: Vec<usize> = Vec::with_capacity(n);
    for _ in 0..n {
        // Sinks go to the end, sources to the front, else the node with the
        // most excess out-edges goes to the front.
        let sink = std::iter::from_fn(|| g.sinks.pop()).find(|&v| !g.removed[v]);
        if let Some(v) = sink {
            g.remove(v);
            right.push(v);
            continue;
        }
        let source =
            std::iter::from_fn(|| g.sources.pop()).find(|&v| !g.removed[v] && g.outdeg[v] > 0);
        let v = source.unwrap_or_else(|| g.largest_delta());
        g.remove(v);
        left.push(v);
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

    #[test]
    fn every_node_gets_a_distinct_position() {
        let edges = [(0, 1), (1, 0), (2, 3), (3, 4), (4, 2), (5, 5)];
        let mut pos = feedback_order(6, &edges);
        pos.sort();
        assert_eq!(pos, [0, 1, 2, 3, 4, 5]);
    }
}
