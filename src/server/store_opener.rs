//! The probe history is opened in the background: the server serves the
//! calculator, the report, the embed and the APIs at once, and the probe
//! keeps finished runs in memory until the store opens (retried, waiting 1 s
//! then twice as long each time, up to 30 s); then it writes them, prunes
//! old runs every hour, retries runs that failed to write every 10 s and
//! reads the budget the servers share as often.
//!
//! Usage:
//!
//! ```ignore
//! tokio::spawn(keep_open(service, StoreSource::from_cli(cli)));
//! ```

use llm_roi_probe::service::ProbeService;
use llm_roi_probe::store::{ProbeStore, StoreError};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How often old probe runs are pruned.
pub const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// How often runs that failed to write are tried again.
pub const FLUSH_EVERY: Duration = Duration::from_secs(10);

/// The longest wait between two attempts to open the store.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);

/// Where the history is: PostgreSQL at a URL, else SQLite in a directory.
#[derive(Debug, Clone)]
pub struct StoreSource {
    pub database_url: Option<String>,
    pub data_dir: PathBuf,
    pub retention: Duration,
}

impl StoreSource {
    /// Opens the store once.
    pub async fn open(&self) -> Result<ProbeStore, StoreError> {
        match self
            .database_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            Some(url) => ProbeStore::open_postgres(url).await,
            None => ProbeStore::open_sqlite(&self.data_dir).await,
        }
    }
}

/// Opens the store for `service`, retrying until it opens, then keeps the
/// history pruned and the runs that wait written.
pub async fn keep_open(service: Arc<ProbeService>, source: StoreSource) {
    service.expect_store();
    let mut wait = Duration::from_secs(1);
    let store = loop {
        match source.open().await {
            Ok(store) => break store,
            Err(e) => {
                tracing::warn!(error = %e, retry_s = wait.as_secs(), "probe history unavailable; serving without it");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(MAX_RETRY_WAIT);
            }
        }
    };
    tracing::info!(store = %store.location(), "probe history opened");
    if store.backend() == llm_roi_probe::store::Backend::Sqlite {
        tracing::info!(
            "probe history on SQLite: for one server only (schedules, budget and rate \
             limits are this server's); several servers share them with --database-url"
        );
    }
    service.attach_store(Arc::new(store));
    service.flush_unsaved().await;
    service.spawn_pruning(source.retention, PRUNE_EVERY);
    let mut tick = tokio::time::interval(FLUSH_EVERY);
    loop {
        tick.tick().await;
        if service.unsaved() > 0 {
            service.flush_unsaved().await;
        }
        // The shared budget as the other servers spent it, for the pages.
        service.budget_now().await;
    }
}
