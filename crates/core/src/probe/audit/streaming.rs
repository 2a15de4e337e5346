//! Real or fake streaming: the same streamed answer asked of each side.
//! The official API sends its deltas over time; a relay that buffers sends
//! the whole answer in one burst, so the time from its first token to the
//! end of the stream (the spread) is near zero.

use super::median;
use serde::{Deserialize, Serialize};

/// The official API's spread must reach this for a verdict, in ms.
pub const MIN_DIRECT_SPREAD_MS: f64 = 50.0;

/// A relay whose spread is under this share of the official API's buffers.
pub const BUFFERED_UNDER: f64 = 0.1;

/// One streamed reply's times from the request, in µs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamTimes {
    /// The first `text_delta`.
    pub ttft_us: u64,
    /// The end of the stream.
    pub total_us: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StreamingVerdict {
    Streams,
    Buffered,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StreamingFinding {
    pub verdict: StreamingVerdict,
    /// Medians over the streamed replies, in ms.
    pub relay_ttft_ms: Option<f64>,
    pub direct_ttft_ms: Option<f64>,
    pub relay_spread_ms: Option<f64>,
    pub direct_spread_ms: Option<f64>,
    pub detail: String,
}

fn medians(times: &[StreamTimes]) -> (Option<f64>, Option<f64>) {
    let mut ttft: Vec<f64> = times.iter().map(|t| t.ttft_us as f64 / 1000.0).collect();
    let mut spread: Vec<f64> = times
        .iter()
        .map(|t| t.total_us.saturating_sub(t.ttft_us) as f64 / 1000.0)
        .collect();
    let round = |x: f64| (x * 10.0).round() / 10.0;
    (median(&mut ttft).map(round), median(&mut spread).map(round))
}

/// The finding from each side's streamed replies (those without a first
/// token left out).
pub fn streaming_finding(relay: &[StreamTimes], direct: &[StreamTimes]) -> StreamingFinding {
    let (relay_ttft_ms, relay_spread_ms) = medians(relay);
    let (direct_ttft_ms, direct_spread_ms) = medians(direct);
    let (verdict, detail) = match (relay_spread_ms, direct_spread_ms, relay_ttft_ms) {
        (Some(r), Some(d), Some(ttft)) if d >= MIN_DIRECT_SPREAD_MS => {
            if r < d * BUFFERED_UNDER {
                (
                    StreamingVerdict::Buffered,
                    format!(
                        "the relay's first token came at {ttft:.1} ms and the rest {r:.1} ms later, in one burst; the official API spread the same answer over {d:.1} ms"
                    ),
                )
            } else {
                (
                    StreamingVerdict::Streams,
                    format!(
                        "the relay spread the answer over {r:.1} ms, the official API over {d:.1} ms"
                    ),
                )
            }
        }
        (_, Some(d), _) if d < MIN_DIRECT_SPREAD_MS => (
            StreamingVerdict::Unknown,
            format!(
                "the official API sent the whole answer within {d:.1} ms: too short to tell a burst from a stream"
            ),
        ),
        _ => (
            StreamingVerdict::Unknown,
            "no streamed reply with a first token on a side".to_string(),
        ),
    };
    StreamingFinding {
        verdict,
        relay_ttft_ms,
        direct_ttft_ms,
        relay_spread_ms,
        direct_spread_ms,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(ttft_ms: u64, total_ms: u64) -> StreamTimes {
        StreamTimes {
            ttft_us: ttft_ms * 1000,
            total_us: total_ms * 1000,
        }
    }

    #[test]
    fn a_burst_is_buffered_and_a_spread_streams() {
        let direct = [t(100, 300), t(110, 320)];
        let f = streaming_finding(&[t(140, 345), t(150, 350)], &direct);
        assert_eq!(f.verdict, StreamingVerdict::Streams);
        assert_eq!(f.direct_spread_ms, Some(205.0));
        let f = streaming_finding(&[t(330, 331), t(340, 342)], &direct);
        assert_eq!(f.verdict, StreamingVerdict::Buffered);
        assert_eq!(f.relay_ttft_ms, Some(335.0));
        let f = streaming_finding(&[t(10, 11)], &[t(10, 20)]);
        assert_eq!(f.verdict, StreamingVerdict::Unknown);
        assert_eq!(
            streaming_finding(&[], &direct).verdict,
            StreamingVerdict::Unknown
        );
    }
}
