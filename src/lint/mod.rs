//! Lint: the architecture and its graph in, findings ([`Diagnostic`]s) out.
//! Each rule implements [`Rule`]; the [`registry`] lists them all.

use crate::diagnostic::{Diagnostic, Severity};
use crate::graph::ArchGraph;
use crate::model::Architecture;

/// What a rule sees.
pub struct Context<'a> {
    /// The checked model.
    pub arch: &'a Architecture,
    /// Its graph.
    pub graph: &'a ArchGraph,
}

/// One lint rule.
pub trait Rule: Sync {
    /// Stable code, e.g. `AV001`.
    fn code(&self) -> &'static str;
    /// Kebab-case name, e.g. `single-instance`.
    fn name(&self) -> &'static str;
    /// Default severity.
    fn severity(&self) -> Severity;
    /// One-line summary.
    fn summary(&self) -> &'static str;
    /// The full explanation (`cloudgram explain`).
    fn explanation(&self) -> &'static str;
    /// The findings on one architecture.
    fn check(&self, cx: &Context<'_>) -> Vec<Diagnostic>;
}

/// Every rule, in code order. The rules themselves arrive with the lint engine.
pub fn registry() -> &'static [&'static dyn Rule] {
    &[]
}

/// Finds a rule by code or name (case-insensitive code).
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    registry()
        .iter()
        .copied()
        .find(|r| r.code().eq_ignore_ascii_case(code_or_name) || r.name() == code_or_name)
}

/// Runs every rule and marks findings switched off by `allow` as suppressed.
pub fn run(arch: &Architecture, graph: &ArchGraph) -> Vec<Diagnostic> {
    let cx = Context { arch, graph };
    let mut out: Vec<Diagnostic> = registry().iter().flat_map(|r| r.check(&cx)).collect();
    for d in &mut out {
        d.suppressed = d.subjects.iter().any(|s| allowed(arch, s, d.code, d.name));
    }
    out
}

/// Whether `allow` on the element `subject` or one of its containers lists the code or name.
fn allowed(arch: &Architecture, subject: &str, code: &str, name: &str) -> bool {
    let Some(id) = arch.find(subject) else {
        return false;
    };
    std::iter::once(id).chain(arch.ancestors(id)).any(|e| {
        arch.element(e)
            .attrs
            .words("allow")
            .iter()
            .any(|w| w.eq_ignore_ascii_case(code) || w == name)
    })
}
