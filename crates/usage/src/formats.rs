//! The usage-log formats, each one type implementing [`UsageFormat`] and
//! listed once in [`FORMATS`]. The readers (`csv_rows`, `json_rows`) ask
//! the formats in order; the first that recognises a header, a record or a
//! report result reads it. A new format is one file here and one entry in
//! [`FORMATS`]; `docs/usage-logs.md` describes it with its source (the
//! app's tests, `tests/app/usage_logs.rs`, hold the docs to the list).
//!
//! Usage:
//!
//! ```ignore
//! use llm_roi_usage::formats::FORMATS;
//! let names: Vec<&str> = FORMATS.iter().map(|f| f.name()).collect();
//! assert_eq!(names[0], "Anthropic usage report (messages)");
//! ```

mod anthropic_message;
pub(crate) use anthropic_message::message_row;
mod anthropic_usage;
mod gemini;
mod generic;
mod litellm;
mod openai_response;
mod openai_usage;
mod openrouter;

pub use crate::fields::Problem;
use crate::fields::{Columns, ReportResult};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::usage::UsageRow;
use serde_json::Value;

/// A row, and whether the export counted its requests (else each row is one).
pub type CountedRow = (UsageRow, bool);

/// One usage-log format: how it is recognised, and how what it holds
/// becomes rows. Each method answers `None` for what is not this format's.
pub trait UsageFormat: Sync {
    /// Its name in answers and in the CLI's output.
    fn name(&self) -> &'static str;

    /// CSV: where this format's fields are, when `header` (lower-cased,
    /// trimmed column names) is its header.
    fn csv_columns(&self, _header: &[String]) -> Option<Columns> {
        None
    }

    /// JSON: a flat record (one line of JSON Lines) of this format, as a row.
    fn json_row(&self, _record: &Value) -> Option<Result<UsageRow, Problem>> {
        None
    }

    /// JSON: a result of a usage report's bucket (`{"data": [{"results":
    /// [...]}]}`) of this format, as a row; `Ok(None)` for a result without
    /// requests.
    fn report_row(
        &self,
        _result: &ReportResult,
        _day: Option<CalendarDate>,
    ) -> Option<Result<Option<CountedRow>, Problem>> {
        None
    }
}

/// Every format, in the order they are asked: Anthropic's report results
/// (told by `uncached_input_tokens`) before OpenAI's (any other result);
/// raw API responses, batch result lines and OpenRouter's records (told by
/// their shape) before LiteLLM's records (any with `prompt_tokens`), and
/// those before the generic ones (any other record).
pub static FORMATS: [&dyn UsageFormat; 9] = [
    &anthropic_usage::AnthropicUsage,
    &openai_usage::OpenAiUsage,
    &anthropic_message::AnthropicMessage,
    &openai_response::OpenAiResponse,
    &gemini::Gemini,
    &openrouter::Generation,
    &openrouter::Activity,
    &litellm::LiteLlm,
    &generic::Generic,
];

/// The formats' names, for "accepted" lists.
pub fn names() -> String {
    let names: Vec<&str> = FORMATS.iter().map(|f| f.name()).collect();
    names.join(", ")
}

/// The generic format's name: what an import says before any row is read.
pub const GENERIC: &str = generic::NAME;
