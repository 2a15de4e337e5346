//! Hand-computed reconciliations on a small book: vendor `v`'s model `m`
//! ($2/M input, $10/M output; flex $1/$5; US-only at ×1.1; web searches
//! $10 per 1,000) and `n` ($2/$10, nothing else).

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
    let book = book();
    let mut b = WorkloadBuilder::new(&book);
    let t = RequestTokens {
        input: 1_000,
        output: 100,
        ..Default::default()
    };
    let row = UsageRow::identical(model, 10, t, false).unwrap();
    let source = b.add_source(&row).unwrap().unwrap();
    let w = b.finish().unwrap();
    let paid = BTreeMap::from([((None, source), d(billed))]);
    let r = reconcile(&book, &[(None, w)], &paid);
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
