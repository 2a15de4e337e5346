//! What `/probe`, the report's probe section, `GET /api/v1/probe/history`
//! and `/probe/history.csv` show: every watched relay's history, the latest
//! honesty check of each relay and what the next one would cost, the
//! schedules and where the history is kept. Also the text both the page and
//! the CSV print for a window.

use super::history::{RelayHistory, Window, WindowStats};
use super::honesty::{HonestyPlan, HonestyReport};
use crate::domain::money::date::CalendarDate;
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
}
