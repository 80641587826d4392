//! The documented limits of the compiler, in one place, and the pass that
//! enforces those of a design on its AST, before lowering, layout or drawing
//! spend any time on it. Every limit is far above a real design (the biggest
//! in examples/ has a few dozen elements) and low enough that no input can
//! make a run take more than seconds or allocate more than a bounded amount.
//!
//! The same pass makes every string XML-safe: a code point that XML 1.0
//! forbids (controls other than tab and the line breaks, U+FFFE, U+FFFF)
//! would make the SVG unreadable, so it is left out, with a warning.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{SourceFile, Span};
use crate::syntax::{Ast, Attr, Stmt, StrLit, Value, ValueKind};

/// Largest input file (or standard input) read: 16 MiB.
pub const MAX_INPUT_BYTES: u64 = 16 << 20;
/// Largest lint configuration (`cloudgram.toml`) read: 1 MiB.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;
/// Most elements (components and containers) in one design (`E0120`).
pub const MAX_ELEMENTS: usize = 100_000;
/// Most edges in one design, all statements together (`E0121`).
pub const MAX_EDGES: usize = 250_000;
/// Longest string (label, title or string value), in characters (`E0122`).
pub const MAX_STRING_CHARS: usize = 1_000;
/// Most text that edge statements copy into their edges: the bytes of an
/// edge statement's label and attributes times the edges it expands to,
/// summed over the design (`E0123`). Bounds memory and output size.
pub const MAX_EXPANDED_BYTES: usize = 32 << 20;
/// Largest output (SVG, PNG or JSON) written: 256 MiB.
pub const MAX_OUTPUT_BYTES: usize = 256 << 20;
/// Most leaves `cloudgram generate` makes (its designs stay within the limits above).
pub const MAX_GENERATE_LEAVES: usize = 50_000;

/// Whether XML 1.0 allows the character in a document.
pub fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML forbids (no copy when there is none).
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| xml_allowed(*c)).collect())
    }
}

/// Refuses, before parsing, a text with more edge operators than the design
/// may have edges: every `->`, `~>`, `<->` or `--` outside strings and
/// comments is at least one edge (identifiers and bare words cannot hold
/// them), so the count is a lower bound of what [`check`] would count, and a
/// million-edge file is refused in milliseconds instead of after parsing.
pub fn precheck(text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut ops = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // A string: to the closing quote or the end of the line.
                i += 1;
                while i < bytes.len() && !matches!(bytes[i], b'"' | b'\n' | b'\r') {
                    let escape =
                        bytes[i] == b'\\' && !matches!(bytes.get(i + 1), Some(b'\n' | b'\r'));
                    i += if escape { 2 } else { 1 };
                }
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
                continue;
            }
            b'<' if bytes[i + 1..].starts_with(b"->") => {
                ops += 1;
                i += 3;
            }
            b'-' | b'~' if matches!(bytes.get(i + 1), Some(b'>')) => {
                ops += 1;
                i += 2;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                ops += 1;
                i += 2;
            }
            _ => i += 1,
        }
        if ops > MAX_EDGES {
            let at = i.saturating_sub(2);
            return Some(too_large(
                "E0121",
                "too-many-edges-in-design",
                crate::msg!("e0121-operators", limit = MAX_EDGES),
                Span::new(at, at),
                crate::msg!("e0121-help"),
            ));
        }
    }
    None
}

/// Checks the design-wide limits on `ast` and makes its strings XML-safe.
/// Returns errors for limits passed (the caller stops before lowering) and
/// warnings for replaced characters.
pub fn check(file: &SourceFile, ast: &mut Ast) -> Vec<Diagnostic> {
    let mut pass = Pass {
        file,
        elements: 0,
        edges: 0,
        expanded: 0,
        reported: [false; 3],
        out: Vec::new(),
    };
    pass.statements(&mut ast.statements);
    pass.out
}

struct Pass<'f> {
    file: &'f SourceFile,
    elements: usize,
    edges: usize,
    expanded: usize,
    /// Whether the element, edge and expanded-text limits were reported (once each).
    reported: [bool; 3],
    out: Vec<Diagnostic>,
}

