//! Hand-computed reconciliations on a small book: vendor `v`'s model `m`
//! ($2/M input, $10/M output; flex $1/$5; US-only at ×1.1; web searches
//! $10 per 1,000), `n` ($2/$10, nothing else), `t` (twice past 200,000
//! input tokens) and `c` ($2/$10 from 2026-03-01, $4/$20 before).

use super::*;
use crate::pricebook::fixtures::{TEST_VENDOR, small_book};
use crate::scenario::usage::{RequestTokens, UsageRow};
use crate::scenario::workload::WorkloadBuilder;
use std::str::FromStr;

const VENDOR_MODELS: &str = r#"

[[models]]
id = "m"
input = 2
output = 10
web_search_per_k = 10
[[models.service_tiers]]
name = "flex"
input = 1
output = 5
[[models.regions]]
region = "us"
multiplier = 1.1
source = "https://example.com/us"
checked = 2026-12-01

[[models]]
id = "n"
input = 2
output = 10

[[models]]
id = "t"
input = 2
output = 10
[[models.tiers]]
above_input_tokens = 200000
input = 4
output = 20

[[models]]
id = "c"
input = 2
output = 10
[[models.earlier]]
until = 2026-03-01
input = 4
output = 20
"#;

fn book() -> Pricebook {
    small_book(&[("v.toml", &format!("{TEST_VENDOR}{VENDOR_MODELS}"))])
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// 10 requests of `model`, 1,000 input and 100 output tokens each: $0.03
/// at list ($0.02 + $0.01), $0.015 at flex.
fn reconciled(model: &str, billed: &str) -> Line {
    reconciled_on(model, None, billed)
}

/// The same 10 requests on `day`.
fn reconciled_on(model: &str, day: Option<&str>, billed: &str) -> Line {
    let book = book();
    let day = day.map(|s| CalendarDate::from_str(s).unwrap());
    let mut b = WorkloadBuilder::new(&book);
    let t = RequestTokens {
        input: 1_000,
        output: 100,
        ..Default::default()
    };
    let row = UsageRow::identical(model, 10, t, false).unwrap();
    let source = b.add_source(&row).unwrap().unwrap();
    let w = b.finish().unwrap();
    let paid = BTreeMap::from([((day, source), d(billed))]);
    let r = reconcile(&book, &[(day, w)], &paid);
    assert_eq!(r.total.billed_usd, d(billed));
    r.lines.into_iter().next().unwrap()
}

#[test]
fn billed_at_list_is_zero_percent_with_no_cause() {
    let l = reconciled("m", "0.03");
    assert_eq!((l.computed_usd, l.difference_usd), (d("0.03"), d("0")));
    assert_eq!(l.difference_pct, Some(d("0")));
    assert!(l.causes.is_empty());
}

#[test]
fn a_tenth_more_is_the_regional_premium_where_the_model_has_one() {
    let l = reconciled("m", "0.033");
    assert_eq!(l.difference_pct, Some(d("10")));
    let causes: Vec<&str> = l.causes.iter().map(|c| c.cause).collect();
    assert_eq!(causes, ["regional premium"]);
    assert_eq!(l.causes[0].size_usd, d("0.003"));
    // The same on a model without a regional price is unexplained.
    let l = reconciled("n", "0.033");
    assert_eq!(l.causes[0].cause, "unexplained");
    assert_eq!(l.causes[0].size_usd, d("0.003"));
}

#[test]
fn billed_at_flex_while_logged_standard_is_the_service_tier() {
    let l = reconciled("m", "0.015");
    assert_eq!(l.difference_pct, Some(d("-50")));
    assert_eq!(l.causes[0].cause, "service tier");
    assert!(
        l.causes[0].detail.contains("flex"),
        "{}",
        l.causes[0].detail
    );
}

#[test]
fn a_bill_above_list_on_a_model_with_a_search_fee_counts_the_searches() {
    // $0.05 more: 5 searches at $10 per 1,000.
    let l = reconciled("m", "0.08");
    assert_eq!(l.causes[0].cause, "web search or tool fees");
    assert!(
        l.causes[0]
            .detail
            .starts_with("the difference would pay for 5 web searches"),
        "{}",
        l.causes[0].detail
    );
    // 1,000 searches a request is past what a request runs: unexplained.
    let l = reconciled("m", "10.03");
    assert_eq!(l.causes[0].cause, "unexplained");
}

#[test]
fn a_bill_at_the_long_context_price_names_the_tier() {
    // `t` doubles its prices past 200,000 input tokens: $0.06 for $0.03.
    let l = reconciled("t", "0.06");
    assert_eq!(l.causes[0].cause, "long-context tier");
    assert_eq!(l.causes[0].size_usd, d("0.03"));
}

#[test]
fn each_day_is_computed_at_the_price_in_force_that_day() {
    // Before 2026-03-01 `c` cost twice as much: $0.06 is the list price.
    let l = reconciled_on("c", Some("2026-02-15"), "0.06");
    assert_eq!(
        (l.computed_usd, l.difference_pct),
        (d("0.06"), Some(d("0")))
    );
    assert!(l.causes.is_empty());
    let l = reconciled_on("c", Some("2026-03-01"), "0.03");
    assert_eq!(l.computed_usd, d("0.03"));
    assert!(l.causes.is_empty());
}

#[test]
fn a_bill_at_the_prices_of_another_day_is_a_price_change() {
    // Billed the new price before it began: −50 %.
    let l = reconciled_on("c", Some("2026-02-27"), "0.03");
    assert_eq!(l.difference_pct, Some(d("-50")));
    assert_eq!(l.causes[0].cause, "price change");
    assert_eq!(l.causes[0].size_usd, d("-0.03"));
    assert!(
        l.causes[0].detail.contains("from 2026-03-01 on"),
        "{}",
        l.causes[0].detail
    );
    // Billed the old price after the change: +100 %.
    let l = reconciled_on("c", Some("2026-03-02"), "0.06");
    assert_eq!(l.causes[0].cause, "price change");
    assert!(
        l.causes[0].detail.contains("before 2026-03-01"),
        "{}",
        l.causes[0].detail
    );
    // A model without earlier prices: the same bill is unexplained.
    let l = reconciled_on("n", Some("2026-03-02"), "0.06");
    assert_eq!(l.causes[0].cause, "unexplained");
}
