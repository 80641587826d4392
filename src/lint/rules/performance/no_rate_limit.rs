use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags an `api_gateway` that a client or the internet calls directly
    /// and that states no `rate_limit`. Info by default: the gateway may
    /// throttle with its account defaults.
    ///
    /// ## Why is this bad?
    /// Without throttling at the entry, one misbehaving client or a bot can
    /// use up the capacity of every service behind the gateway, and the
    /// bill grows with the attack.
    ///
    /// ## Example
    /// ```cgr
    /// client app
    /// api_gateway gw
    /// app -> gw
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client app
    /// api_gateway gw [rate_limit: 1000rps]
    /// app -> gw
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL05-BP02: throttle requests.
    /// - OWASP API Security Top 10 (2023), API4: unrestricted resource consumption.
    pub struct NoRateLimit {
        code: "PF007",
        name: "no-rate-limit",
        category: Performance,
        severity: Info,
        summary: "a public API gateway states no `rate_limit`",
    }
}

impl Rule for NoRateLimit {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .ids()
            .filter(|id| {
                let e = cx.arch.element(*id);
                e.kind.is(crate::model::catalog::Tag::Throttles)
                    && e.attrs.get("rate_limit").is_none()
                    && cx.graph.callers[id.0]
                        .iter()
                        .any(|(c, _)| cx.arch.element(*c).kind.traits.outside)
            })
            .map(|id| {
                cx.at_element(&Self::META, id, msg!("pf007", id = cx.id(id)))
                    .help(msg!("pf007-help"))
            })
            .collect()
    }
}
