//! The honesty check over HTTP:
//! - `GET /api/v1/probe/honesty?relay=…`: what a check sends and costs at most;
//! - `POST /api/v1/probe/honesty` with `{"relay": …}`: runs the check, returns it;
//! - `POST /probe/honesty` (a form with `relay`): the same from the page
//!   without JavaScript, answered with a redirect back to `/probe`.

use super::runs::{probe, ApiError};
use super::spend_checks::{back, relay_param, spend_form, spend_request};
use crate::server::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::probe::history::Origin;

/// `GET /api/v1/probe/honesty?relay=…`: the plan and price.
pub async fn honesty_plan(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    let relay = relay_param(&service, &uri)?;
    Ok(Json(service.honesty_plan(&relay)?).into_response())
}

/// `POST /api/v1/probe/honesty`: runs the check.
pub async fn honesty_run(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let (service, relay) = spend_request(&state, &headers, &body)?;
    let report = service.honesty(&relay, Origin::Manual).await?;
    Ok(Json(report).into_response())
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
    let run = service.honesty(&relay, Origin::Manual).await;
    back("honesty", run.err().map(|e| e.to_string()).as_deref())
}
