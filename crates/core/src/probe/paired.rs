//! The relay's overhead from paired samples, and the verdict on a claim.
//!
//! ```
//! use llm_roi_core::probe::paired::{overhead, Verdict};
//! let pairs: Vec<(u64, u64)> = (0..20).map(|i| (100_000 + 40_000 + i * 100, 100_000)).collect();
//! let o = overhead(&pairs).unwrap();
//! assert!((o.median_ms - 40.95).abs() < 1e-9);
//! assert_eq!(o.verdict(Some(50)).kind, Verdict::Holds);
//! ```

use super::stats::{median, median_ci};
use serde::{Deserialize, Serialize};

/// The confidence level of every interval shown.
pub const LEVEL: f64 = 0.95;
/// Fewer good pairs than this give no number: below 6 no order-statistic
/// interval reaches 95 %.
pub const MIN_PAIRS: usize = 6;

/// Relay minus direct, over the pairs where both requests succeeded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overhead {
    pub pairs: usize,
    pub median_ms: f64,
    pub ci_low_ms: f64,
    pub ci_high_ms: f64,
    /// The interval's exact coverage (≥ 95 %).
    pub coverage: f64,
}

/// How a measurement compares with a vendor's claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The whole interval lies below the claim.
    Holds,
    /// The whole interval lies above the claim.
    Fails,
    /// The interval straddles the claim.
    Inconclusive,
    /// Nothing to compare with.
    NoClaim,
}

/// The verdict and its sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerdictText {
    pub kind: Verdict,
    pub text: String,
}

/// The overhead from `(relay_us, direct_us)` pairs; `None` below [`MIN_PAIRS`].
pub fn overhead(pairs: &[(u64, u64)]) -> Option<Overhead> {
    let diffs: Vec<i64> = pairs
        .iter()
        .map(|&(relay, direct)| relay as i64 - direct as i64)
        .collect();
    overhead_of_diffs(&diffs)
}

/// The overhead from per-pair differences (relay − direct, in µs), e.g.
/// the pairs of many stored runs pooled; `None` below [`MIN_PAIRS`].
pub fn overhead_of_diffs(diffs_us: &[i64]) -> Option<Overhead> {
    if diffs_us.len() < MIN_PAIRS {
        return None;
    }
    let mut diffs: Vec<f64> = diffs_us.iter().map(|&d| d as f64 / 1000.0).collect();
    diffs.sort_by(f64::total_cmp);
    let (lo, hi, coverage) = median_ci(&diffs, LEVEL)?;
    Some(Overhead {
        pairs: diffs.len(),
        median_ms: median(&diffs)?,
        ci_low_ms: lo,
        ci_high_ms: hi,
        coverage,
    })
}

fn ms(v: f64) -> String {
    format!("{v:.1}")
}

impl Overhead {
    /// "claimed < 50 ms; measured median 37 ms (95 % CI 33–41 ms) over 20 warm pairs".
    pub fn verdict(&self, claimed_ms: Option<u32>) -> VerdictText {
        self.verdict_for(claimed_ms, "")
    }

    /// As [`Self::verdict`], naming the connection kind ("warm", "cold").
    pub fn verdict_for(&self, claimed_ms: Option<u32>, kind: &str) -> VerdictText {
        let pairs = if kind.is_empty() {
            format!("{} pairs", self.pairs)
        } else {
            format!("{} {kind} pairs", self.pairs)
        };
        let measured = format!(
            "measured median {} ms (95 % CI {}–{} ms) over {pairs}",
            ms(self.median_ms),
            ms(self.ci_low_ms),
            ms(self.ci_high_ms)
        );
        let Some(claim) = claimed_ms else {
            return VerdictText {
                kind: Verdict::NoClaim,
                text: format!("no claim to check; {measured}"),
            };
        };
        let claim_f = f64::from(claim);
        let (kind, word) = if self.ci_high_ms < claim_f {
            (Verdict::Holds, "the claim holds")
        } else if self.ci_low_ms > claim_f {
            (Verdict::Fails, "the claim fails")
        } else {
            (Verdict::Inconclusive, "inconclusive")
        };
        VerdictText {
            kind,
            text: format!("claimed < {claim} ms; {measured}: {word}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs_with(diffs_ms: &[u64]) -> Vec<(u64, u64)> {
        diffs_ms
            .iter()
            .map(|d| (200_000 + d * 1000, 200_000))
            .collect()
    }

    #[test]
    fn overhead_on_fixed_data() {
        // Differences 31..=50 ms: median 40.5, CI [x(6), x(15)] = [36, 45].
        let diffs: Vec<u64> = (31..=50).rev().collect();
        let o = overhead(&pairs_with(&diffs)).unwrap();
        assert_eq!(o.pairs, 20);
        assert_eq!(o.median_ms, 40.5);
        assert_eq!((o.ci_low_ms, o.ci_high_ms), (36.0, 45.0));
        let v = o.verdict_for(Some(50), "warm");
        assert_eq!(v.kind, Verdict::Holds);
        assert_eq!(
            v.text,
            "claimed < 50 ms; measured median 40.5 ms (95 % CI 36.0–45.0 ms) over 20 warm pairs: the claim holds"
        );
        assert_eq!(o.verdict(Some(40)).kind, Verdict::Inconclusive);
        assert_eq!(o.verdict(Some(30)).kind, Verdict::Fails);
        assert_eq!(o.verdict(None).kind, Verdict::NoClaim);
    }

    #[test]
    fn negative_overhead_is_kept() {
        let pairs: Vec<(u64, u64)> = (0..7).map(|i| (100_000, 101_000 + i * 10)).collect();
        let o = overhead(&pairs).unwrap();
        assert!(o.median_ms < 0.0);
    }

    #[test]
    fn too_few_pairs_give_no_number() {
        assert!(overhead(&pairs_with(&[1, 2, 3, 4, 5])).is_none());
    }
}
