//! The wording of every syntax error, in one place.

use super::parser::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// `E0001`: the text does not follow the grammar.
pub fn unexpected(span: Span, expected: &[Rule], found: Option<char>) -> Diagnostic {
    let found_char = found;
    let words = expected_words(expected);
    let found = match found {
        None => "end of file".to_string(),
        Some('\n' | '\r') => "end of line".to_string(),
        Some(c) => format!("`{}`", c.escape_debug()),
    };
    let message = if words.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {words}, found {found}")
    };
    if let Some(c @ ('}' | ']')) = found_char
        && !expected.contains(&Rule::rbrace)
        && !expected.contains(&Rule::rbracket)
    {
        let open = if c == '}' { '{' } else { '[' };
        return Diagnostic::new(
            Severity::Error,
            "E0001",
            "syntax-error",
            format!("unmatched `{c}`"),
            span,
        )
        .with_span_message(format!("no `{open}` is open here"))
        .with_help(
            "remove it, or check the braces above: a block opens with `{` after a container",
        );
    }
    let help = hint(expected);
    Diagnostic::new(Severity::Error, "E0001", "syntax-error", message, span)
        .with_span_message(if words.is_empty() {
            "unexpected here".to_string()
        } else {
            format!("expected {words}")
        })
        .with_help_opt(help)
}

/// `E0002`: a string that never closes, reported at its opening quote.
pub fn unterminated_string(span: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0002",
        "unterminated-string",
        "unterminated string",
        span,
    )
    .with_span_message("this string is never closed")
    .with_help("close it with `\"` on the same line; write a line break inside a label as `\\n`")
}

/// `E0003`: an escape other than `\"`, `\\` and `\n`.
pub fn bad_escape(span: Span, c: char) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0003",
        "invalid-escape",
        format!("unknown escape `\\{}` in string", c.escape_debug()),
        span,
    )
    .with_span_message("unknown escape")
    .with_help("the escapes are `\\\"`, `\\\\` and `\\n`; write a backslash as `\\\\`")
}

/// `E0004`: the file is not UTF-8.
pub fn invalid_utf8(span: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0004",
        "invalid-utf8",
        "the file is not valid UTF-8",
        span,
    )
    .with_span_message("invalid byte sequence here")
    .with_help("save the file as UTF-8")
}

/// `E0005`: nesting past the documented limit.
pub fn too_deep(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0005",
        "nesting-too-deep",
        format!("nesting deeper than {limit} levels"),
        span,
    )
    .with_span_message("this opens one level too many")
    .with_help(
        "flatten the design: declare elements at a shallower level and connect them with edges",
    )
}

/// `E0006`: a number that does not fit.
pub fn number_too_large(span: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0006",
        "number-out-of-range",
        "number too large",
        span,
    )
    .with_span_message("does not fit in 64 bits")
}

/// `E0007`: a `{` or `[` that is never closed, reported at the opener.
pub fn unclosed(span: Span, open: char) -> Diagnostic {
    let close = if open == '{' { '}' } else { ']' };
    Diagnostic::new(
        Severity::Error,
        "E0007",
        "unclosed-delimiter",
        format!("unclosed `{open}`"),
        span,
    )
    .with_span_message(format!("this `{open}` is never closed"))
    .with_help(format!(
        "add `{close}` where the {} ends",
        if open == '{' { "block" } else { "list" }
    ))
}

/// Words for one grammar rule, or `None` for rules that never need naming.
fn word(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::newline => "a new line",
        Rule::semicolon => "`;`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lbracket => "`[`",
        Rule::rbracket => "`]`",
        Rule::comma => "`,`",
        Rule::colon => "`:`",
        Rule::quote | Rule::string => "a string",
        Rule::dotdot => "`..`",
        Rule::kw_title | Rule::kw_direction | Rule::kind | Rule::kind_name => "a statement",
        Rule::ident | Rule::endpoint => "an identifier",
        Rule::edge_op | Rule::op_both | Rule::op_sync | Rule::op_async | Rule::op_assoc => {
            "an edge operator (`->`, `~>`, `<->` or `--`)"
        }
        Rule::value
        | Rule::range
        | Rule::quantity
        | Rule::number
        | Rule::numeral
        | Rule::integer
        | Rule::boolean
        | Rule::word
        | Rule::list => "a value",
        Rule::unit | Rule::multiplier => "a unit (`rps`, `ms`, `%`, `GB`, ...)",
        Rule::attr | Rule::attrs => "an attribute",
        Rule::edge_label => "`:`",
        Rule::block => "`{`",
        Rule::EOI => "end of file",
        _ => return None,
    })
}

/// "`{`, `[` or a new line": the distinct words for the rules, in a stable order.
fn expected_words(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = Vec::new();
    for rule in rules {
        if let Some(w) = word(*rule)
            && !words.contains(&w)
        {
            words.push(w);
        }
    }
    // A statement start also accepts an identifier: say it once.
    if words.contains(&"a statement") {
        words.retain(|w| *w != "an identifier");
    }
    words.sort_by_key(|w| (w.starts_with('`') as u8 ^ 1, *w == "a new line", *w));
    match words.len() {
        0 => String::new(),
        1 => words[0].to_string(),
        n => format!("{} or {}", words[..n - 1].join(", "), words[n - 1]),
    }
}

/// A fix for the most common slips, keyed on what was expected.
fn hint(expected: &[Rule]) -> Option<String> {
    if expected.contains(&Rule::kw_title) || expected.contains(&Rule::kind) {
        return Some(
            "a statement is a declaration like `ec2 web \"Web\"` or an edge like `web -> db`"
                .into(),
        );
    }
    if expected.contains(&Rule::value) {
        return Some(
            "values are numbers (`3`, `20k`, `500rps`, `99.9%`), ranges (`2..6`), `true`/`false`, \"strings\", words or lists `[a, b]`".into(),
        );
    }
    None
}
