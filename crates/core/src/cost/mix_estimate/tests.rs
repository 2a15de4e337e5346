//! A mix estimated route by route: the baseline is the log as sent, a route
//! prices what it serves and leaves the rest at the vendor's price, and a
//! day is the log over its days, exactly.

use super::*;
use crate::cost::mix::route_cost;
use crate::cost::scenario_cost::estimate;
use crate::pricebook::fixtures::playbook_book;
use crate::scenario::usage::{RequestTokens, UsageRow};
use crate::scenario::workload::build;

fn mix(days: u64) -> Mix {
    mix_with(days, &[])
}

fn mix_with(days: u64, more: &[(&str, u64)]) -> Mix {
    let t = |input, output| RequestTokens {
        input,
        output,
        ..Default::default()
    };
    let rows = [
        UsageRow::identical("claude-haiku-4-5", 10, t(1_000, 200), false),
        UsageRow::identical("claude-sonnet-4-5", 2, t(150_000, 1_000), false),
        UsageRow::identical("claude-sonnet-4-5", 1, t(250_000, 1_000), false),
    ]
    .into_iter()
    .chain(
        more.iter()
            .map(|(m, n)| UsageRow::identical(m, *n, t(2_000, 100), false)),
    )
    .map(|r| r.unwrap())
    .collect::<Vec<_>>();
    let book = playbook_book();
    Mix::new(days, build(&book, &rows).unwrap())
}

fn scenario(days: u64) -> Scenario {
    Scenario {
        mix: Some(mix(days)),
        ..Scenario::default()
    }
}

#[test]
fn the_baseline_is_the_log_as_sent_and_a_day_is_the_log_over_its_days() {
    let book = playbook_book();
    let s = scenario(4);
    let e = estimate(&book, &s);
    assert!(e.errors.is_empty(), "{:?}", e.errors);
    let base = &e.options[0];
    assert!(base.is_baseline);
    assert_eq!(base.option, route_ref(AS_LOGGED));
    let anthropic = book.provider("anthropic").unwrap();
    let log = route_cost(&book, anthropic, &mix(4).workload)
        .unwrap()
        .total
        .total;
    // Haiku 4.5: 10 × (1,000 × $1 + 200 × $5)/M = $0.02; Sonnet 4.5: 2 ×
    // (150k × $3 + 1k × $15)/M = $0.93, and one long request at $6/$22.50:
    // $1.5225. $2.4725 in all, $0.618125 a day over 4 days.
    assert_eq!(log, Decimal::new(24725, 4));
    assert_eq!(base.per_day.total * Decimal::from(4), log);
    assert_eq!(base.per_day.total, Decimal::new(618125, 6));
    assert_eq!(
        base.per_month.total,
        Decimal::new(618125, 6) * Decimal::from(30)
    );
    // A request is the log over its 13 requests, to Decimal's 28 digits.
    let per_request = base.per_request.total;
    assert_eq!(per_request, log / Decimal::from(13));
    assert!((per_request * Decimal::from(13) - log).abs() < Decimal::new(1, 26));
    assert_eq!(e.requests_per_day(), Decimal::new(325, 2));
}

#[test]
fn a_route_lacking_a_model_leaves_it_at_the_vendor_and_says_so() {
    let book = playbook_book();
    let gpt = [("gpt-4.1-mini", 3)];
    let s = Scenario {
        mix: Some(mix_with(1, &gpt)),
        ..Scenario::default()
    };
    let e = estimate(&book, &s);
    let base = e.options.iter().find(|o| o.is_baseline).unwrap();
    for o in e.options.iter().filter(|o| !o.is_baseline) {
        let p = book.provider(&o.option.provider).unwrap();
        assert_eq!(p.kind, ProviderKind::Relay);
        let rc = route_cost(&book, p, &mix_with(1, &gpt).workload).unwrap();
        assert_eq!(o.notes.len(), rc.missing.len(), "{}: {:?}", p.id, o.notes);
        for (note, m) in o.notes.iter().zip(&rc.missing) {
            assert!(note.contains(&format!("does not serve {m}")), "{note}");
        }
        assert_eq!(
            o.savings.per_day,
            (base.per_day.total - o.per_day.total).normalize()
        );
    }
    let holysheep = e
        .options
        .iter()
        .find(|o| o.option.provider == "holysheep")
        .unwrap();
    assert!(
        holysheep.notes[0]
            .contains("does not serve openai/gpt-4.1-mini: its 18.8 % of the requests stay"),
        "{:?}",
        holysheep.notes
    );
}

#[test]
fn a_model_missing_from_the_pricebook_is_named_on_mix() {
    let book = playbook_book();
    let mut s = scenario(1);
    if let Some(m) = s.mix.as_mut() {
        m.workload.classes[0].source.model = "claude-gone-1".into();
    }
    let e = estimate(&book, &s);
    assert!(e.options.iter().all(|o| !o.is_baseline));
    assert_eq!(e.errors[0].field, "mix");
    assert!(
        e.errors[0].message.contains("claude-gone-1"),
        "{}",
        e.errors[0].message
    );
}
