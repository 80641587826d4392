//! Reads a directory of `.tf` files (and the local modules it calls) into
//! an [`Inventory`]: every resource instance with its arguments evaluated as
//! far as defaults, `terraform.tfvars` and locals allow.

use super::ImportError;
use super::eval::{InstanceKey, Instances, Scope, instance_address, key_text};
use super::inventory::{Inventory, Resource};
use super::value::Value;
use hcl::{Block, Body, Expression};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Deepest chain of local modules followed (a module calling itself stops here).
const MAX_MODULE_DEPTH: usize = 16;

/// Reads the configuration in `dir` (or the one `.tf` file `path`).
pub fn read(path: &Path) -> Result<Inventory, ImportError> {
    let mut inv = Inventory::default();
    let files = tf_files(path)?;
    let mut tfvars = BTreeMap::new();
    let folder = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    for name in tfvars_files(folder) {
        let (body, _) = parse_file(&name)?;
        let none = BTreeMap::new();
        let scope = empty_scope(&none);
        for attr in body.attributes() {
            tfvars.insert(attr.key.as_str().to_string(), scope.eval(&attr.expr));
        }
    }
    let mut reader = Reader {
        inv: &mut inv,
        region: None,
    };
    reader.module(&files, "", Some(tfvars), None, 0)?;
    inv.sort();
    Ok(inv)
}

/// No locals, no resources, no module outputs.
type Nothing = (
    BTreeMap<String, Value>,
    BTreeMap<String, Instances>,
    BTreeMap<String, BTreeMap<String, Value>>,
);

/// A scope with nothing in it, for literals.
fn empty_scope(vars: &BTreeMap<String, Value>) -> Scope<'_> {
    static NONE: std::sync::LazyLock<Nothing> = std::sync::LazyLock::new(Default::default);
    Scope {
        vars,
        locals: &NONE.0,
        module: "",
        instances: &NONE.1,
        outputs: &NONE.2,
        region: None,
        count: None,
        each: None,
        bound: Vec::new(),
        notes: RefCell::new(Vec::new()),
    }
}

/// The `.tf` files of a directory, sorted by name (or the one file given).
fn tf_files(path: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| {
        ImportError::at_file(
            path,
            format!("cannot read it: {}", crate::cli::io::reason(&e)),
        )
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| {
        ImportError::at_file(
            path,
            format!("cannot read the directory: {}", crate::cli::io::reason(&e)),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tf") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(ImportError::at_file(
            path,
            "no `.tf` files in this directory (give a Terraform configuration directory or the JSON of `terraform show -json`)",
        ));
    }
    Ok(files)
}

/// `terraform.tfvars` and `*.auto.tfvars` of the root module, in the order
/// Terraform reads them (later files win).
fn tfvars_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let main = dir.join("terraform.tfvars");
    if main.is_file() {
        out.push(main);
    }
    let mut auto: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".auto.tfvars"))
        .collect();
    auto.sort();
    out.extend(auto);
    out
}

/// Parses one file; a syntax error says where.
fn parse_file(path: &Path) -> Result<(Body, String), ImportError> {
    let text = super::read_text(path)?;
    match hcl::parse(&text) {
        Ok(body) => Ok((body, text)),
        Err(hcl::Error::Parse(e)) => Err(ImportError {
            message: format!("not valid HCL: {}", e.message()),
            file: Some(path.to_path_buf()),
            line: Some(e.location().line()),
            column: Some(e.location().column()),
        }),
        Err(e) => Err(ImportError::at_file(path, format!("not valid HCL: {e}"))),
    }
}

/// The 1-based line where `needle` first appears in `text`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() + 1)
}

struct Reader<'a> {
    inv: &'a mut Inventory,
    region: Option<String>,
}

/// A resource block and the file it is in.
struct ResourceBlock<'a> {
    rtype: String,
    name: String,
    block: &'a Block,
}

fn label(block: &Block, i: usize) -> Option<&str> {
    block.labels().get(i).map(|l| l.as_str())
}

fn attr<'a>(body: &'a Body, key: &str) -> Option<&'a Expression> {
    body.attributes()
        .find(|a| a.key.as_str() == key)
        .map(|a| &a.expr)
}

