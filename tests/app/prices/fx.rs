//! ECB reference rates read, crossed through the euro and written.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_prices::fx_import::{fx_toml, parse, per_usd};
use rust_decimal::Decimal;
use std::str::FromStr;

const CSV: &str = "Date, USD, JPY, CNY, \n30 October 2026, 1.1172, 175.68, 7.4326, \n";
const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
<Cube><Cube time="2026-10-29"><Cube currency="USD" rate="1.113"/><Cube currency="CNY" rate="7.4144"/></Cube>
<Cube time="2026-10-30"><Cube currency="USD" rate="1.1172"/><Cube currency="CNY" rate="7.4326"/></Cube></Cube>
</gesmes:Envelope>"#;

#[test]
fn cross_rates_through_the_euro_are_exact_decimals() {
    for text in [CSV, XML] {
        let day = parse("f", text).unwrap();
        assert_eq!(day.date, CalendarDate::new(2026, 10, 30).unwrap());
        let cny = per_usd("f", &day, "CNY").unwrap();
        // 7.4326 / 1.1172, to 28 significant digits.
        assert_eq!(cny.to_string(), "6.6528822055137844611528822055");
        let eur = per_usd("f", &day, "EUR").unwrap();
        assert_eq!(
            eur,
            (Decimal::ONE / Decimal::from_str("1.1172").unwrap()).normalize()
        );
        assert!(eur.to_string().starts_with("0.89509488005728607232366630"));
    }
}

#[test]
fn missing_currencies_and_bad_files_are_named() {
    let day = parse("f", CSV).unwrap();
    let e = per_usd("f", &day, "GBP").unwrap_err();
    assert_eq!(
        e.to_string(),
        "f: the ECB rates of 2026-10-30 have no GBP; the pricebook needs it"
    );
    assert!(parse("f", "hello\n1,2")
        .unwrap_err()
        .to_string()
        .contains("header"));
    assert!(parse("f", "<a>")
        .unwrap_err()
        .to_string()
        .contains("not XML"));
}

#[test]
fn the_written_table_loads() {
    let day = parse("f", CSV).unwrap();
    let text = fx_toml("f", &day, &["CNY".into(), "EUR".into()], "f").unwrap();
    let fx = llm_roi_core::pricebook::SourceFile::new("fx.toml", text);
    let book = llm_roi_core::pricebook::load::load(&fx, &[]).unwrap();
    assert_eq!(book.fx.rates.len(), 2);
    assert_eq!(
        book.fx.per_usd("CNY").unwrap().to_string(),
        "6.6528822055137844611528822055"
    );
}
