use super::*;
use crate::scenario::Scenario;
use crate::scenario::codec::{MAX_QUERY_BYTES, decode_query, encode, link_query};
use crate::scenario::mix::DailySpread;

fn class(model: &str, batch: bool, requests: u64, input: u64, largest: u64) -> RequestClass {
    RequestClass {
        source: ModelRef {
            provider: "anthropic".into(),
            model: model.into(),
        },
        batch,
        offpeak: false,
        service_tier: crate::pricebook::ServiceTier::Standard,
        via: None,
        requests,
        tokens: ClassTokens {
            input,
            cache_read: input / 4,
            cache_write_5m: input / 8,
            cache_write_1h: input / 16,
            output: requests * 700,
            reasoning: 0,
            web_searches: 0,
        },
        max_request_input: largest,
    }
}

fn mix(classes: Vec<RequestClass>) -> Mix {
    Mix::new(30, Workload { classes })
}

/// 16 classes on 4 models, at the largest counts a month of heavy traffic
/// gives (20 M requests a class, 2 × 10^12 input tokens).
pub fn sixteen() -> Mix {
    let mut m = sixteen_classes();
    m.spread = Some(DailySpread {
        p10: rust_decimal::Decimal::new(73, 2),
        p90: rust_decimal::Decimal::new(142, 2),
    });
    m
}

fn sixteen_classes() -> Mix {
    let models = [
        "claude-haiku-4-5",
        "claude-sonnet-4-5",
        "claude-opus-4-5",
        "claude-sonnet-4-6",
    ];
    let classes = models
        .iter()
        .flat_map(|m| {
            [
                (false, 199_999),
                (true, 199_999),
                (false, 900_000),
                (true, 900_000),
            ]
            .map(|(b, largest)| class(m, b, 19_999_999, 3_999_999_999_999 / 2, largest))
        })
        .collect();
    mix(classes)
}

#[test]
fn a_mix_round_trips_through_its_text_and_the_query() {
    let m = mix(vec![
        class("claude-haiku-4-5", false, 10, 10_000, 1_000),
        class("claude-sonnet-4-5", true, 3, 600_000, 250_000),
    ]);
    let text = mix_text(&m);
    assert_eq!(
        text,
        "1:30:anthropic/claude-haiku-4-5,anthropic/claude-sonnet-4-5:0.10.10000.2500.1250.625.7000.1000,1b.3.600000.150000.75000.37500.2100.250000"
    );
    assert_eq!(parse_mix("mix", &text), Ok(m.clone()));
    let s = Scenario {
        mix: Some(m),
        ..Scenario::default()
    };
    let (back, errors) = decode_query(&encode(&s));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back, s);
}

#[test]
fn tiers_relays_and_reasoning_ride_in_the_class_head_and_a_ninth_field() {
    use crate::pricebook::ServiceTier;
    let mut flex = class("claude-haiku-4-5", false, 10, 10_000, 1_000);
    flex.service_tier = ServiceTier::Flex;
    flex.tokens.reasoning = 3_000;
    let mut prio = class("claude-haiku-4-5", false, 2, 2_000, 1_000);
    prio.service_tier = ServiceTier::Priority;
    let mut relayed = class("claude-haiku-4-5", true, 1, 1_000, 1_000);
    relayed.via = Some("openrouter".into());
    relayed.tokens.web_searches = 5;
    let m = mix(vec![flex, prio, relayed]);
    let text = mix_text(&m);
    assert_eq!(
        text,
        "1:30:anthropic/claude-haiku-4-5:0f.10.10000.2500.1250.625.7000.1000.3000,0p.2.2000.500.250.125.1400.1000,0b@openrouter.1.1000.250.125.62.700.1000..5"
    );
    assert_eq!(parse_mix("mix", &text), Ok(m));
    let why = |v: &str| parse_mix("mix", v).map(|_| ()).unwrap_err().message;
    assert!(why("1:30:anthropic/x:0@Open.1.1.....1").contains("relay `Open` is not a provider id"));
    assert!(
        why("1:30:anthropic/x:0.1.1....2.1.3").contains("reasoning (3) exceeds its output (2)")
    );
    assert!(
        why("1:30:anthropic/x:0.1.1....2.1.3.4.5").contains("has 11 fields; a class has 8 to 10")
    );
}

