//! The wording of every model (semantic) error and warning, in one place.

use super::suggest;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// `E0100`: a kind the catalog does not know.
pub fn unknown_kind(span: Span, kind: &str) -> Diagnostic {
    let help = suggest::help(kind, super::catalog::all_names())
        .unwrap_or_else(|| "`cloudgram kinds` lists every kind of the catalog".into());
    Diagnostic::new(
        Severity::Error,
        "E0100",
        "unknown-kind",
        format!("unknown kind `{kind}`"),
        span,
    )
    .with_span_message("not a kind of the catalog")
    .with_help(help)
}

/// `E0101`: an ID declared twice.
pub fn duplicate_id(span: Span, first: Span, id: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0101",
        "duplicate-id",
        format!("duplicate id `{id}`"),
        span,
    )
    .with_span_message("declared again here")
    .with_label(first, "first declared here")
    .with_help("IDs are unique in the whole file: rename one of the two")
    .with_subjects([id])
}

/// `E0102`: an edge names an ID that is declared nowhere.
pub fn unknown_id<'a>(
    span: Span,
    id: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let help =
        suggest::help(id, declared).unwrap_or_else(|| format!("declare it, e.g. `ec2 {id}`"));
    Diagnostic::new(
        Severity::Error,
        "E0102",
        "unknown-id",
        format!("unknown id `{id}`"),
        span,
    )
    .with_span_message("not declared anywhere in this file")
    .with_help(help)
}

/// `E0103`: a block on a kind that is not a container.
pub fn not_a_container(block: Span, kind: &str, id: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0103",
        "not-a-container",
        format!("`{kind}` is not a container kind, so `{id}` cannot have a block"),
        block,
    )
    .with_span_message("block not allowed here")
    .with_help("wrap the children in a container such as `group`, `subnet` or `vpc`, or move them out of the block")
    .with_subjects([id])
}

/// `E0104`: a known attribute with a value of the wrong type, or of the
/// right type but out of range (`port: 70000`, `replicas: 6..2`).
pub fn attribute_type(
    span: Span,
    key: &str,
    ty: super::attrs::AttrType,
    found: &crate::syntax::ValueKind,
) -> Diagnostic {
    use crate::syntax::ValueKind as V;
    let expected = ty.expected();
    let (found, note) = match found {
        V::Int(n) => (format!("`{n}`"), format!("expected {expected}")),
        V::Range(a, b) if a > b => (
            format!("`{a}..{b}`"),
            "a range runs from the smaller to the larger".to_string(),
        ),
        other => (
            other.type_name().to_string(),
            format!("expected {expected}"),
        ),
    };
    Diagnostic::new(
        Severity::Error,
        "E0104",
        "attribute-type",
        format!("`{key}` expects {expected}, found {found}"),
        span,
    )
    .with_span_message(note)
    .with_help(format!("for example `{key}: {}`", ty.example()))
}

/// `E0105`: `title` nested in a block, or given twice.
pub fn misplaced_title(span: Span, first: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new(
        Severity::Error,
        "E0105",
        "misplaced-title",
        if first.is_some() {
            "the title is set twice"
        } else {
            "`title` is only allowed at the top level"
        },
        span,
    );
    match first {
        Some(first) => d
            .with_label(first, "first set here")
            .with_help("keep one `title` statement"),
        None => d.with_help("move `title` out of the block, to the top of the file"),
    }
}

/// `E0001`: `title` followed by a bare word instead of a string.
pub fn title_needs_string(span: Span, word: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0001",
        "syntax-error",
        format!("expected a string after `title`, found `{word}`"),
        span,
    )
    .with_span_message("expected a string")
    .with_help(format!("quote the title: `title \"{word}\"`"))
}

/// `E0106`: a direction that does not exist, or a misplaced `direction`.
pub fn bad_direction(span: Span, word: &str, nested: bool) -> Diagnostic {
    if nested {
        return Diagnostic::new(
            Severity::Error,
            "E0106",
            "invalid-direction",
            "`direction` is only allowed at the top level",
            span,
        )
        .with_help("move `direction` to the top of the file");
    }
    let words = super::Direction::ALL.map(|(w, _)| w);
    let help =
        suggest::help(word, words).unwrap_or_else(|| "use `right`, `down`, `left` or `up`".into());
    Diagnostic::new(
        Severity::Error,
        "E0106",
        "invalid-direction",
        format!("unknown direction `{word}`"),
        span,
    )
    .with_span_message("expected `right`, `down`, `left` or `up`")
    .with_help(help)
}

/// `E0106`: `direction` given twice.
pub fn direction_twice(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0106",
        "invalid-direction",
        "the direction is set twice",
        span,
    )
    .with_label(first, "first set here")
    .with_help("keep one `direction` statement")
}

/// `E0107`: the same key twice in one attribute list.
pub fn duplicate_attribute(span: Span, first: Span, key: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0107",
        "duplicate-attribute",
        format!("attribute `{key}` is set twice"),
        span,
    )
    .with_span_message("set again here")
    .with_label(first, "first set here")
    .with_help("keep one of the two")
}

/// `W0001`: an attribute key with no meaning to cloudgram (kept, shown in JSON).
pub fn unknown_attribute(span: Span, key: &str) -> Diagnostic {
    let help = suggest::help(key, super::attrs::KNOWN.iter().map(|a| a.key)).unwrap_or_else(|| {
        "unknown keys are kept as metadata in JSON output; check the spelling if you meant a known key".into()
    });
    Diagnostic::new(
        Severity::Warning,
        "W0001",
        "unknown-attribute",
        format!("unknown attribute `{key}`"),
        span,
    )
    .with_span_message("no meaning to cloudgram")
    .with_help(help)
}

/// `E0108`: an edge statement whose comma lists multiply past the limit.
pub fn too_many_edges(span: Span, count: usize, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0108",
        "too-many-edges",
        format!("this edge statement expands to {count} edges, more than the limit of {limit}"),
        Span::new(span.start, span.start),
    )
    .with_span_message("comma lists on both sides multiply")
    .with_help("connect the lists through a load balancer, queue or group instead of every pair")
}

/// `W0003`: an edge written twice (same endpoints, operator and label).
pub fn duplicate_edge(
    span: Span,
    first: Span,
    from: &str,
    to: &str,
    op: crate::syntax::EdgeOp,
) -> Diagnostic {
    let d = Diagnostic::new(
        Severity::Warning,
        "W0003",
        "duplicate-edge",
        format!("the edge `{from} {} {to}` is written twice", op.as_str()),
        span,
    )
    .with_span_message("written again here")
    .with_help("remove one of the two, or give them different labels if they are different flows")
    .with_subjects([from, to]);
    if first == span {
        d
    } else {
        d.with_label(first, "first written here")
    }
}

/// `W0004`: `azs` names a zone that no `az` container declares.
pub fn undeclared_zone<'a>(
    span: Span,
    zone: &str,
    id: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let declared: Vec<&str> = declared.into_iter().collect();
    // One-letter zones are all one edit apart: list them rather than guess.
    let guess = (zone.chars().count() > 2)
        .then(|| suggest::help(zone, declared.iter().copied()))
        .flatten();
    let help = guess.unwrap_or_else(|| {
        format!(
            "the zones declared are {}; declare `az {zone} {{ ... }}` or name one of them",
            declared
                .iter()
                .map(|z| format!("`{z}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    Diagnostic::new(
        Severity::Warning,
        "W0004",
        "undeclared-zone",
        format!("`{id}` names zone `{zone}`, which no `az` declares"),
        span,
    )
    .with_span_message("not a declared zone")
    .with_help(help)
    .with_subjects([id])
}
