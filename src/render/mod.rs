//! Rendering: [`crate::scene::Scene`] in, SVG text out ([`svg`]), with the
//! colours of [`theme`]. The scene JSON needs no renderer: it is the scene.

pub mod svg;
pub mod theme;
