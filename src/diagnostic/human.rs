//! Compiler-style text for people:
//!
//! ```text
//! error[E0101]: duplicate id `web`
//!   --> shop.cgr:5:5
//!    |
//!  5 | ec2 web
//!    |     ^^^ declared again here
//!    |
//!   ::: shop.cgr:2:5
//!  2 | ec2 web
//!    |     --- first declared here
//!    = help: rename one of the two
//! ```

use super::Diagnostic;
use crate::i18n::Lang;
use crate::source::{SourceFile, Span};
use crate::text::{char_columns, display_columns};
use std::fmt::Write;

/// Source lines wider than this many columns are shown as a window around the span.
const MAX_SHOWN: usize = 100;

/// Renders one diagnostic against its source file, in the language of the
/// output ([`crate::i18n::current`]).
pub fn render(file: &SourceFile, d: &Diagnostic) -> String {
    render_in(file, d, crate::i18n::current())
}

/// Renders one diagnostic in `lang`. The frame (`error[CODE]:`, `-->`,
/// `help:`) is the same in every language, so tools that read it keep working.
pub fn render_in(file: &SourceFile, d: &Diagnostic, lang: Lang) -> String {
    let mut out = String::new();
    render_into(&mut out, file, d, lang);
    out
}

/// Appends one diagnostic, rendered in `lang`, to `out`.
fn render_into(out: &mut String, file: &SourceFile, d: &Diagnostic, lang: Lang) {
    let localized;
    let d = if lang == Lang::En {
        d
    } else {
        localized = d.in_lang(lang);
        &localized
    };
    let _ = write!(out, "{}[{}]: {}", d.severity, d.code, d.message);
    if d.suppressed {
        let _ = write!(out, " ({})", crate::i18n::tr(lang, "suppressed"));
    }
    out.push('\n');
    let at = file.line_col(d.span.start);
    let label_at: Vec<_> = d
        .labels
        .iter()
        .map(|l| file.line_col(l.span.start))
        .collect();
    let last_line = label_at.iter().map(|l| l.line).fold(at.line, usize::max);
    let gutter = last_line.checked_ilog10().unwrap_or(0) as usize + 1;
    let pad = Pad(gutter);

    let _ = writeln!(out, "{pad}--> {}:{}:{}", file.name, at.line, at.column);
    let _ = writeln!(out, "{pad} |");
    snippet(out, file, d.span, '^', d.span_message.as_deref(), gutter);
    for (label, at) in d.labels.iter().zip(&label_at) {
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{pad}::: {}:{}:{}", file.name, at.line, at.column);
        snippet(out, file, label.span, '-', Some(&label.message), gutter);
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
}

/// That many spaces, written without making a string of them (a report
/// of 100 000 findings writes a few of these per finding).
struct Pad(usize);

impl std::fmt::Display for Pad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:1$}", "", self.0)
    }
}

/// Renders many diagnostics, separated by blank lines, then a summary line.
pub fn render_all(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    render_all_into(&mut out, file, diagnostics);
    out
}

/// [`render_all`], appended to `out` (a report of many files is not
/// copied file by file).
pub fn render_all_into(out: &mut String, file: &SourceFile, diagnostics: &[Diagnostic]) {
    let lang = crate::i18n::current();
    for d in diagnostics {
        render_into(out, file, d, lang);
        out.push('\n');
    }
}

/// Whether `text` takes more than `columns` terminal columns, looking at no
/// more characters than needed to tell.
fn wider_than(text: &str, columns: usize) -> bool {
    // No character but a tab takes more columns than it has bytes.
    if text.len() <= columns && !text.contains('\t') {
        return false;
    }
    let mut seen = 0;
    for c in text.chars() {
        seen += char_columns(c);
        if seen > columns {
            return true;
        }
    }
    false
}

/// The start of `text` that fits in `columns` terminal columns.
fn up_to_columns(text: &str, columns: usize) -> &str {
    if !wider_than(text, columns) {
        return text;
    }
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        seen += char_columns(c);
        if seen > columns {
            return &text[..i];
        }
    }
    text
}

/// One source line with a marker under `span` (clipped to that line).
fn snippet(
    out: &mut String,
    file: &SourceFile,
    span: Span,
    mark: char,
    message: Option<&str>,
    gutter: usize,
) {
    let start = file.clamp(span.start);
    let line = file.line_index(start);
    let text = file.line_text(line);
    let line_start = file.line_start(line);
    let end = file.clamp(span.end.max(start)).min(line_start + text.len());
    // Show a window of a very long line (minified input), centred on the
    // span. Only the characters shown are looked at, so the time per
    // diagnostic does not grow with the line.
    let line_end = line_start + text.len();
    let (from, ellipsis) = if wider_than(&file.text[line_start..line_end], MAX_SHOWN) {
        match file.text[line_start..start]
            .char_indices()
            .rev()
            .nth(MAX_SHOWN / 2 - 1)
        {
            Some((i, _)) => (line_start + i, i > 0),
            None => (line_start, false),
        }
    } else {
        (line_start, false)
    };
    let shown = up_to_columns(&file.text[from..line_end], MAX_SHOWN);
    let prefix = if ellipsis { "..." } else { "" };
    let _ = write!(out, "{:>gutter$} | {prefix}", line + 1);
    // Trimming before tabs become spaces trims the same: both are blank.
    for piece in shown.trim_end().split_inclusive('\t') {
        match piece.strip_suffix('\t') {
            Some(text) => {
                out.push_str(text);
                out.push_str("    ");
            }
            None => out.push_str(piece),
        }
    }
    out.push('\n');
    let indent = prefix.len() + display_columns(&file.text[from..start]);
    let marked = &file.text[start..end.max(start)];
    let marked = match marked.char_indices().nth(MAX_SHOWN) {
        Some((cut, _)) => &marked[..cut],
        None => marked,
    };
    let width = display_columns(marked).clamp(1, MAX_SHOWN);
    let _ = write!(out, "{} | {}", Pad(gutter), Pad(indent));
    out.extend(std::iter::repeat_n(mark, width));
    match message {
        Some(m) => {
            let _ = writeln!(out, " {m}");
        }
        None => out.push('\n'),
    }
}
