//! Every price a report's figures depend on, with its source and checked date.
//!
//! Only what the scenario uses is listed: a cache-write price appears when
//! the scenario writes to the cache, a long-context tier's prices when its
//! requests are that long, a credit relay's factor together with the list
//! prices it multiplies, and each exchange rate the estimate converted with.
//!
//! ```
//! use llm_roi::domain::{codec::decode_query, engine::estimate, prices_used::price_lines};
//! # let book = llm_roi::domain::pricebook::Pricebook { providers: vec![], fx: Default::default() };
//! let (s, _) = decode_query("in=0");
//! let lines = price_lines(&book, &estimate(&book, &s));
//! assert!(lines.is_empty()); // nothing in an empty pricebook
//! ```

use crate::domain::engine::Usage;
use crate::domain::estimate::Estimate;
use crate::domain::money::currency_prefix;
use crate::domain::pricebook::{ModelPrices, ModelRef, PriceBasis, Pricebook, Provider};
use crate::domain::scenario::CacheTtl;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The subject of exchange-rate lines.
pub const FX_SUBJECT: &str = "exchange rate";

/// One price a report used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PriceLine {
    /// The option it prices (`provider/model`), or [`FX_SUBJECT`].
    pub subject: String,
    /// "Anthropic — Claude Haiku 4.5", or "US dollar to CNY".
    pub label: String,
    /// What the price is, e.g. "output, per 1M tokens".
    pub item: String,
    /// As the pricebook has it, with its currency, e.g. "$5" or "¥1".
    pub value: String,
    /// The public page it was copied from.
    pub source: String,
    /// When it was last checked against `source`.
    pub checked: String,
}

fn amount(currency: &str, v: Decimal) -> String {
    format!("{}{}", currency_prefix(currency), v.normalize())
}

struct Lines<'a> {
    out: Vec<PriceLine>,
    subject: String,
    label: String,
    provider: &'a Provider,
}

impl Lines<'_> {
    fn push(&mut self, item: impl Into<String>, value: String) {
        self.out.push(PriceLine {
            subject: self.subject.clone(),
            label: self.label.clone(),
            item: item.into(),
            value,
            source: self.provider.source.clone(),
            checked: self.provider.checked.to_string(),
        });
    }

    /// The list prices the usage touches; `of` names whose list it is.
    fn list(&mut self, prices: &ModelPrices, u: &Usage, batch: bool, of: &str) {
        let cur = self.provider.currency.clone();
        let tier = prices
            .tiers
            .iter()
            .rev()
            .find(|t| u.input_total > Decimal::from(t.above_input_tokens));
        let p = tier.map_or(&prices.base, |t| &t.prices);
        let suffix = match tier {
            Some(t) => format!(
                ", per 1M tokens, above {} input tokens{of}",
                t.above_input_tokens
            ),
            None => format!(", per 1M tokens{of}"),
        };
        let or_input = |v: Option<Decimal>| {
            v.map_or_else(
                || format!("{} (billed as input)", amount(&cur, p.input_per_mtok)),
                |v| amount(&cur, v),
            )
        };
        if u.fresh_input > Decimal::ZERO {
            self.push(format!("input{suffix}"), amount(&cur, p.input_per_mtok));
        }
        if u.cache_read > Decimal::ZERO {
            self.push(
                format!("cache read{suffix}"),
                or_input(p.cache_read_per_mtok),
            );
        }
        if u.cache_write > Decimal::ZERO {
            let write = match u.ttl {
                CacheTtl::FiveMinutes => p.cache_write_5m_per_mtok,
                CacheTtl::OneHour => p.cache_write_1h_per_mtok,
            };
            self.push(
                format!("cache write ({}){suffix}", u.ttl.code()),
                or_input(write),
            );
        }
        if u.output > Decimal::ZERO {
            self.push(format!("output{suffix}"), amount(&cur, p.output_per_mtok));
        }
        if batch && u.batch_fraction > Decimal::ZERO {
            let value = prices.batch_discount_pct.map_or_else(
                || "none (no batch API)".into(),
                |d| format!("{}%", d.normalize()),
            );
            self.push(format!("batch discount{of}"), value);
        }
    }
}

/// The prices one option's figures use.
fn option_lines(book: &Pricebook, r: &ModelRef, u: &Usage) -> Vec<PriceLine> {
    let Some((provider, model)) = book.resolve(r) else {
        return Vec::new();
    };
    let mut lines = Lines {
        out: Vec::new(),
        subject: r.to_string(),
        label: format!("{} — {}", provider.name, model.name),
        provider,
    };
    let cur = &provider.currency;
    match &provider.basis {
        PriceBasis::List | PriceBasis::Own => {
            if let Some(prices) = &model.prices {
                lines.list(prices, u, true, "");
            }
        }
        PriceBasis::Flat {
            input_per_mtok,
            output_per_mtok,
        } => {
            if u.input_total > Decimal::ZERO {
                lines.push(
                    "flat rate for input and cached input, per 1M tokens",
                    amount(cur, *input_per_mtok),
                );
            }
            if u.output > Decimal::ZERO {
                lines.push(
                    "flat rate for output, per 1M tokens",
                    amount(cur, *output_per_mtok),
                );
            }
        }
        PriceBasis::Credit { per_list_unit } => {
            let upstream = model.upstream.as_ref().and_then(|up| book.resolve(up));
            let list_cur = upstream.map_or("USD", |(p, _)| p.currency.as_str());
            lines.push(
                "credit price of one unit of list price",
                format!(
                    "{} per {}1",
                    amount(cur, *per_list_unit),
                    currency_prefix(list_cur)
                ),
            );
            if let Some(m) = model.multiplier {
                lines.push("model multiplier", format!("×{}", m.normalize()));
            }
            if let (Some((up_provider, up_model)), Some(up_ref)) = (upstream, &model.upstream) {
                if let Some(prices) = &up_model.prices {
                    lines.provider = up_provider;
                    lines.list(prices, u, false, &format!(" (list price of {up_ref})"));
                }
            }
        }
    }
    lines.out
}

/// Every price the estimate's figures use: each option's, baseline first,
/// then the exchange rates.
pub fn price_lines(book: &Pricebook, e: &Estimate) -> Vec<PriceLine> {
    let u = Usage::of(&e.scenario);
    let mut out: Vec<PriceLine> = e
        .options
        .iter()
        .flat_map(|o| option_lines(book, &o.option, &u))
        .collect();
    out.extend(e.fx.iter().map(|r| PriceLine {
        subject: FX_SUBJECT.into(),
        label: format!("US dollar to {}", r.currency),
        item: format!("{} per US dollar", r.currency),
        value: r.per_usd.normalize().to_string(),
        source: r.source.clone(),
        checked: r.date.clone(),
    }));
    out
}

#[cfg(test)]
mod tests;
