//! `/probe`: the live probe panel, then the stored history of every
//! watched relay, the honesty check and the audit.

use crate::components::audit_panel::AuditPanel;
use crate::components::honesty_panel::HonestyPanel;
use crate::components::probe_history::ProbeHistory;
use crate::components::probe_panel::relay_choices;
use crate::islands::probe::ProbeIsland;
use crate::pages::with_pricebook::with_pricebook;
use crate::server::probe_routes::history::PreloadedHistory;
use crate::server_fns::probe::probe_info;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use llm_roi_core::probe::history_page::HistoryPage;

/// The history the request carries ([`crate::server::probe_routes::history::preload`]).
pub fn preloaded_history() -> Option<HistoryPage> {
    use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<PreloadedHistory>().cloned())
        .map(|h| (*h.0).clone())
}

/// Each relay block's chart, in order; a chart that fails to draw is left out.
pub fn history_charts(page: &HistoryPage) -> Vec<String> {
    page.relays
        .iter()
        .map(|h| {
            crate::server::charts::probe_history::render(h).unwrap_or_else(|e| {
                format!("<p class=\"error\">The chart could not be drawn: {e}</p>")
            })
        })
        .collect()
}

#[component]
pub fn ProbePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let (honesty_error, audit_error) = (query.get("honesty_error"), query.get("audit_error"));
    let history = preloaded_history();
    let form_token = use_context::<crate::server::operator::Operator>()
        .map(|o| o.form_token().to_string())
        .unwrap_or_default();
    view! {
        <Title text="llm-roi: measure a relay's latency overhead"/>
        <header class="masthead">
            <h1><a href="/">"llm-roi"</a> " · probe"</h1>
        </header>
        {with_pricebook(|payload| view! {
            <ProbeIsland relays=relay_choices(&payload.pricebook) probe=probe_info()/>
        })}
        {history.map(|page| {
            let charts = history_charts(&page);
            view! {
                <section class="probe-history" aria-labelledby="history-heading" data-testid="probe-history">
                    <h2 id="history-heading">"History"</h2>
                    <ProbeHistory page=page.clone() charts compact=false/>
                </section>
                <section class="probe-honesty" id="honesty" aria-labelledby="honesty-heading">
                    <h2 id="honesty-heading">"Does the relay serve the model it sells?"</h2>
                    <HonestyPanel page=page.clone() error=honesty_error form_token=form_token.clone()/>
                </section>
                <section class="probe-audit" id="audit" aria-labelledby="audit-heading">
                    <h2 id="audit-heading">"What does the relay really bill?"</h2>
                    <AuditPanel page error=audit_error form_token=form_token.clone()/>
                </section>
            }
        })}
    }
}
