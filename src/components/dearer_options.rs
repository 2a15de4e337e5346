//! The line under the options table that names the default options left
//! out because they cost as much as the baseline or more, each with what it
//! costs more, and a link that compares them too.

use crate::client::query::with_query;
use leptos::prelude::*;
use llm_roi_core::view::dearer_note::DearerNote;

/// Nothing when no option was left out. `path` is the page the link opens
/// (`/` or `/report`); with `on_compare` (the calculator's input callback),
/// a click sets `cmp` in place instead of loading the page again.
///
/// Usage:
///
/// ```ignore
/// view! { <DearerOptions note=Signal::stored(dearer_note(&estimate)) path="/report"/> }
/// ```
#[component]
pub fn DearerOptions(
    note: Signal<Option<DearerNote>>,
    path: &'static str,
    #[prop(optional)] on_compare: Option<Callback<(String, String)>>,
) -> impl IntoView {
    move || {
        note.get().map(|n| {
            let cmp = n.compare_all_cmp.clone();
            let click = move |ev: leptos::ev::MouseEvent| {
                if let Some(set) = on_compare {
                    ev.prevent_default();
                    set.run(("cmp".to_string(), cmp.clone()));
                }
            };
            view! {
                <div class="dearer" data-testid="dearer">
                    <p>{n.text} ":"</p>
                    <ul>{n.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                    <p><a href=with_query(path, &n.compare_all_query) on:click=click data-testid="compare-all">"Compare them too"</a></p>
                </div>
            }
        })
    }
}
