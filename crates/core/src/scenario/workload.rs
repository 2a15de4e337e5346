//! A workload: a usage log reduced to at most [`MAX_CLASSES`] request
//! classes, cut so that every class prices exactly like the requests in it.
//!
//! A long-context tier bills a whole request at the tier its input reaches,
//! so cost is linear in tokens only between two thresholds. Each class
//! therefore holds one source model's requests between two consecutive
//! thresholds of *every* option that serves that model (its vendor's list
//! price and each relay's), and either all batch or all interactive. It keeps
//! token totals, not means, so the class costs exactly what its requests do
//! ([`crate::cost::mix`]).
//!
//! Usage:
//!
//! ```ignore
//! let workload = build(&pricebook, &rows)?;
//! for class in &workload.classes { /* class.source, class.requests, class.tokens */ }
//! ```

use crate::pricebook::variants::{Offpeak, in_windows};
use crate::pricebook::{ModelPrices, ModelRef, Pricebook, ProviderKind};
use crate::scenario::usage::UsageRow;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most classes a workload may have (they must fit in a link).
pub const MAX_CLASSES: usize = 16;

/// Token totals of a class's requests. `input` counts all input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClassTokens {
    pub input: u64,
    pub cache_read: u64,
    pub cache_write_5m: u64,
    pub cache_write_1h: u64,
    pub output: u64,
}

/// Requests of one source model that all bill at the same tier everywhere
/// (the band between two thresholds they lie in is [`band`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestClass {
    /// The official model the requests were made to.
    pub source: ModelRef,
    pub batch: bool,
    /// Sent (not batch) within the off-peak hours of every route that has
    /// them for the model, so priced off-peak there.
    #[serde(default)]
    pub offpeak: bool,
    pub requests: u64,
    pub tokens: ClassTokens,
    /// The largest one-request input in the class: it picks the class's tier.
    pub max_request_input: u64,
}

/// A log as classes, in a stable order (model, batch, band).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Workload {
    pub classes: Vec<RequestClass>,
}

impl Workload {
    /// The classes' source models, once each, in the order they first appear.
    pub fn models(&self) -> Vec<&ModelRef> {
        let mut out: Vec<&ModelRef> = Vec::new();
        for c in &self.classes {
            if !out.contains(&&c.source) {
                out.push(&c.source);
            }
        }
        out
    }

    /// All the classes' requests (saturating: a workload's parts are
    /// checked when it is built or read from a link).
    pub fn requests(&self) -> u64 {
        self.classes
            .iter()
            .fold(0u64, |n, c| n.saturating_add(c.requests))
    }
}

/// Why a log cannot become a workload.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkloadError {
    #[error(
        "model `{model}` ({rows} rows) is not an official model in the pricebook; rename it to a model id or alias listed on /api/v1/pricebook"
    )]
    UnknownModel { model: String, rows: u64 },
    #[error(
        "the log needs {count} classes (model × tier band × batch) and a workload holds at most {max}: split the log by model"
    )]
    TooManyClasses { count: usize, max: usize },
    #[error("the log's {field} add up to more than 2^64 tokens")]
    TooLarge { field: &'static str },
    #[error("the log has no requests")]
    Empty,
}

