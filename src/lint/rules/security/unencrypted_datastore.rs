use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a datastore that states `encrypted: false`. A datastore that
    /// says nothing about encryption is left alone.
    ///
    /// ## Why is this bad?
    /// Unencrypted volumes, snapshots and backups expose their data to
    /// anyone who gets hold of a copy; encryption at rest with a managed key
    /// costs next to nothing.
    ///
    /// ## Example
    /// ```cgr
    /// rds db [multi_az, encrypted: false]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// rds db [multi_az, encrypted]
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Security Pillar, SEC08-BP02: enforce encryption
    ///   at rest.
    /// - checkov CKV_AWS_16 (RDS encrypted), CKV_AWS_19 (S3 encrypted),
    ///   CKV_AWS_29 (ElastiCache encrypted at rest).
    pub struct UnencryptedDatastore {
        code: "SE006",
        name: "unencrypted-datastore",
        category: Security,
        severity: Warning,
        summary: "a datastore states `encrypted: false`",
    }
}

impl Rule for UnencryptedDatastore {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.datastores_stating_false("encrypted")
            .into_iter()
            .map(|(id, attr)| {
                cx.at_element(&Self::META, id, msg!("se006", id = cx.id(id)))
                    .label(attr.span, msg!("se006-label"))
                    .help(msg!("se006-help"))
            })
            .collect()
    }
}
