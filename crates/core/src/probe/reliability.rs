//! A relay's measured failure rate over the last 7 days, as a rollout's
//! fallback rate: the probe requests that failed the way a fallback would
//! retry them (5xx, timeouts and 429) over those sent, leaving out the
//! auth errors (the caller's key, not the relay). `/probe` links it into
//! the calculator as `fb=measured:<relay>,<failed>,<requests>,<from>,<to>`.
//!
//! Usage:
//!
//! ```ignore
//! let rates = reliability(&page.relays); // one per relay with requests
//! ```

use super::history::{RelayHistory, Window};
use super::sample::ErrorClass;
use crate::money::date::CalendarDate;
use serde::{Deserialize, Serialize};

fn day(ms: i64) -> CalendarDate {
    CalendarDate::from_days_since_epoch(ms.div_euclid(86_400_000))
}

/// The error classes a fallback retries.
pub const RETRIED: [ErrorClass; 3] = [
    ErrorClass::Server,
    ErrorClass::Timeout,
    ErrorClass::RateLimit,
];

/// One relay's failures over the 7-day window, warm and cold together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reliability {
    pub relay: String,
    pub failed: u64,
    /// Requests sent, auth errors left out.
    pub requests: u64,
    pub from_ms: i64,
    pub to_ms: i64,
    /// The calculator's `fb=` value.
    pub fb: String,
}

impl Reliability {
    /// "2.10 % failed (21 of 1000 probe requests from 2026-11-26 to
    /// 2026-12-03: …)".
    pub fn words(&self) -> String {
        let pct = self.failed as f64 * 100.0 / self.requests.max(1) as f64;
        format!(
            "{pct:.2} % failed ({} of {} probe requests from {} to {}: 5xx, timeouts and 429; auth errors left out)",
            self.failed,
            self.requests,
            day(self.from_ms),
            day(self.to_ms)
        )
    }
}

/// Each relay's 7-day failure rate, from its histories (one per
/// connection kind); relays with no counted request are left out.
pub fn reliability(histories: &[RelayHistory]) -> Vec<Reliability> {
    let mut out: Vec<Reliability> = Vec::new();
    for h in histories {
        let Some(w) = h.windows.iter().find(|w| w.window == Window::Days7) else {
            continue;
        };
        let count = |c: ErrorClass| w.errors.get(c.label()).copied().unwrap_or(0);
        let failed: u64 = RETRIED.iter().map(|c| count(*c)).sum();
        let requests = w.requests.saturating_sub(count(ErrorClass::Auth));
        match out.iter_mut().find(|r| r.relay == h.relay) {
            Some(r) => {
                r.failed += failed;
                r.requests += requests;
                r.from_ms = r.from_ms.min(w.from_ms);
                r.to_ms = r.to_ms.max(w.to_ms);
            }
            None => out.push(Reliability {
                relay: h.relay.clone(),
                failed,
                requests,
                from_ms: w.from_ms,
                to_ms: w.to_ms,
                fb: String::new(),
            }),
        }
    }
    out.retain(|r| r.requests > 0);
    for r in &mut out {
        let day = |ms: i64| {
            crate::money::date::CalendarDate::from_days_since_epoch(ms.div_euclid(86_400_000))
        };
        r.fb = format!(
            "measured:{},{},{},{},{}",
            r.relay,
            r.failed,
            r.requests,
            day(r.from_ms),
            day(r.to_ms)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::history::WindowStats;
    use crate::probe::sample::Connection;
    use std::collections::BTreeMap;

    fn history(
        connection: Connection,
        requests: u64,
        errors: &[(ErrorClass, u64)],
    ) -> RelayHistory {
        RelayHistory {
            relay: "r".into(),
            upstream: "u".into(),
            connection,
            claimed_overhead_ms: None,
            measured_from: Vec::new(),
            last_run_ms: None,
            windows: vec![WindowStats {
                window: Window::Days7,
                from_ms: 1_795_000_000_000,
                to_ms: 1_795_604_800_000,
                runs: 1,
                skipped: 0,
                overhead: None,
                p90_ms: None,
                p99_ms: None,
                requests,
                good: 0,
                uptime: None,
                errors: errors
                    .iter()
                    .map(|(c, n)| (c.label().to_string(), *n))
                    .collect::<BTreeMap<_, _>>(),
                verdict: None,
            }],
            slices: Vec::new(),
            chart_window: Window::Days7,
        }
    }

    #[test]
    fn retried_failures_count_and_auth_errors_are_left_out() {
        let warm = history(
            Connection::Warm,
            600,
            &[(ErrorClass::Server, 10), (ErrorClass::Auth, 100)],
        );
        let cold = history(
            Connection::Cold,
            500,
            &[
                (ErrorClass::Timeout, 6),
                (ErrorClass::RateLimit, 5),
                (ErrorClass::ModelNotFound, 3),
            ],
        );
        let r = &reliability(&[warm, cold])[0];
        assert_eq!((r.failed, r.requests), (21, 1_000));
        assert_eq!(r.fb, "measured:r,21,1000,2026-11-18,2026-11-25");
        assert!(
            r.words()
                .starts_with("2.10 % failed (21 of 1000 probe requests"),
            "{}",
            r.words()
        );
    }
}
