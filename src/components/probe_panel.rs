//! The live probe panel: pick a relay, the number of pairs and cold or warm
//! connections; start, watch the samples stream in, cancel; read the phase
//! table and the verdict beside the vendor's claim.

use crate::client::browser::{session_get, session_set};
use crate::client::probe_events::follow;
use crate::components::probe_strip::ProbeStrip;
use crate::server_fns::probe::{cancel_probe, start_probe, ProbeInfo};
use leptos::either::Either;
use leptos::prelude::*;
use llm_roi_core::pricebook::{Pricebook, ProviderKind};
use llm_roi_core::probe::report::PHASES;
use llm_roi_core::probe::run::{RunStatus, RunView};
use llm_roi_core::probe::sample::Connection;

/// A relay the panel can probe: (provider id, name, claimed overhead).
pub type RelayChoice = (String, String, Option<u32>);

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

/// Where the page keeps the operator token (`sessionStorage`).
const TOKEN_KEY: &str = "llm-roi-operator-token";

fn ms(us: u64) -> String {
    format!("{:.1}", us as f64 / 1000.0)
}

/// `info` is the probe's status when the page was rendered
/// (`server_fns::probe::probe_info`).
#[component]
pub fn ProbePanel(relays: Vec<RelayChoice>, info: ProbeInfo) -> impl IntoView {
    let relay = RwSignal::new(relays.first().map(|r| r.0.clone()).unwrap_or_default());
    let pairs = RwSignal::new("20".to_string());
    let warm = RwSignal::new(true);
    let run = RwSignal::new(None::<RunView>);
    let error = RwSignal::new(None::<String>);
    let cancel_token = StoredValue::new(String::new());
    // The operator token, kept for this tab's session only: read as the
    // panel hydrates (none on the server; hydration sets the field's
    // value), so a Start replayed right after hydration already sends it.
    let operator_token = RwSignal::new(session_get(TOKEN_KEY).unwrap_or_default());

    let start = Action::new(move |_: &()| {
        let relay = relay.get_untracked();
        let pairs = pairs.get_untracked().trim().parse::<usize>().unwrap_or(0);
        let connection = if warm.get_untracked() {
            Connection::Warm
        } else {
            Connection::Cold
        };
        let token = operator_token.get_untracked();
        async move { start_probe(relay, pairs, connection, token).await }
    });
    Effect::new(move |_| {
        if let Some(result) = start.value().get() {
            match result {
                Ok(started) => {
                    error.set(None);
                    cancel_token.set_value(started.cancel_token);
                    follow(&started.id, move |view| run.set(Some(view)));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let cancel = Action::new(move |id: &String| {
        let id = id.clone();
        let token = cancel_token.get_value();
        async move { cancel_probe(id, token).await }
    });
    let running = move || run.with(|r| r.as_ref().is_some_and(|v| v.status == RunStatus::Running));

    view! {
        <section class="probe" aria-labelledby="probe-heading" data-testid="probe-panel">
            <h2 id="probe-heading">"Relay latency: measured, not claimed"</h2>
            {if info.available {
                Either::Left(view! {
                    <p class="probe-origin">"Measured from this server" {(!info.measured_from.is_empty()).then(|| view! { ", " <strong data-testid="probe-host">{info.measured_from.clone()}</strong> })}
                        ". Pairs alternate relay and direct (ABBA). Authenticated requests this hour: "
                        {info.auth_used_this_hour} " of " {info.auth_per_hour} "; at most " {info.max_pairs} " pairs a run."</p>
                })
            } else {
                Either::Right(view! { <p class="probe-off">{info.reason.unwrap_or_default()}</p> })
            }}
            <noscript><p>"The live probe needs JavaScript; the API is POST /api/v1/probe/runs."</p></noscript>
            <div class="probe-controls">
                <label>"Relay "
                    <select data-testid="probe-relay" on:change=move |ev| relay.set(event_target_value(&ev)) prop:value=move || relay.get()>
                        {relays.iter().map(|(id, name, claim)| {
                            let label = match claim { Some(c) => format!("{name} (claims < {c} ms)"), None => name.clone() };
                            view! { <option value=id.clone()>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>"Pairs " <input data-testid="probe-pairs" type="text" inputmode="numeric" size="4" prop:value=move || pairs.get() on:input=move |ev| pairs.set(event_target_value(&ev))/></label>
                <label><input type="radio" name="probe-conn" checked=true on:change=move |_| warm.set(true)/>" warm"</label>
                <label><input type="radio" name="probe-conn" on:change=move |_| warm.set(false)/>" cold"</label>
                <label>"Operator token " <input data-testid="probe-token" type="password" autocomplete="off" size="12"
                    prop:value=move || operator_token.get()
                    on:input=move |ev| { let t = event_target_value(&ev); session_set(TOKEN_KEY, &t); operator_token.set(t); }/></label>
                <button type="button" data-testid="probe-start" disabled=running on:click=move |_| { run.set(None); start.dispatch(()); }>"Start"</button>
                <button type="button" data-testid="probe-cancel" disabled=move || !running()
                    on:click=move |_| { if let Some(id) = run.with_untracked(|r| r.as_ref().map(|v| v.id.clone())) { cancel.dispatch(id); } }>"Cancel"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || run.get().map(|v| view! { <RunResult view=v/> })}
        </section>
    }
}

#[component]
fn RunResult(view: RunView) -> impl IntoView {
    let r = &view.report;
    let verdict = r
        .verdict
        .as_ref()
        .map(|v| v.text.clone())
        .or_else(|| r.note.clone())
        .unwrap_or_default();
    let rows = PHASES
        .iter()
        .filter_map(|(key, label, _)| {
            let a = r.relay.phases.get(*key);
            let b = r.direct.phases.get(*key);
            (a.is_some() || b.is_some()).then(|| {
                let cell = |s: Option<&llm_roi_core::probe::stats::Summary>| {
                    s.map_or_else(
                        || "–".to_string(),
                        |s| format!("{} / {} / {}", ms(s.p50_us), ms(s.p90_us), ms(s.p99_us)),
                    )
                };
                view! { <tr><th scope="row">{*label}</th><td>{cell(a)}</td><td>{cell(b)}</td></tr> }
            })
        })
        .collect_view();
    let errors = |e: &std::collections::BTreeMap<String, usize>| {
        if e.is_empty() {
            "none".to_string()
        } else {
            e.iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    view! {
        <div class="probe-run" data-testid="probe-run" data-status=format!("{:?}", view.status).to_lowercase()>
            <p>{format!("{} against {}, direct — {}", view.relay_url, view.direct_url, view.mode)}</p>
            <progress data-testid="probe-progress" max=view.total_requests value=view.done_requests></progress>
            <span data-testid="probe-percent">{format!(" {}%", view.done_requests * 100 / view.total_requests.max(1))}</span>
            <p class="verdict" data-testid="probe-verdict">{verdict}</p>
            {view.stop_reason.clone().map(|s| view! { <p class="error">{s}</p> })}
            <ProbeStrip samples=view.samples.clone()/>
            <table class="probe-phases">
                <thead><tr><th scope="col">"phase, ms from start (p50 / p90 / p99)"</th><th scope="col">"relay"</th><th scope="col">"direct"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="probe-errors">"Errors, relay: " {errors(&r.relay.errors)} "; direct: " {errors(&r.direct.errors)}
                {r.relay.retry_after_s.or(r.direct.retry_after_s).map(|s| format!(" (retry-after {s} s honoured)"))}</p>
        </div>
    }
}
