//! The honesty check on the probe page: for each relay, the latest result
//! (the verdict, then each prompt's replies side by side) and a form that
//! runs a new check, with its price and budget stated on the button.
//! A plain form: it works without JavaScript, and the server sends the
//! browser back here when the check is done.
//!
//! Usage (a page, on the server):
//!
//! ```ignore
//! view! { <HonestyPanel page error form_token/> }
//! ```

use crate::components::spend_form::SpendForm;
use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use llm_roi_core::probe::history_page::{utc_minute, HistoryPage};
use llm_roi_core::probe::honesty::{HonestyPlan, HonestyReport, PromptCheck};

fn side(r: &Result<llm_roi_core::probe::honesty::Reply, String>) -> (String, String, String) {
    match r {
        Ok(r) => (
            r.model.clone(),
            format!("{} in / {} out", r.input_tokens, r.output_tokens),
            r.text.clone(),
        ),
        Err(e) => ("—".into(), "—".into(), format!("no reply: {e}")),
    }
}

#[component]
fn PromptRow(c: PromptCheck) -> impl IntoView {
    let similarity = c
        .compared()
        .map_or("—".into(), |x| format!("{:.0} %", x.similarity * 100.0));
    let (rm, rt, rx) = side(&c.relay);
    let (dm, dt, dx) = side(&c.direct);
    view! {
        <tr>
            <th scope="row">{c.prompt_id} <small>{format!(" (max {})", c.max_tokens)}</small></th>
            <td>{rm}<br/>{rt}</td>
            <td>{dm}<br/>{dt}</td>
            <td>{similarity}</td>
            <td class="reply">{rx}</td>
            <td class="reply">{dx}</td>
        </tr>
    }
}

#[component]
fn Latest(r: HonestyReport) -> impl IntoView {
    let kind = serde_json::to_value(r.verdict.kind)
        .ok()
        .and_then(|k| k.as_str().map(str::to_string))
        .unwrap_or_default();
    let label = format!("Replies of {} and {} to each prompt", r.relay, r.upstream);
    view! {
        <p class=format!("honesty-verdict {kind}") data-testid=format!("honesty-verdict-{}", r.relay)>
            <strong>{r.verdict.text}</strong>
        </p>
        <p class="history-about">{format!(
            "Checked {} from {} with {} prompts at temperature 0 (at most ${} in tokens).",
            utc_minute(r.finished_at_ms), r.measured_from, r.checks.len(), r.max_cost_usd
        )}</p>
        <TableScroll label>
            <table class="honesty-checks">
                <thead><tr>
                    <th scope="col">"Prompt"</th>
                    <th scope="col">"Relay: model, tokens"</th>
                    <th scope="col">"Direct: model, tokens"</th>
                    <th scope="col">"Similarity"</th>
                    <th scope="col">"Relay's text"</th>
                    <th scope="col">"Direct text"</th>
                </tr></thead>
                <tbody>{r.checks.into_iter().map(|c| view! { <PromptRow c/> }).collect_view()}</tbody>
            </table>
        </TableScroll>
    }
}

/// The form that runs a check of `p.relay`.
#[component]
fn RunForm(p: HonestyPlan, form_token: String) -> impl IntoView {
    let button = format!(
        "Check {} now: at most ${} in tokens, {} requests of the hourly budget",
        p.relay, p.max_cost_usd, p.requests
    );
    let about = format!(
        " {} sends {} → {}, {} → {}.",
        p.basis, p.relay, p.relay_model, p.upstream, p.direct_model
    );
    view! {
        <SpendForm action="/probe/honesty" relay=p.relay button about ready=p.ready key_vars=p.key_vars form_token/>
    }
}

/// The latest check of each relay and the forms to run one.
#[component]
/// `form_token`: the token the forms carry back (the server's, per process).
pub fn HonestyPanel(page: HistoryPage, error: Option<String>, form_token: String) -> impl IntoView {
    let blocks = page
        .plans
        .iter()
        .cloned()
        .map(|p| {
            let latest = page.honesty.iter().find(|r| r.relay == p.relay).cloned();
            let id = format!("honesty-{}", p.relay);
            let labelled_by = id.clone();
            view! {
                <section class="relay-honesty" aria-labelledby=labelled_by>
                    <h3 id=id>{format!("{} → {}", p.relay, p.upstream)}</h3>
                    {match latest {
                        Some(r) => view! { <Latest r/> }.into_any(),
                        None => view! { <p>"Not checked in the last 7 days."</p> }.into_any(),
                    }}
                    <RunForm p form_token=form_token.clone()/>
                </section>
            }
        })
        .collect_view();
    view! {
        <p>
            "The same committed prompts go to the relay and to the official API. The same model and tokenizer count the same input tokens for the same input, keep within max_tokens and answer alike; a different count means another model or a hidden prompt."
        </p>
        {error.map(|e| view! { <p class="error" role="alert" data-testid="honesty-error">{format!("The check did not run: {e}")}</p> })}
        {blocks}
    }
}
