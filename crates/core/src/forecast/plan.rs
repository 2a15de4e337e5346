//! The forecast: projection, migration ROI and rollout for one estimate.
//!
//! Usage: `forecast(&pricebook, &estimate)`, called by `report::Evaluation`
//! after the crate-private `cost::estimate`.

use crate::cost::estimate::{Estimate, OptionEstimate};
use crate::forecast::projection::{Projection, monthly_requests, project};
use crate::forecast::roi::{Roi, RoiError, one_off_costs, payback, roi};
use crate::forecast::rollout::{Rollout, rollout};
use crate::forecast::timeline::{Day, TimelineInputs, simulate};
use crate::money::Overflow;
use crate::money::periods::DAYS_PER_MONTH;
use crate::pricebook::{ModelRef, Pricebook};
use crate::scenario::FieldError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One month of the migration plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanMonth {
    pub month: u32,
    /// Every request on the baseline.
    pub baseline_cost: Decimal,
    /// The blended route, after free credit.
    pub plan_cost: Decimal,
    pub credit_used: Decimal,
    pub fees: Decimal,
    /// `baseline_cost − plan_cost − fees`.
    pub net_savings: Decimal,
    /// Including the one-off cost, at the month's end.
    pub cumulative_net: Decimal,
}

/// The migration to one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MigrationPlan {
    pub target: ModelRef,
    pub target_label: String,
    /// The target's currency (the credit's).
    pub target_currency: String,
    pub roi: Roi,
    pub rollout: Rollout,
    pub months: Vec<PlanMonth>,
    /// Days 0 to the horizon's last, for the charts (not serialised).
    #[serde(skip)]
    pub days: Vec<Day>,
}

/// Everything beyond the flat table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub projection: Projection,
    /// `None` when there is nothing to move to.
    pub migration: Option<MigrationPlan>,
}

/// The migration target: the scenario's, or else the cheapest compared
/// option that is not the baseline, not retired on the estimate's day and
/// meets every requirement of the scenario (an unknown fact does not).
pub fn target_of<'a>(book: &Pricebook, e: &'a Estimate) -> Option<&'a OptionEstimate> {
    let chosen = e.scenario.migration.target.as_ref().and_then(|t| {
        // A route of a workload mix is named by its id; a model by an alias too.
        let id = book.resolve(t).map_or_else(
            || t.clone(),
            |(p, m)| ModelRef {
                provider: p.id.clone(),
                model: m.id.clone(),
            },
        );
        e.options.iter().find(|o| !o.is_baseline && o.option == id)
    });
    chosen.or_else(|| {
        e.options
            .iter()
            .find(|o| !o.is_baseline && !o.is_retired(e.today) && o.fit.meets_all())
    })
}

fn overflow_error(e: &Estimate, o: Overflow) -> FieldError {
    FieldError {
        field: "growth".into(),
        value: e.scenario.growth_pct.to_string(),
        message: o.to_string(),
    }
}

/// An ROI that cannot be computed, named on the cost input that made the
/// costs tiny: the hour's cost, the other one-off costs or the monthly ones.
fn roi_error(e: &Estimate, err: RoiError) -> FieldError {
    let m = &e.scenario.migration;
    match err {
        RoiError::Overflow(o) => overflow_error(e, o),
        RoiError::CostsTooSmall { .. } => {
            let (field, value) = if !(m.hours * m.hourly_rate).is_zero() {
                ("rate", m.hourly_rate)
            } else if !m.fixed_cost.is_zero() {
                ("fixed", m.fixed_cost)
            } else {
                ("monthly", m.monthly_cost)
            };
            FieldError {
                field: field.into(),
                value: value.to_string(),
                message: err.to_string(),
            }
        }
    }
}

/// The baseline's cost per request (0 if it could not be priced).
fn baseline_per_request(e: &Estimate) -> Decimal {
    e.options
        .iter()
        .find(|o| o.is_baseline)
        .map_or(Decimal::ZERO, |o| o.per_request.total)
}

fn credit_in_display(book: &Pricebook, e: &Estimate, target: &OptionEstimate) -> Decimal {
    book.fx
        .factor(&target.native_currency, e.currency.code())
        .map_or(Decimal::ZERO, |f| e.scenario.migration.credit * f)
}

fn plan_months(days: &[Day]) -> Vec<PlanMonth> {
    days[1..]
        .chunks(DAYS_PER_MONTH as usize)
        .enumerate()
        .map(|(i, month)| {
            let sum = |f: fn(&Day) -> Decimal| month.iter().map(f).sum::<Decimal>().normalize();
            PlanMonth {
                month: i as u32 + 1,
                baseline_cost: sum(|d| d.baseline_cost),
                plan_cost: sum(|d| d.blended_cost - d.credit_used),
                credit_used: sum(|d| d.credit_used),
                fees: sum(|d| d.fee),
                net_savings: sum(|d| d.net_savings),
                cumulative_net: month.last().map_or(Decimal::ZERO, |d| d.cumulative_net),
            }
        })
        .collect()
}

fn plan(
    book: &Pricebook,
    e: &Estimate,
    target: &OptionEstimate,
    monthly_rpd: &[Decimal],
) -> Result<MigrationPlan, RoiError> {
    let s = &e.scenario;
    let m = &s.migration;
    let baseline = baseline_per_request(e);
    let credit = credit_in_display(book, e, target);
    let days = simulate(&TimelineInputs {
        baseline_per_request: baseline,
        target_per_request: target.per_request.total,
        monthly_requests: monthly_rpd,
        phases: &m.phases,
        fallback_pct: m.fallback_pct,
        one_off_cost: one_off_costs(m).2,
        monthly_cost: m.monthly_cost,
        credit,
    })?;
    let pay = payback(
        &days,
        m,
        baseline - target.per_request.total,
        baseline,
        monthly_rpd.last().copied().unwrap_or_default(),
        s.growth_pct,
    );
    Ok(MigrationPlan {
        target: target.option.clone(),
        target_label: target.label(),
        target_currency: target.native_currency.clone(),
        roi: roi(&days, m, credit, pay)?,
        rollout: rollout(
            &days,
            &m.phases,
            baseline,
            target.per_request.total,
            m.fallback_pct,
        ),
        months: plan_months(&days),
        days,
    })
}

/// The forecast of an estimate, and any field that could not be used.
pub fn forecast(book: &Pricebook, e: &Estimate) -> Result<Forecast, FieldError> {
    let s = &e.scenario;
    let overflow = |o| overflow_error(e, o);
    let monthly_rpd =
        monthly_requests(e.requests_per_day(), s.growth_pct, s.horizon_months).map_err(overflow)?;
    let projection = project(e, &monthly_rpd).map_err(overflow)?;
    let migration = target_of(book, e)
        .map(|t| plan(book, e, t, &monthly_rpd))
        .transpose()
        .map_err(|err| roi_error(e, err))?;
    Ok(Forecast {
        projection,
        migration,
    })
}

#[cfg(test)]
mod requirement_tests;
#[cfg(test)]
mod tests;
