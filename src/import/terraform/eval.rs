//! Evaluates HCL expressions as far as a configuration allows before
//! `plan`: variables from their defaults (or `terraform.tfvars`), locals,
//! `count.index`, `each`, module outputs, the usual functions. References to
//! resources become [`Value::Ref`]; what cannot be known becomes
//! [`Value::Unknown`], which keeps the references it was computed from.

use super::value::{Unknown, Value, number_text};
use hcl::expr::{
    BinaryOperator, Expression, ForExpr, FuncCall, ObjectKey, TemplateExpr, TraversalOperator,
    UnaryOperator,
};
use hcl::template::{Element, Template};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// How many instances a resource block has.
#[derive(Debug, Clone, PartialEq)]
pub enum Instances {
    /// No `count` or `for_each` (or one that could not be resolved: drawn once).
    Single,
    /// `count = N`.
    Count(usize),
    /// `for_each` over these keys.
    Each(Vec<String>),
}

/// Everything an expression inside one module may name.
pub struct Scope<'a> {
    /// `var.*`: defaults, tfvars or the module call's inputs.
    pub vars: &'a BTreeMap<String, Value>,
    /// `local.*`.
    pub locals: &'a BTreeMap<String, Value>,
    /// The module's address prefix (`module.net.` or empty).
    pub module: &'a str,
    /// The resource blocks of the module (`aws_subnet.private`) and their instances.
    pub instances: &'a BTreeMap<String, Instances>,
    /// Outputs of the module's child modules, by call name.
    pub outputs: &'a BTreeMap<String, BTreeMap<String, Value>>,
    /// The provider's region, when known.
    pub region: Option<&'a str>,
    /// `count.index` of the instance being evaluated.
    pub count: Option<usize>,
    /// `each.key` and `each.value` of the instance being evaluated.
    pub each: Option<(String, Value)>,
    /// Variables of enclosing `for` expressions.
    pub bound: Vec<(String, Value)>,
    /// Assumptions made on the way (AZ names), in words.
    pub notes: RefCell<Vec<String>>,
}

/// The address of one instance of a resource block.
pub fn instance_address(module: &str, block: &str, key: Option<&InstanceKey>) -> String {
    match key {
        None => format!("{module}{block}"),
        Some(InstanceKey::Index(i)) => format!("{module}{block}[{i}]"),
        Some(InstanceKey::Key(k)) => format!("{module}{block}[\"{k}\"]"),
    }
}

/// The key of one instance: `[0]` or `["a"]`.
#[derive(Debug, Clone, PartialEq)]
pub enum InstanceKey {
    /// Of `count`.
    Index(usize),
    /// Of `for_each`.
    Key(String),
}

impl Instances {
    /// The keys of its instances (`None` for a single instance).
    pub fn keys(&self) -> Vec<Option<InstanceKey>> {
        match self {
            Instances::Single => vec![None],
            Instances::Count(n) => (0..*n).map(|i| Some(InstanceKey::Index(i))).collect(),
            Instances::Each(keys) => keys
                .iter()
                .map(|k| Some(InstanceKey::Key(k.clone())))
                .collect(),
        }
    }
}

