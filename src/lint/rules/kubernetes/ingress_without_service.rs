use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags an `ingress` with no edge to a Kubernetes Service
    /// (`k8s_service`, `svc`). An Ingress routes to Services, which select
    /// pods; an ingress drawn straight to a deployment skips that level.
    ///
    /// ## Why is this bad?
    /// An Ingress rule whose backend Service does not exist answers 503 for
    /// every request on that path, and a design that skips the Service hides
    /// where ports, selectors and load balancing are decided.
    ///
    /// ## Example
    /// ```cgr
    /// ingress web_ingress [replicas: 2]
    /// deployment web [replicas: 2]
    /// web_ingress -> web
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// ingress web_ingress [replicas: 2]
    /// svc web_svc
    /// deployment web [replicas: 2]
    /// web_ingress -> web_svc -> web
    /// ```
    ///
    /// ## References
    /// - kube-score: `ingress-targets-service`.
    /// - Kubernetes documentation, "Ingress": backends are Services.
    pub struct IngressWithoutService {
        code: "K8003",
        name: "ingress-without-service",
        category: Kubernetes,
        severity: Warning,
        summary: "an ingress routes to no Kubernetes Service",
    }
}

impl Rule for IngressWithoutService {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.tagged(crate::model::catalog::Tag::Ingress)
            .filter(|id| {
                !cx.has_edge_to(*id, |t| t.kind.is(crate::model::catalog::Tag::K8sService))
            })
            .map(|id| {
                cx.at_element(&Self::META, id, msg!("k8003", id = cx.id(id)))
                    .help(msg!("k8003-help"))
            })
            .collect()
    }
}
