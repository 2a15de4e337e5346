//! `/embed?<link>[&show=summary,table,chart:savings]`: a compact view of a
//! share link for iframes in wikis, without site chrome and without
//! JavaScript (the shell leaves the hydration scripts out for this route).
//! Only the site and `--embed-origins` may frame it.

use crate::client::query::{query_pairs, with_query};
use crate::components::error_summary::ErrorSummary;
use crate::pages::with_pricebook::with_pricebook;
use crate::server_fns::pricebook::PricebookPayload;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;
use llm_roi_core::money::periods::DAYS_PER_MONTH;
use llm_roi_core::report::embed::{default_parts, show_or_default, EmbedPart, SHOW_KEY};
use llm_roi_core::report::Evaluation;
use llm_roi_core::scenario::codec::encode;
use llm_roi_core::view::chart_text::alt_text;
use llm_roi_core::view::forecast_rows::{projection_view, roi_view};
use llm_roi_core::view::option_rows::rows;
use llm_roi_core::view::summary::summary;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let pairs = query_pairs(use_query_map().get_untracked());
    with_pricebook(move |payload| view! { <Embed payload pairs/> })
}

fn part_view(part: EmbedPart, r: &Evaluation, sentence: &str, scenario_query: &str) -> AnyView {
    let cur = r.estimate.currency;
    match part {
        EmbedPart::Summary => {
            view! { <p class="embed-summary" data-testid="embed-summary">{sentence.to_string()}</p> }
                .into_any()
        }
        EmbedPart::Table => view! {
            <table class="embed-table" data-testid="embed-table">
                <caption>"Cost by option, " {cur.code()} " (a month is 30 days)"</caption>
                <thead><tr><th scope="col">"Option"</th><th scope="col">{format!("Per month ({DAYS_PER_MONTH} days)")}</th><th scope="col">"Saves per month"</th><th scope="col">"Saves"</th></tr></thead>
                <tbody>
                    {rows(&r.estimate).into_iter().map(|o| view! {
                        <tr data-option=o.id.clone() class:baseline=o.is_baseline>
                            <th scope="row">{format!("{} — {}", o.provider, o.model)}</th>
                            <td class="per-month">{o.per_month}</td>
                            <td class="savings-month">{o.savings_month}</td>
                            <td class="savings-pct">{o.savings_pct}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
        EmbedPart::Projection => {
            let p = r.forecast.as_ref().map(|f| projection_view(f, cur));
            view! {
                <table class="embed-table" data-testid="embed-projection">
                    <caption>"Projected cost, " {p.as_ref().map(|p| format!("{} a month growth", p.growth))}</caption>
                    <thead><tr><th scope="col">"Option"</th>{p.as_ref().map(|p| p.year_headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view())}</tr></thead>
                    <tbody>
                        {p.map(|p| p.years.into_iter().map(|y| view! {
                            <tr><th scope="row">{y.label}</th>{y.years.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}</tr>
                        }).collect_view())}
                    </tbody>
                </table>
            }
            .into_any()
        }
        EmbedPart::Roi => {
            let m = &r.scenario.migration;
            let roi = r.forecast.as_ref().and_then(|f| {
                f.migration
                    .as_ref()
                    .map(|plan| roi_view(plan, m.hours, m.hourly_rate, cur))
            });
            match roi {
                Some(v) => view! {
                    <dl class="embed-roi" data-testid="embed-roi">
                        <div><dt>"Payback"</dt><dd>{v.payback}</dd></div>
                        <div><dt>"One-off cost"</dt><dd>{v.one_off}</dd></div>
                        <div><dt>"Net savings, first 12 months"</dt><dd>{v.first_year_net}</dd></div>
                        <div><dt>"ROI, first 12 months"</dt><dd>{v.first_year_roi}</dd></div>
                    </dl>
                }
                .into_any(),
                None => view! { <p data-testid="embed-roi">"No migration target."</p> }.into_any(),
            }
        }
        // An image of the chart route: cached by ETag, and the page stays
        // small (inline SVG would also sit in the resource data).
        EmbedPart::Chart(kind) => {
            let alt = alt_text(kind, r.forecast.as_ref(), cur);
            view! {
                <figure class="chart-figure embed-chart" data-chart=kind.name()>
                    <img src=with_query(&format!("/chart/{}.svg", kind.name()), scenario_query) alt=alt width="800" height="420"/>
                </figure>
            }
            .into_any()
        }
    }
}

#[component]
fn Embed(payload: PricebookPayload, pairs: Vec<(String, String)>) -> impl IntoView {
    let r = payload.evaluate(&pairs, &[SHOW_KEY]);
    let sentence = summary(&r.estimate, r.forecast.as_ref());
    let scenario_query = encode(&r.scenario);
    let report = format!("/report?{}", r.share_query(&payload.fingerprint));
    let (parts, show_error) = match show_or_default(r.extra(SHOW_KEY)) {
        Ok(p) => (p, None),
        Err(e) => (default_parts(), Some(e)),
    };
    let mut errors = r.errors.clone();
    errors.extend(show_error);
    let changed = r
        .link
        .pricebook
        .as_ref()
        .is_some_and(|fp| *fp != payload.fingerprint);
    let blocks = parts
        .iter()
        .map(|p| part_view(*p, &r, &sentence, &scenario_query))
        .collect_view();
    view! {
        <Title text=format!("llm-roi: {sentence}")/>
        <Meta name="robots" content="noindex"/>
        <div class="embed" data-testid="embed">
            // The page's heading for screen readers; hidden from view, so the
            // frame's height (crates/core/src/report/embed.rs) does not change.
            <h1 class="visually-hidden" data-testid="embed-heading">"llm-roi cost report"</h1>
            <ErrorSummary errors=Signal::stored(errors)/>
            {changed.then(|| view! {
                <p class="drift drift-changed" data-testid="drift">"Prices or provider facts have changed since this link was made; the full report lists which."</p>
            })}
            {blocks}
            <p class="embed-footer">
                <a href=report target="_blank" rel="noopener" data-testid="full-report">"Full report on llm-roi →"</a>
            </p>
        </div>
    }
}
