//! The calculator: everything below the masthead of `/`, hydrated in the
//! browser. It receives the pricebook, the probe's status and the query as
//! props (serialised into the page), computes the estimate, the forecast and
//! the ROI with the same code as the server, and on each input change
//! rewrites the URL with `history.replaceState`.

use crate::client::browser::{mark_hydrated, replace_url};
use crate::client::query::{join_pairs, with_query};
use crate::components::charts::Charts;
use crate::components::error_summary::ErrorSummary;
use crate::components::live_summary::LiveSummary;
use crate::components::memo::memo;
use crate::components::probe_panel::{relay_choices, ProbePanel};
use crate::components::projection_table::ProjectionTable;
use crate::components::results_table::ResultsTable;
use crate::components::roi_panel::RoiPanel;
use crate::components::scenario_form::ScenarioForm;
use crate::components::share_link::ShareLink;
use crate::components::sources::Sources;
use crate::components::workload_table::WorkloadTable;
use crate::domain::cost::scenario_cost::estimate;
use crate::domain::forecast::forecast;
use crate::domain::scenario::codec::{decode, encode, link_query};
use crate::domain::view::chart_text::alt_texts;
use crate::domain::view::forecast_rows::{projection_view, roi_view};
use crate::domain::view::headline::headline;
use crate::domain::view::option_rows::rows;
use crate::domain::view::workload_rows::workload_view;
use crate::server_fns::pricebook::PricebookPayload;
use crate::server_fns::probe::ProbeInfo;
use leptos::prelude::*;

/// Usage (on the server, in a page):
///
/// ```ignore
/// view! { <CalculatorIsland payload probe=probe_info() pairs/> }
/// ```
#[island]
pub fn CalculatorIsland(
    payload: PricebookPayload,
    probe: ProbeInfo,
    /// The page's query, in order.
    pairs: Vec<(String, String)>,
) -> impl IntoView {
    Effect::new(|_| mark_hydrated());
    let pairs = RwSignal::new(pairs);
    let payload = StoredValue::new(payload);
    let decoded = Memo::new(move |_| decode(&pairs.get()));
    let estimate = Memo::new(move |_| {
        payload
            .with_value(|p| estimate(&p.pricebook, &decoded.with(|(s, _)| s.clone())).on(p.today))
    });
    let table = memo(move || estimate.with(rows));
    let currency = memo(move || estimate.with(|e| e.currency));
    let outlook =
        Memo::new(move |_| payload.with_value(|p| estimate.with(|e| forecast(&p.pricebook, e))));
    let projection =
        memo(move || outlook.with(|f| f.as_ref().ok().map(|f| projection_view(f, currency.get()))));
    let roi = memo(move || {
        outlook.with(|f| {
            let f = f.as_ref().ok()?;
            let m = decoded.with(|(s, _)| s.migration.clone());
            f.migration
                .as_ref()
                .map(|plan| roi_view(plan, m.hours, m.hourly_rate, currency.get()))
        })
    });
    let errors = memo(move || {
        let mut all = decoded.with(|(_, e)| e.clone());
        all.extend(estimate.with(|e| e.errors.clone()));
        all.extend(outlook.with(|f| f.as_ref().err().cloned()));
        all
    });
    let canonical = memo(move || decoded.with(|(s, _)| encode(s)));
    let top = memo(move || outlook.with(|f| estimate.with(|e| headline(e, f.as_ref().ok()))));
    let alts = memo(move || outlook.with(|f| alt_texts(f.as_ref().ok(), currency.get())));
    let report_path = memo(move || {
        let fp = payload.with_value(|p| p.fingerprint.clone());
        format!("/report?{}", decoded.with(|(s, _)| link_query(s, &fp)))
    });
    let workload = decoded
        .with_untracked(|(s, _)| s.mix.clone())
        .map(|m| payload.with_value(|p| workload_view(&p.pricebook, &m)));
    let in_use = memo(move || estimate.with(|e| (e.scenario.clone(), e.baseline.to_string())));

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
                <ResultsTable rows=table currency/>
                <h2 id="projection-heading">"Projection"</h2>
                <ProjectionTable view=projection/>
                <h2 id="roi-heading">"Migration ROI"</h2>
                <RoiPanel view=roi/>
            </section>
        </div>
        <Charts query=canonical alts/>
        <ProbePanel relays=payload.with_value(|p| relay_choices(&p.pricebook)) info=probe/>
        <Sources payload=payload.get_value() estimate=estimate.into()/>
    }
}
