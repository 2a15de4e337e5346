//! Who may spend the keys: with `--admin-token`, only a request with the
//! token runs authenticated or runs the honesty check; without one, a
//! server on another address than loopback lets no request spend. And a
//! state-changing request from another site is refused, whatever it holds.

use super::support::{mocked_targets, wait_done};
use crate::support::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use llm_roi::server::operator::Operator;
use serde_json::Value;
use tower::ServiceExt;

const PUBLIC: std::net::SocketAddr = std::net::SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::UNSPECIFIED,
    3000,
));

async fn post(
    app: &axum::Router,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (StatusCode, String) {
    let mut req = Request::post(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn app_with(operator: Operator) -> axum::Router {
    let key_env =
        |provider: &str| format!("LLM_ROI_TEST_OPERATOR_{}_API_KEY", provider.to_uppercase());
    for provider in ["anthropic", "holysheep"] {
        std::env::set_var(key_env(provider), llm_roi_probe_mocks::GOOD_KEY);
    }
    TestApp::builder()
        .probe(mocked_targets(10).await)
        .keys_from(key_env)
        .operator(operator)
        .build()
        .router()
}

const JSON: (&str, &str) = ("content-type", "application/json");
const RUN: &str = r#"{"relay":"holysheep","pairs":2}"#;

async fn run_mode(app: &axum::Router, headers: &[(&str, &str)]) -> String {
    let (status, text) = post(app, "/api/v1/probe/runs", headers, RUN).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    let done = wait_done(app, v["id"].as_str().unwrap()).await;
    done["mode"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_token_spends_the_keys() {
    let app = app_with(Operator::new(Some("op-s3cret"), PUBLIC)).await;
    let bearer = ("authorization", "Bearer op-s3cret");
    assert!(run_mode(&app, &[JSON]).await.starts_with("unauthenticated"));
    assert!(run_mode(&app, &[JSON, bearer])
        .await
        .starts_with("authenticated"));
    let (status, text) = post(
        &app,
        "/api/v1/probe/runs",
        &[JSON, ("authorization", "Bearer nope")],
        RUN,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{text}");
    assert!(text.contains("operator token is wrong"), "{text}");
    let honesty = r#"{"relay":"holysheep"}"#;
    let (status, text) = post(&app, "/api/v1/probe/honesty", &[JSON], honesty).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{text}");
    assert!(text.contains("send the operator token"), "{text}");
    // The no-JS form: without its token field, the page says what is needed.
    let (status, _) = post(
        &app,
        "/probe/honesty",
        &[("content-type", "application/x-www-form-urlencoded")],
        "relay=holysheep&csrf=stale",
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_a_public_server_spends_nothing_on_request() {
    let app = app_with(Operator::new(None, PUBLIC)).await;
    assert!(run_mode(&app, &[JSON]).await.starts_with("unauthenticated"));
    let (status, text) = post(
        &app,
        "/api/v1/probe/honesty",
        &[JSON],
        r#"{"relay":"holysheep"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{text}");
    assert!(text.contains("--admin-token"), "{text}");
}

#[tokio::test]
async fn state_changing_requests_from_other_sites_are_refused() {
    let app = app_with(Operator::new(Some("op-s3cret"), PUBLIC)).await;
    let bearer = ("authorization", "Bearer op-s3cret");
    for (headers, status) in [
        (
            vec![JSON, bearer, ("sec-fetch-site", "cross-site")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![JSON, bearer, ("sec-fetch-site", "same-site")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![JSON, bearer, ("origin", "https://evil.example")],
            StatusCode::FORBIDDEN,
        ),
        (
            vec![("content-type", "text/plain"), bearer],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (vec![bearer], StatusCode::UNSUPPORTED_MEDIA_TYPE),
    ] {
        for uri in [
            "/api/v1/probe/runs",
            "/api/v1/probe/honesty",
            "/api/v1/probe/runs/x/cancel",
        ] {
            let (got, text) = post(&app, uri, &headers, RUN).await;
            assert_eq!(got, status, "{uri} {headers:?}: {text}");
        }
    }
    for uri in ["/api/fn/probe_start", "/probe/honesty", "/api/v1/workloads"] {
        let (got, text) = post(&app, uri, &[("origin", "https://evil.example")], "").await;
        assert_eq!(got, StatusCode::FORBIDDEN, "{uri}: {text}");
    }
    // The site itself (its Host) and same-origin fetches pass.
    let same = [
        JSON,
        bearer,
        ("host", "roi.example"),
        ("origin", "https://roi.example"),
        ("sec-fetch-site", "same-origin"),
    ];
    let (got, text) = post(&app, "/api/v1/probe/runs", &same, RUN).await;
    assert_eq!(got, StatusCode::ACCEPTED, "{text}");
}
