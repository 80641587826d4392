use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::EdgeOp;

declare_rule! {
    /// ## What it does
    /// Flags a synchronous call from a `lambda` function straight to a
    /// relational database (`rds`, `aurora`, `database`), with no connection
    /// pool or proxy in between.
    ///
    /// ## Why is this bad?
    /// Each concurrent function instance opens its own connections. A burst
    /// of a thousand invocations opens a thousand connections and exhausts
    /// the database's connection limit: a connection storm that takes the
    /// database down for every other client too.
    ///
    /// ## Example
    /// ```cgr
    /// lambda handler
    /// rds db [multi_az]
    /// handler -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// lambda handler
    /// service proxy "RDS Proxy" [replicas: 2]
    /// rds db [multi_az]
    /// handler -> proxy -> db
    /// ```
    ///
    /// ## References
    /// - Amazon RDS Proxy documentation: connection pooling for serverless
    ///   applications.
    /// - checkov CKV_AWS_115: Lambda functions have a concurrency limit.
    pub struct LambdaDatabaseConnections {
        code: "PF008",
        name: "lambda-database-connections",
        category: Performance,
        severity: Warning,
        summary: "a Lambda function connects to a relational database with no proxy",
    }
}

impl Rule for LambdaDatabaseConnections {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.op == EdgeOp::Sync
                    && cx
                        .arch
                        .element(e.from)
                        .kind
                        .is(crate::model::catalog::Tag::Function)
                    && cx
                        .arch
                        .element(e.to)
                        .kind
                        .is(crate::model::catalog::Tag::Relational)
            })
            .map(|(i, e)| {
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!("pf008", from = cx.id(e.from), to = cx.id(e.to)),
                )
                .help(msg!("pf008-help"))
            })
            .collect()
    }
}
