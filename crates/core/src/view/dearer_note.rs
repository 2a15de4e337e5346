//! The line under the options table that names the default options left
//! out because they cost as much as the baseline or more
//! ([`crate::cost::cheaper_only`]), with what each costs more and the query
//! that compares them too.
//!
//! Usage:
//!
//! ```ignore
//! if let Some(note) = dearer_note(&evaluation.estimate) {
//!     // note.items: ["OpenAI — GPT-6 Luna: the same", …]
//!     // format!("/?{}", note.compare_all_query)
//! }
//! ```

use crate::cost::estimate::Estimate;
use crate::scenario::codec::{encode, value_text};
use crate::view::display::{TOTAL_DP, money, round};
use rust_decimal::Decimal;

/// The options left out, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DearerNote {
    /// "Not compared: 4 options cost as much as Anthropic — Claude Haiku
    /// 5.5 or more per month".
    pub text: String,
    /// "OpenAI — GPT-6 Luna: the same", "Google — Gemini 3.5 Flash Lite:
    /// +$150,000.00/month".
    pub items: Vec<String>,
    /// The scenario's canonical query with every option, kept and left out,
    /// listed in `cmp=`.
    pub compare_all_query: String,
    /// That `cmp=` value alone, for the calculator to set in place.
    pub compare_all_cmp: String,
}

/// `None` when no option was left out.
pub fn dearer_note(e: &Estimate) -> Option<DearerNote> {
    if e.dearer.is_empty() {
        return None;
    }
    let baseline = e
        .options
        .iter()
        .find(|o| o.is_baseline)
        .map_or_else(|| e.baseline.to_string(), |o| o.label());
    let n = e.dearer.len();
    let text = format!(
        "Not compared: {n} {} as much as {baseline} or more per month",
        if n == 1 {
            "option costs"
        } else {
            "options cost"
        }
    );
    let items = e
        .dearer
        .iter()
        .map(|d| {
            let extra = round(d.extra_per_month, TOTAL_DP);
            if extra == Decimal::ZERO {
                format!("{}: the same", d.label())
            } else {
                format!(
                    "{}: +{}/month",
                    d.label(),
                    money(extra, e.currency, TOTAL_DP)
                )
            }
        })
        .collect();
    let mut all = e.scenario.clone();
    all.compare = Some(
        e.options
            .iter()
            .filter(|o| !o.is_baseline)
            .map(|o| o.option.clone())
            .chain(e.dearer.iter().map(|d| d.option.clone()))
            .collect(),
    );
    Some(DearerNote {
        text,
        items,
        compare_all_query: encode(&all),
        compare_all_cmp: value_text(&all, "cmp"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::scenario_cost::estimate;
    use crate::pricebook::fixtures::playbook_book;
    use crate::scenario::codec::decode_query;

    fn estimated(query: &str) -> Estimate {
        estimate(&playbook_book(), &decode_query(query).0)
    }

    fn note(query: &str) -> Option<DearerNote> {
        dearer_note(&estimated(query))
    }

    #[test]
    fn names_each_dearer_option_with_its_extra_cost() {
        let n = note("rpd=10000000&in=0&out=200").unwrap();
        assert!(
            n.text.starts_with("Not compared: ")
                && n.text
                    .ends_with(" as much as Anthropic — Claude Haiku 4.5 or more per month"),
            "{}",
            n.text
        );
        assert!(
            n.items
                .iter()
                .all(|i| i.ends_with("/month") || i.ends_with(": the same"))
        );
        // Claude Haiku 4.5 via OpenRouter at $1.055 per $1 of list price:
        // 10 M requests × 200 output tokens × $5/M × 30 days = $300,000 a
        // month, and 5.5 % more is $16,500.
        assert!(
            n.items.contains(
                &"OpenRouter (relay) — Claude Haiku 4.5 via OpenRouter: +$16,500.00/month"
                    .to_string()
            ),
            "{:?}",
            n.items
        );
    }

    #[test]
    fn its_query_compares_every_option_and_leaves_none_out() {
        let n = note("rpd=10000000&in=0&out=200").unwrap();
        assert!(
            n.compare_all_query
                .contains(&format!("cmp={}", n.compare_all_cmp))
        );
        assert_eq!(n.compare_all_cmp.split(',').count(), 5);
        assert_eq!(note(&n.compare_all_query), None);
        let all = estimated(&n.compare_all_query);
        let some = estimated("rpd=10000000&in=0&out=200");
        assert_eq!(all.options.len(), some.options.len() + some.dearer.len());
    }
}
