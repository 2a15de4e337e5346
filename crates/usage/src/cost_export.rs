//! The billed side of a reconciliation from a vendor's cost export, by day
//! and by the model each amount names:
//!
//! - **OpenAI's Costs API** (`GET /v1/organization/costs`, grouped by
//!   `line_item`): buckets (`start_time`) of `organization.costs.result`
//!   with `amount.value` in dollars; the model is the `line_item` before
//!   its first comma ("gpt-4.1-2025-04-14, input").
//!   Source: <https://platform.openai.com/docs/api-reference/usage/costs>.
//! - **Anthropic's cost report** (`GET /v1/organizations/cost_report`,
//!   grouped by `description`): buckets (`starting_at`) of results with
//!   `amount` in the lowest currency unit as a decimal string ("123.45" in
//!   USD is $1.2345), `currency`, `model`, `cost_type`, `token_type`,
//!   `service_tier` and `context_window` (the last three name causes: a
//!   batch or priority tier, the 200k-1M window, 1-hour cache writes).
//!   Source: <https://platform.claude.com/docs/en/api/admin-api/usage-cost/get-cost-report>.
//!
//! Pages may follow one another in one file. An amount whose item names no
//! model (OpenAI's "Web search tool calls", a cost report not grouped by
//! model) is kept apart as unattributed, never spread over the models.

use crate::fields::{billed_text, day_of};
use llm_roi_core::money::date::CalendarDate;
use rust_decimal::Decimal;
use serde_json::Value;
use std::io::Read;

/// The most bytes a cost export may hold (a year of daily buckets by line
/// item is well under 1 MiB).
pub const MAX_COST_BYTES: u64 = 8 * 1024 * 1024;

/// One billed amount: its day, the model or item it names, in USD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostItem {
    pub day: Option<CalendarDate>,
    /// A model id (OpenAI's `line_item` before its comma, Anthropic's
    /// `model`), or the item's text when it names none.
    pub name: String,
    /// Whether `name` is a model (else the item is unattributed).
    pub model: bool,
    pub usd: Decimal,
    /// The causes of a difference the item itself states, by their names
    /// in [`llm_roi_core::cost::reconcile::Cause`]: Anthropic's
    /// `service_tier` `batch` or `priority`, `context_window` past 200k,
    /// `token_type` of 1-hour cache writes.
    pub stated: Vec<&'static str>,
}

/// What an Anthropic cost-report result says about how it was billed.
fn stated(r: &Value) -> Vec<&'static str> {
    let text = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("");
    let mut out = Vec::new();
    match text("service_tier") {
        "batch" => out.push("batch"),
        "priority" | "flex" => out.push("service tier"),
        _ => {}
    }
    let window = text("context_window");
    if !window.is_empty() && !window.starts_with("0-") {
        out.push("long-context tier");
    }
    if text("token_type").contains("ephemeral_1h") {
        out.push("cache-write TTL");
    }
    out
}

/// Why a cost export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CostError {
    #[error("the cost export is over {MAX_COST_BYTES} bytes: export a shorter period")]
    TooLarge,
    #[error("the cost export is not JSON pages of buckets: {0}")]
    Json(String),
    #[error("bucket {bucket}, result {result}: {message}")]
    Result {
        bucket: usize,
        result: usize,
        message: String,
    },
    #[error("the cost export holds no cost results: export OpenAI's /v1/organization/costs (group_by=line_item) or Anthropic's /v1/organizations/cost_report (group_by=description)")]
    Empty,
}

fn bucket_day(b: &Value) -> Option<CalendarDate> {
    match (
        b.get("start_time").and_then(Value::as_i64),
        b.get("starting_at").and_then(Value::as_str),
    ) {
        (Some(s), _) => Some(CalendarDate::from_days_since_epoch(s.div_euclid(86_400))),
        (None, Some(t)) => day_of(t),
        _ => None,
    }
}

fn amount(v: &Value, field: &str) -> Result<Decimal, String> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return Err(format!("{field}: missing or not an amount")),
    };
    billed_text(&text, field).map_err(|(_, m)| format!("{field}: {m}"))
}

fn usd(currency: Option<&str>) -> Result<(), String> {
    match currency.map(str::to_ascii_lowercase).as_deref() {
        None | Some("usd") => Ok(()),
        Some(c) => Err(format!("currency `{c}`: only USD bills are reconciled")),
    }
}

/// One result of a bucket, as an item.
fn item(r: &Value, day: Option<CalendarDate>) -> Result<CostItem, String> {
    if r.get("object").and_then(Value::as_str) == Some("organization.costs.result") {
        let a = r.get("amount").unwrap_or(&Value::Null);
        usd(a.get("currency").and_then(Value::as_str))?;
        let line = r.get("line_item").and_then(Value::as_str).unwrap_or("");
        let (name, model) = match line.split_once(',') {
            Some((m, _)) if !m.trim().is_empty() => (m.trim().to_string(), true),
            _ if line.is_empty() => (
                "(no line item: export with group_by=line_item)".into(),
                false,
            ),
            _ => (line.to_string(), false),
        };
        let usd = amount(a.get("value").unwrap_or(&Value::Null), "amount.value")?;
        return Ok(CostItem {
            day,
            name,
            model,
            usd,
            stated: Vec::new(),
        });
    }
    usd(r.get("currency").and_then(Value::as_str))?;
    let cents = amount(r.get("amount").unwrap_or(&Value::Null), "amount")?;
    let (name, model) = match r
        .get("model")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty())
    {
        Some(m) => (m.to_string(), true),
        None => (
            r.get("description")
                .and_then(Value::as_str)
                .unwrap_or("(no model: export grouped by description)")
                .to_string(),
            false,
        ),
    };
    Ok(CostItem {
        day,
        name,
        model,
        usd: cents / Decimal::ONE_HUNDRED,
        stated: stated(r),
    })
}

/// Reads every page of a cost export.
pub fn read_costs<R: Read>(r: R) -> Result<Vec<CostItem>, CostError> {
    let mut capped = r.take(MAX_COST_BYTES + 1);
    let mut text = Vec::new();
    capped
        .read_to_end(&mut text)
        .map_err(|e| CostError::Json(e.to_string()))?;
    if text.len() as u64 > MAX_COST_BYTES {
        return Err(CostError::TooLarge);
    }
    let mut out = Vec::new();
    let mut bucket_no = 0usize;
    for page in serde_json::Deserializer::from_slice(&text).into_iter::<Value>() {
        let page = page.map_err(|e| CostError::Json(e.to_string()))?;
        let buckets = page.get("data").and_then(Value::as_array);
        for b in buckets.into_iter().flatten() {
            bucket_no += 1;
            let day = bucket_day(b);
            for (i, r) in b
                .get("results")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let it = item(r, day).map_err(|message| CostError::Result {
                    bucket: bucket_no,
                    result: i + 1,
                    message,
                })?;
                out.push(it);
            }
        }
    }
    if out.is_empty() {
        return Err(CostError::Empty);
    }
    Ok(out)
}
