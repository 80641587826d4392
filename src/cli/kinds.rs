//! `cloudgram kinds [CATEGORY]`: the catalog, one kind per line.

use super::{EXIT_INVALID, EXIT_OK};
use crate::model::catalog::{KINDS, KindInfo};
use crate::model::suggest;

/// The roles and failure semantics of a kind, as words (`managed-ha`, `zonal`, ...).
pub fn roles(k: &KindInfo) -> Vec<&'static str> {
    let t = k.traits;
    [
        (t.entry, "entry"),
        (t.outside, "outside"),
        (t.compute, "compute"),
        (t.datastore, "datastore"),
        (t.balancer, "balancer"),
        (t.passthrough, "pass-through"),
        (t.admin, "admin-host"),
        (t.egress, "egress"),
        (t.link, "link"),
        (t.zone, "zone"),
        (t.managed_ha, "managed-ha"),
        (t.zonal, "zonal"),
    ]
    .into_iter()
    .filter_map(|(on, word)| on.then_some(word))
    .collect()
}

/// The lowercase word of a category, as the CLI and JSON show it.
pub fn category(k: &KindInfo) -> String {
    serde_json::to_value(k.category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Prints the catalog, or the kinds of one category.
pub fn list(filter: Option<&str>) -> u8 {
    let categories: Vec<String> = {
        let mut c: Vec<String> = KINDS.iter().map(category).collect();
        c.dedup();
        c
    };
    if let Some(f) = filter
        && !categories.iter().any(|c| c.eq_ignore_ascii_case(f))
    {
        eprintln!("error: unknown category `{f}`");
        let help = suggest::help(f, categories.iter().map(String::as_str))
            .unwrap_or_else(|| format!("the categories are {}", categories.join(", ")));
        eprintln!("help: {help}");
        return EXIT_INVALID;
    }
    let mut out = format!(
        "{:<22} {:<13} {:<9} {:<9} {:<44} {}\n",
        "kind", "category", "container", "capacity", "roles", "aliases"
    );
    for k in KINDS
        .iter()
        .filter(|k| filter.is_none_or(|f| category(k).eq_ignore_ascii_case(f)))
    {
        let capacity = k.capacity.map_or("-".to_string(), |c| format!("{c}rps"));
        let roles = roles(k);
        let line = format!(
            "{:<22} {:<13} {:<9} {:<9} {:<44} {}",
            k.name,
            category(k),
            if k.traits.container { "yes" } else { "no" },
            capacity,
            if roles.is_empty() {
                "-".to_string()
            } else {
                roles.join(", ")
            },
            k.aliases.join(", ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str(
        "\ncapacity: rule-of-thumb requests per second one replica serves when `capacity` is not stated (PF002)\n",
    );
    super::io::stdout(out.as_bytes());
    EXIT_OK
}
