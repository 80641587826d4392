use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Finds the longest chain of synchronous calls (`->`) from each entry
    /// point and counts the compute components on it (VMs, containers,
    /// services, functions, pods); load balancers, gateways, caches and
    /// datastores in between do not count. A chain of more than `depth`
    /// components (default 4) is reported, at the first component past the
    /// limit; its subjects are every element of the path, from the entry
    /// point on. Cycles are counted once (see MS002). Set the depth in
    /// `cloudgram.toml`: `PF003 = { depth = 6 }`.
    ///
    /// ## Why is this bad?
    /// Every synchronous hop adds its latency and multiplies the chance of
    /// failure: five services at 99.9 % each are 99.5 % together, and the
    /// slowest one sets the response time. Deep chains are a sign of a
    /// distributed monolith.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// service a [replicas: 2]
    /// service b [replicas: 2]
    /// service c [replicas: 2]
    /// service d [replicas: 2]
    /// service e [replicas: 2]
    /// users -> a -> b -> c -> d -> e
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// service a [replicas: 2]
    /// service b [replicas: 2]
    /// service c [replicas: 2]
    /// service d [replicas: 2]
    /// service e [replicas: 2]
    /// users -> a -> b -> c
    /// c ~> d ~> e
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL04-BP02 (loosely coupled
    ///   dependencies) and REL04-BP03 (do constant work).
    /// - Taibi et al. (2019), microservice smells: "too many synchronous calls".
    pub struct DeepSyncChain {
        code: "PF003",
        name: "deep-sync-chain",
        category: Performance,
        severity: Warning,
        summary: "a synchronous call chain is longer than a configurable depth (default 4)",
        params: ["depth" = 4.0 => "the most compute components one synchronous chain may hold"],
    }
}

impl Rule for DeepSyncChain {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let depth = cx.param(&Self::META, "depth") as usize;
        let arch = cx.arch;
        let n = arch.elements.len();
        let g = &cx.graph.call_graph;
        // Components in reverse topological order: callees come first.
        let sccs = petgraph::algo::tarjan_scc(g);
        let mut comp = vec![0; n];
        for (c, members) in sccs.iter().enumerate() {
            for m in members {
                comp[m.index()] = c;
            }
        }
        let weight = |c: usize| {
            sccs[c]
                .iter()
                .filter(|m| is_counted(cx, ElementId(m.index())))
                .count()
        };
        let mut best = vec![0usize; sccs.len()];
        let mut next: Vec<Option<usize>> = vec![None; sccs.len()];
        for c in 0..sccs.len() {
            let succ: BTreeSet<usize> = sccs[c]
                .iter()
                .flat_map(|m| g.neighbors(*m))
                .map(|t| comp[t.index()])
                .filter(|d| *d != c)
                .collect();
            let pick = succ
                .into_iter()
                .max_by_key(|d| (best[*d], std::cmp::Reverse(*d)));
            best[c] = weight(c) + pick.map_or(0, |d| best[d]);
            next[c] = pick;
        }
        let mut out = Vec::new();
        let mut reported = BTreeSet::new();
        for &entry in &cx.graph.entries {
            if best[comp[entry.0]] <= depth {
                continue;
            }
            let mut path: Vec<ElementId> = Vec::new();
            let mut c = Some(comp[entry.0]);
            while let Some(k) = c {
                let mut members: Vec<ElementId> =
                    sccs[k].iter().map(|m| ElementId(m.index())).collect();
                members.sort();
                path.extend(members);
                c = next[k];
            }
            let chain: Vec<ElementId> = path
                .iter()
                .copied()
                .filter(|id| is_counted(cx, *id))
                .collect();
            if chain.len() <= depth || !reported.insert(chain.clone()) {
                continue;
            }
            let at = chain[depth];
            out.push(
                cx.at_element(
                    &Self::META,
                    at,
                    msg!(
                        "pf003",
                        count = chain.len(),
                        depth = depth,
                        chain = chain
                            .iter()
                            .map(|id| format!("`{}`", cx.id(*id)))
                            .collect::<Vec<_>>()
                            .join(" → ")
                    ),
                )
                .note(msg!("pf003-note", position = depth + 1))
                .subjects(path.iter().map(|id| cx.id(*id).to_string()))
                .help(msg!("pf003-help")),
            );
        }
        out
    }
}

fn is_counted(cx: &Context<'_>, id: ElementId) -> bool {
    let e = cx.arch.element(id);
    e.kind.traits.compute && !e.kind.traits.entry
}
