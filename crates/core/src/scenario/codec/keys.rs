//! The scenario's URL keys, each declared once: its name, how its value is
//! parsed into the scenario and written back, and its line in the docs.
//! The codec ([`super::decode_link`], [`super::encode`]), the "allowed"
//! list of an unknown-key error and the table in `docs/methodology.md`
//! ([`docs_table`], checked by a test) all come from [`SPECS`].
//!
//! Usage: a new key is one more [`KeySpec`] in [`SPECS`] (and its field in
//! `Scenario`); then paste `docs_table()` into the docs, as the test says.

use super::limits::err;
use super::mix_text;
use super::parse;
use crate::money::DisplayCurrency;
use crate::pricebook::requirement::Requirement;
use crate::pricebook::{ModelRef, ServiceTier};
use crate::scenario::migration::phases_text;
use crate::scenario::{CacheTtl, FieldError, Scenario};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One key of the scenario's query.
#[derive(Clone, Copy)]
pub struct KeySpec {
    pub name: &'static str,
    /// What it sets, for the docs.
    pub meaning: &'static str,
    /// What values it takes, for the docs.
    pub allowed: &'static str,
    /// The default as the docs say it, when its value alone says too little.
    pub default_note: Option<&'static str>,
    /// Parses a value (`key`, `value`) into the scenario.
    pub parse: fn(&mut Scenario, &str, &str) -> Result<(), FieldError>,
    /// The value's text, as the query writes it.
    pub text: fn(&Scenario) -> String,
}

fn dec(d: Decimal) -> String {
    d.normalize().to_string()
}

