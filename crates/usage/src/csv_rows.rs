//! CSV logs: the first format ([`crate::formats`]) whose header it is
//! reads every row.

use super::{Collector, ImportError};
use crate::fields::{billed_text, day_of, minute_of, row_problem, Columns, Problem};
use crate::formats::{self, FORMATS};
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use std::io::Read;

/// The first format whose header this is, and its columns.
fn columns(header: &csv::StringRecord) -> Result<(&'static str, Columns), ImportError> {
    let names: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    FORMATS
        .iter()
        .find_map(|f| f.csv_columns(&names).map(|c| (f.name(), c)))
        .ok_or_else(|| ImportError::UnknownFormat {
            found: format!("a CSV header of {}", names.join(", ")),
            accepted: formats::names(),
        })
}

/// A token count; an absent or empty optional one is 0.
fn tokens(record: &csv::StringRecord, at: Option<usize>, field: &str) -> Result<u64, Problem> {
    let Some(text) = at.and_then(|i| record.get(i)).map(str::trim) else {
        return Ok(0);
    };
    if text.is_empty() {
        return Ok(0);
    }
    count(text, field)
}

/// A token count the row must give (an empty cell would price it at 0).
fn required(record: &csv::StringRecord, at: usize, field: &str) -> Result<u64, Problem> {
    match record.get(at).map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => count(text, field),
        None => Err((
            field.to_string(),
            "missing: give the row's token count (0 when there were none)".to_string(),
        )),
    }
}

fn count(text: &str, field: &str) -> Result<u64, Problem> {
    text.replace('_', "").parse().map_err(|_| {
        (
            field.to_string(),
            format!("`{text}` is not a whole number of tokens (0 or more)"),
        )
    })
}

fn row(c: &Columns, r: &csv::StringRecord) -> Result<UsageRow, Problem> {
    let field = |i: usize| r.get(i).map(str::trim).unwrap_or_default();
    let model = field(c.model);
    if model.is_empty() {
        return Err((
            "model".into(),
            "empty: name the model, e.g. claude-haiku-4-5".into(),
        ));
    }
    let (input_name, output_name) = (c.input_name, c.output_name);
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
        input: required(r, c.input, input_name)?,
        cache_read: tokens(r, c.cache_read, "cache_read_tokens")?,
        cache_write_5m: if one_hour { 0 } else { write },
        cache_write_1h: if one_hour { write } else { 0 },
        output: required(r, c.output, output_name)?,
        reasoning: tokens(r, c.reasoning, "reasoning_tokens")?,
    };
    let mut row = UsageRow::identical(model, requests, per_request, batch).map_err(row_problem)?;
    row.web_searches = tokens(r, c.web_searches, "web_searches")?;
    if let Some((at, name)) = c.billed {
        if let Some(t) = r.get(at).map(str::trim).filter(|t| !t.is_empty()) {
            row.billed_usd = Some(billed_text(t, name)?);
        }
    }
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
                match row(&cols, &record) {
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
