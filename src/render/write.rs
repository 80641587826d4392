//! Serialises an `svg` document to text, byte for byte as the `svg` crate's
//! `Display` does, without its per-element allocations (a sorted copy of the
//! attributes and three string replacements for every value): on big
//! diagrams that formatting was two fifths of the whole run.

use svg::Node;
use svg::node::Value;

/// The document as text, exactly as `document.to_string()` would write it,
/// less any character that XML 1.0 forbids (a last resort: lowering already
/// removes them from labels, with a warning), so the result is always
/// well-formed.
pub fn to_string(document: &svg::Document) -> String {
    to_string_with_capacity(document, 1 << 16)
}

/// [`to_string`] into a string made `capacity` bytes long at the start (a
/// drawing of tens of megabytes is not copied again at every doubling).
pub fn to_string_with_capacity(document: &svg::Document, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    // The root is "bareable": its own children always go on lines of their own.
    element(document, true, &mut out);
    match crate::limits::xml_safe(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// Elements written one after the other as they are made, to go into a
/// document as one [`svg::node::Blob`]: the bytes are those the elements
/// would give as children of the document, without holding a tree of
/// hundreds of thousands of elements (and their attribute maps) until the end.
#[derive(Debug, Default)]
pub struct Run {
    text: String,
}

impl Run {
    /// An empty run with room for `capacity` bytes: a drawing of tens of
    /// megabytes is then not copied again at every doubling.
    pub fn with_capacity(capacity: usize) -> Run {
        Run {
            text: String::with_capacity(capacity),
        }
    }

    /// Writes `n` as the next child of the document.
    pub fn push(&mut self, n: &impl Node) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        node(n, n.is_bareable(), &mut self.text);
    }

    /// Writes `el` as the next child of the document.
    pub fn push_el(&mut self, el: &El) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        el.write(el.is_bareable(), &mut self.text);
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Nothing written yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The document with the run as its next children (none when empty).
    pub fn add_to(self, document: svg::Document) -> svg::Document {
        if self.text.is_empty() {
            document
        } else {
            document.add(svg::node::Blob::new(self.text))
        }
    }
}

/// An SVG element made and written without the `svg` crate's per-element
/// attribute map: the hot elements of a big drawing (containers, edges,
/// captions, components) are built as these and written straight into a
/// [`Run`], byte for byte as the same `svg` element would be written.
/// Where a drawing is still an `svg` tree (legend, overlays), an `El` goes
/// in as the `svg` element it stands for.
/// Attributes an [`El`] has room for from the start.
const ATTRIBUTES: usize = 8;

#[derive(Debug, Clone)]
pub struct El {
    name: &'static str,
    /// Sorted by name, the order the `svg` crate writes them in.
    attributes: Vec<(&'static str, String)>,
    children: Vec<Child>,
}

#[derive(Debug, Clone)]
enum Child {
    Element(El),
    Text(String),
}

impl El {
    /// An empty element: `g`, `rect`, `path`, `use`.
    pub fn new(name: &'static str) -> El {
        El {
            name,
            // Room for the attributes of the drawing's usual elements (a
            // path has up to eight): no growing one by one.
            attributes: Vec::with_capacity(ATTRIBUTES),
            children: Vec::new(),
        }
    }

    /// An element that starts with text, as `svg`'s `Text::new`,
    /// `TSpan::new` and `Title::new` make it (the text may be empty).
    pub fn with_text(name: &'static str, text: impl Into<String>) -> El {
        let mut el = El::new(name);
        el.children.push(Child::Text(text.into()));
        el
    }

    /// Sets an attribute (again: replaces it), its value written as the
    /// `svg` crate writes it.
    pub fn set(mut self, name: &'static str, value: impl Into<Value>) -> El {
        let value = String::from(value.into());
        match self.attributes.binary_search_by(|(n, _)| (*n).cmp(name)) {
            Ok(at) => self.attributes[at].1 = value,
            Err(at) => self.attributes.insert(at, (name, value)),
        }
        self
    }

    /// Appends a child element.
    #[allow(clippy::should_implement_trait)] // the `svg` crate's name: the drawing code reads the same
    pub fn add(mut self, child: El) -> El {
        self.children.push(Child::Element(child));
        self
    }

    /// `svg`'s `Text`, `SVG`, `Script` and `Style` put each child on a line
    /// of its own, text included.
    fn is_bareable(&self) -> bool {
        matches!(self.name, "text" | "svg" | "script" | "style")
    }

    fn write(&self, alternate: bool, out: &mut String) {
        out.push('<');
        out.push_str(self.name);
        for (key, value) in &self.attributes {
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            escape(value, Quotes::Escaped, out);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        let mut bare = false;
        for child in &self.children {
            bare = matches!(child, Child::Text(_)) && !alternate;
            if !bare {
                out.push('\n');
            }
            match child {
                Child::Element(e) => e.write(e.is_bareable(), out),
                Child::Text(text) => escape(text, Quotes::Kept, out),
            }
        }
        if !bare {
            out.push('\n');
        }
        out.push_str("</");
        out.push_str(self.name);
        out.push('>');
    }
}

impl From<El> for Box<dyn Node> {
    fn from(el: El) -> Box<dyn Node> {
        fn fill<N: Node>(
            mut svg: N,
            el: El,
            children: impl Iterator<Item = Child>,
        ) -> Box<dyn Node> {
            for (name, value) in el.attributes {
                svg.assign(name, value);
            }
            for child in children {
                match child {
                    Child::Element(e) => svg.append(e),
                    Child::Text(text) => svg.append(svg::node::Text::new(text)),
                }
            }
            Box::new(svg)
        }
        let mut el = el;
        let mut children = std::mem::take(&mut el.children).into_iter();
        if el.name == "text" {
            // `svg`'s own `Text` element, so that it keeps its line breaks.
            let first = match children.next() {
                Some(Child::Text(text)) => text,
                _ => unreachable!("an El `text` is made by El::with_text"),
            };
            fill(svg::node::element::Text::new(first), el, children)
        } else {
            fill(svg::node::element::Element::new(el.name), el, children)
        }
    }
}

/// Writes one node: an element through its name, attributes and children;
/// anything else (text, comments) through its own `Display`.
fn node(n: &dyn Node, alternate: bool, out: &mut String) {
    if n.get_attributes().is_some() {
        element(n, alternate, out);
    } else {
        use std::fmt::Write;
        let _ = write!(out, "{n}");
    }
}

fn element(n: &dyn Node, alternate: bool, out: &mut String) {
    let name = n.get_name();
    out.push('<');
    out.push_str(name);
    if let Some(attributes) = n.get_attributes() {
        let mut sorted: Vec<(&String, &Value)> = attributes.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (key, value) in sorted {
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            escape(value, Quotes::Escaped, out);
            out.push('"');
        }
    }
    let children = n.get_children().map_or(&[][..], |c| &c[..]);
    if children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    let mut bare = false;
    for child in children {
        bare = child.is_bare() && !alternate;
        if !bare {
            out.push('\n');
        }
        node(child.as_ref(), child.is_bareable(), out);
    }
    if !bare {
        out.push('\n');
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// What [`escape`] does with `"` and `'`: `svg` writes them as entities in
/// an attribute value and as they are in a text node.
#[derive(Clone, Copy, PartialEq)]
enum Quotes {
    Escaped,
    Kept,
}

/// `&`, `<` and `>` as entities, and `"` and `'` too where `quotes` says
/// so, in one pass.
fn escape(text: &str, quotes: Quotes, out: &mut String) {
    let quoted = quotes == Quotes::Escaped;
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>') || (quoted && matches!(b, b'"' | b'\''));
    if !text.bytes().any(special) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quoted => out.push_str("&quot;"),
            '\'' if quoted => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use svg::Document;
    use svg::node::element::{Group, Rectangle, TSpan, Text, Title};

    #[test]
    fn writes_exactly_what_the_svg_crate_writes() {
        let doc = Document::new()
            .set("viewBox", "0 0 10 10")
            .add(Title::new("a <b> & 'c'"))
            .add(
                Group::new()
                    .set("id", "g\"1\"")
                    .add(Rectangle::new().set("x", 1).set("width", 2))
                    .add(Text::new("").set("x", 3).add(TSpan::new("주문 & <script>")))
                    .add(Text::new("plain")),
            )
            .add(Group::new());
        assert_eq!(super::to_string(&doc), doc.to_string());
    }

    #[test]
    fn a_run_writes_what_the_children_write() {
        let children = || {
            [
                Group::new()
                    .set("id", "a")
                    .add(Rectangle::new().set("x", 1)),
                Group::new().set("class", "b &"),
                Group::new().add(Text::new("t").set("y", 2)),
            ]
        };
        let mut doc = Document::new().set("viewBox", "0 0 1 1");
        for c in children() {
            doc = doc.add(c);
        }
        let mut run = super::Run::default();
        for c in children() {
            run.push(&c);
        }
        let ran = run
            .add_to(Document::new().set("viewBox", "0 0 1 1"))
            .add(Title::new("after"));
        assert_eq!(
            super::to_string(&ran),
            super::to_string(&doc.add(Title::new("after")))
        );
        let empty = super::Run::default().add_to(Document::new());
        assert_eq!(super::to_string(&empty), super::to_string(&Document::new()));
    }

    #[test]
    fn an_el_writes_what_its_svg_element_writes() {
        use super::El;
        let el = || {
            El::new("g")
                .set("id", "n-\"1\"")
                .set("class", "node & <x>")
                .add(
                    El::new("rect")
                        .set("y", 2.5)
                        .set("x", 1)
                        .set("fill", "#fff"),
                )
                .add(
                    El::with_text("text", "")
                        .set("font-size", 13)
                        .add(El::with_text("tspan", "a <b> & 'c'").set("x", "3")),
                )
                .add(El::with_text("text", "kind").set("x", 1))
                .add(El::with_text("title", "words"))
                .add(El::new("path").set("d", "M0,0").set("d", "M1,1"))
        };
        let svg = Group::new()
            .set("id", "n-\"1\"")
            .set("class", "node & <x>")
            .add(
                Rectangle::new()
                    .set("y", 2.5)
                    .set("x", 1)
                    .set("fill", "#fff"),
            )
            .add(
                Text::new("")
                    .set("font-size", 13)
                    .add(TSpan::new("a <b> & 'c'").set("x", "3")),
            )
            .add(Text::new("kind").set("x", 1))
            .add(Title::new("words"))
            .add(svg::node::element::Path::new().set("d", "M1,1"));
        let mut run = super::Run::default();
        run.push_el(&el());
        let by_run = super::to_string(&run.add_to(Document::new()));
        assert_eq!(by_run, Document::new().add(svg.clone()).to_string());
        let converted = super::to_string(&Document::new().add(el()));
        assert_eq!(converted, Document::new().add(svg).to_string());
    }

    #[test]
    fn never_writes_a_character_xml_forbids() {
        let doc = Document::new().add(Title::new("a\u{FFFF}b\u{FFFE}\u{1}c"));
        let text = super::to_string(&doc);
        assert!(text.contains("<title>abc</title>"), "{text}");
    }
}
