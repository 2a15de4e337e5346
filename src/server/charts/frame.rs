//! What every chart shares: size, fonts, colours, the header (title and
//! legend, laid out with measured text) and the axes.
//!
//! A chart comes in two layouts: [`Layout::Wide`], 800 × 420 px with the
//! legend under the title, and [`Layout::Narrow`] for phones, 400 px wide
//! with the legend wrapped under the plot, so that its text, scaled to a
//! 360 px screen, stays at about 12 px.

pub use super::layout::{Key, Layout, LABEL_PX, MARGIN};
use super::legend::{self, Placed, SWATCH};
use super::ChartError;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const TITLE_PX: f64 = 17.0;
/// The plot's height on a narrow chart, axes included.
const NARROW_PLOT: u32 = 280;

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A font of `px` pixels as the SVG will state it (plotters writes
/// `font-size` as the given size divided by 1.24).
pub fn font(px: f64) -> FontDesc<'static> {
    FontDesc::new(
        FontFamily::Name(super::font::FAMILY),
        px * 1.24,
        FontStyle::Normal,
    )
}

pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub const GRID: RGBColor = RGBColor(0xe3, 0xe3, 0xe3);
/// Okabe–Ito colours (distinguishable with colour-blindness), yellow left out.
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xb2),
    RGBColor(0xe6, 0x9f, 0x00),
    RGBColor(0x00, 0x9e, 0x73),
    RGBColor(0xcc, 0x79, 0xa7),
    RGBColor(0xd5, 0x5e, 0x00),
    RGBColor(0x56, 0xb4, 0xe9),
];

/// A chart's title, legend and size, known before anything is drawn.
pub struct Frame {
    pub layout: Layout,
    pub title: &'static str,
    pub keys: Vec<Key>,
    placed: Vec<Placed>,
}

impl Frame {
    pub fn new(layout: Layout, title: &'static str, keys: Vec<Key>) -> Self {
        let placed = legend::place(&keys, layout, layout.width());
        Self {
            layout,
            title,
            keys,
            placed,
        }
    }

    pub fn width(&self) -> u32 {
        self.layout.width()
    }

    fn title_height() -> u32 {
        MARGIN + TITLE_PX as u32 + 10
    }

    fn legend_height(&self) -> u32 {
        legend::height(&self.placed, self.layout)
    }

    pub fn height(&self) -> u32 {
        match self.layout {
            Layout::Wide => 420,
            Layout::Narrow => {
                Self::title_height() + NARROW_PLOT + self.legend_bottom_room() + MARGIN
            }
        }
    }

    fn legend_bottom_room(&self) -> u32 {
        match self.legend_height() {
            0 => 0,
            h => h + 12,
        }
    }

    /// The plot's margins above and below.
    pub fn plot_margins(&self) -> (u32, u32) {
        match self.layout {
            Layout::Wide => (Self::title_height() + self.legend_height(), MARGIN / 2),
            Layout::Narrow => (Self::title_height(), self.legend_bottom_room() + MARGIN),
        }
    }

    /// Where the legend's top left is.
    fn legend_origin(&self) -> (i32, i32) {
        let y = match self.layout {
            Layout::Wide => Self::title_height(),
            Layout::Narrow => self.height() - MARGIN - self.legend_height(),
        };
        (MARGIN as i32, y as i32)
    }
}

