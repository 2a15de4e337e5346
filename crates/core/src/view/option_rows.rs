//! Table rows for display: every figure rounded once, from the exact estimate.
//!
//! Savings shown are the difference of the shown costs, and a month's shown
//! parts add up to its shown total, so a reader can check every sum.

use crate::cost::estimate::{Estimate, OptionEstimate};
use crate::money::DisplayCurrency;
use crate::money::date::CalendarDate;
use crate::pricebook::ProviderKind;
use crate::view::display::{PER_REQUEST_DP, TOTAL_DP, money, percent, round, round_parts};
use crate::view::fit_rows::{FitView, fit_view};
use rust_decimal::Decimal;

/// One option, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OptionRow {
    /// `provider/model`.
    pub id: String,
    pub provider: String,
    pub model: String,
    pub kind: &'static str,
    pub basis: String,
    pub is_baseline: bool,
    pub per_request: String,
    pub per_day: String,
    pub per_month: String,
    pub per_year: String,
    /// The month's shown parts: (label, amount); they add up to `per_month`.
    pub month_parts: Vec<(&'static str, String)>,
    /// For a workload mix with dated days: the month at the log's 10th
    /// and 90th percentile day, e.g. "p10–p90 $30.12–$48.60".
    pub month_range: Option<String>,
    pub savings_month: String,
    pub savings_year: String,
    pub savings_pct: String,
    /// Cheaper than the baseline.
    pub cheaper: bool,
    pub notes: Vec<String>,
    pub claim: Option<String>,
    /// The saving claim held against the computed one, e.g. "claims 85 % off
    /// list price; computed 84.97 % at ¥6.6529 per $ (holds)".
    pub savings_claim: Option<(String, bool)>,
    /// A relay's audited price beside its list price, and which drives the
    /// figures, e.g. "audited $0.0295 a request, list $0.0088 (audited on …)".
    pub audit: Option<String>,
    /// "deprecated, retires …; successor …", or `None` for a current model.
    pub lifecycle: Option<String>,
    pub retired: bool,
    /// Its facts and the scenario's requirements checked against them.
    pub fit: FitView,
}

const PART_LABELS: [&str; 5] = [
    "input",
    "cache read",
    "cache write",
    "output",
    "web searches",
];

fn shown_total(v: Decimal) -> Decimal {
    round(v, TOTAL_DP)
}

/// Rows for every option of an estimate, baseline first.
pub fn rows(e: &Estimate) -> Vec<OptionRow> {
    let base = e.options.iter().find(|o| o.is_baseline);
    let spread = e.scenario.mix.as_ref().and_then(|m| m.spread);
    e.options
        .iter()
        .map(|o| {
            let mut r = row(o, base, e.currency, e.today);
            r.month_range = spread.map(|s| {
                let m = |k| money(o.per_month.total * k, e.currency, TOTAL_DP);
                format!("p10–p90 {}–{}", m(s.p10), m(s.p90))
            });
            r
        })
        .collect()
}

