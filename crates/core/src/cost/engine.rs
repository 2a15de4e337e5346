//! The cost engine: exact per-request, daily, monthly and yearly costs.
//!
//! Usage: `estimate_model(&pricebook, &scenario)` returns an [`Estimate`] with every
//! option's costs in the scenario's display currency, baseline first. Nothing
//! is rounded; [`crate::view::display`] rounds for display.

use crate::cost::claim_check::{SavingsClaimCheck, check};
use crate::cost::estimate::{
    AuditedPrice, CostParts, Estimate, Fit, OptionEstimate, Savings, fx_used,
};
use crate::cost::selection::select;
use crate::money::pct_to_fraction;
use crate::money::periods::{DAYS_PER_MONTH, DAYS_PER_YEAR};
use crate::pricebook::regions::RegionPrice;
use crate::pricebook::requirement::Requirement;
use crate::pricebook::{Model, ModelRef, PriceBasis, Pricebook, Provider, ServiceTier};
use crate::scenario::audit::PriceChoice;
use crate::scenario::{CacheTtl, FieldError, Scenario};
use rust_decimal::Decimal;

/// Tokens of each kind in one request (on average), or in a class of
/// requests that all bill at the same tier ([`crate::cost::mix`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub input_total: Decimal,
    /// The input of one request, which picks the long-context tier: the
    /// same as `input_total` for one request.
    pub tier_input: Decimal,
    pub fresh_input: Decimal,
    pub cache_read: Decimal,
    pub cache_write: Decimal,
    pub output: Decimal,
    pub ttl: CacheTtl,
    /// Share of requests sent as batch, 0–1.
    pub batch_fraction: Decimal,
    /// Share of the other requests sent off-peak, 0–1.
    pub offpeak_fraction: Decimal,
    pub service_tier: ServiceTier,
    /// Web searches the model's server-side search tool runs per request.
    pub web_searches: Decimal,
}

impl Usage {
    /// The token split of a scenario.
    pub fn of(s: &Scenario) -> Self {
        let cache_read = s.input_tokens * pct_to_fraction(s.cache_read_pct);
        let cache_write = s.input_tokens * pct_to_fraction(s.cache_write_pct);
        Self {
            input_total: s.input_tokens,
            tier_input: s.input_tokens,
            fresh_input: s.input_tokens - cache_read - cache_write,
            cache_read,
            cache_write,
            output: s.output_tokens,
            ttl: s.cache_ttl,
            batch_fraction: pct_to_fraction(s.batch_pct),
            offpeak_fraction: pct_to_fraction(s.offpeak_pct),
            service_tier: s.service_tier,
            web_searches: s.web_searches,
        }
    }
}

/// One request's cost in the provider's own currency.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCost {
    pub parts: CostParts,
    pub tier_above_input_tokens: Option<u64>,
    pub notes: Vec<String>,
}

/// Why an option could not be priced (only possible with an inconsistent pricebook).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    #[error("`{0}` is not in the pricebook")]
    UnknownOption(ModelRef),
    #[error("`{0}` has no prices and no priced upstream model")]
    Unpriced(ModelRef),
    #[error("no exchange rate from {from} to {to}")]
    NoRate { from: String, to: String },
}

