//! An option's fit in the options table: a few words (which requirements it
//! fails or leaves unknown, or how many facts are known), and on demand the
//! checks and every fact with its source and check date, or, in the
//! calculator, the checks and a link to the report, which lists the facts
//! (so that the calculator's page does not carry every provider's facts).

use leptos::prelude::*;
use llm_roi_core::view::fit_rows::FitView;

#[component]
pub fn FitCell(
    fit: FitView,
    /// Where the facts are listed instead of here (the report of the same
    /// link); `None` lists them here.
    facts_href: Option<Signal<String>>,
) -> impl IntoView {
    let checks = (!fit.checks.is_empty()).then(|| {
        view! {
            <ul class="fit-checks">
                {fit.checks.iter().map(|c| view! {
                    <li class=format!("check-{}", c.verdict) data-req=c.requirement.clone() data-verdict=c.verdict>
                        <strong>{c.label.clone()}</strong> ": " {c.verdict} " — " {c.fact.clone()}
                        {c.source.clone().filter(|_| facts_href.is_none()).map(|s| view! { <small class="source" class:stale=c.stale>" " {s}</small> })}
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    // In the calculator the checks' sources are in the report, with the facts.
    let link = facts_href.map(|href| {
        let known = fit.facts.iter().filter(|f| f.known).count();
        let total = fit.facts.len();
        view! {
            <p class="fit-more"><a href=move || format!("{}#options-heading", href.get())>{format!("{known} of {total} facts, sources: report")}</a></p>
        }
    });
    let facts = (facts_href.is_none() && !fit.facts.is_empty()).then(|| {
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
            <summary data-fit=fit.state title=(fit.detail != fit.summary).then(|| fit.detail.clone())>{fit.summary.clone()}</summary>
            {checks}
            {facts}
            {link}
        </details>
    }
}
