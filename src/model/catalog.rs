//! The catalog: every kind the language knows, as one data table.
//! Adding a kind is adding a row to [`KINDS`].

use serde::Serialize;

/// The family a kind belongs to; sets its colour and icon family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Regions, VPCs, AZs, subnets, clusters, sites: things that hold things.
    Container,
    /// Users, the internet, third-party APIs.
    Actor,
    /// Load balancers, gateways, DNS, CDN, VPN.
    Network,
    /// VMs, functions, containers, services.
    Compute,
    /// Object and file storage.
    Storage,
    /// Databases and caches.
    Database,
    /// Queues, topics, streams, buses.
    Integration,
    /// Kubernetes objects.
    Kubernetes,
    /// Service discovery, configuration, mesh.
    Microservices,
    /// Identity, keys, secrets.
    Security,
    /// Monitoring, logging, tracing.
    Operations,
    /// Models, vectors, training, MLOps.
    Ai,
    /// Private 5G: base stations, core, devices.
    Telecom,
}

impl Category {
    /// The category's name as written in JSON and CSS classes (`compute`).
    pub fn name(self) -> &'static str {
        match self {
            Category::Container => "container",
            Category::Actor => "actor",
            Category::Network => "network",
            Category::Compute => "compute",
            Category::Storage => "storage",
            Category::Database => "database",
            Category::Integration => "integration",
            Category::Kubernetes => "kubernetes",
            Category::Microservices => "microservices",
            Category::Security => "security",
            Category::Operations => "operations",
            Category::Ai => "ai",
            Category::Telecom => "telecom",
        }
    }
}

/// A mark on a kind that one or two rules need beyond its roles (which
/// datastores fail over, which kinds are the LLM, the WAF, the HPA...).
/// Rules test marks, never a kind's name: adding a kind is adding a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    /// A *service* of the MS rules (microservice, container, function, VM).
    Service,
    /// People: users and the internet (not a third-party system).
    People,
    /// A third-party system the design calls or is called by.
    ThirdParty,
    /// A relational database (connection limits).
    Relational,
    /// A datastore with a managed standby to fail over to (`multi_az`).
    Failover,
    /// An in-memory cache (not a system of record).
    Cache,
    /// Durable object or file storage, fit for checkpoints.
    Durable,
    /// Reachable through a free VPC gateway endpoint (S3, DynamoDB).
    GatewayEndpoint,
    /// An LLM endpoint.
    Llm,
    /// An LLM guardrail.
    Guardrail,
    /// A web application firewall.
    Waf,
    /// A public entry a WAF attaches to (ALB, API gateway, CDN).
    WafTarget,
    /// An API gateway that can throttle (`rate_limit`).
    Throttles,
    /// A balancer that routes by path to different services (API gateway,
    /// ingress), not one that spreads load over replicas.
    Router,
    /// A message queue with dead-letter support.
    Queue,
    /// A cloud region.
    Region,
    /// A subnet (public with `public`).
    Subnet,
    /// A NAT gateway.
    Nat,
    /// A horizontal pod autoscaler.
    Autoscaler,
    /// A Kubernetes deployment.
    Deployment,
    /// A workload an autoscaler or a Kubernetes Service targets besides
    /// compute (deployments, stateful sets).
    Scalable,
    /// A Kubernetes Service.
    K8sService,
    /// A Kubernetes ingress.
    Ingress,
    /// A serverless function (connection storms).
    Function,
    /// Service discovery or configuration that services depend on.
    Discovery,
    /// A GPU training cluster.
    Training,
}

/// How a container kind is framed: stroke colour, fill tint (share of the
/// stroke mixed into the background) and whether the border is dashed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Border colour (`#rrggbb`).
    pub stroke: &'static str,
    /// Share of the stroke colour in the fill, 0 to 1.
    pub tint: f64,
    /// Dashed border (zones, regions, logical groups).
    pub dashed: bool,
}

