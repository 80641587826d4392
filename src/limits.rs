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
    // In a `str` (no surrogates) XML forbids only the ASCII controls but
    // tab and line ends, and U+FFFE and U+FFFF: one pass over the bytes
    // (U+FFFE and U+FFFF are searched for only when it met a byte past
    // ASCII) answers for a drawing of many megabytes.
    let (controls, ascii) = scan(text.as_bytes());
    if !controls && (ascii || (!text.contains('\u{FFFE}') && !text.contains('\u{FFFF}'))) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|c| xml_allowed(*c)).collect())
    }
}

/// Whether `bytes` hold a control character XML forbids, and whether they
/// are all ASCII. Eight bytes at a time: a word with no byte below 0x20
/// (where `b - 0x20` borrows into a clear top bit) and none past ASCII is
/// passed at once, the others byte by byte. Checking every byte of a big
/// drawing on its own was a few per cent of its render.
fn scan(bytes: &[u8]) -> (bool, bool) {
    const LOW: u64 = 0x2020_2020_2020_2020;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let forbidden = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    let mut ascii = true;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for word in words {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if (w.wrapping_sub(LOW) | w) & HIGH != 0 {
            ascii &= w & HIGH == 0;
            if word.iter().any(|&b| forbidden(b)) {
                return (true, ascii);
            }
        }
    }
    ascii &= tail.is_ascii();
    (tail.iter().any(|&b| forbidden(b)), ascii)
}

/// Refuses, before parsing, a text that must pass the edge, element or
/// string limit, so that such an input costs milliseconds instead of a parse
/// (the grammar spends about 150 ns on each character of a string).
///
/// It is one pass over the bytes that skips comments and strings, and every
/// count it keeps is a lower bound of what [`check`] counts on the AST of
/// the same text, so a design within the limits is never refused here (a
/// text that does not parse may be refused here instead of getting its
/// syntax errors: it is no design). Outside comments and strings:
///
/// - *Edges*: every `->`, `~>`, `<->` or `--` outside `[...]` is an edge
///   operator of an edge statement, and each joins at least one edge.
///   Inside brackets `--` can be part of a bare word (`[ref: a--b]`), so
///   operators there are not counted.
/// - *Elements*: two words separated only by spaces or tabs, outside
///   `[...]`, are the kind and ID of a declaration; no other statement puts
///   two words side by side except `direction right`, which is left out.
///   Each declaration has one such pair, so pairs are at most declarations.
/// - *Strings*: a string closed on its line holds its characters but one
///   for each escape (`\"`, `\\`, `\n`), exactly the characters [`check`]
///   counts. A string left open is the grammar's error (`E0002`), not
///   counted here.
///
/// Brackets opened inside a bare word's `//` (read here as a comment) or
/// left unclosed only make the counts smaller, never larger.
pub fn precheck(text: &str) -> Option<Diagnostic> {
    precheck_within(text, &Bounds::DOCUMENTED)
}

/// The limits [`precheck`] applies (smaller ones in tests).
struct Bounds {
    edges: usize,
    elements: usize,
    string_chars: usize,
}

impl Bounds {
    const DOCUMENTED: Bounds = Bounds {
        edges: MAX_EDGES,
        elements: MAX_ELEMENTS,
        string_chars: MAX_STRING_CHARS,
    };
}

