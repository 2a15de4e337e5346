//! JSON logs: JSON Lines of generic or LiteLLM records, or pages of OpenAI's
//! and Anthropic's usage reports (one per line, or one document).

use super::{day_of, minute_of, Collector, ImportError};
use crate::formats::{Problem, FORMATS};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, Read};

/// One result of a usage report's bucket: OpenAI's and Anthropic's fields
/// (`formats::openai_usage`, `formats::anthropic_usage`).
#[derive(Debug, Default, Deserialize)]
pub struct ReportResult {
    pub model: Option<String>,
    pub input_tokens: Option<u64>,
    pub input_cached_tokens: Option<u64>,
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

#[derive(Debug, Deserialize)]
struct Bucket {
    start_time: Option<i64>,
    starting_at: Option<String>,
    results: Vec<ReportResult>,
}

#[derive(Debug, Deserialize)]
struct Page {
    data: Vec<Bucket>,
}

fn bucket_day(b: &Bucket) -> Option<CalendarDate> {
    b.start_time
        .map(|s| CalendarDate::from_days_since_epoch(s.div_euclid(86_400)))
        .or_else(|| b.starting_at.as_deref().and_then(day_of))
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

fn page(p: Page, line: u64, c: &mut Collector<'_>) -> Result<(), ImportError> {
    for b in p.data {
        bucket(b, line, c)?;
    }
    Ok(())
}

fn bucket(b: Bucket, line: u64, c: &mut Collector<'_>) -> Result<(), ImportError> {
    let day = bucket_day(&b);
    for r in b.results {
        let Some((format, read)) = FORMATS
            .iter()
            .find_map(|f| f.report_row(&r, day).map(|x| (f.name(), x)))
        else {
            c.bad(
                line,
                "results",
                "not a result of a usage report this reader knows",
            );
            continue;
        };
        match read {
            Ok(Some((row, known))) => {
                c.import.format = format;
                c.row(line, row, known)?;
            }
            Ok(None) => {}
            Err((field, message)) => c.bad(line, &field, message),
        }
    }
    Ok(())
}

fn u64_field(v: &Value, names: &[&'static str]) -> Result<(u64, &'static str), Problem> {
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
    let (input, _) = u64_field(v, &["input_tokens", "prompt_tokens"])?;
    let (output, _) = u64_field(v, &["output_tokens", "completion_tokens"])?;
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
    };
    let mut row = UsageRow::identical(model, requests, t, batch)
        .map_err(|e| ("input_tokens".to_string(), e.to_string()))?;
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

fn line_value(v: Value, line: u64, c: &mut Collector<'_>) -> Result<(), ImportError> {
    if v.get("data").is_some() || v.get("results").is_some() {
        let parsed = if v.get("data").is_some() {
            serde_json::from_value::<Page>(v).map(|p| (Some(p), None))
        } else {
            serde_json::from_value::<Bucket>(v).map(|b| (None, Some(b)))
        };
        return match parsed {
            Ok((Some(p), _)) => page(p, line, c),
            Ok((_, Some(b))) => bucket(b, line, c),
            Ok(_) => Ok(()),
            Err(e) => {
                c.bad(line, "data", format!("not a usage report page: {e}"));
                Ok(())
            }
        };
    }
    let Some((format, read)) = FORMATS
        .iter()
        .find_map(|f| f.json_row(&v).map(|x| (f.name(), x)))
    else {
        c.bad(
            line,
            "json",
            "not a record of a usage log this reader knows",
        );
        return Ok(());
    };
    match read {
        Ok(row) => {
            c.import.format = format;
            c.row(line, row, true)
        }
        Err((field, message)) => {
            c.bad(line, &field, message);
            Ok(())
        }
    }
}

pub(super) fn read<R: BufRead>(r: &mut R, c: &mut Collector<'_>) -> Result<(), ImportError> {
    let mut text = String::new();
    let mut line = 0u64;
    loop {
        text.clear();
        if r.read_line(&mut text)? == 0 {
            return Ok(());
        }
        line += 1;
        let t = text.trim();
        if t.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(t) {
            Ok(v) => line_value(v, line, c)?,
            // A report saved as one pretty-printed document.
            Err(e) if e.is_eof() && line == 1 => {
                let rest = std::io::Cursor::new(std::mem::take(&mut text)).chain(r);
                let doc: Page =
                    serde_json::from_reader(rest).map_err(|e| ImportError::Malformed {
                        line: e.line() as u64,
                        message: format!("not a usage report page ({{\"data\": [buckets]}}): {e}"),
                    })?;
                return page(doc, 1, c);
            }
            Err(e) => c.bad(line, "json", e.to_string()),
        }
    }
}
