use crate::lint::analysis::{id_list, is_service};
use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Finds cycles of synchronous calls (`->`, `<->`) that involve two or
    /// more services, with a strongly-connected-components analysis (Tarjan)
    /// of the calls each element *starts*. The finding lists every element
    /// of the cycle. Not cycles: a client's requests (an entry point never
    /// relays), a datastore's replies (its side of `<->` answers, it never
    /// calls back, so two services talking `<->` to one Redis are no cycle),
    /// traffic through a balancer or gateway (a reply from one target goes
    /// back to the callers, not to the other targets), and network plumbing
    /// (VPN, NAT, DNS, CDN) and bastions.
    ///
    /// ## Why is this bad?
    /// Services that wait on each other deadlock under load, amplify one
    /// failure into all of them, and can only be deployed together: a
    /// distributed monolith. A cycle also makes timeouts impossible to order.
    ///
    /// ## Example
    /// ```cgr
    /// service orders [replicas: 2]
    /// service stock [replicas: 2]
    /// orders -> stock
    /// stock -> orders
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service orders [replicas: 2]
    /// service stock [replicas: 2]
    /// kafka events [replicas: 3]
    /// orders -> stock
    /// stock ~> events ~> orders
    /// ```
    ///
    /// ## References
    /// - Taibi, Lenarduzzi and Pahl (2019): cyclic dependency.
    /// - AWS Well-Architected Reliability Pillar, REL04-BP02: implement
    ///   loosely coupled dependencies.
    pub struct SyncCycle {
        code: "MS002",
        name: "sync-cycle",
        category: Microservices,
        severity: Warning,
        summary: "synchronous edges form a cycle between services",
    }
}

impl Rule for SyncCycle {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for cycle in &cx.graph.sync_cycles {
            let services = cycle
                .iter()
                .filter(|id| is_service(cx.arch.element(**id)))
                .count();
            if services < 2 {
                continue;
            }
            // A set: a strongly connected component can hold thousands of services.
            let members: std::collections::HashSet<_> = cycle.iter().collect();
            let edges: Vec<usize> = cycle
                .iter()
                .flat_map(|id| cx.graph.calls[id.0].iter())
                .filter(|(to, _)| members.contains(to))
                .map(|(_, e)| *e)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let Some(&first) = edges.first() else {
                continue;
            };
            let mut f = crate::lint::Finding::new(
                &Self::META,
                cx.arch.edges[first].span,
                msg!("ms002", ids = id_list(cx.arch, cycle, 6)),
            )
            .subjects(cycle.iter().map(|id| cx.id(*id).to_string()))
            .help(msg!("ms002-help"));
            // One note per statement: a chain `a -> b -> a` is two edges of one statement.
            let mut noted = std::collections::BTreeSet::from([cx.arch.edges[first].span]);
            for e in edges.iter().skip(1) {
                let span = cx.arch.edges[*e].span;
                if noted.insert(span) {
                    f = f.label(span, msg!("ms002-label"));
                }
            }
            f.edges = edges;
            out.push(f);
        }
        out
    }
}
