//! `cloudgram render`: compile, lay out, draw.

use super::io::say;
use super::io::{WriteError, reason};
use super::{EXIT_INVALID, EXIT_OK, read_input};
use crate::diagnostic::human;
use crate::layout::Timings;
use crate::{compile, layout, render};
use clap::ValueEnum;

/// Output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A self-contained SVG drawing.
    Svg,
    /// A PNG picture of the SVG drawing (see `--scale`).
    Png,
    /// The laid-out scene (positions of every box and edge) as JSON.
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Json => "json",
        }
    }

    /// The format an output path's extension names (`.svg`, `.png`,
    /// `.json`, in any case), if any.
    fn of_path(path: &str) -> Option<Format> {
        let extension = std::path::Path::new(path).extension()?.to_str()?;
        [Format::Svg, Format::Png, Format::Json]
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
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
    /// Output format. Default: the one OUT's extension names (`.svg`,
    /// `.png`, `.json`), else SVG (with a warning when OUT ends in another
    /// extension).
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,
    /// Layout engine: `layered` (the default: one layer grid for the whole
    /// diagram, sibling zones side by side, orthogonal edges; falls back to
    /// `recursive` where it cannot keep an edge out of unrelated containers
    /// and above 400 components), `recursive` (one layering per container,
    /// linear at any size) or `layout-rs` (Graphviz-like placement, straight
    /// edges; small diagrams).
    #[arg(long, value_name = "ENGINE", default_value = "layered", value_parser = layout::ENGINES)]
    pub layout: String,
    /// Print layout statistics to standard error: crossings, bends (mean and
    /// largest per edge), staircase jogs, aspect ratio, captions far from or
    /// nearer another edge or a sibling's branch, hidden arrowheads, stacked
    /// sibling sites, misaligned tier subnets, shared lanes, edges along a
    /// border, arrows from beside another box, and the time of each phase.
    #[arg(long)]
    pub stats: bool,
    /// Look of the drawing: `light`, `dark`, or `whiteboard` (hand-drawn).
    #[arg(long, value_name = "THEME", default_value = "light", value_parser = render::theme::NAMES)]
    pub theme: String,
    /// PNG pixels per SVG unit (2 suits slides and high-density screens).
    #[arg(long, value_name = "FACTOR", default_value_t = 2.0)]
    pub scale: f32,
    /// Add a legend of the kinds and edge operators used.
    #[arg(long)]
    pub legend: bool,
    /// Lint the design and mark the findings on the drawing: outlined
    /// elements, numbered badges and a list of findings under the diagram
    /// (uses `cloudgram.toml` next to FILE, or --config).
    #[arg(long)]
    pub highlight: bool,
    /// Lint configuration for --highlight (default: `cloudgram.toml` next to FILE).
    #[arg(long, value_name = "PATH", requires = "highlight")]
    pub config: Option<std::path::PathBuf>,
    /// Draw the load model over the diagram: each component filled by its
    /// utilisation (ok, hot, saturated; see `cloudgram simulate`), the
    /// estimated requests per second on every edge that carries load, and
    /// a key with the bottleneck and the largest user count it holds.
    #[arg(long, conflicts_with = "fail")]
    pub simulate: bool,
    /// With --simulate: simulate N users in all (`1M`, `250k`).
    #[arg(long, value_name = "N", requires = "simulate", value_parser = super::simulate::parse_users, allow_negative_numbers = true)]
    pub users: Option<f64>,
    /// Draw an outage over the diagram: a zone (`a` or `az_a`), a region's
    /// ID, or element IDs separated by commas. What goes down is greyed
    /// out, lost paths are drawn in the error colour and overloaded
    /// survivors are outlined (see `cloudgram fail`).
    #[arg(long, value_name = "WHAT")]
    pub fail: Option<String>,
}

