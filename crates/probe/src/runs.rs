//! The runs a probe service keeps: each under a 128-bit random id, with a
//! cancel token given only to whoever started it.
//!
//! Finished runs are forgotten after [`KEEP_FINISHED_FOR`], and beyond
//! [`MAX_KEPT_RUNS`] the least recently read finished run goes first, so the
//! map's size is bounded whatever the traffic. Runs in flight are never
//! dropped (their number is capped when they start).

use llm_roi_core::probe::run::{RunStatus, RunView};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many runs are kept for `GET /api/v1/probe/runs/{id}`.
pub const MAX_KEPT_RUNS: usize = 200;
/// How long a finished run stays readable.
pub const KEEP_FINISHED_FOR: Duration = Duration::from_secs(3600);

/// 32 hex digits from the operating system's random source.
pub fn secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares two secrets in time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// One run: its state, its cancel flag and token, and when it was last read.
pub struct Run {
    pub view: Mutex<RunView>,
    pub cancel: AtomicBool,
    token: String,
    touched: Mutex<Instant>,
}

impl Run {
    pub fn new(view: RunView, token: String) -> Self {
        Self {
            view: Mutex::new(view),
            cancel: AtomicBool::new(false),
            token,
            touched: Mutex::new(Instant::now()),
        }
    }

    fn finished(&self) -> bool {
        self.view.lock().unwrap_or_else(|e| e.into_inner()).status != RunStatus::Running
    }

    fn touched(&self) -> Instant {
        *self.touched.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn touch(&self) {
        *self.touched.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }
}

/// What a cancel request gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelling,
    UnknownRun,
    WrongToken,
}

/// The kept runs.
pub struct Runs {
    map: Mutex<HashMap<String, Arc<Run>>>,
    max_kept: usize,
    keep_for: Duration,
}

impl Runs {
    /// A store keeping at most `max_kept` runs, finished ones for `keep_for`.
    pub fn bounded(max_kept: usize, keep_for: Duration) -> Self {
        Self {
            map: Mutex::new(HashMap::new()),
            max_kept,
            keep_for,
        }
    }

    /// Keeps `run` under `id`, first forgetting what the bounds require.
    pub fn insert(&self, id: String, run: Arc<Run>) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, r| !r.finished() || r.touched().elapsed() <= self.keep_for);
        while map.len() >= self.max_kept {
            let oldest = map
                .iter()
                .filter(|(_, r)| r.finished())
                .min_by_key(|(_, r)| r.touched())
                .map(|(id, _)| id.clone());
            match oldest {
                Some(id) => map.remove(&id),
                None => break,
            };
        }
        map.insert(id, run);
    }

    /// The run `id`, marked as just read.
    pub fn get(&self, id: &str) -> Option<Arc<Run>> {
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let run = map.get(id)?.clone();
        run.touch();
        Some(run)
    }

    /// Asks run `id` to stop if `token` is its cancel token.
    pub fn cancel(&self, id: &str, token: &str) -> CancelOutcome {
        match self.get(id) {
            None => CancelOutcome::UnknownRun,
            Some(run) if !same_secret(&run.token, token) => CancelOutcome::WrongToken,
            Some(run) => {
                run.cancel.store(true, Ordering::Relaxed);
                CancelOutcome::Cancelling
            }
        }
    }

    /// How many runs are kept now.
    pub fn len(&self) -> usize {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
