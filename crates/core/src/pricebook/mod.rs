//! The validated price tables loaded from `pricing/*.toml`.
//!
//! [`load::load`] turns file texts into a [`Pricebook`]; every price in it is
//! per 1M tokens (`*_per_mtok`) in the provider's own currency.
//!
//! ```
//! use llm_roi_core::pricebook::{load::load, SourceFile};
//! let fx = SourceFile::new("fx.toml", "schema = 1\n");
//! let anthropic = SourceFile::new("anthropic.toml", r#"
//! schema = 1
//! [provider]
//! id = "anthropic"
//! name = "Anthropic"
//! kind = "official"
//! base_url = "https://api.anthropic.com"
//! api_style = "anthropic"
//! currency = "USD"
//! source = "https://www.anthropic.com/pricing"
//! checked = 2026-11-24
//! [[models]]
//! id = "claude-haiku-4-5"
//! name = "Claude Haiku 4.5"
//! input = 1
//! output = 5
//! "#);
//! let book = load(&fx, &[anthropic]).unwrap();
//! assert_eq!(book.providers[0].models[0].name, "Claude Haiku 4.5");
//! ```

mod basis_wire;
pub mod earlier;
pub mod error;
pub mod facts;
mod file_ctx;
pub mod fingerprint;
#[cfg(test)]
pub mod fixtures;
pub mod fx;
pub mod lifecycle;
pub mod load;
pub mod price;
pub mod regions;
pub mod requirement;
pub mod schema;
mod validate;
pub mod variants;

use crate::money::date::CalendarDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use error::{PricebookError, PricebookErrors};
pub use facts::Facts;
pub use fx::FxTable;
pub use lifecycle::{Lifecycle, Status};
pub use variants::{Offpeak, PriceTable, PriceView, ServiceTier};

/// The schema version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One pricing file's name and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// Every provider and the FX table, validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pricebook {
    pub providers: Vec<Provider>,
    pub fx: FxTable,
}

/// Official vendor or relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Official,
    Relay,
}

/// The wire protocol a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiStyle {
    Anthropic,
    Openai,
}

/// A vendor's own, unverified statement about its added latency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverheadClaim {
    pub claimed_overhead_ms: u32,
    /// Where the vendor says it.
    pub source: String,
}

fn default_true() -> bool {
    true
}

// Fields added after a pricebook was archived are left out of its JSON while
// they hold their defaults, so that its fingerprint stays what it was.
fn is_true(b: &bool) -> bool {
    *b
}

/// A relay's own, unverified statements about its price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceClaim {
    /// "85 % cheaper than list price" as 85.
    pub savings_pct: Option<Decimal>,
    /// The vendor's words, e.g. "¥1 = $1".
    pub text: Option<String>,
}

/// How a provider's prices are set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "basis",
    rename_all = "lowercase",
    try_from = "basis_wire::BasisWire"
)]
pub enum PriceBasis {
    /// An official vendor's list prices, per model.
    List,
    /// A relay's own per-model prices.
    Own,
    /// One price per 1M tokens for every model the relay serves.
    Flat {
        input_per_mtok: Decimal,
        output_per_mtok: Decimal,
    },
    /// The relay sells the upstream's list-price usage: `per_list_unit` of the
    /// relay's currency buys one unit of the upstream's list price.
    Credit { per_list_unit: Decimal },
}

/// A provider: one pricing file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    pub api_style: ApiStyle,
    /// ISO 4217 code of every price in this provider.
    pub currency: String,
    /// The public price page the prices were copied from.
    pub source: String,
    /// When they were last confirmed against `source`.
    pub checked: CalendarDate,
    pub api_key_env: Option<String>,
    /// For a relay: the provider it fronts by default.
    pub upstream: Option<String>,
    pub claim: Option<OverheadClaim>,
    /// The vendor's own claims about its price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_claim: Option<PriceClaim>,
    /// Whether `batch_discount_pct` discounts cache reads too.
    #[serde(default = "default_true", skip_serializing_if = "is_true")]
    pub batch_discount_on_cache: bool,
    pub basis: PriceBasis,
    pub models: Vec<Model>,
    /// Payment, compliance, data handling and service facts.
    #[serde(default, skip_serializing_if = "Facts::is_empty")]
    pub facts: Facts,
    /// The file it came from.
    pub file: String,
}

/// Prices per 1M tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenPrices {
    pub input_per_mtok: Decimal,
    pub output_per_mtok: Decimal,
    /// `None`: no cache discount; cache reads bill as input.
    pub cache_read_per_mtok: Option<Decimal>,
    /// `None`: no write premium; 5-minute cache writes bill as input.
    pub cache_write_5m_per_mtok: Option<Decimal>,
    /// `None`: no write premium; 1-hour cache writes bill as input.
    pub cache_write_1h_per_mtok: Option<Decimal>,
}

