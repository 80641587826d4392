//! What the importer knows of one attribute: a plain value, a reference to
//! another resource (by address), or a value Terraform only knows after
//! `apply` — with the references it was computed from, so that edges are
//! still found.

use std::collections::BTreeMap;

/// A value of a resource's attribute, as far as it is known before `apply`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, or an attribute not set.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// A list, tuple or set (repeated nested blocks too).
    List(Vec<Value>),
    /// An object or map (a nested block too).
    Map(BTreeMap<String, Value>),
    /// Any attribute of one resource instance, by its address
    /// (`module.net.aws_subnet.private[0]`).
    Ref(String),
    /// The names of the region's availability zones
    /// (`data.aws_availability_zones`), read at plan time.
    Zones,
    /// Known only after apply, or not understood by the importer.
    Unknown(Unknown),
}

/// Why a value is unknown, and the resources it depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct Unknown {
    /// In a few words (`` `var.n` has no default ``).
    pub why: String,
    /// Addresses of the resources the expression mentions.
    pub refs: Vec<String>,
}

/// The value of a missing attribute.
pub static NULL: Value = Value::Null;

impl Value {
    /// An unknown value with no references.
    pub fn unknown(why: impl Into<String>) -> Value {
        Value::Unknown(Unknown {
            why: why.into(),
            refs: Vec::new(),
        })
    }

    /// An attribute of an object (`Null` when absent or not an object). A
    /// nested block written once is a list of one object: it is looked into.
    pub fn get(&self, key: &str) -> &Value {
        match self {
            Value::Map(m) => m.get(key).unwrap_or(&NULL),
            Value::List(items) => match items.first() {
                Some(first @ Value::Map(_)) => first.get(key),
                _ => &NULL,
            },
            _ => &NULL,
        }
    }

    /// The first object of a nested block (or the value itself).
    pub fn first(&self) -> &Value {
        match self {
            Value::List(items) => items.first().unwrap_or(&NULL),
            other => other,
        }
    }

    /// A nested block's first object.
    pub fn block(&self, key: &str) -> &Value {
        self.get(key).first()
    }

    /// Every object of a nested block, or the items of a list.
    pub fn blocks(&self) -> Vec<&Value> {
        match self {
            Value::List(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            other => vec![other],
        }
    }

    /// The string, if it is one (numbers and booleans as written).
    pub fn str(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Num(n) => Some(number_text(*n)),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// The number, if it is one (or a string holding one, as Terraform converts).
    pub fn num(&self) -> Option<f64> {
        match self {
            Value::Num(n) => Some(*n),
            Value::Str(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The boolean, if it is one (or `"true"`/`"false"`).
    pub fn bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if s == "true" => Some(true),
            Value::Str(s) if s == "false" => Some(false),
            _ => None,
        }
    }

    /// Whether the value is fully known (no reference, nothing unknown).
    pub fn is_known(&self) -> bool {
        match self {
            Value::Ref(_) | Value::Unknown(_) | Value::Zones => false,
            Value::List(items) => items.iter().all(Value::is_known),
            Value::Map(m) => m.values().all(Value::is_known),
            _ => true,
        }
    }

    /// Every resource address the value refers to, in order, once each.
    pub fn refs(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs(&self, out: &mut Vec<String>) {
        match self {
            Value::Ref(a) => push_once(out, a),
            Value::Unknown(u) => u.refs.iter().for_each(|a| push_once(out, a)),
            Value::List(items) => items.iter().for_each(|v| v.collect_refs(out)),
            Value::Map(m) => m.values().for_each(|v| v.collect_refs(out)),
            _ => {}
        }
    }

    /// The first reason something in the value is unknown.
    pub fn unknown_why(&self) -> Option<String> {
        match self {
            Value::Unknown(u) => Some(u.why.clone()),
            Value::List(items) => items.iter().find_map(Value::unknown_why),
            Value::Map(m) => m.values().find_map(Value::unknown_why),
            _ => None,
        }
    }

    /// Every string in the value, nested ones too (to find identities).
    pub fn strings(&self) -> Vec<&str> {
        let mut out = Vec::new();
        fn walk<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
            match v {
                Value::Str(s) => out.push(s),
                Value::List(items) => items.iter().for_each(|v| walk(v, out)),
                Value::Map(m) => m.values().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        walk(self, &mut out);
        out
    }

    /// Converts JSON (from `terraform show -json`) into a value.
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Num(n.as_f64().unwrap_or(0.0)),
            serde_json::Value::String(s) => Value::Str(s.clone()),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect())
            }
            serde_json::Value::Object(m) => Value::Map(
                m.iter()
                    .map(|(k, v)| (k.clone(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// The value as JSON text (for `jsonencode`), when it is fully known.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Num(n) => serde_json::Number::from_f64(*n)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::Str(s) => serde_json::Value::String(s.clone()),
            Value::List(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_json).collect::<Option<_>>()?)
            }
            Value::Map(m) => serde_json::Value::Object(
                m.iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<_>>()?,
            ),
            _ => return None,
        })
    }
}

/// A number as Terraform prints it: integers without a decimal point.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn push_once(out: &mut Vec<String>, a: &str) {
    if !out.iter().any(|x| x == a) {
        out.push(a.to_string());
    }
}
