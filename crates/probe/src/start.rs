//! What starting a probe run takes and how it can fail: the service's
//! limits, the request body of `POST /api/v1/probe/runs`, and the errors,
//! each with its HTTP status.

use llm_roi_core::probe::sample::Connection;
use serde::Deserialize;
use std::time::Duration;

/// Limits of the probe service.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_runs_in_flight: usize,
    pub starts_per_client_per_minute: usize,
    pub run_timeout: Duration,
    pub auth_requests_per_hour: usize,
    /// The longest `retry-after` a run waits for before it stops.
    pub max_retry_wait: Duration,
    /// How many runs are kept, and how long a finished one stays readable.
    pub max_kept_runs: usize,
    pub keep_finished_for: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_runs_in_flight: 2,
            starts_per_client_per_minute: 6,
            run_timeout: Duration::from_secs(120),
            auth_requests_per_hour: 200,
            max_retry_wait: Duration::from_secs(10),
            max_kept_runs: super::runs::MAX_KEPT_RUNS,
            keep_finished_for: super::runs::KEEP_FINISHED_FOR,
        }
    }
}

/// `POST /api/v1/probe/runs`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    /// A relay's provider id.
    pub relay: Option<String>,
    /// Or a custom target URL (only with `allow_custom_targets`).
    pub target_url: Option<String>,
    /// For a custom target: the official provider to compare with (default: anthropic).
    pub upstream: Option<String>,
    pub pairs: Option<usize>,
    #[serde(default)]
    pub connection: Connection,
    /// The run may spend the configured API keys (the operator asked, or a
    /// schedule); without it a run is unauthenticated. Never read from the
    /// body: the server sets it.
    #[serde(skip)]
    pub may_spend: bool,
}

/// Why a run did not start; each maps to an HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    #[error("{0}")]
    BadRequest(String),
    #[error("custom targets are off on this server; pick a relay from the pricebook")]
    CustomTargetsOff,
    #[error("target refused: {0}")]
    Refused(String),
    #[error("{0} probe runs are in flight already; try again when one ends")]
    Busy(usize),
    #[error("too many runs started from your address; at most {0} a minute")]
    RateLimited(usize),
    #[error(
        "the hourly budget of {0} authenticated requests is spent; unauthenticated runs still work"
    )]
    BudgetSpent(usize),
    #[error("the server could not start the run: {0}")]
    Internal(String),
}

impl StartError {
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::CustomTargetsOff => 403,
            Self::Refused(_) => 422,
            Self::Busy(_) | Self::RateLimited(_) | Self::BudgetSpent(_) => 429,
            Self::Internal(_) => 500,
        }
    }
}
