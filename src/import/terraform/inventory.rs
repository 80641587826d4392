//! The resources of a configuration, whichever way they were read (`.tf`
//! files or `terraform show -json`): the hand-over from the readers to the
//! mapping.

use super::value::Value;

/// Every resource instance of a configuration, with what is known of it.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// The resource instances, in a stable order (by address).
    pub resources: Vec<Resource>,
    /// Notes on the whole configuration (modules not followed, ...).
    pub notes: Vec<String>,
    /// The AWS region of the default provider, when known.
    pub region: Option<String>,
}

/// One resource instance (`aws_subnet.private[0]`).
#[derive(Debug, Clone)]
pub struct Resource {
    /// Its full address, module path and instance key included.
    pub address: String,
    /// Its type (`aws_subnet`).
    pub rtype: String,
    /// Its name in the configuration (`private`).
    pub name: String,
    /// The module path, `module.net.` or empty.
    pub module: String,
    /// The instance key (`0`, `a`), without brackets or quotes.
    pub key: Option<String>,
    /// Its arguments and nested blocks, as an object.
    pub attrs: Value,
    /// What could not be resolved (unknown counts, ...), in words.
    pub notes: Vec<String>,
}

impl Resource {
    /// An attribute (`Null` when absent).
    pub fn get(&self, key: &str) -> &Value {
        self.attrs.get(key)
    }

    /// A string attribute.
    pub fn str(&self, key: &str) -> Option<String> {
        self.attrs.get(key).str()
    }

    /// A numeric attribute.
    pub fn num(&self, key: &str) -> Option<f64> {
        self.attrs.get(key).num()
    }

    /// A boolean attribute.
    pub fn bool(&self, key: &str) -> Option<bool> {
        self.attrs.get(key).bool()
    }

    /// The resources an attribute refers to.
    pub fn refs(&self, key: &str) -> Vec<String> {
        self.attrs.get(key).refs()
    }

    /// Its `Name` tag.
    pub fn name_tag(&self) -> Option<String> {
        self.attrs.get("tags").get("Name").str()
    }
}

impl Inventory {
    /// Sorts the resources by address (numbers in keys by value, so `[2]`
    /// comes before `[10]`) for an output that does not depend on reading order.
    pub fn sort(&mut self) {
        self.resources.sort_by_key(|a| sort_key(&a.address));
    }
}

/// An address split into text and numbers, so that `[2]` < `[10]`.
fn sort_key(address: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut digits = String::new();
    for c in address.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push((
                    std::mem::take(&mut text),
                    digits.parse().unwrap_or(u64::MAX),
                ));
                digits.clear();
            }
            text.push(c);
        }
    }
    out.push((text, digits.parse().unwrap_or(0)));
    out
}
