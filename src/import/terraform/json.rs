//! Reads the JSON of `terraform show -json` — a saved plan or a state —
//! into an [`Inventory`]. Resources come from `planned_values` (plan) or
//! `values` (state); which resource refers to which comes from the
//! configuration's `references` (plan) and from IDs and ARNs that one
//! resource's values repeat from another's (state).

use super::ImportError;
use super::inventory::{Inventory, Resource};
use super::value::{Unknown, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::Path;

/// Attributes whose values name a resource elsewhere (IDs, ARNs, DNS names).
const IDENTITIES: &[&str] = &[
    "id",
    "arn",
    "dns_name",
    "bucket_regional_domain_name",
    "bucket_domain_name",
    "invoke_arn",
    "qualified_arn",
    "execution_arn",
    "api_endpoint",
    "domain_name",
];

/// Reads `terraform show -json` output. `drawn` tells which resource types
/// become elements: when two resources share an ID (an S3 bucket and its
/// public access block), the reference goes to the drawn one.
pub fn read(
    path: &Path,
    text: &str,
    drawn: impl Fn(&str) -> bool,
) -> Result<Inventory, ImportError> {
    let json: Json = serde_json::from_str(text).map_err(|e| ImportError {
        message: format!("not valid JSON: {}", strip_position(&e.to_string())),
        file: Some(path.to_path_buf()),
        line: Some(e.line()),
        column: Some(e.column()),
    })?;
    let root = json
        .get("planned_values")
        .or_else(|| json.get("values"))
        .and_then(|v| v.get("root_module"));
    let (Some(root), true) = (root, json.get("format_version").is_some()) else {
        return Err(ImportError::at_file(
            path,
            "not the JSON of `terraform show -json`: it has no `format_version` and `planned_values` or `values` (give the output of `terraform show -json PLAN` or `terraform show -json`, or a directory of `.tf` files)",
        ));
    };
    let mut inv = Inventory::default();
    walk(root, &mut inv.resources);
    unknown_after_apply(&json, &mut inv.resources);
    inv.region = region(&json, &inv.resources);
    by_identity(&mut inv.resources, &drawn);
    if let Some(config) = json.get("configuration").and_then(|c| c.get("root_module")) {
        let mut configs = BTreeMap::new();
        config_modules(config, "", &mut configs);
        by_reference(&mut inv.resources, &configs);
    }
    inv.sort();
    Ok(inv)
}

/// serde_json's message without its " at line L column C" (said apart).
fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The managed resources of a module and its children.
fn walk(module: &Json, out: &mut Vec<Resource>) {
    for r in module
        .get("resources")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        if r.get("mode").and_then(Json::as_str) == Some("data") {
            continue;
        }
        let (Some(address), Some(rtype), Some(name)) = (
            r.get("address").and_then(Json::as_str),
            r.get("type").and_then(Json::as_str),
            r.get("name").and_then(Json::as_str),
        ) else {
            continue;
        };
        let key = r.get("index").map(|i| match i {
            Json::String(s) => s.clone(),
            other => other.to_string(),
        });
        let module = address
            .rfind(&format!("{rtype}.{name}"))
            .map_or(String::new(), |i| address[..i].to_string());
        out.push(Resource {
            address: address.to_string(),
            rtype: rtype.to_string(),
            name: name.to_string(),
            module,
            key,
            attrs: r
                .get("values")
                .map_or(Value::Map(BTreeMap::new()), Value::from_json),
            notes: Vec::new(),
        });
    }
    for child in module
        .get("child_modules")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        walk(child, out);
    }
}

/// A plan leaves out what is known only after apply; mark it unknown.
fn unknown_after_apply(json: &Json, resources: &mut [Resource]) {
    let Some(changes) = json.get("resource_changes").and_then(Json::as_array) else {
        return;
    };
    let by_address: BTreeMap<&str, &Json> = changes
        .iter()
        .filter_map(|c| {
            Some((
                c.get("address")?.as_str()?,
                c.get("change")?.get("after_unknown")?,
            ))
        })
        .collect();
    for r in resources {
        if let (Some(Json::Object(unknown)), Value::Map(attrs)) =
            (by_address.get(r.address.as_str()), &mut r.attrs)
        {
            for (k, v) in unknown {
                if v == &Json::Bool(true) && matches!(attrs.get(k), None | Some(Value::Null)) {
                    attrs.insert(k.clone(), Value::unknown("known after apply"));
                }
            }
        }
    }
}

/// The provider's region, else the one an ARN or a zone names.
fn region(json: &Json, resources: &[Resource]) -> Option<String> {
    let configured = json
        .pointer("/configuration/provider_config/aws/expressions/region/constant_value")
        .and_then(Json::as_str);
    if let Some(r) = configured {
        return Some(r.to_string());
    }
    resources.iter().find_map(|r| {
        if let Some(arn) = r.str("arn") {
            let parts: Vec<&str> = arn.split(':').collect();
            if parts.len() > 3 && !parts[3].is_empty() {
                return Some(parts[3].to_string());
            }
        }
        r.str("availability_zone")
            .filter(|z| z.ends_with(|c: char| c.is_ascii_lowercase()))
            .map(|z| z[..z.len() - 1].to_string())
    })
}

