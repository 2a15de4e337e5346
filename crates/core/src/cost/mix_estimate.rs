//! A scenario with a workload mix, estimated route by route.
//!
//! The baseline is the log as it was sent ([`AS_LOGGED`]): each class on
//! the relay the log says it went through, else on its own vendor's API.
//! When some went through a relay, [`VENDORS`] prices every class on its
//! vendor's API. Every relay that serves at least one of the log's models
//! is a route; it prices each class on its version of the model, and a
//! class whose model it lacks stays where the log sent it, at that price,
//! which the route's notes say. Amounts are the log's exact cost;
//! a day is the log over its days, a request the log over its requests.
//!
//! Usage:
//!
//! ```ignore
//! let e = estimate(&book, &scenario_with_mix); // scenario_cost::estimate calls estimate_mix
//! assert_eq!(e.options[0].option, route_ref(AS_LOGGED));
//! ```

use crate::cost::engine::EngineError;
pub use crate::cost::estimate::{AS_LOGGED, ON_VENDORS, ROUTE_MODEL, VENDORS, route_ref};
use crate::cost::estimate::{CostParts, Estimate, Fit, OptionEstimate, Savings, fx_used};
use crate::cost::mix::{class_cost, route_model};
use crate::money::periods::{DAYS_PER_MONTH, DAYS_PER_YEAR};
use crate::pricebook::{Lifecycle, Model, ModelRef, Pricebook, Provider, ProviderKind};
use crate::scenario::mix::Mix;
use crate::scenario::workload::{RequestClass, Workload};
use crate::scenario::{FieldError, Scenario};
use rust_decimal::Decimal;

/// `n` of `total` as a percentage, e.g. "12.5 %" (words in a note).
fn share_text(n: u64, total: u64) -> String {
    let pct = Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(total.max(1));
    format!("{} %", pct.round_dp(1).normalize())
}

fn divide(p: &CostParts, by: u64) -> CostParts {
    let d = Decimal::from(by.max(1));
    CostParts::new(
        p.input / d,
        p.cache_read / d,
        p.cache_write / d,
        p.output / d,
    )
}

fn in_display(
    book: &Pricebook,
    provider: &Provider,
    parts: CostParts,
    display: &str,
) -> Result<CostParts, EngineError> {
    let f = book
        .fx
        .factor(&provider.currency, display)
        .ok_or_else(|| EngineError::NoRate {
            from: provider.currency.clone(),
            to: display.into(),
        })?;
    Ok(parts.scale(f))
}

/// Where each class of the log is priced.
#[derive(Clone, Copy)]
enum Route<'b> {
    /// As the log sent it: on the relay it went through, else its vendor.
    AsLogged,
    /// Every class on its vendor's API (shown when some went through a relay).
    Vendors,
    /// On this relay where it serves the model, else as logged.
    Relay(&'b Provider),
}

impl Route<'_> {
    fn id(&self) -> &str {
        match self {
            Self::AsLogged => AS_LOGGED,
            Self::Vendors => VENDORS,
            Self::Relay(p) => &p.id,
        }
    }
}

/// The log on a route, in the display currency, with the classes a relay
/// route leaves where the log sent them (model, relay or none, requests)
/// and the currencies used.
struct Priced {
    log: CostParts,
    kept: Vec<(ModelRef, Option<String>, u64)>,
    currencies: Vec<String>,
    /// Classes priced at their model's regional factor (a `region:`
    /// requirement), with the factors used.
    regional: Vec<(String, Decimal)>,
}

/// The class's route and model as the log sent it: the relay named by
/// `via` (which must serve it), else the vendor.
fn as_sent<'b>(
    book: &'b Pricebook,
    class: &RequestClass,
) -> Result<(&'b Provider, &'b Model), EngineError> {
    match &class.via {
        Some(via) => book
            .provider(via)
            .and_then(|p| Some((p, route_model(book, p, &class.source)?)))
            .ok_or_else(|| {
                EngineError::UnknownOption(ModelRef {
                    provider: via.clone(),
                    model: class.source.model.clone(),
                })
            }),
        None => book
            .resolve(&class.source)
            .ok_or_else(|| EngineError::UnknownOption(class.source.clone())),
    }
}

