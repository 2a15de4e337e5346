//! What `/probe`, the report's probe section, `GET /api/v1/probe/history`
//! and `/probe/history.csv` show: every watched relay's history, the latest
//! honesty check of each relay and what the next one would cost, the
//! schedules and where the history is kept. Also the text both the page and
//! the CSV print for a window.

use super::audit::{AuditPlan, AuditReport};
use super::history::{RelayHistory, Window, WindowStats};
use super::honesty::{HonestyPlan, HonestyReport};
use crate::money::date::CalendarDate;
use serde::{Deserialize, Serialize};

/// The history as the server has it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct HistoryPage {
    pub now_ms: i64,
    /// The window asked for (`?window=`); all three when none.
    pub window: Option<Window>,
    pub relays: Vec<RelayHistory>,
    /// The latest honesty check of each relay, within the last 7 days.
    pub honesty: Vec<HonestyReport>,
    /// What a check of each relay sends and costs at most.
    pub plans: Vec<HonestyPlan>,
    /// The latest audit of each relay, within the last 7 days.
    #[serde(default)]
    pub audits: Vec<AuditReport>,
    /// What an audit of each relay sends and costs at most.
    #[serde(default)]
    pub audit_plans: Vec<AuditPlan>,
    /// Each relay's failure rate over the last 7 days, as a fallback rate.
    #[serde(default)]
    pub reliability: Vec<super::reliability::Reliability>,
    /// The schedules, in words.
    pub schedules: Vec<String>,
    /// "SQLite data/probe-history.sqlite" or "PostgreSQL postgres://…".
    pub store: String,
    pub retention_days: u32,
    /// Why the history could not be read, when it could not.
    pub error: Option<String>,
}

/// `2026-12-02 05:40 UTC` for ms since the Unix epoch.
pub fn utc_minute(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000);
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    format!(
        "{} {:02}:{:02} UTC",
        CalendarDate::from_days_since_epoch(days),
        minute_of_day / 60,
        minute_of_day % 60
    )
}

fn ms1(v: f64) -> String {
    format!("{v:.1}")
}

/// The cells one window prints, in [`WINDOW_COLUMNS`] order.
pub fn window_cells(w: &WindowStats) -> Vec<String> {
    let o = w.overhead.as_ref();
    vec![
        w.window.code().to_string(),
        w.runs.to_string(),
        w.skipped.to_string(),
        o.map_or(0, |o| o.pairs).to_string(),
        o.map_or(String::new(), |o| ms1(o.median_ms)),
        o.map_or(String::new(), |o| ms1(o.ci_low_ms)),
        o.map_or(String::new(), |o| ms1(o.ci_high_ms)),
        w.p90_ms.map_or(String::new(), ms1),
        w.p99_ms.map_or(String::new(), ms1),
        w.requests.to_string(),
        w.good.to_string(),
        w.uptime
            .map_or(String::new(), |u| format!("{:.2}", u * 100.0)),
        errors_text(w),
        w.verdict.as_ref().map_or(String::new(), |v| v.text.clone()),
    ]
}

/// The column names of [`window_cells`].
pub const WINDOW_COLUMNS: [&str; 14] = [
    "window",
    "runs",
    "skipped",
    "pairs",
    "median_ms",
    "ci_low_ms",
    "ci_high_ms",
    "p90_ms",
    "p99_ms",
    "relay_requests",
    "relay_good",
    "uptime_pct",
    "errors",
    "verdict",
];

