//! genai-prices' JSON: a list of providers, each with `pricing_urls` and
//! `models`; a model's `prices` is one price set or a list of conditional
//! ones (effective from a `start_date`, or within `start_time`–`end_time`
//! UTC), and `price_variants` give batch and service-tier prices.
//!
//! The price in force on `today` is the last date-conditional set whose start
//! has come; the sets before it become the model's earlier prices. Time-of-day sets are the peak price (they take precedence inside
//! their hours, as in genai-prices); the date-picked set is then the
//! off-peak price.

pub mod clauses;

use super::field::{FieldPrice, FieldSet};
use super::{is_text_model_id, Database, DbError, DbModel, DbProvider};
use clauses::confirmed_in;
use clauses::{aliases, matches};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::earlier::EarlierPrices;
use llm_roi_core::pricebook::{Lifecycle, ModelPrices, Offpeak, ServiceTier};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

struct Ctx<'a> {
    file: &'a str,
    today: CalendarDate,
}

impl Ctx<'_> {
    fn err(&self, path: &str, message: impl Into<String>) -> DbError {
        DbError::Field {
            file: self.file.to_string(),
            path: path.to_string(),
            message: message.into(),
        }
    }
}

/// A decimal from a JSON number or string (`"0.3"`, `0.3`, `3e-7`).
pub(super) fn decimal(v: &Value) -> Option<Decimal> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
        .map(|d| d.normalize())
}

fn field_price(cx: &Ctx, path: &str, v: &Value) -> Result<FieldPrice, DbError> {
    if let Some(d) = decimal(v) {
        return Ok(FieldPrice::flat(d));
    }
    let bad = || cx.err(path, "expected a number or {base, tiers: [{start, price}]}");
    let base = v.get("base").and_then(decimal).ok_or_else(bad)?;
    let mut tiers = Vec::new();
    for t in v.get("tiers").and_then(Value::as_array).ok_or_else(bad)? {
        let start = t.get("start").and_then(Value::as_u64).ok_or_else(bad)?;
        let price = t.get("price").and_then(decimal).ok_or_else(bad)?;
        tiers.push((start, price));
    }
    tiers.sort_by_key(|(s, _)| *s);
    Ok(FieldPrice { base, tiers })
}

/// The token prices of one `ModelPrice` object (other units are ignored).
fn field_set(cx: &Ctx, path: &str, v: &Value) -> Result<FieldSet, DbError> {
    let get = |key: &str| -> Result<Option<FieldPrice>, DbError> {
        v.get(key)
            .map(|x| field_price(cx, &format!("{path}.{key}"), x))
            .transpose()
    };
    Ok(FieldSet {
        input: get("input_mtok")?,
        output: get("output_mtok")?,
        cache_read: get("cache_read_mtok")?,
        cache_write_5m: match get("cache_write_5m_mtok")? {
            Some(p) => Some(p),
            None => get("cache_write_mtok")?,
        },
        cache_write_1h: get("cache_write_1h_mtok")?,
        web_search_per_k: v.get("web_searches_kcount").and_then(decimal),
    })
}

fn start_date(cx: &Ctx, path: &str, c: &Value) -> Result<Option<CalendarDate>, DbError> {
    c.get("start_date")
        .map(|d| {
            d.as_str()
                .ok_or_else(|| cx.err(path, "start_date must be a string"))?
                .parse::<CalendarDate>()
                .map_err(|e| cx.err(path, e))
        })
        .transpose()
}

fn hhmm(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str)
        .map(|t| t.get(..5).unwrap_or(t).to_string())
}

/// The hours outside `windows` (each "HH:MM-HH:MM"), e.g. "04:00-06:00, 10:00-01:00".
fn complement(windows: &[(String, String)]) -> String {
    let mut sorted = windows.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    for (i, (_, end)) in sorted.iter().enumerate() {
        let next = &sorted[(i + 1) % sorted.len()].0;
        if end != next {
            out.push(format!("{end}-{next}"));
        }
    }
    out.join(", ")
}

struct Picked {
    peak: FieldSet,
    offpeak: Option<(String, FieldSet)>,
    newest_start: Option<CalendarDate>,
    /// Dated standard lists before the current one, oldest first (only
    /// when no time-of-day set makes the dated ones off-peak prices).
    earlier: Vec<EarlierPrices>,
}

/// The lists before the last of `dated` (sorted by start), each ending
/// where the next begins; a list equal to the next is left out.
fn earlier_lists(dated: &[(FieldSet, Option<CalendarDate>)]) -> Vec<EarlierPrices> {
    dated
        .windows(2)
        .filter_map(|pair| {
            let (table, next) = (pair[0].0.table()?, pair[1].0.table());
            let until = pair[1].1?;
            (next.as_ref() != Some(&table)).then_some(EarlierPrices {
                until,
                prices: table,
            })
        })
        .collect()
}

