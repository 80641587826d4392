//! Layout: [`Architecture`] in, positioned [`Scene`] out.
//! Engines implement [`LayoutEngine`]; the first one places each container's
//! children with layout-rs ([`layout_rs`]) inside the recursive scheme of
//! [`compound`], and [`route`] draws the edges between the placed boxes.

pub mod compound;
pub mod layout_rs;
pub mod measure;
pub mod route;

use crate::model::Architecture;
use crate::scene::Scene;

/// A layout engine: turns a checked architecture into a scene.
pub trait LayoutEngine {
    /// The name used on the command line (`--layout NAME`).
    fn name(&self) -> &'static str;
    /// Lays out the whole architecture.
    fn layout(&self, arch: &Architecture) -> Scene;
}

/// Every engine, the default first.
pub fn engines() -> Vec<Box<dyn LayoutEngine>> {
    vec![Box::new(layout_rs::LayoutRs)]
}

/// Finds an engine by name.
pub fn engine(name: &str) -> Option<Box<dyn LayoutEngine>> {
    engines().into_iter().find(|e| e.name() == name)
}

/// Lays out with the default engine.
pub fn layout(arch: &Architecture) -> Scene {
    layout_rs::LayoutRs.layout(arch)
}
