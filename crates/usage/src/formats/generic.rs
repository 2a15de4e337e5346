//! llm-roi's own columns (`docs/usage-logs.md`, "The generic format"): CSV
//! or JSON Lines with `model`, `input_tokens`, `output_tokens` and optional
//! cache, request-count, time and batch fields.

use super::{Problem, UsageFormat};
use crate::fields::{flat_row, Columns};
use llm_roi_core::scenario::usage::UsageRow;
use serde_json::Value;

pub const NAME: &str = "llm-roi generic";

pub struct Generic;

impl UsageFormat for Generic {
    fn name(&self) -> &'static str {
        NAME
    }

    fn csv_columns(&self, header: &[String]) -> Option<Columns> {
        let at = |name: &str| header.iter().position(|n| n == name);
        Some(Columns {
            model: at("model")?,
            input: at("input_tokens")?,
            output: at("output_tokens")?,
            input_name: "input_tokens",
            output_name: "output_tokens",
            cache_read: at("cache_read_tokens"),
            cache_write: at("cache_write_tokens"),
            cache_ttl: at("cache_ttl"),
            requests: at("requests"),
            timestamp: at("timestamp"),
            batch: at("batch"),
            reasoning: at("reasoning_tokens"),
            billed: at("billed_usd").map(|i| (i, "billed_usd")),
            web_searches: at("web_searches"),
        })
    }

    /// Any record no format before it took.
    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        Some(flat_row(record))
    }
}
