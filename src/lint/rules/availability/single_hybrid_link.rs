use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a `vpn` or `direct_connect` link that is a cut vertex
    /// (articulation point) of the design's graph: removing it splits the
    /// design in two, typically the data centre from the cloud, and no
    /// second link or tunnel is drawn.
    ///
    /// ## Why is this bad?
    /// A single dedicated line or VPN connection fails on a fibre cut, a
    /// router failure or maintenance at the provider; everything that
    /// crosses it stops until it is back.
    ///
    /// ## Example
    /// ```cgr
    /// onprem dc { server erp }
    /// direct_connect dx
    /// transit_gateway tgw
    /// ec2 app [replicas: 2]
    /// erp <-> dx <-> tgw <-> app
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// onprem dc { server erp }
    /// direct_connect dx
    /// vpn backup_vpn [encrypted]
    /// transit_gateway tgw
    /// ec2 app [replicas: 2]
    /// erp <-> dx <-> tgw <-> app
    /// erp <-> backup_vpn <-> tgw
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL02-BP02: provision
    ///   redundant connectivity between private networks in the cloud and
    ///   on-premises environments.
    /// - AWS Direct Connect Resiliency Recommendations.
    pub struct SingleHybridLink {
        code: "AV007",
        name: "single-hybrid-link",
        category: Availability,
        severity: Warning,
        summary: "a single VPN or Direct Connect link is the only connection between two parts of the design",
    }
}

impl Rule for SingleHybridLink {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.graph
            .articulation
            .iter()
            .filter(|id| {
                let e = cx.arch.element(**id);
                e.kind.traits.link && !e.is_redundant()
            })
            .map(|&id| {
                cx.at_element(&Self::META, id, msg!("av007", id = cx.id(id)))
                    .help(msg!("av007-help"))
            })
            .collect()
    }
}
