//! The probe panel of `/probe`, hydrated in the browser.

use crate::client::browser::mark_hydrated;
use crate::components::probe_panel::{ProbePanel, RelayChoice};
use crate::server_fns::probe::ProbeInfo;
use leptos::prelude::*;

/// Usage (on the server, in a page):
///
/// ```ignore
/// view! { <ProbeIsland relays=relay_choices(&book) probe=probe_info()/> }
/// ```
#[island]
pub fn ProbeIsland(relays: Vec<RelayChoice>, probe: ProbeInfo) -> impl IntoView {
    Effect::new(|_| mark_hydrated());
    view! { <ProbePanel relays info=probe/> }
}
