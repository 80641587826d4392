use crate::lint::analysis::{is_service, seconds};
use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a synchronous call from one service to another that states no
    /// `timeout`. Info by default: the timeout may exist and simply not be
    /// drawn, but a design review should see it.
    ///
    /// ## Why is this bad?
    /// Without a timeout (and a circuit breaker), a slow callee ties up the
    /// caller's threads and connections until the caller fails too: the
    /// "wobbly service interaction" smell, and the usual way one slow
    /// dependency takes a whole system down.
    ///
    /// ## Example
    /// ```cgr
    /// service orders [replicas: 2]
    /// service stock [replicas: 2]
    /// orders -> stock
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service orders [replicas: 2]
    /// service stock [replicas: 2]
    /// orders -> stock [timeout: 300ms, retries: 1]
    /// ```
    ///
    /// ## References
    /// - Taibi, Lenarduzzi and Pahl (2019) and the microFreshener detectors:
    ///   wobbly service interaction.
    /// - AWS Well-Architected Reliability Pillar, REL05-BP05: set client timeouts.
    pub struct WobblyInteraction {
        code: "MS004",
        name: "wobbly-interaction",
        category: Microservices,
        severity: Info,
        summary: "a synchronous call between services states no timeout",
    }
}

impl Rule for WobblyInteraction {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.op.calls()
                    && e.from != e.to
                    && is_service(cx.arch.element(e.from))
                    && is_service(cx.arch.element(e.to))
                    && seconds(&e.attrs, "timeout").is_none()
            })
            .map(|(i, e)| {
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!("ms004", from = cx.id(e.from), to = cx.id(e.to)),
                )
                .help(msg!("ms004-help"))
            })
            .collect()
    }
}