/// One request on `provider`'s `model`, in the provider's currency.
pub fn request_cost(
    book: &Pricebook,
    provider: &Provider,
    model: &Model,
    u: &Usage,
) -> Result<RequestCost, EngineError> {
    let this = || ModelRef {
        provider: provider.id.clone(),
        model: model.id.clone(),
    };
    match &provider.basis {
        PriceBasis::List | PriceBasis::Own => {
            let prices = model
                .prices
                .as_ref()
                .ok_or_else(|| EngineError::Unpriced(this()))?;
            Ok(list_cost(
                prices,
                u,
                u.batch_fraction,
                provider.batch_discount_on_cache,
            ))
        }
        PriceBasis::Flat {
            input_per_mtok,
            output_per_mtok,
        } => {
            let mut notes =
                vec!["flat rate: cache reads and writes billed as input tokens".to_string()];
            if u.batch_fraction > Decimal::ZERO {
                notes.push("no batch discount at a flat rate".into());
            }
            if u.web_searches > Decimal::ZERO {
                notes
                    .push("no published web-search fee at a flat rate: searches not priced".into());
            }
            Ok(RequestCost {
                parts: CostParts::new(
                    tokens_cost(u.fresh_input, *input_per_mtok),
                    tokens_cost(u.cache_read, *input_per_mtok),
                    tokens_cost(u.cache_write, *input_per_mtok),
                    tokens_cost(u.output, *output_per_mtok),
                ),
                tier_above_input_tokens: None,
                notes,
            })
        }
        PriceBasis::Credit { per_list_unit } => {
            let up = model
                .upstream
                .as_ref()
                .ok_or_else(|| EngineError::Unpriced(this()))?;
            let (_, up_model) = book
                .resolve(up)
                .ok_or_else(|| EngineError::UnknownOption(up.clone()))?;
            let prices = up_model
                .prices
                .as_ref()
                .ok_or_else(|| EngineError::Unpriced(up.clone()))?;
            let list_usage = Usage {
                offpeak_fraction: Decimal::ZERO,
                service_tier: ServiceTier::Standard,
                ..u.clone()
            };
            let mut cost = list_cost(prices, &list_usage, Decimal::ZERO, true);
            if u.batch_fraction > Decimal::ZERO {
                cost.notes
                    .push("credit relays bill the standard list price: no batch discount".into());
            }
            let factor = *per_list_unit * model.multiplier.unwrap_or(Decimal::ONE);
            cost.parts = cost.parts.scale(factor);
            Ok(cost)
        }
    }
}

/// A relay's saving claim against its saving on the upstream's list price,
/// for this scenario's requests.
fn savings_claim(
    book: &Pricebook,
    provider: &Provider,
    model: &Model,
    u: &Usage,
    per_request: &CostParts,
    display: &str,
) -> Option<SavingsClaimCheck> {
    let claimed = provider.price_claim.as_ref()?.savings_pct?;
    let up = model.upstream.as_ref()?;
    let (up_provider, up_model) = book.resolve(up)?;
    let list = request_cost(book, up_provider, up_model, u).ok()?;
    let list_total = list.parts.total * book.fx.factor(&up_provider.currency, display)?;
    if list_total.is_zero() {
        return None;
    }
    let pct = (Decimal::ONE - per_request.total.checked_div(list_total)?) * Decimal::ONE_HUNDRED;
    let fx = (provider.currency != up_provider.currency)
        .then(|| book.fx.factor(&up_provider.currency, &provider.currency))
        .flatten()
        .map(|rate| {
            format!(
                "at {}{} per {}",
                crate::money::currency_prefix(&provider.currency),
                rate.round_dp(4).normalize(),
                crate::money::currency_prefix(&up_provider.currency)
            )
        });
    Some(check(claimed, pct.normalize(), fx.as_deref()))
}

fn savings(base: &CostParts, option: &CostParts, requests_per_day: Decimal) -> Savings {
    let per_request = base.total - option.total;
    let per_day = per_request * requests_per_day;
    Savings {
        per_day: per_day.normalize(),
        per_month: (per_day * Decimal::from(DAYS_PER_MONTH)).normalize(),
        per_year: (per_day * Decimal::from(DAYS_PER_YEAR)).normalize(),
        pct: (!base.total.is_zero())
            .then(|| (per_request / base.total * Decimal::ONE_HUNDRED).normalize()),
    }
}

/// The model's regional prices the scenario's `region:` requirements call for.
fn regional<'m>(s: &Scenario, model: &'m Model) -> impl Iterator<Item = &'m RegionPrice> {
    s.requirements.iter().filter_map(|r| match r {
        Requirement::Region(code) => model.region(code),
        _ => None,
    })
}

