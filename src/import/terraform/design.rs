//! The design the mapping builds and the emitter writes: elements in a
//! tree, edges between them, and the comments that say where each came from.

/// A design on its way to text.
#[derive(Debug, Default)]
pub struct Design {
    /// The title.
    pub title: String,
    /// Comment lines at the top (what was read, what was assumed).
    pub header: Vec<String>,
    /// Elements, containers first where they were made first.
    pub nodes: Vec<Node>,
    /// Edges, in the order they were found.
    pub edges: Vec<Edge>,
    /// Comment lines at the end (resources not drawn).
    pub footer: Vec<String>,
}

/// A component or container.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its ID (unique once [`Design::assign_ids`] ran).
    pub id: String,
    /// A catalog kind.
    pub kind: &'static str,
    /// Its label.
    pub label: String,
    /// Attributes, as `key` and value text in cloudgram's syntax.
    pub attrs: Vec<(String, String)>,
    /// The enclosing container.
    pub parent: Option<usize>,
    /// Comment lines written above it (the resource addresses first).
    pub comments: Vec<String>,
}

/// An edge.
#[derive(Debug, Clone)]
pub struct Edge {
    /// Source node.
    pub from: usize,
    /// Target node.
    pub to: usize,
    /// `->`, `~>` or `--`.
    pub op: &'static str,
    /// Its label.
    pub label: Option<String>,
    /// Attributes, as for nodes.
    pub attrs: Vec<(String, String)>,
    /// Comment lines written above it.
    pub comments: Vec<String>,
}

impl Node {
    /// The value text of an attribute.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets an attribute (replacing an earlier value).
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.attrs.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.attrs.push((key.to_string(), value)),
        }
    }
}

impl Edge {
    /// The value text of an attribute.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Words that begin other statements and cannot be an edge's first ID.
const RESERVED: &[&str] = &["title", "direction", "true", "false"];

/// An ID from free text: letters, digits, `_` and `-`, not starting with a digit.
pub fn sanitize(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() {
        "r".to_string()
    } else if out.starts_with(|c: char| c.is_ascii_digit()) || RESERVED.contains(&out.as_str()) {
        format!("r_{out}")
    } else {
        out
    }
}

impl Design {
    /// Makes every ID unique: a base ID shared by several nodes gets the
    /// kind appended, then a number.
    pub fn assign_ids(&mut self) {
        use std::collections::BTreeMap;
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for n in &self.nodes {
            *count.entry(n.id.clone()).or_default() += 1;
        }
        let mut taken: std::collections::BTreeSet<String> = count
            .iter()
            .filter(|(_, c)| **c == 1)
            .map(|(k, _)| k.clone())
            .collect();
        for n in &mut self.nodes {
            if count[&n.id] == 1 {
                continue;
            }
            let base = if n.id.ends_with(n.kind) {
                n.id.clone()
            } else {
                format!("{}_{}", n.id, n.kind)
            };
            let mut id = base.clone();
            let mut i = 2;
            while taken.contains(&id) {
                id = format!("{base}_{i}");
                i += 1;
            }
            taken.insert(id.clone());
            n.id = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_and_unique() {
        assert_eq!(sanitize("fn[\"api\"]"), "fn_api");
        assert_eq!(sanitize("0"), "r_0");
        assert_eq!(sanitize("title"), "r_title");
        let node = |id: &str, kind: &'static str| Node {
            id: id.into(),
            kind,
            label: String::new(),
            attrs: Vec::new(),
            parent: None,
            comments: Vec::new(),
        };
        let mut d = Design {
            nodes: vec![
                node("web", "alb"),
                node("web", "ec2"),
                node("web_alb", "s3"),
            ],
            ..Design::default()
        };
        d.assign_ids();
        let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["web_alb_2", "web_ec2", "web_alb"]);
    }
}
