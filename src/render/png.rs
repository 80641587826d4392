//! PNG from our SVG through resvg, with no browser. Latin and Hangul text use
//! fonts embedded in the binary (Cloudgram Sans, a renamed Latin subset of
//! Liberation Sans, for Arial-metric text; Cloudgram Sans KR, a renamed
//! subset of NanumGothic with the 2 350 KS X 1001 syllables; Comic Neue for
//! the whiteboard), so it looks the same on every machine; other scripts come
//! from the system's fonts through fontdb.

use resvg::tiny_skia;
use resvg::usvg::{self, FontResolver, fontdb};
use std::sync::{Arc, OnceLock};

/// The family name of the embedded Arial-metric font.
pub const EMBEDDED_SANS: &str = "Cloudgram Sans";
/// The family name of the embedded Hangul font.
pub const EMBEDDED_HANGUL: &str = "Cloudgram Sans KR";
/// The family name of the embedded handwriting font.
pub const EMBEDDED_HANDWRITING: &str = "Comic Neue";

/// The embedded fonts (OFL-1.1; see `assets/fonts/OFL.txt`).
const EMBEDDED: [&[u8]; 6] = [
    include_bytes!("../../assets/fonts/CloudgramSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/CloudgramSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/CloudgramSansKR-Regular.ttf"),
    include_bytes!("../../assets/fonts/CloudgramSansKR-Bold.ttf"),
    include_bytes!("../../assets/fonts/ComicNeue-Regular.otf"),
    include_bytes!("../../assets/fonts/ComicNeue-Bold.otf"),
];

/// Families of our stacks that the embedded sans stands in for: it has
/// their metrics, and using it always keeps Latin output machine-independent.
const ARIAL_METRIC: [&str; 4] = ["Arial", "Helvetica", "Liberation Sans", "Arimo"];

/// Fonts tried, in order, for characters the chosen font lacks (Hangul):
/// the embedded one first, so that a PNG does not depend on the machine.
const FALLBACK: [&str; 9] = [
    EMBEDDED_HANGUL,
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "NanumGothic",
    "NanumBarunGothic",
    "Apple SD Gothic Neo",
    "Malgun Gothic",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
];

/// Largest side of a PNG, in pixels.
pub const MAX_SIDE: u32 = 16_384;
/// Most pixels in a PNG (256 MB of memory while drawing).
pub const MAX_PIXELS: u32 = 64 * 1024 * 1024;

/// Set to `1` (e.g. `CLOUDGRAM_NO_SYSTEM_FONTS=1`), PNG output uses the
/// embedded fonts only: what a machine without any font installed draws.
pub const NO_SYSTEM_FONTS_ENV: &str = "CLOUDGRAM_NO_SYSTEM_FONTS";

/// The font database: the embedded fonts, then the system's (unless
/// [`NO_SYSTEM_FONTS_ENV`] says not to).
pub fn database() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for font in EMBEDDED {
            db.load_font_data(font.to_vec());
        }
        if std::env::var_os(NO_SYSTEM_FONTS_ENV).is_none_or(|v| v != "1") {
            db.load_system_fonts();
        }
        db.set_sans_serif_family(EMBEDDED_SANS);
        db.set_cursive_family(EMBEDDED_HANDWRITING);
        Arc::new(db)
    })
    .clone()
}

fn resolver() -> FontResolver<'static> {
    FontResolver {
        select_font: Box::new(|font, db| {
            let mut families: Vec<fontdb::Family> = font
                .families()
                .iter()
                .map(|f| match f {
                    usvg::FontFamily::Named(n) if ARIAL_METRIC.contains(&n.as_str()) => {
                        fontdb::Family::Name(EMBEDDED_SANS)
                    }
                    usvg::FontFamily::Named(n) => fontdb::Family::Name(n),
                    usvg::FontFamily::Serif => fontdb::Family::Serif,
                    usvg::FontFamily::SansSerif => fontdb::Family::SansSerif,
                    usvg::FontFamily::Cursive => fontdb::Family::Cursive,
                    usvg::FontFamily::Fantasy => fontdb::Family::Fantasy,
                    usvg::FontFamily::Monospace => fontdb::Family::Monospace,
                })
                .collect();
            families.push(fontdb::Family::Name(EMBEDDED_SANS));
            db.query(&fontdb::Query {
                families: &families,
                weight: fontdb::Weight(font.weight()),
                stretch: fontdb::Stretch::Normal,
                style: fontdb::Style::Normal,
            })
        }),
        select_fallback: Box::new(|c, used, db| {
            let weight = used
                .first()
                .and_then(|id| db.face(*id))
                .map_or(fontdb::Weight::NORMAL, |f| f.weight);
            let preferred = FALLBACK.iter().filter_map(|name| {
                db.query(&fontdb::Query {
                    families: &[fontdb::Family::Name(name)],
                    weight,
                    ..Default::default()
                })
            });
            let any = db.faces().map(|f| f.id);
            preferred
                .chain(any)
                .find(|id| !used.contains(id) && has_char(db, *id, c))
        }),
    }
}

/// Whether a face maps a character to a glyph.
fn has_char(db: &fontdb::Database, id: fontdb::ID, c: char) -> bool {
    use skrifa::MetadataProvider;
    db.with_face_data(id, |data, index| {
        skrifa::FontRef::from_index(data, index)
            .ok()
            .and_then(|font| font.charmap().map(c))
            .is_some()
    })
    .unwrap_or(false)
}

/// The characters of `text` that no font here can draw (e.g. Hangul on a
/// machine without a Hangul font), each once, in order.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let db = database();
    let mut seen = std::collections::BTreeSet::new();
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && seen.insert(*c))
        .filter(|c| !db.faces().any(|f| has_char(&db, f.id, *c)))
        .collect()
}

/// Whether a drawing of `width` × `height` units makes a PNG within the
/// limits at `scale`: checked on the laid-out scene, before the SVG is
/// drawn and its text shaped (the expensive part for a huge canvas).
pub fn check_size(width: f64, height: f64, scale: f32) -> Result<(), String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("scale must be a positive number, not {scale}"));
    }
    let (w, h) = (
        (width * f64::from(scale)).round(),
        (height * f64::from(scale)).round(),
    );
    if w > f64::from(MAX_SIDE) || h > f64::from(MAX_SIDE) || w * h > f64::from(MAX_PIXELS) {
        return Err(format!(
            "a {w}×{h} PNG is too large (at most {MAX_SIDE} pixels a side and \
             {MAX_PIXELS} in all): lower --scale"
        ));
    }
    Ok(())
}

/// Rasterizes an SVG drawn by [`super::svg`] at `scale` pixels per unit.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!("scale must be a positive number, not {scale}"));
    }
    let options = usvg::Options {
        fontdb: database(),
        font_family: EMBEDDED_SANS.to_string(),
        font_resolver: resolver(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let (w, h) = (
        (size.width() as f32 * scale).round(),
        (size.height() as f32 * scale).round(),
    );
    if w > MAX_SIDE as f32 || h > MAX_SIDE as f32 || w * h > MAX_PIXELS as f32 {
        return Err(format!(
            "a {w}×{h} PNG is too large (at most {MAX_SIDE} pixels a side and \
             {MAX_PIXELS} in all): lower --scale"
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new((w as u32).max(1), (h as u32).max(1))
        .ok_or("the drawing is empty")?;
    let (sx, sy) = (
        pixmap.width() as f32 / size.width() as f32,
        pixmap.height() as f32 / size.height() as f32,
    );
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}
