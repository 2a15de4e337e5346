//! Causes a cost export states itself (Anthropic's cost report names the
//! service tier, the context window and the cache-write TTL of each
//! amount), added to the lines the re-pricing made.

use super::{Cause, Reconciliation};
use crate::money::date::CalendarDate;
use rust_decimal::Decimal;

/// What an export's amounts say: `usd` of `model`'s bill on `day` was
/// billed as `cause`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    pub day: Option<CalendarDate>,
    /// As in [`super::Line::model`], e.g. `anthropic/claude-sonnet-4-6`.
    pub model: String,
    pub cause: &'static str,
    pub usd: Decimal,
}

impl Reconciliation {
    /// Marks the causes the export confirms; on a line whose difference no
    /// re-pricing explains, a stated cause takes the place of
    /// "unexplained", sized at the whole difference.
    pub fn add_stated(&mut self, stated: &[Stated]) {
        for s in stated {
            let Some(line) = self
                .lines
                .iter_mut()
                .find(|l| l.day == s.day && l.model == s.model)
            else {
                continue;
            };
            let billed = format!(
                "the cost export bills ${} of it as {}",
                s.usd.normalize(),
                s.cause
            );
            if let Some(c) = line.causes.iter_mut().find(|c| c.cause == s.cause) {
                c.detail = format!("{}; {billed}", c.detail);
            } else if line.causes.iter().any(|c| c.cause == "unexplained") {
                line.causes.retain(|c| c.cause != "unexplained");
                line.causes.push(Cause {
                    cause: s.cause,
                    size_usd: line.difference_usd,
                    detail: format!(
                        "{billed}, which the log does not show; re-pricing the logged requests that way does not give the bill, so part of the difference may have another cause"
                    ),
                });
            }
        }
    }
}
