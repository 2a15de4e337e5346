//! Dated exchange rates to USD.

use crate::money::date::CalendarDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One rate: `per_usd` units of `currency` buy one US dollar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FxRate {
    pub currency: String,
    pub per_usd: Decimal,
    pub date: CalendarDate,
    pub source: String,
}

/// Every rate in `fx.toml`; USD is implicit at 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct FxTable {
    pub rates: Vec<FxRate>,
}

impl FxTable {
    /// Units of `code` per US dollar; 1 for USD.
    pub fn per_usd(&self, code: &str) -> Option<Decimal> {
        if code == "USD" {
            return Some(Decimal::ONE);
        }
        self.rates
            .iter()
            .find(|r| r.currency == code)
            .map(|r| r.per_usd)
    }

    /// The rate entry for `code` (none for USD).
    pub fn rate(&self, code: &str) -> Option<&FxRate> {
        self.rates.iter().find(|r| r.currency == code)
    }

    /// The factor that turns an amount in `from` into `to`.
    pub fn factor(&self, from: &str, to: &str) -> Option<Decimal> {
        if from == to {
            return Some(Decimal::ONE);
        }
        let from_rate = self.per_usd(from)?;
        if from_rate.is_zero() {
            return None;
        }
        Some(self.per_usd(to)? / from_rate)
    }

    /// Every currency with a rate, USD first.
    pub fn currencies(&self) -> Vec<String> {
        std::iter::once("USD".to_string())
            .chain(self.rates.iter().map(|r| r.currency.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn table() -> FxTable {
        let date = CalendarDate::new(2026, 11, 20).unwrap();
        FxTable {
            rates: vec![
                FxRate {
                    currency: "CNY".into(),
                    per_usd: Decimal::from_str("7.1").unwrap(),
                    date,
                    source: "s".into(),
                },
                FxRate {
                    currency: "EUR".into(),
                    per_usd: Decimal::from_str("0.8").unwrap(),
                    date,
                    source: "s".into(),
                },
            ],
        }
    }

    #[test]
    fn converts_through_usd() {
        let fx = table();
        assert_eq!(
            fx.factor("USD", "CNY").unwrap(),
            Decimal::from_str("7.1").unwrap()
        );
        // 71 CNY = 10 USD = 8 EUR
        let eur = Decimal::from(71) * fx.factor("CNY", "EUR").unwrap();
        assert_eq!(eur.round_dp(20), Decimal::from(8));
        assert_eq!(fx.factor("EUR", "EUR").unwrap(), Decimal::ONE);
        assert!(fx.factor("JPY", "USD").is_none());
    }
}
