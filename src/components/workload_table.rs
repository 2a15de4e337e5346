//! A workload mix's classes: model, how they were sent, tier band,
//! requests and their share, and the means per request.
//!
//! Usage:
//!
//! ```ignore
//! view! { <WorkloadTable view=workload_view(&book, &mix)/> }
//! ```

use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use llm_roi_core::view::workload_rows::WorkloadView;

#[component]
pub fn WorkloadTable(view: WorkloadView) -> impl IntoView {
    let rows = view
        .rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.model}</th>
                    <td>{r.kind}</td>
                    <td>{r.band}</td>
                    <td class="num">{r.requests}</td>
                    <td class="num">{r.share}</td>
                    <td class="num">{r.mean_input}</td>
                    <td class="num">{r.mean_cached}</td>
                    <td class="num">{r.mean_output}</td>
                    <td class="num">{r.mean_reasoning}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <TableScroll label="Table of the workload's request classes">
            <table class="workload" data-testid="workload">
                <caption>{view.caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Model"</th>
                        <th scope="col">"Sent"</th>
                        <th scope="col">"Tier band"</th>
                        <th scope="col">"Requests"</th>
                        <th scope="col">"Share"</th>
                        <th scope="col">"Input / request"</th>
                        <th scope="col">"of it cached"</th>
                        <th scope="col">"Output / request"</th>
                        <th scope="col">"of it reasoning"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}
