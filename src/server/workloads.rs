//! `POST /api/v1/workloads`: a usage log in the body (any format
//! [`llm_roi_usage`] reads: CSV or JSON Lines) becomes a workload mix and the
//! links that show it. The body is read as a stream on a blocking thread
//! (never held whole), within the import's limits; nothing is stored.

use super::api_types::{BadRowOut, ClassOut, WorkloadOut};
use super::state::AppState;
use super::upload_files::{boundary, UploadFiles};
use super::upload_gate::DeadlineStream;
use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::scenario::codec::mix_text::mix_text;
use llm_roi_core::scenario::codec::{link_query, percent_encode};
use llm_roi_core::scenario::mix::Mix;
use llm_roi_core::scenario::model_map::ModelMap;
use llm_roi_core::scenario::workload::{band, band_text};
use llm_roi_core::scenario::Scenario;
use llm_roi_core::view::unpriced::unpriced_text;
use llm_roi_usage::{
    read_mix_mapped, read_mix_parts, BadRow, Import, ImportError, Limits, LogError,
};

/// The answer for a log read into `mix`, with links on `fingerprint`.
pub fn answer(book: &Pricebook, fingerprint: &str, import: Import, mix: Mix) -> WorkloadOut {
    let text = mix_text(&mix);
    let classes = mix
        .workload
        .classes
        .iter()
        .map(|c| ClassOut {
            model: c.source.to_string(),
            batch: c.batch,
            service_tier: c.service_tier.code(),
            via: c.via.clone(),
            band: band_text(band(book, c)),
            requests: c.requests,
            input_tokens: c.tokens.input,
            cache_read_tokens: c.tokens.cache_read,
            cache_write_5m_tokens: c.tokens.cache_write_5m,
            cache_write_1h_tokens: c.tokens.cache_write_1h,
            output_tokens: c.tokens.output,
            reasoning_tokens: c.tokens.reasoning,
            web_searches: c.tokens.web_searches,
            largest_input_tokens: c.max_request_input,
        })
        .collect();
    let days = mix.days;
    let not_priced = unpriced_text(&import.models);
    let reasoning_tokens = import
        .models
        .iter()
        .fold(0u64, |n, m| n.saturating_add(m.reasoning_tokens));
    let s = Scenario {
        mix: Some(mix),
        ..Scenario::default()
    };
    WorkloadOut {
        format: import.format,
        rows: import.rows,
        bad_rows: import.bad.into_iter().map(bad_row).collect(),
        more_bad_rows: import.more_bad,
        rows_without_request_count: import.requests_unknown,
        first_day: import.days.map(|(a, _)| a.to_string()),
        last_day: import.days.map(|(_, b)| b.to_string()),
        days,
        classes,
        models: import.models,
        reasoning_tokens,
        not_priced,
        link: format!("/?mix={}", percent_encode(&text)),
        report: format!("/report?{}", link_query(&s, fingerprint)),
        mix: text,
    }
}

