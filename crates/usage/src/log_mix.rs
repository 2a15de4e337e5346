//! A usage log read into a workload mix: its classes over the days it
//! spans, and the spread of its daily cost as sent (p10 and p90 over the
//! mean day), computed from each day's classes, kept alongside.

use super::{read_usage, Import, ImportError, Limits};
use llm_roi_core::cost::mix_estimate::logged_cost;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::scenario::mix::{daily_spread, DailySpread, Mix};
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
}

/// The spread of the days' cost as sent, days without requests counted
/// as 0; `None` when a day cannot be priced.
fn spread(book: &Pricebook, by_day: &[Workload], days: u64) -> Option<DailySpread> {
    let mut daily = Vec::with_capacity(usize::try_from(days).ok()?);
    for workload in by_day {
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
    let mut builder = WorkloadBuilder::with_days(book);
    let mut undated = false;
    let import = read_usage(r, limits, &mut |row| {
        undated |= row.day.is_none();
        builder.add(&row).map_err(|e| e.to_string())
    })?;
    let (workload, by_day) = builder.finish_with_days()?;
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