/// Replaces strings that are another resource's ID, ARN or DNS name with a
/// reference to it (how a state says that a subnet is in a VPC).
fn by_identity(resources: &mut [Resource], drawn: &impl Fn(&str) -> bool) {
    let mut owners: BTreeMap<String, Vec<(bool, usize)>> = BTreeMap::new();
    for (i, r) in resources.iter().enumerate() {
        for key in IDENTITIES {
            if let Some(v) = r.str(key).filter(|v| v.len() >= 3) {
                owners.entry(v).or_default().push((drawn(&r.rtype), i));
            }
        }
    }
    // One owner per value: the drawn resource when several share it.
    let owner: BTreeMap<String, String> = owners
        .into_iter()
        .filter_map(|(v, mut who)| {
            who.sort_by_key(|(d, i)| (!d, *i));
            who.dedup_by_key(|(_, i)| *i);
            let best = who.first()?;
            let tied = who.iter().filter(|w| w.0 == best.0).count() > 1;
            (!tied).then(|| (v, resources[best.1].address.clone()))
        })
        .collect();
    for r in resources.iter_mut() {
        let me = r.address.clone();
        if let Value::Map(attrs) = &mut r.attrs {
            for (k, v) in attrs.iter_mut() {
                if !IDENTITIES.contains(&k.as_str()) {
                    replace_ids(v, &owner, &me);
                }
            }
        }
    }
}

fn replace_ids(v: &mut Value, owner: &BTreeMap<String, String>, me: &str) {
    match v {
        Value::Str(s) => {
            if let Some(a) = owner.get(s.as_str()).filter(|a| *a != me) {
                *v = Value::Ref(a.clone());
            }
        }
        Value::List(items) => items.iter_mut().for_each(|i| replace_ids(i, owner, me)),
        Value::Map(m) => m.values_mut().for_each(|i| replace_ids(i, owner, me)),
        _ => {}
    }
}

/// One module of the configuration: its resources' expressions, its
/// outputs, and its calls' input expressions.
#[derive(Default)]
struct ConfigModule<'a> {
    resources: BTreeMap<String, &'a Json>,
    outputs: BTreeMap<String, &'a Json>,
    calls: BTreeMap<String, &'a Json>,
}

fn config_modules<'a>(
    module: &'a Json,
    prefix: &str,
    out: &mut BTreeMap<String, ConfigModule<'a>>,
) {
    let mut m = ConfigModule::default();
    for r in module
        .get("resources")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(a) = r.get("address").and_then(Json::as_str) {
            m.resources.insert(a.to_string(), r);
        }
    }
    for (name, o) in module
        .get("outputs")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(e) = o.get("expression") {
            m.outputs.insert(name.clone(), e);
        }
    }
    for (name, call) in module
        .get("module_calls")
        .and_then(Json::as_object)
        .into_iter()
        .flatten()
    {
        m.calls.insert(name.clone(), call);
        if let Some(child) = call.get("module") {
            config_modules(child, &format!("{prefix}module.{name}."), out);
        }
    }
    out.insert(prefix.to_string(), m);
}

/// Sets every attribute whose expression has `references` to the
/// resources it refers to (the plan's values leave most IDs unknown).
fn by_reference(resources: &mut [Resource], configs: &BTreeMap<String, ConfigModule<'_>>) {
    let blocks: BTreeMap<String, Vec<(Option<String>, String)>> = {
        let mut m: BTreeMap<String, Vec<(Option<String>, String)>> = BTreeMap::new();
        for r in resources.iter() {
            m.entry(format!("{}{}.{}", r.module, r.rtype, r.name))
                .or_default()
                .push((r.key.clone(), r.address.clone()));
        }
        m
    };
    let resolver = Resolver {
        configs,
        blocks: &blocks,
    };
    for r in resources.iter_mut() {
        let Some(config) = configs
            .get(&r.module)
            .and_then(|m| m.resources.get(&format!("{}.{}", r.rtype, r.name)))
        else {
            continue;
        };
        let Some(exprs) = config.get("expressions") else {
            continue;
        };
        let at = Instance {
            module: &r.module,
            key: r.key.as_deref(),
        };
        resolver.apply(exprs, &mut r.attrs, &at);
    }
}

struct Instance<'a> {
    module: &'a str,
    key: Option<&'a str>,
}

struct Resolver<'a> {
    configs: &'a BTreeMap<String, ConfigModule<'a>>,
    blocks: &'a BTreeMap<String, Vec<(Option<String>, String)>>,
}

