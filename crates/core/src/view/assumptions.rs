//! The assumptions behind a report's figures, in words.

use crate::cost::estimate::Estimate;
use crate::forecast::Forecast;
use crate::money::currency_prefix;
use crate::money::periods::MONTHS_PER_YEAR;
use crate::money::periods::{DAYS_PER_MONTH, DAYS_PER_YEAR};
use crate::scenario::CacheTtl;
use crate::view::display::{TOTAL_DP, money, number};
use rust_decimal::Decimal;

fn pct(v: Decimal) -> String {
    format!("{}%", number(v))
}

fn rollout_words(phases: &[crate::scenario::migration::Phase]) -> String {
    if phases.is_empty() {
        return "all traffic moves on day 1 (no staged rollout)".into();
    }
    let steps: Vec<String> = phases
        .iter()
        .map(|p| format!("{} for {} days", pct(p.share_pct), p.days))
        .collect();
    let last = phases.last().map_or(Decimal::ZERO, |p| p.share_pct);
    format!(
        "traffic moves in phases: {}; {} of it stays on the target after the last phase",
        steps.join(", then "),
        pct(last)
    )
}

fn caching_words(s: &crate::scenario::Scenario) -> String {
    if s.cache_read_pct.is_zero() && s.cache_write_pct.is_zero() {
        return "No prompt caching.".into();
    }
    format!(
        "{} of input tokens are read from the prompt cache and {} written to it ({} cache).",
        pct(s.cache_read_pct),
        pct(s.cache_write_pct),
        match s.cache_ttl {
            CacheTtl::FiveMinutes => "5-minute",
            CacheTtl::OneHour => "1-hour",
        }
    )
}

