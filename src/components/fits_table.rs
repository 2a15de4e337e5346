//! The report's "fits your requirements" section: every option against
//! every requirement, each verdict with the fact it rests on, its source and
//! the day it was checked.

use crate::components::table_scroll::TableScroll;
use leptos::either::Either;
use leptos::prelude::*;
use llm_roi_core::view::option_rows::OptionRow;

#[component]
pub fn FitsTable(rows: Vec<OptionRow>, requirements: Vec<String>) -> impl IntoView {
    if requirements.is_empty() {
        return Either::Left(view! {
            <p data-testid="fits-none">"No requirements were set, so any compared option can be the migration target. Tick requirements in the calculator (or add " <code>"req=soc2,zdr,card,region:eu"</code> " to the link) to check them; each provider's facts are under " <em>"Fits"</em> " in the table above."</p>
        });
    }
    Either::Right(view! {
        <TableScroll label="Requirements met by each option">
            <table class="fits" data-testid="fits">
                <thead>
                    <tr>
                        <th scope="col">"Option"</th>
                        {requirements.iter().map(|r| view! { <th scope="col">{r.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-option=r.id.clone() data-fit=r.fit.state>
                            <th scope="row">{r.provider.clone()} " — " {r.model.clone()}</th>
                            {r.fit.checks.into_iter().map(|c| view! {
                                <td class=format!("check-{}", c.verdict) data-req=c.requirement.clone()>
                                    <strong>{c.verdict}</strong> ": " {c.fact}
                                    {c.source.map(|s| view! { <small class="source" class:stale=c.stale>" " {s}</small> })}
                                </td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </TableScroll>
    })
}
