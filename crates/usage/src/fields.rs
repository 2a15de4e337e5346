//! What the formats read, below both the formats and the readers: where a
//! CSV format's fields are ([`Columns`]), a usage report's result
//! ([`ReportResult`]), a flat JSON record ([`flat_row`]) and times.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::ServiceTier;
use llm_roi_core::scenario::usage::{RequestTokens, UsageError, UsageRow};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::Value;
use std::str::FromStr;

/// A bad field: its name and what is wrong.
pub type Problem = (String, String);

/// Where each field of a format's CSV is in a row.
pub struct Columns {
    pub model: usize,
    pub input: usize,
    pub output: usize,
    /// The input and output columns' names, for bad rows.
    pub input_name: &'static str,
    pub output_name: &'static str,
    pub cache_read: Option<usize>,
    pub cache_write: Option<usize>,
    pub cache_ttl: Option<usize>,
    pub requests: Option<usize>,
    pub timestamp: Option<usize>,
    pub batch: Option<usize>,
    /// The part of the output spent reasoning.
    pub reasoning: Option<usize>,
    /// What the row was billed, in USD, and the column's name.
    pub billed: Option<(usize, &'static str)>,
    /// Web searches run for the row's requests (all of them).
    pub web_searches: Option<usize>,
}

/// One result of a usage report's bucket: OpenAI's and Anthropic's fields
/// (`formats::openai_usage`, `formats::anthropic_usage`).
#[derive(Debug, Default, Deserialize)]
pub struct ReportResult {
    pub model: Option<String>,
    pub input_tokens: Option<u64>,
    pub input_cached_tokens: Option<u64>,
    /// OpenAI's prompt-cache writes (reported since mid-2026), within
    /// `input_tokens`.
    pub input_cache_write_tokens: Option<u64>,
    pub num_model_requests: Option<u64>,
    pub batch: Option<bool>,
    pub uncached_input_tokens: Option<u64>,
    pub cache_read_input_tokens: Option<u64>,
    pub cache_creation: Option<CacheCreation>,
    pub context_window: Option<String>,
    pub service_tier: Option<String>,
    pub output_tokens: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CacheCreation {
    pub ephemeral_5m_input_tokens: Option<u64>,
    pub ephemeral_1h_input_tokens: Option<u64>,
}

/// A count a report result must give: without it the row would be free.
pub fn report_count(v: Option<u64>, field: &str) -> Result<u64, Problem> {
    v.ok_or_else(|| {
        (
            field.to_string(),
            "missing: the result gives no such count, so its requests cannot be priced".to_string(),
        )
    })
}

/// All input when the log counts the input not cached apart from the
/// cache reads and writes (Anthropic's way): their sum, checked.
pub fn input_with_cache(fresh: u64, cached: [u64; 3], field: &str) -> Result<u64, Problem> {
    cached
        .iter()
        .try_fold(fresh, |a, b| a.checked_add(*b))
        .ok_or_else(|| {
            (
                field.to_string(),
                "the input adds up to over 2^64 tokens".to_string(),
            )
        })
}

/// The service tier a row was sent at, as the log names it (OpenAI's
/// `auto` and `default`, Anthropic's `standard`, `standard_only` and
/// `batch` are the standard prices; batch is read apart). Scale Tier is
/// billed by contract, so its rows are bad rows naming it.
pub fn service_tier(tier: Option<&str>) -> Result<ServiceTier, Problem> {
    let problem = |m: String| Err(("service_tier".to_string(), m));
    match tier {
        None | Some("standard" | "default" | "auto" | "standard_only" | "batch" | "") => {
            Ok(ServiceTier::Standard)
        }
        Some("flex") => Ok(ServiceTier::Flex),
        Some("priority") => Ok(ServiceTier::Priority),
        Some("scale") => problem(
            "`scale`: Scale Tier is billed by contract, not at a list price; import these rows apart".into(),
        ),
        Some(t) => problem(format!(
            "`{t}` is not a service tier this reader knows: standard, default, auto, flex, priority or batch"
        )),
    }
}

/// A non-empty string field of `v`, or the problem naming it.
pub fn required_text<'v>(v: &'v Value, field: &str, whose: &str) -> Result<&'v str, Problem> {
    v.get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| (field.to_string(), format!("missing from the {whose}")))
}

/// A report result's model, which a report grouped by model names.
pub fn report_model(r: &ReportResult) -> Result<String, Problem> {
    r.model.clone().filter(|m| !m.is_empty()).ok_or_else(|| {
        (
            "model".to_string(),
            "missing: export the report grouped by model (group_by=model)".to_string(),
        )
    })
}

