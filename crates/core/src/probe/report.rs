//! A run's result: per-arm phase summaries, error counts, the paired
//! overhead and the verdict. Computed from the samples alone.

use super::paired::{MIN_PAIRS, Overhead, VerdictText, overhead};
use super::sample::{Arm, Connection, Sample};
use super::stats::Summary;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Reads one phase of a sample.
pub type PhasePick = fn(&Sample) -> Option<u64>;

/// Every phase, in order: the key used in [`ArmReport::phases`], a label
/// for people, and how to read it from a sample.
pub const PHASES: [(&str, &str, PhasePick); 8] = [
    ("dns", "DNS", |s| s.phases.dns_us),
    ("connect", "TCP connect", |s| s.phases.connect_us),
    ("tls", "TLS handshake", |s| s.phases.tls_us),
    ("request_written", "request written", |s| {
        s.phases.request_written_us
    }),
    ("ttfb", "first byte (headers)", |s| s.phases.ttfb_us),
    ("first_event", "first SSE event", |s| {
        s.phases.first_event_us
    }),
    ("ttft", "first token", |s| s.phases.ttft_us),
    ("total", "total", |s| s.phases.total_us),
];

/// One arm's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ArmReport {
    pub requests: usize,
    pub good: usize,
    /// Error label → count.
    pub errors: BTreeMap<String, usize>,
    /// The largest `retry-after` seen, in seconds.
    pub retry_after_s: Option<u64>,
    /// Phase → summary over good samples, in µs.
    pub phases: BTreeMap<String, Summary>,
}

/// Everything a finished (or partial) run shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub relay: ArmReport,
    pub direct: ArmReport,
    pub good_pairs: usize,
    pub overhead: Option<Overhead>,
    pub verdict: Option<VerdictText>,
    /// Why there is no number, when there is none.
    pub note: Option<String>,
}

fn arm_report(samples: &[Sample], arm: Arm) -> ArmReport {
    let mine: Vec<&Sample> = samples.iter().filter(|s| s.arm == arm).collect();
    let mut r = ArmReport {
        requests: mine.len(),
        good: mine.iter().filter(|s| s.is_good()).count(),
        ..ArmReport::default()
    };
    for s in &mine {
        if let Some(e) = s.error {
            *r.errors.entry(e.label().to_string()).or_default() += 1;
        }
        if let Some(ra) = s.retry_after_s {
            r.retry_after_s = Some(r.retry_after_s.map_or(ra, |x| x.max(ra)));
        }
    }
    let good: Vec<&&Sample> = mine.iter().filter(|s| s.is_good()).collect();
    for (name, _, pick) in PHASES {
        let values: Vec<u64> = good.iter().filter_map(|s| pick(s)).collect();
        if let Some(summary) = Summary::of(&values) {
            r.phases.insert(name.to_string(), summary);
        }
    }
    r
}

/// The `(relay_us, direct_us)` totals of the pairs where both requests
/// succeeded (on a reused connection, for a warm run), in pair order.
pub fn complete_pairs(samples: &[Sample], connection: Connection) -> Vec<(u64, u64)> {
    let mut pairs: BTreeMap<usize, (Option<u64>, Option<u64>)> = BTreeMap::new();
    for s in samples.iter().filter(|s| s.is_good()) {
        if connection == Connection::Warm && !s.reused {
            continue;
        }
        let entry = pairs.entry(s.pair).or_default();
        match s.arm {
            Arm::Relay => entry.0 = s.phases.total_us,
            Arm::Direct => entry.1 = s.phases.total_us,
        }
    }
    pairs
        .values()
        .filter_map(|(r, d)| Some(((*r)?, (*d)?)))
        .collect()
}

/// The report of `samples`; `claimed_ms` is the relay's own claim.
pub fn report(samples: &[Sample], connection: Connection, claimed_ms: Option<u32>) -> RunReport {
    let complete = complete_pairs(samples, connection);
    let overhead = overhead(&complete);
    let verdict = overhead
        .as_ref()
        .map(|o| o.verdict_for(claimed_ms, connection.code()));
    let note = overhead.is_none().then(|| {
        format!(
            "too few good pairs to give a number: {} of at least {MIN_PAIRS} (both requests of a pair must succeed{})",
            complete.len(),
            if connection == Connection::Warm { " on a reused connection" } else { "" }
        )
    });
    RunReport {
        relay: arm_report(samples, Arm::Relay),
        direct: arm_report(samples, Arm::Direct),
        good_pairs: complete.len(),
        overhead,
        verdict,
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::sample::{ErrorClass, Phases};

    fn sample(pair: usize, arm: Arm, total_us: u64, error: Option<ErrorClass>) -> Sample {
        Sample {
            pair,
            arm,
            reused: true,
            status: Some(if error.is_some() { 429 } else { 200 }),
            phases: Phases {
                ttfb_us: Some(total_us / 2),
                total_us: Some(total_us),
                ..Phases::default()
            },
            error,
            retry_after_s: error.map(|_| 3),
        }
    }

    #[test]
    fn pairs_errors_and_verdict() {
        let mut samples = Vec::new();
        for p in 0..8 {
            samples.push(sample(p, Arm::Relay, 150_000 + p as u64 * 1000, None));
            samples.push(sample(p, Arm::Direct, 100_000, None));
        }
        samples.push(sample(8, Arm::Relay, 1, Some(ErrorClass::RateLimit)));
        samples.push(sample(8, Arm::Direct, 100_000, None));
        let r = report(&samples, Connection::Warm, Some(50));
        assert_eq!(r.good_pairs, 8);
        assert_eq!(r.relay.errors.get("rate limit (429)"), Some(&1));
        assert_eq!(r.relay.retry_after_s, Some(3));
        assert_eq!(r.direct.good, 9);
        let o = r.overhead.unwrap();
        assert_eq!(o.median_ms, 53.5);
        // n = 8: [x(1), x(8)] = [50, 57] straddles 50 → inconclusive.
        assert_eq!((o.ci_low_ms, o.ci_high_ms), (50.0, 57.0));
        assert!(r.verdict.unwrap().text.contains("inconclusive"));
        assert_eq!(r.relay.phases["total"].p50_us, 153_000);
    }

    #[test]
    fn too_few_pairs_say_so() {
        let samples = vec![
            sample(0, Arm::Relay, 10, None),
            sample(0, Arm::Direct, 5, None),
        ];
        let r = report(&samples, Connection::Cold, Some(50));
        assert!(r.overhead.is_none() && r.verdict.is_none());
        assert!(
            r.note
                .unwrap()
                .starts_with("too few good pairs to give a number: 1 of at least 6")
        );
    }
}
