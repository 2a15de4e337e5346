//! The hourly budget of authenticated requests: shared through the store
//! (every server on one PostgreSQL spends from one budget), and kept in
//! this process while the store is not open or does not answer.
//!
//! This process's own spends are always remembered here as well, so a
//! store that goes down mid-hour leaves the process with what it spent,
//! not with a fresh budget.

use super::ProbeService;
use crate::budget::{admit, prune};
use crate::start::StartError;
use crate::store::Spend;
use std::time::{Duration, Instant};

/// The budget's window.
const HOUR: Duration = Duration::from_secs(3600);
const HOUR_MS: i64 = 3_600_000;

/// How long a spend waits on the store before this process decides alone.
const STORE_WAIT: Duration = Duration::from_secs(2);

/// How long the shared figure read last is shown (`budget`): the status
/// route and the store's flush loop read it again more often than this.
const SHARED_FRESH: Duration = Duration::from_secs(60);

impl ProbeService {
    /// Authenticated requests spent this hour (by every server sharing the
    /// store, as read last; this server's alone without one), and the
    /// budget.
    pub fn budget(&self) -> (usize, usize) {
        let local = {
            let mut log = self.auth_spent.lock().unwrap_or_else(|e| e.into_inner());
            prune(&mut log, HOUR);
            log.len()
        };
        let shared = self
            .shared_spent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .filter(|(at, _)| at.elapsed() < SHARED_FRESH)
            .map_or(0, |(_, n)| n);
        (local.max(shared), self.limits.auth_requests_per_hour)
    }

    /// Reads the shared budget from the store again (when one is open),
    /// then answers as [`ProbeService::budget`].
    pub async fn budget_now(&self) -> (usize, usize) {
        if let Some(store) = self.store.get() {
            let since_ms = crate::store::now_ms().saturating_sub(HOUR_MS);
            match tokio::time::timeout(STORE_WAIT, store.spent_since(since_ms)).await {
                Ok(Ok(n)) => self.remember_shared(n),
                Ok(Err(e)) => tracing::debug!(error = %e, "probe budget: the store did not answer"),
                Err(_) => tracing::debug!("probe budget: the store did not answer in 2 s"),
            }
        }
        self.budget()
    }

    fn remember_shared(&self, spent: i64) {
        let n = usize::try_from(spent).unwrap_or(0);
        *self.shared_spent.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), n));
    }

    /// Counts `n` authenticated requests against the hourly budget: in the
    /// store when it answers, else in this process.
    pub(super) async fn spend(&self, n: usize) -> Result<(), StartError> {
        let cap = self.limits.auth_requests_per_hour;
        let refused = || StartError::BudgetSpent(cap);
        if let Some(store) = self.store.get() {
            let requests = i64::try_from(n).unwrap_or(i64::MAX);
            let cap_i64 = i64::try_from(cap).unwrap_or(i64::MAX);
            match tokio::time::timeout(STORE_WAIT, store.spend(requests, cap_i64, HOUR_MS)).await {
                Ok(Ok(Spend::Granted { spent })) => {
                    self.remember_shared(spent);
                    let mut log = self.auth_spent.lock().unwrap_or_else(|e| e.into_inner());
                    prune(&mut log, HOUR);
                    log.extend(std::iter::repeat_n(Instant::now(), n));
                    return Ok(());
                }
                Ok(Ok(Spend::Refused { spent })) => {
                    self.remember_shared(spent);
                    return Err(refused());
                }
                Ok(Err(e)) => {
                    tracing::warn!(error = %e, "probe budget: the store failed; this server counts alone");
                }
                Err(_) => {
                    tracing::warn!(
                        "probe budget: the store did not answer in 2 s; this server counts alone"
                    );
                }
            }
        }
        let mut log = self.auth_spent.lock().unwrap_or_else(|e| e.into_inner());
        if admit(&mut log, HOUR, cap, n) {
            Ok(())
        } else {
            Err(refused())
        }
    }
}
