use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a datastore that shares its `subnet` with a component the
    /// internet calls directly (a client, the internet or a third party has
    /// an edge to it).
    ///
    /// ## Why is this bad?
    /// A compromised internet-facing component can then reach the data
    /// without crossing any network boundary. Separate subnets let routing
    /// and security groups put a wall between the two.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// subnet shared {
    ///   alb lb
    ///   rds db [multi_az]
    /// }
    /// ec2 app [replicas: 2]
    /// users -> lb -> app -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// subnet edge_net { alb lb }
    /// subnet data { rds db [multi_az] }
    /// ec2 app [replicas: 2]
    /// users -> lb -> app -> db
    /// ```
    ///
    /// ## References
    /// - Threagile risk rule `missing-network-segmentation`.
    /// - AWS Well-Architected Security Pillar, SEC05-BP01: create network layers.
    pub struct MissingNetworkSegmentation {
        code: "SE008",
        name: "missing-network-segmentation",
        category: Security,
        severity: Warning,
        summary: "a datastore shares a subnet with a component the internet calls directly",
    }
}

impl Rule for MissingNetworkSegmentation {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let subnet = |id| {
            cx.arch.element(id).parent.filter(|p| {
                cx.arch
                    .element(*p)
                    .kind
                    .is(crate::model::catalog::Tag::Subnet)
            })
        };
        let facing: Vec<_> = cx
            .arch
            .edges
            .iter()
            .filter(|e| cx.arch.element(e.from).kind.traits.outside)
            .map(|e| e.to)
            .filter(|t| !cx.arch.element(*t).kind.traits.datastore)
            .collect();
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            let Some(s) = subnet(id).filter(|_| e.kind.traits.datastore) else {
                continue;
            };
            let Some(exposed) = facing.iter().find(|f| subnet(**f) == Some(s)) else {
                continue;
            };
            out.push(
                cx.at_element(
                    &Self::META,
                    id,
                    msg!(
                        "se008",
                        id = &e.id,
                        subnet = cx.id(s),
                        exposed = cx.id(*exposed)
                    ),
                )
                .label(cx.arch.element(*exposed).span, msg!("se008-label"))
                .help(msg!("se008-help")),
            );
        }
        out
    }
}
