//! The three charts, inline SVG drawn on the server, redrawn (debounced)
//! when the scenario changes.

use crate::client::debounced::debounced;
use crate::server_fns::charts::get_charts;
use leptos::prelude::*;

/// Wait after the last change before asking for new charts.
const DEBOUNCE_MS: u64 = 350;

#[component]
pub fn Charts(
    /// The scenario's canonical query.
    query: Signal<String>,
) -> impl IntoView {
    let settled = debounced(query, DEBOUNCE_MS);
    let charts = Resource::new(move || settled.get(), get_charts);
    let (busy, set_busy) = signal(false);
    view! {
        <section class="charts" aria-labelledby="charts-heading" aria-busy=move || busy.get().to_string()>
            <h2 id="charts-heading">"Charts"</h2>
            <Transition fallback=|| view! { <p>"Drawing the charts…"</p> } set_pending=set_busy>
                {move || Suspend::new(async move {
                    let q = settled.get();
                    match charts.await {
                        Ok(list) => list
                            .into_iter()
                            .map(|c| {
                                let href = if q.is_empty() {
                                    format!("/chart/{}.svg", c.name)
                                } else {
                                    format!("/chart/{}.svg?{q}", c.name)
                                };
                                view! {
                                    <figure class="chart-figure" data-chart=c.name.clone() data-query=q.clone()>
                                        <div class="chart-svg" inner_html=c.svg></div>
                                        <figcaption><a href=href>"This chart as an SVG file"</a></figcaption>
                                    </figure>
                                }
                            })
                            .collect_view()
                            .into_any(),
                        Err(e) => view! {
                            <p class="error" role="alert">"The charts could not be drawn: " {e.to_string()}</p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
