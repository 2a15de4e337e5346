//! The embed view's parts (`show=summary,table,chart:savings`) and the
//! iframe size that fits them.
//!
//! ```
//! use llm_roi_core::report::embed::{parse_show, show_text, EmbedPart};
//! let parts = parse_show("summary,chart:savings").unwrap();
//! assert_eq!(parts[1], EmbedPart::Chart(llm_roi_core::view::chart_text::ChartKind::Savings));
//! assert_eq!(show_text(&parts), "summary,chart:savings");
//! ```

use crate::scenario::FieldError;
use crate::view::chart_text::ChartKind;

/// The embed view's own query key.
pub const SHOW_KEY: &str = "show";

/// The embed view's path, the one route that may be framed.
pub const EMBED_PATH: &str = "/embed";

/// What `/embed` shows without `show`.
pub const DEFAULT_SHOW: &str = "summary,table,chart:savings";

/// Iframe width without `maxwidth`, and the narrowest that stays readable.
pub const DEFAULT_WIDTH_PX: u32 = 720;
pub const MIN_WIDTH_PX: u32 = 200;

/// One block of the embed view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmbedPart {
    Summary,
    /// The options table, compact: cost and savings per month.
    Table,
    /// Yearly totals per option.
    Projection,
    /// Payback, net savings and ROI.
    Roi,
    Chart(ChartKind),
}

impl EmbedPart {
    pub fn name(self) -> String {
        match self {
            Self::Summary => "summary".into(),
            Self::Table => "table".into(),
            Self::Projection => "projection".into(),
            Self::Roi => "roi".into(),
            Self::Chart(k) => format!("chart:{}", k.name()),
        }
    }

    fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "summary" => Self::Summary,
            "table" => Self::Table,
            "projection" => Self::Projection,
            "roi" => Self::Roi,
            _ => Self::Chart(ChartKind::from_name(s.strip_prefix("chart:")?)?),
        })
    }
}

fn allowed() -> String {
    let mut names: Vec<String> = ["summary", "table", "projection", "roi"]
        .into_iter()
        .map(String::from)
        .collect();
    names.extend(ChartKind::ALL.iter().map(|k| format!("chart:{}", k.name())));
    names.join(", ")
}

/// Reads `show`: part names separated by commas, each at most once.
pub fn parse_show(raw: &str) -> Result<Vec<EmbedPart>, FieldError> {
    let bad = |message: String| FieldError {
        field: SHOW_KEY.into(),
        value: raw.into(),
        message,
    };
    let mut parts = Vec::new();
    for name in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let part = EmbedPart::from_name(name)
            .ok_or_else(|| bad(format!("`{name}` is not a part; choose from {}", allowed())))?;
        if parts.contains(&part) {
            return Err(bad(format!("`{name}` is given twice; give each part once")));
        }
        parts.push(part);
    }
    if parts.is_empty() {
        return Err(bad(format!("name at least one part: {}", allowed())));
    }
    Ok(parts)
}

/// The parts of `show`, or the default ones.
pub fn show_or_default(show: Option<&str>) -> Result<Vec<EmbedPart>, FieldError> {
    parse_show(show.unwrap_or(DEFAULT_SHOW))
}

/// The parts shown without `show`.
pub fn default_parts() -> Vec<EmbedPart> {
    show_or_default(None).unwrap_or_default()
}

/// `show`'s text for these parts.
pub fn show_text(parts: &[EmbedPart]) -> String {
    parts.iter().map(|p| p.name()).collect::<Vec<_>>().join(",")
}

/// Page padding, line height and a table row, as `style/main.css` sets them
/// for `.embed`.
const PADDING_PX: u32 = 12;
const LINE_PX: u32 = 22;
const ROW_PX: u32 = 48;

fn part_height(p: EmbedPart, width: u32, options: u32) -> u32 {
    let inner = width.saturating_sub(2 * PADDING_PX).max(1);
    match p {
        // About 180 characters at 8 px each, wrapped.
        EmbedPart::Summary => (180 * 8 / inner + 1) * LINE_PX + 16,
        // Caption and header row, then the rows.
        EmbedPart::Table | EmbedPart::Projection => 56 + options * ROW_PX + 16,
        EmbedPart::Roi => 5 * LINE_PX + 24,
        // The 800 × 420 chart scaled to the width, and its caption.
        EmbedPart::Chart(_) => inner * 420 / 800 + 20,
    }
}

