//! Prices a model had before its current ones: `[[models.earlier]]`, each
//! the standard price list in force until a day (exclusive), oldest first.
//! A bill is held against the prices in force on the day of the usage, so
//! that a price cut inside the period is not read as an overcharge.
//!
//! Only the standard list (base and long-context tiers) is dated: batch,
//! service-tier and off-peak tables, web-search fees and regional factors
//! are the current ones on every day.
//!
//! Usage:
//!
//! ```ignore
//! let day_book = book.as_of(day); // Cow: borrowed when no price changed since
//! let cost = logged_cost(&day_book, &workload, "USD")?;
//! ```

use crate::money::date::CalendarDate;
use crate::pricebook::{ModelPrices, PriceTable, Pricebook};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// `[[models.earlier]]`: the standard prices in force before `until`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarlierPrices {
    /// The first day of the next prices (the earlier ones end the day before).
    pub until: CalendarDate,
    pub prices: PriceTable,
}

impl ModelPrices {
    /// The earlier list in force on `day`, if `day` is before the current
    /// prices began.
    pub fn earlier_on(&self, day: CalendarDate) -> Option<&EarlierPrices> {
        self.earlier.iter().find(|e| day < e.until)
    }

    /// The first day of each price list after the first, oldest first.
    pub fn change_days(&self) -> impl Iterator<Item = CalendarDate> + '_ {
        self.earlier.iter().map(|e| e.until)
    }
}

impl Pricebook {
    /// The pricebook with each model's standard prices as they were on
    /// `day`: borrowed when no model's prices changed after `day`.
    pub fn as_of(&self, day: CalendarDate) -> Cow<'_, Pricebook> {
        let changed = |p: &ModelPrices| p.earlier_on(day).is_some();
        let any = self
            .providers
            .iter()
            .flat_map(|p| &p.models)
            .filter_map(|m| m.prices.as_ref())
            .any(changed);
        if !any {
            return Cow::Borrowed(self);
        }
        let mut book = self.clone();
        for prices in book
            .providers
            .iter_mut()
            .flat_map(|p| &mut p.models)
            .filter_map(|m| m.prices.as_mut())
        {
            if let Some(e) = prices.earlier_on(day) {
                let table = e.prices.clone();
                prices.base = table.base;
                prices.tiers = table.tiers;
            }
        }
        Cow::Owned(book)
    }
}

#[cfg(test)]
mod tests {
    use crate::money::date::CalendarDate;
    use crate::pricebook::fixtures::{TEST_VENDOR, small_book};
    use rust_decimal::Decimal;
    use std::borrow::Cow;

    const MODELS: &str = r#"
[[models]]
id = "m"
input = 2
output = 10

[[models.earlier]]
until = 2026-03-01
input = 5
output = 25
[[models.earlier.tiers]]
above_input_tokens = 200000
input = 10
output = 50

[[models.earlier]]
until = 2026-06-01
input = 3
output = 15
"#;

    fn day(s: &str) -> CalendarDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_day_gets_the_list_in_force_that_day() {
        let book = small_book(&[("v.toml", &format!("{TEST_VENDOR}{MODELS}"))]);
        let input_on = |d: &str| {
            let b = book.as_of(day(d));
            let p = b.providers[0].models[0].prices.clone().unwrap();
            (p.base.input_per_mtok, p.tiers.len())
        };
        assert_eq!(input_on("2026-02-28"), (Decimal::from(5), 1));
        assert_eq!(input_on("2026-03-01"), (Decimal::from(3), 0));
        assert_eq!(input_on("2026-05-31"), (Decimal::from(3), 0));
        assert_eq!(input_on("2026-06-01"), (Decimal::from(2), 0));
        assert!(matches!(book.as_of(day("2026-07-01")), Cow::Borrowed(_)));
    }
}