impl Pass<'_> {
    fn statements(&mut self, stmts: &mut [Stmt]) {
        for stmt in stmts {
            match stmt {
                Stmt::Title(t) => self.string(&mut t.text),
                Stmt::Direction(_) => {}
                Stmt::Decl(d) => {
                    self.elements += 1;
                    if self.elements > MAX_ELEMENTS && !self.reported[0] {
                        self.reported[0] = true;
                        self.out.push(too_large(
                            "E0120",
                            "too-many-elements",
                            crate::msg!("e0120", limit = MAX_ELEMENTS),
                            d.span,
                            crate::msg!("e0120-help"),
                        ));
                    }
                    if let Some(label) = &mut d.label {
                        self.string(label);
                    }
                    self.attrs(&mut d.attrs);
                    if let Some(block) = &mut d.block {
                        self.statements(&mut block.statements);
                    }
                }
                Stmt::Edge(e) => {
                    let count = e
                        .endpoints
                        .windows(2)
                        .map(|w| w[0].len().saturating_mul(w[1].len()))
                        .fold(0, usize::saturating_add);
                    self.edges = self.edges.saturating_add(count);
                    if self.edges > MAX_EDGES && !self.reported[1] {
                        self.reported[1] = true;
                        self.out.push(too_large(
                            "E0121",
                            "too-many-edges-in-design",
                            crate::msg!("e0121", limit = MAX_EDGES),
                            e.span,
                            crate::msg!("e0121-help"),
                        ));
                    }
                    let payload = e.label.as_ref().map_or(0, |l| l.value.len())
                        + e.attrs.first().map_or(0, |first| {
                            let last = e.attrs.last().unwrap_or(first);
                            last.span.end.saturating_sub(first.span.start)
                        });
                    self.expanded = self.expanded.saturating_add(payload.saturating_mul(count));
                    if self.expanded > MAX_EXPANDED_BYTES && !self.reported[2] {
                        self.reported[2] = true;
                        self.out.push(too_large(
                            "E0123",
                            "too-much-edge-text",
                            crate::msg!("e0123", limit = MAX_EXPANDED_BYTES >> 20),
                            e.span,
                            crate::msg!("e0123-help"),
                        ));
                    }
                    if let Some(label) = &mut e.label {
                        self.string(label);
                    }
                    self.attrs(&mut e.attrs);
                }
            }
        }
    }

    fn attrs(&mut self, attrs: &mut [Attr]) {
        for a in attrs {
            if let Some(v) = &mut a.value {
                self.value(v);
            }
        }
    }

    fn value(&mut self, v: &mut Value) {
        match &mut v.kind {
            ValueKind::Str(s) => self.text(s, v.span),
            ValueKind::List(items) => {
                for item in items {
                    self.value(item);
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, s: &mut StrLit) {
        self.text(&mut s.value, s.span);
    }

    /// Checks one string's length and replaces characters XML forbids.
    fn text(&mut self, text: &mut String, span: Span) {
        // Bytes bound characters from above: only long strings are counted.
        if text.len() > MAX_STRING_CHARS {
            let chars = text.chars().count();
            if chars > MAX_STRING_CHARS {
                self.out.push(too_large(
                    "E0122",
                    "string-too-long",
                    crate::msg!("e0122", chars = chars, limit = MAX_STRING_CHARS),
                    Span::new(span.start, span.start + 1),
                    crate::msg!("e0122-help"),
                ));
                // The design stops here: no need to look at its characters.
                return;
            }
        }
        if let std::borrow::Cow::Owned(clean) = xml_safe(text) {
            // Escapes never produce a forbidden character, so the first one
            // is in the source text of the literal as written.
            let source = self.file.slice(span);
            let (at, c) = source
                .char_indices()
                .find(|(_, c)| !xml_allowed(*c))
                .unwrap_or((0, '\u{FFFD}'));
            let start = span.start + at;
            self.out.push(
                Diagnostic::new(
                    Severity::Warning,
                    "W0010",
                    "character-not-drawable",
                    crate::msg!("w0010", char = format!("U+{:04X}", u32::from(c))),
                    Span::new(start, start + c.len_utf8()),
                )
                .with_span_message(crate::msg!("w0010-note"))
                .with_help(crate::msg!("w0010-help")),
            );
            *text = clean;
        }
    }
}

fn too_large(
    code: &'static str,
    name: &'static str,
    message: crate::i18n::Message,
    span: Span,
    help: crate::i18n::Message,
) -> Diagnostic {
    Diagnostic::new(Severity::Error, code, name, message, span)
        .with_span_message(crate::msg!("limit-note"))
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precheck_counts_operators_outside_strings_and_comments() {
        let edges = "a -> b\n".repeat(MAX_EDGES);
        assert!(precheck(&edges).is_none());
        let one_more = format!("{edges}a <-> b");
        assert_eq!(precheck(&one_more).map(|d| d.code), Some("E0121"));
        let hidden = format!("{edges}\"a -> b\" # -> \n// ~> --\n\"x\\\" -- \"");
        assert!(precheck(&hidden).is_none());
    }

    #[test]
    fn xml_forbids_controls_and_the_two_nonchars_at_the_end_of_the_bmp() {
        for c in [
            '\u{0}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(!xml_allowed(c), "{c:?}");
        }
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            '주',
            '\u{FFFD}',
            '\u{10000}',
            '\u{10FFFF}',
        ] {
            assert!(xml_allowed(c), "{c:?}");
        }
        assert_eq!(xml_safe("a\u{FFFF}b\u{0}c"), "abc");
        assert!(matches!(xml_safe("plain"), std::borrow::Cow::Borrowed(_)));
    }
}
