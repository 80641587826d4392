//! Maps an [`Inventory`] of Terraform resources onto cloudgram's catalog:
//! the network (VPC → zone → subnet) as containers, services as components
//! placed in the subnets they run in, and edges for who may call whom
//! (listeners and target groups, security-group rules, integrations, event
//! sources, origins). The table in README.md says what becomes what.

use super::design::{Design, Edge, Node, sanitize};
use super::inventory::{Inventory, Resource};
use super::value::{Value, number_text};
use std::collections::{BTreeMap, BTreeSet};

/// Resource types that become an element of their own.
pub const DRAWN: &[&str] = &[
    "aws_vpc",
    "aws_subnet",
    "aws_internet_gateway",
    "aws_nat_gateway",
    "aws_lb",
    "aws_alb",
    "aws_elb",
    "aws_instance",
    "aws_autoscaling_group",
    "aws_ecs_service",
    "aws_eks_cluster",
    "aws_eks_node_group",
    "aws_lambda_function",
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_elasticache_replication_group",
    "aws_elasticache_cluster",
    "aws_dynamodb_table",
    "aws_s3_bucket",
    "aws_efs_file_system",
    "aws_sqs_queue",
    "aws_sns_topic",
    "aws_kinesis_stream",
    "aws_api_gateway_rest_api",
    "aws_apigatewayv2_api",
    "aws_cloudfront_distribution",
    "aws_route53_zone",
    "aws_wafv2_web_acl",
    "aws_waf_web_acl",
    "aws_vpn_connection",
    "aws_customer_gateway",
    "aws_dx_connection",
];

/// Whether resources of this type become an element.
pub fn drawn(rtype: &str) -> bool {
    DRAWN.contains(&rtype)
}

/// Maps the inventory read from `source` to a design.
pub fn map(inv: &Inventory, source: &str) -> Design {
    let mut m = Mapper::new(inv);
    m.network();
    m.services();
    m.edges();
    m.finish(source)
}

/// A rule that lets traffic into a security group.
#[derive(Debug, Clone)]
struct Ingress {
    /// The group it opens.
    group: String,
    /// Where traffic may come from.
    from: Vec<Source>,
    protocol: String,
    ports: Option<(i64, i64)>,
    /// The resource it was written in.
    origin: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Source {
    Group(String),
    Internet,
    Cidr(String),
}

struct Mapper<'a> {
    inv: &'a Inventory,
    by_addr: BTreeMap<&'a str, &'a Resource>,
    d: Design,
    /// The node each drawn or folded resource ended in.
    node_of: BTreeMap<String, usize>,
    /// Resources consulted (folded into an element or an edge).
    used: BTreeSet<String>,
    /// Zone letter of each subnet node.
    zone_of: BTreeMap<usize, String>,
    /// `az` containers by (VPC node, zone).
    azs: BTreeMap<(usize, String), usize>,
    /// Nodes each security group is attached to.
    members: BTreeMap<String, Vec<usize>>,
    internet: usize,
    region: Option<usize>,
}

fn is_type(r: &Resource, types: &[&str]) -> bool {
    types.contains(&r.rtype.as_str())
}

/// The zone letter of an AZ name (`eu-west-1a` → `a`; `use1-az1` → `use1_az1`).
fn zone_letter(zone: &str, region: Option<&str>) -> String {
    if let Some(rest) = region
        .and_then(|r| zone.strip_prefix(r))
        .filter(|r| !r.is_empty())
    {
        return sanitize(rest);
    }
    let tail: String = zone
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_lowercase())
        .collect();
    if !tail.is_empty() && tail.len() <= 2 && zone.len() > tail.len() {
        tail.chars().rev().collect()
    } else {
        sanitize(zone)
    }
}

/// A quoted cloudgram string.
fn quote(s: &str) -> String {
    crate::syntax::format::escape(s)
}

impl<'a> Mapper<'a> {
    fn new(inv: &'a Inventory) -> Self {
        let by_addr = inv
            .resources
            .iter()
            .map(|r| (r.address.as_str(), r))
            .collect();
        let mut d = Design::default();
        d.nodes.push(Node {
            id: "internet".into(),
            kind: "internet",
            label: "Internet".into(),
            attrs: Vec::new(),
            parent: None,
            comments: vec![
                "anyone: security-group rules open to 0.0.0.0/0, internet-facing entries".into(),
            ],
        });
        let mut m = Mapper {
            inv,
            by_addr,
            d,
            node_of: BTreeMap::new(),
            used: BTreeSet::new(),
            zone_of: BTreeMap::new(),
            azs: BTreeMap::new(),
            members: BTreeMap::new(),
            internet: 0,
            region: None,
        };
        if let Some(region) = &inv.region {
            m.region = Some(m.add_raw(Node {
                id: sanitize(region),
                kind: "region",
                label: region.clone(),
                attrs: Vec::new(),
                parent: None,
                comments: vec![format!("provider region {region}")],
            }));
        }
        m
    }

