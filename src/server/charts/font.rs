//! Text measurement with the shipped font (DejaVu Sans, `assets/fonts/`).
//!
//! The SVG names the same family first, so where it is installed (Debian's
//! Chromium uses it for `sans-serif`) labels render at the measured width;
//! elsewhere Verdana and then the browser's sans-serif stand in. Nothing is
//! fetched: the font's advance widths are read from the embedded file.

use std::sync::OnceLock;

/// The `font-family` written into every chart.
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

static FONT: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

struct Metrics {
    units_per_em: f64,
    /// Advance widths of U+0000–U+2FFF in font units; 0 where missing.
    advances: Vec<u16>,
    fallback: u16,
}

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| match ttf_parser::Face::parse(FONT, 0) {
        Ok(face) => {
            let advance = |c: char| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0)
            };
            Metrics {
                units_per_em: f64::from(face.units_per_em()),
                advances: (0u32..0x3000)
                    .map(|u| char::from_u32(u).map_or(0, advance))
                    .collect(),
                fallback: advance('M'),
            }
        }
        // The file is compiled in and tested; an average width stands in
        // should it ever fail to parse.
        Err(_) => Metrics {
            units_per_em: 2048.0,
            advances: Vec::new(),
            fallback: 1300,
        },
    })
}

/// The width of `text` in pixels at `px` font size.
pub fn text_width(text: &str, px: f64) -> f64 {
    let m = metrics();
    let units: f64 = text
        .chars()
        .map(|c| {
            let a = m.advances.get(c as usize).copied().unwrap_or(0);
            f64::from(if a == 0 { m.fallback } else { a })
        })
        .sum();
    units * px / m.units_per_em
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_real_font() {
        // DejaVu Sans: "0" advances 1303 of 2048 units; "i" 569.
        assert!((text_width("0", 2048.0) - 1303.0).abs() < 0.5);
        assert!((text_width("i", 2048.0) - 569.0).abs() < 0.5);
        assert!(text_width("$1,000k", 13.0) > text_width("$1k", 13.0));
        assert!(text_width("¥€", 13.0) > 0.0);
    }
}
