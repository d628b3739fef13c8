//! Glyph widths for the standard 14 fonts, which PDFs may use without a `/Widths` array.
//!
//! Helvetica's AFM widths for printable ASCII (from Adobe's Core14 metrics); Times is
//! close enough for word-gap detection when scaled; Courier is fixed at 600.

/// Helvetica widths for ' ' (32) through '~' (126).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
    278, 278, 278, 469, 556, 333, // [\]^_`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
    334, 260, 334, 584, // {|}~
];

fn family(base_font: &str) -> &'static str {
    let name = base_font.to_ascii_lowercase();
    if name.contains("courier") || name.contains("mono") {
        "courier"
    } else if name.contains("times") || name.contains("serif") && !name.contains("sans") {
        "times"
    } else {
        "helvetica"
    }
}

/// Width of a glyph with no metrics at all.
pub(crate) fn default_width(base_font: &str) -> f32 {
    match family(base_font) {
        "courier" => 600.0,
        _ => 500.0,
    }
}

/// Fills `widths` for every code whose text (`texts`, indexed by code) is a single printable
/// ASCII character.
pub(crate) fn fill<'t>(base_font: &str, texts: impl Iterator<Item = Option<&'t str>>, widths: &mut [Option<f32>; 256]) {
    let fam = family(base_font);
    for (code, t) in texts.enumerate() {
        let Some(t) = t else { continue };
        let mut chars = t.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let w = match fam {
            "courier" => 600.0,
            _ if (' '..='~').contains(&c) => {
                let w = HELVETICA[c as usize - 32] as f32;
                if fam == "times" {
                    w * 0.9
                } else {
                    w
                }
            }
            _ => continue,
        };
        if let Some(slot) = widths.get_mut(code) {
            *slot = Some(w);
        }
    }
}
