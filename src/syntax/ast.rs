//! The abstract syntax tree: what was written, with a span on everything, no meaning yet.

use crate::source::Span;

/// A parsed file: its top-level statements in source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ast {
    /// Top-level statements.
    pub statements: Vec<Stmt>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// `title "..."`.
    Title(Title),
    /// `direction right`.
    Direction(Direction),
    /// `KIND ID ["LABEL"] [ATTRS] [{ ... }]`.
    Decl(Decl),
    /// `a -> b -> c : "label" [attrs]`.
    Edge(EdgeStmt),
}

/// A name as written: an ID, a kind, an attribute key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The text.
    pub name: String,
    /// Where.
    pub span: Span,
}

/// A string literal with its escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrLit {
    /// The value, escapes resolved.
    pub value: String,
    /// Where, quotes included.
    pub span: Span,
}

/// `title "..."`.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// The title text.
    pub text: StrLit,
    /// The whole statement.
    pub span: Span,
}

/// `direction WORD`.
#[derive(Debug, Clone, PartialEq)]
pub struct Direction {
    /// The direction word, checked when lowering.
    pub value: Ident,
    /// The whole statement.
    pub span: Span,
}

/// A component or container declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    /// The kind as written (name or alias).
    pub kind: Ident,
    /// The ID.
    pub id: Ident,
    /// The optional label.
    pub label: Option<StrLit>,
    /// Attributes, possibly none.
    pub attrs: Vec<Attr>,
    /// The block's statements, if a block was written (even empty).
    pub block: Option<Block>,
    /// The whole declaration, block included.
    pub span: Span,
}

/// `{ statements }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Statements inside.
    pub statements: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
}

/// An edge operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeOp {
    /// `->`: synchronous request.
    Sync,
    /// `~>`: asynchronous message.
    Async,
    /// `<->`: synchronous both ways.
    Both,
    /// `--`: association without direction.
    Assoc,
}

impl EdgeOp {
    /// Whether the edge carries a synchronous call from its left to its
    /// right side (`->`, `<->`): the one test of "a forward call".
    pub fn calls(self) -> bool {
        matches!(self, EdgeOp::Sync | EdgeOp::Both)
    }

    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeOp::Sync => "->",
            EdgeOp::Async => "~>",
            EdgeOp::Both => "<->",
            EdgeOp::Assoc => "--",
        }
    }
}

impl std::fmt::Display for EdgeOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edge statement: endpoints separated by operators.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeStmt {
    /// Each endpoint is a comma list of IDs; there is one more endpoint than operators.
    pub endpoints: Vec<Vec<Ident>>,
    /// The operators between consecutive endpoints, with their spans.
    pub ops: Vec<(EdgeOp, Span)>,
    /// `: "label"`.
    pub label: Option<StrLit>,
    /// Attributes applied to every edge of the chain.
    pub attrs: Vec<Attr>,
    /// The whole statement.
    pub span: Span,
}

/// `key: value` or a bare `flag`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    /// The key.
    pub key: Ident,
    /// The value; `None` for a bare flag.
    pub value: Option<Value>,
    /// The whole attribute.
    pub span: Span,
}

/// An attribute value with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// What it is.
    pub kind: ValueKind,
    /// Where.
    pub span: Span,
}

/// The value types of the language.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// `42`, `-1`.
    Int(i64),
    /// `0.5`.
    Float(f64),
    /// `true`, `false`.
    Bool(bool),
    /// `"text"`.
    Str(String),
    /// A bare word: `postgres`, `https`, `grpc+tls`.
    Word(String),
    /// `[a, b]`.
    List(Vec<Value>),
    /// `2..10`.
    Range(i64, i64),
    /// `500rps`, `20k`, `99.95%`: the number with its multiplier applied.
    Quantity {
        /// The amount, `k`/`M` applied (`20k` is 20000).
        amount: f64,
        /// The unit, if any (`20k` has none).
        unit: Option<Unit>,
    },
}

/// Units of quantities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Requests per second.
    Rps,
    /// Requests per minute.
    Rpm,
    /// Milliseconds.
    Ms,
    /// Seconds.
    S,
    /// Percent.
    Percent,
    /// Kilobytes.
    KB,
    /// Megabytes.
    MB,
    /// Gigabytes.
    GB,
    /// Terabytes.
    TB,
}

impl Unit {
    /// The suffix as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Rps => "rps",
            Unit::Rpm => "rpm",
            Unit::Ms => "ms",
            Unit::S => "s",
            Unit::Percent => "%",
            Unit::KB => "KB",
            Unit::MB => "MB",
            Unit::GB => "GB",
            Unit::TB => "TB",
        }
    }

    /// Parses a suffix.
    pub fn from_suffix(s: &str) -> Option<Unit> {
        Some(match s {
            "rps" => Unit::Rps,
            "rpm" => Unit::Rpm,
            "ms" => Unit::Ms,
            "s" => Unit::S,
            "%" => Unit::Percent,
            "KB" => Unit::KB,
            "MB" => Unit::MB,
            "GB" => Unit::GB,
            "TB" => Unit::TB,
            _ => return None,
        })
    }
}

impl ValueKind {
    /// The name of the value's type, for "expected ..., found ..." messages
    /// ("an integer").
    pub fn type_name_msg(&self) -> crate::i18n::Message {
        use crate::msg;
        match self {
            ValueKind::Int(_) => msg!("value-int"),
            ValueKind::Float(_) => msg!("value-float"),
            ValueKind::Bool(_) => msg!("value-bool"),
            ValueKind::Str(_) => msg!("value-str"),
            ValueKind::Word(_) => msg!("value-word"),
            ValueKind::List(_) => msg!("value-list"),
            ValueKind::Range(..) => msg!("value-range"),
            ValueKind::Quantity { unit: Some(_), .. } => msg!("value-quantity"),
            ValueKind::Quantity { unit: None, .. } => msg!("value-number"),
        }
    }
}
