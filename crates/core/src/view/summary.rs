//! The report's one-sentence summary, e.g. "Moving Anthropic — Claude Haiku
//! 4.5 to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep saves
//! $291,549.30/month, pays back in 1 day."
//!
//! "Saves per month" is the steady state at today's traffic: 30 days once the
//! rollout is complete (fallback retries included), less the recurring fee.

use crate::cost::estimate::{Estimate, OptionEstimate};
use crate::forecast::roi::Payback;
use crate::forecast::{Forecast, MigrationPlan};
use crate::money::periods::DAYS_PER_MONTH;
use crate::view::display::{TOTAL_DP, money, number};
use crate::view::fit_rows::not_met_text;
use rust_decimal::Decimal;

/// What is moved: the option, or for a workload mix the log.
fn moved(e: &Estimate, o: &OptionEstimate) -> String {
    if let Some(mix) = &e.scenario.mix {
        if mix.workload.relays().is_empty() {
            "this workload from each model's own vendor".into()
        } else {
            "this workload from where it was sent".into()
        }
    } else {
        o.label()
    }
}

/// What the sentence is about when nothing moves.
fn subject(e: &Estimate, base: &OptionEstimate) -> String {
    if e.scenario.mix.is_some() {
        "This workload".to_string()
    } else {
        base.label()
    }
}

/// Net savings a month once the rollout is complete, at today's traffic.
pub fn steady_monthly_savings(e: &Estimate, plan: &MigrationPlan) -> Decimal {
    let baseline = e
        .options
        .iter()
        .find(|o| o.is_baseline)
        .map_or(Decimal::ZERO, |o| o.per_request.total);
    let per_request = baseline - plan.rollout.final_blended_per_request;
    (per_request * e.requests_per_day() * Decimal::from(DAYS_PER_MONTH) - plan.roi.monthly_cost)
        .normalize()
}

fn payback_clause(p: Payback) -> String {
    match p {
        Payback::OnDay { day: 0 } => "pays back at once".into(),
        Payback::OnDay { day: 1 } => "pays back in 1 day".into(),
        Payback::OnDay { day } => format!("pays back in {day} days"),
        Payback::NotWithinHorizon { horizon_days } => {
            format!("does not pay back within {horizon_days} days")
        }
        Payback::Never { reason } => format!("never pays back ({})", reason.text()),
    }
}

/// True when the target was picked by default (the cheapest eligible
/// option of a one-model scenario) and costs at least the baseline a
/// request: then no option is cheaper, and the sentence says so.
fn no_cheaper_option(e: &Estimate, base: &OptionEstimate, plan: &MigrationPlan) -> bool {
    e.scenario.migration.target.is_none()
        && e.scenario.mix.is_none()
        && e.options
            .iter()
            .find(|o| o.option == plan.target)
            .is_some_and(|t| t.per_request.total >= base.per_request.total)
}

