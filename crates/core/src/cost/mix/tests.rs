//! The exactness rule: a workload costs, on every route, exactly what its
//! requests cost one by one (each at the tier its own input reaches).

use super::*;
use crate::cost::engine::request_cost;
use crate::pricebook::ProviderKind;
use crate::pricebook::fixtures::{playbook_book, shipped_book};
use crate::scenario::usage::{RequestTokens, UsageRow};
use crate::scenario::workload::{build, source_model};
use proptest::prelude::*;

/// One request of `t`, priced alone: the 5-minute writes with the rest, the
/// 1-hour writes on their own (the engine prices one lifetime per request).
fn one_request(
    book: &Pricebook,
    p: &Provider,
    m: &Model,
    t: RequestTokens,
    batch: bool,
) -> CostParts {
    let d = Decimal::from;
    let u = Usage {
        input_total: d(t.input),
        tier_input: d(t.input),
        fresh_input: d(t.input - t.cache_read - t.cache_write_5m - t.cache_write_1h),
        cache_read: d(t.cache_read),
        cache_write: d(t.cache_write_5m),
        output: d(t.output),
        ttl: CacheTtl::FiveMinutes,
        batch_fraction: if batch { Decimal::ONE } else { Decimal::ZERO },
        offpeak_fraction: Decimal::ZERO,
        service_tier: ServiceTier::Standard,
        web_searches: Decimal::ZERO,
    };
    let hour = Usage {
        fresh_input: Decimal::ZERO,
        cache_read: Decimal::ZERO,
        cache_write: d(t.cache_write_1h),
        output: Decimal::ZERO,
        ttl: CacheTtl::OneHour,
        ..u.clone()
    };
    let cost = |u: &Usage| match request_cost(book, p, m, u) {
        Ok(c) => c.parts,
        Err(e) => panic!("{}/{}: {e}", p.id, m.id),
    };
    cost(&u).plus(&cost(&hour))
}

/// Checks every route: the classes' total equals the requests' sum.
fn assert_exact(book: &Pricebook, rows: &[(String, u64, RequestTokens, bool)]) -> usize {
    let usage: Vec<UsageRow> = rows
        .iter()
        .map(|(m, n, t, b)| UsageRow::identical(m, *n, *t, *b).unwrap())
        .collect();
    let workload = build(book, &usage).unwrap();
    let mut routes = 0;
    for provider in &book.providers {
        let mix = route_cost(book, provider, &workload).unwrap();
        let mut by_request = CostParts::default();
        for (model, n, t, batch) in rows {
            let source = source_model(book, model).unwrap();
            if let Some(m) = route_model(book, provider, &source) {
                by_request = by_request
                    .plus(&one_request(book, provider, m, *t, *batch).scale(Decimal::from(*n)));
            } else {
                assert!(
                    mix.missing.contains(&source),
                    "{}: {source} not listed as missing",
                    provider.id
                );
            }
        }
        assert_eq!(mix.total, by_request, "{}", provider.id);
        routes += 1;
    }
    routes
}

fn tokens(input: u64, read: u64, w5: u64, w1: u64, output: u64) -> RequestTokens {
    RequestTokens {
        input,
        cache_read: read,
        cache_write_5m: w5,
        cache_write_1h: w1,
        output,
        reasoning: 0,
    }
}

#[test]
fn requests_on_both_sides_of_every_threshold_cost_the_same_as_their_classes() {
    let book = shipped_book();
    let mut rows = Vec::new();
    for p in book
        .providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Official)
    {
        for m in &p.models {
            let cuts = crate::scenario::workload::thresholds(&book, &book.identity(p, m));
            for cut in cuts {
                for (i, input) in [cut - 1, cut, cut + 1, cut * 2].into_iter().enumerate() {
                    rows.push((
                        m.id.clone(),
                        i as u64 + 1,
                        tokens(input, input / 4, input / 10, input / 20, 777),
                        i == 3,
                    ));
                }
            }
        }
    }
    assert!(rows.len() >= 20, "{} rows", rows.len());
    // 16 classes at most: check the tiered models a few at a time.
    let mut checked = 0;
    for chunk in rows.chunks(8) {
        checked += assert_exact(&book, chunk);
    }
    assert!(checked > 0);
}

