//! The three charts, as images of the chart routes (`/chart/{name}.svg`),
//! each with a description of its figures as its text alternative.
//!
//! The images are drawn by the server and cached by their `ETag`, so the
//! page carries no SVG and no chart data: a changed scenario changes the
//! images' addresses (debounced while typing), and the browser fetches them.
//! Under 600 px the browser takes the narrow layout (`<name>.narrow.svg`).
//!
//! Usage:
//!
//! ```ignore
//! view! { <Charts query=canonical alts=descriptions/> }
//! ```

use crate::client::debounced::debounced;
use crate::client::query::with_query;
use leptos::prelude::*;
use llm_roi_core::view::chart_text::ChartKind;

/// Screens that get the narrow layout (legend under the plot, larger text).
const NARROW: &str = "(max-width: 600px)";

/// Wait after the last change before asking for new charts.
const DEBOUNCE_MS: u64 = 350;

#[component]
pub fn Charts(
    /// The scenario's canonical query.
    query: Signal<String>,
    /// Each chart's text alternative, in [`ChartKind::ALL`] order.
    alts: Signal<Vec<String>>,
) -> impl IntoView {
    let settled = debounced(query, DEBOUNCE_MS);
    let figures = ChartKind::ALL
        .into_iter()
        .enumerate()
        .map(|(i, kind)| {
            let src = move || with_query(&format!("/chart/{}.svg", kind.name()), &settled.get());
            let narrow =
                move || with_query(&format!("/chart/{}.narrow.svg", kind.name()), &settled.get());
            let alt = move || {
                alts.with(|a| a.get(i).cloned())
                    .unwrap_or_else(|| kind.title().to_string())
            };
            view! {
                <figure class="chart-figure" data-chart=kind.name() data-query=move || settled.get()>
                    <picture>
                        <source media=NARROW srcset=narrow/>
                        <img class="chart-img" src=src alt=alt width="800" height="420"/>
                    </picture>
                    <figcaption><a href=src>"This chart as an SVG file"</a></figcaption>
                </figure>
            }
        })
        .collect_view();
    view! {
        <section class="charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">"Charts"</h2>
            {figures}
        </section>
    }
}
