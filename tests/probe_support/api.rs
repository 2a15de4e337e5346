//! The app with a probe service, and calls to it, for the probe API tests.

use super::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::probe::{build_service, service::Limits, targets::ProbeTargets};
use llm_roi::server::{pricing_dir::load_dir, router, state};
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

pub async fn app(targets: ProbeTargets) -> axum::Router {
    let book = state::LoadedBook::new(
        load_dir(std::path::Path::new("tests/fixtures/pricebook-2026-11-24")).unwrap(),
    );
    let probe = build_service(book.pricebook.clone(), targets, Limits::default()).unwrap();
    router::build(state::AppState {
        leptos_options: leptos::prelude::LeptosOptions::builder()
            .output_name("llm-roi")
            .build(),
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
    let (status, text) = call(app, "POST", "/api/v1/probe/runs", body).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    v["id"].as_str().unwrap().to_string()
}
