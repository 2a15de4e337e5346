//! The calendar the figures are defined on: a month is 30 days, a year 365
//! days for daily costs and 12 months for a projection.

/// Days in a month, as the monthly figures are defined.
pub const DAYS_PER_MONTH: u32 = 30;

/// Days in a year, as the yearly figures are defined.
pub const DAYS_PER_YEAR: u32 = 365;

/// Months in a projection year.
pub const MONTHS_PER_YEAR: u32 = 12;
