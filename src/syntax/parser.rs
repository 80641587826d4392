//! The pest parser and the AST builder: one function per grammar rule.

use super::ast::*;
use super::errors;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use pest::Parser;
use pest::iterators::Pair;

/// The parser generated from `grammar/cloudgram.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/cloudgram.pest"]
pub struct CgrParser;

type P<'a> = Pair<'a, Rule>;

/// Parses `text` into an AST, or returns every syntax error of it (up to
/// [`super::recover::MAX_SYNTAX_ERRORS`]): after each error the statement
/// holding it is blanked out and the text parsed again.
pub fn parse_text(text: &str) -> Result<Ast, Vec<Diagnostic>> {
    let mut work = std::borrow::Cow::Borrowed(text);
    let mut found: Vec<Diagnostic> = Vec::new();
    // Each attempt blanks at least one visible character, and there are a
    // bounded number of them: the loop always ends, and soon.
    let mut attempts = 0;
    loop {
        attempts += 1;
        match CgrParser::parse(Rule::file, &work) {
            Ok(mut pairs) => {
                let file = pairs.next().expect("the file rule always yields one pair");
                let mut b = Builder::default();
                let statements = b.statements(file.into_inner());
                found.extend(b.errors);
                return if found.is_empty() {
                    Ok(Ast { statements })
                } else {
                    found.sort_by_key(|d| d.span.start);
                    Err(found)
                };
            }
            Err(e) => {
                let d = to_diagnostic(&work, &e);
                let at = d.span.start;
                // Skipping a statement can leave the same place wrong for
                // another reason (an enclosing block now unclosed): one error
                // per place, the first.
                if !found.iter().any(|f| f.span.start == at) {
                    found.push(d);
                }
                if found.len() >= super::recover::MAX_SYNTAX_ERRORS
                    || attempts >= 2 * super::recover::MAX_SYNTAX_ERRORS
                    || !super::recover::skip_statement_at(work.to_mut(), at)
                {
                    found.sort_by_key(|d| d.span.start);
                    return Err(found);
                }
            }
        }
    }
}

fn to_diagnostic(text: &str, e: &pest::error::Error<Rule>) -> Diagnostic {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let expected: Vec<Rule> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let found = text[pos..].chars().next();
    let width = found
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(0, char::len_utf8);
    let (braces, brackets) = super::recover::open_at(text, pos);
    let stray = match found {
        Some('}') => braces == 0,
        Some(']') => brackets == 0,
        _ => false,
    };
    errors::unexpected(text, Span::new(pos, pos + width), &expected, found, stray)
}

fn span(p: &P<'_>) -> Span {
    Span::new(p.as_span().start(), p.as_span().end())
}

#[derive(Default)]
struct Builder {
    errors: Vec<Diagnostic>,
}

