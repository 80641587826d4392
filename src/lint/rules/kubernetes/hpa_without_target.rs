use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a HorizontalPodAutoscaler (`hpa`) with no edge to the
    /// `deployment` or `statefulset` it scales.
    ///
    /// ## Why is this bad?
    /// An autoscaler whose target does not exist scales nothing: the design
    /// looks elastic, but the workload runs at its fixed replica count.
    ///
    /// ## Example
    /// ```cgr
    /// hpa api_hpa
    /// deployment api [replicas: 2..10]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// hpa api_hpa
    /// deployment api [replicas: 2..10]
    /// api_hpa -> api : "scale 2..10"
    /// ```
    ///
    /// ## References
    /// - kube-score: `horizontalpodautoscaler-has-target`.
    /// - Kubernetes documentation, "Horizontal Pod Autoscaling".
    pub struct HpaWithoutTarget {
        code: "K8004",
        name: "hpa-without-target",
        category: Kubernetes,
        severity: Warning,
        summary: "a HorizontalPodAutoscaler scales no deployment or statefulset",
    }
}

impl Rule for HpaWithoutTarget {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.tagged(crate::model::catalog::Tag::Autoscaler)
            .filter(|id| !cx.has_edge_to(*id, |t| t.kind.is(crate::model::catalog::Tag::Scalable)))
            .map(|id| {
                cx.at_element(&Self::META, id, msg!("k8004", id = cx.id(id)))
                    .help(msg!("k8004-help", id = cx.id(id)))
            })
            .collect()
    }
}
