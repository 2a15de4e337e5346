//! The probe's history is optional: the server starts and serves without
//! it (an unwritable data directory, an unreachable PostgreSQL), says the
//! history is unavailable, keeps finished runs in memory and writes them
//! once the store opens.

use super::pg_cluster::PgCluster;
use super::support::{call, mocked_targets, scratch_dir, start_run, wait_done};
use crate::support::TestApp;
use axum::http::StatusCode;
use llm_roi_probe::store::ProbeStore;
use serde_json::Value;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_finished_before_the_store_opens_is_written_when_it_does() {
    let built = TestApp::builder().probe(mocked_targets(0).await).build();
    let service = built.probe_service();
    service.expect_store();
    let app = built.router();
    let id = start_run(&app, r#"{"relay":"holysheep","pairs":2}"#).await;
    wait_done(&app, &id).await;
    assert_eq!(service.unsaved(), 1);
    let (status, body) = call(&app, "GET", "/api/v1/probe/history", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert!(
        v["store"].as_str().unwrap().starts_with("unavailable"),
        "{body}"
    );
    let dir = scratch_dir("store-late");
    let store = Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap());
    service.attach_store(store.clone());
    assert!(service.flush_unsaved().await);
    assert_eq!(service.unsaved(), 0);
    let stored = store.finished_since(0).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, id);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_finished_while_postgres_is_down_lands_after_it_restarts() {
    let Some(pg) = PgCluster::start("restart") else {
        return;
    };
    // 400 ms added per relay request: the run lasts over 1.5 s.
    let built = TestApp::builder().probe(mocked_targets(400).await).build();
    let service = built.probe_service();
    let store = Arc::new(ProbeStore::open_postgres(&pg.url()).await.unwrap());
    service.attach_store(store.clone());
    let app = built.router();
    let id = start_run(&app, r#"{"relay":"holysheep","pairs":3}"#).await;
    pg.stop();
    assert_eq!(
        service.view(&id).map(|v| v.status),
        Some(llm_roi_core::probe::run::RunStatus::Running),
        "the run ended before PostgreSQL stopped"
    );
    wait_done(&app, &id).await;
    let until = Instant::now() + Duration::from_secs(10);
    while service.unsaved() == 0 && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(service.unsaved(), 1, "the run was not kept in memory");
    // Reading the history waits for the database at most its acquire timeout.
    let started = Instant::now();
    let (status, _) = call(&app, "GET", "/api/v1/probe/history", "").await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the history waited {:?} ({status})",
        started.elapsed()
    );

    pg.restart();
    // The server's flush loop retries every 10 s; here it is called until
    // the pool has reconnected.
    let until = Instant::now() + Duration::from_secs(20);
    while !service.flush_unsaved().await {
        assert!(
            Instant::now() < until,
            "the run was not written after the restart"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let stored = store.finished_since(0).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, id);
    let (status, body) = call(&app, "GET", "/api/v1/probe/history", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"store\":\"PostgreSQL\""), "{body}");
}

/// The binary on a free port with `args`; killed when dropped.
struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn server(args: &[&str]) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_llm-roi"))
        .args(["--addr", &format!("127.0.0.1:{port}")])
        .args(["--pricing-dir", "tests/fixtures/pricebook-2026-11-24"])
        .args(["--today", "2026-11-24"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server(child, port)
}

/// GETs `path` over TCP: the status line and the body.
async fn get(port: u16, path: &str) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).await.ok()?;
    Some(text)
}

/// Waits (at most 20 s) until the server answers `path`.
async fn first_answer(port: u16, path: &str) -> String {
    let start = Instant::now();
    loop {
        if let Some(text) = get(port, path).await {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not answer {path}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_server_serves_without_its_store() {
    let dir = scratch_dir("not-a-dir");
    let file = dir.join("data");
    std::fs::write(&file, "a file where the data directory should be").unwrap();
    let unwritable = ["--data-dir", file.to_str().unwrap()];
    // Port 1 refuses at once: PostgreSQL is down.
    let unreachable = ["--database-url", "postgres://llm:roi@127.0.0.1:1/history"];
    for args in [&unwritable[..], &unreachable[..]] {
        let s = server(args);
        let page = first_answer(s.1, "/report?rpd=1000").await;
        assert!(
            page.starts_with("HTTP/1.1 200"),
            "{args:?}: {}",
            &page[..page.len().min(300)]
        );
        let started = Instant::now();
        let history = first_answer(s.1, "/api/v1/probe/history").await;
        assert!(history.starts_with("HTTP/1.1 200"), "{args:?}: {history}");
        assert!(
            history.contains("\"store\":\"unavailable"),
            "{args:?}: {history}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{args:?}: the history waited on the store"
        );
        assert!(!history.contains("roi@"), "{args:?}: the URL is published");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
