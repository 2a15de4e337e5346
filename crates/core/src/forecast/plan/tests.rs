//! Hand-computed cases. The workload: Claude Haiku 4.5 with 0 input and 200
//! output tokens, shown in CNY so that every price is exact: the baseline
//! costs ¥0.0071 a request ($5/M × 200 × 7.10), HolySheep ¥0.0002 (¥1/M).
//! At 1,000 requests a day the full saving is ¥6.9 a day.

use super::*;
use crate::cost::scenario_cost::estimate;
use crate::forecast::roi::{NeverReason, Payback};
use crate::pricebook::fixtures::playbook_book;
use crate::scenario::codec::{decode, decode_query, split_query};
use proptest::prelude::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

const HAIKU_CNY: &str = "rpd=1000&in=0&out=200&cur=CNY&target=holysheep/claude-haiku-4-5&rate=100";

/// The base query with `extra`'s keys replacing its own.
fn run(extra: &str) -> Forecast {
    let mut pairs = split_query(HAIKU_CNY);
    for (k, v) in split_query(extra) {
        pairs.retain(|(key, _)| *key != k);
        pairs.push((k, v));
    }
    let (s, errors) = decode(&pairs);
    assert!(errors.is_empty(), "{errors:?}");
    let book = playbook_book();
    let e = estimate(&book, &s);
    assert!(e.errors.is_empty(), "{:?}", e.errors);
    forecast(&book, &e).unwrap()
}

fn plan(extra: &str) -> MigrationPlan {
    run(extra).migration.unwrap()
}

#[test]
fn payback_without_growth() {
    // ¥800 one-off (8 h × ¥100); ¥6.9 a day: 115 days give ¥793.5, 116 give ¥800.4.
    let p = plan("phases=none");
    assert_eq!(p.roi.one_off_cost, d("800"));
    assert_eq!(p.roi.payback, Payback::OnDay { day: 116 });
    // 360 days × 6.9 − 800.
    assert_eq!(p.roi.first_year.net, d("1684"));
    assert_eq!(p.roi.first_year.roi_pct, Some(d("210.5")));
}

#[test]
fn payback_with_growth() {
    // +10 %/month: ¥6.9, 7.59, 8.349, 9.1839 a day in months 1–4. After
    // 90 days ¥685.17; 12 more days give 795.3768, 13 give 804.5607.
    let p = plan("phases=none&growth=10");
    assert_eq!(p.roi.payback, Payback::OnDay { day: 103 });
    assert_eq!(p.months[2].cumulative_net, d("-114.83"));
}

#[test]
fn free_credit_pays_the_targets_bills() {
    // ¥100 of credit covers the target's ¥0.2 a day for 500 days, so a day
    // saves ¥7.1: 112 days give ¥795.2, 113 give ¥802.3.
    let p = plan("phases=none&credit=100");
    assert_eq!(p.roi.payback, Payback::OnDay { day: 113 });
    assert_eq!(p.roi.credit, d("100"));
    // 360 days × ¥0.2 used of it within the first year.
    assert_eq!(p.roi.credit_used, d("72"));
    // With growth too, month 4: 9.1839 + 0.2662 a day.
    let g = plan("phases=none&credit=100&growth=10");
    assert!(matches!(g.roi.payback, Payback::OnDay { day } if day < 103));
}

#[test]
fn credit_in_another_currency_is_converted() {
    // $10 of OpenRouter credit shown in CNY is ¥71.
    let p = plan("phases=none&credit=10&target=openrouter/anthropic/claude-haiku-4.5");
    assert_eq!(p.target_currency, "USD");
    assert_eq!(p.roi.credit, d("71"));
}

#[test]
fn never_pays_back_when_the_target_is_dearer() {
    let p = plan("base=holysheep/claude-haiku-4-5&target=anthropic/claude-haiku-4-5&phases=none");
    assert_eq!(
        p.roi.payback,
        Payback::Never {
            reason: NeverReason::TargetNotCheaper
        }
    );
    assert!(p.roi.horizon.net < Decimal::ZERO);
    // Credit does not change the verdict.
    let c =
        plan("base=holysheep/claude-haiku-4-5&target=anthropic/claude-haiku-4-5&credit=1000000");
    assert!(matches!(c.roi.payback, Payback::Never { .. }));
}

