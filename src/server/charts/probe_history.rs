//! A relay's overhead over time: the median of each slice of the window
//! with its 95 % interval, and the vendor's claim as a dashed line.
//!
//! Usage: `probe_history::render(&history)` returns the SVG, 800 × 420 px,
//! with a `<title>` and a `<desc>` listing what it plots.

use super::frame::{
    draw_err, draw_header, empty, font, padded, y_label_area, Area, Frame, Key, Layout, GRID, INK,
    LABEL_PX, MARGIN, MUTED, PALETTE,
};
use super::{xml_escape, ChartError};
use llm_roi_core::probe::history::{RelayHistory, HOUR_MS};
use plotters::prelude::*;

const TITLE: &str = "Relay overhead over time";

fn frame(h: &RelayHistory) -> Frame {
    let mut keys = vec![Key {
        label: format!(
            "Median overhead of each {} h slice ({} pairs), with its 95 % CI",
            h.chart_window.ms() / HOUR_MS / llm_roi_core::probe::history::SLICES,
            h.connection.code()
        ),
        color: PALETTE[0],
        width: 2,
        dashed: false,
    }];
    if let Some(c) = h.claimed_overhead_ms {
        keys.push(Key {
            label: format!("Claimed by the vendor: under {c} ms"),
            color: INK,
            width: 2,
            dashed: true,
        });
    }
    Frame::new(Layout::Wide, TITLE, keys)
}

/// (hours before now at the slice's middle, median, low, high) per slice with a number.
fn points(h: &RelayHistory) -> Vec<(f64, f64, f64, f64)> {
    h.slices
        .iter()
        .filter_map(|s| {
            let o = s.overhead.as_ref()?;
            let mid_ms = (s.from_ms + s.to_ms) / 2;
            let hours = (mid_ms - h.slices.last()?.to_ms) as f64 / HOUR_MS as f64;
            Some((hours, o.median_ms, o.ci_low_ms, o.ci_high_ms))
        })
        .collect()
}

fn draw(root: &Area<'_>, frame: &Frame, h: &RelayHistory) -> Result<(), ChartError> {
    let pts = points(h);
    if pts.is_empty() {
        return empty(
            root,
            frame,
            "No slice of this window has the 6 good pairs a median needs yet.",
        );
    }
    draw_header(root, frame)?;
    let claim = h.claimed_overhead_ms.map(f64::from);
    let lo = pts.iter().map(|p| p.2).fold(0.0, f64::min);
    let hi = pts.iter().map(|p| p.3).chain(claim).fold(0.0, f64::max);
    let (lo, hi) = padded(lo, hi);
    let span_h = (h.chart_window.ms() / HOUR_MS) as f64;
    let ms_label = |v: &f64| format!("{v:.0} ms");
    let samples: Vec<String> = (0..=4)
        .map(|i| ms_label(&(lo + (hi - lo) * f64::from(i) / 4.0)))
        .collect();
    let (top, bottom) = frame.plot_margins();
    let mut chart = ChartBuilder::on(root)
        .margin_top(top)
        .margin_left(MARGIN / 2)
        .margin_right(MARGIN + 8)
        .margin_bottom(bottom)
        .x_label_area_size(LABEL_PX as u32 * 3 + 8)
        .y_label_area_size(y_label_area(&samples))
        .build_cartesian_2d(-span_h..0.0, lo..hi)
        .map_err(draw_err)?;
    let hours_label = |v: &f64| {
        if v.abs() < 0.5 {
            "now".to_string()
        } else {
            format!("{:.0} h ago", -v)
        }
    };
    chart
        .configure_mesh()
        .x_desc("Time (UTC, hours before the page was drawn)")
        .y_desc("Relay − direct, ms")
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&hours_label)
        .y_label_formatter(&ms_label)
        .label_style(font(LABEL_PX).color(&MUTED))
        .axis_desc_style(font(LABEL_PX).color(&INK))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(MUTED)
        .draw()
        .map_err(draw_err)?;
    let line = &frame.keys[0];
    if let (Some(c), Some(key)) = (claim, frame.keys.get(1)) {
        chart
            .draw_series(DashedLineSeries::new(
                [(-span_h, c), (0.0, c)],
                8,
                5,
                key.style(),
            ))
            .map_err(draw_err)?;
    }
    chart
        .draw_series(pts.iter().map(|&(x, _, l, u)| {
            PathElement::new(vec![(x, l), (x, u)], line.color.mix(0.45).stroke_width(3))
        }))
        .map_err(draw_err)?;
    chart
        .draw_series(LineSeries::new(
            pts.iter().map(|p| (p.0, p.1)),
            line.style(),
        ))
        .map_err(draw_err)?;
    chart
        .draw_series(
            pts.iter()
                .map(|&(x, m, _, _)| Circle::new((x, m), 3, line.color.filled())),
        )
        .map_err(draw_err)?;
    Ok(())
}

/// The chart of `h` as an SVG document.
pub fn render(h: &RelayHistory) -> Result<String, ChartError> {
    let frame = frame(h);
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (frame.width(), frame.height())).into_drawing_area();
        root.fill(&WHITE).map_err(draw_err)?;
        draw(&root, &frame, h)?;
        root.present().map_err(draw_err)?;
    }
    let pts = points(h);
    let desc = if pts.is_empty() {
        "no slice has enough pairs for a median yet".to_string()
    } else {
        pts.iter()
            .map(|p| format!("{:.0} h ago: {:.1} ms ({:.1}–{:.1})", -p.0, p.1, p.2, p.3))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let id = format!("probe-{}-{}", h.relay, h.connection.code());
    let Some(end) = svg.find('>') else {
        return Ok(svg);
    };
    Ok(format!(
        "{} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" data-chart=\"{id}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        &svg[..end],
        xml_escape(&format!("{TITLE}: {} ({} connections)", h.relay, h.connection.code())),
        xml_escape(&format!("Median overhead per slice: {desc}")),
        &svg[end + 1..]
    ))
}
