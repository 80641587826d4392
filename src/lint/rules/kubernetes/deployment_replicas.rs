use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a Kubernetes `deployment` with fewer than two replicas (the
    /// minimum of a range). A deployment that states no `replicas` runs one
    /// pod, as in Kubernetes.
    ///
    /// ## Why is this bad?
    /// One pod is down during every node drain, rollout and crash: the
    /// service has planned downtime built in, and a PodDisruptionBudget
    /// cannot protect it.
    ///
    /// ## Example
    /// ```cgr
    /// deployment api
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// deployment api [replicas: 2..10]
    /// ```
    ///
    /// ## References
    /// - kube-linter: `minimum-three-replicas`.
    /// - kube-score: `deployment-has-poddisruptionbudget` and
    ///   `deployment-has-host-podantiaffinity`, which only help with more
    ///   than one pod.
    pub struct DeploymentReplicas {
        code: "K8001",
        name: "deployment-replicas",
        category: Kubernetes,
        severity: Warning,
        summary: "a `deployment` has fewer than 2 replicas",
    }
}

impl Rule for DeploymentReplicas {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .ids()
            .filter(|id| {
                let e = cx.arch.element(*id);
                e.kind.is(crate::model::catalog::Tag::Deployment) && e.replicas().0 < 2
            })
            .map(|id| {
                let e = cx.arch.element(id);
                cx.at_element(
                    &Self::META,
                    id,
                    msg!("k8001", id = &e.id, replicas = e.replicas().0),
                )
                .help(msg!("k8001-help"))
            })
            .collect()
    }
}
