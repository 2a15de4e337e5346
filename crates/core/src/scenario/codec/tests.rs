use super::*;
use crate::money::DisplayCurrency;
use crate::pricebook::requirement::{OFFERED, Requirement};
use crate::pricebook::{ModelRef, ServiceTier};
use crate::scenario::CacheTtl;
use crate::scenario::migration::{Migration, Phase};
use proptest::prelude::*;

fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
    q.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn reads_every_key() {
    let (s, errors) = decode(&pairs(&[
        ("rpd", "1000"),
        ("in", "1500.5"),
        ("out", "300"),
        ("cr", "40"),
        ("cw", "10"),
        ("ttl", "1h"),
        ("batch", "25"),
        ("base", "openai/gpt-4.1"),
        ("cmp", "holysheep/gpt-4.1,openrouter/openai/gpt-4.1"),
        ("cur", "eur"),
    ]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(s.requests_per_day, 1000);
    assert_eq!(s.input_tokens.to_string(), "1500.5");
    assert_eq!(s.cache_ttl, CacheTtl::OneHour);
    assert_eq!(s.base.to_string(), "openai/gpt-4.1");
    let cmp = s.compare.unwrap();
    assert_eq!(cmp[1].provider, "openrouter");
    assert_eq!(cmp[1].model, "openai/gpt-4.1");
    assert_eq!(s.currency, DisplayCurrency::EUR);
}

#[test]
fn a_bad_value_keeps_the_rest() {
    let (s, errors) = decode(&pairs(&[("rpd", "-3"), ("out", "250"), ("cur", "GBP")]));
    assert_eq!(s.requests_per_day, Scenario::default().requests_per_day);
    assert_eq!(s.output_tokens, Decimal::from(250));
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["rpd", "cur"]);
    assert!(errors[0].message.contains("whole number"));
    assert_eq!(errors[1].message, "choose USD, CNY or EUR");
    assert_eq!(errors[1].value, "GBP");
}

#[test]
fn unknown_and_repeated_keys_are_reported() {
    let (s, errors) = decode(&pairs(&[("rpd", "1"), ("rpd", "2"), ("colour", "red")]));
    assert_eq!(s.requests_per_day, 1);
    assert_eq!(errors.len(), 2);
    assert!(
        errors[0]
            .message
            .starts_with("unknown parameter; allowed: mix, rpd, in, out")
    );
    assert_eq!(
        errors[1].message,
        "given 2 times; the first value is used, give each parameter once"
    );
}

#[test]
fn cache_shares_cannot_pass_100() {
    let (s, errors) = decode(&pairs(&[("cr", "80"), ("cw", "30")]));
    assert_eq!(errors[0].field, "cw");
    assert_eq!(s.cache_write_pct, Decimal::from(20));
}

#[test]
fn percentages_are_bounded() {
    for bad in ["101", "-1", "abc", ""] {
        let (_, errors) = decode(&pairs(&[("batch", bad)]));
        assert_eq!(errors.len(), 1, "{bad}");
        assert_eq!(errors[0].message, "enter a percentage from 0 to 100");
    }
}

#[test]
fn query_strings_are_percent_decoded() {
    let (s, errors) = decode_query("?rpd=1%2C000&base=anthropic%2Fclaude-sonnet-4-5&cmp=");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(s.requests_per_day, 1000);
    assert_eq!(s.base.model, "claude-sonnet-4-5");
    assert_eq!(s.compare, None);
}

#[test]
fn encode_is_canonical() {
    assert_eq!(encode(&Scenario::default()), "");
    let (s, _) = decode_query("cur=CNY&rpd=5&out=100.0");
    assert_eq!(encode(&s), "rpd=5&out=100&cur=CNY");
    let (s, _) =
        decode_query("fb=1&phases=20:3,100:4&growth=5.0&target=holysheep/claude-haiku-4-5");
    assert_eq!(
        encode(&s),
        "growth=5&target=holysheep/claude-haiku-4-5&phases=20:3,100:4&fb=1"
    );
}

#[test]
fn reads_the_migration_keys() {
    let (s, errors) = decode(&pairs(&[
        ("growth", "-2.5"),
        ("horizon", "36"),
        ("target", "holysheep/claude-haiku-4-5"),
        ("hours", "16"),
        ("rate", "1,200"),
        ("fixed", "500"),
        ("monthly", "49"),
        ("credit", "10"),
        ("phases", "5:3, 50:10,100:1"),
        ("fb", "1.5"),
    ]));
    assert!(errors.is_empty(), "{errors:?}");
    let m = &s.migration;
    assert_eq!(s.growth_pct, Decimal::new(-25, 1));
    assert_eq!(s.horizon_months, 36);
    assert_eq!(m.target.as_ref().unwrap().model, "claude-haiku-4-5");
    assert_eq!(m.hourly_rate, Decimal::from(1200));
    assert_eq!(
        m.phases,
        vec![Phase::new(5, 3), Phase::new(50, 10), Phase::new(100, 1)]
    );
    assert_eq!(m.fallback_pct, Decimal::new(15, 1));
    let (none, _) = decode(&pairs(&[("phases", "none")]));
    assert!(none.migration.phases.is_empty());
}

#[test]
fn bad_migration_values_name_the_field_and_the_rule() {
    for (key, value, says) in [
        ("growth", "60", "from -50 to 50"),
        ("horizon", "18", "choose 12, 24 or 36 months"),
        ("rate", "-1", "an amount from 0"),
        ("hours", "x", "a number of hours"),
        ("phases", "10:7,abc", "phase 2 (`abc`) has no `:`"),
        ("phases", "10:0", "phase 1: days `0`"),
        ("phases", "110:7", "share `110` is not 0–100"),
        ("fb", "101", "a percentage from 0 to 100"),
        ("search", "-1", "web searches per request from 0 to 1,000"),
        ("cal", "0", "not a factor"),
        (
            "cal",
            "1.1,2026-11-30,2026-11-01",
            "the first day is after the last",
        ),
        (
            "cal",
            "1.1,2026-11-01",
            "one factor, or a factor and two days",
        ),
        ("search", "1001", "web searches per request from 0 to 1,000"),
        ("target", "holysheep", "provider/model"),
    ] {
        let (_, errors) = decode(&pairs(&[(key, value)]));
        assert_eq!(errors.len(), 1, "{key}={value}");
        assert_eq!(errors[0].field, key);
        assert_eq!(errors[0].value, value);
        assert!(
            errors[0].message.contains(says),
            "{key}={value}: {}",
            errors[0].message
        );
    }
}

fn arb_ref() -> impl Strategy<Value = ModelRef> {
    ("[a-z]{1,8}", "[a-z0-9.-]{1,8}(/[a-z0-9.-]{1,8})?")
        .prop_map(|(provider, model)| ModelRef { provider, model })
}

fn arb_pct() -> impl Strategy<Value = Decimal> {
    (0u32..=1000).prop_map(|n| (Decimal::from(n) / Decimal::TEN).normalize())
}

prop_compose! {
    fn arb_scenario()(
        rpd in 0u64..=MAX_REQUESTS_PER_DAY,
        input in 0u64..=MAX_TOKENS,
        output in 0u64..=100_000,
        cr in arb_pct(),
        cw_share in 0u32..=100,
        ttl in prop_oneof![Just(CacheTtl::FiveMinutes), Just(CacheTtl::OneHour)],
        batch in arb_pct(),
        offpeak in arb_pct(),
        tier in prop_oneof![Just(ServiceTier::Standard), Just(ServiceTier::Flex), Just(ServiceTier::Priority)],
        searches in (0u32..=10_000).prop_map(|n| (Decimal::from(n) / Decimal::TEN).normalize()),
        cal in proptest::option::of((1u32..=10_000, proptest::option::of((0i64..3_000, 0i64..400)))),
        base in arb_ref(),
        compare in proptest::option::of(proptest::collection::vec(arb_ref(), 1..4)),
        cur in prop_oneof![Just(DisplayCurrency::USD), Just(DisplayCurrency::CNY), Just(DisplayCurrency::EUR)],
        growth in (-500i64..=500).prop_map(|n| (Decimal::from(n) / Decimal::TEN).normalize()),
        horizon in prop_oneof![Just(12u32), Just(24), Just(36)],
        migration in arb_migration(),
        req in proptest::sample::subsequence(
            OFFERED.iter().map(|c| c.to_string()).chain(["sla:99.95".to_string(), "currency:CNY".to_string(), "region:jp".to_string()]).collect::<Vec<_>>(),
            0..5,
        ),
    ) -> Scenario {
        let mut requirements: Vec<Requirement> = req.iter().filter_map(|c| Requirement::parse(c).ok()).collect();
        requirements.sort();
        let cw = ((Decimal::ONE_HUNDRED - cr) * Decimal::from(cw_share) / Decimal::ONE_HUNDRED).round_dp(1).normalize();
        Scenario {
            requests_per_day: rpd,
            input_tokens: Decimal::from(input),
            output_tokens: Decimal::from(output),
            cache_read_pct: cr,
            cache_write_pct: cw,
            cache_ttl: ttl,
            batch_pct: batch,
            offpeak_pct: offpeak,
            service_tier: tier,
            web_searches: searches,
            base,
            compare,
            requirements,
            currency: cur,
            growth_pct: growth,
            horizon_months: horizon,
            migration,
            mix: None,
            calibration: cal.map(|(f, days)| crate::scenario::calibration::Calibration {
                factor: (Decimal::from(f) / Decimal::ONE_THOUSAND).normalize(),
                from: days.map(|(a, _)| crate::money::date::CalendarDate::from_days_since_epoch(19_000 + a)),
                to: days.map(|(a, n)| crate::money::date::CalendarDate::from_days_since_epoch(19_000 + a + n)),
            }),
            audits: Vec::new(),
            price: Default::default(),
        }
    }
}

fn arb_amount() -> impl Strategy<Value = Decimal> {
    (0i64..=1_000_000_000_000, 0u32..=2).prop_map(|(n, dp)| Decimal::new(n, dp).normalize())
}

prop_compose! {
    fn arb_migration()(
        target in proptest::option::of(arb_ref()),
        hours in arb_pct(),
        rate in arb_amount(),
        fixed in arb_amount(),
        monthly in arb_amount(),
        credit in arb_amount(),
        phases in proptest::collection::vec((arb_pct(), 1u32..=MAX_PHASE_DAYS), 0..=MAX_PHASES),
        fb in arb_pct(),
    ) -> Migration {
        Migration {
            target,
            hours,
            hourly_rate: rate,
            fixed_cost: fixed,
            monthly_cost: monthly,
            credit,
            phases: phases.into_iter().map(|(share_pct, days)| Phase { share_pct, days }).collect(),
            fallback_pct: fb,
            fallback_measured: None,
        }
    }
}

proptest! {
    #[test]
    fn decode_inverts_encode(s in arb_scenario()) {
        let (back, errors) = decode_query(&encode(&s));
        prop_assert!(errors.is_empty(), "{:?}", errors);
        prop_assert_eq!(back, s);
    }
}

fn arb_fingerprint() -> impl Strategy<Value = String> {
    "[0-9a-f]{16}"
}

proptest! {
    #[test]
    fn a_share_link_decodes_to_its_scenario_and_pricebook(s in arb_scenario(), fp in arb_fingerprint()) {
        let q = link_query(&s, &fp);
        prop_assert!(q.starts_with("v=2"));
        let d = decode_link(&split_query(&q), &[]);
        prop_assert!(d.errors.is_empty(), "{:?}", d.errors);
        prop_assert_eq!(d.link, LinkMeta { version: 2, pricebook: Some(fp.clone()) });
        prop_assert_eq!(&d.scenario, &s);
        // Canonical: the same scenario gives the same link.
        prop_assert_eq!(link_query(&d.scenario, &fp), q);
    }
}

/// Links of version 1 as they were first written. They must keep decoding to
/// these scenarios in every later release; a change that breaks one bumps
/// `LINK_VERSION` and keeps a version-1 reader instead. Version 2 changed
/// only the default baseline, so a version-1 link without `base` now names
/// Claude Haiku 4.5 in its canonical query, and is re-written as version 2.
#[test]
fn version_1_links_keep_their_meaning() {
    let golden = [
        ("v=1&pb=0123456789abcdef", "base=anthropic/claude-haiku-4-5"),
        (
            "v=1&rpd=1000&in=1500&out=300&cr=40&cw=10&ttl=1h&batch=25&pb=0123456789abcdef",
            "rpd=1000&in=1500&out=300&cr=40&cw=10&ttl=1h&batch=25&base=anthropic/claude-haiku-4-5",
        ),
        (
            "v=1&growth=5&horizon=36&base=openai/gpt-4.1&cmp=holysheep/gpt-4.1,openrouter/openai/gpt-4.1&cur=EUR&pb=0123456789abcdef",
            "growth=5&horizon=36&base=openai/gpt-4.1&cmp=holysheep/gpt-4.1,openrouter/openai/gpt-4.1&cur=EUR",
        ),
        (
            "v=1&in=0&target=holysheep/claude-haiku-4-5&hours=16&rate=120&fixed=500&monthly=50&credit=100&phases=10:7,100:30&fb=2&pb=0123456789abcdef",
            "in=0&base=anthropic/claude-haiku-4-5&target=holysheep/claude-haiku-4-5&hours=16&rate=120&fixed=500&monthly=50&credit=100&phases=10:7,100:30&fb=2",
        ),
    ];
    for (link, scenario) in golden {
        let d = decode_link(&split_query(link), &[]);
        assert!(d.errors.is_empty(), "{link}: {:?}", d.errors);
        assert_eq!(d.link.pricebook.as_deref(), Some("0123456789abcdef"));
        assert_eq!(encode(&d.scenario), scenario, "{link}");
        let v2 = link_query(&d.scenario, "0123456789abcdef");
        assert_eq!(
            v2,
            format!("v=2&{scenario}&pb=0123456789abcdef").replace("&&", "&")
        );
        assert_eq!(decode_link(&split_query(&v2), &[]).scenario, d.scenario);
    }
    let (s, _) = decode_query("in=0&target=holysheep/claude-haiku-4-5&phases=10:7,100:30");
    assert_eq!(s.migration.phases.len(), 2);
    assert_eq!(s.input_tokens, Decimal::ZERO);
}

#[test]
fn a_link_from_a_newer_release_is_named() {
    let d = decode_link(&pairs(&[("v", "3"), ("rpd", "5")]), &[]);
    assert_eq!(d.scenario.requests_per_day, 5);
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].field, "v");
    assert!(d.errors[0].message.contains("version 3"), "{:?}", d.errors);
    assert!(
        d.errors[0].message.contains("reads versions 1 to 2"),
        "{:?}",
        d.errors
    );
    let d = decode_link(&pairs(&[("v", "one")]), &[]);
    assert!(
        d.errors[0].message.contains("whole number"),
        "{:?}",
        d.errors
    );
    assert_eq!(d.link.version, LINK_VERSION);
}

#[test]
fn a_bad_fingerprint_is_named() {
    for bad in ["xyz", "0123456789abcde", "0123456789abcdefg"] {
        let d = decode_link(&pairs(&[("pb", bad)]), &[]);
        assert_eq!(d.errors.len(), 1, "{bad}");
        assert_eq!(d.errors[0].field, "pb");
        assert!(d.errors[0].message.contains("16 hex digits"));
        assert_eq!(d.link.pricebook, None);
    }
    let d = decode_link(&pairs(&[("pb", "0123456789ABCDEF")]), &[]);
    assert_eq!(d.link.pricebook.as_deref(), Some("0123456789abcdef"));
}

#[test]
fn a_view_key_is_handed_back_and_others_are_refused() {
    let d = decode_link(&pairs(&[("show", "summary"), ("rpd", "7")]), &["show"]);
    assert!(d.errors.is_empty());
    assert_eq!(d.extra, pairs(&[("show", "summary")]));
    let d = decode_link(&pairs(&[("show", "summary")]), &[]);
    assert_eq!(d.errors[0].field, "show");
    assert!(d.errors[0].message.contains("allowed: mix, rpd"));
    assert!(d.errors[0].message.contains("v, pb"));
}