/// Every assumption, one sentence each.
pub fn assumptions(e: &Estimate, f: Option<&Forecast>) -> Vec<String> {
    let s = &e.scenario;
    let cur = e.currency;
    let m = |v| money(v, cur, TOTAL_DP);
    let mut out = Vec::new();
    if let Some(mix) = &s.mix {
        out.push(format!(
            "An imported log of {} requests over {} days ({} a day) in {} classes: each class is one model's requests between two long-context thresholds of every route, batch apart, priced on its token totals, so the figures are the log's exact cost.",
            number(Decimal::from(mix.workload.requests())),
            mix.days,
            number(mix.requests_per_day().round_dp(1)),
            mix.workload.classes.len()
        ));
        out.push("Prompt caching and batch as the log records them; a route that does not serve a model leaves its requests on the vendor's API, at the vendor's price.".into());
    } else {
        out.push(format!(
            "{} requests a day, each with {} input and {} output tokens on average.",
            number(Decimal::from(s.requests_per_day)),
            number(s.input_tokens),
            number(s.output_tokens)
        ));
    }
    if s.mix.is_none() {
        out.push(caching_words(s));
        out.push(if s.batch_pct.is_zero() {
            "No batch traffic.".into()
        } else {
            format!(
                "{} of requests go through a batch API, discounted where the provider has one.",
                pct(s.batch_pct)
            )
        });
    }
    out.push(if s.growth_pct.is_zero() {
        format!("Traffic stays flat over {} months.", s.horizon_months)
    } else {
        format!(
            "Traffic changes by {} a month, compounded, over {} months.",
            pct(s.growth_pct),
            s.horizon_months
        )
    });
    out.push(format!(
        "A month is {DAYS_PER_MONTH} days; the options table's year is {DAYS_PER_YEAR} days, a projection year {MONTHS_PER_YEAR} months ({} days).",
        DAYS_PER_MONTH * MONTHS_PER_YEAR
    ));
    out.push(if e.fx.is_empty() {
        format!("Amounts are in {}; every price used is in that currency.", cur.code())
    } else {
        format!(
            "Amounts are in {}; other currencies are converted at the exchange rates listed with the prices.",
            cur.code()
        )
    });
    if let Some(c) = s.calibration {
        out.push(format!(
            "Figures are {}: every route's cost is multiplied by {}, what a reconciled bill came to over the list-price cost of the same usage; the figures without it are linked below.",
            c.words(),
            c.factor.normalize()
        ));
    }
    for a in &s.audits {
        out.push(format!(
            "Relay {} is {}; its {} price drives its savings and ROI, and the other is shown beside it.",
            a.relay,
            a.words(),
            s.price.code()
        ));
    }
    if let Some(base) = e.options.iter().find(|o| o.is_baseline) {
        out.push(format!(
            "Savings are against the baseline, {}.",
            base.label()
        ));
    }
    if let Some(plan) = f.and_then(|f| f.migration.as_ref()) {
        let mg = &s.migration;
        out.push(format!(
            "The move to {} takes {} hours of engineering at {} an hour, plus {} of fixed costs, and then {} a month.",
            plan.target_label,
            number(mg.hours),
            m(mg.hourly_rate),
            m(mg.fixed_cost),
            m(mg.monthly_cost)
        ));
        if !mg.credit.is_zero() {
            out.push(format!(
                "The target gives {}{} of free credit ({} here), spent before anything is paid.",
                currency_prefix(&plan.target_currency),
                number(mg.credit),
                m(plan.roi.credit)
            ));
        }
        out.push(format!("From day 1, {}.", rollout_words(&mg.phases)));
        out.push(if let Some(m) = &mg.fallback_measured {
            format!(
                "{} of requests sent to the target fail and are retried on the baseline, so they are paid twice: the rate measured on {}.",
                pct(mg.fallback_pct),
                m.words()
            )
        } else if mg.fallback_pct.is_zero() {
            "No request to the target fails over to the baseline.".into()
        } else {
            format!(
                "{} of requests sent to the target fail and are retried on the baseline, so they are paid twice.",
                pct(mg.fallback_pct)
            )
        });
        out.push(
            "Payback is the first day from which cumulative net savings stay at zero or above through the horizon."
                .into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::fixtures::playbook_report;

    fn words(q: &str) -> Vec<String> {
        let r = playbook_report(q);
        assumptions(&r.estimate, r.forecast.as_ref())
    }

    #[test]
    fn the_playbook_in_words() {
        let w = words("in=0&target=holysheep/claude-haiku-4-5&credit=100&fb=2");
        assert_eq!(
            w[0],
            "10,000,000 requests a day, each with 0 input and 200 output tokens on average."
        );
        assert_eq!(w[1], "No prompt caching.");
        assert_eq!(w[3], "Traffic stays flat over 12 months.");
        assert!(w.iter().any(|l| l == "The move to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep takes 8 hours of engineering at $100.00 an hour, plus $0.00 of fixed costs, and then $0.00 a month."), "{w:#?}");
        assert!(w.iter().any(|l| l == "The target gives ¥100 of free credit ($14.08 here), spent before anything is paid."), "{w:#?}");
        assert!(w.iter().any(|l| l == "From day 1, traffic moves in phases: 10% for 7 days, then 25% for 7 days, then 50% for 7 days, then 100% for 7 days; 100% of it stays on the target after the last phase."), "{w:#?}");
        assert!(
            w.iter()
                .any(|l| l.starts_with("2% of requests sent to the target fail")),
            "{w:#?}"
        );
    }

    #[test]
    fn caching_growth_and_currency() {
        let w = words("cr=40&cw=10&ttl=1h&batch=20&growth=-2.5&horizon=24&cur=EUR");
        assert_eq!(
            w[1],
            "40% of input tokens are read from the prompt cache and 10% written to it (1-hour cache)."
        );
        assert_eq!(
            w[2],
            "20% of requests go through a batch API, discounted where the provider has one."
        );
        assert_eq!(
            w[3],
            "Traffic changes by -2.5% a month, compounded, over 24 months."
        );
        assert!(
            w[5].starts_with("Amounts are in EUR; other currencies are converted"),
            "{w:#?}"
        );
    }
}