impl Args {
    /// The output format: `--format` when given, else the one the output
    /// path's extension names, else SVG.
    pub fn format(&self) -> Format {
        self.format
            .or_else(|| self.output.as_deref().and_then(Format::of_path))
            .unwrap_or(Format::Svg)
    }
}

/// Runs `render`; returns the exit status.
pub fn run(args: &Args) -> u8 {
    warn_of_extension(args);
    draw(args, true)
}

/// Warns when the output path ends in an extension no format has (the
/// drawing is then SVG). `watch` warns once, not on every save.
pub fn warn_of_extension(args: &Args) {
    if let (None, Some(out)) = (args.format, args.output.as_deref())
        && Format::of_path(out).is_none()
        && let Some(extension) = std::path::Path::new(out).extension()
    {
        say!(
            "warning: {}",
            crate::msg!(
                "cli-unknown-extension",
                target = out,
                extension = extension.to_string_lossy().as_ref()
            )
        );
    }
}

/// One drawing for `watch`, which draws again and again: what it made is
/// freed (see [`draw`]).
pub fn redraw(args: &Args) -> u8 {
    draw(args, false)
}

/// Reads, compiles, lays out and writes the drawing; with `exiting`, the
/// process ends right after, and the drawing is left to the exit to free.
fn draw(args: &Args, exiting: bool) -> u8 {
    let format = args.format();
    let (file, bad_utf8) = match read_input(&args.file) {
        Ok(read) => read,
        Err(message) => {
            say!("error: {message}");
            return EXIT_INVALID;
        }
    };
    if let Some(d) = bad_utf8 {
        super::io::stderr(&human::render(&file, &d));
        return EXIT_INVALID;
    }
    let began = std::time::Instant::now();
    let mut timings = Timings::default();
    let compiled = timings.time("parse+lower", || compile::compile(&file));
    super::io::stderr(&human::render_all(&file, &compiled.diagnostics));
    let Some(mut arch) = compiled.arch else {
        let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
        say!(
            "error: {}",
            crate::msg!("cli-cannot-render", file = &file.name, errors = errors)
        );
        return EXIT_INVALID;
    };
    if format == Format::Png
        && let Err(reason) = render::png::check_size(1.0, 1.0, args.scale)
    {
        say!(
            "error: {}",
            crate::msg!("cli-cannot-draw-png", reason = reason)
        );
        return EXIT_INVALID;
    }
    let overlay = if args.simulate || args.fail.is_some() {
        match what_if(&mut arch, args) {
            Ok(overlay) => Some(overlay),
            Err(message) => {
                say!("error: {message}");
                return EXIT_INVALID;
            }
        }
    } else {
        None
    };
    let engine = layout::engine(&args.layout).expect("clap only accepts known engines");
    let scene = engine.layout(&arch, &mut timings);
    if format == Format::Png
        && let Err(reason) = render::png::check_size(scene.width, scene.height, args.scale)
    {
        say!(
            "error: {}",
            crate::msg!("cli-cannot-draw-png", reason = reason)
        );
        return EXIT_INVALID;
    }
    let findings = if args.highlight {
        let design = (args.file != "-").then(|| std::path::Path::new(&args.file));
        let config = match crate::lint::Config::for_design(design, args.config.as_deref()) {
            Ok(config) => config,
            Err(message) => {
                say!("error: {message}");
                return EXIT_INVALID;
            }
        };
        let graph = crate::graph::ArchGraph::new(&arch);
        let mut diagnostics = crate::lint::run_with(&arch, &graph, &config);
        crate::diagnostic::sort(&mut diagnostics);
        render::highlight::findings(&diagnostics)
    } else {
        Vec::new()
    };
    let options = render::svg::Options {
        theme: render::theme::Theme::by_name(&args.theme).expect("clap only accepts known themes"),
        legend: args.legend,
        findings,
        overlay,
    };
    let bytes = timings.time("output", || match format {
        Format::Svg => Ok(render::svg::render_with(&scene, &options).into_bytes()),
        Format::Png => render::png::render(&render::svg::render_with(&scene, &options), args.scale)
            .inspect(|_| warn_missing_fonts(&scene)),
        Format::Json => Ok(scene.to_json().into_bytes()),
    });
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(reason) => {
            say!(
                "error: {}",
                crate::msg!("cli-cannot-draw-png", reason = reason)
            );
            return EXIT_INVALID;
        }
    };
    if args.stats {
        let vertical = matches!(
            arch.direction,
            crate::model::Direction::Down | crate::model::Direction::Up
        );
        print_stats(
            &scene,
            &timings,
            began.elapsed().as_secs_f64(),
            engine.name(),
            vertical,
        );
    }
    if bytes.len() > crate::limits::MAX_OUTPUT_BYTES {
        say!(
            "error: {}",
            crate::msg!(
                "cli-output-limit",
                size = bytes.len() >> 20,
                limit = crate::limits::MAX_OUTPUT_BYTES >> 20
            )
        );
        return EXIT_INVALID;
    }
    let target = match (&args.output, args.file.as_str()) {
        (Some(o), _) => o.clone(),
        (None, "-") => "-".to_string(),
        (None, input) => default_output(input, format.extension()),
    };
    let input = (args.file != "-").then(|| std::path::Path::new(&args.file));
    let written = if target == "-" {
        super::io::stdout(&bytes);
        None
    } else {
        Some(super::io::write_file(
            std::path::Path::new(&target),
            &bytes,
            input,
        ))
    };
    // When the process ends right after, freeing a drawing of 100 000
    // boxes and edges one allocation at a time takes longer than the exit.
    if exiting {
        std::mem::forget((bytes, scene, arch));
    }
    let Some(written) = written else {
        return EXIT_OK;
    };
    match written {
        Ok(()) => {
            say!("{}", crate::msg!("cli-wrote", target = &target));
            EXIT_OK
        }
        Err(WriteError::IsInput) => {
            say!(
                "error: {}",
                crate::msg!("cli-refuse-overwrite", file = &args.file, target = &target)
            );
            say!("help: {}", crate::msg!("cli-refuse-overwrite-help"));
            EXIT_INVALID
        }
        Err(WriteError::Io(e)) => {
            say!(
                "error: {}",
                crate::msg!("cli-cannot-write", target = &target, reason = reason(&e))
            );
            EXIT_INVALID
        }
    }
}

