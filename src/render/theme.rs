//! Themes: colours, fonts and stroke style. Categories follow the cloud
//! conventions (compute orange, storage green, database blue, networking
//! purple, security red, AI teal); containers are styled by kind.

use crate::scene::{Category, KindInfo};

/// The sans-serif font stack: Arial-metric Latin fonts first (the width table
/// of [`crate::text`] is measured on Liberation Sans), then fonts that cover
/// Hangul: first Cloudgram Sans KR, the one embedded for PNG output (a
/// browser without it goes on to the system's).
pub const FONT_FAMILY: &str = "Arial, 'Liberation Sans', Helvetica, 'Cloudgram Sans KR', 'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', NanumGothic, sans-serif";

/// The whiteboard's handwriting-style stack. Comic Neue is narrower than
/// Arial, so text measured for Arial fits; it is embedded for PNG output.
pub const HANDWRITING_FAMILY: &str = "'Comic Neue', 'Comic Sans MS', 'Chalkboard SE', 'Cloudgram Sans KR', 'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', NanumGothic, cursive";

/// Names accepted by `--theme`, the default first.
pub const NAMES: [&str; 3] = ["light", "dark", "whiteboard"];

/// How a diagram is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The theme's name.
    pub name: &'static str,
    /// Canvas colour.
    pub background: &'static str,
    /// Primary text.
    pub text: &'static str,
    /// Secondary text (kind captions, protocols).
    pub muted: &'static str,
    /// Edge lines and arrowheads.
    pub edge: &'static str,
    /// Background of edge labels and badges.
    pub label_bg: &'static str,
    /// The `font-family` of the drawing.
    pub font_family: &'static str,
    /// Hand-drawn look: jittered, doubled marker strokes.
    pub sketch: bool,
    /// Icons on a tile of the category colour (else drawn in that colour).
    pub icon_tiles: bool,
    /// Every colour black on white (for snapshot tests).
    pub monochrome: bool,
    /// Strength of the category tint in node fills (0 = background).
    pub tint: f64,
}

impl Theme {
    /// The default: white canvas, light category tints.
    pub fn light() -> Theme {
        Theme {
            name: "light",
            background: "#ffffff",
            text: "#16191f",
            muted: "#5f6b7a",
            edge: "#545b64",
            label_bg: "#ffffff",
            font_family: FONT_FAMILY,
            sketch: false,
            icon_tiles: true,
            monochrome: false,
            tint: 0.07,
        }
    }

    /// A dark canvas for dark slides and docs.
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            background: "#0f1620",
            text: "#e8edf3",
            muted: "#9aa7b6",
            edge: "#a3afbd",
            label_bg: "#0f1620",
            font_family: FONT_FAMILY,
            sketch: false,
            icon_tiles: true,
            monochrome: false,
            tint: 0.16,
        }
    }

    /// A hand-drawn look for interview practice: marker strokes with seeded
    /// jitter and a handwriting-style font.
    pub fn whiteboard() -> Theme {
        Theme {
            name: "whiteboard",
            background: "#fcfcf7",
            text: "#1d2733",
            muted: "#4a5666",
            edge: "#2b3440",
            label_bg: "#fcfcf7",
            font_family: HANDWRITING_FAMILY,
            sketch: true,
            icon_tiles: false,
            monochrome: false,
            tint: 0.0,
        }
    }

    /// Black on white with a generic font: what snapshot tests draw with, so
    /// that they change when the drawing changes, not when a colour does.
    pub fn plain() -> Theme {
        Theme {
            name: "plain",
            background: "#ffffff",
            text: "#000000",
            muted: "#000000",
            edge: "#000000",
            label_bg: "#ffffff",
            font_family: "sans-serif",
            sketch: false,
            icon_tiles: false,
            monochrome: true,
            tint: 0.0,
        }
    }

    /// A theme by its `--theme` name.
    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::light()),
            "dark" => Some(Theme::dark()),
            "whiteboard" => Some(Theme::whiteboard()),
            "plain" => Some(Theme::plain()),
            _ => None,
        }
    }

    /// Stroke colour of a category, and the fill of its nodes; `color`
    /// overrides the fill.
    pub fn category(&self, category: Category) -> (String, String) {
        if self.monochrome {
            return ("#000000".into(), "#ffffff".into());
        }
        let stroke = category_color(category, self.name == "whiteboard");
        let stroke = if self.name == "dark" {
            lighten_for_dark(stroke, 0.18)
        } else {
            stroke.to_string()
        };
        let fill = mix(self.background, &stroke, self.tint);
        (stroke, fill)
    }

    /// How a container kind is drawn; `public` tints subnets green.
    pub fn container(&self, kind: &KindInfo, public: bool) -> ContainerStyle {
        // The catalog says how each container kind is framed.
        let frame = kind.frame(public);
        let (stroke, tint, dashed) = (frame.stroke, frame.tint, frame.dashed);
        if self.monochrome {
            return ContainerStyle {
                stroke: "#000000".into(),
                fill: "#ffffff".into(),
                dashed,
            };
        }
        let stroke = match self.name {
            "dark" => lighten_for_dark(stroke, 0.3),
            _ => stroke.to_string(),
        };
        let strength = match self.name {
            "dark" => tint * 1.6,
            "whiteboard" => tint * 0.6,
            _ => tint,
        };
        ContainerStyle {
            fill: mix(self.background, &stroke, strength),
            stroke,
            dashed,
        }
    }
}

