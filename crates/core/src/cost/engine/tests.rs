use super::*;
use crate::cost::scenario_cost::estimate;
use crate::money::DisplayCurrency;
use crate::pricebook::fixtures::playbook_book;
use crate::pricebook::{SourceFile, load::load};
use proptest::prelude::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn r(s: &str) -> ModelRef {
    let (provider, model) = s.split_once('/').unwrap();
    ModelRef {
        provider: provider.into(),
        model: model.into(),
    }
}

use crate::scenario::fixtures::playbook_traffic as scenario;

fn option<'a>(e: &'a Estimate, id: &str) -> &'a OptionEstimate {
    e.options
        .iter()
        .find(|o| o.option.to_string() == id)
        .unwrap_or_else(|| {
            panic!(
                "{id} not in {:?}",
                e.options
                    .iter()
                    .map(|o| o.option.to_string())
                    .collect::<Vec<_>>()
            )
        })
}

#[test]
fn playbook_haiku_output_costs_10000_a_day() {
    // 10,000,000 requests × 200 output tokens × $5 / 1M = $10,000.
    let e = estimate(&playbook_book(), &scenario(10_000_000, 0, 200));
    let haiku = option(&e, "anthropic/claude-haiku-4-5");
    assert!(haiku.is_baseline);
    assert_eq!(haiku.per_day.total, d("10000"));
    assert_eq!(haiku.per_day.output, d("10000"));
    assert_eq!(haiku.per_month.total, d("300000"));
    assert_eq!(haiku.per_year.total, d("3650000"));
    assert_eq!(haiku.per_request.total, d("0.001"));
}

#[test]
fn playbook_claim_of_2000_a_day_is_really_6000() {
    // 10 M requests × 200 tokens at $3 / 1M (Sonnet 4.5 input) = $6,000, not $2,000.
    let mut s = scenario(10_000_000, 200, 0);
    s.base = r("anthropic/claude-sonnet-4-5");
    let e = estimate(&playbook_book(), &s);
    assert_eq!(
        option(&e, "anthropic/claude-sonnet-4-5").per_day.total,
        d("6000")
    );
}

#[test]
fn long_context_tier_bills_the_whole_request() {
    let book = playbook_book();
    let mut s = scenario(1, 250_000, 1_000);
    s.base = r("anthropic/claude-sonnet-4-5");
    let above = option(&estimate(&book, &s), "anthropic/claude-sonnet-4-5").clone();
    // 250,000 × $6 + 1,000 × $22.50, per 1M.
    assert_eq!(above.per_request.total, d("1.5225"));
    assert_eq!(above.tier_above_input_tokens, Some(200_000));
    s.input_tokens = Decimal::from(200_000);
    let at = option(&estimate(&book, &s), "anthropic/claude-sonnet-4-5").clone();
    // Exactly 200k is not above the threshold: 200,000 × $3 + 1,000 × $15.
    assert_eq!(at.per_request.total, d("0.615"));
    assert_eq!(at.tier_above_input_tokens, None);
}

#[test]
fn cache_reads_and_writes_use_their_prices() {
    let book = playbook_book();
    let mut s = scenario(1, 1_000, 100);
    s.cache_read_pct = Decimal::from(50);
    s.cache_write_pct = Decimal::from(10);
    let five = option(&estimate(&book, &s), "anthropic/claude-haiku-4-5")
        .per_request
        .clone();
    // 400 × $1 + 500 × $0.10 + 100 × $1.25 + 100 × $5, per 1M.
    assert_eq!(five.input, d("0.0004"));
    assert_eq!(five.cache_read, d("0.00005"));
    assert_eq!(five.cache_write, d("0.000125"));
    assert_eq!(five.output, d("0.0005"));
    assert_eq!(five.total, d("0.001075"));
    s.cache_ttl = CacheTtl::OneHour;
    let hour = option(&estimate(&book, &s), "anthropic/claude-haiku-4-5")
        .per_request
        .clone();
    assert_eq!(hour.cache_write, d("0.0002"));
    assert_eq!(hour.total, d("0.00115"));
}

#[test]
fn cache_writes_without_a_premium_bill_as_input() {
    let mut s = scenario(1, 1_000, 0);
    s.base = r("openai/gpt-4.1");
    s.cache_write_pct = Decimal::from(100);
    let e = estimate(&playbook_book(), &s);
    let gpt = option(&e, "openai/gpt-4.1");
    assert_eq!(gpt.per_request.cache_write, d("0.002"));
    assert!(
        gpt.notes
            .iter()
            .any(|n| n.contains("cache writes billed as input"))
    );
}

#[test]
fn batch_share_gets_the_batch_discount() {
    let book = playbook_book();
    let mut s = scenario(1, 1_000, 100);
    s.batch_pct = Decimal::from(50);
    let e = estimate(&book, &s);
    // Half the traffic at half price: (0.001 + 0.0005) × 0.75.
    assert_eq!(
        option(&e, "anthropic/claude-haiku-4-5").per_request.total,
        d("0.001125")
    );
    // DeepSeek has no batch API: full price, with a note.
    let ds = option(&e, "deepseek/deepseek-chat");
    assert_eq!(ds.per_request.total, d("0.000322"));
    assert!(ds.notes.iter().any(|n| n.contains("no batch API")));
}

