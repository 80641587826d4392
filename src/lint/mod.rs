//! Lint: the architecture, its graph and a [`Config`] in, findings
//! ([`Diagnostic`]s) out. Each rule implements [`Rule`] in its own file under
//! `rules/<category>/`; the [`registry`] lists them all. Rules read the
//! shared graph analyses from [`ArchGraph`] and small helpers from
//! [`analysis`]. An `allow` naming no rule is `W0002`.

pub mod analysis;
pub mod config;
#[macro_use]
mod declare;
pub mod rules;

pub use config::{Config, Level};

use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::graph::ArchGraph;
use crate::model::{Architecture, Attribute, Element, ElementId};
use crate::source::Span;

/// The pillar a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Single points of failure, zones, failover.
    Availability,
    /// Exposure, encryption, segmentation.
    Security,
    /// Load, capacity, call chains, timeouts.
    Performance,
    /// Service boundaries and interactions.
    Microservices,
    /// Kubernetes objects.
    Kubernetes,
    /// LLM and ML systems.
    Ai,
    /// Backups and the system of record.
    Durability,
    /// Money spent on traffic.
    Cost,
}

impl Category {
    /// The lowercase word used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Availability => "availability",
            Category::Security => "security",
            Category::Performance => "performance",
            Category::Microservices => "microservices",
            Category::Kubernetes => "kubernetes",
            Category::Ai => "ai",
            Category::Durability => "durability",
            Category::Cost => "cost",
        }
    }
}

/// A numeric parameter a rule reads from `cloudgram.toml`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Its key under `[rules.CODE]`.
    pub name: &'static str,
    /// The value when not configured.
    pub default: f64,
    /// What it sets.
    pub description: &'static str,
}

/// What every rule declares about itself (see `declare_rule!`).
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable code, e.g. `AV001`.
    pub code: &'static str,
    /// Kebab-case name, e.g. `single-instance`.
    pub name: &'static str,
    /// Its pillar.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    /// The rule's doc comment, as written (one leading space per line).
    pub doc: &'static str,
    /// Parameters it accepts in `cloudgram.toml`.
    pub params: &'static [Param],
}

/// What a rule declares about itself; `declare_rule!` implements it.
pub trait Declared {
    /// The rule's code, name, category, severity, summary and manual.
    fn meta(&self) -> &'static RuleMeta;
}

/// One lint rule: its metadata (from `declare_rule!`) and its check.
pub trait Rule: Declared + Sync {
    /// The findings on one architecture, in a deterministic order.
    fn check(&self, cx: &Context<'_>) -> Vec<Finding>;

    /// Stable code, e.g. `AV001`.
    fn code(&self) -> &'static str {
        self.meta().code
    }
    /// Kebab-case name, e.g. `single-instance`.
    fn name(&self) -> &'static str {
        self.meta().name
    }
    /// Its pillar.
    fn category(&self) -> Category {
        self.meta().category
    }
    /// Default severity.
    fn severity(&self) -> Severity {
        self.meta().severity
    }
    /// One-line summary.
    fn summary(&self) -> &'static str {
        self.meta().summary
    }
    /// The full explanation (`cloudgram explain`): the rule's doc comment.
    fn explanation(&self) -> String {
        self.meta()
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// What a rule sees.
pub struct Context<'a> {
    /// The checked model.
    pub arch: &'a Architecture,
    /// Its graph, with the shared adjacency and analyses.
    pub graph: &'a ArchGraph,
    /// Levels and parameters from `cloudgram.toml`.
    pub config: &'a Config,
}

