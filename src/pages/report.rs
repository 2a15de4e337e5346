//! `/report?<link>`: the read-only, printable report of a share link.
//!
//! The whole report is computed from the link and rendered on the server,
//! once; only the copy and print buttons hydrate (islands). Its head carries
//! OpenGraph and Twitter tags with the summary, a canonical link and the
//! oEmbed discovery link.

use crate::client::query::{join_pairs, query_pairs, with_query};
use crate::components::charts::Charts;
use crate::components::dearer_options::DearerOptions;
use crate::components::drift_notice::DriftNotice;
use crate::components::error_summary::ErrorSummary;
use crate::components::fits_table::FitsTable;
use crate::components::prices_used_table::PricesUsedTable;
use crate::components::probe_history::ProbeHistory;
use crate::components::projection_table::ProjectionTable;
use crate::components::results_table::ResultsTable;
use crate::components::roi_panel::RoiPanel;
use crate::components::workload_table::WorkloadTable;
use crate::islands::embed_panel::{EmbedPanel, Snippets};
use crate::islands::report_actions::ReportActions;
use crate::pages::with_pricebook::with_pricebook;
use crate::server_fns::pricebook::PricebookPayload;
use crate::server_fns::report::{report_context, ReportContext};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;
use llm_roi_core::report::embed::{default_parts, frame_size, iframe_html, markdown_image};
use llm_roi_core::report::prices_used::price_lines;
use llm_roi_core::scenario::codec::{encode, percent_encode, split_query};
use llm_roi_core::view::assumptions::assumptions;
use llm_roi_core::view::chart_text::{alt_texts, ChartKind};
use llm_roi_core::view::dearer_note::dearer_note;
use llm_roi_core::view::forecast_rows::{projection_view, roi_view};
use llm_roi_core::view::option_rows::rows;
use llm_roi_core::view::summary::summary;
use llm_roi_core::view::workload_rows::workload_view;

#[component]
pub fn ReportPage() -> impl IntoView {
    let raw = join_pairs(&query_pairs(use_query_map().get_untracked()));
    with_pricebook(move |payload| match report_context(&raw) {
        Ok(context) => Either::Left(view! { <Report payload context query=raw/> }),
        Err(e) => Either::Right(view! {
            <p class="error" role="alert">"The report could not be computed: " {e.to_string()}</p>
        }),
    })
}

/// The snippets for the Embed panel.
fn snippets(origin: &str, link: &str, scenario_query: &str, title: &str, options: u32) -> Snippets {
    let report = format!("{origin}/report?{link}");
    let size = frame_size(&default_parts(), options, None, None);
    Snippets {
        iframe: iframe_html(&format!("{origin}/embed?{link}"), size, title),
        markdown: markdown_image(
            &format!("{}: {title}", ChartKind::Savings.title()),
            &with_query(&format!("{origin}/chart/savings.svg"), scenario_query),
        ),
        oembed: format!(
            "{origin}/oembed?url={}&format=json",
            percent_encode(&report)
        ),
        link: report,
    }
}

/// The stored history of the relays among the report's options, when
/// any of them has runs.
fn context_history(
    e: &llm_roi_core::cost::estimate::Estimate,
) -> Option<llm_roi_core::probe::history_page::HistoryPage> {
    let mut page = crate::pages::probe::preloaded_history()?;
    page.relays
        .retain(|h| e.options.iter().any(|o| o.option.provider == h.relay));
    (!page.relays.is_empty()).then_some(page)
}