#[test]
fn flat_relay_bills_every_token_at_its_rate() {
    let mut s = scenario(1, 1_000, 200);
    s.currency = DisplayCurrency::CNY;
    s.cache_read_pct = Decimal::from(50);
    let e = estimate(&playbook_book(), &s);
    let hs = option(&e, "holysheep/claude-haiku-4-5");
    // 1,200 tokens × ¥1 / 1M, cache reads included.
    assert_eq!(hs.per_request.total, d("0.0012"));
    assert_eq!(hs.per_request.cache_read, d("0.0005"));
    assert_eq!(hs.basis, "flat ¥1 per 1M tokens");
    assert_eq!(hs.claimed_overhead_ms, Some(50));
}

#[test]
fn flat_relay_converts_at_the_dated_rate() {
    let e = estimate(&playbook_book(), &scenario(7_100, 1_000, 0));
    let hs = option(&e, "holysheep/claude-haiku-4-5");
    // 7,100 requests × ¥0.001 = ¥7.1 = $1 at 7.10 CNY per USD.
    assert_eq!(hs.per_day.total.round_dp(20), d("1"));
    assert_eq!(e.fx.len(), 1);
    assert_eq!(e.fx[0].currency, "CNY");
}

#[test]
fn credit_relay_sells_list_price_at_its_rate() {
    let mut s = scenario(1, 1_000, 200);
    s.batch_pct = Decimal::from(100);
    s.compare = Some(vec![r("openrouter/anthropic/claude-haiku-4.5")]);
    let e = estimate(&playbook_book(), &s);
    let or = option(&e, "openrouter/anthropic/claude-haiku-4.5");
    // List $0.002 (no batch discount through the relay) × 1.055.
    assert_eq!(or.per_request.total, d("0.00211"));
    assert_eq!(or.basis, "credit: $1.055 buys $1 of list price");
}

#[test]
fn relay_with_own_prices_and_credit_multiplier() {
    let fx = SourceFile::new(
        "fx.toml",
        "schema = 1\n[[rates]]\ncurrency = \"CNY\"\nper_usd = 8\ndate = 2026-11-20\nsource = \"https://example.org\"\n",
    );
    let official = SourceFile::new(
        "up.toml",
        "schema = 1\n[provider]\nid = \"up\"\nname = \"Up\"\nkind = \"official\"\nbase_url = \"https://up.test\"\napi_style = \"openai\"\ncurrency = \"USD\"\nsource = \"https://up.test/p\"\nchecked = 2026-11-01\n[[models]]\nid = \"m\"\ninput = 2\noutput = 10\n",
    );
    let own = SourceFile::new(
        "own.toml",
        "schema = 1\n[provider]\nid = \"own\"\nname = \"Own\"\nkind = \"relay\"\nbase_url = \"https://own.test\"\napi_style = \"openai\"\ncurrency = \"CNY\"\nsource = \"https://own.test/p\"\nchecked = 2026-11-01\nupstream = \"up\"\npricing = \"own\"\n[[models]]\nid = \"m\"\ninput = 4\noutput = 16\n",
    );
    let credit = SourceFile::new(
        "cr.toml",
        "schema = 1\n[provider]\nid = \"cr\"\nname = \"Cr\"\nkind = \"relay\"\nbase_url = \"https://cr.test\"\napi_style = \"openai\"\ncurrency = \"CNY\"\nsource = \"https://cr.test/p\"\nchecked = 2026-11-01\nupstream = \"up\"\npricing = \"credit\"\n[provider.credit]\nper_list_unit = 1\n[[models]]\nid = \"m\"\nmultiplier = 1.5\n",
    );
    let book = load(&fx, &[official, own, credit]).unwrap();
    let mut s = scenario(1, 1_000_000, 1_000_000);
    s.base = r("up/m");
    s.currency = DisplayCurrency::CNY;
    let e = estimate(&book, &s);
    // Official: $12 = ¥96. Own: ¥4 + ¥16 = ¥20. Credit: ¥1 per $1 × 1.5 × $12 = ¥18.
    assert_eq!(option(&e, "up/m").per_request.total, d("96"));
    assert_eq!(option(&e, "own/m").per_request.total, d("20"));
    assert_eq!(option(&e, "cr/m").per_request.total, d("18"));
    assert_eq!(option(&e, "cr/m").basis, "credit: ¥1 buys $1 of list price");
    // Savings against the baseline, in money and %.
    let own = option(&e, "own/m");
    assert_eq!(own.savings.per_day, d("76"));
    assert_eq!(own.savings.per_month, d("2280"));
    assert_eq!(own.savings.pct.unwrap().round_dp(4), d("79.1667"));
}

