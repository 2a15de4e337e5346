//! The likely causes of a difference: the same requests re-priced each way
//! a bill differs, kept when the re-priced cost matches the bill.

use super::{Cause, MAX_SEARCHES_PER_REQUEST, close};
use crate::cost::mix_estimate::logged_cost;
use crate::money::date::CalendarDate;
use crate::pricebook::{ModelRef, Pricebook, ServiceTier};
use crate::scenario::workload::{Workload, has_tier};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The same requests re-priced each way a bill differs, with the cause.
fn alternatives(
    book: &Pricebook,
    w: &Workload,
    source: &ModelRef,
) -> Vec<(&'static str, String, Workload)> {
    let mut out = Vec::new();
    let interactive = |c: &crate::scenario::workload::RequestClass| {
        !c.batch && c.service_tier == ServiceTier::Standard && c.via.is_none()
    };
    for tier in [ServiceTier::Flex, ServiceTier::Priority] {
        if has_tier(book, source, tier) && w.classes.iter().any(interactive) {
            let mut alt = w.clone();
            for c in alt.classes.iter_mut().filter(|c| interactive(c)) {
                c.service_tier = tier;
                c.offpeak = false;
            }
            out.push((
                "service tier",
                format!(
                    "billed at the {} tier while logged as standard",
                    tier.code()
                ),
                alt,
            ));
        }
    }
    if w.classes.iter().any(|c| !c.batch) {
        let mut alt = w.clone();
        for c in &mut alt.classes {
            c.batch = true;
            c.service_tier = ServiceTier::Standard;
        }
        out.push(("batch", "billed at the batch price".into(), alt));
    }
    // Billed at the long-context tier: every request past the highest
    // threshold of the model's own prices.
    let top = book.resolve(source).and_then(|(_, m)| {
        m.prices
            .as_ref()?
            .tiers
            .last()
            .map(|t| t.above_input_tokens)
    });
    if let Some(top) = top.filter(|t| w.classes.iter().any(|c| c.max_request_input <= *t)) {
        let mut alt = w.clone();
        for c in &mut alt.classes {
            // Only the tier moves: the tokens stay what the log says.
            c.max_request_input = c.max_request_input.max(top + 1);
        }
        out.push((
            "long-context tier",
            format!("billed at the price past {top} input tokens"),
            alt,
        ));
    }
    if w.classes.iter().any(|c| c.tokens.cache_write_5m > 0) {
        let mut alt = w.clone();
        for c in &mut alt.classes {
            c.tokens.cache_write_1h = c
                .tokens
                .cache_write_1h
                .saturating_add(c.tokens.cache_write_5m);
            c.tokens.cache_write_5m = 0;
        }
        out.push((
            "cache-write TTL",
            "5-minute cache writes billed as 1-hour ones".into(),
            alt,
        ));
    }
    out
}

/// The model's other price lists, each with a day it was in force and its
/// span in words; `day`'s own list is left out.
fn other_lists(
    book: &Pricebook,
    day: Option<CalendarDate>,
    source: &ModelRef,
) -> Vec<(Option<CalendarDate>, String)> {
    let Some(prices) = book.resolve(source).and_then(|(_, m)| m.prices.as_ref()) else {
        return Vec::new();
    };
    let changes: Vec<CalendarDate> = prices.change_days().collect();
    // The list in force on `day`: the index of the first change after it.
    let own = day.map_or(changes.len(), |d| {
        changes.iter().take_while(|c| **c <= d).count()
    });
    let before = |c: CalendarDate| CalendarDate::from_days_since_epoch(c.days_since_epoch() - 1);
    (0..=changes.len())
        .filter(|k| *k != own)
        .map(|k| {
            match (
                k.checked_sub(1).and_then(|j| changes.get(j)),
                changes.get(k),
            ) {
                (None, Some(until)) => (Some(before(*until)), format!("before {until}")),
                (Some(from), Some(until)) => {
                    (Some(*from), format!("from {from} to {}", before(*until)))
                }
                (Some(from), None) => (None, format!("from {from} on (the current prices)")),
                (None, None) => (None, String::new()),
            }
        })
        .collect()
}

/// The likely causes of `billed` against `computed` for `w` (one model on
/// `day`, priced on `day_book`, the prices in force that day).
pub(super) fn causes(
    book: &Pricebook,
    day_book: &Pricebook,
    day: Option<CalendarDate>,
    w: &Workload,
    source: &ModelRef,
    computed: Decimal,
    billed: Decimal,
) -> Vec<Cause> {
    if close(computed, billed) {
        return Vec::new();
    }
    let mut found: Vec<Cause> = Vec::new();
    for (on, span) in other_lists(book, day, source) {
        let other = on.map_or(Cow::Borrowed(book), |d| book.as_of(d));
        if let Ok(cost) = logged_cost(&other, w, "USD")
            && close(cost, billed)
        {
            found.push(Cause {
                cause: "price change",
                size_usd: (cost - computed).normalize(),
                detail: format!(
                    "billed at the model's prices in force {span}, not at those of the day of use"
                ),
            });
        }
    }
    for (cause, detail, alt) in alternatives(day_book, w, source) {
        if let Ok(cost) = logged_cost(day_book, &alt, "USD")
            && close(cost, billed)
        {
            found.push(Cause {
                cause,
                size_usd: (cost - computed).normalize(),
                detail,
            });
        }
    }
    let model = book.resolve(source).map(|(_, m)| m);
    for r in model.iter().flat_map(|m| &m.regions) {
        let cost = computed * r.multiplier;
        if close(cost, billed) {
            found.push(Cause {
                cause: "regional premium",
                size_usd: (cost - computed).normalize(),
                detail: format!(
                    "every price ×{} in region {} ({})",
                    r.multiplier.normalize(),
                    r.region,
                    r.source
                ),
            });
        }
    }
    let fee = model.and_then(|m| m.prices.as_ref()?.web_search_per_k);
    if found.is_empty()
        && let Some(per_k) = fee.filter(|f| billed > computed && !f.is_zero())
    {
        // Searches the difference would pay for; more than
        // MAX_SEARCHES_PER_REQUEST a request is not a likely cause.
        let searches = ((billed - computed) * Decimal::ONE_THOUSAND / per_k).round_dp(1);
        let per_request = searches / Decimal::from(w.requests().max(1));
        if per_request <= Decimal::from(MAX_SEARCHES_PER_REQUEST) {
            found.push(Cause {
                cause: "web search or tool fees",
                size_usd: (billed - computed).normalize(),
                detail: format!(
                    "the difference would pay for {} web searches at ${} per 1,000 ({} a request) that the log does not record",
                    searches.normalize(),
                    per_k.normalize(),
                    per_request.round_dp(2).normalize()
                ),
            });
        }
    }
    if found.is_empty() {
        found.push(Cause {
            cause: "unexplained",
            size_usd: (billed - computed).normalize(),
            detail: "no tier, batch, cache TTL, region, fee or dated re-pricing gives the bill; an FX rate or a discount may".into(),
        });
    }
    found
}
