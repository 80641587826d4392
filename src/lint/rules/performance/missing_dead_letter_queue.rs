use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::EdgeOp;

declare_rule! {
    /// ## What it does
    /// Flags a compute component that consumes messages (`~>`) from a queue,
    /// topic, stream or event bus when neither it nor the queue has an edge
    /// to another `sqs` queue that could serve as its dead-letter queue.
    /// Info by default: the DLQ may exist and simply not be drawn.
    ///
    /// ## Why is this bad?
    /// A message that always fails (a poison message) is retried forever,
    /// blocks its partition or is silently dropped after the retention
    /// period. A dead-letter queue keeps it for inspection and replay.
    ///
    /// ## Example
    /// ```cgr
    /// sqs jobs
    /// lambda worker
    /// jobs ~> worker
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// sqs jobs
    /// lambda worker
    /// sqs jobs_dlq
    /// jobs ~> worker
    /// jobs ~> jobs_dlq : "after 3 receives"
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL05-BP04: fail fast and
    ///   limit queues.
    /// - checkov CKV_AWS_116: Lambda functions have a dead-letter queue.
    pub struct MissingDeadLetterQueue {
        code: "PF006",
        name: "missing-dead-letter-queue",
        category: Performance,
        severity: Info,
        summary: "an asynchronous consumer has no dead-letter queue",
    }
}

impl Rule for MissingDeadLetterQueue {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let arch = cx.arch;
        let has_dlq = |id: crate::model::ElementId, except: crate::model::ElementId| {
            arch.edges.iter().any(|e| {
                e.from == id
                    && e.to != except
                    && e.to != id
                    && arch
                        .element(e.to)
                        .kind
                        .is(crate::model::catalog::Tag::Queue)
            })
        };
        let mut out = Vec::new();
        for (i, e) in arch.edges.iter().enumerate() {
            let q = arch.element(e.from);
            let consumer = arch.element(e.to);
            if e.op != EdgeOp::Async
                || !matches!(
                    q.kind.name,
                    "sqs" | "sns" | "kinesis" | "kafka" | "eventbridge"
                )
                || !consumer.kind.traits.compute
                || has_dlq(e.to, e.from)
                || has_dlq(e.from, e.to)
            {
                continue;
            }
            out.push(
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!("pf006", consumer = &consumer.id, queue = &q.id),
                )
                .help(msg!("pf006-help", consumer = &consumer.id)),
            );
        }
        out
    }
}
