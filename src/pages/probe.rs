//! `/probe`: the live probe panel on its own.

use crate::components::probe_panel::relay_choices;
use crate::islands::probe::ProbeIsland;
use crate::pages::with_pricebook::with_pricebook;
use crate::server_fns::probe::probe_info;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProbePage() -> impl IntoView {
    view! {
        <Title text="llm-roi: measure a relay's latency overhead"/>
        <header class="masthead">
            <h1><a href="/">"llm-roi"</a> " · probe"</h1>
        </header>
        {with_pricebook(|payload| view! {
            <ProbeIsland relays=relay_choices(&payload.pricebook) probe=probe_info()/>
        })}
    }
}
