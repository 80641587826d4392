//! cloudgram compiles a text description of a cloud architecture into a
//! checked model and a drawing.
//!
//! ```text
//! text ─syntax─▶ Ast ─model─▶ Architecture ─graph─▶ ArchGraph ─lint─▶ Vec<Diagnostic>
//!                                     └──layout──▶ Scene ─render─▶ SVG / JSON
//! ```
//!
//! [`compile`] chains the stages; every stage reports [`diagnostic::Diagnostic`]s
//! with source spans instead of stopping at the first problem.
//!
//! ```
//! let c = cloudgram::compile::compile_str("demo.cgr", "ec2 web\nrds db\nweb -> db");
//! let arch = c.arch.expect("compiles");
//! let scene = cloudgram::layout::layout(&arch);
//! let svg = cloudgram::render::svg::render(&scene);
//! assert!(svg.starts_with("<svg"));
//! ```

pub mod cli;
pub mod color;
pub mod compile;
pub mod diagnostic;
pub mod generate;
pub mod geometry;
pub mod graph;
pub mod i18n;
pub mod import;
pub mod layout;
pub mod limits;
pub mod lint;
pub mod model;
pub mod render;
pub mod scene;
pub mod source;
pub mod syntax;
pub mod text;
