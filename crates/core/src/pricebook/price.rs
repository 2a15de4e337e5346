//! Decimal values read from TOML exactly as written.
//!
//! A TOML float such as `0.1` is read through its shortest decimal text, so the
//! [`Decimal`] holds exactly `0.1`, never the binary float's expansion.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

/// A price per 1M tokens or a factor: a decimal that is zero or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonNegative(pub Decimal);

/// A percentage from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(pub Decimal);

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number (e.g. 3 or 0.30) or a decimal string (e.g. \"0.30\")")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        if !v.is_finite() {
            return Err(E::custom("must be a finite number"));
        }
        // `Display` for f64 prints the shortest text that reads back as `v`.
        Decimal::from_str(&v.to_string()).map_err(|e| E::custom(format!("not a decimal: {e}")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        Decimal::from_str(v.trim()).map_err(|_| E::custom(format!("`{v}` is not a decimal number")))
    }
}

fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(DecimalVisitor)
}

impl<'de> Deserialize<'de> for NonNegative {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = decimal(d)?;
        if v.is_sign_negative() && !v.is_zero() {
            return Err(de::Error::custom(format!(
                "must be zero or more; got {v} (prices are per 1M tokens, in the provider's currency)"
            )));
        }
        Ok(Self(v.normalize()))
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = decimal(d)?;
        if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
            return Err(de::Error::custom(format!(
                "must be a percentage from 0 to 100; got {v}"
            )));
        }
        Ok(Self(v.normalize()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        p: NonNegative,
    }

    #[test]
    fn floats_are_read_as_written() {
        let t: T = toml::from_str("p = 0.1").unwrap();
        assert_eq!(t.p.0.to_string(), "0.1");
        let t: T = toml::from_str("p = 22.50").unwrap();
        assert_eq!(t.p.0, Decimal::from_str("22.5").unwrap());
        let t: T = toml::from_str("p = \"0.028\"").unwrap();
        assert_eq!(t.p.0.to_string(), "0.028");
    }

    #[test]
    fn negative_is_refused() {
        let e = toml::from_str::<T>("p = -1").err().unwrap();
        assert!(e.message().contains("must be zero or more"), "{e}");
    }
}
