//! A scenario's estimate, whichever its traffic: one model's averages
//! ([`crate::cost::engine`]) or an imported workload mix, route by
//! route ([`crate::cost::mix_estimate`]).
//!
//! Usage: `estimate(&pricebook, &scenario)` returns an [`Estimate`] with every
//! option's exact costs in the scenario's display currency, baseline first.

use crate::cost::cheaper_only::keep_cheaper;
use crate::cost::engine::estimate_model;
use crate::cost::estimate::Estimate;
use crate::cost::fit::fit_options;
use crate::cost::mix_estimate::estimate_mix;
use crate::pricebook::Pricebook;
use crate::scenario::Scenario;

/// Estimates every option of the scenario, checks each against the
/// scenario's requirements, and keeps only the cheaper ones of a default
/// comparison.
pub fn estimate(book: &Pricebook, s: &Scenario) -> Estimate {
    let mut e = match &s.mix {
        Some(mix) => estimate_mix(book, s, mix),
        None => estimate_model(book, s),
    };
    fit_options(book, &mut e);
    if let Some(c) = s.calibration {
        calibrate(&mut e, c.factor);
    }
    keep_cheaper(book, &mut e);
    e
}

/// Every cost and saving ×`factor` (savings' shares stay: every route
/// moves alike).
fn calibrate(e: &mut Estimate, factor: rust_decimal::Decimal) {
    for o in &mut e.options {
        for parts in [
            &mut o.per_request,
            &mut o.per_day,
            &mut o.per_month,
            &mut o.per_year,
        ] {
            *parts = parts.scale(factor);
        }
        let s = &mut o.savings;
        s.per_day = (s.per_day * factor).normalize();
        s.per_month = (s.per_month * factor).normalize();
        s.per_year = (s.per_year * factor).normalize();
    }
}
