//! Charts drawn with plotters into SVG strings, on the server.
//!
//! Usage: `render(ChartKind::Savings, &book, &scenario)` returns the SVG,
//! 800 × 420 px, with `<title>` and `<desc>` for screen readers; [`draw_in`]
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

use crate::domain::cost::scenario_cost::estimate;
use crate::domain::forecast::{forecast, Forecast};
use crate::domain::money::DisplayCurrency;
use crate::domain::pricebook::Pricebook;
use crate::domain::scenario::Scenario;
use crate::domain::view::chart_text::{describe, ChartKind};
pub use frame::Layout;
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

/// The forecast of a scenario, or the field that prevents it.
pub fn forecast_of(book: &Pricebook, s: &Scenario) -> Result<Forecast, ChartError> {
    let e = estimate(book, s);
    forecast(book, &e).map_err(|fe| ChartError::Scenario {
        field: fe.field,
        message: fe.message,
    })
}

/// Draws `kind` for scenario `s`.
pub fn render(kind: ChartKind, book: &Pricebook, s: &Scenario) -> Result<String, ChartError> {
    draw(kind, &forecast_of(book, s)?, s.currency)
}

/// Draws all three charts from one forecast.
pub fn render_all(book: &Pricebook, s: &Scenario) -> Result<Vec<(ChartKind, String)>, ChartError> {
    let f = forecast_of(book, s)?;
    ChartKind::ALL
        .into_iter()
        .map(|k| Ok((k, draw(k, &f, s.currency)?)))
        .collect()
}

#[cfg(test)]
mod tests;
