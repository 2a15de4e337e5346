//! Regional prices: a model whose requests can be kept in a region for a
//! premium on every token, e.g. Anthropic's US-only inference
//! (`inference_geo = "us"`) at 1.1× on Claude Opus 4.6 and later models.
//! A provider that lists regional prices on some models offers the region
//! on those models only: the others cannot meet `region:<code>` there.
//!
//! Usage:
//!
//! ```ignore
//! if let Some(r) = model.region("us") { cost = cost.scale(r.multiplier) }
//! ```

use crate::money::date::CalendarDate;
use crate::pricebook::{Model, Provider};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `[[models.regions]]`: the region and the factor on every price there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionPrice {
    /// A region code of [`crate::pricebook::facts::REGIONS`], e.g. `us`.
    pub region: String,
    /// The factor on every token price (1.1: 10 % more).
    pub multiplier: Decimal,
    /// The public page that states the premium.
    pub source: String,
    pub checked: CalendarDate,
}

impl Model {
    /// The model's price in `region`, when the provider lists one.
    pub fn region(&self, region: &str) -> Option<&RegionPrice> {
        self.regions.iter().find(|r| r.region == region)
    }
}

impl Provider {
    /// True when the provider prices regions per model, so that a model
    /// without a regional price cannot be kept in that region.
    pub fn prices_regions_per_model(&self, region: &str) -> bool {
        self.models.iter().any(|m| m.region(region).is_some())
    }
}
