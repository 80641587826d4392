//! Any text that compiles: every lint rule runs without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = cloudgram::source::SourceFile::new("fuzz.cgr", text);
    cloudgram::compile::check(&file);
});
