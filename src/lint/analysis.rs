//! Small helpers several rules share: zones, exposure, encryption in
//! transit, durations, capacities and wording. The graph and its analyses
//! (request paths, tiers, dominators, cycles, load) live in [`crate::graph`].

pub use crate::graph::load::{capacity, entry_load, hit_ratio, ratio};
pub use crate::graph::zones::{Zones, zones};
use crate::model::{Architecture, Element, ElementId};
use crate::syntax::{Unit, ValueKind};

/// A *service* for the MS rules: a kind the catalog marks as one (`service`,
/// `ecs`, `lambda`, `container`, `deployment`, `ec2`).
pub fn is_service(e: &Element) -> bool {
    e.kind.is(crate::model::catalog::Tag::Service)
}

/// Whether the element is `public` or sits in a `public` subnet.
pub fn in_public_subnet(arch: &Architecture, id: ElementId) -> Option<ElementId> {
    arch.ancestors(id).find(|a| {
        let c = arch.element(*a);
        c.kind.is(crate::model::catalog::Tag::Subnet) && c.attrs.flag("public")
    })
}

/// Whether an edge is encrypted in transit: `Some(true)` for `encrypted`, a
/// TLS protocol, or a bare transport (`tcp`) to a port whose protocol
/// encrypts by itself (22 SSH, 443 HTTPS, 3389 RDP over TLS); `Some(false)`
/// for a stated plaintext protocol or `encrypted: false`; `None` when
/// nothing is stated.
pub fn edge_encrypted(edge: &crate::model::Edge) -> Option<bool> {
    if let Some(ValueKind::Bool(b)) = edge.attrs.get("encrypted") {
        return Some(*b);
    }
    let p = edge.attrs.text("protocol")?.to_ascii_lowercase();
    const TLS: &[&str] = &[
        "https", "tls", "ssl", "wss", "ssh", "sftp", "ftps", "grpcs", "amqps", "mqtts", "ldaps",
        "smtps", "ipsec", "mtls", "rdp",
    ];
    let port = edge.attrs.number("port").map(|p| p as i64);
    let secure_port = matches!(p.as_str(), "tcp" | "ip") && matches!(port, Some(22 | 443 | 3389));
    Some(TLS.contains(&p.as_str()) || p.contains("tls") || p.contains("ssl") || secure_port)
}

/// The encrypted counterpart of a plaintext protocol, for help text:
/// `http` → `https`, `ftp` → `sftp`, `telnet` → `ssh`, anything else → `tls`.
pub fn encrypted_protocol(plain: &str) -> &'static str {
    match plain.to_ascii_lowercase().as_str() {
        "http" | "http2" | "rest" => "https",
        "ws" => "wss",
        "grpc" => "grpc+tls",
        "ftp" => "sftp",
        "telnet" | "rsh" | "rlogin" => "ssh",
        "amqp" => "amqps",
        "mqtt" => "mqtts",
        "ldap" => "ldaps",
        "smtp" => "smtps",
        _ => "tls",
    }
}

/// A duration attribute in seconds.
pub fn seconds(attrs: &crate::model::Attributes, key: &str) -> Option<f64> {
    match attrs.get(key)? {
        ValueKind::Quantity {
            amount,
            unit: Some(Unit::Ms),
        } => Some(amount / 1000.0),
        ValueKind::Quantity {
            amount,
            unit: Some(Unit::S),
        } => Some(*amount),
        _ => None,
    }
}

/// A rate for messages: `1.8k rps`, `600 rps`, `2.5M rps`.
pub fn fmt_rps(x: f64) -> String {
    let trim = |s: String| s.trim_end_matches(".0").to_string();
    if x >= 1e6 {
        format!("{}M rps", trim(format!("{:.1}", x / 1e6)))
    } else if x >= 1e3 {
        format!("{}k rps", trim(format!("{:.1}", x / 1e3)))
    } else {
        format!("{} rps", trim(format!("{x:.1}")))
    }
}

/// A list of IDs in backticks: "`a`, `b` and `c`" (at most `max`, then
/// "and N more"), worded in the language of the message it goes into.
pub fn id_list(arch: &Architecture, ids: &[ElementId], max: usize) -> crate::i18n::Arg {
    let names: Vec<String> = ids
        .iter()
        .take(max)
        .map(|id| format!("`{}`", arch.element(*id).id))
        .collect();
    let rest = ids.len().saturating_sub(max);
    crate::i18n::and_list(names, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_well() {
        assert_eq!(fmt_rps(1800.0), "1.8k rps");
        assert_eq!(fmt_rps(600.0), "600 rps");
        assert_eq!(fmt_rps(2_000_000.0), "2M rps");
    }
}