#[test]
fn never_pays_back_when_fees_eat_the_savings() {
    // ¥6.9 × 30 = ¥207 a month of savings against a ¥300 monthly fee.
    let p = plan("phases=none&monthly=300");
    assert_eq!(
        p.roi.payback,
        Payback::Never {
            reason: NeverReason::RecurringNotCovered
        }
    );
    // With 20 % monthly growth the savings outgrow the fee.
    let g = plan("phases=none&monthly=300&growth=20&horizon=36");
    assert!(
        matches!(g.roi.payback, Payback::OnDay { .. }),
        "{:?}",
        g.roi.payback
    );
    // A dearer fallback: 98 % of requests retried makes the target dearer.
    let f = plan("phases=none&fb=98");
    assert!(matches!(
        f.roi.payback,
        Payback::Never {
            reason: NeverReason::TargetNotCheaper
        }
    ));
}

#[test]
fn rollout_blends_with_fallback() {
    // 10/25/50/100 % a week each, 2 % of target requests retried on Haiku.
    // Phase 1: 0.9 × 0.0071 + 0.1 × (0.0002 + 0.02 × 0.0071) = ¥0.0064242.
    let p = plan("fb=2");
    let r = &p.rollout;
    assert_eq!(r.phases.len(), 4);
    let p1 = &r.phases[0];
    assert_eq!((p1.first_day, p1.last_day), (1, 7));
    assert_eq!(p1.blended_per_request, d("0.0064242"));
    assert_eq!(p1.blended_daily_cost, d("6.4242"));
    assert_eq!(p1.baseline_daily_cost, d("7.1"));
    assert_eq!(p1.cost, d("44.9694"));
    assert_eq!(p1.savings, d("4.7306"));
    assert_eq!(p1.fallback_cost, d("0.0994"));
    let p4 = &r.phases[3];
    assert_eq!((p4.first_day, p4.last_day), (22, 28));
    assert_eq!(p4.blended_per_request, d("0.000342"));
    // Savings a day are share × 6.758: 4.7306 + 11.8265 + 23.653 + 47.306.
    assert_eq!(r.savings, d("87.5161"));
    assert_eq!(r.final_share_pct, d("100"));
    // Then ¥6.758 a day: 105 more days give 709.59, 106 give 716.348 of the
    // remaining 712.4839.
    assert_eq!(p.roi.payback, Payback::OnDay { day: 134 });
}

#[test]
fn payback_counts_from_the_last_day_in_the_red() {
    // No one-off cost, but a ¥100 fee on day 1 against ¥6.9 a day: in the
    // red from day 1 until day 15 (15 × 6.9 = 103.5 ≥ 100; 14 × 6.9 = 96.6).
    let p = plan("phases=none&hours=0&monthly=100");
    assert_eq!(p.roi.payback, Payback::OnDay { day: 15 });
    // The next fee does not dip it again: day 31 ends at 31 × 6.9 − 200 = 13.9.
    assert!(
        p.days[31..]
            .iter()
            .all(|d| d.cumulative_net >= Decimal::ZERO)
    );
    // With nothing to pay at all it pays back at once.
    let free = plan("phases=none&hours=0");
    assert_eq!(free.roi.payback, Payback::OnDay { day: 0 });
}

#[test]
fn the_rollout_delays_payback() {
    let immediate = plan("phases=none");
    let staged = plan("");
    let day = |p: &MigrationPlan| match p.roi.payback {
        Payback::OnDay { day } => day,
        other => panic!("{other:?}"),
    };
    assert!(day(&staged) > day(&immediate));
}

#[test]
fn a_year_follows_the_growth_curve() {
    // Month 1: 1,000 × ¥0.0071 × 30 = ¥213; a year is 213 × (1.1¹² − 1) / 0.1.
    let f = run("growth=10");
    let base = &f.projection.options[0];
    assert!(base.is_baseline);
    assert_eq!(base.months[0].cost, d("213"));
    assert_eq!(base.years, vec![d("4554.85244241573")]);
    assert_ne!(base.years[0], base.months[0].cost * Decimal::from(12));
    assert_eq!(base.months[11].cumulative, base.years[0]);
    // Without growth a year is 12 months of 30 days.
    let flat = run("horizon=24");
    assert_eq!(flat.projection.options[0].years, vec![d("2556"), d("2556")]);
}

#[test]
fn shrinking_traffic_can_leave_costs_uncovered_within_the_horizon() {
    let p = plan("phases=none&growth=-50&hours=100");
    assert!(matches!(
        p.roi.payback,
        Payback::NotWithinHorizon { horizon_days: 360 }
    ));
}

#[test]
fn no_target_without_another_option() {
    let (s, _) = decode_query("cmp=anthropic/claude-haiku-4-5");
    let book = playbook_book();
    let e = estimate(&book, &s);
    let f = forecast(&book, &e).unwrap();
    assert!(f.migration.is_none());
    assert_eq!(f.projection.options.len(), 1);
}

