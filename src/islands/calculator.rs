//! The calculator of `/` (the summary, the form, the tables, the charts and
//! the sources; the probe panel and the usage import are islands of their
//! own), hydrated in the browser. It receives the pricebook (by reference:
//! `BookRef`, the tables come from their asset) and the query as props,
//! evaluates the link with the same function as every server route
//! (`PricebookPayload::evaluate`), and on each input change rewrites the URL
//! with `history.replaceState`.

use crate::client::browser::{mark_hydrated, replace_url};
use crate::client::pricebook::BookRef;
use crate::client::query::{join_pairs, with_query};
use crate::components::charts::Charts;
use crate::components::dearer_options::DearerOptions;
use crate::components::error_summary::ErrorSummary;
use crate::components::live_summary::LiveSummary;
use crate::components::memo::memo;
use crate::components::projection_table::ProjectionTable;
use crate::components::results_table::ResultsTable;
use crate::components::roi_panel::RoiPanel;
use crate::components::scenario_form::ScenarioForm;
use crate::components::share_link::ShareLink;
use crate::components::sources::Sources;
use crate::components::workload_table::WorkloadTable;
use leptos::prelude::*;
use llm_roi_core::scenario::codec::{encode, link_query};
use llm_roi_core::view::chart_text::alt_texts;
use llm_roi_core::view::dearer_note::dearer_note;
use llm_roi_core::view::forecast_rows::{projection_view, roi_view};
use llm_roi_core::view::headline::headline;
use llm_roi_core::view::option_rows::rows;
use llm_roi_core::view::workload_rows::workload_view;

/// Usage (on the server, in a page):
///
/// ```ignore
/// view! { <CalculatorIsland book=BookRef(payload) pairs/> }
/// ```
#[island]
pub fn CalculatorIsland(
    book: BookRef,
    /// The page's query, in order.
    pairs: Vec<(String, String)>,
) -> impl IntoView {
    Effect::new(|_| mark_hydrated());
    let pairs = RwSignal::new(pairs);
    let payload = StoredValue::new(book.0);
    let ev = Memo::new(move |_| payload.with_value(|p| p.evaluate(&pairs.get(), &[])));
    let estimate = memo(move || ev.with(|ev| ev.estimate.clone()));
    let table = memo(move || ev.with(|ev| rows(&ev.estimate)));
    let dearer = memo(move || ev.with(|ev| dearer_note(&ev.estimate)));
    let currency = memo(move || ev.with(|ev| ev.estimate.currency));
    let projection = memo(move || {
        ev.with(|ev| {
            ev.forecast
                .as_ref()
                .map(|f| projection_view(f, currency.get()))
        })
    });
    let roi = memo(move || {
        ev.with(|ev| {
            let m = &ev.scenario.migration;
            ev.forecast
                .as_ref()?
                .migration
                .as_ref()
                .map(|plan| roi_view(plan, m.hours, m.hourly_rate, currency.get()))
        })
    });
    let errors = memo(move || ev.with(|ev| ev.errors.clone()));
    let canonical = memo(move || ev.with(|ev| encode(&ev.scenario)));
    let top = memo(move || ev.with(|ev| headline(&ev.estimate, ev.forecast.as_ref())));
    let alts = memo(move || ev.with(|ev| alt_texts(ev.forecast.as_ref(), currency.get())));
    let report_path = memo(move || {
        let fp = payload.with_value(|p| p.fingerprint.clone());
        format!("/report?{}", ev.with(|ev| link_query(&ev.scenario, &fp)))
    });
    let workload = ev
        .with_untracked(|ev| ev.scenario.mix.clone())
        .map(|m| payload.with_value(|p| workload_view(&p.pricebook, &m)));
    let in_use =
        memo(move || ev.with(|ev| (ev.scenario.clone(), ev.estimate.baseline.to_string())));

    let on_change = Callback::new(move |(key, value): (String, String)| {
        let mut next: Vec<(String, String)> = pairs.get_untracked();
        next.retain(|(k, _)| *k != key);
        if !value.trim().is_empty() {
            next.push((key, value));
        }
        replace_url(&with_query("/", &join_pairs(&next)));
        pairs.set(next);
    });

    view! {
        <LiveSummary headline=top/>
        <ErrorSummary errors/>
        <ShareLink path=report_path/>
        <div class="layout">
            <ScenarioForm pricebook=payload.with_value(|p| p.pricebook.clone()) today=payload.with_value(|p| p.today) pairs=pairs.into() in_use errors on_change/>
            <section class="results" aria-labelledby="results-heading">
                {workload.map(|view| view! {
                    <h2 id="workload-heading">"Workload"</h2>
                    <WorkloadTable view/>
                })}
                <h2 id="results-heading">"Cost by option"</h2>
                <ResultsTable rows=table currency facts_href=report_path/>
                <DearerOptions note=dearer path="/" on_compare=on_change/>
                <h2 id="projection-heading">"Projection"</h2>
                <ProjectionTable view=projection/>
                <h2 id="roi-heading">"Migration ROI"</h2>
                <RoiPanel view=roi/>
            </section>
        </div>
        <Charts query=canonical alts/>
        <Sources payload=payload.get_value() estimate/>
    }
}
