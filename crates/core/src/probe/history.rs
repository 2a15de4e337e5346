//! A relay watched over time: the runs a server stored, and their figures
//! over the last 24 hours, 72 hours and 7 days.
//!
//! Every window pools the pair differences (relay − direct) of the runs that
//! finished in it, and gives their median with its 95 % interval
//! ([`overhead_of_diffs`]), the nearest-rank p90 and p99, the share of the
//! relay's requests that succeeded, the error classes, and the verdict
//! against the vendor's claim. Plain Rust over stored rows, no I/O.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::probe::history::{window_stats, Window};
//! let stats = window_stats(&[], Window::Days3, 1_000_000_000, None, "warm");
//! assert_eq!((stats.runs, stats.uptime), (0, None));
//! ```

use super::paired::{Overhead, VerdictText, overhead_of_diffs};
use super::sample::Connection;
use super::stats::percentile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One hour, in ms.
pub const HOUR_MS: i64 = 3_600_000;

/// Who started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A schedule of the probe-targets file.
    Scheduled,
    /// Someone, from the panel or the API.
    Manual,
}

/// What a run measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunKind {
    /// Paired latency: relay against direct.
    Latency,
    /// The honesty check: the same prompts both ways, replies compared.
    Honesty,
    /// The audit: cache fidelity, billing offset and streaming, both ways.
    Audit,
}

/// How a stored run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Done,
    Cancelled,
    TimedOut,
    Stopped,
    /// A scheduled run that did not start (budget spent, runs in flight).
    Skipped,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::TimedOut => "timed_out",
            Self::Stopped => "stopped",
            Self::Skipped => "skipped",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Self::Done,
            Self::Cancelled,
            Self::TimedOut,
            Self::Stopped,
            Self::Skipped,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }
}

/// One run as the history keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRun {
    pub id: String,
    pub relay: String,
    pub upstream: String,
    pub origin: Origin,
    pub kind: RunKind,
    pub started_at_ms: i64,
    pub finished_at_ms: i64,
    pub outcome: Outcome,
    pub connection: Connection,
    pub authenticated: bool,
    /// The host the run was measured from.
    pub measured_from: String,
    pub claimed_overhead_ms: Option<u32>,
    /// The relay's requests, and how many of them succeeded.
    pub relay_requests: u32,
    pub relay_good: u32,
    /// The relay's failed requests by error class.
    pub errors: BTreeMap<String, u32>,
    /// Relay − direct of each good pair, in µs.
    pub overhead_us: Vec<i64>,
    /// Why a run was skipped or stopped; for an honesty run, its report as JSON.
    pub detail: Option<String>,
}

/// A span of time looked back over from now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    #[serde(rename = "24h")]
    Hours24,
    #[serde(rename = "72h")]
    Days3,
    #[serde(rename = "7d")]
    Days7,
}

impl Window {
    pub const ALL: [Window; 3] = [Window::Hours24, Window::Days3, Window::Days7];

    /// `24h`, `72h` or `7d`, as in `?window=`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Hours24 => "24h",
            Self::Days3 => "72h",
            Self::Days7 => "7d",
        }
    }

    pub fn ms(self) -> i64 {
        match self {
            Self::Hours24 => 24 * HOUR_MS,
            Self::Days3 => 72 * HOUR_MS,
            Self::Days7 => 7 * 24 * HOUR_MS,
        }
    }

    /// The window from its code; the error names the allowed ones.
    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|w| w.code() == code)
            .ok_or_else(|| format!("`window` must be 24h, 72h or 7d; got `{code}`"))
    }
}

/// A window's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowStats {
    pub window: Window,
    pub from_ms: i64,
    pub to_ms: i64,
    /// Runs that finished in the window, skipped ones apart.
    pub runs: usize,
    pub skipped: usize,
    pub overhead: Option<Overhead>,
    pub p90_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub requests: u64,
    pub good: u64,
    /// `good / requests`; `None` without requests.
    pub uptime: Option<f64>,
    pub errors: BTreeMap<String, u64>,
    pub verdict: Option<VerdictText>,
}

/// Nearest-rank percentile of sorted µs, in ms.
fn pct_ms(sorted_us: &[i64], p: u32) -> Option<f64> {
    percentile(sorted_us, p).map(|v| v as f64 / 1000.0)
}

