//! The probe API:
//! - `POST /api/v1/probe/runs` starts a run (JSON body, see [`StartRequest`]);
//! - `GET /api/v1/probe/runs/{id}` returns its state and result (the id is
//!   128-bit random: only whoever holds it can read the run);
//! - `GET /api/v1/probe/runs/{id}/events` streams progress as server-sent events;
//! - `POST /api/v1/probe/runs/{id}/cancel` stops it, given the run's cancel
//!   token in `{"token": …}` (returned only by the start);
//! - `GET /api/v1/probe/status` gives the host, limits and the hourly budget.

use crate::server::operator::bearer;
use crate::server::state::AppState;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use llm_roi_probe::runs::CancelOutcome;
use llm_roi_probe::service::{ProbeService, StartRequest};
use serde_json::json;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// A probe API error: a status and a message in `{"error": …}`.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl ApiError {
    /// What the answer says.
    pub fn message(&self) -> &str {
        &self.1
    }

    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self(status, message.into())
    }
}

impl From<llm_roi_probe::service::StartError> for ApiError {
    fn from(e: llm_roi_probe::service::StartError) -> Self {
        Self(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST),
            e.to_string(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError(
        StatusCode::NOT_FOUND,
        format!(
            "no run `{}`; runs are kept for an hour after they finish",
            llm_roi_core::scenario::codec::quoted(id)
        ),
    )
}

pub fn probe(state: &AppState) -> Result<Arc<ProbeService>, ApiError> {
    state.probe.clone().ok_or_else(|| {
        ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            "the probe is not configured on this server".into(),
        )
    })
}

/// `POST /api/v1/probe/runs`.
pub async fn start(
    State(state): State<AppState>,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    let may_spend = state
        .operator
        .may_spend(bearer(&headers))
        .map_err(|e| ApiError(StatusCode::UNAUTHORIZED, e.to_string()))?;
    let mut req: StartRequest = serde_json::from_slice(&body).map_err(|e| {
        ApiError(
            StatusCode::BAD_REQUEST,
            format!("the body must be JSON like {{\"relay\": \"holysheep\", \"pairs\": 20, \"connection\": \"warm\"}} or {{\"target_url\": \"https://…\"}}: {e}"),
        )
    })?;
    // Without the operator's leave the run is unauthenticated (no keys).
    req.may_spend = may_spend;
    // The peer, or behind a trusted proxy the client it names (the peer is
    // absent in in-process tests).
    let peer = client.map_or(
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        |Extension(ConnectInfo(a))| a.ip(),
    );
    let ip = state.site.trusted_proxies.client(peer, &headers);
    let started = service.start(req, ip).await.map_err(|e| {
        ApiError(
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST),
            e.to_string(),
        )
    })?;
    let id = &started.id;
    let links = json!({
        "id": id,
        "cancel_token": started.cancel_token,
        "result": format!("/api/v1/probe/runs/{id}"),
        "events": format!("/api/v1/probe/runs/{id}/events"),
        "cancel": format!("/api/v1/probe/runs/{id}/cancel"),
    });
    Ok((StatusCode::ACCEPTED, Json(links)).into_response())
}

/// `GET /api/v1/probe/runs/{id}`.
pub async fn get_run(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let view = probe(&state)?.view(&id).ok_or_else(|| not_found(&id))?;
    Ok(Json(view).into_response())
}

/// The body of `POST /api/v1/probe/runs/{id}/cancel`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CancelBody {
    token: String,
}

/// `POST /api/v1/probe/runs/{id}/cancel` with `{"token": …}`.
pub async fn cancel(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    let body: CancelBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError(
            StatusCode::BAD_REQUEST,
            format!("the body must be {{\"token\": \"…\"}} with the cancel_token the start returned: {e}"),
        )
    })?;
    match service.cancel(&id, &body.token) {
        CancelOutcome::Cancelling => {
            Ok(Json(json!({ "id": id, "cancelling": true })).into_response())
        }
        CancelOutcome::UnknownRun => Err(not_found(&id)),
        CancelOutcome::WrongToken => Err(ApiError(
            StatusCode::FORBIDDEN,
            "this is not the run's cancel token; only whoever started a run can cancel it".into(),
        )),
    }
}

/// `GET /api/v1/probe/status`.
pub async fn status(State(state): State<AppState>) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    let (used, limit) = service.budget_now().await;
    let (max_pairs, custom) = service.settings();
    Ok(Json(json!({
        "measured_from": service.host(),
        "max_pairs": max_pairs,
        "allow_custom_targets": custom,
        "auth_budget": { "used_this_hour": used, "per_hour": limit },
    }))
    .into_response())
}

/// `GET /api/v1/probe/runs/{id}/events`: a `progress` event with the whole
/// state whenever a request finishes, then `done`.
pub async fn events(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    if service.view(&id).is_none() {
        return Err(not_found(&id));
    }
    let stream = futures::stream::unfold(
        (service, id, None::<usize>, false),
        |(service, id, last, finished)| async move {
            if finished {
                return None;
            }
            loop {
                let view = service.view(&id)?;
                let running = view.status == llm_roi_core::probe::run::RunStatus::Running;
                if !running || Some(view.done_requests) != last {
                    let name = if running { "progress" } else { "done" };
                    let data = serde_json::to_string(&view).unwrap_or_default();
                    let event = Ok::<_, Infallible>(Event::default().event(name).data(data));
                    return Some((event, (service, id, Some(view.done_requests), !running)));
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        },
    );
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}
