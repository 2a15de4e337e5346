//! Yearly totals per option as traffic grows, and the month-by-month detail.

use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use llm_roi_core::view::forecast_rows::ProjectionView;

#[component]
pub fn ProjectionTable(view: Signal<Option<ProjectionView>>) -> impl IntoView {
    move || {
        view.get().map(|p| {
            let headers = p.year_headers.clone();
            // With one year, the horizon's total is that year's.
            let several = headers.len() > 1;
            view! {
                <p class="currency-note">
                    "Traffic grows " <strong data-testid="growth">{p.growth.clone()}</strong>
                    " a month over " {p.horizon_months} " months of 30 days; a year here is 12 such months (360 days)."
                </p>
                <TableScroll label="Table of the yearly projection">
                    <table class="projection" data-testid="projection">
                        <thead>
                            <tr>
                                <th scope="col">"Option"</th>
                                {headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                                {several.then(|| view! { <th scope="col">{format!("All {} months", p.horizon_months)}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {p.years.iter().map(|r| view! {
                                <tr data-option=r.id.clone() class:baseline=r.is_baseline>
                                    <th scope="row">{r.label.clone()}</th>
                                    {r.years.iter().enumerate().map(|(i, y)| view! {
                                        <td class=format!("year year-{}", i + 1)>{y.clone()}</td>
                                    }).collect_view()}
                                    {several.then(|| view! { <td class="horizon-total">{r.total.clone()}</td> })}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
                <details class="months">
                    <summary>"Month by month"</summary>
                    <TableScroll label="Table of the months">
                        <table class="months-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Month"</th>
                                    <th scope="col">"Requests per day"</th>
                                    {p.option_labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {p.months.iter().map(|m| view! {
                                    <tr>
                                        <th scope="row">{m.month}</th>
                                        <td>{m.requests_per_day.clone()}</td>
                                        {m.costs.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                </details>
            }
        })
    }
}
