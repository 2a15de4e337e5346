//! The probe's bounds: runs forgotten past the limits, the per-client rate
//! and the in-flight cap applied before any name is looked up, refusals that
//! name a class and not the address, and the allowed ports.

use super::support::{call, mocked_targets, start_run, wait_done, CountingLookup};
use crate::support::TestApp;
use axum::http::StatusCode;
use llm_roi_probe::{service::Limits, targets::ProbeTargets};
use std::sync::atomic::Ordering;
use std::time::Duration;

fn custom() -> ProbeTargets {
    ProbeTargets {
        allow_custom_targets: true,
        ..ProbeTargets::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_target_is_not_looked_up_once_the_client_is_over_its_rate() {
    let lookups = CountingLookup::default();
    let limits = Limits::default();
    let app = TestApp::builder()
        .probe(custom())
        .limits(limits.clone())
        .lookup(lookups.clone())
        .build()
        .router();
    let body = r#"{"target_url":"https://relay.example.com/v1"}"#;
    for _ in 0..limits.starts_per_client_per_minute {
        let (status, text) = call(&app, "POST", "/api/v1/probe/runs", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
        assert!(text.contains("resolves to a private address"), "{text}");
        assert!(!text.contains("10.1.2.3"), "the address leaked: {text}");
    }
    assert_eq!(
        lookups.0.load(Ordering::Relaxed),
        limits.starts_per_client_per_minute
    );
    for _ in 0..20 {
        let (status, text) = call(&app, "POST", "/api/v1/probe/runs", body).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{text}");
    }
    assert_eq!(
        lookups.0.load(Ordering::Relaxed),
        limits.starts_per_client_per_minute,
        "a start over the rate was looked up"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_port_outside_the_allowed_ones_is_refused_without_a_lookup() {
    let lookups = CountingLookup::default();
    let app = TestApp::builder()
        .probe(custom())
        .limits(Limits::default())
        .lookup(lookups.clone())
        .build()
        .router();
    let body = r#"{"target_url":"https://relay.example.com:6379/"}"#;
    let (status, text) = call(&app, "POST", "/api/v1/probe/runs", body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    assert!(text.contains("port 6379 is not allowed"), "{text}");
    assert_eq!(lookups.0.load(Ordering::Relaxed), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finished_runs_are_forgotten_past_the_count_and_the_time() {
    let limits = Limits {
        max_kept_runs: 3,
        keep_finished_for: Duration::from_secs(2),
        starts_per_client_per_minute: 100,
        ..Limits::default()
    };
    let app = TestApp::builder()
        .probe(mocked_targets(1).await)
        .limits(limits)
        .lookup(CountingLookup::default())
        .build()
        .router();
    let mut ids = Vec::new();
    for _ in 0..5 {
        let id = start_run(
            &app,
            r#"{"relay":"holysheep","pairs":1,"connection":"cold"}"#,
        )
        .await;
        wait_done(&app, &id).await;
        ids.push(id);
    }
    let status = |id: &str| {
        let app = app.clone();
        let uri = format!("/api/v1/probe/runs/{id}");
        async move { call(&app, "GET", &uri, "").await.0 }
    };
    // Three kept: the two least recently read went first.
    assert_eq!(status(&ids[0]).await, StatusCode::NOT_FOUND);
    assert_eq!(status(&ids[1]).await, StatusCode::NOT_FOUND);
    for id in &ids[2..] {
        assert_eq!(status(id).await, StatusCode::OK, "{id}");
    }
    // Past the keeping time, the next start forgets them all.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let last = start_run(
        &app,
        r#"{"relay":"holysheep","pairs":1,"connection":"cold"}"#,
    )
    .await;
    for id in &ids {
        assert_eq!(status(id).await, StatusCode::NOT_FOUND, "{id}");
    }
    assert_eq!(status(&last).await, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_has_its_rate_and_ipv6_counts_per_64() {
    use axum::body::Body;
    use axum::http::Request;
    use llm_roi::server::client_ip::TrustedProxies;
    use llm_roi::server::site::Site;
    use tower::ServiceExt;
    let limits = Limits {
        starts_per_client_per_minute: 1,
        ..Limits::default()
    };
    // In-process requests have no peer address: 0.0.0.0 stands for the proxy.
    let site = Site {
        trusted_proxies: TrustedProxies::parse("0.0.0.0").unwrap(),
        ..Site::default()
    };
    let app = TestApp::builder()
        .probe(custom())
        .limits(limits)
        .lookup(CountingLookup::default())
        .site(site)
        .build()
        .router();
    let start = |client: &'static str| {
        let app = app.clone();
        async move {
            let req = Request::post("/api/v1/probe/runs")
                .header("content-type", "application/json")
                .header("x-forwarded-for", client)
                .body(Body::from(
                    r#"{"target_url":"https://relay.example.com/v1"}"#,
                ))
                .unwrap();
            app.oneshot(req).await.unwrap().status()
        }
    };
    let over = StatusCode::TOO_MANY_REQUESTS;
    assert_ne!(start("198.51.100.1").await, over);
    assert_ne!(start("198.51.100.2").await, over);
    assert_eq!(start("198.51.100.1").await, over);
    assert_ne!(start("2001:db8:1:2::1").await, over);
    assert_eq!(start("2001:db8:1:2:ffff::9").await, over, "the same /64");
    assert_ne!(start("2001:db8:1:3::1").await, over);
}