fn price(
    book: &Pricebook,
    route: Route,
    mix: &Mix,
    display: &str,
    regions: &[&str],
) -> Result<Priced, EngineError> {
    let mut out = Priced {
        log: CostParts::default(),
        kept: Vec::new(),
        currencies: Vec::new(),
        regional: Vec::new(),
    };
    for class in &mix.workload.classes {
        let (provider, model) = match route {
            Route::AsLogged => as_sent(book, class)?,
            Route::Vendors => book
                .resolve(&class.source)
                .ok_or_else(|| EngineError::UnknownOption(class.source.clone()))?,
            Route::Relay(p) => match route_model(book, p, &class.source) {
                Some(m) => (p, m),
                None => {
                    let key = (&class.source, &class.via);
                    match out.kept.iter_mut().find(|(m, v, _)| (m, v) == key) {
                        Some((_, _, n)) => *n = n.saturating_add(class.requests),
                        None => {
                            out.kept
                                .push((class.source.clone(), class.via.clone(), class.requests))
                        }
                    }
                    as_sent(book, class)?
                }
            },
        };
        let mut cost = class_cost(book, provider, model, class)?;
        // A required region its vendor prices the model in (US-only ×1.1).
        for r in regions.iter().filter_map(|code| model.region(code)) {
            cost = cost.scale(r.multiplier);
            let seen = (r.region.clone(), r.multiplier);
            if !out.regional.contains(&seen) {
                out.regional.push(seen);
            }
        }
        out.log = out.log.plus(&in_display(book, provider, cost, display)?);
        if provider.currency != display && !out.currencies.contains(&provider.currency) {
            out.currencies.push(provider.currency.clone());
        }
    }
    Ok(out)
}

/// The cost of `workload` as sent (each class on the relay it went
/// through, else on its vendor's API), in `display`.
pub fn logged_cost(
    book: &Pricebook,
    workload: &Workload,
    display: &str,
) -> Result<Decimal, EngineError> {
    let mix = Mix::new(1, workload.clone());
    Ok(price(book, Route::AsLogged, &mix, display, &[])?.log.total)
}

/// "stay on the vendor's API, at the vendor's price" or "stay on
/// OpenRouter (relay), at its price".
fn kept_where(book: &Pricebook, via: Option<&str>) -> String {
    match via.and_then(|v| book.provider(v)) {
        Some(p) => format!("stay on {}, at its price", p.name),
        None => "stay on the vendor's API, at the vendor's price".into(),
    }
}

