use crate::lint::analysis::is_service;
use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Flags a service `registry` or `config_server` with fewer than two
    /// replicas that two or more services call.
    ///
    /// ## Why is this bad?
    /// Every service looks its peers up in the registry and reads its
    /// configuration at start-up: when the only instance is down, no service
    /// can start, scale out or find the others.
    ///
    /// ## Example
    /// ```cgr
    /// eureka discovery
    /// service a [replicas: 2]
    /// service b [replicas: 2]
    /// a, b -> discovery
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// eureka discovery [replicas: 3]
    /// service a [replicas: 2]
    /// service b [replicas: 2]
    /// a, b -> discovery
    /// ```
    ///
    /// ## References
    /// - microservices.io, "Service registry" pattern: the registry must be
    ///   highly available.
    /// - Spring Cloud Netflix documentation: Eureka peer awareness for high
    ///   availability.
    /// - Threagile risk rule `service-registry-poisoning` (the registry as a
    ///   critical asset).
    pub struct SingleServiceRegistry {
        code: "MS005",
        name: "single-service-registry",
        category: Microservices,
        severity: Warning,
        summary: "a service registry or config server with one instance serves several services",
    }
}

impl Rule for SingleServiceRegistry {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            if !e.kind.is(crate::model::catalog::Tag::Discovery) || e.replicas().0 >= 2 {
                continue;
            }
            let users: BTreeSet<ElementId> = cx.graph.callers[id.0]
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| is_service(cx.arch.element(*c)))
                .collect();
            if users.len() < 2 {
                continue;
            }
            out.push(
                cx.at_element(
                    &Self::META,
                    id,
                    msg!("ms005", id = &e.id, count = users.len()),
                )
                .help(msg!("ms005-help")),
            );
        }
        out
    }
}
