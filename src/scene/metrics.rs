//! The sizes both sides of the scene go by: layout measures boxes and
//! captions with them, render draws text and icons at the same offsets, so
//! the drawn text and the measured box always agree.

use crate::geometry::Rect;
use crate::text::{text_width, wrap};

/// Font size of node labels, in pixels.
pub const FONT: f64 = 14.0;
/// Line height of node labels.
pub const LINE: f64 = 18.0;
/// Font size of the kind caption under a node's label.
pub const CAPTION_FONT: f64 = 11.0;
/// Height of the caption's line.
pub const CAPTION_LINE: f64 = 15.0;
/// Font size of container titles (bold).
pub const TITLE_FONT: f64 = 13.0;
/// Height of a container's title band.
pub const TITLE_BAND: f64 = 28.0;
/// Size of the icon before a container's title.
pub const TITLE_ICON: f64 = 16.0;
/// Space between a container's border and its children.
pub const PADDING: f64 = 24.0;
/// Horizontal space between a node's border and its icon or text.
pub const NODE_PAD_X: f64 = 12.0;
/// Vertical space between a node's border and its text.
pub const NODE_PAD_Y: f64 = 10.0;
/// Size of a node's icon.
pub const ICON: f64 = 32.0;
/// Space between a node's icon and its text.
pub const ICON_GAP: f64 = 10.0;
/// Widest line of a node label; longer labels wrap.
pub const LABEL_MAX_W: f64 = 170.0;
/// Smallest node width.
pub const NODE_MIN_W: f64 = 120.0;
/// Font size of the diagram title.
pub const DIAGRAM_TITLE_FONT: f64 = 20.0;
/// Height reserved for the diagram title.
pub const DIAGRAM_TITLE_BAND: f64 = 44.0;
/// Space around the whole drawing.
pub const MARGIN: f64 = 20.0;
/// Font size of edge labels.
pub const EDGE_FONT: f64 = 12.0;
/// Line height of edge labels.
pub const EDGE_LINE: f64 = 15.0;
/// Widest line of an edge label; longer labels wrap.
pub const EDGE_LABEL_MAX_W: f64 = 150.0;

/// The lines a node label is drawn on: its own lines, wrapped to [`LABEL_MAX_W`].
pub fn label_lines(label: &str) -> Vec<String> {
    wrap(label, FONT, false, LABEL_MAX_W)
}

/// Height of a node's text block: its label lines and the caption.
pub fn text_block_height(lines: usize) -> f64 {
    lines as f64 * LINE + CAPTION_LINE
}

/// The patch a container's icon and title are drawn on, at the top left of
/// the container's rectangle `r`. Drawn after the edges: an edge that
/// enters the container through this patch passes under its title.
pub fn title_patch(r: Rect, title: &str) -> Rect {
    let text_w = text_width(&container_title(title), TITLE_FONT, true);
    let w = (TITLE_ICON + 8.0 + text_w + 4.0)
        .min(r.width() - 16.0)
        .max(0.0);
    Rect::new(r.left + 8.0, r.top + 4.0, w, TITLE_ICON + 4.0)
}

/// The one line a container's title is drawn on.
pub fn container_title(title: &str) -> String {
    title.replace('\n', " ")
}

/// The lines of an edge label: the label, wrapped to [`EDGE_LABEL_MAX_W`].
pub fn edge_label_lines(label: &str) -> Vec<String> {
    wrap(label, EDGE_FONT, false, EDGE_LABEL_MAX_W)
}

/// Width and height of the box behind edge label lines.
pub fn edge_label_box(lines: &[String]) -> (f64, f64) {
    let w = lines
        .iter()
        .map(|l| text_width(l, EDGE_FONT, false))
        .fold(0.0, f64::max);
    (w + 10.0, lines.len() as f64 * EDGE_LINE + 4.0)
}
