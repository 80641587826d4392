use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags an in-memory cache (`elasticache`, `redis`, `cache`) that a
    /// compute component calls as its only datastore, when the cache reads
    /// through to no database either and does not state `backup: true`.
    /// The data then lives in memory only.
    ///
    /// ## Why is this bad?
    /// Caches evict under memory pressure and lose their contents on a
    /// restart or failover. Used as the system of record, they lose orders,
    /// sessions or carts without an error.
    ///
    /// ## Example
    /// ```cgr
    /// service orders [replicas: 2]
    /// redis store [multi_az]
    /// orders -> store
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// service orders [replicas: 2]
    /// redis store [multi_az]
    /// rds db [multi_az]
    /// orders -> store
    /// orders -> db
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Performance Efficiency Pillar, PERF03-BP05 (use
    ///   caching; the cache is not the source of truth).
    /// - AWS caching best practices: lazy loading and write-through
    ///   strategies keep a durable store behind the cache.
    pub struct CacheAsSystemOfRecord {
        code: "AV006",
        name: "cache-as-system-of-record",
        category: Durability,
        severity: Warning,
        summary: "a cache is the only datastore a component writes to",
    }
}

impl Rule for CacheAsSystemOfRecord {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let a = cx.graph;
        let stores = |id: crate::model::ElementId| {
            a.calls[id.0]
                .iter()
                .filter(|(t, _)| cx.arch.element(*t).kind.traits.datastore)
                .count()
        };
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            if !e.kind.is(crate::model::catalog::Tag::Cache)
                || e.attrs.flag("backup")
                || stores(id) > 0
            {
                continue;
            }
            let owner = a.callers[id.0]
                .iter()
                .find(|(c, _)| cx.arch.element(*c).kind.traits.compute && stores(*c) == 1);
            if let Some((owner, _)) = owner {
                out.push(
                    cx.at_element(
                        &Self::META,
                        id,
                        msg!("av006", id = &e.id, owner = cx.id(*owner)),
                    )
                    .help(msg!("av006-help")),
                );
            }
        }
        out
    }
}