/// The frame of a container with no frame of its own (`group`).
pub const PLAIN_FRAME: Frame = Frame {
    stroke: "#7d8998",
    tint: 0.0,
    dashed: true,
};

/// Failure semantics and roles of a kind, read by lint rules and layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Traits {
    /// Takes a `{ ... }` block of children.
    pub container: bool,
    /// A managed service that is highly available by itself (S3, ALB, Lambda, SQS).
    pub managed_ha: bool,
    /// Lives in one availability zone unless replicated across zones (EC2, RDS).
    pub zonal: bool,
    /// Holds state: a database, cache, bucket, file system, vector store.
    pub datastore: bool,
    /// Runs application code.
    pub compute: bool,
    /// Where requests come from: users, the internet, a third party, devices.
    /// Entry points start request paths and carry the load a design states.
    pub entry: bool,
    /// On the far side of the internet (users, the internet, a third party):
    /// traffic from it crosses the internet. A `device` on a private network
    /// is an entry point but not outside.
    pub outside: bool,
    /// An administration host (bastion): it carries operators' sessions,
    /// not requests, so request paths neither include it nor pass through it.
    pub admin: bool,
    /// A private link between networks (VPN, Direct Connect): a way in for
    /// administrators, and a single point of failure when there is one.
    pub link: bool,
    /// An availability zone: its ID is the zone's name in `azs`.
    pub zone: bool,
    /// The last hop out to the internet (NAT and internet gateways).
    pub egress: bool,
    /// Carries traffic without running application logic (balancers, CDN,
    /// WAF, gateways, NAT, DNS, mesh): not an endpoint of a service cycle.
    pub passthrough: bool,
    /// Distributes requests among targets (load balancers, gateways, ingress).
    pub balancer: bool,
    /// A site that is drawn beside its siblings of the same kind rather than
    /// after them (availability zones, regions, data centres): links between
    /// two of them (replication, failover) do not order them.
    pub parallel: bool,
}

/// One row of the catalog.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindInfo {
    /// The canonical name (`rds`).
    pub name: &'static str,
    /// Other names accepted in source (`mysql`, `postgres`).
    pub aliases: &'static [&'static str],
    /// Its family.
    pub category: Category,
    /// What it is, for help text and legends.
    pub description: &'static str,
    /// Failure semantics.
    pub traits: Traits,
    /// Rule-of-thumb requests per second one replica serves, for kinds that
    /// are not managed and elastic (PF002 and the load model use it when a
    /// component states no `capacity`).
    pub capacity: Option<f64>,
    /// Another kind whose icon it is drawn with, when it has none of its own.
    pub icon: Option<&'static str>,
    /// Published availability of one managed instance, where it differs
    /// from the 99.99% assumed for managed kinds (AV008).
    pub availability: Option<f64>,
    /// Marks the rules test (see [`Tag`]).
    pub tags: &'static [Tag],
    /// How a container of this kind is framed, and framed when `public`.
    pub frame: Option<(Frame, Option<Frame>)>,
}

impl KindInfo {
    /// Whether the kind carries the mark `tag`.
    pub fn is(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }

    /// The frame a container of this kind is drawn with (`public` picks the
    /// public variant where there is one, e.g. a public subnet).
    pub fn frame(&self, public: bool) -> Frame {
        match self.frame {
            Some((_, Some(public_frame))) if public => public_frame,
            Some((frame, _)) => frame,
            None => PLAIN_FRAME,
        }
    }
}

const fn t() -> Traits {
    Traits {
        container: false,
        managed_ha: false,
        zonal: false,
        datastore: false,
        compute: false,
        entry: false,
        outside: false,
        admin: false,
        zone: false,
        egress: false,
        link: false,
        passthrough: false,
        balancer: false,
        parallel: false,
    }
}

