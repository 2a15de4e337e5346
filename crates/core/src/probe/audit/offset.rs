//! A fixed per-request token offset: prompts of several sizes sent both
//! ways, the reported input tokens regressed on the prompt size (ordinary
//! least squares) on each side. Equal slopes mean the same tokenizer; the
//! intercepts' difference is what the relay adds to every request, with a
//! 95 % interval from the two intercepts' standard errors.

use serde::{Deserialize, Serialize};

/// The fewest distinct prompt sizes a side needs.
pub const MIN_SIZES: usize = 3;

/// A slope ratio outside 1 ± this says another tokenizer or model.
pub const SLOPE_TOLERANCE: f64 = 0.05;

/// One reply: the prompt's size (words) and the input tokens reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SizePoint {
    pub prompt_words: u64,
    pub input_tokens: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffsetFinding {
    /// Relay intercept minus direct intercept, in tokens per request.
    pub tokens_per_request: Option<f64>,
    /// Its 95 % interval.
    pub interval_95: Option<(f64, f64)>,
    /// Relay slope over direct slope.
    pub slope_ratio: Option<f64>,
    /// Replies used, relay and direct.
    pub points: (usize, usize),
    pub detail: String,
}

impl OffsetFinding {
    /// True when the interval leaves 0 out: the relay adds (or removes)
    /// tokens on every request.
    pub fn significant(&self) -> bool {
        self.interval_95
            .is_some_and(|(lo, hi)| lo > 0.0 || hi < 0.0)
    }
}

struct Fit {
    slope: f64,
    intercept: f64,
    /// The intercept's variance.
    var_intercept: f64,
}

fn fit(points: &[SizePoint]) -> Option<Fit> {
    let n = points.len() as f64;
    let xs = || points.iter().map(|p| p.prompt_words as f64);
    let ys = || points.iter().map(|p| p.input_tokens as f64);
    let mut distinct: Vec<u64> = points.iter().map(|p| p.prompt_words).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_SIZES {
        return None;
    }
    let (mx, my) = (xs().sum::<f64>() / n, ys().sum::<f64>() / n);
    let sxx: f64 = xs().map(|x| (x - mx).powi(2)).sum();
    let sxy: f64 = xs().zip(ys()).map(|(x, y)| (x - mx) * (y - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let ssr: f64 = xs()
        .zip(ys())
        .map(|(x, y)| (y - intercept - slope * x).powi(2))
        .sum();
    let s2 = ssr / (n - 2.0);
    Some(Fit {
        slope,
        intercept,
        var_intercept: s2 * (1.0 / n + mx * mx / sxx),
    })
}

/// Student's t at 97.5 % for `df` degrees of freedom (1.96 past 30).
fn t_975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    df.checked_sub(1)
        .and_then(|i| T.get(i))
        .copied()
        .unwrap_or(1.96)
}

/// The finding from each side's replies.
pub fn offset_finding(relay: &[SizePoint], direct: &[SizePoint]) -> OffsetFinding {
    let points = (relay.len(), direct.len());
    let (Some(r), Some(d)) = (fit(relay), fit(direct)) else {
        return OffsetFinding {
            tokens_per_request: None,
            interval_95: None,
            slope_ratio: None,
            points,
            detail: format!(
                "fewer than {MIN_SIZES} prompt sizes answered on a side: no regression"
            ),
        };
    };
    let offset = r.intercept - d.intercept;
    let df = (relay.len() + direct.len()).saturating_sub(4);
    let half = t_975(df) * (r.var_intercept + d.var_intercept).sqrt();
    let ratio = r.slope / d.slope;
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let interval = (round(offset - half), round(offset + half));
    let tokenizer = if (ratio - 1.0).abs() > SLOPE_TOLERANCE {
        format!(
            "; the slopes differ (×{ratio:.3}): another tokenizer or model counts these prompts"
        )
    } else {
        String::new()
    };
    OffsetFinding {
        tokens_per_request: Some(round(offset)),
        interval_95: Some(interval),
        slope_ratio: Some((ratio * 1000.0).round() / 1000.0),
        points,
        detail: format!(
            "the relay reports {:+.1} input tokens a request (95 % interval {:+.1} to {:+.1}){tokenizer}",
            round(offset),
            interval.0,
            interval.1
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(sizes: &[u64], per_word: f64, plus: u64) -> Vec<SizePoint> {
        sizes
            .iter()
            .map(|s| SizePoint {
                prompt_words: *s,
                input_tokens: (*s as f64 * per_word) as u64 + plus,
            })
            .collect()
    }

    const SIZES: [u64; 5] = [50, 100, 200, 400, 800];

    #[test]
    fn a_fixed_addition_is_the_offset_and_an_honest_relay_contains_zero() {
        let direct = line(&SIZES, 1.0, 3);
        let f = offset_finding(&line(&SIZES, 1.0, 27), &direct);
        assert_eq!(f.tokens_per_request, Some(24.0));
        assert_eq!(f.interval_95, Some((24.0, 24.0)));
        assert_eq!(f.slope_ratio, Some(1.0));
        assert!(f.significant());
        let f = offset_finding(&direct, &direct);
        assert_eq!(f.tokens_per_request, Some(0.0));
        assert!(!f.significant());
    }

    #[test]
    fn noise_widens_the_interval_and_another_tokenizer_shows_in_the_slope() {
        let direct = line(&SIZES, 1.0, 3);
        // ±2 tokens of noise around +10.
        let mut relay = line(&SIZES, 1.0, 13);
        relay[0].input_tokens += 2;
        relay[3].input_tokens -= 2;
        let f = offset_finding(&relay, &direct);
        let (lo, hi) = f.interval_95.unwrap();
        assert!(lo < 10.0 && hi > 10.0 && lo > 0.0, "{lo} {hi}");
        let f = offset_finding(&line(&SIZES, 1.3, 3), &direct);
        assert_eq!(f.slope_ratio, Some(1.3));
        assert!(f.detail.contains("another tokenizer"), "{}", f.detail);
        let f = offset_finding(&line(&SIZES[..2], 1.0, 3), &direct);
        assert_eq!(f.tokens_per_request, None);
    }
}
