//! The staged rollout, phase by phase: blended cost and savings while both
//! routes run.

use crate::forecast::timeline::{Day, blended_per_request, final_share};
use crate::money::pct_to_fraction;
use crate::scenario::migration::Phase;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One phase's figures (credit and recurring costs left out: this is the
/// cost of the traffic split alone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseResult {
    /// 1-based.
    pub phase: u32,
    pub share_pct: Decimal,
    pub first_day: u32,
    /// Clipped to the horizon.
    pub last_day: u32,
    /// Cost per request on the blended route.
    pub blended_per_request: Decimal,
    /// The blended daily cost on the phase's first day.
    pub blended_daily_cost: Decimal,
    /// The baseline's daily cost on that day, for comparison.
    pub baseline_daily_cost: Decimal,
    /// Blended cost over the phase.
    pub cost: Decimal,
    /// What the retried requests cost on the baseline route over the phase.
    pub fallback_cost: Decimal,
    /// Baseline cost minus blended cost over the phase.
    pub savings: Decimal,
}

/// Every phase, and the state after the last one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollout {
    pub fallback_pct: Decimal,
    pub phases: Vec<PhaseResult>,
    /// Phases that start after the horizon's last day and are left out.
    pub phases_beyond_horizon: u32,
    /// The share that stays after the rollout, and its cost per request.
    pub final_share_pct: Decimal,
    pub final_blended_per_request: Decimal,
    /// Totals over the phases within the horizon.
    pub cost: Decimal,
    pub savings: Decimal,
}

/// Phase figures from the timeline.
pub fn rollout(
    days: &[Day],
    phases: &[Phase],
    baseline_per_request: Decimal,
    target_per_request: Decimal,
    fallback_pct: Decimal,
) -> Rollout {
    let fallback = pct_to_fraction(fallback_pct);
    let horizon_end = days.last().map_or(0, |d| d.day);
    let mut first = 1u32;
    let mut results = Vec::new();
    let mut beyond = 0;
    for (i, p) in phases.iter().enumerate() {
        let start = first;
        first = first.saturating_add(p.days);
        if p.days == 0 {
            continue;
        }
        if start > horizon_end {
            beyond += 1;
            continue;
        }
        let end = start.saturating_add(p.days - 1).min(horizon_end);
        let span = &days[start as usize..=end as usize];
        let share = pct_to_fraction(p.share_pct);
        let cost: Decimal = span.iter().map(|d| d.blended_cost).sum();
        let baseline: Decimal = span.iter().map(|d| d.baseline_cost).sum();
        results.push(PhaseResult {
            phase: i as u32 + 1,
            share_pct: p.share_pct,
            first_day: start,
            last_day: end,
            blended_per_request: blended_per_request(
                baseline_per_request,
                target_per_request,
                share,
                fallback,
            )
            .normalize(),
            blended_daily_cost: span[0].blended_cost,
            baseline_daily_cost: span[0].baseline_cost,
            cost: cost.normalize(),
            fallback_cost: (baseline * share * fallback).normalize(),
            savings: (baseline - cost).normalize(),
        });
    }
    let share = final_share(phases);
    Rollout {
        fallback_pct,
        phases_beyond_horizon: beyond,
        final_share_pct: (share * Decimal::ONE_HUNDRED).normalize(),
        final_blended_per_request: blended_per_request(
            baseline_per_request,
            target_per_request,
            share,
            fallback,
        )
        .normalize(),
        cost: results.iter().map(|r| r.cost).sum::<Decimal>().normalize(),
        savings: results
            .iter()
            .map(|r| r.savings)
            .sum::<Decimal>()
            .normalize(),
        phases: results,
    }
}