impl Builder {
    fn statements<'a>(&mut self, pairs: impl Iterator<Item = P<'a>>) -> Vec<Stmt> {
        pairs.filter_map(|p| self.statement(p)).collect()
    }

    fn statement(&mut self, p: P<'_>) -> Option<Stmt> {
        Some(match p.as_rule() {
            Rule::title_stmt => Stmt::Title(self.title(p)),
            Rule::direction_stmt => Stmt::Direction(self.direction(p)),
            Rule::decl => Stmt::Decl(self.decl(p)),
            Rule::edge_stmt => Stmt::Edge(self.edge(p)),
            _ => return None, // separators, EOI, braces
        })
    }

    fn title(&mut self, p: P<'_>) -> Title {
        let span = span(&p);
        let text = p
            .into_inner()
            .find(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .expect("grammar: title has a string");
        Title { text, span }
    }

    fn direction(&mut self, p: P<'_>) -> Direction {
        let span = span(&p);
        let value = p
            .into_inner()
            .find(|p| p.as_rule() == Rule::ident)
            .map(|p| ident(&p))
            .expect("grammar: direction has a word");
        Direction { value, span }
    }

    fn decl(&mut self, p: P<'_>) -> Decl {
        let whole = span(&p);
        let mut kind = None;
        let mut id = None;
        let mut label = None;
        let mut attrs = Vec::new();
        let mut block = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::kind => kind = part.into_inner().next().map(|i| ident(&i)),
                Rule::ident => id = Some(ident(&part)),
                Rule::string => label = Some(self.string(part)),
                Rule::attrs => attrs = self.attrs(part),
                Rule::block => block = Some(self.block(part)),
                _ => {}
            }
        }
        Decl {
            kind: kind.expect("grammar: decl has a kind"),
            id: id.expect("grammar: decl has an id"),
            label,
            attrs,
            block,
            span: whole,
        }
    }

    fn block(&mut self, p: P<'_>) -> Block {
        let span = span(&p);
        Block {
            statements: self.statements(p.into_inner()),
            span,
        }
    }

    fn edge(&mut self, p: P<'_>) -> EdgeStmt {
        let whole = span(&p);
        let mut endpoints = Vec::new();
        let mut ops = Vec::new();
        let mut label = None;
        let mut attrs = Vec::new();
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::endpoint => endpoints.push(
                    part.into_inner()
                        .filter(|i| i.as_rule() == Rule::ident)
                        .map(|i| ident(&i))
                        .collect(),
                ),
                Rule::edge_op => {
                    let s = span(&part);
                    let op = match part.into_inner().next().map(|o| o.as_rule()) {
                        Some(Rule::op_both) => EdgeOp::Both,
                        Some(Rule::op_async) => EdgeOp::Async,
                        Some(Rule::op_assoc) => EdgeOp::Assoc,
                        _ => EdgeOp::Sync,
                    };
                    ops.push((op, s));
                }
                Rule::edge_label => {
                    label = part
                        .into_inner()
                        .find(|s| s.as_rule() == Rule::string)
                        .map(|s| self.string(s));
                }
                Rule::attrs => attrs = self.attrs(part),
                _ => {}
            }
        }
        EdgeStmt {
            endpoints,
            ops,
            label,
            attrs,
            span: whole,
        }
    }

    fn attrs(&mut self, p: P<'_>) -> Vec<Attr> {
        p.into_inner()
            .filter(|a| a.as_rule() == Rule::attr)
            .map(|a| self.attr(a))
            .collect()
    }

    fn attr(&mut self, p: P<'_>) -> Attr {
        let whole = span(&p);
        let mut key = None;
        let mut value = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::ident => key = Some(ident(&part)),
                Rule::value => value = Some(self.value(part)),
                _ => {}
            }
        }
        Attr {
            key: key.expect("grammar: attr has a key"),
            value,
            span: whole,
        }
    }

    fn value(&mut self, p: P<'_>) -> Value {
        let whole = span(&p);
        let inner = p.into_inner().next().expect("grammar: value has one child");
        let kind = match inner.as_rule() {
            Rule::range => self.range(inner),
            Rule::quantity => self.quantity(inner),
            Rule::number => self.number(inner.as_str(), whole),
            Rule::boolean => ValueKind::Bool(inner.as_str() == "true"),
            Rule::string => ValueKind::Str(self.string(inner).value),
            Rule::list => ValueKind::List(
                inner
                    .into_inner()
                    .filter(|v| v.as_rule() == Rule::value)
                    .map(|v| self.value(v))
                    .collect(),
            ),
            _ => ValueKind::Word(inner.as_str().to_string()),
        };
        Value { kind, span: whole }
    }

    fn number(&mut self, text: &str, span: Span) -> ValueKind {
        if text.contains('.') {
            ValueKind::Float(text.parse().unwrap_or(f64::MAX))
        } else {
            match text.parse() {
                Ok(n) => ValueKind::Int(n),
                Err(_) => {
                    self.errors.push(errors::number_too_large(span));
                    ValueKind::Int(0)
                }
            }
        }
    }

    fn range(&mut self, p: P<'_>) -> ValueKind {
        let ints: Vec<(String, Span)> = p
            .into_inner()
            .filter(|i| i.as_rule() == Rule::integer)
            .map(|i| (i.as_str().to_string(), span(&i)))
            .collect();
        let mut bound = |(text, span): &(String, Span)| match self.number(text, *span) {
            ValueKind::Int(n) => n,
            _ => 0,
        };
        ValueKind::Range(bound(&ints[0]), bound(&ints[1]))
    }

    fn quantity(&mut self, p: P<'_>) -> ValueKind {
        let mut amount = 0.0;
        let mut unit = None;
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::numeral => amount = part.as_str().parse().unwrap_or(f64::MAX),
                Rule::multiplier => {
                    amount *= if part.as_str() == "k" { 1e3 } else { 1e6 };
                }
                Rule::unit => unit = Unit::from_suffix(part.as_str()),
                _ => {}
            }
        }
        ValueKind::Quantity { amount, unit }
    }

    fn string(&mut self, p: P<'_>) -> StrLit {
        let whole = span(&p);
        let raw = p
            .into_inner()
            .find(|i| i.as_rule() == Rule::string_inner)
            .map_or("", |i| i.as_str());
        StrLit {
            value: unescape(raw),
            span: whole,
        }
    }
}

fn ident(p: &P<'_>) -> Ident {
    Ident {
        name: p.as_str().to_string(),
        span: span(p),
    }
}

/// Resolves `\"`, `\\` and `\n` (the grammar admits no other escape).
pub(crate) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
