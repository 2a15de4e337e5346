//! A usage log read into a workload mix: its classes over the days it
//! spans, and the spread of its daily cost as sent (p10 and p90 over the
//! mean day), computed from a workload per day built alongside.

use super::{read_usage, Import, ImportError, Limits};
use llm_roi_core::cost::mix_estimate::logged_cost;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::Pricebook;
use llm_roi_core::scenario::mix::{daily_spread, DailySpread, Mix, MAX_MIX_DAYS};
use llm_roi_core::scenario::workload::{WorkloadBuilder, WorkloadError};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Read;

/// Why a log did not become a workload.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Workload(#[from] WorkloadError),
    #[error("timestamp: the log spans {days} days, from its first row to its last; a workload covers at most {MAX_MIX_DAYS}: import a shorter period")]
    Span { days: u64 },
}

/// The spread of the days' cost as sent, days without requests counted
/// as 0; `None` when a day cannot be priced.
fn spread(
    book: &Pricebook,
    by_day: BTreeMap<CalendarDate, WorkloadBuilder<'_>>,
    days: u64,
) -> Option<DailySpread> {
    let mut daily = Vec::with_capacity(usize::try_from(days).ok()?);
    for builder in by_day.into_values() {
        daily.push(logged_cost(book, &builder.finish().ok()?, "USD").ok()?);
    }
    daily.resize(usize::try_from(days).ok()?, Decimal::ZERO);
    daily_spread(&daily)
}

/// Reads a usage log into a workload mix over the days the log spans (1
/// when it names no days), row by row. The daily spread needs every row
/// dated and at least two days.
pub fn read_mix<R: Read>(
    book: &Pricebook,
    r: R,
    limits: Limits,
) -> Result<(Import, Mix), LogError> {
    let mut builder = WorkloadBuilder::new(book);
    let mut by_day: BTreeMap<CalendarDate, WorkloadBuilder<'_>> = BTreeMap::new();
    let mut undated = false;
    let import = read_usage(r, limits, &mut |row| {
        builder.add(&row).map_err(|e| e.to_string())?;
        match row.day {
            Some(day) => by_day
                .entry(day)
                .or_insert_with(|| WorkloadBuilder::new(book))
                .add(&row)
                .map_err(|e| e.to_string()),
            None => {
                undated = true;
                Ok(())
            }
        }
    })?;
    let workload = builder.finish()?;
    let days = import
        .days
        .map_or(1, |(a, b)| u64::try_from(a.days_until(b)).unwrap_or(0) + 1);
    if days > MAX_MIX_DAYS {
        return Err(LogError::Span { days });
    }
    let spread = (!undated && days > 1)
        .then(|| spread(book, by_day, days))
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
