//! Whether prices changed since a share link was made, and which.
//!
//! A link carries the fingerprint of the pricebook it was made with (`pb`).
//! When the server's pricebook has another fingerprint, the report compares
//! the prices the scenario uses in both books, if the server still has the
//! old one, and the facts of the providers it compares.

use crate::cost::estimate::Estimate;
use crate::money::date::CalendarDate;
use crate::pricebook::Pricebook;
use crate::report::Evaluation;
use crate::report::prices_used::{PriceLine, price_lines};
use crate::scenario::Scenario;
use crate::scenario::codec::LinkMeta;
use serde::{Deserialize, Serialize};

/// One price the report uses that differs from when the link was made.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PriceChange {
    pub subject: String,
    pub label: String,
    pub item: String,
    /// `None`: the price was not used then (new option, tier or rate).
    pub before: Option<String>,
    /// `None`: the price is no longer in the pricebook.
    pub after: Option<String>,
}

/// How the link's pricebook compares with the current one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Drift {
    /// The link has no `pb`: nothing to compare with.
    Unstamped { current: String },
    /// Made with the current pricebook.
    Current { current: String },
    /// Made with another pricebook that this server still has; `changes` may
    /// be empty when only prices this report does not use changed.
    Changed {
        made_with: String,
        current: String,
        changes: Vec<PriceChange>,
    },
    /// Made with a pricebook this server does not have.
    Unknown { made_with: String, current: String },
}

/// The facts of every provider an option of `e` is on, as lines that
/// [`changes`] compares like prices: subject `provider/facts`, item
/// "fact: Payment", value the fact in words ("unknown" when not known).
pub fn fact_lines(book: &Pricebook, e: &Estimate) -> Vec<PriceLine> {
    let mut providers: Vec<&str> = e
        .options
        .iter()
        .map(|o| o.option.provider.as_str())
        .collect();
    providers.sort_unstable();
    providers.dedup();
    providers
        .iter()
        .filter_map(|id| book.provider(id))
        .flat_map(|p| {
            p.facts.lines().into_iter().map(|l| PriceLine {
                subject: format!("{}/facts", p.id),
                label: p.name.clone(),
                item: format!("fact: {}", l.label),
                value: l.value_text(),
                source: l.source.clone().unwrap_or_default(),
                checked: l.checked.map(|c| c.to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

/// The prices and facts `s` uses in `book` on `today`: the one evaluation
/// of the scenario on that pricebook.
fn used(book: &Pricebook, s: &Scenario, today: CalendarDate) -> Vec<PriceLine> {
    let e = Evaluation::of_scenario(book, s.clone(), today).estimate;
    let mut lines = price_lines(book, &e);
    lines.extend(fact_lines(book, &e));
    lines
}

fn key(l: &PriceLine) -> (&str, &str) {
    (&l.subject, &l.item)
}

/// The prices and facts `s` uses that differ between `before` and `after`:
/// changed values first in the old order, then those only one side uses.
pub fn changes(
    before: &Pricebook,
    after: &Pricebook,
    s: &Scenario,
    today: CalendarDate,
) -> Vec<PriceChange> {
    let old = used(before, s, today);
    let new = used(after, s, today);
    let mut out = Vec::new();
    for o in &old {
        match new.iter().find(|n| key(n) == key(o)) {
            Some(n) if n.value == o.value => {}
            found => out.push(PriceChange {
                subject: o.subject.clone(),
                label: found.map_or_else(|| o.label.clone(), |n| n.label.clone()),
                item: o.item.clone(),
                before: Some(o.value.clone()),
                after: found.map(|n| n.value.clone()),
            }),
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| key(o) == key(n))) {
        out.push(PriceChange {
            subject: n.subject.clone(),
            label: n.label.clone(),
            item: n.item.clone(),
            before: None,
            after: Some(n.value.clone()),
        });
    }
    out
}

/// Compares the link's pricebook with the current one, on `today`.
/// `made_with` is the pricebook the link names, if the server has it.
pub fn drift(
    link: &LinkMeta,
    current_fingerprint: &str,
    made_with: Option<&Pricebook>,
    current: &Pricebook,
    s: &Scenario,
    today: CalendarDate,
) -> Drift {
    let current_fp = current_fingerprint.to_string();
    match (&link.pricebook, made_with) {
        (None, _) => Drift::Unstamped {
            current: current_fp,
        },
        (Some(fp), _) if fp == current_fingerprint => Drift::Current {
            current: current_fp,
        },
        (Some(fp), Some(old)) => Drift::Changed {
            made_with: fp.clone(),
            current: current_fp,
            changes: changes(old, current, s, today),
        },
        (Some(fp), None) => Drift::Unknown {
            made_with: fp.clone(),
            current: current_fp,
        },
    }
}

#[cfg(test)]
mod tests;
