//! JSON logs: JSON Lines of generic or LiteLLM records, or pages of OpenAI's
//! and Anthropic's usage reports (one per line, or one document).

use super::{day_of, minute_of, Collector, Format, ImportError};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, Read};

/// One result of a usage report's bucket: OpenAI's and Anthropic's fields.
#[derive(Debug, Default, Deserialize)]
struct ReportResult {
    model: Option<String>,
    input_tokens: Option<u64>,
    input_cached_tokens: Option<u64>,
    num_model_requests: Option<u64>,
    batch: Option<bool>,
    uncached_input_tokens: Option<u64>,
    cache_read_input_tokens: Option<u64>,
    cache_creation: Option<CacheCreation>,
    context_window: Option<String>,
    service_tier: Option<String>,
    output_tokens: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
struct CacheCreation {
    ephemeral_5m_input_tokens: Option<u64>,
    ephemeral_1h_input_tokens: Option<u64>,
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

/// A bad field: its name and what is wrong.
type Problem = (String, String);

/// A row, whether the export counted its requests, and the format it came in.
type ReportRow = (UsageRow, bool, Format);

/// A report result as a row; `None` for a result without requests.
fn report_row(r: ReportResult, day: Option<CalendarDate>) -> Result<Option<ReportRow>, Problem> {
    let model = r.model.filter(|m| !m.is_empty()).ok_or_else(|| {
        (
            "model".to_string(),
            "missing: export the report grouped by model (group_by=model)".to_string(),
        )
    })?;
    let output = r.output_tokens.unwrap_or(0);
    let row = if let Some(uncached) = r.uncached_input_tokens {
        // Anthropic: input is given by kind; requests are not counted.
        let cc = r.cache_creation.unwrap_or_default();
        let (read, w5, w1) = (
            r.cache_read_input_tokens.unwrap_or(0),
            cc.ephemeral_5m_input_tokens.unwrap_or(0),
            cc.ephemeral_1h_input_tokens.unwrap_or(0),
        );
        let input = [read, w5, w1]
            .iter()
            .try_fold(uncached, |a, b| a.checked_add(*b));
        let input = input.ok_or_else(|| {
            (
                "uncached_input_tokens".to_string(),
                "the input adds up to over 2^64 tokens".to_string(),
            )
        })?;
        // The report's context window tells the long-context band.
        let request_input = match r.context_window.as_deref() {
            Some("200k-1M") => 200_001,
            _ => input.min(200_000),
        };
        let row = UsageRow {
            model,
            requests: 1,
            input_tokens: input,
            cache_read_tokens: read,
            cache_write_5m_tokens: w5,
            cache_write_1h_tokens: w1,
            output_tokens: output,
            request_input_tokens: request_input,
            batch: r.service_tier.as_deref() == Some("batch"),
            day,
            minute_utc: None,
        };
        (row, false, Format::AnthropicUsage)
    } else {
        let requests = r.num_model_requests.unwrap_or(0);
        if requests == 0 {
            return Ok(None);
        }
        let input = r.input_tokens.unwrap_or(0);
        let row = UsageRow {
            model,
            requests,
            input_tokens: input,
            cache_read_tokens: r.input_cached_tokens.unwrap_or(0),
            cache_write_5m_tokens: 0,
            cache_write_1h_tokens: 0,
            output_tokens: output,
            // The export sums requests: their mean picks the tier.
            request_input_tokens: input / requests,
            batch: r.batch.unwrap_or(false),
            day,
            minute_utc: None,
        };
        (row, true, Format::OpenAiUsage)
    };
    Ok(Some(row))
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
        match report_row(r, day) {
            Ok(Some((row, known, format))) => {
                c.import.format = format;
                c.row(line, row, known)?;
            }
            Ok(None) => {}
            Err((field, message)) => c.bad(line, &field, message),
        }
    }
    Ok(())
}

fn u64_field(v: &Value, names: &[&'static str]) -> Result<(u64, &'static str), (String, String)> {
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

/// A flat record: the generic fields or LiteLLM's.
fn flat_row(v: &Value) -> Result<(UsageRow, Format), (String, String)> {
    let litellm = v.get("prompt_tokens").is_some() && v.get("input_tokens").is_none();
    let format = if litellm {
        Format::LiteLlm
    } else {
        Format::Generic
    };
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
    Ok((row, format))
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
    match flat_row(&v) {
        Ok((row, format)) => {
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
