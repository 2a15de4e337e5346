//! The audit on the probe page: for each relay, the latest audit's three
//! findings and what they do to its price, with a link that carries the
//! audited price into the calculator; its failure rate over 7 days, with a
//! link that makes it the rollout's fallback rate; and a form that runs a
//! new audit, its price bound on the button.
//!
//! Usage (a page, on the server):
//!
//! ```ignore
//! view! { <AuditPanel page error form_token/> }
//! ```

use crate::components::spend_form::SpendForm;
use leptos::prelude::*;
use llm_roi_core::probe::audit::{AuditPlan, AuditReport};
use llm_roi_core::probe::history_page::{utc_minute, HistoryPage};

fn code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|k| k.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[component]
fn Latest(r: AuditReport) -> impl IntoView {
    let link = format!("/?aud={}", r.aud);
    view! {
        <dl class="audit-findings" data-testid=format!("audit-{}", r.relay)>
            <dt>"Prompt cache"</dt>
            <dd class=format!("audit-{}", code(&r.cache.verdict))>
                <strong>{code(&r.cache.verdict)}</strong> ": " {r.cache.detail.clone()}
                {(r.cache.relay_1h_writes > 0).then(|| format!("; {} replies billed a 1-hour write when 5 minutes were asked", r.cache.relay_1h_writes))}
            </dd>
            <dt>"Billing offset"</dt>
            <dd>{r.billing_offset.detail.clone()}</dd>
            <dt>"Streaming"</dt>
            <dd class=format!("audit-{}", code(&r.streaming.verdict))>
                <strong>{code(&r.streaming.verdict)}</strong> ": " {r.streaming.detail.clone()}
            </dd>
            <dt>"Price"</dt>
            <dd>{r.audited.clone()} " " <a href=link data-testid="audit-link">"Use the audited price in the calculator"</a></dd>
        </dl>
        <p class="history-about">{format!(
            "Audited {} from {}: {} requests ({} failed), ${} in tokens at the pricebook's prices (bound ${}).",
            utc_minute(r.finished_at_ms), r.measured_from, r.requests, r.failed, r.spent_usd, r.max_cost_usd
        )}</p>
    }
}

#[component]
fn RunForm(p: AuditPlan, form_token: String) -> impl IntoView {
    let button = format!(
        "Audit {} now: at most ${} in tokens, {} requests of the hourly budget",
        p.relay, p.max_cost_usd, p.requests
    );
    let about = format!(
        " {} ({} → {}, {} → {}).",
        p.basis, p.relay, p.relay_model, p.upstream, p.direct_model
    );
    view! {
        <SpendForm action="/probe/audit" relay=p.relay button about ready=p.ready key_vars=p.key_vars form_token/>
    }
}

/// The latest audit of each relay and the forms to run one.
#[component]
pub fn AuditPanel(page: HistoryPage, error: Option<String>, form_token: String) -> impl IntoView {
    let blocks = page
        .audit_plans
        .iter()
        .cloned()
        .map(|p| {
            let latest = page.audits.iter().find(|r| r.relay == p.relay).cloned();
            let failures = page
                .reliability
                .iter()
                .find(|r| r.relay == p.relay)
                .map(|r| {
                    let link = format!("/?fb={}", r.fb);
                    view! {
                        <p class="history-about" data-testid=format!("reliability-{}", r.relay)>
                            {format!("Failures over the last 7 days: {}. ", r.words())}
                            <a href=link>"Use it as the rollout's fallback rate"</a>
                        </p>
                    }
                });
            let id = format!("audit-head-{}", p.relay);
            let labelled_by = id.clone();
            view! {
                <section class="relay-audit" aria-labelledby=labelled_by>
                    <h3 id=id>{format!("Audit of {} → {}", p.relay, p.upstream)}</h3>
                    {match latest {
                        Some(r) => view! { <Latest r/> }.into_any(),
                        None => view! { <p>"Not audited in the last 7 days."</p> }.into_any(),
                    }}
                    {failures}
                    <RunForm p form_token=form_token.clone()/>
                </section>
            }
        })
        .collect_view();
    view! {
        <p>
            "The same requests go to the relay and to the official API: a cacheable prefix three times, questions of five sizes, two streamed answers. The findings are priced into the relay's route: reads it does not serve bill as writes, 1-hour writes at their price, and added tokens on every request."
        </p>
        {error.map(|e| view! { <p class="error" role="alert" data-testid="audit-error">{format!("The audit did not run: {e}")}</p> })}
        {blocks}
    }
}
