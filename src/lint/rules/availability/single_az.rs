use crate::lint::analysis::{Zones, zones};
use crate::lint::{Context, Finding, Rule};
use crate::msg;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Flags a replicated tier (two or more replicas in total, counting the
    /// maximum of a range: `replicas: 1..8` may run eight), or a
    /// datastore, whose members all sit in one availability zone. A tier is
    /// the components of one kind that receive edges from the same sources
    /// (the targets of one load balancer), so `web_a` in zone a and `web_b`
    /// in zone b are one tier spanning two zones. Zones come from `azs`, else
    /// from the enclosing `az` container or an enclosing container's `azs`;
    /// `multi_az` and managed highly-available kinds span several. When
    /// nothing says where a tier runs, the rule stays silent.
    ///
    /// ## Why is this bad?
    /// Replicas in one zone share its power, network and fate: a zone outage
    /// takes all of them at once, so the replicas protect against host
    /// failures only.
    ///
    /// ## Example
    /// ```cgr
    /// alb lb
    /// az a {
    ///   ec2 web_1
    ///   ec2 web_2
    /// }
    /// lb -> web_1, web_2
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// alb lb
    /// az a { ec2 web_1 }
    /// az b { ec2 web_2 }
    /// lb -> web_1, web_2
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL10-BP01: deploy the
    ///   workload to multiple locations.
    /// - checkov CKV_AWS_152: load balancers span more than one zone.
    pub struct SingleAz {
        code: "AV003",
        name: "single-az",
        category: Availability,
        severity: Warning,
        summary: "a replicated tier, or a datastore, sits in only one availability zone",
    }
}

impl Rule for SingleAz {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for tier in &cx.graph.tiers {
            let first = cx.arch.element(tier[0]);
            let t = first.kind.traits;
            if t.container || t.entry {
                continue;
            }
            // The most replicas it may run: an autoscaled `1..8` in one zone
            // is eight replicas in one zone at peak.
            let replicas: i64 = tier.iter().map(|m| cx.arch.element(*m).replicas().1).sum();
            if replicas < 2 && !t.datastore {
                continue;
            }
            let mut spanned = BTreeSet::new();
            let mut known = true;
            for m in tier {
                match zones(cx.arch, *m) {
                    Zones::Multi => known = false,
                    Zones::Unknown => known = false,
                    Zones::Some(z) => spanned.extend(z),
                }
            }
            if !known || spanned.len() != 1 {
                continue;
            }
            let zone = spanned.into_iter().next().unwrap_or_default();
            let what = if tier.len() > 1 {
                msg!("av003-tier", id = &first.id, count = tier.len())
            } else if t.datastore {
                msg!("av003-datastore", id = &first.id)
            } else {
                msg!("av003-replicas", id = &first.id, replicas = replicas)
            };
            let ids: Vec<&str> = tier
                .iter()
                .map(|m| cx.arch.element(*m).id.as_str())
                .collect();
            let help = if let Some(help) = super::replica_arrow_help(cx, tier[0]) {
                help
            } else if t.datastore {
                msg!("av003-help-datastore")
            } else {
                msg!("av003-help")
            };
            out.push(
                cx.at_element(
                    &Self::META,
                    tier[0],
                    msg!("av003", what = what, zone = zone),
                )
                .subjects(ids)
                .help(help),
            );
        }
        out
    }
}
