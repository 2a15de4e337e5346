//! Chart 3: blended daily cost across the rollout phases.

use super::frame::{
    draw_err, draw_header, empty, font, padded, plot, Area, Axes, Frame, Key, Layout, GRID, INK,
    LABEL_PX, MUTED, NO_TARGET, PALETTE,
};
use super::ChartError;
use llm_roi_core::forecast::Forecast;
use llm_roi_core::money::DisplayCurrency;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;

const TITLE: &str = "Blended daily cost during the rollout";

/// Days shown after the last phase ends.
const AFTER_DAYS: u32 = 7;

/// The title and the legend: the blended cost and the baseline's.
pub fn frame(f: &Forecast, layout: Layout) -> Frame {
    let Some(plan) = &f.migration else {
        return Frame::new(layout, TITLE, Vec::new());
    };
    let blended = Key {
        label: format!(
            "Blended: baseline + {}, {}% of its requests retried",
            plan.target_label,
            llm_roi_core::view::display::number(plan.rollout.fallback_pct)
        ),
        color: PALETTE[0],
        width: 3,
        dashed: false,
    };
    let baseline = Key {
        label: "All traffic on the baseline".into(),
        color: INK,
        width: 2,
        dashed: true,
    };
    Frame::new(layout, TITLE, vec![blended, baseline])
}

pub fn draw(
    root: &Area<'_>,
    frame: &Frame,
    f: &Forecast,
    cur: DisplayCurrency,
) -> Result<(), ChartError> {
    let (Some(plan), [blended, baseline]) = (&f.migration, frame.keys.as_slice()) else {
        return empty(root, frame, NO_TARGET);
    };
    let r = &plan.rollout;
    let horizon = plan.days.last().map_or(1, |d| d.day);
    let end = (r.phases.last().map_or(0, |p| p.last_day) + AFTER_DAYS)
        .max(14)
        .min(horizon);
    draw_header(root, frame)?;
    let days = &plan.days[1..=end as usize];
    let value = |v: rust_decimal::Decimal| v.to_f64().unwrap_or(0.0);
    let hi = days
        .iter()
        .map(|d| value(d.baseline_cost).max(value(d.blended_cost)))
        .fold(0.0, f64::max);
    let (lo, hi) = padded(0.0, hi * 1.08);
    let mut chart = plot(
        root,
        frame,
        &Axes {
            x: 0..end,
            y: (lo, hi),
            x_desc: "Day",
            y_desc: format!("{} per day", cur.code()),
            x_labels: 14,
            currency: cur,
        },
    )?;
    // Steps: a day's cost holds from its start (day − 1) to its end.
    let steps = |f: &dyn Fn(&llm_roi_core::forecast::timeline::Day) -> f64| {
        days.iter()
            .flat_map(|d| [(d.day - 1, f(d)), (d.day, f(d))])
            .collect::<Vec<_>>()
    };
    for p in &r.phases {
        let edge = p.last_day.min(end);
        chart
            .draw_series(LineSeries::new(
                [(edge, lo), (edge, hi)],
                GRID.stroke_width(1),
            ))
            .map_err(draw_err)?;
        let mid = (p.first_day - 1 + edge) / 2;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{}%", llm_roi_core::view::display::number(p.share_pct)),
                (mid.max(1), hi),
                font(LABEL_PX)
                    .color(&MUTED)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            )))
            .map_err(draw_err)?;
    }
    chart
        .draw_series(DashedLineSeries::new(
            steps(&|d| value(d.baseline_cost)),
            8,
            5,
            baseline.style(),
        ))
        .map_err(draw_err)?;
    chart
        .draw_series(LineSeries::new(
            steps(&|d| value(d.blended_cost)),
            blended.style(),
        ))
        .map_err(draw_err)?;
    Ok(())
}
