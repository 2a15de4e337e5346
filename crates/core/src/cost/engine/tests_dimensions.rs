//! Hand-computed costs for the pricing dimensions current models bill:
//! tiers at any threshold, off-peak hours, service tiers, batch prices, and
//! a relay's saving claim.

use crate::cost::scenario_cost::estimate;
use crate::pricebook::fixtures::{TEST_VENDOR, shipped_book, shipped_fx, small_book};
use crate::pricebook::{ModelRef, Pricebook, ServiceTier, SourceFile, load::load};
use crate::scenario::Scenario;
use rust_decimal::Decimal;
use std::str::FromStr;

const BOOK_MODELS: &str = r#"

[[models]]
id = "m"
input = 2
output = 10
cache_read = 0.2
cache_write_5m = 2.5
web_search_per_k = 10
[[models.tiers]]
above_input_tokens = 100000
input = 4
output = 20
cache_read = 0.4
[models.batch]
input = 1
output = 5
[[models.service_tiers]]
name = "flex"
input = 1.5
output = 7
[models.offpeak]
hours_utc = "16:30-00:30"
input = 0.5
output = 2
"#;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn book_text() -> String {
    format!("{TEST_VENDOR}{BOOK_MODELS}")
}

fn book() -> Pricebook {
    small_book(&[("v.toml", &book_text())])
}

fn per_request(s: Scenario) -> Decimal {
    let s = Scenario {
        base: ModelRef {
            provider: "v".into(),
            model: "m".into(),
        },
        requests_per_day: 1,
        ..s
    };
    let e = estimate(&book(), &s);
    assert!(e.errors.is_empty(), "{:?}", e.errors);
    e.options[0].per_request.total
}

fn with_tokens(input: u64, output: u64) -> Scenario {
    Scenario {
        input_tokens: Decimal::from(input),
        output_tokens: Decimal::from(output),
        ..Scenario::default()
    }
}

#[test]
fn the_whole_request_bills_at_the_tier_its_input_passes() {
    // 100,000 input: not above the threshold: 0.1 M × $2 + 0.001 M × $10.
    assert_eq!(per_request(with_tokens(100_000, 1000)), d("0.21"));
    // 100,001 input: every token at the tier: 0.100001 × 4 + 0.001 × 20.
    assert_eq!(per_request(with_tokens(100_001, 1000)), d("0.420004"));
}

#[test]
fn offpeak_share_bills_at_the_offpeak_prices() {
    // Peak: 1,000 in × $2 + 1,000 out × $10 = $0.012; off-peak: $0.0025.
    let s = |pct: &str| Scenario {
        offpeak_pct: d(pct),
        ..with_tokens(1000, 1000)
    };
    assert_eq!(per_request(s("0")), d("0.012"));
    assert_eq!(per_request(s("100")), d("0.0025"));
    // 25 % off-peak: 0.75 × 0.012 + 0.25 × 0.0025.
    assert_eq!(per_request(s("25")), d("0.009625"));
}

#[test]
fn a_service_tier_bills_at_its_prices_and_batch_at_the_batch_prices() {
    let flex = Scenario {
        service_tier: ServiceTier::Flex,
        ..with_tokens(1000, 1000)
    };
    assert_eq!(per_request(flex), d("0.0085"));
    // Priority is not offered: the standard price, with a note.
    let prio = Scenario {
        service_tier: ServiceTier::Priority,
        ..with_tokens(1000, 1000)
    };
    assert_eq!(per_request(prio), d("0.012"));
    // Half the requests as batch: 0.5 × 0.006 + 0.5 × 0.012.
    let batch = Scenario {
        batch_pct: d("50"),
        ..with_tokens(1000, 1000)
    };
    assert_eq!(per_request(batch), d("0.009"));
}

#[test]
fn one_hour_writes_without_their_own_price_bill_at_the_published_write_price() {
    let s = Scenario {
        cache_write_pct: d("100"),
        cache_ttl: crate::scenario::CacheTtl::OneHour,
        ..with_tokens(1000, 0)
    };
    // 1,000 written at $2.50/M, the only write price published (never
    // $2/M, the input price).
    assert_eq!(per_request(s.clone()), d("0.0025"));
    let s = Scenario {
        base: ModelRef {
            provider: "v".into(),
            model: "m".into(),
        },
        requests_per_day: 1,
        ..s
    };
    let e = estimate(&book(), &s);
    assert!(
        e.options[0]
            .notes
            .iter()
            .any(|n| n == "no 1h cache-write price: 1h cache writes billed at the published cache-write price"),
        "{:?}",
        e.options[0].notes
    );
}

