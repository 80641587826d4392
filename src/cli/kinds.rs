//! `cloudgram kinds [CATEGORY]`: the catalog, one kind per line.

use super::{EXIT_INVALID, EXIT_OK};
use crate::model::catalog::{KINDS, KindInfo};
use crate::model::suggest;
use crate::msg;
use crate::text::pad;

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
        super::io::say!("error: {}", msg!("kinds-unknown-category", category = f));
        let help = suggest::help(f, categories.iter().map(String::as_str))
            .unwrap_or_else(|| msg!("kinds-categories", categories = categories.join(", ")));
        super::io::say!("help: {help}");
        return EXIT_INVALID;
    }
    let lang = crate::i18n::current();
    let word = |id| crate::i18n::tr(lang, id);
    let mut out = format!(
        "{} {} {} {} {} {}\n",
        pad(&word("kinds-kind"), 22),
        pad(&word("kinds-category"), 13),
        pad(&word("kinds-container"), 9),
        pad(&word("kinds-capacity"), 9),
        pad(&word("kinds-roles"), 44),
        word("kinds-aliases")
    );
    let (yes, no) = (word("kinds-yes"), word("kinds-no"));
    for k in KINDS
        .iter()
        .filter(|k| filter.is_none_or(|f| category(k).eq_ignore_ascii_case(f)))
    {
        let capacity = k.capacity.map_or("-".to_string(), |c| format!("{c}rps"));
        let roles = roles(k);
        let line = format!(
            "{:<22} {:<13} {} {:<9} {:<44} {}",
            k.name,
            category(k),
            pad(if k.traits.container { &yes } else { &no }, 9),
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
    out.push_str(&format!("\n{}\n", word("kinds-capacity-note")));
    super::io::stdout(out.as_bytes());
    EXIT_OK
}
