//! A factor from a reconciled bill (`cal=1.031,2026-11-01,2026-11-30`):
//! every route's cost ×1.031, because the bill of that period came to
//! 1.031 times llm-roi's list-price cost of the same usage. Optional and
//! visible: the report says so and links the figures without it.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::calibration::Calibration;
//! let c = Calibration::parse("cal", "1.031,2026-11-01,2026-11-30").unwrap();
//! assert_eq!(c.text(), "1.031,2026-11-01,2026-11-30");
//! assert_eq!(c.words(), "calibrated to the bill of 2026-11-01 to 2026-11-30: ×1.031");
//! ```

use crate::money::date::CalendarDate;
use crate::scenario::FieldError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The factor and the bill's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calibration {
    /// Billed over computed, above 0 and at most 10.
    pub factor: Decimal,
    pub from: Option<CalendarDate>,
    pub to: Option<CalendarDate>,
}

impl Calibration {
    /// Reads `<factor>[,<from>,<to>]`; the error names `key`.
    pub fn parse(key: &str, value: &str) -> Result<Self, FieldError> {
        let bad = |why: &str| FieldError {
            field: key.into(),
            value: value.into(),
            message: format!(
                "{why}: write the factor a reconciliation gives, above 0 and at most 10, optionally with the bill's first and last day: 1.031,2026-11-01,2026-11-30"
            ),
        };
        let mut parts = value.split(',').map(str::trim);
        let factor = parts
            .next()
            .and_then(|f| Decimal::from_str(f).ok())
            .filter(|f| *f > Decimal::ZERO && *f <= Decimal::TEN)
            .ok_or_else(|| bad("not a factor"))?;
        let rest: Vec<&str> = parts.collect();
        let (from, to) = match rest[..] {
            [] => (None, None),
            [a, b] => {
                let day = |t: &str| {
                    t.parse::<CalendarDate>()
                        .map_err(|_| bad("not a YYYY-MM-DD day"))
                };
                let (a, b) = (day(a)?, day(b)?);
                if a > b {
                    return Err(bad("the first day is after the last"));
                }
                (Some(a), Some(b))
            }
            _ => return Err(bad("one factor, or a factor and two days")),
        };
        Ok(Self {
            factor: factor.normalize(),
            from,
            to,
        })
    }

    /// The link's value.
    pub fn text(&self) -> String {
        match (self.from, self.to) {
            (Some(a), Some(b)) => format!("{},{a},{b}", self.factor.normalize()),
            _ => self.factor.normalize().to_string(),
        }
    }

    /// "calibrated to the bill of 2026-11-01 to 2026-11-30: ×1.031".
    pub fn words(&self) -> String {
        let period = match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => format!(" of {a}"),
            (Some(a), Some(b)) => format!(" of {a} to {b}"),
            _ => String::new(),
        };
        format!(
            "calibrated to the bill{period}: ×{}",
            self.factor.normalize()
        )
    }
}
