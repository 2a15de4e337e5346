//! A model's place in its vendor's line-up: current, deprecated or retired.

use crate::money::date::CalendarDate;
use serde::{Deserialize, Serialize};

/// What the vendor has announced about a model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Lifecycle {
    /// Deprecated by the vendor: it still answers, but is on its way out.
    pub deprecated: bool,
    /// The day the vendor stops serving it.
    pub retires: Option<CalendarDate>,
    /// The id of the model the vendor names as its replacement.
    pub successor: Option<String>,
    /// The lifecycle database we import (LiteLLM) no longer lists the model:
    /// it drops models that vendors stop serving, without a day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlisted: bool,
}

/// A model's status on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Current,
    Deprecated,
    Retired,
}

impl Lifecycle {
    /// Current, with nothing announced.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The status on `today`: retired from its retirement day on, deprecated
    /// when flagged or when a retirement day is announced.
    pub fn status(&self, today: CalendarDate) -> Status {
        match self.retires {
            Some(d) if d <= today => Status::Retired,
            Some(_) => Status::Deprecated,
            None if self.deprecated => Status::Deprecated,
            None => Status::Current,
        }
    }

    /// Not in the current line-up on `today`: deprecated, retired,
    /// replaced by a named successor, or no longer listed.
    pub fn is_older(&self, today: CalendarDate) -> bool {
        self.status(today) != Status::Current || self.successor.is_some() || self.unlisted
    }

    /// A short flag for tables, e.g. "deprecated, retires 2027-01-15; successor claude-haiku-5-5".
    pub fn flag(&self, today: CalendarDate) -> Option<String> {
        let mut text = match (self.status(today), self.retires) {
            (Status::Current, _) => return None,
            (Status::Retired, Some(d)) => format!("retired on {d}"),
            (Status::Deprecated, Some(d)) => format!("deprecated, retires {d}"),
            _ => "deprecated".to_string(),
        };
        if let Some(s) = &self.successor {
            text.push_str(&format!("; successor {s}"));
        }
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u8, d: u8) -> CalendarDate {
        CalendarDate::new(2026, m, d).unwrap()
    }

    #[test]
    fn status_follows_the_retirement_day() {
        let l = Lifecycle {
            deprecated: false,
            retires: Some(day(7, 24)),
            successor: Some("deepseek-flash".into()),
            unlisted: false,
        };
        assert_eq!(l.status(day(7, 23)), Status::Deprecated);
        assert_eq!(l.status(day(7, 24)), Status::Retired);
        assert_eq!(
            l.flag(day(8, 1)).unwrap(),
            "retired on 2026-07-24; successor deepseek-flash"
        );
        assert_eq!(Lifecycle::default().flag(day(1, 1)), None);
        let flagged = Lifecycle {
            deprecated: true,
            ..Lifecycle::default()
        };
        assert_eq!(flagged.status(day(1, 1)), Status::Deprecated);
        assert!(flagged.is_older(day(1, 1)));
        assert!(!Lifecycle::default().is_older(day(1, 1)));
        let unlisted = Lifecycle {
            unlisted: true,
            ..Lifecycle::default()
        };
        assert_eq!(unlisted.status(day(1, 1)), Status::Current);
        assert!(unlisted.is_older(day(1, 1)));
    }
}
