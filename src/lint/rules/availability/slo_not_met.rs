use crate::lint::analysis::ratio;
use crate::lint::{Context, Finding, Rule};
use crate::model::{Architecture, Element, ElementId};
use crate::msg;
use std::collections::{BTreeMap, BTreeSet};

/// Shared dependencies conditioned on exactly; more are treated as independent.
const MAX_SHARED: usize = 10;
/// Above this many elements behind the objective, no weakest links are named.
const MAX_RANKED: usize = 60;

declare_rule! {
    /// ## What it does
    /// Estimates the availability of each element that states an `slo` (an
    /// entry point, or a component such as the public load balancer),
    /// together with everything it calls synchronously, and reports it when
    /// the estimate is below the objective. A request succeeds when the
    /// element is up and, for each tier it calls, at least one member of the
    /// tier succeeds; failures are independent, and dependencies shared by
    /// several branches (one database behind two app servers) are
    /// conditioned on exactly, so they count once, in series. Asynchronous
    /// edges are not on the request path.
    ///
    /// The availability of one element is a rule of thumb taken from public
    /// service levels, so the rule speaks at info unless `cloudgram.toml`
    /// raises it:
    ///
    /// | element | availability |
    /// |---|---|
    /// | `cloudfront`, `sqs`, `sns`, `kinesis`, `eventbridge` | 99.9 % |
    /// | `lambda` | 99.95 % |
    /// | other managed highly-available kinds (ALB, S3, DynamoDB, ...) | 99.99 % |
    /// | anything with `multi_az` | 99.95 % |
    /// | one instance (a VM, a node, a self-managed database) | 99.5 % |
    /// | `n` replicas | 1 − 0.005ⁿ, at most 99.99 % |
    /// | `external` services called | 99.9 % |
    ///
    /// The finding names the elements whose failure costs the most
    /// availability (the largest gain if they never failed).
    ///
    /// ## Why is this bad?
    /// Availabilities in series multiply: an application behind a 99.99 %
    /// load balancer that needs a 99.95 % database and a 99.95 % cache cannot
    /// reach 99.95 % however many servers it runs. An objective the design
    /// cannot meet is found in review or in an outage.
    ///
    /// ## Example
    /// ```cgr
    /// client users [slo: 99.9%]
    /// alb lb
    /// ec2 web [replicas: 2..6, autoscale]
    /// rds db
    /// users -> lb -> web -> db
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users [slo: 99.9%]
    /// alb lb
    /// ec2 web [replicas: 2..6, autoscale]
    /// rds db [multi_az]
    /// users -> lb -> web -> db
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL11-BP07: architect your
    ///   product to meet availability targets and uptime service level
    ///   agreements; appendix "Calculating availability with hard
    ///   dependencies" (availabilities in series multiply, redundant ones
    ///   combine as 1 − Π(1 − a)).
    /// - Google SRE Book, chapter "Embracing Risk" (service level objectives).
    pub struct SloNotMet {
        code: "AV008",
        name: "slo-not-met",
        category: Availability,
        severity: Info,
        summary: "the estimated availability behind an element is below its stated `slo`",
    }
}

impl Rule for SloNotMet {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            let Some(slo) = ratio(e, "slo").filter(|s| *s > 0.0) else {
                continue;
            };
            let model = Model::new(cx, id);
            let estimate = model.availability(&BTreeMap::new());
            if estimate >= slo {
                continue;
            }
            let weakest = model.weakest(estimate, 2);
            let names: Vec<String> = weakest
                .iter()
                .map(|w| format!("`{}` ({})", cx.id(*w), percent(own(cx.arch, *w))))
                .collect();
            let fix = if weakest.iter().all(|w| cx.arch.element(*w).is_redundant()) {
                msg!("av008-fix-redundant")
            } else {
                msg!("av008-fix")
            };
            let help = if names.is_empty() {
                msg!("av008-help")
            } else {
                msg!(
                    "av008-help-weakest",
                    names = crate::i18n::and_list(names, 0),
                    fix = fix
                )
            };
            out.push(
                cx.at_element(
                    &Self::META,
                    id,
                    msg!(
                        "av008",
                        id = &e.id,
                        estimate = percent(estimate),
                        slo = percent(slo)
                    ),
                )
                .note(msg!("av008-note"))
                .help(help),
            );
        }
        out
    }
}

/// The dependency structure behind one element.
struct Model<'a> {
    arch: &'a Architecture,
    root: ElementId,
    /// Forward synchronous callees of each reachable element, grouped by tier.
    tiers: BTreeMap<ElementId, Vec<Vec<ElementId>>>,
    /// Dependencies reached along several branches, conditioned on exactly.
    shared: Vec<ElementId>,
}

