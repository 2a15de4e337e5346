//! The honesty check against a mock relay in each of its modes: passing
//! requests through, naming another model, adding a hidden prompt and
//! answering with another model's text.

use super::support::{call, form_token, scratch_dir};
use crate::support::TestApp;
use axum::http::StatusCode;
use llm_roi_probe::service::Limits;
use llm_roi_probe::store::ProbeStore;
use llm_roi_probe::targets::ProbeTargets;
use llm_roi_probe_mocks::{Mode, RelayMode, GOOD_KEY};
use serde_json::Value;
use std::sync::Arc;

/// `POST /api/v1/probe/honesty` with `body`.
async fn check(app: &axum::Router, body: &str) -> (StatusCode, String) {
    call(app, "POST", "/api/v1/probe/honesty", body).await
}

fn key_env(provider: &str) -> String {
    format!("LLM_ROI_TEST_HONESTY_{}_API_KEY", provider.to_uppercase())
}

async fn targets(mode: Mode) -> ProbeTargets {
    super::support::mock_pair(mode).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_mock_mode_gets_its_verdict() {
    for provider in ["anthropic", "holysheep"] {
        std::env::set_var(key_env(provider), GOOD_KEY);
    }
    let mode = Mode::new(RelayMode::PassThrough);
    let dir = scratch_dir("honesty");
    let built = TestApp::builder()
        .probe(targets(mode.clone()).await)
        .limits(Limits::default())
        .keys_from(key_env)
        .build();
    let (service, app) = (built.probe_service(), built.router());
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));

    let (status, plan) = call(&app, "GET", "/api/v1/probe/honesty?relay=holysheep", "").await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let plan: Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(
        (
            plan["prompts"].as_u64(),
            plan["requests"].as_u64(),
            plan["ready"].as_bool()
        ),
        (Some(5), Some(10), Some(true))
    );
    // 5 prompts of 314 bytes in all, plus 20 framing tokens each = 414
    // input tokens at most, and 144 output (their max_tokens). Direct, Haiku
    // 4.5 at $1 / $5 per 1M: $0.000414 + $0.000720 = $0.001134. HolySheep,
    // flat ¥1 per 1M: 558 tokens = ¥0.000558 = $0.0000785915… at 7.10 CNY
    // per USD. Total $0.0012125915…, rounded up: $0.001213.
    assert_eq!(plan["max_cost_usd"], "0.001213", "{plan}");

    let expected = [
        (RelayMode::PassThrough, "consistent", "consistent with claude-haiku-4-5 (5 of 5 prompts: same input tokens, same model id, similarity 100 %)"),
        (RelayMode::OtherModelId, "differs", "not consistent with claude-haiku-4-5: another model id on 5 of 5 prompts (claude-3-haiku-20240307)"),
        // The hidden system prompt is 14 words: 14 more input tokens on the mock.
        (RelayMode::HiddenPrompt, "differs", "not consistent with claude-haiku-4-5: other input tokens on 5 of 5 (relay +14 on average: another tokenizer, or a hidden prompt)"),
        (RelayMode::OtherText, "differs", "not consistent with claude-haiku-4-5: texts below 90 % alike on 5 of 5 (similarity "),
    ];
    for (m, kind, text) in expected {
        mode.set(m);
        let (status, body) = check(&app, r#"{"relay":"holysheep"}"#).await;
        assert_eq!(status, StatusCode::OK, "{m:?}: {body}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["verdict"]["kind"], kind, "{m:?}: {body}");
        assert!(
            v["verdict"]["text"].as_str().unwrap().starts_with(text),
            "{m:?}: {}",
            v["verdict"]["text"]
        );
        assert_eq!(v["checks"].as_array().unwrap().len(), 5);
    }
    // Every check is stored, and the history shows the latest.
    let (_, body) = call(&app, "GET", "/api/v1/probe/history?relay=holysheep", "").await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["honesty"][0]["verdict"]["kind"], "differs", "{body}");
    let stored = service.stored_since(0).await.unwrap();
    assert_eq!(stored.len(), 4);
    assert!(stored
        .iter()
        .all(|r| r.authenticated && r.relay_requests == 5));
    // The check counts 10 requests against the hourly budget.
    assert_eq!(service.budget().0, 40);
    // The page's form runs it too, and sends the browser back to the result.
    mode.set(RelayMode::PassThrough);
    let csrf = form_token(&app).await;
    let req = axum::http::Request::post("/probe/honesty")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!(
            "relay=holysheep&csrf={csrf}"
        )))
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/probe#honesty");
    let (_, page) = call(&app, "GET", "/probe", "").await;
    assert!(
        page.contains("consistent with claude-haiku-4-5 (5 of 5 prompts"),
        "the page lacks the latest verdict"
    );
    let req = axum::http::Request::post("/probe/honesty")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("relay=nope&csrf={csrf}")))
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.starts_with("/probe?honesty_error=%60relay%60+must+be+one+of"),
        "{to}"
    );
    let (_, page) = call(&app, "GET", to.trim_end_matches("#honesty"), "").await;
    assert!(
        page.contains("The check did not run: `relay` must be one of: "),
        "the page lacks the reason"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_check_needs_both_keys_and_room_in_the_budget() {
    let built = TestApp::builder()
        .probe(targets(Mode::new(RelayMode::PassThrough)).await)
        .limits(Limits::default())
        .keys_from(|p: &str| format!("LLM_ROI_TEST_UNSET_{p}_KEY"))
        .build();
    let app = built.router();
    let (status, body) = check(&app, r#"{"relay":"holysheep"}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body.contains("the honesty check needs both API keys: set LLM_ROI_TEST_UNSET_"),
        "{body}"
    );

    for provider in ["anthropic", "holysheep"] {
        std::env::set_var(key_env(provider), GOOD_KEY);
    }
    let limits = Limits {
        auth_requests_per_hour: 5,
        ..Limits::default()
    };
    let built = TestApp::builder()
        .probe(targets(Mode::new(RelayMode::PassThrough)).await)
        .limits(limits)
        .keys_from(key_env)
        .build();
    let app = built.router();
    let (status, body) = check(&app, r#"{"relay":"holysheep"}"#).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("hourly budget of 5"), "{body}");
    let (status, body) = check(&app, r#"{"relay":"anthropic"}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("`relay` must be one of: "), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servers_on_one_postgres_spend_from_one_budget() {
    let Some(pg) = super::pg_cluster::PgCluster::start("budget") else {
        return;
    };
    for provider in ["anthropic", "holysheep"] {
        std::env::set_var(key_env(provider), GOOD_KEY);
    }
    // Room for 15 requests an hour: one check (10) on either server.
    let limits = Limits {
        auth_requests_per_hour: 15,
        ..Limits::default()
    };
    let mut apps = Vec::new();
    for _ in 0..2 {
        let built = TestApp::builder()
            .probe(targets(Mode::new(RelayMode::PassThrough)).await)
            .limits(limits.clone())
            .keys_from(key_env)
            .build();
        let store = ProbeStore::open_postgres(&pg.url()).await.unwrap();
        built.probe_service().attach_store(Arc::new(store));
        apps.push(built.router());
    }
    let (status, body) = check(&apps[0], r#"{"relay":"holysheep"}"#).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = check(&apps[1], r#"{"relay":"holysheep"}"#).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(body.contains("hourly budget of 15"), "{body}");
    let (_, body) = call(&apps[1], "GET", "/api/v1/probe/status", "").await;
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["auth_budget"]["used_this_hour"], 10, "{body}");
}
