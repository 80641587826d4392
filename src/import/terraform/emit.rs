//! Writes a [`Design`] as cloudgram source: header comments, the element
//! tree (each element under the comment that names its resources), the
//! edges, then the resources not drawn. The caller formats the result.

use super::design::Design;
use crate::syntax::format::escape;
use std::fmt::Write;

/// The design as `.cgr` text (not yet in the canonical layout).
pub fn emit(d: &Design) -> String {
    let mut out = String::new();
    for line in &d.header {
        comment(&mut out, 0, line);
    }
    let _ = writeln!(out, "title {}", escape(&d.title));
    out.push_str("direction down\n");
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); d.nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in d.nodes.iter().enumerate() {
        match n.parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let used: Vec<bool> = (0..d.nodes.len())
        .map(|i| i != 0 || d.edges.iter().any(|e| e.from == 0 || e.to == 0))
        .collect();
    for r in roots {
        if used[r] {
            out.push('\n');
            node(&mut out, d, &children, r, 0);
        }
    }
    if !d.edges.is_empty() {
        out.push('\n');
        comment(
            &mut out,
            0,
            "---------------------------------------------------------------- who calls whom",
        );
    }
    for e in &d.edges {
        for c in &e.comments {
            comment(&mut out, 0, c);
        }
        let _ = write!(out, "{} {} {}", d.nodes[e.from].id, e.op, d.nodes[e.to].id);
        if let Some(l) = &e.label {
            let _ = write!(out, " : {}", escape(l));
        }
        attrs(&mut out, &e.attrs);
        out.push('\n');
    }
    if !d.footer.is_empty() {
        out.push('\n');
        for line in &d.footer {
            comment(&mut out, 0, line);
        }
    }
    out
}

fn node(out: &mut String, d: &Design, children: &[Vec<usize>], i: usize, depth: usize) {
    let n = &d.nodes[i];
    for c in &n.comments {
        comment(out, depth, c);
    }
    indent(out, depth);
    let _ = write!(out, "{} {} {}", n.kind, n.id, escape(&n.label));
    attrs(out, &n.attrs);
    if children[i].is_empty() {
        out.push('\n');
        return;
    }
    out.push_str(" {\n");
    for (k, c) in children[i].iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        node(out, d, children, *c, depth + 1);
    }
    indent(out, depth);
    out.push_str("}\n");
}

fn attrs(out: &mut String, attrs: &[(String, String)]) {
    if attrs.is_empty() {
        return;
    }
    let list: Vec<String> = attrs
        .iter()
        .map(|(k, v)| {
            if v == "true" {
                k.clone()
            } else {
                format!("{k}: {v}")
            }
        })
        .collect();
    let _ = write!(out, " [{}]", list.join(", "));
}

fn comment(out: &mut String, depth: usize, text: &str) {
    indent(out, depth);
    let text: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let _ = writeln!(out, "# {}", text.trim_end());
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}
