//! A probe run as the API and the panel show it.

use super::report::RunReport;
use super::sample::{Connection, Sample};
use serde::{Deserialize, Serialize};

/// A run's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    Running,
    Done,
    Cancelled,
    TimedOut,
    Stopped,
}

/// What the API returns for a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    pub id: String,
    pub relay: String,
    pub upstream: String,
    pub relay_url: String,
    pub direct_url: String,
    pub connection: Connection,
    /// "unauthenticated: network + edge (401 answers)" or "authenticated: streaming, max_tokens = 1".
    pub mode: String,
    pub claimed_overhead_ms: Option<u32>,
    pub pairs: usize,
    pub done_requests: usize,
    pub total_requests: usize,
    pub status: RunStatus,
    pub samples: Vec<Sample>,
    pub report: RunReport,
    /// Where the measurement is taken from.
    pub measured_from: String,
    pub stop_reason: Option<String>,
}
