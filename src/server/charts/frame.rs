//! What every chart shares: size, fonts, colours, the header (title and
//! legend, laid out with measured text) and the axes.

use super::font::{text_width, FAMILY};
use super::ChartError;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 420;
const MARGIN: u32 = 16;
const TITLE_PX: f64 = 17.0;
pub const LABEL_PX: f64 = 13.0;
const LEGEND_ROW: u32 = 22;
const SWATCH: u32 = 26;

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A font of `px` pixels as the SVG will state it (plotters writes
/// `font-size` as the given size divided by 1.24).
pub fn font(px: f64) -> FontDesc<'static> {
    FontDesc::new(FontFamily::Name(FAMILY), px * 1.24, FontStyle::Normal)
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

fn entry_width(k: &Key) -> u32 {
    SWATCH + 6 + text_width(&k.label, LABEL_PX).ceil() as u32 + 18
}

/// Legend entries placed in rows: `(row, x)` for each.
fn layout(keys: &[Key]) -> Vec<(u32, u32)> {
    let max = WIDTH - 2 * MARGIN;
    let (mut row, mut x) = (0, 0);
    keys.iter()
        .map(|k| {
            let w = entry_width(k);
            if x > 0 && x + w > max {
                row += 1;
                x = 0;
            }
            let at = (row, x);
            x += w;
            at
        })
        .collect()
}

/// The header's height for these legend entries.
pub fn header_height(keys: &[Key]) -> u32 {
    let rows = layout(keys).last().map_or(0, |(r, _)| r + 1);
    MARGIN + TITLE_PX as u32 + 10 + rows * LEGEND_ROW
}

/// Converts a drawing error.
pub fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draws the title and the legend.
pub fn draw_header(area: &Area<'_>, title: &str, keys: &[Key]) -> Result<(), ChartError> {
    let top = Pos::new(HPos::Left, VPos::Top);
    let m = MARGIN as i32;
    area.draw(&Text::new(
        title.to_string(),
        (m, m - 4),
        font(TITLE_PX).color(&INK).pos(top),
    ))
    .map_err(draw_err)?;
    let y0 = (MARGIN + TITLE_PX as u32 + 10) as i32;
    for (k, (row, x)) in keys.iter().zip(layout(keys)) {
        let x = m + x as i32;
        let y = y0 + (row * LEGEND_ROW) as i32 + 8;
        let line = [(x, y), (x + SWATCH as i32, y)];
        if k.dashed {
            area.draw(&PathElement::new(vec![line[0], (x + 10, y)], k.style()))
                .map_err(draw_err)?;
            area.draw(&PathElement::new(vec![(x + 16, y), line[1]], k.style()))
                .map_err(draw_err)?;
        } else {
            area.draw(&PathElement::new(line.to_vec(), k.style()))
                .map_err(draw_err)?;
        }
        area.draw(&Text::new(
            k.label.clone(),
            (x + SWATCH as i32 + 6, y),
            font(LABEL_PX)
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}

/// What the migration charts say when there is nothing to move to.
pub const NO_TARGET: &str =
    "No migration target: compare at least one option besides the baseline.";

/// Draws a message in place of a chart.
pub fn empty(area: &Area<'_>, title: &str, message: &str) -> Result<(), ChartError> {
    draw_header(area, title, &[])?;
    area.draw(&Text::new(
        message.to_string(),
        ((WIDTH / 2) as i32, (HEIGHT / 2) as i32),
        font(15.0)
            .color(&MUTED)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(draw_err)
}

/// Room for the y tick labels (measured) and the rotated axis description.
pub fn y_label_area(labels: &[String]) -> u32 {
    let widest = labels
        .iter()
        .map(|l| text_width(l, LABEL_PX))
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
    pub x_labels: usize,
    pub currency: crate::domain::money::DisplayCurrency,
}

/// Builds the plot below a header of `header_px` and draws its mesh.
pub fn plot<'a, 'b>(
    area: &'a Area<'b>,
    header_px: u32,
    axes: &Axes<'_>,
) -> Result<Chart<'a, 'b>, ChartError> {
    let cur = axes.currency;
    let (lo, hi) = axes.y;
    let samples: Vec<String> = (0..=4)
        .map(|i| lo + (hi - lo) * f64::from(i) / 4.0)
        .map(|v| super::format::compact_money(v, cur))
        .collect();
    let mut chart = ChartBuilder::on(area)
        .margin_top(header_px)
        .margin_left(MARGIN / 2)
        .margin_right(MARGIN + 8)
        .margin_bottom(MARGIN / 2)
        .x_label_area_size(LABEL_PX as u32 * 3 + 8)
        .y_label_area_size(y_label_area(&samples))
        .build_cartesian_2d(axes.x.clone(), lo..hi)
        .map_err(draw_err)?;
    let money = |v: &f64| super::format::compact_money(*v, cur);
    chart
        .configure_mesh()
        .x_desc(axes.x_desc)
        .y_desc(axes.y_desc.as_str())
        .x_labels(axes.x_labels)
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