fn row(
    o: &OptionEstimate,
    base: Option<&OptionEstimate>,
    cur: DisplayCurrency,
    today: Option<CalendarDate>,
) -> OptionRow {
    let (shown_parts, month_total) = round_parts(&o.per_month.parts(), TOTAL_DP);
    let month_parts = PART_LABELS
        .iter()
        .zip(shown_parts)
        .filter(|(_, v)| !v.is_zero())
        .map(|(l, v)| (*l, money(v, cur, TOTAL_DP)))
        .collect();
    let diff = |b: &crate::cost::estimate::CostParts, x: &crate::cost::estimate::CostParts| {
        shown_total(b.total) - shown_total(x.total)
    };
    let (savings_month, savings_year) = base.map_or((Decimal::ZERO, Decimal::ZERO), |b| {
        (
            diff(&b.per_month, &o.per_month),
            diff(&b.per_year, &o.per_year),
        )
    });
    OptionRow {
        id: o.option.to_string(),
        provider: o.provider_name.clone(),
        model: o.model_name.clone(),
        kind: match o.kind {
            ProviderKind::Official => "official",
            ProviderKind::Relay => "relay",
        },
        basis: o.basis.clone(),
        is_baseline: o.is_baseline,
        per_request: money(o.per_request.total, cur, PER_REQUEST_DP),
        per_day: money(o.per_day.total, cur, TOTAL_DP),
        per_month: money(month_total, cur, TOTAL_DP),
        per_year: money(o.per_year.total, cur, TOTAL_DP),
        month_parts,
        month_range: None,
        savings_month: money(savings_month, cur, TOTAL_DP),
        savings_year: money(savings_year, cur, TOTAL_DP),
        savings_pct: if o.is_baseline {
            "baseline".into()
        } else {
            o.savings.pct.map_or_else(|| "n/a".into(), percent)
        },
        cheaper: o.savings.per_day > Decimal::ZERO,
        notes: o
            .tier_above_input_tokens
            .map(|t| format!("long-context prices: input above {t} tokens"))
            .into_iter()
            .chain(o.notes.iter().cloned())
            .collect(),
        claim: o
            .claimed_overhead_ms
            .map(|ms| format!("vendor claims < {ms} ms added latency (not measured)")),
        savings_claim: o.savings_claim.as_ref().map(|c| (c.text.clone(), c.holds)),
        audit: o.audit.as_ref().map(|a| {
            let m = |p: &crate::cost::estimate::CostParts| money(p.total, cur, PER_REQUEST_DP);
            format!(
                "audited {} a request, list {} ({}); the {} price drives these figures",
                m(&a.audited_per_request),
                m(&a.list_per_request),
                a.words,
                a.drives.code()
            )
        }),
        // Without a day to read it on, what is announced: "deprecated, retires …".
        lifecycle: o
            .lifecycle
            .flag(today.unwrap_or(CalendarDate::from_days_since_epoch(0))),
        retired: o.is_retired(today),
        fit: fit_view(&o.fit, today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::scenario_cost::estimate;
    use crate::money::DisplayCurrency;
    use crate::pricebook::fixtures::playbook_book;
    use crate::scenario::Scenario;
    use proptest::prelude::*;

    #[test]
    fn playbook_rows_read_as_expected() {
        let s = Scenario {
            input_tokens: Decimal::ZERO,
            ..crate::scenario::fixtures::playbook_scenario()
        };
        let r = rows(&estimate(&playbook_book(), &s));
        let base = &r[0];
        assert_eq!(base.id, "anthropic/claude-haiku-4-5");
        assert_eq!(base.per_day, "$10,000.00");
        assert_eq!(base.per_month, "$300,000.00");
        assert_eq!(base.per_year, "$3,650,000.00");
        assert_eq!(base.per_request, "$0.001000");
        assert_eq!(base.savings_pct, "baseline");
        let hs = r
            .iter()
            .find(|x| x.id == "holysheep/claude-haiku-4-5")
            .unwrap();
        // 2,000 M tokens a day × ¥1 / 1M = ¥2,000 = $281.69 a day at 7.10.
        assert_eq!(hs.per_day, "$281.69");
        assert_eq!(hs.per_month, "$8,450.70");
        assert_eq!(hs.savings_month, "$291,549.30");
        assert_eq!(hs.savings_pct, "97.2%");
        assert!(hs.claim.as_deref().unwrap().contains("< 50 ms"));
    }

    use crate::scenario::fixtures::playbook_traffic as scenario;

    proptest! {
        #[test]
        fn displayed_parts_sum_to_displayed_total(
            rpd in 0u64..50_000_000,
            input in 0u64..300_000,
            output in 0u64..20_000,
            cr in 0u32..=60,
            cw in 0u32..=40,
            batch in 0u32..=100,
            cur in prop_oneof![Just(DisplayCurrency::USD), Just(DisplayCurrency::CNY), Just(DisplayCurrency::EUR)],
        ) {
            let mut s = scenario(rpd, input, output);
            s.cache_read_pct = Decimal::from(cr);
            s.cache_write_pct = Decimal::from(cw);
            s.batch_pct = Decimal::from(batch);
            s.currency = cur;
            let e = estimate(&playbook_book(), &s);
            for o in &e.options {
                for c in [&o.per_day, &o.per_month, &o.per_year] {
                    let (shown, total) = round_parts(&c.parts(), TOTAL_DP);
                    prop_assert_eq!(shown.iter().sum::<Decimal>(), total);
                    prop_assert_eq!(c.total, c.parts().iter().sum::<Decimal>());
                }
            }
        }
    }
}
