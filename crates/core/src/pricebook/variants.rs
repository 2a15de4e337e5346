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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
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

impl Offpeak {
    /// The hours as ranges of minutes of the UTC day, start included, end
    /// excluded (an end may be past midnight); `None` unless written as
    /// comma-separated `HH:MM-HH:MM`, e.g. "04:00-06:00, 10:00-01:00".
    pub fn windows(&self) -> Option<Vec<(u16, u16)>> {
        let minute = |t: &str| {
            let (h, m) = t.trim().split_once(':')?;
            let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
            (h < 24 && m < 60).then_some(h * 60 + m)
        };
        self.hours_utc
            .split(',')
            .map(|range| {
                let (a, b) = range.split_once('-')?;
                Some((minute(a)?, minute(b)?))
            })
            .collect()
    }
}

/// Whether `minute` of the UTC day lies in one of `windows`
/// ([`Offpeak::windows`]).
pub fn in_windows(windows: &[(u16, u16)], minute: u16) -> bool {
    windows.iter().any(|&(start, end)| {
        if start <= end {
            (start..end).contains(&minute)
        } else {
            minute >= start || minute < end
        }
    })
}
