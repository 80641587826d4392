//! Any text: compiling (parse, limits, lowering) never panics; every
//! diagnostic renders in the three report formats.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = cloudgram::source::SourceFile::new("fuzz.cgr", text);
    let c = cloudgram::compile::compile(&file);
    for d in &c.diagnostics {
        cloudgram::diagnostic::human::render(&file, d);
    }
    cloudgram::diagnostic::sarif::report(&[(file, c.diagnostics)], &cloudgram::lint::sarif_rules());
});
