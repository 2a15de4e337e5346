//! `/`: the calculator. The scenario lives in the URL query.
//!
//! The masthead is static; then [`CalculatorIsland`], rendered here from the
//! query and hydrated in the browser, the probe panel ([`ProbeIsland`]) and
//! the usage import. Without JavaScript the form submits with GET and the
//! server renders the same numbers from the same query.

use crate::client::pricebook::BookRef;
use crate::client::pricebook::ASSET_LINK_ID;
use crate::client::query::query_pairs;
use crate::components::probe_panel::relay_choices;
use crate::islands::calculator::CalculatorIsland;
use crate::islands::probe::ProbeIsland;
use crate::islands::usage_import::UsageImport;
use crate::pages::with_pricebook::with_pricebook;
use crate::server::pricebook_asset::asset_path;
use crate::server_fns::probe::probe_info;
use leptos::prelude::*;
use leptos_meta::Link;
use leptos_router::hooks::use_query_map;
use llm_roi_core::scenario::codec::PLAYBOOK_QUERY;

#[component]
pub fn CalculatorPage() -> impl IntoView {
    let pairs = query_pairs(use_query_map().get_untracked());
    view! {
        <header class="masthead">
            <h1>"llm-roi"</h1>
            <p class="tagline">"What moving your LLM API traffic costs and saves: exact, by day, month and year."</p>
            <p class="presets">"Preset: "
                <a href=format!("/?{PLAYBOOK_QUERY}") data-testid="preset-playbook">"the relay playbook's scenario"</a>
                " (Claude Haiku 4.5 to HolySheep, 10 M requests a day, 200 output tokens)."
            </p>
            <p class="presets"><a href="#import">"Import a usage log"</a> " to price your real traffic, request by request, on every route."</p>
        </header>
        {with_pricebook(move |payload| {
            let relays = relay_choices(&payload.pricebook);
            view! {
                // Fetched with the calculator's bundle, which makes it a preload.
                <Link id=ASSET_LINK_ID rel="alternate" type_="application/json" as_="fetch" crossorigin="anonymous" href=asset_path(&payload.fingerprint)/>
                <CalculatorIsland book=BookRef(payload) pairs/>
                // Its own bundle, loaded when the panel is first used.
                <ProbeIsland relays probe=probe_info()/>
            }
        })}
        <UsageImport/>
    }
}
