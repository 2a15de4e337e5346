//! How many usage logs are read at once, and for how long: a semaphore of
//! `--max-uploads` permits (a request waits [`PERMIT_WAIT`] for one, then
//! gets 503 with `Retry-After`), and a deadline on the whole body (`--upload-timeout`), after
//! which the reader gets a `TimedOut` error and the import stops.
//!
//! Usage:
//!
//! ```ignore
//! let Some(_permit) = state.uploads.enter().await else { return busy(); };
//! let stream = state.uploads.deadline_stream(body);
//! ```

use axum::body::{Body, Bytes};
use futures::{Stream, StreamExt};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// How long an upload waits for a reader before it is answered 503.
pub const PERMIT_WAIT: Duration = Duration::from_secs(5);

/// The default number of usage logs read at once.
pub const DEFAULT_MAX_UPLOADS: usize = 2;

/// The default deadline for a whole upload, in seconds.
pub const DEFAULT_UPLOAD_TIMEOUT_S: u64 = 120;

/// A body read as a stream of chunks that fails at the deadline.
pub type DeadlineStream = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// A body's read error; past the route's body limit it is `FileTooLarge`,
/// which the import answers 413.
fn body_error(e: axum::Error) -> std::io::Error {
    let inner = e.into_inner();
    if inner.is::<http_body_util::LengthLimitError>() {
        std::io::Error::new(std::io::ErrorKind::FileTooLarge, inner)
    } else {
        std::io::Error::other(inner)
    }
}

/// The upload permits and the deadline of each upload.
#[derive(Debug, Clone)]
pub struct Uploads {
    permits: Arc<Semaphore>,
    /// Uploads read at once.
    pub max: usize,
    /// The longest an upload's body may take to arrive.
    pub timeout: Duration,
    /// How long an upload waits for a reader.
    pub wait: Duration,
}

impl Default for Uploads {
    fn default() -> Self {
        Self::new(
            DEFAULT_MAX_UPLOADS,
            Duration::from_secs(DEFAULT_UPLOAD_TIMEOUT_S),
        )
    }
}

impl Uploads {
    pub fn new(max: usize, timeout: Duration) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(max)),
            max,
            timeout,
            wait: PERMIT_WAIT,
        }
    }

    /// The same readers, waited for `wait` at most (tests use a short one).
    pub fn with_wait(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    /// A permit to read one upload, waiting up to [`Uploads::wait`];
    /// `None` when every reader stayed busy.
    pub async fn enter(&self) -> Option<OwnedSemaphorePermit> {
        let permit = self.permits.clone().acquire_owned();
        tokio::time::timeout(self.wait, permit).await.ok()?.ok()
    }

    /// The body's chunks, failing with `TimedOut` once the upload has
    /// taken longer than [`Uploads::timeout`] from now.
    pub fn deadline_stream(&self, body: Body) -> DeadlineStream {
        let deadline = Instant::now() + self.timeout;
        let seconds = self.timeout.as_secs();
        let chunks = body.into_data_stream();
        let stream = futures::stream::unfold(Some(chunks), move |chunks| async move {
            let mut chunks = chunks?;
            match tokio::time::timeout_at(deadline, chunks.next()).await {
                Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(chunks))),
                Ok(Some(Err(e))) => Some((Err(body_error(e)), None)),
                Ok(None) => None,
                Err(_) => Some((
                    Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        format!("the upload took over {seconds} s (--upload-timeout): send the log from a faster link, or a shorter log"),
                    )),
                    None,
                )),
            }
        });
        Box::pin(stream)
    }
}
