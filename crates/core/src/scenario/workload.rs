//! A workload: a usage log reduced to at most [`MAX_CLASSES`] request
//! classes, cut so that every class prices exactly like the requests in it.
//!
//! A long-context tier bills a whole request at the tier its input reaches,
//! so cost is linear in tokens only between two thresholds. Each class
//! therefore holds one source model's requests between two consecutive
//! thresholds of *every* option that serves that model (its vendor's list
//! price and each relay's), and either all batch or all interactive. It keeps
//! token totals, not means, so the class costs exactly what its requests do
//! ([`crate::cost::mix`]).
//!
//! Usage:
//!
//! ```ignore
//! let workload = build(&pricebook, &rows)?;
//! for class in &workload.classes { /* class.source, class.requests, class.tokens */ }
//! ```

use crate::pricebook::variants::Offpeak;
use crate::pricebook::{ModelPrices, ModelRef, Pricebook, ProviderKind, ServiceTier};

fn is_standard(t: &ServiceTier) -> bool {
    *t == ServiceTier::Standard
}
use serde::{Deserialize, Serialize};

/// The most classes a workload may have (they must fit in a link).
pub const MAX_CLASSES: usize = 16;

/// Token totals of a class's requests. `input` counts all input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClassTokens {
    pub input: u64,
    pub cache_read: u64,
    pub cache_write_5m: u64,
    pub cache_write_1h: u64,
    pub output: u64,
    /// The part of `output` spent reasoning (billed as output, counted
    /// once), when the log says.
    #[serde(default)]
    pub reasoning: u64,
    /// Web searches run by the vendor's search tool, billed per 1,000.
    #[serde(default)]
    pub web_searches: u64,
}

/// Requests of one source model that all bill at the same tier everywhere
/// (the band between two thresholds they lie in is [`band`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestClass {
    /// The official model the requests were made to.
    pub source: ModelRef,
    pub batch: bool,
    /// Sent (not batch) within the off-peak hours of every route that has
    /// them for the model, so priced off-peak there.
    #[serde(default)]
    pub offpeak: bool,
    /// The service tier the (non-batch) requests were sent at.
    #[serde(default, skip_serializing_if = "is_standard")]
    pub service_tier: ServiceTier,
    /// The relay the requests were sent through (a provider id), when the
    /// log was kept by one: "as logged" then prices them on that route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    pub requests: u64,
    pub tokens: ClassTokens,
    /// The largest one-request input in the class: it picks the class's tier.
    pub max_request_input: u64,
}

/// A log as classes, in a stable order (model, batch, band).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Workload {
    pub classes: Vec<RequestClass>,
}

impl Workload {
    /// The classes' source models, once each, in the order they first appear.
    pub fn models(&self) -> Vec<&ModelRef> {
        let mut out: Vec<&ModelRef> = Vec::new();
        for c in &self.classes {
            if !out.contains(&&c.source) {
                out.push(&c.source);
            }
        }
        out
    }

    /// The relays some classes went through (provider ids), once each.
    pub fn relays(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for via in self.classes.iter().filter_map(|c| c.via.as_deref()) {
            if !out.contains(&via) {
                out.push(via);
            }
        }
        out
    }

    /// All the classes' requests (saturating: a workload's parts are
    /// checked when it is built or read from a link).
    pub fn requests(&self) -> u64 {
        self.classes
            .iter()
            .fold(0u64, |n, c| n.saturating_add(c.requests))
    }
}

/// Why a log cannot become a workload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkloadError {
    #[error(
        "no model of the log is in the pricebook: `{model}` ({rows} rows) is not an official model id or alias{}; rename the models to ids or aliases listed on /api/v1/pricebook",
        others_text(*.other_rows)
    )]
    UnknownModel {
        model: String,
        rows: u64,
        /// Rows of the log's other unknown models.
        other_rows: u64,
    },
    #[error(
        "the log needs {count} classes (model × tier band × batch) and a workload holds at most {max}: split the log by model"
    )]
    TooManyClasses { count: usize, max: usize },
    #[error("the log's {field} add up to more than 2^64 tokens")]
    TooLarge { field: &'static str },
    #[error("the log has no requests")]
    Empty,
    #[error(
        "service_tier `{tier}`: {model} has no published {tier} price in the pricebook (Anthropic's Priority Tier is billed by capacity commitment); import these rows apart"
    )]
    NoTierPrice { model: String, tier: &'static str },
    #[error(
        "map: `{from}` → `{to}`: `{to}` is not an official model id or alias of the pricebook (see /api/v1/pricebook)"
    )]
    MapTarget { from: String, to: String },
}

