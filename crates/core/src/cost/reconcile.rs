//! A bill held against llm-roi's exact prices: per model and per day, what
//! the same usage costs at the list price in force that day, as sent
//! (`computed_usd`, [`Pricebook::as_of`]), what was
//! billed (`billed_usd`), the difference, and the likely causes found by
//! re-pricing the same requests the ways a bill differs: at the flex or
//! priority tier, as batch, at the long-context tier, with 5-minute writes
//! billed as 1-hour ones, at a regional premium, or with web-search fees
//! on top, or at the model's prices of before or after a price change.
//! What none explains is "unexplained".
//!
//! Usage:
//!
//! ```ignore
//! let r = reconcile(&book, &groups, &billed); // groups: (day, workload)
//! for line in &r.lines { /* line.model, line.difference_pct, line.causes */ }
//! ```

mod causes;
pub mod stated;

use crate::cost::mix_estimate::logged_cost;
use crate::money::date::CalendarDate;
use crate::pricebook::{ModelRef, Pricebook};
use crate::scenario::calibration::Calibration;
use crate::scenario::workload::Workload;
use causes::causes;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The most web searches a request is taken to run when a difference is
/// read as unrecorded search fees (Anthropic's tool defaults to 5 uses).
pub const MAX_SEARCHES_PER_REQUEST: u64 = 20;

/// A difference within this share of the bill (0.5 %) is a match.
pub const MATCH_PCT: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// A likely cause of a difference, with its size where the data gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// `price change`, `service tier`, `batch`, `long-context tier`,
    /// `cache-write TTL`, `regional premium`, `web search or tool fees` or
    /// `unexplained`.
    pub cause: &'static str,
    /// What it adds to the computed cost, in USD.
    pub size_usd: Decimal,
    pub detail: String,
}

/// One model on one day (or over the whole log, when it is not dated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub model: String,
    /// `YYYY-MM-DD`, or `null` for a log (or a total) over its whole span.
    #[serde(serialize_with = "day_text")]
    pub day: Option<CalendarDate>,
    pub requests: u64,
    pub computed_usd: Decimal,
    pub billed_usd: Decimal,
    pub difference_usd: Decimal,
    /// The difference over the computed cost, in %; `None` when that is 0.
    pub difference_pct: Option<Decimal>,
    pub causes: Vec<Cause>,
}

/// A billed amount that names no model of the pricebook (a cost export's
/// "Web search tool calls", a model the pricebook lacks): in the total,
/// held against nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unattributed {
    pub name: String,
    pub billed_usd: Decimal,
}

/// Every line, then their total (`model` "total").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    pub lines: Vec<Line>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unattributed: Vec<Unattributed>,
    pub total: Line,
}

impl Reconciliation {
    /// The bill over the computed cost, to 4 decimals, with the days the
    /// lines span: the `cal=` a scenario can carry; `None` when nothing
    /// was computed.
    pub fn calibration(&self) -> Option<Calibration> {
        let t = &self.total;
        if t.computed_usd <= Decimal::ZERO || t.billed_usd <= Decimal::ZERO {
            return None;
        }
        let factor = (t.billed_usd / t.computed_usd).round_dp(4).normalize();
        let days = || self.lines.iter().filter_map(|l| l.day);
        let (from, to) = (days().min(), days().max());
        Some(Calibration { factor, from, to }).filter(|c| c.factor <= Decimal::TEN)
    }

    /// Adds a billed amount no model accounts for (to the total too).
    pub fn add_unattributed(&mut self, name: &str, usd: Decimal) {
        match self.unattributed.iter_mut().find(|u| u.name == name) {
            Some(u) => u.billed_usd = (u.billed_usd + usd).normalize(),
            None => self.unattributed.push(Unattributed {
                name: name.into(),
                billed_usd: usd.normalize(),
            }),
        }
        let t = &self.total;
        self.total = line(
            t.model.clone(),
            None,
            t.requests,
            t.computed_usd,
            t.billed_usd + usd,
        );
    }
}

fn day_text<S: serde::Serializer>(day: &Option<CalendarDate>, s: S) -> Result<S::Ok, S::Error> {
    match day {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

fn line(
    model: String,
    day: Option<CalendarDate>,
    requests: u64,
    computed: Decimal,
    billed: Decimal,
) -> Line {
    let diff = billed - computed;
    Line {
        model,
        day,
        requests,
        computed_usd: computed.normalize(),
        billed_usd: billed.normalize(),
        difference_usd: diff.normalize(),
        difference_pct: (!computed.is_zero()).then(|| {
            (diff / computed * Decimal::ONE_HUNDRED)
                .round_dp(2)
                .normalize()
        }),
        causes: Vec::new(),
    }
}

pub(crate) fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() <= (b.abs() * MATCH_PCT / Decimal::ONE_HUNDRED).max(Decimal::new(1, 6))
}

/// Reconciles each day's workload (or the log's, day `None`) with what was
/// billed per (day, model).
pub fn reconcile(
    book: &Pricebook,
    groups: &[(Option<CalendarDate>, Workload)],
    billed: &BTreeMap<(Option<CalendarDate>, ModelRef), Decimal>,
) -> Reconciliation {
    let mut lines = Vec::new();
    let mut seen: BTreeSet<(Option<CalendarDate>, &ModelRef)> = BTreeSet::new();
    for (day, workload) in groups {
        // The prices in force on the day of the usage, once a day.
        let day_book = day.map_or(Cow::Borrowed(book), |d| book.as_of(d));
        for source in workload.models() {
            seen.insert((*day, source));
            let w = Workload {
                classes: workload
                    .classes
                    .iter()
                    .filter(|c| c.source == *source)
                    .cloned()
                    .collect(),
            };
            let computed = logged_cost(&day_book, &w, "USD").unwrap_or_default();
            let paid = billed
                .get(&(*day, source.clone()))
                .copied()
                .unwrap_or_default();
            let mut l = line(source.to_string(), *day, w.requests(), computed, paid);
            l.causes = causes(book, &day_book, *day, &w, source, computed, paid);
            lines.push(l);
        }
    }
    // Billed where the log has no usage of that model that day.
    for ((day, source), paid) in billed {
        if !seen.contains(&(*day, source)) {
            let mut l = line(source.to_string(), *day, 0, Decimal::ZERO, *paid);
            l.causes.push(Cause {
                cause: "unexplained",
                size_usd: paid.normalize(),
                detail: "billed, but the log has no requests of this model on this day".into(),
            });
            lines.push(l);
        }
    }
    let sum = |f: fn(&Line) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    let requests = lines.iter().fold(0u64, |n, l| n.saturating_add(l.requests));
    let total = line(
        "total".into(),
        None,
        requests,
        sum(|l| l.computed_usd),
        sum(|l| l.billed_usd),
    );
    Reconciliation {
        lines,
        unattributed: Vec::new(),
        total,
    }
}

#[cfg(test)]
mod tests;
