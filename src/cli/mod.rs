//! The command line: clap parses, one module per subcommand runs, and every
//! path ends in an exit status of the spec (0 ok, 1 findings, 2 bad input).

mod check;
mod kinds;
mod render;
mod rules;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::{compile, generate};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::process::ExitCode;

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: lint findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: the input could not be compiled, or the command line is wrong.
pub const EXIT_INVALID: u8 = 2;

/// cloudgram compiles a text description of a cloud architecture (`.cgr`)
/// into a checked model and a drawing, and lints the design for single
/// points of failure, security holes and scaling limits.
#[derive(Debug, Parser)]
#[command(name = "cloudgram", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  cloudgram render examples/three-tier.cgr        # writes examples/three-tier.svg\n  cloudgram check examples/*.cgr\n  cat design.cgr | cloudgram render - -o - > design.svg\n\nExit status: 0 success, 1 lint findings at or above --fail-on, 2 invalid input or usage."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compile a design and draw it (SVG, PNG, or the laid-out scene as JSON).
    ///
    /// The output goes next to the input with the format's extension
    /// (design.cgr → design.svg), or to standard output when FILE is `-`.
    ///
    /// Example: cloudgram render examples/three-tier.cgr -o shop.svg
    Render(render::Args),
    /// Compile and lint designs, reporting errors and findings like a compiler.
    ///
    /// Example: cloudgram check examples/three-tier.cgr --format json --fail-on warning
    Check(check::Args),
    /// List every lint rule: code, name, default severity and summary.
    ///
    /// Example: cloudgram rules
    Rules,
    /// Print the full explanation of a lint rule or a compile error or
    /// warning, by code or name.
    ///
    /// Example: cloudgram explain AV002   (or: cloudgram explain single-point-of-failure, cloudgram explain E0102)
    Explain {
        /// A rule code (`AV002`) or name (`single-point-of-failure`), or a compile code (`E0102`, `W0001`).
        code: String,
    },
    /// List the catalog: every kind with its category, whether it is a
    /// container, its default capacity, its roles and failure semantics,
    /// and its aliases.
    ///
    /// Example: cloudgram kinds database
    Kinds {
        /// Only the kinds of this category (`compute`, `database`, `network`, ...).
        category: Option<String>,
    },
    /// Write a synthetic cloud architecture of any size to standard output
    /// (region > VPC > two AZs > subnets > services with instances and
    /// databases), for benchmarks and comparisons with other tools.
    ///
    /// Example: cloudgram generate --leaves 1000 > big.cgr
    Generate {
        /// About how many components (leaves) to generate.
        #[arg(long, default_value_t = 100)]
        leaves: usize,
        /// Seed of the generator (the same seed gives the same design).
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Write Graphviz DOT (containers as clusters) instead of cloudgram source.
        #[arg(long)]
        dot: bool,
    },
}

/// Parses the command line and runs it.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_INVALID
            } else {
                EXIT_OK
            });
        }
    };
    ExitCode::from(match cli.command {
        Command::Render(args) => render::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Rules => rules::list(),
        Command::Explain { code } => rules::explain(&code),
        Command::Kinds { category } => kinds::list(category.as_deref()),
        Command::Generate { leaves, seed, dot } => {
            let format = if dot {
                generate::Format::Dot
            } else {
                generate::Format::Cgr
            };
            write_stdout(generate::synthetic(leaves, seed, format).as_bytes());
            EXIT_OK
        }
    })
}

/// Reads `path` (or standard input for `-`) into a source file. A file that
/// is not UTF-8 comes back with its `E0004` diagnostic.
fn read_input(path: &str) -> Result<(SourceFile, Option<Diagnostic>), String> {
    let (name, bytes) = if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {}", io_reason(&e)))?;
        (path.to_string(), bytes)
    };
    Ok(compile::source_from_bytes(&name, bytes))
}

/// An I/O error in a few lowercase words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Writes to standard output. A closed pipe (`cloudgram check x.cgr | head`)
/// is not an error: the reader has what it wanted, and printing must never panic.
pub(crate) fn write_stdout(bytes: &[u8]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}