#[test]
fn savings_against_the_baseline() {
    let mut s = scenario(1_000, 1_000, 200);
    s.currency = DisplayCurrency::CNY;
    let e = estimate(&playbook_book(), &s);
    // Haiku: $0.002 = ¥0.0142 a request; HolySheep: ¥0.0012.
    let hs = option(&e, "holysheep/claude-haiku-4-5");
    assert_eq!(hs.savings.per_day.round_dp(20), d("13"));
    assert_eq!(hs.savings.per_year.round_dp(18), d("4745"));
    assert_eq!(hs.savings.pct.unwrap().round_dp(3), d("91.549"));
    assert_eq!(
        option(&e, "anthropic/claude-haiku-4-5").savings.per_day,
        Decimal::ZERO
    );
}

#[test]
fn default_options_are_the_same_model_and_other_small_flagships() {
    let e = estimate(
        &playbook_book(),
        &crate::scenario::fixtures::playbook_scenario(),
    );
    let mut ids: Vec<String> = e
        .options
        .iter()
        .map(|o| o.option.to_string())
        .chain(e.dearer.iter().map(|d| d.option.to_string()))
        .collect();
    assert_eq!(ids[0], "anthropic/claude-haiku-4-5");
    ids.sort();
    assert_eq!(
        ids,
        [
            "anthropic/claude-haiku-4-5",
            "deepseek/deepseek-chat",
            "google/gemini-2.5-flash",
            "holysheep/claude-haiku-4-5",
            "openai/gpt-4.1-mini",
            "openrouter/anthropic/claude-haiku-4.5",
        ]
    );
    // After the baseline, cheapest first.
    let totals: Vec<Decimal> = e.options[1..].iter().map(|o| o.per_request.total).collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_default_comparison_keeps_the_cheaper_options_and_lists_the_rest() {
    let book = playbook_book();
    let s = crate::scenario::fixtures::playbook_scenario();
    let e = estimate(&book, &s);
    // Every kept option but the baseline saves; every dropped one costs
    // the baseline's month or more, by exactly what it is said to.
    assert!(
        e.options[1..]
            .iter()
            .all(|o| o.savings.per_month > Decimal::ZERO)
    );
    assert!(!e.dearer.is_empty());
    let mut all = s.clone();
    let ids: Vec<ModelRef> = e
        .options
        .iter()
        .map(|o| o.option.clone())
        .chain(e.dearer.iter().map(|d| d.option.clone()))
        .collect();
    all.compare = Some(ids[1..].to_vec());
    let every = estimate(&book, &all);
    assert!(every.dearer.is_empty(), "a cmp= list is kept whole");
    assert_eq!(every.options.len(), ids.len());
    for d in &e.dearer {
        let o = option(&every, &d.option.to_string());
        assert_eq!(d.extra_per_month, -o.savings.per_month);
        assert!(
            d.extra_per_month >= Decimal::ZERO,
            "{} is cheaper",
            d.label()
        );
        assert_eq!(d.label(), o.label());
    }
    // A dearer migration target stays.
    let mut to = s.clone();
    to.migration.target = Some(e.dearer[0].option.clone());
    let with_target = estimate(&book, &to);
    assert!(
        with_target
            .options
            .iter()
            .any(|o| o.option == e.dearer[0].option)
    );
    assert_eq!(with_target.dearer.len(), e.dearer.len() - 1);
}

#[test]
fn unknown_base_is_reported_and_the_default_stands_in() {
    let s = Scenario {
        base: r("anthropic/claude-9"),
        compare: Some(vec![r("holysheep/gpt-4.1"), r("nobody/x")]),
        ..crate::scenario::fixtures::playbook_scenario()
    };
    let e = estimate(&playbook_book(), &s);
    assert_eq!(e.baseline.to_string(), "anthropic/claude-haiku-4-5");
    assert_eq!(e.errors.len(), 2);
    assert_eq!(e.errors[0].field, "base");
    assert!(
        e.errors[0]
            .message
            .contains("choose one of: anthropic/claude-haiku-4-5")
    );
    assert_eq!(e.errors[1].field, "cmp");
    assert_eq!(e.options.len(), 2);
}

#[test]
fn aliases_resolve_to_canonical_ids() {
    let s = Scenario {
        base: r("anthropic/claude-haiku-4-5-20251001"),
        ..crate::scenario::fixtures::playbook_scenario()
    };
    let e = estimate(&playbook_book(), &s);
    assert!(e.errors.is_empty());
    assert_eq!(e.baseline.to_string(), "anthropic/claude-haiku-4-5");
}

proptest! {
    #[test]
    fn cost_grows_with_traffic(rpd in 0u64..1_000_000_000, extra in 1u64..1_000_000, out in 0u64..10_000) {
        let book = playbook_book();
        let a = estimate(&book, &scenario(rpd, 500, out));
        let b = estimate(&book, &scenario(rpd + extra, 500, out + 1));
        prop_assert_eq!(a.options.len(), b.options.len());
        for x in &a.options {
            let y = option(&b, &x.option.to_string());
            prop_assert!(x.per_day.total <= y.per_day.total);
        }
    }
}