/// Runs `--simulate` or `--fail` on the design and returns what to draw;
/// `--simulate` also writes the estimated rates into the edges' labels, so
/// that layout makes room for them.
fn what_if(
    arch: &mut crate::model::Architecture,
    args: &Args,
) -> Result<render::overlay::Overlay, String> {
    let snapshot = arch.clone();
    let graph = crate::graph::ArchGraph::new(&snapshot);
    let model = crate::graph::simulate::Model::new(&snapshot, &graph);
    if args.simulate {
        if let Some(why) = super::simulate::nothing_to_simulate(&snapshot, &model) {
            return Err(format!("cannot draw --simulate: {why}"));
        }
        let demand = match args.users {
            Some(n) => crate::graph::simulate::Demand::Users(n),
            None => crate::graph::simulate::Demand::AsWritten,
        };
        super::simulate::check_demand(&model, demand)?;
        let sim = crate::graph::simulate::simulate(&model, demand, 0.7);
        for (edge, rps) in arch.edges.iter_mut().zip(&sim.load.on_edge) {
            if *rps > 0.0 {
                let rate = format!("≈ {}", crate::lint::analysis::fmt_rps(*rps));
                edge.label = Some(match edge.label.take() {
                    Some(label) => format!("{label}\n{rate}").into(),
                    None => rate.into(),
                });
            }
        }
        Ok(super::simulate::overlay(&snapshot, &sim))
    } else {
        let what = args.fail.as_deref().unwrap_or_default();
        super::fail::overlay(&snapshot, &model, what)
    }
}

