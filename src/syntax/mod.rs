//! Syntax: text in, [`Ast`] with spans out (or syntax errors worded for people).
//! A prescan catches what a PEG parser reports badly, then the pest grammar
//! in `grammar/cloudgram.pest` runs and one builder function per rule makes
//! the AST. After a syntax error, [`recover`] skips the statement and parses
//! on, so that every error of a file is reported in one run.

pub mod ast;
pub mod errors;
pub mod parser;
pub mod prescan;
pub mod recover;

pub use ast::*;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Parses a source file. Never panics, whatever the text.
pub fn parse(file: &SourceFile) -> Result<Ast, Vec<Diagnostic>> {
    let early = prescan::prescan(&file.text);
    if !early.is_empty() {
        return Err(early);
    }
    parser::parse_text(&file.text)
}
