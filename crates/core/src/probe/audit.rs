//! A relay audited against the official API with the same requests, in
//! three findings:
//!
//! - [`cache`]: does the relay pass prompt caching through? The same
//!   cacheable prefix is sent several times each way, and the cache reads
//!   and writes each side reports are compared.
//! - [`offset`]: does the relay count (and bill) more input tokens? Prompts
//!   of several sizes go both ways; the reported input tokens are regressed
//!   on the prompt size, and the intercepts' difference is a fixed
//!   per-request offset, with its 95 % interval.
//! - [`streaming`]: does the relay stream, or buffer the answer and send it
//!   in one burst? Time to first token and the spread of the rest of the
//!   stream are compared.
//!
//! Plain measurements here; `cost::audited` turns them into money.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::probe::audit::cache::{cache_finding, CacheReply, CacheVerdict};
//! let hit = |read| CacheReply { read_tokens: read, write_tokens: 4000 - read, write_1h_tokens: 0 };
//! let direct = [hit(0), hit(4000), hit(4000)];
//! let relay = [hit(0), hit(0), hit(0)];
//! assert_eq!(cache_finding(&relay, &direct).verdict, CacheVerdict::Broken);
//! ```

pub mod cache;
pub mod offset;
pub mod streaming;

use serde::{Deserialize, Serialize};

/// An audit's three findings and what it sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditReport {
    pub relay: String,
    pub upstream: String,
    /// The official model both sides were asked for.
    pub model: String,
    pub cache: cache::CacheFinding,
    pub billing_offset: offset::OffsetFinding,
    pub streaming: streaming::StreamingFinding,
    /// Requests sent, both sides together.
    pub requests: u32,
    /// Requests that failed (not counted in the findings).
    pub failed: u32,
    /// The most the audit could cost, in USD, as shown before it ran.
    pub max_cost_usd: String,
    /// The audit's cost at the pricebook's prices for the tokens the two
    /// sides reported, in USD.
    pub spent_usd: String,
    /// The host the requests were sent from.
    pub measured_from: String,
    pub finished_at_ms: i64,
    /// What the findings change in the relay's price, in words ("audited
    /// on 2026-12-03 from …: 100% of cache reads billed as writes").
    pub audited: String,
    /// The same as the calculator's `aud=` value.
    pub aud: String,
}

/// What an audit sends and costs at most, shown before it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPlan {
    pub relay: String,
    pub upstream: String,
    pub relay_model: String,
    pub direct_model: String,
    pub requests: u32,
    pub max_cost_usd: String,
    pub basis: String,
    /// Both API keys are set.
    pub ready: bool,
    pub key_vars: Vec<String>,
}

/// The median of `values` (the mean of the middle two for an even count);
/// `None` when empty.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(n / 2).copied(),
        _ => Some((values.get(n / 2 - 1)? + values.get(n / 2)?) / 2.0),
    }
}
