//! Anthropic's streamed Messages responses logged event by event (one JSON
//! event a line, as an SDK's stream gives them): `message_start` carries
//! the message with its input usage (and the output so far), and each
//! `message_delta` carries the usage so far, cumulative; the last one before
//! `message_stop` (or the next `message_start`, or the end) is the
//! request's. The other events (`content_block_*`, `ping`) carry no usage
//! and are skipped.
//! Source: <https://platform.claude.com/docs/en/build-with-claude/streaming>
//! ("Event types": `message_start`, `message_delta` with cumulative `usage`).

use super::{Collector, ImportError};
use crate::fields::{row_problem, u64_field};
use crate::formats::message_row;
use serde_json::Value;

/// Events without usage.
const SKIPPED: [&str; 4] = [
    "ping",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
];

/// Reads `v` if it is a streaming event: `None` if it is not one.
pub(crate) fn event(
    v: &Value,
    line: u64,
    c: &mut Collector<'_>,
) -> Option<Result<(), ImportError>> {
    let kind = v.get("type").and_then(Value::as_str)?;
    match kind {
        "message_start" => Some(start(v, line, c)),
        "message_delta" => Some(delta(v, line, c)),
        "message_stop" => Some(flush(c)),
        k if SKIPPED.contains(&k) => Some(Ok(())),
        _ => None,
    }
}

fn start(v: &Value, line: u64, c: &mut Collector<'_>) -> Result<(), ImportError> {
    // A stream that never sent its delta is priced with what its start said.
    flush(c)?;
    match v.get("message").map(|m| message_row(m, false)) {
        Some(Ok(row)) => c.pending_stream = Some((line, row)),
        Some(Err((field, message))) => c.bad(line, &format!("message.{field}"), message),
        None => c.bad(line, "message", "missing from a message_start event"),
    }
    Ok(())
}

/// Takes the usage so far (cumulative) into the started stream, which is
/// passed on at its `message_stop`, the next `message_start` or the end.
fn delta(v: &Value, line: u64, c: &mut Collector<'_>) -> Result<(), ImportError> {
    let Some((start_line, mut row)) = c.pending_stream.take() else {
        c.bad(
            line,
            "type",
            "a message_delta without its message_start before it",
        );
        return Ok(());
    };
    let Some(usage) = v.get("usage").filter(|u| u.is_object()) else {
        c.bad(line, "usage", "missing from a message_delta event");
        return Ok(());
    };
    match u64_field(usage, &["output_tokens"]) {
        Ok((output, _)) if usage.get("output_tokens").is_some() => row.output_tokens = output,
        Ok(_) => {
            c.bad(
                line,
                "usage.output_tokens",
                "missing from a message_delta event",
            );
            return Ok(());
        }
        Err((field, message)) => {
            c.bad(line, &format!("usage.{field}"), message);
            return Ok(());
        }
    }
    if let Err(e) = row.check() {
        let (field, message) = row_problem(e);
        c.bad(line, &field, message);
        return Ok(());
    }
    c.pending_stream = Some((start_line, row));
    Ok(())
}

/// Passes on a started stream that has not been passed on yet.
pub(crate) fn flush(c: &mut Collector<'_>) -> Result<(), ImportError> {
    match c.pending_stream.take() {
        Some((line, row)) => {
            c.import.format = "Anthropic Messages responses";
            c.row(line, row, true)
        }
        None => Ok(()),
    }
}
