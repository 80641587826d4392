//! Sizes of boxes from their text: nodes fit their icon, wrapped label and
//! kind caption; containers their icon and title; edge captions their lines.
//! The fonts, paddings and line wrapping come from [`crate::scene::metrics`]
//! (re-exported here), which the renderer draws by, so the drawn text and the
//! measured box always agree.

pub use crate::scene::metrics::*;
use crate::text::text_width;

/// Size of a component's box: an icon on the left, then the wrapped label
/// lines with a caption (its kind) under them.
pub fn node_size(label: &str, caption: &str) -> (f64, f64) {
    let lines = label_lines(label);
    let text_w = lines
        .iter()
        .map(|l| text_width(l, FONT, false))
        .fold(0.0, f64::max)
        .max(text_width(caption, CAPTION_FONT, false));
    let w = (2.0 * NODE_PAD_X + ICON + ICON_GAP + text_w)
        .max(NODE_MIN_W)
        .ceil();
    let h = (text_block_height(lines.len()).max(ICON) + 2.0 * NODE_PAD_Y).ceil();
    (w, h)
}

/// The smallest width that holds a container's icon and title.
pub fn container_min_width(title: &str) -> f64 {
    (text_width(&container_title(title), TITLE_FONT, true) + TITLE_ICON + 6.0 + 2.0 * PADDING)
        .ceil()
}

/// The caption of a model edge, from its label, `protocol` and `port`.
pub fn model_caption(e: &crate::model::Edge) -> (Vec<String>, usize) {
    let port = e.attrs.number("port").map(|p| p as i64);
    edge_caption(e.label.as_deref(), e.attrs.text("protocol"), port)
}

/// What an edge's caption reads, as lines: its label (wrapped), then the
/// protocol line (`HTTPS :443`) when a protocol is given and says more than
/// the label. Returns the lines and how many of them are the label's.
/// Layout reserves room for exactly these lines; rendering draws them.
pub fn edge_caption(
    label: Option<&str>,
    protocol: Option<&str>,
    port: Option<i64>,
) -> (Vec<String>, usize) {
    let mut lines = label.map(edge_label_lines).unwrap_or_default();
    let label_count = lines.len();
    let Some(proto) = protocol else {
        return (lines, label_count);
    };
    let proto = proto.to_uppercase();
    let protocol_line = match port {
        Some(p) => format!("{proto} :{p}"),
        None => proto.clone(),
    };
    let Some(label) = label else {
        return (vec![protocol_line], 0);
    };
    // A caption says a thing once: no protocol line under a label that
    // already names the protocol (and the port, when one is given), and a
    // label that is only the protocol gives way to the protocol line.
    let upper = label.to_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let names_proto = words.contains(&proto.as_str());
    let names_port = port.is_none_or(|p| words.contains(&p.to_string().as_str()));
    if label.trim().eq_ignore_ascii_case(&proto) {
        (vec![protocol_line], 0)
    } else if names_proto && names_port {
        (lines, label_count)
    } else {
        lines.push(protocol_line);
        (lines, label_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A caption says a thing once.
    #[test]
    fn captions_do_not_repeat_the_protocol() {
        let caption = |l: Option<&str>, p: Option<&str>, port| edge_caption(l, p, port).0;
        assert_eq!(caption(Some("HTTP"), Some("http"), Some(80)), ["HTTP :80"]);
        assert_eq!(
            caption(Some("HTTP 8080"), Some("http"), Some(8080)),
            ["HTTP 8080"]
        );
        assert_eq!(caption(Some("HTTPS"), Some("https"), None), ["HTTPS"]);
        assert_eq!(
            caption(Some("read/write"), Some("sql"), Some(3306)),
            ["read/write", "SQL :3306"]
        );
        assert_eq!(caption(Some("HTTP"), Some("http"), Some(8080)).len(), 1);
        assert_eq!(
            caption(Some("gRPC call"), Some("grpc"), Some(50051)),
            ["gRPC call", "GRPC :50051"]
        );
        assert_eq!(caption(None, Some("https"), Some(443)), ["HTTPS :443"]);
    }

    #[test]
    fn korean_labels_get_wider_boxes_than_latin_of_same_length() {
        let (latin, _) = node_size("Order api", "service");
        let (korean, _) = node_size("주문 서비스 주문", "service");
        assert!(korean > latin);
        // 7 Hangul syllables at 1 em plus 2 spaces, the icon and padding.
        let text = 7.0 * 14.0 + 2.0 * 0.278 * 14.0;
        assert_eq!(korean, (text + 2.0 * NODE_PAD_X + ICON + ICON_GAP).ceil());
    }

    #[test]
    fn multi_line_labels_are_taller() {
        assert!(node_size("a\nb", "ec2").1 > node_size("a", "ec2").1);
    }

    #[test]
    fn long_labels_wrap_instead_of_widening_the_box() {
        let long = "Secrets Manager (DB credentials, 30-day rotation)";
        let (w, h) = node_size(long, "secrets");
        assert!(w <= 2.0 * NODE_PAD_X + ICON + ICON_GAP + LABEL_MAX_W + 1.0);
        assert!(h > node_size("Secrets", "secrets").1);
        let korean = "프라이빗데이터서브넷프라이빗데이터서브넷";
        assert!(
            node_size(korean, "subnet").0 <= 2.0 * NODE_PAD_X + ICON + ICON_GAP + LABEL_MAX_W + 1.0
        );
        for line in label_lines(long) {
            assert!(text_width(&line, FONT, false) <= LABEL_MAX_W);
        }
    }
}