/// The summary sentence of an estimate and its forecast.
pub fn summary(e: &Estimate, f: Option<&Forecast>) -> String {
    let cur = e.currency;
    let m = |v| money(v, cur, TOTAL_DP);
    let Some(base) = e.options.iter().find(|o| o.is_baseline) else {
        return "The baseline could not be priced; see the inputs that could not be used.".into();
    };
    match f.and_then(|f| f.migration.as_ref()) {
        Some(plan) if no_cheaper_option(e, base, plan) => {
            let monthly = steady_monthly_savings(e, plan);
            let gap = if monthly.is_sign_negative() && !monthly.is_zero() {
                format!("costs {}/month more", m(-monthly))
            } else {
                "costs no less".to_string()
            };
            let eligible = if e.scenario.requirements.is_empty() {
                "No compared option"
            } else {
                "No compared option that meets every requirement"
            };
            format!(
                "{eligible} is cheaper than {} for this traffic: the cheapest, {}, {gap}.",
                base.label(),
                plan.target_label
            )
        }
        Some(plan) => {
            let monthly = steady_monthly_savings(e, plan);
            let effect = if monthly.is_sign_negative() && !monthly.is_zero() {
                format!("costs {}/month more", m(-monthly))
            } else {
                format!("saves {}/month", m(monthly))
            };
            let unmet = e
                .options
                .iter()
                .find(|o| o.option == plan.target)
                .and_then(|o| not_met_text(&o.fit))
                .map(|t| format!(" It does not meet every requirement: {t}."))
                .unwrap_or_default();
            format!(
                "Moving {} to {} {effect}, {}.{unmet}",
                moved(e, base),
                plan.target_label,
                payback_clause(plan.roi.payback)
            )
        }
        // Options to move to exist, so the requirements are why none is the target.
        None if !e.scenario.requirements.is_empty()
            && e.options
                .iter()
                .any(|o| !o.is_baseline && !o.is_retired(e.today)) =>
        {
            format!(
                "{} costs {}/month at {} requests a day; no compared option meets every requirement ({}), so none is the migration target.",
                subject(e, base),
                m(base.per_month.total),
                number(e.requests_per_day().round_dp(1)),
                e.scenario
                    .requirements
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        // Every default option costs the baseline's month or more, so none
        // is left to move to (crate::cost::cheaper_only).
        None if !e.dearer.is_empty() => {
            let cheapest = e
                .dearer
                .iter()
                .min_by(|a, b| a.extra_per_month.cmp(&b.extra_per_month));
            let (label, extra) = cheapest
                .map(|d| (d.label(), d.extra_per_month))
                .unwrap_or_default();
            let gap = if extra.is_zero() {
                "costs the same".to_string()
            } else {
                format!("costs {}/month more", m(extra))
            };
            format!(
                "No compared option is cheaper than {} for this traffic: the cheapest, {label}, {gap}.",
                base.label()
            )
        }
        None => format!(
            "{} costs {}/month at {} requests a day; no other option is compared.",
            subject(e, base),
            m(base.per_month.total),
            number(e.requests_per_day().round_dp(1))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::fixtures::playbook_report;

    fn sentence(q: &str) -> String {
        let r = playbook_report(q);
        summary(&r.estimate, r.forecast.as_ref())
    }

    #[test]
    fn the_playbook_pays_back_in_a_day() {
        // $10,000/day − ¥2,000/day at 7.1 ¥/$ ($281.690140…) = $9,718.309859…/day,
        // × 30 = $291,549.30/month.
        assert_eq!(
            sentence("in=0&target=holysheep/claude-haiku-4-5"),
            "Moving Anthropic — Claude Haiku 4.5 to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep saves $291,549.30/month, pays back in 1 day."
        );
    }

    #[test]
    fn the_fee_and_a_partial_rollout_are_in_the_monthly_figure() {
        // Half the traffic moves: $145,774.65 saved, less a $774.65 fee.
        assert_eq!(
            sentence("in=0&target=holysheep/claude-haiku-4-5&phases=50:7&monthly=774.65"),
            "Moving Anthropic — Claude Haiku 4.5 to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep saves $145,000.00/month, pays back in 1 day."
        );
    }

    #[test]
    fn a_dearer_target_costs_more_and_never_pays_back() {
        let s = sentence("in=0&target=openrouter/anthropic/claude-haiku-4.5");
        // 5.5 % more: $10,000 × 0.055 × 30 = $16,500.
        assert!(
            s.contains("costs $16,500.00/month more, never pays back (per request"),
            "{s}"
        );
    }

    #[test]
    fn when_no_option_is_cheaper_the_sentence_says_so() {
        // The only compared option is OpenRouter, 5.5 % dearer, picked by
        // default: no "saves … never pays back".
        let s = sentence("in=0&cmp=openrouter/anthropic/claude-haiku-4.5");
        assert_eq!(
            s,
            "No compared option is cheaper than Anthropic — Claude Haiku 4.5 for this traffic: the cheapest, OpenRouter (relay) — Claude Haiku 4.5 via OpenRouter, costs $16,500.00/month more."
        );
    }

    #[test]
    fn when_every_default_option_is_dearer_the_sentence_says_so() {
        // By default only cheaper options are compared; from HolySheep, every
        // other is dearer, and the sentence names the cheapest of them.
        let s = sentence("in=0&base=holysheep/claude-haiku-4-5");
        // DeepSeek: 2,000 M output tokens a day × $0.42/M × 30 = $25,200;
        // HolySheep: ¥2,000 a day at 7.1 ¥/$ × 30 = $8,450.704225…
        assert_eq!(
            s,
            "No compared option is cheaper than HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep for this traffic: the cheapest, DeepSeek — DeepSeek V3.2 (deepseek-chat), costs $16,749.30/month more."
        );
    }

    #[test]
    fn small_traffic_does_not_pay_back_within_the_horizon() {
        let s = sentence("rpd=1000&in=0&target=holysheep/claude-haiku-4-5");
        assert!(s.ends_with("does not pay back within 360 days."), "{s}");
    }

    #[test]
    fn without_a_comparison_the_baseline_cost_is_given() {
        assert_eq!(
            sentence("rpd=1000&in=0&cmp=anthropic/claude-haiku-4-5"),
            "Anthropic — Claude Haiku 4.5 costs $30.00/month at 1,000 requests a day; no other option is compared."
        );
    }

    #[test]
    fn the_sentence_names_what_the_chosen_target_does_not_meet() {
        use crate::cost::scenario_cost::estimate;
        use crate::forecast::forecast;
        use crate::pricebook::fixtures::shipped_book;
        use crate::scenario::codec::decode_query;
        let book = shipped_book();
        let say = |q: &str| {
            let (s, errors) = decode_query(q);
            assert!(errors.is_empty(), "{errors:?}");
            let e = estimate(&book, &s);
            let f = forecast(&book, &e).ok();
            summary(&e, f.as_ref())
        };
        let s = say("in=0&req=soc2,zdr&target=holysheep/claude-haiku-5-5");
        assert!(
            s.ends_with("It does not meet every requirement: SOC 2 Type II (fails), zero data retention (unknown)."),
            "{s}"
        );
        let s = say("in=0&req=soc2");
        assert!(
            !s.contains("does not meet"),
            "the default target meets it: {s}"
        );
        let s = say("in=0&req=soc2,wechat");
        assert!(
            s.ends_with("no compared option meets every requirement (SOC 2 Type II, pays by WeChat Pay), so none is the migration target."),
            "{s}"
        );
    }
}
