//! A workload's cost on a route: each request class priced on the route's
//! version of its model, exactly (a class is linear in its token totals,
//! since all its requests bill at one tier; see
//! [`crate::scenario::workload`]).
//!
//! Usage:
//!
//! ```ignore
//! let cost = route_cost(&book, book.provider("holysheep")?, &workload)?;
//! // cost.total in the route's currency; cost.missing lists unserved models
//! ```

use crate::cost::engine::{EngineError, Usage, request_cost};
use crate::cost::estimate::CostParts;
use crate::pricebook::{Model, ModelRef, Pricebook, Provider, ServiceTier};
use crate::scenario::CacheTtl;
use crate::scenario::workload::{RequestClass, Workload};
use rust_decimal::Decimal;

/// The model a route (a provider) serves for `source`: the official model
/// itself on its vendor, a relay's model whose upstream is `source`.
pub fn route_model<'a>(
    book: &Pricebook,
    provider: &'a Provider,
    source: &ModelRef,
) -> Option<&'a Model> {
    provider
        .models
        .iter()
        .find(|m| book.identity(provider, m) == *source)
}

/// A class as the engine's usage: everything but the 1-hour cache writes,
/// then those writes alone, both at the class's tier.
pub fn class_usages(class: &RequestClass) -> [Usage; 2] {
    let t = &class.tokens;
    let d = Decimal::from;
    let batch = if class.batch {
        Decimal::ONE
    } else {
        Decimal::ZERO
    };
    let cached = t
        .cache_read
        .saturating_add(t.cache_write_5m)
        .saturating_add(t.cache_write_1h);
    let base = Usage {
        input_total: d(t.input),
        tier_input: d(class.max_request_input),
        fresh_input: d(t.input.saturating_sub(cached)),
        cache_read: d(t.cache_read),
        cache_write: d(t.cache_write_5m),
        output: d(t.output),
        ttl: CacheTtl::FiveMinutes,
        batch_fraction: batch,
        offpeak_fraction: if class.offpeak && !class.batch {
            Decimal::ONE
        } else {
            Decimal::ZERO
        },
        service_tier: if class.batch {
            ServiceTier::Standard
        } else {
            class.service_tier
        },
        // Class totals, so the fee is the class's: linear like its tokens.
        web_searches: d(t.web_searches),
    };
    // The 1-hour writes alone, at the same tier.
    let hour = Usage {
        fresh_input: Decimal::ZERO,
        cache_read: Decimal::ZERO,
        cache_write: d(t.cache_write_1h),
        output: Decimal::ZERO,
        web_searches: Decimal::ZERO,
        ttl: CacheTtl::OneHour,
        ..base.clone()
    };
    [base, hour]
}

/// One class on `provider`'s `model`, in the provider's currency.
pub fn class_cost(
    book: &Pricebook,
    provider: &Provider,
    model: &Model,
    class: &RequestClass,
) -> Result<CostParts, EngineError> {
    let [base, hour] = class_usages(class);
    let mut cost = request_cost(book, provider, model, &base)?.parts;
    if !hour.cache_write.is_zero() {
        cost = cost.plus(&request_cost(book, provider, model, &hour)?.parts);
    }
    Ok(cost)
}

/// A workload on one route, in the route's currency.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteCost {
    /// Each class's cost, `None` where the route lacks the model.
    pub classes: Vec<Option<CostParts>>,
    /// The sum over the classes the route serves.
    pub total: CostParts,
    /// Source models the route does not serve, once each.
    pub missing: Vec<ModelRef>,
}

/// Prices every class of `workload` on the route `provider`.
pub fn route_cost(
    book: &Pricebook,
    provider: &Provider,
    workload: &Workload,
) -> Result<RouteCost, EngineError> {
    let mut out = RouteCost {
        classes: Vec::with_capacity(workload.classes.len()),
        total: CostParts::default(),
        missing: Vec::new(),
    };
    for class in &workload.classes {
        match route_model(book, provider, &class.source) {
            Some(model) => {
                let c = class_cost(book, provider, model, class)?;
                out.total = out.total.plus(&c);
                out.classes.push(Some(c));
            }
            None => {
                if !out.missing.contains(&class.source) {
                    out.missing.push(class.source.clone());
                }
                out.classes.push(None);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
