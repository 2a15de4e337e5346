//! A calendar date with day arithmetic, enough for "checked more than 90 days ago".

use serde::{Deserialize, Serialize};
use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// After this many days a price check is stale.
pub const STALE_AFTER_DAYS: i64 = 90;

impl CalendarDate {
    /// A date, if it exists on the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days_in_month).then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (inverse of [`Self::days_since_epoch`]).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Whole days from `self` to `later`.
    pub fn days_until(self, later: CalendarDate) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// True when more than [`STALE_AFTER_DAYS`] days lie between this check and `today`.
    pub fn is_stale(self, today: CalendarDate) -> bool {
        self.days_until(today) > STALE_AFTER_DAYS
    }
}

impl std::str::FromStr for CalendarDate {
    type Err = String;

    /// Reads an ISO date, `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01");
        let mut parts = s.trim().splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(bad());
        };
        Self::new(y, m, d).ok_or_else(bad)
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip() {
        let d = CalendarDate::new(2026, 11, 24).unwrap();
        assert_eq!(d.days_since_epoch(), 20_781);
        assert_eq!(CalendarDate::from_days_since_epoch(20_781), d);
        assert_eq!(CalendarDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            CalendarDate::from_days_since_epoch(-1),
            CalendarDate::new(1969, 12, 31).unwrap()
        );
    }

    #[test]
    fn reads_iso_dates() {
        assert_eq!(
            "2026-12-01".parse(),
            Ok(CalendarDate::new(2026, 12, 1).unwrap())
        );
        assert!("2026-2-01".parse::<CalendarDate>().is_err());
        assert!("2026-02-30".parse::<CalendarDate>().is_err());
        assert!("yesterday".parse::<CalendarDate>().is_err());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(CalendarDate::new(2025, 2, 29).is_none());
        assert!(CalendarDate::new(2024, 2, 29).is_some());
        assert!(CalendarDate::new(2024, 13, 1).is_none());
        assert!(CalendarDate::new(2024, 4, 31).is_none());
    }

    #[test]
    fn stale_after_ninety_days() {
        let checked = CalendarDate::new(2026, 8, 26).unwrap();
        assert!(!checked.is_stale(CalendarDate::new(2026, 11, 24).unwrap())); // 90 days
        assert!(checked.is_stale(CalendarDate::new(2026, 11, 25).unwrap())); // 91 days
    }
}
