//! Raw OpenAI API responses, one per line, and the lines of a Batch output
//! file.
//!
//! - Chat Completions (`"object": "chat.completion"`): `usage.prompt_tokens`
//!   (all input, cached included), `prompt_tokens_details.cached_tokens`,
//!   `completion_tokens` (all output, reasoning included) and
//!   `completion_tokens_details.reasoning_tokens`; `created` is Unix seconds.
//!   Source: <https://platform.openai.com/docs/api-reference/chat/object>.
//! - Responses (`"object": "response"`): `usage.input_tokens`,
//!   `input_tokens_details.cached_tokens`, `output_tokens` and
//!   `output_tokens_details.reasoning_tokens`; `created_at` is Unix seconds.
//!   Source: <https://platform.openai.com/docs/api-reference/responses/object>.
//! - A Batch output line: `{"id", "custom_id", "response": {"status_code",
//!   "request_id", "body": {…}}, "error"}`, the body priced as batch; a line
//!   with an `error` or a status other than 200 is not billed and is reported
//!   as a bad row. Source:
//!   <https://platform.openai.com/docs/api-reference/batch/request-output>.

use super::{Problem, UsageFormat};
use crate::fields::{
    billed_field, required_text, required_u64, row_problem, service_tier, u64_field, unix_time,
};
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use serde_json::Value;

pub struct OpenAiResponse;

impl UsageFormat for OpenAiResponse {
    fn name(&self) -> &'static str {
        "OpenAI API responses"
    }

    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        if is_response(record) {
            return Some(response_row(record, false));
        }
        if record.get("custom_id").is_none() || record.get("result").is_some() {
            return None;
        }
        let response = record.get("response").filter(|r| r.is_object());
        let error = record.get("error").filter(|e| !e.is_null());
        if response.is_none() && error.is_none() {
            return None;
        }
        if let Some(e) = error {
            let what = e
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("an error");
            return Some(Err((
                "error".into(),
                format!("the request failed ({what}), so it is not billed"),
            )));
        }
        let r = response?;
        let status = r.get("status_code").and_then(Value::as_u64);
        if status != Some(200) {
            return Some(Err((
                "response.status_code".into(),
                format!("{status:?}: only a 200 answer is billed"),
            )));
        }
        Some(match r.get("body").filter(|b| is_response(b)) {
            Some(body) => response_row(body, true),
            None => Err((
                "response.body".into(),
                "not a chat.completion or response object".into(),
            )),
        })
    }
}

fn is_response(v: &Value) -> bool {
    matches!(
        v.get("object").and_then(Value::as_str),
        Some("chat.completion" | "response")
    )
}

/// A chat completion or a response as a row (`batch` for a batch line).
fn response_row(v: &Value, batch: bool) -> Result<UsageRow, Problem> {
    let model = required_text(v, "model", "response")?;
    let tier = service_tier(v.get("service_tier").and_then(Value::as_str))?;
    let usage = v.get("usage").filter(|u| u.is_object()).ok_or_else(|| {
        (
            "usage".to_string(),
            "missing: the response has no token counts".to_string(),
        )
    })?;
    let chat = v.get("object").and_then(Value::as_str) == Some("chat.completion");
    let (input_name, output_name, in_details, out_details) = if chat {
        (
            "prompt_tokens",
            "completion_tokens",
            "prompt_tokens_details",
            "completion_tokens_details",
        )
    } else {
        (
            "input_tokens",
            "output_tokens",
            "input_tokens_details",
            "output_tokens_details",
        )
    };
    let input = required_u64(usage, &[input_name])?;
    let output = required_u64(usage, &[output_name])?;
    let detail = |key: &str, field: &'static str| match usage.get(key) {
        Some(d) if d.is_object() => u64_field(d, &[field]).map(|(n, _)| n),
        _ => Ok(0),
    };
    let t = RequestTokens {
        input,
        cache_read: detail(in_details, "cached_tokens")?,
        output,
        reasoning: detail(out_details, "reasoning_tokens")?,
        ..RequestTokens::default()
    };
    let mut row = UsageRow::identical(model, 1, t, batch).map_err(row_problem)?;
    row.service_tier = tier;
    // OpenRouter's usage accounting adds what it charged: `usage.cost`.
    row.billed_usd = billed_field(usage, &["cost"])?;
    // A response's web-search tool calls, each billed (per 1,000).
    row.web_searches = v
        .get("output")
        .and_then(Value::as_array)
        .map_or(0, |items| {
            items
                .iter()
                .filter(|i| i.get("type").and_then(Value::as_str) == Some("web_search_call"))
                .count() as u64
        });
    let created = if chat { "created" } else { "created_at" };
    if let Some(secs) = v.get(created).and_then(Value::as_i64) {
        unix_time(&mut row, secs);
    }
    Ok(row)
}
