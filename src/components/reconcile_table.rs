//! A reconciliation as the page shows it: per model and day, computed
//! against billed with the difference and its likely causes, then the
//! total and the calibration a scenario can carry.
//!
//! Usage:
//!
//! ```ignore
//! view! { <ReconcileTable lines unattributed total cal/> }
//! ```

use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use serde::Deserialize;

/// A cause as the answer gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CauseOut {
    pub cause: String,
    pub size_usd: String,
    pub detail: String,
}

/// A billed amount no model accounts for, as the answer gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct UnattributedOut {
    pub name: String,
    pub billed_usd: String,
}

/// A line as the answer gives it (amounts are exact decimal strings).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LineOut {
    pub model: String,
    #[serde(default)]
    pub day: Option<String>,
    pub requests: u64,
    pub computed_usd: String,
    pub billed_usd: String,
    pub difference_usd: String,
    #[serde(default)]
    pub difference_pct: Option<String>,
    #[serde(default)]
    pub causes: Vec<CauseOut>,
}

fn row(l: LineOut) -> impl IntoView {
    let causes = l
        .causes
        .iter()
        .map(|c| format!("{} ({}): {}", c.cause, c.size_usd, c.detail))
        .collect::<Vec<_>>()
        .join("; ");
    let pct = l
        .difference_pct
        .map(|p| format!("{p} %"))
        .unwrap_or_default();
    view! {
        <tr>
            <th scope="row">{l.model}</th>
            <td>{l.day.unwrap_or_default()}</td>
            <td class="num">{l.requests}</td>
            <td class="num">"$" {l.computed_usd}</td>
            <td class="num">"$" {l.billed_usd}</td>
            <td class="num">"$" {l.difference_usd}</td>
            <td class="num">{pct}</td>
            <td>{causes}</td>
        </tr>
    }
}

#[component]
pub fn ReconcileTable(
    lines: Vec<LineOut>,
    unattributed: Vec<UnattributedOut>,
    total: LineOut,
    cal: Option<String>,
) -> impl IntoView {
    let rows = lines.into_iter().map(row).collect_view();
    let unattributed = (!unattributed.is_empty()).then(|| {
        view! {
            <p data-testid="reconcile-unattributed">"Billed to no model of the pricebook (in the total, held against nothing): "
                {unattributed.into_iter().map(|u| format!("{} ${}", u.name, u.billed_usd)).collect::<Vec<_>>().join("; ")}
            </p>
        }
    });
    view! {
        <TableScroll label="Table of computed against billed, by model and day">
            <table class="reconcile" data-testid="reconcile">
                <caption>"Computed at list price as sent, against what was billed"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Model"</th>
                        <th scope="col">"Day"</th>
                        <th scope="col">"Requests"</th>
                        <th scope="col">"Computed"</th>
                        <th scope="col">"Billed"</th>
                        <th scope="col">"Difference"</th>
                        <th scope="col">"%"</th>
                        <th scope="col">"Likely causes"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{row(total)}</tfoot>
            </table>
        </TableScroll>
        {unattributed}
        {cal.map(|c| view! {
            <p><a href=format!("/?cal={c}") data-testid="reconcile-calibrate">"Use the calibration ×" {c.split(',').next().unwrap_or_default().to_string()} " in the calculator"</a></p>
        })}
    }
}
