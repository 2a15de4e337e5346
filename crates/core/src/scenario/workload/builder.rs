//! [`WorkloadBuilder`]: a log reduced to classes row by row, so that a
//! large log is never held whole; optionally the classes of each day too,
//! in one map keyed by (day, class), for the spread of the daily cost.
//!
//! Usage:
//!
//! ```ignore
//! let mut builder = WorkloadBuilder::with_days(&pricebook);
//! for row in rows { builder.add(&row)?; }
//! let (workload, days) = builder.finish_with_days()?;
//! ```

use super::{
    ClassTokens, Hours, RequestClass, Workload, WorkloadError, offpeak_windows, source_model,
    thresholds,
};
use crate::money::date::CalendarDate;
use crate::pricebook::variants::in_windows;
use crate::pricebook::{ModelRef, Pricebook};
use crate::scenario::usage::UsageRow;
use std::collections::BTreeMap;

/// Distinct unknown model names kept, to name them in the error; the rows
/// of any further unknown name are only counted, so that a log of many
/// made-up names takes no more memory than a log of a few.
pub const MAX_UNKNOWN_NAMES: usize = 20;

type Key = (ModelRef, bool, bool, usize);

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

fn empty_class(key: &Key) -> RequestClass {
    RequestClass {
        source: key.0.clone(),
        batch: key.1,
        offpeak: key.2,
        requests: 0,
        tokens: ClassTokens::default(),
        max_request_input: 0,
    }
}

/// Adds `row` to its class in `classes`, cloning the key only for a new one.
fn add_to<K: Ord + Clone>(
    classes: &mut BTreeMap<K, RequestClass>,
    key: &K,
    class_key: &Key,
    row: &UsageRow,
) -> Result<(), WorkloadError> {
    if let Some(class) = classes.get_mut(key) {
        return add_row(class, row);
    }
    let mut class = empty_class(class_key);
    add_row(&mut class, row)?;
    classes.insert(key.clone(), class);
    Ok(())
}

/// Reduces a log to classes row by row, so that a large log is never held
/// whole: [`WorkloadBuilder::add`] each checked row, then
/// [`WorkloadBuilder::finish`].
pub struct WorkloadBuilder<'b> {
    book: &'b Pricebook,
    /// Each known model name, and the unknown ones kept in `unknown`.
    sources: BTreeMap<String, Option<Source>>,
    unknown: BTreeMap<String, u64>,
    /// Rows of unknown names past [`MAX_UNKNOWN_NAMES`].
    unknown_more_rows: u64,
    classes: BTreeMap<Key, RequestClass>,
    /// The classes of each day, when asked for ([`Self::with_days`]).
    daily: Option<BTreeMap<(CalendarDate, Key), RequestClass>>,
}

impl<'b> WorkloadBuilder<'b> {
    pub fn new(book: &'b Pricebook) -> Self {
        Self {
            book,
            sources: BTreeMap::new(),
            unknown: BTreeMap::new(),
            unknown_more_rows: 0,
            classes: BTreeMap::new(),
            daily: None,
        }
    }

    /// A builder that also keeps each dated row's class per day.
    pub fn with_days(book: &'b Pricebook) -> Self {
        Self {
            daily: Some(BTreeMap::new()),
            ..Self::new(book)
        }
    }

    fn unknown_row(&mut self, name: &str) {
        if let Some(n) = self.unknown.get_mut(name) {
            *n += 1;
        } else if self.unknown.len() < MAX_UNKNOWN_NAMES {
            self.unknown.insert(name.to_string(), 1);
        } else {
            self.unknown_more_rows += 1;
        }
    }

    /// Adds one row to its class.
    pub fn add(&mut self, row: &UsageRow) -> Result<(), WorkloadError> {
        let book = self.book;
        if !self.sources.contains_key(&row.model) {
            let found = source_model(book, &row.model).map(|m| {
                let t = thresholds(book, &m);
                let w = offpeak_windows(book, &m);
                (m, t, w)
            });
            if found.is_none() && self.unknown.len() >= MAX_UNKNOWN_NAMES {
                self.unknown_more_rows += 1;
                return Ok(());
            }
            self.sources.insert(row.model.clone(), found);
        }
        let Some(Some((source, cuts, windows))) = self.sources.get(&row.model) else {
            self.unknown_row(&row.model);
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
        add_to(&mut self.classes, &key, &key, row)?;
        if let (Some(daily), Some(day)) = (&mut self.daily, row.day) {
            add_to(daily, &(day, key.clone()), &key, row)?;
        }
        Ok(())
    }

    /// How many distinct unknown names are kept (at most
    /// [`MAX_UNKNOWN_NAMES`]).
    pub fn unknown_names(&self) -> usize {
        self.unknown.len()
    }

    fn check(&self) -> Result<(), WorkloadError> {
        if let Some((model, rows)) = self.unknown.iter().next() {
            let kept: u64 = self.unknown.values().sum();
            return Err(WorkloadError::UnknownModel {
                model: model.clone(),
                rows: *rows,
                other_rows: kept - rows + self.unknown_more_rows,
            });
        }
        if self.classes.is_empty() {
            return Err(WorkloadError::Empty);
        }
        if self.classes.len() > super::MAX_CLASSES {
            return Err(WorkloadError::TooManyClasses {
                count: self.classes.len(),
                max: super::MAX_CLASSES,
            });
        }
        Ok(())
    }

    /// The workload, or why the log cannot be one.
    pub fn finish(self) -> Result<Workload, WorkloadError> {
        self.check()?;
        Ok(Workload {
            classes: self.classes.into_values().collect(),
        })
    }

    /// The workload and the workload of each day that has dated rows, in
    /// date order (none unless built [`Self::with_days`]).
    pub fn finish_with_days(self) -> Result<(Workload, Vec<Workload>), WorkloadError> {
        self.check()?;
        let mut days: Vec<Workload> = Vec::new();
        let mut last = None;
        for ((day, _), class) in self.daily.into_iter().flatten() {
            match days.last_mut() {
                Some(w) if last == Some(day) => w.classes.push(class),
                _ => days.push(Workload {
                    classes: vec![class],
                }),
            }
            last = Some(day);
        }
        let workload = Workload {
            classes: self.classes.into_values().collect(),
        };
        Ok((workload, days))
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
