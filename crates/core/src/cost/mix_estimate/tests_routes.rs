//! A mix's classes at their service tiers and on the relay the log says
//! they went through, hand-computed on a small book: vendor `v`'s model `m`
//! ($2/M input, $10/M output; flex $1.50/$7; no priority) and two credit
//! relays of it, `r` at $1.055 per $1 of list price, `h` at $0.50.

use super::*;
use crate::cost::scenario_cost::estimate;
use crate::pricebook::ServiceTier;
use crate::pricebook::fixtures::{TEST_VENDOR, small_book};
use crate::scenario::usage::{RequestTokens, UsageRow};
use crate::scenario::workload::{WorkloadBuilder, WorkloadError};
use std::str::FromStr;

const VENDOR_MODELS: &str = r#"

[[models]]
id = "m"
input = 2
output = 10
[[models.service_tiers]]
name = "flex"
input = 1.5
output = 7
"#;

fn relay(id: &str, per_list_unit: &str) -> String {
    format!(
        r#"
schema = 1
[provider]
id = "{id}"
name = "Relay {id}"
kind = "relay"
base_url = "https://{id}.example.com"
api_style = "openai"
currency = "USD"
source = "https://{id}.example.com/pricing"
checked = 2026-12-01
upstream = "v"
pricing = "credit"
[provider.credit]
per_list_unit = {per_list_unit}
[[models]]
id = "v/m"
name = "m via {id}"
upstream_model = "m"
"#
    )
}

fn book() -> Pricebook {
    small_book(&[
        ("v.toml", &format!("{TEST_VENDOR}{VENDOR_MODELS}")),
        ("r.toml", &relay("r", "1.055")),
        ("h.toml", &relay("h", "0.5")),
    ])
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `n` requests of 1,000 input and 1,000 output tokens.
fn row(model: &str, n: u64, tier: ServiceTier, via: Option<&str>) -> UsageRow {
    let t = RequestTokens {
        input: 1_000,
        output: 1_000,
        ..Default::default()
    };
    let mut r = UsageRow::identical(model, n, t, false).unwrap();
    r.service_tier = tier;
    r.via = via.map(str::to_string);
    r
}

fn estimate_of(rows: &[UsageRow]) -> Estimate {
    let book = book();
    let mut b = WorkloadBuilder::new(&book);
    for r in rows {
        b.add(r).unwrap();
    }
    let s = Scenario {
        mix: Some(Mix::new(1, b.finish().unwrap())),
        ..Scenario::default()
    };
    estimate(&book, &s)
}

fn day(e: &Estimate, id: &str) -> Decimal {
    let o = e.options.iter().find(|o| o.option.provider == id).unwrap();
    o.per_day.total.normalize()
}

#[test]
fn flex_rows_are_a_class_of_their_own_at_the_flex_price() {
    let e = estimate_of(&[
        row("m", 2, ServiceTier::Flex, None),
        row("m", 1, ServiceTier::Standard, None),
    ]);
    let mix = e.scenario.mix.as_ref().unwrap();
    assert_eq!(mix.workload.classes.len(), 2);
    // 2 × (0.0015 + 0.007) at flex, 0.002 + 0.01 at standard.
    assert_eq!(day(&e, AS_LOGGED), d("0.029"));
    // A credit relay bills the standard list price: 3 × 0.012 × 0.5.
    assert_eq!(day(&e, "h"), d("0.018"));
}

#[test]
fn a_tier_the_model_has_no_price_for_refuses_the_row() {
    let book = book();
    let mut b = WorkloadBuilder::new(&book);
    let e = b
        .add(&row("m", 1, ServiceTier::Priority, None))
        .unwrap_err();
    assert!(matches!(
        e,
        WorkloadError::NoTierPrice {
            tier: "priority",
            ..
        }
    ));
    assert!(
        e.to_string()
            .starts_with("service_tier `priority`: v/m has no published priority price")
    );
}

#[test]
fn a_log_kept_by_a_relay_is_priced_as_sent_on_it() {
    let e = estimate_of(&[
        row("v/m", 1, ServiceTier::Standard, Some("r")),
        row("m", 1, ServiceTier::Standard, None),
    ]);
    let mix = e.scenario.mix.as_ref().unwrap();
    assert_eq!(mix.workload.relays(), ["r"]);
    assert_eq!(mix.workload.classes.len(), 2);
    // As sent: 0.012 × 1.055 on r, and 0.012 on the vendor.
    assert_eq!(day(&e, AS_LOGGED), d("0.02466"));
    assert_eq!(e.options[0].option.provider, AS_LOGGED);
    // Every class on the vendor's API is a route of its own.
    assert_eq!(day(&e, VENDORS), d("0.024"));
    let vendors = e
        .options
        .iter()
        .find(|o| o.option.provider == VENDORS)
        .unwrap();
    assert_eq!(vendors.label(), "each model's own vendor");
    assert_eq!(vendors.savings.per_day, d("0.00066"));
    // Relay h serves both classes at half the list price.
    assert_eq!(day(&e, "h"), d("0.012"));
    assert_eq!(e.options[0].label(), "each model where the log sent it");
    assert_eq!(e.options[0].model_name, "as sent, through Relay r");
}

#[test]
fn an_unknown_relay_model_is_tallied_and_a_mapped_one_priced_where_served() {
    let book = book();
    let mut b = WorkloadBuilder::new(&book);
    b.add(&row("v/unknown", 1, ServiceTier::Standard, Some("r")))
        .unwrap();
    assert!(!b.tallies()[0].priced);
    let map = crate::scenario::model_map::ModelMap::parse_pairs("v/unknown=m").unwrap();
    let mut b = WorkloadBuilder::new(&book).mapped(map).unwrap();
    b.add(&row("v/unknown", 1, ServiceTier::Standard, Some("r")))
        .unwrap();
    let w = b.finish().unwrap();
    assert_eq!(w.classes[0].via.as_deref(), Some("r"));
    assert_eq!(w.classes[0].source.to_string(), "v/m");
}
