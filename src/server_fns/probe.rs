//! Server functions behind the probe panel. The panel starts and cancels runs
//! through these and follows a run's progress over the SSE stream of
//! `GET /api/v1/probe/runs/{id}/events`.

use leptos::prelude::*;
use llm_roi_core::probe::sample::Connection;
use serde::{Deserialize, Serialize};

/// What the panel shows before a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProbeInfo {
    pub available: bool,
    /// Why the probe is off, when it is.
    pub reason: Option<String>,
    /// The host the measurements are taken from.
    pub measured_from: String,
    pub max_pairs: usize,
    pub auth_used_this_hour: usize,
    pub auth_per_hour: usize,
}

/// The server's probe service, when the probe is configured.
#[cfg(feature = "ssr")]
fn probe_service() -> Result<std::sync::Arc<llm_roi_probe::service::ProbeService>, ServerFnError> {
    use_context::<crate::server::probe_routes::ProbeHandle>()
        .and_then(|h| h.0)
        .ok_or_else(|| ServerFnError::new(NOT_CONFIGURED))
}

/// Why the probe panel is off.
#[cfg(feature = "ssr")]
const NOT_CONFIGURED: &str = "the probe is not configured on this server";

/// The probe's settings and budget, as the page renders the panel.
#[cfg(feature = "ssr")]
pub fn probe_info() -> ProbeInfo {
    let handle = use_context::<crate::server::probe_routes::ProbeHandle>();
    match handle.and_then(|h| h.0) {
        Some(p) => {
            let (used, per_hour) = p.budget();
            let (max_pairs, _) = p.settings();
            ProbeInfo {
                available: true,
                reason: None,
                measured_from: p.host().to_string(),
                max_pairs,
                auth_used_this_hour: used,
                auth_per_hour: per_hour,
            }
        }
        None => ProbeInfo {
            available: false,
            reason: Some(NOT_CONFIGURED.into()),
            measured_from: String::new(),
            max_pairs: 0,
            auth_used_this_hour: 0,
            auth_per_hour: 0,
        },
    }
}

/// A run the panel started: its id, and the token that cancels it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartedRun {
    pub id: String,
    pub cancel_token: String,
}

/// Starts a run against `relay` and its upstream; `token` is the operator
/// token the page holds for the session (empty: none), without which the
/// run is unauthenticated unless the server allows its callers to spend.
#[server(prefix = "/api/fn", endpoint = "probe_start")]
pub async fn start_probe(
    relay: String,
    pairs: usize,
    connection: Connection,
    token: String,
) -> Result<StartedRun, ServerFnError> {
    use axum::extract::ConnectInfo;
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};
    let service = probe_service()?;
    let operator = use_context::<crate::server::operator::Operator>()
        .ok_or_else(|| ServerFnError::new(NOT_CONFIGURED))?;
    let may_spend = operator
        .may_spend(Some(token.as_str()))
        .map_err(|e| ServerFnError::new(e.to_string()))?;
    let peer = leptos_axum::extract::<axum::Extension<ConnectInfo<SocketAddr>>>()
        .await
        .map_or(
            IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            |axum::Extension(ConnectInfo(a))| a.ip(),
        );
    let headers = leptos_axum::extract::<axum::http::HeaderMap>()
        .await
        .unwrap_or_default();
    let ip = use_context::<crate::server::site::Site>()
        .map_or(peer, |site| site.trusted_proxies.client(peer, &headers));
    let req = llm_roi_probe::service::StartRequest {
        relay: Some(relay),
        target_url: None,
        upstream: None,
        pairs: Some(pairs),
        connection,
        may_spend,
    };
    service
        .start(req, ip)
        .await
        .map(|s| StartedRun {
            id: s.id,
            cancel_token: s.cancel_token,
        })
        .map_err(|e| ServerFnError::new(e.to_string()))
}

/// Asks a run to stop; `token` is the one its start returned.
#[server(prefix = "/api/fn", endpoint = "probe_cancel")]
pub async fn cancel_probe(id: String, token: String) -> Result<bool, ServerFnError> {
    use llm_roi_probe::runs::CancelOutcome;
    match probe_service()?.cancel(&id, &token) {
        CancelOutcome::Cancelling => Ok(true),
        CancelOutcome::UnknownRun => Err(ServerFnError::new("the run is no longer kept")),
        CancelOutcome::WrongToken => Err(ServerFnError::new(
            "only whoever started a run can cancel it",
        )),
    }
}
