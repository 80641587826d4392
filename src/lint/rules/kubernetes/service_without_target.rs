use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a Kubernetes Service (`k8s_service`, `svc`) with no edge to a
    /// workload: a `deployment`, `statefulset`, `pod` or other compute
    /// component.
    ///
    /// ## Why is this bad?
    /// A Service whose selector matches no pods accepts connections and
    /// forwards them nowhere: callers see timeouts, not a clear error.
    ///
    /// ## Example
    /// ```cgr
    /// svc api_svc
    /// deployment api [replicas: 2]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// svc api_svc
    /// deployment api [replicas: 2]
    /// api_svc -> api
    /// ```
    ///
    /// ## References
    /// - kube-score: `service-targets-pod`.
    /// - kube-linter: `dangling-service`.
    pub struct ServiceWithoutTarget {
        code: "K8002",
        name: "service-without-target",
        category: Kubernetes,
        severity: Warning,
        summary: "a Kubernetes Service routes to no workload",
    }
}

impl Rule for ServiceWithoutTarget {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.tagged(crate::model::catalog::Tag::K8sService)
            .filter(|id| {
                !cx.has_edge_to(*id, |t| {
                    t.kind.traits.compute || t.kind.is(crate::model::catalog::Tag::Scalable)
                })
            })
            .map(|id| {
                cx.at_element(&Self::META, id, msg!("k8002", id = cx.id(id)))
                    .help(msg!("k8002-help", id = cx.id(id)))
            })
            .collect()
    }
}