impl Scope<'_> {
    /// Evaluates an expression (never fails: what is not known is `Unknown`).
    pub fn eval(&self, e: &Expression) -> Value {
        match e {
            Expression::Null => Value::Null,
            Expression::Bool(b) => Value::Bool(*b),
            Expression::Number(n) => Value::Num(n.as_f64().unwrap_or(0.0)),
            Expression::String(s) => Value::Str(s.clone()),
            Expression::Array(items) => Value::List(items.iter().map(|i| self.eval(i)).collect()),
            Expression::Object(o) => {
                let mut m = BTreeMap::new();
                for (k, v) in o {
                    let key = match k {
                        ObjectKey::Identifier(id) => id.as_str().to_string(),
                        ObjectKey::Expression(e) => match self.eval(e).str() {
                            Some(s) => s,
                            None => return self.unknown_in(e, "an object key is not known"),
                        },
                        _ => continue,
                    };
                    m.insert(key, self.eval(v));
                }
                Value::Map(m)
            }
            Expression::TemplateExpr(t) => self.template(t),
            Expression::Variable(v) => self.traversal(&Expression::Variable(v.clone()), &[]),
            Expression::Traversal(t) => self.traversal(&t.expr, &t.operators),
            Expression::FuncCall(f) => self.call(f),
            Expression::Parenthesis(inner) => self.eval(inner),
            Expression::Conditional(c) => match self.eval(&c.cond_expr).bool() {
                Some(true) => self.eval(&c.true_expr),
                Some(false) => self.eval(&c.false_expr),
                None => {
                    let (a, b) = (self.eval(&c.true_expr), self.eval(&c.false_expr));
                    if a == b && a.is_known() {
                        a
                    } else {
                        self.unknown_in(e, "a condition is not known")
                    }
                }
            },
            Expression::Operation(op) => match op.as_ref() {
                hcl::expr::Operation::Unary(u) => {
                    let v = self.eval(&u.expr);
                    match (u.operator, &v) {
                        (UnaryOperator::Not, _) if v.bool().is_some() => {
                            Value::Bool(!v.bool().unwrap_or(false))
                        }
                        (UnaryOperator::Neg, _) if v.num().is_some() => {
                            Value::Num(-v.num().unwrap_or(0.0))
                        }
                        _ => self.unknown_in(e, "an operand is not known"),
                    }
                }
                hcl::expr::Operation::Binary(b) => {
                    let (l, r) = (self.eval(&b.lhs_expr), self.eval(&b.rhs_expr));
                    binary(b.operator, &l, &r)
                        .unwrap_or_else(|| self.unknown_in(e, "an operand is not known"))
                }
            },
            Expression::ForExpr(f) => self
                .for_expr(f)
                .unwrap_or_else(|| self.unknown_in(e, "a `for` expression over values not known")),
            _ => self.unknown_in(e, "an expression the importer does not evaluate"),
        }
    }

    /// An unknown value that keeps the references inside `e`.
    fn unknown_in(&self, e: &Expression, why: &str) -> Value {
        let mut refs = Vec::new();
        self.collect_refs(e, &mut refs);
        Value::Unknown(Unknown {
            why: why.to_string(),
            refs,
        })
    }

    /// The resource references anywhere inside `e`.
    fn collect_refs(&self, e: &Expression, out: &mut Vec<String>) {
        let mut add = |v: Value| {
            for r in v.refs() {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        };
        match e {
            Expression::Traversal(t) => {
                add(self.traversal(&t.expr, &t.operators));
                if !matches!(t.expr, Expression::Variable(_)) {
                    self.collect_refs(&t.expr, out);
                }
                for op in &t.operators {
                    if let TraversalOperator::Index(i) = op {
                        self.collect_refs(i, out);
                    }
                }
            }
            Expression::Variable(_) => add(self.traversal(e, &[])),
            Expression::Array(items) => items.iter().for_each(|i| self.collect_refs(i, out)),
            Expression::Object(o) => o.values().for_each(|v| self.collect_refs(v, out)),
            Expression::TemplateExpr(t) => {
                if let Ok(tpl) = Template::from_expr(t) {
                    self.template_refs(&tpl, out);
                }
            }
            Expression::FuncCall(f) => f.args.iter().for_each(|a| self.collect_refs(a, out)),
            Expression::Parenthesis(inner) => self.collect_refs(inner, out),
            Expression::Conditional(c) => {
                self.collect_refs(&c.true_expr, out);
                self.collect_refs(&c.false_expr, out);
            }
            Expression::Operation(op) => match op.as_ref() {
                hcl::expr::Operation::Unary(u) => self.collect_refs(&u.expr, out),
                hcl::expr::Operation::Binary(b) => {
                    self.collect_refs(&b.lhs_expr, out);
                    self.collect_refs(&b.rhs_expr, out);
                }
            },
            Expression::ForExpr(f) => {
                self.collect_refs(&f.collection_expr, out);
                self.collect_refs(&f.value_expr, out);
            }
            _ => {}
        }
    }

    fn template_refs(&self, tpl: &Template, out: &mut Vec<String>) {
        for el in tpl.elements() {
            match el {
                Element::Interpolation(i) => self.collect_refs(&i.expr, out),
                Element::Directive(_) => {}
                Element::Literal(_) => {}
            }
        }
    }

    fn template(&self, t: &TemplateExpr) -> Value {
        let Ok(tpl) = Template::from_expr(t) else {
            return Value::unknown("a template that does not parse");
        };
        let elements = tpl.elements();
        // "${x}" alone is x itself, whatever its type.
        if let [Element::Interpolation(i)] = elements {
            return self.eval(&i.expr);
        }
        let mut out = String::new();
        let mut unknown = None;
        for el in elements {
            match el {
                Element::Literal(s) => out.push_str(s),
                Element::Interpolation(i) => match self.eval(&i.expr).str() {
                    Some(s) => out.push_str(&s),
                    None => unknown = Some("a template with values not known"),
                },
                Element::Directive(_) => unknown = Some("a template directive"),
            }
        }
        match unknown {
            None => Value::Str(out),
            Some(why) => {
                let mut refs = Vec::new();
                self.template_refs(&tpl, &mut refs);
                Value::Unknown(Unknown {
                    why: why.to_string(),
                    refs,
                })
            }
        }
    }

    fn traversal(&self, root: &Expression, ops: &[TraversalOperator]) -> Value {
        let Expression::Variable(v) = root else {
            let base = self.eval(root);
            return self.apply(base, ops);
        };
        let name = v.as_str();
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(a)) => Some(a.as_str()),
            _ => None,
        };
        if let Some((_, value)) = self.bound.iter().rev().find(|(n, _)| n == name) {
            return self.apply(value.clone(), ops);
        }
        match name {
            "var" => match attr(0) {
                Some(a) => match self.vars.get(a) {
                    Some(v) => self.apply(v.clone(), &ops[1..]),
                    None => Value::unknown(format!("`var.{a}` is not declared")),
                },
                None => Value::unknown("`var` alone"),
            },
            "local" => match attr(0) {
                Some(a) => match self.locals.get(a) {
                    Some(v) => self.apply(v.clone(), &ops[1..]),
                    None => Value::unknown(format!("`local.{a}` is not known")),
                },
                None => Value::unknown("`local` alone"),
            },
            "count" => match (attr(0), self.count) {
                (Some("index"), Some(i)) => Value::Num(i as f64),
                _ => Value::unknown("`count.index` outside a counted resource"),
            },
            "each" => match (attr(0), &self.each) {
                (Some("key"), Some((k, _))) => self.apply(Value::Str(k.clone()), &ops[1..]),
                (Some("value"), Some((_, v))) => self.apply(v.clone(), &ops[1..]),
                _ => Value::unknown("`each` outside a `for_each` resource"),
            },
            "module" => match (attr(0), attr(1)) {
                (Some(m), Some(o)) => match self.outputs.get(m).and_then(|outs| outs.get(o)) {
                    Some(v) => self.apply(v.clone(), &ops[2..]),
                    None => Value::unknown(format!("`module.{m}.{o}` is not known")),
                },
                _ => Value::unknown("a module reference without an output"),
            },
            "data" => match (attr(0), attr(1), attr(2)) {
                (Some("aws_availability_zones"), Some(_), Some("names" | "zone_ids")) => {
                    self.apply(Value::Zones, &ops[3..])
                }
                (Some("aws_region"), Some(_), Some("name" | "region" | "id")) => {
                    match self.region {
                        Some(r) => Value::Str(r.to_string()),
                        None => Value::unknown("the region is not known"),
                    }
                }
                (Some(t), Some(n), _) => {
                    Value::unknown(format!("`data.{t}.{n}` is read during plan"))
                }
                _ => Value::unknown("a data source reference"),
            },
            "path" => Value::Str(".".into()),
            "terraform" => Value::Str("default".into()),
            "self" => Value::unknown("`self`"),
            resource_type => {
                let Some(rname) = attr(0) else {
                    return Value::unknown(format!("`{resource_type}` is not known"));
                };
                let block = format!("{resource_type}.{rname}");
                let Some(instances) = self.instances.get(&block) else {
                    return Value::unknown(format!("`{block}` is not declared"));
                };
                let rest = &ops[1..];
                let index = match rest.first() {
                    Some(TraversalOperator::Index(i)) => Some(self.eval(i)),
                    Some(TraversalOperator::LegacyIndex(i)) => Some(Value::Num(*i as f64)),
                    _ => None,
                };
                let address = |key: Option<&InstanceKey>| {
                    Value::Ref(instance_address(self.module, &block, key))
                };
                match (instances, index) {
                    (Instances::Single, Some(_)) => self.apply(address(None), &rest[1..]),
                    (Instances::Single, None) => self.apply(address(None), rest),
                    (Instances::Count(n), Some(i)) => match i.num() {
                        Some(i) if i >= 0.0 && (i as usize) < *n => {
                            self.apply(address(Some(&InstanceKey::Index(i as usize))), &rest[1..])
                        }
                        _ => Value::Unknown(Unknown {
                            why: format!("an instance of `{block}` that is not known"),
                            refs: (0..*n)
                                .map(|i| {
                                    instance_address(
                                        self.module,
                                        &block,
                                        Some(&InstanceKey::Index(i)),
                                    )
                                })
                                .collect(),
                        }),
                    },
                    (Instances::Count(n), None) => self.apply(
                        Value::List(
                            (0..*n)
                                .map(|i| address(Some(&InstanceKey::Index(i))))
                                .collect(),
                        ),
                        rest,
                    ),
                    (Instances::Each(keys), Some(k)) => match k.str() {
                        Some(k) if keys.contains(&k) => {
                            self.apply(address(Some(&InstanceKey::Key(k))), &rest[1..])
                        }
                        _ => Value::Unknown(Unknown {
                            why: format!("an instance of `{block}` that is not known"),
                            refs: keys
                                .iter()
                                .map(|k| {
                                    instance_address(
                                        self.module,
                                        &block,
                                        Some(&InstanceKey::Key(k.clone())),
                                    )
                                })
                                .collect(),
                        }),
                    },
                    (Instances::Each(keys), None) => self.apply(
                        Value::Map(
                            keys.iter()
                                .map(|k| (k.clone(), address(Some(&InstanceKey::Key(k.clone())))))
                                .collect(),
                        ),
                        rest,
                    ),
                }
            }
        }
    }

    /// Applies traversal operators (`.a`, `[i]`, `[*]`) to a value.
    fn apply(&self, value: Value, ops: &[TraversalOperator]) -> Value {
        let Some((op, rest)) = ops.split_first() else {
            return value;
        };
        match op {
            TraversalOperator::AttrSplat | TraversalOperator::FullSplat => {
                let items = match value {
                    Value::List(items) => items,
                    Value::Null => Vec::new(),
                    Value::Unknown(_) => return value,
                    other => vec![other],
                };
                Value::List(items.into_iter().map(|v| self.apply(v, rest)).collect())
            }
            TraversalOperator::GetAttr(a) => {
                let next = match value {
                    Value::Map(mut m) => m.remove(a.as_str()).unwrap_or(Value::Null),
                    Value::Ref(_) | Value::Unknown(_) => value,
                    Value::Zones => Value::unknown("the region's availability zones"),
                    _ => Value::unknown(format!("`.{}` of a value that has none", a.as_str())),
                };
                self.apply(next, rest)
            }
            TraversalOperator::Index(i) => {
                let index = self.eval(i);
                self.apply(self.index(value, &index), rest)
            }
            TraversalOperator::LegacyIndex(i) => {
                self.apply(self.index(value, &Value::Num(*i as f64)), rest)
            }
        }
    }

    fn index(&self, value: Value, index: &Value) -> Value {
        match value {
            Value::List(mut items) => match index.num() {
                Some(i) if i >= 0.0 && (i as usize) < items.len() => items.swap_remove(i as usize),
                _ => Value::Unknown(Unknown {
                    why: "an element of a list that is not known".into(),
                    refs: Value::List(items).refs(),
                }),
            },
            Value::Map(mut m) => match index.str() {
                Some(k) => m.remove(&k).unwrap_or(Value::Null),
                None => Value::Unknown(Unknown {
                    why: "an element of a map that is not known".into(),
                    refs: Value::Map(m).refs(),
                }),
            },
            Value::Zones => match index.num() {
                Some(i) if (0.0..26.0).contains(&i) => self.zone(i as usize),
                _ => Value::unknown("an availability zone that is not known"),
            },
            other => other,
        }
    }

    /// The `i`-th availability zone of the region, as AWS lists them
    /// (sorted: `a`, `b`, ...), with a note that it was assumed.
    fn zone(&self, i: usize) -> Value {
        let letter = (b'a' + i as u8) as char;
        let name = format!("{}{letter}", self.region.unwrap_or(""));
        self.notes.borrow_mut().push(format!(
            "availability zone {i} of `data.aws_availability_zones` taken as `{name}` (the region's zones in order)"
        ));
        Value::Str(name)
    }

    fn for_expr(&self, f: &ForExpr) -> Option<Value> {
        let collection = self.eval(&f.collection_expr);
        let pairs: Vec<(Value, Value)> = match collection {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Num(i as f64), v))
                .collect(),
            Value::Map(m) => m.into_iter().map(|(k, v)| (Value::Str(k), v)).collect(),
            Value::Null => Vec::new(),
            _ => return None,
        };
        let mut list = Vec::new();
        let mut map = BTreeMap::new();
        for (k, v) in pairs {
            let mut bound = self.bound.clone();
            if let Some(kv) = &f.key_var {
                bound.push((kv.as_str().to_string(), k));
            }
            bound.push((f.value_var.as_str().to_string(), v));
            let inner = Scope {
                vars: self.vars,
                locals: self.locals,
                module: self.module,
                instances: self.instances,
                outputs: self.outputs,
                region: self.region,
                count: self.count,
                each: self.each.clone(),
                bound,
                notes: RefCell::new(Vec::new()),
            };
            if let Some(cond) = &f.cond_expr {
                match inner.eval(cond).bool() {
                    Some(true) => {}
                    Some(false) => continue,
                    None => return None,
                }
            }
            let value = inner.eval(&f.value_expr);
            let key = match &f.key_expr {
                Some(ke) => Some(inner.eval(ke).str()?),
                None => None,
            };
            self.notes.borrow_mut().extend(inner.notes.into_inner());
            match key {
                Some(key) => {
                    map.insert(key, value);
                }
                None => list.push(value),
            }
        }
        Some(if f.key_expr.is_some() {
            Value::Map(map)
        } else {
            Value::List(list)
        })
    }

    fn call(&self, f: &FuncCall) -> Value {
        let name = f.name.name.as_str();
        let args: Vec<Value> = f.args.iter().map(|a| self.eval(a)).collect();
        let unknown = || {
            let mut refs = Vec::new();
            for a in &f.args {
                self.collect_refs(a, &mut refs);
            }
            Value::Unknown(Unknown {
                why: format!("`{name}(...)` of values not known"),
                refs,
            })
        };
        if name == "try" || name == "coalesce" {
            return args
                .into_iter()
                .find(|a| {
                    a.is_known()
                        && *a != Value::Null
                        && !(name == "coalesce" && *a == Value::Str(String::new()))
                })
                .unwrap_or_else(unknown);
        }
        if name == "jsonencode" {
            return match args.first().and_then(Value::to_json) {
                Some(json) => Value::Str(json.to_string()),
                None => unknown(),
            };
        }
        function(name, &args, self).unwrap_or_else(unknown)
    }
}

