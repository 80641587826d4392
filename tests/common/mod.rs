//! Checks shared by the integration tests (each test uses some of them).
#![allow(dead_code)]

use cloudgram::layout::check::{Contract, violations};
use cloudgram::scene::Scene;
use std::path::{Path, PathBuf};

/// The full contract of the default (layered) engine.
pub const LAYERED: Contract = Contract::ALL;

/// The contract of the layout-rs engine: boxes only (its edges are straight).
pub const BOXES_ONLY: Contract = Contract {
    edges_avoid_boxes: false,
    labels_clear: false,
    edges_apart: false,
};

/// Fails with every violation listed.
pub fn assert_scene_is_sound(scene: &Scene, contract: Contract) {
    let v = violations(scene, contract);
    assert!(v.is_empty(), "{} violations:\n{}", v.len(), v.join("\n"));
}

/// The files directly in `dir` whose extension is `ext`, sorted.
pub fn files(dir: impl AsRef<Path>, ext: &str) -> Vec<PathBuf> {
    let dir = dir.as_ref();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// Compiles the design in `path`, lays it out within the whole contract of
/// the layered engine, with every edge drawn, and draws SVG without a
/// character XML forbids. Fails naming the file.
pub fn assert_design_draws_soundly(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let arch = cloudgram::compile::compile_str(&name, &text)
        .arch
        .unwrap_or_else(|| panic!("{name} compiles"));
    let scene = cloudgram::layout::layout(&arch);
    let v = violations(&scene, LAYERED);
    assert!(
        v.is_empty(),
        "{name}: {} violations:\n{}",
        v.len(),
        v.join("\n")
    );
    assert_eq!(scene.edges.len(), arch.edges.len(), "{name}");
    let svg = cloudgram::render::svg::render(&scene);
    assert!(
        svg.chars().all(cloudgram::limits::xml_allowed),
        "{name}: a character XML forbids"
    );
}
