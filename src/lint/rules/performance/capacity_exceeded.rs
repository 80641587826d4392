use crate::graph::simulate::Capacity;
use crate::lint::analysis::fmt_rps;
use crate::lint::{Context, Finding, Rule};
use crate::msg;

declare_rule! {
    /// ## What it does
    /// Estimates the load offered to each component and compares it with
    /// `capacity × replicas` (the maximum of a replica range). The estimate
    /// is the load model that `crate::graph::load` implements:
    ///
    /// - entry points (`client`, `internet`, `external`, `device`) send their
    ///   `rps`, else `users` / 100 (one request per second per hundred users
    ///   at peak); nothing is estimated unless one states `rps` or `users`;
    /// - load flows along `->` (and `<->` in the direction written) and along
    ///   `~>` to the consumers of a queue or topic; `--` carries none and
    ///   nothing passes a bastion;
    /// - a component passes on what it receives, capped by its `rate_limit`,
    ///   times `1 - hit_ratio` when it states one (a cache or CDN);
    /// - what a component passes goes in full to every group of replicas it
    ///   calls, and the members of one group share it evenly: with
    ///   `front_a, front_b -> back_a, back_b` each back gets half of each
    ///   front's load. Replicas are components of one kind with the same
    ///   callers that sit behind a load balancer (`alb`, `nlb`, a Kubernetes
    ///   Service), or whose IDs differ only in a trailing number or letter
    ///   (`web_a`, `web_b`); an API gateway's or ingress's routes to
    ///   differently named services each carry its full load.
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
    /// Components are visited in topological order; inside a cycle of calls,
    /// breadth first from where load enters it, and each member passes its
    /// load on once (a call back into the cycle carries nothing).
    ///
    /// The assumptions, all of them rough on purpose: users are all active
    /// at the peak and each sends one request per second per hundred users
    /// (so `users: 300k` is 3k rps; state `rps` to give the real peak); every
    /// request that reaches a component is one unit of work there; routes
    /// that the design does not split (a gateway's, a CDN's) each carry the
    /// full load, an upper bound; a replica range can reach its maximum.
    ///
    /// `cloudgram simulate` runs this same model at other loads (`--users`,
    /// `--scale`): utilisation, the replicas needed to stay under a target
    /// and to survive losing an AZ, queueing latency (M/M/1:
    /// `latency / (1 - utilisation)`), the bottleneck and the largest user
    /// count the design holds; `cloudgram fail` re-runs it on what survives
    /// an outage. PF002 is `simulate` at the design's own figures: the
    /// components it reports are the ones `simulate` calls saturated.
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
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut out = Vec::new();
        for id in cx.arch.ids() {
            let e = cx.arch.element(id);
            let load = cx.graph.load.offered(id);
            if load <= 0.0 || e.kind.traits.entry || e.is_container() {
                continue;
            }
            // The same figures `cloudgram simulate` reports.
            let Some(cap) = Capacity::of(e) else {
                continue;
            };
            if !cap.exceeded_by(load, 1.0) {
                continue;
            }
            let (per_replica, assumed, replicas, total) =
                (cap.per_replica, cap.assumed, cap.replicas.1, cap.total());
            let needed = (load / per_replica.max(1e-9)).ceil().min(1e6) as i64;
            let source = if assumed {
                msg!(
                    "pf002-assumed",
                    rate = fmt_rps(per_replica),
                    kind = e.kind.name
                )
            } else {
                msg!("empty")
            };
            out.push(
                cx.at_element(
                    &Self::META,
                    id,
                    msg!(
                        "pf002",
                        load = fmt_rps(load),
                        id = &e.id,
                        total = fmt_rps(total),
                        replicas = format!("{replicas}"),
                        rate = fmt_rps(per_replica),
                        source = source,
                    ),
                )
                .tentative(assumed)
                .help(if per_replica > 0.0 {
                    let example = if needed <= 2 {
                        "replicas: 2".to_string()
                    } else {
                        format!("replicas: 2..{needed}")
                    };
                    msg!("pf002-help", needed = needed, example = example)
                } else {
                    msg!("pf002-help-zero")
                }),
            );
        }
        out
    }
}
