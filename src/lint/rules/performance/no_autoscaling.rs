use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::ValueKind;

declare_rule! {
    /// ## What it does
    /// Flags a compute component on a request path with a fixed replica
    /// count (`replicas: 3`, not a range `2..6`), no `autoscale` and no `hpa`
    /// driving it. When `replicas` is not written at all, the finding is
    /// only info: the design does not say how the tier is sized.
    ///
    /// ## Why is this bad?
    /// A fixed fleet is sized for one load: it wastes money at night and
    /// falls over at the peak. "What happens at ten times the users?" has no
    /// answer but a manual resize.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 web [replicas: 3]
    /// users -> lb -> web
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// alb lb
    /// ec2 web [replicas: 3..12, autoscale]
    /// users -> lb -> web
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL07-BP01: use automation
    ///   when obtaining or scaling resources.
    /// - AWS Well-Architected Performance Efficiency Pillar, PERF02-BP04
    ///   (configure and right-size compute resources; scale elastically).
    pub struct NoAutoscaling {
        code: "PF001",
        name: "no-autoscaling",
        category: Performance,
        severity: Warning,
        summary: "a compute tier on a request path has a fixed replica count and no `autoscale`",
    }
}

impl Rule for NoAutoscaling {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        // Targets of a horizontal pod autoscaler, found once (not per element).
        let by_hpa: std::collections::HashSet<crate::model::ElementId> = cx
            .arch
            .edges
            .iter()
            .filter(|x| {
                cx.arch
                    .element(x.from)
                    .kind
                    .is(crate::model::catalog::Tag::Autoscaler)
            })
            .map(|x| x.to)
            .collect();
        for &id in &cx.graph.on_path {
            let e = cx.arch.element(id);
            let t = e.kind.traits;
            if !t.compute || t.managed_ha || e.attrs.flag("autoscale") {
                continue;
            }
            let stated = match e.attrs.get("replicas") {
                Some(ValueKind::Range(a, b)) if a != b => continue,
                Some(_) => true,
                None => false,
            };
            if by_hpa.contains(&id) {
                continue;
            }
            let (n, _) = e.replicas();
            let message = if stated {
                msg!("pf001", id = &e.id, replicas = n)
            } else {
                msg!("pf001-unstated", id = &e.id)
            };
            out.push(
                cx.at_element(&Self::META, id, message)
                    .tentative(!stated)
                    .help(msg!("pf001-help", min = n.max(2), max = (n.max(2)) * 4)),
            );
        }
        out
    }
}