impl Reader<'_> {
    /// Reads one module (the root has `tfvars`, a child its `inputs`) and
    /// returns its outputs.
    fn module(
        &mut self,
        files: &[PathBuf],
        prefix: &str,
        tfvars: Option<BTreeMap<String, Value>>,
        inputs: Option<BTreeMap<String, Value>>,
        depth: usize,
    ) -> Result<BTreeMap<String, Value>, ImportError> {
        let mut parsed = Vec::new();
        for f in files {
            parsed.push((f.clone(), parse_file(f)?));
        }
        let blocks: Vec<(&PathBuf, &str, &Block)> = parsed
            .iter()
            .flat_map(|(f, (body, text))| body.blocks().map(move |b| (f, text.as_str(), b)))
            .collect();

        // Variables: the module call's inputs, else tfvars, else the default.
        let given = inputs.as_ref().or(tfvars.as_ref());
        let mut vars = BTreeMap::new();
        let no_vars = BTreeMap::new();
        for (_, _, b) in blocks
            .iter()
            .filter(|(_, _, b)| b.identifier() == "variable")
        {
            let Some(name) = label(b, 0) else { continue };
            let value = match given.and_then(|g| g.get(name)) {
                Some(v) => v.clone(),
                None => match attr(b.body(), "default") {
                    Some(e) => empty_scope(&no_vars).eval(e),
                    None => Value::unknown(format!("`var.{name}` has no default")),
                },
            };
            vars.insert(name.to_string(), value);
        }

        let local_exprs: Vec<(String, &Expression)> = blocks
            .iter()
            .filter(|(_, _, b)| b.identifier() == "locals")
            .flat_map(|(_, _, b)| {
                b.body()
                    .attributes()
                    .map(|a| (a.key.as_str().to_string(), &a.expr))
            })
            .collect();
        let resources: Vec<ResourceBlock<'_>> = blocks
            .iter()
            .filter(|(_, _, b)| b.identifier() == "resource")
            .filter_map(|(_, _, b)| {
                Some(ResourceBlock {
                    rtype: label(b, 0)?.to_string(),
                    name: label(b, 1)?.to_string(),
                    block: b,
                })
            })
            .collect();

        let mut locals = BTreeMap::new();
        let mut outputs_of: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
        let mut instances: BTreeMap<String, Instances> = resources
            .iter()
            .map(|r| (format!("{}.{}", r.rtype, r.name), Instances::Single))
            .collect();
        let mut count_notes: BTreeMap<String, String> = BTreeMap::new();

        // The root's provider gives the region (needed to name zones).
        if prefix.is_empty() {
            let mut region = None;
            {
                let scope = self.scope(&vars, &locals, prefix, &instances, &outputs_of);
                for (_, _, b) in &blocks {
                    if b.identifier() == "provider"
                        && label(b, 0) == Some("aws")
                        && attr(b.body(), "alias").is_none()
                    {
                        region = attr(b.body(), "region").and_then(|e| scope.eval(e).str());
                    }
                }
            }
            self.region = region;
            self.inv.region = self.region.clone();
        }

        // Locals, instance counts and module calls depend on one another:
        // evaluate them in rounds (locals twice as deep as they nest).
        for round in 0..2 {
            for _ in 0..4 {
                let next: BTreeMap<String, Value> = {
                    let scope = self.scope(&vars, &locals, prefix, &instances, &outputs_of);
                    local_exprs
                        .iter()
                        .map(|(k, e)| (k.clone(), scope.eval(e)))
                        .collect()
                };
                if next == locals {
                    break;
                }
                locals = next;
            }
            let counted: Vec<(String, Instances, Option<String>)> = {
                let scope = self.scope(&vars, &locals, prefix, &instances, &outputs_of);
                resources
                    .iter()
                    .map(|r| {
                        let (inst, note) = count_of(&scope, r.block.body());
                        (format!("{}.{}", r.rtype, r.name), inst, note)
                    })
                    .collect()
            };
            for (block, inst, note) in counted {
                match note {
                    Some(note) => count_notes.insert(block.clone(), note),
                    None => count_notes.remove(&block),
                };
                instances.insert(block, inst);
            }
            if round == 0 {
                for (file, text, b) in blocks.iter().filter(|(_, _, b)| b.identifier() == "module")
                {
                    let Some(name) = label(b, 0) else { continue };
                    let outs = self.call(
                        file,
                        text,
                        b,
                        name,
                        prefix,
                        depth,
                        &vars,
                        &locals,
                        &instances,
                        &outputs_of,
                    )?;
                    outputs_of.insert(name.to_string(), outs);
                }
            }
        }

        // Every instance of every resource.
        for r in &resources {
            let block = format!("{}.{}", r.rtype, r.name);
            let inst = instances[&block].clone();
            let each_values = each_values(
                &self.scope(&vars, &locals, prefix, &instances, &outputs_of),
                r.block.body(),
            );
            for key in inst.keys() {
                let mut scope = self.scope(&vars, &locals, prefix, &instances, &outputs_of);
                match &key {
                    Some(InstanceKey::Index(i)) => scope.count = Some(*i),
                    Some(InstanceKey::Key(k)) => {
                        scope.each = Some((
                            k.clone(),
                            each_values.get(k).cloned().unwrap_or(Value::Str(k.clone())),
                        ));
                    }
                    None => {}
                }
                let attrs = body_value(&scope, r.block.body());
                let mut notes: Vec<String> = count_notes.get(&block).into_iter().cloned().collect();
                for n in scope.notes.into_inner() {
                    if !notes.contains(&n) {
                        notes.push(n);
                    }
                }
                self.inv.resources.push(Resource {
                    address: instance_address(prefix, &block, key.as_ref()),
                    rtype: r.rtype.clone(),
                    name: r.name.clone(),
                    module: prefix.to_string(),
                    key: key.map(|k| match k {
                        InstanceKey::Index(i) => i.to_string(),
                        InstanceKey::Key(k) => k,
                    }),
                    attrs,
                    notes,
                });
            }
        }

        let scope = self.scope(&vars, &locals, prefix, &instances, &outputs_of);
        Ok(blocks
            .iter()
            .filter(|(_, _, b)| b.identifier() == "output")
            .filter_map(|(_, _, b)| {
                Some((
                    label(b, 0)?.to_string(),
                    attr(b.body(), "value").map_or(Value::Null, |e| scope.eval(e)),
                ))
            })
            .collect())
    }

    fn scope<'s>(
        &'s self,
        vars: &'s BTreeMap<String, Value>,
        locals: &'s BTreeMap<String, Value>,
        prefix: &'s str,
        instances: &'s BTreeMap<String, Instances>,
        outputs: &'s BTreeMap<String, BTreeMap<String, Value>>,
    ) -> Scope<'s> {
        Scope {
            vars,
            locals,
            module: prefix,
            instances,
            outputs,
            region: self.region.as_deref(),
            count: None,
            each: None,
            bound: Vec::new(),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Follows a `module` block whose source is a local folder; notes one
    /// that is not (registry, git) and returns no outputs for it.
    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        file: &Path,
        text: &str,
        b: &Block,
        name: &str,
        prefix: &str,
        depth: usize,
        vars: &BTreeMap<String, Value>,
        locals: &BTreeMap<String, Value>,
        instances: &BTreeMap<String, Instances>,
        outputs: &BTreeMap<String, BTreeMap<String, Value>>,
    ) -> Result<BTreeMap<String, Value>, ImportError> {
        let at = |message: String| ImportError {
            message,
            file: Some(file.to_path_buf()),
            line: line_of(text, &format!("module \"{name}\"")),
            column: Some(1),
        };
        let address = format!("{prefix}module.{name}");
        let source = attr(b.body(), "source").and_then(|e| match e {
            Expression::String(s) => Some(s.clone()),
            _ => None,
        });
        let Some(source) = source else {
            return Err(at(format!("`{address}` has no `source` string")));
        };
        if !(source.starts_with("./") || source.starts_with("../")) {
            self.inv.notes.push(format!(
                "`{address}` (source `{source}`) is not a local folder and was not read: its resources are not in this design"
            ));
            return Ok(BTreeMap::new());
        }
        if depth >= MAX_MODULE_DEPTH {
            return Err(at(format!(
                "`{address}`: local modules nest more than {MAX_MODULE_DEPTH} deep (does a module call itself?)"
            )));
        }
        if attr(b.body(), "count").is_some() || attr(b.body(), "for_each").is_some() {
            self.inv.notes.push(format!(
                "`{address}` has `count` or `for_each`: its resources are read once"
            ));
        }
        let dir = file.parent().unwrap_or(Path::new(".")).join(&source);
        let files = match tf_files(&dir) {
            Ok(files) if dir.is_dir() => files,
            Ok(_) => return Err(at(format!("`{address}`: `{source}` is not a folder"))),
            Err(e) => {
                return Err(at(format!(
                    "cannot read module `{address}` from `{source}`: {}",
                    e.message
                )));
            }
        };
        let scope = self.scope(vars, locals, prefix, instances, outputs);
        let skip = [
            "source",
            "version",
            "count",
            "for_each",
            "providers",
            "depends_on",
        ];
        let inputs: BTreeMap<String, Value> = b
            .body()
            .attributes()
            .filter(|a| !skip.contains(&a.key.as_str()))
            .map(|a| (a.key.as_str().to_string(), scope.eval(&a.expr)))
            .collect();
        self.module(
            &files,
            &format!("{address}."),
            None,
            Some(inputs),
            depth + 1,
        )
    }
}

