use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags an edge from a client or the internet straight to a compute
    /// component that runs several instances (`replicas` of two or more),
    /// with no load balancer or gateway in front to spread the requests.
    ///
    /// ## Why is this bad?
    /// Clients then have to know every instance: DNS round-robin or
    /// hard-coded addresses keep sending requests to dead instances, and new
    /// instances get no traffic until clients learn about them.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// ec2 web [replicas: 2..6, autoscale]
    /// users -> web
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 web [replicas: 2..6, autoscale]
    /// users -> lb -> web
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Performance Efficiency Pillar, PERF04-BP04:
    ///   use load balancing to distribute traffic across multiple resources.
    /// - microFreshener: endpoint-based service interaction smell.
    pub struct NoLoadBalancer {
        code: "PF009",
        name: "no-load-balancer",
        category: Performance,
        severity: Warning,
        summary: "clients call a replicated compute component directly, with no load balancer",
    }
}

impl Rule for NoLoadBalancer {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let to = cx.arch.element(e.to);
                e.op != crate::syntax::EdgeOp::Assoc
                    && cx.arch.element(e.from).kind.traits.entry
                    && to.kind.traits.compute
                    && !to.kind.traits.managed_ha
                    && to.replicas().1 >= 2
            })
            .map(|(i, e)| {
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!(
                        "pf009",
                        from = cx.id(e.from),
                        count = cx.arch.element(e.to).replicas().1,
                        to = cx.id(e.to)
                    ),
                )
                .help(msg!("pf009-help", from = cx.id(e.from), to = cx.id(e.to)))
            })
            .collect()
    }
}