#[test]
fn the_daily_spread_rides_with_the_days() {
    let mut m = mix(vec![class("claude-haiku-4-5", false, 10, 10_000, 1_000)]);
    m.spread = Some(DailySpread {
        p10: rust_decimal::Decimal::new(82, 2),
        p90: rust_decimal::Decimal::new(131, 2),
    });
    let text = mix_text(&m);
    assert!(text.starts_with("1:30~0.82~1.31:anthropic/"), "{text}");
    assert_eq!(parse_mix("mix", &text), Ok(m));
    let why = |v: &str| parse_mix("mix", v).map(|_| ()).unwrap_err().message;
    for bad in [
        "1:30~2~1:anthropic/x:0.1.1.....1",
        "1:30~x:anthropic/x:0.1.1.....1",
        "1:30~-1~1:anthropic/x:0.1.1.....1",
    ] {
        assert!(
            why(bad).contains("write it as <p10>~<p90>"),
            "{bad}: {}",
            why(bad)
        );
    }
}

#[test]
fn sixteen_classes_fit_in_a_report_link() {
    let m = sixteen();
    let s = Scenario {
        mix: Some(m.clone()),
        ..Scenario::default()
    };
    let link = link_query(&s, "0123456789abcdef");
    // The figure in docs/usage-logs.md: the whole query of a report link,
    // with its version, the daily spread and the fingerprint.
    assert_eq!(link.len(), 1_487, "{link}");
    assert!(link.len() < MAX_QUERY_BYTES);
    let (back, errors) = decode_query(&link);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back.mix, Some(m));
}

#[test]
fn a_bad_mix_says_what_is_wrong() {
    let why = |v: &str| parse_mix("mix", v).map(|_| ()).unwrap_err().message;
    assert!(
        why("hello").contains("1:<days>:<models>:<classes>"),
        "{}",
        why("hello")
    );
    assert!(why("2:30:anthropic/x:0.1.1.....1").contains("version `2`"));
    assert!(why("1:0:anthropic/x:0.1.1.....1").contains("1 to 3660 days"));
    assert!(why("1:30:anthropic/x:3.1.1.....1").contains("names model `3`"));
    assert!(why("1:30:anthropic/x:0.1.10.20....10").contains("exceed its input"));
    assert!(why("1:30:anthropic/x:0.2.10.....4").contains("2 requests of at most 4"));
    assert!(why("1:30:anthropic/x:0..10.....10").contains("0 requests"));
    assert!(why("1:30:anthropic/x:0.1.x.....1").contains("input `x`"));
    assert!(why("1:30:anthropic/x:0.1.1").contains("3 fields"));
    let many = vec!["0.1.1.....1"; 17].join(",");
    assert!(why(&format!("1:30:anthropic/x:{many}")).contains("at most 16"));
}

#[test]
fn a_mix_with_traffic_keys_names_the_keys_to_drop() {
    let m = mix_text(&mix(vec![class("claude-haiku-4-5", false, 1, 8, 8)]));
    let (s, errors) = decode_query(&format!("mix={m}&rpd=5&cmp=a/b&cur=EUR&growth=5"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "mix");
    assert!(
        errors[0]
            .message
            .contains("rpd, cmp cannot be used with it: drop them"),
        "{}",
        errors[0].message
    );
    // The keys a mix keeps stay; the dropped ones are left out of the link.
    assert_eq!(s.growth_pct, rust_decimal::Decimal::from(5));
    assert_eq!(encode(&s), format!("mix={m}&growth=5&cur=EUR"));
}
