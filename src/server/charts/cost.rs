//! Chart 1: monthly cost of each option, the baseline emphasised.

use super::frame::{draw_header, padded, plot, Area, Axes, Frame, Key, Layout, INK, PALETTE};
use super::{frame::draw_err, ChartError};
use llm_roi_core::forecast::projection::OptionProjection;
use llm_roi_core::forecast::Forecast;
use llm_roi_core::money::DisplayCurrency;
use plotters::prelude::*;
use rust_decimal::prelude::ToPrimitive;

fn key(i: usize, o: &OptionProjection) -> Key {
    if o.is_baseline {
        Key {
            label: format!("{} (baseline)", o.label),
            color: INK,
            width: 4,
            dashed: false,
        }
    } else {
        Key {
            label: o.label.clone(),
            color: PALETTE[i % PALETTE.len()],
            width: 2,
            dashed: false,
        }
    }
}

const TITLE: &str = "Monthly cost by option";

/// The title and the legend: the baseline first, then the others.
pub fn frame(f: &Forecast, layout: Layout) -> Frame {
    let p = &f.projection;
    let others = p.options.iter().filter(|o| !o.is_baseline).enumerate();
    let keys = p
        .options
        .iter()
        .find(|o| o.is_baseline)
        .map(|b| key(0, b))
        .into_iter()
        .chain(others.map(|(i, o)| key(i, o)))
        .collect();
    Frame::new(layout, TITLE, keys)
}

pub fn draw(
    root: &Area<'_>,
    frame: &Frame,
    f: &Forecast,
    cur: DisplayCurrency,
) -> Result<(), ChartError> {
    let p = &f.projection;
    let keys = &frame.keys;
    let baseline = p.options.iter().find(|o| o.is_baseline);
    draw_header(root, frame)?;
    let max = p
        .options
        .iter()
        .flat_map(|o| o.months.iter())
        .filter_map(|m| m.cost.to_f64())
        .fold(0.0, f64::max);
    let mut chart = plot(
        root,
        frame,
        &Axes {
            x: 1..p.horizon_months,
            y: padded(0.0, max),
            x_desc: "Month (30 days each)",
            y_desc: format!("{} per month", cur.code()),
            x_labels: 12,
            currency: cur,
        },
    )?;
    // The baseline last, so that it is drawn on top.
    let mut ordered: Vec<(&OptionProjection, &Key)> = p
        .options
        .iter()
        .filter(|o| !o.is_baseline)
        .zip(keys.iter().skip(usize::from(baseline.is_some())))
        .collect();
    if let (Some(b), Some(k)) = (baseline, keys.first()) {
        ordered.push((b, k));
    }
    for (o, k) in ordered {
        let points = o
            .months
            .iter()
            .map(|m| (m.month, m.cost.to_f64().unwrap_or(0.0)));
        chart
            .draw_series(LineSeries::new(points, k.style()))
            .map_err(draw_err)?;
    }
    Ok(())
}
