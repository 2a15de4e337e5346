//! The calculator's "Copy link": the shareable report of the scenario.

use crate::client::browser::page_origin;
use crate::components::copy_field::copy_and_report;
use leptos::prelude::*;

/// `path` is the report's path and query (`/report?v=1&…`); the copied link
/// is absolute, with the page's origin.
#[component]
pub fn ShareLink(#[prop(into)] path: Signal<String>) -> impl IntoView {
    let (status, set_status) = signal(String::new());
    let copy = move |_| {
        let link = format!(
            "{}{}",
            page_origin().unwrap_or_default(),
            path.get_untracked()
        );
        copy_and_report(
            link,
            set_status,
            |l| format!("Copied {l}"),
            "use the report link instead.",
        );
    };
    view! {
        <section class="share no-print" aria-label="Share">
            <a class="report-link" data-testid="report-link" href=move || path.get()>"Open the shareable report"</a>
            <button type="button" class="copy-button" data-testid="copy-link" on:click=copy>"Copy link"</button>
            <span class="copy-status" role="status" data-testid="copy-status">{move || status.get()}</span>
        </section>
    }
}
