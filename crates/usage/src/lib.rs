//! Reading a usage log in any of the [`formats`] (the generic CSV or JSON
//! Lines format, LiteLLM's spend logs, OpenAI's usage export and Anthropic's
//! usage report), each detected from the header, a record or a report
//! result, streamed row by row within limits.
//!
//! Bad rows are reported by line and field (the first [`SHOWN_BAD_ROWS`],
//! the rest counted); the valid rows go on to the caller's sink, so a large
//! log is never held whole.
//!
//! Usage:
//!
//! ```ignore
//! let mut builder = WorkloadBuilder::new(&book);
//! let import = read_usage(file, Limits::default(), &mut |row| Ok(builder.add(&row)?))?;
//! let workload = builder.finish()?;
//! ```

pub mod bounded_value;
pub mod cost_export;
mod csv_rows;
pub mod fields;
pub mod formats;
mod json_rows;
mod json_stream;
mod log_mix;
mod log_parts;
mod log_reconcile;
mod stream_events;

pub use log_mix::{read_mix, read_mix_mapped, read_mix_parts, LogError};
pub use log_reconcile::{read_reconcile, BilledFrom};

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::scenario::mix::MAX_MIX_DAYS;
use llm_roi_core::scenario::usage::UsageRow;
use llm_roi_core::scenario::workload::tally::ModelTally;
use llm_roi_core::scenario::workload::WorkloadError;
use std::io::{BufRead, BufReader, Read};

/// Bad rows shown one by one; the rest are counted.
pub const SHOWN_BAD_ROWS: usize = 20;

/// How much a log may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_rows: u64,
    /// The most days from the first dated row to the last; the read stops
    /// at the first row past it.
    pub max_days: u64,
}

impl Default for Limits {
    /// 50 MiB, 5 M rows and [`MAX_MIX_DAYS`] days.
    fn default() -> Self {
        Self {
            max_bytes: 50 * 1024 * 1024,
            max_rows: 5_000_000,
            max_days: MAX_MIX_DAYS,
        }
    }
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The file of a multipart upload it is in (none for one file).
    pub file: Option<String>,
    /// 1-based line of the file.
    pub line: u64,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}, ")?;
        }
        write!(f, "line {}, {}: {}", self.line, self.field, self.message)
    }
}

/// What a read found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The format's name ([`formats::UsageFormat::name`]): the last
    /// record's, the generic one before any.
    pub format: &'static str,
    /// Rows passed to the sink.
    pub rows: u64,
    pub bad: Vec<BadRow>,
    /// Bad rows beyond the ones in `bad`.
    pub more_bad: u64,
    /// The first and last day the rows name, when they name days.
    pub days: Option<(CalendarDate, CalendarDate)>,
    /// Rows whose request count the export does not give (counted as 1).
    pub requests_unknown: u64,
    /// Each model's totals as read, priced or not (filled by [`read_mix`]).
    pub models: Vec<ModelTally>,
}

/// Why a log cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is over {max_bytes} bytes: split it, or sum identical requests into rows with a `requests` count")]
    TooLarge { max_bytes: u64 },
    #[error("the file has over {max_rows} rows: sum identical requests into rows with a `requests` count")]
    TooManyRows { max_rows: u64 },
    #[error("the file is empty")]
    Empty,
    #[error(
        "not a usage log this reader knows: {found}. Accepted: {accepted} (docs/usage-logs.md)"
    )]
    UnknownFormat { found: String, accepted: String },
    #[error("line {line}, timestamp: the log spans {days} days from its first row to this one, and a workload covers at most {max_days}: import a shorter period")]
    Span { line: u64, days: u64, max_days: u64 },
    #[error("line {line}: {message}")]
    Malformed { line: u64, message: String },
    #[error("reading the file: {0}")]
    Io(#[from] std::io::Error),
}

/// A reader that fails once more than `left` bytes have been read.
struct Capped<R> {
    inner: R,
    left: u64,
    max: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!("over {} bytes", self.max),
            )
        })?;
        Ok(n)
    }
}

/// Why the sink refused a row: the field to name and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub field: &'static str,
    pub message: String,
}

