//! Canonical formatting (`cloudgram fmt`): source text in, the same design
//! in one layout out. It prints pest's parse tree, which keeps every token
//! with its place, and puts back the comments the grammar skips, each after
//! the token it followed (or on its own line where it stood alone).
//!
//! The layout: four spaces per block level, one statement per line (`;`
//! becomes a new line), one space around edge operators and before `{`, `:`
//! of an edge label and `[`, `key: value` and `, ` inside lists, at most one
//! blank line between statements and none at the start or end of a block,
//! strings re-escaped (`\"`, `\\`, `\n`), numbers, words and kinds as
//! written, new lines as LF and one at the end of the file. An attribute
//! list written over several lines, or with a comment inside, is written
//! one attribute per line, each followed by a comma; a comment
//! elsewhere inside a statement ends its line, and the statement goes on
//! on the next, indented one more level.

use super::parser::{CgrParser, Rule, unescape};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use pest::Parser;
use pest::iterators::Pair;

type P<'a> = Pair<'a, Rule>;

/// One level of indentation.
const INDENT: &str = "    ";

/// Formats a file, or returns its syntax errors (a file that does not parse
/// is not formatted). The result compiles to the same model.
pub fn format(file: &SourceFile) -> Result<String, Vec<Diagnostic>> {
    super::parse(file)?;
    let text = file.text.as_str();
    let tree = CgrParser::parse(Rule::file, text)
        .expect("the text parsed a moment ago")
        .next()
        .expect("the file rule always yields one pair");
    let comments = comments(text, tree.clone());
    let mut p = Printer {
        text,
        comments,
        next_comment: 0,
        out: String::with_capacity(text.len() + text.len() / 8),
        line: String::new(),
        line_has_comment: false,
        depth: 0,
        pending: None,
        last_end: 0,
        block_start: true,
    };
    p.statements(tree.into_inner());
    p.flush_comments(text.len(), true);
    p.end_line();
    Ok(p.out)
}

/// A comment as written (`# ...` or `// ...`, trailing spaces dropped).
#[derive(Debug)]
struct Comment {
    start: usize,
    end: usize,
    /// Nothing but spaces before it on its line.
    own_line: bool,
}

/// The comments of the text: whatever is not blank between two tokens of
/// the parse tree (only spaces and comments can be, and a comment runs to
/// the new line, which is a token).
fn comments(text: &str, tree: P<'_>) -> Vec<Comment> {
    let mut found = Vec::new();
    let mut at = 0;
    let gap = |from: usize, to: usize, found: &mut Vec<Comment>| {
        let between = &text[from..to];
        let blank = between.trim_start_matches([' ', '\t', '\u{FEFF}']);
        if blank.is_empty() {
            return;
        }
        let start = to - blank.len();
        let end = start + blank.trim_end().len();
        let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let own_line = text[line_start..start]
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\u{FEFF}'));
        found.push(Comment {
            start,
            end,
            own_line,
        });
    };
    for leaf in tree.into_inner().flatten() {
        if leaf.clone().into_inner().next().is_some() {
            continue;
        }
        let span = leaf.as_span();
        if span.start() > at {
            gap(at, span.start(), &mut found);
        }
        at = at.max(span.end());
    }
    if at < text.len() {
        gap(at, text.len(), &mut found);
    }
    found
}

/// Writes the canonical text line by line. Line ends are lazy: after a
/// token the line stays open (`pending` says where the next token goes), so
/// that a comment that followed the token in the source joins its line.
struct Printer<'a> {
    text: &'a str,
    comments: Vec<Comment>,
    next_comment: usize,
    out: String,
    /// The line being written, indentation included.
    line: String,
    /// The line ends with a comment: nothing more may join it.
    line_has_comment: bool,
    /// Block nesting of the statement being written.
    depth: usize,
    /// The next token starts a new line at this indentation level.
    pending: Option<usize>,
    /// Source end of the last token or comment written (for blank lines).
    last_end: usize,
    /// Nothing written yet in the current block (no blank line before it).
    block_start: bool,
}

