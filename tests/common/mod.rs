//! Checks shared by the integration tests (each test uses some of them).
#![allow(dead_code)]

use cloudgram::layout::check::{Contract, violations};
use cloudgram::scene::Scene;
use std::path::{Path, PathBuf};

/// The full contract of the default (layered) engine.
pub const LAYERED: Contract = Contract {
    edges_avoid_boxes: true,
    labels_clear: true,
    edges_apart: true,
};

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
