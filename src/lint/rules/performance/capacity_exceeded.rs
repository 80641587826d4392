use crate::lint::analysis::{capacity, fmt_rps};
use crate::lint::{Context, Finding, Rule, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Estimates the load that reaches each component and compares it with
    /// `capacity × replicas` (the maximum of a replica range). Load starts
    /// at the entry points, `rps` or else `users` / 100 (one request per
    /// second per hundred users at peak), and flows along synchronous calls
    /// (`->`) in topological order: a cache or CDN passes on
    /// `1 - hit_ratio` of what it receives, a load balancer, gateway or
    /// ingress splits its load evenly among its targets, and any other
    /// component passes all of its load to each component it calls. Nothing
    /// is estimated unless an entry point states `rps` or `users`.
    ///
    /// When a component states no `capacity`, a rule of thumb per replica
    /// is used and the finding is only info:
    ///
    /// | kind | requests per second per replica |
    /// |---|---|
    /// | `ec2` | 500 |
    /// | `ecs`, `container`, `service`, `deployment`, `pod` | 300 |
    /// | `gpu`, `inference` | 50 |
    /// | `rds`, `aurora`, `database`, `documentdb`, `statefulset` | 3000 |
    /// | `elasticache` | 50000 |
    /// | `opensearch` | 1000 |
    /// | `vectordb` | 500 |
    /// | `ingress` | 5000 |
    ///
    /// Managed elastic kinds (load balancers, Lambda, S3, DynamoDB, queues)
    /// have no default and are checked only when they state `capacity`.
    ///
    /// ## Why is this bad?
    /// A component that receives more than it can serve queues requests until
    /// they time out; under a traffic peak it is the first thing to fall over,
    /// and its callers follow.
    ///
    /// ## Example
    /// ```cgr
    /// client users [rps: 5k]
    /// alb lb
    /// ec2 web [replicas: 2..4, autoscale, capacity: 500rps]
    /// users -> lb -> web
    /// ```
    ///
    /// ## Use instead
    /// ```cgr
    /// client users [rps: 5k]
    /// cdn cf [hit_ratio: 80%]
    /// alb lb
    /// ec2 web [replicas: 2..4, autoscale, capacity: 500rps]
    /// users -> cf -> lb -> web
    /// ```
    ///
    /// ## References
    /// - AWS Well-Architected Reliability Pillar, REL07-BP04: load test your
    ///   workload; REL11-BP05 (static stability).
    /// - AWS Well-Architected Performance Efficiency Pillar, PERF03-BP05
    ///   (caching to offload reads).
    pub struct CapacityExceeded {
        code: "PF002",
        name: "capacity-exceeded",
        category: Performance,
        severity: Warning,
        summary: "the estimated load reaching a component exceeds `capacity × replicas`",
    }
}

impl Rule for CapacityExceeded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            let load = cx.analysis.load[id.0];
            if load <= 0.0 || e.kind.traits.entry || e.is_container() {
                continue;
            }
            let Some((per_replica, assumed)) = capacity(e) else {
                continue;
            };
            let replicas = e.replicas().1.max(1);
            let total = per_replica * replicas as f64;
            if load <= total {
                continue;
            }
            let needed = (load / per_replica.max(1e-9)).ceil().min(1e6) as i64;
            let source = if assumed {
                format!(
                    ", assuming {} per replica for `{}`",
                    fmt_rps(per_replica),
                    e.kind.name
                )
            } else {
                String::new()
            };
            out.push(
                cx.at_element(
                    &Self::META,
                    id,
                    format!(
                        "estimated load of {} on `{}` exceeds its capacity of {} ({replicas} × {}{source})",
                        fmt_rps(load),
                        e.id,
                        fmt_rps(total),
                        fmt_rps(per_replica),
                    ),
                )
                .tentative(assumed)
                .help(if per_replica > 0.0 {
                    format!(
                        "allow at least {needed} replicas (e.g. `replicas: 2..{}`), state a measured `capacity`, or put a cache in front",
                        needed.max(2)
                    )
                } else {
                    "state the `capacity` one replica really serves, above zero".to_string()
                }),
            );
        }
        out
    }
}
