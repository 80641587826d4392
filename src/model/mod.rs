//! The model: the AST lowered to a typed, name-resolved [`Architecture`].
//! In: [`crate::syntax::Ast`]. Out: elements with their catalog kind, the
//! containment tree, and the edges between elements (chains and lists expanded).

pub mod attrs;
pub mod catalog;
mod errors;
mod lower;
pub mod suggest;
pub mod suggest_index;

pub use catalog::{Category, KindInfo, Traits};
pub use lower::lower;

use crate::source::Span;
use crate::syntax::{EdgeOp, ValueKind};
use serde::Serialize;
use std::collections::HashMap;

/// Index of an element in [`Architecture::elements`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ElementId(pub usize);

/// The main flow direction of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right (the default).
    #[default]
    Right,
    /// Top to bottom.
    Down,
    /// Right to left.
    Left,
    /// Bottom to top.
    Up,
}

impl Direction {
    /// Every direction with its word, for parsing and suggestions.
    pub const ALL: [(&'static str, Direction); 4] = [
        ("right", Direction::Right),
        ("down", Direction::Down),
        ("left", Direction::Left),
        ("up", Direction::Up),
    ];
}

/// One attribute as written: its key, value and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The key.
    pub key: String,
    /// The value (`true` for a bare flag).
    pub value: ValueKind,
    /// The whole `key: value`.
    pub span: Span,
}

/// The attributes of an element or edge, in source order, keys unique.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attributes(pub Vec<Attribute>);

impl Attributes {
    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&ValueKind> {
        self.0.iter().find(|a| a.key == key).map(|a| &a.value)
    }

    /// The attribute `key` with its span, if set.
    pub fn entry(&self, key: &str) -> Option<&Attribute> {
        self.0.iter().find(|a| a.key == key)
    }