/// "3 × 5xx, 1 × timeout", or "none".
pub fn errors_text(w: &WindowStats) -> String {
    if w.errors.is_empty() {
        return "none".into();
    }
    w.errors
        .iter()
        .map(|(class, n)| format!("{n} × {class}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A window as the page's table prints it, each cell saying over how many
/// samples it was measured.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowRow {
    pub window: String,
    pub runs: String,
    pub median: String,
    pub p90_p99: String,
    pub uptime: String,
    pub errors: String,
    pub verdict: String,
    /// `holds`, `fails`, `inconclusive`, `no_claim`, or empty without a number.
    pub verdict_kind: String,
}

/// The table row of `w`.
pub fn window_row(w: &WindowStats) -> WindowRow {
    let pairs = w.overhead.as_ref().map_or(0, |o| o.pairs);
    let mut runs = format!("{} runs, {pairs} good pairs", w.runs);
    if w.skipped > 0 {
        runs.push_str(&format!(", {} skipped", w.skipped));
    }
    let none = || {
        format!(
            "no number: at least {} good pairs needed",
            super::paired::MIN_PAIRS
        )
    };
    WindowRow {
        window: w.window.code().to_string(),
        runs,
        median: w.overhead.as_ref().map_or_else(none, |o| {
            format!(
                "{} ms (95 % CI {}–{} ms)",
                ms1(o.median_ms),
                ms1(o.ci_low_ms),
                ms1(o.ci_high_ms)
            )
        }),
        p90_p99: match (w.p90_ms, w.p99_ms) {
            (Some(a), Some(b)) if pairs > 0 => format!("{} / {} ms", ms1(a), ms1(b)),
            _ => "—".into(),
        },
        uptime: w.uptime.map_or("no requests".into(), |u| {
            format!("{:.2} % ({} of {} requests)", u * 100.0, w.good, w.requests)
        }),
        errors: errors_text(w),
        verdict: w.verdict.as_ref().map_or(String::new(), |v| v.text.clone()),
        verdict_kind: w.verdict.as_ref().map_or(String::new(), |v| {
            serde_json::to_value(v.kind)
                .ok()
                .and_then(|k| k.as_str().map(str::to_string))
                .unwrap_or_default()
        }),
    }
}

/// The slices of the chart window with failed requests or skipped runs,
/// oldest first: "2026-12-01 10:00 UTC – 17:00: 4 runs; 2 × 5xx; 1 skipped".
pub fn trouble_lines(h: &RelayHistory) -> Vec<String> {
    h.slices
        .iter()
        .filter(|s| !s.errors.is_empty() || s.skipped > 0)
        .map(|s| {
            let mut parts = vec![format!("{} runs", s.runs)];
            if !s.errors.is_empty() {
                parts.push(errors_text(s));
            }
            if s.skipped > 0 {
                parts.push(format!("{} skipped", s.skipped));
            }
            format!(
                "{} – {}: {}",
                utc_minute(s.from_ms),
                utc_minute(s.to_ms),
                parts.join("; ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_print_in_utc() {
        // 2026-12-02 is day 20,789 since 1970-01-01.
        let ms = (20_789 * 1440 + 5 * 60 + 40) * 60_000 + 59_999;
        assert_eq!(utc_minute(ms), "2026-12-02 05:40 UTC");
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
    }

    #[test]
    fn a_row_says_over_how_many_samples() {
        use crate::probe::history::{Origin, Outcome, RunKind, StoredRun, window_stats};
        use crate::probe::sample::Connection;
        let run = StoredRun {
            id: "a".into(),
            relay: "r".into(),
            upstream: "u".into(),
            origin: Origin::Manual,
            kind: RunKind::Latency,
            started_at_ms: 0,
            finished_at_ms: 10,
            outcome: Outcome::Done,
            connection: Connection::Warm,
            authenticated: false,
            measured_from: "h".into(),
            claimed_overhead_ms: Some(50),
            relay_requests: 8,
            relay_good: 6,
            errors: [("5xx".to_string(), 2)].into(),
            overhead_us: (1..=6).map(|i| i * 10_000).collect(),
            detail: None,
        };
        let w = window_stats(&[run], Window::Hours24, 20, Some(50), "warm");
        let row = window_row(&w);
        assert_eq!(row.runs, "1 runs, 6 good pairs");
        // n = 6: the CI is [x(1), x(6)] = [10, 60]; it straddles 50.
        assert_eq!(row.median, "35.0 ms (95 % CI 10.0–60.0 ms)");
        assert_eq!(row.p90_p99, "60.0 / 60.0 ms");
        assert_eq!(row.uptime, "75.00 % (6 of 8 requests)");
        assert_eq!(row.errors, "2 × 5xx");
        assert_eq!(row.verdict_kind, "inconclusive");
        let empty = window_row(&window_stats(&[], Window::Days7, 20, None, "warm"));
        assert_eq!(empty.median, "no number: at least 6 good pairs needed");
        assert_eq!(
            (empty.uptime.as_str(), empty.p90_p99.as_str()),
            ("no requests", "—")
        );
    }
}
