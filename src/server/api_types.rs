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

use llm_roi_core::cost::estimate::{Dearer, Estimate, FxUsed, OptionEstimate};
use llm_roi_core::forecast::Forecast;
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::money::DisplayCurrency;
use llm_roi_core::pricebook::ModelRef;
use llm_roi_core::scenario::workload::tally::ModelTally;
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
    /// Without `cmp`: the default options left out because they cost as
    /// much as the baseline or more, with what each costs more a month.
    #[serde(skip_serializing_if = "<[Dearer]>::is_empty")]
    pub dearer: &'a [Dearer],
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
            dearer: &e.dearer,
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
    /// `standard`, `flex` or `priority` (non-batch requests).
    pub service_tier: &'static str,
    /// The relay the requests went through (a provider id), when the log
    /// was kept by one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The tier band, e.g. "input ≤ 200000".
    pub band: String,
    pub requests: u64,
    pub input_tokens: u64,
    pub cache_read_tokens: u64,
    pub cache_write_5m_tokens: u64,
    pub cache_write_1h_tokens: u64,
    pub output_tokens: u64,
    /// The part of `output_tokens` spent reasoning.
    pub reasoning_tokens: u64,
    /// Web searches the vendor's search tool ran (billed per 1,000).
    pub web_searches: u64,
    pub largest_input_tokens: u64,
}

/// A bad row, by line and field.
#[derive(Debug, Serialize)]
pub struct BadRowOut {
    /// The file of a multipart upload (left out for one file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
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
    /// Each model's totals as read, priced or not, by the log's name, to
    /// hold against the vendor's dashboard.
    pub models: Vec<ModelTally>,
    /// The part of the output spent reasoning, over the whole log.
    pub reasoning_tokens: u64,
    /// "N % of requests not priced: …" when some rows' models are not in
    /// the pricebook (they are left out of the classes and the links).
    pub not_priced: Option<String>,
    /// The `mix=` value.
    pub mix: String,
    /// The calculator on this workload.
    pub link: String,
    /// The report link (with the pricebook's fingerprint).
    pub report: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use llm_roi_core::report::Evaluation;
    use llm_roi_core::scenario::codec::split_query;

    /// The answer keeps every field the estimate had when the answer was
    /// the estimate flattened, with the same values; a field the domain
    /// gains is a decision to make here, not a silent change of the API.
    #[test]
    fn the_estimate_answer_holds_every_field_of_the_estimate() {
        let dir = std::path::Path::new("tests/fixtures/pricebook-2026-11-24");
        let book = llm_roi_prices::pricing_dir::load_dir(dir).unwrap();
        let day = CalendarDate::new(2026, 11, 24).unwrap();
        let ev = Evaluation::of_link(&book, &split_query("in=0&cur=CNY&fb=2"), &[], day);
        let f = ev.forecast.as_ref().unwrap();
        let answer =
            serde_json::to_value(EstimateAnswer::new("fp", "q".into(), &ev.estimate, f)).unwrap();
        let estimate = serde_json::to_value(&ev.estimate).unwrap();
        for (key, value) in estimate.as_object().unwrap() {
            assert_eq!(answer.get(key), Some(value), "{key}");
        }
        let mut keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "baseline",
                "currency",
                "dearer",
                "errors",
                "forecast",
                "fx",
                "options",
                "pricebook_fingerprint",
                "query",
                "scenario",
                "today"
            ]
        );
    }
}
