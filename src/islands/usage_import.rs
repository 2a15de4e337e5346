//! The usage-log import of `/`: a file picker and a drop zone. The file is
//! sent as it is to `POST /api/v1/workloads`, which reads it as a stream;
//! a progress bar follows the upload (which the server reads as it comes),
//! then the page goes to the workload's link. Bad rows and the models not
//! in the pricebook (with their share of the requests) are listed first,
//! with a link on to the workload. With "compare with what was billed",
//! the file goes to `POST /api/v1/reconcile` instead and the page shows
//! computed against billed, per model and day, with the likely causes.

use crate::client::browser::navigate_to;
use crate::client::upload::{upload_drop, upload_input, UploadEvent};
use crate::components::reconcile_table::{LineOut, ReconcileTable, UnattributedOut};
use leptos::either::EitherOf5;
use leptos::prelude::*;
use serde::Deserialize;

const ENDPOINT: &str = "/api/v1/workloads";
const RECONCILE: &str = "/api/v1/reconcile";
/// The server's limit on a usage log (`llm_roi_usage::Limits`, 50 MiB).
const MAX_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

#[derive(Debug, Clone, Deserialize)]
struct BadRow {
    #[serde(default)]
    file: Option<String>,
    line: u64,
    field: String,
    message: String,
}

/// The parts of the server's answer the page shows.
#[derive(Debug, Clone, Deserialize)]
struct Answer {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    format: String,
    #[serde(default)]
    rows: u64,
    #[serde(default)]
    bad_rows: Vec<BadRow>,
    #[serde(default)]
    more_bad_rows: u64,
    #[serde(default)]
    link: String,
    /// "N % of requests not priced: …", when some models are unknown.
    #[serde(default)]
    not_priced: Option<String>,
    /// A reconciliation's lines, total and calibration.
    #[serde(default)]
    lines: Vec<LineOut>,
    #[serde(default)]
    unattributed: Vec<UnattributedOut>,
    #[serde(default)]
    total: Option<LineOut>,
    #[serde(default)]
    cal: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Sending {
        name: String,
        sent: f64,
        total: f64,
    },
    Failed(String),
    Read {
        text: String,
        bad: Vec<String>,
        not_priced: Option<String>,
        link: String,
    },
    Reconciled(Box<Reconciled>),
}

/// A reconciliation as the page shows it.
#[derive(Debug, Clone, PartialEq)]
struct Reconciled {
    text: String,
    bad: Vec<String>,
    not_priced: Option<String>,
    lines: Vec<LineOut>,
    unattributed: Vec<UnattributedOut>,
    total: LineOut,
    cal: Option<String>,
}

fn finished(status: u16, body: &str) -> Phase {
    let answer: Answer = match serde_json::from_str(body) {
        Ok(a) => a,
        Err(_) => return Phase::Failed(format!("the server answered {status} without a result")),
    };
    if let Some(e) = answer.error {
        return Phase::Failed(e);
    }
    let mut bad: Vec<String> = answer
        .bad_rows
        .iter()
        .map(|b| {
            let file = b
                .file
                .as_ref()
                .map(|f| format!("{f}, "))
                .unwrap_or_default();
            format!("{file}line {}, {}: {}", b.line, b.field, b.message)
        })
        .collect();
    if answer.more_bad_rows > 0 {
        bad.push(format!("… and {} more bad rows", answer.more_bad_rows));
    }
    if let Some(total) = answer.total {
        return Phase::Reconciled(Box::new(Reconciled {
            text: format!("{} rows reconciled ({}).", answer.rows, answer.format),
            bad,
            not_priced: answer.not_priced,
            lines: answer.lines,
            unattributed: answer.unattributed,
            total,
            cal: answer.cal,
        }));
    }
    Phase::Read {
        text: format!("{} rows read ({}).", answer.rows, answer.format),
        bad,
        not_priced: answer.not_priced,
        link: answer.link,
    }
}

