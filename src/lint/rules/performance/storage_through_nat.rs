use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a `nat` gateway through which traffic reaches `s3` or
    /// `dynamodb` (directly, or through an internet gateway).
    ///
    /// ## Why is this bad?
    /// A NAT gateway charges for every gigabyte it processes. Bulk traffic
    /// to S3 or DynamoDB through it costs money for nothing: a VPC gateway
    /// endpoint carries the same traffic for free and keeps it off the
    /// internet path.
    ///
    /// ## Example
    /// ```cgr
    /// ec2 batch [replicas: 2]
    /// nat egress
    /// s3 lake
    /// batch -> egress -> lake
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// ec2 batch [replicas: 2]
    /// s3 lake
    /// batch -> lake : "via S3 gateway endpoint"
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Cost Optimization Pillar, COST08-BP02: select
    ///   components to optimize data transfer cost.
    /// - Amazon VPC documentation: gateway endpoints for Amazon S3 and DynamoDB.
    pub struct StorageThroughNat {
        code: "PF010",
        name: "storage-through-nat",
        category: Cost,
        severity: Info,
        summary: "traffic to S3 or DynamoDB goes through a NAT gateway",
    }
}

impl Rule for StorageThroughNat {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let arch = cx.arch;
        let mut out = Vec::new();
        for id in arch.ids() {
            if !arch.element(id).kind.is(crate::model::catalog::Tag::Nat) {
                continue;
            }
            let mut reached = Vec::new();
            for &(t, _) in &cx.graph.calls[id.0] {
                let te = arch.element(t);
                if te.kind.is(crate::model::catalog::Tag::GatewayEndpoint) {
                    reached.push(t);
                } else if te.kind.traits.egress || te.kind.traits.outside {
                    reached.extend(cx.graph.calls[t.0].iter().map(|(u, _)| *u).filter(|u| {
                        arch.element(*u)
                            .kind
                            .is(crate::model::catalog::Tag::GatewayEndpoint)
                    }));
                }
            }
            reached.sort();
            reached.dedup();
            if let Some(first) = reached.first() {
                out.push(
                    cx.at_element(
                        &Self::META,
                        id,
                        msg!("pf010", target = cx.id(*first), nat = cx.id(id)),
                    )
                    .help(msg!("pf010-help")),
                );
            }
        }
        out
    }
}
