//! Any text that compiles draws an SVG with no character XML forbids and
//! no script, in every theme.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let c = cloudgram::compile::compile_str("fuzz.cgr", text);
    let Some(arch) = c.arch else { return };
    let scene = cloudgram::layout::layout(&arch);
    for name in cloudgram::render::theme::NAMES {
        let options = cloudgram::render::svg::Options {
            theme: cloudgram::render::theme::Theme::by_name(name).unwrap(),
            legend: true,
            ..Default::default()
        };
        let svg = cloudgram::render::svg::render_with(&scene, &options);
        assert!(svg.chars().all(cloudgram::limits::xml_allowed), "invalid XML character");
        assert!(!svg.contains("<script"), "script element");
    }
    cloudgram::scene::Scene::to_json(&scene);
});
