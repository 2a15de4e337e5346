//! Schedules from the probe-targets file, and the tasks that run them.
//!
//! ```toml
//! [[schedules]]
//! relay = "holysheep"   # a relay's provider id
//! every = "15m"         # s, m, h or d; at least 1s
//! pairs = 10            # latency runs: pairs per run (1 to max_pairs)
//! connection = "warm"   # or "cold"
//! check = "latency"     # or "honesty": the replies compared (costs tokens),
//!                       # or "audit": cache, token offset, streaming (costs tokens)
//! ```
//!
//! Each schedule is one task: it waits for its next tick, runs, and waits
//! for the run to end before the next tick, so runs of one schedule never
//! overlap and never queue (a tick missed while a run goes on is dropped).
//! A run the caps refuse (runs in flight, the hourly authenticated budget)
//! is stored as skipped, with the reason.

use llm_roi_core::probe::sample::Connection;
use serde::Deserialize;
use std::time::Duration;

/// What a schedule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Check {
    #[default]
    Latency,
    Honesty,
    Audit,
}

/// A schedule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    relay: String,
    every: String,
    pairs: Option<usize>,
    #[serde(default)]
    connection: Connection,
    #[serde(default)]
    check: Check,
}

/// A checked schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub relay: String,
    pub every: Duration,
    pub pairs: usize,
    pub connection: Connection,
    pub check: Check,
}

/// `30s`, `15m`, `1h` or `1d` as a duration; at least one second.
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let bad = || {
        format!("`every` must be a whole number and a unit (s, m, h or d), e.g. \"15m\"; got \"{text}\"")
    };
    let t = text.trim();
    let unit = t.chars().last().ok_or_else(bad)?;
    let n: u64 = t[..t.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let secs = match unit {
        's' => Some(n),
        'm' => n.checked_mul(60),
        'h' => n.checked_mul(3600),
        'd' => n.checked_mul(86_400),
        _ => None,
    }
    .ok_or_else(bad)?;
    if secs == 0 || secs > 366 * 86_400 {
        return Err(format!("`every` must be from 1s to 366d; got \"{text}\""));
    }
    Ok(Duration::from_secs(secs))
}

impl RawSchedule {
    /// The schedule, checked against the pair cap (`default_pairs` when it
    /// names none); `n` is its place in the file.
    pub fn check(
        self,
        n: usize,
        max_pairs: usize,
        default_pairs: usize,
    ) -> Result<Schedule, String> {
        let at = |m: String| format!("schedule {n} (relay `{}`): {m}", self.relay);
        let every = parse_every(&self.every).map_err(at)?;
        let pairs = self.pairs.unwrap_or(default_pairs);
        if pairs == 0 || pairs > max_pairs {
            return Err(at(format!(
                "`pairs` must be from 1 to {max_pairs} (max_pairs); got {pairs}"
            )));
        }
        Ok(Schedule {
            relay: self.relay,
            every,
            pairs,
            connection: self.connection,
            check: self.check,
        })
    }
}
