//! Source files and spans: byte offsets inside, 1-based line and column only when shown.

use std::ops::Range;

/// A half-open byte range `start..end` into one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`, for "expected ..." errors.
    pub fn point(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    /// The smallest span that covers both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span as a range for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// One source file: its display name, its text and where each line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (`examples/shop.cgr`, or `<stdin>`).
    pub name: String,
    /// The whole text, as read.
    pub text: String,
    line_starts: Vec<usize>,
    /// `chars_before[k]`: characters in `text[..k * CHUNK]`, so a column is
    /// counted from the nearest checkpoint instead of the line's start (a
    /// minified file is one long line with many diagnostics on it).
    chars_before: Vec<usize>,
}

/// Bytes between two character-count checkpoints.
const CHUNK: usize = 256;

/// A 1-based line and column, as shown to users. Columns count characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl SourceFile {
    /// A source file named `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        let mut chars_before = Vec::with_capacity(text.len() / CHUNK + 1);
        let mut count = 0;
        for chunk in text.as_bytes().chunks(CHUNK) {
            chars_before.push(count);
            count += chars_in(chunk);
        }
        chars_before.push(count);
        SourceFile {
            name: name.into(),
            text,
            line_starts,
            chars_before,
        }
    }

    /// The index (0-based) of the line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = self.chars_up_to(offset) - self.chars_up_to(start) + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Characters in `text[..offset]`, in time bounded by [`CHUNK`].
    fn chars_up_to(&self, offset: usize) -> usize {
        let k = offset / CHUNK;
        self.chars_before[k] + chars_in(&self.text.as_bytes()[k * CHUNK..offset])
    }

    /// The text of the 0-based line `index`, without its line ending.
    pub fn line_text(&self, index: usize) -> &str {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of the start of 0-based line `index`.
    pub fn line_start(&self, index: usize) -> usize {
        self.line_starts[index]
    }

    /// `offset` moved back onto a character boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The source text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.clamp(span.start)..self.clamp(span.end)]
    }
}

/// Reads a text file of at most `limit` bytes without reading more than
/// that (`/dev/zero` is refused after `limit` bytes). Too large is an
/// `InvalidInput` error ("larger than the limit of N MiB"); not UTF-8 is
/// `InvalidData`.
pub fn read_to_string_limited(path: &std::path::Path, limit: u64) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind};
    let Some(bytes) = read_limited(path, limit)? else {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!("larger than the limit of {} MiB", limit >> 20),
        ));
    };
    String::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidData, "not UTF-8"))
}

/// Reads a whole file, or `None` when it holds more than `limit` bytes: a
/// regular file that says it is larger is not read at all, and one that
/// grows while read, or a device such as `/dev/zero`, is read only up to
/// the limit.
pub fn read_limited(path: &std::path::Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a directory",
        ));
    }
    // Files in /proc and the like say 0: the size is only a hint.
    let expected = if meta.is_file() { meta.len() } else { 0 };
    if expected > limit {
        return Ok(None);
    }
    read_to_limit(file, limit, expected)
}

/// Reads to the end, or `None` as soon as more than `limit` bytes came.
/// `expected` (what the reader said it holds, at most `limit`) sizes the
/// buffer once instead of doubling it.
pub fn read_to_limit(
    reader: impl std::io::Read,
    limit: u64,
    expected: u64,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(expected + 1).unwrap_or(0));
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Characters that start in `bytes` (UTF-8: every byte but continuation bytes).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count()
}

/// Byte offsets where lines start; LF, CRLF and lone CR all end a line.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_all_newline_styles() {
        let f = SourceFile::new("t", "ab\r\n가나x\rz\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), LineCol { line: 2, column: 3 });
        let z = f.text.find('z').unwrap();
        assert_eq!(f.line_col(z), LineCol { line: 3, column: 1 });
        assert_eq!(f.line_text(1), "가나x");
        assert_eq!(f.line_col(f.text.len()).line, 4);
    }

    #[test]
    fn columns_on_long_lines_count_characters_across_checkpoints() {
        let line: String = "가a".repeat(1000);
        let f = SourceFile::new("t", format!("x\n{line}"));
        for (i, (offset, _)) in line.char_indices().enumerate().step_by(97) {
            assert_eq!(
                f.line_col(2 + offset),
                LineCol {
                    line: 2,
                    column: i + 1
                }
            );
        }
        assert_eq!(f.line_col(f.text.len()).column, 2001);
    }
}
