//! `cloudgram fmt`: rewrite designs in the canonical layout, or with
//! `--check` say which are not in it (with a diff) and change nothing.

use super::io::{WriteError, reason, say};
use super::{EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, read_input};
use crate::diagnostic::human;
use crate::syntax::format;

/// Arguments of `fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The designs to format in place (`.cgr`); `-` formats standard input
    /// to standard output.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Change nothing: print a diff of each file that is not formatted and
    /// exit with status 1 if there is one.
    #[arg(long)]
    pub check: bool,
}

/// Runs `fmt`; returns the exit status: 2 when a file could not be read,
/// parsed or written (the other files are still done), else 1 when
/// `--check` found a file to change, else 0.
pub fn run(args: &Args) -> u8 {
    let mut invalid = false;
    let mut unformatted = false;
    for path in &args.files {
        let (file, bad_utf8) = match read_input(path) {
            Ok(read) => read,
            Err(message) => {
                say!("error: {message}");
                invalid = true;
                continue;
            }
        };
        if let Some(d) = bad_utf8 {
            super::io::stderr(&human::render(&file, &d));
            invalid = true;
            continue;
        }
        let formatted = match format::format(&file) {
            Ok(text) => text,
            Err(diagnostics) => {
                super::io::stderr(&human::render_all(&file, &diagnostics));
                say!(
                    "error: {}",
                    crate::msg!("fmt-cannot-parse", file = &file.name)
                );
                invalid = true;
                continue;
            }
        };
        if args.check {
            if formatted != file.text {
                unformatted = true;
                super::io::stdout(diff(&file.name, &file.text, &formatted).as_bytes());
            }
        } else if path == "-" {
            super::io::stdout(formatted.as_bytes());
        } else if formatted != file.text {
            match super::io::write_file(std::path::Path::new(path), formatted.as_bytes(), None) {
                Ok(()) => say!("{}", crate::msg!("fmt-formatted", path = path)),
                Err(WriteError::Io(e)) => {
                    say!(
                        "error: {}",
                        crate::msg!("fmt-cannot-write", path = path, reason = reason(&e))
                    );
                    invalid = true;
                }
                Err(WriteError::IsInput) => unreachable!("no input to protect"),
            }
        }
    }
    if invalid {
        EXIT_INVALID
    } else if unformatted {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// A unified diff from the file as it is to the file formatted.
fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}
