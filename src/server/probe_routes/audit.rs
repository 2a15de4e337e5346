//! The relay audit over HTTP:
//! - `GET /api/v1/probe/audit?relay=…`: what an audit sends and costs at most;
//! - `POST /api/v1/probe/audit` with `{"relay": …}`: runs the audit (with
//!   the operator token when the server has one), stores it, returns it
//!   with `audited`, what its findings change in the relay's price, and
//!   `aud`, the same as the calculator's `aud=` value;
//! - `POST /probe/audit` (a form with `relay`): the same from the page
//!   without JavaScript, answered with a redirect back to `/probe#audit`.

use super::runs::{probe, ApiError};
use super::spend_checks::{back, relay_param, spend_form, spend_request};
use crate::server::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use llm_roi_core::probe::history::Origin;

/// `GET /api/v1/probe/audit?relay=…`: the plan and its price bound.
pub async fn audit_plan(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Response, ApiError> {
    let service = probe(&state)?;
    let relay = relay_param(&service, &uri)?;
    Ok(Json(service.audit_plan(&relay)?).into_response())
}

/// `POST /api/v1/probe/audit`: runs the audit.
pub async fn audit_run(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let (service, relay) = spend_request(&state, &headers, &body)?;
    let report = service.audit(&relay, Origin::Manual).await?;
    Ok(Json(report).into_response())
}

/// `POST /probe/audit` from the page's form: runs the audit and sends the
/// browser back to its result (or the reason it did not run).
pub async fn audit_form(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (service, relay) = match spend_form(&state, &headers, &body, "audit") {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let run = service.audit(&relay, Origin::Manual).await;
    back("audit", run.err().map(|e| e.to_string()).as_deref())
}