/// The default output: FILE with the format's extension, or, when FILE
/// already has that extension (`render x.svg`), FILE with the extension
/// added (`x.svg.svg`), so that the default never names the input.
fn default_output(input: &str, extension: &str) -> String {
    let path = std::path::Path::new(input);
    if path.extension().is_some_and(|e| e == extension) {
        format!("{input}.{extension}")
    } else {
        path.with_extension(extension)
            .to_string_lossy()
            .into_owned()
    }
}

/// Says what `render --stats` prints: the engine's figures, the
/// readability figures, each phase's time summed over its runs, and the
/// command's time on the wall clock (`wall`, in seconds).
fn print_stats(
    scene: &crate::scene::Scene,
    timings: &Timings,
    wall: f64,
    engine: &str,
    vertical: bool,
) {
    let q = layout::stats::quality(scene);
    let r = layout::stats::readability(scene, vertical);
    say!(
        "layout {engine}: {} boxes, {} edges, {} crossings, {} bends, edge length {:.0}, canvas {:.0}x{:.0}",
        scene.nodes.len() + scene.containers.len(),
        scene.edges.len(),
        q.crossings,
        q.bends,
        q.length,
        scene.width,
        scene.height
    );
    say!(
        "  bends per edge {:.2} mean, {} max; {} jogs; aspect {:.2}:1",
        r.bends_mean,
        r.bends_max,
        r.jogs,
        r.aspect
    );
    say!(
        "  labels: {} far from their edge, {} nearer another edge, {} nearer a sibling's branch; {} hidden arrowheads",
        r.labels_far,
        r.labels_ambiguous,
        r.labels_on_branch,
        r.hidden_arrowheads
    );
    say!(
        "  sibling sites not side by side {}; tier subnets not aligned {}; shared lanes {}; edges along a border {}; squeezed beside one {}; arrows from beside another box {}; edges out of their container and back {}",
        r.sites_stacked,
        r.tiers_misaligned,
        r.shared_lanes,
        r.borders_hugged,
        layout::stats::borders_squeezed(scene),
        r.arrows_beside,
        r.out_and_back
    );
    // Each phase once, in the order it first ran, with its runs summed:
    // the one-grid engine finishes several candidate pictures, each on a
    // thread of its own, so its finishing phases run many times and at
    // once, and their sum is more than the time the command took.
    let mut phases: Vec<(&str, usize, f64)> = Vec::new();
    for &(name, d) in &timings.phases {
        match phases.iter_mut().find(|p| p.0 == name) {
            Some(p) => {
                p.1 += 1;
                p.2 += d.as_secs_f64();
            }
            None => phases.push((name, 1, d.as_secs_f64())),
        }
    }
    for (name, runs, secs) in &phases {
        let runs = if *runs > 1 {
            format!("×{runs}")
        } else {
            String::new()
        };
        say!("  {name:<22} {runs:>4} {:>10.3} ms", secs * 1e3);
    }
    let summed: f64 = phases.iter().map(|p| p.2).sum();
    say!(
        "  {:<27} {:>10.3} ms (on all threads)",
        "phases summed",
        summed * 1e3
    );
    say!("  {:<27} {:>10.3} ms", "total (wall clock)", wall * 1e3);
}

/// Says which characters the PNG could not draw for want of a font.
fn warn_missing_fonts(scene: &crate::scene::Scene) {
    let mut text: String = scene.title.clone().unwrap_or_default();
    for b in scene.boxes() {
        text.push_str(&b.label);
    }
    for e in &scene.edges {
        text.push_str(e.label.as_deref().unwrap_or(""));
    }
    let missing = render::png::missing_glyphs(&text);
    if !missing.is_empty() {
        let sample: Vec<String> = missing
            .iter()
            .take(5)
            .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
            .collect();
        let sample = sample.join(", ");
        say!(
            "warning: {}",
            crate::msg!("cli-missing-glyphs", sample = sample)
        );
    }
}
