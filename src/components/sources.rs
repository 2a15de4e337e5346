//! Where every price comes from: each provider's source and checked date, and
//! the exchange rates used.

use crate::server_fns::pricebook::PricebookPayload;
use leptos::either::Either;
use leptos::prelude::*;
use llm_roi_core::cost::estimate::Estimate;
use llm_roi_core::money::date::{CalendarDate, STALE_AFTER_DAYS};
use llm_roi_core::pricebook::Provider;

/// "Model prices confirmed 2026-08-17 to 2026-10-14 (genai-prices 0.2.3)"
/// and the models whose own check is stale, when the models carry dates.
fn model_checks(p: &Provider, today: CalendarDate) -> Option<(String, Vec<String>)> {
    let dates: Vec<CalendarDate> = p.models.iter().filter_map(|m| m.checked).collect();
    let (first, last) = (dates.iter().min()?, dates.iter().max()?);
    let mut via: Vec<&str> = p.models.iter().filter_map(|m| m.via.as_deref()).collect();
    via.sort_unstable();
    via.dedup();
    let range = if first == last {
        first.to_string()
    } else {
        format!("{first} to {last}")
    };
    let via = if via.is_empty() {
        String::new()
    } else {
        format!(" ({})", via.join(", "))
    };
    let stale = p
        .models
        .iter()
        .filter(|m| m.checked.is_some_and(|c| c.is_stale(today)))
        .map(|m| m.id.clone())
        .collect();
    Some((format!(" model prices confirmed {range}{via}"), stale))
}

#[component]
pub fn Sources(payload: PricebookPayload, estimate: Signal<Estimate>) -> impl IntoView {
    let today = payload.today;
    let providers = payload
        .pricebook
        .providers
        .iter()
        .map(|p| {
            let age = p.checked.days_until(today);
            let stale = p.checked.is_stale(today);
            let models = model_checks(p, today);
            view! {
                <tr data-provider=p.id.clone() class:stale=stale>
                    <th scope="row">{p.name.clone()}</th>
                    <td data-label="Price page"><a href=p.source.clone() rel="noopener noreferrer">{p.source.clone()}</a></td>
                    <td class="checked" data-label="Checked">
                        {p.checked.to_string()}
                        {stale.then(|| view! { <span class="stale-flag">" stale: checked " {age} " days ago (over " {STALE_AFTER_DAYS} ")"</span> })}
                        {models.map(|(text, stale_models)| view! {
                            <span class="model-checks">{text}</span>
                            {(!stale_models.is_empty()).then(|| view! { <span class="stale-flag model-stale">" stale: " {stale_models.join(", ")}</span> })}
                        })}
                    </td>
                    <td data-label="Claims">{p.claim.as_ref().map(|c| format!("claims < {} ms overhead; vendor's own claim ({}), not measured", c.claimed_overhead_ms, c.source))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="sources" aria-labelledby="sources-heading">
            <h2 id="sources-heading">"Sources"</h2>
            <p>"Prices are per 1M tokens, copied from each provider's public price page on the date shown. A check older than " {STALE_AFTER_DAYS} " days is flagged as stale. Pricebook " <code data-testid="fingerprint">{payload.fingerprint.clone()}</code> "."</p>
            <table class="sources-table cards">
                <thead><tr><th scope="col">"Provider"</th><th scope="col">"Price page"</th><th scope="col">"Checked"</th><th scope="col">"Claims"</th></tr></thead>
                <tbody>{providers}</tbody>
            </table>
            <h3>"Exchange rates used"</h3>
            <ul class="fx" data-testid="fx">
                {move || estimate.with(|e| {
                    if e.fx.is_empty() {
                        Either::Left(view! { <li>"None: every price shown is in its own currency."</li> })
                    } else {
                        Either::Right(e.fx.iter().map(|r| view! {
                            <li>"1 USD = " <span title=r.per_usd.normalize().to_string()>{r.per_usd.round_dp(4).normalize().to_string()}</span> " " {r.currency.clone()} ", " {r.date.clone()} " (" <a href=r.source.clone()>"source"</a> ")"</li>
                        }).collect_view())
                    }
                })}
            </ul>
        </section>
    }
}