#[component]
fn Report(payload: PricebookPayload, context: ReportContext, query: String) -> impl IntoView {
    let book = &payload.pricebook;
    let r = payload.evaluate(&split_query(&query), &[]);
    let e = &r.estimate;
    let cur = e.currency;
    let sentence = summary(e, r.forecast.as_ref());
    let link = r.share_query(&payload.fingerprint);
    let scenario_query = encode(&r.scenario);
    // The same report at list prices, one click away.
    let uncalibrated = r.scenario.calibration.map(|_| {
        encode(&llm_roi_core::scenario::Scenario {
            calibration: None,
            ..r.scenario.clone()
        })
    });
    // An audited relay's figures at the other price, one click away.
    let other_price = (!r.scenario.audits.is_empty()).then(|| {
        use llm_roi_core::scenario::audit::PriceChoice;
        let price = match r.scenario.price {
            PriceChoice::Audited => PriceChoice::List,
            PriceChoice::List => PriceChoice::Audited,
        };
        let label = match price {
            PriceChoice::List => "Figures at list price",
            PriceChoice::Audited => "Figures at the audited price",
        };
        (
            encode(&llm_roi_core::scenario::Scenario {
                price,
                ..r.scenario.clone()
            }),
            label,
        )
    });
    let origin = context.origin.clone();
    let s = snippets(
        &origin,
        &link,
        &scenario_query,
        &sentence,
        e.options.len() as u32,
    );
    let report_url = s.link.clone();
    let oembed_url = s.oembed.clone();
    let table = Signal::stored(rows(e));
    let projection = Signal::stored(r.forecast.as_ref().map(|f| projection_view(f, cur)));
    let m = &r.scenario.migration;
    let roi = Signal::stored(r.forecast.as_ref().and_then(|f| {
        f.migration
            .as_ref()
            .map(|plan| roi_view(plan, m.hours, m.hourly_rate, cur))
    }));
    let words = assumptions(e, r.forecast.as_ref());
    let workload = r.scenario.mix.as_ref().map(|m| workload_view(book, m));
    let lines = price_lines(book, e);
    let title = format!("llm-roi cost report: {sentence}");
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=sentence.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:site_name" content="llm-roi"/>
        <Meta property="og:title" content="llm-roi cost report"/>
        <Meta property="og:description" content=sentence.clone()/>
        <Meta property="og:url" content=report_url.clone()/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content="llm-roi cost report"/>
        <Meta name="twitter:description" content=sentence.clone()/>
        <Link rel="canonical" href=report_url.clone()/>
        <Link rel="alternate" type_="application/json+oembed" href=oembed_url title=sentence.clone()/>
        <article class="report" data-testid="report">
            <header class="report-head">
                <p class="report-kicker">"llm-roi cost report"</p>
                <h1 class="summary" data-testid="summary">{sentence}</h1>
            </header>
            <nav class="report-controls no-print" aria-label="Report actions" data-testid="report-controls">
                <ReportActions report_url/>
                <a href=with_query("/", &scenario_query)>"Open in the calculator"</a>
                <a href=with_query("/report.csv", &scenario_query) download="llm-roi-report.csv" data-testid="csv-link">"Download CSV"</a>
                <a href=with_query("/api/v1/estimate", &scenario_query) data-testid="json-link">"Estimate as JSON"</a>
                {other_price.map(|(q, label)| view! {
                    <a href=with_query("/report", &q) data-testid="price-link">{label}</a>
                })}
                {uncalibrated.map(|q| view! {
                    <a href=with_query("/report", &q) data-testid="uncalibrated-link">"Figures without calibration"</a>
                })}
            </nav>
            <DriftNotice drift=context.drift/>
            <ErrorSummary errors=Signal::stored(r.errors.clone())/>
            {workload.map(|view| view! {
                <section aria-labelledby="workload-heading">
                    <h2 id="workload-heading">"Workload"</h2>
                    <WorkloadTable view/>
                </section>
            })}
            <section aria-labelledby="options-heading">
                <h2 id="options-heading">"Cost by option"</h2>
                <ResultsTable rows=table currency=Signal::stored(cur)/>
                <DearerOptions note=Signal::stored(dearer_note(e)) path="/report"/>
            </section>
            <section aria-labelledby="fits-heading">
                <h2 id="fits-heading">"Fits your requirements"</h2>
                <FitsTable rows=table.get_untracked() requirements=r.scenario.requirements.iter().map(|q| q.label()).collect()/>
            </section>
            <section aria-labelledby="projection-heading">
                <h2 id="projection-heading">"Projection"</h2>
                <ProjectionTable view=projection/>
            </section>
            <section aria-labelledby="roi-heading">
                <h2 id="roi-heading">"Migration ROI"</h2>
                <RoiPanel view=roi/>
            </section>
            {context_history(e).map(|page| view! {
                <section aria-labelledby="probe-heading" data-testid="report-probe">
                    <h2 id="probe-heading">"Relay latency, measured"</h2>
                    <ProbeHistory page charts=Vec::new() compact=true/>
                    <p class="no-print">"Charts, failures over time and the honesty check are on the " <a href="/probe">"probe page"</a> "."</p>
                </section>
            })}
            <Charts query=Signal::stored(scenario_query.clone()) alts=Signal::stored(alt_texts(r.forecast.as_ref(), cur))/>
            <section class="assumptions" aria-labelledby="assumptions-heading">
                <h2 id="assumptions-heading">"Assumptions"</h2>
                <ul data-testid="assumptions">{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </section>
            <section class="prices" aria-labelledby="prices-heading">
                <h2 id="prices-heading">"Prices used"</h2>
                <PricesUsedTable lines fingerprint=payload.fingerprint.clone()/>
            </section>
            <EmbedPanel snippets=s/>
        </article>
    }
}
