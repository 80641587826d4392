use crate::lint::analysis::seconds;
use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Compares the timeouts of consecutive synchronous calls `a -> b` and
    /// `b -> c`: when `a` gives up on `b` sooner than `b` may wait on `c`
    /// (`timeout × (1 + retries)` of the inner call), the outer call is
    /// reported. Only stated `timeout`s are compared.
    ///
    /// ## Why is this bad?
    /// The caller times out and retries while the callee is still working on
    /// the first request: the work is wasted, load doubles, and the user
    /// sees an error for a request that may still succeed.
    ///
    /// ## Example
    /// ```cgr
    /// service orders [replicas: 2]
    /// service payments [replicas: 2]
    /// external psp
    /// orders -> payments [timeout: 2s]
    /// payments -> psp [timeout: 5s]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service orders [replicas: 2]
    /// service payments [replicas: 2]
    /// external psp
    /// orders -> payments [timeout: 6s]
    /// payments -> psp [timeout: 5s]
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL05-BP05: set client
    ///   timeouts.
    /// - Amazon Builders' Library, "Timeouts, retries and backoff with jitter".
    pub struct TimeoutInversion {
        code: "PF005",
        name: "timeout-inversion",
        category: Performance,
        severity: Warning,
        summary: "a caller's timeout is shorter than what its callee may wait downstream",
    }
}

impl Rule for TimeoutInversion {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        // The longest wait of each element on any of its own calls, computed once.
        let longest: Vec<Option<(f64, usize)>> = cx
            .graph
            .calls
            .iter()
            .enumerate()
            .map(|(from, calls)| {
                calls
                    .iter()
                    .filter(|(to, e)| to.0 != from && cx.arch.edges[*e].from.0 == from)
                    .filter_map(|(_, e)| {
                        let attrs = &cx.arch.edges[*e].attrs;
                        let t = seconds(attrs, "timeout")?;
                        Some((t * (1.0 + attrs.number("retries").unwrap_or(0.0)), *e))
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            })
            .collect();
        let mut out = Vec::new();
        for (i, outer) in cx.arch.edges.iter().enumerate() {
            let Some(t1) = seconds(&outer.attrs, "timeout").filter(|_| outer.op.calls()) else {
                continue;
            };
            let inner = longest[outer.to.0].map(|(t, e)| (t, &cx.arch.edges[e]));
            let Some((t2, e2)) = inner else {
                continue;
            };
            if t1 >= t2 {
                continue;
            }
            out.push(
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!(
                        "pf005",
                        from = cx.id(outer.from),
                        to = cx.id(outer.to),
                        outer = fmt_s(t1),
                        inner = fmt_s(t2),
                        inner_to = cx.id(e2.to)
                    ),
                )
                .label(e2.span, msg!("pf005-label"))
                .help(msg!("pf005-help", inner = fmt_s(t2))),
            );
        }
        out
    }
}

fn fmt_s(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0}ms", s * 1000.0)
    } else {
        format!("{}s", format!("{s:.1}").trim_end_matches(".0"))
    }
}
