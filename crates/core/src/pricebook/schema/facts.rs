//! `[facts]`, as read before validation: every fact is an inline table
//! `{ value = …, source = "…", checked = YYYY-MM-DD, note = "…" }`, and
//! every table refuses unknown keys.

use crate::pricebook::facts::{Attestation, PaymentMethod, Training, Zdr};
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// One fact as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact<T> {
    pub value: Spanned<T>,
    pub source: Spanned<String>,
    pub checked: Spanned<Datetime>,
    pub note: Option<String>,
}

/// `[facts]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacts {
    pub payment: Option<RawFact<Vec<PaymentMethod>>>,
    pub billing_currency: Option<RawFact<Vec<String>>>,
    pub compliance: Option<RawFact<Vec<Attestation>>>,
    pub retention_days: Option<RawFact<u32>>,
    pub zdr: Option<RawFact<Zdr>>,
    pub training: Option<RawFact<Training>>,
    pub regions: Option<RawFact<Vec<String>>>,
    /// A percentage (e.g. 99.9) or "none".
    pub sla: Option<RawFact<toml::Value>>,
    pub streaming: Option<RawFact<bool>>,
    pub tool_use: Option<RawFact<bool>>,
    pub batch: Option<RawFact<bool>>,
    pub routes_to: Option<RawFact<String>>,
}
