//! The scenario: the traffic and choices an estimate is computed for.

use crate::money::DisplayCurrency;
use crate::pricebook::requirement::Requirement;
use crate::pricebook::{ModelRef, ServiceTier};
use crate::scenario::migration::Migration;
use crate::scenario::mix::Mix;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which cache-write price applies to cache writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum CacheTtl {
    /// Five-minute cache (Anthropic's default).
    #[default]
    #[serde(rename = "5m")]
    FiveMinutes,
    /// One-hour cache.
    #[serde(rename = "1h")]
    OneHour,
}

impl CacheTtl {
    pub fn code(self) -> &'static str {
        match self {
            Self::FiveMinutes => "5m",
            Self::OneHour => "1h",
        }
    }
}

/// A traffic scenario. Token counts are averages per request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub requests_per_day: u64,
    pub input_tokens: Decimal,
    pub output_tokens: Decimal,
    /// Share of input tokens read from cache, 0–100 %.
    pub cache_read_pct: Decimal,
    /// Share of input tokens written to cache, 0–100 %.
    pub cache_write_pct: Decimal,
    pub cache_ttl: CacheTtl,
    /// Share of requests sent through a batch API, 0–100 %.
    pub batch_pct: Decimal,
    /// Share of the other requests sent in the vendor's off-peak hours, 0–100 %.
    pub offpeak_pct: Decimal,
    /// The service tier non-batch requests use where the model offers it.
    pub service_tier: ServiceTier,
    /// Web searches a request runs with the vendor's server-side search
    /// tool, on average (billed per 1,000 where the model publishes a fee).
    #[serde(default)]
    pub web_searches: Decimal,
    /// The option the others are compared with.
    pub base: ModelRef,
    /// The options to compare; `None` picks them from the baseline.
    pub compare: Option<Vec<ModelRef>>,
    /// What the team requires of a route (`req`), sorted, once each; the
    /// default migration target meets every one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    pub currency: DisplayCurrency,
    /// Month-over-month growth of requests per day, −50 % to 50 %.
    pub growth_pct: Decimal,
    /// Months projected: 12, 24 or 36.
    pub horizon_months: u32,
    pub migration: Migration,
    /// An imported workload; when set, it replaces the traffic above (the
    /// requests, tokens, shares, baseline and compared options) and every
    /// route that serves its models is compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mix: Option<Mix>,
    /// A reconciled bill's factor on every cost (`cal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<crate::scenario::calibration::Calibration>,
    /// Relays' audits (`aud`): their findings priced into their routes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audits: Vec<crate::scenario::audit::RelayAudit>,
    /// Which price of an audited relay drives savings and ROI (`price`).
    #[serde(
        default,
        skip_serializing_if = "crate::scenario::audit::PriceChoice::is_default"
    )]
    pub price: crate::scenario::audit::PriceChoice,
}

/// The horizons a projection can cover, in months.
pub const HORIZONS: [u32; 3] = [12, 24, 36];

impl Default for Scenario {
    /// The playbook's traffic (10 M requests a day, 200 output tokens per
    /// request) on Anthropic's current small model. The playbook's own
    /// scenario, on Claude Haiku 4.5, is [`crate::scenario::codec::PLAYBOOK_QUERY`].
    fn default() -> Self {
        Self {
            requests_per_day: 10_000_000,
            input_tokens: Decimal::from(500),
            output_tokens: Decimal::from(200),
            cache_read_pct: Decimal::ZERO,
            cache_write_pct: Decimal::ZERO,
            cache_ttl: CacheTtl::FiveMinutes,
            batch_pct: Decimal::ZERO,
            offpeak_pct: Decimal::ZERO,
            service_tier: ServiceTier::Standard,
            web_searches: Decimal::ZERO,
            base: ModelRef {
                provider: "anthropic".into(),
                model: "claude-haiku-5-5".into(),
            },
            compare: None,
            requirements: Vec::new(),
            currency: DisplayCurrency::USD,
            growth_pct: Decimal::ZERO,
            horizon_months: 12,
            migration: Migration::default(),
            mix: None,
            calibration: None,
            audits: Vec::new(),
            price: Default::default(),
        }
    }
}

/// A field of the scenario that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The URL key, e.g. `rpd`.
    pub field: String,
    /// The value as given.
    pub value: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
