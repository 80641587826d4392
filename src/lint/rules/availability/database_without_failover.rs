use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags an `rds`, `aurora`, `elasticache` or `documentdb` datastore
    /// with no `multi_az`, fewer than two `replicas`, and no replica joined to
    /// it by a `--` replication link.
    ///
    /// ## Why is this bad?
    /// A single database instance is the classic single point of failure: a
    /// host or zone failure means downtime until it is restored from a backup,
    /// with the writes since the last backup lost.
    ///
    /// ## Example
    /// ```cgr
    /// ec2 app [replicas: 2]
    /// rds db
    /// app -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// ec2 app [replicas: 2]
    /// rds db [multi_az]
    /// app -> db
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL10-BP01 and REL11-BP02.
    /// - checkov CKV_AWS_157: RDS instances have Multi-AZ enabled.
    pub struct DatabaseWithoutFailover {
        code: "AV004",
        name: "database-without-failover",
        category: Availability,
        severity: Warning,
        summary: "an rds/aurora/elasticache/documentdb datastore has no multi_az and no replica",
    }
}

impl Rule for DatabaseWithoutFailover {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .ids()
            .filter(|id| {
                let e = cx.arch.element(*id);
                e.kind.is(crate::model::catalog::Tag::Failover)
                    && !e.attrs.flag("multi_az")
                    && e.replicas().0 < 2
                    && cx.graph.tier(*id).len() < 2
            })
            .map(|id| {
                let e = cx.arch.element(id);
                let help = super::replica_arrow_help(cx, id).unwrap_or_else(|| msg!("av004-help"));
                cx.at_element(&Self::META, id, msg!("av004", id = &e.id))
                    .help(help)
            })
            .collect()
    }
}