/// The built-in functions the importer evaluates; `None` when an argument
/// is not known (or the function is not one of them).
fn function(name: &str, args: &[Value], scope: &Scope<'_>) -> Option<Value> {
    let list = |v: &Value| -> Option<Vec<Value>> {
        match v {
            Value::List(items) => Some(items.clone()),
            Value::Map(m) => Some(m.values().cloned().collect()),
            Value::Null => Some(Vec::new()),
            _ => None,
        }
    };
    let arg = |i: usize| args.get(i).unwrap_or(&Value::Null);
    Some(match name {
        "length" => Value::Num(match arg(0) {
            Value::Str(s) => s.chars().count(),
            Value::Map(m) => m.len(),
            v => list(v)?.len(),
        } as f64),
        "element" => {
            let items = list(arg(0))?;
            let i = arg(1).num()? as usize;
            if items.is_empty() {
                return None;
            }
            items[i % items.len()].clone()
        }
        "slice" => {
            let (from, to) = (arg(1).num()? as usize, arg(2).num()? as usize);
            if let Value::Zones = arg(0) {
                return Some(Value::List(
                    (from..to.min(26)).map(|i| scope.zone(i)).collect(),
                ));
            }
            let items = list(arg(0))?;
            Value::List(items.get(from..to.min(items.len()))?.to_vec())
        }
        "concat" => Value::List(args.iter().map(list).collect::<Option<Vec<_>>>()?.concat()),
        "flatten" => {
            fn flat(v: &Value, out: &mut Vec<Value>) {
                match v {
                    Value::List(items) => items.iter().for_each(|i| flat(i, out)),
                    other => out.push(other.clone()),
                }
            }
            let mut out = Vec::new();
            flat(arg(0), &mut out);
            Value::List(out)
        }
        "compact" => Value::List(
            list(arg(0))?
                .into_iter()
                .filter(|v| !matches!(v, Value::Null) && *v != Value::Str(String::new()))
                .collect(),
        ),
        "distinct" | "toset" => {
            let mut out: Vec<Value> = Vec::new();
            for v in list(arg(0))? {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
            if name == "toset" && out.iter().all(|v| matches!(v, Value::Str(_))) {
                out.sort_by_key(|a| a.str());
            }
            Value::List(out)
        }
        "tolist" => Value::List(list(arg(0))?),
        "tomap" | "tostring" | "tonumber" | "tobool" | "sensitive" | "nonsensitive" => {
            arg(0).clone()
        }
        "keys" => match arg(0) {
            Value::Map(m) => Value::List(m.keys().map(|k| Value::Str(k.clone())).collect()),
            _ => return None,
        },
        "values" => match arg(0) {
            Value::Map(m) => Value::List(m.values().cloned().collect()),
            _ => return None,
        },
        "lookup" => match arg(0) {
            Value::Map(m) => match m.get(&arg(1).str()?) {
                Some(v) => v.clone(),
                None if args.len() > 2 => arg(2).clone(),
                None => return None,
            },
            _ => return None,
        },
        "merge" => {
            let mut out = BTreeMap::new();
            for a in args {
                match a {
                    Value::Map(m) => out.extend(m.clone()),
                    Value::Null => {}
                    _ => return None,
                }
            }
            Value::Map(out)
        }
        "zipmap" => {
            let (ks, vs) = (list(arg(0))?, list(arg(1))?);
            Value::Map(
                ks.iter()
                    .zip(vs)
                    .map(|(k, v)| Some((k.str()?, v)))
                    .collect::<Option<_>>()?,
            )
        }
        "min" | "max" => {
            let nums = args.iter().map(Value::num).collect::<Option<Vec<_>>>()?;
            let pick = if name == "min" { f64::min } else { f64::max };
            Value::Num(nums.into_iter().reduce(pick)?)
        }
        "ceil" => Value::Num(arg(0).num()?.ceil()),
        "floor" => Value::Num(arg(0).num()?.floor()),
        "abs" => Value::Num(arg(0).num()?.abs()),
        "lower" => Value::Str(arg(0).str()?.to_lowercase()),
        "upper" => Value::Str(arg(0).str()?.to_uppercase()),
        "trimspace" => Value::Str(arg(0).str()?.trim().to_string()),
        "join" => Value::Str(
            list(arg(1))?
                .iter()
                .map(Value::str)
                .collect::<Option<Vec<_>>>()?
                .join(&arg(0).str()?),
        ),
        "split" => Value::List(
            arg(1)
                .str()?
                .split(&arg(0).str()?)
                .map(|s| Value::Str(s.to_string()))
                .collect(),
        ),
        "replace" => Value::Str(arg(0).str()?.replace(&arg(1).str()?, &arg(2).str()?)),
        "substr" => {
            let s: Vec<char> = arg(0).str()?.chars().collect();
            let from = arg(1).num()? as usize;
            let len = arg(2).num()?;
            let to = if len < 0.0 {
                s.len()
            } else {
                (from + len as usize).min(s.len())
            };
            Value::Str(s.get(from..to)?.iter().collect())
        }
        "format" => {
            let fmt = arg(0).str()?;
            let mut out = String::new();
            let mut rest = args[1..].iter();
            let mut chars = fmt.chars().peekable();
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                match chars.next()? {
                    '%' => out.push('%'),
                    's' | 'd' | 'v' => out.push_str(&rest.next()?.str()?),
                    _ => return None,
                }
            }
            Value::Str(out)
        }
        "cidrsubnet" => Value::Str(cidrsubnet(
            &arg(0).str()?,
            arg(1).num()? as u32,
            arg(2).num()? as u64,
        )?),
        "range" => {
            let nums = args.iter().map(Value::num).collect::<Option<Vec<_>>>()?;
            let (start, end) = match nums.as_slice() {
                [end] => (0.0, *end),
                [start, end, ..] => (*start, *end),
                _ => return None,
            };
            if end - start > 1024.0 {
                return None;
            }
            Value::List(
                (start as i64..end as i64)
                    .map(|i| Value::Num(i as f64))
                    .collect(),
            )
        }
        "can" => Value::Bool(arg(0).is_known()),
        "contains" => Value::Bool(list(arg(0))?.contains(arg(1))),
        "file" | "templatefile" | "filebase64" => return None,
        _ => return None,
    })
}