impl Context<'_> {
    /// A finding about element `id`, at its declaration.
    pub fn at_element(&self, meta: &RuleMeta, id: ElementId, message: impl Into<Text>) -> Finding {
        let e = self.arch.element(id);
        Finding::new(meta, e.span, message).subjects([e.id.as_str()])
    }

    /// A finding about edge `index`, at its statement; its subjects are the two endpoints.
    pub fn at_edge(&self, meta: &RuleMeta, index: usize, message: impl Into<Text>) -> Finding {
        let edge = &self.arch.edges[index];
        let mut f = Finding::new(meta, edge.span, message).subjects([
            self.arch.element(edge.from).id.as_str(),
            self.arch.element(edge.to).id.as_str(),
        ]);
        f.edges.push(index);
        f
    }

    /// The configured value of a rule's parameter, or its default.
    pub fn param(&self, meta: &RuleMeta, name: &str) -> f64 {
        self.config.param(meta, name)
    }

    /// The ID of an element.
    pub fn id(&self, id: ElementId) -> &str {
        &self.arch.element(id).id
    }

    /// Every element whose kind carries the mark `tag`, in declaration order.
    pub fn tagged(&self, tag: crate::model::catalog::Tag) -> impl Iterator<Item = ElementId> + '_ {
        self.arch
            .ids()
            .filter(move |id| self.arch.element(*id).kind.is(tag))
    }

    /// Whether an edge of any operator leads from `from` to an element that `target` accepts.
    pub fn has_edge_to(&self, from: ElementId, target: impl Fn(&Element) -> bool) -> bool {
        self.arch
            .edges
            .iter()
            .any(|e| e.from == from && target(self.arch.element(e.to)))
    }

    /// Datastores that state `key: false` (e.g. `backup`, `encrypted`), with that attribute.
    pub fn datastores_stating_false(&self, key: &str) -> Vec<(ElementId, &Attribute)> {
        self.arch
            .ids()
            .filter_map(|id| {
                let e = self.arch.element(id);
                let attr = e.attrs.entry(key)?;
                (e.kind.traits.datastore && attr.value == crate::syntax::ValueKind::Bool(false))
                    .then_some((id, attr))
            })
            .collect()
    }
}

/// A rule's finding before configuration and `allow` are applied.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The diagnostic (its severity is the rule's default until [`run`] applies the config).
    pub diagnostic: Diagnostic,
    /// Edges the finding is about (their `allow` suppresses it too).
    pub edges: Vec<usize>,
    /// Rests on a fact the design does not state (an assumed value): reported at `info`.
    pub tentative: bool,
}

impl Finding {
    /// A finding of rule `meta` at `span`.
    pub fn new(meta: &RuleMeta, span: Span, message: impl Into<Text>) -> Self {
        Finding {
            diagnostic: Diagnostic::new(meta.severity, meta.code, meta.name, message, span),
            edges: Vec::new(),
            tentative: false,
        }
    }

    /// Sets the `help:` line.
    pub fn help(mut self, help: impl Into<Text>) -> Self {
        self.diagnostic = self.diagnostic.with_help(help);
        self
    }

    /// Sets the text under the caret.
    pub fn note(mut self, text: impl Into<Text>) -> Self {
        self.diagnostic = self.diagnostic.with_span_message(text);
        self
    }

    /// Adds a secondary place.
    pub fn label(mut self, span: Span, message: impl Into<Text>) -> Self {
        self.diagnostic = self.diagnostic.with_label(span, message);
        self
    }

    /// Sets the subjects (element IDs).
    pub fn subjects<I, S>(mut self, subjects: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.diagnostic.subjects = subjects.into_iter().map(Into::into).collect();
        self
    }

    /// Marks the finding as resting on an unstated fact when `yes`.
    pub fn tentative(mut self, yes: bool) -> Self {
        self.tentative = yes;
        self
    }
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    rules::ALL
}

/// Every rule as a SARIF log describes it.
pub fn sarif_rules() -> Vec<crate::diagnostic::sarif::RuleInfo> {
    registry()
        .iter()
        .map(|r| crate::diagnostic::sarif::RuleInfo {
            code: r.code(),
            name: r.name(),
            summary: r.summary(),
            doc: r.explanation(),
            severity: r.severity(),
            category: r.category().as_str(),
        })
        .collect()
}

/// Finds a rule by code or name (both case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    registry().iter().copied().find(|r| {
        r.code().eq_ignore_ascii_case(code_or_name) || r.name().eq_ignore_ascii_case(code_or_name)
    })
}

