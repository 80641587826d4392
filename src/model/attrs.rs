//! Attributes with meaning: their keys, where they apply and the value types
//! they take, as one table ([`KNOWN`]). Unknown keys are kept and warned about.

use crate::syntax::{Unit, Value, ValueKind};

/// The value type a known attribute takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    /// `true`/`false`, or a bare flag.
    Bool,
    /// A non-negative integer, or a range `min..max`.
    Replicas,
    /// A zone name or a list of them: `a`, `[a, b]`, `"ap-northeast-2a"`.
    Zones,
    /// A word or a string: `https`, `"grpc+tls"`.
    Word,
    /// Any string.
    Text,
    /// An integer port, 1 to 65535.
    Port,
    /// A throughput: a count (`20k`) or a rate (`500rps`, `3000rpm`).
    Rate,
    /// A count of things: `1M`, `20000`.
    Count,
    /// A share: `80%` or a decimal between 0 and 1.
    Ratio,
    /// A duration: `200ms`, `2s`.
    Duration,
    /// A size in bytes: `512MB`, `10GB`.
    Size,
    /// A non-negative integer.
    Int,
    /// A rule code or a list of them: `AV001`, `[AV001, SE005]`.
    Codes,
    /// A colour as a string: `"#ff9900"`.
    Color,
    /// A catalog kind (for `icon`).
    Kind,
}

impl AttrType {
    /// What the type expects, in words.
    pub fn expected(self) -> &'static str {
        match self {
            AttrType::Bool => "`true` or `false`",
            AttrType::Replicas => "an integer or a range like `2..6`",
            AttrType::Zones => "a zone or a list of zones like `[a, b]`",
            AttrType::Word => "a word or a string",
            AttrType::Text => "a string",
            AttrType::Port => "a port number between 1 and 65535",
            AttrType::Rate => "a rate like `500rps`, `3000rpm` or `20k`",
            AttrType::Count => "a count like `1M` or `20000`",
            AttrType::Ratio => "a percentage like `80%` or a number between 0 and 1",
            AttrType::Duration => "a duration like `200ms` or `2s`",
            AttrType::Size => "a size like `512MB` or `10GB`",
            AttrType::Int => "a non-negative integer",
            AttrType::Codes => "a rule code or a list of codes like `[AV001, SE005]`",
            AttrType::Color => "a colour string like `\"#ff9900\"`",
            AttrType::Kind => "a catalog kind like `rds`",
        }
    }

    /// [`AttrType::expected`] as a message, in every language.
    pub fn expected_msg(self) -> crate::i18n::Message {
        use crate::msg;
        match self {
            AttrType::Bool => msg!("type-bool"),
            AttrType::Replicas => msg!("type-replicas"),
            AttrType::Zones => msg!("type-zones"),
            AttrType::Word => msg!("type-word"),
            AttrType::Text => msg!("type-text"),
            AttrType::Port => msg!("type-port"),
            AttrType::Rate => msg!("type-rate"),
            AttrType::Count => msg!("type-count"),
            AttrType::Ratio => msg!("type-ratio"),
            AttrType::Duration => msg!("type-duration"),
            AttrType::Size => msg!("type-size"),
            AttrType::Int => msg!("type-int"),
            AttrType::Codes => msg!("type-codes"),
            AttrType::Color => msg!("type-color"),
            AttrType::Kind => msg!("type-kind"),
        }
    }

    /// A value of this type, for help text.
    pub fn example(self) -> &'static str {
        match self {
            AttrType::Bool => "true",
            AttrType::Replicas => "2..6",
            AttrType::Zones => "[a, b]",
            AttrType::Word => "https",
            AttrType::Text => "\"text\"",
            AttrType::Port => "443",
            AttrType::Rate => "500rps",
            AttrType::Count => "20k",
            AttrType::Ratio => "80%",
            AttrType::Duration => "200ms",
            AttrType::Size => "10GB",
            AttrType::Int => "3",
            AttrType::Codes => "[AV001, SE005]",
            AttrType::Color => "\"#ff9900\"",
            AttrType::Kind => "rds",
        }
    }

    /// Whether `v` is a value of this type.
    pub fn accepts(self, v: &Value) -> bool {
        use ValueKind as V;
        match (self, &v.kind) {
            (AttrType::Bool, V::Bool(_)) => true,
            (AttrType::Replicas, V::Int(n)) => *n >= 0,
            (AttrType::Replicas, V::Range(a, b)) => a <= b,
            (
                AttrType::Replicas | AttrType::Count | AttrType::Int,
                V::Quantity { unit: None, amount },
            ) => *amount >= 0.0 && amount.fract() == 0.0,
            (AttrType::Zones, V::Word(_) | V::Str(_)) => true,
            (AttrType::Zones, V::List(items)) => items
                .iter()
                .all(|i| matches!(i.kind, V::Word(_) | V::Str(_) | V::Int(_))),
            (AttrType::Word, V::Word(_) | V::Str(_)) => true,
            (AttrType::Text, V::Str(_)) => true,
            (AttrType::Port, V::Int(n)) => (1..=65535).contains(n),
            (AttrType::Rate, V::Int(n)) => *n >= 0,
            (AttrType::Rate, V::Float(x)) => *x >= 0.0,
            (AttrType::Rate, V::Quantity { unit, amount }) => {
                *amount >= 0.0 && matches!(unit, None | Some(Unit::Rps | Unit::Rpm))
            }
            (AttrType::Count | AttrType::Int, V::Int(n)) => *n >= 0,
            (AttrType::Ratio, V::Float(x)) => (0.0..=1.0).contains(x),
            (AttrType::Ratio, V::Int(n)) => (0..=1).contains(n),
            (
                AttrType::Ratio,
                V::Quantity {
                    unit: Some(Unit::Percent),
                    amount,
                },
            ) => (0.0..=100.0).contains(amount),
            (
                AttrType::Duration,
                V::Quantity {
                    unit: Some(Unit::Ms | Unit::S),
                    amount,
                },
            ) => *amount >= 0.0,
            (
                AttrType::Size,
                V::Quantity {
                    unit: Some(Unit::KB | Unit::MB | Unit::GB | Unit::TB),
                    amount,
                },
            ) => *amount >= 0.0,
            (AttrType::Codes, V::Word(_) | V::Str(_)) => true,
            (AttrType::Codes, V::List(items)) => items
                .iter()
                .all(|i| matches!(i.kind, V::Word(_) | V::Str(_))),
            (AttrType::Color, V::Str(s)) => is_color(s),
            (AttrType::Kind, V::Word(s) | V::Str(s)) => super::catalog::lookup(s).is_some(),
            _ => false,
        }
    }
}

