//! The sentence every total of an imported log carries when part of it was
//! not priced: "N % of requests not priced: model (rows, requests, tokens,
//! share), …".
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::workload::tally::ModelTally;
//! use llm_roi_core::view::unpriced::unpriced_text;
//!
//! let mut known = ModelTally::new("claude-haiku-4-5", true);
//! known.requests = 3;
//! let mut fine_tune = ModelTally::new("ft:gpt-4o-mini:acme", false);
//! (fine_tune.rows, fine_tune.requests) = (1, 1);
//! (fine_tune.input_tokens, fine_tune.output_tokens) = (9_000, 1_000);
//! assert_eq!(
//!     unpriced_text(&[known, fine_tune]).unwrap(),
//!     "25 % of requests not priced: ft:gpt-4o-mini:acme (1 row, 1 request, 10,000 tokens, 25 % of requests)"
//! );
//! ```

use super::display::{group_thousands, number};
use crate::scenario::workload::tally::ModelTally;
use rust_decimal::Decimal;

/// `part` as a percentage of `whole`, to at most one decimal place.
pub fn share_pct(part: u64, whole: u64) -> Decimal {
    if whole == 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
        .round_dp(1)
        .normalize()
}

fn count(n: u64, one: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {one}{s}", group_thousands(Decimal::from(n), 0))
}

/// The share of requests not priced and each model not priced, or `None`
/// when every request was priced.
pub fn unpriced_text(tallies: &[ModelTally]) -> Option<String> {
    let sum = |it: &mut dyn Iterator<Item = &ModelTally>| {
        it.fold(0u64, |n, t| n.saturating_add(t.requests))
    };
    let total = sum(&mut tallies.iter());
    let missing = sum(&mut tallies.iter().filter(|t| !t.priced));
    let each: Vec<String> = tallies
        .iter()
        .filter(|t| !t.priced)
        .map(|t| {
            format!(
                "{} ({}, {}, {} tokens, {} % of requests)",
                t.model,
                count(t.rows, "row"),
                count(t.requests, "request"),
                group_thousands(Decimal::from(t.tokens()), 0),
                number(share_pct(t.requests, total))
            )
        })
        .collect();
    (!each.is_empty()).then(|| {
        format!(
            "{} % of requests not priced: {}",
            number(share_pct(missing, total)),
            each.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricebook::fixtures::playbook_book;
    use crate::scenario::usage::{RequestTokens, UsageRow};
    use crate::scenario::workload::{MAX_UNKNOWN_NAMES, WorkloadBuilder};

    fn row(model: &str, requests: u64, input: u64) -> UsageRow {
        let t = RequestTokens {
            input,
            output: 100,
            ..Default::default()
        };
        UsageRow::identical(model, requests, t, false).unwrap()
    }

    #[test]
    fn the_share_and_each_model_not_priced_are_named() {
        let book = playbook_book();
        let mut builder = WorkloadBuilder::new(&book);
        builder.add(&row("claude-haiku-4-5", 3, 100)).unwrap();
        builder.add(&row("ft:gpt-4o-mini:acme", 1, 40)).unwrap();
        for i in 0..MAX_UNKNOWN_NAMES + 5 {
            builder
                .add(&row(&format!("made-up-{i:02}"), 2, 10))
                .unwrap();
        }
        let tallies = builder.tallies();
        assert_eq!(unpriced_text(&tallies[..1]), None);
        let text = unpriced_text(&tallies).unwrap();
        // 1 + 25 × 2 = 51 of 54 requests not priced.
        assert!(
            text.starts_with(
                "94.4 % of requests not priced: ft:gpt-4o-mini:acme (1 row, 1 request, 140 tokens, 1.9 % of requests), made-up-00 (1 row, 2 requests, 220 tokens, 3.7 % of requests)"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("(other models not in the pricebook) (6 rows, 12 requests, 1,320 tokens, 22.2 % of requests)"),
            "{text}"
        );
    }
}
