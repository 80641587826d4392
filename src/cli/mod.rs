//! The command line: clap parses, one module per subcommand runs, and every
//! path ends in an exit status of the spec (0 ok, 1 findings, 2 bad input).

mod check;
pub mod describe;
mod fail;
mod fmt;
mod follow;
mod import;
pub(crate) mod io;
mod kinds;
mod lsp;
mod render;
mod rules;
mod serve;
mod simulate;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::{compile, generate, limits};
use clap::{Parser, Subcommand};
use io::say;
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
    /// Language of the messages for people: `en` or `ko` (한국어). Without
    /// it, `LC_ALL`, `LC_MESSAGES` or `LANG` set to `ko_KR.*` or `ko` means
    /// Korean; anything else English. JSON and SARIF stay English.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,
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
    /// Draw a design again every time it is saved (the options of `render`).
    ///
    /// Each drawing replaces the last in one rename; when the design does
    /// not compile (or is emptied, or deleted) its errors are printed and
    /// the last good drawing stays.
    ///
    /// Example: cloudgram watch examples/three-tier.cgr -o shop.svg
    Watch(render::Args),
    /// Show a design live in the browser, with its findings.
    ///
    /// A local web page with the drawing (zoom and pan), its findings (click
    /// one to highlight its elements), a theme switch and SVG/PNG downloads,
    /// updated on every save; compile errors are listed with line and
    /// column over the last good drawing.
    ///
    /// Example: cloudgram serve examples/three-tier.cgr --open
    Serve(serve::Args),
    /// Run the language server for editors (LSP on standard input and output).
    ///
    /// Diagnostics and lint findings as you type, hover on kinds,
    /// attributes and IDs, completion, go to definition and formatting.
    ///
    /// Example: cloudgram lsp   (started by the editor; see editors/README.md)
    Lsp,
    /// Compile and lint designs, reporting errors and findings like a compiler.
    ///
    /// Example: cloudgram check examples/three-tier.cgr --format json --fail-on warning
    Check(check::Args),
    /// Rewrite designs in the canonical layout, keeping comments.
    ///
    /// Indentation, one statement per line, spacing, at most one blank
    /// line; comments stay where they were and the design means exactly
    /// what it meant.
    ///
    /// Example: cloudgram fmt examples/*.cgr   (or: cloudgram fmt --check design.cgr)
    Fmt(fmt::Args),
    /// Estimate the load on every component at another load (--users, --scale).
    ///
    /// Per component: utilisation, replicas needed, queueing latency; then
    /// the bottleneck, the largest user count the design holds, and the
    /// changes that would make it hold.
    ///
    /// Example: cloudgram simulate examples/three-tier.cgr --users 1M
    Simulate(simulate::Args),
    /// Fail a zone, a region or elements, and see what survives.
    ///
    /// What goes down, which request paths survive, and whether the
    /// survivors carry the load (`--each az` tries every zone in turn).
    ///
    /// Example: cloudgram fail examples/three-tier.cgr --each az --require-survival
    Fail(fail::Args),
    /// Turn an existing configuration into a design (Terraform today).
    ///
    /// Example: cloudgram import terraform infra/ -o design.cgr
    Import(import::Args),
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
    /// A study guide to a kind or an interview topic, in English or Korean.
    ///
    /// What it is, its scope and what a zone failure does to it, the
    /// figures people quote with their sources, when to choose it and the
    /// usual alternative, the lint rules that concern it and a snippet that
    /// compiles. Without a name, lists every kind and topic.
    ///
    /// Example: cloudgram describe rds   (or: cloudgram describe scaling-to-1m --lang ko)
    Describe(describe::Args),
    /// Write a synthetic cloud architecture of any size to standard output
    /// (region > VPC > two AZs > subnets > services with instances and
    /// databases), for benchmarks and comparisons with other tools.
    ///
    /// Example: cloudgram generate --leaves 1000 > big.cgr
    Generate {
        /// About how many components (leaves) to generate (at most 50000).
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

/// Parses the command line and runs it. Every path ends in an exit status;
/// a failed write to standard output or standard error makes it 2.
pub fn run() -> ExitCode {
    io::init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let status = if e.use_stderr() {
                EXIT_INVALID
            } else {
                EXIT_OK
            };
            // `--help` and `--version` go to standard output, usage errors to standard error.
            // Plain text: the streams may be files or pipes (no colour codes).
            let text = e.render().to_string();
            if e.use_stderr() {
                io::stderr(&text);
            } else {
                io::stdout(text.as_bytes());
            }
            return ExitCode::from(io::status(status));
        }
    };
    crate::i18n::set(crate::i18n::detect(cli.lang));
    let status = match cli.command {
        Command::Render(args) => render::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Lsp => lsp::run(),
        Command::Simulate(args) => simulate::run(&args),
        Command::Fail(args) => fail::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Rules => rules::list(),
        Command::Explain { code } => rules::explain(&code),
        Command::Kinds { category } => kinds::list(category.as_deref()),
        Command::Describe(args) => describe::run(&args),
        Command::Generate { leaves, seed, dot } => {
            if leaves > limits::MAX_GENERATE_LEAVES {
                say!(
                    "error: {}",
                    crate::msg!(
                        "cli-leaves-limit",
                        leaves = leaves,
                        limit = limits::MAX_GENERATE_LEAVES
                    )
                );
                return ExitCode::from(io::status(EXIT_INVALID));
            }
            let format = if dot {
                generate::Format::Dot
            } else {
                generate::Format::Cgr
            };
            io::stdout(generate::synthetic(leaves, seed, format).as_bytes());
            EXIT_OK
        }
    };
    ExitCode::from(io::status(status))
}

/// Reads `path` (or standard input for `-`) into a source file. A file that
/// is not UTF-8 comes back with its `E0004` diagnostic; one larger than
/// [`limits::MAX_INPUT_BYTES`] is refused without reading the rest.
fn read_input(path: &str) -> Result<(SourceFile, Option<Diagnostic>), String> {
    let (name, bytes) = if path == "-" {
        let bytes =
            crate::source::read_to_limit(std::io::stdin().lock(), limits::MAX_INPUT_BYTES, 0)
                .map_err(|e| {
                    crate::msg!("cli-cannot-read-stdin", reason = io::reason(&e)).to_string()
                })?
                .ok_or_else(|| {
                    too_large(
                        &crate::i18n::tr(crate::i18n::current(), "cli-stdin"),
                        limits::MAX_INPUT_BYTES,
                    )
                })?;
        ("<stdin>".to_string(), bytes)
    } else {
        let bytes =
            crate::source::read_limited(std::path::Path::new(path), limits::MAX_INPUT_BYTES)
                .map_err(|e| {
                    crate::msg!("cli-cannot-read", path = path, reason = io::reason(&e)).to_string()
                })?
                .ok_or_else(|| too_large(&format!("`{path}`"), limits::MAX_INPUT_BYTES))?;
        (path.to_string(), bytes)
    };
    Ok(compile::source_from_bytes(&name, bytes))
}

/// The message for an input past a size limit.
pub(crate) fn too_large(what: &str, limit: u64) -> String {
    crate::msg!("cli-too-large", what = what, limit = limit >> 20).to_string()
}

#[cfg(test)]
mod tests {
    /// clap's own checks of every subcommand's arguments (they run only in
    /// debug builds, and only when a subcommand is used).
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
