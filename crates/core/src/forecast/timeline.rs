//! The migration day by day: rollout share, blended cost, credits, fees and
//! cumulative net savings.
//!
//! Day 0 is the migration itself: the one-off cost is paid and no traffic
//! has moved. From day 1 the rollout's phases send their share of requests
//! to the target; after the last phase its share stays. A share `f` of
//! target requests fails and is retried on the baseline route, so it is paid
//! twice: the blended cost per request is `(1 − s)·B + s·(T + f·B)`.
//! Free credit pays the target's bills until it runs out. Recurring costs
//! are charged on the first day of each 30-day month.

use crate::money::periods::DAYS_PER_MONTH;
use crate::money::{Overflow, add, mul, pct_to_fraction};
use crate::scenario::migration::Phase;
use rust_decimal::Decimal;

/// What the timeline is computed from; money in the display currency.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineInputs<'a> {
    pub baseline_per_request: Decimal,
    pub target_per_request: Decimal,
    /// Requests per day in months 1, 2, …
    pub monthly_requests: &'a [Decimal],
    pub phases: &'a [Phase],
    pub fallback_pct: Decimal,
    pub one_off_cost: Decimal,
    pub monthly_cost: Decimal,
    pub credit: Decimal,
}

/// One day of the migration.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub day: u32,
    /// Share of requests sent to the target, 0–1.
    pub share: Decimal,
    /// The day's cost with every request on the baseline.
    pub baseline_cost: Decimal,
    /// The day's cost on the blended route, before credit.
    pub blended_cost: Decimal,
    /// The target's part of `blended_cost` (what credit can pay).
    pub target_spend: Decimal,
    pub credit_used: Decimal,
    pub fee: Decimal,
    /// `baseline_cost − (blended_cost − credit_used) − fee`.
    pub net_savings: Decimal,
    /// Sum of net savings up to this day, minus the one-off cost.
    pub cumulative_net: Decimal,
}

/// The target's share of requests on `day` (1-based), 0–1.
pub fn share_on_day(phases: &[Phase], day: u32) -> Decimal {
    let mut end = 0u32;
    for p in phases {
        end = end.saturating_add(p.days);
        if day <= end {
            return pct_to_fraction(p.share_pct);
        }
    }
    phases
        .last()
        .map_or(Decimal::ONE, |p| pct_to_fraction(p.share_pct))
}

/// The share that stays after the rollout, 0–1.
pub fn final_share(phases: &[Phase]) -> Decimal {
    phases
        .last()
        .map_or(Decimal::ONE, |p| pct_to_fraction(p.share_pct))
}

/// Cost per request with `share` (0–1) on the target and `fallback` (0–1)
/// of target requests retried on the baseline:
/// `(1 − share)·baseline + share·(target + fallback·baseline)`.
pub fn blended_per_request(
    baseline: Decimal,
    target: Decimal,
    share: Decimal,
    fallback: Decimal,
) -> Decimal {
    (Decimal::ONE - share) * baseline + share * (target + fallback * baseline)
}

/// Days `0..=months × 30`.
pub fn simulate(inp: &TimelineInputs<'_>) -> Result<Vec<Day>, Overflow> {
    let fallback = pct_to_fraction(inp.fallback_pct);
    let last_day = inp.monthly_requests.len() as u32 * DAYS_PER_MONTH;
    let mut days = Vec::with_capacity(last_day as usize + 1);
    let mut cumulative = -inp.one_off_cost;
    let mut credit_left = inp.credit;
    days.push(Day {
        day: 0,
        share: Decimal::ZERO,
        baseline_cost: Decimal::ZERO,
        blended_cost: Decimal::ZERO,
        target_spend: Decimal::ZERO,
        credit_used: Decimal::ZERO,
        fee: Decimal::ZERO,
        net_savings: Decimal::ZERO,
        cumulative_net: cumulative,
    });
    for day in 1..=last_day {
        let month = ((day - 1) / DAYS_PER_MONTH) as usize;
        let rpd = inp.monthly_requests[month];
        let share = share_on_day(inp.phases, day);
        let per_request = blended_per_request(
            inp.baseline_per_request,
            inp.target_per_request,
            share,
            fallback,
        );
        let baseline_cost = mul(rpd, inp.baseline_per_request)?;
        let blended_cost = mul(rpd, per_request)?;
        let target_spend = mul(mul(rpd, share)?, inp.target_per_request)?;
        let credit_used = credit_left.min(target_spend);
        credit_left -= credit_used;
        let fee = if (day - 1) % DAYS_PER_MONTH == 0 {
            inp.monthly_cost
        } else {
            Decimal::ZERO
        };
        let net_savings = baseline_cost - blended_cost + credit_used - fee;
        cumulative = add(cumulative, net_savings)?;
        days.push(Day {
            day,
            share,
            baseline_cost: baseline_cost.normalize(),
            blended_cost: blended_cost.normalize(),
            target_spend: target_spend.normalize(),
            credit_used: credit_used.normalize(),
            fee,
            net_savings: net_savings.normalize(),
            cumulative_net: cumulative.normalize(),
        });
    }
    Ok(days)
}