/// Long-context prices: once a request's input tokens pass `above_input_tokens`,
/// the whole request bills at `prices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    pub above_input_tokens: u64,
    pub prices: TokenPrices,
}

/// A model's own price list (official vendors and `own`-priced relays).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelPrices {
    pub base: TokenPrices,
    /// Ascending by threshold.
    pub tiers: Vec<Tier>,
    /// Discount on batch traffic, 0–100 %; `None`: no batch API (unless
    /// `batch` gives the batch prices in full).
    pub batch_discount_pct: Option<Decimal>,
    /// Batch prices in full, as the vendor publishes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<PriceTable>,
    /// Other service tiers, each priced in full.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_tiers: Vec<(ServiceTier, PriceTable)>,
    /// Off-peak prices; `base` and `tiers` are the peak (standard) ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offpeak: Option<Offpeak>,
    /// The fee per 1,000 web searches the model's server-side search tool
    /// runs, in the provider's currency; `None`: no published fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_search_per_k: Option<Decimal>,
    /// Standard prices before the current ones, oldest first ([`earlier`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<earlier::EarlierPrices>,
}

impl ModelPrices {
    /// The standard price list.
    pub fn standard(&self) -> PriceView<'_> {
        PriceView {
            base: &self.base,
            tiers: &self.tiers,
        }
    }

    /// The price list of a service tier, if the model offers it.
    pub fn service_tier(&self, tier: ServiceTier) -> Option<&PriceTable> {
        self.service_tiers
            .iter()
            .find(|(t, _)| *t == tier)
            .map(|(_, p)| p)
    }
}

/// Where a relay's model comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ModelRef {
    pub provider: String,
    pub model: String,
}

impl std::fmt::Display for ModelRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.provider, self.model)
    }
}

/// A model as one provider serves it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub id: String,
    pub aliases: Vec<String>,
    pub name: String,
    /// The vendor's flagship small model, compared by default.
    pub flagship_small: bool,
    /// Present for official vendors and `own`-priced relays.
    pub prices: Option<ModelPrices>,
    /// For a relay: the official model served (canonical ids).
    pub upstream: Option<ModelRef>,
    /// For a credit relay: a per-model factor on the list price (1 if absent).
    pub multiplier: Option<Decimal>,
    /// Deprecation, retirement and successor.
    #[serde(default, skip_serializing_if = "Lifecycle::is_default")]
    pub lifecycle: Lifecycle,
    /// The model's own price page, when not the provider's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When its prices were last confirmed, when not the provider's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<CalendarDate>,
    /// Where the figures came from, e.g. "genai-prices 0.2.3".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Regions the model can be kept in, at a premium ([`regions`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<regions::RegionPrice>,
}

impl Model {
    /// True when `name` is this model's id or one of its aliases.
    pub fn answers_to(&self, name: &str) -> bool {
        self.id == name || self.aliases.iter().any(|a| a == name)
    }
}

impl Provider {
    /// The model with this id or alias.
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.iter().find(|m| m.answers_to(name))
    }

    /// The price basis in words, e.g. "flat ¥1 per 1M tokens".
    pub fn basis_text(&self, book: &Pricebook) -> String {
        let sym = crate::money::currency_prefix(&self.currency);
        match &self.basis {
            PriceBasis::List => "official list price".to_string(),
            PriceBasis::Own => format!("the relay's own per-model prices in {}", self.currency),
            PriceBasis::Flat {
                input_per_mtok,
                output_per_mtok,
            } if input_per_mtok == output_per_mtok => {
                format!("flat {sym}{} per 1M tokens", input_per_mtok.normalize())
            }
            PriceBasis::Flat {
                input_per_mtok,
                output_per_mtok,
            } => format!(
                "flat {sym}{} per 1M input, {sym}{} per 1M output tokens",
                input_per_mtok.normalize(),
                output_per_mtok.normalize()
            ),
            PriceBasis::Credit { per_list_unit } => {
                let list_currency = self
                    .upstream
                    .as_deref()
                    .and_then(|u| book.provider(u))
                    .map_or("USD", |p| p.currency.as_str());
                format!(
                    "credit: {sym}{} buys {}1 of list price",
                    per_list_unit.normalize(),
                    crate::money::currency_prefix(list_currency)
                )
            }
        }
    }
}

impl Pricebook {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// Resolves `provider/model-or-alias` to the provider and model.
    pub fn resolve(&self, r: &ModelRef) -> Option<(&Provider, &Model)> {
        let p = self.provider(&r.provider)?;
        Some((p, p.model(&r.model)?))
    }

    /// The official model an option ultimately serves: itself for an official
    /// vendor, the upstream model for a relay.
    pub fn identity(&self, provider: &Provider, model: &Model) -> ModelRef {
        model.upstream.clone().unwrap_or_else(|| ModelRef {
            provider: provider.id.clone(),
            model: model.id.clone(),
        })
    }
}
