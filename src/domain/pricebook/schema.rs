//! The TOML schema (version 1), as read before validation.
//!
//! Every struct refuses unknown keys. Values that other checks point back to are
//! [`Spanned`], so an error can name its line and column.

use super::price::{NonNegative, Percent};
use super::{ApiStyle, ProviderKind};
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

/// A provider file: `pricing/<id>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProviderFile {
    pub schema: Spanned<u32>,
    pub provider: RawProvider,
    #[serde(default)]
    pub models: Vec<RawModel>,
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
    #[serde(default)]
    pub tiers: Vec<Spanned<RawTier>>,
    pub upstream: Option<Spanned<String>>,
    pub upstream_model: Option<Spanned<String>>,
    pub multiplier: Option<Spanned<NonNegative>>,
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
