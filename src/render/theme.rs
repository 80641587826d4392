//! Colours and fonts. Categories follow the cloud conventions: compute
//! orange, storage green, database blue, networking purple, security red, AI teal.

/// The font stack: Arial-metric Latin fonts first (our width table is
/// measured on Liberation Sans), then fonts that cover Hangul.
pub const FONT_FAMILY: &str = "Arial, 'Liberation Sans', Helvetica, 'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', NanumGothic, sans-serif";

/// Stroke colour of a component category, and a light fill to go with it.
pub fn category_colors(category: &str) -> (&'static str, &'static str) {
    match category {
        "actor" => ("#232f3e", "#f4f5f7"),
        "network" => ("#8c4fff", "#f5f0ff"),
        "compute" => ("#ed7100", "#fff4e8"),
        "storage" => ("#7aa116", "#f3f8e8"),
        "database" => ("#3b48cc", "#eef0fc"),
        "integration" => ("#e7157b", "#fdeef5"),
        "kubernetes" => ("#326ce5", "#edf2fd"),
        "microservices" => ("#c925d1", "#fbeefc"),
        "security" => ("#dd344c", "#fdeef0"),
        "operations" => ("#b0084d", "#fbedf2"),
        "ai" => ("#01a88d", "#e8f8f5"),
        "telecom" => ("#d45b07", "#fdf1e8"),
        _ => ("#7d8998", "#f7f8f9"),
    }
}

/// How a container is drawn.
pub struct ContainerStyle {
    /// Border colour.
    pub stroke: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// Dashed border.
    pub dashed: bool,
}

/// The style of a container kind; `public` tints subnets green.
pub fn container_style(kind: &str, public: bool) -> ContainerStyle {
    let (stroke, fill, dashed) = match kind {
        "region" => ("#147eba", "#ffffff", true),
        "vpc" => ("#8c4fff", "#fcfaff", false),
        "az" => ("#147eba", "#f9fcfe", true),
        "subnet" if public => ("#7aa116", "#f2f8e6", false),
        "subnet" => ("#147eba", "#eaf3fb", false),
        "k8s" => ("#326ce5", "#f3f6fe", false),
        "namespace" => ("#326ce5", "#ffffff", true),
        "onprem" => ("#5a6b86", "#f2f4f7", false),
        "cloud" => ("#232f3e", "#fafafa", false),
        "edge" => ("#d45b07", "#fffaf5", true),
        "private_5g" => ("#e7157b", "#fff6fa", false),
        _ => ("#7d8998", "#ffffff", true),
    };
    ContainerStyle {
        stroke,
        fill,
        dashed,
    }
}

/// Colour of edges and their labels.
pub const EDGE: &str = "#545b64";
/// Colour of primary text.
pub const TEXT: &str = "#16191f";
/// Colour of secondary text (kind captions).
pub const MUTED: &str = "#687078";