#[test]
fn the_default_target_is_the_cheapest_option() {
    let book = playbook_book();
    let e = estimate(&book, &crate::scenario::fixtures::playbook_scenario());
    let f = forecast(&book, &e).unwrap();
    let m = f.migration.unwrap();
    assert_eq!(m.target, e.options[1].option);
}

#[test]
fn extreme_inputs_do_not_overflow() {
    let (s, errors) = decode_query(
        "rpd=1000000000000&in=10000000&out=10000000&growth=50&horizon=36&cur=CNY&base=anthropic/claude-opus-4-1&fb=100&credit=1000000000000",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let book = playbook_book();
    let e = estimate(&book, &s);
    assert!(forecast(&book, &e).is_ok());
}

fn swap_case(base: &str, target: &str, rpd: u64, out: u64, growth: i64) -> Forecast {
    let q = format!(
        "rpd={rpd}&in=300&out={out}&growth={growth}&base={base}&target={target}&phases=none&hours=0"
    );
    let (s, errors) = decode_query(&q);
    assert!(errors.is_empty(), "{errors:?}");
    let book = playbook_book();
    let e = estimate(&book, &s);
    assert!(e.errors.is_empty(), "{:?}", e.errors);
    forecast(&book, &e).unwrap()
}

proptest! {
    #[test]
    fn savings_are_antisymmetric(
        rpd in 0u64..100_000_000,
        out in 0u64..5_000,
        growth in -50i64..=50,
        pair in prop_oneof![
            Just(("anthropic/claude-haiku-4-5", "holysheep/claude-haiku-4-5")),
            Just(("openai/gpt-4.1", "deepseek/deepseek-chat")),
            Just(("anthropic/claude-sonnet-4-5", "openrouter/anthropic/claude-sonnet-4.5")),
        ],
    ) {
        let ab = swap_case(pair.0, pair.1, rpd, out, growth).migration.unwrap();
        let ba = swap_case(pair.1, pair.0, rpd, out, growth).migration.unwrap();
        prop_assert_eq!(ab.roi.horizon.gross_savings, -ba.roi.horizon.gross_savings);
        for (x, y) in ab.months.iter().zip(&ba.months) {
            prop_assert_eq!(x.net_savings, -y.net_savings);
        }
    }

    #[test]
    fn projected_cost_is_monotonic_in_traffic_and_tokens(
        rpd in 0u64..100_000_000,
        extra_rpd in 0u64..1_000_000,
        input in 0u64..100_000,
        output in 0u64..10_000,
        extra_tokens in 0u64..10_000,
        growth in -50i64..=50,
    ) {
        let book = playbook_book();
        let years = |rpd: u64, input: u64, output: u64| {
            let (s, _) = decode_query(&format!("rpd={rpd}&in={input}&out={output}&growth={growth}&horizon=36"));
            let f = forecast(&book, &estimate(&book, &s)).unwrap();
            let mut by_option: Vec<(String, Vec<Decimal>)> =
                f.projection.options.iter().map(|o| (o.option.to_string(), o.years.clone())).collect();
            by_option.sort();
            by_option
        };
        let base = years(rpd, input, output);
        for more in [
            years(rpd + extra_rpd, input, output),
            years(rpd, input + extra_tokens, output),
            years(rpd, input, output + extra_tokens),
        ] {
            for (a, b) in base.iter().zip(&more) {
                prop_assert_eq!(&a.0, &b.0);
                for (x, y) in a.1.iter().zip(&b.1) {
                    prop_assert!(x <= y, "{} {} > {}", a.0, x, y);
                }
            }
        }
    }
}

/// The forecast's error for the playbook's traffic with `q`'s costs.
fn cost_error(q: &str) -> FieldError {
    let (s, errors) = decode_query(&format!("in=0&base=anthropic/claude-haiku-4-5&{q}"));
    assert!(errors.is_empty(), "{errors:?}");
    let e = estimate(&playbook_book(), &s);
    match forecast(&playbook_book(), &e) {
        Ok(_) => panic!("{q}: an ROI was computed"),
        Err(err) => err,
    }
}

#[test]
fn an_roi_over_tiny_costs_names_the_cost_that_made_them_tiny() {
    let err = cost_error("rate=0.0000000000000000000000000001");
    assert_eq!(
        (err.field.as_str(), err.value.as_str()),
        ("rate", "0.0000000000000000000000000001")
    );
    assert!(
        err.message.starts_with("ROI is not defined"),
        "{}",
        err.message
    );
    let err = cost_error("hours=0&fixed=0.0000000000000000000000000001");
    assert_eq!(err.field, "fixed");
    let err = cost_error("hours=0&monthly=0.0000000000000000000000000001");
    assert_eq!(err.field, "monthly");
}
