//! Migration ROI: payback day, net savings and ROI % from the timeline.

use crate::forecast::timeline::{Day, final_share};
use crate::money::periods::DAYS_PER_MONTH;
use crate::money::periods::MONTHS_PER_YEAR;
use crate::money::{Overflow, pct_to_fraction};
use crate::scenario::migration::Migration;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why a migration never pays back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeverReason {
    /// The rollout's last phase sends no traffic to the target.
    NoTrafficMoved,
    /// Per request, the target (with fallback retries) costs at least as much
    /// as the baseline.
    TargetNotCheaper,
    /// Monthly savings do not exceed the recurring costs, and traffic does
    /// not grow.
    RecurringNotCovered,
}

impl NeverReason {
    /// The reason in words.
    pub fn text(self) -> &'static str {
        match self {
            Self::NoTrafficMoved => "the rollout's last phase sends no traffic to the target",
            Self::TargetNotCheaper => {
                "per request, the target (fallback retries included) costs at least as much as the baseline; free credit only delays the loss"
            }
            Self::RecurringNotCovered => {
                "the monthly savings do not exceed the recurring costs, and traffic does not grow"
            }
        }
    }
}

/// When the migration has paid for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payback {
    /// From the end of this day on, cumulative net savings stay at or above
    /// zero through the horizon (day 0 is the migration day).
    OnDay {
        day: u32,
    },
    /// Savings are positive but have not covered the costs by the horizon's
    /// last day.
    NotWithinHorizon {
        horizon_days: u32,
    },
    Never {
        reason: NeverReason,
    },
}

/// Figures over the first `months` months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub months: u32,
    /// Baseline cost minus what the new route costs (credit counted as saved).
    pub gross_savings: Decimal,
    /// One-off plus recurring costs paid in the period.
    pub costs: Decimal,
    /// `gross_savings − costs`.
    pub net: Decimal,
    /// `net / costs × 100`; `None` when nothing was spent.
    pub roi_pct: Option<Decimal>,
}

/// The migration's return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Roi {
    /// Hours × hourly rate.
    pub engineering_cost: Decimal,
    pub fixed_cost: Decimal,
    /// Engineering plus fixed costs, paid on day 0.
    pub one_off_cost: Decimal,
    pub monthly_cost: Decimal,
    /// Free credit in the display currency.
    pub credit: Decimal,
    /// Free credit used within the horizon.
    pub credit_used: Decimal,
    pub payback: Payback,
    /// Months 1–12.
    pub first_year: Period,
    /// The whole horizon.
    pub horizon: Period,
}

/// Engineering, fixed and total one-off cost.
pub fn one_off_costs(m: &Migration) -> (Decimal, Decimal, Decimal) {
    let engineering = (m.hours * m.hourly_rate).normalize();
    (
        engineering,
        m.fixed_cost,
        (engineering + m.fixed_cost).normalize(),
    )
}

/// Why a migration's ROI cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RoiError {
    #[error(transparent)]
    Overflow(#[from] Overflow),
    /// Net savings ÷ costs passes the largest decimal: the costs are tiny
    /// next to the savings (e.g. `rate = 0.0000000000000000000000000001`).
    #[error(
        "ROI is not defined: the migration's costs come to {costs}, too small next to its savings to divide by; enter 0 for no cost, or a cost of at least 0.01"
    )]
    CostsTooSmall { costs: Decimal },
}

fn period(days: &[Day], months: u32, one_off: Decimal) -> Result<Period, RoiError> {
    let last = (months * DAYS_PER_MONTH) as usize;
    let slice: &[Day] = days.get(1..=last).unwrap_or_default();
    let mut gross = Decimal::ZERO;
    let mut costs = one_off;
    for d in slice {
        let saved = d
            .baseline_cost
            .checked_sub(d.blended_cost)
            .and_then(|v| v.checked_add(d.credit_used))
            .ok_or(Overflow)?;
        gross = gross.checked_add(saved).ok_or(Overflow)?;
        costs = costs.checked_add(d.fee).ok_or(Overflow)?;
    }
    let net = gross.checked_sub(costs).ok_or(Overflow)?;
    let roi_pct = if costs.is_zero() {
        None
    } else {
        let pct = net
            .checked_div(costs)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            .ok_or(RoiError::CostsTooSmall {
                costs: costs.normalize(),
            })?;
        Some(pct.normalize())
    };
    Ok(Period {
        months,
        gross_savings: gross.normalize(),
        costs: costs.normalize(),
        net: net.normalize(),
        roi_pct,
    })
}

/// Classifies and finds the payback day.
///
/// `per_request_savings` is the baseline's cost per request minus the
/// target's; `last_month_rpd` the horizon's last month's requests per day.
pub fn payback(
    days: &[Day],
    m: &Migration,
    per_request_savings: Decimal,
    baseline_per_request: Decimal,
    last_month_rpd: Decimal,
    growth_pct: Decimal,
) -> Payback {
    let share = final_share(&m.phases);
    let fallback = pct_to_fraction(m.fallback_pct);
    // Steady state, per request: share × ((1 − f)·B − T).
    let steady = share * (per_request_savings - fallback * baseline_per_request);
    if share.is_zero() {
        return Payback::Never {
            reason: NeverReason::NoTrafficMoved,
        };
    }
    if steady <= Decimal::ZERO {
        return Payback::Never {
            reason: NeverReason::TargetNotCheaper,
        };
    }
    let monthly_savings = steady * last_month_rpd * Decimal::from(DAYS_PER_MONTH);
    if monthly_savings <= m.monthly_cost && growth_pct <= Decimal::ZERO {
        return Payback::Never {
            reason: NeverReason::RecurringNotCovered,
        };
    }
    // The day from which the cumulative net stays ≥ 0 to the horizon (a
    // monthly fee can dip it below zero again right after day 0).
    let from = days
        .iter()
        .rposition(|d| d.cumulative_net < Decimal::ZERO)
        .map_or(0, |i| i + 1);
    match days.get(from) {
        Some(d) => Payback::OnDay { day: d.day },
        None => Payback::NotWithinHorizon {
            horizon_days: days.last().map_or(0, |d| d.day),
        },
    }
}

/// The ROI of the migration described by `m` over `days`.
pub fn roi(
    days: &[Day],
    m: &Migration,
    credit_display: Decimal,
    payback: Payback,
) -> Result<Roi, RoiError> {
    let (engineering_cost, fixed_cost, one_off_cost) = one_off_costs(m);
    let horizon_months = (days.len().saturating_sub(1) as u32) / DAYS_PER_MONTH;
    Ok(Roi {
        engineering_cost,
        fixed_cost,
        one_off_cost,
        monthly_cost: m.monthly_cost,
        credit: credit_display.normalize(),
        credit_used: days
            .iter()
            .map(|d| d.credit_used)
            .sum::<Decimal>()
            .normalize(),
        payback,
        first_year: period(days, MONTHS_PER_YEAR.min(horizon_months), one_off_cost)?,
        horizon: period(days, horizon_months, one_off_cost)?,
    })
}
