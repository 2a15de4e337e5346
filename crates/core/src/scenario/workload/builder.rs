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

use super::tally::{ModelTally, OTHER_UNKNOWN};
use super::{
    ClassTokens, Hours, RequestClass, Workload, WorkloadError, has_tier, offpeak_windows,
    relay_source, source_model, thresholds,
};
use crate::money::date::CalendarDate;
use crate::pricebook::variants::in_windows;
use crate::pricebook::{ModelRef, Pricebook, ServiceTier};
use crate::scenario::model_map::ModelMap;
use crate::scenario::usage::UsageRow;
use std::collections::BTreeMap;

/// Distinct unknown model names tallied one by one; the rows of any
/// further unknown name are tallied together ([`OTHER_UNKNOWN`]), so that a
/// log of many made-up names takes no more memory than a log of a few.
pub const MAX_UNKNOWN_NAMES: usize = 20;

/// A class: source model, relay sent through, batch, service tier,
/// off-peak, band.
type Key = (ModelRef, Option<String>, bool, ServiceTier, bool, usize);

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
    t.reasoning = sum(t.reasoning, row.reasoning_tokens, "reasoning_tokens")?;
    t.web_searches = sum(t.web_searches, row.web_searches, "web_searches")?;
    class.max_request_input = class.max_request_input.max(row.request_input_tokens);
    Ok(())
}

