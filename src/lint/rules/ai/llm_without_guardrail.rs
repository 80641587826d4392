use crate::lint::{Context, Finding, Rule};
use crate::model::ElementId;
use crate::msg;
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it does
    /// Follows every path from each client and the internet, synchronous
    /// calls and asynchronous messages alike (user text that waits in a
    /// queue is still user text), and flags each `llm` that one of them
    /// reaches without passing a `guardrail`.
    ///
    /// ## Why is this bad?
    /// User text that reaches a model unchecked can carry prompt injections
    /// and jailbreaks, and model output that reaches users unchecked can leak
    /// personal data or harmful content. A guardrail in the path filters both
    /// directions.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// service chat [replicas: 2]
    /// llm model
    /// users -> chat -> model
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// service chat [replicas: 2]
    /// guardrail guard
    /// llm model
    /// users -> chat -> guard -> model
    /// ```
    ///
    /// ## References
    /// - OWASP Top 10 for LLM Applications (2025): LLM01 prompt injection,
    ///   LLM02 sensitive information disclosure.
    /// - AWS Well-Architected Generative AI Lens: GENSEC (guardrails on
    ///   prompts and responses).
    pub struct LlmWithoutGuardrail {
        code: "AI001",
        name: "llm-without-guardrail",
        category: Ai,
        severity: Warning,
        summary: "a path from a client to an `llm` passes no `guardrail`",
    }
}

impl Rule for LlmWithoutGuardrail {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let arch = cx.arch;
        // Breadth-first from every client, never entering a guardrail; the
        // first entry point that reaches each element is remembered.
        let mut from: BTreeMap<ElementId, ElementId> = BTreeMap::new();
        for &entry in &cx.graph.entries {
            if !arch
                .element(entry)
                .kind
                .is(crate::model::catalog::Tag::People)
            {
                continue;
            }
            let mut queue = std::collections::VecDeque::from([entry]);
            from.entry(entry).or_insert(entry);
            while let Some(v) = queue.pop_front() {
                let calls = cx.graph.calls[v.0].iter().map(|(t, _)| *t);
                let sent = cx.graph.messages[v.0].iter().map(|(t, _)| *t);
                for t in calls.chain(sent) {
                    if arch
                        .element(t)
                        .kind
                        .is(crate::model::catalog::Tag::Guardrail)
                        || from.contains_key(&t)
                    {
                        continue;
                    }
                    from.insert(t, entry);
                    queue.push_back(t);
                }
            }
        }
        from.into_iter()
            .filter(|(id, _)| arch.element(*id).kind.is(crate::model::catalog::Tag::Llm))
            .map(|(id, entry)| {
                cx.at_element(
                    &Self::META,
                    id,
                    msg!("ai001", entry = cx.id(entry), id = cx.id(id)),
                )
                .help(msg!("ai001-help", id = cx.id(id)))
            })
            .collect()
    }
}