    fn of_type(&self, types: &[&str]) -> Vec<&'a Resource> {
        self.inv
            .resources
            .iter()
            .filter(|r| is_type(r, types))
            .collect()
    }

    fn res(&self, address: &str) -> Option<&'a Resource> {
        self.by_addr.get(address).copied()
    }

    /// The resources of the given types among `refs`.
    fn refs_of(&self, refs: &[String], types: &[&str]) -> Vec<&'a Resource> {
        refs.iter()
            .filter_map(|a| self.res(a))
            .filter(|r| is_type(r, types))
            .collect()
    }

    fn add_raw(&mut self, node: Node) -> usize {
        self.d.nodes.push(node);
        self.d.nodes.len() - 1
    }

    /// Adds the element for `r`.
    fn add(
        &mut self,
        r: &Resource,
        kind: &'static str,
        label: String,
        parent: Option<usize>,
    ) -> usize {
        // Modules name their one VPC `this` or `main`: the kind says more.
        let stem = match r.name.as_str() {
            "this" | "main" | "default" => kind.to_string(),
            name => name.to_string(),
        };
        let base = match &r.key {
            Some(k) => format!("{stem}_{k}"),
            None => stem,
        };
        let mut comments = vec![r.address.clone()];
        comments.extend(r.notes.iter().cloned());
        let i = self.add_raw(Node {
            id: sanitize(&base),
            kind,
            label,
            attrs: Vec::new(),
            parent,
            comments,
        });
        self.node_of.insert(r.address.clone(), i);
        self.used.insert(r.address.clone());
        i
    }

    /// Notes on node `i` that `r` was folded into it.
    fn fold(&mut self, i: usize, r: &Resource, what: &str) {
        self.used.insert(r.address.clone());
        self.node_of.entry(r.address.clone()).or_insert(i);
        let line = format!("{what}: {}", r.address);
        if !self.d.nodes[i].comments.contains(&line) {
            self.d.nodes[i].comments.push(line);
        }
        for n in &r.notes {
            if !self.d.nodes[i].comments.contains(n) {
                self.d.nodes[i].comments.push(n.clone());
            }
        }
    }

    fn note(&mut self, i: usize, text: impl Into<String>) {
        let text = text.into();
        if !self.d.nodes[i].comments.contains(&text) {
            self.d.nodes[i].comments.push(text);
        }
    }

    /// The label: the `Name` tag, else the resource's name and key.
    fn label(r: &Resource, what: Option<String>) -> String {
        let name = r
            .name_tag()
            .or_else(|| {
                [
                    "name",
                    "function_name",
                    "identifier",
                    "cluster_id",
                    "replication_group_id",
                    "node_group_name",
                    "cluster_identifier",
                ]
                .iter()
                .find_map(|k| r.str(k).filter(|_| r.get(k).is_known()))
            })
            .unwrap_or_else(|| match &r.key {
                Some(k) => format!("{} {k}", r.name),
                None => r.name.clone(),
            });
        match what {
            Some(w) => format!("{name} ({w})"),
            None => name,
        }
    }

    fn vpc_node(&self, r: &Resource) -> Option<usize> {
        r.refs("vpc_id")
            .iter()
            .find_map(|a| self.node_of.get(a).copied())
    }

    // ------------------------------------------------------------ network

    fn network(&mut self) {
        for r in self.of_type(&["aws_vpc"]) {
            let cidr = r.str("cidr_block");
            let i = self.add(r, "vpc", Self::label(r, cidr.clone()), self.region);
            if let Some(c) = cidr {
                self.d.nodes[i].set("cidr", quote(&c));
            }
        }
        let igw_of_table = self.route_targets();
        for r in self.of_type(&["aws_subnet"]) {
            let vpc = self.vpc_node(r);
            let zone = r
                .str("availability_zone")
                .or_else(|| r.str("availability_zone_id"));
            let parent = match (&zone, vpc) {
                (Some(z), Some(v)) => Some(self.az(v, z)),
                (_, Some(v)) => Some(v),
                (_, None) => self.region,
            };
            let cidr = r.str("cidr_block");
            let i = self.add(r, "subnet", Self::label(r, cidr.clone()), parent);
            if zone.is_none() {
                let why = r
                    .get("availability_zone")
                    .unknown_why()
                    .unwrap_or_else(|| "no `availability_zone`".into());
                self.note(
                    i,
                    format!("zone not known ({why}): placed in the VPC, outside any zone"),
                );
            }
            if let Some(z) = &zone {
                self.zone_of
                    .insert(i, zone_letter(z, self.inv.region.as_deref()));
            }
            let (public, why) = if r.bool("map_public_ip_on_launch") == Some(true) {
                (true, Some("maps public IPs on launch".to_string()))
            } else {
                match igw_of_table.get(&r.address) {
                    Some((route, true)) => (
                        true,
                        Some(format!("routes 0.0.0.0/0 to an internet gateway ({route})")),
                    ),
                    Some((route, false)) => (
                        false,
                        Some(format!("routes 0.0.0.0/0 through a NAT gateway ({route})")),
                    ),
                    None => (false, None),
                }
            };
            if public {
                self.d.nodes[i].set("public", "true");
            }
            if let Some(c) = cidr {
                self.d.nodes[i].set("cidr", quote(&c));
            }
            if let Some(why) = why {
                self.note(i, why);
            }
        }
        for r in self.of_type(&["aws_internet_gateway"]) {
            let parent = self.vpc_node(r).or(self.region);
            let label = r.name_tag().unwrap_or_else(|| "internet gateway".into());
            self.add(r, "igw", label, parent);
        }
        for r in self.of_type(&["aws_nat_gateway"]) {
            let (parent, _) = self.place(&r.refs("subnet_id"), None);
            let i = self.add(r, "nat", Self::label(r, None), parent);
            for eip in self.refs_of(&r.refs("allocation_id"), &["aws_eip"]) {
                self.fold(i, eip, "elastic IP");
            }
            if r.str("connectivity_type").as_deref() == Some("private") {
                self.note(i, "private NAT gateway (no internet egress)");
            }
        }
    }

    /// The `az` container of zone `zone` in VPC node `vpc`.
    fn az(&mut self, vpc: usize, zone: &str) -> usize {
        let letter = zone_letter(zone, self.inv.region.as_deref());
        if let Some(i) = self.azs.get(&(vpc, letter.clone())) {
            return *i;
        }
        let i = self.add_raw(Node {
            id: format!("az_{letter}"),
            kind: "az",
            label: zone.to_string(),
            attrs: Vec::new(),
            parent: Some(vpc),
            comments: vec![format!("availability zone {zone}")],
        });
        self.azs.insert((vpc, letter), i);
        i
    }

    /// For each subnet with a default route: the route's resource and
    /// whether it goes to an internet gateway (else to a NAT gateway).
    fn route_targets(&mut self) -> BTreeMap<String, (String, bool)> {
        // Route table → (its default route's resource, to an IGW?).
        let mut tables: BTreeMap<String, (String, bool)> = BTreeMap::new();
        let default_route = |route: &Value| {
            let cidr = route
                .get("cidr_block")
                .str()
                .or_else(|| route.get("destination_cidr_block").str());
            let v6 = route
                .get("ipv6_cidr_block")
                .str()
                .or_else(|| route.get("destination_ipv6_cidr_block").str());
            cidr.as_deref() == Some("0.0.0.0/0") || v6.as_deref() == Some("::/0")
        };
        let to_igw = |this: &Self, route: &Value| -> Option<bool> {
            let gw = this.refs_of(&route.get("gateway_id").refs(), &["aws_internet_gateway"]);
            if !gw.is_empty() {
                return Some(true);
            }
            let nat = this.refs_of(&route.get("nat_gateway_id").refs(), &["aws_nat_gateway"]);
            (!nat.is_empty()).then_some(false)
        };
        for t in self.of_type(&["aws_route_table", "aws_default_route_table"]) {
            for route in t.get("route").blocks() {
                if default_route(route)
                    && let Some(igw) = to_igw(self, route)
                {
                    tables.insert(t.address.clone(), (t.address.clone(), igw));
                }
            }
        }
        for r in self.of_type(&["aws_route"]) {
            if !default_route(&r.attrs) {
                continue;
            }
            if let (Some(table), Some(igw)) = (
                r.refs("route_table_id").first().cloned(),
                to_igw(self, &r.attrs),
            ) {
                tables.insert(table.clone(), (format!("{} in {table}", r.address), igw));
                self.used.insert(r.address.clone());
            }
        }
        let mut out = BTreeMap::new();
        for a in self.of_type(&["aws_route_table_association"]) {
            let (Some(subnet), Some(table)) = (
                a.refs("subnet_id").first().cloned(),
                a.refs("route_table_id").first().cloned(),
            ) else {
                continue;
            };
            self.used.insert(a.address.clone());
            if let Some(t) = tables.get(&table) {
                self.used.insert(table.clone());
                out.insert(subnet, (format!("{}, {}", t.0, a.address), t.1));
            }
        }
        // Subnets with no association use their VPC's main (default) table.
        for t in self.of_type(&["aws_default_route_table"]) {
            let Some(route) = tables.get(&t.address).cloned() else {
                continue;
            };
            self.used.insert(t.address.clone());
            let vpc_of_table: Vec<String> = self
                .of_type(&["aws_vpc"])
                .into_iter()
                .filter(|v| t.refs("default_route_table_id").contains(&v.address))
                .map(|v| v.address.clone())
                .collect();
            for s in self.of_type(&["aws_subnet"]) {
                if !out.contains_key(&s.address)
                    && s.refs("vpc_id").iter().any(|v| vpc_of_table.contains(v))
                {
                    out.insert(s.address.clone(), route.clone());
                }
            }
        }
        out
    }

    /// Where an element that runs in `subnets` goes: the subnet, or the
    /// smallest container holding them all; and the zones it spans.
    fn place(
        &mut self,
        subnets: &[String],
        fallback: Option<usize>,
    ) -> (Option<usize>, Vec<String>) {
        let nodes: Vec<usize> = subnets
            .iter()
            .filter_map(|a| self.node_of.get(a).copied())
            .collect();
        let mut zones: Vec<String> = nodes
            .iter()
            .filter_map(|n| self.zone_of.get(n).cloned())
            .collect();
        zones.sort();
        zones.dedup();
        let Some(first) = nodes.first() else {
            return (fallback.or(self.region), Vec::new());
        };
        let ancestors = |n: usize| {
            let mut chain = vec![n];
            let mut at = n;
            while let Some(p) = self.d.nodes[at].parent {
                chain.push(p);
                at = p;
            }
            chain
        };
        let common = ancestors(*first)
            .into_iter()
            .find(|c| nodes.iter().all(|n| ancestors(*n).contains(c)));
        (common.or(self.region), zones)
    }

    /// Places an element in its subnets and states its zones when it spans several.
    fn add_placed(
        &mut self,
        r: &Resource,
        kind: &'static str,
        label: String,
        subnets: &[String],
        fallback: Option<usize>,
    ) -> usize {
        let (parent, zones) = self.place(subnets, fallback);
        let i = self.add(r, kind, label, parent);
        let in_zone = parent.is_some_and(|p| matches!(self.d.nodes[p].kind, "az" | "subnet"));
        if zones.len() > 1 || (!in_zone && zones.len() == 1) {
            self.d.nodes[i].set("azs", format!("[{}]", zones.join(", ")));
        }
        if subnets.len() > 1 {
            let names: Vec<String> = subnets
                .iter()
                .filter_map(|a| self.node_of.get(a))
                .map(|n| format!("`{}`", self.d.nodes[*n].id))
                .collect();
            if !names.is_empty() {
                self.note(i, format!("runs in subnets {}", names.join(", ")));
            }
        }
        if subnets.is_empty()
            && let Some(why) = self.unknown_subnets(r)
        {
            self.note(i, why);
        }
        i
    }

    fn unknown_subnets(&self, r: &Resource) -> Option<String> {
        ["subnet_id", "subnet_ids", "subnets", "vpc_zone_identifier"]
            .iter()
            .find_map(|k| r.get(k).unknown_why())
            .map(|why| format!("subnets not known ({why})"))
    }

    fn attach(&mut self, i: usize, groups: Vec<String>) {
        for g in groups {
            if self
                .res(&g)
                .is_some_and(|r| r.rtype == "aws_security_group")
            {
                self.used.insert(g.clone());
                self.note(i, format!("security group: {g}"));
                let m = self.members.entry(g).or_default();
                if !m.contains(&i) {
                    m.push(i);
                }
            }
        }
    }

    // ------------------------------------------------------------ services

    fn services(&mut self) {
        self.load_balancers();
        self.compute();
        self.data();
        self.edge_services();
    }

    fn load_balancers(&mut self) {
        for r in self.of_type(&["aws_lb", "aws_alb", "aws_elb"]) {
            let lb_type = r
                .str("load_balancer_type")
                .unwrap_or_else(|| "application".into());
            let kind = match (r.rtype.as_str(), lb_type.as_str()) {
                ("aws_elb", _) => "alb",
                (_, "network") => "nlb",
                (_, "gateway") => "nlb",
                _ => "alb",
            };
            let internal = r.bool("internal") == Some(true);
            let what = format!(
                "{}{}",
                match (r.rtype.as_str(), kind) {
                    ("aws_elb", _) => "Classic ELB",
                    (_, "nlb") => "NLB",
                    _ => "ALB",
                },
                if internal { ", internal" } else { "" }
            );
            let mut subnets = r.refs("subnets");
            for m in r.get("subnet_mapping").blocks() {
                subnets.extend(m.get("subnet_id").refs());
            }
            let i = self.add_placed(r, kind, Self::label(r, Some(what)), &subnets, None);
            if !internal {
                self.d.nodes[i].set("public", "true");
            }
            let groups = r.refs("security_groups");
            self.attach(i, groups);
        }
    }

    fn compute(&mut self) {
        // The instances of one counted block are copies: one element with
        // `replicas`, over the subnets they run in.
        let mut blocks: Vec<Vec<&Resource>> = Vec::new();
        for r in self.of_type(&["aws_instance"]) {
            match blocks.last_mut() {
                Some(b) if r.key.is_some() && b[0].module == r.module && b[0].name == r.name => {
                    b.push(r)
                }
                _ => blocks.push(vec![r]),
            }
        }
        for block in blocks {
            let r = block[0];
            let what = r.str("instance_type");
            let subnets: Vec<String> = block.iter().flat_map(|x| x.refs("subnet_id")).collect();
            let i = if block.len() == 1 {
                self.add_placed(r, "ec2", Self::label(r, what), &subnets, None)
            } else {
                let label = match what {
                    Some(t) => format!("{} ({t})", r.name),
                    None => r.name.clone(),
                };
                let group = Resource {
                    address: format!("{}aws_instance.{}", r.module, r.name),
                    key: None,
                    notes: Vec::new(),
                    ..r.clone()
                };
                let i = self.add_placed(&group, "ec2", label, &subnets, None);
                self.d.nodes[i].comments[0] =
                    format!("{} ({} instances, one element)", group.address, block.len());
                self.d.nodes[i].set("replicas", block.len().to_string());
                i
            };
            for x in &block {
                if block.len() > 1 {
                    self.fold(i, x, "instance");
                }
                if x.bool("associate_public_ip_address") == Some(true) {
                    self.note(i, "has a public IP address");
                }
                let mut groups = x.refs("vpc_security_group_ids");
                groups.extend(x.refs("security_groups"));
                self.attach(i, groups);
            }
        }
        for r in self.of_type(&["aws_autoscaling_group"]) {
            let template = r
                .get("launch_template")
                .get("id")
                .refs()
                .into_iter()
                .chain(r.get("launch_template").refs())
                .chain(r.refs("launch_configuration"))
                .chain(r.get("mixed_instances_policy").refs())
                .filter_map(|a| self.res(&a))
                .find(|t| is_type(t, &["aws_launch_template", "aws_launch_configuration"]));
            let what = template
                .and_then(|t| t.str("instance_type"))
                .map_or("auto scaling group".to_string(), |t| {
                    format!("auto scaling group, {t}")
                });
            let i = self.add_placed(
                r,
                "ec2",
                Self::label(r, Some(what)),
                &r.refs("vpc_zone_identifier"),
                None,
            );
            self.replicas(
                i,
                r,
                r.get("min_size"),
                r.get("max_size"),
                r.get("desired_capacity"),
            );
            if let Some(t) = template {
                self.fold(i, t, "launch template");
                let mut groups = t.refs("vpc_security_group_ids");
                groups.extend(t.refs("security_groups"));
                for ni in t.get("network_interfaces").blocks() {
                    groups.extend(ni.get("security_groups").refs());
                }
                self.attach(i, groups);
            }
            for p in self.of_type(&["aws_autoscaling_policy"]) {
                if p.refs("autoscaling_group_name").contains(&r.address) {
                    self.fold(i, p, "scaling policy");
                    self.d.nodes[i].set("autoscale", "true");
                }
            }
        }
        let targets = self.of_type(&["aws_appautoscaling_target"]);
        for r in self.of_type(&["aws_ecs_service"]) {
            let net = r.get("network_configuration").first();
            let launch = r.str("launch_type").map(|t| t.to_lowercase());
            let i = self.add_placed(
                r,
                "ecs",
                Self::label(
                    r,
                    Some(format!(
                        "ECS service{}",
                        launch.map_or(String::new(), |l| format!(", {l}"))
                    )),
                ),
                &net.get("subnets").refs(),
                None,
            );
            let scaling = targets.iter().find(|t| {
                t.refs("resource_id").contains(&r.address)
                    || t.get("resource_id").refs().contains(&r.address)
            });
            match scaling {
                Some(t) => {
                    self.replicas(
                        i,
                        r,
                        t.get("min_capacity"),
                        t.get("max_capacity"),
                        &Value::Null,
                    );
                    self.fold(i, t, "auto scaling target");
                    self.d.nodes[i].set("autoscale", "true");
                }
                None => self.replicas(
                    i,
                    r,
                    r.get("desired_count"),
                    r.get("desired_count"),
                    &Value::Null,
                ),
            }
            if net.get("assign_public_ip").bool() == Some(true) {
                self.note(i, "tasks get public IP addresses");
            }
            self.attach(i, net.get("security_groups").refs());
            for c in self.refs_of(&r.refs("cluster"), &["aws_ecs_cluster"]) {
                self.fold(i, c, "cluster");
            }
            for t in self.refs_of(&r.refs("task_definition"), &["aws_ecs_task_definition"]) {
                self.fold(i, t, "task definition");
            }
        }
        for r in self.of_type(&["aws_eks_cluster"]) {
            let subnets = r.get("vpc_config").get("subnet_ids").refs();
            let subnets: Vec<String> = subnets
                .into_iter()
                .filter(|a| self.res(a).is_some_and(|s| s.rtype == "aws_subnet"))
                .collect();
            let i = self.add_placed(
                r,
                "k8s",
                Self::label(
                    r,
                    Some(format!(
                        "EKS{}",
                        r.str("version").map_or(String::new(), |v| format!(" {v}"))
                    )),
                ),
                &subnets,
                None,
            );
            let vc = r.get("vpc_config").first();
            if vc.get("endpoint_public_access").bool() != Some(false) {
                self.note(
                    i,
                    "API endpoint reachable from the internet (endpoint_public_access)",
                );
            }
            self.attach(i, vc.get("security_group_ids").refs());
            for role in self.refs_of(&r.refs("role_arn"), &["aws_iam_role"]) {
                self.fold(i, role, "role");
            }
        }
        for r in self.of_type(&["aws_eks_node_group"]) {
            let cluster = self
                .refs_of(&r.refs("cluster_name"), &["aws_eks_cluster"])
                .first()
                .and_then(|c| self.node_of.get(&c.address).copied());
            let what = match r.get("instance_types") {
                Value::List(t) if !t.is_empty() => t
                    .iter()
                    .filter_map(Value::str)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => "node group".into(),
            };
            let i = self.add_placed(
                r,
                "ec2",
                Self::label(r, Some(format!("nodes, {what}"))),
                &r.refs("subnet_ids"),
                cluster,
            );
            if let Some(c) = cluster {
                // Inside the cluster, not the subnets: say which zones.
                self.d.nodes[i].parent = Some(c);
                let (_, zones) = self.place(&r.refs("subnet_ids"), None);
                if !zones.is_empty() {
                    self.d.nodes[i].set("azs", format!("[{}]", zones.join(", ")));
                }
            }
            let sc = r.get("scaling_config").first();
            self.replicas(
                i,
                r,
                sc.get("min_size"),
                sc.get("max_size"),
                sc.get("desired_size"),
            );
            for role in self.refs_of(&r.refs("node_role_arn"), &["aws_iam_role"]) {
                self.fold(i, role, "role");
            }
        }
        for r in self.of_type(&["aws_lambda_function"]) {
            let vc = r.get("vpc_config");
            let subnets = vc.get("subnet_ids").refs();
            let what = r
                .str("runtime")
                .map_or("Lambda".to_string(), |rt| format!("Lambda, {rt}"));
            let i = self.add_placed(r, "lambda", Self::label(r, Some(what)), &subnets, None);
            self.attach(i, vc.get("security_group_ids").refs());
            for role in self.refs_of(&r.refs("role"), &["aws_iam_role"]) {
                self.fold(i, role, "role");
            }
            for p in self.of_type(&["aws_lambda_permission"]) {
                if p.refs("function_name").contains(&r.address) {
                    self.fold(i, p, "permission");
                }
            }
            if let Some(rc) = r
                .num("reserved_concurrent_executions")
                .filter(|n| *n >= 0.0)
            {
                self.note(i, format!("reserved concurrency {}", number_text(rc)));
            }
        }
    }

    /// Sets `replicas` from a minimum and maximum (a range when they differ).
    fn replicas(&mut self, i: usize, r: &Resource, min: &Value, max: &Value, desired: &Value) {
        match (min.num(), max.num()) {
            (Some(a), Some(b)) if a == b => self.d.nodes[i].set("replicas", number_text(a)),
            (Some(a), Some(b)) if a < b => self.d.nodes[i].set(
                "replicas",
                format!("{}..{}", number_text(a), number_text(b)),
            ),
            _ => {
                let why = min
                    .unknown_why()
                    .or_else(|| max.unknown_why())
                    .unwrap_or_else(|| "not set".into());
                let d = desired
                    .num()
                    .map_or(String::new(), |d| format!(", desired {}", number_text(d)));
                self.note(
                    i,
                    format!("instance count not known ({why}{d}): `replicas` left out"),
                );
                let _ = r;
            }
        }
    }

    fn data(&mut self) {
        let subnet_group = |this: &Self, r: &Resource, key: &str| -> Vec<String> {
            this.refs_of(
                &r.refs(key),
                &["aws_db_subnet_group", "aws_elasticache_subnet_group"],
            )
            .first()
            .map(|g| g.refs("subnet_ids"))
            .unwrap_or_default()
        };
        for r in self.of_type(&["aws_db_instance"]) {
            if !r.refs("cluster_identifier").is_empty() {
                continue; // an Aurora cluster's instance: counted on the cluster
            }
            let engine = r.str("engine").unwrap_or_else(|| "database".into());
            let kind = if engine.starts_with("aurora") {
                "aurora"
            } else {
                "rds"
            };
            let what = format!(
                "RDS {engine}{}",
                r.str("instance_class")
                    .map_or(String::new(), |c| format!(", {c}"))
            );
            let subnets = subnet_group(self, r, "db_subnet_group_name");
            let single_zone = r.bool("multi_az") != Some(true);
            let i = if single_zone && r.str("availability_zone").is_some() && subnets.len() > 1 {
                // A single-AZ instance in a stated zone: in that zone's subnet.
                let zone = zone_letter(
                    &r.str("availability_zone").unwrap_or_default(),
                    self.inv.region.as_deref(),
                );
                let inzone: Vec<String> = subnets
                    .iter()
                    .filter(|s| {
                        self.node_of.get(*s).and_then(|n| self.zone_of.get(n)) == Some(&zone)
                    })
                    .cloned()
                    .collect();
                self.add_placed(
                    r,
                    kind,
                    Self::label(r, Some(what)),
                    if inzone.is_empty() { &subnets } else { &inzone },
                    None,
                )
            } else {
                self.add_placed(r, kind, Self::label(r, Some(what)), &subnets, None)
            };
            for g in self.refs_of(&r.refs("db_subnet_group_name"), &["aws_db_subnet_group"]) {
                self.fold(i, g, "subnet group");
            }
            self.db_attrs(i, r, &engine);
            if r.bool("multi_az") == Some(true) {
                self.d.nodes[i].set("multi_az", "true");
            }
            if r.bool("publicly_accessible") == Some(true) {
                self.d.nodes[i].set("public", "true");
                self.note(i, "publicly_accessible = true");
            }
            if let Some(gb) = r.num("allocated_storage") {
                self.d.nodes[i].set("storage", format!("{}GB", number_text(gb)));
            }
            self.attach(i, r.refs("vpc_security_group_ids"));
        }
        // Read replicas: a link to the source and a replica on it.
        for r in self.of_type(&["aws_db_instance"]) {
            if let (Some(me), Some(src)) = (
                self.node_of.get(&r.address).copied(),
                r.refs("replicate_source_db")
                    .first()
                    .and_then(|a| self.node_of.get(a).copied()),
            ) {
                self.edge(
                    src,
                    me,
                    "--",
                    Some("read replica".into()),
                    Vec::new(),
                    format!("{} replicates {}", r.address, self.d.nodes[src].id),
                );
                let n = self.d.nodes[src]
                    .attr("replicas")
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(1);
                self.d.nodes[src].set("replicas", (n + 1).to_string());
            }
        }
        let instances = self.of_type(&["aws_rds_cluster_instance", "aws_db_instance"]);
        for r in self.of_type(&["aws_rds_cluster"]) {
            let engine = r.str("engine").unwrap_or_else(|| "aurora".into());
            let kind = if engine.starts_with("aurora") {
                "aurora"
            } else {
                "rds"
            };
            let subnets = subnet_group(self, r, "db_subnet_group_name");
            let members: Vec<&Resource> = instances
                .iter()
                .copied()
                .filter(|m| m.refs("cluster_identifier").contains(&r.address))
                .collect();
            let i = self.add_placed(
                r,
                kind,
                Self::label(
                    r,
                    Some(format!(
                        "{} cluster",
                        if engine.starts_with("aurora") {
                            "Aurora"
                        } else {
                            "RDS"
                        }
                    )),
                ),
                &subnets,
                None,
            );
            self.db_attrs(i, r, &engine);
            for m in &members {
                self.fold(i, m, "instance");
                if m.bool("publicly_accessible") == Some(true) {
                    self.d.nodes[i].set("public", "true");
                    self.note(i, format!("publicly_accessible = true on {}", m.address));
                }
            }
            for g in self.refs_of(&r.refs("db_subnet_group_name"), &["aws_db_subnet_group"]) {
                self.fold(i, g, "subnet group");
            }
            if !members.is_empty() {
                self.d.nodes[i].set("replicas", members.len().to_string());
            } else if r.str("engine_mode").as_deref() == Some("serverless")
                || !r
                    .get("serverlessv2_scaling_configuration")
                    .blocks()
                    .is_empty()
            {
                self.note(i, "no cluster instances in this configuration");
            }
            let zones = match r.get("availability_zones") {
                Value::List(z) => z.len(),
                _ => 0,
            };
            if members.len() >= 2 || zones >= 2 && members.len() >= 2 {
                self.note(i, "a writer and readers: a reader is promoted on failover");
            }
            self.attach(i, r.refs("vpc_security_group_ids"));
        }
        let replication_members: BTreeSet<String> = self
            .of_type(&["aws_elasticache_cluster"])
            .into_iter()
            .filter(|c| !c.refs("replication_group_id").is_empty())
            .map(|c| c.address.clone())
            .collect();
        for r in self.of_type(&[
            "aws_elasticache_replication_group",
            "aws_elasticache_cluster",
        ]) {
            if replication_members.contains(&r.address) {
                continue;
            }
            let engine = r.str("engine").unwrap_or_else(|| "redis".into());
            let subnets = subnet_group(self, r, "subnet_group_name");
            let i = self.add_placed(
                r,
                "elasticache",
                Self::label(r, Some(format!("ElastiCache {engine}"))),
                &subnets,
                None,
            );
            self.d.nodes[i].set("engine", sanitize(&engine));
            for g in self.refs_of(
                &r.refs("subnet_group_name"),
                &["aws_elasticache_subnet_group"],
            ) {
                self.fold(i, g, "subnet group");
            }
            let nodes = r
                .num("num_cache_clusters")
                .or_else(|| r.num("number_cache_clusters"))
                .or_else(|| r.num("num_cache_nodes"))
                .or_else(|| {
                    let shards = r.num("num_node_groups")?;
                    Some(shards * (1.0 + r.num("replicas_per_node_group").unwrap_or(0.0)))
                });
            if let Some(n) = nodes {
                self.d.nodes[i].set("replicas", number_text(n));
            }
            if r.bool("multi_az_enabled") == Some(true)
                || (r.bool("automatic_failover_enabled") == Some(true)
                    && nodes.unwrap_or(1.0) >= 2.0)
            {
                self.d.nodes[i].set("multi_az", "true");
            }
            if let Some(e) = r.bool("at_rest_encryption_enabled") {
                self.d.nodes[i].set("encrypted", e.to_string());
            }
            if let Some(t) = r.bool("transit_encryption_enabled") {
                self.note(i, format!("transit_encryption_enabled = {t}"));
            }
            if let Some(days) = r.num("snapshot_retention_limit") {
                self.d.nodes[i].set("backup", (days > 0.0).to_string());
            }
            self.attach(i, r.refs("security_group_ids"));
        }
        for r in self.of_type(&["aws_dynamodb_table"]) {
            let i = self.add(
                r,
                "dynamodb",
                Self::label(r, Some("DynamoDB".into())),
                self.region,
            );
            if let Some(pitr) = r.get("point_in_time_recovery").get("enabled").bool() {
                self.d.nodes[i].set("backup", pitr.to_string());
            }
            if let Some(sse) = r.get("server_side_encryption").get("enabled").bool()
                && sse
            {
                self.d.nodes[i].set("encrypted", "true");
            }
            if let Value::List(replicas) = r.get("replica")
                && !replicas.is_empty()
            {
                self.note(
                    i,
                    format!("global table: {} replica region(s)", replicas.len()),
                );
            }
        }
        for r in self.of_type(&["aws_s3_bucket"]) {
            let name = r.str("bucket").filter(|_| r.get("bucket").is_known());
            let label = name.clone().unwrap_or_else(|| Self::label(r, None));
            let i = self.add(r, "s3", format!("{label} (S3)"), self.region);
            self.bucket(i, r);
        }
        for r in self.of_type(&["aws_efs_file_system"]) {
            let i = self.add(r, "efs", Self::label(r, Some("EFS".into())), self.region);
            if let Some(e) = r.bool("encrypted") {
                self.d.nodes[i].set("encrypted", e.to_string());
            }
        }
        for r in self.of_type(&["aws_sqs_queue"]) {
            let what = if r.bool("fifo_queue") == Some(true) {
                "SQS FIFO"
            } else {
                "SQS"
            };
            let i = self.add(r, "sqs", Self::label(r, Some(what.into())), self.region);
            if r.bool("sqs_managed_sse_enabled") == Some(true)
                || r.get("kms_master_key_id").refs().len()
                    + r.str("kms_master_key_id").map_or(0, |_| 1)
                    > 0
            {
                self.d.nodes[i].set("encrypted", "true");
            }
        }
        for r in self.of_type(&["aws_sns_topic"]) {
            self.add(r, "sns", Self::label(r, Some("SNS".into())), self.region);
        }
        for r in self.of_type(&["aws_kinesis_stream"]) {
            self.add(
                r,
                "kinesis",
                Self::label(r, Some("Kinesis".into())),
                self.region,
            );
        }
    }

    /// Encryption and backups of a database.
    fn db_attrs(&mut self, i: usize, r: &Resource, engine: &str) {
        let e = engine.split('-').next_back().unwrap_or(engine);
        let word = match e {
            "postgresql" => "postgres",
            other => other,
        };
        self.d.nodes[i].set("engine", sanitize(word));
        if let Some(enc) = r.bool("storage_encrypted") {
            self.d.nodes[i].set("encrypted", enc.to_string());
        }
        if let Some(days) = r.num("backup_retention_period") {
            self.d.nodes[i].set("backup", (days > 0.0).to_string());
            self.note(
                i,
                format!("backup_retention_period = {}", number_text(days)),
            );
        }
        if r.bool("deletion_protection") == Some(false) {
            self.note(i, "deletion_protection = false");
        }
    }

    /// An S3 bucket's exposure and encryption from the bucket and the
    /// resources beside it.
    fn bucket(&mut self, i: usize, r: &Resource) {
        let about = |x: &Resource| x.refs("bucket").contains(&r.address);
        let mut public_acl = matches!(
            r.str("acl").as_deref(),
            Some("public-read" | "public-read-write")
        );
        let mut public_policy = false;
        let mut blocked: Option<bool> = None;
        for x in self.of_type(&[
            "aws_s3_bucket_acl",
            "aws_s3_bucket_policy",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_website_configuration",
            "aws_s3_bucket_notification",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_logging",
        ]) {
            if !about(x) {
                continue;
            }
            match x.rtype.as_str() {
                "aws_s3_bucket_acl" => {
                    public_acl |= matches!(
                        x.str("acl").as_deref(),
                        Some("public-read" | "public-read-write")
                    );
                    self.fold(i, x, "ACL");
                }
                "aws_s3_bucket_policy" => {
                    let text = x.str("policy").unwrap_or_default();
                    public_policy |= policy_is_public(&text);
                    self.fold(i, x, "policy");
                }
                "aws_s3_bucket_public_access_block" => {
                    let all = [
                        "block_public_acls",
                        "block_public_policy",
                        "ignore_public_acls",
                        "restrict_public_buckets",
                    ]
                    .iter()
                    .all(|k| x.bool(k) == Some(true));
                    blocked = Some(all);
                    self.fold(i, x, "public access block");
                    if !all {
                        self.note(i, "public access block leaves public access open");
                    }
                }
                "aws_s3_bucket_server_side_encryption_configuration" => {
                    self.d.nodes[i].set("encrypted", "true");
                    self.fold(i, x, "encryption");
                }
                "aws_s3_bucket_website_configuration" => {
                    self.fold(i, x, "website");
                    self.note(i, "serves a static website");
                }
                "aws_s3_bucket_versioning" => self.fold(i, x, "versioning"),
                _ => self.fold(i, x, "setting"),
            }
        }
        if r.get("server_side_encryption_configuration") != &Value::Null {
            self.d.nodes[i].set("encrypted", "true");
        }
        let open = match blocked {
            Some(true) => false,
            _ => public_acl || public_policy,
        };
        if open {
            self.d.nodes[i].set("public", "true");
            self.note(
                i,
                if public_acl {
                    "public ACL"
                } else {
                    "bucket policy allows anyone (Principal \"*\")"
                },
            );
        } else if blocked == Some(true) {
            self.d.nodes[i].set("public", "false");
        }
    }

    fn edge_services(&mut self) {
        for r in self.of_type(&["aws_api_gateway_rest_api", "aws_apigatewayv2_api"]) {
            let what = match (r.rtype.as_str(), r.str("protocol_type").as_deref()) {
                ("aws_api_gateway_rest_api", _) => "API Gateway REST",
                (_, Some("WEBSOCKET")) => "API Gateway WebSocket",
                _ => "API Gateway HTTP",
            };
            let i = self.add(
                r,
                "api_gateway",
                Self::label(r, Some(what.into())),
                self.region,
            );
            let private = r
                .get("endpoint_configuration")
                .blocks()
                .iter()
                .any(|b| b.get("types").strings().contains(&"PRIVATE"));
            if !private {
                self.d.nodes[i].set("public", "true");
            }
        }
        for r in self.of_type(&["aws_cloudfront_distribution"]) {
            self.add(
                r,
                "cloudfront",
                Self::label(
                    r,
                    Some(r.str("comment").unwrap_or_else(|| "CloudFront".into())),
                ),
                None,
            );
        }
        for r in self.of_type(&["aws_route53_zone"]) {
            let name = r.str("name").unwrap_or_else(|| r.name.clone());
            let private = !r.get("vpc").blocks().is_empty();
            self.add(
                r,
                "route53",
                format!(
                    "{name} (Route 53{})",
                    if private { ", private" } else { "" }
                ),
                None,
            );
        }
        for r in self.of_type(&["aws_wafv2_web_acl", "aws_waf_web_acl"]) {
            let parent = if r.str("scope").as_deref() == Some("CLOUDFRONT") {
                None
            } else {
                self.region
            };
            self.add(r, "waf", Self::label(r, Some("WAF".into())), parent);
        }
        for r in self.of_type(&["aws_customer_gateway"]) {
            let ip = r
                .str("ip_address")
                .map(|ip| format!("customer gateway {ip}"));
            self.add(
                r,
                "onprem",
                Self::label(r, ip.or(Some("on-premises".into()))),
                None,
            );
        }
        for r in self.of_type(&["aws_vpn_connection"]) {
            let vgw = self.refs_of(&r.refs("vpn_gateway_id"), &["aws_vpn_gateway"]);
            let vpc = vgw.first().and_then(|g| self.vpc_node(g));
            let i = self.add(
                r,
                "vpn",
                Self::label(r, Some("site-to-site VPN".into())),
                vpc.or(self.region),
            );
            for g in vgw {
                self.fold(i, g, "virtual private gateway");
            }
            for tgw in self.refs_of(&r.refs("transit_gateway_id"), &["aws_ec2_transit_gateway"]) {
                self.fold(i, tgw, "transit gateway");
            }
        }
        for r in self.of_type(&["aws_dx_connection"]) {
            let what = r
                .str("bandwidth")
                .map_or("Direct Connect".to_string(), |b| {
                    format!("Direct Connect, {b}")
                });
            self.add(r, "direct_connect", Self::label(r, Some(what)), self.region);
        }
    }

    // ------------------------------------------------------------ edges

    /// Adds an edge, or merges it into the same one found before (same
    /// ends, operator and port).
    fn edge(
        &mut self,
        from: usize,
        to: usize,
        op: &'static str,
        label: Option<String>,
        attrs: Vec<(String, String)>,
        comment: String,
    ) -> usize {
        let port = attrs
            .iter()
            .find(|(k, _)| k == "port")
            .map(|(_, v)| v.clone());
        if let Some(i) = self.d.edges.iter().position(|e| {
            e.from == from && e.to == to && e.op == op && e.attr("port").map(str::to_string) == port
        }) {
            if !self.d.edges[i].comments.contains(&comment) {
                self.d.edges[i].comments.push(comment);
            }
            return i;
        }
        self.d.edges.push(Edge {
            from,
            to,
            op,
            label,
            attrs,
            comments: vec![comment],
        });
        self.d.edges.len() - 1
    }

    fn node(&self, address: &str) -> Option<usize> {
        self.node_of.get(address).copied()
    }

    fn edges(&mut self) {
        self.nat_edges();
        self.listener_edges();
        self.security_group_edges();
        self.entry_edges();
        self.integration_edges();
        self.event_edges();
        self.data_access_edges();
        self.hybrid_edges();
    }

    fn nat_edges(&mut self) {
        for r in self.of_type(&["aws_nat_gateway"]) {
            let Some(nat) = self.node(&r.address) else {
                continue;
            };
            let Some(subnet) = r.refs("subnet_id").first().and_then(|s| self.res(s)) else {
                continue;
            };
            let Some(vpc) = subnet.refs("vpc_id").first().cloned() else {
                continue;
            };
            let igw = self
                .of_type(&["aws_internet_gateway"])
                .into_iter()
                .find(|g| g.refs("vpc_id").contains(&vpc))
                .and_then(|g| self.node(&g.address));
            if let Some(igw) = igw {
                self.edge(
                    nat,
                    igw,
                    "->",
                    Some("egress".into()),
                    Vec::new(),
                    format!(
                        "{} sends outbound traffic through the internet gateway",
                        r.address
                    ),
                );
            }
        }
    }

    /// Load balancer → targets, through listeners, rules and target groups.
    fn listener_edges(&mut self) {
        let listeners = self.of_type(&["aws_lb_listener", "aws_alb_listener"]);
        let rules = self.of_type(&["aws_lb_listener_rule", "aws_alb_listener_rule"]);
        for l in &listeners {
            let Some(lb) = l
                .refs("load_balancer_arn")
                .first()
                .and_then(|a| self.node(a))
            else {
                continue;
            };
            self.fold(lb, l, "listener");
            let mut groups: Vec<(String, String)> = Vec::new(); // (target group, via)
            let mut actions: Vec<&Value> = l.get("default_action").blocks();
            let mut vias: Vec<String> = vec![l.address.clone(); actions.len()];
            for rule in &rules {
                if rule.refs("listener_arn").contains(&l.address) {
                    self.fold(lb, rule, "listener rule");
                    for a in rule.get("action").blocks() {
                        actions.push(a);
                        vias.push(rule.address.clone());
                    }
                }
            }
            for (a, via) in actions.iter().zip(vias) {
                let mut tgs = a.get("target_group_arn").refs();
                for f in a.get("forward").blocks() {
                    for tg in f.get("target_group").blocks() {
                        tgs.extend(tg.get("arn").refs());
                    }
                }
                for tg in tgs {
                    if !groups.iter().any(|(g, _)| *g == tg) {
                        groups.push((tg, via.clone()));
                    }
                }
            }
            for (tg, via) in groups {
                let Some(group) = self.res(&tg) else { continue };
                self.fold(lb, group, "target group");
                let protocol = group.str("protocol").map(|p| p.to_lowercase());
                let port = group.num("port");
                for (target, why) in self.targets_of(&tg) {
                    let mut attrs = Vec::new();
                    if let Some(p) = &protocol {
                        attrs.push(("protocol".to_string(), sanitize(p)));
                    }
                    if let Some(p) = port.or(why.1) {
                        attrs.push(("port".to_string(), number_text(p)));
                    }
                    self.edge(
                        lb,
                        target,
                        "->",
                        None,
                        attrs,
                        format!("{via} → {tg} → {}", why.0),
                    );
                }
            }
        }
    }

    /// The nodes a target group sends to, with where that was said and a
    /// port of the target's own (ECS container port).
    fn targets_of(&mut self, tg: &str) -> Vec<(usize, (String, Option<f64>))> {
        let mut out = Vec::new();
        for a in self.of_type(&[
            "aws_lb_target_group_attachment",
            "aws_alb_target_group_attachment",
        ]) {
            if a.refs("target_group_arn").contains(&tg.to_string()) {
                self.used.insert(a.address.clone());
                for t in a.refs("target_id") {
                    if let Some(n) = self.node(&t) {
                        out.push((n, (a.address.clone(), a.num("port"))));
                    }
                }
            }
        }
        for g in self.of_type(&["aws_autoscaling_group"]) {
            if g.refs("target_group_arns").contains(&tg.to_string())
                && let Some(n) = self.node(&g.address)
            {
                out.push((n, (g.address.clone(), None)));
            }
        }
        for a in self.of_type(&["aws_autoscaling_attachment"]) {
            let tgs: Vec<String> = a
                .refs("lb_target_group_arn")
                .into_iter()
                .chain(a.refs("alb_target_group_arn"))
                .collect();
            if tgs.contains(&tg.to_string()) {
                self.used.insert(a.address.clone());
                for g in a.refs("autoscaling_group_name") {
                    if let Some(n) = self.node(&g) {
                        out.push((n, (a.address.clone(), None)));
                    }
                }
            }
        }
        for s in self.of_type(&["aws_ecs_service"]) {
            for lb in s.get("load_balancer").blocks() {
                if lb.get("target_group_arn").refs().contains(&tg.to_string())
                    && let Some(n) = self.node(&s.address)
                {
                    out.push((n, (s.address.clone(), lb.get("container_port").num())));
                }
            }
        }
        out.sort_by(|a, b| (a.0, &a.1.0).cmp(&(b.0, &b.1.0)));
        out
    }

    /// The ingress rules of every security group, inline or separate.
    fn ingress_rules(&mut self) -> Vec<Ingress> {
        let mut out = Vec::new();
        let sources = |b: &Value, group: &str| -> Vec<Source> {
            let mut from: Vec<Source> = Vec::new();
            for c in b
                .get("cidr_blocks")
                .strings()
                .into_iter()
                .chain(b.get("ipv6_cidr_blocks").strings())
                .chain(b.get("cidr_ipv4").strings())
                .chain(b.get("cidr_ipv6").strings())
            {
                from.push(if c == "0.0.0.0/0" || c == "::/0" {
                    Source::Internet
                } else {
                    Source::Cidr(c.to_string())
                });
            }
            for g in b
                .get("security_groups")
                .refs()
                .into_iter()
                .chain(b.get("source_security_group_id").refs())
                .chain(b.get("referenced_security_group_id").refs())
            {
                from.push(Source::Group(g));
            }
            if b.get("self").bool() == Some(true) {
                from.push(Source::Group(group.to_string()));
            }
            from.dedup();
            from
        };
        let ports = |b: &Value| -> Option<(i64, i64)> {
            let (f, t) = (
                b.get("from_port").num()? as i64,
                b.get("to_port").num().or(b.get("from_port").num())? as i64,
            );
            Some((f, t))
        };
        let protocol = |b: &Value| -> String {
            b.get("protocol")
                .str()
                .or_else(|| b.get("ip_protocol").str())
                .unwrap_or_else(|| "tcp".into())
                .to_lowercase()
        };
        for g in self.of_type(&["aws_security_group"]) {
            for b in g.get("ingress").blocks() {
                out.push(Ingress {
                    group: g.address.clone(),
                    from: sources(b, &g.address),
                    protocol: protocol(b),
                    ports: ports(b),
                    origin: g.address.clone(),
                });
            }
        }
        for r in self.of_type(&["aws_security_group_rule"]) {
            if r.str("type").as_deref() != Some("ingress") {
                self.used.insert(r.address.clone());
                continue;
            }
            for g in r.refs("security_group_id") {
                out.push(Ingress {
                    group: g.clone(),
                    from: sources(&r.attrs, &g),
                    protocol: protocol(&r.attrs),
                    ports: ports(&r.attrs),
                    origin: r.address.clone(),
                });
            }
        }
        for r in self.of_type(&["aws_vpc_security_group_ingress_rule"]) {
            for g in r.refs("security_group_id") {
                out.push(Ingress {
                    group: g.clone(),
                    from: sources(&r.attrs, &g),
                    protocol: protocol(&r.attrs),
                    ports: ports(&r.attrs),
                    origin: r.address.clone(),
                });
            }
        }
        for r in self.of_type(&["aws_vpc_security_group_egress_rule"]) {
            self.used.insert(r.address.clone());
        }
        out
    }

    /// Security-group rules: a group that may reach another becomes an
    /// edge from every element of the one to every element of the other;
    /// one open to 0.0.0.0/0 an edge from the internet.
    fn security_group_edges(&mut self) {
        let rules = self.ingress_rules();
        for g in self.of_type(&["aws_security_group"]) {
            self.used.insert(g.address.clone());
        }
        for rule in rules {
            self.used.insert(rule.origin.clone());
            let targets = self.members.get(&rule.group).cloned().unwrap_or_default();
            let all = matches!(rule.protocol.as_str(), "-1" | "all");
            let (label, port) = match rule.ports {
                _ if all => (Some("all traffic".to_string()), None),
                Some((f, t)) if f == t && f > 0 => (None, Some(f)),
                Some((0, 65535)) | Some((0, 0)) | None => {
                    (Some(format!("all {} ports", rule.protocol)), None)
                }
                Some((f, t)) => (Some(format!("{} {f}-{t}", rule.protocol)), None),
            };
            for src in &rule.from {
                let sources: Vec<usize> = match src {
                    Source::Internet => vec![self.internet],
                    Source::Group(sg) => self.members.get(sg).cloned().unwrap_or_default(),
                    Source::Cidr(c) => {
                        for t in &targets {
                            let text = format!(
                                "also reachable from {c}{} ({}: no element stands for that range)",
                                port.map_or(
                                    label.clone().map_or(String::new(), |l| format!(", {l}")),
                                    |p| format!(" on port {p}")
                                ),
                                rule.origin
                            );
                            self.note(*t, text);
                        }
                        continue;
                    }
                };
                for &from in &sources {
                    for &to in &targets {
                        if from == to {
                            continue;
                        }
                        // A load balancer's edge to this target on this port says more.
                        if let Some(e) = self.d.edges.iter_mut().find(|e| {
                            e.from == from
                                && e.to == to
                                && (port.is_none()
                                    || e.attr("port").map(str::to_string)
                                        == port.map(|p| p.to_string()))
                        }) {
                            let line = format!("allowed by {}", rule.origin);
                            if !e.comments.contains(&line) {
                                e.comments.push(line);
                            }
                            continue;
                        }
                        let protocol = if all {
                            None
                        } else {
                            Some(self.protocol_into(to, port, &rule.protocol))
                        };
                        let mut attrs = Vec::new();
                        if let Some(p) = protocol {
                            attrs.push(("protocol".to_string(), p));
                        }
                        if let Some(p) = port {
                            attrs.push(("port".to_string(), p.to_string()));
                        }
                        let what = match src {
                            Source::Internet => "0.0.0.0/0".to_string(),
                            Source::Group(g) => g.clone(),
                            Source::Cidr(c) => c.clone(),
                        };
                        self.edge(
                            from,
                            to,
                            "->",
                            label.clone(),
                            attrs,
                            format!("{}: ingress from {what}", rule.origin),
                        );
                    }
                }
            }
        }
    }

    /// The protocol of traffic into `to` on `port`: its listener's when it
    /// is a load balancer with one there, else the rule's (`tcp`).
    fn protocol_into(&self, to: usize, port: Option<i64>, rule_protocol: &str) -> String {
        if let Some(p) = port {
            for l in self.of_type(&["aws_lb_listener", "aws_alb_listener"]) {
                if l.refs("load_balancer_arn")
                    .iter()
                    .any(|a| self.node(a) == Some(to))
                    && l.num("port") == Some(p as f64)
                    && let Some(proto) = l.str("protocol")
                {
                    return sanitize(&proto.to_lowercase());
                }
            }
        }
        sanitize(rule_protocol)
    }

    /// Entries the internet reaches without a security group saying so:
    /// internet-facing load balancers without groups (NLB), API gateways, CDNs.
    fn entry_edges(&mut self) {
        for l in self.of_type(&["aws_lb_listener", "aws_alb_listener"]) {
            let Some(lb_addr) = l.refs("load_balancer_arn").first().cloned() else {
                continue;
            };
            let Some(lb) = self.res(&lb_addr) else {
                continue;
            };
            let Some(n) = self.node(&lb_addr) else {
                continue;
            };
            if lb.bool("internal") == Some(true) || !lb.refs("security_groups").is_empty() {
                continue;
            }
            let mut attrs = Vec::new();
            if let Some(p) = l.str("protocol") {
                attrs.push(("protocol".to_string(), sanitize(&p.to_lowercase())));
            }
            if let Some(p) = l.num("port") {
                attrs.push(("port".to_string(), number_text(p)));
            }
            let internet = self.internet;
            self.edge(
                internet,
                n,
                "->",
                None,
                attrs,
                format!("{}: internet-facing, no security group", l.address),
            );
        }
        // An HTTP listener that only redirects to HTTPS carries no plaintext requests.
        for l in self.of_type(&["aws_lb_listener", "aws_alb_listener"]) {
            let redirects = l
                .get("default_action")
                .blocks()
                .iter()
                .all(|a| a.get("type").str().as_deref() == Some("redirect"))
                && !l.get("default_action").blocks().is_empty();
            let Some(n) = l
                .refs("load_balancer_arn")
                .first()
                .and_then(|a| self.node(a))
            else {
                continue;
            };
            if !redirects {
                continue;
            }
            let port = l.num("port").map(number_text);
            let internet = self.internet;
            if let Some(e) = self.d.edges.iter_mut().find(|e| {
                e.from == internet && e.to == n && e.attr("port").map(str::to_string) == port
            }) {
                e.label = Some("redirect to HTTPS".into());
                e.attrs.push(("allow".into(), "SE003".into()));
                e.comments.push(format!(
                    "{} only redirects to HTTPS: no plaintext requests (SE003 allowed)",
                    l.address
                ));
            }
        }
        for r in self.of_type(&["aws_api_gateway_rest_api", "aws_apigatewayv2_api"]) {
            let Some(n) = self.node(&r.address) else {
                continue;
            };
            if self.d.nodes[n].attr("public") == Some("true") {
                let internet = self.internet;
                self.edge(
                    internet,
                    n,
                    "->",
                    None,
                    vec![("protocol".into(), "https".into())],
                    format!("{}: public endpoint", r.address),
                );
            }
        }
        for r in self.of_type(&["aws_cloudfront_distribution"]) {
            let Some(n) = self.node(&r.address) else {
                continue;
            };
            let policy = r
                .get("default_cache_behavior")
                .get("viewer_protocol_policy")
                .str();
            let protocol = if policy.as_deref() == Some("allow-all") {
                "http"
            } else {
                "https"
            };
            let internet = self.internet;
            self.edge(
                internet,
                n,
                "->",
                None,
                vec![("protocol".into(), protocol.into())],
                format!(
                    "{}: viewer_protocol_policy = {}",
                    r.address,
                    policy.unwrap_or_else(|| "not known".into())
                ),
            );
            // Origins.
            for o in r.get("origin").blocks() {
                let targets: Vec<usize> = o
                    .get("domain_name")
                    .refs()
                    .iter()
                    .filter_map(|a| self.node(a))
                    .collect();
                let custom = o
                    .get("custom_origin_config")
                    .get("origin_protocol_policy")
                    .str();
                let protocol = match custom.as_deref() {
                    Some("http-only") => "http",
                    _ => "https",
                };
                let id = o.get("origin_id").str();
                if targets.is_empty()
                    && let Some(domain) = o.get("domain_name").str()
                {
                    self.note(n, format!("origin {domain} is outside this configuration"));
                }
                for t in targets {
                    self.edge(
                        n,
                        t,
                        "->",
                        id.clone(),
                        vec![("protocol".into(), protocol.into())],
                        format!("{}: origin {}", r.address, id.clone().unwrap_or_default()),
                    );
                }
            }
            for w in r.get("web_acl_id").refs() {
                if let Some(waf) = self.node(&w) {
                    self.edge(
                        n,
                        waf,
                        "--",
                        None,
                        Vec::new(),
                        format!("{}: web_acl_id", r.address),
                    );
                }
            }
        }
        for a in self.of_type(&[
            "aws_wafv2_web_acl_association",
            "aws_wafregional_web_acl_association",
        ]) {
            self.used.insert(a.address.clone());
            let waf = a
                .refs("web_acl_arn")
                .into_iter()
                .chain(a.refs("web_acl_id"))
                .find_map(|w| self.node(&w));
            let target = a
                .refs("resource_arn")
                .into_iter()
                .find_map(|t| self.node_or_api(&t));
            if let (Some(waf), Some(t)) = (waf, target) {
                self.edge(
                    t,
                    waf,
                    "--",
                    None,
                    Vec::new(),
                    format!("{}: web ACL association", a.address),
                );
            }
        }
        for r in self.of_type(&["aws_route53_record"]) {
            let Some(zone) = r.refs("zone_id").first().and_then(|z| self.node(z)) else {
                continue;
            };
            self.used.insert(r.address.clone());
            let mut targets: Vec<usize> = r
                .get("alias")
                .refs()
                .iter()
                .filter_map(|a| self.node_or_api(a))
                .collect();
            targets.extend(r.get("records").refs().iter().filter_map(|a| self.node(a)));
            targets.sort();
            targets.dedup();
            let name = r.str("name").unwrap_or_else(|| r.name.clone());
            let rtype = r.str("type").unwrap_or_else(|| "A".into());
            if targets.is_empty() {
                self.note(zone, format!("record {name} ({rtype}, {})", r.address));
            }
            for t in targets {
                self.edge(
                    zone,
                    t,
                    "--",
                    Some(format!("{rtype} {name}")),
                    Vec::new(),
                    r.address.clone(),
                );
            }
        }
    }

    /// The node of a resource, or of the API a stage, route or
    /// integration belongs to.
    fn node_or_api(&self, address: &str) -> Option<usize> {
        if let Some(n) = self.node(address) {
            return Some(n);
        }
        let r = self.res(address)?;
        r.refs("rest_api_id")
            .into_iter()
            .chain(r.refs("api_id"))
            .find_map(|a| self.node(&a))
    }

    /// API Gateway integrations → their backends.
    fn integration_edges(&mut self) {
        for r in self.of_type(&[
            "aws_api_gateway_integration",
            "aws_apigatewayv2_integration",
        ]) {
            let api = r
                .refs("rest_api_id")
                .into_iter()
                .chain(r.refs("api_id"))
                .find_map(|a| self.node(&a));
            let Some(api) = api else { continue };
            self.fold(api, r, "integration");
            let mut backends: Vec<usize> = r
                .get("uri")
                .refs()
                .iter()
                .chain(r.get("integration_uri").refs().iter())
                .filter_map(|a| self.backend(a))
                .collect();
            backends.dedup();
            for b in backends {
                self.edge(
                    api,
                    b,
                    "->",
                    None,
                    vec![("protocol".into(), "https".into())],
                    r.address.clone(),
                );
            }
        }
        for r in self.of_type(&[
            "aws_api_gateway_stage",
            "aws_apigatewayv2_stage",
            "aws_api_gateway_method_settings",
            "aws_api_gateway_deployment",
            "aws_api_gateway_resource",
            "aws_api_gateway_method",
            "aws_apigatewayv2_route",
            "aws_api_gateway_account",
            "aws_api_gateway_authorizer",
            "aws_apigatewayv2_authorizer",
        ]) {
            let Some(api) = r
                .refs("rest_api_id")
                .into_iter()
                .chain(r.refs("api_id"))
                .find_map(|a| self.node(&a))
            else {
                continue;
            };
            self.fold(
                api,
                r,
                r.rtype
                    .trim_start_matches("aws_")
                    .trim_start_matches("api_gateway_")
                    .trim_start_matches("apigatewayv2_"),
            );
            let limit = r
                .get("default_route_settings")
                .get("throttling_rate_limit")
                .num()
                .or_else(|| r.get("settings").get("throttling_rate_limit").num());
            if let Some(rate) = limit {
                self.d.nodes[api].set("rate_limit", format!("{}rps", number_text(rate.round())));
            }
        }
    }

    /// The element behind an integration or origin target: the node, or the
    /// load balancer of a listener.
    fn backend(&self, address: &str) -> Option<usize> {
        self.node(address).or_else(|| {
            let r = self.res(address)?;
            r.refs("load_balancer_arn")
                .first()
                .and_then(|a| self.node(a))
        })
    }

    /// Queues, topics, streams and buckets that trigger functions or feed queues.
    fn event_edges(&mut self) {
        for m in self.of_type(&["aws_lambda_event_source_mapping"]) {
            let src = m
                .refs("event_source_arn")
                .into_iter()
                .find_map(|a| self.node(&a));
            let fun = m
                .refs("function_name")
                .into_iter()
                .find_map(|a| self.node(&a));
            if let (Some(s), Some(f)) = (src, fun) {
                self.used.insert(m.address.clone());
                self.edge(s, f, "~>", None, Vec::new(), m.address.clone());
            }
        }
        for s in self.of_type(&["aws_sns_topic_subscription"]) {
            let topic = s.refs("topic_arn").into_iter().find_map(|a| self.node(&a));
            let target = s.refs("endpoint").into_iter().find_map(|a| self.node(&a));
            if let (Some(t), Some(e)) = (topic, target) {
                self.used.insert(s.address.clone());
                self.edge(t, e, "~>", None, Vec::new(), s.address.clone());
            }
        }
        for n in self.of_type(&["aws_s3_bucket_notification"]) {
            let Some(b) = n.refs("bucket").into_iter().find_map(|a| self.node(&a)) else {
                continue;
            };
            self.fold(b, n, "notification");
            let mut targets = Vec::new();
            for (block, key) in [
                ("lambda_function", "lambda_function_arn"),
                ("queue", "queue_arn"),
                ("topic", "topic_arn"),
            ] {
                for x in n.get(block).blocks() {
                    targets.extend(x.get(key).refs().iter().filter_map(|a| self.node(a)));
                }
            }
            for t in targets {
                self.edge(
                    b,
                    t,
                    "~>",
                    Some("object events".into()),
                    Vec::new(),
                    n.address.clone(),
                );
            }
        }
        // Dead-letter queues (inline redrive policy or its own resource).
        for q in self.of_type(&["aws_sqs_queue", "aws_sqs_queue_redrive_policy"]) {
            let queue = if q.rtype == "aws_sqs_queue" {
                self.node(&q.address)
            } else {
                q.refs("queue_url").into_iter().find_map(|a| self.node(&a))
            };
            let Some(queue) = queue else { continue };
            let dlqs: Vec<usize> = q
                .refs("redrive_policy")
                .into_iter()
                .filter_map(|a| self.node(&a))
                .collect();
            for dlq in dlqs {
                if dlq != queue {
                    self.used.insert(q.address.clone());
                    self.edge(
                        queue,
                        dlq,
                        "~>",
                        Some("dead letters".into()),
                        Vec::new(),
                        format!("{}: redrive_policy", q.address),
                    );
                }
            }
        }
        for r in self.of_type(&["aws_cloudwatch_event_target"]) {
            let target = r.refs("arn").into_iter().find_map(|a| self.node(&a));
            if let Some(t) = target {
                self.used.insert(r.address.clone());
                let rule = r.refs("rule").first().cloned().unwrap_or_default();
                self.note(
                    t,
                    format!("triggered by EventBridge rule {rule} ({})", r.address),
                );
                if let Some(rule) = self.res(&rule) {
                    self.used.insert(rule.address.clone());
                }
            }
        }
    }

    /// Functions, services and instances that name a datastore, queue or
    /// topic in their environment, or are granted it by an IAM policy.
    fn data_access_edges(&mut self) {
        let policies = self.role_policies();
        let computes = self.of_type(&["aws_lambda_function", "aws_ecs_service", "aws_instance"]);
        for c in computes {
            let Some(from) = self.node(&c.address) else {
                continue;
            };
            let mut named: Vec<(String, String)> = Vec::new();
            let (env, role) = match c.rtype.as_str() {
                "aws_lambda_function" => (c.get("environment").refs(), c.refs("role")),
                "aws_ecs_service" => {
                    let td = self.refs_of(&c.refs("task_definition"), &["aws_ecs_task_definition"]);
                    let env = td
                        .first()
                        .map(|t| t.get("container_definitions").refs())
                        .unwrap_or_default();
                    let role = td
                        .first()
                        .map(|t| t.refs("task_role_arn"))
                        .unwrap_or_default();
                    (env, role)
                }
                _ => {
                    let profile = self.refs_of(
                        &c.refs("iam_instance_profile"),
                        &["aws_iam_instance_profile"],
                    );
                    (
                        Vec::new(),
                        profile.first().map(|p| p.refs("role")).unwrap_or_default(),
                    )
                }
            };
            for a in env {
                named.push((a, "named in its environment".into()));
            }
            for r in role {
                for (target, via) in policies.get(&r).cloned().unwrap_or_default() {
                    named.push((target, format!("granted by {via}")));
                }
            }
            for (a, why) in named {
                let Some(to) = self.node(&a) else { continue };
                if to == from {
                    continue;
                }
                // Datastores are called; queues, topics and streams are sent to.
                let Some(info) = crate::model::catalog::lookup(self.d.nodes[to].kind) else {
                    continue;
                };
                let op = if info.traits.datastore {
                    "->"
                } else if info.category == crate::model::catalog::Category::Integration {
                    "~>"
                } else {
                    continue;
                };
                // An edge either way already says how the two talk (a
                // security-group rule, or an event source: a grant to
                // receive is not a call).
                if self
                    .d
                    .edges
                    .iter()
                    .any(|e| (e.from == from && e.to == to) || (e.from == to && e.to == from))
                {
                    continue;
                }
                if let Some(via) = why.strip_prefix("granted by ") {
                    self.used.insert(via.to_string());
                }
                self.edge(
                    from,
                    to,
                    op,
                    None,
                    Vec::new(),
                    format!("{}: {} {why}", c.address, a),
                );
            }
        }
    }

    /// Role → the resources its policies name (and which policy).
    fn role_policies(&mut self) -> BTreeMap<String, Vec<(String, String)>> {
        let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for p in self.of_type(&["aws_iam_role_policy"]) {
            for role in p.refs("role") {
                for a in p.get("policy").refs() {
                    out.entry(role.clone())
                        .or_default()
                        .push((a, p.address.clone()));
                }
            }
        }
        for att in self.of_type(&["aws_iam_role_policy_attachment"]) {
            for policy in self.refs_of(&att.refs("policy_arn"), &["aws_iam_policy"]) {
                for role in att.refs("role") {
                    for a in policy.get("policy").refs() {
                        out.entry(role.clone())
                            .or_default()
                            .push((a, policy.address.clone()));
                    }
                }
            }
        }
        out
    }

    /// VPN and Direct Connect: on-premises ↔ link ↔ VPC.
    fn hybrid_edges(&mut self) {
        for r in self.of_type(&["aws_vpn_connection"]) {
            let Some(vpn) = self.node(&r.address) else {
                continue;
            };
            if let Some(cgw) = r
                .refs("customer_gateway_id")
                .first()
                .and_then(|a| self.node(a))
            {
                self.edge(
                    cgw,
                    vpn,
                    "--",
                    Some("IPsec".into()),
                    Vec::new(),
                    r.address.clone(),
                );
            }
            let vpc = self
                .refs_of(&r.refs("vpn_gateway_id"), &["aws_vpn_gateway"])
                .first()
                .and_then(|g| self.vpc_node(g));
            if let Some(v) = vpc {
                self.edge(
                    vpn,
                    v,
                    "--",
                    None,
                    Vec::new(),
                    format!("{}: virtual private gateway", r.address),
                );
            }
        }
        for vif in self.of_type(&[
            "aws_dx_private_virtual_interface",
            "aws_dx_transit_virtual_interface",
        ]) {
            let Some(dx) = vif.refs("connection_id").first().and_then(|a| self.node(a)) else {
                continue;
            };
            self.fold(dx, vif, "virtual interface");
            let mut vpcs: Vec<usize> = self
                .refs_of(&vif.refs("vpn_gateway_id"), &["aws_vpn_gateway"])
                .iter()
                .filter_map(|g| self.vpc_node(g))
                .collect();
            for gw in vif.refs("dx_gateway_id") {
                for assoc in self.of_type(&["aws_dx_gateway_association"]) {
                    if assoc.refs("dx_gateway_id").contains(&gw) {
                        self.fold(dx, assoc, "gateway association");
                        vpcs.extend(
                            self.refs_of(
                                &assoc.refs("associated_gateway_id"),
                                &["aws_vpn_gateway"],
                            )
                            .iter()
                            .filter_map(|g| self.vpc_node(g)),
                        );
                    }
                }
                if let Some(g) = self.res(&gw) {
                    self.fold(dx, g, "Direct Connect gateway");
                }
            }
            vpcs.sort();
            vpcs.dedup();
            for v in vpcs {
                self.edge(dx, v, "--", None, Vec::new(), vif.address.clone());
            }
        }
        for r in self.of_type(&["aws_vpn_gateway", "aws_vpn_gateway_attachment"]) {
            if let Some(v) = self.vpc_node(r)
                && !self.used.contains(&r.address)
            {
                self.fold(v, r, "virtual private gateway");
            }
        }
    }

    // ------------------------------------------------------------ finish

    fn finish(mut self, source: &str) -> Design {
        let resources = &self.inv.resources;
        let drawn_count = resources
            .iter()
            .filter(|r| self.node_of.contains_key(&r.address) && drawn(&r.rtype))
            .count();
        let not_drawn: Vec<&Resource> = resources
            .iter()
            .filter(|r| !self.used.contains(&r.address))
            .collect();
        let title = std::path::Path::new(source)
            .file_name()
            .map_or_else(|| source.to_string(), |n| n.to_string_lossy().to_string());
        self.d.title = format!("{title} (imported from Terraform)");
        self.d.header.push(format!(
            "Imported from Terraform ({source}) by `cloudgram import terraform`."
        ));
        self.d.header.push(format!(
            "{} resources: {} drawn as elements, {} folded into elements and edges, {} not drawn (listed at the end).",
            resources.len(),
            drawn_count,
            resources.len() - drawn_count - not_drawn.len(),
            not_drawn.len()
        ));
        self.d
            .header
            .push("Each element's comment names the resource address it came from.".into());
        for n in &self.inv.notes {
            self.d.header.push(n.clone());
        }
        if !not_drawn.is_empty() {
            self.d.footer.push("Not drawn: resources with no element in cloudgram's catalog, or not understood by the importer:".into());
            for r in not_drawn {
                self.d.footer.push(format!("  {}", r.address));
            }
        }
        self.d.assign_ids();
        self.distinguish_edges();
        self.d
    }
}