fn option(
    book: &Pricebook,
    route: Route,
    mix: &Mix,
    priced: &Priced,
    display: &str,
) -> OptionEstimate {
    let per_day = divide(&priced.log, mix.days);
    let requests = mix.workload.requests();
    let models = mix.workload.models().len();
    let notes = priced
        .kept
        .iter()
        .map(|(m, via, n)| {
            format!(
                "does not serve {m}: its {} of the requests {}",
                share_text(*n, requests),
                kept_where(book, via.as_deref())
            )
        })
        .chain(priced.regional.iter().map(|(r, k)| {
            format!(
                "region:{r} required: the classes whose model has a regional price are priced at it (×{})",
                k.normalize()
            )
        }))
        .collect();
    let relays = mix.workload.relays();
    let (provider_name, model_name, kind, basis, currency) = match route {
        Route::Relay(p) => {
            let served = mix
                .workload
                .models()
                .iter()
                .filter(|m| route_model(book, p, m).is_some())
                .count();
            (
                p.name.clone(),
                format!("{served} of {models} models"),
                p.kind,
                p.basis_text(book),
                p.currency.clone(),
            )
        }
        Route::AsLogged if !relays.is_empty() => {
            let names: Vec<String> = relays
                .iter()
                .filter_map(|r| book.provider(r).map(|p| p.name.clone()))
                .collect();
            (
                "As logged".to_string(),
                format!("as sent, through {}", names.join(", ")),
                ProviderKind::Relay,
                "each route's price as sent".to_string(),
                display.to_string(),
            )
        }
        Route::AsLogged | Route::Vendors => (
            if matches!(route, Route::Vendors) {
                "Vendors' APIs"
            } else {
                "As logged"
            }
            .to_string(),
            ON_VENDORS.to_string(),
            ProviderKind::Official,
            "each vendor's list price".to_string(),
            display.to_string(),
        ),
    };
    let relay = match route {
        Route::Relay(p) => Some(p),
        _ => None,
    };
    OptionEstimate {
        option: route_ref(route.id()),
        provider_name,
        model_name,
        kind,
        is_baseline: matches!(route, Route::AsLogged),
        basis,
        native_currency: currency,
        tier_above_input_tokens: None,
        per_request: divide(&priced.log, requests),
        per_month: per_day.scale(Decimal::from(DAYS_PER_MONTH)),
        per_year: per_day.scale(Decimal::from(DAYS_PER_YEAR)),
        per_day,
        savings: Savings::default(),
        notes,
        claimed_overhead_ms: relay.and_then(|p| p.claim.as_ref().map(|c| c.claimed_overhead_ms)),
        savings_claim: None,
        lifecycle: Lifecycle::default(),
        fit: Fit::default(),
        audit: None,
    }
}

fn savings(base: &OptionEstimate, o: &OptionEstimate) -> Savings {
    let per_day = base.per_day.total - o.per_day.total;
    Savings {
        per_day: per_day.normalize(),
        per_month: (per_day * Decimal::from(DAYS_PER_MONTH)).normalize(),
        per_year: (per_day * Decimal::from(DAYS_PER_YEAR)).normalize(),
        pct: (!base.per_day.total.is_zero())
            .then(|| (per_day / base.per_day.total * Decimal::ONE_HUNDRED).normalize()),
    }
}

/// Estimates `mix` as logged and on every relay serving one of its models.
pub(crate) fn estimate_mix(book: &Pricebook, s: &Scenario, mix: &Mix) -> Estimate {
    let display = s.currency.code();
    let mut errors = Vec::new();
    let mut options = Vec::new();
    let mut currencies: Vec<String> = Vec::new();
    let serves = |p: &Provider| {
        mix.workload
            .classes
            .iter()
            .any(|c| route_model(book, p, &c.source).is_some())
    };
    let vendors = (!mix.workload.relays().is_empty()).then_some(Route::Vendors);
    let routes = [Route::AsLogged].into_iter().chain(vendors).chain(
        book.providers
            .iter()
            .filter(|p| p.kind == ProviderKind::Relay && serves(p))
            .map(Route::Relay),
    );
    let regions: Vec<&str> = s
        .requirements
        .iter()
        .filter_map(|r| match r {
            crate::pricebook::requirement::Requirement::Region(code) => Some(code.as_str()),
            _ => None,
        })
        .collect();
    for route in routes {
        match price(book, route, mix, display, &regions) {
            Ok(priced) => {
                currencies.extend(priced.currencies.iter().cloned());
                options.push(option(book, route, mix, &priced, display));
            }
            Err(e) => errors.push(FieldError {
                field: "mix".into(),
                value: route.id().into(),
                message: format!("{e}; the mix cannot be priced as logged with this pricebook"),
            }),
        }
    }
    if let Some(base) = options.first().filter(|o| o.is_baseline).cloned() {
        for o in &mut options {
            o.savings = savings(&base, o);
        }
    }
    options.sort_by_key(|o| (!o.is_baseline, o.per_day.total));
    if display != "USD" {
        currencies.push(display.to_string());
    }
    Estimate {
        scenario: s.clone(),
        currency: s.currency,
        baseline: route_ref(AS_LOGGED),
        options,
        fx: fx_used(book, currencies),
        errors,
        today: None,
        dearer: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_routes;
