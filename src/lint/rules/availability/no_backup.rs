use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a datastore whose design states `backup: false`. A datastore
    /// that says nothing about backups is left alone.
    ///
    /// ## Why is this bad?
    /// Replicas and `multi_az` protect against failures, not against a bad
    /// migration, a deleted table or ransomware: they copy the damage at
    /// once. Only backups (or point-in-time recovery) bring data back.
    ///
    /// ## Example
    /// ```cgr
    /// rds db [multi_az, backup: false]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// rds db [multi_az, backup: true]
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL09-BP01 to REL09-BP04:
    ///   back up data, automatically, and test recovery.
    /// - checkov CKV_AWS_133: RDS instances have backup retention enabled.
    pub struct NoBackup {
        code: "AV005",
        name: "no-backup",
        category: Durability,
        severity: Warning,
        summary: "a datastore states `backup: false`",
    }
}

impl Rule for NoBackup {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.datastores_stating_false("backup")
            .into_iter()
            .map(|(id, attr)| {
                cx.at_element(&Self::META, id, msg!("av005", id = cx.id(id)))
                    .label(attr.span, msg!("av005-label"))
                    .help(msg!("av005-help"))
            })
            .collect()
    }
}