/// The figures of the latency `runs` that finished in `[from_ms, to_ms)`.
pub fn span_stats(
    runs: &[StoredRun],
    window: Window,
    from_ms: i64,
    to_ms: i64,
    claim_ms: Option<u32>,
    connection: &str,
) -> WindowStats {
    let inside: Vec<&StoredRun> = runs
        .iter()
        .filter(|r| r.kind == RunKind::Latency)
        .filter(|r| r.finished_at_ms >= from_ms && r.finished_at_ms < to_ms)
        .collect();
    let measured: Vec<&&StoredRun> = inside
        .iter()
        .filter(|r| r.outcome != Outcome::Skipped)
        .collect();
    let mut diffs: Vec<i64> = measured
        .iter()
        .flat_map(|r| r.overhead_us.iter().copied())
        .collect();
    diffs.sort_unstable();
    let mut errors: BTreeMap<String, u64> = BTreeMap::new();
    for r in &measured {
        for (class, n) in &r.errors {
            *errors.entry(class.clone()).or_default() += u64::from(*n);
        }
    }
    let requests: u64 = measured.iter().map(|r| u64::from(r.relay_requests)).sum();
    let good: u64 = measured.iter().map(|r| u64::from(r.relay_good)).sum();
    let overhead = overhead_of_diffs(&diffs);
    WindowStats {
        window,
        from_ms,
        to_ms,
        runs: measured.len(),
        skipped: inside.len() - measured.len(),
        verdict: overhead
            .as_ref()
            .map(|o| o.verdict_for(claim_ms, connection)),
        overhead,
        p90_ms: pct_ms(&diffs, 90),
        p99_ms: pct_ms(&diffs, 99),
        requests,
        good,
        uptime: (requests > 0).then(|| good as f64 / requests as f64),
        errors,
    }
}

/// The figures of the window ending at `now_ms`.
pub fn window_stats(
    runs: &[StoredRun],
    window: Window,
    now_ms: i64,
    claim_ms: Option<u32>,
    connection: &str,
) -> WindowStats {
    span_stats(
        runs,
        window,
        now_ms - window.ms(),
        now_ms + 1,
        claim_ms,
        connection,
    )
}

/// How many slices the chart and the table over time cut a window into.
pub const SLICES: i64 = 24;

/// One relay's history at one connection kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelayHistory {
    pub relay: String,
    pub upstream: String,
    pub connection: Connection,
    /// The vendor's claim, as the latest run recorded it.
    pub claimed_overhead_ms: Option<u32>,
    /// The hosts the runs were measured from.
    pub measured_from: Vec<String>,
    pub last_run_ms: Option<i64>,
    pub windows: Vec<WindowStats>,
    /// The chart window cut into [`SLICES`] equal slices, oldest first.
    pub slices: Vec<WindowStats>,
    pub chart_window: Window,
}

/// The history of `relay` at `connection` from `runs` (any relay, any
/// order), as of `now_ms`, with `chart_window` sliced for the chart.
pub fn relay_history(
    runs: &[StoredRun],
    relay: &str,
    connection: Connection,
    now_ms: i64,
    chart_window: Window,
) -> RelayHistory {
    let mut mine: Vec<StoredRun> = runs
        .iter()
        .filter(|r| r.relay == relay && r.connection == connection && r.kind == RunKind::Latency)
        .cloned()
        .collect();
    mine.sort_by_key(|r| r.finished_at_ms);
    let latest = mine.iter().rev().find(|r| r.outcome != Outcome::Skipped);
    let claim = latest.and_then(|r| r.claimed_overhead_ms);
    let kind = connection.code();
    let mut hosts: Vec<String> = mine
        .iter()
        .filter(|r| r.outcome != Outcome::Skipped)
        .map(|r| r.measured_from.clone())
        .collect();
    hosts.sort();
    hosts.dedup();
    let width = chart_window.ms() / SLICES;
    let start = now_ms + 1 - chart_window.ms();
    let slices = (0..SLICES)
        .map(|i| {
            let from = start + i * width;
            let to = if i == SLICES - 1 {
                now_ms + 1
            } else {
                from + width
            };
            span_stats(&mine, chart_window, from, to, claim, kind)
        })
        .collect();
    RelayHistory {
        relay: relay.to_string(),
        upstream: latest.map(|r| r.upstream.clone()).unwrap_or_default(),
        connection,
        claimed_overhead_ms: claim,
        measured_from: hosts,
        last_run_ms: mine.last().map(|r| r.finished_at_ms),
        windows: Window::ALL
            .into_iter()
            .map(|w| window_stats(&mine, w, now_ms, claim, kind))
            .collect(),
        slices,
        chart_window,
    }
}

/// Every (relay, connection) with a latency run in `runs`, each as
/// [`relay_history`], by relay then connection; `only` keeps one relay.
pub fn histories(
    runs: &[StoredRun],
    only: Option<&str>,
    now_ms: i64,
    chart_window: Window,
) -> Vec<RelayHistory> {
    let mut keys: Vec<(String, &'static str)> = runs
        .iter()
        .filter(|r| r.kind == RunKind::Latency)
        .filter(|r| only.is_none_or(|o| o == r.relay))
        .map(|r| (r.relay.clone(), r.connection.code()))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|(relay, c)| {
            let connection = Connection::parse(c)?;
            Some(relay_history(
                runs,
                &relay,
                connection,
                now_ms,
                chart_window,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests;
