//! JSON logs: JSON Lines of generic or LiteLLM records, or pages of OpenAI's
//! and Anthropic's usage reports (one per line, or one document). Lines are
//! read up to [`MAX_LINE_BYTES`]; a report is streamed result by result
//! ([`crate::json_stream`]), so neither is ever held whole.

use super::{Collector, ImportError};
use crate::json_stream::{record, Expect, Found, Reading, ValueSeed};
use serde::de::{DeserializeSeed, IgnoredAny};
use std::io::{BufRead, Read};

/// The longest line of JSON Lines; a longer first line is read as one
/// document (a report page saved on one line), a longer later line is a
/// bad row.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Reads one line into `out` (without its end), up to `max` bytes; `None`
/// at the end of the input, `Some(false)` when the line was longer (the
/// rest of it is skipped, unless `keep_long`, which stops at `max`).
fn read_line<R: BufRead>(
    r: &mut R,
    out: &mut Vec<u8>,
    max: usize,
    keep_long: bool,
) -> std::io::Result<Option<bool>> {
    out.clear();
    let mut fits = true;
    let mut any = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(any.then_some(fits));
        }
        any = true;
        let (part, end) = match find_newline(buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        let room = max.saturating_sub(out.len());
        if part.len() > room {
            fits = false;
            if keep_long {
                out.extend_from_slice(&part[..room]);
                r.consume(room);
                return Ok(Some(false));
            }
        } else if fits {
            out.extend_from_slice(part);
        }
        let n = end.unwrap_or(buf.len());
        r.consume(n);
        if end.is_some() {
            return Ok(Some(fits));
        }
    }
}

fn find_newline(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n')
}

/// Reads one value with `expect`, from `de`; the collector's error stops
/// the import, a parse error is the caller's.
fn value<'de, D: serde::Deserializer<'de>>(
    de: D,
    c: &mut Collector<'_>,
    line: u64,
    expect: Expect,
) -> Result<Result<Found, D::Error>, ImportError> {
    let mut reading = Reading {
        c,
        line,
        stop: None,
    };
    let found = ValueSeed {
        reading: &mut reading,
        expect,
    }
    .deserialize(de);
    match reading.stop {
        Some(e) => Err(e),
        None => Ok(found),
    }
}

/// Counts the bytes read that are not JSON whitespace: a value that ends
/// the input cleanly has read none after the previous value.
struct Seen<R> {
    inner: R,
    seen: std::rc::Rc<std::cell::Cell<u64>>,
}

impl<R: Read> Read for Seen<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let other = buf[..n]
            .iter()
            .filter(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            .count();
        self.seen.set(self.seen.get() + other as u64);
        Ok(n)
    }
}

/// The whole input as report pages (or buckets), or a list of records,
/// streamed: one document, or several one after the other (the pages of a
/// paginated export saved together).
fn document<R: Read>(r: R, c: &mut Collector<'_>) -> Result<(), ImportError> {
    let seen = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut de = serde_json::Deserializer::from_reader(Seen {
        inner: r,
        seen: seen.clone(),
    });
    let malformed = |e: serde_json::Error| ImportError::Malformed {
        line: e.line() as u64,
        message: format!("not a usage report page ({{\"data\": [buckets]}}): {e}"),
    };
    let mut pages = 0u64;
    loop {
        let before = seen.get();
        match value(&mut de, c, 1, Expect::Document)? {
            Ok(Found::Report) => pages += 1,
            Ok(_) => {
                return Err(ImportError::Malformed {
                    line: 1,
                    message:
                        "not a usage report page ({\"data\": [buckets]}) nor a record per line"
                            .into(),
                })
            }
            // Only whitespace after the last page: the end.
            Err(e) if e.is_eof() && seen.get() == before && pages > 0 => return Ok(()),
            Err(e) if e.is_io() => return Err(ImportError::Io(e.into())),
            Err(e) => return Err(malformed(e)),
        }
    }
}

pub(super) fn read<R: BufRead>(r: &mut R, c: &mut Collector<'_>) -> Result<(), ImportError> {
    let mut text = Vec::new();
    let mut line = 0u64;
    loop {
        let first = line == 0;
        let Some(fits) = read_line(r, &mut text, MAX_LINE_BYTES, first)? else {
            return Ok(());
        };
        line += 1;
        let t = text.trim_ascii();
        if t.is_empty() {
            continue;
        }
        // A report saved as one document: pretty-printed (the first line
        // is not a whole value) or on one long line.
        if first && (!fits || serde_json::from_slice::<IgnoredAny>(t).is_err_and(|e| e.is_eof())) {
            if fits {
                text.push(b'\n');
            }
            let rest = std::io::Cursor::new(std::mem::take(&mut text)).chain(r);
            return document(rest, c);
        }
        if !fits {
            c.bad(
                line,
                "json",
                format!("the line is over {MAX_LINE_BYTES} bytes: one record a line"),
            );
            continue;
        }
        let mut de = serde_json::Deserializer::from_slice(t);
        match value(&mut de, c, line, Expect::Line)?.and_then(|found| {
            de.end()?;
            Ok(found)
        }) {
            Ok(Found::Record(v)) => record(&v, line, c)?,
            Ok(Found::Report) => {}
            Ok(Found::Other) => c.bad(
                line,
                "json",
                "not a record of a usage log this reader knows",
            ),
            Err(e) => c.bad(line, "json", e.to_string()),
        }
    }
}