/// The instances of a resource block, and a note when `count` or
/// `for_each` could not be resolved (then it is read once).
fn count_of(scope: &Scope<'_>, body: &Body) -> (Instances, Option<String>) {
    if let Some(e) = attr(body, "count") {
        let v = scope.eval(e);
        return match v.num() {
            Some(n) if n >= 0.0 => (Instances::Count((n as usize).min(1024)), None),
            _ => (
                Instances::Single,
                Some(format!(
                    "`count` is not known before apply ({}): drawn as one instance",
                    v.unknown_why().unwrap_or_else(|| "not a number".into())
                )),
            ),
        };
    }
    if let Some(e) = attr(body, "for_each") {
        let v = scope.eval(e);
        let keys = match &v {
            Value::Map(m) => Some(m.keys().cloned().collect()),
            Value::List(items) => {
                items
                    .iter()
                    .map(key_text)
                    .collect::<Option<Vec<_>>>()
                    .map(|mut k| {
                        k.sort();
                        k.dedup();
                        k
                    })
            }
            _ => None,
        };
        return match keys {
            Some(keys) => (Instances::Each(keys), None),
            None => (
                Instances::Single,
                Some(format!(
                    "`for_each` is not known before apply ({}): drawn as one instance",
                    v.unknown_why().unwrap_or_else(|| "not a map or set".into())
                )),
            ),
        };
    }
    (Instances::Single, None)
}

