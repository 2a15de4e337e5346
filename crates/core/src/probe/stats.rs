//! Exact order statistics over microsecond timings (sorting, no sketches).
//!
//! ```
//! use llm_roi_core::probe::stats::Summary;
//! let s = Summary::of(&[30, 10, 20]).unwrap();
//! assert_eq!((s.min_us, s.p50_us, s.max_us), (10, 20, 30));
//! ```

use serde::{Deserialize, Serialize};

/// Count, extremes, mean and nearest-rank percentiles of a set of timings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub n: usize,
    pub min_us: u64,
    pub max_us: u64,
    pub mean_us: f64,
    pub p50_us: u64,
    pub p90_us: u64,
    pub p99_us: u64,
}

/// The nearest-rank `p`-th percentile (0 < p ≤ 100) of sorted values.
pub fn percentile<T: Copy>(sorted: &[T], p: u32) -> Option<T> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    // rank = ceil(p / 100 × n), at least 1.
    let rank = (p as usize * n).div_ceil(100).max(1);
    sorted.get(rank.min(n) - 1).copied()
}

impl Summary {
    /// The summary of `values`; `None` when there are none.
    pub fn of(values: &[u64]) -> Option<Self> {
        let mut v = values.to_vec();
        v.sort_unstable();
        let n = v.len();
        let sum: u128 = v.iter().map(|&x| u128::from(x)).sum();
        Some(Self {
            n,
            min_us: *v.first()?,
            max_us: *v.last()?,
            mean_us: sum as f64 / n as f64,
            p50_us: percentile(&v, 50)?,
            p90_us: percentile(&v, 90)?,
            p99_us: percentile(&v, 99)?,
        })
    }
}

/// The median of sorted values (the mean of the middle two for an even count).
pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// P(X ≤ k) for X ~ Binomial(n, 1/2), exactly enough for n ≤ 1000.
#[cfg(test)]
fn binomial_half_cdf(n: usize, k: usize) -> f64 {
    // Sum C(n, i) / 2^n in log space to stay finite for large n.
    let ln2n = n as f64 * std::f64::consts::LN_2;
    let mut ln_c = 0.0_f64; // ln C(n, 0)
    let mut total = 0.0;
    for i in 0..=k.min(n) {
        if i > 0 {
            ln_c += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        total += (ln_c - ln2n).exp();
    }
    total.min(1.0)
}

/// A distribution-free confidence interval for the median of sorted values,
/// from order statistics: `[x_(k), x_(n-k+1)]` with the largest `k` such that
/// P(Binomial(n, ½) ≤ k − 1) ≤ (1 − level) / 2. Returns the interval and its
/// exact coverage; `None` when `n` is too small for `level`.
///
/// The binomial tail is summed once, term by term in log space, so a week
/// of pooled pairs (n in the tens of thousands) takes O(n), not O(n²).
pub fn median_ci(sorted: &[f64], level: f64) -> Option<(f64, f64, f64)> {
    let n = sorted.len();
    let alpha_half = (1.0 - level) / 2.0;
    let ln2n = n as f64 * std::f64::consts::LN_2;
    let mut ln_c = 0.0_f64; // ln C(n, k)
    let mut cdf = (-ln2n).exp(); // P(B ≤ k)
    let mut below = 0.0; // P(B ≤ k − 1)
    let mut k = 0;
    while k < n / 2 && cdf <= alpha_half {
        k += 1;
        below = cdf;
        ln_c += ((n - k + 1) as f64).ln() - (k as f64).ln();
        cdf += (ln_c - ln2n).exp();
    }
    // Now k is the 1-based rank of the lower bound.
    if k == 0 {
        return None;
    }
    Some((sorted[k - 1], sorted[n - k], 1.0 - 2.0 * below.min(1.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 50), Some(50));
        assert_eq!(percentile(&v, 90), Some(90));
        assert_eq!(percentile(&v, 99), Some(99));
        let s = Summary::of(&[5, 1, 4, 2, 3]).unwrap();
        assert_eq!((s.p50_us, s.p90_us, s.p99_us), (3, 5, 5));
        assert_eq!(s.mean_us, 3.0);
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[1.0, 2.0, 9.0]), Some(2.0));
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn ci_of_the_median_from_order_statistics() {
        // n = 20 at 95 %: P(B(20, ½) ≤ 5) = 0.0207 ≤ 0.025 < P(B ≤ 6) = 0.0577,
        // so the interval is [x(6), x(15)] with coverage 1 − 2 × 0.0207 = 0.9586.
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        let (lo, hi, coverage) = median_ci(&v, 0.95).unwrap();
        assert_eq!((lo, hi), (6.0, 15.0));
        assert!((coverage - 0.958_611).abs() < 1e-6, "{coverage}");
        // n = 6: only [x(1), x(6)] reaches 95 % (coverage 1 − 2/64).
        let v: Vec<f64> = (1..=6).map(f64::from).collect();
        let (lo, hi, coverage) = median_ci(&v, 0.95).unwrap();
        assert_eq!((lo, hi), (1.0, 6.0));
        assert!((coverage - 0.968_75).abs() < 1e-9);
        // n = 5 cannot reach 95 %: 1 − 2/32 = 0.9375.
        assert!(median_ci(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.95).is_none());
    }

    #[test]
    fn the_running_tail_matches_the_direct_sum() {
        for n in [6, 7, 20, 30, 101, 500, 1000, 6720] {
            let v: Vec<f64> = (0..n).map(|i| i as f64).collect();
            let (lo, _, coverage) = median_ci(&v, 0.95).unwrap();
            let k = lo as usize + 1;
            if n <= 1000 {
                // The largest k with P(B ≤ k − 1) ≤ 2.5 %, and its coverage.
                assert!(binomial_half_cdf(n, k - 1) <= 0.025, "{n}");
                assert!(binomial_half_cdf(n, k) > 0.025, "{n}");
                assert!((coverage - (1.0 - 2.0 * binomial_half_cdf(n, k - 1))).abs() < 1e-9);
            }
            // The normal approximation: k ≈ n/2 − 0.98 √n.
            let approx = n as f64 / 2.0 - 0.98 * (n as f64).sqrt();
            assert!((k as f64 - approx).abs() <= 2.0, "{n}: k = {k}, ≈ {approx}");
            assert!(coverage >= 0.95, "{n}: {coverage}");
        }
    }

    #[test]
    fn binomial_cdf_matches_exact_values() {
        // C(20, 0..=5) sum = 1 + 20 + 190 + 1140 + 4845 + 15504 = 21700; / 2^20.
        assert!((binomial_half_cdf(20, 5) - 21_700.0 / 1_048_576.0).abs() < 1e-12);
        assert!((binomial_half_cdf(4, 4) - 1.0).abs() < 1e-12);
    }
}