impl From<WorkloadError> for Rejected {
    /// The field a workload error is about (`model` unless it names one).
    fn from(e: WorkloadError) -> Self {
        let field = match &e {
            WorkloadError::TooLarge { .. } => "tokens",
            WorkloadError::NoTierPrice { .. } => "service_tier",
            _ => "model",
        };
        Self {
            field,
            message: e.to_string(),
        }
    }
}

impl From<String> for Rejected {
    /// A message about the row's model.
    fn from(message: String) -> Self {
        Self {
            field: "model",
            message,
        }
    }
}

/// Where the valid rows go: the sink's error marks a row bad.
pub type Sink<'s> = dyn FnMut(UsageRow) -> Result<(), Rejected> + 's;

/// Collects rows and bad rows, within the row limit.
pub(crate) struct Collector<'s> {
    pub import: Import,
    limits: Limits,
    sink: &'s mut Sink<'s>,
    /// A streamed response's `message_start`, waiting for its last
    /// `message_delta` ([`stream_events`]).
    pending_stream: Option<(u64, UsageRow)>,
}

impl Collector<'_> {
    pub fn bad(&mut self, line: u64, field: &str, message: impl Into<String>) {
        if self.import.bad.len() < SHOWN_BAD_ROWS {
            self.import.bad.push(BadRow {
                file: None,
                line,
                field: field.to_string(),
                message: message.into(),
            });
        } else {
            self.import.more_bad += 1;
        }
    }

    pub fn row(
        &mut self,
        line: u64,
        row: UsageRow,
        requests_known: bool,
    ) -> Result<(), ImportError> {
        if let Err(e) = row.check() {
            let (field, message) = fields::row_problem(e);
            self.bad(line, &field, message);
            return Ok(());
        }
        if self.import.rows >= self.limits.max_rows {
            return Err(ImportError::TooManyRows {
                max_rows: self.limits.max_rows,
            });
        }
        if let Some(day) = row.day {
            let (a, b) = match self.import.days {
                Some((a, b)) => (a.min(day), b.max(day)),
                None => (day, day),
            };
            let days = u64::try_from(a.days_until(b)).unwrap_or(0) + 1;
            if days > self.limits.max_days {
                return Err(ImportError::Span {
                    line,
                    days,
                    max_days: self.limits.max_days,
                });
            }
            self.import.days = Some((a, b));
        }
        if !requests_known {
            self.import.requests_unknown += 1;
        }
        match (self.sink)(row) {
            Ok(()) => self.import.rows += 1,
            Err(r) => self.bad(line, r.field, r.message),
        }
        Ok(())
    }
}

fn io_error(e: std::io::Error, limits: Limits) -> ImportError {
    if e.kind() == std::io::ErrorKind::FileTooLarge {
        ImportError::TooLarge {
            max_bytes: limits.max_bytes,
        }
    } else {
        ImportError::Io(e)
    }
}

/// Reads a usage log, passing each valid row to `sink` (whose error marks
/// the row bad, in the field it names).
pub fn read_usage<'s, R: Read>(
    r: R,
    limits: Limits,
    sink: &'s mut Sink<'s>,
) -> Result<Import, ImportError> {
    let mut reader = BufReader::new(Capped {
        inner: r,
        left: limits.max_bytes,
        max: limits.max_bytes,
    });
    let first = loop {
        let buf = reader.fill_buf().map_err(|e| io_error(e, limits))?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let b = buf[i];
                break b;
            }
            None if buf.is_empty() => return Err(ImportError::Empty),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    };
    let mut c = Collector {
        import: Import {
            format: formats::GENERIC,
            rows: 0,
            bad: Vec::new(),
            more_bad: 0,
            days: None,
            requests_unknown: 0,
            models: Vec::new(),
        },
        limits,
        sink,
        pending_stream: None,
    };
    let result = if first == b'{' || first == b'[' {
        json_rows::read(&mut reader, &mut c).and_then(|()| stream_events::flush(&mut c))
    } else {
        csv_rows::read(&mut reader, &mut c)
    };
    match result {
        Ok(()) => Ok(c.import),
        Err(ImportError::Io(e)) => Err(io_error(e, limits)),
        Err(e) => Err(e),
    }
}
