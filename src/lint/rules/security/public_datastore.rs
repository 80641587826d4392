use crate::lint::analysis::in_public_subnet;
use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Flags a datastore (database, cache, bucket, file system, vector store)
    /// that is `public` itself or sits in a `public` subnet.
    ///
    /// ## Why is this bad?
    /// A datastore reachable from the internet is one leaked password or one
    /// unpatched engine away from a breach; scanners find open database ports
    /// within minutes. Data belongs in private subnets, reached only by the
    /// application.
    ///
    /// ## Example
    /// ```cgr
    /// subnet dmz [public] { rds db [multi_az] }
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// subnet dmz [public] { alb lb }
    /// subnet data { rds db [multi_az] }
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Security Pillar, SEC05-BP01: create network layers.
    /// - checkov CKV_AWS_17 (RDS not publicly accessible) and CKV_AWS_20
    ///   (S3 bucket not public).
    pub struct PublicDatastore {
        code: "SE001",
        name: "public-datastore",
        category: Security,
        severity: Error,
        summary: "a datastore is `public` or placed in a public subnet",
    }
}

impl Rule for PublicDatastore {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            if !e.kind.traits.datastore {
                continue;
            }
            let f = if let Some(attr) = e.attrs.entry("public").filter(|_| e.attrs.flag("public")) {
                cx.at_element(&Self::META, id, msg!("se001", id = &e.id))
                    .label(attr.span, msg!("se001-label"))
            } else if let Some(subnet) = in_public_subnet(cx.arch, id) {
                cx.at_element(
                    &Self::META,
                    id,
                    msg!("se001-subnet", id = &e.id, subnet = cx.id(subnet)),
                )
                .label(cx.arch.element(subnet).span, msg!("subnet-is-public"))
            } else {
                continue;
            };
            out.push(f.help(msg!("se001-help")));
        }
        out
    }
}