/// `each.value` for every key of a `for_each`.
fn each_values(scope: &Scope<'_>, body: &Body) -> BTreeMap<String, Value> {
    match attr(body, "for_each").map(|e| scope.eval(e)) {
        Some(Value::Map(m)) => m,
        Some(Value::List(items)) => items
            .into_iter()
            .filter_map(|v| Some((key_text(&v)?, v)))
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// Meta-arguments that are not the resource's own.
const META: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
];

/// A body as an object: attributes evaluated, nested blocks as lists of
/// objects under their name, `dynamic` blocks expanded.
fn body_value(scope: &Scope<'_>, body: &Body) -> Value {
    let mut m: BTreeMap<String, Value> = BTreeMap::new();
    for a in body.attributes() {
        if META.contains(&a.key.as_str()) {
            continue;
        }
        m.insert(a.key.as_str().to_string(), scope.eval(&a.expr));
    }
    for b in body.blocks() {
        let id = b.identifier();
        if META.contains(&id) {
            continue;
        }
        if id == "dynamic" {
            let Some(name) = label(b, 0) else { continue };
            let iterator = attr(b.body(), "iterator")
                .and_then(|e| match e {
                    Expression::Variable(v) => Some(v.as_str().to_string()),
                    _ => None,
                })
                .unwrap_or_else(|| name.to_string());
            let Some(content) = b.body().blocks().find(|c| c.identifier() == "content") else {
                continue;
            };
            let items = attr(b.body(), "for_each").map(|e| scope.eval(e));
            let entry = m
                .entry(name.to_string())
                .or_insert_with(|| Value::List(Vec::new()));
            let pairs: Vec<(Value, Value)> = match items {
                Some(Value::List(items)) => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (Value::Num(i as f64), v))
                    .collect(),
                Some(Value::Map(m)) => m.into_iter().map(|(k, v)| (Value::Str(k), v)).collect(),
                other => {
                    if let Value::List(list) = entry {
                        list.push(Value::unknown(format!(
                            "dynamic `{name}` blocks over values not known ({})",
                            other.and_then(|v| v.unknown_why()).unwrap_or_default()
                        )));
                    }
                    continue;
                }
            };
            for (k, v) in pairs {
                let mut obj = BTreeMap::new();
                obj.insert("key".to_string(), k);
                obj.insert("value".to_string(), v);
                let inner = Scope {
                    vars: scope.vars,
                    locals: scope.locals,
                    module: scope.module,
                    instances: scope.instances,
                    outputs: scope.outputs,
                    region: scope.region,
                    count: scope.count,
                    each: scope.each.clone(),
                    bound: [
                        scope.bound.clone(),
                        vec![(iterator.clone(), Value::Map(obj))],
                    ]
                    .concat(),
                    notes: RefCell::new(Vec::new()),
                };
                let value = body_value(&inner, content.body());
                scope.notes.borrow_mut().extend(inner.notes.into_inner());
                if let Value::List(list) = entry {
                    list.push(value);
                }
            }
            continue;
        }
        let value = body_value(scope, b.body());
        match m
            .entry(id.to_string())
            .or_insert_with(|| Value::List(Vec::new()))
        {
            Value::List(list) => list.push(value),
            other => *other = Value::List(vec![value]),
        }
    }
    Value::Map(m)
}