fn precheck_within(text: &str, bounds: &Bounds) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut edges = 0usize;
    let mut elements = 0usize;
    // How deep in `[...]` the scan is: attribute lists hold no edge or declaration.
    let mut brackets = 0usize;
    // The start of the last word, and whether it is `direction`, while only
    // spaces or tabs followed it.
    let mut word_before: Option<(usize, bool)> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            // A byte order mark is a space to the grammar.
            0xEF if bytes[i..].starts_with("\u{FEFF}".as_bytes()) => {
                i += 3;
                continue;
            }
            b'"' => {
                let (chars, end) = string_chars(bytes, i);
                if let Some(chars) = chars.filter(|c| *c > bounds.string_chars) {
                    return Some(string_too_long(chars, i, bounds.string_chars));
                }
                i = end;
            }
            b'#' => i = line_end(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = line_end(bytes, i),
            b'[' => {
                brackets += 1;
                i += 1;
            }
            b']' => {
                brackets = brackets.saturating_sub(1);
                i += 1;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => {
                let start = i;
                i = word_end(bytes, i);
                let first = match word_before {
                    Some((first, direction)) if !direction && !bytes[start].is_ascii_digit() => {
                        Some(first)
                    }
                    _ => None,
                };
                word_before = None;
                if brackets > 0 {
                    continue;
                }
                if let Some(first) = first {
                    elements += 1;
                    if elements > bounds.elements {
                        return Some(too_many_elements(Span::new(first, i), bounds.elements));
                    }
                } else {
                    word_before = Some((start, &bytes[start..i] == b"direction"));
                }
                continue;
            }
            b'<' if bytes[i + 1..].starts_with(b"->") => {
                edges += usize::from(brackets == 0);
                i += 3;
            }
            b'-' | b'~' if bytes.get(i + 1) == Some(&b'>') => {
                edges += usize::from(brackets == 0);
                i += 2;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                edges += usize::from(brackets == 0);
                i += 2;
            }
            _ => i += 1,
        }
        word_before = None;
        if edges > bounds.edges {
            let at = i.saturating_sub(2);
            return Some(too_large(
                "E0121",
                "too-many-edges-in-design",
                crate::msg!("e0121-operators", limit = bounds.edges),
                Span::new(at, at),
                crate::msg!("e0121-help"),
            ));
        }
    }
    None
}

/// The end of the line that starts at or after `i` (a comment's end).
fn line_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The end of the word (identifier, kind or number) that starts at `i`:
/// letters, digits, `_`, and `-` when it does not start `->` or `--`, as
/// the grammar's `ident` reads it.
fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        let dash = b == b'-' && !matches!(bytes.get(i + 1), Some(b'>' | b'-'));
        if !(b.is_ascii_alphanumeric() || b == b'_' || dash) {
            break;
        }
        i += 1;
    }
    i
}

/// Scans the string whose opening quote is at `open`: the characters of its
/// value when it closes on its line (each escape is one character), and
/// where the scan goes on (after the closing quote, or at the line break).
fn string_chars(bytes: &[u8], open: usize) -> (Option<usize>, usize) {
    let mut chars = 0usize;
    let mut i = open + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return (Some(chars), i + 1),
            b'\n' | b'\r' => break,
            b'\\' if !matches!(bytes.get(i + 1), None | Some(b'\n' | b'\r')) => {
                // The escaped character is counted (and its first byte
                // skipped, so that `\"` does not close the string).
                chars += 1;
                i += 2;
            }
            _ => {
                // UTF-8: every byte but continuation bytes starts a character.
                chars += usize::from(b & 0xC0 != 0x80);
                i += 1;
            }
        }
    }
    (None, i)
}

fn too_many_elements(span: Span, limit: usize) -> Diagnostic {
    too_large(
        "E0120",
        "too-many-elements",
        crate::msg!("e0120", limit = limit),
        span,
        crate::msg!("e0120-help"),
    )
}

