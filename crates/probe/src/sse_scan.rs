//! Time to first event and first token in a streamed response: scans the
//! body's chunks for the first server-sent event and the first `text_delta`.

use super::timed_io::us;
use bytes::Bytes;
use llm_roi_core::probe::sample::Phases;
use std::time::Instant;

/// Finds the first server-sent event and the first `text_delta` in a stream.
#[derive(Default)]
pub struct SseScan {
    pending: Vec<u8>,
}

impl SseScan {
    /// Feeds one body chunk, received now, of a request sent at `t0`.
    pub fn feed(&mut self, data: &Bytes, t0: Instant, phases: &mut Phases) {
        if phases.ttft_us.is_some() {
            return;
        }
        self.pending.extend_from_slice(data);
        while let Some(end) = find_event_end(&self.pending) {
            let event: Vec<u8> = self.pending.drain(..end).collect();
            let text = String::from_utf8_lossy(&event);
            if !text
                .lines()
                .any(|l| l.starts_with("data:") || l.starts_with("event:"))
            {
                continue;
            }
            phases.first_event_us.get_or_insert_with(|| us(t0));
            if text.contains("\"text_delta\"") {
                phases.ttft_us = Some(us(t0));
                self.pending.clear();
                return;
            }
        }
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
