//! How each option of an estimate fits the scenario's requirements: its
//! provider's facts, and each requirement checked against them.
//!
//! Usage: [`crate::cost::scenario_cost::estimate`] fills every
//! option's [`Fit`]; `o.fit.meets_all()` says whether it can be the default
//! migration target.

use crate::cost::estimate::{Estimate, Fit, OptionEstimate, ROUTE_MODEL, VENDORS};
use crate::cost::mix::route_model;
use crate::pricebook::facts::Facts;
use crate::pricebook::requirement::check_all;
use crate::pricebook::{Pricebook, ProviderKind};

/// The providers whose facts decide an option: its own; for a relay's
/// route of a workload mix, also the vendor of each model it does not serve
/// (those requests stay where the log sent them); for the as-logged route,
/// the relay or vendor of every class in the log; for the vendors' route,
/// the vendor of every model.
fn deciding<'a>(book: &'a Pricebook, e: &Estimate, o: &OptionEstimate) -> Vec<&'a Facts> {
    let own = book.provider(&o.option.provider);
    let Some(mix) = e
        .scenario
        .mix
        .as_ref()
        .filter(|_| o.option.model == ROUTE_MODEL)
    else {
        return own.map(|p| vec![&p.facts]).unwrap_or_default();
    };
    let vendors = o.option.provider == VENDORS;
    // Each class the option does not serve stays where it was sent: the
    // relay it went through (but on the vendors' route), else its vendor.
    let mut ids: Vec<&str> = mix
        .workload
        .classes
        .iter()
        .filter(|c| own.is_none_or(|p| route_model(book, p, &c.source).is_none()))
        .map(|c| match &c.via {
            Some(via) if !vendors => via.as_str(),
            _ => c.source.provider.as_str(),
        })
        .chain(own.map(|p| p.id.as_str()))
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
                // The option's own provider's facts (none for the as-logged
                // route: one set per vendor). Only a relay routes elsewhere:
                // an official vendor has no `routes_to` to be unknown.
                facts: book
                    .provider(&o.option.provider)
                    .map(|p| {
                        p.facts
                            .lines()
                            .into_iter()
                            .filter(|l| o.kind == ProviderKind::Relay || l.key != "routes_to")
                            .collect()
                    })
                    .unwrap_or_default(),
                checks: reqs.iter().map(|r| check_all(r, &facts)).collect(),
            }
        })
        .collect();
    for (o, f) in e.options.iter_mut().zip(fits) {
        o.fit = f;
    }
}

#[cfg(test)]
mod tests {
    use crate::cost::scenario_cost::estimate;
    use crate::pricebook::fixtures::shipped_book;
    use crate::pricebook::requirement::Verdict;
    use crate::scenario::codec::decode_query;

    /// Haiku 4.5 (HolySheep serves it) and Gemini 3.5 Flash Lite (it does not).
    const MIX: &str = "mix=1:30:anthropic/claude-haiku-4-5,google/gemini-3.5-flash-lite:0.100.5000.0.0.0.1000.50,1.100.5000.0.0.0.1000.50";

    fn verdict(q: &str, route: &str) -> Verdict {
        let book = shipped_book();
        let (s, errors) = decode_query(&format!("{MIX}&{q}"));
        assert!(errors.is_empty(), "{errors:?}");
        let e = estimate(&book, &s);
        let o = e
            .options
            .iter()
            .find(|o| o.option.provider == route)
            .unwrap_or_else(|| panic!("{route} is not a route"));
        o.fit.checks[0].verdict
    }

    #[test]
    fn a_mix_route_answers_for_the_requests_it_leaves_on_their_vendor() {
        // HolySheep claims WeChat Pay; Google, which keeps the Gemini
        // requests, states no payment methods: unknown, not met.
        assert_eq!(verdict("req=wechat", "holysheep"), Verdict::Unknown);
        // Streaming: HolySheep claims it and Google states it.
        assert_eq!(verdict("req=stream", "holysheep"), Verdict::Met);
        // The log as sent: Anthropic and Google both have a ZDR arrangement.
        assert_eq!(verdict("req=zdr", "as-logged"), Verdict::Met);
        assert_eq!(verdict("req=region:us", "as-logged"), Verdict::Unknown);
    }
}
