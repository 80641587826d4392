use crate::lint::analysis::in_public_subnet;
use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a compute component (VM, container, service, pod, GPU node)
    /// that sits in a `public` subnet. Load balancers, NAT gateways and
    /// bastion hosts belong there and are not flagged.
    ///
    /// ## Why is this bad?
    /// Servers in a public subnet can get public addresses and are one
    /// security-group mistake away from the internet. Put them in private
    /// subnets behind a load balancer, and reach the internet through NAT.
    ///
    /// ## Example
    /// ```cgr
    /// subnet pub [public] {
    ///   alb lb
    ///   ec2 web [replicas: 2]
    /// }
    /// lb -> web
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// subnet pub [public] { alb lb }
    /// subnet app { ec2 web [replicas: 2] }
    /// lb -> web
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Security Pillar, SEC05-BP01: create network layers.
    /// - checkov CKV_AWS_88: EC2 instances should not have a public IP.
    pub struct ComputeInPublicSubnet {
        code: "SE004",
        name: "compute-in-public-subnet",
        category: Security,
        severity: Warning,
        summary: "a compute component (not a load balancer, NAT or bastion) sits in a public subnet",
    }
}

impl Rule for ComputeInPublicSubnet {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .ids()
            .filter_map(|id| {
                let e = cx.arch.element(id);
                if !e.kind.traits.compute || e.kind.traits.balancer {
                    return None;
                }
                let subnet = in_public_subnet(cx.arch, id)?;
                Some(
                    cx.at_element(
                        &Self::META,
                        id,
                        msg!("se004", id = &e.id, subnet = cx.id(subnet)),
                    )
                    .label(cx.arch.element(subnet).span, msg!("subnet-is-public"))
                    .help(msg!("se004-help")),
                )
            })
            .collect()
    }
}
