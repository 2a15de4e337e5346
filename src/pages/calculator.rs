//! `/`: the calculator. The scenario lives in the URL query.
//!
//! With JavaScript, each input change rewrites the query with
//! `history.replaceState` and the estimate is recomputed in the browser: the
//! calculator is an island, hydrated with the pricebook and the probe status
//! from the page's hydration data. Without it, the form submits with GET and
//! the server renders the same numbers from the same query.

use crate::client::browser::{mark_hydrated, replace_url};
use crate::client::query::{initial_pairs, join_pairs, with_query};
use crate::components::charts::Charts;
use crate::components::error_summary::ErrorSummary;
use crate::components::probe_panel::{probe_info, ProbeInfoResource, ProbePanel};
use crate::components::projection_table::ProjectionTable;
use crate::components::results_table::ResultsTable;
use crate::components::roi_panel::RoiPanel;
use crate::components::scenario_form::ScenarioForm;
use crate::components::share_link::ShareLink;
use crate::components::sources::Sources;
use crate::components::with_pricebook::WithPricebook;
use crate::domain::cost::engine::estimate;
use crate::domain::forecast::forecast;
use crate::domain::scenario::codec::{decode, encode, link_query, PLAYBOOK_QUERY};
use crate::domain::view::chart_text::alt_texts;
use crate::domain::view::forecast_rows::{projection_view, roi_view};
use crate::domain::view::option_rows::rows;
use crate::pages::probe::relay_choices;
use crate::server_fns::pricebook::PricebookPayload;
use leptos::prelude::*;

#[component]
pub fn CalculatorPage() -> impl IntoView {
    view! {
        <header class="masthead">
            <h1>"llm-roi"</h1>
            <p class="tagline">"What moving your LLM API traffic costs and saves: exact, by day, month and year."</p>
            <p class="presets">"Preset: "
                <a href=format!("/?{PLAYBOOK_QUERY}") data-testid="preset-playbook">"the relay playbook's scenario"</a>
                " (Claude Haiku 4.5 to HolySheep, 10 M requests a day, 200 output tokens)."
            </p>
        </header>
        <CalculatorIsland/>
    }
}

/// Everything below the masthead; the part of the page that hydrates.
#[island]
fn CalculatorIsland() -> impl IntoView {
    // Outside the pricebook's Suspense, so that it is created (and
    // serialised) once: see `probe_info`.
    let info = probe_info();
    let pairs = RwSignal::new(initial_pairs());
    Effect::new(|_| mark_hydrated());
    view! {
        <WithPricebook loading="Loading the pricebook…" let:payload>
            <Calculator payload info pairs/>
        </WithPricebook>
    }
}

#[component]
fn Calculator(
    payload: PricebookPayload,
    info: ProbeInfoResource,
    pairs: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let payload = StoredValue::new(payload);
    let decoded = Memo::new(move |_| decode(&pairs.get()));
    let estimate = Memo::new(move |_| {
        payload
            .with_value(|p| estimate(&p.pricebook, &decoded.with(|(s, _)| s.clone())).on(p.today))
    });
    let table = Signal::derive(move || estimate.with(rows));
    let currency = Signal::derive(move || estimate.with(|e| e.currency));
    let outlook =
        Memo::new(move |_| payload.with_value(|p| estimate.with(|e| forecast(&p.pricebook, e))));
    let projection = Signal::derive(move || {
        outlook.with(|f| f.as_ref().ok().map(|f| projection_view(f, currency.get())))
    });
    let roi = Signal::derive(move || {
        outlook.with(|f| {
            let f = f.as_ref().ok()?;
            let m = decoded.with(|(s, _)| s.migration.clone());
            f.migration
                .as_ref()
                .map(|plan| roi_view(plan, m.hours, m.hourly_rate, currency.get()))
        })
    });
    let errors = Signal::derive(move || {
        let mut all = decoded.with(|(_, e)| e.clone());
        all.extend(estimate.with(|e| e.errors.clone()));
        all.extend(outlook.with(|f| f.as_ref().err().cloned()));
        all
    });
    let canonical = Signal::derive(move || decoded.with(|(s, _)| encode(s)));
    let alts = Signal::derive(move || outlook.with(|f| alt_texts(f.as_ref().ok(), currency.get())));
    let report_path = Signal::derive(move || {
        let fp = payload.with_value(|p| p.fingerprint.clone());
        format!("/report?{}", decoded.with(|(s, _)| link_query(s, &fp)))
    });
    let in_use =
        Signal::derive(move || estimate.with(|e| (e.scenario.clone(), e.baseline.to_string())));

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
        <ErrorSummary errors/>
        <ShareLink path=report_path/>
        <div class="layout">
            <ScenarioForm pricebook=payload.with_value(|p| p.pricebook.clone()) today=payload.with_value(|p| p.today) pairs=pairs.into() in_use errors on_change/>
            <section class="results" aria-labelledby="results-heading">
                <h2 id="results-heading">"Cost by option"</h2>
                <ResultsTable rows=table currency/>
                <h2 id="projection-heading">"Projection"</h2>
                <ProjectionTable view=projection/>
                <h2 id="roi-heading">"Migration ROI"</h2>
                <RoiPanel view=roi/>
            </section>
        </div>
        <Charts query=canonical alts/>
        <ProbePanel relays=payload.with_value(|p| relay_choices(&p.pricebook)) info/>
        <Sources payload=payload.get_value() estimate=estimate.into()/>
    }
}