/// The prices in force on the day; `None` when every price starts later.
fn pick_prices(cx: &Ctx, path: &str, prices: &Value) -> Result<Option<Picked>, DbError> {
    let Some(list) = prices.as_array() else {
        return Ok(Some(Picked {
            peak: field_set(cx, path, prices)?,
            offpeak: None,
            newest_start: None,
            earlier: Vec::new(),
        }));
    };
    let mut dated: Vec<(FieldSet, Option<CalendarDate>)> = Vec::new();
    let mut windows = Vec::new();
    let mut peak: Option<FieldSet> = None;
    for (i, c) in list.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let set = field_set(
            cx,
            &format!("{p}.prices"),
            c.get("prices").unwrap_or(&Value::Null),
        )?;
        let constraint = c.get("constraint").unwrap_or(&Value::Null);
        if constraint.get("start_time").is_some() {
            let (Some(a), Some(b)) = (
                hhmm(constraint.get("start_time")),
                hhmm(constraint.get("end_time")),
            ) else {
                return Err(cx.err(&p, "a time constraint needs start_time and end_time"));
            };
            windows.push((a, b));
            peak.get_or_insert(set);
            continue;
        }
        match start_date(cx, &p, constraint)? {
            Some(d) if d > cx.today => {}
            start => dated.push((set, start)),
        }
    }
    // Oldest first; a set without a start is the first.
    dated.sort_by_key(|(_, start)| *start);
    let earlier = if peak.is_none() {
        earlier_lists(&dated)
    } else {
        Vec::new()
    };
    let Some((base, newest_start)) = dated.pop() else {
        return Ok(None);
    };
    Ok(Some(match peak {
        Some(peak) => Picked {
            peak,
            offpeak: Some((complement(&windows), base)),
            newest_start,
            earlier,
        },
        None => Picked {
            peak: base,
            offpeak: None,
            newest_start,
            earlier,
        },
    }))
}

fn model(cx: &Ctx, path: &str, m: &Value) -> Result<Option<DbModel>, DbError> {
    let id = m
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| cx.err(path, "a model needs an `id`"))?
        .to_string();
    let Some(prices) = m.get("prices") else {
        return Err(cx.err(path, "a model needs `prices`"));
    };
    // A model whose every price starts later is not offered yet.
    let Some(picked) = pick_prices(cx, &format!("{path}.prices"), prices)? else {
        return Ok(None);
    };
    let Some(standard) = picked.peak.table() else {
        return Ok(None);
    };
    let mut newest = picked.newest_start;
    let mut batch = None;
    let mut service_tiers = Vec::new();
    for (i, v) in m
        .get("price_variants")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let p = format!("{path}.price_variants[{i}]");
        let start = start_date(cx, &p, v.get("constraint").unwrap_or(&Value::Null))?;
        if start.is_some_and(|d| d > cx.today) {
            continue;
        }
        let over = field_set(
            cx,
            &format!("{p}.prices"),
            v.get("prices").unwrap_or(&Value::Null),
        )?;
        let when = v.get("when");
        let table = || picked.peak.overridden(&over).table();
        let is =
            |k: &str, val: &str| when.and_then(|w| w.get(k)).and_then(Value::as_str) == Some(val);
        if is("processing", "batch") && batch.is_none() {
            batch = table();
        } else {
            for tier in [ServiceTier::Flex, ServiceTier::Priority] {
                if is("service_tier", tier.code()) && !service_tiers.iter().any(|(t, _)| *t == tier)
                {
                    if let Some(t) = table() {
                        service_tiers.push((tier, t));
                    }
                }
            }
        }
        if let Some(d) = start {
            newest = newest.max(Some(d));
        }
    }
    let offpeak = picked
        .offpeak
        .and_then(|(hours_utc, set)| set.table().map(|prices| Offpeak { hours_utc, prices }));
    let comments = m
        .get("price_comments")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut alias_list = Vec::new();
    aliases(&id, m.get("match").unwrap_or(&Value::Null), &mut alias_list);
    Ok(Some(DbModel {
        text: is_text_model_id(&id),
        name: m.get("name").and_then(Value::as_str).map(str::to_string),
        aliases: alias_list,
        checked: confirmed_in(comments, cx.today).or(newest.filter(|d| *d <= cx.today)),
        lifecycle: Lifecycle {
            deprecated: m
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ..Lifecycle::default()
        },
        prices: ModelPrices {
            base: standard.base,
            tiers: standard.tiers,
            batch_discount_pct: None,
            batch,
            service_tiers,
            offpeak,
            web_search_per_k: picked.peak.web_search_per_k,
            earlier: picked.earlier,
        },
        id,
    }))
}

/// Reads genai-prices' JSON. `wanted` limits the providers (empty: all).
pub fn read(
    file: &str,
    text: &str,
    via: &str,
    today: CalendarDate,
    wanted: &[String],
) -> Result<Database, DbError> {
    let cx = Ctx { file, today };
    let root = super::parse_json(file, text)?;
    let list = root.as_array().ok_or_else(|| {
        cx.err(
            "$",
            "expected a list of providers, as in genai-prices' prices/data.json",
        )
    })?;
    let mut providers = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let path = format!("$[{i}]");
        let id = p
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| cx.err(&path, "a provider needs an `id`"))?;
        if !wanted.is_empty() && !wanted.iter().any(|w| w == id) {
            continue;
        }
        let mut models = Vec::new();
        for (j, m) in p
            .get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            models.extend(model(&cx, &format!("{path}.models[{j}]"), m)?);
        }
        // Models without a date of their own take the provider's newest one.
        let provider_comment = p
            .get("price_comments")
            .and_then(Value::as_str)
            .unwrap_or("");
        let fallback = models
            .iter()
            .filter_map(|m| m.checked)
            .chain(confirmed_in(provider_comment, today))
            .max();
        // A provider also lists other vendors' models (Google's Vertex has
        // Claude): only its own, by its `model_match`, count as its text models.
        let own = p.get("model_match").unwrap_or(&Value::Null);
        for m in &mut models {
            m.checked = m.checked.or(fallback);
            m.text &= matches(own, &m.id);
        }
        providers.push(DbProvider {
            id: id.to_string(),
            pricing_url: p
                .get("pricing_urls")
                .and_then(Value::as_array)
                .and_then(|u| u.first())
                .and_then(Value::as_str)
                .map(str::to_string),
            models,
        });
    }
    Ok(Database {
        via: via.to_string(),
        providers,
    })
}
