//! Whether prices changed since the link was made, and which.

use leptos::prelude::*;
use llm_roi_core::report::drift::Drift;

#[component]
pub fn DriftNotice(drift: Drift) -> impl IntoView {
    match drift {
        Drift::Current { current } => view! {
            <p class="drift drift-current" data-testid="drift" data-state="current">
                "Prices as of pricebook " <code>{current}</code> ", the one this link was made with."
            </p>
        }
        .into_any(),
        Drift::Unstamped { current } => view! {
            <p class="drift drift-unstamped" data-testid="drift" data-state="unstamped">
                "This link does not say which prices it was made with; the figures use the current pricebook " <code>{current}</code> "."
            </p>
        }
        .into_any(),
        Drift::Unknown { made_with, current } => view! {
            <div class="drift drift-changed" role="alert" data-testid="drift" data-state="unknown">
                <p><strong>"Prices or provider facts have changed since this link was made."</strong>
                    " It was made with pricebook " <code>{made_with}</code> ", which this server does not have, so it cannot list which prices changed. The figures below use the current pricebook " <code>{current}</code> "."</p>
            </div>
        }
        .into_any(),
        Drift::Changed { made_with, current, changes } if changes.is_empty() => view! {
            <p class="drift drift-current" data-testid="drift" data-state="unchanged">
                "The pricebook changed since this link was made (" <code>{made_with}</code> " → " <code>{current}</code> "), but none of the prices this report uses did."
            </p>
        }
        .into_any(),
        Drift::Changed { made_with, current, changes } => view! {
            <div class="drift drift-changed" role="alert" data-testid="drift" data-state="changed">
                <p><strong>"Prices or provider facts have changed since this link was made."</strong>
                    " It was made with pricebook " <code>{made_with}</code> "; the figures below use the current one, " <code>{current}</code> ". Prices and facts this report uses that changed:"</p>
                <table class="drift-table">
                    <thead><tr><th scope="col">"Option"</th><th scope="col">"Price or fact"</th><th scope="col">"Then"</th><th scope="col">"Now"</th></tr></thead>
                    <tbody>
                        {changes.into_iter().map(|c| view! {
                            <tr data-subject=c.subject.clone()>
                                <th scope="row">{c.label}</th>
                                <td>{c.item}</td>
                                <td class="then">{c.before.unwrap_or_else(|| "not used".into())}</td>
                                <td class="now">{c.after.unwrap_or_else(|| "no longer in the pricebook".into())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any(),
    }
}
