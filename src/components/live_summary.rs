//! The answer first: the summary sentence, the headline figures and the
//! target's claims, at the top of the calculator. It follows every input; a
//! screen reader hears the sentence once it has settled, not per keystroke.
//!
//! Usage:
//!
//! ```ignore
//! let top = memo(move || outlook.with(|f| estimate.with(|e| headline(e, f.as_ref().ok()))));
//! view! { <LiveSummary headline=top/> }
//! ```

use crate::client::debounced::debounced;
use crate::components::memo::memo;
use leptos::prelude::*;
use llm_roi_core::view::headline::Headline;

/// How long the sentence must stay unchanged before it is announced.
const ANNOUNCE_AFTER_MS: u64 = 1000;

#[component]
pub fn LiveSummary(headline: Signal<Headline>) -> impl IntoView {
    let sentence = memo(move || headline.with(|h| h.sentence.clone()));
    let settled = debounced(sentence, ANNOUNCE_AFTER_MS);
    view! {
        <section class="live-summary" aria-labelledby="summary-heading" data-testid="live-summary">
            <h2 id="summary-heading" class="visually-hidden">"Summary"</h2>
            <p class="summary" data-testid="calc-summary">{move || sentence.get()}</p>
            <dl class="headline" data-testid="headline">
                {move || headline.with(|h| {
                    h.figures
                        .iter()
                        .map(|(label, value)| view! { <div><dt>{label.clone()}</dt><dd>{value.clone()}</dd></div> })
                        .collect_view()
                })}
            </dl>
            <ul class="claims" data-testid="claims">
                {move || headline.with(|h| h.claims.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view())}
            </ul>
            <p class="visually-hidden" aria-live="polite" data-testid="summary-announce">{move || settled.get()}</p>
        </section>
    }
}
