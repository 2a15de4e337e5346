//! Layer 1: money and dates. Exact decimals, currencies, calendar days and
//! the period lengths every figure is defined on. Imports nothing of ours.

pub mod currency;
pub mod date;
pub mod periods;

pub use currency::{DisplayCurrency, MTOK, Overflow, add, currency_prefix, mul, pct_to_fraction};
pub use date::CalendarDate;
pub use periods::{DAYS_PER_MONTH, DAYS_PER_YEAR, MONTHS_PER_YEAR};
