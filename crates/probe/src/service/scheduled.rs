//! The schedules' tasks and the history's pruning.

use super::*;
use crate::schedule::{Check, Schedule};
use crate::store::now_ms;
use llm_roi_core::probe::history::RunKind;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

impl ProbeService {
    /// Checks that every schedule names a relay of the pricebook.
    pub fn check_schedules(&self) -> Result<(), String> {
        for (i, s) in self.targets.schedules.iter().enumerate() {
            self.relay_route(&s.relay)
                .map_err(|e| format!("schedule {} (relay `{}`): {e}", i + 1, s.relay))?;
        }
        Ok(())
    }

    /// The schedules of the probe-targets file.
    pub fn schedules(&self) -> &[Schedule] {
        &self.targets.schedules
    }

    /// Starts one task per schedule; none without schedules.
    pub fn spawn_schedules(self: &Arc<Self>) -> Vec<JoinHandle<()>> {
        self.targets
            .schedules
            .iter()
            .cloned()
            .map(|s| {
                let service = self.clone();
                tokio::spawn(async move {
                    let mut tick = tokio::time::interval(s.every);
                    tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
                    loop {
                        tick.tick().await;
                        if service.claim(&s).await {
                            service.run_schedule(&s).await;
                        }
                    }
                })
            })
            .collect()
    }

    /// Whether this server runs the current tick of `s`: the tick is the
    /// wall-clock period (`now / every`), claimed once in the store, so
    /// that of several servers sharing a database one runs it. Each server
    /// ticks once a period, so every period is tried and run once. Without
    /// a store (not open yet, or none) this server runs it.
    pub async fn claim(&self, s: &Schedule) -> bool {
        let Some(store) = self.store.get() else {
            return true;
        };
        let every_ms = i64::try_from(s.every.as_millis())
            .unwrap_or(i64::MAX)
            .max(1);
        let tick = now_ms() / every_ms;
        let key = format!(
            "{}:{}:{}:{}",
            s.relay,
            match s.check {
                Check::Latency => "latency",
                Check::Honesty => "honesty",
                Check::Audit => "audit",
            },
            s.connection.code(),
            every_ms
        );
        match store.claim_tick(&key, tick).await {
            Ok(claimed) => {
                if !claimed {
                    tracing::debug!(schedule = %key, tick, "tick run by another server");
                }
                claimed
            }
            Err(e) => {
                tracing::warn!(schedule = %key, error = %e, "tick not claimed: running it here");
                true
            }
        }
    }

    /// Runs `s` once and waits for the run to end; a run the caps refuse is
    /// stored as skipped, with the reason.
    pub async fn run_schedule(self: &Arc<Self>, s: &Schedule) {
        match s.check {
            Check::Latency => {
                let req = StartRequest {
                    relay: Some(s.relay.clone()),
                    target_url: None,
                    upstream: None,
                    pairs: Some(s.pairs),
                    connection: s.connection,
                    may_spend: true,
                };
                match self.launch(req, Origin::Scheduled).await {
                    Ok((_, handle)) => {
                        let _ = handle.await;
                    }
                    Err(e) => {
                        self.record_skip(&s.relay, s.connection, RunKind::Latency, &e.to_string())
                            .await
                    }
                }
            }
            Check::Honesty => {
                if let Err(e) = self.honesty(&s.relay, Origin::Scheduled).await {
                    self.record_skip(&s.relay, Connection::Cold, RunKind::Honesty, &e.to_string())
                        .await;
                }
            }
            Check::Audit => {
                if let Err(e) = self.audit(&s.relay, Origin::Scheduled).await {
                    self.record_skip(&s.relay, Connection::Cold, RunKind::Audit, &e.to_string())
                        .await;
                }
            }
        }
    }

    /// Every relay's provider id, in pricebook order.
    pub fn relay_ids(&self) -> Vec<&str> {
        self.book
            .providers
            .iter()
            .filter(|p| p.kind == ProviderKind::Relay)
            .map(|p| p.id.as_str())
            .collect()
    }

    /// The schedules in words, e.g. "holysheep: 10 warm pairs every 15m".
    pub fn schedule_texts(&self) -> Vec<String> {
        self.targets
            .schedules
            .iter()
            .map(|s| {
                let every = every_text(s.every);
                match s.check {
                    Check::Latency => format!(
                        "{}: {} {} pairs every {every}",
                        s.relay,
                        s.pairs,
                        s.connection.code()
                    ),
                    Check::Honesty => format!("{}: honesty check every {every}", s.relay),
                    Check::Audit => format!("{}: audit every {every}", s.relay),
                }
            })
            .collect()
    }

    /// Days of history kept (30 until pruning is started with another).
    pub fn retention_days(&self) -> u32 {
        self.retention.get().map_or(30, |d| {
            u32::try_from(d.as_secs().div_ceil(86_400)).unwrap_or(u32::MAX)
        })
    }

    /// Deletes the runs older than `retention` now and then every `every`.
    pub fn spawn_pruning(self: &Arc<Self>, retention: Duration, every: Duration) -> JoinHandle<()> {
        let _ = self.retention.set(retention);
        let service = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(MissedTickBehavior::Skip);
            loop {
                tick.tick().await;
                service.flush_unsaved().await;
                service.prune(retention).await;
            }
        })
    }

    /// Deletes the runs older than `retention`; returns how many went.
    pub async fn prune(&self, retention: Duration) -> u64 {
        let Some(store) = self.store.get() else {
            return 0;
        };
        let keep_ms = i64::try_from(retention.as_millis()).unwrap_or(i64::MAX);
        match store.prune(now_ms().saturating_sub(keep_ms)).await {
            Ok(n) => n,
            Err(e) => {
                tracing::error!(error = %e, "probe history: pruning failed");
                0
            }
        }
    }
}

/// `15m`, `1h`, `90s`: the largest unit that divides the duration.
fn every_text(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        _ if s.is_multiple_of(86_400) => format!("{}d", s / 86_400),
        _ if s.is_multiple_of(3600) => format!("{}h", s / 3600),
        _ if s.is_multiple_of(60) => format!("{}m", s / 60),
        _ => format!("{s}s"),
    }
}
