//! Time to first event and first token in a streamed response: scans the
//! body's chunks for the first server-sent event and the first `text_delta`.
//! Each byte is scanned once (a chunk's search starts where the last one
//! stopped), and an event is kept up to [`MAX_EVENT_BYTES`]: a relay that
//! streams without ever ending an event cannot grow the buffer.

use super::timed_io::us;
use bytes::Bytes;
use llm_roi_core::probe::sample::Phases;
use std::time::Instant;

/// The longest event kept whole; a longer one counts as an event, is
/// searched for `text_delta` in its first bytes, and the rest of it is
/// skipped.
pub const MAX_EVENT_BYTES: usize = 64 * 1024;

/// Finds the first server-sent event and the first `text_delta` in a stream.
#[derive(Default)]
pub struct SseScan {
    pending: Vec<u8>,
    /// Bytes of `pending` already searched for a blank line.
    scanned: usize,
    /// Inside an event longer than [`MAX_EVENT_BYTES`]: skip to its end.
    skipping: bool,
}

impl SseScan {
    /// Feeds one body chunk, received now, of a request sent at `t0`.
    pub fn feed(&mut self, data: &Bytes, t0: Instant, phases: &mut Phases) {
        if phases.ttft_us.is_some() {
            return;
        }
        self.pending.extend_from_slice(data);
        loop {
            // A blank line may straddle chunks: look back 3 bytes.
            let from = self.scanned.saturating_sub(3);
            let Some(end) = find_event_end(&self.pending[from..]).map(|e| from + e) else {
                self.scanned = self.pending.len();
                break;
            };
            let skipped = std::mem::take(&mut self.skipping);
            let event: Vec<u8> = self.pending.drain(..end).collect();
            self.scanned = 0;
            if !skipped && self.event(&event, t0, phases) {
                return;
            }
        }
        if self.pending.len() > MAX_EVENT_BYTES {
            // Keep the last 3 bytes: a blank line may start in them.
            let tail = self.pending.split_off(self.pending.len() - 3);
            let head = std::mem::replace(&mut self.pending, tail);
            self.scanned = 0;
            if !std::mem::replace(&mut self.skipping, true) && self.event(&head, t0, phases) {
                self.skipping = false;
            }
        }
    }

    /// Bytes held while waiting for an event's end.
    pub fn pending_bytes(&self) -> usize {
        self.pending.len()
    }

    /// Marks the phases an event reaches; true once the first token came.
    fn event(&mut self, event: &[u8], t0: Instant, phases: &mut Phases) -> bool {
        let text = String::from_utf8_lossy(event);
        if !text
            .lines()
            .any(|l| l.starts_with("data:") || l.starts_with("event:"))
        {
            return false;
        }
        phases.first_event_us.get_or_insert_with(|| us(t0));
        if text.contains("\"text_delta\"") {
            phases.ttft_us = Some(us(t0));
            self.pending.clear();
            return true;
        }
        false
    }
}

/// The index just past the first blank line (`\n\n` or `\r\n\r\n`).
fn find_event_end(buf: &[u8]) -> Option<usize> {
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    match (lf, crlf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}