/// How a container is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerStyle {
    /// Border and title colour.
    pub stroke: String,
    /// Fill colour.
    pub fill: String,
    /// Dashed border.
    pub dashed: bool,
}

/// The colour of a category; `marker` picks the deeper shades of whiteboard markers.
pub fn category_color(category: Category, marker: bool) -> &'static str {
    match (category, marker) {
        (Category::Actor, _) => "#232f3e",
        (Category::Network, false) => "#8c4fff",
        (Category::Network, true) => "#6a2fd6",
        (Category::Compute, false) => "#ed7100",
        (Category::Compute, true) => "#d35400",
        (Category::Storage, false) => "#7aa116",
        (Category::Storage, true) => "#3f8624",
        (Category::Database, _) => "#3b48cc",
        (Category::Integration, _) => "#e7157b",
        (Category::Kubernetes, _) => "#326ce5",
        (Category::Microservices, _) => "#c925d1",
        (Category::Security, _) => "#dd344c",
        (Category::Operations, _) => "#b0084d",
        (Category::Ai, false) => "#01a88d",
        (Category::Ai, true) => "#00806b",
        (Category::Telecom, _) => "#d45b07",
        (Category::Container, _) => "#7d8998",
    }
}

/// A colour made light enough to read on a dark canvas: mixed with white
/// by `t`, and by more when it is very dark (the actors' navy).
fn lighten_for_dark(color: &str, t: f64) -> String {
    mix(color, "#ffffff", if luma(color) < 70.0 { 0.5 } else { t })
}

/// The channels of `#rgb` or `#rrggbb` (black when it is neither); the
/// alpha of `#rrggbbaa` is left out.
fn rgb(color: &str) -> [f64; 3] {
    let hex = color.trim_start_matches('#');
    let hex = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        8 => hex[..6].to_string(),
        _ => hex.to_string(),
    };
    let v = u32::from_str_radix(&hex, 16).unwrap_or(0);
    [
        f64::from((v >> 16) & 0xff),
        f64::from((v >> 8) & 0xff),
        f64::from(v & 0xff),
    ]
}

/// Perceived brightness of a colour, 0 (black) to 255 (white).
pub fn luma(color: &str) -> f64 {
    let [r, g, b] = rgb(color);
    0.299 * r + 0.587 * g + 0.114 * b
}

/// Text and caption colours that read on a fill of the user's choosing.
pub fn ink_on(fill: &str) -> (&'static str, &'static str) {
    if luma(fill) > 140.0 {
        ("#16191f", "#3d4652")
    } else {
        ("#f5f7fa", "#d0d7e0")
    }
}

/// `a` blended towards `b` by `t` (0 = `a`, 1 = `b`); both `#rrggbb` or `#rgb`.
pub fn mix(a: &str, b: &str, t: f64) -> String {
    let (a, b) = (rgb(a), rgb(b));
    let c: Vec<u8> = (0..3)
        .map(|i| (a[i] + (b[i] - a[i]) * t).round().clamp(0.0, 255.0) as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixing_blends_channels() {
        assert_eq!(mix("#000000", "#ffffff", 0.5), "#808080");
        assert_eq!(mix("#ff0000", "#0000ff", 0.0), "#ff0000");
        assert_eq!(mix("#ff0000", "#0000ff", 1.0), "#0000ff");
        assert_eq!(mix("#f90", "#f90", 0.5), "#ff9900");
        assert_eq!(ink_on("#ffffff").0, "#16191f");
        assert_eq!(ink_on("#232f3e").0, "#f5f7fa");
    }

    #[test]
    fn every_theme_name_resolves_and_categories_differ() {
        for name in NAMES {
            assert_eq!(Theme::by_name(name).unwrap().name, name);
        }
        assert!(Theme::by_name("neon").is_none());
        let light = Theme::light();
        assert_ne!(
            light.category(Category::Compute).0,
            light.category(Category::Database).0
        );
        assert_eq!(light.category(Category::Compute).0, "#ed7100");
        let kind = |name| crate::model::catalog::lookup(name).unwrap();
        let public = light.container(kind("subnet"), true);
        let private = light.container(kind("subnet"), false);
        assert_ne!(public.fill, private.fill);
        assert!(light.container(kind("az"), false).dashed);
    }
}
