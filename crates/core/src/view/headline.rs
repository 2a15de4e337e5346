//! The answer first: the summary sentence, the headline figures (the
//! baseline's monthly cost today, the monthly cost after the move, the
//! saving and the payback) and the target's claims beside what is computed.
//!
//! The figures are the steady state the summary sentence speaks of: the
//! rollout's last share of traffic, the fallback rate and the monthly fee.

use crate::cost::estimate::Estimate;
use crate::forecast::Forecast;
use crate::forecast::roi::Payback;
use crate::view::display::{TOTAL_DP, money, percent};
use crate::view::summary::{steady_monthly_savings, summary};
use rust_decimal::Decimal;

/// What the top of the calculator shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// The same sentence as the report's.
    pub sentence: String,
    /// (label, figure), in reading order.
    pub figures: Vec<(String, String)>,
    /// The target's claims, each with what llm-roi computes or measures.
    pub claims: Vec<String>,
}

fn payback_figure(p: Payback) -> String {
    match p {
        Payback::OnDay { day: 0 } => "at once".into(),
        Payback::OnDay { day } => format!("day {day}"),
        Payback::NotWithinHorizon { horizon_days } => format!("not within {horizon_days} days"),
        Payback::Never { .. } => "never".into(),
    }
}

/// The headline of an estimate and its forecast.
pub fn headline(e: &Estimate, f: Option<&Forecast>) -> Headline {
    let cur = e.currency;
    let m = |v: Decimal| money(v, cur, TOTAL_DP);
    let sentence = summary(e, f);
    let Some(base) = e.options.iter().find(|o| o.is_baseline) else {
        return Headline {
            sentence,
            figures: Vec::new(),
            claims: Vec::new(),
        };
    };
    let today = base.per_month.total;
    let mut figures = vec![("Today, per month".to_string(), m(today))];
    let mut claims = Vec::new();
    if let Some(plan) = f.and_then(|f| f.migration.as_ref()) {
        let saving = steady_monthly_savings(e, plan);
        let after = today.checked_sub(saving);
        let share = saving
            .checked_div(today)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
        figures.push((
            "After the move, per month".into(),
            after.map_or_else(|| "too large to show".into(), m),
        ));
        let saving_text = match share {
            Some(pct) if !today.is_zero() => format!("{} ({})", m(saving), percent(pct)),
            _ => m(saving),
        };
        figures.push(("Saving, per month".into(), saving_text));
        figures.push(("Payback".into(), payback_figure(plan.roi.payback)));
        if let Some(target) = e.options.iter().find(|o| o.option == plan.target) {
            if let Some(c) = &target.savings_claim {
                claims.push(format!("{}: {}", target.provider_name, c.text));
            }
            if let Some(ms) = target.claimed_overhead_ms {
                claims.push(format!(
                    "{} claims under {ms} ms of added latency; the probe below measures it.",
                    target.provider_name
                ));
            }
        }
    }
    Headline {
        sentence,
        figures,
        claims,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::fixtures::playbook_report;

    fn of(q: &str) -> Headline {
        let r = playbook_report(q);
        headline(&r.estimate, r.forecast.as_ref())
    }

    #[test]
    fn the_playbook_headline_adds_up() {
        let h = of("in=0&target=holysheep/claude-haiku-4-5");
        assert!(
            h.sentence
                .starts_with("Moving Anthropic — Claude Haiku 4.5 to HolySheep")
        );
        let labels: Vec<&str> = h.figures.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Today, per month",
                "After the move, per month",
                "Saving, per month",
                "Payback"
            ]
        );
        assert_eq!(h.figures[0].1, "$300,000.00");
        assert_eq!(h.figures[1].1, "$8,450.70");
        assert_eq!(h.figures[2].1, "$291,549.30 (97.2%)");
        assert_eq!(h.figures[3].1, "day 1");
        // The frozen pricebook gives HolySheep a latency claim, not a price one.
        assert_eq!(
            h.claims,
            [
                "HolySheep AI (relay) claims under 50 ms of added latency; the probe below measures it."
            ]
        );
    }

    #[test]
    fn without_a_migration_there_is_only_todays_cost() {
        // No forecast (its inputs could not be used): nothing moves.
        let r = playbook_report("in=0&target=holysheep/claude-haiku-4-5");
        let h = headline(&r.estimate, None);
        assert_eq!(h.figures.len(), 1, "{:?}", h.figures);
        assert_eq!(h.figures[0].0, "Today, per month");
        assert!(h.claims.is_empty());
    }
}
