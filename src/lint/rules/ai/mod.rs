//! AI: LLM guardrails and agency, training resilience.

pub mod llm_excessive_agency;
pub mod llm_without_guardrail;
pub mod training_without_checkpoints;
