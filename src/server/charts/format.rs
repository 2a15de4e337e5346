//! Axis labels: compact money such as `$1.25M`.

use llm_roi_core::money::DisplayCurrency;

fn trim(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A compact amount for an axis tick: `$950`, `$12.5k`, `-¥1.2M`, `€3B`.
pub fn compact_money(v: f64, cur: DisplayCurrency) -> String {
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    let (scaled, suffix) = if a >= 1e12 {
        (a / 1e12, "T")
    } else if a >= 1e9 {
        (a / 1e9, "B")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "k")
    } else {
        (a, "")
    };
    let digits = if scaled >= 100.0 || (suffix.is_empty() && scaled >= 10.0) {
        0
    } else if scaled >= 10.0 || suffix.is_empty() && scaled >= 1.0 {
        1
    } else {
        2
    };
    let number = trim(format!("{scaled:.digits$}"));
    format!("{sign}{}{number}{suffix}", cur.symbol())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts() {
        let usd = DisplayCurrency::USD;
        assert_eq!(compact_money(0.0, usd), "$0");
        assert_eq!(compact_money(950.0, usd), "$950");
        assert_eq!(compact_money(12_500.0, usd), "$12.5k");
        assert_eq!(compact_money(300_000.0, usd), "$300k");
        assert_eq!(compact_money(-1_250_000.0, DisplayCurrency::CNY), "-¥1.25M");
        assert_eq!(compact_money(0.35, DisplayCurrency::EUR), "€0.35");
        assert_eq!(compact_money(3.5, usd), "$3.5");
    }
}
