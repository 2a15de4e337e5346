//! `POST /api/v1/reconcile` with a usage log whose rows carry what they
//! were billed (one file), or a `multipart/form-data` upload of a cost
//! export then the usage log: per model and per day, `computed_usd`,
//! `billed_usd`, `difference_usd`, `difference_pct` and the likely
//! `causes`, then the `total` (`docs/reconcile.md`). Read like
//! `POST /api/v1/workloads`: one of `--max-uploads` readers, within
//! `--upload-timeout`, 413/408/422 as there.

use super::state::AppState;
use super::workloads::{read_upload, LogSource};
use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::view::unpriced::unpriced_text;
use llm_roi_usage::cost_export::read_costs;
use llm_roi_usage::{read_reconcile, BilledFrom, ImportError, Limits, LogError};

fn malformed(message: String) -> LogError {
    LogError::Import(ImportError::Malformed { line: 1, message })
}

pub async fn reconcile(
    State(state): State<AppState>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    let read = read_upload(&state, query, &headers, body, |book, source, map| {
        let limits = Limits::default();
        match source {
            LogSource::One(reader) => read_reconcile(book, reader, limits, map, BilledFrom::Rows),
            // Two files: the cost export, then the usage log.
            LogSource::Files(mut files) => {
                let mut next = |what: &str| match files.next_file() {
                    Ok(Some((_, r))) => Ok(r),
                    Ok(None) => Err(malformed(format!(
                        "a multipart reconciliation holds two files, the cost export then the usage log; {what} is missing"
                    ))),
                    Err(e) => Err(LogError::Import(ImportError::Io(e))),
                };
                let costs = read_costs(next("the cost export")?)
                    .map_err(|e| malformed(format!("the first file, the cost export: {e}")))?;
                let usage = next("the usage log")?;
                read_reconcile(book, usage, limits, map, BilledFrom::Costs(costs))
            }
        }
    })
    .await;
    match read {
        Ok((_, (import, r), ms)) => {
            tracing::info!(
                format = import.format,
                rows = import.rows,
                lines = r.lines.len(),
                ms,
                "usage log reconciled"
            );
            Json(serde_json::json!({
                "format": import.format,
                "rows": import.rows,
                "bad_rows": import.bad.iter().map(|b| serde_json::json!({
                    "file": b.file, "line": b.line, "field": b.field, "message": b.message,
                })).collect::<Vec<_>>(),
                "more_bad_rows": import.more_bad,
                "not_priced": unpriced_text(&import.models),
                "lines": r.lines,
                "unattributed": r.unattributed,
                "total": r.total,
                "cal": r.calibration().map(|c| c.text()),
            }))
            .into_response()
        }
        Err(res) => res,
    }
}
