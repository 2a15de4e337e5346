//! An option's fit in the options table: one line (which requirements it
//! fails or leaves unknown, or how many facts are known), and on demand the
//! checks and every fact with its source and check date.

use leptos::prelude::*;
use llm_roi_core::view::fit_rows::FitView;

#[component]
pub fn FitCell(fit: FitView) -> impl IntoView {
    let checks = (!fit.checks.is_empty()).then(|| {
        view! {
            <ul class="fit-checks">
                {fit.checks.iter().map(|c| view! {
                    <li class=format!("check-{}", c.verdict) data-req=c.requirement.clone() data-verdict=c.verdict>
                        <strong>{c.label.clone()}</strong> ": " {c.verdict} " — " {c.fact.clone()}
                        {c.source.clone().map(|s| view! { <small class="source" class:stale=c.stale>" " {s}</small> })}
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let facts = (!fit.facts.is_empty()).then(|| {
        view! {
            <dl class="fit-facts">
                {fit.facts.iter().map(|f| view! {
                    <dt>{f.label.clone()}</dt>
                    <dd class:unknown=!f.known class:claimed=f.claimed data-fact=f.key.clone()>
                        {f.value.clone()}
                        {f.note.clone().map(|n| view! { <small class="note">" (" {n} ")"</small> })}
                        {f.source.clone().map(|s| view! { <small class="source" class:stale=f.stale>" " {s}</small> })}
                    </dd>
                }).collect_view()}
            </dl>
        }
    });
    view! {
        <details class=format!("fit fit-state-{}", fit.state) data-testid="fit">
            <summary data-fit=fit.state title=fit.detail.clone()><span aria-hidden="true">{fit.summary.clone()}</span><span class="visually-hidden">{fit.detail.clone()}</span></summary>
            {checks}
            {facts}
        </details>
    }
}
