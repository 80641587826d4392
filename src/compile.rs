//! The one place the stages are chained: text → AST → model → graph → lint.
//! Each stage collects its diagnostics; only here is it decided to stop.

use crate::diagnostic::{self, Diagnostic};
use crate::graph::ArchGraph;
use crate::model::{self, Architecture};
use crate::source::{SourceFile, Span};
use crate::{limits, lint, syntax};

/// The outcome of compiling one file.
#[derive(Debug)]
pub struct Compilation {
    /// The checked model, when there were no errors.
    pub arch: Option<Architecture>,
    /// Everything reported, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    /// Whether the file compiled (warnings allowed).
    pub fn ok(&self) -> bool {
        self.arch.is_some()
    }
}

/// Turns raw bytes into a source file. Invalid UTF-8 gives a file holding
/// the text up to the bad byte (so that the error can be shown in context)
/// and an `E0004` diagnostic pointing at it.
pub fn source_from_bytes(name: &str, bytes: Vec<u8>) -> (SourceFile, Option<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let error = syntax::errors::invalid_utf8(Span::new(at, at + 1));
            (SourceFile::new(name, text), Some(error))
        }
    }
}

/// Parses and lowers a file: the model, or the errors that prevent it.
pub fn compile(file: &SourceFile) -> Compilation {
    if let Some(too_many) = limits::precheck(&file.text) {
        return Compilation {
            arch: None,
            diagnostics: vec![too_many],
        };
    }
    let mut ast = match syntax::parse(file) {
        Ok(ast) => ast,
        Err(diagnostics) => {
            return Compilation {
                arch: None,
                diagnostics,
            };
        }
    };
    // The design-wide limits come before any expensive work.
    let mut diagnostics = limits::check(file, &mut ast);
    if diagnostics.iter().any(Diagnostic::is_error) {
        diagnostic::sort(&mut diagnostics);
        return Compilation {
            arch: None,
            diagnostics,
        };
    }
    let (arch, lowered) = model::lower(&ast);
    diagnostics.extend(lowered);
    diagnostic::sort(&mut diagnostics);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Compilation {
        arch: (!failed).then_some(arch),
        diagnostics,
    }
}

/// Compiles a file and, if it compiled, runs every lint rule on it.
pub fn check(file: &SourceFile) -> Compilation {
    check_with(file, &lint::Config::default())
}

/// Compiles a file and, if it compiled, runs the lint rules with the levels
/// and parameters of `config` (a `cloudgram.toml`).
pub fn check_with(file: &SourceFile, config: &lint::Config) -> Compilation {
    let mut c = compile(file);
    if let Some(arch) = &c.arch {
        let graph = ArchGraph::new(arch);
        c.diagnostics.extend(lint::run_with(arch, &graph, config));
        diagnostic::sort(&mut c.diagnostics);
    }
    c
}

/// Compiles source text directly (tests, benchmarks, embedding).
pub fn compile_str(name: &str, text: &str) -> Compilation {
    compile(&SourceFile::new(name, text))
}
