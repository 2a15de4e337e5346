//! The three charts: their names, titles and text descriptions.
//!
//! The drawing is the server's (plotters, `server::charts`); what a chart
//! says in words lives here, so the page's `alt` text, the SVG's `<desc>`
//! and the tests read the same sentences.

use crate::forecast::Forecast;
use crate::forecast::roi::Payback;
use crate::money::DisplayCurrency;
use crate::view::display::{TOTAL_DP, money, number};
use serde::{Deserialize, Serialize};

/// A chart, by its URL name (`/chart/<name>.svg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChartKind {
    /// Monthly cost of each option over the horizon.
    Cost,
    /// Cumulative net savings of the migration, with break-even.
    Savings,
    /// Blended daily cost across the rollout phases.
    Rollout,
}

impl ChartKind {
    pub const ALL: [ChartKind; 3] = [Self::Cost, Self::Savings, Self::Rollout];

    pub fn name(self) -> &'static str {
        match self {
            Self::Cost => "cost",
            Self::Savings => "savings",
            Self::Rollout => "rollout",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Cost => "Monthly cost by option",
            Self::Savings => "Cumulative net savings of the migration",
            Self::Rollout => "Blended daily cost during the rollout",
        }
    }
}

const NO_TARGET: &str = "No migration target: no compared option is cheaper than the baseline and meets every requirement.";

/// The payback in words, e.g. "pays back on day 116".
pub fn payback_text(p: Payback) -> String {
    match p {
        Payback::OnDay { day: 0 } => "pays back at once (no one-off cost)".into(),
        Payback::OnDay { day } => format!("pays back on day {day}"),
        Payback::NotWithinHorizon { horizon_days } => {
            format!("does not pay back within the {horizon_days}-day horizon")
        }
        Payback::Never { reason } => format!("never pays back: {}", reason.text()),
    }
}

/// The chart's label for the break-even point, or its absence.
pub fn break_even_label(p: Payback) -> String {
    match p {
        Payback::OnDay { day } => format!("Break-even: day {day}"),
        Payback::NotWithinHorizon { .. } => "No break-even within the horizon".into(),
        Payback::Never { .. } => "Never pays back".into(),
    }
}

/// A chart's text alternative: its title, then its description when there
/// is a forecast to describe.
pub fn alt_text(kind: ChartKind, f: Option<&Forecast>, cur: DisplayCurrency) -> String {
    f.map_or_else(
        || kind.title().to_string(),
        |f| format!("{}. {}", kind.title(), describe(kind, f, cur)),
    )
}

/// Every chart's text alternative, in [`ChartKind::ALL`] order.
pub fn alt_texts(f: Option<&Forecast>, cur: DisplayCurrency) -> Vec<String> {
    ChartKind::ALL
        .into_iter()
        .map(|k| alt_text(k, f, cur))
        .collect()
}

/// A description of the chart's content for screen readers.
pub fn describe(kind: ChartKind, f: &Forecast, cur: DisplayCurrency) -> String {
    let m = |v| money(v, cur, TOTAL_DP);
    let p = &f.projection;
    match kind {
        ChartKind::Cost => {
            let lines: Vec<String> = p
                .options
                .iter()
                .filter_map(|o| {
                    let first = o.months.first()?;
                    let last = o.months.last()?;
                    Some(format!(
                        "{}{}: {} in month 1, {} in month {}",
                        o.label,
                        if o.is_baseline { " (baseline)" } else { "" },
                        m(first.cost),
                        m(last.cost),
                        last.month
                    ))
                })
                .collect();
            format!(
                "Monthly cost in {} of {} options over {} months, traffic growing {}% a month. {}.",
                cur.code(),
                p.options.len(),
                p.horizon_months,
                number(p.growth_pct),
                lines.join("; ")
            )
        }
        ChartKind::Savings => match &f.migration {
            Some(plan) => format!(
                "Cumulative net savings in {} of moving to {}, starting at minus the one-off cost of {}: {} after 12 months, {} after {} months. The migration {}.",
                cur.code(),
                plan.target_label,
                m(plan.roi.one_off_cost),
                m(plan.roi.first_year.net),
                m(plan.roi.horizon.net),
                plan.roi.horizon.months,
                payback_text(plan.roi.payback)
            ),
            None => NO_TARGET.into(),
        },
        ChartKind::Rollout => match &f.migration {
            Some(plan) => {
                let phases: Vec<String> = plan
                    .rollout
                    .phases
                    .iter()
                    .map(|ph| {
                        format!(
                            "days {}–{} at {}% on the target: {} a day (baseline {})",
                            ph.first_day,
                            ph.last_day,
                            number(ph.share_pct),
                            m(ph.blended_daily_cost),
                            m(ph.baseline_daily_cost)
                        )
                    })
                    .collect();
                format!(
                    "Blended daily cost in {} while traffic moves to {}, {}% of target requests retried on the baseline. {}.",
                    cur.code(),
                    plan.target_label,
                    number(plan.rollout.fallback_pct),
                    if phases.is_empty() {
                        "All traffic moves on day 1".to_string()
                    } else {
                        phases.join("; ")
                    }
                )
            }
            None => NO_TARGET.into(),
        },
    }
}
