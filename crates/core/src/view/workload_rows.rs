//! A workload mix as a table: one row per request class, with its share of
//! the requests and its means per request, rounded for display here.
//!
//! Usage:
//!
//! ```ignore
//! let view = workload_view(&book, &mix);
//! for r in &view.rows { /* r.model, r.band, r.share, r.mean_input … */ }
//! ```

use crate::pricebook::{Pricebook, ServiceTier};
use crate::scenario::mix::Mix;
use crate::scenario::workload::{RequestClass, band, band_text};
use crate::view::display::{number, percent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One class, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkloadRow {
    /// "Anthropic — Claude Sonnet 4.5", or the id when the pricebook lacks it.
    pub model: String,
    /// How the requests were sent: "interactive", "batch", "off-peak",
    /// "flex" or "priority", and "via OpenRouter (relay)" when a relay
    /// kept the log.
    pub kind: String,
    /// "input ≤ 200000".
    pub band: String,
    pub requests: String,
    /// Share of all the log's requests.
    pub share: String,
    pub mean_input: String,
    pub mean_cached: String,
    pub mean_output: String,
    /// The part of the output spent reasoning, a mean per request.
    pub mean_reasoning: String,
}

/// The table and its one-line caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkloadView {
    /// "13 requests over 2 days (6.5 a day), 3 classes on 2 models".
    pub caption: String,
    pub rows: Vec<WorkloadRow>,
}

fn mean(total: u64, n: u64) -> String {
    number((Decimal::from(total) / Decimal::from(n.max(1))).round_dp(1))
}

/// How a class's requests were sent, e.g. "flex" or "batch via OpenRouter
/// (relay)".
pub fn class_kind(book: &Pricebook, c: &RequestClass) -> String {
    let how = match (c.batch, c.offpeak, c.service_tier) {
        (true, _, _) => "batch",
        (false, true, _) => "off-peak",
        (false, false, tier) if tier != ServiceTier::Standard => tier.code(),
        _ => "interactive",
    };
    match &c.via {
        Some(via) => {
            let name = book.provider(via).map_or(via.as_str(), |p| p.name.as_str());
            format!("{how} via {name}")
        }
        None => how.into(),
    }
}

/// The classes of `mix`, named from `book`.
pub fn workload_view(book: &Pricebook, mix: &Mix) -> WorkloadView {
    let all = mix.workload.requests();
    let rows = mix
        .workload
        .classes
        .iter()
        .map(|c| {
            let t = &c.tokens;
            let cached = t
                .cache_read
                .saturating_add(t.cache_write_5m)
                .saturating_add(t.cache_write_1h);
            WorkloadRow {
                model: book.resolve(&c.source).map_or_else(
                    || c.source.to_string(),
                    |(p, m)| format!("{} — {}", p.name, m.name),
                ),
                kind: class_kind(book, c),
                band: band_text(band(book, c)),
                requests: number(Decimal::from(c.requests)),
                share: percent(
                    Decimal::from(c.requests) * Decimal::ONE_HUNDRED / Decimal::from(all.max(1)),
                ),
                mean_input: mean(t.input, c.requests),
                mean_cached: mean(cached, c.requests),
                mean_output: mean(t.output, c.requests),
                mean_reasoning: mean(t.reasoning, c.requests),
            }
        })
        .collect::<Vec<_>>();
    let per_day = number(mix.requests_per_day().round_dp(1));
    let days = if mix.days == 1 {
        "1 day".to_string()
    } else {
        format!("{} days", mix.days)
    };
    WorkloadView {
        caption: format!(
            "{} requests over {days} ({per_day} a day), {} classes on {} models",
            number(Decimal::from(all)),
            rows.len(),
            mix.workload.models().len()
        ),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricebook::fixtures::playbook_book;
    use crate::scenario::usage::{RequestTokens, UsageRow};
    use crate::scenario::workload::build;

    #[test]
    fn a_mix_reads_as_classes_with_shares_and_means() {
        let book = playbook_book();
        let t = |input, cache_read, output| RequestTokens {
            input,
            cache_read,
            output,
            ..Default::default()
        };
        let rows = [
            UsageRow::identical("claude-haiku-4-5", 3, t(1_000, 400, 200), false),
            UsageRow::identical("claude-sonnet-4-5", 1, t(250_000, 0, 1_000), true),
        ]
        .map(|r| r.unwrap());
        let mix = Mix::new(3, build(&book, &rows).unwrap());
        let v = workload_view(&book, &mix);
        assert_eq!(
            v.caption,
            "4 requests over 3 days (1.3 a day), 2 classes on 2 models"
        );
        assert_eq!(v.rows[0].model, "Anthropic — Claude Haiku 4.5");
        assert_eq!(v.rows[0].share, "75.0%");
        assert_eq!(v.rows[0].mean_input, "1,000");
        assert_eq!(v.rows[0].mean_cached, "400");
        assert_eq!(v.rows[1].kind, "batch");
        assert_eq!(v.rows[1].band, "input > 200000");
    }
}
