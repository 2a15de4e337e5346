//! LiteLLM's `model_prices_and_context_window.json`: one object per model
//! name, prices per token (`input_cost_per_token`, …), tiers as
//! `…_above_200k_tokens`, batch and service tiers as `…_batches`, `…_flex`
//! and `…_priority`, off-peak prices in `off_peak_pricing`, and the model's
//! `deprecation_date` (the day it stops being served) and `successor_model`.
//!
//! Providers are mapped to ours: `gemini` → `google`; a `provider/` prefix on
//! a name is dropped.

use super::field::{FieldPrice, FieldSet};
use super::genai::decimal;
use super::{is_text_model_id, Database, DbError, DbModel, DbProvider};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{Lifecycle, ModelPrices, Offpeak, ServiceTier};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// LiteLLM's provider names and ours.
const PROVIDERS: [(&str, &str); 4] = [
    ("anthropic", "anthropic"),
    ("openai", "openai"),
    ("gemini", "google"),
    ("deepseek", "deepseek"),
];

/// A per-token cost as per 1M tokens, rid of binary-float noise below 1e-6.
fn per_mtok(v: &Value) -> Option<Decimal> {
    decimal(v).map(|d| (d * Decimal::from(1_000_000)).round_dp(6).normalize())
}

/// `prefix`, its `_above_<N>k_tokens` tiers, each with `suffix` (`""`,
/// `_batches`, `_flex`, `_priority`).
fn field(o: &Map<String, Value>, prefix: &str, suffix: &str) -> Option<FieldPrice> {
    let base = per_mtok(o.get(&format!("{prefix}{suffix}"))?)?;
    let mut tiers = Vec::new();
    for (key, v) in o {
        let Some(rest) = key.strip_prefix(&format!("{prefix}_above_")) else {
            continue;
        };
        let Some(k) = rest.strip_suffix(&format!("k_tokens{suffix}")) else {
            continue;
        };
        if let (Ok(k), Some(price)) = (k.parse::<u64>(), per_mtok(v)) {
            tiers.push((k * 1000, price));
        }
    }
    tiers.sort_by_key(|(s, _)| *s);
    Some(FieldPrice { base, tiers })
}

fn field_set(o: &Map<String, Value>, suffix: &str) -> FieldSet {
    let nonzero = |f: Option<FieldPrice>| f.filter(|p| !p.base.is_zero());
    FieldSet {
        input: field(o, "input_cost_per_token", suffix),
        output: field(o, "output_cost_per_token", suffix),
        cache_read: field(o, "cache_read_input_token_cost", suffix),
        // A zero write cost means "not published" here, not "free".
        cache_write_5m: nonzero(field(o, "cache_creation_input_token_cost", suffix)),
        cache_write_1h: nonzero(field(
            o,
            "cache_creation_input_token_cost_above_1hr",
            suffix,
        )),
        web_search_per_k: None,
    }
}

fn offpeak(o: &Map<String, Value>, standard: &FieldSet) -> Option<Offpeak> {
    let off = o.get("off_peak_pricing")?.as_object()?;
    let hours_utc = off
        .get("windows")
        .and_then(Value::as_array)
        .and_then(|w| w.first())
        .and_then(|w| w.get("hours_utc"))
        .map(|h| match h {
            Value::Array(list) => list
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            other => other.as_str().unwrap_or_default().to_string(),
        })
        .unwrap_or_default();
    let prices = standard.overridden(&field_set(off, "")).table()?;
    Some(Offpeak { hours_utc, prices })
}

fn strip_prefix(name: &str) -> &str {
    name.split_once('/').map_or(name, |(_, rest)| rest)
}

fn model(name: &str, o: &Map<String, Value>, today: CalendarDate) -> Option<DbModel> {
    let standard = field_set(o, "");
    let table = standard.table()?;
    // A variant's unpublished cache-write prices are unknown, not the
    // standard ones: LiteLLM has no 1-hour batch write price, for one.
    let base_for_variants = FieldSet {
        cache_write_1h: None,
        ..standard.clone()
    };
    let variant = |suffix: &str| {
        let over = field_set(o, suffix);
        (over.input.is_some() || over.output.is_some())
            .then(|| base_for_variants.overridden(&over).table())
            .flatten()
    };
    let service_tiers = [ServiceTier::Flex, ServiceTier::Priority]
        .into_iter()
        .filter_map(|t| variant(&format!("_{}", t.code())).map(|p| (t, p)))
        .collect();
    let retires = o
        .get("deprecation_date")
        .and_then(Value::as_str)
        .and_then(|d| d.parse::<CalendarDate>().ok());
    Some(DbModel {
        id: strip_prefix(name).to_string(),
        name: None,
        aliases: Vec::new(),
        text: is_text_model_id(name),
        checked: None,
        lifecycle: Lifecycle {
            deprecated: retires.is_some_and(|d| d > today),
            retires,
            successor: o
                .get("successor_model")
                .and_then(Value::as_str)
                .map(|s| strip_prefix(s).to_string()),
            unlisted: false,
        },
        prices: ModelPrices {
            base: table.base,
            tiers: table.tiers,
            batch_discount_pct: None,
            batch: variant("_batches"),
            service_tiers,
            offpeak: offpeak(o, &standard),
            // LiteLLM prices searches per query by search context size,
            // not per 1,000: genai-prices' figure is the one imported.
            web_search_per_k: None,
            earlier: Vec::new(),
        },
    })
}

/// Reads LiteLLM's JSON. `wanted` limits our providers (empty: all four).
pub fn read(
    file: &str,
    text: &str,
    via: &str,
    today: CalendarDate,
    wanted: &[String],
) -> Result<Database, DbError> {
    let root = super::parse_json(file, text)?;
    let entries = root.as_object().ok_or_else(|| DbError::Field {
        file: file.to_string(),
        path: "$".into(),
        message:
            "expected an object keyed by model name, as in model_prices_and_context_window.json"
                .into(),
    })?;
    let mut providers: Vec<DbProvider> = Vec::new();
    for (theirs, ours) in PROVIDERS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == ours) {
            continue;
        }
        let mut models: Vec<DbModel> = Vec::new();
        for (name, v) in entries {
            let Some(o) = v.as_object() else { continue };
            if o.get("litellm_provider").and_then(Value::as_str) != Some(theirs) {
                continue;
            }
            let Some(m) = model(name, o, today) else {
                continue;
            };
            if !models.iter().any(|x| x.id == m.id) {
                models.push(m);
            }
        }
        providers.push(DbProvider {
            id: ours.to_string(),
            pricing_url: None,
            models,
        });
    }
    Ok(Database {
        via: via.to_string(),
        providers,
    })
}
