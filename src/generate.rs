//! A synthetic cloud architecture of any size, for benchmarks and for
//! comparing with other tools: region > VPC > two AZs > a public and a private
//! subnet each; services with 2–3 instances spread over the AZs, each
//! instance calling one or two other services and its service's database;
//! a shared cache, a queue and S3. The same design can be written as
//! cloudgram source or as Graphviz DOT (with clusters), so both tools lay out
//! exactly the same graph.

use std::fmt::Write;

/// Output formats of the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// cloudgram source.
    Cgr,
    /// Graphviz DOT, containers as clusters.
    Dot,
}

/// A tiny deterministic generator (xorshift), so the design is the same everywhere.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

struct Design {
    /// (id, kind, parent container index or None)
    leaves: Vec<(String, &'static str, Option<usize>)>,
    /// (id, kind, label, parent)
    containers: Vec<(String, &'static str, String, Option<usize>)>,
    edges: Vec<(String, &'static str, String)>,
}

/// The design with about `leaves` leaf components.
fn design(leaves: usize, seed: u64) -> Design {
    let mut rng = Rng(seed.max(1));
    let mut d = Design {
        leaves: Vec::new(),
        containers: Vec::new(),
        edges: Vec::new(),
    };
    let container =
        |d: &mut Design, id: &str, kind: &'static str, label: &str, parent: Option<usize>| {
            d.containers
                .push((id.to_string(), kind, label.to_string(), parent));
            d.containers.len() - 1
        };
    let region = container(&mut d, "region", "region", "Region", None);
    let vpc = container(&mut d, "vpc", "vpc", "VPC", Some(region));
    let mut public = Vec::new();
    let mut private = Vec::new();
    for az in ["a", "b"] {
        let z = container(
            &mut d,
            &format!("az_{az}"),
            "az",
            &format!("AZ {az}"),
            Some(vpc),
        );
        public.push(container(
            &mut d,
            &format!("pub_{az}"),
            "subnet",
            &format!("Public {az}"),
            Some(z),
        ));
        private.push(container(
            &mut d,
            &format!("priv_{az}"),
            "subnet",
            &format!("Private {az}"),
            Some(z),
        ));
    }
    d.leaves.push(("users".into(), "client", None));
    d.leaves.push(("lb".into(), "alb", Some(vpc)));
    d.leaves.push(("cache".into(), "elasticache", Some(vpc)));
    d.leaves.push(("queue".into(), "sqs", Some(region)));
    d.leaves.push(("assets".into(), "s3", Some(region)));
    for (i, &p) in public.iter().enumerate() {
        d.leaves.push((format!("nat_{i}"), "nat", Some(p)));
    }
    d.edges.push(("users".into(), "->", "lb".into()));
    // Services until the leaf budget is spent: instances plus one database.
    let mut services: Vec<Vec<String>> = Vec::new();
    let mut s = 0;
    while d.leaves.len() + 3 <= leaves.max(10) {
        let instances = 2 + rng.below(2);
        let group = container(
            &mut d,
            &format!("svc{s}"),
            "group",
            &format!("Service {s}"),
            Some(private[s % 2]),
        );
        let mut ids = Vec::new();
        for k in 0..instances {
            let id = format!("svc{s}_{k}");
            d.leaves.push((id.clone(), "service", Some(group)));
            ids.push(id);
        }
        let db = format!("svc{s}_db");
        d.leaves.push((db.clone(), "rds", Some(group)));
        for id in &ids {
            d.edges.push((id.clone(), "->", db.clone()));
        }
        services.push(ids);
        s += 1;
    }
    for (s, ids) in services.iter().enumerate() {
        if s < 4 || rng.below(4) == 0 {
            d.edges.push(("lb".into(), "->", ids[0].clone()));
        }
        for id in ids {
            for _ in 0..1 + rng.below(2) {
                let other = rng.below(services.len());
                if other != s {
                    let target = &services[other][rng.below(services[other].len())];
                    d.edges.push((id.clone(), "->", target.clone()));
                }
            }
        }
        d.edges.push((ids[0].clone(), "->", "cache".into()));
        if s % 3 == 0 {
            d.edges.push((ids[0].clone(), "~>", "queue".into()));
        }
        if s % 5 == 0 {
            d.edges.push((ids[0].clone(), "->", "assets".into()));
        }
    }
    d
}

/// The synthetic architecture with about `leaves` components, as text.
pub fn synthetic(leaves: usize, seed: u64, format: Format) -> String {
    let d = design(leaves, seed);
    let mut out = String::new();
    match format {
        Format::Cgr => {
            let _ = writeln!(
                out,
                "title \"Synthetic architecture, {} components\"",
                d.leaves.len()
            );
            write_cgr(&d, None, 0, &mut out);
            for (a, op, b) in &d.edges {
                let _ = writeln!(out, "{a} {op} {b}");
            }
        }
        Format::Dot => {
            let _ = writeln!(
                out,
                "digraph synthetic {{\n  rankdir=LR;\n  compound=true;\n  node [shape=box];"
            );
            write_dot(&d, None, 1, &mut out);
            for (a, op, b) in &d.edges {
                let style = if *op == "~>" { " [style=dashed]" } else { "" };
                let _ = writeln!(out, "  {a} -> {b}{style};");
            }
            out.push_str("}\n");
        }
    }
    out
}

fn write_cgr(d: &Design, parent: Option<usize>, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for (id, kind, p) in &d.leaves {
        if *p == parent {
            let _ = writeln!(out, "{pad}{kind} {id}");
        }
    }
    for (i, (id, kind, label, p)) in d.containers.iter().enumerate() {
        if *p == parent {
            let public = if label.starts_with("Public") {
                " [public]"
            } else {
                ""
            };
            let _ = writeln!(out, "{pad}{kind} {id} \"{label}\"{public} {{");
            write_cgr(d, Some(i), depth + 1, out);
            let _ = writeln!(out, "{pad}}}");
        }
    }
}

fn write_dot(d: &Design, parent: Option<usize>, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for (id, kind, p) in &d.leaves {
        if *p == parent {
            let _ = writeln!(out, "{pad}{id} [label=\"{id}\\n{kind}\"];");
        }
    }
    for (i, (id, _, label, p)) in d.containers.iter().enumerate() {
        if *p == parent {
            let _ = writeln!(
                out,
                "{pad}subgraph cluster_{id} {{\n{pad}  label=\"{label}\";"
            );
            write_dot(d, Some(i), depth + 1, out);
            let _ = writeln!(out, "{pad}}}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_the_request_and_compile() {
        for n in [10, 100, 1000] {
            let src = synthetic(n, 7, Format::Cgr);
            let c = crate::compile::compile_str("gen.cgr", &src);
            assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics.first());
            let arch = c.arch.unwrap();
            let leaves = arch.elements.iter().filter(|e| !e.is_container()).count();
            assert!(leaves.abs_diff(n) <= 3, "{leaves} components for {n}");
        }
        assert_eq!(synthetic(50, 7, Format::Cgr), synthetic(50, 7, Format::Cgr));
        assert!(synthetic(50, 7, Format::Dot).contains("subgraph cluster_az_a"));
    }
}
