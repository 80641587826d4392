//! Text width, in two units: terminal columns (for carets under source lines)
//! and advance widths in em (for sizing boxes around labels).

/// Whether a character is drawn double-width: Hangul, CJK ideographs, kana,
/// full-width forms and most emoji. Such glyphs are about 1 em wide in the
/// fonts we target (Noto Sans CJK, Nanum Gothic: 0.94–1.0 em).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F        // Hangul Jamo (initial consonants)
        | 0x2E80..=0x303E      // CJK radicals, punctuation
        | 0x3041..=0x33FF      // kana, Hangul compatibility Jamo, CJK symbols
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA000..=0xA4CF      // Yi
        | 0xA960..=0xA97F      // Hangul Jamo extended A
        | 0xAC00..=0xD7A3      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE30..=0xFE4F      // CJK compatibility forms
        | 0xFF00..=0xFF60      // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F    // emoji
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD) // CJK extensions B and beyond
}

/// Columns a string takes in a terminal: wide characters count two, tabs four.
pub fn display_columns(s: &str) -> usize {
    if s.is_ascii() {
        // The common case, a byte at a time.
        return s.bytes().map(|b| char_columns(char::from(b))).sum();
    }
    s.chars().map(char_columns).sum()
}

/// Columns one character takes in a terminal (see [`display_columns`]).
pub fn char_columns(c: char) -> usize {
    match c {
        '\t' => 4,
        c if is_wide(c) => 2,
        c if c.is_control() => 0,
        _ => 1,
    }
}

/// `s` padded with spaces to `columns` terminal columns (wide characters
/// count two), like `{:<columns}` for text that may hold Hangul.
pub fn pad(s: &str, columns: usize) -> String {
    let fill = columns.saturating_sub(display_columns(s));
    format!("{s}{}", " ".repeat(fill))
}

/// Advance widths of ASCII 32..=126 in thousandths of an em, read from
/// Liberation Sans Regular (metric-compatible with Arial and Helvetica, the
/// first fonts of our stack) with fontTools: `hmtx` advance / unitsPerEm.
const ASCII_REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// The same for Liberation Sans Bold (container titles are bold).
const ASCII_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, //
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, //
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, //
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, //
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, //
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, //
];

/// Width of one character in em. Wide characters are 1 em; other non-ASCII
/// characters (accented Latin, Greek, ...) are taken as a typical 0.6 em.
pub fn char_em(c: char, bold: bool) -> f64 {
    let code = c as u32;
    if (32..=126).contains(&code) {
        let table = if bold { &ASCII_BOLD } else { &ASCII_REGULAR };
        f64::from(table[(code - 32) as usize]) / 1000.0
    } else if is_wide(c) {
        1.0
    } else if c.is_control() {
        0.0
    } else {
        0.6
    }
}

/// Width of a one-line string in pixels at `font_size` pixels per em.
pub fn text_width(s: &str, font_size: f64, bold: bool) -> f64 {
    s.chars().map(|c| char_em(c, bold)).sum::<f64>() * font_size
}

