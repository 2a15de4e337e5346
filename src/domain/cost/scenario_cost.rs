//! A scenario's estimate, whichever its traffic: one model's averages
//! ([`crate::domain::cost::engine`]) or an imported workload mix, route by
//! route ([`crate::domain::cost::mix_estimate`]).
//!
//! Usage: `estimate(&pricebook, &scenario)` returns an [`Estimate`] with every
//! option's exact costs in the scenario's display currency, baseline first.

use crate::domain::cost::engine::estimate_model;
use crate::domain::cost::estimate::Estimate;
use crate::domain::cost::fit::fit_options;
use crate::domain::cost::mix_estimate::estimate_mix;
use crate::domain::pricebook::Pricebook;
use crate::domain::scenario::Scenario;

/// Estimates every option of the scenario, and checks each against the
/// scenario's requirements.
pub fn estimate(book: &Pricebook, s: &Scenario) -> Estimate {
    let mut e = match &s.mix {
        Some(mix) => estimate_mix(book, s, mix),
        None => estimate_model(book, s),
    };
    fit_options(book, &mut e);
    e
}
