use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::EdgeOp;

declare_rule! {
    /// ## What it does
    /// Flags an edge that goes from a client, the internet or a third party
    /// straight to a datastore, with no application in between.
    ///
    /// ## Why is this bad?
    /// The datastore then authenticates and authorises end users itself, is
    /// exposed to the internet, and every client depends on its schema.
    /// Validation, rate limiting and audit have nowhere to live.
    ///
    /// ## Example
    /// ```cgr
    /// client app
    /// rds db [multi_az]
    /// app -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client app
    /// api_gateway api
    /// lambda handler
    /// rds db [multi_az]
    /// app -> api -> handler -> db
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Security Pillar, SEC05-BP01 (network layers) and
    ///   SEC06 (protect compute).
    /// - Threagile risk rule `unguarded-direct-datastore-access`.
    pub struct InternetToDatastore {
        code: "SE002",
        name: "internet-to-datastore",
        category: Security,
        severity: Error,
        summary: "an edge goes from a client/internet/external element straight to a datastore",
    }
}

impl Rule for InternetToDatastore {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.op != EdgeOp::Assoc
                    && cx.arch.element(e.from).kind.traits.outside
                    && cx.arch.element(e.to).kind.traits.datastore
            })
            .map(|(i, e)| {
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!("se002", from = cx.id(e.from), to = cx.id(e.to)),
                )
                .help(msg!("se002-help"))
            })
            .collect()
    }
}
