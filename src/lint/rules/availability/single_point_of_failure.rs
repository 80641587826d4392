use crate::graph::Target;
use crate::lint::analysis::id_list;
use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Finds structural single points of failure with a dominator analysis:
    /// from a virtual root joined to every entry point that sends requests,
    /// an element *dominates* a target when every synchronous path to the
    /// target passes through it. The rule reports each non-redundant element
    /// (fewer than two replicas, not `multi_az`, not a managed
    /// highly-available kind) that dominates a datastore, a third-party
    /// service the design calls, or the way out to the internet (behind the
    /// last NAT or internet gateway of each path). A lone NAT gateway that
    /// every zone uses, one self-hosted gateway, or one cache that every
    /// request passes are found even when every server is replicated.
    ///
    /// ## Why is this bad?
    /// Replicas do not help when all of them reach their data through one
    /// box. When it fails, every request path to the data fails with it; this
    /// is the first question of every architecture review.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 app [replicas: 2..6, autoscale]
    /// cache sessions
    /// rds db [multi_az]
    /// users -> lb -> app -> sessions -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 app [replicas: 2..6, autoscale]
    /// cache sessions [multi_az]
    /// rds db [multi_az]
    /// users -> lb -> app -> sessions -> db
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL10-BP01 and REL02-BP02
    ///   (redundant connectivity, e.g. one NAT gateway per AZ).
    /// - Lengauer and Tarjan (1979); Cooper, Harvey and Kennedy, "A Simple,
    ///   Fast Dominance Algorithm" (2001), the algorithm used here.
    pub struct SinglePointOfFailure {
        code: "AV002",
        name: "single-point-of-failure",
        category: Availability,
        severity: Warning,
        summary: "a non-redundant element dominates every path from the entry points to a datastore",
    }
}

impl Rule for SinglePointOfFailure {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for (&spof, targets) in &cx.graph.spofs {
            let e = cx.arch.element(spof);
            if !e.kind.traits.zonal {
                continue;
            }
            let t = e.kind.traits;
            let help = if t.egress {
                msg!("av002-help-nat")
            } else if t.link {
                msg!("av002-help-link")
            } else if t.datastore {
                msg!("av002-help-datastore")
            } else {
                msg!("av002-help")
            };
            let stores: Vec<ElementId> = targets
                .iter()
                .filter_map(|t| match t {
                    Target::Element(id) => Some(*id),
                    Target::Internet => None,
                })
                .collect();
            let internet = targets.contains(&Target::Internet);
            let what = match (stores.is_empty(), internet) {
                (true, _) => msg!("av002-internet"),
                (false, false) => msg!("av002-stores", stores = id_list(cx.arch, &stores, 3)),
                (false, true) => msg!(
                    "av002-stores-internet",
                    stores = id_list(cx.arch, &stores, 3)
                ),
            };
            out.push(
                cx.at_element(&Self::META, spof, msg!("av002", id = &e.id, what = what))
                    .note(msg!("av002-note"))
                    .help(help),
            );
        }
        out
    }
}