    /// Whether a boolean attribute is `true`.
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some(ValueKind::Bool(true)))
    }

    /// A word or string attribute's text.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(ValueKind::Word(s) | ValueKind::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// A numeric attribute as a number (quantities with their multiplier
    /// applied, percentages as given, rates per second).
    pub fn number(&self, key: &str) -> Option<f64> {
        match self.get(key)? {
            ValueKind::Int(n) => Some(*n as f64),
            ValueKind::Float(x) => Some(*x),
            ValueKind::Quantity { amount, unit } => Some(match unit {
                Some(crate::syntax::Unit::Rpm) => amount / 60.0,
                _ => *amount,
            }),
            _ => None,
        }
    }

    /// Every attribute as a JSON object (sorted by key), for scene and model output.
    pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        self.0
            .iter()
            .map(|a| (a.key.clone(), value_json(&a.value)))
            .collect()
    }

    /// The words of a word-or-list attribute (`azs`, `allow`).
    pub fn words(&self, key: &str) -> Vec<String> {
        fn word(v: &ValueKind) -> Option<String> {
            match v {
                ValueKind::Word(s) | ValueKind::Str(s) => Some(s.clone()),
                ValueKind::Int(n) => Some(n.to_string()),
                _ => None,
            }
        }
        match self.get(key) {
            Some(ValueKind::List(items)) => items.iter().filter_map(|v| word(&v.kind)).collect(),
            Some(v) => word(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// A component or container.
#[derive(Debug, Clone)]
pub struct Element {
    /// The ID, unique in the file.
    pub id: String,
    /// The catalog row of its kind.
    pub kind: &'static KindInfo,
    /// The label, if one was written.
    pub label: Option<String>,
    /// Its attributes.
    pub attrs: Attributes,
    /// The enclosing container.
    pub parent: Option<ElementId>,
    /// Declared inside its block, in source order.
    pub children: Vec<ElementId>,
    /// The declaration's head, `KIND ID` (what diagnostics point at).
    pub span: Span,
    /// The ID as written.
    pub id_span: Span,
    /// Nesting depth: 0 at top level.
    pub depth: usize,
}

impl Element {
    /// The text to draw: the label, or else the ID.
    pub fn display_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    /// Whether it is a container kind.
    pub fn is_container(&self) -> bool {
        self.kind.traits.container
    }

    /// Redundant in the spec's sense: at least two replicas (the minimum of a
    /// range), a managed highly-available kind, or `multi_az`.
    pub fn is_redundant(&self) -> bool {
        self.replicas().0 >= 2 || self.kind.traits.managed_ha || self.attrs.flag("multi_az")
    }

    /// The replica count as `(min, max)`; 1 when unstated.
    pub fn replicas(&self) -> (i64, i64) {
        match self.attrs.get("replicas") {
            Some(ValueKind::Int(n)) => (*n, *n),
            Some(ValueKind::Range(a, b)) => (*a, *b),
            Some(ValueKind::Quantity { amount, unit: None }) => (*amount as i64, *amount as i64),
            _ => (1, 1),
        }
    }
}

/// One edge between two elements (a chain or list is expanded into several).
#[derive(Debug, Clone)]
pub struct Edge {
    /// Where it starts.
    pub from: ElementId,
    /// Where it ends.
    pub to: ElementId,
    /// Its operator.
    pub op: EdgeOp,
    /// The label of the statement, if any: one text shared by every edge
    /// the statement expands to, not a copy in each.
    pub label: Option<std::sync::Arc<str>>,
    /// The attributes of the statement.
    pub attrs: Attributes,
    /// The whole edge statement (what diagnostics point at).
    pub span: Span,
}

/// A checked architecture: elements, containment and edges.
#[derive(Debug, Clone, Default)]
pub struct Architecture {
    /// The `title`, if any.
    pub title: Option<String>,
    /// The flow direction.
    pub direction: Direction,
    /// Every element, in declaration order (a pre-order walk of the tree).
    pub elements: Vec<Element>,
    /// Top-level elements, in declaration order.
    pub roots: Vec<ElementId>,
    /// Every edge, in source order.
    pub edges: Vec<Edge>,
    by_id: HashMap<String, ElementId>,
}

impl Architecture {
    /// The element with index `id`.
    pub fn element(&self, id: ElementId) -> &Element {
        &self.elements[id.0]
    }

    /// Finds an element by its ID.
    pub fn find(&self, id: &str) -> Option<ElementId> {
        self.by_id.get(id).copied()
    }

    /// The chain of enclosing containers, innermost first.
    pub fn ancestors(&self, id: ElementId) -> impl Iterator<Item = ElementId> + '_ {
        std::iter::successors(self.element(id).parent, |p| self.element(*p).parent)
    }

    /// Whether `ancestor` encloses `id` (directly or not).
    pub fn is_ancestor(&self, ancestor: ElementId, id: ElementId) -> bool {
        self.ancestors(id).any(|a| a == ancestor)
    }

    /// Every element id, in declaration order.
    pub fn ids(&self) -> impl Iterator<Item = ElementId> {
        (0..self.elements.len()).map(ElementId)
    }

    /// The children of a container, or the roots for `None`.
    pub fn children_of(&self, parent: Option<ElementId>) -> &[ElementId] {
        match parent {
            Some(p) => &self.element(p).children,
            None => &self.roots,
        }
    }
}

/// The name `azs` uses for an `az` container: its ID without an `az_` or
/// `az-` prefix (`az_a` is zone `a`), so `azs: [a]` and `az az_a { ... }`
/// name the same zone.
pub fn zone_name(id: &str) -> &str {
    match id.strip_prefix("az_").or_else(|| id.strip_prefix("az-")) {
        Some(rest) if !rest.is_empty() => rest,
        _ => id,
    }
}

/// A value as JSON: numbers as numbers, ranges as `{"min", "max"}`,
/// quantities with a unit as `{"value", "unit"}` (plain `20k` is 20000).
pub fn value_json(v: &ValueKind) -> serde_json::Value {
    use serde_json::{Value, json};
    match v {
        ValueKind::Int(n) => json!(n),
        ValueKind::Float(x) => json!(x),
        ValueKind::Bool(b) => json!(b),
        ValueKind::Str(s) | ValueKind::Word(s) => json!(s),
        ValueKind::List(items) => Value::Array(items.iter().map(|i| value_json(&i.kind)).collect()),
        ValueKind::Range(a, b) => json!({"min": a, "max": b}),
        ValueKind::Quantity { amount, unit: None } => {
            if amount.fract() == 0.0 && amount.abs() < 9e15 {
                json!(*amount as i64)
            } else {
                json!(amount)
            }
        }
        ValueKind::Quantity {
            amount,
            unit: Some(u),
        } => json!({"value": amount, "unit": u.as_str()}),
    }
}
