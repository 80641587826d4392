//! Rendering: [`crate::scene::Scene`] in, SVG text out ([`svg`]) in a
//! [`theme`] with our own [`icons`] and a [`legend`]; PNG from that SVG
//! ([`png`]). The scene JSON needs no renderer: it is the scene.

pub mod highlight;
pub mod icons;
pub mod legend;
pub mod overlay;
pub mod png;
pub mod sketch;
pub mod svg;
pub mod theme;
pub mod write;
