use crate::lint::analysis::{edge_encrypted, encrypted_protocol, in_public_subnet};
use crate::lint::{Context, Finding, Rule};
use crate::msg;
use crate::syntax::EdgeOp;

declare_rule! {
    /// ## What it does
    /// Flags an edge from a client, the internet or a third party, or an edge
    /// into a public subnet (or a `public` component) from outside it, whose
    /// `protocol` is not encrypted (`http`, `tcp`, `grpc`, `sql`, ...) or
    /// that states `encrypted: false`. `https`, `tls`, `grpc+tls` and other
    /// TLS protocols count as encrypted, and so do `ssh` and a bare `tcp` to
    /// a port whose protocol encrypts by itself (22 for SSH, 443, 3389). An
    /// edge that states no protocol is left alone. The help names the
    /// encrypted form of the protocol used (`http` → `https`, `ftp` →
    /// `sftp`, `telnet` → `ssh`, otherwise `tls`).
    ///
    /// ## Why is this bad?
    /// Traffic from the internet crosses networks nobody controls: without
    /// TLS, passwords, tokens and personal data can be read and altered on
    /// the way.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// alb lb
    /// users -> lb [protocol: http]
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// alb lb
    /// users -> lb [protocol: https]
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Security Pillar, SEC09-BP02: enforce encryption
    ///   in transit.
    /// - checkov CKV_AWS_2 (ALB listener uses HTTPS) and CKV2_AWS_20 (ALB
    ///   redirects HTTP to HTTPS).
    pub struct PlaintextFromInternet {
        code: "SE003",
        name: "plaintext-from-internet",
        category: Security,
        severity: Warning,
        summary: "an edge from a client/internet/external element, or into a public subnet, uses an unencrypted protocol",
    }
}

impl Rule for PlaintextFromInternet {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, e) in cx.arch.edges.iter().enumerate() {
            if e.op == EdgeOp::Assoc || edge_encrypted(e) != Some(false) {
                continue;
            }
            let from = cx.arch.element(e.from);
            let to = cx.arch.element(e.to);
            let into_public = match in_public_subnet(cx.arch, e.to) {
                Some(subnet) => !cx.arch.is_ancestor(subnet, e.from),
                None => to.attrs.flag("public") && !from.attrs.flag("public"),
            };
            let why = if from.kind.traits.outside {
                msg!("se003-from", from = &from.id, to = &to.id)
            } else if into_public {
                msg!("se003-into-public", from = &from.id, to = &to.id)
            } else {
                continue;
            };
            let proto = e.attrs.text("protocol").unwrap_or("unencrypted");
            out.push(
                cx.at_edge(&Self::META, i, msg!("se003", proto = proto, why = why))
                    .help(msg!("se003-help", proto = encrypted_protocol(proto))),
            );
        }
        out
    }
}
