//! `cloudgram rules` and `cloudgram explain` (lint rules and compile codes).

use super::io::say;
use super::{EXIT_INVALID, EXIT_OK};
use crate::diagnostic::codes;
use crate::i18n::{self, Lang};
use crate::lint;
use crate::model::suggest;
use crate::msg;
use crate::text::pad;

/// Prints every rule, one per line: code, name, category, severity, summary.
/// Codes, names, categories and severities are what `allow`, `--fail-on` and
/// `cloudgram.toml` take, so they stay as they are in every language.
pub fn list() -> u8 {
    let lang = i18n::current();
    let word = |id| i18n::tr(lang, id);
    let mut out = format!(
        "{} {} {} {} {}\n",
        pad(&word("rules-code"), 6),
        pad(&word("rules-name"), 29),
        pad(&word("rules-category"), 14),
        pad(&word("rules-severity"), 8),
        word("rules-summary")
    );
    for r in lint::registry() {
        out.push_str(&format!(
            "{:<6} {:<29} {:<14} {:<8} {}\n",
            r.code(),
            r.name(),
            r.category().as_str(),
            r.severity().as_str(),
            summary(r.code(), lang)
        ));
    }
    write_stdout(&out)
}

/// The one-line summary of a rule or compile code in `lang`, from its
/// `<code>-summary` message (a test checks the English one is the rule's own).
pub fn summary(code: &str, lang: Lang) -> String {
    i18n::tr(lang, &format!("{}-summary", code.to_ascii_lowercase()))
}

/// The manual of a rule or compile code in `lang`; a manual not yet
/// translated is shown in English, after a line that says so.
fn manual(code: &str, english: &str, lang: Lang) -> String {
    match i18n::manual(lang, code) {
        Some(text) => text.to_string(),
        None if lang == Lang::En => english.to_string(),
        None => format!("{}\n\n{english}", i18n::tr(lang, "explain-untranslated")),
    }
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
            let lang = i18n::current();
            let mut out = format!("{} ({}): {}\n", r.code(), r.name(), summary(r.code(), lang));
            out.push_str(&format!(
                "{}\n",
                msg!(
                    "explain-rule-header",
                    category = r.category().as_str(),
                    severity = r.severity().as_str()
                )
            ));
            for p in r.meta().params {
                let description = i18n::tr(
                    lang,
                    &format!("{}-param-{}", r.code().to_ascii_lowercase(), p.name),
                );
                out.push_str(&format!(
                    "{}\n",
                    msg!(
                        "explain-param",
                        name = p.name,
                        default = p.default.to_string(),
                        description = description,
                        code = r.code()
                    )
                ));
            }
            out.push('\n');
            out.push_str(manual(r.code(), &r.explanation(), lang).trim_end());
            out.push('\n');
            write_stdout(&out)
        }
        None if codes::find(code).is_some() => {
            let c = codes::find(code).expect("just found");
            let lang = i18n::current();
            let out = format!(
                "{} ({}): {}\n{}\n\n{}\n",
                c.code,
                c.name,
                summary(c.code, lang),
                msg!("explain-code-header", severity = c.severity.as_str()),
                manual(c.code, c.doc, lang).trim_end()
            );
            write_stdout(&out)
        }
        None => {
            say!("error: {}", msg!("explain-unknown", code = code));
            let names = lint::registry()
                .iter()
                .flat_map(|r| [r.code(), r.name()])
                .chain(codes::CODES.iter().flat_map(|c| [c.code, c.name]));
            match suggest::help(code, names) {
                Some(help) => say!("help: {help}"),
                None => say!("help: {}", msg!("explain-unknown-help")),
            }
            EXIT_INVALID
        }
    }
}