impl Mapper<'_> {
    /// Edges with the same ends, operator and label read as one written
    /// twice (W0003): those without a label get their protocol and port as one.
    fn distinguish_edges(&mut self) {
        let key = |e: &Edge| (e.from, e.to, e.op, e.label.clone());
        let mut count: BTreeMap<(usize, usize, &'static str, Option<String>), usize> =
            BTreeMap::new();
        for e in &self.d.edges {
            *count.entry(key(e)).or_default() += 1;
        }
        for e in &mut self.d.edges {
            if count[&key(e)] > 1 && e.label.is_none() {
                let parts: Vec<&str> = [e.attr("protocol"), e.attr("port")]
                    .into_iter()
                    .flatten()
                    .collect();
                if !parts.is_empty() {
                    e.label = Some(parts.join(" "));
                }
            }
        }
    }
}

/// Whether an IAM policy document lets anyone (`"Principal": "*"`) in.
fn policy_is_public(text: &str) -> bool {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return false;
    };
    let statements = match json.get("Statement") {
        Some(serde_json::Value::Array(s)) => s.clone(),
        Some(s) => vec![s.clone()],
        None => return false,
    };
    statements.iter().any(|s| {
        let allow = s.get("Effect").and_then(|e| e.as_str()) == Some("Allow");
        let p = s.get("Principal");
        let anyone = p.and_then(|p| p.as_str()) == Some("*")
            || p.and_then(|p| p.get("AWS")).and_then(|a| a.as_str()) == Some("*");
        allow && anyone && s.get("Condition").is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_letters() {
        assert_eq!(zone_letter("eu-west-1a", Some("eu-west-1")), "a");
        assert_eq!(zone_letter("eu-west-1b", None), "b");
        assert_eq!(zone_letter("us-east-1-bos-1a", Some("us-east-1")), "bos_1a");
        assert_eq!(zone_letter("use1-az1", None), "use1_az1");
    }

    #[test]
    fn public_policies() {
        assert!(policy_is_public(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}"#
        ));
        assert!(policy_is_public(
            r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"}}}"#
        ));
        assert!(!policy_is_public(
            r#"{"Statement":[{"Effect":"Deny","Principal":"*"}]}"#
        ));
        assert!(!policy_is_public(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"}}]}"#
        ));
    }
}
