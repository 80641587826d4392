//! Machine-readable diagnostics: the `check --format json` object of the spec.

use super::Diagnostic;
use crate::source::SourceFile;
use serde::Serialize;

/// The whole report of one `check` run.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Every file checked, in command-line order.
    pub files: Vec<String>,
    /// Every diagnostic, file by file, in source order.
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// One diagnostic with its position resolved to 1-based line and column.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// `E0001`, `W0001`, `AV004`, ...
    pub code: &'static str,
    /// Kebab-case name of the code.
    pub name: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// The file's display name.
    pub file: String,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column (characters) of the start.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end (exclusive).
    pub end_column: usize,
    /// The suggested fix, if any.
    pub help: Option<String>,
    /// IDs of the elements concerned.
    pub subjects: Vec<String>,
    /// Switched off by `allow`.
    pub suppressed: bool,
    /// Stable identity of the finding: the same design gives the same fingerprint.
    pub fingerprint: String,
}

impl JsonDiagnostic {
    /// Resolves a diagnostic's span against its file.
    pub fn new(file: &SourceFile, d: &Diagnostic) -> Self {
        let start = file.line_col(d.span.start);
        let end = file.line_col(d.span.end);
        JsonDiagnostic {
            code: d.code,
            name: d.name,
            severity: d.severity.as_str(),
            message: d.message.clone(),
            file: file.name.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            help: d.help.clone(),
            subjects: d.subjects.clone(),
            suppressed: d.suppressed,
            fingerprint: d.fingerprint(),
        }
    }
}
