use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a compute component (a VM, container, service, pod, GPU node)
    /// on a request path that runs as one instance: its tier (the
    /// components of its kind behind the same sources) has fewer than two
    /// replicas in total, and it is not a managed highly-available kind such
    /// as Lambda. A `replicas` attribute that is not written counts as one.
    /// Deployments are left to K8001.
    ///
    /// ## Why is this bad?
    /// One instance fails with its host, its zone and every deployment of new
    /// code. Every request that passes it fails with it.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 web
    /// users -> lb -> web
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 web [replicas: 2..6, autoscale]
    /// users -> lb -> web
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL10-BP01: deploy the
    ///   workload to multiple locations.
    /// - AWS Well-Architected Reliability Pillar, REL11-BP02: fail over to
    ///   healthy resources.
    pub struct SingleInstance {
        code: "AV001",
        name: "single-instance",
        category: Availability,
        severity: Warning,
        summary: "a compute component on a request path has fewer than 2 replicas and is not managed highly-available",
    }
}

impl Rule for SingleInstance {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let a = cx.graph;
        let mut out = Vec::new();
        // Tiers partition the elements: sum each once, keyed by its first
        // member (a load balancer in front of 50 000 servers is one tier).
        let mut totals: std::collections::HashMap<crate::model::ElementId, i64> =
            std::collections::HashMap::new();
        for &id in &a.on_path {
            let e = cx.arch.element(id);
            let t = e.kind.traits;
            if !t.compute || t.managed_ha || e.kind.is(crate::model::catalog::Tag::Deployment) {
                continue;
            }
            let tier = a.tier(id);
            let total: i64 = *totals
                .entry(tier[0])
                .or_insert_with(|| tier.iter().map(|m| cx.arch.element(*m).replicas().0).sum());
            if total >= 2 {
                continue;
            }
            let note = if e.attrs.get("replicas").is_some() {
                msg!("av001-note")
            } else {
                msg!("av001-note-unstated")
            };
            out.push(
                cx.at_element(&Self::META, id, msg!("av001", id = &e.id))
                    .note(note)
                    .help(msg!("av001-help")),
            );
        }
        out
    }
}
