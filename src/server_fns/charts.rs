//! The server function that draws the page's charts.
//!
//! During server rendering it runs in-process, so the charts are in the
//! HTML; in the browser the page calls it again (debounced) when the
//! scenario changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One drawn chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSvg {
    /// `cost`, `savings` or `rollout`.
    pub name: String,
    pub svg: String,
}

/// Draws every chart for a scenario query. Fields that cannot be used keep
/// their defaults, as on the page, which lists them.
#[server(prefix = "/api/fn", endpoint = "charts")]
pub async fn get_charts(query: String) -> Result<Vec<ChartSvg>, ServerFnError> {
    let book = super::loaded_book()?;
    let (scenario, _) = crate::domain::scenario::codec::decode_query(super::bounded(&query)?);
    let charts = crate::server::charts::render_all(&book.pricebook, &scenario)
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    Ok(charts
        .into_iter()
        .map(|(kind, svg)| ChartSvg {
            name: kind.name().into(),
            svg,
        })
        .collect())
}
