//! Every price a report used, with its source and checked date.

use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use llm_roi_core::report::prices_used::PriceLine;

#[component]
pub fn PricesUsedTable(lines: Vec<PriceLine>, fingerprint: String) -> impl IntoView {
    view! {
        <p>"From pricebook " <code data-testid="fingerprint">{fingerprint}</code> ". Prices are per 1M tokens unless said otherwise, in each provider's own currency, as published on the page linked."</p>
        <TableScroll label="Table of the prices used">
            <table class="prices-used" data-testid="prices-used">
                <thead>
                    <tr><th scope="col">"Option"</th><th scope="col">"Price"</th><th scope="col">"Value"</th><th scope="col">"Source"</th><th scope="col">"Checked"</th></tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr data-subject=l.subject.clone()>
                            <th scope="row">{l.label}</th>
                            <td>{l.item}</td>
                            <td class="value">{l.value}</td>
                            <td><a href=l.source.clone() rel="noopener noreferrer">{l.source.clone()}</a></td>
                            <td class="checked">{l.checked}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