/// The first of `names` that `v` has, as a token count (0 when none has).
pub fn u64_field(v: &Value, names: &[&'static str]) -> Result<(u64, &'static str), Problem> {
    for name in names {
        match v.get(*name) {
            None | Some(Value::Null) => continue,
            Some(x) => {
                return x.as_u64().map(|n| (n, *name)).ok_or_else(|| {
                    (
                        name.to_string(),
                        format!("`{x}` is not a whole number of tokens (0 or more)"),
                    )
                })
            }
        }
    }
    Ok((0, names.first().copied().unwrap_or("tokens")))
}

/// A token count the record must give (one of `names`): without it the
/// row would be priced at 0.
pub fn required_u64(v: &Value, names: &[&'static str]) -> Result<u64, Problem> {
    if names.iter().all(|n| v.get(*n).is_none_or(Value::is_null)) {
        return Err((
            names.first().copied().unwrap_or("tokens").to_string(),
            format!(
                "missing: give the row's token count as {} (0 when there were none)",
                names.join(" or ")
            ),
        ));
    }
    u64_field(v, names).map(|(n, _)| n)
}

/// An amount billed in USD, as text: a decimal of 0 or more.
pub fn billed_text(text: &str, field: &str) -> Result<Decimal, Problem> {
    Decimal::from_str(text.trim())
        .ok()
        .filter(|d| !d.is_sign_negative())
        .ok_or_else(|| {
            (
                field.to_string(),
                format!("`{text}` is not an amount in USD (a decimal of 0 or more)"),
            )
        })
}

/// The first of `names` that `v` has, as an amount billed in USD (a JSON
/// number or a decimal string); `None` when none has.
pub fn billed_field(v: &Value, names: &[&str]) -> Result<Option<Decimal>, Problem> {
    for name in names {
        match v.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::Number(n)) => return billed_text(&n.to_string(), name).map(Some),
            Some(Value::String(s)) => return billed_text(s, name).map(Some),
            Some(x) => {
                return Err((
                    name.to_string(),
                    format!("`{x}` is not an amount in USD (a decimal of 0 or more)"),
                ))
            }
        }
    }
    Ok(None)
}

/// A flat record, with the generic field names or LiteLLM's.
pub fn flat_row(v: &Value) -> Result<UsageRow, Problem> {
    let model = v
        .get("model")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty());
    let model = model.ok_or_else(|| {
        (
            "model".to_string(),
            "missing: name the model, e.g. claude-haiku-4-5".to_string(),
        )
    })?;
    let input = required_u64(v, &["input_tokens", "prompt_tokens"])?;
    let output = required_u64(v, &["output_tokens", "completion_tokens"])?;
    let (reasoning, _) = u64_field(v, &["reasoning_tokens"])?;
    let (read, _) = u64_field(v, &["cache_read_tokens", "cache_read_input_tokens"])?;
    let (write, _) = u64_field(v, &["cache_write_tokens", "cache_creation_input_tokens"])?;
    let one_hour = match v.get("cache_ttl").and_then(Value::as_str) {
        None | Some("5m") => false,
        Some("1h") => true,
        Some(t) => return Err(("cache_ttl".into(), format!("`{t}`: use 5m or 1h"))),
    };
    let requests = match v.get("requests") {
        None | Some(Value::Null) => 1,
        Some(x) => x.as_u64().filter(|n| *n > 0).ok_or_else(|| {
            (
                "requests".to_string(),
                format!("`{x}` is not a whole number of requests (1 or more)"),
            )
        })?,
    };
    let batch = match v.get("batch") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(x) => return Err(("batch".into(), format!("`{x}`: use true or false"))),
    };
    let t = RequestTokens {
        input,
        cache_read: read,
        cache_write_5m: if one_hour { 0 } else { write },
        cache_write_1h: if one_hour { write } else { 0 },
        output,
        reasoning,
    };
    let mut row = UsageRow::identical(model, requests, t, batch).map_err(row_problem)?;
    row.billed_usd = billed_field(v, &["billed_usd", "spend"])?;
    row.web_searches = u64_field(v, &["web_searches"])?.0;
    let stamp = v
        .get("timestamp")
        .or_else(|| v.get("startTime"))
        .and_then(Value::as_str);
    if let Some(s) = stamp {
        row.minute_utc = minute_of(s);
        row.day = Some(day_of(s).ok_or_else(|| {
            (
                "timestamp".to_string(),
                format!("`{s}` is not an RFC 3339 time or a YYYY-MM-DD date"),
            )
        })?);
    }
    Ok(row)
}

/// A row's inconsistency, named by the field it is about.
pub fn row_problem(e: UsageError) -> Problem {
    let field = match e {
        UsageError::NoRequests => "requests",
        UsageError::ReasoningExceedsOutput { .. } => "reasoning_tokens",
        UsageError::TooLarge { field, .. } => field,
        UsageError::CacheExceedsInput { .. } => "input_tokens",
    };
    (field.to_string(), e.to_string())
}

/// Dates `row` at `secs` Unix seconds (its day and minute, UTC).
pub fn unix_time(row: &mut UsageRow, secs: i64) {
    row.day = Some(CalendarDate::from_days_since_epoch(secs.div_euclid(86_400)));
    row.minute_utc = u16::try_from(secs.rem_euclid(86_400) / 60).ok();
}

/// The day of an RFC 3339 timestamp or a `YYYY-MM-DD` date.
pub fn day_of(text: &str) -> Option<CalendarDate> {
    text.trim().get(..10)?.parse().ok()
}

/// The minute of the UTC day of an RFC 3339 time (`…THH:MM…` with `Z`, an
/// offset such as `+08:00`, or none, read as UTC); `None` for a date alone.
pub fn minute_of(text: &str) -> Option<u16> {
    let t = text.trim();
    let sep = t.as_bytes().get(10)?;
    if !matches!(sep, b'T' | b't' | b' ') {
        return None;
    }
    let num = |s: Option<&str>| s?.parse::<i32>().ok();
    let (h, m) = (num(t.get(11..13))?, num(t.get(14..16))?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    // An offset after the time: `+HH:MM` or `-HH:MM` (`Z` is UTC).
    let tail = t.get(16..)?;
    let offset = match tail.rfind(['+', '-']) {
        Some(i) => {
            let sign = if tail.as_bytes()[i] == b'-' { -1 } else { 1 };
            let o = tail.get(i + 1..)?;
            sign * (num(o.get(..2))? * 60 + num(o.get(3..5)).unwrap_or(0))
        }
        None => 0,
    };
    u16::try_from((h * 60 + m - offset).rem_euclid(1_440)).ok()
}
