//! What the cost engine returns. Every amount is exact, in the display currency.

use crate::cost::claim_check::SavingsClaimCheck;
use crate::money::DisplayCurrency;
use crate::money::date::CalendarDate;
use crate::pricebook::facts::FactLine;
use crate::pricebook::requirement::{Check, Verdict};
use crate::pricebook::{Lifecycle, ModelRef, Pricebook, ProviderKind, Status};
use crate::scenario::{FieldError, Scenario};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The baseline route's id with a workload mix: every class on its
/// vendor's own API.
pub const AS_LOGGED: &str = "as-logged";
/// The route's id, with a workload mix some of whose requests went through
/// a relay, of every class on its vendor's own API (the as-logged route is
/// then the log as sent, relays included).
pub const VENDORS: &str = "vendors";
/// The model name of a route that prices every class on its vendor's API.
pub const ON_VENDORS: &str = "each model on its vendor's API";
/// The model part of a route's option id with a workload mix (`holysheep/mix`).
pub const ROUTE_MODEL: &str = "mix";

/// The option id of the route `provider` (or [`AS_LOGGED`]).
pub fn route_ref(provider: &str) -> ModelRef {
    ModelRef {
        provider: provider.into(),
        model: ROUTE_MODEL.into(),
    }
}

/// The exchange rates of `currencies` (sorted, once each).
pub fn fx_used(book: &Pricebook, mut currencies: Vec<String>) -> Vec<FxUsed> {
    currencies.sort();
    currencies.dedup();
    currencies
        .iter()
        .filter_map(|c| book.fx.rate(c))
        .map(|r| FxUsed {
            currency: r.currency.clone(),
            per_usd: r.per_usd,
            date: r.date.to_string(),
            source: r.source.clone(),
        })
        .collect()
}

/// A cost and its parts: `total` is the sum of the four parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CostParts {
    /// Uncached input tokens.
    pub input: Decimal,
    pub cache_read: Decimal,
    pub cache_write: Decimal,
    pub output: Decimal,
    /// Per-call fees (web searches), outside the token parts.
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub tools: Decimal,
    pub total: Decimal,
}

impl CostParts {
    /// Parts from the four components; the total is their sum. Trailing
    /// zeros are dropped (the values are unchanged).
    pub fn new(input: Decimal, cache_read: Decimal, cache_write: Decimal, output: Decimal) -> Self {
        Self {
            input: input.normalize(),
            cache_read: cache_read.normalize(),
            cache_write: cache_write.normalize(),
            output: output.normalize(),
            tools: Decimal::ZERO,
            total: (input + cache_read + cache_write + output).normalize(),
        }
    }

    /// These parts with `tools` of per-call fees added (to the total too).
    pub fn with_tools(mut self, tools: Decimal) -> Self {
        self.tools = (self.tools + tools).normalize();
        self.total = (self.total + tools).normalize();
        self
    }

    /// Every part times `k`.
    pub fn scale(&self, k: Decimal) -> Self {
        Self::new(
            self.input * k,
            self.cache_read * k,
            self.cache_write * k,
            self.output * k,
        )
        .with_tools(self.tools * k)
    }

    /// The part-by-part sum of two costs.
    pub fn plus(&self, other: &Self) -> Self {
        Self::new(
            self.input + other.input,
            self.cache_read + other.cache_read,
            self.cache_write + other.cache_write,
            self.output + other.output,
        )
        .with_tools(self.tools + other.tools)
    }

    /// The four parts, in display order.
    /// The parts that add up to the total: input, cache read, cache
    /// write, output and per-call fees.
    pub fn parts(&self) -> [Decimal; 5] {
        [
            self.input,
            self.cache_read,
            self.cache_write,
            self.output,
            self.tools,
        ]
    }
}

/// Savings of an option against the baseline (positive: cheaper).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Savings {
    pub per_day: Decimal,
    pub per_month: Decimal,
    pub per_year: Decimal,
    /// Savings as a share of the baseline's cost; `None` when the baseline costs 0.
    pub pct: Option<Decimal>,
}

/// One option's costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionEstimate {
    pub option: ModelRef,
    pub provider_name: String,
    pub model_name: String,
    pub kind: ProviderKind,
    pub is_baseline: bool,
    /// The price basis in words.
    pub basis: String,
    /// The provider's own currency.
    pub native_currency: String,
    /// The long-context tier applied, by its threshold.
    pub tier_above_input_tokens: Option<u64>,
    pub per_request: CostParts,
    pub per_day: CostParts,
    /// 30 days.
    pub per_month: CostParts,
    /// 365 days.
    pub per_year: CostParts,
    pub savings: Savings,
    /// Assumptions that shaped this option's figures.
    pub notes: Vec<String>,
    /// A vendor's latency claim, unverified.
    pub claimed_overhead_ms: Option<u32>,
    /// A relay's saving claim against the computed saving.
    #[serde(default)]
    pub savings_claim: Option<SavingsClaimCheck>,
    /// The model's lifecycle (a relay's: its upstream model's).
    #[serde(default)]
    pub lifecycle: Lifecycle,
    /// The provider's facts and the scenario's requirements checked
    /// against them (filled by the scenario's estimate).
    #[serde(default)]
    pub fit: Fit,
    /// A relay's audit (`aud=`): its audited price beside its list price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<AuditedPrice>,
}

