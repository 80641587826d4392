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

    /// The name closest to `word`, as [`super::suggest::did_you_mean`] would choose it.
    pub fn did_you_mean(&mut self, word: &str) -> Option<&'a str> {
        if let Some(answer) = self.answers.get(word) {
            return *answer;
        }
        let answer = self.search(word);
        self.answers.insert(word.to_string(), answer);
        answer
    }

    fn search(&self, word: &str) -> Option<&'a str> {
        if self.nodes.is_empty() {
            return None;
        }
        let limit = (word.chars().count() / 3).max(1);
        let query: Vec<char> = word.to_lowercase().chars().collect();
        let mut found: Vec<&'a str> = Vec::new();
        let mut stack = vec![0];
        while let Some(at) = stack.pop() {
            let node = &self.nodes[at];
            let d = damerau_levenshtein(&query, &node.key);
            if d <= limit {
                found.extend(node.names.iter().copied());
            }
            for &(cd, child) in &node.children {
                if cd + limit >= d && cd <= d + limit {
                    stack.push(child);
                }
            }
        }
        // The same measure and tie-break as the linear search, on the few left.
        super::suggest::did_you_mean(word, found)
    }
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
    let mut last_row: HashMap<char, usize> = HashMap::new();
    for i in 1..=n {
        let mut last_col = 0;
        for j in 1..=m {
            let i1 = last_row.get(&b[j - 1]).copied().unwrap_or(0);
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
        last_row.insert(a[i - 1], i);
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
