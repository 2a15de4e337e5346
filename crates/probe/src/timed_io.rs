//! A stream wrapper that notes when the request's last byte was written and
//! when the response's first byte was read.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Write and read instants since the last [`IoClock::mark`].
#[derive(Debug, Default)]
pub struct IoTimes {
    pub last_write: Option<Instant>,
    pub first_read: Option<Instant>,
}

/// Shared with the prober, which marks the start of each request.
#[derive(Debug, Clone, Default)]
pub struct IoClock(Arc<Mutex<IoTimes>>);

impl IoClock {
    /// Forgets the previous request's instants.
    pub fn mark(&self) {
        if let Ok(mut t) = self.0.lock() {
            *t = IoTimes::default();
        }
    }

    /// The last write before the first read, if both happened.
    pub fn request_written(&self) -> Option<Instant> {
        self.0.lock().ok().and_then(|t| t.last_write)
    }

    fn wrote(&self) {
        if let Ok(mut t) = self.0.lock() {
            if t.first_read.is_none() {
                t.last_write = Some(Instant::now());
            }
        }
    }

    fn read(&self) {
        if let Ok(mut t) = self.0.lock() {
            t.first_read.get_or_insert_with(Instant::now);
        }
    }
}

/// `S` with its writes and reads timed on an [`IoClock`].
pub struct TimedIo<S> {
    inner: S,
    clock: IoClock,
}

impl<S> TimedIo<S> {
    pub fn new(inner: S, clock: IoClock) -> Self {
        Self { inner, clock }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for TimedIo<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(r, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.clock.read();
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for TimedIo<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        r
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Microseconds since `since`, saturating.
pub fn us(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_micros()).unwrap_or(u64::MAX)
}
