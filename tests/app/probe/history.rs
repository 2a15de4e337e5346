//! Schedules fill the history, a restart keeps it, retention prunes it, and
//! the history routes show it.

use super::support::{call, mocked_targets, scratch_dir, start_run, wait_done};
use crate::support::TestApp;
use axum::http::StatusCode;
use llm_roi_core::probe::history::{Origin, Outcome};
use llm_roi_core::probe::sample::Connection;
use llm_roi_probe::schedule::{Check, Schedule};
use llm_roi_probe::service::Limits;
use llm_roi_probe::store::{now_ms, ProbeStore};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

fn every_second(pairs: usize) -> Schedule {
    Schedule {
        relay: "holysheep".into(),
        every: Duration::from_secs(1),
        pairs,
        connection: Connection::Warm,
        check: Check::Latency,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_schedule_fills_the_store_and_a_restart_keeps_it() {
    let dir = scratch_dir("schedule");
    let mut targets = mocked_targets(20).await;
    targets.schedules = vec![every_second(6)];
    let built = TestApp::builder()
        .probe(targets.clone())
        .limits(Limits::default())
        .build();
    let (service, first_app) = (built.probe_service(), built.router());
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));
    let tasks = service.spawn_schedules();
    let mut stored = Vec::new();
    for _ in 0..150 {
        stored = service.stored_since(0).await.unwrap();
        if stored.len() >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for t in tasks {
        t.abort();
    }
    assert!(stored.len() >= 3, "{} runs after 15 s", stored.len());
    for r in &stored {
        assert_eq!(
            (r.origin, r.outcome, r.relay.as_str()),
            (Origin::Scheduled, Outcome::Done, "holysheep")
        );
        assert_eq!(r.overhead_us.len(), 6, "{r:?}");
        // The mock relay adds 20 ms.
        let mut d = r.overhead_us.clone();
        d.sort_unstable();
        assert!((18_000..40_000).contains(&d[3]), "{d:?}");
    }
    // A manual run is stored too, with its origin.
    let id = start_run(
        &first_app,
        r#"{"relay":"holysheep","pairs":6,"connection":"cold"}"#,
    )
    .await;
    wait_done(&first_app, &id).await;
    let mut manual = None;
    for _ in 0..50 {
        manual = service
            .stored_since(0)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.id == id);
        if manual.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let manual = manual.unwrap();
    assert_eq!(
        (manual.origin, manual.connection),
        (Origin::Manual, Connection::Cold)
    );
    drop(first_app);
    drop(service);

    // "Restart": a new service on the same directory sees every run.
    let built = TestApp::builder()
        .probe(targets)
        .limits(Limits::default())
        .build();
    let (service, app) = (built.probe_service(), built.router());
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));
    let again: Vec<_> = service
        .stored_since(0)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.connection == Connection::Warm)
        .collect();
    assert!(again.len() >= stored.len());
    let (status, body) = call(
        &app,
        "GET",
        "/api/v1/probe/history?relay=holysheep&window=24h",
        "",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    let relays = v["relays"].as_array().unwrap();
    assert_eq!(relays.len(), 2, "{body}");
    assert_eq!(relays[0]["connection"], "cold");
    let h = &relays[1];
    assert_eq!(h["relay"], "holysheep");
    assert_eq!(h["windows"].as_array().unwrap().len(), 1);
    let w = &h["windows"][0];
    assert_eq!(w["window"], "24h");
    assert_eq!(w["runs"].as_u64().unwrap() as usize, again.len());
    let median = w["overhead"]["median_ms"].as_f64().unwrap();
    assert!((18.0..40.0).contains(&median), "{w}");
    assert!(
        w["verdict"]["text"]
            .as_str()
            .unwrap()
            .contains("warm pairs"),
        "{w}"
    );
    assert_eq!(w["uptime"], 1.0);
    let (status, csv) = call(&app, "GET", "/probe/history.csv?relay=holysheep", "").await;
    assert_eq!(status, StatusCode::OK);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("relay,upstream,connection,row,from_utc,to_utc,window,runs,"));
    // Three windows and 24 slices for each connection kind (cold: the manual run).
    assert_eq!(lines.count(), 2 * (3 + 24), "{csv}");
    assert!(csv.contains("holysheep,anthropic,warm,window,"), "{csv}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_the_caps_refuse_is_stored_as_skipped_and_retention_prunes() {
    let dir = scratch_dir("skips");
    let limits = Limits {
        max_runs_in_flight: 0,
        ..Limits::default()
    };
    let built = TestApp::builder()
        .probe(mocked_targets(0).await)
        .limits(limits)
        .build();
    let (service, _) = (built.probe_service(), built.router());
    let store = Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap());
    service.attach_store(store.clone());
    service.run_schedule(&every_second(6)).await;
    let runs = service.stored_since(0).await.unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].outcome, Outcome::Skipped);
    assert_eq!(
        runs[0].detail.as_deref(),
        Some("0 probe runs are in flight already; try again when one ends")
    );
    // A run 31 days old goes with a 30-day retention; the skip stays.
    let mut old = runs[0].clone();
    old.id = "old".into();
    old.finished_at_ms = now_ms() - 31 * 86_400_000;
    store.insert(&old).await.unwrap();
    assert_eq!(service.prune(Duration::from_secs(30 * 86_400)).await, 1);
    let left = service.stored_since(0).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, runs[0].id);
    // Pruning on a schedule: a 1 s retention empties the store.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let task = service.spawn_pruning(Duration::from_secs(1), Duration::from_millis(200));
    for _ in 0..50 {
        if service.stored_since(0).await.unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    task.abort();
    assert!(service.stored_since(0).await.unwrap().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn history_routes_name_what_is_allowed() {
    let built = TestApp::builder()
        .probe(mocked_targets(0).await)
        .limits(Limits::default())
        .build();
    let app = built.router();
    for (uri, want) in [
        (
            "/api/v1/probe/history?window=1w",
            "`window` must be 24h, 72h or 7d; got `1w`",
        ),
        (
            "/api/v1/probe/history?relay=nope",
            "`relay` must be one of: ",
        ),
        (
            "/probe/history.csv?since=3",
            "unknown parameter `since`; allowed: relay, window",
        ),
        ("/api/v1/probe/honesty", "give `relay`"),
    ] {
        let (status, body) = call(&app, "GET", uri, "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(body.contains(want), "{uri}: {body}");
    }
    // Without a store nothing is kept, and the page says so.
    let (status, body) = call(&app, "GET", "/api/v1/probe/history", "").await;
    assert_eq!(status, StatusCode::OK);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["relays"], serde_json::json!([]));
    assert_eq!(v["store"], "memory only (no history is kept)");
}

fn stored(id: &str, minutes_ago: i64, diffs_ms: &[i64]) -> llm_roi_core::probe::history::StoredRun {
    let finished = now_ms() - minutes_ago * 60_000;
    llm_roi_core::probe::history::StoredRun {
        id: id.into(),
        relay: "holysheep".into(),
        upstream: "anthropic".into(),
        origin: Origin::Scheduled,
        kind: llm_roi_core::probe::history::RunKind::Latency,
        started_at_ms: finished - 2_000,
        finished_at_ms: finished,
        outcome: Outcome::Done,
        connection: Connection::Warm,
        authenticated: false,
        measured_from: "probe-host-1".into(),
        claimed_overhead_ms: Some(50),
        relay_requests: diffs_ms.len() as u32 + 1,
        relay_good: diffs_ms.len() as u32,
        errors: [("timeout".to_string(), 1)].into(),
        overhead_us: diffs_ms.iter().map(|d| d * 1000).collect(),
        detail: None,
    }
}

/// An app whose probe keeps its history in a new SQLite store that holds
/// one run, 30 minutes ago: 10 warm pairs of 10..=19 ms and a timeout.
async fn app_with_one_run(name: &str) -> (std::path::PathBuf, Arc<ProbeStore>, axum::Router) {
    let dir = scratch_dir(name);
    let store = Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap());
    store
        .insert(&stored("a", 30, &[10, 11, 12, 13, 14, 15, 16, 17, 18, 19]))
        .await
        .unwrap();
    let app = TestApp::builder()
        .probe(mocked_targets(0).await)
        .store(store.clone())
        .build()
        .router();
    (dir, store, app)
}

#[tokio::test]
async fn no_page_or_answer_publishes_the_store_path_or_the_host_name() {
    let (dir, _store, app) = app_with_one_run("published").await;
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let host = host.trim();
    for uri in [
        "/probe",
        "/api/v1/probe/history",
        "/api/v1/probe/status",
        "/report?rpd=1000",
    ] {
        let (status, text) = call(&app, "GET", uri, "").await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            !text.contains(&*dir.to_string_lossy()),
            "{uri} shows the data dir"
        );
        assert!(
            !text.contains("probe-history.sqlite"),
            "{uri} shows the file"
        );
        if host.len() >= 4 {
            assert!(!text.contains(host), "{uri} shows the host name `{host}`");
        }
    }
    let (_, text) = call(&app, "GET", "/api/v1/probe/history", "").await;
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["store"], "SQLite");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_probe_page_and_the_report_show_the_stored_history() {
    let (dir, store, app) = app_with_one_run("pages").await;
    let (status, page) = call(&app, "GET", "/probe", "").await;
    assert_eq!(status, StatusCode::OK);
    for want in [
        "History",
        "holysheep → anthropic, warm connections",
        "Measured from probe-host-1",
        "The vendor claims under 50 ms of added latency.",
        // 10 pairs 10..=19 ms: median 14.5, [x(2), x(9)] = [11, 18]; p90 x(9), p99 x(10).
        "1 runs, 10 good pairs",
        "14.5 ms (95 % CI 11.0–18.0 ms)",
        "18.0 / 19.0 ms",
        "90.91 % (10 of 11 requests)",
        "1 × timeout",
        "claimed &lt; 50 ms; measured median 14.5 ms (95 % CI 11.0–18.0 ms) over 10 warm pairs: the claim holds",
        "data-chart=\"probe-holysheep-warm\"",
        "Failed requests and skipped runs over time",
        "Does the relay serve the model it sells?",
        "Needs both API keys on the server: set ",
    ] {
        assert!(page.contains(want), "/probe lacks {want}");
    }
    // The report's probe section, cached under the history's state: a new
    // run changes the same link's report.
    let (_, report) = call(&app, "GET", "/report?in=0", "").await;
    assert!(report.contains("Relay latency, measured"));
    assert!(
        report.contains("14.5 ms (95 % CI 11.0–18.0 ms)"),
        "the report lacks the 24 h median"
    );
    store.insert(&stored("b", 20, &[30; 10])).await.unwrap();
    let (_, report) = call(&app, "GET", "/report?in=0", "").await;
    assert!(
        report.contains("2 runs, 20 good pairs"),
        "the cached report did not change"
    );
    // A report with no relay among its options has no probe section.
    let (_, plain) = call(
        &app,
        "GET",
        "/report?in=0&target=openai/gpt-4.1-mini&cmp=openai/gpt-4.1-mini",
        "",
    )
    .await;
    assert!(plain.contains("Cost by option") && !plain.contains("Relay latency, measured"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Times (epoch ms, RFC 3339 texts, the days in a measured `fb`) and the
/// store's location vary from run to run; everything else of the answer is
/// compared.
fn without_times(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                let volatile = k.ends_with("_ms")
                    && x.as_i64().is_some_and(|n| n > 1_000_000_000_000)
                    || k == "store"
                    || k == "fb"
                    || x.as_str().is_some_and(|s| {
                        s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') && s.starts_with("20")
                    });
                if volatile {
                    *x = Value::String("(varies)".into());
                } else {
                    without_times(x);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(without_times),
        _ => {}
    }
}

#[tokio::test]
async fn the_history_answer_is_the_golden_one() {
    let (dir, store, app) = app_with_one_run("golden").await;
    store.insert(&stored("b", 90, &[30; 10])).await.unwrap();
    let (status, body) = call(
        &app,
        "GET",
        "/api/v1/probe/history?relay=holysheep&window=24h",
        "",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut v: Value = serde_json::from_str(&body).unwrap();
    without_times(&mut v);
    crate::golden_check::golden("history", &v);
    let _ = std::fs::remove_dir_all(&dir);
}
