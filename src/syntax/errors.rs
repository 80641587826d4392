//! The wording of every syntax error, in one place.

use super::parser::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;

/// `E0001`: the text does not follow the grammar at `span` (in `text`).
/// `stray` says that a found `}` or `]` closes nothing.
pub fn unexpected(
    text: &str,
    span: Span,
    expected: &[Rule],
    found: Option<char>,
    stray: bool,
) -> Diagnostic {
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
        && stray
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
    let help = slip(text, span.start, expected, found_char).unwrap_or_else(|| hint(expected));
    Diagnostic::new(Severity::Error, "E0001", "syntax-error", message, span)
        .with_span_message(if words.is_empty() {
            "unexpected here".to_string()
        } else {
            format!("expected {words}")
        })
        .with_help(help)
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
    .with_help("write large counts with a multiplier, e.g. `20M`, or as a decimal")
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

/// The line of `text` that holds `pos`, and `pos`'s offset in it.
fn line_at(text: &str, pos: usize) -> (&str, usize) {
    let pos = pos.min(text.len());
    let start = text[..pos].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[pos..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| pos + i);
    (&text[start..end], pos - start)
}

/// The code part of a line: up to a comment, trimmed.
fn code(line: &str) -> &str {
    let cut = [line.find(" #"), line.find(" //")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(line.len());
    line[..cut].trim()
}

/// A concrete fix for the slips people make, read from the text around
/// the error: `-->` or `=>` for `->`, a non-ASCII ID, an unquoted label, an
/// edge label without `:`, `key value` without `:`.
fn slip(text: &str, pos: usize, expected: &[Rule], found: Option<char>) -> Option<String> {
    let (line, at) = line_at(text, pos);
    let before = code(&line[..at]);
    let rest = code(&line[at..]);
    let expects = |r: Rule| expected.contains(&r);
    let found = found.unwrap_or('\n');
    // Arrows from other languages.
    if found == '>' && before.ends_with("--") {
        return Some(
            "did you mean `->`? (`--` is an association without direction; `->` is a call)".into(),
        );
    }
    if rest.starts_with("<-") && !rest.starts_with("<->") && !rest.starts_with("<--") {
        return Some("edges point left to right: write `b -> a` for a call from `b` to `a`".into());
    }
    let arrows = [
        ("==>", "->"),
        ("=>", "->"),
        ("→", "->"),
        ("<-->", "<->"),
        ("<=>", "<->"),
        ("~~>", "~>"),
    ];
    if let Some((_, right)) = arrows.iter().find(|(wrong, _)| rest.starts_with(wrong)) {
        return Some(format!(
            "did you mean `{right}`? the edge operators are `->`, `~>`, `<->` and `--`"
        ));
    }
    // A non-ASCII character where an ID goes (`ec2 웹서버`).
    if !found.is_ascii() && found.is_alphanumeric() && !expects(Rule::value) {
        let stop = |c: char| c.is_whitespace() || "[]{};,".contains(c);
        let start = line[..at].rfind(stop).map_or(0, |i| i + 1);
        let end = line[at..].find(stop).map_or(line.len(), |i| at + i);
        let word = &line[start..end];
        let kind = before.split_whitespace().next().unwrap_or("ec2");
        return Some(format!(
            "IDs are ASCII letters, digits, `_` and `-`; put any other text in a quoted label: `{kind} my_id \"{word}\"`"
        ));
    }
    // `web -> db "label"`: an edge's label follows a colon.
    if found == '"' && (expects(Rule::edge_label) || expects(Rule::colon)) && !expects(Rule::value)
    {
        return Some(format!(
            "an edge's label follows a colon: `{before} : {rest}`"
        ));
    }
    // `ec2 web Web Server`: an unquoted label after a declaration.
    if found.is_ascii_alphabetic()
        && (expects(Rule::string) || expects(Rule::quote))
        && before.split_whitespace().count() == 2
    {
        let label: String = rest
            .split(['[', '{', ';'])
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        return Some(format!("quote the label: `{before} \"{label}\"`"));
    }
    // `[replicas 2]`: a key and its value without `:`.
    if expects(Rule::colon) && !expects(Rule::edge_label) && found.is_ascii_alphanumeric() {
        let key = before
            .rsplit(['[', ',', ' '])
            .find(|w| !w.is_empty())
            .unwrap_or("key");
        return Some(format!(
            "separate a key from its value with `:`, e.g. `{key}: {}`",
            rest.split([',', ']', ' ']).next().unwrap_or("value")
        ));
    }
    // `a ->` at the end of a line: an operator needs something on its right.
    if expects(Rule::ident)
        && matches!(found, '\n' | '\r')
        && (before.ends_with('>') || before.ends_with("--"))
    {
        return Some("an edge operator needs an element on each side: `web -> db`".into());
    }
    None
}

/// A fix keyed on what was expected, when no slip is recognised: every
/// syntax error gets one.
fn hint(expected: &[Rule]) -> String {
    if expected.contains(&Rule::kw_title) || expected.contains(&Rule::kind) {
        return "a statement is a declaration like `ec2 web \"Web\"` or an edge like `web -> db`"
            .into();
    }
    if expected.contains(&Rule::value) {
        return "values are numbers (`3`, `20k`, `500rps`, `99.9%`), ranges (`2..6`), `true`/`false`, \"strings\", words or lists `[a, b]`".into();
    }
    if expected.contains(&Rule::ident) || expected.contains(&Rule::endpoint) {
        return "IDs start with a letter or `_`, then letters, digits, `_` or `-`".into();
    }
    if expected.contains(&Rule::rbracket) || expected.contains(&Rule::comma) {
        return "attributes are `[key: value, key: value]`, separated by commas".into();
    }
    "a declaration is `KIND ID [\"LABEL\"] [ATTRS] [{ ... }]` and an edge `A -> B [: \"LABEL\"] [ATTRS]`, one statement per line or separated by `;`".into()
}
