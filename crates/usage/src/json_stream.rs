//! One JSON value of a log, read by serde visitors so that a usage report is
//! never held whole: a page's buckets and a bucket's results are handed to
//! the [`Collector`] one at a time, as the parser reaches them. A record
//! (any object without `data` or `results`) is kept as a value and read by
//! the formats; the line reader bounds its size.

use super::{Collector, ImportError};
use crate::bounded_value::{BoundedValue, Budget};
use crate::fields::{day_of, ReportResult};
use crate::formats::FORMATS;
use llm_roi_core::money::date::CalendarDate;
use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;
use serde_json::{Map, Value};
use std::fmt;

/// Results a bucket may list before its `start_time` or `starting_at`; they
/// wait for the day, and past this many the page is refused.
pub const MAX_RESULTS_BEFORE_DAY: usize = 10_000;

/// What one value is allowed to be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A line of JSON Lines: a record, a bucket or a page.
    Line,
    /// A whole file: a report page or a bucket; other keys are skipped.
    Document,
    /// An element of a page's `data`: a bucket, or a record (kept within
    /// a record's budget).
    Element,
}

/// The reading of one value: the collector, the line it is reported on,
/// and the collector's error that stopped the parse, if one did.
pub struct Reading<'a, 'c> {
    pub c: &'a mut Collector<'c>,
    pub line: u64,
    pub stop: Option<ImportError>,
}

/// What the value was, once read.
pub enum Found {
    /// A page or a bucket, whose results went to the collector.
    Report,
    /// A record, for the formats.
    Record(Value),
    /// Neither an object nor a report.
    Other,
}

impl Reading<'_, '_> {
    /// Hands one result of a bucket on `day` to the format that reads it.
    fn result(&mut self, r: &ReportResult, day: Option<CalendarDate>) -> Result<(), ImportError> {
        let Some((format, read)) = FORMATS
            .iter()
            .find_map(|f| f.report_row(r, day).map(|x| (f.name(), x)))
        else {
            self.c.bad(
                self.line,
                "results",
                "not a result of a usage report this reader knows",
            );
            return Ok(());
        };
        match read {
            Ok(Some((row, known))) => {
                self.c.import.format = format;
                self.c.row(self.line, row, known)
            }
            Ok(None) => Ok(()),
            Err((field, message)) => {
                self.c.bad(self.line, &field, message);
                Ok(())
            }
        }
    }

    /// Passes on the collector's error through serde, keeping it typed.
    fn check<E: serde::de::Error>(&mut self, r: Result<(), ImportError>) -> Result<(), E> {
        r.map_err(|e| {
            let text = e.to_string();
            self.stop = Some(e);
            E::custom(text)
        })
    }
}

/// A record handed to the format that reads it.
pub fn record(v: &Value, line: u64, c: &mut Collector<'_>) -> Result<(), ImportError> {
    if let Some(done) = crate::stream_events::event(v, line, c) {
        return done;
    }
    let Some((format, read)) = FORMATS
        .iter()
        .find_map(|f| f.json_row(v).map(|x| (f.name(), x)))
    else {
        c.bad(
            line,
            "json",
            "not a record of a usage log this reader knows",
        );
        return Ok(());
    };
    match read {
        Ok(row) => {
            c.import.format = format;
            c.row(line, row, true)
        }
        Err((field, message)) => {
            c.bad(line, &field, message);
            Ok(())
        }
    }
}

/// A bucket's day: OpenAI's `start_time` (Unix seconds) or Anthropic's
/// `starting_at` (RFC 3339).
fn bucket_day(start_time: Option<&Value>, starting_at: Option<&Value>) -> Option<CalendarDate> {
    start_time
        .and_then(Value::as_i64)
        .map(|s| CalendarDate::from_days_since_epoch(s.div_euclid(86_400)))
        .or_else(|| starting_at.and_then(Value::as_str).and_then(day_of))
}

