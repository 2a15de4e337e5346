//! OpenRouter's records, priced as sent through OpenRouter (the rows carry
//! `via = "openrouter"`, and `model` is OpenRouter's model slug):
//!
//! - **Generations** (`GET /api/v1/generation?id=…`, `{"data": {…}}`, one
//!   per line or a list): `native_tokens_prompt` (all input, the cached
//!   part included), `native_tokens_cached` (cache reads),
//!   `native_tokens_completion` (all output, reasoning included: OpenRouter
//!   bills reasoning as output), `native_tokens_reasoning`, `created_at`
//!   and `service_tier`. The `native_` counts are what is billed.
//!   Source: <https://openrouter.ai/docs/api/api-reference/generations/get-generation>.
//! - **Activity** (`GET /api/v1/activity`, `{"data": [{…}]}`): one item per
//!   day, model and endpoint, with `requests`, `prompt_tokens`,
//!   `completion_tokens` and `reasoning_tokens`; it gives no cache counts,
//!   so cached input is priced as input. Source:
//!   <https://openrouter.ai/docs/api/api-reference/analytics/get-user-activity>.
//!
//! Neither says how many tokens were written to the cache, so writes are
//! priced as input (OpenRouter's usage accounting does not report them).

use super::{Problem, UsageFormat};
use crate::fields::{
    billed_field, day_of, minute_of, required_text, required_u64, row_problem, service_tier,
    u64_field,
};
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use serde_json::Value;

/// The pricebook's provider id of OpenRouter.
pub const OPENROUTER: &str = "openrouter";

pub struct Generation;

impl UsageFormat for Generation {
    fn name(&self) -> &'static str {
        "OpenRouter generations"
    }

    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        record.get("native_tokens_prompt")?;
        Some(generation(record))
    }
}

fn generation(v: &Value) -> Result<UsageRow, Problem> {
    let model = required_text(v, "model", "generation")?;
    let tier = service_tier(v.get("service_tier").and_then(Value::as_str))?;
    let t = RequestTokens {
        input: required_u64(v, &["native_tokens_prompt"])?,
        cache_read: u64_field(v, &["native_tokens_cached"])?.0,
        output: required_u64(v, &["native_tokens_completion"])?,
        reasoning: u64_field(v, &["native_tokens_reasoning"])?.0,
        ..RequestTokens::default()
    };
    let mut row = UsageRow::identical(model, 1, t, false).map_err(row_problem)?;
    row.service_tier = tier;
    row.via = Some(OPENROUTER.into());
    row.billed_usd = billed_field(v, &["total_cost", "usage"])?;
    if let Some(at) = v.get("created_at").and_then(Value::as_str) {
        row.day = day_of(at);
        row.minute_utc = minute_of(at);
    }
    Ok(row)
}

pub struct Activity;

impl UsageFormat for Activity {
    fn name(&self) -> &'static str {
        "OpenRouter activity"
    }

    /// Told by `model_permaslug` and `endpoint_id`, which only OpenRouter's
    /// activity items carry.
    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        record.get("model_permaslug")?;
        record.get("endpoint_id")?;
        Some(activity(record))
    }
}

fn activity(v: &Value) -> Result<UsageRow, Problem> {
    let model = required_text(v, "model", "activity item")?;
    let requests = required_u64(v, &["requests"])?;
    let input = required_u64(v, &["prompt_tokens"])?;
    let output = required_u64(v, &["completion_tokens"])?;
    let (reasoning, _) = u64_field(v, &["reasoning_tokens"])?;
    if requests == 0 {
        return Err((
            "requests".into(),
            "0: an activity item counts at least one request".into(),
        ));
    }
    // The item sums its requests: their mean picks the long-context tier.
    let mut row =
        UsageRow::identical(model, 1, RequestTokens::default(), false).map_err(row_problem)?;
    row.requests = requests;
    row.input_tokens = input;
    row.output_tokens = output;
    row.reasoning_tokens = reasoning;
    row.request_input_tokens = input / requests;
    row.via = Some(OPENROUTER.into());
    row.billed_usd = billed_field(v, &["usage"])?;
    row.day = v.get("date").and_then(Value::as_str).and_then(day_of);
    row.check().map_err(row_problem)?;
    Ok(row)
}
