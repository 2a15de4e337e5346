//! What a chart's frame and its legend both need: the layout, the legend's
//! entries, the margin and the label size.

use plotters::prelude::*;

pub const MARGIN: u32 = 16;
pub const LABEL_PX: f64 = 13.0;

/// A line in the legend.
#[derive(Debug, Clone)]
pub struct Key {
    pub label: String,
    pub color: RGBColor,
    pub width: u32,
    pub dashed: bool,
}

impl Key {
    pub fn style(&self) -> ShapeStyle {
        self.color.stroke_width(self.width)
    }
}

/// How a chart is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 800 × 420 px, the legend under the title.
    Wide,
    /// 400 px wide, the legend under the plot (for screens under 600 px).
    Narrow,
}

impl Layout {
    /// The file name's suffix before `.svg`: `cost.svg`, `cost.narrow.svg`.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Wide => "",
            Self::Narrow => ".narrow",
        }
    }

    pub fn width(self) -> u32 {
        match self {
            Self::Wide => 800,
            Self::Narrow => 400,
        }
    }
}