/// Runs every rule with the default configuration.
pub fn run(arch: &Architecture, graph: &ArchGraph) -> Vec<Diagnostic> {
    run_with(arch, graph, &Config::default())
}

/// Runs every rule that `config` leaves on, sets each finding's severity
/// (configured level, or `info` when tentative), marks findings switched off
/// by `allow` as suppressed and gives each a stable fingerprint.
pub fn run_with(arch: &Architecture, graph: &ArchGraph, config: &Config) -> Vec<Diagnostic> {
    let cx = Context {
        arch,
        graph,
        config,
    };
    let mut out = Vec::new();
    // Only how many times each fingerprint came matters, not their order.
    let mut seen = rustc_hash::FxHashMap::<String, usize>::default();
    let under_allow = under_allow(arch);
    // Most designs have no `allow` at all: then no subject needs looking up.
    let any_allow = under_allow.contains(&true);
    for rule in registry() {
        let Some(severity) = config.level(rule.meta()).severity() else {
            continue;
        };
        for f in rule.check(&cx) {
            let mut d = f.diagnostic;
            d.severity = if f.tentative {
                Severity::Info
            } else {
                severity
            };
            d.suppressed = any_allow
                && d.subjects.iter().any(|s| {
                    arch.find(s)
                        .is_some_and(|id| under_allow[id.0] && allowed(arch, id, d.code, d.name))
                })
                || f.edges
                    .iter()
                    .any(|e| lists(&arch.edges[*e].attrs, d.code, d.name));
            let base = fingerprint(d.code, &d.subjects);
            let n = match seen.get_mut(&base) {
                Some(n) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.insert(base.clone(), 1);
                    1
                }
            };
            d.fingerprint = Some(if n == 1 { base } else { format!("{base}-{n}") });
            out.push(d);
        }
    }
    out.extend(unknown_allows(arch));
    out
}

/// `W0002`: an `allow` that names no rule would silently suppress nothing.
fn unknown_allows(arch: &Architecture) -> Vec<Diagnostic> {
    let attrs = arch
        .elements
        .iter()
        .map(|e| &e.attrs)
        .chain(arch.edges.iter().map(|e| &e.attrs));
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for a in attrs {
        let Some(entry) = a.entry("allow") else {
            continue;
        };
        for word in a.words("allow") {
            if find(&word).is_some() || !seen.insert((entry.span, word.clone())) {
                continue;
            }
            let names = registry().iter().flat_map(|r| [r.code(), r.name()]);
            let help = crate::model::suggest::help(&word, names)
                .unwrap_or_else(|| crate::msg!("w0002-help"));
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    "W0002",
                    "unknown-rule",
                    crate::msg!("w0002", word = word.as_str()),
                    entry.span,
                )
                .with_span_message(crate::msg!("w0002-note"))
                .with_help(help),
            );
        }
    }
    out
}

pub use crate::diagnostic::fingerprint;

/// For each element, whether it or one of its containers has an `allow`
/// attribute: most have none, and their findings need no closer look.
fn under_allow(arch: &Architecture) -> Vec<bool> {
    let has_allow = |id: ElementId| arch.element(id).attrs.entry("allow").is_some();
    arch.ids()
        .map(|id| std::iter::once(id).chain(arch.ancestors(id)).any(has_allow))
        .collect()
}

/// Whether `allow` on the element `id` or one of its containers lists the code or name.
fn allowed(arch: &Architecture, id: ElementId, code: &str, name: &str) -> bool {
    std::iter::once(id)
        .chain(arch.ancestors(id))
        .any(|e| lists(&arch.element(e).attrs, code, name))
}

/// Whether an `allow` attribute lists the code or name.
fn lists(attrs: &crate::model::Attributes, code: &str, name: &str) -> bool {
    attrs
        .words("allow")
        .iter()
        .any(|w| w.eq_ignore_ascii_case(code) || w == name)
}
