//! Availability and durability: single points of failure, zones, failover, backups.

pub mod cache_as_system_of_record;
pub mod database_without_failover;
pub mod no_backup;
pub mod single_az;
pub mod single_hybrid_link;
pub mod single_instance;
pub mod single_point_of_failure;
pub mod slo_not_met;

use crate::i18n::Message;
use crate::lint::Context;
use crate::model::ElementId;
use crate::msg;
use crate::syntax::ast::EdgeOp;

/// The help for a datastore that is a tier of its own while an arrow (`->`,
/// `~>`, `<->`) joins it to another datastore of its kind: most likely its
/// replica, drawn as a request. Only a `--` replication link makes two
/// datastores one tier (a `--` to that partner would have put both in
/// `id`'s tier), so the help of the failover rules points at it.
pub(super) fn replica_arrow_help(cx: &Context<'_>, id: ElementId) -> Option<Message> {
    let e = cx.arch.element(id);
    if !e.kind.traits.datastore || cx.graph.tier(id).len() > 1 {
        return None;
    }
    let partner = cx
        .arch
        .edges
        .iter()
        .filter(|x| x.op != EdgeOp::Assoc)
        .filter_map(|x| match (x.from == id, x.to == id) {
            (true, false) => Some(x.to),
            (false, true) => Some(x.from),
            _ => None,
        })
        .find(|&o| cx.arch.element(o).kind.name == e.kind.name)?;
    Some(msg!(
        "av-help-replica-arrow",
        id = &e.id,
        other = &cx.arch.element(partner).id
    ))
}
