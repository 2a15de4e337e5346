//! Rounding for display, and only for display.
//!
//! [`round_parts`] rounds a breakdown so that the displayed parts add up to the
//! displayed total, which is the correctly rounded exact total.
//!
//! ```
//! use llm_roi_core::view::display::{money, round_parts};
//! use llm_roi_core::money::DisplayCurrency;
//! use rust_decimal::Decimal;
//! let parts = [Decimal::new(3334, 4), Decimal::new(3333, 4), Decimal::new(3333, 4)];
//! let (shown, total) = round_parts(&parts, 2);
//! assert_eq!(shown.iter().sum::<Decimal>(), total);
//! assert_eq!(money(Decimal::new(123456789, 2), DisplayCurrency::USD, 2), "$1,234,567.89");
//! ```

use crate::money::DisplayCurrency;
use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places for daily, monthly and yearly amounts.
pub const TOTAL_DP: u32 = 2;
/// Decimal places for per-request amounts (fractions of a cent matter there).
pub const PER_REQUEST_DP: u32 = 6;

/// Rounds half away from zero, the way invoices round.
pub fn round(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds non-negative `parts` to `dp` places so that they sum to the rounded
/// total (largest-remainder method). Returns the parts and that total.
pub fn round_parts(parts: &[Decimal], dp: u32) -> (Vec<Decimal>, Decimal) {
    let total = round(parts.iter().sum(), dp);
    let unit = Decimal::new(1, dp);
    let mut shown: Vec<Decimal> = parts
        .iter()
        .map(|p| p.round_dp_with_strategy(dp, RoundingStrategy::ToZero))
        .collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        (parts[b] - shown[b])
            .cmp(&(parts[a] - shown[a]))
            .then(a.cmp(&b))
    });
    let mut missing = total - shown.iter().sum::<Decimal>();
    for i in order.into_iter().cycle().take(parts.len() * 2) {
        if missing < unit {
            break;
        }
        shown[i] += unit;
        missing -= unit;
    }
    (shown, total)
}

/// Groups the integer digits of an already rounded amount by thousands.
pub fn group_thousands(v: Decimal, dp: u32) -> String {
    let text = format!("{:.*}", dp as usize, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// An amount rounded to `dp` places with its currency symbol, e.g. `-$1,234.50`.
pub fn money(v: Decimal, currency: DisplayCurrency, dp: u32) -> String {
    let r = round(v, dp);
    let digits = group_thousands(r.abs(), dp);
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}{digits}", currency.symbol())
}

/// A percentage with one decimal, e.g. `85.7%`.
pub fn percent(v: Decimal) -> String {
    format!("{}%", group_thousands(round(v, 1), 1))
}

/// A plain number with thousands separators and no trailing zeros.
pub fn number(v: Decimal) -> String {
    let n = v.normalize();
    group_thousands(n, n.scale())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parts_add_up_to_the_rounded_total() {
        let parts = [d("0.005"), d("0.005"), d("0.005"), d("0")];
        let (shown, total) = round_parts(&parts, 2);
        assert_eq!(total, d("0.02"));
        assert_eq!(shown.iter().sum::<Decimal>(), d("0.02"));
        assert_eq!(shown, vec![d("0.01"), d("0.01"), d("0.00"), d("0.00")]);
    }

    #[test]
    fn exact_parts_are_untouched() {
        let (shown, total) = round_parts(&[d("150000"), d("0"), d("0"), d("300000")], 2);
        assert_eq!(shown, vec![d("150000"), d("0"), d("0"), d("300000")]);
        assert_eq!(total, d("450000"));
    }

    #[test]
    fn formats_money() {
        assert_eq!(money(d("10000"), DisplayCurrency::USD, 2), "$10,000.00");
        assert_eq!(money(d("-1234.565"), DisplayCurrency::EUR, 2), "-€1,234.57");
        assert_eq!(money(d("0.0015"), DisplayCurrency::CNY, 6), "¥0.001500");
        assert_eq!(money(d("-0.001"), DisplayCurrency::USD, 2), "$0.00");
        assert_eq!(percent(d("85.7142")), "85.7%");
        assert_eq!(number(d("10000000")), "10,000,000");
        assert_eq!(number(d("512.50")), "512.5");
    }
}
