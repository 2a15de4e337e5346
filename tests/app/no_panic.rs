//! No query panics anywhere between decoding and drawing: every key over its
//! whole range, edges included (0, the smallest decimal, the largest
//! accepted, one past it, the largest decimal, negatives, garbage), goes
//! through decode → estimate → forecast → every view, the CSV and every
//! chart. A panic fails the property; errors are expected and fine.

use llm_roi::server::charts::draw;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::report::{csv_table, Evaluation};
use llm_roi_core::scenario::codec::{split_query, KEYS};
use llm_roi_core::view::chart_text::{describe, ChartKind};
use llm_roi_core::view::{assumptions::assumptions, forecast_rows, option_rows, summary};
use proptest::prelude::*;
use std::sync::OnceLock;

fn book() -> &'static Pricebook {
    static BOOK: OnceLock<Pricebook> = OnceLock::new();
    BOOK.get_or_init(|| {
        llm_roi_prices::pricing_dir::load_dir(std::path::Path::new(crate::support::PRICING))
            .unwrap()
    })
}

/// Values every numeric key is tried with: the edges of the decimal type and
/// of each key's accepted range.
const EDGES: [&str; 16] = [
    "0",
    "0.0000000000000000000000000001",
    "0.5",
    "1",
    "50",
    "100",
    "101",
    "-1",
    "-50",
    "10000000",
    "10000001",
    "1000000000000",
    "1000000000001",
    "79228162514264337593543950335",
    "1e28",
    "x",
];

/// Values for the keys that are not plain numbers.
fn special(key: &str) -> Vec<&'static str> {
    match key {
        "ttl" => vec!["5m", "1h", "2h"],
        "tier" => vec!["standard", "flex", "priority", "gold"],
        "horizon" => vec!["12", "24", "36", "0", "4294967296"],
        "cur" => vec!["USD", "CNY", "EUR", "GBP"],
        "base" | "target" => vec![
            "anthropic/claude-haiku-4-5",
            "holysheep/claude-haiku-4-5",
            "deepseek/deepseek-chat",
            "openai/gpt-4.1-mini",
            "nope/none",
            "",
        ],
        "cmp" => vec![
            "holysheep/claude-haiku-4-5,openrouter/anthropic/claude-haiku-4.5",
            "google/gemini-2.5-flash",
            "x/y",
            "",
        ],
        "phases" => vec![
            "10:7,25:7,50:7,100:7",
            "100:1",
            "0:1080",
            "100:1080,100:1080,100:1080,100:1080,100:1080,100:1080,100:1080,100:1080,100:1080,100:1080,100:1080,100:1080",
            "none",
            "101:1",
        ],
        _ => Vec::new(),
    }
}

fn value_for(key: &'static str) -> BoxedStrategy<String> {
    let named = special(key);
    if !named.is_empty() {
        return proptest::sample::select(named)
            .prop_map(String::from)
            .boxed();
    }
    prop_oneof![
        proptest::sample::select(EDGES.to_vec()).prop_map(String::from),
        (0_u64..=1_000_000_000_000).prop_map(|n| n.to_string()),
        (0_u32..=100, 0_u32..10_000).prop_map(|(i, f)| format!("{i}.{f:04}")),
    ]
    .boxed()
}

/// A query of some keys, each with a value from its range or its edges.
fn query() -> impl Strategy<Value = String> {
    let per_key: Vec<BoxedStrategy<Option<String>>> = KEYS
        .iter()
        .map(|k| {
            proptest::option::weighted(0.5, value_for(k))
                .prop_map(move |v| v.map(|v| format!("{k}={v}")))
                .boxed()
        })
        .collect();
    per_key.prop_map(|parts| parts.into_iter().flatten().collect::<Vec<_>>().join("&"))
}

/// Everything a route computes from `q`.
fn everything(q: &str) {
    let day = CalendarDate::new(2026, 11, 24).unwrap();
    let model = Evaluation::of_link(book(), &split_query(q), &[], day);
    let e = &model.estimate;
    let cur = e.currency;
    let _ = option_rows::rows(e);
    let _ = summary::summary(e, model.forecast.as_ref());
    let _ = assumptions(e, model.forecast.as_ref());
    let _ = csv_table::rows(e, model.forecast.as_ref());
    if let Some(f) = &model.forecast {
        let _ = forecast_rows::projection_view(f, cur);
        if let Some(plan) = &f.migration {
            let m = &e.scenario.migration;
            let _ = forecast_rows::roi_view(plan, m.hours, m.hourly_rate, cur);
            let _ = summary::steady_monthly_savings(e, plan);
        }
        for kind in ChartKind::ALL {
            let _ = describe(kind, f, cur);
            let _ = draw(kind, f, cur);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn no_query_panics_from_decode_to_chart(q in query()) {
        everything(&q);
    }
}

/// Each key alone at each of its edges, so that every edge is tried for
/// every key whatever the random cases draw.
#[test]
fn every_key_at_every_edge_alone() {
    for key in KEYS {
        let values = match special(key) {
            v if v.is_empty() => EDGES.to_vec(),
            v => v,
        };
        for v in values {
            everything(&format!("{key}={v}"));
            everything(&format!(
                "{key}={v}&rpd=1000000000000&out=10000000&growth=50&horizon=36"
            ));
        }
    }
}
