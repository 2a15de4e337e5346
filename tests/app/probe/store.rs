//! The history's database: the same tests on SQLite (always) and on
//! PostgreSQL (`LLM_ROI_TEST_DATABASE_URL`, set by `scripts/with-postgres.sh`
//! in `make test`; with `LLM_ROI_REQUIRE_POSTGRES=1` its absence fails).

use super::support::scratch_dir;
use llm_roi_core::probe::history::{Origin, Outcome, RunKind, StoredRun};
use llm_roi_core::probe::sample::Connection;
use llm_roi_probe::store::{ProbeStore, Spend, Stamp, StoreError};
use std::collections::BTreeMap;
use std::sync::Arc;

const HOUR_MS: i64 = 3_600_000;

fn run(id: &str, finished_at_ms: i64, outcome: Outcome) -> StoredRun {
    StoredRun {
        id: id.into(),
        relay: "holysheep".into(),
        upstream: "anthropic".into(),
        origin: Origin::Scheduled,
        kind: RunKind::Latency,
        started_at_ms: finished_at_ms - 900,
        finished_at_ms,
        outcome,
        connection: Connection::Warm,
        authenticated: true,
        measured_from: "probe-host".into(),
        claimed_overhead_ms: Some(50),
        relay_requests: 12,
        relay_good: 11,
        errors: BTreeMap::from([("5xx".to_string(), 1)]),
        overhead_us: vec![40_123, -250, 39_999, 41_000, 40_500, 40_001],
        detail: None,
    }
}

/// Every store operation, from an emptied store.
async fn suite(store: &ProbeStore) {
    store.prune(i64::MAX).await.unwrap();
    let stamp = |runs, first_ms, last_ms| Stamp {
        runs,
        first_ms,
        last_ms,
    };
    assert_eq!(store.stamp().await.unwrap(), stamp(0, 0, 0));
    // A schedule's tick is claimed once: the first claim wins.
    let key = format!("suite:{}", std::process::id());
    assert!(store.claim_tick(&key, 7).await.unwrap());
    assert!(!store.claim_tick(&key, 7).await.unwrap());
    assert!(store.claim_tick(&key, 8).await.unwrap());
    let a = run("a", 1_000, Outcome::Done);
    let mut b = run("b", 5_000, Outcome::Skipped);
    b.overhead_us.clear();
    b.claimed_overhead_ms = None;
    b.errors.clear();
    b.detail = Some("the hourly budget of 200 authenticated requests is spent".into());
    let mut c = run("c", 9_000, Outcome::Done);
    c.kind = RunKind::Honesty;
    c.origin = Origin::Manual;
    c.connection = Connection::Cold;
    c.detail = Some(r#"{"verdict":"é ✓ \"quoted\""}"#.into());
    for r in [&c, &a, &b] {
        store.insert(r).await.unwrap();
    }
    // The same id again is kept once, as first stored.
    let mut again = a.clone();
    again.relay_good = 0;
    store.insert(&again).await.unwrap();
    let all = store.finished_since(0).await.unwrap();
    assert_eq!(all, vec![a.clone(), b.clone(), c.clone()]);
    assert_eq!(
        store.finished_since(5_000).await.unwrap(),
        vec![b, c.clone()]
    );
    assert_eq!(store.stamp().await.unwrap(), stamp(3, 1_000, 9_000));
    assert_eq!(store.prune(5_000).await.unwrap(), 1);
    assert_eq!(store.stamp().await.unwrap(), stamp(2, 5_000, 9_000));
    assert_eq!(store.prune(i64::MAX).await.unwrap(), 2);
    assert!(store.finished_since(0).await.unwrap().is_empty());
    // The hourly budget: a spend passes while the sum stays within the cap.
    let base = store.spent_since(0).await.unwrap();
    let cap = base + 100;
    let spend = |n| store.spend(n, cap, HOUR_MS);
    assert_eq!(
        spend(60).await.unwrap(),
        Spend::Granted { spent: base + 60 }
    );
    assert_eq!(
        spend(50).await.unwrap(),
        Spend::Refused { spent: base + 60 }
    );
    assert_eq!(
        spend(40).await.unwrap(),
        Spend::Granted { spent: base + 100 }
    );
    assert_eq!(
        spend(1).await.unwrap(),
        Spend::Refused { spent: base + 100 }
    );
    assert_eq!(store.spent_since(0).await.unwrap(), base + 100);
    // Spends older than the window are forgotten.
    assert_eq!(
        store.spend(1, 1, -HOUR_MS).await.unwrap(),
        Spend::Granted { spent: 1 }
    );
}

/// Twenty spends of 10 at once, spread over `stores`, with room for 5 of
/// them: exactly 5 pass, whichever store each goes through.
async fn race(stores: &[Arc<ProbeStore>]) {
    let base = stores[0].spent_since(0).await.unwrap();
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = stores[i % stores.len()].clone();
            tokio::spawn(async move { store.spend(10, base + 50, HOUR_MS).await.unwrap() })
        })
        .collect();
    let mut granted = 0;
    for t in tasks {
        if matches!(t.await.unwrap(), Spend::Granted { .. }) {
            granted += 1;
        }
    }
    assert_eq!(granted, 5, "{} stores", stores.len());
    assert_eq!(stores[0].spent_since(0).await.unwrap(), base + 50);
}

#[tokio::test]
async fn sqlite_stores_reads_and_prunes_and_keeps_runs_across_opens() {
    let dir = scratch_dir("sqlite-store");
    let store = ProbeStore::open_sqlite(&dir).await.unwrap();
    suite(&store).await;
    let store = Arc::new(store);
    race(std::slice::from_ref(&store)).await;
    store
        .insert(&run("kept", 7_000, Outcome::Done))
        .await
        .unwrap();
    drop(store);
    // Opened again (a restart): the run is there and the migrations do not re-run.
    let store = ProbeStore::open_sqlite(&dir).await.unwrap();
    assert_eq!(
        store.finished_since(0).await.unwrap(),
        vec![run("kept", 7_000, Outcome::Done)]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn postgres_runs_the_same_suite() {
    let Some(url) = std::env::var("LLM_ROI_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        assert!(
            std::env::var("LLM_ROI_REQUIRE_POSTGRES").is_err(),
            "LLM_ROI_REQUIRE_POSTGRES is set but LLM_ROI_TEST_DATABASE_URL is not: run through scripts/with-postgres.sh"
        );
        eprintln!("skipped: no LLM_ROI_TEST_DATABASE_URL (make test sets one)");
        return;
    };
    let store = ProbeStore::open_postgres(&url).await.unwrap();
    suite(&store).await;
    // A second open (another server, or a restart) finds the schema applied.
    let other = ProbeStore::open_postgres(&url).await.unwrap();
    store
        .insert(&run("shared", 3_000, Outcome::Done))
        .await
        .unwrap();
    assert_eq!(other.finished_since(0).await.unwrap().len(), 1);
    other.prune(i64::MAX).await.unwrap();
    // Two servers spend from one budget: the advisory lock orders them.
    race(&[Arc::new(store), Arc::new(other)]).await;
}

#[tokio::test]
async fn a_database_url_that_is_not_postgres_is_refused_without_its_password() {
    let e = ProbeStore::open_postgres("mysql://me:hunter2@db/x")
        .await
        .err()
        .unwrap();
    assert!(matches!(e, StoreError::BadUrl(_)));
    let text = e.to_string();
    assert!(
        text.starts_with("--database-url must start with postgres://"),
        "{text}"
    );
    assert!(!text.contains("hunter2"), "{text}");
}