/// A relay's audited price beside its list price, per request in the
/// display currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditedPrice {
    /// "audited on 2026-12-03 from …: 100% of cache reads billed as writes".
    pub words: String,
    pub list_per_request: CostParts,
    pub audited_per_request: CostParts,
    /// Which of the two the option's figures, savings and ROI use.
    pub drives: crate::scenario::audit::PriceChoice,
}

/// An option's facts and requirement checks.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Fit {
    /// Every fact kind of the option's provider, unknown ones included;
    /// empty for the as-logged route of a mix (one per vendor).
    pub facts: Vec<FactLine>,
    /// One per requirement of the scenario, in its order.
    pub checks: Vec<Check>,
}

impl Fit {
    /// True when every requirement is met (an unknown one is not).
    pub fn meets_all(&self) -> bool {
        self.checks.iter().all(|c| c.verdict == Verdict::Met)
    }

    /// The requirements not met, failed or unknown.
    pub fn not_met(&self) -> Vec<&Check> {
        self.checks
            .iter()
            .filter(|c| c.verdict != Verdict::Met)
            .collect()
    }

    /// "facts" when nothing is required, else "meets", "fails" (one fails)
    /// or "unknown" (none fails, one is unknown).
    pub fn state(&self) -> &'static str {
        if self.checks.is_empty() {
            "facts"
        } else if self.meets_all() {
            "meets"
        } else if self.count(Verdict::Fails) > 0 {
            "fails"
        } else {
            "unknown"
        }
    }

    /// How many checks have `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.checks.iter().filter(|c| c.verdict == verdict).count()
    }
}

/// An exchange rate an estimate used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FxUsed {
    pub currency: String,
    pub per_usd: Decimal,
    pub date: String,
    pub source: String,
}

/// A default option left out because it costs as much as the baseline or
/// more ([`crate::cost::cheaper_only`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dearer {
    pub option: ModelRef,
    pub provider_name: String,
    pub model_name: String,
    /// What it costs more than the baseline in a month of 30 days, in the
    /// display currency; zero when it costs the same.
    pub extra_per_month: Decimal,
}

impl Dearer {
    /// "OpenAI — GPT-6 Luna", as the options table names it.
    pub fn label(&self) -> String {
        format!("{} — {}", self.provider_name, self.model_name)
    }
}

/// The engine's answer for one scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub scenario: Scenario,
    pub currency: DisplayCurrency,
    pub baseline: ModelRef,
    /// Baseline first, then cheapest first.
    pub options: Vec<OptionEstimate>,
    pub fx: Vec<FxUsed>,
    /// Scenario fields that could not be used; defaults stood in.
    pub errors: Vec<FieldError>,
    /// The day the estimate is read on, for model retirements; `None`: not known.
    #[serde(default)]
    pub today: Option<CalendarDate>,
    /// Default options left out because they cost as much as the baseline or
    /// more ([`crate::cost::cheaper_only`]); empty with `cmp=` or a mix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dearer: Vec<Dearer>,
}

impl Estimate {
    /// Requests a day: the scenario's, or its workload mix's (the log's
    /// requests over its days).
    pub fn requests_per_day(&self) -> Decimal {
        self.scenario.mix.as_ref().map_or_else(
            || Decimal::from(self.scenario.requests_per_day),
            |m| m.requests_per_day(),
        )
    }

    /// The same estimate, read on `today`.
    pub fn on(mut self, today: CalendarDate) -> Self {
        self.today = Some(today);
        self
    }
}

impl OptionEstimate {
    /// "Anthropic — Claude Haiku 4.5"; for a route of a workload mix,
    /// "HolySheep AI, 2 of 3 models" or "each model's own vendor".
    pub fn label(&self) -> String {
        if self.option.model != ROUTE_MODEL {
            format!("{} — {}", self.provider_name, self.model_name)
        } else if self.model_name == ON_VENDORS {
            "each model's own vendor".into()
        } else if self.option.provider == AS_LOGGED {
            "each model where the log sent it".into()
        } else {
            format!("{}, {}", self.provider_name, self.model_name)
        }
    }

    /// True when the model is retired on `today` (never when `today` is unknown).
    pub fn is_retired(&self, today: Option<CalendarDate>) -> bool {
        today.is_some_and(|t| self.lifecycle.status(t) == Status::Retired)
    }
}