#[island]
pub fn UsageImport() -> impl IntoView {
    let phase = RwSignal::new(Phase::Idle);
    let dragging = RwSignal::new(false);
    let compare = RwSignal::new(false);
    let endpoint = move || {
        if compare.get_untracked() {
            RECONCILE
        } else {
            ENDPOINT
        }
    };
    let on_event = move |e: UploadEvent| match e {
        UploadEvent::Started { name, bytes } => phase.set(Phase::Sending {
            name,
            sent: 0.0,
            total: bytes,
        }),
        UploadEvent::Progress { sent, total } => phase.update(|p| {
            if let Phase::Sending {
                sent: s, total: t, ..
            } = p
            {
                *s = sent;
                *t = total;
            }
        }),
        UploadEvent::Done { status, body } => {
            let next = finished(status, &body);
            if let Phase::Read {
                bad,
                not_priced,
                link,
                ..
            } = &next
            {
                if bad.is_empty() && not_priced.is_none() {
                    navigate_to(link);
                }
            }
            phase.set(next);
        }
        UploadEvent::Failed(why) => phase.set(Phase::Failed(why)),
    };
    let state = move || match phase.get() {
        Phase::Idle => EitherOf5::A(()),
        Phase::Sending { name, sent, total } => {
            // A whole percent: `as` saturates, and an integer keeps float
            // formatting out of the bundle.
            let pct = if total > 0.0 {
                (sent / total * 100.0).round().clamp(0.0, 100.0) as u8
            } else {
                0
            };
            EitherOf5::B(view! {
                <label for="import-progress">"Reading " {name} ": " {format!("{pct} %")}</label>
                <progress id="import-progress" max="100" value=pct data-testid="import-progress"></progress>
            })
        }
        Phase::Failed(why) => EitherOf5::C(view! {
            <p class="field-error" role="alert" data-testid="import-error">{why}</p>
        }),
        Phase::Read {
            text,
            bad,
            not_priced,
            link,
        } => EitherOf5::D(view! {
            <p data-testid="import-result">{text} " " {bad.len().min(20)} " bad rows shown; the valid rows are kept."</p>
            {not_priced.map(|t| view! { <p class="field-error" data-testid="import-not-priced">{t} ": the workload leaves them out."</p> })}
            <ul class="bad-rows" data-testid="import-bad-rows">
                {bad.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
            </ul>
            <p><a href=link data-testid="import-open">"Open the workload"</a></p>
        }),
        Phase::Reconciled(r) => {
            let Reconciled {
                text,
                bad,
                not_priced,
                lines,
                unattributed,
                total,
                cal,
            } = *r;
            EitherOf5::E(view! {
                <p data-testid="import-result">{text} " " {bad.len().min(20)} " bad rows shown."</p>
                {not_priced.map(|t| view! { <p class="field-error" data-testid="import-not-priced">{t} ": left out of both sides."</p> })}
                <ul class="bad-rows" data-testid="import-bad-rows">
                    {bad.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
                </ul>
                <ReconcileTable lines unattributed total cal/>
            })
        }
    };
    view! {
        <section class="import" id="import" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a usage log"</h2>
            <p>"A CSV or JSON Lines file of up to 50 MB: LiteLLM spend logs, an OpenAI usage export, Anthropic's usage report, raw Anthropic, OpenAI or Gemini API responses (one a line), Anthropic or OpenAI batch result files, or one row per request (or per group of identical requests) with the columns "
                <code>"model, input_tokens, output_tokens"</code> " and optionally "
                <code>"requests, cache_read_tokens, cache_write_tokens, cache_ttl, reasoning_tokens, timestamp, batch"</code>
                ". The server reads it once and keeps nothing; the page then prices exactly those requests on every route, and its link holds the workload."</p>
            <div
                class="drop-zone"
                class:dragging=move || dragging.get()
                data-testid="drop-zone"
                on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev| { ev.prevent_default(); dragging.set(false); upload_drop(&ev, endpoint(), MAX_BYTES, on_event); }
            >
                <label for="usage-file">"Choose a usage log, or drop it here"</label>
                <input id="usage-file" type="file" accept=".csv,.jsonl,.json,.ndjson,.txt,text/csv,application/json" on:change=move |ev| upload_input(&ev, endpoint(), MAX_BYTES, on_event)/>
            </div>
            <label class="compare-billed">
                <input type="checkbox" id="compare-billed" data-testid="compare-billed" on:change=move |ev| compare.set(event_target_checked(&ev))/>
                <span>" Compare with what was billed: the rows carry their amounts ("
                <code>"billed_usd"</code> ", LiteLLM's " <code>"spend"</code> ", OpenRouter's cost); the page then shows computed against billed, per model and day, with the likely causes"</span>
            </label>
            <div role="status" aria-live="polite" class="import-state">{state}</div>
            <noscript><p>"Importing needs JavaScript; without it, send the file to " <code>"POST /api/v1/workloads"</code> " (or " <code>"POST /api/v1/reconcile"</code> " to hold it against its bill) or use " <code>"llm-roi estimate --usage FILE"</code> " (" <code>"llm-roi reconcile --usage FILE"</code> ")."</p></noscript>
        </section>
    }
}
