//! Raw Gemini API responses (`generateContent`), one per line: `modelVersion`
//! and `usageMetadata` with `promptTokenCount` (all input, the cached content
//! included), `cachedContentTokenCount`, `candidatesTokenCount` and
//! `thoughtsTokenCount`. Thinking is billed as output, so the output is the
//! candidates' tokens plus the thoughts'.
//! Source: <https://ai.google.dev/api/generate-content#UsageMetadata>.

use super::{Problem, UsageFormat};
use crate::fields::{required_text, required_u64, row_problem, u64_field};
use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
use serde_json::Value;

pub struct Gemini;

impl UsageFormat for Gemini {
    fn name(&self) -> &'static str {
        "Gemini API responses"
    }

    fn json_row(&self, record: &Value) -> Option<Result<UsageRow, Problem>> {
        let usage = record.get("usageMetadata")?;
        Some(row(record, usage))
    }
}

fn row(record: &Value, usage: &Value) -> Result<UsageRow, Problem> {
    let model = required_text(record, "modelVersion", "response")?;
    let input = required_u64(usage, &["promptTokenCount"])?;
    let candidates = required_u64(usage, &["candidatesTokenCount"])?;
    let (thoughts, _) = u64_field(usage, &["thoughtsTokenCount"])?;
    let (cached, _) = u64_field(usage, &["cachedContentTokenCount"])?;
    let output = candidates.checked_add(thoughts).ok_or_else(|| {
        (
            "candidatesTokenCount".to_string(),
            "the output adds up to over 2^64 tokens".to_string(),
        )
    })?;
    let t = RequestTokens {
        input,
        cache_read: cached,
        output,
        reasoning: thoughts,
        ..RequestTokens::default()
    };
    UsageRow::identical(model, 1, t, false).map_err(row_problem)
}