// Shorthands so that each row of the table stays on one line.
const SITE: Traits = Traits {
    container: true,
    parallel: true,
    ..t()
};
const ZONE: Traits = Traits { zone: true, ..SITE };
const CONTAINER: Traits = Traits {
    container: true,
    ..t()
};
const PLAIN: Traits = t();
const ENTRY: Traits = Traits {
    entry: true,
    outside: true,
    ..t()
};
const DEVICE: Traits = Traits { entry: true, ..t() };
const ADMIN: Traits = Traits {
    admin: true,
    zonal: true,
    ..t()
};
const PASS: Traits = Traits {
    managed_ha: true,
    passthrough: true,
    ..t()
};
const EGRESS: Traits = Traits {
    egress: true,
    ..PASS
};
const ZONAL_EGRESS: Traits = Traits {
    egress: true,
    ..ZONAL_PASS
};
const LINK: Traits = Traits {
    link: true,
    ..ZONAL_PASS
};
const ZONAL_PASS: Traits = Traits {
    zonal: true,
    passthrough: true,
    ..t()
};
const MANAGED: Traits = Traits {
    managed_ha: true,
    ..t()
};
const MANAGED_LB: Traits = Traits {
    managed_ha: true,
    balancer: true,
    passthrough: true,
    ..t()
};
const ZONAL: Traits = Traits { zonal: true, ..t() };
const COMPUTE: Traits = Traits {
    compute: true,
    zonal: true,
    ..t()
};
const MANAGED_COMPUTE: Traits = Traits {
    compute: true,
    managed_ha: true,
    ..t()
};
const STORE: Traits = Traits {
    datastore: true,
    zonal: true,
    ..t()
};
const MANAGED_STORE: Traits = Traits {
    datastore: true,
    managed_ha: true,
    ..t()
};
const BALANCER: Traits = Traits {
    balancer: true,
    passthrough: true,
    zonal: true,
    ..t()
};

