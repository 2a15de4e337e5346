//! The probe API end to end, in-process, against local mocks.

use super::support::{call, mocked_targets, start_run, start_run_with_token, wait_done};
use crate::support::TestApp;
use axum::http::StatusCode;
use llm_roi_probe::targets::ProbeTargets;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_warm_run_measures_the_relay_and_gives_a_verdict() {
    let built = TestApp::builder().probe(mocked_targets(40).await).build();
    // The operator's label, never the host name.
    built.probe_service().set_origin_label("eu-west office");
    let app = built.router();
    let id = start_run(
        &app,
        r#"{"relay":"holysheep","pairs":12,"connection":"warm"}"#,
    )
    .await;

    // The event stream ends with `done` and carries progress before it.
    let (status, events) = call(&app, "GET", &format!("/api/v1/probe/runs/{id}/events"), "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(events.contains("event: progress"), "{events}");
    assert!(
        events
            .trim_end()
            .rsplit("\n\n")
            .next()
            .unwrap()
            .starts_with("event: done"),
        "{events}"
    );

    let v = wait_done(&app, &id).await;
    assert_eq!(v["status"], "done");
    assert_eq!(v["done_requests"], v["total_requests"]);
    assert_eq!(v["samples"].as_array().unwrap().len(), 24);
    assert!(v["mode"].as_str().unwrap().starts_with("unauthenticated"));
    let median = v["report"]["overhead"]["median_ms"].as_f64().unwrap();
    assert!((median - 40.0).abs() <= 5.0, "median {median}");
    let verdict = v["report"]["verdict"]["text"].as_str().unwrap();
    assert!(
        verdict.starts_with("claimed < 50 ms; measured median"),
        "{verdict}"
    );
    assert!(verdict.contains("over 12 warm pairs"), "{verdict}");
    assert!(v["report"]["relay"]["phases"]["total"]["p99_us"]
        .as_u64()
        .is_some());
    assert_eq!(v["measured_from"], "eu-west office");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_can_be_cancelled() {
    let app = TestApp::builder()
        .probe(mocked_targets(100).await)
        .build()
        .router();
    let (id, token) = start_run_with_token(
        &app,
        r#"{"relay":"holysheep","pairs":50,"connection":"cold"}"#,
    )
    .await;
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert_ne!(id, token);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cancel = format!("/api/v1/probe/runs/{id}/cancel");
    let (status, text) = call(&app, "POST", &cancel, "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
    assert!(text.contains("cancel_token"), "{text}");
    let wrong = format!(r#"{{"token":"{}"}}"#, "0".repeat(32));
    let (status, text) = call(&app, "POST", &cancel, &wrong).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{text}");
    let (status, v) = call(&app, "GET", &format!("/api/v1/probe/runs/{id}"), "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        v.contains(r#""status":"running""#),
        "a wrong token stopped the run: {v:.200}"
    );
    let (status, _) = call(&app, "POST", &cancel, &format!(r#"{{"token":"{token}"}}"#)).await;
    assert_eq!(status, StatusCode::OK);
    let v = wait_done(&app, &id).await;
    assert_eq!(v["status"], "cancelled");
    assert!(v["done_requests"].as_u64().unwrap() < 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_starts_are_refused_with_the_right_status() {
    let app = TestApp::builder()
        .probe(ProbeTargets::default())
        .build()
        .router();
    let cases = [
        (
            r#"{"relay":"anthropic"}"#,
            StatusCode::BAD_REQUEST,
            "`relay` must be one of: holysheep, openrouter",
        ),
        (
            r#"{"relay":"holysheep","pairs":0}"#,
            StatusCode::BAD_REQUEST,
            "`pairs` must be from 1 to 50",
        ),
        (
            r#"{"relay":"holysheep","colour":"red"}"#,
            StatusCode::BAD_REQUEST,
            "unknown field `colour`",
        ),
        (
            r#"{"target_url":"https://example.com/"}"#,
            StatusCode::FORBIDDEN,
            "custom targets are off",
        ),
    ];
    for (body, status, needle) in cases {
        let (got, text) = call(&app, "POST", "/api/v1/probe/runs", body).await;
        assert_eq!(got, status, "{body}: {text}");
        assert!(text.contains(needle), "{body}: {text}");
    }
    for id in ["r1", "r999", "00000000000000000000000000000000"] {
        let (status, _) = call(&app, "GET", &format!("/api/v1/probe/runs/{id}"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
        let (status, _) = call(&app, "GET", &format!("/api/v1/probe/runs/{id}/events"), "").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{id}");
    }

    let open = ProbeTargets {
        allow_custom_targets: true,
        ..ProbeTargets::default()
    };
    let app = self::TestApp::builder().probe(open).build().router();
    for url in [
        "http://127.0.0.1:9/",
        "http://[::1]/",
        "http://169.254.169.254/",
        "http://2130706433/",
        "http://localhost/",
    ] {
        let (got, text) = call(
            &app,
            "POST",
            "/api/v1/probe/runs",
            &format!(r#"{{"target_url":"{url}"}}"#),
        )
        .await;
        assert_eq!(got, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {text}");
        assert!(text.contains("target refused"), "{text}");
    }
}
