//! How each option of an estimate fits the scenario's requirements: its
//! provider's facts, and each requirement checked against them.
//!
//! Usage: [`crate::domain::cost::scenario_cost::estimate`] fills every
//! option's [`Fit`]; `o.fit.meets_all()` says whether it can be the default
//! migration target.

use crate::domain::cost::estimate::{Estimate, Fit, OptionEstimate, AS_LOGGED};
use crate::domain::pricebook::facts::Facts;
use crate::domain::pricebook::requirement::check_all;
use crate::domain::pricebook::{Pricebook, ProviderKind};

/// The providers whose facts decide an option: its own, or for the
/// as-logged route of a mix, the vendor of every model in it.
fn deciding<'a>(book: &'a Pricebook, e: &Estimate, o: &OptionEstimate) -> Vec<&'a Facts> {
    if o.option.provider != AS_LOGGED {
        return book
            .provider(&o.option.provider)
            .map(|p| vec![&p.facts])
            .unwrap_or_default();
    }
    let Some(mix) = &e.scenario.mix else {
        return Vec::new();
    };
    let mut ids: Vec<&str> = mix
        .workload
        .models()
        .iter()
        .map(|m| m.provider.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.iter()
        .filter_map(|id| book.provider(id))
        .map(|p| &p.facts)
        .collect()
}

/// Fills every option's [`Fit`].
pub fn fit_options(book: &Pricebook, e: &mut Estimate) {
    let reqs = e.scenario.requirements.clone();
    let fits: Vec<Fit> = e
        .options
        .iter()
        .map(|o| {
            let facts = deciding(book, e, o);
            Fit {
                facts: match facts.as_slice() {
                    // Only a relay routes elsewhere: an official vendor
                    // has no `routes_to` to be unknown.
                    [one] if o.option.provider != AS_LOGGED => one
                        .lines()
                        .into_iter()
                        .filter(|l| o.kind == ProviderKind::Relay || l.key != "routes_to")
                        .collect(),
                    _ => Vec::new(),
                },
                checks: reqs.iter().map(|r| check_all(r, &facts)).collect(),
            }
        })
        .collect();
    for (o, f) in e.options.iter_mut().zip(fits) {
        o.fit = f;
    }
}
