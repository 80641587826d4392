//! The wording of every model (semantic) error and warning, in one place.

use super::suggest;
use crate::diagnostic::{Diagnostic, Severity};
use crate::msg;
use crate::source::Span;

/// `E0100`: a kind the catalog does not know.
pub fn unknown_kind(span: Span, kind: &str) -> Diagnostic {
    let help =
        suggest::help(kind, super::catalog::all_names()).unwrap_or_else(|| msg!("e0100-help"));
    Diagnostic::new(
        Severity::Error,
        "E0100",
        "unknown-kind",
        msg!("e0100", kind = kind),
        span,
    )
    .with_span_message(msg!("e0100-note"))
    .with_help(help)
}

/// `E0101`: an ID declared twice.
pub fn duplicate_id(span: Span, first: Span, id: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0101",
        "duplicate-id",
        msg!("e0101", id = id),
        span,
    )
    .with_span_message(msg!("e0101-note"))
    .with_label(first, msg!("e0101-first"))
    .with_help(msg!("e0101-help"))
    .with_subjects([id])
}

/// `E0102`: an edge names an ID that is declared nowhere.
pub fn unknown_id<'a>(
    span: Span,
    id: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let help = suggest::help(id, declared).unwrap_or_else(|| msg!("e0102-help", id = id));
    Diagnostic::new(
        Severity::Error,
        "E0102",
        "unknown-id",
        msg!("e0102", id = id),
        span,
    )
    .with_span_message(msg!("e0102-note"))
    .with_help(help)
}

/// `E0103`: a block on a kind that is not a container.
pub fn not_a_container(block: Span, kind: &str, id: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0103",
        "not-a-container",
        msg!("e0103", kind = kind, id = id),
        block,
    )
    .with_span_message(msg!("e0103-note"))
    .with_help(msg!("e0103-help"))
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
    let expected = ty.expected_msg();
    let (found, note) = match found {
        V::Int(n) => (
            msg!("code", text = format!("{n}")),
            msg!("e0104-note", expected = expected.clone()),
        ),
        V::Range(a, b) if a > b => (
            msg!("code", text = format!("{a}..{b}")),
            msg!("e0104-note-range"),
        ),
        other => (
            other.type_name_msg(),
            msg!("e0104-note", expected = expected.clone()),
        ),
    };
    Diagnostic::new(
        Severity::Error,
        "E0104",
        "attribute-type",
        msg!("e0104", key = key, expected = expected, found = found),
        span,
    )
    .with_span_message(note)
    .with_help(msg!("e0104-help", key = key, example = ty.example()))
}

/// `E0105`: `title` nested in a block, or given twice.
pub fn misplaced_title(span: Span, first: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new(
        Severity::Error,
        "E0105",
        "misplaced-title",
        if first.is_some() {
            msg!("e0105-twice")
        } else {
            msg!("e0105-nested")
        },
        span,
    );
    match first {
        Some(first) => d
            .with_label(first, msg!("first-set-here"))
            .with_help(msg!("e0105-twice-help")),
        None => d.with_help(msg!("e0105-nested-help")),
    }
}

/// `E0001`: `title` followed by a bare word instead of a string.
pub fn title_needs_string(span: Span, word: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0001",
        "syntax-error",
        msg!("e0001-title", word = word),
        span,
    )
    .with_span_message(msg!("e0001-title-note"))
    .with_help(msg!("e0001-title-help", word = word))
}

/// `E0106`: a direction that does not exist, or a misplaced `direction`.
pub fn bad_direction(span: Span, word: &str, nested: bool) -> Diagnostic {
    if nested {
        return Diagnostic::new(
            Severity::Error,
            "E0106",
            "invalid-direction",
            msg!("e0106-nested"),
            span,
        )
        .with_help(msg!("e0106-nested-help"));
    }
    let words = super::Direction::ALL.map(|(w, _)| w);
    let help = suggest::help(word, words).unwrap_or_else(|| msg!("e0106-help"));
    Diagnostic::new(
        Severity::Error,
        "E0106",
        "invalid-direction",
        msg!("e0106", word = word),
        span,
    )
    .with_span_message(msg!("e0106-note"))
    .with_help(help)
}

/// `E0106`: `direction` given twice.
pub fn direction_twice(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0106",
        "invalid-direction",
        msg!("e0106-twice"),
        span,
    )
    .with_label(first, msg!("first-set-here"))
    .with_help(msg!("e0106-twice-help"))
}

/// `E0107`: the same key twice in one attribute list.
pub fn duplicate_attribute(span: Span, first: Span, key: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0107",
        "duplicate-attribute",
        msg!("e0107", key = key),
        span,
    )
    .with_span_message(msg!("e0107-note"))
    .with_label(first, msg!("first-set-here"))
    .with_help(msg!("e0107-help"))
}

/// `W0001`: an attribute key with no meaning to cloudgram (kept, shown in JSON).
pub fn unknown_attribute(span: Span, key: &str) -> Diagnostic {
    let help = suggest::help(key, super::attrs::KNOWN.iter().map(|a| a.key))
        .unwrap_or_else(|| msg!("w0001-help"));
    Diagnostic::new(
        Severity::Warning,
        "W0001",
        "unknown-attribute",
        msg!("w0001", key = key),
        span,
    )
    .with_span_message(msg!("w0001-note"))
    .with_help(help)
}

/// `E0108`: an edge statement whose comma lists multiply past the limit.
pub fn too_many_edges(span: Span, count: usize, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0108",
        "too-many-edges",
        msg!("e0108", count = count, limit = limit),
        Span::new(span.start, span.start),
    )
    .with_span_message(msg!("e0108-note"))
    .with_help(msg!("e0108-help"))
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
        msg!("w0003", from = from, op = op.as_str(), to = to),
        span,
    )
    .with_span_message(msg!("w0003-note"))
    .with_help(msg!("w0003-help"))
    .with_subjects([from, to]);
    if first == span {
        d
    } else {
        d.with_label(first, msg!("w0003-first"))
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
        let zones: Vec<String> = declared.iter().map(|z| format!("`{z}`")).collect();
        msg!("w0004-help", zones = zones.join(", "), zone = zone)
    });
    Diagnostic::new(
        Severity::Warning,
        "W0004",
        "undeclared-zone",
        msg!("w0004", id = id, zone = zone),
        span,
    )
    .with_span_message(msg!("w0004-note"))
    .with_help(help)
    .with_subjects([id])
}