/// The iframe's size for `parts` with `options` table rows, within
/// `max_width` and `max_height` (oEmbed's `maxwidth` and `maxheight`). When
/// the content is taller than `max_height`, the frame scrolls.
pub fn frame_size(
    parts: &[EmbedPart],
    options: u32,
    max_width: Option<u32>,
    max_height: Option<u32>,
) -> (u32, u32) {
    let width = max_width.map_or(DEFAULT_WIDTH_PX, |m| m.min(DEFAULT_WIDTH_PX));
    let layout_width = width.max(MIN_WIDTH_PX);
    // Padding, then the footer link.
    let content: u32 = 2 * PADDING_PX
        + 40
        + parts
            .iter()
            .map(|p| part_height(*p, layout_width, options))
            .sum::<u32>();
    let height = max_height.map_or(content, |m| m.min(content));
    (width, height)
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe snippet for an embed URL, as oEmbed and the Embed panel give it.
pub fn iframe_html(src: &str, (width, height): (u32, u32), title: &str) -> String {
    format!(
        r#"<iframe src="{}" width="{width}" height="{height}" title="{}" style="border:0" loading="lazy"></iframe>"#,
        attr(src),
        attr(title)
    )
}

/// A Markdown image; brackets in the text and parentheses in the URL are
/// made harmless.
pub fn markdown_image(alt: &str, url: &str) -> String {
    let alt: String = alt
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            c => c,
        })
        .collect();
    format!(
        "![{alt}]({})",
        url.replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_read_and_bad_ones_named() {
        assert_eq!(
            show_or_default(None).unwrap(),
            [
                EmbedPart::Summary,
                EmbedPart::Table,
                EmbedPart::Chart(ChartKind::Savings)
            ]
        );
        for (raw, says) in [
            (
                "summary,chart:pie",
                "`chart:pie` is not a part; choose from summary, table, projection, roi, chart:cost, chart:savings, chart:rollout",
            ),
            ("table,table", "`table` is given twice"),
            (" , ", "name at least one part"),
        ] {
            let e = parse_show(raw).unwrap_err();
            assert_eq!(e.field, "show");
            assert!(e.message.contains(says), "{raw}: {}", e.message);
        }
    }

    #[test]
    fn snippets_escape_what_they_must() {
        assert_eq!(
            iframe_html("https://x/embed?a=1&b=2", (720, 400), "Saves \"$5\" <now>"),
            r#"<iframe src="https://x/embed?a=1&amp;b=2" width="720" height="400" title="Saves &quot;$5&quot; &lt;now&gt;" style="border:0" loading="lazy"></iframe>"#
        );
        assert_eq!(
            markdown_image("Savings [draft]", "https://x/chart/savings.svg?a=(1)"),
            "![Savings (draft)](https://x/chart/savings.svg?a=%281%29)"
        );
    }

    #[test]
    fn the_frame_respects_the_maxima() {
        let parts = show_or_default(None).unwrap();
        let (w, h) = frame_size(&parts, 3, None, None);
        assert_eq!(w, DEFAULT_WIDTH_PX);
        // 24 + 40 footer + summary (180×8/696 + 1 = 3 lines: 82) + table
        // (56 + 144 + 16 = 216) + chart (696 × 420 / 800 = 365 + 20 = 385).
        assert_eq!(h, 24 + 40 + 82 + 216 + 385);
        let (w, h2) = frame_size(&parts, 3, Some(400), None);
        assert_eq!(w, 400);
        // The summary wraps to 4 lines (104), the chart shrinks to 197 + 20.
        assert_eq!(h2, 64 + 104 + 216 + 217);
        assert_eq!(frame_size(&parts, 3, Some(2000), Some(300)), (720, 300));
        assert_eq!(frame_size(&parts, 3, Some(100), None).0, 100);
    }
}
