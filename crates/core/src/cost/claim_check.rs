//! A relay's saving claim held against the computed figure, the way the
//! probe holds its latency claim against the measured overhead.
//!
//! Usage: [`check`] with the claimed percentage and the computed saving of
//! the relay against the same model at its official list price.
//!
//! ```
//! use llm_roi_core::cost::claim_check::check;
//! use rust_decimal::Decimal;
//! let c = check(Decimal::from(85), Decimal::new(8497, 2), Some("at ¥6.6529 per $"));
//! assert!(c.holds);
//! assert_eq!(c.text, "claims 85 % off list price; computed 84.97 % at ¥6.6529 per $ (holds)");
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The claim, the computed saving and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavingsClaimCheck {
    pub claimed_pct: Decimal,
    /// The relay's saving against the same model's official list price.
    pub computed_pct: Decimal,
    /// The computed saving, rounded to the claim's own precision (85 → whole
    /// percent), is at least the claim.
    pub holds: bool,
    /// e.g. "claims 85 % off list price; computed 85.92 % at ¥7.1 per $ (holds)".
    pub text: String,
}

/// Checks `claimed_pct` against `computed_pct`; `fx` says at which rate.
pub fn check(claimed_pct: Decimal, computed_pct: Decimal, fx: Option<&str>) -> SavingsClaimCheck {
    let rounded = computed_pct.round_dp_with_strategy(
        claimed_pct.scale(),
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    let holds = rounded >= claimed_pct;
    let shown = computed_pct.round_dp(2).normalize();
    let at = fx.map(|f| format!(" {f}")).unwrap_or_default();
    SavingsClaimCheck {
        claimed_pct,
        computed_pct,
        holds,
        text: format!(
            "claims {} % off list price; computed {shown} %{at} ({})",
            claimed_pct.normalize(),
            if holds { "holds" } else { "fails" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn a_whole_percent_claim_holds_within_its_rounding() {
        // ¥1 buys $1 at 7.10 CNY per USD: 1 − 1/7.1 = 85.915… %.
        let at_710 = (Decimal::ONE - Decimal::ONE / d("7.1")) * Decimal::ONE_HUNDRED;
        assert!(check(d("85"), at_710, None).holds);
        assert!(!check(d("95"), at_710, None).holds);
        assert!(check(d("85"), d("84.5"), None).holds);
        assert!(!check(d("85"), d("84.49"), None).holds);
        assert!(!check(d("85.5"), d("85.44"), None).holds);
        assert!(check(d("95"), at_710, None).text.ends_with("(fails)"));
    }
}