fn join_refs(list: &[ModelRef]) -> String {
    list.iter()
        .map(ModelRef::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

const MONEY: &str = "0 – 1,000,000,000,000";

/// Every key, in the canonical order of a written query.
pub const SPECS: [KeySpec; 28] = [
    KeySpec {
        name: "mix",
        meaning: "a workload imported from a usage log, route by route ([usage logs](usage-logs.md)); replaces the traffic keys",
        allowed: "`1:<days>~<p10>~<p90>:<models>:<classes>`, as `POST /api/v1/workloads` writes it",
        default_note: Some("none"),
        parse: |s, k, v| mix_text::parse_mix(k, v).map(|x| s.mix = Some(x)),
        text: |s| s.mix.as_ref().map(mix_text::mix_text).unwrap_or_default(),
    },
    KeySpec {
        name: "rpd",
        meaning: "requests per day",
        allowed: "whole number 0 – 1,000,000,000,000 (`,` and `_` separators accepted)",
        default_note: None,
        parse: |s, k, v| parse::count(k, v).map(|n| s.requests_per_day = n),
        text: |s| s.requests_per_day.to_string(),
    },
    KeySpec {
        name: "in",
        meaning: "average input tokens per request, cached ones included",
        allowed: "0 – 10,000,000, decimals allowed",
        default_note: None,
        parse: |s, k, v| parse::tokens(k, v).map(|d| s.input_tokens = d),
        text: |s| dec(s.input_tokens),
    },
    KeySpec {
        name: "out",
        meaning: "average output tokens per request",
        allowed: "0 – 10,000,000, decimals allowed",
        default_note: None,
        parse: |s, k, v| parse::tokens(k, v).map(|d| s.output_tokens = d),
        text: |s| dec(s.output_tokens),
    },
    KeySpec {
        name: "cr",
        meaning: "cache reads, % of input tokens",
        allowed: "0 – 100",
        default_note: None,
        parse: |s, k, v| parse::pct(k, v).map(|d| s.cache_read_pct = d),
        text: |s| dec(s.cache_read_pct),
    },
    KeySpec {
        name: "cw",
        meaning: "cache writes, % of input tokens (`cr` + `cw` ≤ 100)",
        allowed: "0 – 100",
        default_note: None,
        parse: |s, k, v| parse::pct(k, v).map(|d| s.cache_write_pct = d),
        text: |s| dec(s.cache_write_pct),
    },
    KeySpec {
        name: "ttl",
        meaning: "cache lifetime, which cache-write price applies",
        allowed: "`5m`, `1h`",
        default_note: None,
        parse: |s, k, v| {
            match v.trim() {
                "5m" => Ok(CacheTtl::FiveMinutes),
                "1h" => Ok(CacheTtl::OneHour),
                _ => Err(err(k, v, "choose 5m or 1h")),
            }
            .map(|t| s.cache_ttl = t)
        },
        text: |s| s.cache_ttl.code().into(),
    },
    KeySpec {
        name: "batch",
        meaning: "% of requests sent through a batch API",
        allowed: "0 – 100",
        default_note: None,
        parse: |s, k, v| parse::pct(k, v).map(|d| s.batch_pct = d),
        text: |s| dec(s.batch_pct),
    },
    KeySpec {
        name: "offpeak",
        meaning: "% of the other requests sent in the vendor's off-peak hours (DeepSeek)",
        allowed: "0 – 100",
        default_note: Some("`0` (every request at the peak price)"),
        parse: |s, k, v| parse::pct(k, v).map(|d| s.offpeak_pct = d),
        text: |s| dec(s.offpeak_pct),
    },
    KeySpec {
        name: "tier",
        meaning: "service tier of the non-batch requests, where the model offers it (OpenAI)",
        allowed: "`standard`, `flex`, `priority`",
        default_note: None,
        parse: |s, k, v| {
            ServiceTier::from_code(v)
                .map(|t| s.service_tier = t)
                .ok_or_else(|| err(k, v, "choose standard, flex or priority"))
        },
        text: |s| s.service_tier.code().into(),
    },
    KeySpec {
        name: "search",
        meaning: "web searches per request with the vendor's server-side search tool, billed per 1,000 where the model publishes a fee",
        allowed: "0 – 1,000, decimals allowed",
        default_note: None,
        parse: |s, k, v| parse::searches(k, v).map(|d| s.web_searches = d),
        text: |s| dec(s.web_searches),
    },
    KeySpec {
        name: "growth",
        meaning: "month-over-month growth of requests per day, %",
        allowed: "-50 – 50, decimals allowed",
        default_note: None,
        parse: |s, k, v| parse::growth(k, v).map(|d| s.growth_pct = d),
        text: |s| dec(s.growth_pct),
    },
    KeySpec {
        name: "horizon",
        meaning: "months projected",
        allowed: "`12`, `24`, `36`",
        default_note: None,
        parse: |s, k, v| parse::horizon(k, v).map(|h| s.horizon_months = h),
        text: |s| s.horizon_months.to_string(),
    },
    KeySpec {
        name: "base",
        meaning: "the baseline, `provider/model` (ids or aliases)",
        allowed: "any option in the pricebook",
        default_note: Some(
            "`anthropic/claude-haiku-5-5`, Anthropic's current small model (a pricing directory without it: Anthropic's `flagship_small` model)",
        ),
        parse: |s, k, v| parse::model_ref(k, v).map(|r| s.base = r),
        text: |s| s.base.to_string(),
    },
    KeySpec {
        name: "cmp",
        meaning: "options to compare, comma-separated `provider/model`",
        allowed: "options in the pricebook",
        default_note: Some(
            "every route to the baseline's model + other vendors' small flagships, if cheaper than the baseline",
        ),
        parse: |s, k, v| {
            if v.trim().is_empty() {
                return Ok(());
            }
            parse::compare(k, v).map(|list| s.compare = Some(list))
        },
        text: |s| s.compare.as_deref().map(join_refs).unwrap_or_default(),
    },
    KeySpec {
        name: "req",
        meaning: "what the team requires of a route, comma-separated (a plain form may repeat `req`); see [Requirements](#requirements)",
        allowed: "`soc2`, `iso27001`, `hipaa`, `gdpr`, `zdr`, `notrain`, `card`, `invoice`, `wechat`, `alipay`, `crypto`, `stream`, `tools`, `batch`, `sla`, `sla:<uptime %>`, `region:<us\\|eu\\|uk\\|ch\\|ca\\|jp\\|kr\\|au\\|in\\|sg\\|cn\\|br>`, `currency:<ISO code>`; at most 24",
        default_note: Some("none"),
        parse: |s, k, v| parse::requirements(k, v).map(|list| s.requirements = list),
        text: |s| {
            s.requirements
                .iter()
                .map(Requirement::code)
                .collect::<Vec<_>>()
                .join(",")
        },
    },
    KeySpec {
        name: "cur",
        meaning: "display currency",
        allowed: "`USD`, `CNY`, `EUR`",
        default_note: None,
        parse: |s, k, v| {
            DisplayCurrency::from_str(v.trim())
                .map(|c| s.currency = c)
                .map_err(|()| err(k, v, "choose USD, CNY or EUR"))
        },
        text: |s| s.currency.code().into(),
    },
    KeySpec {
        name: "cal",
        meaning: "a reconciled bill's factor on every route's cost ([reconcile](reconcile.md)), with the bill's first and last day",
        allowed: "`<factor>[,<from>,<to>]`, factor above 0 and at most 10, days `YYYY-MM-DD`",
        default_note: Some("none (list prices)"),
        parse: |s, k, v| {
            crate::scenario::calibration::Calibration::parse(k, v).map(|c| s.calibration = Some(c))
        },
        text: |s| s.calibration.map(|c| c.text()).unwrap_or_default(),
    },
    KeySpec {
        name: "aud",
        meaning: "relays' audits (`POST /api/v1/probe/audit` gives the value), priced into their routes ([probe history](probe-history.md#audit))",
        allowed: "`<relay>,<extra input tokens>,<share of cache reads kept 0–1>,<5m|1h>,<YYYY-MM-DD>[,<host>]`, `;` between relays, at most 8",
        default_note: Some("none (list prices)"),
        parse: |s, k, v| crate::scenario::audit::RelayAudit::parse_list(k, v).map(|a| s.audits = a),
        text: |s| crate::scenario::audit::audits_text(&s.audits),
    },
    KeySpec {
        name: "price",
        meaning: "which price of an audited relay drives savings and ROI (the other is shown beside it)",
        allowed: "`audited`, `list`",
        default_note: Some("`audited` where `aud` has the relay"),
        parse: |s, k, v| {
            use crate::scenario::audit::PriceChoice;
            match v.trim() {
                "audited" => s.price = PriceChoice::Audited,
                "list" => s.price = PriceChoice::List,
                _ => return Err(err(k, v, "choose audited or list")),
            }
            Ok(())
        },
        text: |s| s.price.code().into(),
    },
    KeySpec {
        name: "target",
        meaning: "the option to migrate to, `provider/model`",
        allowed: "any option in the pricebook but the baseline (it is added to the comparison)",
        default_note: Some(
            "the cheapest compared option that is not retired and meets every requirement",
        ),
        parse: |s, k, v| {
            if v.trim().is_empty() {
                return Ok(());
            }
            parse::model_ref(k, v).map(|r| s.migration.target = Some(r))
        },
        text: |s| {
            s.migration
                .target
                .as_ref()
                .map(ModelRef::to_string)
                .unwrap_or_default()
        },
    },
    KeySpec {
        name: "hours",
        meaning: "engineering hours for the migration",
        allowed: "0 – 100,000",
        default_note: None,
        parse: |s, k, v| parse::hours(k, v).map(|d| s.migration.hours = d),
        text: |s| dec(s.migration.hours),
    },
    KeySpec {
        name: "rate",
        meaning: "cost of an engineering hour, display currency",
        allowed: MONEY,
        default_note: None,
        parse: |s, k, v| parse::amount(k, v).map(|d| s.migration.hourly_rate = d),
        text: |s| dec(s.migration.hourly_rate),
    },
    KeySpec {
        name: "fixed",
        meaning: "other one-off costs, display currency",
        allowed: MONEY,
        default_note: None,
        parse: |s, k, v| parse::amount(k, v).map(|d| s.migration.fixed_cost = d),
        text: |s| dec(s.migration.fixed_cost),
    },
    KeySpec {
        name: "monthly",
        meaning: "recurring costs per 30-day month, display currency, charged on each month's first day",
        allowed: MONEY,
        default_note: None,
        parse: |s, k, v| parse::amount(k, v).map(|d| s.migration.monthly_cost = d),
        text: |s| dec(s.migration.monthly_cost),
    },
    KeySpec {
        name: "credit",
        meaning: "free sign-up credit, in the target's own currency",
        allowed: MONEY,
        default_note: None,
        parse: |s, k, v| parse::amount(k, v).map(|d| s.migration.credit = d),
        text: |s| dec(s.migration.credit),
    },
    KeySpec {
        name: "phases",
        meaning: "rollout phases, `share%:days` comma-separated, or `none` (all traffic moves on day 1)",
        allowed: "share 0 – 100, days 1 – 1,080, at most 12 phases; after the last phase its share stays",
        default_note: None,
        parse: |s, k, v| parse::phases(k, v).map(|p| s.migration.phases = p),
        text: |s| phases_text(&s.migration.phases),
    },
    KeySpec {
        name: "fb",
        meaning: "fallback rate: % of target requests retried on the baseline (paid twice), or a relay's measured failure rate as `/probe` links it",
        allowed: "0 – 100, or `measured:<relay>,<failed>,<requests>,<from>,<to>`",
        default_note: None,
        parse: |s, k, v| {
            use crate::scenario::measured_fallback::{MeasuredFallback, PREFIX};
            if v.trim().starts_with(PREFIX) {
                let m = MeasuredFallback::parse(k, v)?;
                s.migration.fallback_pct = m.pct();
                s.migration.fallback_measured = Some(m);
                return Ok(());
            }
            s.migration.fallback_measured = None;
            parse::pct(k, v).map(|d| s.migration.fallback_pct = d)
        },
        text: |s| match &s.migration.fallback_measured {
            Some(m) => m.text(),
            None => dec(s.migration.fallback_pct),
        },
    },
];

/// Every key's name, in [`SPECS`] order.
pub const KEYS: [&str; SPECS.len()] = {
    let mut names = [""; SPECS.len()];
    let mut i = 0;
    while i < SPECS.len() {
        names[i] = SPECS[i].name;
        i += 1;
    }
    names
};

/// The declaration of `key`.
pub fn spec(key: &str) -> Option<&'static KeySpec> {
    SPECS.iter().find(|s| s.name == key)
}

/// The text of `key` in `s`, as the query writes it (empty for no such key).
pub fn value_text(s: &Scenario, key: &str) -> String {
    spec(key).map(|k| (k.text)(s)).unwrap_or_default()
}

/// The table of keys in `docs/methodology.md`, "The scenario in the URL".
pub fn docs_table() -> String {
    let d = Scenario::default();
    let mut out =
        String::from("| key | meaning | allowed | default |\n| --- | --- | --- | --- |\n");
    for k in SPECS {
        let default = k
            .default_note
            .map_or_else(|| format!("`{}`", (k.text)(&d)), str::to_string);
        out.push_str(&format!(
            "| `{}` | {} | {} | {default} |\n",
            k.name, k.meaning, k.allowed
        ));
    }
    out
}

#[cfg(test)]
mod tests;
