//! Charts drawn with plotters into SVG strings, on the server.
//!
//! Usage: `render(ChartKind::Savings, &evaluation)` returns the SVG of a
//! scenario evaluated once ([`Evaluation`]), 800 × 420 px, with `<title>` and `<desc>` for screen readers; [`draw_in`]
//! draws the narrow layout for phones too ([`Layout`]).

mod cost;
pub mod font;
mod format;
mod frame;
mod layout;
mod legend;
pub mod probe_history;
mod rollout;
pub mod route;
mod savings;

pub use frame::Layout;
use llm_roi_core::forecast::Forecast;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::report::Evaluation;
use llm_roi_core::view::chart_text::{describe, ChartKind};
use plotters::prelude::*;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChartError {
    #[error("{field}: {message}")]
    Scenario { field: String, message: String },
    #[error("drawing failed: {0}")]
    Draw(String),
}

pub(crate) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Gives the root `<svg>` a role, a `<title>` and a `<desc>`, and lets it
/// scale to its container (the `viewBox` keeps the proportions).
fn accessible(svg: &str, kind: ChartKind, desc: &str) -> String {
    let id = format!("chart-{}", kind.name());
    let Some(end) = svg.find('>') else {
        return svg.to_string();
    };
    let open = &svg[..end];
    format!(
        "{open} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\" data-chart=\"{}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        kind.name(),
        xml_escape(kind.title()),
        xml_escape(desc),
        &svg[end + 1..]
    )
}

/// Draws `kind` from a computed forecast, wide.
pub fn draw(kind: ChartKind, f: &Forecast, cur: DisplayCurrency) -> Result<String, ChartError> {
    draw_in(kind, f, cur, Layout::Wide)
}

/// Draws `kind` from a computed forecast in `layout`.
pub fn draw_in(
    kind: ChartKind,
    f: &Forecast,
    cur: DisplayCurrency,
    layout: Layout,
) -> Result<String, ChartError> {
    let frame = match kind {
        ChartKind::Cost => cost::frame(f, layout),
        ChartKind::Savings => savings::frame(f, layout),
        ChartKind::Rollout => rollout::frame(f, layout),
    };
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (frame.width(), frame.height())).into_drawing_area();
        root.fill(&WHITE).map_err(frame::draw_err)?;
        match kind {
            ChartKind::Cost => cost::draw(&root, &frame, f, cur)?,
            ChartKind::Savings => savings::draw(&root, &frame, f, cur)?,
            ChartKind::Rollout => rollout::draw(&root, &frame, f, cur)?,
        }
        root.present().map_err(frame::draw_err)?;
    }
    Ok(accessible(&svg, kind, &describe(kind, f, cur)))
}

/// The evaluation's forecast, or the first field that prevents it.
pub fn forecast_of(ev: &Evaluation) -> Result<&Forecast, ChartError> {
    match (ev.errors.first(), &ev.forecast) {
        (None, Some(f)) => Ok(f),
        (Some(fe), _) => Err(ChartError::Scenario {
            field: fe.field.clone(),
            message: fe.message.clone(),
        }),
        (None, None) => Err(ChartError::Draw("the scenario has no forecast".into())),
    }
}

/// Draws `kind` for an evaluated scenario.
pub fn render(kind: ChartKind, ev: &Evaluation) -> Result<String, ChartError> {
    draw(kind, forecast_of(ev)?, ev.scenario.currency)
}

/// Draws all three charts from one evaluation.
pub fn render_all(ev: &Evaluation) -> Result<Vec<(ChartKind, String)>, ChartError> {
    let f = forecast_of(ev)?;
    ChartKind::ALL
        .into_iter()
        .map(|k| Ok((k, draw(k, f, ev.scenario.currency)?)))
        .collect()
}

#[cfg(test)]
mod tests;
