//! Currencies and exact money helpers.
//!
//! Money is a [`rust_decimal::Decimal`]; nothing is rounded here.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One million, the unit all token prices are quoted in (`*_per_mtok`).
pub const MTOK: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The currencies a result can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum DisplayCurrency {
    #[default]
    USD,
    CNY,
    EUR,
}

impl DisplayCurrency {
    /// Every display currency, in the order the form lists them.
    pub const ALL: [DisplayCurrency; 3] = [Self::USD, Self::CNY, Self::EUR];

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::USD => "USD",
            Self::CNY => "CNY",
            Self::EUR => "EUR",
        }
    }

    /// The symbol put before an amount.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::USD => "$",
            Self::CNY => "¥",
            Self::EUR => "€",
        }
    }
}

impl fmt::Display for DisplayCurrency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for DisplayCurrency {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(s))
            .ok_or(())
    }
}

/// The symbol for an ISO code, or the code itself followed by a space.
pub fn currency_prefix(code: &str) -> String {
    match DisplayCurrency::from_str(code) {
        Ok(c) => c.symbol().to_string(),
        Err(()) => format!("{code} "),
    }
}

/// A percentage (0–100) as a fraction (0–1).
pub fn pct_to_fraction(pct: Decimal) -> Decimal {
    pct / Decimal::ONE_HUNDRED
}

/// Compounded growth or traffic pushed an amount past what a
/// [`Decimal`] holds (about 7.9 × 10²⁸).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the projection exceeds the largest amount the calculator can represent (about 7.9 × 10^28); lower the requests per day or the growth"
)]
pub struct Overflow;

/// `a × b`, or [`Overflow`].
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

/// `a + b`, or [`Overflow`].
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow)
}
