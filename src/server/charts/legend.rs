//! Where a chart's legend goes: in rows under the title on a wide chart,
//! under the plot on a narrow one, each entry wrapped to the chart's width
//! (measured with the shipped font), so that no label is cut.

use super::font::text_width;
use super::layout::{Key, Layout, LABEL_PX, MARGIN};

/// Height of a legend row on a wide chart.
const ROW: u32 = 22;
/// Height of a wrapped line on a narrow chart, and the gap between entries.
const LINE: u32 = 18;
const GAP: u32 = 6;
/// The line sample before each label.
pub const SWATCH: u32 = 26;
const SWATCH_GAP: u32 = 6;

/// One entry: its lines of text and its place, from the legend's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub lines: Vec<String>,
    pub x: u32,
    pub y: u32,
}

/// Splits `text` into lines no wider than `max_px`, at spaces; a word
/// wider than the line stands alone on its own line.
pub fn wrap(text: &str, max_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, LABEL_PX) > max_px {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The entries placed for a chart `width` px wide.
pub fn place(keys: &[Key], layout: Layout, width: u32) -> Vec<Placed> {
    let max = width - 2 * MARGIN;
    match layout {
        Layout::Wide => {
            let (mut row, mut x) = (0, 0);
            keys.iter()
                .map(|k| {
                    let w = SWATCH + SWATCH_GAP + text_width(&k.label, LABEL_PX).ceil() as u32 + 18;
                    if x > 0 && x + w > max {
                        row += 1;
                        x = 0;
                    }
                    let at = Placed {
                        lines: vec![k.label.clone()],
                        x,
                        y: row * ROW,
                    };
                    x += w;
                    at
                })
                .collect()
        }
        Layout::Narrow => {
            let text_px = f64::from(max - SWATCH - SWATCH_GAP);
            let mut y = 0;
            keys.iter()
                .map(|k| {
                    let lines = wrap(&k.label, text_px);
                    let at = Placed { x: 0, y, lines };
                    y += at.lines.len() as u32 * LINE + GAP;
                    at
                })
                .collect()
        }
    }
}

/// The legend's height.
pub fn height(placed: &[Placed], layout: Layout) -> u32 {
    match layout {
        Layout::Wide => placed.last().map_or(0, |p| p.y + ROW),
        Layout::Narrow => placed
            .last()
            .map_or(0, |p| p.y + p.lines.len() as u32 * LINE),
    }
}

/// The vertical step between an entry's lines.
pub fn line_step(layout: Layout) -> u32 {
    match layout {
        Layout::Wide => ROW,
        Layout::Narrow => LINE,
    }
}

/// Where an entry's text starts, right of its swatch.
pub fn text_x(p: &Placed) -> u32 {
    p.x + SWATCH + SWATCH_GAP
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::style::RGBColor;

    fn key(label: &str) -> Key {
        Key {
            label: label.into(),
            color: RGBColor(0, 0, 0),
            width: 2,
            dashed: false,
        }
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let text = "Moving to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep, after one-off and recurring costs";
        let lines = wrap(text, 300.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(text_width(l, LABEL_PX) <= 300.0, "{l}");
        }
        assert_eq!(wrap("short", 300.0), ["short"]);
        assert_eq!(wrap("", 300.0), [""]);
    }

    #[test]
    fn narrow_entries_stack_and_wide_ones_share_rows() {
        let keys = [
            key("Anthropic — Claude Haiku 4.5 (baseline)"),
            key("A"),
            key("B"),
        ];
        let narrow = place(&keys, Layout::Narrow, 400);
        let ys: Vec<u32> = narrow.iter().map(|p| p.y).collect();
        assert_eq!(ys, [0, LINE + GAP, 2 * (LINE + GAP)]);
        assert_eq!(height(&narrow, Layout::Narrow), 3 * LINE + 2 * GAP);
        let wide = place(&keys, Layout::Wide, 800);
        assert!(wide.iter().all(|p| p.y == 0), "{wide:?}");
        assert_eq!(height(&wide, Layout::Wide), ROW);
        assert_eq!(height(&[], Layout::Narrow), 0);
    }
}
