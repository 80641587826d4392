use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Multiplies the attempts along chains of synchronous calls: a call
    /// with `retries: 2` makes up to 3 attempts, and each of them repeats
    /// every retry further down. When the product reaching a component
    /// exceeds `max` (default 10), the call where it crosses the limit is
    /// reported. Only stated `retries` count.
    ///
    /// ## Why is this bad?
    /// Retries at every layer turn one slow database into a retry storm:
    /// three layers with three attempts each send 27 requests for one user
    /// click, exactly when the system is least able to serve them.
    ///
    /// ## Example
    /// ```cgr
    /// service a [replicas: 2]
    /// service b [replicas: 2]
    /// service c [replicas: 2]
    /// rds db [multi_az]
    /// a -> b [timeout: 9s, retries: 2]
    /// b -> c [timeout: 3s, retries: 2]
    /// c -> db [timeout: 1s, retries: 2]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service a [replicas: 2]
    /// service b [replicas: 2]
    /// service c [replicas: 2]
    /// rds db [multi_az]
    /// a -> b [timeout: 9s, retries: 2]
    /// b -> c [timeout: 3s, retries: 0]
    /// c -> db [timeout: 1s, retries: 0]
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL05-BP03: control and
    ///   limit retry calls.
    /// - Amazon Builders' Library, "Timeouts, retries and backoff with jitter".
    pub struct RetryAmplification {
        code: "PF004",
        name: "retry-amplification",
        category: Performance,
        severity: Warning,
        summary: "retries multiply along a synchronous chain beyond a limit (default 10 attempts)",
        params: ["max" = 10.0 => "the most attempts one request may cause at any component"],
    }
}

impl Rule for RetryAmplification {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let max = cx.param(&Self::META, "max");
        let arch = cx.arch;
        // Attempts reaching each element: a fixed point of
        // amp(to) = max(amp(from) * (1 + retries)), bounded by the element
        // count so that cycles terminate.
        let mut amp = vec![1.0f64; arch.elements.len()];
        for _ in 0..arch.elements.len().min(64) {
            let mut changed = false;
            for e in &arch.edges {
                if !e.op.calls() || e.from == e.to {
                    continue;
                }
                let r = e.attrs.number("retries").unwrap_or(0.0);
                let v = (amp[e.from.0] * (1.0 + r)).min(1e9);
                if v > amp[e.to.0] {
                    amp[e.to.0] = v;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut out = Vec::new();
        for (i, e) in arch.edges.iter().enumerate() {
            if !e.op.calls() || e.attrs.number("retries").is_none() {
                continue;
            }
            let r = e.attrs.number("retries").unwrap_or(0.0);
            let here = amp[e.from.0] * (1.0 + r);
            if here > max && amp[e.from.0] <= max {
                out.push(
                    cx.at_edge(
                        &Self::META,
                        i,
                        msg!(
                            "pf004",
                            attempts = format!("{here:.0}"),
                            id = cx.id(e.to),
                            max = format!("{max:.0}")
                        ),
                    )
                    .help(msg!("pf004-help")),
                );
            }
        }
        out
    }
}
