//! `cloudgram import terraform`: a Terraform configuration (a directory of
//! `.tf` files, or the JSON of `terraform show -json`) in, the text of a
//! formatted `.cgr` design out.
//!
//! ```text
//! .tf files ─hcl─┐                                  
//!                ├─▶ Inventory ─map─▶ Design ─emit─▶ text ─fmt─▶ .cgr
//! show -json ─json┘
//! ```

pub mod design;
pub mod emit;
pub mod eval;
pub mod hcl;
pub mod inventory;
pub mod json;
pub mod map;
pub mod value;

use crate::source::SourceFile;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a configuration could not be imported, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// What is wrong, lowercase, no final period.
    pub message: String,
    /// The file it is about.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl ImportError {
    /// An error about a whole file or directory.
    pub fn at_file(path: &Path, message: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
            file: Some(path.to_path_buf()),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(file) = &self.file {
            write!(f, "\n --> {}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
        }
        Ok(())
    }
}

/// Reads the configuration at `path`: a directory (or one `.tf` file) as
/// HCL, any other file as `terraform show -json` output.
pub fn read(path: &Path) -> Result<inventory::Inventory, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        ImportError::at_file(
            path,
            format!("cannot read it: {}", crate::cli::io::reason(&e)),
        )
    })?;
    if meta.is_dir() || path.extension().is_some_and(|x| x == "tf") {
        return hcl::read(path);
    }
    let text = read_text(path)?;
    if !text.trim_start().starts_with('{') {
        return Err(ImportError::at_file(
            path,
            "not a Terraform configuration: give a directory of `.tf` files, a `.tf` file, or the JSON of `terraform show -json`",
        ));
    }
    json::read(path, &text, map::drawn)
}

/// The text of the file at `path`: within the input limit, UTF-8.
pub(super) fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = crate::source::read_limited(path, crate::limits::MAX_INPUT_BYTES)
        .map_err(|e| {
            ImportError::at_file(
                path,
                format!("cannot read it: {}", crate::cli::io::reason(&e)),
            )
        })?
        .ok_or_else(|| ImportError::at_file(path, "it is larger than the input limit"))?;
    let text =
        String::from_utf8(bytes).map_err(|_| ImportError::at_file(path, "it is not UTF-8 text"))?;
    Ok(text)
}

/// Imports the configuration at `path` and returns the design's text, in
/// the canonical layout of `cloudgram fmt`. The design compiles; an
/// importer bug that would write one that does not is an error here.
pub fn import(path: &Path) -> Result<String, ImportError> {
    let inv = read(path)?;
    let design = map::map(&inv, &path.display().to_string());
    let text = emit::emit(&design);
    let file = SourceFile::new("import.cgr", text);
    let internal = |what: &str| ImportError {
        message: format!("internal error: the imported design {what} (please report it)"),
        file: Some(path.to_path_buf()),
        line: None,
        column: None,
    };
    let formatted = crate::syntax::format::format(&file).map_err(|_| internal("does not parse"))?;
    let check = crate::compile::compile(&SourceFile::new("import.cgr", formatted.clone()));
    if !check.ok() {
        let first = check
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .map_or(String::new(), |d| format!(": {}", d.message));
        return Err(internal(&format!("does not compile{first}")));
    }
    Ok(formatted)
}