/// Converts a drawing error.
pub fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draws the title and the legend.
pub fn draw_header(area: &Area<'_>, frame: &Frame) -> Result<(), ChartError> {
    let m = MARGIN as i32;
    area.draw(&Text::new(
        frame.title.to_string(),
        (m, m - 4),
        font(TITLE_PX)
            .color(&INK)
            .pos(Pos::new(HPos::Left, VPos::Top)),
    ))
    .map_err(draw_err)?;
    let (x0, y0) = frame.legend_origin();
    let step = legend::line_step(frame.layout) as i32;
    for (k, p) in frame.keys.iter().zip(&frame.placed) {
        let x = x0 + p.x as i32;
        let y = y0 + p.y as i32 + 8;
        let end = x + SWATCH as i32;
        if k.dashed {
            area.draw(&PathElement::new(vec![(x, y), (x + 10, y)], k.style()))
                .map_err(draw_err)?;
            area.draw(&PathElement::new(vec![(x + 16, y), (end, y)], k.style()))
                .map_err(draw_err)?;
        } else {
            area.draw(&PathElement::new(vec![(x, y), (end, y)], k.style()))
                .map_err(draw_err)?;
        }
        for (i, line) in p.lines.iter().enumerate() {
            area.draw(&Text::new(
                line.clone(),
                (x0 + legend::text_x(p) as i32, y + i as i32 * step),
                font(LABEL_PX)
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(draw_err)?;
        }
    }
    Ok(())
}

/// What the migration charts say when there is nothing to move to.
pub const NO_TARGET: &str =
    "No migration target: no compared option is cheaper than the baseline and meets every requirement.";

/// Draws a message in place of a chart, wrapped to its width.
pub fn empty(area: &Area<'_>, frame: &Frame, message: &str) -> Result<(), ChartError> {
    draw_header(area, frame)?;
    let lines = legend::wrap(message, f64::from(frame.width() - 2 * MARGIN));
    let mid = (frame.height() / 2) as i32 - (lines.len() as i32 - 1) * 10;
    for (i, line) in lines.into_iter().enumerate() {
        area.draw(&Text::new(
            line,
            ((frame.width() / 2) as i32, mid + i as i32 * 20),
            font(15.0)
                .color(&MUTED)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}

/// Room for the y tick labels (measured) and the rotated axis description.
pub fn y_label_area(labels: &[String]) -> u32 {
    let widest = labels
        .iter()
        .map(|l| super::font::text_width(l, LABEL_PX))
        .fold(0.0, f64::max);
    widest.ceil() as u32 + 14 + LABEL_PX as u32 + 8
}

/// `lo..hi` widened by 8 % of the span (never empty), with 0 kept in view.
pub fn padded(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    (
        if lo < 0.0 { lo - span * 0.08 } else { lo },
        hi + span * 0.08,
    )
}

/// A chart with days or months across and money up.
pub type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordu32, RangedCoordf64>>;

/// Axes, grid and labels.
pub struct Axes<'t> {
    pub x: std::ops::Range<u32>,
    pub y: (f64, f64),
    pub x_desc: &'t str,
    pub y_desc: String,
    /// How many x labels a wide chart shows; a narrow one shows two thirds.
    pub x_labels: usize,
    pub currency: llm_roi_core::money::DisplayCurrency,
}

/// Builds the plot between the title and the legend and draws its mesh.
pub fn plot<'a, 'b>(
    area: &'a Area<'b>,
    frame: &Frame,
    axes: &Axes<'_>,
) -> Result<Chart<'a, 'b>, ChartError> {
    let cur = axes.currency;
    let (lo, hi) = axes.y;
    let samples: Vec<String> = (0..=4)
        .map(|i| lo + (hi - lo) * f64::from(i) / 4.0)
        .map(|v| super::format::compact_money(v, cur))
        .collect();
    let (top, bottom) = frame.plot_margins();
    let x_labels = match frame.layout {
        Layout::Wide => axes.x_labels,
        Layout::Narrow => axes.x_labels * 2 / 3,
    };
    let mut chart = ChartBuilder::on(area)
        .margin_top(top)
        .margin_left(MARGIN / 2)
        .margin_right(MARGIN + 8)
        .margin_bottom(bottom)
        .x_label_area_size(LABEL_PX as u32 * 3 + 8)
        .y_label_area_size(y_label_area(&samples))
        .build_cartesian_2d(axes.x.clone(), lo..hi)
        .map_err(draw_err)?;
    let money = |v: &f64| super::format::compact_money(*v, cur);
    chart
        .configure_mesh()
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc.as_str())
        .x_labels(x_labels)
        .y_labels(6)
        .y_label_formatter(&money)
        .label_style(font(LABEL_PX).color(&MUTED))
        .axis_desc_style(font(LABEL_PX).color(&INK))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED)
        .draw()
        .map_err(draw_err)?;
    Ok(chart)
}
