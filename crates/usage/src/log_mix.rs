//! A usage log read into a workload mix: its classes over the days it
//! spans, and the spread of its daily cost as sent (p10 and p90 over the
//! mean day), computed from each day's classes, kept alongside.

use super::log_parts::{merge, named, MAX_FILES};
use super::{read_usage, Import, ImportError, Limits};
use llm_roi_core::cost::mix_estimate::logged_cost;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::scenario::mix::{daily_spread, DailySpread, Mix};
use llm_roi_core::scenario::model_map::ModelMap;
use llm_roi_core::scenario::workload::{Workload, WorkloadBuilder, WorkloadError};
use rust_decimal::Decimal;
use std::io::Read;

/// Why a log did not become a workload.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Workload(#[from] WorkloadError),
    #[error("{file}: {source}")]
    File { file: String, source: ImportError },
    #[error("an upload holds at most {max} files: send the others apart, or concatenate pages of one export")]
    TooManyFiles { max: usize },
    /// Every row was bad: the import holds them.
    #[error("{}", all_bad_text(.0))]
    AllBad(Box<Import>),
}

impl LogError {
    /// The reading error, whether the log was one file or one of several.
    pub fn import_error(&self) -> Option<&ImportError> {
        match self {
            Self::Import(e) | Self::File { source: e, .. } => Some(e),
            _ => None,
        }
    }
}

/// "no row could be read: 3 bad rows. line 2, input_tokens: …; …" (the
/// first 3 named).
fn all_bad_text(import: &Import) -> String {
    let n = import.bad.len() as u64 + import.more_bad;
    let first: Vec<String> = import.bad.iter().take(3).map(ToString::to_string).collect();
    format!(
        "no row of the log could be read ({n} bad row{}): {}{}",
        if n == 1 { "" } else { "s" },
        first.join("; "),
        if n > 3 { "; …" } else { "" }
    )
}

/// The spread of the days' cost as sent, days without requests counted
/// as 0; `None` when a day cannot be priced.
fn spread(book: &Pricebook, by_day: &[(CalendarDate, Workload)], days: u64) -> Option<DailySpread> {
    let mut daily = Vec::with_capacity(usize::try_from(days).ok()?);
    for (_, workload) in by_day {
        daily.push(logged_cost(book, workload, "USD").ok()?);
    }
    daily.resize(usize::try_from(days).ok()?, Decimal::ZERO);
    daily_spread(&daily)
}

/// Reads a usage log into a workload mix over the days the log spans (1
/// when it names no days), row by row; the reader stops at the first row
/// that stretches the span past `limits.max_days`. The classes of each day
/// are kept beside the log's (one map keyed by day and class), for the
/// daily spread, which needs every row dated and at least two days.
pub fn read_mix<R: Read>(
    book: &Pricebook,
    r: R,
    limits: Limits,
) -> Result<(Import, Mix), LogError> {
    read_mix_mapped(book, r, limits, ModelMap::default())
}

/// [`read_mix`], pricing the names `map` lists as their target models.
pub fn read_mix_mapped<R: Read>(
    book: &Pricebook,
    r: R,
    limits: Limits,
    map: ModelMap,
) -> Result<(Import, Mix), LogError> {
    let mut one = Some(r);
    let mut next = || Ok(one.take().map(|r| (None, r)));
    read_mix_parts(book, &mut next, limits, map)
}

/// The files of one upload (`next` gives each, named when there are
/// several, until `None`) read as one log: one workload, rows, bad rows
/// (each named by its file) and span over all of them, within `limits`.
pub fn read_mix_parts<R: Read>(
    book: &Pricebook,
    next: &mut dyn FnMut() -> std::io::Result<Option<(Option<String>, R)>>,
    limits: Limits,
    map: ModelMap,
) -> Result<(Import, Mix), LogError> {
    let mut builder = WorkloadBuilder::with_days(book).mapped(map)?;
    let mut undated = false;
    let mut import: Option<Import> = None;
    let mut files = 0usize;
    while let Some((file, r)) = next().map_err(|e| LogError::Import(ImportError::Io(e)))? {
        files += 1;
        if files > MAX_FILES {
            return Err(LogError::TooManyFiles { max: MAX_FILES });
        }
        let read = import
            .as_ref()
            .map_or(0, |i| i.rows + i.bad.len() as u64 + i.more_bad);
        let left = Limits {
            max_rows: limits.max_rows.saturating_sub(read),
            ..limits
        };
        let part = read_usage(r, left, &mut |row| {
            undated |= row.day.is_none();
            Ok(builder.add(&row)?)
        })
        .map_err(|source| match &file {
            Some(name) => LogError::File {
                file: name.clone(),
                source,
            },
            None => LogError::Import(source),
        })?;
        import = Some(match import {
            None => named(part, file.as_deref()),
            Some(total) => merge(total, part, file.as_deref(), limits)?,
        });
    }
    let import = import.ok_or(LogError::Import(ImportError::Empty))?;
    let tallies = builder.tallies();
    let (workload, by_day) = match builder.finish_with_days() {
        Err(WorkloadError::Empty) if !import.bad.is_empty() => {
            return Err(LogError::AllBad(Box::new(import)));
        }
        other => other?,
    };
    let mut import = import;
    import.models = tallies;
    let days = import
        .days
        .map_or(1, |(a, b)| u64::try_from(a.days_until(b)).unwrap_or(0) + 1);
    let spread = (!undated && days > 1)
        .then(|| spread(book, &by_day, days))
        .flatten();
    Ok((
        import,
        Mix {
            days,
            workload,
            spread,
        },
    ))
}
