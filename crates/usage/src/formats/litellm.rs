//! LiteLLM's spend logs (`LiteLLM_SpendLogs`: `request_id`, `prompt_tokens`,
//! `completion_tokens`, `startTime`, `model`), as CSV or JSON Lines: told
//! from the generic format by `prompt_tokens` without `input_tokens`.

use super::{Problem, UsageFormat};
use crate::fields::{flat_row, Columns};
use llm_roi_core::scenario::usage::UsageRow;
use serde_json::Value;

pub struct LiteLlm;

impl UsageFormat for LiteLlm {
    fn name(&self) -> &'static str {
        "LiteLLM spend logs"
    }

    fn csv_columns(&self, header: &[String]) -> Option<Columns> {
        let at = |name: &str| header.iter().position(|n| n == name);
        // As in JSON: LiteLLM's names, and not the generic ones.
        at("request_id").or(at("starttime"))?;
        if at("input_tokens").is_some() {
            return None;
        }
        Some(Columns {
            model: at("model")?,
            input: at("prompt_tokens")?,
            output: at("completion_tokens")?,
            input_name: "prompt_tokens",
            output_name: "completion_tokens",
            // Present in LiteLLM's daily spend tables and newer exports.
            cache_read: at("cache_read_input_tokens"),
            cache_write: at("cache_creation_input_tokens"),
            cache_ttl: None,
            requests: None,
            timestamp: at("starttime"),
            batch: None,
            reasoning: None,
            billed: at("spend").map(|i| (i, "spend")),
            web_searches: None,
        })
    }

    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        let litellm = record.get("prompt_tokens").is_some() && record.get("input_tokens").is_none();
        litellm.then(|| flat_row(record))
    }
}