impl Printer<'_> {
    fn end_line(&mut self) {
        if !self.line.trim().is_empty() {
            self.out.push_str(self.line.trim_end());
            self.out.push('\n');
        }
        self.line.clear();
        self.line_has_comment = false;
    }

    fn open_line(&mut self, level: usize) {
        self.end_line();
        self.line = INDENT.repeat(level);
    }

    /// Whether the source has a blank line between the last thing written and `to`.
    fn blank_before(&self, to: usize) -> bool {
        let gap = &self.text[self.last_end.min(to)..to];
        let breaks =
            gap.matches('\n').count() + gap.matches('\r').count() - gap.matches("\r\n").count();
        breaks >= 2
    }

    /// Writes the comments that start before `before`. Between statements
    /// (`between`) a comment alone on its line keeps a blank line before it;
    /// inside a statement it is indented one more level.
    fn flush_comments(&mut self, before: usize, between: bool) {
        while let Some(c) = self.comments.get(self.next_comment) {
            if c.start >= before {
                break;
            }
            let (start, end, own_line) = (c.start, c.end, c.own_line);
            self.next_comment += 1;
            let body = &self.text[start..end];
            // A comment ends its line: a second one after the same token goes below.
            let line_done = self.line_has_comment || self.line.trim().is_empty();
            if own_line || line_done {
                let level = if between { self.depth } else { self.depth + 1 };
                self.end_line();
                if between && !self.block_start && self.blank_before(start) {
                    self.out.push('\n');
                }
                self.line = INDENT.repeat(level);
                self.line.push_str(body);
            } else {
                self.line.push(' ');
                self.line.push_str(body);
            }
            self.line_has_comment = true;
            self.block_start = false;
            self.last_end = end;
            self.pending = Some(self.depth + 1);
        }
    }

    /// Writes a token that stands at `span` in the source, after `sep`
    /// (unless it starts a line). Comments before it are written first.
    fn token(&mut self, sep: &str, word: &str, span: pest::Span<'_>) {
        self.flush_comments(span.start(), false);
        self.put(sep, word);
        self.last_end = span.end();
    }

    /// Writes punctuation right after the previous token; a comment between
    /// them in the source moves after it.
    fn put(&mut self, sep: &str, word: &str) {
        match self.pending.take() {
            Some(level) => self.open_line(level),
            None if !self.line.trim().is_empty() => self.line.push_str(sep),
            None => {}
        }
        self.line.push_str(word);
    }

    fn has_comment(&self, from: usize, to: usize) -> bool {
        self.comments[self.next_comment..]
            .iter()
            .take_while(|c| c.start < to)
            .any(|c| c.start >= from)
    }

    /// The statements of a file or block (separators, braces and the end skipped).
    fn statements<'a>(&mut self, pairs: impl Iterator<Item = P<'a>>) {
        for p in pairs {
            match p.as_rule() {
                Rule::title_stmt | Rule::direction_stmt | Rule::decl | Rule::edge_stmt => {
                    self.statement(p)
                }
                _ => {}
            }
        }
    }

    fn statement(&mut self, p: P<'_>) {
        let start = p.as_span().start();
        self.flush_comments(start, true);
        let blank = !self.block_start && self.blank_before(start);
        self.end_line();
        if blank {
            self.out.push('\n');
        }
        self.pending = Some(self.depth);
        self.block_start = false;
        match p.as_rule() {
            Rule::title_stmt | Rule::direction_stmt => {
                for part in p.into_inner() {
                    match part.as_rule() {
                        Rule::string => self.string(" ", part),
                        _ => self.token(" ", part.as_str(), part.as_span()),
                    }
                }
            }
            Rule::decl => self.decl(p),
            _ => self.edge(p),
        }
    }

    fn decl(&mut self, p: P<'_>) {
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::string => self.string(" ", part),
                Rule::attrs => self.attrs(part),
                Rule::block => self.block(part),
                _ => self.token(" ", part.as_str(), part.as_span()),
            }
        }
    }

    fn block(&mut self, p: P<'_>) {
        let span = p.as_span();
        self.token(" ", "{", span);
        let close = span.end() - 1;
        let empty = !p.clone().into_inner().any(|s| {
            matches!(
                s.as_rule(),
                Rule::title_stmt | Rule::direction_stmt | Rule::decl | Rule::edge_stmt
            )
        });
        if empty && !self.has_comment(span.start(), close) {
            self.put("", "}");
            self.last_end = span.end();
            return;
        }
        self.depth += 1;
        self.block_start = true;
        self.statements(p.into_inner());
        self.flush_comments(close, true);
        self.depth -= 1;
        self.pending = Some(self.depth);
        self.put("", "}");
        self.last_end = span.end();
    }

    fn edge(&mut self, p: P<'_>) {
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::endpoint => {
                    let ids = part.into_inner().filter(|i| i.as_rule() == Rule::ident);
                    for (i, id) in ids.enumerate() {
                        if i > 0 {
                            self.put("", ",");
                        }
                        self.token(" ", id.as_str(), id.as_span());
                    }
                }
                Rule::edge_op => self.token(" ", part.as_str(), part.as_span()),
                Rule::edge_label => {
                    self.put(" ", ":");
                    for s in part.into_inner().filter(|s| s.as_rule() == Rule::string) {
                        self.string(" ", s);
                    }
                }
                Rule::attrs => self.attrs(part),
                _ => {}
            }
        }
    }

    /// `[key: value, flag]`, or one attribute per line when the list was
    /// written over several lines or holds a comment.
    fn attrs(&mut self, p: P<'_>) {
        let span = p.as_span();
        let vertical =
            span.as_str().contains(['\n', '\r']) || self.has_comment(span.start(), span.end());
        self.token(" ", "[", span);
        let mut first = true;
        for attr in p.into_inner().filter(|a| a.as_rule() == Rule::attr) {
            if vertical {
                self.pending = Some(self.depth + 1);
            } else if !first {
                self.put("", ",");
            }
            for part in attr.into_inner() {
                match part.as_rule() {
                    Rule::ident => {
                        let sep = if first || vertical { "" } else { " " };
                        self.token(sep, part.as_str(), part.as_span());
                    }
                    Rule::colon => self.put("", ":"),
                    Rule::value => self.value(part, " "),
                    _ => {}
                }
            }
            if vertical {
                self.put("", ",");
            }
            first = false;
        }
        let close = span.end() - 1;
        self.flush_comments(close, false);
        if vertical {
            self.pending = Some(self.depth);
        }
        self.put("", "]");
        self.last_end = span.end();
    }

    /// A value after `sep` (a space, or nothing right after `[`).
    fn value(&mut self, p: P<'_>, sep: &str) {
        let inner = p.into_inner().next().expect("grammar: value has one child");
        match inner.as_rule() {
            Rule::string => self.string(sep, inner),
            Rule::list => {
                let span = inner.as_span();
                self.token(sep, "[", span);
                let items = inner.into_inner().filter(|v| v.as_rule() == Rule::value);
                for (i, v) in items.enumerate() {
                    if i > 0 {
                        self.put("", ",");
                    }
                    self.value(v, if i == 0 { "" } else { " " });
                }
                self.flush_comments(span.end() - 1, false);
                self.put("", "]");
                self.last_end = span.end();
            }
            _ => self.token(sep, inner.as_str(), inner.as_span()),
        }
    }

    /// A string literal, re-escaped.
    fn string(&mut self, sep: &str, p: P<'_>) {
        let span = p.as_span();
        let raw = p
            .into_inner()
            .find(|i| i.as_rule() == Rule::string_inner)
            .map_or("", |i| i.as_str());
        self.token(sep, &escape(&unescape(raw)), span);
    }
}

