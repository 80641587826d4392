//! Structured: a valid design built from `arbitrary` (kinds of the catalog,
//! nested containers, edges of every operator, labels and attributes), so
//! the fuzzer spends its time in lowering, lint, layout and drawing rather
//! than in syntax errors. Every generated design must compile.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 16] = [
    "client", "alb", "ec2", "service", "rds", "elasticache", "sqs", "s3", "lambda", "llm",
    "guardrail", "deployment", "api_gateway", "internet", "5gc", "external",
];
const CONTAINERS: [&str; 6] = ["region", "vpc", "az", "subnet", "group", "k8s"];
const OPS: [&str; 4] = ["->", "~>", "<->", "--"];

#[derive(Debug, Arbitrary)]
struct Design {
    direction: u8,
    elements: Vec<Element>,
    edges: Vec<Edge>,
}

#[derive(Debug, Arbitrary)]
struct Element {
    /// Index of an earlier container to nest in (if it is one).
    parent: Option<u8>,
    container: bool,
    kind: u8,
    label: Option<String>,
    replicas: Option<u8>,
    flags: u8,
}

#[derive(Debug, Arbitrary)]
struct Edge {
    from: Vec<u8>,
    to: Vec<u8>,
    op: u8,
    label: Option<String>,
    protocol: bool,
}

fn literal(s: &str) -> String {
    let s: String = s.chars().take(40).collect();
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace(['\n', '\r'], " "))
}

fn source(d: &Design) -> String {
    let n = d.elements.len().min(60);
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, e) in d.elements.iter().take(n).enumerate() {
        match e.parent.map(|p| usize::from(p) % n.max(1)) {
            Some(p) if p < i && d.elements[p].container => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut out = format!("direction {}\n", ["right", "down", "left", "up"][usize::from(d.direction % 4)]);
    fn write(d: &Design, children: &[Vec<usize>], i: usize, out: &mut String) {
        let e = &d.elements[i];
        let kind = if e.container {
            CONTAINERS[usize::from(e.kind) % CONTAINERS.len()]
        } else {
            KINDS[usize::from(e.kind) % KINDS.len()]
        };
        out.push_str(&format!("{kind} e{i}"));
        if let Some(l) = &e.label {
            out.push(' ');
            out.push_str(&literal(l));
        }
        let mut attrs = Vec::new();
        if let Some(r) = e.replicas {
            attrs.push(format!("replicas: {}", r % 5));
        }
        for (bit, flag) in ["multi_az", "autoscale", "public", "encrypted"].iter().enumerate() {
            if e.flags & (1 << bit) != 0 {
                attrs.push((*flag).to_string());
            }
        }
        if e.flags & 0x10 != 0 {
            attrs.push("azs: [a, b]".into());
        }
        if e.flags & 0x20 != 0 {
            attrs.push("capacity: 500rps".into());
        }
        if e.flags & 0x40 != 0 {
            attrs.push("rps: 2k".into());
        }
        if !attrs.is_empty() {
            out.push_str(&format!(" [{}]", attrs.join(", ")));
        }
        if e.container {
            out.push_str(" {\n");
            for &c in &children[i] {
                write(d, children, c, out);
            }
            out.push('}');
        }
        out.push('\n');
    }
    for &r in &roots {
        write(d, &children, r, &mut out);
    }
    if n > 0 {
        for e in d.edges.iter().take(120) {
            let side = |ids: &[u8]| -> Option<String> {
                let ids: Vec<String> = ids.iter().take(4).map(|i| format!("e{}", usize::from(*i) % n)).collect();
                (!ids.is_empty()).then(|| ids.join(", "))
            };
            let (Some(from), Some(to)) = (side(&e.from), side(&e.to)) else { continue };
            out.push_str(&format!("{from} {} {to}", OPS[usize::from(e.op % 4)]));
            if let Some(l) = &e.label {
                out.push_str(&format!(" : {}", literal(l)));
            }
            if e.protocol {
                out.push_str(" [protocol: https]");
            }
            out.push('\n');
        }
    }
    out
}

fuzz_target!(|d: Design| {
    let text = source(&d);
    let c = cloudgram::compile::check(&cloudgram::source::SourceFile::new("d.cgr", text.as_str()));
    let Some(arch) = c.arch else {
        panic!("a generated design does not compile:\n{text}\n{:#?}", c.diagnostics);
    };
    let scene = cloudgram::layout::layout(&arch);
    let svg = cloudgram::render::svg::render(&scene);
    assert!(svg.chars().all(cloudgram::limits::xml_allowed));
});
