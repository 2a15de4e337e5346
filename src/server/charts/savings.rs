//! Chart 2: cumulative net savings of the migration, break-even marked.

use super::font::text_width;
use super::frame::{
    draw_err, draw_header, empty, font, padded, plot, Area, Axes, Frame, Key, Layout, INK,
    LABEL_PX, MUTED, NO_TARGET, PALETTE,
};
use super::ChartError;
use llm_roi_core::forecast::roi::Payback;
use llm_roi_core::forecast::Forecast;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::view::chart_text::break_even_label;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;

const TITLE: &str = "Cumulative net savings of the migration";

/// The title and the legend: the savings line and the break-even marker.
pub fn frame(f: &Forecast, layout: Layout) -> Frame {
    let Some(plan) = &f.migration else {
        return Frame::new(layout, TITLE, Vec::new());
    };
    let line = Key {
        label: format!(
            "Moving to {}, after one-off and recurring costs",
            plan.target_label
        ),
        color: PALETTE[0],
        width: 3,
        dashed: false,
    };
    let marker = Key {
        label: break_even_label(plan.roi.payback),
        color: INK,
        width: 1,
        dashed: true,
    };
    Frame::new(layout, TITLE, vec![line, marker])
}

pub fn draw(
    root: &Area<'_>,
    frame: &Frame,
    f: &Forecast,
    cur: DisplayCurrency,
) -> Result<(), ChartError> {
    let (Some(plan), [line, marker]) = (&f.migration, frame.keys.as_slice()) else {
        return empty(root, frame, NO_TARGET);
    };
    draw_header(root, frame)?;
    let values: Vec<(u32, f64)> = plan
        .days
        .iter()
        .map(|d| (d.day, d.cumulative_net.to_f64().unwrap_or(0.0)))
        .collect();
    let lo = values.iter().map(|v| v.1).fold(0.0, f64::min);
    let hi = values.iter().map(|v| v.1).fold(0.0, f64::max);
    let (lo, hi) = padded(lo, hi);
    let last_day = values.last().map_or(1, |v| v.0);
    let mut chart = plot(
        root,
        frame,
        &Axes {
            x: 0..last_day,
            y: (lo, hi),
            x_desc: "Day (day 0: the migration)",
            y_desc: format!("{} saved, cumulative", cur.code()),
            x_labels: 12,
            currency: cur,
        },
    )?;
    chart
        .draw_series(LineSeries::new(
            [(0, 0.0), (last_day, 0.0)],
            MUTED.stroke_width(1),
        ))
        .map_err(draw_err)?;
    chart
        .draw_series(LineSeries::new(values, line.style()))
        .map_err(draw_err)?;
    if let Payback::OnDay { day } = plan.roi.payback {
        chart
            .draw_series(DashedLineSeries::new(
                [(day, lo), (day, hi)],
                6,
                4,
                marker.style(),
            ))
            .map_err(draw_err)?;
        chart
            .draw_series(std::iter::once(Circle::new((day, 0.0), 5, INK.filled())))
            .map_err(draw_err)?;
        // The label sits beside the line, inside the plot, on a white box.
        let (x, y) = chart.backend_coord(&(day, hi));
        let text = marker.label.clone();
        let w = text_width(&text, LABEL_PX).ceil() as i32;
        let (right, _) = chart.backend_coord(&(last_day, hi));
        let left = if x + 8 + w < right { x + 8 } else { x - 8 - w };
        let top = y + 6;
        root.draw(&Rectangle::new(
            [
                (left - 4, top - 2),
                (left + w + 4, top + LABEL_PX as i32 + 6),
            ],
            WHITE.filled(),
        ))
        .map_err(draw_err)?;
        root.draw(&Text::new(
            text,
            (left, top),
            font(LABEL_PX)
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}
