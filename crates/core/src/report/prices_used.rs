//! Every price a report's figures depend on, with its source and checked date.
//!
//! Only what the scenario uses is listed: a cache-write price appears when
//! the scenario writes to the cache, a long-context tier's prices when its
//! requests are that long, a credit relay's factor together with the list
//! prices it multiplies, and each exchange rate the estimate converted with.
//!
//! ```
//! use llm_roi_core::money::date::CalendarDate;
//! use llm_roi_core::report::{prices_used::price_lines, Evaluation};
//! use llm_roi_core::scenario::codec::split_query;
//! # let book = llm_roi_core::pricebook::Pricebook { providers: vec![], fx: Default::default() };
//! let today = CalendarDate::new(2026, 12, 1).unwrap();
//! let ev = Evaluation::of_link(&book, &split_query("in=0"), &[], today);
//! let lines = price_lines(&book, &ev.estimate);
//! assert!(lines.is_empty()); // nothing in an empty pricebook
//! ```

use crate::cost::engine::Usage;
use crate::cost::estimate::{Estimate, VENDORS};
use crate::cost::mix::{class_usages, route_model};
use crate::money::currency_prefix;
use crate::pricebook::{
    Model, ModelPrices, ModelRef, PriceBasis, PriceView, Pricebook, Provider, ServiceTier,
};
use crate::scenario::CacheTtl;
use crate::scenario::mix::Mix;
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
    /// The priced model's own page and check date, when it has them.
    model: Option<&'a Model>,
}

impl Lines<'_> {
    fn push(&mut self, item: impl Into<String>, value: String) {
        let source = self.model.and_then(|m| m.source.clone());
        let checked = self.model.and_then(|m| m.checked);
        self.out.push(PriceLine {
            subject: self.subject.clone(),
            label: self.label.clone(),
            item: item.into(),
            value,
            source: source.unwrap_or_else(|| self.provider.source.clone()),
            checked: checked.unwrap_or(self.provider.checked).to_string(),
        });
    }

    /// The prices of one table the usage touches, each item named with `what`.
    fn table(&mut self, t: PriceView, u: &Usage, what: &str, of: &str) {
        let cur = self.provider.currency.clone();
        let (p, tier) = t.for_input(u.tier_input);
        let suffix = match tier {
            Some(t) => format!(", per 1M tokens, above {t} input tokens{of}"),
            None => format!(", per 1M tokens{of}"),
        };
        let or_input = |v: Option<Decimal>| {
            v.map_or_else(
                || format!("{} (billed as input)", amount(&cur, p.input_per_mtok)),
                |v| amount(&cur, v),
            )
        };
        if u.fresh_input > Decimal::ZERO {
            self.push(
                format!("{what}input{suffix}"),
                amount(&cur, p.input_per_mtok),
            );
        }
        if u.cache_read > Decimal::ZERO {
            self.push(
                format!("{what}cache read{suffix}"),
                or_input(p.cache_read_per_mtok),
            );
        }
        if u.cache_write > Decimal::ZERO {
            let write = match u.ttl {
                CacheTtl::FiveMinutes => p.cache_write_5m_per_mtok,
                CacheTtl::OneHour => p.cache_write_1h_per_mtok,
            };
            self.push(
                format!("{what}cache write ({}){suffix}", u.ttl.code()),
                or_input(write),
            );
        }
        if u.output > Decimal::ZERO {
            self.push(
                format!("{what}output{suffix}"),
                amount(&cur, p.output_per_mtok),
            );
        }
    }

    /// The list prices the usage touches; `of` names whose list it is.
    /// `variants`: the service tier, off-peak and batch prices count too.
    fn list(&mut self, prices: &ModelPrices, u: &Usage, variants: bool, of: &str) {
        let tier = (variants && u.service_tier != ServiceTier::Standard)
            .then(|| {
                prices
                    .service_tier(u.service_tier)
                    .map(|t| (u.service_tier, t))
            })
            .flatten();
        match tier {
            Some((name, t)) => self.table(t.view(), u, &format!("{} tier: ", name.code()), of),
            None => self.table(prices.standard(), u, "", of),
        }
        if !variants {
            return;
        }
        if let (Some(off), None, false) = (&prices.offpeak, tier, u.offpeak_fraction.is_zero()) {
            self.table(
                off.prices.view(),
                u,
                &format!("off-peak ({} UTC): ", off.hours_utc),
                of,
            );
        }
        if u.batch_fraction > Decimal::ZERO {
            match (&prices.batch, prices.batch_discount_pct) {
                (Some(b), _) => self.table(b.view(), u, "batch: ", of),
                (None, Some(d)) => {
                    self.push(format!("batch discount{of}"), format!("{}%", d.normalize()))
                }
                (None, None) => {
                    self.push(format!("batch discount{of}"), "none (no batch API)".into())
                }
            }
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
        model: Some(model),
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
            if let (Some((up_provider, up_model)), Some(up_ref)) = (upstream, &model.upstream)
                && let Some(prices) = &up_model.prices
            {
                lines.provider = up_provider;
                lines.model = Some(up_model);
                lines.list(prices, u, false, &format!(" (list price of {up_ref})"));
            }
        }
    }
    lines.out
}

/// A mix's prices: each route's version of each class's model (the relay
/// it was sent through, else the vendor's own, for a class the route
/// leaves where it was sent), for that class's tokens.
fn mix_lines(book: &Pricebook, e: &Estimate, mix: &Mix) -> Vec<PriceLine> {
    let mut out: Vec<PriceLine> = Vec::new();
    for o in &e.options {
        let route = book.provider(&o.option.provider);
        let vendors = o.option.provider == VENDORS;
        for class in &mix.workload.classes {
            let on = |p: &Provider| {
                let m = route_model(book, p, &class.source)?;
                Some(ModelRef {
                    provider: p.id.clone(),
                    model: m.id.clone(),
                })
            };
            // Where the route does not serve it, the class stays as sent.
            let as_sent = || {
                class
                    .via
                    .as_deref()
                    .filter(|_| !vendors)
                    .and_then(|v| book.provider(v))
                    .and_then(on)
            };
            let r = route
                .and_then(on)
                .or_else(as_sent)
                .unwrap_or_else(|| class.source.clone());
            let [rest, hour] = class_usages(class);
            let hour = (!hour.cache_write.is_zero()).then_some(hour);
            for u in std::iter::once(rest).chain(hour) {
                for line in option_lines(book, &r, &u) {
                    if !out.contains(&line) {
                        out.push(line);
                    }
                }
            }
        }
    }
    out
}

/// Every price the estimate's figures use: each option's, baseline first,
/// then the exchange rates.
pub fn price_lines(book: &Pricebook, e: &Estimate) -> Vec<PriceLine> {
    let mut out: Vec<PriceLine> = match &e.scenario.mix {
        Some(mix) => mix_lines(book, e, mix),
        None => {
            let u = Usage::of(&e.scenario);
            e.options
                .iter()
                .flat_map(|o| option_lines(book, &o.option, &u))
                .collect()
        }
    };
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
