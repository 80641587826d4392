//! `cloudgram render`: compile, lay out, draw.

use super::{EXIT_INVALID, EXIT_OK, io_reason, read_input};
use crate::diagnostic::human;
use crate::layout::Timings;
use crate::{compile, layout, render};
use clap::ValueEnum;
use std::io::Write;

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A self-contained SVG drawing.
    Svg,
    /// The laid-out scene (positions of every box and edge) as JSON.
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Json => "json",
        }
    }
}

/// Arguments of `render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design to draw (`.cgr`), or `-` for standard input.
    pub file: String,
    /// Where to write; `-` for standard output. Default: FILE with the
    /// format's extension, or standard output when FILE is `-`.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Svg)]
    pub format: Format,
    /// Layout engine: `layered` (orthogonal edges, fast at any size) or
    /// `layout-rs` (Graphviz-like placement, straight edges; small diagrams).
    #[arg(long, value_name = "ENGINE", default_value = "layered", value_parser = layout::ENGINES)]
    pub layout: String,
    /// Print layout statistics to standard error: crossings, bends, total
    /// edge length and the time of each phase.
    #[arg(long)]
    pub stats: bool,
}

/// Runs `render`; returns the exit status.
pub fn run(args: &Args) -> u8 {
    let (file, bad_utf8) = match read_input(&args.file) {
        Ok(read) => read,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INVALID;
        }
    };
    if let Some(d) = bad_utf8 {
        eprint!("{}", human::render(&file, &d));
        return EXIT_INVALID;
    }
    let mut timings = Timings::default();
    let compiled = timings.time("parse+lower", || compile::compile(&file));
    eprint!("{}", human::render_all(&file, &compiled.diagnostics));
    let Some(arch) = compiled.arch else {
        let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "error: could not render `{}` because of {errors} error{}",
            file.name,
            if errors == 1 { "" } else { "s" }
        );
        return EXIT_INVALID;
    };
    let engine = layout::engine(&args.layout).expect("clap only accepts known engines");
    let scene = engine.layout(&arch, &mut timings);
    let bytes = timings.time("output", || match args.format {
        Format::Svg => render::svg::render(&scene),
        Format::Json => scene.to_json(),
    });
    if args.stats {
        print_stats(&scene, &timings, engine.name());
    }
    let target = match (&args.output, args.file.as_str()) {
        (Some(o), _) => o.clone(),
        (None, "-") => "-".to_string(),
        (None, input) => std::path::Path::new(input)
            .with_extension(args.format.extension())
            .to_string_lossy()
            .into_owned(),
    };
    let written = if target == "-" {
        std::io::stdout().write_all(bytes.as_bytes())
    } else {
        std::fs::write(&target, bytes.as_bytes())
    };
    match written {
        Ok(()) => {
            if target != "-" {
                eprintln!("wrote {target}");
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write `{target}`: {}", io_reason(&e));
            EXIT_INVALID
        }
    }
}

fn print_stats(scene: &crate::scene::Scene, timings: &Timings, engine: &str) {
    let q = layout::stats::quality(scene);
    eprintln!(
        "layout {engine}: {} boxes, {} edges, {} crossings, {} bends, edge length {:.0}, canvas {:.0}x{:.0}",
        scene.nodes.len() + scene.containers.len(),
        scene.edges.len(),
        q.crossings,
        q.bends,
        q.length,
        scene.width,
        scene.height
    );
    let total: f64 = timings.phases.iter().map(|(_, d)| d.as_secs_f64()).sum();
    for (name, d) in &timings.phases {
        eprintln!("  {name:<20} {:>9.3} ms", d.as_secs_f64() * 1e3);
    }
    eprintln!("  {:<20} {:>9.3} ms", "total", total * 1e3);
}
