//! `cloudgram check`: compile and lint files, report like a compiler.

use super::io::say;
use super::{EXIT_FINDINGS, EXIT_INVALID, EXIT_OK, read_input};
use crate::compile;
use crate::diagnostic::json::{JsonDiagnostic, Report};
use crate::diagnostic::{Diagnostic, Severity, human};
use crate::msg;
use crate::source::SourceFile;
use clap::ValueEnum;

/// Report formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style text.
    Human,
    /// One JSON object with every diagnostic.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// The lowest severity that makes `check` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Any finding fails.
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The designs to check (`.cgr`); `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Report format; every format goes to standard output.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 when a finding at or above this level is not suppressed.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Lint configuration (rule levels and parameters); by default the
    /// `cloudgram.toml` next to each checked file, if there is one.
    #[arg(long, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,
}

/// Runs `check`; returns the exit status.
pub fn run(args: &Args) -> u8 {
    let mut results: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    let mut invalid = false;
    let mut unchecked = 0;
    // `--config` applies to every file: read it once, and stop if it is bad.
    let explicit = match args.config.as_deref().map(crate::lint::Config::load) {
        Some(Err(message)) => {
            say!("error: {message}");
            return EXIT_INVALID;
        }
        Some(Ok(config)) => Some(config),
        None => None,
    };
    for path in &args.files {
        match read_input(path) {
            Ok((file, Some(bad_utf8))) => {
                invalid = true;
                results.push((file, vec![bad_utf8]));
            }
            Ok((file, None)) => {
                let design = (path != "-").then(|| std::path::Path::new(path.as_str()));
                let found = match &explicit {
                    Some(config) => Ok(config.clone()),
                    None => crate::lint::Config::for_design(design, None),
                };
                let config = match found {
                    Ok(config) => config,
                    Err(message) => {
                        say!("error: {message}");
                        invalid = true;
                        unchecked += 1;
                        continue;
                    }
                };
                let c = compile::check_with(&file, &config);
                invalid |= !c.ok();
                results.push((file, c.diagnostics));
            }
            Err(message) => {
                say!("error: {message}");
                invalid = true;
                unchecked += 1;
            }
        }
    }
    let out = match args.format {
        Format::Human => human_report(&results, unchecked),
        Format::Json => json_report(&results),
        Format::Sarif => sarif_report(&results),
    };
    super::io::stdout(out.as_bytes());
    let threshold = args.fail_on.severity();
    let failing = results
        .iter()
        .flat_map(|(_, ds)| ds)
        .any(|d| !d.suppressed && d.severity >= threshold);
    // The process ends right after: freeing a report of 100 000 findings
    // one allocation at a time takes longer than the exit does.
    std::mem::forget(out);
    std::mem::forget(results);
    if invalid {
        EXIT_INVALID
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn human_report(results: &[(SourceFile, Vec<Diagnostic>)], unchecked: usize) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    let mut suppressed = 0;
    for (file, diagnostics) in results {
        human::render_all_into(&mut out, file, diagnostics);
        for d in diagnostics {
            if d.suppressed {
                suppressed += 1;
            } else {
                counts[d.severity as usize] += 1;
            }
        }
    }
    let files = results.len();
    if counts.iter().sum::<usize>() == 0 {
        out.push_str(&msg!("check-clean", files = files).to_string());
    } else {
        out.push_str(
            &msg!(
                "check-summary",
                files = files,
                errors = counts[Severity::Error as usize],
                warnings = counts[Severity::Warning as usize],
                notes = counts[Severity::Info as usize]
            )
            .to_string(),
        );
    }
    if suppressed > 0 {
        out.push_str(&msg!("check-suppressed", count = suppressed).to_string());
    }
    if unchecked > 0 {
        out.push_str(&msg!("check-unchecked", files = unchecked).to_string());
    }
    out.push('\n');
    out
}

fn json_report(results: &[(SourceFile, Vec<Diagnostic>)]) -> String {
    let report = Report {
        files: results.iter().map(|(f, _)| f.name.clone()).collect(),
        diagnostics: results
            .iter()
            .flat_map(|(f, ds)| ds.iter().map(move |d| JsonDiagnostic::new(f, d)))
            .collect(),
    };
    serde_json::to_string_pretty(&report).expect("a report always serializes") + "\n"
}

fn sarif_report(results: &[(SourceFile, Vec<Diagnostic>)]) -> String {
    crate::diagnostic::sarif::report(results, &crate::lint::sarif_rules())
}
