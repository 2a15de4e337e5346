//! A workload mix: an imported usage log's request classes and the days the
//! log spans, which is what a scenario holds instead of one model's averages
//! (`mix=` in a link; see [`crate::domain::scenario::codec::mix_text`]).
//!
//! Usage:
//!
//! ```ignore
//! let mix = Mix { days: 7, workload };
//! let rpd = mix.requests_per_day(); // the log's requests over its 7 days
//! ```

use crate::domain::scenario::workload::Workload;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The longest span a mix may cover, in days (ten years).
pub const MAX_MIX_DAYS: u64 = 3_660;

/// A log's request classes over the days it spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mix {
    /// The days from the log's first request to its last, both counted
    /// (1 for a log without dates).
    pub days: u64,
    pub workload: Workload,
}

impl Mix {
    /// Requests a day: the log's requests over its days (exact to
    /// `Decimal`'s 28 digits).
    pub fn requests_per_day(&self) -> Decimal {
        let days = Decimal::from(self.days.max(1));
        Decimal::from(self.workload.requests()) / days
    }
}
