use crate::lint::analysis::{id_list, is_service};
use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Flags a datastore that services of two or more different tiers call
    /// (directly, or through a load balancer or Kubernetes service). Replicas
    /// of one tier, such as `app_a` and `app_b` behind one load balancer, are
    /// one service and do not count as sharing. A *service* is a `service`,
    /// `ecs`, `lambda`, `container`, `deployment` or `ec2` component.
    ///
    /// ## Why is this bad?
    /// A shared database couples the services through its schema: one team's
    /// migration breaks another's queries, and neither can be deployed or
    /// scaled alone. This is the "shared persistency" microservice smell.
    ///
    /// ## Example
    /// ```cgr
    /// service orders [replicas: 2]
    /// service billing [replicas: 2]
    /// rds db [multi_az]
    /// orders -> db
    /// billing -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service orders [replicas: 2]
    /// service billing [replicas: 2]
    /// rds orders_db [multi_az]
    /// rds billing_db [multi_az]
    /// orders -> orders_db
    /// billing -> billing_db
    /// orders ~> billing : "OrderPlaced"
    /// ```
    ///
    /// ## References
    /// - Taibi, Lenarduzzi and Pahl, "Microservices Anti-Patterns: A
    ///   Taxonomy" (2019): shared persistency.
    /// - microservices.io, "Database per service" pattern.
    pub struct SharedDatabase {
        code: "MS001",
        name: "shared-database",
        category: Microservices,
        severity: Warning,
        summary: "a datastore is called by services of two or more different tiers",
    }
}

impl Rule for SharedDatabase {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let a = cx.graph;
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            if !e.kind.traits.datastore {
                continue;
            }
            // Walk back through balancers to the services that call the store.
            let mut services: BTreeSet<ElementId> = BTreeSet::new();
            let mut seen = BTreeSet::from([id]);
            let mut stack = vec![id];
            while let Some(v) = stack.pop() {
                for &(c, _) in &a.callers[v.0] {
                    let ce = cx.arch.element(c);
                    if !seen.insert(c) {
                        continue;
                    }
                    if is_service(ce) {
                        services.insert(c);
                    } else if ce.kind.traits.balancer {
                        stack.push(c);
                    }
                }
            }
            let tiers: BTreeSet<usize> = services.iter().map(|s| a.tier_of[s.0]).collect();
            if tiers.len() < 2 {
                continue;
            }
            let list: Vec<ElementId> = services.into_iter().collect();
            out.push(
                cx.at_element(
                    &Self::META,
                    id,
                    msg!("ms001", id = &e.id, services = id_list(cx.arch, &list, 4)),
                )
                .help(msg!("ms001-help")),
            );
        }
        out
    }
}
