//! Prompt-cache fidelity: the same cacheable prefix sent `n` times to each
//! side. The official API writes it on the first request and reads it on
//! the others; a relay that breaks caching writes (or reports nothing) on
//! every request, and one that sets its own 1-hour breakpoints bills writes
//! at the 1-hour price when 5 minutes were asked.

use serde::{Deserialize, Serialize};

/// A relay whose hit rate is at least this share of the official API's
/// honours the cache.
pub const HONOURED_AT_LEAST: f64 = 0.9;

/// The official API must read at least this share of the repeated prefix
/// for the comparison to say anything.
pub const DIRECT_MUST_HIT: f64 = 50.0;

/// The cache figures of one reply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheReply {
    /// `cache_read_input_tokens` (OpenAI: `cached_tokens`).
    pub read_tokens: u64,
    /// `cache_creation_input_tokens`.
    pub write_tokens: u64,
    /// Of the writes, those billed as 1-hour entries
    /// (`cache_creation.ephemeral_1h_input_tokens`).
    pub write_1h_tokens: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CacheVerdict {
    /// The relay reads the cache as often as the official API.
    Honoured,
    /// The official API reads the prefix; the relay never does.
    Broken,
    /// The relay reads it, but less often.
    Partial,
    /// The official API did not read it either, or too few replies came.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CacheFinding {
    pub verdict: CacheVerdict,
    /// Cache reads over cache reads and writes on the repeated requests
    /// (all but the first), in %.
    pub relay_hit_pct: Option<f64>,
    pub direct_hit_pct: Option<f64>,
    /// Relay replies that billed a 1-hour write when 5 minutes were asked.
    pub relay_1h_writes: u32,
    pub detail: String,
}

/// Reads over reads and writes after the first reply, in %; `None` with
/// fewer than two replies or no cache figures at all on the repeats.
fn hit_pct(replies: &[CacheReply]) -> Option<f64> {
    let repeats = replies.get(1..).filter(|r| !r.is_empty())?;
    let read: u64 = repeats.iter().map(|r| r.read_tokens).sum();
    let written: u64 = repeats.iter().map(|r| r.write_tokens).sum();
    let all = read.saturating_add(written);
    (all > 0).then(|| read as f64 * 100.0 / all as f64)
}

/// The finding from each side's replies, in the order sent (failed
/// requests left out).
pub fn cache_finding(relay: &[CacheReply], direct: &[CacheReply]) -> CacheFinding {
    let relay_1h_writes = relay.iter().filter(|r| r.write_1h_tokens > 0).count();
    let relay_1h_writes = u32::try_from(relay_1h_writes).unwrap_or(u32::MAX);
    let direct_hit_pct = hit_pct(direct);
    // A relay that reports no cache figures at all reads nothing.
    let relay_hit_pct = hit_pct(relay).or_else(|| (relay.len() >= 2).then_some(0.0));
    let (verdict, detail) = match (relay_hit_pct, direct_hit_pct) {
        (Some(r), Some(d)) if d >= DIRECT_MUST_HIT => {
            if r >= d * HONOURED_AT_LEAST {
                (
                    CacheVerdict::Honoured,
                    format!(
                        "the relay read {r:.1} % of the repeated prefix, the official API {d:.1} %"
                    ),
                )
            } else if r == 0.0 {
                (
                    CacheVerdict::Broken,
                    format!(
                        "the relay never read the cache, while the official API read {d:.1} % of the repeated prefix: every cached token bills as a write or as input"
                    ),
                )
            } else {
                (
                    CacheVerdict::Partial,
                    format!(
                        "the relay read {r:.1} % of the repeated prefix, the official API {d:.1} %"
                    ),
                )
            }
        }
        (_, Some(d)) => (
            CacheVerdict::Unknown,
            format!(
                "the official API read only {d:.1} % of the repeated prefix: nothing to compare with"
            ),
        ),
        _ => (
            CacheVerdict::Unknown,
            "too few replies with cache figures to compare".to_string(),
        ),
    };
    CacheFinding {
        verdict,
        relay_hit_pct,
        direct_hit_pct,
        relay_1h_writes,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(read: u64, write: u64, w1h: u64) -> CacheReply {
        CacheReply {
            read_tokens: read,
            write_tokens: write,
            write_1h_tokens: w1h,
        }
    }

    #[test]
    fn each_verdict_from_its_replies() {
        let direct = [reply(0, 4000, 0), reply(4000, 0, 0), reply(4000, 0, 0)];
        let f = cache_finding(&direct, &direct);
        assert_eq!(f.verdict, CacheVerdict::Honoured);
        assert_eq!(
            (f.relay_hit_pct, f.direct_hit_pct),
            (Some(100.0), Some(100.0))
        );
        let never = [reply(0, 4000, 0); 3];
        assert_eq!(cache_finding(&never, &direct).verdict, CacheVerdict::Broken);
        // Reporting no cache figures at all is reading nothing.
        let silent = [CacheReply::default(); 3];
        assert_eq!(
            cache_finding(&silent, &direct).verdict,
            CacheVerdict::Broken
        );
        let half = [reply(0, 4000, 0), reply(4000, 0, 0), reply(0, 4000, 0)];
        let f = cache_finding(&half, &direct);
        assert_eq!(
            (f.verdict, f.relay_hit_pct),
            (CacheVerdict::Partial, Some(50.0))
        );
        assert_eq!(cache_finding(&never, &never).verdict, CacheVerdict::Unknown);
        assert_eq!(
            cache_finding(&direct[..1], &direct[..1]).verdict,
            CacheVerdict::Unknown
        );
    }

    #[test]
    fn one_hour_writes_the_relay_bills_are_counted() {
        let direct = [reply(0, 4000, 0), reply(4000, 0, 0)];
        let relay = [reply(0, 4000, 4000), reply(4000, 0, 0)];
        let f = cache_finding(&relay, &direct);
        assert_eq!((f.verdict, f.relay_1h_writes), (CacheVerdict::Honoured, 1));
    }
}
