//! The JSON answers of `/api/v1/*`, as types of their own: what other tools
//! read. A domain type changing its fields does not change an answer unless
//! it is listed here, and golden files (`tests/golden/*.json`, checked by
//! the app's `golden` tests) keep the answers stable.
//!
//! - `GET /api/v1/estimate`: [`EstimateAnswer`], or [`BadQuery`] (400);
//! - `GET /api/v1/pricebook`: `server_fns::pricebook::PricebookPayload`, which
//!   the calculator island receives as its props too;
//! - `POST /api/v1/workloads`: [`WorkloadOut`];
//! - `GET /api/v1/probe/history`: `llm_roi_core::probe::history_page::HistoryPage`,
//!   which the `/probe` page renders too.

use llm_roi_core::cost::estimate::{Estimate, FxUsed, OptionEstimate};
use llm_roi_core::forecast::Forecast;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::pricebook::ModelRef;
use llm_roi_core::scenario::{FieldError, Scenario};
use serde::Serialize;

/// A successful estimate: the scenario, every option's exact costs, the
/// exchange rates used and the forecast.
#[derive(Debug, Serialize)]
pub struct EstimateAnswer<'a> {
    pub pricebook_fingerprint: &'a str,
    /// The scenario's canonical query.
    pub query: String,
    pub scenario: &'a Scenario,
    pub currency: DisplayCurrency,
    pub baseline: &'a ModelRef,
    /// Baseline first, then cheapest first.
    pub options: &'a [OptionEstimate],
    pub fx: &'a [FxUsed],
    /// Always empty in a 200 answer (a field that cannot be used is a 400).
    pub errors: &'a [FieldError],
    /// The day the estimate was read on, for model retirements.
    pub today: Option<CalendarDate>,
    /// Month-by-month projection, migration ROI and rollout.
    pub forecast: &'a Forecast,
}

impl<'a> EstimateAnswer<'a> {
    /// The answer for an estimate and its forecast.
    pub fn new(fingerprint: &'a str, query: String, e: &'a Estimate, f: &'a Forecast) -> Self {
        Self {
            pricebook_fingerprint: fingerprint,
            query,
            scenario: &e.scenario,
            currency: e.currency,
            baseline: &e.baseline,
            options: &e.options,
            fx: &e.fx,
            errors: &e.errors,
            today: e.today,
            forecast: f,
        }
    }
}

/// A 400 answer: every field that could not be used.
#[derive(Debug, Serialize)]
pub struct BadQuery {
    pub error: &'static str,
    pub errors: Vec<FieldError>,
}

/// One class, as the answer lists it.
#[derive(Debug, Serialize)]
pub struct ClassOut {
    pub model: String,
    pub batch: bool,
    /// The tier band, e.g. "input ≤ 200000".
    pub band: String,
    pub requests: u64,
    pub input_tokens: u64,
    pub cache_read_tokens: u64,
    pub cache_write_5m_tokens: u64,
    pub cache_write_1h_tokens: u64,
    pub output_tokens: u64,
    pub largest_input_tokens: u64,
}

/// A bad row, by line and field.
#[derive(Debug, Serialize)]
pub struct BadRowOut {
    pub line: u64,
    pub field: String,
    pub message: String,
}

/// The answer: what was read, the classes and the links.
#[derive(Debug, Serialize)]
pub struct WorkloadOut {
    pub format: &'static str,
    pub rows: u64,
    /// The first bad rows (at most 20); `more_bad_rows` counts the rest.
    pub bad_rows: Vec<BadRowOut>,
    pub more_bad_rows: u64,
    /// Rows that gave no request count and were counted as one request.
    pub rows_without_request_count: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// The days the log spans (1 when it names none).
    pub days: u64,
    pub classes: Vec<ClassOut>,
    /// The `mix=` value.
    pub mix: String,
    /// The calculator on this workload.
    pub link: String,
    /// The report link (with the pricebook's fingerprint).
    pub report: String,
}
