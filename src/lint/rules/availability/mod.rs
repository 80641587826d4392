//! Availability and durability: single points of failure, zones, failover, backups.

pub mod cache_as_system_of_record;
pub mod database_without_failover;
pub mod no_backup;
pub mod single_az;
pub mod single_hybrid_link;
pub mod single_instance;
pub mod single_point_of_failure;
pub mod slo_not_met;

use crate::model::{Architecture, ElementId};
use crate::syntax::ast::EdgeOp;

/// Another datastore of `id`'s kind that an arrow (`->`, `~>`, `<->`) joins
/// it to, where no `--` replication link does: most likely its replica,
/// drawn as a request. Only a `--` link makes two datastores one tier, so
/// the help of the failover rules points at it.
pub(super) fn replica_drawn_as_arrow(arch: &Architecture, id: ElementId) -> Option<ElementId> {
    let kind = arch.element(id).kind;
    if !kind.traits.datastore {
        return None;
    }
    let kind = kind.name;
    let other = |e: &crate::model::Edge| {
        if e.from == id {
            Some(e.to)
        } else if e.to == id {
            Some(e.from)
        } else {
            None
        }
    };
    let linked = |o: ElementId| {
        arch.edges
            .iter()
            .any(|e| e.op == EdgeOp::Assoc && other(e) == Some(o))
    };
    arch.edges
        .iter()
        .filter(|e| e.op != EdgeOp::Assoc)
        .filter_map(other)
        .find(|&o| o != id && arch.element(o).kind.name == kind && !linked(o))
}