macro_rules! kinds {
    ($( $name:literal [$($alias:literal),*] $cat:ident $traits:ident $desc:literal $(@ $cap:literal)? $(=> $icon:literal)? $(% $avail:literal)? $(# [$($tag:ident),*])? $(~ ($fs:literal, $ft:literal, $fd:literal) $(| ($ps:literal, $pt:literal, $pd:literal))?)? ;)*) => {
        /// Every kind, in the catalog's order.
        pub const KINDS: &[KindInfo] = &[
            $( KindInfo {
                name: $name,
                aliases: &[$($alias),*],
                category: Category::$cat,
                description: $desc,
                traits: $traits,
                capacity: kinds!(@opt $($cap)?),
                icon: kinds!(@opt $($icon)?),
                availability: kinds!(@opt $($avail)?),
                tags: &[$($(Tag::$tag),*)?],
                frame: kinds!(@frame $(($fs, $ft, $fd) $(($ps, $pt, $pd))?)?),
            }, )*
        ];
    };
    (@frame) => { None };
    (@frame ($s:literal, $t:literal, $d:literal)) => {
        Some((Frame { stroke: $s, tint: $t, dashed: $d }, None))
    };
    (@frame ($s:literal, $t:literal, $d:literal) ($ps:literal, $pt:literal, $pd:literal)) => {
        Some((
            Frame { stroke: $s, tint: $t, dashed: $d },
            Some(Frame { stroke: $ps, tint: $pt, dashed: $pd }),
        ))
    };
    (@opt) => { None };
    (@opt $x:literal) => { Some($x) };
}

kinds! {
    // name            aliases                       category       traits           description   [@ rps per replica] [=> icon of] [% availability] [# tags] [~ (frame) | (public frame)]
    "region"           []                            Container      SITE             "cloud region" # [Region] ~ ("#147eba", 0.0, true);
    "vpc"              ["vnet"]                      Container      CONTAINER        "virtual private cloud (network)" ~ ("#8c4fff", 0.025, false);
    "az"               ["zone"]                      Container      ZONE             "availability zone" ~ ("#147eba", 0.0, true);
    "subnet"           []                            Container      CONTAINER        "subnet (public with `public`)" # [Subnet] ~ ("#147eba", 0.08, false) | ("#3f8624", 0.09, false);
    "group"            []                            Container      CONTAINER        "generic group";
    "k8s"              ["eks", "kubernetes", "aks", "gke"] Container CONTAINER       "Kubernetes cluster" ~ ("#326ce5", 0.05, false);
    "namespace"        ["ns"]                        Container      CONTAINER        "Kubernetes namespace" ~ ("#326ce5", 0.0, true);
    "onprem"           ["datacenter"]                Container      SITE             "on-premises data centre" ~ ("#5a6b86", 0.06, false);
    "cloud"            []                            Container      SITE             "another cloud provider" ~ ("#232f3e", 0.03, false);
    "edge"             ["mec"]                       Container      SITE             "edge site / MEC" ~ ("#d45b07", 0.05, true);
    "private_5g"       []                            Container      SITE             "private 5G network site" ~ ("#e7157b", 0.05, false);
    "client"           ["users", "user", "browser", "mobile"] Actor ENTRY            "users / client application" % 1.0 # [People];
    "internet"         []                            Actor          ENTRY            "the public internet" % 1.0 # [People];
    "external"         ["third_party", "saas"]       Actor          ENTRY            "third-party API" % 0.999 # [ThirdParty];
    "alb"              ["lb", "load_balancer", "elb"] Network       MANAGED_LB       "application load balancer" # [WafTarget];
    "nlb"              []                            Network        MANAGED_LB       "network load balancer" => "alb";
    "api_gateway"      ["apigw", "gateway"]          Network        MANAGED_LB       "API gateway" # [WafTarget, Throttles, Router];
    "cloudfront"       ["cdn"]                       Network        PASS             "CDN" % 0.999 # [WafTarget];
    "route53"          ["dns"]                       Network        PASS             "DNS";
    "nat"              ["nat_gateway"]               Network        ZONAL_EGRESS     "NAT gateway" # [Nat];
    "igw"              ["internet_gateway"]          Network        EGRESS           "internet gateway";
    "waf"              ["firewall"]                  Security       PASS             "web application firewall" # [Waf];
    "shield"           ["ddos_protection"]           Security       PASS             "DDoS protection" => "waf";
    "vpn"              ["vpn_gateway"]               Network        LINK             "VPN connection";
    "direct_connect"   ["dx"]                        Network        LINK             "dedicated line (Direct Connect)";
    "transit_gateway"  ["tgw"]                       Network        PASS             "transit gateway";
    "bastion"          ["jump_host"]                 Network        ADMIN            "bastion host";
    "ec2"              ["vm", "server", "instance"]  Compute        COMPUTE          "virtual machine" @500.0 # [Service];
    "lambda"           ["function", "faas"]          Compute        MANAGED_COMPUTE  "serverless function" % 0.9995 # [Function, Service];
    "ecs"              ["fargate"]                   Compute        COMPUTE          "container service task" @300.0 # [Service];
    "container"        ["docker"]                    Compute        COMPUTE          "container" @300.0 # [Service];
    "service"          ["microservice"]            Compute        COMPUTE          "microservice" @300.0 # [Service];
    "gpu"              ["gpu_node"]                  Compute        COMPUTE          "GPU node" @50.0;
    "batch"            ["aws_batch", "job_queue"]    Compute        MANAGED_COMPUTE  "managed batch jobs" => "ecs";
    "s3"               ["bucket", "object_storage"]  Storage        MANAGED_STORE    "object storage" # [Durable, GatewayEndpoint];
    "efs"              ["nfs", "file_storage"]       Storage        MANAGED_STORE    "shared file system" # [Durable];
    "rds"              ["mysql", "postgres", "postgresql", "mariadb"] Database STORE  "relational database" @3_000.0 # [Relational, Failover];
    "aurora"           []                            Database       STORE            "Aurora cluster" @3_000.0 # [Relational, Failover];
    "dynamodb"         ["dynamo"]                    Database       MANAGED_STORE    "key-value / document database" # [GatewayEndpoint];
    "elasticache"      ["redis", "cache", "memcached"] Database     STORE            "in-memory cache" @50_000.0 # [Failover, Cache];
    "documentdb"       ["mongodb", "mongo"]          Database       STORE            "document database" @3_000.0 # [Failover];
    "opensearch"       ["elasticsearch", "search"]   Database       STORE            "search engine" @1_000.0;
    "opensearch_serverless" ["aoss"]                 Database       MANAGED_STORE    "serverless search collection" => "opensearch";
    "database"         ["db"]                        Database       STORE            "database" @3_000.0 # [Relational];
    "sqs"              ["queue"]                     Integration    MANAGED          "message queue" % 0.999 # [Queue];
    "sns"              ["topic"]                     Integration    MANAGED          "pub/sub topic" % 0.999;
    "kinesis"          ["stream"]                    Integration    MANAGED          "data stream" % 0.999;
    "kafka"            ["msk"]                       Integration    ZONAL            "event streaming (Kafka)";
    "eventbridge"      ["event_bus"]                 Integration    MANAGED          "event bus" % 0.999;
    "step_functions"   ["sfn", "state_machine"]      Integration    MANAGED          "workflow state machine" => "pipeline";
    "deployment"       ["deploy"]                    Kubernetes     COMPUTE          "Kubernetes deployment" @300.0 # [Deployment, Scalable, Service];
    "statefulset"      ["sts"]                       Kubernetes     STORE            "Kubernetes stateful set" @3_000.0 # [Scalable];
    "pod"              []                            Kubernetes     COMPUTE          "Kubernetes pod" @300.0;
    "k8s_service"      ["svc"]                       Kubernetes     MANAGED_LB       "Kubernetes service" # [K8sService];
    "ingress"          []                            Kubernetes     BALANCER         "Kubernetes ingress" @5_000.0 # [Ingress, Router];
    "hpa"              ["autoscaler"]                Kubernetes     PLAIN            "horizontal pod autoscaler" # [Autoscaler];
    "registry"         ["eureka", "consul", "discovery"] Microservices ZONAL         "service discovery" # [Discovery];
    "config_server"    ["config"]                    Microservices  ZONAL            "configuration server" # [Discovery];
    "mesh"             ["istio", "service_mesh"]     Microservices  PASS             "service mesh";
    "iam"              []                            Security       MANAGED          "identity and access management";
    "cognito"          ["idp", "auth"]               Security       MANAGED          "identity provider";
    "kms"              []                            Security       MANAGED          "key management";
    "secrets"          ["secrets_manager", "vault"]  Security       MANAGED          "secrets store";
    "monitoring"       ["cloudwatch", "prometheus", "grafana"] Operations MANAGED    "monitoring";
    "logging"          ["logs"]                      Operations     MANAGED          "log collection";
    "tracing"          ["xray", "jaeger"]            Operations     MANAGED          "distributed tracing";
    "llm"              ["bedrock", "openai"]         Ai             MANAGED          "LLM endpoint" # [Llm];
    "embedding"        ["embeddings"]                Ai             MANAGED          "embedding model";
    "vectordb"         ["vector_db", "pinecone"]     Ai             STORE            "vector database" @500.0;
    "guardrail"        ["guardrails"]                Ai             MANAGED          "LLM guardrail" # [Guardrail];
    "training"         ["hpc"]                       Ai             COMPUTE          "GPU training cluster" # [Training];
    "inference"        ["endpoint"]                  Ai             COMPUTE          "model inference endpoint" @50.0;
    "notebook"         ["jupyter", "sagemaker"]      Ai             PLAIN            "notebook";
    "feature_store"    []                            Ai             STORE            "feature store";
    "model_registry"   []                            Ai             MANAGED_STORE    "model registry";
    "pipeline"         ["mlops", "workflow"]         Ai             MANAGED          "pipeline (MLOps)";
    "data_lake"        ["lake", "lakehouse"]         Ai             MANAGED_STORE    "data lake" # [Durable];
    "gnb"              ["base_station"]              Telecom        ZONAL            "5G base station (gNB)";
    "upf"              []                            Telecom        ZONAL            "user plane function";
    "core_5g"          ["5gc"]                       Telecom        ZONAL            "5G core";
    "device"           ["ue", "iot"]                 Telecom        DEVICE           "device / UE";
}

/// Looks a kind up by name or alias.
pub fn lookup(name: &str) -> Option<&'static KindInfo> {
    KINDS
        .iter()
        .find(|k| k.name == name || k.aliases.contains(&name))
}

/// Every name and alias, for did-you-mean suggestions.
pub fn all_names() -> impl Iterator<Item = &'static str> {
    KINDS
        .iter()
        .flat_map(|k| std::iter::once(k.name).chain(k.aliases.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// A category's name is the one JSON gives it.
    #[test]
    fn category_names_are_their_json_names() {
        for k in KINDS {
            let json = serde_json::to_value(k.category).unwrap();
            assert_eq!(json.as_str(), Some(k.category.name()), "{}", k.name);
        }
    }

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = BTreeSet::new();
        for name in all_names() {
            assert!(seen.insert(name), "`{name}` appears twice in the catalog");
        }
    }

    #[test]
    fn spec_kinds_and_aliases_resolve() {
        let pairs = [
            ("eks", "k8s"),
            ("users", "client"),
            ("apigw", "api_gateway"),
            ("gateway", "api_gateway"),
            ("cdn", "cloudfront"),
            ("dns", "route53"),
            ("vm", "ec2"),
            ("server", "ec2"),
            ("function", "lambda"),
            ("bucket", "s3"),
            ("mysql", "rds"),
            ("postgres", "rds"),
            ("redis", "elasticache"),
            ("cache", "elasticache"),
            ("mongodb", "documentdb"),
            ("queue", "sqs"),
            ("topic", "sns"),
            ("msk", "kafka"),
            ("svc", "k8s_service"),
            ("eureka", "registry"),
            ("consul", "registry"),
            ("idp", "cognito"),
            ("cloudwatch", "monitoring"),
            ("prometheus", "monitoring"),
            ("bedrock", "llm"),
        ];
        for (alias, name) in pairs {
            assert_eq!(lookup(alias).map(|k| k.name), Some(name), "{alias}");
        }
        for c in [
            "region",
            "vpc",
            "az",
            "subnet",
            "group",
            "k8s",
            "namespace",
            "onprem",
            "cloud",
            "edge",
            "private_5g",
        ] {
            assert!(lookup(c).unwrap().traits.container, "{c} is a container");
        }
        assert!(!lookup("ec2").unwrap().traits.container);
    }

    #[test]
    fn spec_failure_semantics() {
        for k in [
            "s3",
            "dynamodb",
            "lambda",
            "alb",
            "api_gateway",
            "cloudfront",
            "sqs",
        ] {
            assert!(lookup(k).unwrap().traits.managed_ha, "{k} is managed HA");
        }
        for k in ["ec2", "service", "container"] {
            let t = lookup(k).unwrap().traits;
            assert!(!t.managed_ha && t.compute, "{k} is plain compute");
        }
        for k in ["client", "internet", "external"] {
            assert!(lookup(k).unwrap().traits.entry, "{k} is an entry point");
        }
        for k in [
            "rds",
            "aurora",
            "elasticache",
            "documentdb",
            "s3",
            "vectordb",
        ] {
            assert!(lookup(k).unwrap().traits.datastore, "{k} is a datastore");
        }
    }
}
