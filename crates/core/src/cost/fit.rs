//! How each option of an estimate fits the scenario's requirements: its
//! provider's facts, and each requirement checked against them.
//!
//! Usage: [`crate::cost::scenario_cost::estimate`] fills every
//! option's [`Fit`]; `o.fit.meets_all()` says whether it can be the default
//! migration target.

use crate::cost::estimate::{Estimate, Fit, OptionEstimate, ROUTE_MODEL, VENDORS};
use crate::cost::mix::route_model;
use crate::pricebook::facts::Facts;
use crate::pricebook::requirement::{Check, Requirement, Verdict, check_all};
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

/// `region:<code>` on a one-model option whose provider prices that region
/// per model: met on a model listed with its regional price, failed on the
/// others (the provider does not keep their requests there); `None` where
/// the provider's facts decide.
fn model_region(
    book: &Pricebook,
    e: &Estimate,
    o: &OptionEstimate,
    req: &Requirement,
) -> Option<Check> {
    let Requirement::Region(code) = req else {
        return None;
    };
    if o.option.model == ROUTE_MODEL {
        return mix_region(book, e, o, req, code);
    }
    let (provider, model) = book.resolve(&o.option)?;
    if !provider.prices_regions_per_model(code) {
        return None;
    }
    let (verdict, fact, source, checked) = match model.region(code) {
        Some(r) => (
            Verdict::Met,
            format!(
                "{} can keep this model's requests in {} at ×{} its prices",
                provider.name,
                code.to_ascii_uppercase(),
                r.multiplier.normalize()
            ),
            r.source.clone(),
            Some(r.checked),
        ),
        None => {
            let any = provider.models.iter().find_map(|m| m.region(code))?;
            (
                Verdict::Fails,
                format!(
                    "{} keeps requests in {} only on the models it prices there; not this one",
                    provider.name,
                    code.to_ascii_uppercase()
                ),
                any.source.clone(),
                Some(any.checked),
            )
        }
    };
    Some(Check {
        requirement: req.code(),
        label: req.label(),
        verdict,
        fact: Some(fact),
        source: Some(source),
        checked,
        claimed: false,
    })
}

/// `region:<code>` on a route of a workload mix: failed when a class the
/// route leaves on (or sends to) a vendor that prices the region per model
/// is of a model without that price; else the providers' facts decide.
fn mix_region(
    book: &Pricebook,
    e: &Estimate,
    o: &OptionEstimate,
    req: &Requirement,
    code: &str,
) -> Option<Check> {
    let mix = e.scenario.mix.as_ref()?;
    let own = book.provider(&o.option.provider);
    let vendors = o.option.provider == VENDORS;
    for c in &mix.workload.classes {
        let served = own.is_some_and(|p| route_model(book, p, &c.source).is_some());
        if served || (c.via.is_some() && !vendors) {
            continue;
        }
        let Some((provider, model)) = book.resolve(&c.source) else {
            continue;
        };
        let priced_there = provider.models.iter().find_map(|m| m.region(code));
        if let (Some(any), None) = (priced_there, model.region(code)) {
            return Some(Check {
                requirement: req.code(),
                label: req.label(),
                verdict: Verdict::Fails,
                fact: Some(format!(
                    "{} keeps requests in {} only on the models it prices there; not {}",
                    provider.name,
                    code.to_ascii_uppercase(),
                    model.name
                )),
                source: Some(any.source.clone()),
                checked: Some(any.checked),
                claimed: false,
            });
        }
    }
    None
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
                checks: reqs
                    .iter()
                    .map(|r| model_region(book, e, o, r).unwrap_or_else(|| check_all(r, &facts)))
                    .collect(),
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
        // Anthropic keeps requests in the US only from Opus 4.6 on: the
        // log's Haiku 4.5 cannot be.
        assert_eq!(verdict("req=region:us", "as-logged"), Verdict::Fails);
    }

    #[test]
    fn a_mix_on_us_only_models_costs_a_tenth_more_as_logged_and_meets_region_us() {
        let book = shipped_book();
        let mix = "mix=1:30:anthropic/claude-sonnet-4-6:0.100.5000.0.0.0.1000.50";
        let as_logged = |q: &str| {
            let (s, errors) = decode_query(&format!("{mix}{q}"));
            assert!(errors.is_empty(), "{errors:?}");
            let e = estimate(&book, &s);
            e.options
                .iter()
                .find(|o| o.option.provider == "as-logged")
                .cloned()
                .unwrap()
        };
        let global = as_logged("");
        let us = as_logged("&req=region:us");
        assert_eq!(
            us.per_day.total,
            global.per_day.total * rust_decimal::Decimal::new(11, 1)
        );
        assert_eq!(us.fit.checks[0].verdict, Verdict::Met);
        assert!(us.notes.iter().any(|n| n.starts_with("region:us required")));
    }

    #[test]
    fn us_only_inference_costs_a_tenth_more_where_offered_and_fails_elsewhere() {
        let book = shipped_book();
        let option = |q: &str, id: &str| {
            let (s, errors) = decode_query(q);
            assert!(errors.is_empty(), "{errors:?}");
            let e = estimate(&book, &s);
            let o = e
                .options
                .iter()
                .find(|o| o.option.to_string() == id)
                .cloned();
            o.unwrap_or_else(|| panic!("{id} is not an option of {q}"))
        };
        let sonnet = "anthropic/claude-sonnet-4-6";
        let global = option(&format!("base={sonnet}&cr=20&cw=10"), sonnet);
        let us = option(&format!("base={sonnet}&cr=20&cw=10&req=region:us"), sonnet);
        let tenth = rust_decimal::Decimal::new(11, 1);
        assert_eq!(us.per_request.total, global.per_request.total * tenth);
        assert_eq!(us.per_month.total, global.per_month.total * tenth);
        assert_eq!(us.fit.checks[0].verdict, Verdict::Met);
        assert!(
            us.notes
                .iter()
                .any(|n| n.starts_with("region:us required: every price ×1.1"))
        );
        // Haiku 4.5 predates inference_geo: Anthropic cannot keep it in the US.
        let haiku = "anthropic/claude-haiku-4-5";
        let old = option(&format!("base={haiku}&req=region:us"), haiku);
        assert_eq!(old.fit.checks[0].verdict, Verdict::Fails);
        assert_eq!(
            old.per_request.total,
            option(&format!("base={haiku}"), haiku).per_request.total
        );
    }
}
