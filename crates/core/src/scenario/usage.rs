//! A usage log's rows as llm-roi reads them, whatever the export format:
//! one request, or a group of requests, with the tokens of each kind.
//!
//! Usage:
//!
//! ```
//! use llm_roi_core::scenario::usage::{RequestTokens, UsageRow};
//!
//! // 3 identical requests of 1,000 input tokens (200 read from the cache).
//! let per_request = RequestTokens { input: 1_000, cache_read: 200, output: 50, ..Default::default() };
//! let row = UsageRow::identical("claude-haiku-4-5", 3, per_request, false).unwrap();
//! assert_eq!(row.input_tokens, 3_000);
//! assert_eq!(row.fresh_input_tokens(), 2_400);
//! ```

use crate::money::date::CalendarDate;
use crate::pricebook::ServiceTier;
use rust_decimal::Decimal;

/// The tokens of one request. `input` counts all input, cached included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestTokens {
    pub input: u64,
    pub cache_read: u64,
    pub cache_write_5m: u64,
    pub cache_write_1h: u64,
    pub output: u64,
    /// The part of `output` the model spent reasoning (billed as output).
    pub reasoning: u64,
}

/// What is wrong with a row, named by its field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    #[error("requests: must be at least 1")]
    NoRequests,
    #[error(
        "cache_read_tokens + cache_write_tokens ({cached}) exceed input_tokens ({input}): input_tokens counts all input, cached included"
    )]
    CacheExceedsInput { cached: u64, input: u64 },
    #[error(
        "reasoning_tokens ({reasoning}) exceed output_tokens ({output}): reasoning is part of the output, counted once"
    )]
    ReasoningExceedsOutput { reasoning: u64, output: u64 },
    #[error(
        "{field}: {value} × {requests} requests is more tokens than can be counted (over 2^64)"
    )]
    TooLarge {
        field: &'static str,
        value: u64,
        requests: u64,
    },
}

/// One row of a usage log: `requests` requests of `model`, with their
/// token totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRow {
    /// The model as the log names it: an id or an alias in the pricebook.
    pub model: String,
    pub requests: u64,
    /// All input tokens of the row's requests, cached included.
    pub input_tokens: u64,
    pub cache_read_tokens: u64,
    pub cache_write_5m_tokens: u64,
    pub cache_write_1h_tokens: u64,
    pub output_tokens: u64,
    /// The part of `output_tokens` spent reasoning, when the log says.
    pub reasoning_tokens: u64,
    /// One request's input, which picks the long-context tier: exact for a
    /// row of identical requests; for an export that sums many requests,
    /// their mean (the export cannot say more).
    pub request_input_tokens: u64,
    /// Sent through a batch API.
    pub batch: bool,
    /// The service tier the requests were sent at (not batch).
    pub service_tier: ServiceTier,
    /// The relay the requests went through (a provider id of the
    /// pricebook), when the log was kept by one: `model` is then the
    /// relay's model id.
    pub via: Option<String>,
    /// The day the requests were made (UTC), when the log says.
    pub day: Option<CalendarDate>,
    /// The minute of the UTC day they were made, when the log gives a time.
    pub minute_utc: Option<u16>,
    /// What the row's requests were billed, in USD, when the log says
    /// (LiteLLM's `spend`, OpenRouter's `total_cost`, a `billed_usd` column).
    pub billed_usd: Option<Decimal>,
    /// Web searches the vendor's server-side search tool ran for the row's
    /// requests (all of them), when the log says.
    pub web_searches: u64,
}

impl UsageRow {
    /// `requests` identical requests of `per_request` tokens.
    pub fn identical(
        model: &str,
        requests: u64,
        per_request: RequestTokens,
        batch: bool,
    ) -> Result<Self, UsageError> {
        if requests == 0 {
            return Err(UsageError::NoRequests);
        }
        let t = per_request;
        let times = |field: &'static str, value: u64| {
            value.checked_mul(requests).ok_or(UsageError::TooLarge {
                field,
                value,
                requests,
            })
        };
        let row = Self {
            model: model.to_string(),
            requests,
            input_tokens: times("input_tokens", t.input)?,
            cache_read_tokens: times("cache_read_tokens", t.cache_read)?,
            cache_write_5m_tokens: times("cache_write_tokens", t.cache_write_5m)?,
            cache_write_1h_tokens: times("cache_write_tokens", t.cache_write_1h)?,
            output_tokens: times("output_tokens", t.output)?,
            reasoning_tokens: times("reasoning_tokens", t.reasoning)?,
            request_input_tokens: t.input,
            batch,
            service_tier: ServiceTier::Standard,
            via: None,
            day: None,
            minute_utc: None,
            billed_usd: None,
            web_searches: 0,
        };
        row.check()?;
        Ok(row)
    }

    /// Cached input may not exceed all input, nor reasoning the output.
    pub fn check(&self) -> Result<(), UsageError> {
        if self.requests == 0 {
            return Err(UsageError::NoRequests);
        }
        if self.reasoning_tokens > self.output_tokens {
            return Err(UsageError::ReasoningExceedsOutput {
                reasoning: self.reasoning_tokens,
                output: self.output_tokens,
            });
        }
        let cached = self
            .cache_read_tokens
            .checked_add(self.cache_write_5m_tokens)
            .and_then(|c| c.checked_add(self.cache_write_1h_tokens));
        match cached {
            Some(c) if c <= self.input_tokens => Ok(()),
            _ => Err(UsageError::CacheExceedsInput {
                cached: self
                    .cache_read_tokens
                    .saturating_add(self.cache_write_5m_tokens)
                    .saturating_add(self.cache_write_1h_tokens),
                input: self.input_tokens,
            }),
        }
    }

    /// Input tokens neither read from nor written to the cache (0 for a row
    /// that fails [`UsageRow::check`]).
    pub fn fresh_input_tokens(&self) -> u64 {
        self.input_tokens
            .saturating_sub(self.cache_read_tokens)
            .saturating_sub(self.cache_write_5m_tokens)
            .saturating_sub(self.cache_write_1h_tokens)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_multiplies_its_requests_and_checks_its_cache() {
        let t = RequestTokens {
            input: 300_000,
            cache_read: 100_000,
            cache_write_1h: 50_000,
            output: 2_000,
            ..Default::default()
        };
        let row = UsageRow::identical("claude-sonnet-4-5", 4, t, true).unwrap();
        assert_eq!(row.request_input_tokens, 300_000);
        assert_eq!(row.input_tokens, 1_200_000);
        assert_eq!(row.fresh_input_tokens(), 600_000);
        assert_eq!(
            UsageRow::identical("m", 0, t, false),
            Err(UsageError::NoRequests)
        );
        let over = RequestTokens {
            input: 10,
            cache_read: 11,
            ..Default::default()
        };
        let e = UsageRow::identical("m", 1, over, false).unwrap_err();
        assert_eq!(
            e,
            UsageError::CacheExceedsInput {
                cached: 11,
                input: 10
            }
        );
        assert!(
            e.to_string().starts_with(
                "cache_read_tokens + cache_write_tokens (11) exceed input_tokens (10)"
            )
        );
        let huge = RequestTokens {
            input: u64::MAX / 2,
            ..Default::default()
        };
        assert!(matches!(
            UsageRow::identical("m", 3, huge, false),
            Err(UsageError::TooLarge {
                field: "input_tokens",
                ..
            })
        ));
    }
}