/// The top-level value: a map whose `data` or `results` are streamed.
pub struct ValueSeed<'r, 'a, 'c> {
    pub reading: &'r mut Reading<'a, 'c>,
    pub expect: Expect,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_, '_> {
    type Value = Found;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_, '_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a usage record or a usage report page")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut fields = Map::new();
        let (mut start_time, mut starting_at): (Option<Value>, Option<Value>) = (None, None);
        let mut report = false;
        let mut waiting = Vec::new();
        let mut budget = Budget::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "data" if self.expect != Expect::Element => {
                    map.next_value_seed(Buckets(&mut *self.reading, self.expect))?;
                    report = true;
                }
                "results" => {
                    let day = bucket_day(start_time.as_ref(), starting_at.as_ref());
                    let known = start_time.is_some() || starting_at.is_some();
                    map.next_value_seed(Results {
                        reading: &mut *self.reading,
                        day,
                        waiting: (!known).then_some(&mut waiting),
                    })?;
                    report = true;
                }
                "start_time" => start_time = map.next_value::<Scalar>()?.0,
                "starting_at" => starting_at = map.next_value::<Scalar>()?.0,
                _ if self.expect == Expect::Document => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ if self.expect == Expect::Element => {
                    budget.text(key.len())?;
                    let v = map.next_value_seed(BoundedValue(&mut budget))?;
                    fields.insert(key, v);
                }
                _ => {
                    fields.insert(key, map.next_value()?);
                }
            }
        }
        let day = bucket_day(start_time.as_ref(), starting_at.as_ref());
        for r in waiting {
            let done = self.reading.result(&r, day);
            self.reading.check(done)?;
        }
        if report {
            return Ok(Found::Report);
        }
        if let Some(t) = start_time {
            fields.insert("start_time".into(), t);
        }
        if let Some(t) = starting_at {
            fields.insert("starting_at".into(), t);
        }
        Ok(Found::Record(Value::Object(fields)))
    }

    /// A list of records (LiteLLM's `/spend/logs` answers one), each read
    /// within a record's budget as it comes; in a document, a record's
    /// `line` is its place in the list.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        let line = self.reading.line;
        let mut n = 0u64;
        loop {
            let mut budget = Budget::default();
            let Some(v) = seq.next_element_seed(BoundedValue(&mut budget))? else {
                break;
            };
            n += 1;
            let at = if self.expect == Expect::Document {
                n
            } else {
                line
            };
            let done = record(&v, at, self.reading.c);
            self.reading.check(done)?;
        }
        Ok(Found::Report)
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Found, E> {
        Ok(Found::Other)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Found, E> {
        Ok(Found::Other)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Found, E> {
        Ok(Found::Other)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Found, E> {
        Ok(Found::Other)
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Found, E> {
        Ok(Found::Other)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Found, E> {
        Ok(Found::Other)
    }
}

/// A number, a string or a boolean; a list or an object is skipped (so a
/// hostile `start_time` is never built as a tree).
struct Scalar(Option<Value>);

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a string")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar(Some(v.into())))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar(Some(v.into())))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar(Some(v.into())))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar(Some(v.into())))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(Some(v.into())))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(Some(Value::Null)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar(None))
    }
}

/// A page's `data`: buckets, each read as it comes, or records (OpenRouter's
/// activity lists records, and a generation is one record in `data`); in a
/// document, a record's line is its place in the list.
struct Buckets<'r, 'a, 'c>(&'r mut Reading<'a, 'c>, Expect);

impl<'de> DeserializeSeed<'de> for Buckets<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Buckets<'_, '_, '_> {
    /// Hands an element that was a record to the formats.
    fn element<E: serde::de::Error>(&mut self, found: Found, n: u64) -> Result<(), E> {
        if let Found::Record(v) = found {
            let line = if self.1 == Expect::Document {
                n
            } else {
                self.0.line
            };
            let done = record(&v, line, self.0.c);
            self.0.check(done)?;
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Buckets<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`data`: a list of buckets or records, or one record")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0u64;
        while let Some(found) = seq.next_element_seed(ValueSeed {
            reading: &mut *self.0,
            expect: Expect::Element,
        })? {
            n += 1;
            self.element(found, n)?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<(), A::Error> {
        let found = ValueSeed {
            reading: &mut *self.0,
            expect: Expect::Element,
        }
        .visit_map(map)?;
        self.element(found, 1)
    }
}

/// A bucket's `results`, each handed on as it comes; when the bucket has
/// not named its day yet, they wait in `waiting` (a bounded number).
struct Results<'r, 'a, 'c, 'w> {
    reading: &'r mut Reading<'a, 'c>,
    day: Option<CalendarDate>,
    waiting: Option<&'w mut Vec<ReportResult>>,
}

impl<'de> DeserializeSeed<'de> for Results<'_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Results<'_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`results`: a list of usage results")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(r) = seq.next_element::<ReportResult>()? {
            match self.waiting.as_deref_mut() {
                Some(w) if w.len() >= MAX_RESULTS_BEFORE_DAY => {
                    return Err(A::Error::custom(format!(
                        "a bucket lists over {MAX_RESULTS_BEFORE_DAY} results before its start_time or starting_at; put the day first"
                    )));
                }
                Some(w) => w.push(r),
                None => {
                    let done = self.reading.result(&r, self.day);
                    self.reading.check(done)?;
                }
            }
        }
        Ok(())
    }
}
