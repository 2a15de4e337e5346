//! Prices per field with their own tiers, and overrides.

use llm_roi_prices::field::{FieldPrice, FieldSet};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn fields_with_their_own_tiers_become_rows() {
    let set = FieldSet {
        input: Some(FieldPrice {
            base: d("2.5"),
            tiers: vec![(272_000, d("5"))],
        }),
        output: Some(FieldPrice::flat(d("15"))),
        cache_read: Some(FieldPrice {
            base: d("0.25"),
            tiers: vec![(128_000, d("0.3")), (272_000, d("0.5"))],
        }),
        ..FieldSet::default()
    };
    let t = set.table().unwrap();
    assert_eq!(t.base.input_per_mtok, d("2.5"));
    assert_eq!(t.tiers.len(), 2);
    assert_eq!(t.tiers[0].above_input_tokens, 128_000);
    assert_eq!(t.tiers[0].prices.input_per_mtok, d("2.5"));
    assert_eq!(t.tiers[0].prices.cache_read_per_mtok, Some(d("0.3")));
    assert_eq!(t.tiers[1].prices.input_per_mtok, d("5"));
    assert_eq!(t.tiers[1].prices.output_per_mtok, d("15"));
    assert_eq!(t.tiers[1].prices.cache_write_5m_per_mtok, None);
}

#[test]
fn an_override_replaces_a_field_with_its_tiers() {
    let std = FieldSet {
        input: Some(FieldPrice {
            base: d("2.5"),
            tiers: vec![(272_000, d("5"))],
        }),
        output: Some(FieldPrice::flat(d("15"))),
        ..FieldSet::default()
    };
    let priority = FieldSet {
        input: Some(FieldPrice::flat(d("5"))),
        ..FieldSet::default()
    };
    let t = std.overridden(&priority).table().unwrap();
    assert!(t.tiers.is_empty());
    assert_eq!(t.base.input_per_mtok, d("5"));
    assert!(FieldSet::default().table().is_none());
}
