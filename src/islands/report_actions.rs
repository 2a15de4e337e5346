//! The report's "Copy" and "Print" buttons, hydrated in the browser.

use crate::client::browser::{mark_hydrated, print_page};
use crate::components::copy_field::CopyField;
use leptos::prelude::*;

/// Usage (on the server, in a page):
///
/// ```ignore
/// view! { <nav><ReportActions report_url/> <a href="…">"…"</a></nav> }
/// ```
#[island]
pub fn ReportActions(report_url: String) -> impl IntoView {
    Effect::new(|_| mark_hydrated());
    view! {
        <CopyField label="Link to this report" text=report_url testid="report-url"/>
        <button type="button" class="print-button" on:click=|_| print_page()>"Print or save as PDF"</button>
    }
}