fn others_text(rows: u64) -> String {
    match rows {
        0 => String::new(),
        1 => ", nor is the model of 1 other row".into(),
        n => format!(", nor are the models of {n} other rows"),
    }
}

/// Every long-context threshold of every option that serves `source`:
/// standard, batch, service-tier and off-peak tables, ascending, once each.
pub fn thresholds(book: &Pricebook, source: &ModelRef) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    let mut add = |p: &ModelPrices| {
        let tables = std::iter::once(p.tiers.as_slice())
            .chain(p.batch.iter().map(|t| t.tiers.as_slice()))
            .chain(p.service_tiers.iter().map(|(_, t)| t.tiers.as_slice()))
            .chain(p.offpeak.iter().map(|o| o.prices.tiers.as_slice()));
        out.extend(tables.flatten().map(|t| t.above_input_tokens));
    };
    for provider in &book.providers {
        for model in &provider.models {
            if book.identity(provider, model) != *source {
                continue;
            }
            if let Some(p) = &model.prices {
                add(p);
            }
            if let Some((_, up)) = model.upstream.as_ref().and_then(|u| book.resolve(u))
                && let Some(p) = &up.prices
            {
                add(p);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The off-peak hours of every route serving `source` that has them
/// ([`Offpeak::windows`]), once each.
pub fn offpeak_windows(book: &Pricebook, source: &ModelRef) -> Vec<Hours> {
    let mut out = Vec::new();
    for provider in &book.providers {
        for model in provider
            .models
            .iter()
            .filter(|m| book.identity(provider, m) == *source)
        {
            let own = model.prices.as_ref().and_then(|p| p.offpeak.as_ref());
            if let Some(w) = own.and_then(Offpeak::windows)
                && !out.contains(&w)
            {
                out.push(w);
            }
        }
    }
    out
}

/// The band of one request's input a class lies in, by the thresholds of
/// `book`: above the first value (0: no lower threshold), at or below the
/// second (`None`: no upper threshold).
pub fn band(book: &Pricebook, class: &RequestClass) -> (u64, Option<u64>) {
    let cuts = thresholds(book, &class.source);
    let i = cuts
        .iter()
        .filter(|t| class.max_request_input > **t)
        .count();
    let above = i.checked_sub(1).and_then(|i| cuts.get(i)).copied();
    (above.unwrap_or(0), cuts.get(i).copied())
}

/// The band in words, e.g. "input ≤ 200,000 tokens" or "any input".
pub fn band_text(band: (u64, Option<u64>)) -> String {
    match band {
        (0, Some(t)) => format!("input ≤ {t}"),
        (a, Some(t)) => format!("{a} < input ≤ {t}"),
        (0, None) => "any input".into(),
        (a, None) => format!("input > {a}"),
    }
}

/// The official model a log's model name stands for.
pub fn source_model(book: &Pricebook, name: &str) -> Option<ModelRef> {
    book.providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Official)
        .find_map(|p| {
            p.model(name).map(|m| ModelRef {
                provider: p.id.clone(),
                model: m.id.clone(),
            })
        })
}

/// The official model a row sent through the relay `via` was made to: the
/// relay's model `name` (an id or alias of the relay's) stands for its
/// upstream model; or, for a name the relay's entry lacks that the user
/// mapped (`mapped`), the mapped model when the relay serves it.
pub fn relay_source(
    book: &Pricebook,
    via: &str,
    name: &str,
    mapped: Option<&str>,
) -> Option<ModelRef> {
    let relay = book.provider(via)?;
    if let Some(m) = relay.model(name) {
        return Some(book.identity(relay, m));
    }
    let source = source_model(book, mapped?)?;
    relay
        .models
        .iter()
        .any(|m| book.identity(relay, m) == source)
        .then_some(source)
}

/// Whether `source`'s own prices have the service tier `tier`.
pub fn has_tier(book: &Pricebook, source: &ModelRef, tier: ServiceTier) -> bool {
    book.resolve(source)
        .and_then(|(_, m)| m.prices.as_ref())
        .is_some_and(|p| p.service_tier(tier).is_some())
}

/// Off-peak hours: ranges of minutes of the UTC day.
pub type Hours = Vec<(u16, u16)>;

mod builder;
pub mod tally;
pub use builder::{MAX_UNKNOWN_NAMES, WorkloadBuilder, build};

#[cfg(test)]
mod tests;
