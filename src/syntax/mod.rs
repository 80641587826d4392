//! Syntax: text in, [`Ast`] with spans out (or syntax errors worded for people).
//! A prescan catches what a PEG parser reports badly, then the pest grammar
//! in `grammar/cloudgram.pest` runs and one builder function per rule makes
//! the AST. After a syntax error, [`recover`] skips the statement and parses
//! on, so that every error of a file is reported in one run.

pub mod ast;
pub mod errors;
pub mod format;
pub mod parser;
pub mod prescan;
pub mod recover;

pub use ast::*;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Parses a source file. Never panics, whatever the text.
pub fn parse(file: &SourceFile) -> Result<Ast, Vec<Diagnostic>> {
    let early = prescan::prescan(&file.text);
    if early.is_empty() {
        return parser::parse_text(&file.text);
    }
    // A bad string stays on its line: skip the statements that hold one and
    // parse the rest, so that the other errors of the file are reported too.
    // Unclosed blocks and nesting past the limit leave nothing to go on with.
    if early.iter().any(|d| !matches!(d.code, "E0002" | "E0003")) {
        return Err(early);
    }
    let mut rest = file.text.clone();
    for d in &early {
        recover::skip_statement_at(&mut rest, d.span.start);
    }
    let mut all = early;
    if let Err(more) = parser::parse_text(&rest) {
        let room = recover::MAX_SYNTAX_ERRORS.saturating_sub(all.len());
        all.extend(more.into_iter().take(room));
    }
    all.sort_by_key(|d| d.span.start);
    Err(all)
}