/// A colour of the one grammar the renderer draws (see [`crate::color`]).
fn is_color(s: &str) -> bool {
    crate::color::parse(s).is_some()
}

/// One known attribute.
#[derive(Debug, Clone, Copy)]
pub struct AttrInfo {
    /// The key.
    pub key: &'static str,
    /// Its type.
    pub ty: AttrType,
    /// What it means.
    pub description: &'static str,
}

macro_rules! attrs {
    ($( $key:literal $ty:ident $desc:literal ;)*) => {
        /// Every attribute with a meaning.
        pub const KNOWN: &[AttrInfo] = &[
            $( AttrInfo { key: $key, ty: AttrType::$ty, description: $desc }, )*
        ];
    };
}

attrs! {
    "replicas"   Replicas "instance count; a range `min..max` means autoscaling";
    "azs"        Zones    "availability zones it spans";
    "multi_az"   Bool     "managed failover across availability zones";
    "autoscale"  Bool     "scales out automatically";
    "public"     Bool     "reachable from the internet";
    "encrypted"  Bool     "encrypted at rest (component) or in transit (edge)";
    "protocol"   Word     "protocol of an edge: https, http, grpc, tcp, sql, amqp, ...";
    "port"       Port     "port number of an edge";
    "capacity"   Rate     "throughput one replica can serve";
    "rps"        Rate     "load an entry point sends";
    "users"      Count    "number of users, for load estimates";
    "hit_ratio"  Ratio    "share of reads a cache or CDN serves itself";
    "allow"      Codes    "lint rules switched off for this element";
    "color"      Color    "fill colour override";
    "icon"       Kind     "another kind's icon to draw";
    "engine"     Word     "database or cache engine, e.g. postgres";
    "timeout"    Duration "timeout of a call";
    "retries"    Int      "retries of a call";
    "backup"     Bool     "backups or point-in-time recovery enabled";
    "latency"    Duration "expected latency";
    "cidr"       Text     "address range of a network";
    "note"       Text     "free-form note shown in JSON output";
    "slo"        Ratio    "availability objective, e.g. `99.95%`";
    "rate_limit" Rate     "requests per second admitted before throttling";
    "storage"    Size     "provisioned storage, e.g. `500GB`";
    "memory"     Size     "memory per instance, e.g. `16GB`";
    "max_message" Size    "largest message a queue or stream accepts";
}

/// Looks up a known attribute.
pub fn lookup(key: &str) -> Option<&'static AttrInfo> {
    KNOWN.iter().find(|a| a.key == key)
}
