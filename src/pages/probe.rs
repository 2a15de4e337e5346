//! `/probe`: the live probe panel on its own.

use crate::components::probe_panel::{probe_info, ProbePanel, RelayChoice};
use crate::components::with_pricebook::WithPricebook;
use crate::domain::pricebook::{Pricebook, ProviderKind};
use leptos::prelude::*;
use leptos_meta::Title;

/// The relays of a pricebook, for the panel's picker.
pub fn relay_choices(book: &Pricebook) -> Vec<RelayChoice> {
    book.providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Relay)
        .map(|p| {
            (
                p.id.clone(),
                p.name.clone(),
                p.claim.as_ref().map(|c| c.claimed_overhead_ms),
            )
        })
        .collect()
}

#[component]
pub fn ProbePage() -> impl IntoView {
    view! {
        <Title text="llm-roi: measure a relay's latency overhead"/>
        <header class="masthead">
            <h1><a href="/">"llm-roi"</a> " · probe"</h1>
        </header>
        <ProbeIsland/>
    }
}

/// The panel, with the relays of the pricebook; the part that hydrates.
#[island]
fn ProbeIsland() -> impl IntoView {
    let info = probe_info();
    Effect::new(|_| crate::client::browser::mark_hydrated());
    view! {
        <WithPricebook loading="Loading…" let:payload>
            <ProbePanel relays=relay_choices(&payload.pricebook) info/>
        </WithPricebook>
    }
}
