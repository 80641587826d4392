//! SARIF 2.1.0, the format code-scanning tools (e.g. GitHub) read.

use super::{Diagnostic, Severity};
use crate::source::SourceFile;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// What the log says about one rule (the caller lists them: this module
/// knows diagnostics, not the lint engine).
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// `AV002`.
    pub code: &'static str,
    /// `single-point-of-failure`.
    pub name: &'static str,
    /// One line.
    pub summary: &'static str,
    /// The manual, with a `## What it does` section.
    pub doc: String,
    /// Default severity.
    pub severity: Severity,
    /// Its pillar, as a word (`security`, `availability`, ...).
    pub category: &'static str,
}

/// A SARIF log with one run holding every diagnostic of every file, and
/// every rule of `described`.
pub fn report(results: &[(SourceFile, Vec<Diagnostic>)], described: &[RuleInfo]) -> String {
    let mut rules: BTreeMap<&str, Value> = BTreeMap::new();
    for rule in described {
        let doc = &rule.doc;
        rules.insert(
            rule.code,
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": first_paragraph(doc, rule.summary)},
                "help": {"text": doc, "markdown": doc},
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": properties(rule),
            }),
        );
    }
    let mut out = Vec::new();
    for (file, diagnostics) in results {
        for d in diagnostics {
            rules.entry(d.code).or_insert_with(
                || json!({"id": d.code, "name": d.name, "shortDescription": {"text": d.name}}),
            );
            let start = file.line_col(d.span.start);
            let end = file.line_col(d.span.end.max(d.span.start + 1));
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": match &d.help {
                    Some(help) => format!("{}; help: {help}", d.message),
                    None => d.message.clone(),
                }},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_location(&file.name),
                    "region": {"startLine": start.line, "startColumn": start.column,
                               "endLine": end.line, "endColumn": end.column}
                }}],
                "partialFingerprints": {"cloudgram/v1": d.fingerprint()},
            });
            if d.suppressed {
                result["suppressions"] = json!([{"kind": "inSource"}]);
            }
            out.push(result);
        }
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    for result in &mut out {
        let id = result["ruleId"].as_str().unwrap_or_default().to_string();
        if let Some(i) = index.get(id.as_str()) {
            result["ruleIndex"] = json!(i);
        }
    }
    let rule_list: Vec<Value> = rules.into_values().collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cloudgram",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/cloudgram/cloudgram",
                "rules": rule_list,
            }},
            "results": out,
            "columnKind": "unicodeCodePoints",
        }],
    });
    serde_json::to_string_pretty(&log).expect("a SARIF log always serializes") + "\n"
}

/// Where a file is, as SARIF wants it: a URI reference (RFC 3986) with
/// every byte outside the unreserved set and `/` percent-encoded, so that
/// `with space.cgr`, `ünï.cgr`, `a#1.cgr` and `%41.cgr` each name their own
/// file; absolute paths as `file://` URIs. Standard input has no URI: it
/// is described instead (`uri` is optional in an `artifactLocation`).
fn artifact_location(name: &str) -> Value {
    if name == "<stdin>" {
        return json!({"description": {"text": "standard input"}});
    }
    let encoded = percent_encode_path(name);
    if name.starts_with('/') {
        json!({"uri": format!("file://{encoded}")})
    } else {
        json!({"uri": encoded})
    }
}

/// Percent-encodes a path, keeping the unreserved characters and `/` (a
/// `:` is encoded too, so a relative path is never read as a scheme).
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Tags, and for security rules the `security-severity` score GitHub code
/// scanning uses to rank alerts (9 error, 6 warning, 3 info).
fn properties(rule: &RuleInfo) -> Value {
    if rule.category == "security" {
        let score = match rule.severity {
            Severity::Error => "9.0",
            Severity::Warning => "6.0",
            Severity::Info => "3.0",
        };
        json!({"tags": ["security"], "security-severity": score})
    } else {
        json!({"tags": [rule.category]})
    }
}

/// The text of the "What it does" section: a rule's full description.
fn first_paragraph(doc: &str, fallback: &str) -> String {
    let body = doc
        .split("## What it does")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    if body.is_empty() {
        fallback.to_string()
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_references() {
        let uri = |name: &str| artifact_location(name)["uri"].as_str().map(str::to_string);
        assert_eq!(
            uri("a/with space.cgr").as_deref(),
            Some("a/with%20space.cgr")
        );
        assert_eq!(uri("ünï.cgr").as_deref(), Some("%C3%BCn%C3%AF.cgr"));
        assert_eq!(uri("a#1.cgr").as_deref(), Some("a%231.cgr"));
        assert_eq!(uri("q?x.cgr").as_deref(), Some("q%3Fx.cgr"));
        assert_eq!(uri("%41.cgr").as_deref(), Some("%2541.cgr"));
        assert_eq!(uri("c:d.cgr").as_deref(), Some("c%3Ad.cgr"));
        assert_eq!(
            uri("/srv/x y.cgr").as_deref(),
            Some("file:///srv/x%20y.cgr")
        );
        assert_eq!(uri("<stdin>"), None);
        assert_eq!(
            artifact_location("<stdin>")["description"]["text"],
            "standard input"
        );
    }
}
