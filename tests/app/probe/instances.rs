//! Several servers on one history run each scheduled tick once: the tick
//! (the wall-clock period of the schedule) is claimed in the store, and
//! only the server whose claim is first runs it. On SQLite (a file each
//! server opens) and on a PostgreSQL of the test's own.

use super::pg_cluster::PgCluster;
use super::support::{mocked_targets, scratch_dir};
use crate::support::TestApp;
use llm_roi_core::probe::history::Origin;
use llm_roi_core::probe::sample::Connection;
use llm_roi_probe::schedule::{Check, Schedule};
use llm_roi_probe::service::Limits;
use llm_roi_probe::store::{now_ms, ProbeStore};
use std::sync::Arc;
use std::time::Duration;

/// Where the servers keep their history.
enum Shared {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Shared {
    async fn open(&self) -> ProbeStore {
        match self {
            Shared::Sqlite(dir) => ProbeStore::open_sqlite(dir).await.unwrap(),
            Shared::Postgres(url) => ProbeStore::open_postgres(url).await.unwrap(),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_and_three_servers_on_one_sqlite_file_run_each_tick_once() {
    for servers in [2, 3] {
        let dir = scratch_dir(&format!("instances-{servers}"));
        each_tick_once(servers, &Shared::Sqlite(dir.clone())).await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_and_three_servers_on_one_postgres_run_each_tick_once() {
    let Some(pg) = PgCluster::start("instances") else {
        return;
    };
    for servers in [2, 3] {
        each_tick_once(servers, &Shared::Postgres(pg.url())).await;
    }
}

/// `servers` servers, each with its own pool on `shared`, tick a 1 s
/// schedule for about 4 s: one run per tick.
async fn each_tick_once(servers: usize, shared: &Shared) {
    {
        let mut targets = mocked_targets(0).await;
        targets.schedules = vec![Schedule {
            relay: "holysheep".into(),
            every: Duration::from_secs(1),
            pairs: 1,
            connection: Connection::Warm,
            check: Check::Latency,
        }];
        let mut services = Vec::new();
        for _ in 0..servers {
            let built = TestApp::builder()
                .probe(targets.clone())
                .limits(Limits::default())
                .build();
            let service = built.probe_service();
            // Each server its own pool on the same database.
            service.attach_store(Arc::new(shared.open().await));
            services.push(service);
        }
        let first_ms = now_ms();
        let tasks: Vec<_> = services.iter().flat_map(|s| s.spawn_schedules()).collect();
        tokio::time::sleep(Duration::from_millis(4_200)).await;
        for t in &tasks {
            t.abort();
        }
        let last_ms = now_ms();
        // Let a run that started before the abort be stored.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let store = services[0].store().unwrap();
        let runs: Vec<_> = store
            .finished_since(first_ms)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.origin == Origin::Scheduled)
            .collect();
        let ticks = last_ms / 1000 - first_ms / 1000 + 1;
        let n = i64::try_from(runs.len()).unwrap();
        eprintln!("{servers} servers: {n} scheduled runs over {ticks} ticks");
        assert!(
            n <= ticks && n >= ticks - 2,
            "{servers} servers: {n} runs over {ticks} ticks (each server ticks every tick)"
        );
        // The next round starts from an empty history (its claims too).
        store.prune(i64::MAX).await.unwrap();
    }
}
