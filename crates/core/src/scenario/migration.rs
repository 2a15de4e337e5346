//! The migration's inputs: target, one-off and recurring costs, free credits
//! and the staged rollout.
//!
//! Money here is in the scenario's display currency, except `credit`, which
//! is in the target's own currency (relays grant credits in theirs).

use crate::pricebook::ModelRef;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One rollout phase: a share of traffic sent to the target for some days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    /// Share of requests sent to the target, 0–100 %.
    pub share_pct: Decimal,
    pub days: u32,
}

impl Phase {
    pub fn new(share_pct: u32, days: u32) -> Self {
        Self {
            share_pct: Decimal::from(share_pct),
            days,
        }
    }
}

/// The playbook's rollout: 10 % → 25 % → 50 % → 100 %, a week each.
pub fn default_phases() -> Vec<Phase> {
    [10, 25, 50, 100]
        .into_iter()
        .map(|share| Phase::new(share, 7))
        .collect()
}

/// Everything the migration ROI needs besides traffic and prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Migration {
    /// The option to move to; `None`: the cheapest compared option.
    pub target: Option<ModelRef>,
    /// Engineering hours for the move (the playbook: "less than a day").
    pub hours: Decimal,
    /// Cost of an engineering hour, display currency.
    pub hourly_rate: Decimal,
    /// Other one-off costs, display currency.
    pub fixed_cost: Decimal,
    /// Recurring costs of the new route per 30-day month (monitoring, a
    /// plan fee), display currency, charged at the start of each month.
    pub monthly_cost: Decimal,
    /// Free sign-up credit, in the target provider's currency.
    pub credit: Decimal,
    /// Rollout phases in order; after the last one its share stays. Empty:
    /// all traffic moves on day 1.
    pub phases: Vec<Phase>,
    /// Share of target requests that fail and are retried on the baseline
    /// route, so paid twice, 0–100 %.
    pub fallback_pct: Decimal,
    /// When `fallback_pct` was measured on a relay (`fb=measured:…`): the
    /// count and window behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_measured: Option<crate::scenario::measured_fallback::MeasuredFallback>,
}

impl Default for Migration {
    fn default() -> Self {
        Self {
            target: None,
            hours: Decimal::from(8),
            hourly_rate: Decimal::from(100),
            fixed_cost: Decimal::ZERO,
            monthly_cost: Decimal::ZERO,
            credit: Decimal::ZERO,
            phases: default_phases(),
            fallback_pct: Decimal::ZERO,
            fallback_measured: None,
        }
    }
}

/// Writes phases as the URL does: `10:7,25:7`, or `none`.
pub fn phases_text(phases: &[Phase]) -> String {
    if phases.is_empty() {
        return "none".into();
    }
    phases
        .iter()
        .map(|p| format!("{}:{}", p.share_pct.normalize(), p.days))
        .collect::<Vec<_>>()
        .join(",")
}