impl Resolver<'_> {
    /// Walks an `expressions` object beside the values it describes.
    fn apply(&self, exprs: &Json, value: &mut Value, at: &Instance<'_>) {
        let Some(exprs) = exprs.as_object() else {
            return;
        };
        let Value::Map(attrs) = value else { return };
        for (k, e) in exprs {
            match e {
                Json::Array(blocks) => {
                    if let Some(Value::List(items)) = attrs.get_mut(k) {
                        for (b, item) in blocks.iter().zip(items.iter_mut()) {
                            self.apply(b, item, at);
                        }
                    }
                }
                Json::Object(o) if o.contains_key("references") => {
                    let refs = self.resolve(e, at, 0);
                    if refs.is_empty() {
                        continue;
                    }
                    let known = attrs
                        .get(k)
                        .is_some_and(|v| v.is_known() && *v != Value::Null);
                    let slot = attrs.entry(k.clone()).or_insert(Value::Null);
                    if known && !slot.refs().is_empty() {
                        continue;
                    }
                    *slot = match (&*slot, refs.as_slice()) {
                        (Value::List(_), _) => {
                            Value::List(refs.into_iter().map(Value::Ref).collect())
                        }
                        (_, [one]) => Value::Ref(one.clone()),
                        _ => Value::Unknown(Unknown {
                            why: "known after apply".into(),
                            refs,
                        }),
                    };
                }
                Json::Object(_) => {
                    if let Some(inner) = attrs.get_mut(k) {
                        self.apply(e, inner, at);
                    }
                }
                _ => {}
            }
        }
    }

    /// The resource addresses an expression's `references` name.
    fn resolve(&self, expr: &Json, at: &Instance<'_>, depth: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if depth > 16 {
            return out;
        }
        let refs: Vec<&str> = expr
            .get("references")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(Json::as_str)
            .collect();
        let by_count = refs.contains(&"count.index");
        let by_each = refs.contains(&"each.key") || refs.contains(&"each.value");
        let Some(module) = self.configs.get(at.module) else {
            return out;
        };
        let mut add = |a: String| {
            if !out.contains(&a) {
                out.push(a);
            }
        };
        // Terraform lists `a.b[0].id`, `a.b[0]` and `a.b`: the most precise wins.
        let mut seen_blocks: Vec<String> = Vec::new();
        for r in &refs {
            let parts: Vec<&str> = r.splitn(3, '.').collect();
            match parts.as_slice() {
                ["var", name, ..] => {
                    let name = name.split('[').next().unwrap_or(name);
                    if let Some((parent, call)) = parent_of(at.module)
                        && let Some(e) = self
                            .configs
                            .get(parent)
                            .and_then(|p| p.calls.get(call))
                            .and_then(|c| c.get("expressions"))
                            .and_then(|x| x.get(name))
                    {
                        let up = Instance {
                            module: parent,
                            key: None,
                        };
                        self.resolve(e, &up, depth + 1)
                            .into_iter()
                            .for_each(&mut add);
                    }
                }
                ["module", call, output] => {
                    let output = output.split(['.', '[']).next().unwrap_or(output);
                    let child = format!("{}module.{call}.", at.module);
                    if let Some(e) = self.configs.get(&child).and_then(|c| c.outputs.get(output)) {
                        let down = Instance {
                            module: &child,
                            key: None,
                        };
                        self.resolve(e, &down, depth + 1)
                            .into_iter()
                            .for_each(&mut add);
                    }
                }
                [rtype, rest, ..]
                    if !matches!(
                        *rtype,
                        "count" | "each" | "local" | "data" | "path" | "self" | "terraform"
                    ) =>
                {
                    let (name, index) = match rest.split_once('[') {
                        Some((n, i)) => (n, Some(i.trim_end_matches(']').trim_matches('"'))),
                        None => (*rest, None),
                    };
                    let block = format!("{}{rtype}.{name}", at.module);
                    let Some(instances) = self.blocks.get(&block) else {
                        continue;
                    };
                    if index.is_none() && seen_blocks.contains(&block) {
                        continue;
                    }
                    seen_blocks.push(block.clone());
                    let pick: Vec<&String> = match index {
                        Some(i) => instances
                            .iter()
                            .filter(|(k, _)| k.as_deref() == Some(i))
                            .map(|(_, a)| a)
                            .collect(),
                        None if (by_count || by_each) && at.key.is_some() => {
                            let same: Vec<&String> = instances
                                .iter()
                                .filter(|(k, _)| k.as_deref() == at.key)
                                .map(|(_, a)| a)
                                .collect();
                            if same.is_empty() {
                                instances.iter().map(|(_, a)| a).collect()
                            } else {
                                same
                            }
                        }
                        None => instances.iter().map(|(_, a)| a).collect(),
                    };
                    pick.into_iter().cloned().for_each(&mut add);
                }
                _ => {}
            }
        }
        let _ = module;
        out
    }
}

/// `module.a.module.b.` → (`module.a.`, `b`).
fn parent_of(module: &str) -> Option<(&str, &str)> {
    let trimmed = module.strip_suffix('.')?;
    let i = trimmed.rfind("module.")?;
    Some((&module[..i], &trimmed[i + "module.".len()..]))
}
