//! Any bytes: reading (UTF-8 check) and parsing never panic, and every
//! diagnostic renders for people.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file, bad_utf8) = cloudgram::compile::source_from_bytes("fuzz.cgr", data.to_vec());
    if let Some(d) = &bad_utf8 {
        cloudgram::diagnostic::human::render(&file, d);
    }
    if let Err(diagnostics) = cloudgram::syntax::parse(&file) {
        for d in &diagnostics {
            cloudgram::diagnostic::human::render(&file, d);
        }
    }
});
