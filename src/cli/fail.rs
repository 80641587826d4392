//! `cloudgram fail`: what an outage of a zone, a region or some elements
//! takes down, whether the request paths survive and the survivors carry
//! the load; `--each` tries every zone or every element in turn.

use super::io::say;
use super::simulate::{
    Format, LoadArgs, check_demand, group, load_design, nothing_to_simulate, shown_name,
};
use super::{EXIT_FINDINGS, EXIT_INVALID, EXIT_OK};
use crate::graph::fail::{Analysis, Outcome, Scenario};
use crate::graph::simulate::{Demand, Model, percent};
use crate::graph::{ArchGraph, zones};
use crate::lint::analysis::fmt_rps;
use crate::model::{Architecture, ElementId};
use clap::ValueEnum;
use serde_json::{Value, json};

/// What `--each` tries in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Each {
    /// Every availability zone.
    Az,
    /// Every component except the entry points (an N−1 analysis).
    Element,
}

/// Arguments of `fail`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("outage").required(true).args(["az", "region", "element", "each"])))]
pub struct Args {
    /// The design (`.cgr`), or `-` for standard input.
    pub file: String,
    /// Fail an availability zone: its name in `azs` (`a`) or its `az` container's ID (`az_a`).
    #[arg(long, value_name = "NAME")]
    pub az: Option<String>,
    /// Fail a region (or any site container: `onprem`, `cloud`, `edge`) and everything inside it.
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,
    /// Fail these elements (all their replicas, and anything inside them):
    /// repeat the option or separate IDs by commas (`--element web_a,db`).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub element: Vec<String>,
    /// Try every zone, or every element, in turn, ranked by blast radius.
    #[arg(long, value_enum, value_name = "az|element")]
    pub each: Option<Each>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Exit with status 1 when a path from an entry point to a datastore is
    /// lost or a survivor is overloaded (in any scenario of `--each`).
    #[arg(long)]
    pub require_survival: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Resolves `--az`: a zone name or an `az` container's ID.
fn resolve_zone(arch: &Architecture, name: &str) -> Result<String, String> {
    let all = zones::all(arch);
    if all.is_empty() {
        return Err(
            "the design names no availability zone (no `az` container and no `azs`)".into(),
        );
    }
    let wanted = crate::model::zone_name(name);
    if all.contains(wanted) {
        return Ok(wanted.to_string());
    }
    let mut candidates: Vec<String> = all.iter().cloned().collect();
    candidates.extend(
        arch.elements
            .iter()
            .filter(|e| e.kind.traits.zone)
            .map(|e| e.id.clone()),
    );
    let listed: Vec<String> = all.iter().map(|z| format!("`{z}`")).collect();
    let mut message =
        crate::msg!("fail-unknown-zone", zone = name, zones = listed.join(", ")).to_string();
    if let Some(help) = crate::model::suggest::help(name, candidates.iter().map(String::as_str)) {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Err(message)
}

/// Resolves an element ID, with a did-you-mean when it is unknown.
fn resolve_element(arch: &Architecture, id: &str) -> Result<ElementId, String> {
    arch.find(id).ok_or_else(|| {
        let mut message = crate::msg!("fail-unknown-element", id = id).to_string();
        if let Some(help) =
            crate::model::suggest::help(id, arch.elements.iter().map(|e| e.id.as_str()))
        {
            message.push_str(&format!("\nhelp: {help}"));
        }
        message
    })
}

/// Resolves `--region`: a region or another site container.
fn resolve_region(arch: &Architecture, id: &str) -> Result<ElementId, String> {
    let is_site = |e: &crate::model::Element| {
        e.is_container() && e.kind.traits.parallel && !e.kind.traits.zone
    };
    let sites = || arch.elements.iter().filter(|e| is_site(e));
    match arch.find(id) {
        Some(r) if is_site(arch.element(r)) => Ok(r),
        Some(r) => Err(crate::msg!(
            "fail-not-a-region",
            id = id,
            kind = arch.element(r).kind.name
        )
        .to_string()),
        None => {
            let names: Vec<String> = sites().map(|e| format!("`{}`", e.id)).collect();
            let mut message = if names.is_empty() {
                crate::msg!("fail-unknown-region-none", id = id).to_string()
            } else {
                crate::msg!("fail-unknown-region", id = id, regions = names.join(", ")).to_string()
            };
            if let Some(help) = crate::model::suggest::help(id, sites().map(|e| e.id.as_str())) {
                message.push_str(&format!("\nhelp: {help}"));
            }
            Err(message)
        }
    }
}

/// Runs `fail`; returns the exit status.
pub fn run(args: &Args) -> u8 {
    let arch = match load_design(&args.file, "analyse") {
        Ok(arch) => arch,
        Err(status) => return status,
    };
    let graph = ArchGraph::new(&arch);
    let model = Model::new(&arch, &graph);
    let demand = args.load.demand();
    if model.has_load()
        && let Err(message) = check_demand(&model, demand)
    {
        say!("error: {message}");
        return EXIT_INVALID;
    }
    if !model.has_load() && demand != Demand::AsWritten {
        say!(
            "error: {}",
            nothing_to_simulate(&arch, &model).unwrap_or_default()
        );
        return EXIT_INVALID;
    }
    let scenario = match (&args.az, &args.region, args.element.is_empty()) {
        (Some(z), _, _) => resolve_zone(&arch, z).map(|z| Scenario::zone(&arch, &z)),
        (None, Some(r), _) => resolve_region(&arch, r).map(|r| Scenario::region(&arch, r)),
        (None, None, false) => args
            .element
            .iter()
            .map(|id| resolve_element(&arch, id))
            .collect::<Result<Vec<_>, _>>()
            .map(|ids| Scenario::elements(&arch, &ids)),
        (None, None, true) => Ok(Scenario::elements(&arch, &[])),
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(message) => {
            say!("error: {message}");
            return EXIT_INVALID;
        }
    };
    if args.each == Some(Each::Az) && zones::all(&arch).is_empty() {
        say!("error: the design names no availability zone (no `az` container and no `azs`)");
        return EXIT_INVALID;
    }
    if model.graph.entries.is_empty() {
        let why = nothing_to_simulate(&arch, &model).unwrap_or_default();
        let why = why.replace("nothing to simulate", "no request path to lose");
        match args.format {
            Format::Human => super::io::stdout(format!("{why}\n").as_bytes()),
            Format::Json => super::io::stdout(
                format!(
                    "{:#}\n",
                    json!({"paths": {"total": 0, "surviving": 0}, "survives": true, "note": why})
                )
                .as_bytes(),
            ),
        }
        return EXIT_OK;
    }
    let analysis = Analysis::new(&model, demand);
    let at = load_words(&model, demand);
    let (text, survives) = match args.each {
        Some(each) => {
            let outcomes = match each {
                Each::Az => analysis.each_zone(),
                Each::Element => analysis.each_element(),
            };
            let survives = outcomes.iter().all(|o| o.survives);
            let what = match each {
                Each::Az => "az",
                Each::Element => "element",
            };
            let text = match args.format {
                Format::Human => each_report(&arch, &outcomes, what, shown_name(&args.file), &at),
                Format::Json => format!(
                    "{:#}\n",
                    json!({
                        "each": what,
                        "survives": survives,
                        "scenarios": outcomes.iter().map(|o| to_json(&arch, o)).collect::<Vec<_>>(),
                    })
                ),
            };
            (text, survives)
        }
        None => {
            let o = analysis.outcome(&scenario);
            let load = analysis.load(&scenario);
            let text = match args.format {
                Format::Human => report(&arch, &model, &o, &load, shown_name(&args.file), &at),
                Format::Json => format!("{:#}\n", to_json(&arch, &o)),
            };
            (text, o.survives)
        }
    };
    super::io::stdout(text.as_bytes());
    if args.require_survival && !survives {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Resolves `render --fail WHAT`: a zone, else a region, else element IDs
/// separated by commas.
fn resolve(arch: &Architecture, what: &str) -> Result<Scenario, String> {
    let all = zones::all(arch);
    if all.contains(crate::model::zone_name(what)) {
        return Ok(Scenario::zone(arch, crate::model::zone_name(what)));
    }
    if let Some(r) = arch.find(what)
        && resolve_region(arch, what).is_ok()
    {
        return Ok(Scenario::region(arch, r));
    }
    let ids = what
        .split(',')
        .map(|id| {
            let id = id.trim();
            arch.find(id).ok_or_else(|| {
                let mut candidates: Vec<&str> = all.iter().map(String::as_str).collect();
                candidates.extend(arch.elements.iter().map(|e| e.id.as_str()));
                let mut message = crate::msg!("fail-names-nothing", id = id).to_string();
                if let Some(help) = crate::model::suggest::help(id, candidates) {
                    message.push_str(&format!("\nhelp: {help}"));
                }
                message
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Scenario::elements(arch, &ids))
}

/// What `render --fail WHAT` draws: what is down greyed out, lost edges in
/// the error colour, overloaded survivors outlined, and a key.
pub fn overlay(
    arch: &Architecture,
    model: &Model<'_>,
    what: &str,
) -> Result<crate::render::overlay::Overlay, String> {
    use crate::render::overlay::Overlay;
    let scenario = resolve(arch, what)?;
    let analysis = Analysis::new(model, Demand::AsWritten);
    let o = analysis.outcome(&scenario);
    let load = analysis.load(&scenario);
    let name = |i: &ElementId| arch.element(*i).id.clone();
    let mut overlay = Overlay {
        title: format!("Outage: {}", o.scenario.replace('`', "")),
        ..Overlay::default()
    };
    overlay.gone = o.lost.iter().map(name).collect();
    for i in &o.overloaded {
        let cap = model.capacity[i.0].expect("overloaded elements have a capacity");
        let left = o.degraded.iter().find(|(d, _)| d == i).map_or(1.0, |d| d.1);
        overlay
            .overloaded
            .insert(name(i), percent(cap.utilisation(load.offered(*i)) / left));
    }
    for (i, (lo, hi)) in &o.failovers {
        let time = if lo == hi {
            format!("{lo} s")
        } else {
            format!("{lo}–{hi} s")
        };
        overlay.notes.insert(name(i), format!("fails over {time}"));
    }
    for (i, left) in &o.degraded {
        overlay
            .notes
            .insert(name(i), format!("{} left", percent(*left)));
    }
    // Edges to or from what is gone, and every hop of a lost path.
    let lost: std::collections::BTreeSet<ElementId> = o.lost.iter().copied().collect();
    let hops: std::collections::BTreeSet<(ElementId, ElementId)> = o
        .lost_paths
        .iter()
        .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
        .collect();
    let mut seen: std::collections::BTreeMap<(String, String, &str), usize> = Default::default();
    for e in &arch.edges {
        let key = (name(&e.from), name(&e.to), e.op.as_str());
        let n = seen.entry(key.clone()).or_default();
        let k = *n;
        *n += 1;
        let key = (key.0, key.1, key.2.to_string(), k);
        if hops.contains(&(e.from, e.to)) || hops.contains(&(e.to, e.from)) {
            overlay.lost_edges.insert(key);
        } else if lost.contains(&e.from) || lost.contains(&e.to) {
            overlay.dead_edges.insert(key);
        }
    }
    overlay.lines.push(format!(
        "{} down; paths from entry points to datastores: {} of {} survive",
        o.failed.len(),
        o.paths_surviving,
        o.paths_total
    ));
    if !o.overloaded.is_empty() {
        let names: Vec<String> = o.overloaded.iter().map(name).collect();
        overlay
            .lines
            .push(format!("Overloaded: {}", names.join(", ")));
    }
    overlay.lines.push(if o.survives {
        "Survives: every path survives and no survivor is over 100%".into()
    } else {
        "Does not survive".into()
    });
    Ok(overlay)
}

/// The load the outage is judged at, in words.
fn load_words(model: &Model<'_>, demand: Demand) -> String {
    if !model.has_load() {
        return "no load stated: paths only".into();
    }
    let users = model.users(demand).map(|u| format!("{} users, ", group(u)));
    let rates = model.rates(demand);
    let total: f64 = model
        .graph
        .entries
        .iter()
        .filter(|e| model.graph.callers[e.0].is_empty())
        .map(|e| rates[e.0])
        .sum();
    format!(
        "at {}{} from the entry points",
        users.unwrap_or_default(),
        fmt_rps(total)
    )
}

/// One outcome as JSON (the shape the README documents).
pub fn to_json(arch: &Architecture, o: &Outcome) -> Value {
    let id = |i: &ElementId| arch.element(*i).id.clone();
    let ids = |v: &[ElementId]| v.iter().map(id).collect::<Vec<_>>();
    json!({
        "scenario": {"kind": o.kind, "subject": o.subject},
        "failed": ids(&o.failed),
        "lost": ids(&o.lost),
        "degraded": o.degraded.iter().map(|(i, left)| json!({"id": id(i), "share_left": super::simulate::round(*left, 4)})).collect::<Vec<_>>(),
        "failovers": o.failovers.iter().map(|(i, (lo, hi))| json!({"id": id(i), "kind": arch.element(*i).kind.name, "seconds": [lo, hi]})).collect::<Vec<_>>(),
        "paths": {"total": o.paths_total, "surviving": o.paths_surviving},
        "lost_paths": o.lost_paths.iter().map(|p| ids(p)).collect::<Vec<_>>(),
        "overloaded": ids(&o.overloaded),
        "survives": o.survives,
    })
}

/// A list of IDs in backticks, or "none".
fn list(arch: &Architecture, ids: &[ElementId]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    let names: Vec<String> = ids
        .iter()
        .map(|i| format!("`{}`", arch.element(*i).id))
        .collect();
    names.join(", ")
}

/// The human report of one outage.
fn report(
    arch: &Architecture,
    model: &Model<'_>,
    o: &Outcome,
    load: &crate::graph::Load,
    file: &str,
    at: &str,
) -> String {
    let mut out = format!("fail {} in {file} ({at})\n\n", o.scenario);
    out.push_str(&format!("down: {}\n", list(arch, &o.failed)));
    for (i, left) in &o.degraded {
        out.push_str(&format!(
            "runs on {} of its replicas: `{}`\n",
            percent(*left),
            arch.element(*i).id
        ));
    }
    for (i, (lo, hi)) in &o.failovers {
        let time = if lo == hi {
            format!("about {lo} s")
        } else {
            format!("{lo}–{hi} s")
        };
        out.push_str(&format!(
            "fails over to its standby: `{}` ({}, {time} of errors while it does)\n",
            arch.element(*i).id,
            arch.element(*i).kind.name
        ));
    }
    let cut: Vec<ElementId> = o
        .lost
        .iter()
        .copied()
        .filter(|i| !o.failed.contains(i))
        .collect();
    if !cut.is_empty() {
        out.push_str(&format!(
            "cut off from every entry point: {}\n",
            list(arch, &cut)
        ));
    }
    out.push_str(&format!(
        "\npaths from entry points to datastores: {} of {} survive\n",
        o.paths_surviving, o.paths_total
    ));
    for p in &o.lost_paths {
        let names: Vec<&str> = p.iter().map(|i| arch.element(*i).id.as_str()).collect();
        out.push_str(&format!("  lost: {}\n", names.join(" → ")));
    }
    if o.overloaded.is_empty() {
        out.push_str("overloaded survivors: none\n");
    } else {
        out.push_str("overloaded survivors:\n");
        for i in &o.overloaded {
            let cap = model.capacity[i.0].expect("overloaded elements have a capacity");
            let left = match o.degraded.iter().find(|(d, _)| d == i) {
                Some((_, l)) => *l,
                None => 1.0,
            };
            let load = load.offered(*i);
            out.push_str(&format!(
                "  `{}` at {} ({} on {} left)\n",
                arch.element(*i).id,
                percent(cap.utilisation(load) / left),
                fmt_rps(load),
                fmt_rps(cap.total() * left)
            ));
        }
    }
    out.push_str(&format!(
        "\nsurvives: {}\n",
        if o.survives {
            "yes: every path survives and no survivor is over 100%"
        } else {
            "no"
        }
    ));
    out
}

/// The overloaded survivors of one scenario in a table cell: a few names
/// and how many more.
fn overloaded_cell(arch: &Architecture, overloaded: &[ElementId]) -> String {
    const NAMED: usize = 3;
    if overloaded.is_empty() {
        return "none".into();
    }
    let names: Vec<&str> = overloaded
        .iter()
        .take(NAMED)
        .map(|i| arch.element(*i).id.as_str())
        .collect();
    match overloaded.len().saturating_sub(NAMED) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}

/// How many rows `--each` shows a person (JSON has them all).
const SHOWN: usize = 20;

/// The human report of `--each`: one row per scenario, worst first.
fn each_report(
    arch: &Architecture,
    outcomes: &[Outcome],
    what: &str,
    file: &str,
    at: &str,
) -> String {
    let mut out = format!(
        "fail --each {what} in {file} ({at}): {} scenario{}, worst first\n\n",
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" }
    );
    let rows: Vec<[String; 5]> = outcomes
        .iter()
        .take(SHOWN)
        .map(|o| {
            [
                o.scenario.replace('`', ""),
                format!("{} of {}", o.lost_paths.len(), o.paths_total),
                o.lost.len().to_string(),
                overloaded_cell(arch, &o.overloaded),
                if o.survives { "yes" } else { "no" }.into(),
            ]
        })
        .collect();
    let header = [
        "outage",
        "paths lost",
        "elements lost",
        "overloaded",
        "survives",
    ];
    let mut width = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from("  ");
        for (cell, w) in cells.iter().zip(width) {
            s.push_str(cell);
            s.push_str(&" ".repeat(w - cell.chars().count() + 2));
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(&header.map(String::from)));
    for r in &rows {
        out.push_str(&line(r));
    }
    if outcomes.len() > SHOWN {
        out.push_str(&format!(
            "  … {} more (all of them with `--format json`)\n",
            outcomes.len() - SHOWN
        ));
    }
    let failing = outcomes.iter().filter(|o| !o.survives).count();
    out.push_str(&format!(
        "\nsurvives every scenario: {}\n",
        if failing == 0 {
            "yes".to_string()
        } else {
            format!(
                "no ({failing} of {} lose a path or overload a survivor)",
                outcomes.len()
            )
        }
    ));
    out
}
