//! `POST /api/v1/reconcile` with a usage log whose rows carry what they
//! were billed (one file): per model and per day, `computed_usd`,
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
use llm_roi_usage::{read_reconcile, ImportError, Limits, LogError};

pub async fn reconcile(
    State(state): State<AppState>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    let read = read_upload(&state, query, &headers, body, |book, source, map| {
        match source {
            LogSource::One(reader) => read_reconcile(book, reader, Limits::default(), map),
            // One bill, one log: a multipart upload is refused by name.
            LogSource::Files(_) => Err(LogError::Import(ImportError::Malformed {
                line: 1,
                message: "a reconciliation reads one log: send it as the request body, not as a multipart upload".into(),
            })),
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
                "total": r.total,
            }))
            .into_response()
        }
        Err(res) => res,
    }
}
