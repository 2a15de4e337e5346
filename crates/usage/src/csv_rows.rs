//! CSV logs: the generic columns or LiteLLM's spend logs, told apart by the
//! header.

use super::{day_of, minute_of, Collector, Format, ImportError};
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use std::io::Read;

/// Where each field is in a row, by format.
struct Columns {
    model: usize,
    input: usize,
    output: usize,
    cache_read: Option<usize>,
    cache_write: Option<usize>,
    cache_ttl: Option<usize>,
    requests: Option<usize>,
    timestamp: Option<usize>,
    batch: Option<usize>,
}

fn columns(header: &csv::StringRecord) -> Result<(Format, Columns), ImportError> {
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let at = |name: &str| names.iter().position(|n| n == name);
    let found = || format!("a CSV header of {}", names.join(", "));
    if let (Some(model), Some(input), Some(output)) =
        (at("model"), at("input_tokens"), at("output_tokens"))
    {
        return Ok((
            Format::Generic,
            Columns {
                model,
                input,
                output,
                cache_read: at("cache_read_tokens"),
                cache_write: at("cache_write_tokens"),
                cache_ttl: at("cache_ttl"),
                requests: at("requests"),
                timestamp: at("timestamp"),
                batch: at("batch"),
            },
        ));
    }
    match (
        at("model"),
        at("prompt_tokens"),
        at("completion_tokens"),
        at("request_id").or(at("starttime")),
    ) {
        (Some(model), Some(input), Some(output), Some(_)) => Ok((
            Format::LiteLlm,
            Columns {
                model,
                input,
                output,
                // Present in LiteLLM's daily spend tables and newer exports.
                cache_read: at("cache_read_input_tokens"),
                cache_write: at("cache_creation_input_tokens"),
                cache_ttl: None,
                requests: None,
                timestamp: at("starttime"),
                batch: None,
            },
        )),
        _ => Err(ImportError::UnknownFormat { found: found() }),
    }
}

fn tokens(
    record: &csv::StringRecord,
    at: Option<usize>,
    field: &str,
) -> Result<u64, (String, String)> {
    let Some(text) = at.and_then(|i| record.get(i)).map(str::trim) else {
        return Ok(0);
    };
    if text.is_empty() {
        return Ok(0);
    }
    text.replace('_', "").parse().map_err(|_| {
        (
            field.to_string(),
            format!("`{text}` is not a whole number of tokens (0 or more)"),
        )
    })
}

fn row(format: Format, c: &Columns, r: &csv::StringRecord) -> Result<UsageRow, (String, String)> {
    let field = |i: usize| r.get(i).map(str::trim).unwrap_or_default();
    let model = field(c.model);
    if model.is_empty() {
        return Err((
            "model".into(),
            "empty: name the model, e.g. claude-haiku-4-5".into(),
        ));
    }
    let (input_name, output_name) = match format {
        Format::LiteLlm => ("prompt_tokens", "completion_tokens"),
        _ => ("input_tokens", "output_tokens"),
    };
    let requests = match c.requests.map(field).filter(|t| !t.is_empty()) {
        None => 1,
        Some(t) => t.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            (
                "requests".to_string(),
                format!("`{t}` is not a whole number of requests (1 or more)"),
            )
        })?,
    };
    let write = tokens(r, c.cache_write, "cache_write_tokens")?;
    let one_hour = match c.cache_ttl.map(field).filter(|t| !t.is_empty()) {
        None | Some("5m") => false,
        Some("1h") => true,
        Some(t) => return Err(("cache_ttl".into(), format!("`{t}`: use 5m or 1h"))),
    };
    let batch = match c.batch.map(field).map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("false") | Some("0") | Some("no") => false,
        Some("true") | Some("1") | Some("yes") => true,
        Some(t) => return Err(("batch".into(), format!("`{t}`: use true or false"))),
    };
    let per_request = RequestTokens {
        input: tokens(r, Some(c.input), input_name)?,
        cache_read: tokens(r, c.cache_read, "cache_read_tokens")?,
        cache_write_5m: if one_hour { 0 } else { write },
        cache_write_1h: if one_hour { write } else { 0 },
        output: tokens(r, Some(c.output), output_name)?,
    };
    let mut row = UsageRow::identical(model, requests, per_request, batch)
        .map_err(|e| ("input_tokens".to_string(), e.to_string()))?;
    if let Some(t) = c.timestamp.map(field).filter(|t| !t.is_empty()) {
        row.minute_utc = minute_of(t);
        row.day = Some(day_of(t).ok_or_else(|| {
            (
                "timestamp".to_string(),
                format!("`{t}` is not an RFC 3339 time or a YYYY-MM-DD date"),
            )
        })?);
    }
    Ok(row)
}

pub(super) fn read<R: Read>(r: R, c: &mut Collector<'_>) -> Result<(), ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(r);
    let header = reader.headers().map_err(csv_error)?.clone();
    let (format, cols) = columns(&header)?;
    c.import.format = format;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                match row(format, &cols, &record) {
                    Ok(r) => c.row(line, r, true)?,
                    Err((field, message)) => c.bad(line, &field, message),
                }
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::Io(_) => return Err(csv_error(e)),
                _ => {
                    let line = e.position().map_or(0, csv::Position::line);
                    c.bad(line, "row", e.to_string());
                }
            },
        }
    }
}

fn csv_error(e: csv::Error) -> ImportError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => ImportError::Io(io),
        other => ImportError::Malformed {
            line: 1,
            message: format!("{other:?}"),
        },
    }
}
