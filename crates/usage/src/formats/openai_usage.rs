//! OpenAI's Usage API, completions (`/v1/organization/usage/completions`):
//! buckets of results with `input_tokens`, `input_cached_tokens`,
//! `input_cache_write_tokens` (prompt-cache writes, reported since mid-2026),
//! `output_tokens`, `num_model_requests`, `model` and `batch`. A result
//! without `input_tokens` or `output_tokens` is a bad row, not a free one.

use super::{CountedRow, Problem, UsageFormat};
use crate::fields::{report_count, report_model, service_tier, ReportResult};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::usage::UsageRow;

pub struct OpenAiUsage;

impl UsageFormat for OpenAiUsage {
    fn name(&self) -> &'static str {
        "OpenAI usage (completions)"
    }

    /// Any result Anthropic's format did not take.
    fn report_row(
        &self,
        r: &ReportResult,
        day: Option<CalendarDate>,
    ) -> Option<Result<Option<CountedRow>, Problem>> {
        Some(row(r, day))
    }
}

fn row(r: &ReportResult, day: Option<CalendarDate>) -> Result<Option<CountedRow>, Problem> {
    let model = report_model(r)?;
    let tier = service_tier(r.service_tier.as_deref())?;
    let requests = r.num_model_requests.unwrap_or(0);
    if requests == 0 {
        return Ok(None);
    }
    let input = report_count(r.input_tokens, "input_tokens")?;
    let output = report_count(r.output_tokens, "output_tokens")?;
    let row = UsageRow {
        model,
        requests,
        input_tokens: input,
        cache_read_tokens: r.input_cached_tokens.unwrap_or(0),
        cache_write_5m_tokens: r.input_cache_write_tokens.unwrap_or(0),
        cache_write_1h_tokens: 0,
        output_tokens: output,
        reasoning_tokens: 0,
        // The export sums requests: their mean picks the tier.
        request_input_tokens: input / requests,
        batch: r.batch.unwrap_or(false),
        day,
        minute_utc: None,
        service_tier: tier,
        via: None,
        billed_usd: None,
        web_searches: 0,
    };
    Ok(Some((row, true)))
}
