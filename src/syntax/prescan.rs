//! A quick pass over the raw text, before the grammar runs, for the errors a
//! PEG parser reports badly: an unterminated string (reported at its opening
//! quote, not at the end of the line), a bad escape, a `{` or `[` never
//! closed (reported at the opener, not at the end of the file), and nesting deeper than
//! [`MAX_DEPTH`] (which would otherwise exhaust the stack).

use super::errors;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The deepest nesting of `{` and `[` accepted. Real diagrams nest fewer than
/// ten levels (region > vpc > az > subnet > group); the limit keeps every
/// recursive stage (parser, lowering, layout) far from the stack's end.
pub const MAX_DEPTH: usize = 100;

/// Returns the errors found; empty when the text may be handed to the grammar.
pub fn prescan(text: &str) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut mismatched = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => skip_line(&mut chars),
            '/' if matches!(chars.peek(), Some((_, '/'))) => skip_line(&mut chars),
            '"' => {
                if let Some(error) = string(i, &mut chars, &mut errors) {
                    errors.push(error);
                }
            }
            '{' | '[' => {
                open.push((c, i));
                if open.len() > MAX_DEPTH {
                    errors.push(errors::too_deep(Span::new(i, i + 1), MAX_DEPTH));
                    return errors;
                }
            }
            '}' | ']' => match open.last() {
                Some(&(o, _)) if (o == '{') == (c == '}') => {
                    open.pop();
                }
                // A stray or mismatched closer: the grammar words that better.
                _ => mismatched = true,
            },
            _ => {}
        }
    }
    if let (Some(&(c, i)), false, true) = (open.last(), mismatched, errors.is_empty()) {
        errors.push(errors::unclosed(Span::new(i, i + 1), c));
    }
    errors
}

/// Characters with their byte offsets, one of look-ahead.
pub(super) type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// Skips to the end of the line (a comment), leaving the line break.
pub(super) fn skip_line(chars: &mut Chars<'_>) {
    while let Some((_, c)) = chars.peek() {
        if *c == '\n' || *c == '\r' {
            return;
        }
        chars.next();
    }
}

/// Scans a string whose opening quote is at `open`; returns an error if it
/// never closes on its line. Bad escapes are pushed to `errors`.
fn string(open: usize, chars: &mut Chars<'_>, errors: &mut Vec<Diagnostic>) -> Option<Diagnostic> {
    while let Some((i, c)) = chars.peek().copied() {
        match c {
            '"' => {
                chars.next();
                return None;
            }
            '\n' | '\r' => break,
            '\\' => {
                chars.next();
                match chars.peek().copied() {
                    Some((_, '"' | '\\' | 'n')) => {
                        chars.next();
                    }
                    Some((j, e)) if e != '\n' && e != '\r' => {
                        errors.push(errors::bad_escape(Span::new(i, j + e.len_utf8()), e));
                        chars.next();
                    }
                    _ => {}
                }
            }
            _ => {
                chars.next();
            }
        }
    }
    Some(errors::unterminated_string(Span::new(open, open + 1)))
}
