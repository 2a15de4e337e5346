//! The forecast rounded once for display: projection rows, the ROI summary
//! and the rollout's phase rows.

use crate::forecast::roi::Payback;
use crate::forecast::{Forecast, MigrationPlan};
use crate::money::DisplayCurrency;
use crate::money::periods::{DAYS_PER_MONTH, MONTHS_PER_YEAR as MONTHS};
use crate::view::chart_text::payback_text;
use crate::view::display::{PER_REQUEST_DP, TOTAL_DP, money, number, percent, round_parts};
use rust_decimal::Decimal;

/// One option's yearly totals; the shown years add up to the shown total.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct YearRow {
    pub id: String,
    pub label: String,
    pub is_baseline: bool,
    pub years: Vec<String>,
    pub total: String,
}

/// One month across all options.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MonthRow {
    pub month: u32,
    pub requests_per_day: String,
    pub costs: Vec<String>,
}

/// The projection, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectionView {
    pub horizon_months: u32,
    pub growth: String,
    pub year_headers: Vec<String>,
    pub years: Vec<YearRow>,
    pub option_labels: Vec<String>,
    pub months: Vec<MonthRow>,
}

pub fn projection_view(f: &Forecast, cur: DisplayCurrency) -> ProjectionView {
    let p = &f.projection;
    let m = |v| money(v, cur, TOTAL_DP);
    let years = p
        .options
        .iter()
        .map(|o| {
            let (shown, total) = round_parts(&o.years, TOTAL_DP);
            YearRow {
                id: o.option.to_string(),
                label: o.label.clone(),
                is_baseline: o.is_baseline,
                years: shown.into_iter().map(m).collect(),
                total: m(total),
            }
        })
        .collect();
    let months = (0..p.horizon_months as usize)
        .map(|i| MonthRow {
            month: i as u32 + 1,
            requests_per_day: p
                .options
                .first()
                .and_then(|o| o.months.get(i))
                .map_or_else(String::new, |mc| {
                    number(crate::view::display::round(mc.requests_per_day, 0))
                }),
            costs: p
                .options
                .iter()
                .map(|o| o.months.get(i).map_or_else(String::new, |mc| m(mc.cost)))
                .collect(),
        })
        .collect();
    ProjectionView {
        horizon_months: p.horizon_months,
        growth: format!("{}%", number(p.growth_pct)),
        year_headers: (1..=p.horizon_months.div_ceil(12))
            .map(|y| {
                format!(
                    "Year {y} (months {}–{}, {} days)",
                    y * MONTHS - 11,
                    y * MONTHS,
                    MONTHS * DAYS_PER_MONTH
                )
            })
            .collect(),
        years,
        option_labels: p.options.iter().map(|o| o.label.clone()).collect(),
        months,
    }
}

/// One rollout phase, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhaseRow {
    pub phase: u32,
    pub share: String,
    pub days: String,
    pub blended_per_request: String,
    pub blended_daily: String,
    pub baseline_daily: String,
    pub cost: String,
    pub fallback_cost: String,
    pub savings: String,
}

/// The migration's ROI and rollout, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoiView {
    pub target_id: String,
    pub target_label: String,
    pub one_off: String,
    /// "8 h × $100.00 + $0.00 fixed".
    pub one_off_parts: String,
    pub monthly: String,
    pub credit: String,
    pub credit_used: String,
    /// "pays back on day 116", "never pays back: …".
    pub payback: String,
    pub payback_day: Option<u32>,
    /// `pays`, `late` or `never`, for styling.
    pub verdict: &'static str,
    pub first_year_net: String,
    pub first_year_roi: String,
    pub horizon_months: u32,
    pub horizon_net: String,
    pub horizon_roi: String,
    pub fallback: String,
    pub phases: Vec<PhaseRow>,
    pub phases_beyond_horizon: u32,
    pub after_rollout: String,
}

fn roi_pct(v: Option<Decimal>) -> String {
    v.map_or_else(|| "n/a (nothing spent)".into(), percent)
}

pub fn roi_view(
    plan: &MigrationPlan,
    hours: Decimal,
    rate: Decimal,
    cur: DisplayCurrency,
) -> RoiView {
    let m = |v| money(v, cur, TOTAL_DP);
    let r = &plan.roi;
    let rollout = &plan.rollout;
    RoiView {
        target_id: plan.target.to_string(),
        target_label: plan.target_label.clone(),
        one_off: m(r.one_off_cost),
        one_off_parts: format!(
            "{} h × {} + {} fixed",
            number(hours),
            m(rate),
            m(r.fixed_cost)
        ),
        monthly: m(r.monthly_cost),
        credit: m(r.credit),
        credit_used: m(r.credit_used),
        payback: payback_text(r.payback),
        payback_day: match r.payback {
            Payback::OnDay { day } => Some(day),
            _ => None,
        },
        verdict: match r.payback {
            Payback::OnDay { .. } => "pays",
            Payback::NotWithinHorizon { .. } => "late",
            Payback::Never { .. } => "never",
        },
        first_year_net: m(r.first_year.net),
        first_year_roi: roi_pct(r.first_year.roi_pct),
        horizon_months: r.horizon.months,
        horizon_net: m(r.horizon.net),
        horizon_roi: roi_pct(r.horizon.roi_pct),
        fallback: format!("{}%", number(rollout.fallback_pct)),
        phases: rollout
            .phases
            .iter()
            .map(|p| PhaseRow {
                phase: p.phase,
                share: format!("{}%", number(p.share_pct)),
                days: format!("{}–{}", p.first_day, p.last_day),
                blended_per_request: money(p.blended_per_request, cur, PER_REQUEST_DP),
                blended_daily: m(p.blended_daily_cost),
                baseline_daily: m(p.baseline_daily_cost),
                cost: m(p.cost),
                fallback_cost: m(p.fallback_cost),
                savings: m(p.savings),
            })
            .collect(),
        phases_beyond_horizon: rollout.phases_beyond_horizon,
        after_rollout: format!(
            "{}% of requests on the target from then on, {} a request",
            number(rollout.final_share_pct),
            money(rollout.final_blended_per_request, cur, PER_REQUEST_DP)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::scenario_cost::estimate;
    use crate::forecast::forecast;
    use crate::pricebook::fixtures::playbook_book;
    use crate::scenario::codec::decode_query;

    #[test]
    fn the_playbook_reads_as_expected() {
        let (s, _) = decode_query("in=0&target=holysheep/claude-haiku-4-5&growth=5");
        let book = playbook_book();
        let f = forecast(&book, &estimate(&book, &s)).unwrap();
        let p = projection_view(&f, s.currency);
        assert_eq!(p.year_headers, ["Year 1 (months 1–12, 360 days)"]);
        // $300,000 × (1.05¹² − 1) / 0.05 = $300,000 × 15.917126520… = $4,775,137.96.
        assert_eq!(p.years[0].years, ["$4,775,137.96"]);
        assert_eq!(p.months[11].requests_per_day, "17,103,394");
        let plan = f.migration.as_ref().unwrap();
        let r = roi_view(plan, s.migration.hours, s.migration.hourly_rate, s.currency);
        assert_eq!(r.one_off, "$800.00");
        assert_eq!(r.one_off_parts, "8 h × $100.00 + $0.00 fixed");
        assert_eq!(r.payback, "pays back on day 1");
        assert_eq!(r.phases[0].share, "10%");
        assert_eq!(r.phases[0].days, "1–7");
        assert_eq!(r.phases[0].blended_daily, "$9,028.17");
    }
}
