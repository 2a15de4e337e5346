//! Anthropic's Messages Usage Report (`/v1/organizations/usage_report/messages`):
//! buckets of results with `uncached_input_tokens`, `cache_read_input_tokens`,
//! `cache_creation.ephemeral_5m_input_tokens` and `…_1h_…`, `output_tokens`,
//! `context_window` and `service_tier`; requests are not counted.

use super::{CountedRow, Problem, UsageFormat};
use crate::fields::{input_with_cache, report_count, report_model, service_tier, ReportResult};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::usage::UsageRow;

pub struct AnthropicUsage;

impl UsageFormat for AnthropicUsage {
    fn name(&self) -> &'static str {
        "Anthropic usage report (messages)"
    }

    fn report_row(
        &self,
        r: &ReportResult,
        day: Option<CalendarDate>,
    ) -> Option<Result<Option<CountedRow>, Problem>> {
        let uncached = r.uncached_input_tokens?;
        Some(row(r, uncached, day).map(|row| Some((row, false))))
    }
}

fn row(r: &ReportResult, uncached: u64, day: Option<CalendarDate>) -> Result<UsageRow, Problem> {
    let tier = service_tier(r.service_tier.as_deref())?;
    let model = report_model(r)?;
    let cc = r.cache_creation.as_ref();
    let (read, w5, w1) = (
        r.cache_read_input_tokens.unwrap_or(0),
        cc.and_then(|c| c.ephemeral_5m_input_tokens).unwrap_or(0),
        cc.and_then(|c| c.ephemeral_1h_input_tokens).unwrap_or(0),
    );
    let input = input_with_cache(uncached, [read, w5, w1], "uncached_input_tokens")?;
    // The report's context window tells the long-context band.
    let request_input = match r.context_window.as_deref() {
        Some("200k-1M") => 200_001,
        _ => input.min(200_000),
    };
    Ok(UsageRow {
        model,
        requests: 1,
        input_tokens: input,
        cache_read_tokens: read,
        cache_write_5m_tokens: w5,
        cache_write_1h_tokens: w1,
        output_tokens: report_count(r.output_tokens, "output_tokens")?,
        reasoning_tokens: 0,
        request_input_tokens: request_input,
        batch: r.service_tier.as_deref() == Some("batch"),
        day,
        minute_utc: None,
        service_tier: tier,
        via: None,
        billed_usd: None,
        web_searches: 0,
    })
}
