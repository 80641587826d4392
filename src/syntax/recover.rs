//! Error recovery for the grammar: after a syntax error, the statement that
//! holds it is blanked out (every character but line breaks becomes a space,
//! so offsets, lines and columns stay put) and the file is parsed again, up
//! to [`MAX_SYNTAX_ERRORS`] times. Blanking the whole statement, not just the
//! bad token, is what keeps one slip from causing follow-on errors.

use super::prescan::{Chars, skip_line};

/// The most syntax errors reported for one file.
pub const MAX_SYNTAX_ERRORS: usize = 50;

/// One statement's extent in the text: `start..end`, `end` being the
/// separator (line break, `;`) or closing brace that ends it. A declaration
/// with a block spans its whole block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extent {
    /// Its first character.
    pub start: usize,
    /// One past its last character (the separator is not part of it).
    pub end: usize,
}

/// The extents of every statement, at every depth, in order of their end.
/// Follows the grammar's rules for line breaks: free inside `[...]` and
/// after `,`, `:`, `{` and an edge operator; skips strings and comments.
pub fn statements(text: &str) -> Vec<Extent> {
    let mut out = Vec::new();
    let mut open_blocks: Vec<usize> = Vec::new();
    let mut current: Option<usize> = None;
    let mut brackets = 0usize;
    // The last two significant characters, to tell whether a line break continues.
    let mut last: [char; 2] = [' ', ' '];
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let continues = matches!(last[1], ',' | ':' | '{')
            || (last[1] == '>' && matches!(last[0], '-' | '~'))
            || (last[1] == '-' && last[0] == '-');
        match c {
            '#' => skip_line(&mut chars),
            '/' if matches!(chars.peek(), Some((_, '/'))) => skip_line(&mut chars),
            ' ' | '\t' | '\u{feff}' => {}
            '\n' | '\r' | ';' if brackets == 0 && (c == ';' || !continues) => {
                if let Some(s) = current.take() {
                    out.push(Extent { start: s, end: i });
                }
                last = [' ', ' '];
            }
            '\n' | '\r' => {}
            '"' => {
                current.get_or_insert(i);
                skip_string(&mut chars);
                last = [last[1], '"'];
            }
            '{' if brackets == 0 => {
                open_blocks.push(current.take().unwrap_or(i));
                last = [last[1], '{'];
            }
            '}' if brackets == 0 => {
                if let Some(s) = current.take() {
                    out.push(Extent { start: s, end: i });
                }
                match open_blocks.pop() {
                    // The declaration goes on to the separator after its block.
                    Some(s) => current = Some(s),
                    None => out.push(Extent {
                        start: i,
                        end: i + 1,
                    }),
                }
                last = [last[1], '}'];
            }
            _ => {
                current.get_or_insert(i);
                match c {
                    '[' => brackets += 1,
                    ']' => brackets = brackets.saturating_sub(1),
                    _ => {}
                }
                last = [last[1], c];
            }
        }
    }
    if let Some(s) = current {
        out.push(Extent {
            start: s,
            end: text.len(),
        });
    }
    for s in open_blocks {
        out.push(Extent {
            start: s,
            end: text.len(),
        });
    }
    out
}

/// How many `{` and `[` are open just before `pos` (strings and comments
/// skipped): tells a stray `}` from one that closes a block too early.
pub fn open_at(text: &str, pos: usize) -> (usize, usize) {
    let (mut braces, mut brackets) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= pos {
            break;
        }
        match c {
            '#' => skip_line(&mut chars),
            '/' if matches!(chars.peek(), Some((_, '/'))) => skip_line(&mut chars),
            '"' => skip_string(&mut chars),
            '{' => braces += 1,
            '}' => braces = braces.saturating_sub(1),
            '[' => brackets += 1,
            ']' => brackets = brackets.saturating_sub(1),
            _ => {}
        }
    }
    (braces, brackets)
}

fn skip_string(chars: &mut Chars<'_>) {
    while let Some((_, c)) = chars.peek().copied() {
        match c {
            '"' => {
                chars.next();
                return;
            }
            '\n' | '\r' => return,
            '\\' => {
                chars.next();
                if matches!(chars.peek(), Some((_, '"' | '\\'))) {
                    chars.next();
                }
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// The innermost statement that holds the error at `pos` (an error found at
/// the separator that ends a statement belongs to that statement).
pub fn holding(text: &str, pos: usize) -> Option<Extent> {
    statements(text)
        .into_iter()
        .filter(|e| e.start <= pos && pos <= e.end)
        .max_by_key(|e| (e.start, std::cmp::Reverse(e.end)))
}

/// Blanks `text[start..end]`: every character but a line break becomes as
/// many spaces as it has bytes. Returns whether anything visible was blanked.
pub fn blank(text: &mut String, start: usize, end: usize) -> bool {
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) || start >= end {
        return false;
    }
    let mut changed = false;
    let replaced: String = text[start..end]
        .chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            ' ' => " ".to_string(),
            _ => {
                changed = true;
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(start..end, &replaced);
    changed
}

/// Removes the statement holding the error at `pos` so that parsing can go
/// on; when no statement holds it, the rest of its line. Returns `false`
/// when nothing visible is left to remove there (recovery must stop).
pub fn skip_statement_at(text: &mut String, pos: usize) -> bool {
    let pos = pos.min(text.len());
    if let Some(e) = holding(text, pos)
        && blank(text, e.start, e.end)
    {
        return true;
    }
    let eol = text[pos..]
        .find(['\n', '\r'])
        .map_or(text.len(), |n| pos + n);
    blank(text, pos, eol)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        statements(src)
            .into_iter()
            .map(|e| &src[e.start..e.end])
            .collect()
    }

    #[test]
    fn statements_follow_the_grammars_line_breaks() {
        assert_eq!(
            texts("ec2 a\nec2 b [x: 1,\n y]; a ->\n b\n# c\nvpc v {\n  ec2 c\n}\n"),
            [
                "ec2 a",
                "ec2 b [x: 1,\n y]",
                "a ->\n b",
                "ec2 c",
                "vpc v {\n  ec2 c\n}"
            ]
        );
        // A statement runs to its separator, a trailing comment included.
        assert_eq!(
            texts("a -> b : \"x;y # z\" // c\n"),
            ["a -> b : \"x;y # z\" // c"]
        );
        assert_eq!(texts("}\nec2 a"), ["}", "ec2 a"]);
    }

    #[test]
    fn blanking_keeps_offsets_and_lines() {
        let mut t = "ec2 웹\nrds db".to_string();
        assert!(skip_statement_at(&mut t, 4));
        assert_eq!(t.len(), "ec2 웹\nrds db".len());
        assert!(t.ends_with("\nrds db"));
        assert!(t[..t.find('\n').unwrap()].trim().is_empty());
        let mut blank_line = "   \n".to_string();
        assert!(!skip_statement_at(&mut blank_line, 1));
    }
}
