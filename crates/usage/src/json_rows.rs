//! JSON logs: JSON Lines of generic or LiteLLM records, or pages of OpenAI's
//! and Anthropic's usage reports (one per line, or one document).

use super::{Collector, ImportError};
use crate::fields::{day_of, ReportResult};
use crate::formats::FORMATS;
use llm_roi_core::money::date::CalendarDate;
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, Read};

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
