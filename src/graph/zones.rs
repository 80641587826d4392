//! Where elements run: the availability zones an element spans, and the
//! zone it is placed in whatever its failover (what an AZ outage takes).

use crate::model::{Architecture, ElementId};
use std::collections::BTreeSet;

/// The availability zones an element spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zones {
    /// Nothing says where it runs.
    Unknown,
    /// These zones (from `azs`, or the enclosing `az` container's ID).
    Some(BTreeSet<String>),
    /// Two or more by itself: `multi_az` or a managed highly-available kind.
    Multi,
}

/// The zones an element spans: `multi_az` or managed HA count as many;
/// else its `azs`; else the nearest enclosing `az` container (its ID without an `az_` prefix, see [`crate::model::zone_name`]) or
/// container with `azs` (a cluster spread over zones); else unknown.
pub fn zones(arch: &Architecture, id: ElementId) -> Zones {
    let e = arch.element(id);
    if e.attrs.flag("multi_az") || e.kind.traits.managed_ha {
        return Zones::Multi;
    }
    let placed = placed(arch, id);
    if placed.is_empty() {
        return Zones::Unknown;
    }
    Zones::Some(placed)
}

/// The zones an element is placed in, whatever its failover: its `azs`,
/// else the nearest enclosing `az` container or container with `azs`.
/// Empty when nothing says.
pub fn placed(arch: &Architecture, id: ElementId) -> BTreeSet<String> {
    for holder in std::iter::once(id).chain(arch.ancestors(id)) {
        let h = arch.element(holder);
        let azs = h.attrs.words("azs");
        if !azs.is_empty() {
            return azs
                .iter()
                .map(|z| crate::model::zone_name(z).to_string())
                .collect();
        }
        if h.kind.traits.zone {
            return BTreeSet::from([crate::model::zone_name(&h.id).to_string()]);
        }
    }
    BTreeSet::new()
}

/// Every zone the design names: `az` containers and `azs` lists, by name.
pub fn all(arch: &Architecture) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in &arch.elements {
        if e.kind.traits.zone {
            out.insert(crate::model::zone_name(&e.id).to_string());
        }
        for z in e.attrs.words("azs") {
            out.insert(crate::model::zone_name(&z).to_string());
        }
    }
    out
}
