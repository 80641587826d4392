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

#[cfg(test)]
mod tests {
    /// Render draws what the scene says, in the theme's colours: it reads
    /// no layout constant and looks no kind up in the catalog by name.
    #[test]
    fn render_reads_the_scene_not_layout_or_the_catalog() {
        let files = [
            ("highlight.rs", include_str!("highlight.rs")),
            ("icons.rs", include_str!("icons.rs")),
            ("legend.rs", include_str!("legend.rs")),
            ("overlay.rs", include_str!("overlay.rs")),
            ("png.rs", include_str!("png.rs")),
            ("sketch.rs", include_str!("sketch.rs")),
            ("svg.rs", include_str!("svg.rs")),
            ("theme.rs", include_str!("theme.rs")),
            ("write.rs", include_str!("write.rs")),
        ];
        let declared: Vec<&str> = include_str!("mod.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
            .collect();
        assert_eq!(declared.len(), files.len(), "every module is checked");
        for (name, source) in files {
            // Tests may build a scene the way the compiler does.
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            for outside in ["crate::layout", "crate::model", "catalog::"] {
                assert!(!code.contains(outside), "render/{name} uses {outside}");
            }
        }
    }
}
