//! What one timed request records, and how failures are classified.

use serde::{Deserialize, Serialize};

/// Which side of a pair a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arm {
    /// The relay.
    Relay,
    /// The relay's upstream, direct.
    Direct,
}

/// A new connection for every request, or one kept alive and reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Connection {
    Cold,
    #[default]
    Warm,
}

impl Connection {
    /// `warm` or `cold`, as in the probe-targets file and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cold => "cold",
            Self::Warm => "warm",
        }
    }

    /// The connection kind from its code.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "cold" => Some(Self::Cold),
            "warm" => Some(Self::Warm),
            _ => None,
        }
    }
}

/// How the TLS session was set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsKind {
    /// A full handshake.
    Full,
    /// A resumed session (ticket or ID).
    Resumed,
}

/// Why a request did not give a usable timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// 3xx: redirects are never followed.
    Redirect,
    /// 401 or 403.
    Auth,
    /// 429.
    RateLimit,
    /// 404, e.g. an unknown model.
    ModelNotFound,
    /// Any other 4xx.
    OtherClient,
    /// 5xx.
    Server,
    Timeout,
    Dns,
    ConnectRefused,
    Tls,
    /// Anything else on the wire (reset, malformed response).
    Network,
}

impl ErrorClass {
    /// The class of an HTTP status, `None` for success.
    pub fn of_status(status: u16) -> Option<Self> {
        match status {
            100..=299 => None,
            300..=399 => Some(Self::Redirect),
            401 | 403 => Some(Self::Auth),
            429 => Some(Self::RateLimit),
            404 => Some(Self::ModelNotFound),
            400..=499 => Some(Self::OtherClient),
            _ => Some(Self::Server),
        }
    }

    /// Words for a person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Redirect => "redirect (not followed)",
            Self::Auth => "auth (401/403)",
            Self::RateLimit => "rate limit (429)",
            Self::ModelNotFound => "model not found (404)",
            Self::OtherClient => "other 4xx",
            Self::Server => "5xx",
            Self::Timeout => "timeout",
            Self::Dns => "DNS failure",
            Self::ConnectRefused => "connection refused",
            Self::Tls => "TLS failure",
            Self::Network => "network error",
        }
    }
}

/// The phases of one request, in microseconds from its start.
///
/// Phases that did not happen are `None`: no DNS for an IP address or a
/// reused connection, no TLS over plain HTTP, no TTFT without streaming.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Phases {
    pub dns_us: Option<u64>,
    pub connect_us: Option<u64>,
    pub tls_us: Option<u64>,
    pub tls_kind: Option<TlsKind>,
    /// Until the request's last byte was written.
    pub request_written_us: Option<u64>,
    /// Until the response headers arrived.
    pub ttfb_us: Option<u64>,
    /// Until the first server-sent event.
    pub first_event_us: Option<u64>,
    /// Until the first `text_delta` (time to first token).
    pub ttft_us: Option<u64>,
    /// Until the whole response was read.
    pub total_us: Option<u64>,
}

/// One timed request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The pair it belongs to, from 0.
    pub pair: usize,
    pub arm: Arm,
    /// True when it went over a kept-alive connection that was checked to be
    /// the same one as before.
    pub reused: bool,
    pub status: Option<u16>,
    pub phases: Phases,
    /// The failure, if any; an expected status (401 when probing without a
    /// key) is not a failure.
    pub error: Option<ErrorClass>,
    /// Seconds the server asked to wait (429 `retry-after`).
    pub retry_after_s: Option<u64>,
}

impl Sample {
    /// True when the sample gives a usable round trip.
    pub fn is_good(&self) -> bool {
        self.error.is_none() && self.phases.total_us.is_some()
    }
}

/// The arm of the `i`-th request (0-based) in ABBA order: relay, direct,
/// direct, relay, relay, direct, …; each pair is (2k, 2k + 1).
pub fn abba_arm(i: usize) -> Arm {
    if matches!(i % 4, 0 | 3) {
        Arm::Relay
    } else {
        Arm::Direct
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_classified() {
        assert_eq!(ErrorClass::of_status(200), None);
        assert_eq!(ErrorClass::of_status(302), Some(ErrorClass::Redirect));
        assert_eq!(ErrorClass::of_status(401), Some(ErrorClass::Auth));
        assert_eq!(ErrorClass::of_status(403), Some(ErrorClass::Auth));
        assert_eq!(ErrorClass::of_status(404), Some(ErrorClass::ModelNotFound));
        assert_eq!(ErrorClass::of_status(429), Some(ErrorClass::RateLimit));
        assert_eq!(ErrorClass::of_status(400), Some(ErrorClass::OtherClient));
        assert_eq!(ErrorClass::of_status(503), Some(ErrorClass::Server));
    }

    #[test]
    fn abba_alternates_the_lead() {
        let order: Vec<Arm> = (0..8).map(abba_arm).collect();
        use Arm::{Direct as D, Relay as R};
        assert_eq!(order, [R, D, D, R, R, D, D, R]);
    }
}
