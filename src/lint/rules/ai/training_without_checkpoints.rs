use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a `training` cluster with no edge to durable storage (`s3`,
    /// `efs` or a `data_lake`) where it could write checkpoints. Info by
    /// default: checkpoints may simply not be drawn.
    ///
    /// ## Why is this bad?
    /// Long GPU jobs, especially on spot capacity, are interrupted. Without
    /// checkpoints a job restarts from the beginning and the GPU hours spent
    /// are lost.
    ///
    /// ## Example
    /// ```cgr
    /// training trainer [replicas: 4]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// training trainer [replicas: 4]
    /// s3 checkpoints [encrypted]
    /// trainer ~> checkpoints
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Machine Learning Lens, MLREL (checkpointing for
    ///   resilient training).
    /// - Amazon SageMaker documentation: checkpoints for managed spot training.
    pub struct TrainingWithoutCheckpoints {
        code: "AI003",
        name: "training-without-checkpoints",
        category: Ai,
        severity: Info,
        summary: "a training cluster writes no checkpoints to durable storage",
    }
}

impl Rule for TrainingWithoutCheckpoints {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.tagged(crate::model::catalog::Tag::Training)
            .filter(|id| !cx.has_edge_to(*id, |t| t.kind.is(crate::model::catalog::Tag::Durable)))
            .map(|id| {
                cx.at_element(&Self::META, id, msg!("ai003", id = cx.id(id)))
                    .help(msg!("ai003-help", id = cx.id(id)))
            })
            .collect()
    }
}
