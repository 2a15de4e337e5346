//! What a log holds per model as read, priced or not: rows, requests and
//! tokens of each kind, so that a user can hold the totals against the
//! vendor's dashboard, and see what share of the log was not priced
//! (worded by `view::unpriced`).

use crate::scenario::usage::UsageRow;
use serde::{Deserialize, Serialize};
/// The name the rows of unknown models past the kept ones are tallied under.
pub const OTHER_UNKNOWN: &str = "(other models not in the pricebook)";

/// One model's totals in a log, as the log names the model.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ModelTally {
    pub model: String,
    /// In the pricebook (its rows are in the workload).
    pub priced: bool,
    /// The model the user mapped this name to (`map=`, `--model-map`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapped_to: Option<String>,
    pub rows: u64,
    pub requests: u64,
    pub input_tokens: u64,
    pub cache_read_tokens: u64,
    pub cache_write_5m_tokens: u64,
    pub cache_write_1h_tokens: u64,
    pub output_tokens: u64,
    /// The part of the output spent reasoning.
    pub reasoning_tokens: u64,
}

impl ModelTally {
    pub fn new(model: &str, priced: bool) -> Self {
        Self {
            model: model.to_string(),
            priced,
            ..Self::default()
        }
    }

    /// Adds a row (saturating: these are totals to read; the workload's
    /// own sums are checked).
    pub fn add(&mut self, row: &UsageRow) {
        self.rows = self.rows.saturating_add(1);
        self.requests = self.requests.saturating_add(row.requests);
        self.input_tokens = self.input_tokens.saturating_add(row.input_tokens);
        self.cache_read_tokens = self.cache_read_tokens.saturating_add(row.cache_read_tokens);
        self.cache_write_5m_tokens = self
            .cache_write_5m_tokens
            .saturating_add(row.cache_write_5m_tokens);
        self.cache_write_1h_tokens = self
            .cache_write_1h_tokens
            .saturating_add(row.cache_write_1h_tokens);
        self.output_tokens = self.output_tokens.saturating_add(row.output_tokens);
        self.reasoning_tokens = self.reasoning_tokens.saturating_add(row.reasoning_tokens);
    }

    /// Input and output tokens.
    pub fn tokens(&self) -> u64 {
        self.input_tokens.saturating_add(self.output_tokens)
    }
}