pub(super) fn refused(e: &LogError) -> Response {
    // By the reading error, for one file as for a file of a multipart upload.
    let status = match e.import_error() {
        Some(ImportError::TooLarge { .. } | ImportError::TooManyRows { .. }) => {
            StatusCode::PAYLOAD_TOO_LARGE
        }
        Some(ImportError::Io(io)) if io.kind() == std::io::ErrorKind::TimedOut => {
            StatusCode::REQUEST_TIMEOUT
        }
        Some(ImportError::Io(_)) => StatusCode::BAD_REQUEST,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let mut body = serde_json::json!({ "error": e.to_string() });
    // Every row was bad: the rows say why, by line and field.
    if let LogError::AllBad(import) = e {
        let rows: Vec<BadRowOut> = import.bad.iter().cloned().map(bad_row).collect();
        body["bad_rows"] = serde_json::json!(rows);
        body["more_bad_rows"] = serde_json::json!(import.more_bad);
    }
    (status, Json(body)).into_response()
}

fn bad_row(b: BadRow) -> BadRowOut {
    BadRowOut {
        file: b.file,
        line: b.line,
        field: b.field,
        message: b.message,
    }
}

/// What the body holds: one log, or the files of a multipart upload.
pub(super) enum LogSource {
    One(
        tokio_util::io::SyncIoBridge<
            tokio_util::io::StreamReader<DeadlineStream, axum::body::Bytes>,
        >,
    ),
    Files(UploadFiles),
}

/// 503 while every upload reader is busy.
fn busy(max: usize) -> Response {
    let body = serde_json::json!({
        "error": format!("the server is reading {max} usage logs already (--max-uploads): send this one again in a few seconds")
    });
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
    res.headers_mut()
        .insert("retry-after", axum::http::HeaderValue::from_static("5"));
    res
}

/// The body's log read on one of `--max-uploads` readers, within
/// `--upload-timeout`, by `read` (one log, or the files of a multipart
/// upload), with the `map=` query; the refusal already answered.
pub(super) async fn read_upload<T: Send + 'static>(
    state: &AppState,
    query: Option<String>,
    headers: &axum::http::HeaderMap,
    body: Body,
    read: impl FnOnce(&Pricebook, LogSource, ModelMap) -> Result<T, LogError> + Send + 'static,
) -> Result<(std::sync::Arc<Pricebook>, T, u128), Response> {
    // `map=from=to,…`: log names priced as the models they bill as.
    let map_text = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "map")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let map = match ModelMap::parse_pairs(&map_text) {
        Ok(m) => m,
        Err(e) => {
            let body = serde_json::json!({ "error": e.to_string() });
            return Err((StatusCode::BAD_REQUEST, Json(body)).into_response());
        }
    };
    let Some(permit) = state.uploads.enter().await else {
        tracing::warn!(
            max = state.uploads.max,
            "usage upload refused: readers busy"
        );
        return Err(busy(state.uploads.max));
    };
    let stream = state.uploads.deadline_stream(body);
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Several files in one `multipart/form-data` upload are one log.
    let source = match boundary(content_type) {
        Some(b) => LogSource::Files(UploadFiles::new(stream, b)),
        None => LogSource::One(tokio_util::io::SyncIoBridge::new(
            tokio_util::io::StreamReader::new(stream),
        )),
    };
    let book = state.book.pricebook.clone();
    let started = std::time::Instant::now();
    let read = tokio::task::spawn_blocking(move || {
        let read = read(&book, source, map);
        drop(permit);
        read.map(|r| (book, r))
    })
    .await;
    let ms = started.elapsed().as_millis();
    match read {
        Ok(Ok((book, r))) => Ok((book, r, ms)),
        Ok(Err(e)) => {
            tracing::info!(error = %e, ms, "usage log refused");
            Err(refused(&e))
        }
        Err(e) => {
            tracing::error!(error = %e, ms, "usage import stopped");
            let body = serde_json::json!({ "error": format!("the import stopped: {e}") });
            Err((StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response())
        }
    }
}

/// `POST /api/v1/workloads` with the log as the body: read by one of
/// `--max-uploads` readers, within `--upload-timeout`.
pub async fn import(
    State(state): State<AppState>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    let read = read_upload(&state, query, &headers, body, |book, source, map| {
        let limits = Limits::default();
        match source {
            LogSource::Files(mut files) => {
                read_mix_parts(book, &mut || files.next_file(), limits, map)
            }
            LogSource::One(reader) => read_mix_mapped(book, reader, limits, map),
        }
    })
    .await;
    match read {
        Ok((book, (import, mix), ms)) => {
            tracing::info!(
                format = import.format,
                rows = import.rows,
                bad_rows = import.bad.len() as u64 + import.more_bad,
                classes = mix.workload.classes.len(),
                ms,
                "usage log imported"
            );
            Json(answer(&book, &state.book.fingerprint, import, mix)).into_response()
        }
        Err(res) => res,
    }
}