fn empty_class(key: &Key) -> RequestClass {
    RequestClass {
        source: key.0.clone(),
        via: key.1.clone(),
        batch: key.2,
        service_tier: key.3,
        offpeak: key.4,
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
    /// Each known model name, and the unknown ones tallied by name.
    sources: BTreeMap<String, Option<Source>>,
    /// The same for rows sent through a relay: by relay, by the relay's
    /// model name.
    relay_sources: BTreeMap<String, BTreeMap<String, Option<Source>>>,
    /// Each name's totals as read (unknown names: at most
    /// [`MAX_UNKNOWN_NAMES`]).
    tallies: BTreeMap<String, ModelTally>,
    unknown_names: usize,
    /// The rows of unknown names past [`MAX_UNKNOWN_NAMES`].
    other_unknown: ModelTally,
    classes: BTreeMap<Key, RequestClass>,
    /// The classes of each day, when asked for ([`Self::with_days`]).
    daily: Option<BTreeMap<(CalendarDate, Key), RequestClass>>,
    /// The user's log names to priced models ([`Self::mapped`]).
    map: ModelMap,
}

impl<'b> WorkloadBuilder<'b> {
    pub fn new(book: &'b Pricebook) -> Self {
        Self {
            book,
            sources: BTreeMap::new(),
            relay_sources: BTreeMap::new(),
            tallies: BTreeMap::new(),
            unknown_names: 0,
            other_unknown: ModelTally::new(OTHER_UNKNOWN, false),
            classes: BTreeMap::new(),
            daily: None,
            map: ModelMap::default(),
        }
    }

    /// Prices the rows of each name `map` lists as its target model; every
    /// target must be a model of the pricebook.
    pub fn mapped(mut self, map: ModelMap) -> Result<Self, WorkloadError> {
        if let Some((from, to)) = map
            .pairs()
            .find(|(_, to)| source_model(self.book, to).is_none())
        {
            return Err(WorkloadError::MapTarget {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        self.map = map;
        Ok(self)
    }

    /// A builder that also keeps each dated row's class per day.
    pub fn with_days(book: &'b Pricebook) -> Self {
        Self {
            daily: Some(BTreeMap::new()),
            ..Self::new(book)
        }
    }

    fn tally(&mut self, row: &UsageRow, priced: bool) {
        match self.tallies.get_mut(&row.model) {
            Some(t) => t.add(row),
            None => {
                let mut t = ModelTally::new(&row.model, priced);
                t.mapped_to = self.map.target(&row.model).map(str::to_string);
                t.add(row);
                self.tallies.insert(row.model.clone(), t);
            }
        }
    }

    /// The source of `row`'s model (looked up once per name): an official
    /// model, or a relay's model when the row went through one; `None` for
    /// a name the pricebook does not know (counted against
    /// [`MAX_UNKNOWN_NAMES`]; `Err(())` past it).
    fn source(&mut self, row: &UsageRow) -> Result<Option<&Source>, ()> {
        let book = self.book;
        let map = &self.map;
        let known = match &row.via {
            None => self.sources.contains_key(&row.model),
            Some(via) => self
                .relay_sources
                .get(via)
                .is_some_and(|m| m.contains_key(&row.model)),
        };
        if !known {
            let name = map.target(&row.model).unwrap_or(&row.model);
            let found = match &row.via {
                None => source_model(book, name),
                Some(via) => relay_source(book, via, &row.model, map.target(&row.model)),
            }
            .map(|m| {
                let t = thresholds(book, &m);
                let w = offpeak_windows(book, &m);
                (m, t, w)
            });
            if found.is_none() {
                if self.unknown_names >= MAX_UNKNOWN_NAMES {
                    return Err(());
                }
                self.unknown_names += 1;
            }
            let names = match &row.via {
                None => &mut self.sources,
                Some(via) => self.relay_sources.entry(via.clone()).or_default(),
            };
            names.insert(row.model.clone(), found);
        }
        let names = match &row.via {
            None => Some(&self.sources),
            Some(via) => self.relay_sources.get(via),
        };
        Ok(names
            .and_then(|m| m.get(&row.model))
            .and_then(Option::as_ref))
    }

    /// Adds one row to its class; a row of a model the pricebook does not
    /// know is only tallied. A row at a service tier its model has no
    /// price for is refused ([`WorkloadError::NoTierPrice`]).
    pub fn add(&mut self, row: &UsageRow) -> Result<(), WorkloadError> {
        self.add_row(row, false).map(|_| ())
    }

    /// [`Self::add`], answering the official model the row was priced as
    /// (`None`: not priced, its model unknown).
    pub fn add_source(&mut self, row: &UsageRow) -> Result<Option<ModelRef>, WorkloadError> {
        self.add_row(row, true)
    }

    fn add_row(&mut self, row: &UsageRow, want: bool) -> Result<Option<ModelRef>, WorkloadError> {
        let book = self.book;
        let Ok(found) = self.source(row) else {
            self.other_unknown.add(row);
            return Ok(None);
        };
        let Some((source, cuts, windows)) = found else {
            self.tally(row, false);
            return Ok(None);
        };
        let tier = if row.batch {
            ServiceTier::Standard
        } else {
            row.service_tier
        };
        if tier != ServiceTier::Standard && !has_tier(book, source, tier) {
            return Err(WorkloadError::NoTierPrice {
                model: source.to_string(),
                tier: tier.code(),
            });
        }
        let band = cuts
            .iter()
            .filter(|t| row.request_input_tokens > **t)
            .count();
        let offpeak = !row.batch
            && tier == ServiceTier::Standard
            && !windows.is_empty()
            && row
                .minute_utc
                .is_some_and(|m| windows.iter().all(|w| in_windows(w, m)));
        let key = (
            source.clone(),
            row.via.clone(),
            row.batch,
            tier,
            offpeak,
            band,
        );
        add_to(&mut self.classes, &key, &key, row)?;
        if let (Some(daily), Some(day)) = (&mut self.daily, row.day) {
            add_to(daily, &(day, key.clone()), &key, row)?;
        }
        self.tally(row, true);
        Ok(want.then(|| key.0.clone()))
    }

    /// How many distinct unknown names are tallied one by one (at most
    /// [`MAX_UNKNOWN_NAMES`]).
    pub fn unknown_names(&self) -> usize {
        self.unknown_names
    }

    /// Each model's totals as read, priced or not, by name; the unknown
    /// names past [`MAX_UNKNOWN_NAMES`] last, together.
    pub fn tallies(&self) -> Vec<ModelTally> {
        let mut out: Vec<ModelTally> = self.tallies.values().cloned().collect();
        if self.other_unknown.rows > 0 {
            out.push(self.other_unknown.clone());
        }
        out
    }

    /// A log none of whose models is in the pricebook cannot be priced; a
    /// log with some is priced without the others (see [`Self::tallies`]).
    fn check(&self) -> Result<(), WorkloadError> {
        if self.classes.is_empty() {
            let mut unknown = self.tallies.values().filter(|t| !t.priced);
            if let Some(first) = unknown.next() {
                let rest = unknown.fold(self.other_unknown.rows, |n, t| n.saturating_add(t.rows));
                return Err(WorkloadError::UnknownModel {
                    model: first.model.clone(),
                    rows: first.rows,
                    other_rows: rest,
                });
            }
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
    pub fn finish_with_days(
        self,
    ) -> Result<(Workload, Vec<(CalendarDate, Workload)>), WorkloadError> {
        self.check()?;
        let mut days: Vec<(CalendarDate, Workload)> = Vec::new();
        for ((day, _), class) in self.daily.into_iter().flatten() {
            match days.last_mut() {
                Some((d, w)) if *d == day => w.classes.push(class),
                _ => days.push((
                    day,
                    Workload {
                        classes: vec![class],
                    },
                )),
            }
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
