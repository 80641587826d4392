//! "Did you mean" for many questions against many names: a BK-tree, so that
//! each unknown ID is compared with a few declared IDs instead of all of
//! them (20 000 unknown IDs against 20 000 declared took minutes), giving
//! exactly the answer of [`super::suggest::did_you_mean`].
//!
//! The tree is ordered by the (unrestricted) Damerau–Levenshtein distance,
//! a metric that never exceeds the optimal-string-alignment distance that
//! `did_you_mean` uses; so searching the tree within the suggestion limit
//! finds every candidate, and each is then measured as `did_you_mean` does.

use std::collections::HashMap;

/// A BK-tree of names.
pub struct SuggestIndex<'a> {
    nodes: Vec<Node<'a>>,
    /// Every key and every key less one character → the nodes with that
    /// key: two keys one edit apart (insertion, deletion, substitution or
    /// transposition) always share an entry, so the names one edit away are
    /// found by hashing instead of walking the tree.
    near: HashMap<String, Vec<usize>>,
    answers: HashMap<String, Option<&'a str>>,
}

struct Node<'a> {
    /// The name, lowercased, as characters.
    key: Vec<char>,
    /// The names that lowercase to `key`.
    names: Vec<&'a str>,
    /// (distance to this node's key, child index).
    children: Vec<(usize, usize)>,
}

impl<'a> SuggestIndex<'a> {
    /// An index of `names`.
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut index = SuggestIndex {
            nodes: Vec::new(),
            near: HashMap::new(),
            answers: HashMap::new(),
        };
        for name in names {
            index.insert(name);
        }
        index
    }

    fn insert(&mut self, name: &'a str) {
        let key: Vec<char> = name.to_lowercase().chars().collect();
        if self.nodes.is_empty() {
            self.add_near(&key, 0);
            self.nodes.push(Node {
                key,
                names: vec![name],
                children: Vec::new(),
            });
            return;
        }
        let mut at = 0;
        loop {
            let d = damerau_levenshtein(&key, &self.nodes[at].key);
            if d == 0 {
                self.nodes[at].names.push(name);
                return;
            }
            match self.nodes[at].children.iter().find(|(cd, _)| *cd == d) {
                Some(&(_, child)) => at = child,
                None => {
                    let new = self.nodes.len();
                    self.add_near(&key, new);
                    self.nodes.push(Node {
                        key,
                        names: vec![name],
                        children: Vec::new(),
                    });
                    self.nodes[at].children.push((d, new));
                    return;
                }
            }
        }
    }

    fn add_near(&mut self, key: &[char], node: usize) {
        for variant in variants(key) {
            self.near.entry(variant).or_default().push(node);
        }
    }

    /// The name closest to `word`, as [`super::suggest::did_you_mean`] would choose it.
    pub fn did_you_mean(&mut self, word: &str) -> Option<&'a str> {
        if let Some(answer) = self.answers.get(word) {
            return *answer;
        }
        let answer = self.search(word);
        self.answers.insert(word.to_string(), answer);
        answer
    }

    /// Looks one edit away by hashing, then in the tree within radius 2, 3,
    /// ... up to the suggestion limit, and stops
    /// as soon as the best candidate found is no farther than the radius:
    /// every name at least as close (ties included) is then inside it, as
    /// the tree's distance never exceeds the suggestion distance. A typo
    /// one edit away visits a small part of the tree.
    fn search(&self, word: &str) -> Option<&'a str> {
        if self.nodes.is_empty() {
            return None;
        }
        let limit = (word.chars().count() / 3).max(1);
        let query: Vec<char> = word.to_lowercase().chars().collect();
        // One edit away: by hashing. Every name at distance 1 is found, so a
        // best candidate at distance 1 is the answer, ties included.
        let mut close: Vec<&'a str> = Vec::new();
        for variant in variants(&query) {
            if let Some(nodes) = self.near.get(&variant) {
                for &n in nodes {
                    close.extend(self.nodes[n].names.iter().copied());
                }
            }
        }
        close.sort_unstable();
        close.dedup();
        if let Some(best) = super::suggest::did_you_mean(word, close.iter().copied()) {
            let lower: Vec<char> = best.to_lowercase().chars().collect();
            if super::suggest::distance_chars(&query, &lower) <= 1 {
                return Some(best);
            }
        }
        // Farther: the tree, from radius 2 (radius 1 is done).
        for radius in 2..=limit {
            let found = self.within(&query, radius);
            if let Some(best) = super::suggest::did_you_mean(word, found.iter().copied()) {
                let lower: Vec<char> = best.to_lowercase().chars().collect();
                if super::suggest::distance_chars(&query, &lower) <= radius {
                    return Some(best);
                }
            }
            if radius == limit {
                return super::suggest::did_you_mean(word, found);
            }
        }
        None
    }

    /// Every name within `radius` of `query` in the tree's distance.
    fn within(&self, query: &[char], radius: usize) -> Vec<&'a str> {
        let mut found = Vec::new();
        let mut stack = vec![0];
        while let Some(at) = stack.pop() {
            let node = &self.nodes[at];
            let d = damerau_levenshtein(query, &node.key);
            if d <= radius {
                found.extend(node.names.iter().copied());
            }
            for &(cd, child) in &node.children {
                if cd + radius >= d && cd <= d + radius {
                    stack.push(child);
                }
            }
        }
        found
    }
}