#[test]
fn a_web_search_adds_its_fee_per_thousand_and_a_model_without_one_says_so() {
    let plain = per_request(with_tokens(1000, 1000));
    let one = Scenario {
        web_searches: d("1"),
        ..with_tokens(1000, 1000)
    };
    // $10 per 1,000 searches: exactly $0.01 a request.
    assert_eq!(per_request(one) - plain, d("0.01"));
    let half = Scenario {
        web_searches: d("0.5"),
        batch_pct: d("50"),
        ..with_tokens(1000, 1000)
    };
    assert_eq!(per_request(half), d("0.009") + d("0.005"));
    // The frozen fixture publishes no fee: not priced, and said.
    let s = Scenario {
        web_searches: d("1"),
        ..Scenario::default()
    };
    let book = crate::pricebook::fixtures::playbook_book();
    let e = estimate(&book, &s);
    assert_eq!(e.options[0].per_request.tools, Decimal::ZERO);
    assert!(
        e.options[0]
            .notes
            .iter()
            .any(|n| n == "no published web-search fee: searches not priced"),
        "{:?}",
        e.options[0].notes
    );
}

#[test]
fn a_calibration_scales_every_cost_and_saving_and_keeps_the_shares() {
    let plain = with_tokens(1000, 1000);
    let cal = Scenario {
        calibration: Some(
            crate::scenario::calibration::Calibration::parse("cal", "1.031,2026-11-01,2026-11-30")
                .unwrap(),
        ),
        ..plain.clone()
    };
    assert_eq!(per_request(cal), per_request(plain) * d("1.031"));
}

#[test]
fn a_batch_discount_can_leave_cached_input_at_the_standard_price() {
    let text = book_text()
        .replace("[models.batch]\ninput = 1\noutput = 5\n", "")
        .replacen(
            "cache_read = 0.2\n",
            "cache_read = 0.2\nbatch_discount_pct = 50\n",
            1,
        )
        .replace(
            "checked = 2026-12-01\n",
            "checked = 2026-12-01\nbatch_discount_on_cache = false\n",
        );
    let book = load(
        &SourceFile::new("fx.toml", "schema = 1\n"),
        &[SourceFile::new("v.toml", text)],
    )
    .unwrap();
    let s = Scenario {
        base: ModelRef {
            provider: "v".into(),
            model: "m".into(),
        },
        requests_per_day: 1,
        batch_pct: d("100"),
        cache_read_pct: d("50"),
        ..with_tokens(1000, 1000)
    };
    // 500 fresh × $2 / 2 + 500 cached × $0.2 (not halved) + 1,000 out × $10 / 2.
    assert_eq!(
        estimate(&book, &s).options[0].per_request.total,
        d("0.0056")
    );
}

#[test]
fn holysheep_claim_holds_at_the_shipped_rate_and_a_95_claim_fails() {
    let s = Scenario {
        compare: Some(vec![ModelRef {
            provider: "holysheep".into(),
            model: "claude-haiku-5-5".into(),
        }]),
        ..Scenario::default()
    };
    let e = estimate(&shipped_book(), &s);
    let hs = e
        .options
        .iter()
        .find(|o| o.option.provider == "holysheep")
        .unwrap();
    let c = hs.savings_claim.as_ref().unwrap();
    // ¥1 buys $1 of list price at 6.6529 CNY per USD: 1 − 1/6.6529 = 84.97 %.
    assert!(c.holds, "{}", c.text);
    assert_eq!(
        c.text,
        "claims 85 % off list price; computed 84.97 % at ¥6.6529 per $ (holds)"
    );
    let files: Vec<SourceFile> = crate::pricebook::fixtures::shipped_files()
        .into_iter()
        .map(|f| {
            let text = f
                .text
                .replace("claimed_savings_pct = 85", "claimed_savings_pct = 95");
            SourceFile::new(f.name, text)
        })
        .collect();
    let book = load(&shipped_fx(), &files).unwrap();
    let e = estimate(&book, &s);
    let hs = e
        .options
        .iter()
        .find(|o| o.option.provider == "holysheep")
        .unwrap();
    assert!(!hs.savings_claim.as_ref().unwrap().holds);
    assert!(hs.savings_claim.as_ref().unwrap().text.ends_with("(fails)"));
}
