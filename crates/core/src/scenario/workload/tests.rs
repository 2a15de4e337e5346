//! Classes are cut at every threshold of every option serving a model.

use super::*;
use crate::pricebook::fixtures::{playbook_book, shipped_book};
use crate::scenario::usage::{RequestTokens, UsageRow};

fn row(model: &str, requests: u64, input: u64, batch: bool) -> UsageRow {
    let t = RequestTokens {
        input,
        output: 100,
        ..Default::default()
    };
    match UsageRow::identical(model, requests, t, batch) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

fn sonnet() -> ModelRef {
    ModelRef {
        provider: "anthropic".into(),
        model: "claude-sonnet-4-5".into(),
    }
}

#[test]
fn thresholds_gather_every_route_serving_the_model() {
    let book = playbook_book();
    assert_eq!(thresholds(&book, &sonnet()), [200_000]);
    let haiku = ModelRef {
        provider: "anthropic".into(),
        model: "claude-haiku-4-5".into(),
    };
    assert!(thresholds(&book, &haiku).is_empty());
    // Today's book: GPT tiers at 272k; Haiku 5.5 at 100k.
    let today = shipped_book();
    let luna = source_model(&today, "gpt-6-luna").unwrap();
    assert_eq!(thresholds(&today, &luna), [272_000]);
}

#[test]
fn aliases_name_the_official_model() {
    let book = playbook_book();
    assert_eq!(
        source_model(&book, "claude-sonnet-4-5-20250929"),
        Some(sonnet())
    );
    assert_eq!(source_model(&book, "no-such-model"), None);
}

#[test]
fn requests_on_either_side_of_a_threshold_are_different_classes() {
    let book = playbook_book();
    let rows = [
        row("claude-sonnet-4-5", 10, 2_000, false),
        row("claude-sonnet-4-5-20250929", 5, 200_000, false),
        row("claude-sonnet-4-5", 2, 200_001, false),
        row("claude-sonnet-4-5", 3, 400_000, false),
        row("claude-sonnet-4-5", 7, 1_000, true),
        row("claude-haiku-4-5", 1, 500_000, false),
    ];
    let w = build(&book, &rows).unwrap();
    type Seen = (String, bool, u64, Option<u64>, u64, u64, u64);
    let summary: Vec<Seen> = w
        .classes
        .iter()
        .map(|c| {
            let (above, up_to) = band(&book, c);
            (
                c.source.model.clone(),
                c.batch,
                above,
                up_to,
                c.requests,
                c.tokens.input,
                c.max_request_input,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "claude-haiku-4-5".into(),
                false,
                0,
                None,
                1,
                500_000,
                500_000
            ),
            // 200,000 is not above the threshold: it bills at the base price.
            (
                "claude-sonnet-4-5".into(),
                false,
                0,
                Some(200_000),
                15,
                1_020_000,
                200_000
            ),
            (
                "claude-sonnet-4-5".into(),
                false,
                200_000,
                None,
                5,
                1_600_002,
                400_000
            ),
            (
                "claude-sonnet-4-5".into(),
                true,
                0,
                Some(200_000),
                7,
                7_000,
                1_000
            ),
        ]
    );
    assert_eq!(w.classes[1].tokens.output, 1_500);
}

#[test]
fn an_unknown_model_a_huge_log_and_too_many_classes_say_what_to_do() {
    let book = playbook_book();
    let e = build(
        &book,
        &[row("gpt-17", 1, 10, false), row("gpt-17", 1, 10, false)],
    )
    .unwrap_err();
    assert_eq!(
        e,
        WorkloadError::UnknownModel {
            model: "gpt-17".into(),
            rows: 2,
            other_rows: 0
        }
    );
    assert!(
        e.to_string()
            .contains("rename the models to ids or aliases")
    );
    assert_eq!(build(&book, &[]), Err(WorkloadError::Empty));
    let big = row("claude-haiku-4-5", 1, u64::MAX / 2 + 1, false);
    assert_eq!(
        build(&book, &[big.clone(), big]),
        Err(WorkloadError::TooLarge {
            field: "input_tokens"
        })
    );
    // Every official model of today's book, batch and not: more than 16 classes.
    let today = shipped_book();
    let many: Vec<UsageRow> = today
        .providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Official)
        .flat_map(|p| p.models.iter().map(|m| m.id.clone()))
        .flat_map(|m| [row(&m, 1, 10, false), row(&m, 1, 10, true)])
        .collect();
    assert!(many.len() > MAX_CLASSES, "{}", many.len());
    assert!(matches!(
        build(&today, &many),
        Err(WorkloadError::TooManyClasses {
            max: MAX_CLASSES,
            ..
        })
    ));
}

#[test]
fn unknown_names_past_the_cap_are_counted_not_kept() {
    let book = playbook_book();
    let mut builder = WorkloadBuilder::new(&book);
    for i in 0..10_000 {
        builder
            .add(&row(&format!("made-up-{i:05}"), 1, 10, false))
            .unwrap();
    }
    assert_eq!(builder.unknown_names(), MAX_UNKNOWN_NAMES);
    let e = builder.finish().unwrap_err();
    assert_eq!(
        e,
        WorkloadError::UnknownModel {
            model: "made-up-00000".into(),
            rows: 1,
            other_rows: 9_999
        }
    );
    assert!(
        e.to_string()
            .contains("nor are the models of 9999 other rows"),
        "{e}"
    );
}

#[test]
fn unknown_models_are_tallied_and_the_rest_is_priced() {
    let book = playbook_book();
    let mut builder = WorkloadBuilder::new(&book);
    builder
        .add(&row("claude-haiku-4-5", 3, 100, false))
        .unwrap();
    builder
        .add(&row("ft:gpt-4o-mini:acme", 1, 40, false))
        .unwrap();
    for i in 0..MAX_UNKNOWN_NAMES + 5 {
        builder
            .add(&row(&format!("made-up-{i:02}"), 2, 10, false))
            .unwrap();
    }
    let tallies = builder.tallies();
    // 20 unknown names one by one (the fine-tune and 19 made-up), then
    // the other 6 together, last.
    assert_eq!(tallies.len(), 1 + MAX_UNKNOWN_NAMES + 1);
    let haiku = tallies
        .iter()
        .find(|t| t.model == "claude-haiku-4-5")
        .unwrap();
    assert!(haiku.priced);
    assert_eq!(
        (haiku.rows, haiku.requests, haiku.input_tokens),
        (1, 3, 300)
    );
    let other = tallies.last().unwrap();
    assert_eq!(other.model, super::tally::OTHER_UNKNOWN);
    assert_eq!((other.priced, other.rows, other.requests), (false, 6, 12));
    let w = builder.finish().unwrap();
    assert_eq!(w.requests(), 3);
}

#[test]
fn each_days_classes_sum_to_the_logs() {
    let book = playbook_book();
    let mut builder = WorkloadBuilder::with_days(&book);
    let days = ["2026-11-03", "2026-11-01", "2026-11-03", "2026-11-02"];
    for (i, day) in days.into_iter().enumerate() {
        let mut r = row("claude-haiku-4-5", 1, 100 * (i as u64 + 1), false);
        r.day = day.parse().ok();
        builder.add(&r).unwrap();
    }
    let (all, by_day) = builder.finish_with_days().unwrap();
    let inputs: Vec<u64> = by_day
        .iter()
        .map(|(_, w)| w.classes[0].tokens.input)
        .collect();
    assert_eq!(inputs, [200, 400, 400]);
    assert_eq!(all.classes[0].tokens.input, 1_000);
}
