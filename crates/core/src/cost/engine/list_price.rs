//! One request at a model's own prices: the tier its input reaches, the
//! service tier, the off-peak share and the batch share, blended exactly.

use super::{RequestCost, Usage};
use crate::cost::estimate::CostParts;
use crate::money::{MTOK, pct_to_fraction};
use crate::pricebook::{ModelPrices, PriceTable, PriceView, ServiceTier};
use crate::scenario::CacheTtl;
use rust_decimal::Decimal;

pub(super) fn tokens_cost(tokens: Decimal, per_mtok: Decimal) -> Decimal {
    tokens * per_mtok / MTOK
}

/// One request at one price list: the whole request at the tier its input
/// reaches; a missing cache price bills as input, with a note.
fn table_cost(t: PriceView, u: &Usage, notes: &mut Vec<String>) -> (CostParts, Option<u64>) {
    let (p, tier) = t.for_input(u.tier_input);
    let cache_read_price = p.cache_read_per_mtok.unwrap_or(p.input_per_mtok);
    // A write is never cheaper than the cache-write price the vendor
    // publishes: without a 1-hour price, 1-hour writes bill at the 5-minute
    // (the only published) one.
    let write_price = match u.ttl {
        CacheTtl::FiveMinutes => p.cache_write_5m_per_mtok,
        CacheTtl::OneHour => p.cache_write_1h_per_mtok.or(p.cache_write_5m_per_mtok),
    };
    let note = |notes: &mut Vec<String>, n: String| {
        if !notes.contains(&n) {
            notes.push(n);
        }
    };
    if u.cache_read > Decimal::ZERO && p.cache_read_per_mtok.is_none() {
        note(
            notes,
            "no cache-read price: cache reads billed as input".into(),
        );
    }
    if u.cache_write > Decimal::ZERO
        && u.ttl == CacheTtl::OneHour
        && p.cache_write_1h_per_mtok.is_none()
        && p.cache_write_5m_per_mtok.is_some()
    {
        note(
            notes,
            "no 1h cache-write price: 1h cache writes billed at the published cache-write price"
                .into(),
        );
    }
    if u.cache_write > Decimal::ZERO && write_price.is_none() {
        note(
            notes,
            format!(
                "no {} cache-write price: cache writes billed as input",
                u.ttl.code()
            ),
        );
    }
    let parts = CostParts::new(
        tokens_cost(u.fresh_input, p.input_per_mtok),
        tokens_cost(u.cache_read, cache_read_price),
        tokens_cost(u.cache_write, write_price.unwrap_or(p.input_per_mtok)),
        tokens_cost(u.output, p.output_per_mtok),
    );
    (parts, tier)
}

/// Weighted sum of two costs: `share` of `a` and the rest of `b`.
fn blend(a: &CostParts, b: &CostParts, share: Decimal) -> CostParts {
    if share.is_zero() {
        return b.clone();
    }
    if share == Decimal::ONE {
        return a.clone();
    }
    a.scale(share).plus(&b.scale(Decimal::ONE - share))
}

/// The non-batch requests: the service tier's prices, off-peak where given.
fn interactive_cost(
    prices: &ModelPrices,
    u: &Usage,
    notes: &mut Vec<String>,
) -> (CostParts, Option<u64>) {
    let table = match u.service_tier {
        ServiceTier::Standard => prices.standard(),
        tier => prices.service_tier(tier).map_or_else(
            || {
                notes.push(format!(
                    "no {} tier: billed at the standard price",
                    tier.code()
                ));
                prices.standard()
            },
            PriceTable::view,
        ),
    };
    let (peak, tier) = table_cost(table, u, notes);
    if u.offpeak_fraction.is_zero() {
        return (peak, tier);
    }
    match (&prices.offpeak, u.service_tier) {
        (Some(off), ServiceTier::Standard) => {
            let (offpeak, _) = table_cost(off.prices.view(), u, notes);
            notes.push(format!(
                "off-peak prices ({} UTC) for that share",
                off.hours_utc
            ));
            (blend(&offpeak, &peak, u.offpeak_fraction), tier)
        }
        _ => (peak, tier),
    }
}

/// One request at a model's own prices: `batch_fraction` of it at the batch
/// prices (the table, else the discount, sparing cache reads unless
/// `on_cache`), the rest at the service tier's prices blended with off-peak.
pub(super) fn list_cost(
    prices: &ModelPrices,
    u: &Usage,
    batch_fraction: Decimal,
    on_cache: bool,
) -> RequestCost {
    let mut notes = Vec::new();
    let (interactive, tier) = interactive_cost(prices, u, &mut notes);
    let parts = if batch_fraction.is_zero() {
        interactive
    } else if let Some(batch) = &prices.batch {
        let (b, _) = table_cost(batch.view(), u, &mut notes);
        blend(&b, &interactive, batch_fraction)
    } else if let Some(pct) = prices.batch_discount_pct {
        let (standard, _) = table_cost(prices.standard(), u, &mut notes);
        let keep = Decimal::ONE - pct_to_fraction(pct);
        let mut batch = standard.scale(keep);
        if !on_cache {
            batch = CostParts::new(
                batch.input,
                standard.cache_read,
                batch.cache_write,
                batch.output,
            );
        }
        blend(&batch, &interactive, batch_fraction)
    } else {
        notes.push("no batch API: batch share billed at the standard rate".into());
        interactive
    };
    let parts = match (prices.web_search_per_k, u.web_searches > Decimal::ZERO) {
        (Some(per_k), true) => parts.with_tools(u.web_searches * per_k / Decimal::ONE_THOUSAND),
        (None, true) => {
            notes.push("no published web-search fee: searches not priced".into());
            parts
        }
        _ => parts,
    };
    RequestCost {
        parts,
        tier_above_input_tokens: tier,
        notes,
    }
}