/// The key itself and the key less each one of its characters.
fn variants(key: &[char]) -> Vec<String> {
    let mut out = Vec::with_capacity(key.len() + 1);
    out.push(key.iter().collect());
    for skip in 0..key.len() {
        out.push(
            key.iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The unrestricted Damerau–Levenshtein distance (a transposition of
/// adjacent characters costs one, even with edits between), a true metric.
fn damerau_levenshtein(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let max = n + m;
    let width = m + 2;
    let mut d = vec![0usize; (n + 2) * width];
    let at = |i: usize, j: usize| i * width + j;
    d[at(0, 0)] = max;
    for i in 0..=n {
        d[at(i + 1, 0)] = max;
        d[at(i + 1, 1)] = i;
    }
    for j in 0..=m {
        d[at(0, j + 1)] = max;
        d[at(1, j + 1)] = j;
    }
    // Last row where each character of `a` was seen (few distinct characters).
    let mut last_row: Vec<(char, usize)> = Vec::new();
    for i in 1..=n {
        let mut last_col = 0;
        for j in 1..=m {
            let i1 = last_row
                .iter()
                .find(|(c, _)| *c == b[j - 1])
                .map_or(0, |(_, row)| *row);
            let j1 = last_col;
            let cost = if a[i - 1] == b[j - 1] {
                last_col = j;
                0
            } else {
                1
            };
            d[at(i + 1, j + 1)] = (d[at(i, j)] + cost)
                .min(d[at(i + 1, j)] + 1)
                .min(d[at(i, j + 1)] + 1)
                .min(d[at(i1, j1)] + (i - i1 - 1) + 1 + (j - j1 - 1));
        }
        match last_row.iter_mut().find(|(c, _)| *c == a[i - 1]) {
            Some(slot) => slot.1 = i,
            None => last_row.push((a[i - 1], i)),
        }
    }
    d[at(n + 1, m + 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        damerau_levenshtein(&a, &b)
    }

    #[test]
    fn distances() {
        assert_eq!(dl("", ""), 0);
        assert_eq!(dl("abc", ""), 3);
        assert_eq!(dl("ca", "abc"), 2); // OSA says 3
        assert_eq!(dl("lamdba", "lambda"), 1);
        assert_eq!(dl("kitten", "sitting"), 3);
    }

    #[test]
    fn answers_like_the_linear_search() {
        let names: Vec<String> = (0..400)
            .map(|i| format!("{}{}_{}", ["web", "db", "Cache", "q"][i % 4], i % 37, i / 3))
            .chain(["postgres", "ec2", "lambda", "Web", "web"].map(String::from))
            .collect();
        let mut index = SuggestIndex::new(names.iter().map(String::as_str));
        let words = [
            "web1_0",
            "db3_1",
            "cache2_4",
            "postgress",
            "ec3",
            "lamdba",
            "xyz",
            "WEB",
            "q36_",
            "wbe",
        ];
        for word in words {
            let linear =
                crate::model::suggest::did_you_mean(word, names.iter().map(String::as_str));
            assert_eq!(index.did_you_mean(word), linear, "{word}");
            assert_eq!(index.did_you_mean(word), linear, "{word} (memo)");
        }
    }
}
