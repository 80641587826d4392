//! The wording of every syntax error, in one place.

use super::parser::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::{Arg, Message};
use crate::msg;
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
    let found: Arg = match found {
        None => msg!("found-eof").into(),
        Some('\n' | '\r') => msg!("found-eol").into(),
        Some(c) => format!("`{}`", c.escape_debug()).into(),
    };
    let message = match &words {
        None => msg!("e0001-unexpected", found = found),
        Some(words) => msg!("e0001", expected = words.clone(), found = found),
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
            msg!("e0001-unmatched", close = c),
            span,
        )
        .with_span_message(msg!("e0001-unmatched-note", open = open))
        .with_help(msg!("e0001-unmatched-help"));
    }
    let help = slip(text, span.start, expected, found_char).unwrap_or_else(|| hint(expected));
    Diagnostic::new(Severity::Error, "E0001", "syntax-error", message, span)
        .with_span_message(match words {
            None => msg!("e0001-unexpected-note"),
            Some(words) => msg!("e0001-note", expected = words),
        })
        .with_help(help)
}

/// `E0002`: a string that never closes, reported at its opening quote.
pub fn unterminated_string(span: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0002",
        "unterminated-string",
        msg!("e0002"),
        span,
    )
    .with_span_message(msg!("e0002-note"))
    .with_help(msg!("e0002-help"))
}

/// `E0003`: an escape other than `\"`, `\\` and `\n`.
pub fn bad_escape(span: Span, c: char) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0003",
        "invalid-escape",
        msg!("e0003", escape = format!("\\{}", c.escape_debug())),
        span,
    )
    .with_span_message(msg!("e0003-note"))
    .with_help(msg!("e0003-help"))
}

/// `E0004`: the file is not UTF-8.
pub fn invalid_utf8(span: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0004",
        "invalid-utf8",
        msg!("e0004"),
        span,
    )
    .with_span_message(msg!("e0004-note"))
    .with_help(msg!("e0004-help"))
}

/// `E0005`: nesting past the documented limit.
pub fn too_deep(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0005",
        "nesting-too-deep",
        msg!("e0005", limit = limit),
        span,
    )
    .with_span_message(msg!("e0005-note"))
    .with_help(msg!("e0005-help"))
}

/// `E0006`: a number that does not fit.
pub fn number_too_large(span: Span) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        "E0006",
        "number-out-of-range",
        msg!("e0006"),
        span,
    )
    .with_span_message(msg!("e0006-note"))
    .with_help(msg!("e0006-help"))
}

/// `E0007`: a `{` or `[` that is never closed, reported at the opener.
pub fn unclosed(span: Span, open: char) -> Diagnostic {
    let close = if open == '{' { '}' } else { ']' };
    Diagnostic::new(
        Severity::Error,
        "E0007",
        "unclosed-delimiter",
        msg!("e0007", open = open),
        span,
    )
    .with_span_message(msg!("e0007-note", open = open))
    .with_help(if open == '{' {
        msg!("e0007-help-block", close = close)
    } else {
        msg!("e0007-help-list", close = close)
    })
}

/// What to say for one grammar rule: the English words (which also set
/// the order of a list) and the message id of a phrase, or `None` for
/// punctuation, which reads the same in every language. `None` for rules
/// that never need naming.
fn word(rule: Rule) -> Option<(&'static str, Option<&'static str>)> {
    Some(match rule {
        Rule::newline => ("a new line", Some("word-newline")),
        Rule::semicolon => ("`;`", None),
        Rule::lbrace => ("`{`", None),
        Rule::rbrace => ("`}`", None),
        Rule::lbracket => ("`[`", None),
        Rule::rbracket => ("`]`", None),
        Rule::comma => ("`,`", None),
        Rule::colon => ("`:`", None),
        Rule::quote | Rule::string => ("a string", Some("word-string")),
        Rule::dotdot => ("`..`", None),
        Rule::kw_title | Rule::kw_direction | Rule::kind | Rule::kind_name => {
            ("a statement", Some("word-statement"))
        }
        Rule::ident | Rule::endpoint => ("an identifier", Some("word-identifier")),
        Rule::edge_op | Rule::op_both | Rule::op_sync | Rule::op_async | Rule::op_assoc => (
            "an edge operator (`->`, `~>`, `<->` or `--`)",
            Some("word-edge-operator"),
        ),
        Rule::value
        | Rule::range
        | Rule::quantity
        | Rule::number
        | Rule::numeral
        | Rule::integer
        | Rule::boolean
        | Rule::word
        | Rule::list => ("a value", Some("word-value")),
        Rule::unit | Rule::multiplier => {
            ("a unit (`rps`, `ms`, `%`, `GB`, ...)", Some("word-unit"))
        }
        Rule::attr | Rule::attrs => ("an attribute", Some("word-attribute")),
        Rule::edge_label => ("`:`", None),
        Rule::block => ("`{`", None),
        Rule::EOI => ("end of file", Some("found-eof")),
        _ => return None,
    })
}

