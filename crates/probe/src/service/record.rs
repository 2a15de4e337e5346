//! Keeping finished runs in the history, and reading it back.

use super::*;
use crate::store::{now_ms, ProbeStore, StoreError};
use llm_roi_core::probe::history::{Outcome, RunKind, StoredRun};
use llm_roi_core::probe::report::complete_pairs;

fn outcome_of(status: RunStatus) -> Outcome {
    match status {
        RunStatus::Running | RunStatus::Done => Outcome::Done,
        RunStatus::Cancelled => Outcome::Cancelled,
        RunStatus::TimedOut => Outcome::TimedOut,
        RunStatus::Stopped => Outcome::Stopped,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The stored form of a finished run.
pub fn stored_run(
    v: &RunView,
    origin: Origin,
    started_at_ms: i64,
    finished_at_ms: i64,
) -> StoredRun {
    let overhead_us = complete_pairs(&v.samples, v.connection)
        .into_iter()
        .map(|(relay, direct)| relay as i64 - direct as i64)
        .collect();
    StoredRun {
        id: v.id.clone(),
        relay: v.relay.clone(),
        upstream: v.upstream.clone(),
        origin,
        kind: RunKind::Latency,
        started_at_ms,
        finished_at_ms,
        outcome: outcome_of(v.status),
        connection: v.connection,
        authenticated: v.mode == AUTH_MODE,
        measured_from: v.measured_from.clone(),
        claimed_overhead_ms: v.claimed_overhead_ms,
        relay_requests: count(v.report.relay.requests),
        relay_good: count(v.report.relay.good),
        errors: v
            .report
            .relay
            .errors
            .iter()
            .map(|(k, n)| (k.clone(), count(*n)))
            .collect(),
        overhead_us,
        detail: v.stop_reason.clone(),
    }
}

impl ProbeService {
    /// Keeps finished runs in `store` from now on (once; later calls are ignored).
    pub fn attach_store(&self, store: Arc<ProbeStore>) {
        let _ = self.store.set(store);
    }

    /// The history, when there is one.
    pub fn store(&self) -> Option<&Arc<ProbeStore>> {
        self.store.get()
    }

    /// Says that a store is being opened: until it is attached, finished
    /// runs wait in memory and the pages say the history is unavailable.
    pub fn expect_store(&self) {
        self.store_expected.store(true, Ordering::Relaxed);
    }

    /// A store was configured but is not open yet.
    pub fn store_pending(&self) -> bool {
        self.store.get().is_none() && self.store_expected.load(Ordering::Relaxed)
    }

    /// How many finished runs wait to be written.
    pub fn unsaved(&self) -> usize {
        self.unsaved.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    fn hold(&self, run: &StoredRun) {
        let mut q = self.unsaved.lock().unwrap_or_else(|e| e.into_inner());
        if q.len() >= MAX_UNSAVED {
            if let Some(old) = q.pop_front() {
                tracing::error!(run = %old.id, relay = %old.relay, "probe run dropped: {MAX_UNSAVED} runs already wait for the store");
            }
        }
        q.push_back(run.clone());
    }

    /// Writes the runs that wait, oldest first, until one fails; true when
    /// none is left.
    pub async fn flush_unsaved(&self) -> bool {
        let Some(store) = self.store.get() else {
            return self.unsaved() == 0;
        };
        loop {
            let next = self
                .unsaved
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .front()
                .cloned();
            let Some(run) = next else { return true };
            if let Err(e) = store.insert(&run).await {
                tracing::warn!(run = %run.id, error = %e, "probe history: still not writable");
                return false;
            }
            tracing::info!(run = %run.id, relay = %run.relay, "probe run stored after the store came back");
            self.unsaved
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop_front();
        }
    }

    /// Stores a run; a failure is logged and the run stays readable in memory.
    pub(super) async fn record(&self, v: &RunView, origin: Origin, started_at_ms: i64) {
        self.keep(&stored_run(v, origin, started_at_ms, now_ms()))
            .await;
    }

    pub(super) async fn keep(&self, run: &StoredRun) {
        tracing::info!(
            run = %run.id,
            relay = %run.relay,
            origin = ?run.origin,
            kind = ?run.kind,
            outcome = run.outcome.code(),
            relay_requests = run.relay_requests,
            relay_good = run.relay_good,
            pairs = run.overhead_us.len(),
            ms = run.finished_at_ms - run.started_at_ms,
            detail = run.detail.as_deref().filter(|_| run.outcome == Outcome::Skipped),
            "probe run finished"
        );
        match self.store.get() {
            Some(store) => {
                if !self.flush_unsaved().await {
                    self.hold(run);
                } else if let Err(e) = store.insert(run).await {
                    tracing::error!(run = %run.id, relay = %run.relay, error = %e, "probe run not stored yet: kept in memory");
                    self.hold(run);
                }
            }
            None if self.store_expected.load(Ordering::Relaxed) => self.hold(run),
            None => {}
        }
    }

    /// Stores that a scheduled run of `kind` for `relay` did not start, and why.
    pub(super) async fn record_skip(
        &self,
        relay: &str,
        connection: Connection,
        kind: RunKind,
        why: &str,
    ) {
        let now = now_ms();
        let upstream = self
            .book
            .provider(relay)
            .and_then(|p| p.upstream.clone())
            .unwrap_or_default();
        let id = match secret() {
            Ok(id) => id,
            Err(e) => {
                tracing::error!(relay, error = %e, "a skipped run not stored: no random id");
                return;
            }
        };
        let run = StoredRun {
            id,
            relay: relay.to_string(),
            upstream,
            origin: Origin::Scheduled,
            kind,
            started_at_ms: now,
            finished_at_ms: now,
            outcome: Outcome::Skipped,
            connection,
            authenticated: false,
            measured_from: self.host().to_string(),
            claimed_overhead_ms: None,
            relay_requests: 0,
            relay_good: 0,
            errors: Default::default(),
            overhead_us: Vec::new(),
            detail: Some(why.to_string()),
        };
        self.keep(&run).await;
    }

    /// The stored runs that finished at or after `since_ms`, oldest first.
    ///
    /// What was read last is kept under the store's
    /// [`Stamp`](crate::store::Stamp) (run count,
    /// first and last finish), which any insert or prune, by this server or
    /// another sharing the database, changes. While it holds, only the stamp
    /// is read: on SQLite, reading 6,720 rows takes about 170 ms, the stamp
    /// well under 1 ms (`make bench-history`).
    pub async fn stored_since(&self, since_ms: i64) -> Result<Vec<StoredRun>, StoreError> {
        let Some(store) = self.store.get() else {
            return Ok(Vec::new());
        };
        let stamp = store.stamp().await?;
        {
            let kept = self.read_cache.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((s, from, runs)) = kept.as_ref() {
                if *s == stamp && *from <= since_ms {
                    return Ok(runs
                        .iter()
                        .filter(|r| r.finished_at_ms >= since_ms)
                        .cloned()
                        .collect());
                }
            }
        }
        let runs = store.finished_since(since_ms).await?;
        *self.read_cache.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((stamp, since_ms, Arc::new(runs.clone())));
        Ok(runs)
    }
}
