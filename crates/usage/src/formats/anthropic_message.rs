//! Raw Anthropic Messages API responses, one per line (what a team logs from
//! `POST /v1/messages`), and the lines of a Message Batch's results file.
//!
//! - A response is `{"type": "message", "model", "usage": {…}}`. In `usage`,
//!   `input_tokens` counts only the input neither read from nor written to
//!   the cache; `cache_read_input_tokens` and `cache_creation_input_tokens`
//!   come on top, the writes split by TTL in `cache_creation`
//!   (`ephemeral_5m_input_tokens`, `ephemeral_1h_input_tokens`).
//!   Source: <https://platform.claude.com/docs/en/api/messages> (the Message
//!   object's `usage`).
//! - A batch results line is `{"custom_id", "result": {"type": "succeeded",
//!   "message": {…}}}`, priced as batch; `errored`, `canceled` and `expired`
//!   results are not billed, and are reported as bad rows.
//!   Source: <https://platform.claude.com/docs/en/api/retrieving-message-batch-results>.

use super::{Problem, UsageFormat};
use crate::fields::{
    input_with_cache, required_text, required_u64, row_problem, service_tier, u64_field,
};
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use serde_json::Value;

pub struct AnthropicMessage;

impl UsageFormat for AnthropicMessage {
    fn name(&self) -> &'static str {
        "Anthropic Messages responses"
    }

    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        if record.get("type").and_then(Value::as_str) == Some("message") {
            return Some(message_row(record, false));
        }
        let result = record
            .get("result")
            .filter(|_| record.get("custom_id").is_some())?;
        Some(match result.get("type").and_then(Value::as_str) {
            Some("succeeded") => match result.get("message") {
                Some(m) => message_row(m, true),
                None => Err((
                    "result.message".into(),
                    "missing from a succeeded result".into(),
                )),
            },
            Some(t @ ("errored" | "canceled" | "expired")) => Err((
                "result.type".into(),
                format!("`{t}`: the request was not processed, so it is not billed"),
            )),
            other => Err((
                "result.type".into(),
                format!("{other:?}: expected succeeded, errored, canceled or expired"),
            )),
        })
    }
}

/// A Message object as a row (`batch` for a batch result).
pub fn message_row(m: &Value, batch: bool) -> Result<UsageRow, Problem> {
    let model = required_text(m, "model", "message")?;
    let usage = m.get("usage").ok_or_else(|| {
        (
            "usage".to_string(),
            "missing: the message has no token counts".to_string(),
        )
    })?;
    let fresh = required_u64(usage, &["input_tokens"])?;
    let output = required_u64(usage, &["output_tokens"])?;
    let (read, _) = u64_field(usage, &["cache_read_input_tokens"])?;
    let (written, _) = u64_field(usage, &["cache_creation_input_tokens"])?;
    let (w5, w1) = match usage.get("cache_creation").filter(|c| c.is_object()) {
        Some(c) => (
            u64_field(c, &["ephemeral_5m_input_tokens"])?.0,
            u64_field(c, &["ephemeral_1h_input_tokens"])?.0,
        ),
        // Before the split by TTL, every write was a 5-minute one.
        None => (written, 0),
    };
    let input = input_with_cache(fresh, [read, w5, w1], "input_tokens")?;
    let tier = usage.get("service_tier").and_then(Value::as_str);
    let service_tier = service_tier(tier)?;
    let tier_batch = tier == Some("batch");
    let t = RequestTokens {
        input,
        cache_read: read,
        cache_write_5m: w5,
        cache_write_1h: w1,
        output,
        reasoning: 0,
    };
    let mut row = UsageRow::identical(model, 1, t, batch || tier_batch).map_err(row_problem)?;
    row.service_tier = service_tier;
    // Server tools: `server_tool_use.web_search_requests`, billed per 1,000.
    if let Some(tools) = usage.get("server_tool_use").filter(|t| t.is_object()) {
        row.web_searches = u64_field(tools, &["web_search_requests"])?.0;
    }
    Ok(row)
}
