//! `cloudgram.toml`: per-rule levels and parameters.
//!
//! ```toml
//! [rules]
//! AV001 = "off"                      # off | info | warning | error
//! single-instance = "error"          # a rule may be named by code or name
//! PF003 = { level = "error", depth = 6 }
//!
//! [rules.MS001]                      # the same as an inline table
//! level = "info"
//! ```

use super::{Rule, RuleMeta, registry};
use crate::diagnostic::Severity;
use crate::model::suggest;
use std::collections::BTreeMap;
use std::path::Path;

/// The file name looked for next to a checked design.
pub const FILE_NAME: &str = "cloudgram.toml";

/// How loud a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Not run at all.
    Off,
    /// Reported as `info`.
    Info,
    /// Reported as `warning`.
    Warning,
    /// Reported as `error`.
    Error,
}

impl Level {
    /// The severity findings get, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    fn parse(word: &str) -> Option<Level> {
        match word {
            "off" | "allow" => Some(Level::Off),
            "info" | "note" => Some(Level::Info),
            "warning" | "warn" => Some(Level::Warning),
            "error" | "deny" => Some(Level::Error),
            _ => None,
        }
    }
}

/// Levels and parameters per rule code; the defaults for the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    levels: BTreeMap<&'static str, Level>,
    params: BTreeMap<(&'static str, &'static str), f64>,
}

impl Config {
    /// The level of a rule: configured, or its default severity.
    pub fn level(&self, meta: &RuleMeta) -> Level {
        self.levels
            .get(meta.code)
            .copied()
            .unwrap_or(match meta.severity {
                Severity::Info => Level::Info,
                Severity::Warning => Level::Warning,
                Severity::Error => Level::Error,
            })
    }

    /// A rule's parameter: configured, or its declared default.
    pub fn param(&self, meta: &RuleMeta, name: &str) -> f64 {
        meta.params
            .iter()
            .find(|p| p.name == name)
            .map(|p| {
                self.params
                    .get(&(meta.code, p.name))
                    .copied()
                    .unwrap_or(p.default)
            })
            .unwrap_or_else(|| panic!("rule {} declares no parameter `{name}`", meta.code))
    }

    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = crate::source::read_to_string_limited(path, crate::limits::MAX_CONFIG_BYTES)
            .map_err(|e| {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file".to_string(),
                    std::io::ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
                    std::io::ErrorKind::InvalidInput => e.to_string(),
                    kind => kind.to_string(),
                };
                format!("cannot read configuration `{}`: {why}", path.display())
            })?;
        Config::parse(&text).map_err(|e| format!("invalid configuration `{}`: {e}", path.display()))
    }

    /// The configuration for a design at `design` (its directory's
    /// `cloudgram.toml`, if any), or the file given with `--config`.
    pub fn for_design(design: Option<&Path>, explicit: Option<&Path>) -> Result<Config, String> {
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let Some(design) = design else {
            return Ok(Config::default());
        };
        let dir = design.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            Config::load(&candidate)
        } else {
            Ok(Config::default())
        }
    }

    /// Parses the text of a configuration file; every mistake is an error.
    pub fn parse(text: &str) -> Result<Config, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim_end().to_string();
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].lines().count().max(1);
                    format!("line {line}: {msg}")
                }
                None => msg,
            }
        })?;
        let mut config = Config::default();
        for (key, value) in &table {
            if key == "rules" {
                let rules = value
                    .as_table()
                    .ok_or("`rules` must be a table: `[rules]`")?;
                for (name, setting) in rules {
                    let rule = find_rule(name)?;
                    config.set(rule, name, setting)?;
                }
            } else if let Some(rule) = super::find(key) {
                // A rule at top level (`[PF003]`) means the same as under `[rules]`.
                config.set(rule, key, value)?;
            } else {
                return Err(match find_rule(key) {
                    Err(e) if e.contains("did you mean") => e,
                    _ => format!("unknown section `{key}`; rules are set under `[rules]`"),
                });
            }
        }
        Ok(config)
    }

    fn set(&mut self, rule: &dyn Rule, key: &str, setting: &toml::Value) -> Result<(), String> {
        let meta = rule.meta();
        match setting {
            toml::Value::String(word) => {
                self.levels.insert(meta.code, level(key, word)?);
            }
            toml::Value::Table(t) => {
                for (k, v) in t {
                    if k == "level" || k == "severity" {
                        let word = v.as_str().ok_or_else(|| {
                            format!("`{key}.level` must be a string like \"warning\"")
                        })?;
                        self.levels.insert(meta.code, level(key, word)?);
                        continue;
                    }
                    let Some(param) = meta.params.iter().find(|p| p.name == k) else {
                        let known: Vec<String> = std::iter::once("`level`".to_string())
                            .chain(meta.params.iter().map(|p| format!("`{}`", p.name)))
                            .collect();
                        return Err(format!(
                            "rule {} has no setting `{k}`; it takes {}",
                            meta.code,
                            known.join(", ")
                        ));
                    };
                    let number = match v {
                        toml::Value::Integer(n) => *n as f64,
                        toml::Value::Float(x) => *x,
                        _ => return Err(format!("`{key}.{k}` must be a number")),
                    };
                    if !number.is_finite() || number < 0.0 {
                        return Err(format!("`{key}.{k}` must be a non-negative number"));
                    }
                    self.params.insert((meta.code, param.name), number);
                }
            }
            _ => {
                return Err(format!(
                    "`{key}` must be a level (\"off\", \"info\", \"warning\", \"error\") or a table"
                ));
            }
        }
        Ok(())
    }
}

