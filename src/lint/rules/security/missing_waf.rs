use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a public entry (`alb`, `api_gateway`, `cloudfront`) that a
    /// client or the internet calls directly when no `waf` is attached to it
    /// by an edge (`cf -- waf`) or placed in front of it. Info by default:
    /// the design may simply not show the firewall.
    ///
    /// ## Why is this bad?
    /// Without a web application firewall, injection attempts, bots and
    /// request floods reach the application; managed rule sets block the
    /// common ones before they cost anything.
    ///
    /// ## Example
    /// ```cgr
    /// client users
    /// alb lb
    /// users -> lb
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users
    /// alb lb
    /// waf fw
    /// users -> lb
    /// lb -- fw
    /// ```
    ///
    /// ## References
    /// - checkov CKV2_AWS_28: public-facing ALB is protected by WAF.
    /// - Threagile risk rule `missing-waf`.
    /// - AWS Well-Architected Security Pillar, SEC06-BP02 (protect network
    ///   resources at the edge).
    pub struct MissingWaf {
        code: "SE005",
        name: "missing-waf",
        category: Security,
        severity: Info,
        summary: "a public entry (ALB, API gateway, CDN) called from the internet has no WAF",
    }
}

impl Rule for MissingWaf {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let is_waf = |id: crate::model::ElementId| {
            cx.arch.element(id).kind.is(crate::model::catalog::Tag::Waf)
        };
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            if !e.kind.is(crate::model::catalog::Tag::WafTarget) {
                continue;
            }
            let from_outside = cx.graph.callers[id.0]
                .iter()
                .any(|(c, _)| cx.arch.element(*c).kind.traits.outside);
            let guarded = cx
                .arch
                .edges
                .iter()
                .any(|x| (x.to == id && is_waf(x.from)) || (x.from == id && is_waf(x.to)));
            if from_outside && !guarded {
                out.push(
                    cx.at_element(&Self::META, id, msg!("se005", id = &e.id))
                        .help(msg!("se005-help", id = &e.id)),
                );
            }
        }
        out
    }
}
