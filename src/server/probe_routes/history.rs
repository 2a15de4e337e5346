//! The probe history over HTTP:
//! - `GET /api/v1/probe/history?relay=…&window=72h`: the history as JSON
//!   ([`HistoryPage`]); both parameters optional;
//! - `GET /probe/history.csv`, same parameters: one row per relay,
//!   connection kind and window, then one per slice of the chart window;
//!
//! Two middlewares let pages show the history: [`stamp`] puts how many runs
//! are stored and the latest one's time into the request, so the render
//! cache keys `/report` by it, and [`preload`], inside the cache, puts the
//! history itself there for `/probe` and `/report`.

use super::runs::{probe, ApiError};
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::probe::history::{histories, RunKind, Window};
use llm_roi_core::probe::history_page::{utc_minute, window_cells, HistoryPage, WINDOW_COLUMNS};
use llm_roi_probe::service::ProbeService;
use llm_roi_probe::store::{now_ms, Backend};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The parameters of the history routes.
#[derive(Debug, Default)]
pub(super) struct Query {
    pub(super) relay: Option<String>,
    window: Option<Window>,
}

pub(super) fn bad(msg: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, msg)
}

pub(super) fn parse_query(service: &ProbeService, raw: Option<&str>) -> Result<Query, ApiError> {
    let mut q = Query::default();
    for (k, v) in url::form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "relay" => {
                service
                    .relay_ids()
                    .contains(&v.as_ref())
                    .then_some(())
                    .ok_or_else(|| {
                        bad(format!(
                            "`relay` must be one of: {}; got `{v}`",
                            service.relay_ids().join(", ")
                        ))
                    })?;
                q.relay = Some(v.into_owned());
            }
            "window" => q.window = Some(Window::parse(&v).map_err(bad)?),
            other => {
                return Err(bad(format!(
                    "unknown parameter `{other}`; allowed: relay, window (24h, 72h or 7d)"
                )))
            }
        }
    }
    Ok(q)
}

/// The history now, for `relay` (every relay when `None`).
pub async fn history_page(
    service: &ProbeService,
    relay: Option<&str>,
    window: Option<Window>,
) -> HistoryPage {
    let now = now_ms();
    let store = match service.store() {
        Some(s) => match s.backend() {
            Backend::Sqlite => "SQLite".to_string(),
            Backend::Postgres => "PostgreSQL".to_string(),
        },
        None if service.store_pending() => {
            "unavailable: the store is not open yet (finished runs wait in memory)".into()
        }
        None => "memory only (no history is kept)".into(),
    };
    let mut page = HistoryPage {
        now_ms: now,
        window,
        store,
        retention_days: service.retention_days(),
        schedules: service.schedule_texts(),
        plans: service
            .relay_ids()
            .iter()
            .filter(|r| relay.is_none_or(|o| o == **r))
            .filter_map(|r| service.honesty_plan(r).ok())
            .collect(),
        audit_plans: service
            .relay_ids()
            .iter()
            .filter(|r| relay.is_none_or(|o| o == **r))
            .filter_map(|r| service.audit_plan(r).ok())
            .collect(),
        ..HistoryPage::default()
    };
    let runs = match service.stored_since(now - Window::Days7.ms()).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "probe history: read failed");
            // The reason names the file or the server: it goes to the log only.
            page.error = Some("the history could not be read; the server's log says why".into());
            return page;
        }
    };
    page.relays = histories(&runs, relay, now, window.unwrap_or(Window::Days7));
    page.reliability = llm_roi_core::probe::reliability::reliability(&page.relays);
    if let Some(w) = window {
        for h in &mut page.relays {
            h.windows.retain(|s| s.window == w);
        }
    }
    page.honesty = latest_of(&runs, RunKind::Honesty, relay);
    page.audits = latest_of(&runs, RunKind::Audit, relay);
    page
}

/// The latest stored report of `kind` for each relay (runs come oldest first).
fn latest_of<T: serde::de::DeserializeOwned>(
    runs: &[llm_roi_core::probe::history::StoredRun],
    kind: RunKind,
    relay: Option<&str>,
) -> Vec<T> {
    let mut latest: BTreeMap<String, T> = BTreeMap::new();
    for r in runs.iter().filter(|r| r.kind == kind) {
        if relay.is_some_and(|o| o != r.relay) {
            continue;
        }
        if let Some(report) = r
            .detail
            .as_deref()
            .and_then(|d| serde_json::from_str::<T>(d).ok())
        {
            latest.insert(r.relay.clone(), report);
        }
    }
    latest.into_values().collect()
}

/// The history the query asks for.
async fn requested(state: &AppState, uri: &axum::http::Uri) -> Result<HistoryPage, ApiError> {
    let service = probe(state)?;
    let q = parse_query(&service, uri.query())?;
    Ok(history_page(&service, q.relay.as_deref(), q.window).await)
}

/// `GET /api/v1/probe/history`.
pub async fn history_json(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    Ok(Json(requested(&state, &uri).await?).into_response())
}

/// `GET /probe/history.csv`.
pub async fn history_csv(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let page = requested(&state, &uri).await?;
    if let Some(e) = page.error {
        return Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e));
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec![
        "relay",
        "upstream",
        "connection",
        "row",
        "from_utc",
        "to_utc",
    ];
    head.extend(WINDOW_COLUMNS);
    head.extend(["claimed_ms", "measured_from"]);
    let csv_err = |e: csv::Error| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    w.write_record(&head).map_err(csv_err)?;
    for h in &page.relays {
        let rows = h.windows.iter().map(|s| ("window".to_string(), s)).chain(
            h.slices
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("slice {}", i + 1), s)),
        );
        for (row, s) in rows {
            let mut cells = vec![
                h.relay.clone(),
                h.upstream.clone(),
                h.connection.code().to_string(),
                row,
                utc_minute(s.from_ms),
                utc_minute(s.to_ms),
            ];
            cells.extend(window_cells(s));
            cells.push(
                h.claimed_overhead_ms
                    .map_or(String::new(), |c| c.to_string()),
            );
            cells.push(h.measured_from.join(" "));
            w.write_record(&cells).map_err(csv_err)?;
        }
    }
    let body = w
        .into_inner()
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"probe-history.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// The history, in the request, for the pages that show it.
#[derive(Debug, Clone)]
pub struct PreloadedHistory(pub Arc<HistoryPage>);

fn shows_history(path: &str) -> bool {
    matches!(path, "/probe" | "/report")
}

/// Outside the render cache: the history's stamp as part of the cache key
/// ([`crate::server::render_cache::KeyExtra`]), so cached pages change with it.
pub async fn stamp(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // Only `/report` is cached; `/probe` is rendered afresh every time.
    if req.uri().path() == "/report" {
        if let Some(store) = state.probe.as_ref().and_then(|p| p.store()) {
            let s = match store.stamp().await {
                Ok(s) => format!("{}@{}-{}", s.runs, s.first_ms, s.last_ms),
                Err(_) => "unreadable".into(),
            };
            req.extensions_mut()
                .insert(crate::server::render_cache::KeyExtra(s));
        }
    }
    next.run(req).await
}

/// Inside the render cache: the history for a page being rendered.
pub async fn preload(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if shows_history(req.uri().path()) {
        if let Some(service) = &state.probe {
            let page = history_page(service, None, None).await;
            req.extensions_mut()
                .insert(PreloadedHistory(Arc::new(page)));
        }
    }
    next.run(req).await
}
