use crate::lint::analysis::{id_list, is_service};
use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Flags a client (or the internet) that calls two or more internal
    /// services directly, with no API gateway or load balancer in front.
    ///
    /// ## Why is this bad?
    /// Every client then knows the internal service map, authentication and
    /// rate limiting are repeated in each service, and services cannot be
    /// split or moved without shipping new clients.
    ///
    /// ## Example
    /// ```cgr
    /// client app
    /// service users_svc [replicas: 2]
    /// service orders_svc [replicas: 2]
    /// app -> users_svc, orders_svc
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client app
    /// api_gateway gw
    /// service users_svc [replicas: 2]
    /// service orders_svc [replicas: 2]
    /// app -> gw -> users_svc, orders_svc
    /// ```
    ///
    /// ## References
    /// - Taibi, Lenarduzzi and Pahl (2019): no API gateway.
    /// - microservices.io, "API gateway" pattern.
    pub struct NoApiGateway {
        code: "MS003",
        name: "no-api-gateway",
        category: Microservices,
        severity: Warning,
        summary: "clients call two or more internal services directly, with no gateway or load balancer in front",
    }
}

impl Rule for NoApiGateway {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for &entry in &cx.graph.entries {
            let e = cx.arch.element(entry);
            if !e.kind.is(crate::model::catalog::Tag::People) {
                continue;
            }
            let services: BTreeSet<ElementId> = cx.graph.calls[entry.0]
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| is_service(cx.arch.element(*t)))
                .collect();
            if services.len() < 2 {
                continue;
            }
            let list: Vec<ElementId> = services.into_iter().collect();
            out.push(
                cx.at_element(
                    &Self::META,
                    entry,
                    msg!(
                        "ms003",
                        id = &e.id,
                        count = list.len(),
                        services = id_list(cx.arch, &list, 4)
                    ),
                )
                .help(msg!("ms003-help")),
            );
        }
        out
    }
}