fn option_estimate(
    book: &Pricebook,
    s: &Scenario,
    u: &Usage,
    r: &ModelRef,
) -> Result<(OptionEstimate, Option<String>), EngineError> {
    let (provider, model) = book
        .resolve(r)
        .ok_or_else(|| EngineError::UnknownOption(r.clone()))?;
    let mut cost = request_cost(book, provider, model, u)?;
    // A relay's audit: the same request as it bills it.
    let relay_audit = s.audits.iter().find(|a| a.relay == provider.id);
    let mut audited = match relay_audit {
        Some(a) => Some(audited_request_cost(book, provider, model, u, a)?.parts),
        None => None,
    };
    // A required region the model is priced in bills every token at its
    // factor (Anthropic's US-only inference: ×1.1).
    for r in regional(s, model) {
        cost.parts = cost.parts.scale(r.multiplier);
        audited = audited.map(|a| a.scale(r.multiplier));
        cost.notes.push(format!(
            "region:{} required: every price ×{} ({})",
            r.region,
            r.multiplier.normalize(),
            r.source
        ));
    }
    let display = s.currency.code();
    let factor =
        book.fx
            .factor(&provider.currency, display)
            .ok_or_else(|| EngineError::NoRate {
                from: provider.currency.clone(),
                to: display.into(),
            })?;
    let list_per_request = cost.parts.scale(factor);
    let audit = relay_audit.zip(audited).map(|(a, parts)| AuditedPrice {
        words: a.words(),
        list_per_request: list_per_request.clone(),
        audited_per_request: parts.scale(factor),
        drives: s.price,
    });
    let per_request = match &audit {
        Some(a) if a.drives == PriceChoice::Audited => a.audited_per_request.clone(),
        _ => list_per_request.clone(),
    };
    // A relay's saving claim is held against its list price.
    let savings_claim = savings_claim(book, provider, model, u, &list_per_request, display);
    let rpd = Decimal::from(s.requests_per_day);
    let per_day = per_request.scale(rpd);
    let foreign = (provider.currency != display).then(|| provider.currency.clone());
    Ok((
        OptionEstimate {
            option: r.clone(),
            provider_name: provider.name.clone(),
            model_name: model.name.clone(),
            kind: provider.kind,
            is_baseline: false,
            basis: provider.basis_text(book),
            native_currency: provider.currency.clone(),
            tier_above_input_tokens: cost.tier_above_input_tokens,
            per_month: per_day.scale(Decimal::from(DAYS_PER_MONTH)),
            per_year: per_day.scale(Decimal::from(DAYS_PER_YEAR)),
            per_request,
            per_day,
            // Set once the baseline is known.
            savings: Savings::default(),
            notes: cost.notes,
            claimed_overhead_ms: provider.claim.as_ref().map(|c| c.claimed_overhead_ms),
            savings_claim,
            lifecycle: book
                .resolve(&book.identity(provider, model))
                .map_or_else(|| model.lifecycle.clone(), |(_, m)| m.lifecycle.clone()),
            fit: Fit::default(),
            audit,
        },
        foreign,
    ))
}

/// Estimates every selected option of a one-model scenario (its mix, if
/// it has one, is [`crate::cost::scenario_cost::estimate`]'s).
///
/// Options that cannot be priced are reported as `cmp` field errors and left
/// out; the rest are computed.
pub(crate) fn estimate_model(book: &Pricebook, s: &Scenario) -> Estimate {
    let (selection, mut errors) = select(book, s);
    let u = Usage::of(s);
    let mut options = Vec::new();
    let mut currencies: Vec<String> = Vec::new();
    for r in &selection.options {
        match option_estimate(book, s, &u, r) {
            Ok((o, foreign)) => {
                currencies.extend(foreign);
                options.push(o);
            }
            Err(e) => errors.push(FieldError {
                field: if *r == selection.baseline {
                    "base"
                } else {
                    "cmp"
                }
                .into(),
                value: r.to_string(),
                message: e.to_string(),
            }),
        }
    }
    if s.currency.code() != "USD" {
        currencies.push(s.currency.code().to_string());
    }
    let base_cost = options
        .iter()
        .find(|o| o.option == selection.baseline)
        .map(|o| o.per_request.clone())
        .unwrap_or_default();
    let rpd = Decimal::from(s.requests_per_day);
    for o in &mut options {
        o.is_baseline = o.option == selection.baseline;
        o.savings = savings(&base_cost, &o.per_request, rpd);
    }
    options.sort_by(|a, b| {
        (!a.is_baseline, a.per_request.total).cmp(&(!b.is_baseline, b.per_request.total))
    });
    let fx = fx_used(book, currencies);
    Estimate {
        scenario: s.clone(),
        currency: s.currency,
        baseline: selection.baseline,
        options,
        fx,
        errors,
        today: None,
        dearer: Vec::new(),
    }
}

pub mod audited;
mod list_price;
use audited::audited_request_cost;
use list_price::{list_cost, tokens_cost};

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_dimensions;