/// A string value as a literal: quotes, and `\"`, `\\`, `\n` escaped.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        format(&SourceFile::new("t.cgr", text)).expect("parses")
    }

    #[test]
    fn spacing_and_one_statement_per_line() {
        assert_eq!(
            fmt("ec2   web \"Web\"[replicas:2..6 ,autoscale];rds db\nweb->db:\"SQL\"[port:5432]"),
            "ec2 web \"Web\" [replicas: 2..6, autoscale]\nrds db\nweb -> db : \"SQL\" [port: 5432]\n"
        );
    }

    #[test]
    fn blocks_are_indented_and_empty_blocks_stay_empty() {
        assert_eq!(
            fmt("vpc v {subnet s { ec2 a }\n\n\n az z {}}"),
            "vpc v {\n    subnet s {\n        ec2 a\n    }\n\n    az z {}\n}\n"
        );
    }

    #[test]
    fn comments_stay_where_they_were() {
        let text =
            "# head\n\nvpc v { # the vpc\n    # inside\n    ec2 a // end\n    # last\n} # after\n";
        assert_eq!(fmt(text), text);
    }

    #[test]
    fn a_comment_in_an_attribute_list_puts_one_attribute_per_line() {
        assert_eq!(
            fmt("ec2 a [replicas: 2 # two\n, autoscale]"),
            "ec2 a [\n    replicas: 2, # two\n    autoscale,\n]\n"
        );
    }

    #[test]
    fn a_comment_inside_an_edge_breaks_the_line() {
        assert_eq!(
            fmt("a -> # first\n b, # second\n c : \"x\""),
            "a -> # first\n    b, # second\n    c : \"x\"\n"
        );
    }

    #[test]
    fn an_attribute_list_over_several_lines_stays_one_attribute_per_line() {
        assert_eq!(
            fmt("ec2 a [replicas: 2,\n  autoscale]\nec2 b [x: 1]"),
            "ec2 a [\n    replicas: 2,\n    autoscale,\n]\nec2 b [x: 1]\n"
        );
    }

    #[test]
    fn lists_and_strings() {
        assert_eq!(
            fmt("ec2 a [azs:[ a,b ], note: \"say \\\"hi\\\"\\n\", x: [[1,2], [3]]]"),
            "ec2 a [azs: [a, b], note: \"say \\\"hi\\\"\\n\", x: [[1, 2], [3]]]\n"
        );
    }

    #[test]
    fn hash_and_slashes_inside_strings_and_words_are_not_comments() {
        let text = "ec2 a \"#1 // not a comment\" [path: a/b.c]\n";
        assert_eq!(fmt(text), text);
    }
}
