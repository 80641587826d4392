//! Every example compiles without errors or warnings, renders to SVG and to
//! scene JSON, deterministically, with every box inside its container and no
//! two siblings overlapping.

use cloudgram::compile::compile_str;
mod common;

use common::{BOXES_ONLY, LAYERED, assert_scene_is_sound};
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr")
}

#[test]
fn there_are_at_least_six_examples_and_one_uses_korean() {
    let files = examples();
    assert!(files.len() >= 6, "{files:?}");
    let korean = files.iter().any(|f| {
        std::fs::read_to_string(f)
            .unwrap()
            .chars()
            .any(|c| ('가'..='힣').contains(&c))
    });
    assert!(korean);
}

#[test]
fn every_example_compiles_cleanly_and_renders() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let c = compile_str(&name, &text);
        assert!(c.diagnostics.is_empty(), "{name}: {:#?}", c.diagnostics);
        let arch = c.arch.unwrap();
        let scene = cloudgram::layout::layout(&arch);
        assert_eq!(
            scene.nodes.len() + scene.containers.len(),
            arch.elements.len(),
            "{name}"
        );
        assert_eq!(scene.edges.len(), arch.edges.len(), "{name}");
        assert_scene_is_sound(&scene, LAYERED);
        let svg = cloudgram::render::svg::render(&scene);
        assert!(svg.starts_with("<svg") && svg.contains("viewBox"), "{name}");
        for e in &arch.elements {
            assert!(
                svg.contains(&format!("id=\"node-{}\"", e.id))
                    || svg.contains(&format!("id=\"container-{}\"", e.id))
            );
        }
        let json: serde_json::Value =
            serde_json::from_str(&scene.to_json()).expect("scene JSON parses");
        assert_eq!(json["nodes"].as_array().unwrap().len(), scene.nodes.len());
        // Deterministic: the same input gives the same bytes.
        let again = cloudgram::layout::layout(&compile_str(&name, &text).arch.unwrap());
        assert_eq!(
            cloudgram::render::svg::render(&again),
            svg,
            "{name} renders deterministically"
        );
    }
}

/// Every example, kubernetes.cgr included (its two edges from `api` to
/// `redis_ss` once made the SVG renderer's junction search loop for ever on
/// layout-rs's slanted lines), is laid out and drawn by the layout-rs engine.
#[test]
fn the_layout_rs_engine_keeps_boxes_sound_too() {
    use cloudgram::layout::{LayoutEngine, Timings, layout_rs::LayoutRs};
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let arch = compile_str("x", &text).arch.unwrap();
        let scene = LayoutRs.layout(&arch, &mut Timings::default());
        assert_scene_is_sound(&scene, BOXES_ONLY);
        let svg = cloudgram::render::svg::render(&scene);
        assert!(svg.starts_with("<svg"), "{}", path.display());
    }
}

#[test]
fn synthetic_architectures_keep_the_full_contract() {
    use cloudgram::generate::{Format, synthetic};
    for (leaves, seed) in [(10, 1), (40, 2), (120, 3), (300, 4)] {
        let src = synthetic(leaves, seed, Format::Cgr);
        let arch = compile_str("gen.cgr", &src).arch.unwrap();
        for direction in ["right", "down"] {
            let mut arch = arch.clone();
            arch.direction = if direction == "right" {
                cloudgram::model::Direction::Right
            } else {
                cloudgram::model::Direction::Down
            };
            let scene = cloudgram::layout::layout(&arch);
            assert_scene_is_sound(&scene, LAYERED);
        }
    }
}
