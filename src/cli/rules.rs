//! `cloudgram rules` and `cloudgram explain`.

use super::{EXIT_INVALID, EXIT_OK};
use crate::lint;
use crate::model::suggest;

/// Prints every rule, one per line.
pub fn list() -> u8 {
    let rules = lint::registry();
    if rules.is_empty() {
        println!("no lint rules are registered yet");
        return EXIT_OK;
    }
    println!("{:<7} {:<28} {:<8} summary", "code", "name", "severity");
    for r in rules {
        println!(
            "{:<7} {:<28} {:<8} {}",
            r.code(),
            r.name(),
            r.severity(),
            r.summary()
        );
    }
    EXIT_OK
}

/// Prints one rule's full explanation.
pub fn explain(code: &str) -> u8 {
    match lint::find(code) {
        Some(r) => {
            println!("{} ({}): {}\n", r.code(), r.name(), r.summary());
            println!("default severity: {}\n", r.severity());
            println!("{}", r.explanation().trim_end());
            EXIT_OK
        }
        None => {
            eprintln!("error: unknown rule `{code}`");
            let names = lint::registry().iter().flat_map(|r| [r.code(), r.name()]);
            match suggest::help(code, names) {
                Some(help) => eprintln!("help: {help}"),
                None => eprintln!("help: `cloudgram rules` lists every rule"),
            }
            EXIT_INVALID
        }
    }
}
