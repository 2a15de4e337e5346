//! The app with a probe service, and calls to it, for the probe API tests.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::{router, state};
use llm_roi_prices::pricing_dir::load_dir;
use llm_roi_probe::guard::Lookup;
use llm_roi_probe::{build_service, build_service_with, service::Limits, targets::ProbeTargets};
use llm_roi_probe_mocks::{relay_app, serve, upstream_app, Delay};
use serde_json::Value;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

/// The frozen test pricebook.
const PRICING: &str = "tests/fixtures/pricebook-2026-11-24";

/// The address the options name; in-process tests listen nowhere.
const PRICING_ADDR: std::net::SocketAddr = std::net::SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::LOCALHOST,
    3000,
));

/// The app over the test pricebook with a probe service for `targets`;
/// provider keys come from the pricebook's `api_key_env` variables.
pub async fn app(targets: ProbeTargets) -> axum::Router {
    app_with(targets, |_| None).await
}

/// [`app`], with each provider's key read from the variable `key_env(id)`.
pub async fn app_reading_keys_from(
    targets: ProbeTargets,
    key_env: impl Fn(&str) -> String,
) -> axum::Router {
    app_with(targets, |id| Some(key_env(id))).await
}

async fn app_with(targets: ProbeTargets, key_env: impl Fn(&str) -> Option<String>) -> axum::Router {
    let mut pricebook = load_dir(std::path::Path::new(PRICING)).unwrap();
    for p in &mut pricebook.providers {
        if let Some(var) = key_env(&p.id) {
            p.api_key_env = Some(var);
        }
    }
    let book = state::LoadedBook::new(pricebook);
    let probe = build_service(book.pricebook.clone(), targets, Limits::default()).unwrap();
    router::build(state::AppState {
        leptos_options: llm_roi::server::startup::leptos_options("target/site", PRICING_ADDR),
        book,
        site: Default::default(),
        probe: Some(probe),
    })
}

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

/// The app with these probe limits, resolving every name with `lookup`
/// (to 10.1.2.3, a private address).
pub fn app_limited(targets: ProbeTargets, limits: Limits, lookup: CountingLookup) -> axum::Router {
    let book = state::LoadedBook::new(load_dir(std::path::Path::new(PRICING)).unwrap());
    let probe =
        build_service_with(book.pricebook.clone(), targets, limits, Box::new(lookup)).unwrap();
    router::build(state::AppState {
        leptos_options: llm_roi::server::startup::leptos_options("target/site", PRICING_ADDR),
        book,
        site: Default::default(),
        probe: Some(probe),
    })
}

/// The probe service over the test pricebook, and the app serving it; each
/// provider's key is read from `key_env(id)` when given.
pub fn service_and_app(
    targets: ProbeTargets,
    limits: Limits,
    key_env: Option<&dyn Fn(&str) -> String>,
) -> (Arc<llm_roi_probe::service::ProbeService>, axum::Router) {
    let mut pricebook = load_dir(std::path::Path::new(PRICING)).unwrap();
    if let Some(key_env) = key_env {
        for p in &mut pricebook.providers {
            p.api_key_env = Some(key_env(&p.id));
        }
    }
    let book = state::LoadedBook::new(pricebook);
    let probe = build_service(book.pricebook.clone(), targets, limits).unwrap();
    let app = router::build(state::AppState {
        leptos_options: llm_roi::server::startup::leptos_options("target/site", PRICING_ADDR),
        book,
        site: Default::default(),
        probe: Some(probe.clone()),
    });
    (probe, app)
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
