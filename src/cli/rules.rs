//! `cloudgram rules` and `cloudgram explain` (lint rules and compile codes).

use super::io::say;
use super::{EXIT_INVALID, EXIT_OK};
use crate::diagnostic::codes;
use crate::lint;
use crate::model::suggest;

/// Prints every rule, one per line: code, name, category, severity, summary.
pub fn list() -> u8 {
    let mut out = format!(
        "{:<6} {:<29} {:<14} {:<8} summary\n",
        "code", "name", "category", "severity"
    );
    for r in lint::registry() {
        out.push_str(&format!(
            "{:<6} {:<29} {:<14} {:<8} {}\n",
            r.code(),
            r.name(),
            r.category().as_str(),
            r.severity().as_str(),
            r.summary()
        ));
    }
    write_stdout(&out)
}

/// Writes to standard output and succeeds, even on a closed pipe.
fn write_stdout(text: &str) -> u8 {
    super::io::stdout(text.as_bytes());
    EXIT_OK
}

/// Prints one rule's full explanation: a header, then its manual as written.
pub fn explain(code: &str) -> u8 {
    match lint::find(code) {
        Some(r) => {
            let mut out = format!("{} ({}): {}\n", r.code(), r.name(), r.summary());
            out.push_str(&format!(
                "category: {}, default severity: {}\n",
                r.category().as_str(),
                r.severity()
            ));
            for p in r.meta().params {
                out.push_str(&format!(
                    "parameter `{}` (default {}): {}; set it in cloudgram.toml: `{} = {{ {} = {} }}`\n",
                    p.name,
                    p.default,
                    p.description,
                    r.code(),
                    p.name,
                    p.default
                ));
            }
            out.push('\n');
            out.push_str(r.explanation().trim_end());
            out.push('\n');
            write_stdout(&out)
        }
        None if codes::find(code).is_some() => {
            let c = codes::find(code).expect("just found");
            let out = format!(
                "{} ({}): {}\nseverity: {}\n\n{}\n",
                c.code,
                c.name,
                c.summary,
                c.severity,
                c.doc.trim_end()
            );
            write_stdout(&out)
        }
        None => {
            say!(
                "error: unknown rule `{code}`: no lint rule or compile code has this code or name"
            );
            let names = lint::registry()
                .iter()
                .flat_map(|r| [r.code(), r.name()])
                .chain(codes::CODES.iter().flat_map(|c| [c.code, c.name]));
            match suggest::help(code, names) {
                Some(help) => say!("help: {help}"),
                None => say!(
                    "help: `cloudgram rules` lists every rule; compile codes run from E0001 and W0001"
                ),
            }
            EXIT_INVALID
        }
    }
}