/// `cidrsubnet("10.0.0.0/16", 8, 2)` = `10.0.2.0/24` (IPv4 only).
pub fn cidrsubnet(prefix: &str, newbits: u32, netnum: u64) -> Option<String> {
    let (addr, len) = prefix.split_once('/')?;
    let len: u32 = len.parse().ok()?;
    let octets: Vec<u32> = addr
        .split('.')
        .map(|o| o.parse().ok())
        .collect::<Option<_>>()?;
    if octets.len() != 4 || octets.iter().any(|o| *o > 255) || len + newbits > 32 {
        return None;
    }
    let base = octets.iter().fold(0u32, |acc, o| (acc << 8) | o);
    let new_len = len + newbits;
    if netnum >= 1u64 << newbits {
        return None;
    }
    let host_bits = 32 - new_len;
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    let ip = (base & mask) | ((netnum as u32) << host_bits);
    Some(format!(
        "{}.{}.{}.{}/{new_len}",
        ip >> 24,
        (ip >> 16) & 255,
        (ip >> 8) & 255,
        ip & 255
    ))
}

/// A binary operation on known operands.
fn binary(op: BinaryOperator, l: &Value, r: &Value) -> Option<Value> {
    use BinaryOperator as B;
    Some(match op {
        B::Eq | B::NotEq => {
            if !l.is_known() || !r.is_known() {
                return None;
            }
            let same = match (l.num(), r.num()) {
                (Some(a), Some(b)) if matches!(l, Value::Num(_)) || matches!(r, Value::Num(_)) => {
                    a == b
                }
                _ => l == r,
            };
            Value::Bool(same == (op == B::Eq))
        }
        B::And => Value::Bool(l.bool()? && r.bool()?),
        B::Or => Value::Bool(l.bool()? || r.bool()?),
        _ => {
            let (a, b) = (l.num()?, r.num()?);
            match op {
                B::Plus => Value::Num(a + b),
                B::Minus => Value::Num(a - b),
                B::Mul => Value::Num(a * b),
                B::Div if b != 0.0 => Value::Num(a / b),
                B::Mod if b != 0.0 => Value::Num(a % b),
                B::Less => Value::Bool(a < b),
                B::LessEq => Value::Bool(a <= b),
                B::Greater => Value::Bool(a > b),
                B::GreaterEq => Value::Bool(a >= b),
                _ => return None,
            }
        }
    })
}

/// A value as a `for_each` key (`each.key`).
pub fn key_text(v: &Value) -> Option<String> {
    match v {
        Value::Num(n) => Some(number_text(*n)),
        other => other.str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrsubnet_as_terraform() {
        assert_eq!(
            cidrsubnet("10.0.0.0/16", 8, 2).as_deref(),
            Some("10.0.2.0/24")
        );
        assert_eq!(
            cidrsubnet("10.0.0.0/16", 4, 15).as_deref(),
            Some("10.0.240.0/20")
        );
        assert_eq!(cidrsubnet("10.0.0.0/16", 8, 256), None);
    }
}
