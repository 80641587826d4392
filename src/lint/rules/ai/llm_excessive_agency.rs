use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::EdgeOp;

declare_rule! {
    /// ## What it does
    /// Flags an `llm` that itself calls a datastore, a compute component or
    /// a third party (a synchronous edge out of the model): the model acts
    /// on systems directly instead of returning text to an orchestrator
    /// that checks what it asks for.
    ///
    /// ## Why is this bad?
    /// A model that can write to systems does whatever a prompt injection
    /// tells it to. Tools should be called by ordinary code that validates
    /// each action, with a human approval step for the risky ones.
    ///
    /// ## Example
    /// ```cgr
    /// service agent [replicas: 2]
    /// llm model
    /// rds orders [multi_az]
    /// agent -> model -> orders
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service agent [replicas: 2]
    /// llm model
    /// rds orders [multi_az]
    /// agent -> model : "propose action"
    /// agent -> orders : "validated action"
    /// ```
    ///
    /// ## References
    /// - OWASP Top 10 for LLM Applications (2025): LLM06 excessive agency.
    /// - AWS Well-Architected Generative AI Lens: least privilege for agents.
    pub struct LlmExcessiveAgency {
        code: "AI002",
        name: "llm-excessive-agency",
        category: Ai,
        severity: Warning,
        summary: "an `llm` calls datastores, services or third parties itself",
    }
}

impl Rule for LlmExcessiveAgency {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        cx.arch
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let t = cx.arch.element(e.to).kind.traits;
                e.op == EdgeOp::Sync
                    && cx
                        .arch
                        .element(e.from)
                        .kind
                        .is(crate::model::catalog::Tag::Llm)
                    && (t.datastore || t.compute || t.entry)
            })
            .map(|(i, e)| {
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!("ai002", from = cx.id(e.from), to = cx.id(e.to)),
                )
                .help(msg!("ai002-help"))
            })
            .collect()
    }
}
