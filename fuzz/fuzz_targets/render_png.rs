//! Any text that compiles (and is small, to keep runs fast) rasterises to
//! a PNG or a clear error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 2048 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = cloudgram::compile::compile_str("fuzz.cgr", text);
    let Some(arch) = c.arch else { return };
    let svg = cloudgram::render::svg::render(&cloudgram::layout::layout(&arch));
    let _ = cloudgram::render::png::render(&svg, 0.25);
});
