//! Calls to an app with a probe service ([`crate::support::TestApp`] built
//! with `.probe(targets)`), mocked targets and runs, for the probe tests.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi_probe::guard::Lookup;
use llm_roi_probe::targets::ProbeTargets;
use llm_roi_probe_mocks::{relay_app, serve, upstream_app, Delay};
use serde_json::Value;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

pub async fn call(app: &axum::Router, method: &str, uri: &str, body: &str) -> (StatusCode, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// Mocks behind the test pricebook: anthropic → the mock upstream,
/// holysheep → a relay adding `added_ms` in front of it.
pub async fn mocked_targets(added_ms: u64) -> ProbeTargets {
    let upstream = serve(upstream_app(Delay::ms(3)), None).await;
    let relay = serve(relay_app(upstream, Delay::ms(added_ms)), None).await;
    let mut t = ProbeTargets::default();
    t.base_urls.insert(
        "anthropic".into(),
        url::Url::parse(&format!("http://127.0.0.1:{}", upstream.port())).unwrap(),
    );
    t.base_urls.insert(
        "holysheep".into(),
        url::Url::parse(&format!("http://127.0.0.1:{}/v1", relay.port())).unwrap(),
    );
    t
}

pub async fn wait_done(app: &axum::Router, id: &str) -> Value {
    for _ in 0..300 {
        let (status, body) = call(app, "GET", &format!("/api/v1/probe/runs/{id}"), "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        if v["status"] != "running" {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("run {id} did not finish");
}

/// Starts a run with `body`, asserts 202 and returns the run id.
pub async fn start_run(app: &axum::Router, body: &str) -> String {
    start_run_with_token(app, body).await.0
}

/// Starts a run with `body`, asserts 202 and returns its id and cancel token.
pub async fn start_run_with_token(app: &axum::Router, body: &str) -> (String, String) {
    let (status, text) = call(app, "POST", "/api/v1/probe/runs", body).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    (
        v["id"].as_str().unwrap().to_string(),
        v["cancel_token"].as_str().unwrap().to_string(),
    )
}

/// A name table for the guard that counts its lookups.
#[derive(Clone, Default)]
pub struct CountingLookup(pub Arc<AtomicUsize>);

impl Lookup for CountingLookup {
    fn lookup<'a>(
        &'a self,
        _host: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, String>> + Send + 'a>> {
        self.0.fetch_add(1, Ordering::Relaxed);
        Box::pin(async { Ok(vec![IpAddr::V4(std::net::Ipv4Addr::new(10, 1, 2, 3))]) })
    }
}

/// A new, empty directory under the system's temporary directory.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "llm-roi-test-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The token the probe page's forms (honesty check, audit) carry.
pub async fn form_token(app: &axum::Router) -> String {
    let (_, page) = call(app, "GET", "/probe", "").await;
    let key = "name=\"csrf\" value=\"";
    let at = page.find(key).unwrap() + key.len();
    page[at..at + 32].to_string()
}

/// A fresh mock upstream (`anthropic`, an empty cache) and a relay in
/// `mode` in front of it (`holysheep`), neither adding delay.
pub async fn mock_pair(mode: llm_roi_probe_mocks::Mode) -> llm_roi_probe::targets::ProbeTargets {
    use llm_roi_probe_mocks::{relay_app_with, serve, upstream_app, Delay};
    let upstream = serve(upstream_app(Delay::ms(0)), None).await;
    let relay = serve(relay_app_with(upstream, Delay::ms(0), mode), None).await;
    let mut t = llm_roi_probe::targets::ProbeTargets::default();
    t.base_urls.insert(
        "anthropic".into(),
        url::Url::parse(&format!("http://{upstream}")).unwrap(),
    );
    t.base_urls.insert(
        "holysheep".into(),
        url::Url::parse(&format!("http://{relay}/v1")).unwrap(),
    );
    t
}