/// "`{`, `[` or a new line": the distinct words for the rules, in a stable
/// order, or `None` when none of them has words.
fn expected_words(rules: &[Rule]) -> Option<Arg> {
    let mut words: Vec<(&str, Option<&'static str>)> = Vec::new();
    for rule in rules {
        if let Some(w) = word(*rule)
            && !words.contains(&w)
        {
            words.push(w);
        }
    }
    // A statement start also accepts an identifier: say it once.
    if words.iter().any(|w| w.0 == "a statement") {
        words.retain(|w| w.0 != "an identifier");
    }
    words.sort_by_key(|w| (w.0.starts_with('`') as u8 ^ 1, w.0 == "a new line", w.0));
    let items: Vec<Arg> = words
        .into_iter()
        .map(|(en, id)| match id {
            Some(id) => Arg::Message(Message {
                id,
                args: Vec::new(),
            }),
            None => Arg::Text(en.to_string()),
        })
        .collect();
    (!items.is_empty()).then(|| crate::i18n::or_list(items))
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
fn slip(text: &str, pos: usize, expected: &[Rule], found: Option<char>) -> Option<Message> {
    let (line, at) = line_at(text, pos);
    let before = code(&line[..at]);
    let rest = code(&line[at..]);
    let expects = |r: Rule| expected.contains(&r);
    let found = found.unwrap_or('\n');
    // Arrows from other languages.
    if found == '>' && before.ends_with("--") {
        return Some(msg!("slip-assoc-arrow"));
    }
    if rest.starts_with("<-") && !rest.starts_with("<->") && !rest.starts_with("<--") {
        return Some(msg!("slip-left-arrow"));
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
        return Some(msg!("slip-arrow", right = *right));
    }
    // A non-ASCII character where an ID goes (`ec2 웹서버`).
    if !found.is_ascii() && found.is_alphanumeric() && !expects(Rule::value) {
        let stop = |c: char| c.is_whitespace() || "[]{};,".contains(c);
        let start = line[..at].rfind(stop).map_or(0, |i| i + 1);
        let end = line[at..].find(stop).map_or(line.len(), |i| at + i);
        let word = &line[start..end];
        let kind = before.split_whitespace().next().unwrap_or("ec2");
        return Some(msg!("slip-non-ascii-id", kind = kind, word = word));
    }
    // `web -> db "label"`: an edge's label follows a colon.
    if found == '"' && (expects(Rule::edge_label) || expects(Rule::colon)) && !expects(Rule::value)
    {
        return Some(msg!("slip-edge-label", before = before, rest = rest));
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
        return Some(msg!("slip-quote-label", before = before, label = label));
    }
    // `[replicas 2]`: a key and its value without `:`.
    if expects(Rule::colon) && !expects(Rule::edge_label) && found.is_ascii_alphanumeric() {
        let key = before
            .rsplit(['[', ',', ' '])
            .find(|w| !w.is_empty())
            .unwrap_or("key");
        return Some(msg!(
            "slip-key-colon",
            key = key,
            value = rest.split([',', ']', ' ']).next().unwrap_or("value")
        ));
    }
    // `a ->` at the end of a line: an operator needs something on its right.
    if expects(Rule::ident)
        && matches!(found, '\n' | '\r')
        && (before.ends_with('>') || before.ends_with("--"))
    {
        return Some(msg!("slip-dangling-operator"));
    }
    None
}

/// A fix keyed on what was expected, when no slip is recognised: every
/// syntax error gets one.
fn hint(expected: &[Rule]) -> Message {
    if expected.contains(&Rule::kw_title) || expected.contains(&Rule::kind) {
        return msg!("hint-statement");
    }
    if expected.contains(&Rule::value) {
        return msg!("hint-value");
    }
    if expected.contains(&Rule::ident) || expected.contains(&Rule::endpoint) {
        return msg!("hint-identifier");
    }
    if expected.contains(&Rule::rbracket) || expected.contains(&Rule::comma) {
        return msg!("hint-attributes");
    }
    msg!("hint-syntax")
}