impl<'a> Model<'a> {
    fn new(cx: &'a Context<'_>, root: ElementId) -> Self {
        let arch = cx.arch;
        let mut tiers = BTreeMap::new();
        let mut parents: BTreeMap<ElementId, BTreeSet<ElementId>> = BTreeMap::new();
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            if tiers.contains_key(&v) {
                continue;
            }
            let mut by_tier: BTreeMap<usize, Vec<ElementId>> = BTreeMap::new();
            for &(to, edge) in &cx.graph.calls[v.0] {
                if arch.edges[edge].from != v || to == v {
                    continue;
                }
                let group = by_tier.entry(cx.graph.tier_of[to.0]).or_default();
                if !group.contains(&to) {
                    group.push(to);
                }
                parents.entry(to).or_default().insert(v);
                stack.push(to);
            }
            tiers.insert(v, by_tier.into_values().collect());
        }
        let mut shared: Vec<(usize, ElementId)> = parents
            .into_iter()
            .filter(|(id, p)| *id != root && p.len() >= 2)
            .map(|(id, p)| (p.len(), id))
            .collect();
        shared.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let shared = shared
            .into_iter()
            .take(MAX_SHARED)
            .map(|(_, id)| id)
            .collect();
        Model {
            arch,
            root,
            tiers,
            shared,
        }
    }

    /// The probability that a request to the root succeeds, with the
    /// elements in `fixed` forced up (1.0) or down (0.0).
    fn availability(&self, fixed: &BTreeMap<ElementId, f64>) -> f64 {
        let free: Vec<ElementId> = self
            .shared
            .iter()
            .copied()
            .filter(|s| !fixed.contains_key(s))
            .collect();
        let mut total = 0.0;
        for mask in 0..(1u32 << free.len()) {
            let mut state = fixed.clone();
            let mut weight = 1.0;
            for (i, s) in free.iter().enumerate() {
                let a = own(self.arch, *s);
                if mask & (1 << i) != 0 {
                    state.insert(*s, 1.0);
                    weight *= a;
                } else {
                    state.insert(*s, 0.0);
                    weight *= 1.0 - a;
                }
            }
            if weight > 0.0 {
                let mut memo = BTreeMap::new();
                let mut on_stack = BTreeSet::new();
                total += weight * self.success(self.root, &state, &mut memo, &mut on_stack);
            }
        }
        total
    }

    fn success(
        &self,
        v: ElementId,
        state: &BTreeMap<ElementId, f64>,
        memo: &mut BTreeMap<ElementId, f64>,
        on_stack: &mut BTreeSet<ElementId>,
    ) -> f64 {
        if let Some(p) = memo.get(&v) {
            return *p;
        }
        if !on_stack.insert(v) {
            return 1.0; // a call back up the chain adds no new dependency
        }
        let mut p = state.get(&v).copied().unwrap_or_else(|| own(self.arch, v));
        for tier in self.tiers.get(&v).map(Vec::as_slice).unwrap_or_default() {
            if p == 0.0 {
                break;
            }
            let all_fail: f64 = tier
                .iter()
                .map(|m| 1.0 - self.success(*m, state, memo, on_stack))
                .product();
            p *= 1.0 - all_fail;
        }
        on_stack.remove(&v);
        memo.insert(v, p);
        p
    }

    /// The `n` elements whose never failing would raise the estimate most.
    fn weakest(&self, estimate: f64, n: usize) -> Vec<ElementId> {
        if self.tiers.len() > MAX_RANKED {
            return Vec::new();
        }
        let mut gains: Vec<(f64, ElementId)> = self
            .tiers
            .keys()
            .filter(|id| own(self.arch, **id) < 1.0)
            .map(|id| {
                let up = self.availability(&BTreeMap::from([(*id, 1.0)]));
                (up - estimate, *id)
            })
            .filter(|(gain, _)| *gain > 1e-9)
            .collect();
        gains.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        gains.into_iter().take(n).map(|(_, id)| id).collect()
    }
}

/// The rule-of-thumb availability of one element (see the table above).
fn own(arch: &Architecture, id: ElementId) -> f64 {
    let e: &Element = arch.element(id);
    let t = e.kind.traits;
    if t.container {
        return 1.0;
    }
    // The catalog's published figure (people 100%, third parties 99.9%,
    // CDN and messaging 99.9%, Lambda 99.95%), else 99.99% for managed kinds.
    if let Some(figure) = e.kind.availability {
        return figure;
    }
    if t.managed_ha {
        return 0.9999;
    }
    if e.attrs.flag("multi_az") {
        return 0.9995;
    }
    let n = e.replicas().0.max(if e.is_redundant() { 2 } else { 1 });
    (1.0 - 0.005f64.powi(n.clamp(1, 16) as i32)).min(0.9999)
}

/// `99.95%`, `99.5%`, `99.876%`: the fewest decimals that show the difference.
fn percent(x: f64) -> String {
    let s = format!("{:.3}", x * 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::compile_str;
    use crate::graph::ArchGraph;
    use crate::lint::Config;

    fn estimate(src: &str, at: &str) -> f64 {
        let arch = compile_str("t.cgr", src).arch.expect("compiles");
        let graph = ArchGraph::new(&arch);
        let config = Config::default();
        let cx = Context {
            arch: &arch,
            graph: &graph,
            config: &config,
        };
        Model::new(&cx, arch.find(at).unwrap()).availability(&BTreeMap::new())
    }

    #[test]
    fn series_multiply_and_tiers_combine_in_parallel() {
        // 0.9999 (alb) × 0.995 (one server) × 0.9995 (multi-AZ db)
        let a = estimate("alb lb\nec2 web\nrds db [multi_az]\nlb -> web -> db", "lb");
        assert!((a - 0.9999 * 0.995 * 0.9995).abs() < 1e-12, "{a}");
        // Two single servers behind the balancer: 1 - 0.005².
        let a = estimate("alb lb\nec2 a\nec2 b\nlb -> a, b", "lb");
        assert!((a - 0.9999 * (1.0 - 0.005f64.powi(2))).abs() < 1e-12, "{a}");
    }

    #[test]
    fn a_shared_database_counts_once_in_series() {
        let a = estimate("alb lb\nec2 a\nec2 b\nrds db\nlb -> a, b\na, b -> db", "lb");
        let exact = 0.9999 * 0.995 * (1.0 - 0.005f64.powi(2));
        assert!((a - exact).abs() < 1e-12, "{a} vs {exact}");
    }

    #[test]
    fn percentages_read_well() {
        assert_eq!(percent(0.9995), "99.95%");
        assert_eq!(percent(0.995), "99.5%");
        assert_eq!(percent(0.99876543), "99.877%");
    }
}
