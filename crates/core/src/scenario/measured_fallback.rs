//! A fallback rate measured on a relay (`fb=measured:…`): the share of
//! its probe requests over a window that failed the way a fallback would
//! retry (5xx, timeouts and 429; auth errors are the caller's and left
//! out). The link carries the count and the window, so that a report
//! names what the rate rests on and reads the same whenever it is opened.
//! `/probe` links each relay's last 7 days.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::measured_fallback::MeasuredFallback;
//! let m = MeasuredFallback::parse("fb", "measured:holysheep,21,1000,2026-11-26,2026-12-03").unwrap();
//! assert_eq!(m.pct().to_string(), "2.1");
//! assert_eq!(m.text(), "measured:holysheep,21,1000,2026-11-26,2026-12-03");
//! ```

use crate::money::date::CalendarDate;
use crate::scenario::FieldError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The prefix of a measured value of `fb`.
pub const PREFIX: &str = "measured";

/// The count behind a measured fallback rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasuredFallback {
    pub relay: String,
    pub failed: u64,
    pub requests: u64,
    pub from: CalendarDate,
    pub to: CalendarDate,
}

impl MeasuredFallback {
    /// `failed / requests` in %, to 4 decimals.
    pub fn pct(&self) -> Decimal {
        (Decimal::from(self.failed) * Decimal::ONE_HUNDRED / Decimal::from(self.requests.max(1)))
            .round_dp(4)
            .normalize()
    }

    /// `measured:<relay>,<failed>,<requests>,<from>,<to>`.
    pub fn text(&self) -> String {
        format!(
            "{PREFIX}:{},{},{},{},{}",
            self.relay, self.failed, self.requests, self.from, self.to
        )
    }

    /// "holysheep's probe requests from 2026-11-26 to 2026-12-03: 21 of
    /// 1,000 failed (5xx, timeouts and 429)".
    pub fn words(&self) -> String {
        format!(
            "{}'s probe requests from {} to {}: {} of {} failed (5xx, timeouts and 429; auth errors left out)",
            self.relay, self.from, self.to, self.failed, self.requests
        )
    }

    /// Reads `measured:<relay>,<failed>,<requests>,<from>,<to>`; the error
    /// names `key`.
    pub fn parse(key: &str, value: &str) -> Result<Self, FieldError> {
        let bad = |why: &str| FieldError {
            field: key.into(),
            value: value.chars().take(200).collect(),
            message: format!(
                "{why}: a measured fallback rate is `measured:<relay>,<failed>,<requests>,<from>,<to>` as /probe links it (failed ≤ requests, requests above 0, days YYYY-MM-DD)"
            ),
        };
        let rest = value
            .trim()
            .strip_prefix(PREFIX)
            .and_then(|r| r.strip_prefix(':'))
            .ok_or_else(|| bad("no measurement given"))?;
        let f: Vec<&str> = rest.split(',').map(str::trim).collect();
        let [relay, failed, requests, from, to] = f[..] else {
            return Err(bad("not 5 fields"));
        };
        let count = |t: &str| t.parse::<u64>().map_err(|_| bad("not a count"));
        let (failed, requests) = (count(failed)?, count(requests)?);
        if relay.is_empty() || requests == 0 || failed > requests {
            return Err(bad("no relay, no requests, or more failed than sent"));
        }
        let day = |t: &str| {
            t.parse::<CalendarDate>()
                .map_err(|_| bad("not a YYYY-MM-DD day"))
        };
        let (from, to) = (day(from)?, day(to)?);
        if from > to {
            return Err(bad("the first day is after the last"));
        }
        Ok(Self {
            relay: relay.to_string(),
            failed,
            requests,
            from,
            to,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_measurements_say_what_is_allowed() {
        for bad in [
            "measured",
            "measured:holysheep,21,1000,2026-11-26",
            "measured:holysheep,21,0,2026-11-26,2026-12-03",
            "measured:holysheep,2000,1000,2026-11-26,2026-12-03",
            "measured:holysheep,21,1000,2026-12-03,2026-11-26",
        ] {
            let e = MeasuredFallback::parse("fb", bad).unwrap_err();
            assert!(
                e.message.contains("as /probe links it"),
                "{bad}: {}",
                e.message
            );
        }
        let m = MeasuredFallback::parse("fb", "measured:r,1,3,2026-11-26,2026-12-03").unwrap();
        assert_eq!(m.pct().to_string(), "33.3333");
    }
}
