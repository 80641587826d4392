//! `cloudgram simulate`: the load model at another load, component by
//! component, with the bottleneck, the largest user count the design holds
//! and the changes that would make it hold. Also the arguments and the
//! design loading that `fail` and `render --simulate` share.

use super::io::say;
use super::{EXIT_INVALID, EXIT_OK, read_input};
use crate::diagnostic::human;
use crate::graph::ArchGraph;
use crate::graph::simulate::{self, Demand, Model, Simulation, Status, percent};
use crate::lint::analysis::fmt_rps;
use crate::model::Architecture;
use clap::ValueEnum;
use serde_json::{Value, json};

/// Output formats of `simulate` and `fail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table and sentences for people.
    Human,
    /// One JSON object (see the README).
    Json,
}

/// The load to run at, shared by `simulate` and `fail`.
#[derive(Debug, Clone, clap::Args)]
pub struct LoadArgs {
    /// Simulate N users in all (`1M`, `250k`, `40000`): entry points that
    /// state `users` share them in proportion; entries stating only `rps` keep it.
    #[arg(long, value_name = "N", value_parser = parse_users, allow_negative_numbers = true, conflicts_with = "scale")]
    pub users: Option<f64>,
    /// Multiply every entry point's stated load (`users` and `rps`) by F.
    #[arg(long, value_name = "F", value_parser = parse_scale, allow_negative_numbers = true)]
    pub scale: Option<f64>,
}

impl LoadArgs {
    /// The demand asked for.
    pub fn demand(&self) -> Demand {
        match (self.users, self.scale) {
            (Some(n), _) => Demand::Users(n),
            (None, Some(f)) => Demand::Scale(f),
            (None, None) => Demand::AsWritten,
        }
    }
}

/// Arguments of `simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The design (`.cgr`), or `-` for standard input.
    pub file: String,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Utilisation to stay under: `70%`, `70` or `0.7`.
    #[arg(long, value_name = "PERCENT", default_value = "70%", value_parser = parse_target)]
    pub target: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The most users `--users` takes: a trillion, a hundred times the people on earth.
const MAX_USERS: f64 = 1e12;
/// The largest `--scale`.
const MAX_SCALE: f64 = 1e6;

/// A count like `1M`, `250k`, `40000`, `1_000_000` or `1,000,000`.
fn parse_count(text: &str) -> Result<f64, String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    let (digits, factor) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        Some('M') => (&t[..t.len() - 1], 1e6),
        Some('B' | 'G') => (&t[..t.len() - 1], 1e9),
        _ => (t.as_str(), 1.0),
    };
    let x: f64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a number (write e.g. `1M`, `250k` or `40000`)"))?;
    if !x.is_finite() {
        return Err(format!("`{text}` is not a finite number"));
    }
    Ok(x * factor)
}

pub(super) fn parse_users(text: &str) -> Result<f64, String> {
    let n = parse_count(text)?;
    if n < 1.0 {
        return Err("the number of users must be at least 1".into());
    }
    if n > MAX_USERS {
        return Err(format!(
            "{} users is more than the limit of {}",
            group(n),
            group(MAX_USERS)
        ));
    }
    if n.fract() != 0.0 {
        return Err(format!("`{text}` is not a whole number of users"));
    }
    Ok(n)
}

fn parse_scale(text: &str) -> Result<f64, String> {
    let f = parse_count(text)?;
    if f <= 0.0 {
        return Err("the factor must be above 0".into());
    }
    if f > MAX_SCALE {
        return Err(format!(
            "a factor above {} is not a load anyone plans for",
            group(MAX_SCALE)
        ));
    }
    Ok(f)
}

fn parse_target(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let x = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|p| p / 100.0),
        None => t
            .parse::<f64>()
            .map(|x| if x > 1.0 { x / 100.0 } else { x }),
    }
    .map_err(|_| format!("`{text}` is not a percentage (write e.g. `70%`)"))?;
    if !(x > 0.0 && x <= 1.0) {
        return Err("the target must be above 0% and at most 100%".into());
    }
    Ok(x)
}

/// The design's name in a report: its path, or "standard input" for `-`.
pub fn shown_name(file: &str) -> &str {
    if file == "-" { "standard input" } else { file }
}

