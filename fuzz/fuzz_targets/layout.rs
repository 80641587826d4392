//! Any text that compiles: both layout engines run without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = cloudgram::compile::compile_str("fuzz.cgr", text);
    if let Some(arch) = c.arch {
        cloudgram::layout::layout(&arch);
    }
});
