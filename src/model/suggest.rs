//! "did you mean `postgres`?": the closest candidate by edit distance.

/// The candidate closest to `word`, if it is close enough to be a likely typo
/// (at most one edit for short words, a third of the length for longer ones).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_chars(&a, &b)
}

/// [`distance`] on characters.
pub(crate) fn distance_chars(a: &[char], b: &[char]) -> usize {
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `help` text for a suggestion ("did you mean `postgres`?"), or `None`.
pub fn help<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<crate::i18n::Message> {
    did_you_mean(word, candidates).map(|s| crate::msg!("did-you-mean", name = s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_but_not_strangers() {
        let kinds = ["postgres", "ec2", "lambda", "elasticache"];
        assert_eq!(did_you_mean("postgress", kinds), Some("postgres"));
        assert_eq!(did_you_mean("ec3", kinds), Some("ec2"));
        assert_eq!(did_you_mean("lamdba", kinds), Some("lambda"));
        assert_eq!(did_you_mean("xyz", kinds), None);
    }
}