/// The lines a label is drawn on: a new line at each `\n`, and lines wider
/// than `max_width` pixels broken at spaces (or, for a word that is itself
/// too wide, such as a run of Hangul without spaces, between characters).
/// Layout measures and the renderer draws exactly these lines.
pub fn wrap(label: &str, font_size: f64, bold: bool, max_width: f64) -> Vec<String> {
    // A width is a sum of advances taken left to right, as `text_width`
    // takes it, so a line's sum grows by each character added, to the same
    // bits as measuring the line again (which made a long word quadratic).
    let em = |c: char| char_em(c, bold);
    let mut out = Vec::new();
    for line in label.split('\n') {
        let mut current = String::new();
        let mut current_em = 0.0;
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            let start = if current.is_empty() {
                0.0
            } else {
                current_em + em(' ')
            };
            let joined_em = word.chars().fold(start, |sum, c| sum + em(c));
            if joined_em * font_size <= max_width {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                current_em = joined_em;
                continue;
            }
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
                current_em = 0.0;
            }
            // The word alone is too wide: break it between characters.
            for c in word.chars() {
                let next_em = current_em + em(c);
                if next_em * font_size > max_width && !current.is_empty() {
                    out.push(std::mem::replace(&mut current, c.to_string()));
                    current_em = em(c);
                } else {
                    current.push(c);
                    current_em = next_em;
                }
            }
        }
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_explicit_lines() {
        let lines = wrap("RDS MySQL primary database\nsecond", 14.0, false, 100.0);
        assert_eq!(lines, ["RDS MySQL", "primary", "database", "second"]);
        for l in &lines {
            assert!(text_width(l, 14.0, false) <= 100.0, "{l}");
        }
        assert_eq!(wrap("short", 14.0, false, 100.0), ["short"]);
        assert_eq!(wrap("", 14.0, false, 100.0), [""]);
    }

    /// `wrap` as it was written first, measuring every candidate line again.
    fn wrap_by_measuring(label: &str, font_size: f64, bold: bool, max_width: f64) -> Vec<String> {
        let width = |s: &str| text_width(s, font_size, bold);
        let mut out = Vec::new();
        for line in label.split('\n') {
            let mut current = String::new();
            for word in line.split(' ').filter(|w| !w.is_empty()) {
                let joined = if current.is_empty() {
                    word.to_string()
                } else {
                    format!("{current} {word}")
                };
                if width(&joined) <= max_width {
                    current = joined;
                    continue;
                }
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                for c in word.chars() {
                    let mut next = current.clone();
                    next.push(c);
                    if width(&next) > max_width && !current.is_empty() {
                        out.push(std::mem::replace(&mut current, c.to_string()));
                    } else {
                        current = next;
                    }
                }
            }
            out.push(current);
        }
        out
    }

    #[test]
    fn wrap_adds_widths_as_measuring_does() {
        let labels = [
            "RDS MySQL primary database\nsecond",
            "  leading  and   trailing  ",
            "주문서비스게이트 and a mixed 주문 line with ümlauts é",
            "https://very-long-host-name.example.com/path?q=1&r=2 then words",
            "\n\nempty lines\n",
            "",
            "a\tb\u{1}c WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
        ];
        let long = "x".repeat(1000) + " " + &"Wy ".repeat(200);
        for label in labels.iter().copied().chain([long.as_str()]) {
            for (size, bold, max) in [
                (14.0, false, 100.0),
                (11.0, true, 37.5),
                (12.0, false, 180.0),
                (9.0, false, 3.0),
            ] {
                assert_eq!(
                    wrap(label, size, bold, max),
                    wrap_by_measuring(label, size, bold, max),
                    "{label:?} at {size} {bold} {max}"
                );
            }
        }
    }

    #[test]
    fn wrap_breaks_long_words_between_characters() {
        // Seven Hangul syllables are 98 px at 14 px: five fit in 70 px.
        let lines = wrap("주문서비스게이트", 14.0, false, 70.0);
        assert_eq!(lines, ["주문서비스", "게이트"]);
        let url = "https://very-long-host-name.example.com/path";
        for l in wrap(url, 12.0, false, 80.0) {
            assert!(text_width(&l, 12.0, false) <= 80.0, "{l}");
        }
        assert_eq!(wrap(url, 12.0, false, 80.0).concat(), url);
    }

    #[test]
    fn hangul_is_about_twice_a_latin_letter() {
        let latin = text_width("order", 14.0, false);
        let korean = text_width("주문서비", 14.0, false);
        assert!((latin - 14.0 * (0.556 * 3.0 + 0.333 * 2.0)).abs() < 1e-9);
        assert_eq!(korean, 56.0);
        assert_eq!(display_columns("a주b"), 4);
    }
}
