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
    s.chars()
        .map(|c| match c {
            '\t' => 4,
            c if is_wide(c) => 2,
            c if c.is_control() => 0,
            _ => 1,
        })
        .sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_about_twice_a_latin_letter() {
        let latin = text_width("order", 14.0, false);
        let korean = text_width("주문서비", 14.0, false);
        assert!((latin - 14.0 * (0.556 * 3.0 + 0.333 * 2.0)).abs() < 1e-9);
        assert_eq!(korean, 56.0);
        assert_eq!(display_columns("a주b"), 4);
    }
}
