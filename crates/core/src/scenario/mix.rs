//! A workload mix: an imported usage log's request classes and the days the
//! log spans, which is what a scenario holds instead of one model's averages
//! (`mix=` in a link; see [`crate::scenario::codec::mix_text`]).
//!
//! Usage:
//!
//! ```ignore
//! let mix = Mix::new(7, workload);
//! let rpd = mix.requests_per_day(); // the log's requests over its 7 days
//! ```

use crate::scenario::workload::Workload;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest span a mix may cover, in days (ten years).
pub const MAX_MIX_DAYS: u64 = 3_660;

/// A log's request classes over the days it spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mix {
    /// The days from the log's first request to its last, both counted
    /// (1 for a log without dates).
    pub days: u64,
    pub workload: Workload,
    /// The log's day-to-day spread, when it names days: its 10th and 90th
    /// percentile days' cost as sent, as multiples of its mean day (e.g.
    /// 0.82 and 1.31), rounded to 2 decimals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spread: Option<DailySpread>,
}

/// The 10th and 90th percentile of a log's daily cost over its mean day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailySpread {
    pub p10: Decimal,
    pub p90: Decimal,
}

/// The spread of `daily` (one cost per day of the span, days without
/// requests included as 0), or `None` when the mean day costs nothing.
/// Percentiles by nearest rank: the `ceil(p × n)`-th smallest day.
pub fn daily_spread(daily: &[Decimal]) -> Option<DailySpread> {
    let n = daily.len();
    let total: Decimal = daily.iter().copied().sum();
    if n == 0 || total <= Decimal::ZERO {
        return None;
    }
    let mean = total / Decimal::from(n);
    let mut sorted = daily.to_vec();
    sorted.sort_unstable();
    let rank = |pct: usize| {
        let i = (pct * n).div_ceil(100).max(1) - 1;
        sorted.get(i).copied().unwrap_or_default()
    };
    Some(DailySpread {
        p10: (rank(10) / mean).round_dp(2).normalize(),
        p90: (rank(90) / mean).round_dp(2).normalize(),
    })
}

impl Mix {
    /// A mix with no daily spread.
    pub fn new(days: u64, workload: Workload) -> Self {
        Self {
            days,
            workload,
            spread: None,
        }
    }

    /// Requests a day: the log's requests over its days (exact to
    /// `Decimal`'s 28 digits).
    pub fn requests_per_day(&self) -> Decimal {
        let days = Decimal::from(self.days.max(1));
        Decimal::from(self.workload.requests()) / days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_is_the_p10_and_p90_day_over_the_mean_day() {
        let d = |v: i64| Decimal::from(v);
        // Ten days: 0 (no requests), 5, 8, 9, 10, 10, 11, 12, 15, 20; mean 10.
        let days = [20, 0, 5, 8, 9, 10, 10, 11, 12, 15].map(d);
        let s = daily_spread(&days).unwrap();
        // p10: the 1st smallest (0); p90: the 9th (15).
        assert_eq!(
            s,
            DailySpread {
                p10: d(0),
                p90: Decimal::new(15, 1)
            }
        );
        assert_eq!(daily_spread(&[d(0), d(0)]), None);
        assert_eq!(daily_spread(&[]), None);
        let one = daily_spread(&[d(7)]).unwrap();
        assert_eq!((one.p10, one.p90), (d(1), d(1)));
    }
}
