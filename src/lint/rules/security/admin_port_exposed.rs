use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::EdgeOp;

declare_rule! {
    /// ## What it does
    /// Flags an edge from a client, the internet or a third party on an
    /// administration port, `port: 22` (SSH) or `port: 3389` (RDP), to
    /// anything but a `bastion` or a `vpn`.
    ///
    /// ## Why is this bad?
    /// SSH and RDP open to the internet are brute-forced around the clock and
    /// are a favourite way in for ransomware. Administrators should come in
    /// through a VPN, a bastion or a session manager.
    ///
    /// ## Example
    /// ```cgr
    /// internet net
    /// ec2 web [replicas: 2]
    /// net -> web [port: 22]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// internet net
    /// bastion jump
    /// ec2 web [replicas: 2]
    /// net -> jump [port: 22]
    /// jump -> web [port: 22]
    /// ```
    ///
    /// ## References
    /// - checkov CKV_AWS_24 (no ingress from 0.0.0.0/0 to port 22) and
    ///   CKV_AWS_25 (no ingress from 0.0.0.0/0 to port 3389).
    /// - AWS Well-Architected Security Pillar, SEC06-BP03 (reduce manual
    ///   management and interactive access).
    pub struct AdminPortExposed {
        code: "SE007",
        name: "admin-port-exposed",
        category: Security,
        severity: Error,
        summary: "SSH or RDP (port 22 or 3389) is reachable from the internet",
    }
}

impl Rule for AdminPortExposed {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, e) in cx.arch.edges.iter().enumerate() {
            let port = e.attrs.number("port").unwrap_or(0.0) as i64;
            let to = cx.arch.element(e.to);
            if e.op == EdgeOp::Assoc
                || !matches!(port, 22 | 3389)
                || !cx.arch.element(e.from).kind.traits.outside
                || to.kind.traits.admin
                || to.kind.traits.link
            {
                continue;
            }
            let what = if port == 22 { "SSH" } else { "RDP" };
            out.push(
                cx.at_edge(
                    &Self::META,
                    i,
                    msg!(
                        "se007",
                        what = what,
                        port = format!("{port}"),
                        to = &to.id,
                        from = cx.id(e.from)
                    ),
                )
                .help(msg!("se007-help")),
            );
        }
        out
    }
}
