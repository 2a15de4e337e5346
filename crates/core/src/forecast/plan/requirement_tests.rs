//! The default migration target with requirements: the cheapest compared
//! option that meets every one, on the shipped pricebook and its facts.

use super::*;
use crate::cost::scenario_cost::estimate;
use crate::pricebook::fixtures::shipped_book;
use crate::pricebook::requirement::Verdict;
use crate::scenario::codec::decode_query;

const HAIKU: &str = "base=anthropic/claude-haiku-4-5&in=0";
/// The relay, dearer OpenAI and Google models, and OpenRouter.
const CMP: &str =
    "cmp=holysheep/claude-haiku-4-5,openai/gpt-4.1,openrouter/anthropic/claude-haiku-4.5";

fn target(q: &str) -> (Estimate, Option<ModelRef>) {
    let book = shipped_book();
    let (s, errors) = decode_query(&format!("{HAIKU}&{q}"));
    assert!(errors.is_empty(), "{errors:?}");
    let e = estimate(&book, &s);
    let t = target_of(&book, &e).map(|o| o.option.clone());
    (e, t)
}

fn provider(t: &Option<ModelRef>) -> Option<&str> {
    t.as_ref().map(|r| r.provider.as_str())
}

#[test]
fn without_requirements_the_cheapest_route_is_the_target() {
    let (e, t) = target(CMP);
    let cheapest = e.options.iter().find(|o| !o.is_baseline).unwrap();
    assert_eq!(t.as_ref(), Some(&cheapest.option));
    assert_eq!(provider(&t), Some("holysheep"));
}

#[test]
fn a_cheaper_route_that_fails_a_requirement_is_skipped_but_kept() {
    let (e, t) = target(&format!("{CMP}&req=soc2"));
    let relay = e
        .options
        .iter()
        .find(|o| o.option.provider == "holysheep")
        .unwrap();
    assert_eq!(relay.fit.checks[0].verdict, Verdict::Fails);
    assert_eq!(
        t.as_ref().map(ToString::to_string).as_deref(),
        Some("openai/gpt-4.1")
    );
    let chosen = e
        .options
        .iter()
        .find(|o| Some(&o.option) == t.as_ref())
        .unwrap();
    assert!(chosen.fit.meets_all());
    assert!(
        relay.per_request.total < chosen.per_request.total,
        "the relay is cheaper, and still not the target"
    );
    // Every cheaper option than the target fails or leaves SOC 2 unknown.
    for o in e.options.iter().filter(|o| !o.is_baseline) {
        if o.per_request.total < chosen.per_request.total {
            assert!(
                !o.fit.meets_all(),
                "{} meets SOC 2 and is cheaper",
                o.option
            );
        }
    }
}

#[test]
fn an_unknown_fact_never_counts_as_met() {
    // Only OpenRouter states card payment; the vendors' own payment pages
    // are not on file, so their card payment is unknown.
    let (e, t) = target("req=card");
    assert_eq!(provider(&t), Some("openrouter"));
    let official = e
        .options
        .iter()
        .find(|o| o.option.provider == "google")
        .unwrap();
    assert_eq!(official.fit.checks[0].verdict, Verdict::Unknown);
    assert!(!official.fit.meets_all());
}

#[test]
fn when_no_option_meets_every_requirement_there_is_no_default_target() {
    let (_, t) = target("req=soc2,wechat");
    assert_eq!(t, None);
}

#[test]
fn a_chosen_target_is_kept_even_when_it_fails() {
    let (_, t) = target("req=soc2&target=holysheep/claude-haiku-4-5");
    assert_eq!(provider(&t), Some("holysheep"));
}