/// Every long-context threshold of every option that serves `source`:
/// standard, batch, service-tier and off-peak tables, ascending, once each.
pub fn thresholds(book: &Pricebook, source: &ModelRef) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    let mut add = |p: &ModelPrices| {
        let tables = std::iter::once(p.tiers.as_slice())
            .chain(p.batch.iter().map(|t| t.tiers.as_slice()))
            .chain(p.service_tiers.iter().map(|(_, t)| t.tiers.as_slice()))
            .chain(p.offpeak.iter().map(|o| o.prices.tiers.as_slice()));
        out.extend(tables.flatten().map(|t| t.above_input_tokens));
    };
    for provider in &book.providers {
        for model in &provider.models {
            if book.identity(provider, model) != *source {
                continue;
            }
            if let Some(p) = &model.prices {
                add(p);
            }
            if let Some((_, up)) = model.upstream.as_ref().and_then(|u| book.resolve(u))
                && let Some(p) = &up.prices
            {
                add(p);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The off-peak hours of every route serving `source` that has them
/// ([`Offpeak::windows`]), once each.
pub fn offpeak_windows(book: &Pricebook, source: &ModelRef) -> Vec<Hours> {
    let mut out = Vec::new();
    for provider in &book.providers {
        for model in provider
            .models
            .iter()
            .filter(|m| book.identity(provider, m) == *source)
        {
            let own = model.prices.as_ref().and_then(|p| p.offpeak.as_ref());
            if let Some(w) = own.and_then(Offpeak::windows)
                && !out.contains(&w)
            {
                out.push(w);
            }
        }
    }
    out
}

/// The band of one request's input a class lies in, by the thresholds of
/// `book`: above the first value (0: no lower threshold), at or below the
/// second (`None`: no upper threshold).
pub fn band(book: &Pricebook, class: &RequestClass) -> (u64, Option<u64>) {
    let cuts = thresholds(book, &class.source);
    let i = cuts
        .iter()
        .filter(|t| class.max_request_input > **t)
        .count();
    let above = i.checked_sub(1).and_then(|i| cuts.get(i)).copied();
    (above.unwrap_or(0), cuts.get(i).copied())
}

/// The band in words, e.g. "input ≤ 200,000 tokens" or "any input".
pub fn band_text(band: (u64, Option<u64>)) -> String {
    match band {
        (0, Some(t)) => format!("input ≤ {t}"),
        (a, Some(t)) => format!("{a} < input ≤ {t}"),
        (0, None) => "any input".into(),
        (a, None) => format!("input > {a}"),
    }
}

/// The official model a log's model name stands for.
pub fn source_model(book: &Pricebook, name: &str) -> Option<ModelRef> {
    book.providers
        .iter()
        .filter(|p| p.kind == ProviderKind::Official)
        .find_map(|p| {
            p.model(name).map(|m| ModelRef {
                provider: p.id.clone(),
                model: m.id.clone(),
            })
        })
}

type Key = (ModelRef, bool, bool, usize);

/// Off-peak hours: ranges of minutes of the UTC day.
pub type Hours = Vec<(u16, u16)>;

/// A source model, its thresholds and its routes' off-peak hours.
type Source = (ModelRef, Vec<u64>, Vec<Hours>);

fn add_row(class: &mut RequestClass, row: &UsageRow) -> Result<(), WorkloadError> {
    let sum = |a: u64, b: u64, field| a.checked_add(b).ok_or(WorkloadError::TooLarge { field });
    let t = &mut class.tokens;
    class.requests = sum(class.requests, row.requests, "requests")?;
    t.input = sum(t.input, row.input_tokens, "input_tokens")?;
    t.cache_read = sum(t.cache_read, row.cache_read_tokens, "cache_read_tokens")?;
    t.cache_write_5m = sum(
        t.cache_write_5m,
        row.cache_write_5m_tokens,
        "cache_write_tokens",
    )?;
    t.cache_write_1h = sum(
        t.cache_write_1h,
        row.cache_write_1h_tokens,
        "cache_write_tokens",
    )?;
    t.output = sum(t.output, row.output_tokens, "output_tokens")?;
    class.max_request_input = class.max_request_input.max(row.request_input_tokens);
    Ok(())
}

/// Reduces a log to classes row by row, so that a large log is never held
/// whole: [`WorkloadBuilder::add`] each checked row, then
/// [`WorkloadBuilder::finish`].
pub struct WorkloadBuilder<'b> {
    book: &'b Pricebook,
    sources: BTreeMap<String, Option<Source>>,
    unknown: BTreeMap<String, u64>,
    classes: BTreeMap<Key, RequestClass>,
}

impl<'b> WorkloadBuilder<'b> {
    pub fn new(book: &'b Pricebook) -> Self {
        Self {
            book,
            sources: BTreeMap::new(),
            unknown: BTreeMap::new(),
            classes: BTreeMap::new(),
        }
    }

    /// Adds one row to its class.
    pub fn add(&mut self, row: &UsageRow) -> Result<(), WorkloadError> {
        let book = self.book;
        let known = self.sources.entry(row.model.clone()).or_insert_with(|| {
            source_model(book, &row.model).map(|m| {
                let t = thresholds(book, &m);
                let w = offpeak_windows(book, &m);
                (m, t, w)
            })
        });
        let Some((source, cuts, windows)) = known else {
            *self.unknown.entry(row.model.clone()).or_default() += 1;
            return Ok(());
        };
        let band = cuts
            .iter()
            .filter(|t| row.request_input_tokens > **t)
            .count();
        let offpeak = !row.batch
            && !windows.is_empty()
            && row
                .minute_utc
                .is_some_and(|m| windows.iter().all(|w| in_windows(w, m)));
        let key = (source.clone(), row.batch, offpeak, band);
        let class = self.classes.entry(key).or_insert_with(|| RequestClass {
            source: source.clone(),
            batch: row.batch,
            offpeak,
            requests: 0,
            tokens: ClassTokens::default(),
            max_request_input: 0,
        });
        add_row(class, row)
    }

    /// The workload, or why the log cannot be one.
    pub fn finish(self) -> Result<Workload, WorkloadError> {
        if let Some((model, rows)) = self.unknown.into_iter().next() {
            return Err(WorkloadError::UnknownModel { model, rows });
        }
        if self.classes.is_empty() {
            return Err(WorkloadError::Empty);
        }
        if self.classes.len() > MAX_CLASSES {
            return Err(WorkloadError::TooManyClasses {
                count: self.classes.len(),
                max: MAX_CLASSES,
            });
        }
        Ok(Workload {
            classes: self.classes.into_values().collect(),
        })
    }
}

/// Reduces a log's rows (already checked) to classes.
pub fn build<'a>(
    book: &Pricebook,
    rows: impl IntoIterator<Item = &'a UsageRow>,
) -> Result<Workload, WorkloadError> {
    let mut builder = WorkloadBuilder::new(book);
    for row in rows {
        builder.add(row)?;
    }
    builder.finish()
}

#[cfg(test)]
mod tests;
