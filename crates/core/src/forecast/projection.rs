//! Month-by-month projection of each option's cost as traffic grows.
//!
//! A projection month is the table's month: 30 days. Requests per day in
//! month `m` are `rpd × (1 + growth)^(m−1)`, so a year's total (12 months,
//! 360 days) follows the growth curve and is not 12 × month 1. Compounding
//! is computed to `Decimal`'s 28 significant digits; nothing is rounded for
//! display here.

use crate::cost::estimate::Estimate;
use crate::money::periods::DAYS_PER_MONTH;
use crate::money::periods::MONTHS_PER_YEAR;
use crate::money::{Overflow, add, mul, pct_to_fraction};
use crate::pricebook::ModelRef;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Requests per day in each month `1..=horizon`: `rpd × (1 + g)^(m−1)`.
pub fn monthly_requests(
    requests_per_day: Decimal,
    growth_pct: Decimal,
    horizon_months: u32,
) -> Result<Vec<Decimal>, Overflow> {
    let step = Decimal::ONE + pct_to_fraction(growth_pct);
    let mut rpd = requests_per_day;
    let mut out = Vec::with_capacity(horizon_months as usize);
    for _ in 0..horizon_months {
        out.push(rpd);
        rpd = mul(rpd, step)?;
    }
    Ok(out)
}

/// One option's cost in one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthCost {
    /// 1-based.
    pub month: u32,
    pub requests_per_day: Decimal,
    pub cost: Decimal,
    /// Cost of months 1 to this one.
    pub cumulative: Decimal,
}

/// One option's projection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionProjection {
    pub option: ModelRef,
    /// "Provider — Model".
    pub label: String,
    pub is_baseline: bool,
    pub months: Vec<MonthCost>,
    /// Totals of months 1–12, 13–24, 25–36 (as far as the horizon goes).
    pub years: Vec<Decimal>,
}

/// Every option's projection, baseline first, as in the estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub growth_pct: Decimal,
    pub horizon_months: u32,
    pub days_per_month: u32,
    pub options: Vec<OptionProjection>,
}

/// Sums of consecutive 12-month blocks.
pub fn year_totals(monthly: &[Decimal]) -> Result<Vec<Decimal>, Overflow> {
    monthly
        .chunks(MONTHS_PER_YEAR as usize)
        .map(|year| year.iter().try_fold(Decimal::ZERO, |a, b| add(a, *b)))
        .collect()
}

/// Projects every option of `e` over the months of `monthly_rpd` (see
/// [`monthly_requests`]).
pub fn project(e: &Estimate, monthly_rpd: &[Decimal]) -> Result<Projection, Overflow> {
    let s = &e.scenario;
    let rpd = monthly_rpd;
    let days = Decimal::from(DAYS_PER_MONTH);
    let options = e
        .options
        .iter()
        .map(|o| {
            let mut cumulative = Decimal::ZERO;
            let mut months = Vec::with_capacity(rpd.len());
            for (i, r) in rpd.iter().enumerate() {
                let cost = mul(mul(o.per_request.total, *r)?, days)?.normalize();
                cumulative = add(cumulative, cost)?;
                months.push(MonthCost {
                    month: i as u32 + 1,
                    requests_per_day: r.normalize(),
                    cost,
                    cumulative,
                });
            }
            let costs: Vec<Decimal> = months.iter().map(|m| m.cost).collect();
            Ok(OptionProjection {
                option: o.option.clone(),
                label: o.label(),
                is_baseline: o.is_baseline,
                years: year_totals(&costs)?,
                months,
            })
        })
        .collect::<Result<Vec<_>, Overflow>>()?;
    Ok(Projection {
        growth_pct: s.growth_pct,
        horizon_months: s.horizon_months,
        days_per_month: DAYS_PER_MONTH,
        options,
    })
}
