//! The options table: cost per request, day, month and year, and savings.

use crate::components::fit_cell::FitCell;
use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use llm_roi_core::money::periods::{DAYS_PER_MONTH, DAYS_PER_YEAR};
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::view::option_rows::OptionRow;

/// One row per option, baseline first.
#[component]
pub fn ResultsTable(
    rows: Signal<Vec<OptionRow>>,
    currency: Signal<DisplayCurrency>,
    /// Where the options' facts are listed (see `FitCell`); by default, in
    /// the table.
    #[prop(optional)]
    facts_href: Option<Signal<String>>,
) -> impl IntoView {
    let month_label = format!("Per month ({DAYS_PER_MONTH} days)");
    let year_label = format!("Per year ({DAYS_PER_YEAR} days)");
    // Each card's labels (a phone shows them beside the figures).
    let (card_month, card_year) = (month_label.clone(), year_label.clone());
    view! {
        <p class="currency-note">"All amounts in " <strong data-testid="currency">{move || currency.get().code()}</strong> "; a month is 30 days, a year 365."</p>
        <TableScroll label="Table of the options">
            <table class="options cards" data-testid="results">
                <thead>
                    <tr>
                        <th scope="col">"Option"</th>
                        <th scope="col">"Per request"</th>
                        <th scope="col">"Per day"</th>
                        <th scope="col">{month_label}</th>
                        <th scope="col">{year_label}</th>
                        <th scope="col">"Saves per month"</th>
                        <th scope="col">"Saves"</th>
                        <th scope="col" class="fit-head">"Fits"</th>
                    </tr>
                </thead>
                <tbody>
                    // Rebuilt in place, row by row: the same rows with new
                    // figures update their text (a key on the whole row
                    // made every input replace every row).
                    {move || rows.get().into_iter().map(|r| option_row(r, &card_month, &card_year, facts_href)).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// One option's row (a card on a phone, with `month_label` and
/// `year_label` beside those figures).
fn option_row(
    r: OptionRow,
    month_label: &str,
    year_label: &str,
    facts_href: Option<Signal<String>>,
) -> impl IntoView {
    let (month_label, year_label) = (month_label.to_string(), year_label.to_string());
    view! {
        <tr data-option=r.id.clone() data-fit=r.fit.state class:baseline=r.is_baseline class:cheaper=r.cheaper>
            <th scope="row">
                <span class="provider">{r.provider.clone()}</span>
                <span class="model">{r.model.clone()}</span>
                <span class=format!("kind kind-{}", r.kind)>{r.kind}</span>
                <span class="basis">{r.basis.clone()}</span>
                {r.lifecycle.clone().map(|l| view! { <span class="lifecycle" class:retired=r.retired data-testid="lifecycle">{l}</span> })}
                {r.claim.clone().map(|c| view! { <span class="claim">{c}</span> })}
                {r.savings_claim.clone().map(|(c, holds)| view! { <span class="claim savings-claim" class:holds=holds class:fails=!holds data-testid="savings-claim">{c}</span> })}
                {r.audit.clone().map(|a| view! { <span class="claim audit" data-testid="audit">{a}</span> })}
                <ul class="notes">
                    {r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                </ul>
            </th>
            <td class="per-request" data-label="Per request">{r.per_request.clone()}</td>
            <td class="per-day" data-label="Per day">{r.per_day.clone()}</td>
            <td class="per-month" data-label=month_label>
                <span class="total">{r.per_month.clone()}</span>
                {r.month_range.clone().map(|t| view! { <span class="range" data-testid="month-range">{t}</span> })}
                <span class="parts">
                    {r.month_parts.iter().map(|(l, v)| view! { <span class="part">{*l} " " {v.clone()}</span> }).collect_view()}
                </span>
            </td>
            <td class="per-year" data-label=year_label>{r.per_year.clone()}</td>
            <td class="savings-month" data-label="Saves per month">{r.savings_month.clone()}</td>
            <td class="savings-pct" data-label="Saves">{r.savings_pct.clone()}</td>
            <td class="fit-cell" data-label="Fits"><FitCell fit=r.fit.clone() facts_href/></td>
        </tr>
    }
}