fn level(key: &str, word: &str) -> Result<Level, String> {
    Level::parse(word).ok_or_else(|| {
        format!(
            "`{key}` has unknown level `{word}`; use \"off\", \"info\", \"warning\" or \"error\""
        )
    })
}

fn find_rule(name: &str) -> Result<&'static dyn Rule, String> {
    super::find(name).ok_or_else(|| {
        let names = registry().iter().flat_map(|r| [r.code(), r.name()]);
        match suggest::did_you_mean(name, names) {
            Some(s) => format!("unknown rule `{name}`; did you mean `{s}`?"),
            None => format!("unknown rule `{name}`; `cloudgram rules` lists every rule"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::performance::deep_sync_chain::DeepSyncChain;

    #[test]
    fn levels_and_params_by_code_or_name() {
        let c = Config::parse(
            "[rules]\nAV001 = \"off\"\ndatabase-without-failover = \"error\"\nPF003 = { level = \"info\", depth = 6 }\n",
        )
        .unwrap();
        let av001 = crate::lint::find("AV001").unwrap().meta();
        let av004 = crate::lint::find("AV004").unwrap().meta();
        assert_eq!(c.level(av001), Level::Off);
        assert_eq!(c.level(av004), Level::Error);
        assert_eq!(c.level(&DeepSyncChain::META), Level::Info);
        assert_eq!(c.param(&DeepSyncChain::META, "depth"), 6.0);
        assert_eq!(Config::default().param(&DeepSyncChain::META, "depth"), 4.0);
    }

    #[test]
    fn mistakes_are_errors_with_a_fix() {
        let err = |t: &str| Config::parse(t).unwrap_err();
        assert!(err("[rules]\nAV01 = \"off\"").contains("did you mean"));
        assert!(err("[rules]\nAV001 = \"loud\"").contains("unknown level `loud`"));
        assert!(err("[rules]\nPF003 = { dpeth = 3 }").contains("has no setting `dpeth`"));
        assert!(err("[rules]\nPF003 = { depth = \"x\" }").contains("must be a number"));
        assert!(err("[lint]\n").contains("unknown section"));
        assert!(err("[PF03]\ndepth = 2\n").contains("did you mean `PF003`?"));
        let top = Config::parse("AV001 = \"deny\"\n[PF003]\ndepth = 2\n").unwrap();
        assert_eq!(top.param(&DeepSyncChain::META, "depth"), 2.0);
        assert_eq!(
            top.level(crate::lint::find("AV001").unwrap().meta()),
            Level::Error
        );
        assert!(err("[rules\n").contains("line 1"));
    }
}
