//! Sizes of boxes from their text: nodes fit their label, containers their title.

use crate::text::text_width;

/// Font size of node labels, in pixels.
pub const FONT: f64 = 14.0;
/// Line height of node labels.
pub const LINE: f64 = 18.0;
/// Font size of the kind caption under a node's label.
pub const CAPTION_FONT: f64 = 11.0;
/// Font size of container titles (bold).
pub const TITLE_FONT: f64 = 13.0;
/// Height of a container's title band.
pub const TITLE_BAND: f64 = 28.0;
/// Space between a container's border and its children.
pub const PADDING: f64 = 24.0;
/// Horizontal space between a node's border and its text.
pub const NODE_PAD_X: f64 = 14.0;
/// Vertical space between a node's border and its text.
pub const NODE_PAD_Y: f64 = 10.0;
/// Smallest node width.
pub const NODE_MIN_W: f64 = 100.0;
/// Font size of the diagram title.
pub const DIAGRAM_TITLE_FONT: f64 = 20.0;
/// Height reserved for the diagram title.
pub const DIAGRAM_TITLE_BAND: f64 = 44.0;
/// Space around the whole drawing.
pub const MARGIN: f64 = 20.0;
/// Font size of edge labels.
pub const EDGE_FONT: f64 = 12.0;

/// The lines of a label (`\n` in a label starts a new line).
pub fn lines(label: &str) -> Vec<&str> {
    label.split('\n').collect()
}

/// Size of a component's box: its label lines, plus a caption with its kind.
pub fn node_size(label: &str, caption: &str) -> (f64, f64) {
    let lines = lines(label);
    let text_w = lines
        .iter()
        .map(|l| text_width(l, FONT, false))
        .fold(0.0, f64::max)
        .max(text_width(caption, CAPTION_FONT, false));
    let w = (text_w + 2.0 * NODE_PAD_X).max(NODE_MIN_W).ceil();
    let h = (lines.len() as f64 * LINE + CAPTION_FONT + 4.0 + 2.0 * NODE_PAD_Y).ceil();
    (w, h)
}

/// The smallest width that holds a container's title.
pub fn container_min_width(title: &str) -> f64 {
    (text_width(&title.replace('\n', " "), TITLE_FONT, true) + 2.0 * PADDING).ceil()
}

/// Width and height of an edge label's box.
pub fn edge_label_size(label: &str) -> (f64, f64) {
    let lines = lines(label);
    let w = lines
        .iter()
        .map(|l| text_width(l, EDGE_FONT, false))
        .fold(0.0, f64::max);
    (w + 8.0, lines.len() as f64 * (EDGE_FONT + 3.0) + 4.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_labels_get_wider_boxes_than_latin_of_same_length() {
        let (latin, _) = node_size("Order service api", "service");
        let (korean, _) = node_size("주문 서비스 주문 서비스 주문", "service");
        assert!(korean > latin);
        // 12 Hangul syllables at 1 em plus 4 spaces, padding on both sides.
        assert_eq!(korean, (12.0 * 14.0 + 4.0 * 0.278 * 14.0 + 28.0_f64).ceil());
    }

    #[test]
    fn multi_line_labels_are_taller() {
        assert!(node_size("a\nb", "ec2").1 > node_size("a", "ec2").1);
    }
}
