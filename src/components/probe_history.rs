//! The probe history: for each watched relay, the overhead, its spread,
//! the uptime and the verdict over the last 24 h, 72 h and 7 days, each
//! saying over how many runs and pairs and from which host it was measured;
//! with the chart of overhead over time and the slices that had trouble.
//!
//! Usage (a page, on the server):
//!
//! ```ignore
//! view! { <ProbeHistory page charts compact=false/> }
//! ```

use crate::components::table_scroll::TableScroll;
use leptos::prelude::*;
use llm_roi_core::probe::history::RelayHistory;
use llm_roi_core::probe::history_page::{trouble_lines, utc_minute, window_row, HistoryPage};

/// Where the history is kept and what fills it.
#[component]
fn HistorySource(page: HistoryPage) -> impl IntoView {
    let schedules = if page.schedules.is_empty() {
        "No schedule is configured, so only runs started here are kept.".to_string()
    } else {
        format!("Schedules: {}.", page.schedules.join("; "))
    };
    view! {
        <p class="history-source" data-testid="history-source">
            {format!(
                "Every run is kept in {} for {} days, scheduled and manual alike. ",
                page.store, page.retention_days
            )}
            {schedules}
            " As "
            <a href="/api/v1/probe/history">"JSON"</a>
            " or "
            <a href="/probe/history.csv" download="probe-history.csv">"CSV"</a>
            "."
        </p>
    }
}

/// One relay at one connection kind.
#[component]
fn RelayBlock(h: RelayHistory, chart: Option<String>, compact: bool) -> impl IntoView {
    let id = format!("history-{}-{}", h.relay, h.connection.code());
    let title = format!(
        "{} → {}, {} connections",
        h.relay,
        h.upstream,
        h.connection.code()
    );
    let claim = h
        .claimed_overhead_ms
        .map_or("The vendor claims no overhead figure.".to_string(), |c| {
            format!("The vendor claims under {c} ms of added latency.")
        });
    let about = format!(
        "Measured from {} as relay − direct of paired requests (ABBA order); the last run finished {}. {claim}",
        {
            let labels: Vec<&str> = h
                .measured_from
                .iter()
                .map(String::as_str)
                .filter(|m| !m.is_empty())
                .collect();
            if labels.is_empty() {
                "this server".to_string()
            } else {
                labels.join(", ")
            }
        },
        h.last_run_ms.map_or("never".into(), utc_minute),
    );
    let rows = h.windows.iter().map(window_row).collect::<Vec<_>>();
    let trouble = trouble_lines(&h);
    let label = format!("Overhead of {title} by window");
    let (labelled_by, test_id) = (id.clone(), id.clone());
    view! {
        <section class="relay-history" aria-labelledby=labelled_by data-testid=test_id>
            <h3 id=id>{title}</h3>
            <p class="history-about">{about}</p>
            <TableScroll label>
                <table class="history-windows">
                    <thead><tr>
                        <th scope="col">"Window"</th>
                        <th scope="col">"Samples"</th>
                        <th scope="col">"Median overhead"</th>
                        <th scope="col">"p90 / p99"</th>
                        <th scope="col">"Uptime"</th>
                        <th scope="col">"Errors"</th>
                        <th scope="col">"Verdict"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| { let key = r.window.clone(); view! {
                            <tr data-window=key>
                                <th scope="row">{r.window}</th>
                                <td>{r.runs}</td>
                                <td>{r.median}</td>
                                <td>{r.p90_p99}</td>
                                <td>{r.uptime}</td>
                                <td>{r.errors}</td>
                                <td class=format!("verdict {}", r.verdict_kind)>{r.verdict}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </TableScroll>
            {(!compact).then(|| view! {
                {chart.map(|svg| view! { <figure class="history-chart" inner_html=svg></figure> })}
                <h4>"Failed requests and skipped runs over time"</h4>
                {if trouble.is_empty() {
                    view! { <p class="history-trouble">{format!("None in the last {}.", h.chart_window.code())}</p> }.into_any()
                } else {
                    view! { <ul class="history-trouble">{trouble.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }.into_any()
                }}
            })}
        </section>
    }
}

/// The history of every relay with stored runs. `charts` holds each
/// block's SVG (by the block's position); `compact` leaves out the
/// charts and the trouble lists, for the report.
#[component]
pub fn ProbeHistory(page: HistoryPage, charts: Vec<String>, compact: bool) -> impl IntoView {
    let error = page.error.clone();
    let empty = page.relays.is_empty();
    let mut charts = charts.into_iter();
    let blocks = page
        .relays
        .clone()
        .into_iter()
        .map(|h| {
            let chart = charts.next();
            view! { <RelayBlock h chart compact/> }
        })
        .collect_view();
    view! {
        <HistorySource page/>
        {error.map(|e| view! { <p class="error" role="alert">{format!("The history could not be read: {e}")}</p> })}
        {empty.then(|| view! {
            <p data-testid="history-empty">"No run is stored yet: start one above, or add a schedule to the probe-targets file."</p>
        })}
        {blocks}
    }
}
