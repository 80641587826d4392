use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a synchronous call on a request path between components in two
    /// different `region` containers.
    ///
    /// ## Why is this bad?
    /// Every such call pays tens of milliseconds of round trip and inter-region
    /// transfer charges, and ties the availability of one region to the
    /// other: the design fails when either region does.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// region seoul { ec2 web [replicas: 2] }
    /// region tokyo { rds db [multi_az] }
    /// users -> web -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// region seoul {
    ///   ec2 web [replicas: 2]
    ///   rds db [multi_az]
    /// }
    /// region tokyo { rds db_replica [multi_az] }
    /// users -> web -> db
    /// db ~> db_replica : "async replication"
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Cost Optimization Pillar, COST08-BP01: perform
    ///   data transfer modeling.
    /// - AWS Well-Architected Reliability Pillar, REL10-BP01 (isolate
    ///   regions; do not share fate across them).
    pub struct CrossRegionSyncCall {
        code: "PF011",
        name: "cross-region-sync-call",
        category: Cost,
        severity: Info,
        summary: "a synchronous call on a request path crosses regions",
    }
}

impl Rule for CrossRegionSyncCall {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let region = |id: ElementId| {
            cx.arch.ancestors(id).find(|a| {
                cx.arch
                    .element(*a)
                    .kind
                    .is(crate::model::catalog::Tag::Region)
            })
        };
        let mut out = Vec::new();
        for (i, e) in cx.arch.edges.iter().enumerate() {
            if !e.op.calls() || !cx.graph.on_path.contains(&e.from) {
                continue;
            }
            let (Some(a), Some(b)) = (region(e.from), region(e.to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            out.push(
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!(
                        "pf011",
                        from = cx.id(e.from),
                        from_region = cx.id(a),
                        to = cx.id(e.to),
                        to_region = cx.id(b)
                    ),
                )
                .help(msg!("pf011-help")),
            );
        }
        out
    }
}
