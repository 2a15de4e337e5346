//! Prices that depend on how a request is sent: batch, service tier (OpenAI's
//! `flex` and `priority`) and time of day (DeepSeek's off-peak hours).

use super::{Tier, TokenPrices};
use serde::{Deserialize, Serialize};

/// A full price list: base prices and long-context tiers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceTable {
    pub base: TokenPrices,
    /// Ascending by threshold; the whole request bills at the highest tier
    /// whose threshold its input passes.
    pub tiers: Vec<Tier>,
}

/// A price list borrowed from a [`PriceTable`] or a model's standard prices.
#[derive(Debug, Clone, Copy)]
pub struct PriceView<'a> {
    pub base: &'a TokenPrices,
    pub tiers: &'a [Tier],
}

impl<'a> PriceView<'a> {
    /// The prices one request of `input_tokens` bills at, and the tier's
    /// threshold when a tier applies.
    pub fn for_input(self, input_tokens: rust_decimal::Decimal) -> (&'a TokenPrices, Option<u64>) {
        match self
            .tiers
            .iter()
            .rev()
            .find(|t| input_tokens > rust_decimal::Decimal::from(t.above_input_tokens))
        {
            Some(t) => (&t.prices, Some(t.above_input_tokens)),
            None => (self.base, None),
        }
    }
}

impl PriceTable {
    pub fn view(&self) -> PriceView<'_> {
        PriceView {
            base: &self.base,
            tiers: &self.tiers,
        }
    }
}

/// A vendor's service tier. `Standard` is the default price list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServiceTier {
    #[default]
    Standard,
    Flex,
    Priority,
}

impl ServiceTier {
    /// Every tier, default first.
    pub const ALL: [ServiceTier; 3] = [Self::Standard, Self::Flex, Self::Priority];

    /// The URL and TOML code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Flex => "flex",
            Self::Priority => "priority",
        }
    }

    /// Reads a code; `default` is read as `standard`.
    pub fn from_code(s: &str) -> Option<Self> {
        match s.trim() {
            "standard" | "default" => Some(Self::Standard),
            "flex" => Some(Self::Flex),
            "priority" => Some(Self::Priority),
            _ => None,
        }
    }
}

/// Off-peak prices and the hours they apply in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offpeak {
    /// The hours in the vendor's words, e.g. "16:30-00:30".
    pub hours_utc: String,
    pub prices: PriceTable,
}
