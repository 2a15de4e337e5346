//! Today's date in UTC, from the system clock.

use llm_roi_core::money::date::CalendarDate;
use std::time::{SystemTime, UNIX_EPOCH};

/// The current UTC date.
pub fn today_utc() -> CalendarDate {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    CalendarDate::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}