#[test]
fn a_route_without_the_model_prices_the_rest_and_says_which() {
    let book = playbook_book();
    let rows = vec![
        (
            "claude-haiku-4-5".to_string(),
            10,
            tokens(1_000, 0, 0, 0, 200),
            false,
        ),
        (
            "deepseek-chat".to_string(),
            3,
            tokens(5_000, 1_000, 0, 0, 100),
            false,
        ),
    ];
    assert_exact(&book, &rows);
    let usage: Vec<UsageRow> = rows
        .iter()
        .map(|(m, n, t, b)| UsageRow::identical(m, *n, *t, *b).unwrap())
        .collect();
    let w = build(&book, &usage).unwrap();
    let anthropic = book.provider("anthropic").unwrap();
    let cost = route_cost(&book, anthropic, &w).unwrap();
    assert_eq!(cost.missing.len(), 1);
    assert_eq!(cost.missing[0].provider, "deepseek");
    // Haiku 4.5 at $1/M input and $5/M output: 10 × (0.001 + 0.001).
    assert_eq!(cost.total.total, Decimal::new(2, 2));
}

fn arb_rows(models: Vec<String>) -> impl Strategy<Value = Vec<(String, u64, RequestTokens, bool)>> {
    let row = (
        proptest::sample::select(models),
        1u64..50,
        0u64..600_000,
        0u64..100,
        0u64..100,
        0u64..100,
        0u64..20_000,
        any::<bool>(),
    )
        .prop_map(|(m, n, input, r, w5, w1, out, batch)| {
            // Cache shares of the input, at most all of it.
            let read = input * r / 300;
            let w5 = input * w5 / 300;
            let w1 = input * w1 / 300;
            (m, n, tokens(input, read, w5, w1, out), batch)
        });
    proptest::collection::vec(row, 1..60)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_random_log_costs_exactly_its_requests_on_every_route(rows in arb_rows(vec![
        "claude-sonnet-4-5".into(),
        "claude-haiku-4-5".into(),
        "gpt-4.1-mini".into(),
        "deepseek-chat".into(),
    ])) {
        assert_exact(&playbook_book(), &rows);
    }

    #[test]
    fn a_random_log_on_todays_tiers_costs_exactly_its_requests(rows in arb_rows(vec![
        "claude-haiku-5-5".into(),
        "gpt-6-luna".into(),
        "gemini-2.5-pro".into(),
    ])) {
        assert_exact(&shipped_book(), &rows);
    }
}

#[test]
fn requests_in_the_off_peak_hours_are_their_own_class_priced_off_peak() {
    let book = shipped_book();
    let deepseek = book.provider("deepseek").unwrap();
    let at = |model: &str, minute: u16, input: u64| {
        let mut r =
            UsageRow::identical(model, 3, tokens(input, input / 2, 0, 0, 700), false).unwrap();
        r.minute_utc = Some(minute);
        r
    };
    // deepseek-chat is off-peak 16:30-00:30 UTC; deepseek-flash 04:00-06:00
    // and 10:00-01:00.
    let rows = [
        at("deepseek-chat", 17 * 60, 9_000),
        at("deepseek-chat", 16 * 60 + 29, 4_000),
        at("deepseek-chat", 30, 2_000),
        at("deepseek-flash", 5 * 60, 8_000),
        at("deepseek-flash", 7 * 60, 6_000),
        at("deepseek-flash", 60, 5_000),
    ];
    let w = build(&book, &rows).unwrap();
    let flags: Vec<(&str, bool, u64)> = w
        .classes
        .iter()
        .map(|c| (c.source.model.as_str(), c.offpeak, c.requests))
        .collect();
    assert_eq!(
        flags,
        [
            ("deepseek-chat", false, 6),
            ("deepseek-chat", true, 3),
            ("deepseek-flash", false, 6),
            ("deepseek-flash", true, 3),
        ]
    );
    let off = [true, false, false, true, false, false];
    let mut by_request = CostParts::default();
    for (row, off) in rows.iter().zip(off) {
        let m = deepseek.model(&row.model).unwrap();
        let t = Decimal::from(row.input_tokens / 3);
        let u = Usage {
            input_total: t,
            tier_input: t,
            fresh_input: t / Decimal::TWO,
            cache_read: t / Decimal::TWO,
            cache_write: Decimal::ZERO,
            output: Decimal::from(700),
            ttl: CacheTtl::FiveMinutes,
            batch_fraction: Decimal::ZERO,
            offpeak_fraction: if off { Decimal::ONE } else { Decimal::ZERO },
            service_tier: ServiceTier::Standard,
            web_searches: Decimal::ZERO,
        };
        let one = request_cost(&book, deepseek, m, &u).unwrap().parts;
        by_request = by_request.plus(&one.scale(Decimal::from(3)));
    }
    assert_eq!(route_cost(&book, deepseek, &w).unwrap().total, by_request);
}