/// The error for a string of `chars` characters whose opening quote is at `open`.
fn string_too_long(chars: usize, open: usize, limit: usize) -> Diagnostic {
    too_large(
        "E0122",
        "string-too-long",
        crate::msg!("e0122", chars = chars, limit = limit),
        Span::new(open, open + 1),
        crate::msg!("e0122-help"),
    )
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
                        self.out.push(too_many_elements(d.span, MAX_ELEMENTS));
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
                self.out
                    .push(string_too_long(chars, span.start, MAX_STRING_CHARS));
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

    /// Declarations, edge operators and the longest string's characters of a
    /// text that parses, counted on its AST.
    fn ast_counts(text: &str) -> (usize, usize, usize) {
        fn value(v: &Value, longest: &mut usize) {
            match &v.kind {
                ValueKind::Str(s) => *longest = (*longest).max(s.chars().count()),
                ValueKind::List(items) => items.iter().for_each(|i| value(i, longest)),
                _ => {}
            }
        }
        fn walk(stmts: &[Stmt], counts: &mut (usize, usize, usize)) {
            let strings = |label: Option<&StrLit>, attrs: &[Attr], longest: &mut usize| {
                if let Some(l) = label {
                    *longest = (*longest).max(l.value.chars().count());
                }
                attrs
                    .iter()
                    .filter_map(|a| a.value.as_ref())
                    .for_each(|v| value(v, longest));
            };
            for stmt in stmts {
                match stmt {
                    Stmt::Title(t) => counts.2 = counts.2.max(t.text.value.chars().count()),
                    Stmt::Direction(_) => {}
                    Stmt::Decl(d) => {
                        counts.0 += 1;
                        strings(d.label.as_ref(), &d.attrs, &mut counts.2);
                        if let Some(b) = &d.block {
                            walk(&b.statements, counts);
                        }
                    }
                    Stmt::Edge(e) => {
                        counts.1 += e.ops.len();
                        strings(e.label.as_ref(), &e.attrs, &mut counts.2);
                    }
                }
            }
        }
        let ast = crate::syntax::parse(&SourceFile::new("t.cgr", text)).expect("parses");
        let mut counts = (0, 0, 0);
        walk(&ast.statements, &mut counts);
        counts
    }

    /// The precheck passes `text` with the limits set to its own counts and
    /// refuses it with each limit one lower: its counts are exact on `text`.
    fn assert_counted_exactly(name: &str, text: &str) {
        let (elements, edges, string_chars) = ast_counts(text);
        let exact = Bounds {
            edges,
            elements,
            string_chars,
        };
        assert!(precheck_within(text, &exact).is_none(), "{name}");
        let code = |bounds: Bounds| precheck_within(text, &bounds).map(|d| d.code);
        if elements > 0 {
            let fewer = Bounds {
                elements: elements - 1,
                ..exact
            };
            assert_eq!(code(fewer), Some("E0120"), "{name}");
        }
        if edges > 0 {
            let fewer = Bounds {
                edges: edges - 1,
                ..exact
            };
            assert_eq!(code(fewer), Some("E0121"), "{name}");
        }
        if string_chars > 0 {
            let fewer = Bounds {
                string_chars: string_chars - 1,
                ..exact
            };
            assert_eq!(code(fewer), Some("E0122"), "{name}");
        }
    }

    #[test]
    fn the_precheck_counts_exactly_the_declarations_operators_and_strings_of_the_examples() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "cgr") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_counted_exactly(&path.display().to_string(), &text);
                seen += 1;
            }
        }
        assert!(seen > 5);
    }

    #[test]
    fn the_precheck_counts_no_pair_of_words_that_is_not_a_declaration() {
        let text = "\u{FEFF}title \"ec2 a -> b\"\n\
            direction right\n\
            # ec2 x -> y\n\
            // ec2 x -- y\n\
            vpc main \"Main VPC\" [cidr: \"10.0.0.0/16\", ref: a--b, size: t3.large] {\n\
            \tec2\tweb-1 [replicas: 2..6, tags: [\"a b\", c--d, e]]\n\
            \t5gc\u{FEFF}core; title old\n\
            }\n\
            direction-x d \"say \\\"ec2 q\\\" and \\\\\" [note: \"주문 ec2 z\"]\n\
            web-1->core ~> old, d : \"a -> b\" [\n  protocol: grpc+tls,\n  ref: a--b--c\n]\n\
            main <-> d -- web-1\n";
        assert_eq!(ast_counts(text), (5, 4, 17));
        assert_counted_exactly("mixed", text);
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
        // Every byte, at every place in a word and in the tail.
        for at in 0..20 {
            for b in 0..=0x7fu8 {
                let mut text = vec![b'a'; 19];
                text.insert(at, b);
                let text = String::from_utf8(text).expect("ASCII");
                let forbidden = !xml_allowed(char::from(b));
                assert_eq!(
                    super::scan(text.as_bytes()),
                    (forbidden, true),
                    "{b} at {at}"
                );
            }
            let mut text = "a".repeat(19);
            text.insert(at, '\u{FFFF}');
            assert_eq!(super::scan(text.as_bytes()), (false, false), "{at}");
            assert_eq!(xml_safe(&text), "a".repeat(19));
        }
    }
}
