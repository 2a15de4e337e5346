//! The probe history over HTTP:
//! - `GET /api/v1/probe/history?relay=…&window=72h`: the history as JSON
//!   ([`HistoryPage`]); both parameters optional;
//! - `GET /probe/history.csv`, same parameters: one row per relay,
//!   connection kind and window, then one per slice of the chart window;
//! - `GET /api/v1/probe/honesty?relay=…`: what a check sends and costs at most;
//! - `POST /api/v1/probe/honesty` with `{"relay": …}`: runs the check, returns it;
//! - `POST /probe/honesty` (a form with `relay`): the same from the page
//!   without JavaScript, answered with a redirect back to `/probe`.
//!
//! Two middlewares let pages show the history: [`stamp`] puts how many runs
//! are stored and the latest one's time into the request, so the render
//! cache keys `/report` by it, and [`preload`], inside the cache, puts the
//! history itself there for `/probe` and `/report`.

use super::runs::{probe, ApiError};
use crate::server::operator::bearer;
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
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

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RelayRequest {
    relay: String,
}

/// The `relay` a plan route is asked about.
pub(super) fn relay_param(
    service: &ProbeService,
    uri: &axum::http::Uri,
) -> Result<String, ApiError> {
    parse_query(service, uri.query())?
        .relay
        .ok_or_else(|| bad("give `relay`, a relay's provider id".into()))
}

/// The `relay` of a run route's JSON body.
pub(super) fn relay_body(body: &[u8]) -> Result<String, ApiError> {
    serde_json::from_slice::<RelayRequest>(body)
        .map(|r| r.relay)
        .map_err(|e| {
            bad(format!(
                "the body must be JSON like {{\"relay\": \"holysheep\"}}: {e}"
            ))
        })
}

/// What an API request that spends tokens must pass first: the same site,
/// a configured probe, the operator's leave, a body naming the relay.
pub(super) fn spend_request(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Result<(Arc<ProbeService>, String), ApiError> {
    same_site(headers)?;
    let service = probe(state)?;
    spend_allowed(state, bearer(headers))?;
    Ok((service, relay_body(body)?))
}

/// `GET /api/v1/probe/honesty?relay=…`: the plan and price.
pub async fn honesty_plan(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    let relay = relay_param(&service, &uri)?;
    Ok(Json(service.honesty_plan(&relay)?).into_response())
}

/// A check spends tokens: a browser's request sent from another site
/// (`Sec-Fetch-Site: cross-site`, e.g. a form on a page elsewhere) may not start one.
pub(super) fn same_site(headers: &axum::http::HeaderMap) -> Result<(), ApiError> {
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("cross-site") => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "the honesty check and the audit spend tokens: start them from this site's /probe page or from a client that is not a browser on another site",
        )),
        _ => Ok(()),
    }
}

/// The honesty check spends keys: only with the operator's leave (401).
pub(super) fn spend_allowed(state: &AppState, presented: Option<&str>) -> Result<(), ApiError> {
    match state.operator.may_spend(presented) {
        Ok(true) => Ok(()),
        Ok(false) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            state.operator.needed(),
        )),
        Err(e) => Err(ApiError::new(StatusCode::UNAUTHORIZED, e.to_string())),
    }
}

/// `POST /api/v1/probe/honesty`: runs the check.
pub async fn honesty_run(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let (service, relay) = spend_request(&state, &headers, &body)?;
    let report = service
        .honesty(&relay, llm_roi_core::probe::history::Origin::Manual)
        .await?;
    Ok(Json(report).into_response())
}

/// Back to the page's `anchor` section (`honesty`, `audit`), with the
/// reason when the run did not happen.
pub(super) fn back(anchor: &str, error: Option<&str>) -> Response {
    match error {
        None => Redirect::to(&format!("/probe#{anchor}")).into_response(),
        Some(e) => {
            let msg: String = url::form_urlencoded::byte_serialize(e.as_bytes()).collect();
            Redirect::to(&format!("/probe?{anchor}_error={msg}#{anchor}")).into_response()
        }
    }
}

/// What a page form that spends tokens must pass first: the same site,
/// a configured probe, the form's token and the operator's leave. Gives
/// the service and the form's `relay`.
pub(super) fn spend_form(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    body: &[u8],
    anchor: &str,
) -> Result<(Arc<ProbeService>, String), Box<Response>> {
    same_site(headers).map_err(|e| Box::new(e.into_response()))?;
    let service =
        probe(state).map_err(|_| Box::new(back(anchor, Some("the probe is not configured"))))?;
    let field = |name: &str| {
        url::form_urlencoded::parse(body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    if !state.operator.form_token_ok(field("csrf").as_deref()) {
        return Err(Box::new(back(
            anchor,
            Some("the form is out of date: reload the page and send it again"),
        )));
    }
    let token = field("token");
    spend_allowed(state, token.as_deref().or(bearer(headers)))
        .map_err(|e| Box::new(back(anchor, Some(e.message()))))?;
    Ok((service, field("relay").unwrap_or_default()))
}

/// `POST /probe/honesty` from the page's form: runs the check and sends the
/// browser back to its result (or the reason it did not run).
pub async fn honesty_form(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (service, relay) = match spend_form(&state, &headers, &body, "honesty") {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let run = service
        .honesty(&relay, llm_roi_core::probe::history::Origin::Manual)
        .await;
    back("honesty", run.err().map(|e| e.to_string()).as_deref())
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
