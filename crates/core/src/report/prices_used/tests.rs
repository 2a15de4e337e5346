use super::*;
use crate::cost::scenario_cost::estimate;
use crate::pricebook::fixtures::playbook_book;
use crate::scenario::codec::decode_query;

fn lines(q: &str) -> Vec<PriceLine> {
    let book = playbook_book();
    let (s, errors) = decode_query(q);
    assert!(errors.is_empty(), "{errors:?}");
    price_lines(&book, &estimate(&book, &s))
}

fn items(lines: &[PriceLine], subject: &str) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|l| l.subject == subject)
        .map(|l| (l.item.clone(), l.value.clone()))
        .collect()
}

#[test]
fn the_playbook_uses_output_prices_and_the_yuan_rate() {
    let l = lines("in=0&cmp=holysheep/claude-haiku-4-5");
    assert_eq!(
        items(&l, "anthropic/claude-haiku-4-5"),
        [("output, per 1M tokens".to_string(), "$5".to_string())]
    );
    assert_eq!(
        items(&l, "holysheep/claude-haiku-4-5"),
        [(
            "flat rate for output, per 1M tokens".to_string(),
            "¥1".to_string()
        )]
    );
    let fx = items(&l, FX_SUBJECT);
    assert_eq!(fx, [("CNY per US dollar".to_string(), "7.1".to_string())]);
    let anthropic = &l[0];
    assert_eq!(
        anthropic.source,
        "https://docs.claude.com/en/docs/about-claude/pricing"
    );
    assert_eq!(anthropic.label, "Anthropic — Claude Haiku 4.5");
    assert!(!anthropic.checked.is_empty());
}

#[test]
fn cache_and_batch_prices_appear_only_when_used() {
    let l = lines("in=1000&cr=50&cw=10&ttl=1h&batch=20&cmp=anthropic/claude-haiku-4-5");
    let got: Vec<String> = items(&l, "anthropic/claude-haiku-4-5")
        .into_iter()
        .map(|(i, v)| format!("{i} = {v}"))
        .collect();
    assert_eq!(
        got,
        [
            "input, per 1M tokens = $1",
            "cache read, per 1M tokens = $0.1",
            "cache write (1h), per 1M tokens = $2",
            "output, per 1M tokens = $5",
            "batch discount = 50%",
        ]
    );
}

#[test]
fn a_credit_relay_lists_its_factor_and_the_list_prices_it_multiplies() {
    let l = lines("in=0&cmp=openrouter/anthropic/claude-haiku-4.5");
    let relay: Vec<&PriceLine> = l
        .iter()
        .filter(|l| l.subject == "openrouter/anthropic/claude-haiku-4.5")
        .collect();
    assert_eq!(relay[0].item, "credit price of one unit of list price");
    assert_eq!(relay[0].value, "$1.055 per $1");
    assert_eq!(relay[0].source, "https://openrouter.ai/pricing");
    let list = relay.last().unwrap();
    assert_eq!(
        list.item,
        "output, per 1M tokens (list price of anthropic/claude-haiku-4-5)"
    );
    assert_eq!(list.value, "$5");
    assert_eq!(
        list.source,
        "https://docs.claude.com/en/docs/about-claude/pricing"
    );
}

#[test]
fn the_tier_off_peak_and_batch_prices_used_are_listed_with_the_model_s_own_source() {
    let book = crate::pricebook::fixtures::shipped_book();
    let lines = |q: &str| {
        let (s, errors) = decode_query(q);
        assert!(errors.is_empty(), "{errors:?}");
        price_lines(&book, &estimate(&book, &s))
    };
    let flex = lines("base=openai/gpt-5.4&cmp=&in=1000&out=10&tier=flex&batch=50");
    let gpt = items(&flex, "openai/gpt-5.4");
    assert_eq!(
        gpt,
        [
            (
                "flex tier: input, per 1M tokens".to_string(),
                "$1.25".to_string()
            ),
            ("flex tier: output, per 1M tokens".into(), "$7.5".into()),
            ("batch: input, per 1M tokens".into(), "$1.25".into()),
            ("batch: output, per 1M tokens".into(), "$7.5".into()),
        ]
    );
    let line = flex.iter().find(|l| l.subject == "openai/gpt-5.4").unwrap();
    assert_eq!(
        line.source,
        "https://developers.openai.com/api/docs/pricing"
    );
    assert_eq!(line.checked, "2026-10-14");
    let off = lines("base=deepseek/deepseek-flash&cmp=&in=0&out=10&offpeak=30");
    assert_eq!(
        items(&off, "deepseek/deepseek-flash"),
        [
            ("output, per 1M tokens".to_string(), "$1.2".to_string()),
            (
                "off-peak (04:00-06:00, 10:00-01:00 UTC): output, per 1M tokens".into(),
                "$0.6".into()
            ),
        ]
    );
}
