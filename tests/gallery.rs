//! The gallery (docs/gallery.md): every example in every theme, as SVG (in
//! git: text, so a regeneration adds kilobytes of history, not megabytes
//! of PNG). Regenerate it after a change to drawing or layout with
//!
//! ```sh
//! cargo test --release --test gallery -- --ignored
//! ```
//!
//! and look at the pictures before committing them. With
//! `CLOUDGRAM_GALLERY_PNG=1` the same run also writes a PNG beside each
//! SVG (ignored by git), to look at the pictures as resvg draws them. The
//! test that is not ignored checks the gallery is complete.

use cloudgram::compile::compile_str;
use cloudgram::render::svg::{Options, render_with};
use cloudgram::render::{png, theme};
use std::path::{Path, PathBuf};
mod common;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn examples() -> Vec<PathBuf> {
    common::files(Path::new(ROOT).join("examples"), "cgr")
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn picture(example: &str, theme: &str) -> String {
    format!("gallery/{example}-{theme}.svg")
}

#[test]
#[ignore = "writes docs/gallery; run it by hand after changing the drawing"]
fn regenerate_gallery() {
    let docs = Path::new(ROOT).join("docs");
    std::fs::create_dir_all(docs.join("gallery")).unwrap();
    let mut page = String::from(
        "# Gallery\n\n\
         Every file of [examples/](../examples) drawn in each theme (`--theme light`,\n\
         `dark`, `whiteboard`) as SVG, with the legend. Made by\n\
         `cargo test --release --test gallery -- --ignored`; Hangul is drawn with\n\
         the viewer's Hangul font. `CLOUDGRAM_GALLERY_PNG=1` also writes PNGs\n\
         beside them (not kept in git).\n",
    );
    for path in examples() {
        let name = stem(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let arch = compile_str(&name, &text).arch.expect("examples compile");
        let scene = cloudgram::layout::layout(&arch);
        let title = scene.title.clone().unwrap_or_else(|| name.clone());
        page.push_str(&format!(
            "\n## {title}\n\n[`examples/{name}.cgr`](../examples/{name}.cgr)\n"
        ));
        for t in theme::NAMES {
            let options = Options {
                theme: theme::Theme::by_name(t).unwrap(),
                legend: true,
                ..Options::default()
            };
            let svg = render_with(&scene, &options);
            std::fs::write(docs.join(picture(&name, t)), &svg).unwrap();
            if std::env::var_os("CLOUDGRAM_GALLERY_PNG").is_some() {
                let bytes = png::render(&svg, 1.0).unwrap();
                let png_path = docs.join(picture(&name, t)).with_extension("png");
                std::fs::write(png_path, bytes).unwrap();
            }
            page.push_str(&format!(
                "\n### {t}\n\n![{name}, {t} theme]({})\n",
                picture(&name, t)
            ));
        }
        if name == "three-tier" {
            let svg = render_with(&scene, &Options::default());
            std::fs::write(docs.join("three-tier.svg"), svg).unwrap();
        }
    }
    std::fs::write(docs.join("gallery.md"), page).unwrap();
}

#[test]
fn the_gallery_shows_every_example_in_every_theme() {
    let page = std::fs::read_to_string(Path::new(ROOT).join("docs/gallery.md"))
        .expect("docs/gallery.md exists");
    for path in examples() {
        for t in theme::NAMES {
            let pic = picture(&stem(&path), t);
            assert!(page.contains(&format!("]({pic})")), "gallery shows {pic}");
            let svg = std::fs::read_to_string(Path::new(ROOT).join("docs").join(&pic))
                .unwrap_or_else(|_| panic!("{pic} exists: regenerate the gallery"));
            assert!(svg.starts_with("<svg"), "{pic} is an SVG");
            resvg::usvg::roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("{pic} is well-formed XML: {e}"));
        }
    }
}
