//! What a request that spends the server's API keys (the honesty check,
//! the audit) must pass before it runs: the same site, a configured probe,
//! the operator's leave, and for the page's forms the form token; then the
//! relay it names. Shared by the API and the no-JavaScript forms.

use super::history::{bad, parse_query};
use super::runs::{probe, ApiError};
use crate::server::operator::bearer;
use crate::server::state::AppState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use llm_roi_probe::service::ProbeService;
use std::sync::Arc;

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