/// A whole number with thousands separators: `1,000,000`.
pub fn group(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Milliseconds as shown: `0.5 ms`, `40 ms`, `unbounded`.
pub fn fmt_ms(ms: Option<f64>) -> String {
    match ms {
        None => "unbounded".into(),
        Some(x) if x < 10.0 => format!("{} ms", trim(format!("{x:.1}"))),
        Some(x) => format!("{x:.0} ms"),
    }
}

fn trim(s: String) -> String {
    s.trim_end_matches(".0").to_string()
}

/// `x` rounded to `digits` decimals, for JSON that reads the same on every run.
pub fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

/// Reads and compiles a design for `simulate`, `fail` or `render`: the
/// diagnostics go to standard error, and an error ends with exit status 2.
pub(super) fn load_design(path: &str, verb: &str) -> Result<Architecture, u8> {
    let (file, bad_utf8) = match read_input(path) {
        Ok(read) => read,
        Err(message) => {
            say!("error: {message}");
            return Err(EXIT_INVALID);
        }
    };
    if let Some(d) = bad_utf8 {
        super::io::stderr(&human::render(&file, &d));
        return Err(EXIT_INVALID);
    }
    let compiled = crate::compile::compile(&file);
    super::io::stderr(&human::render_all(&file, &compiled.diagnostics));
    match compiled.arch {
        Some(arch) => Ok(arch),
        None => {
            let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
            let message = match verb {
                "simulate" => {
                    crate::msg!("cli-cannot-simulate", file = &file.name, errors = errors)
                }
                _ => crate::msg!("cli-cannot-analyse", file = &file.name, errors = errors),
            };
            say!("error: {message}");
            Err(EXIT_INVALID)
        }
    }
}

/// Why there is nothing to simulate, if so: no entry point, or none states a load.
pub fn nothing_to_simulate(arch: &Architecture, model: &Model<'_>) -> Option<String> {
    if model.graph.entries.is_empty() {
        return Some(
            "the design has no entry point (`client`, `internet`, `external` or `device`): nothing to simulate"
                .into(),
        );
    }
    if !model.has_load() {
        let first = &arch.element(model.graph.entries[0]).id;
        return Some(format!(
            "no entry point states `users` or `rps`: nothing to simulate (e.g. `[users: 100k]` on `{first}`)"
        ));
    }
    None
}

/// Checks that `demand` can apply to the design: `--users` needs an entry
/// point that states `users`.
pub fn check_demand(model: &Model<'_>, demand: Demand) -> Result<(), String> {
    if matches!(demand, Demand::Users(_)) && model.users_stated <= 0.0 {
        return Err(
            "no entry point states `users`, so `--users` has nothing to scale\nhelp: state `users` on an entry point (`client shoppers [users: 300k]`), or use `--scale`"
                .into(),
        );
    }
    Ok(())
}

/// Runs `simulate`; returns the exit status.
pub fn run(args: &Args) -> u8 {
    let arch = match load_design(&args.file, "simulate") {
        Ok(arch) => arch,
        Err(status) => return status,
    };
    let graph = ArchGraph::new(&arch);
    let model = Model::new(&arch, &graph);
    if let Some(why) = nothing_to_simulate(&arch, &model) {
        match args.format {
            Format::Human => super::io::stdout(format!("{why}\n").as_bytes()),
            Format::Json => {
                let empty = json!({"users": null, "components": [], "bottleneck": null,
                    "max_users": null, "slowest_path": null, "note": why});
                super::io::stdout(format!("{empty:#}\n").as_bytes());
            }
        }
        return EXIT_OK;
    }
    let demand = args.load.demand();
    if let Err(message) = check_demand(&model, demand) {
        say!("error: {message}");
        return EXIT_INVALID;
    }
    let sim = simulate::simulate(&model, demand, args.target);
    let text = match args.format {
        Format::Human => human_report(&arch, &model, &sim, shown_name(&args.file)),
        Format::Json => format!("{:#}\n", to_json(&arch, &sim)),
    };
    super::io::stdout(text.as_bytes());
    EXIT_OK
}

/// The simulation as JSON (the shape the README documents).
pub fn to_json(arch: &Architecture, sim: &Simulation) -> Value {
    let id = |i: crate::model::ElementId| arch.element(i).id.clone();
    let components: Vec<Value> = sim
        .components
        .iter()
        .map(|c| {
            json!({
                "id": id(c.id),
                "kind": arch.element(c.id).kind.name,
                "load_rps": round(c.load_rps, 3),
                "capacity_rps": c.capacity.map(|k| round(k.total(), 3)),
                "capacity_assumed": c.capacity.map(|k| k.assumed),
                "replicas": c.capacity.map(|k| json!({"min": k.replicas.0, "max": k.replicas.1})),
                "utilisation": c.utilisation.map(|u| if u.is_finite() { json!(round(u, 4)) } else { Value::Null }),
                "replicas_needed": c.replicas_needed,
                "status": c.status.word(),
                "latency_ms": c.latency_ms.map(|l| round(l, 3)),
            })
        })
        .collect();
    let limit = sim.limit.as_ref();
    json!({
        "users": sim.users.map(|u| round(u, 0)),
        "target": sim.target,
        "components": components,
        "bottleneck": sim.bottleneck.map(id),
        "max_users": limit.and_then(|l| l.users),
        "max_scale": limit.and_then(|l| l.scale),
        "limited_by": limit.map(|l| id(l.by)),
        "slowest_path": sim.slowest_path.as_ref().map(|(path, ms)| json!({
            "elements": path.iter().map(|i| id(*i)).collect::<Vec<_>>(),
            "latency_ms": ms.map(|m| round(m, 3)),
        })),
        "changes": sim.changes.iter().map(|c| json!({
            "id": id(c.id), "change": c.text, "rule": c.rule,
        })).collect::<Vec<_>>(),
    })
}

/// What the entry points send under the simulated load, in words.
fn entry_rate(sim: &Simulation, model: &Model<'_>) -> String {
    let total: f64 = model
        .graph
        .entries
        .iter()
        .filter(|e| model.graph.callers[e.0].is_empty())
        .map(|e| sim.load.offered(*e))
        .sum();
    fmt_rps(total)
}

/// The human report: a table, the bottleneck, the slowest path, the limit
/// and the changes.
pub fn human_report(
    arch: &Architecture,
    model: &Model<'_>,
    sim: &Simulation,
    file: &str,
) -> String {
    let mut out = String::new();
    let at = match sim.users {
        Some(u) => format!("{} users", group(u)),
        None => "the stated load".into(),
    };
    out.push_str(&format!(
        "simulate {file} at {at} ({} from the entry points), target {}\n\n",
        entry_rate(sim, model),
        percent(sim.target)
    ));
    let rows: Vec<[String; 7]> = sim
        .components
        .iter()
        .map(|c| {
            let e = arch.element(c.id);
            let capacity = match c.capacity {
                Some(k) => format!(
                    "{} ({} × {}){}",
                    fmt_rps(k.total()),
                    k.replicas.1,
                    fmt_rps(k.per_replica),
                    if k.assumed { "*" } else { "" }
                ),
                None => "elastic".into(),
            };
            [
                e.id.clone(),
                fmt_rps(c.load_rps),
                capacity,
                c.utilisation.map_or("—".into(), |u| {
                    if u.is_finite() {
                        percent(u)
                    } else {
                        "∞".into()
                    }
                }),
                c.replicas_needed.map_or("—".into(), |r| r.to_string()),
                c.status.word().into(),
                fmt_ms(c.latency_ms),
            ]
        })
        .collect();
    let header = [
        "component",
        "load",
        "capacity",
        "util",
        "needs",
        "status",
        "latency",
    ];
    let mut width = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(width).enumerate() {
            let pad = w - cell.chars().count();
            // Names and words to the left, figures to the right.
            if matches!(i, 0 | 5) {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
            s.push_str("  ");
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(&header.map(String::from)));
    for r in &rows {
        out.push_str(&line(r));
    }
    if sim
        .components
        .iter()
        .any(|c| c.capacity.is_some_and(|k| k.assumed))
    {
        out.push_str("  * rule of thumb for the kind: state `capacity` to use a measured figure\n");
    }
    out.push_str(
        "  needs: replicas to stay under the target and carry the load after losing any one AZ\n\n",
    );
    match sim.bottleneck {
        Some(b) => {
            let c = sim
                .components
                .iter()
                .find(|c| c.id == b)
                .expect("a component");
            out.push_str(&format!(
                "bottleneck: `{}` at {} ({} on {})\n",
                arch.element(b).id,
                c.utilisation.map_or("∞".into(), percent),
                fmt_rps(c.load_rps),
                c.capacity.map_or("?".into(), |k| fmt_rps(k.total()))
            ));
        }
        None => out.push_str(&format!(
            "bottleneck: none, every component is under {}\n",
            percent(sim.target)
        )),
    }
    if let Some((path, ms)) = &sim.slowest_path {
        let names: Vec<&str> = path.iter().map(|i| arch.element(*i).id.as_str()).collect();
        let why = match ms {
            Some(_) => String::new(),
            None => {
                let stuck: Vec<String> = path
                    .iter()
                    .filter(|i| {
                        sim.components
                            .iter()
                            .any(|c| c.id == **i && c.latency_ms.is_none())
                    })
                    .map(|i| format!("`{}`", arch.element(*i).id))
                    .collect();
                format!(
                    " ({} at 100% or more: requests queue until they time out)",
                    stuck.join(", ")
                )
            }
        };
        out.push_str(&format!(
            "slowest path: {}: {}{why}\n",
            names.join(" → "),
            fmt_ms(*ms)
        ));
    }
    match &sim.limit {
        Some(l) => {
            let by = &arch.element(l.by).id;
            match (l.users, l.scale) {
                (Some(u), _) => out.push_str(&format!(
                    "holds up to {} users; above that `{by}` saturates first\n",
                    group(u)
                )),
                (None, Some(f)) => out.push_str(&format!(
                    "holds up to {f}× the stated load; above that `{by}` saturates first\n"
                )),
                _ => {}
            }
        }
        None => out.push_str(
            "holds any load the model can tell: nothing on the path has a capacity to exceed\n",
        ),
    }
    if sim.changes.is_empty() {
        out.push_str("\nno change needed at this load\n");
    } else {
        out.push_str("\nchanges:\n");
        for c in &sim.changes {
            let rule = match c.rule {
                Some(code) => format!(
                    " ({code} {})",
                    crate::lint::find(code).map_or("", |r| r.meta().name)
                ),
                None => String::new(),
            };
            out.push_str(&format!("  - {}{rule}\n", c.text));
        }
    }
    out
}

/// What `render --simulate` draws: each component with a capacity in its
/// band with its utilisation, and a key with the figures.
pub fn overlay(arch: &Architecture, sim: &Simulation) -> crate::render::overlay::Overlay {
    use crate::render::overlay::{Heat, Overlay};
    let mut o = Overlay {
        title: match sim.users {
            Some(u) => format!("Simulated load: {} users", group(u)),
            None => "Simulated load: the stated rates".into(),
        },
        bands: Some(percent(sim.target)),
        ..Overlay::default()
    };
    for c in &sim.components {
        let Some(u) = c.utilisation else { continue };
        let heat = match c.status {
            Status::Ok => Heat::Ok,
            Status::Hot => Heat::Hot,
            Status::Saturated => Heat::Saturated,
        };
        let text = if u.is_finite() {
            percent(u)
        } else {
            "∞".into()
        };
        o.heat.insert(arch.element(c.id).id.clone(), (heat, text));
    }
    o.lines.push(match sim.bottleneck {
        Some(b) => {
            let c = sim
                .components
                .iter()
                .find(|c| c.id == b)
                .expect("a component");
            format!(
                "Bottleneck: {} at {} ({} on {})",
                arch.element(b).id,
                c.utilisation.map_or("∞".into(), |u| if u.is_finite() {
                    percent(u)
                } else {
                    "∞".into()
                }),
                fmt_rps(c.load_rps),
                c.capacity.map_or("?".into(), |k| fmt_rps(k.total()))
            )
        }
        None => format!(
            "No bottleneck: every component is under {}",
            percent(sim.target)
        ),
    });
    if let Some(l) = &sim.limit {
        let by = &arch.element(l.by).id;
        match (l.users, l.scale) {
            (Some(u), _) => o.lines.push(format!(
                "Holds up to {} users; above that {by} saturates first",
                group(u)
            )),
            (None, Some(f)) => o.lines.push(format!(
                "Holds up to {f}× the stated load; above that {by} saturates first"
            )),
            _ => {}
        }
    }
    if let Some((path, ms)) = &sim.slowest_path {
        o.lines.push(format!(
            "Slowest path: {} ({})",
            path.iter()
                .map(|i| arch.element(*i).id.as_str())
                .collect::<Vec<_>>()
                // ASCII: the handwriting font has no arrow, and a fallback
                // font would draw the whole line in another size.
                .join(" -> "),
            fmt_ms(*ms)
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_targets_parse_like_the_language() {
        assert_eq!(parse_users("1M"), Ok(1e6));
        assert_eq!(parse_users("250k"), Ok(250_000.0));
        assert_eq!(parse_users("1,000,000"), Ok(1e6));
        assert!(parse_users("0").is_err());
        assert!(parse_users("-5").is_err());
        assert!(parse_users("2.5").is_err());
        assert!(parse_users("1e13").is_err());
        assert!(parse_users("lots").is_err());
        assert!(parse_scale("0").is_err());
        assert!(parse_scale("inf").is_err());
        assert_eq!(parse_target("70%"), Ok(0.7));
        assert_eq!(parse_target("0.5"), Ok(0.5));
        assert_eq!(parse_target("85"), Ok(0.85));
        assert!(parse_target("120%").is_err());
        assert!(parse_target("0").is_err());
        assert_eq!(group(1234567.0), "1,234,567");
        assert_eq!(fmt_ms(Some(5.0 / 0.9)), "5.6 ms");
        assert_eq!(fmt_ms(None), "unbounded");
    }
}
