//! The TOML schema (version 1), as read before validation.
//!
//! Every struct refuses unknown keys. Values that other checks point back to are
//! [`Spanned`], so an error can name its line and column.

use super::price::{NonNegative, Percent};
use super::{ApiStyle, ProviderKind};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

mod facts;
pub use facts::{RawFact, RawFacts};

/// A provider file: `pricing/<id>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProviderFile {
    pub schema: Spanned<u32>,
    pub provider: RawProvider,
    #[serde(default)]
    pub models: Vec<RawModel>,
    /// Payment, compliance, data handling and service facts.
    pub facts: Option<RawFacts>,
}

/// How a relay sets its prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawPricing {
    Own,
    Flat,
    Credit,
}

/// `[provider]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvider {
    pub id: Spanned<String>,
    pub name: String,
    pub kind: Spanned<ProviderKind>,
    pub base_url: Spanned<String>,
    pub api_style: ApiStyle,
    pub currency: Spanned<String>,
    pub source: Spanned<String>,
    pub checked: Spanned<Datetime>,
    pub api_key_env: Option<String>,
    pub upstream: Option<Spanned<String>>,
    pub pricing: Option<Spanned<RawPricing>>,
    pub flat: Option<Spanned<RawFlat>>,
    pub credit: Option<Spanned<RawCredit>>,
    pub claimed_overhead_ms: Option<Spanned<u32>>,
    pub claim_source: Option<String>,
    /// The vendor's own saving claim against list price, e.g. 85.
    pub claimed_savings_pct: Option<Spanned<Percent>>,
    /// The vendor's own words for its price.
    pub claimed_price_text: Option<String>,
    /// Whether `batch_discount_pct` also discounts cache reads (default true).
    pub batch_discount_on_cache: Option<bool>,
}

/// `[provider.flat]`: one price per 1M tokens for every model.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFlat {
    pub input: NonNegative,
    pub output: NonNegative,
}

/// `[provider.credit]`: relay currency paid per unit of upstream list price.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCredit {
    pub per_list_unit: NonNegative,
}

/// `[[models]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    pub id: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub name: Option<String>,
    #[serde(default)]
    pub flagship_small: bool,
    pub input: Option<NonNegative>,
    pub output: Option<NonNegative>,
    pub cache_read: Option<NonNegative>,
    pub cache_write_5m: Option<NonNegative>,
    pub cache_write_1h: Option<NonNegative>,
    pub batch_discount_pct: Option<Percent>,
    /// The fee per 1,000 web searches, in the provider's currency.
    pub web_search_per_k: Option<NonNegative>,
    #[serde(default)]
    pub tiers: Vec<Spanned<RawTier>>,
    pub upstream: Option<Spanned<String>>,
    pub upstream_model: Option<Spanned<String>>,
    pub multiplier: Option<Spanned<NonNegative>>,
    /// Batch prices in full (instead of `batch_discount_pct`).
    pub batch: Option<Spanned<RawPriceTable>>,
    /// Service tiers such as `flex` and `priority`, each priced in full.
    #[serde(default)]
    pub service_tiers: Vec<Spanned<RawPriceTable>>,
    /// Off-peak prices; the model's own prices are the peak (standard) ones.
    pub offpeak: Option<Spanned<RawPriceTable>>,
    /// The model's own price page, when it is not the provider's `source`.
    pub source: Option<Spanned<String>>,
    /// When these prices were last confirmed (by us or by `via`).
    pub checked: Option<Spanned<Datetime>>,
    /// Where the figures came from, e.g. "genai-prices 0.2.3".
    pub via: Option<String>,
    /// The vendor has deprecated the model (it still answers).
    #[serde(default)]
    pub deprecated: bool,
    /// The day the vendor stops serving it.
    pub retires: Option<Spanned<Datetime>>,
    /// The model id the vendor names as its replacement, in this provider.
    pub successor: Option<Spanned<String>>,
    /// The lifecycle database no longer lists the model (set by the import).
    #[serde(default)]
    pub unlisted: bool,
    /// Regions the model can be kept in, at a premium.
    #[serde(default)]
    pub regions: Vec<Spanned<RawRegion>>,
    /// Standard prices before the current ones, oldest first.
    #[serde(default)]
    pub earlier: Vec<Spanned<RawEarlier>>,
}

/// `[[models.earlier]]`: the standard prices in force before `until`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEarlier {
    pub until: Spanned<Datetime>,
    pub input: NonNegative,
    pub output: NonNegative,
    pub cache_read: Option<NonNegative>,
    pub cache_write_5m: Option<NonNegative>,
    pub cache_write_1h: Option<NonNegative>,
    #[serde(default)]
    pub tiers: Vec<Spanned<RawTier>>,
}

/// `[[models.regions]]`: a region the model's requests can be kept in, and
/// the factor on every price there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub region: Spanned<String>,
    pub multiplier: Spanned<NonNegative>,
    pub source: Spanned<String>,
    pub checked: Spanned<Datetime>,
}

/// A full price list: `[models.batch]`, `[[models.service_tiers]]` (with
/// `name`) or `[models.offpeak]` (with `hours_utc`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPriceTable {
    /// A service tier's name: `flex` or `priority`.
    pub name: Option<Spanned<String>>,
    /// Off-peak hours in the vendor's words, e.g. "16:30-00:30".
    pub hours_utc: Option<String>,
    pub input: NonNegative,
    pub output: NonNegative,
    pub cache_read: Option<NonNegative>,
    pub cache_write_5m: Option<NonNegative>,
    pub cache_write_1h: Option<NonNegative>,
    #[serde(default)]
    pub tiers: Vec<Spanned<RawTier>>,
}

/// `[[models.tiers]]`: long-context prices.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    pub above_input_tokens: u64,
    pub input: NonNegative,
    pub output: NonNegative,
    pub cache_read: Option<NonNegative>,
    pub cache_write_5m: Option<NonNegative>,
    pub cache_write_1h: Option<NonNegative>,
}

/// `pricing/fx.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFxFile {
    pub schema: Spanned<u32>,
    #[serde(default)]
    pub rates: Vec<RawFxRate>,
}

/// `[[rates]]`: how many units of `currency` one US dollar buys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFxRate {
    pub currency: Spanned<String>,
    pub per_usd: Spanned<NonNegative>,
    pub date: Spanned<Datetime>,
    pub source: Spanned<String>,
}
