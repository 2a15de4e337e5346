//! The relay audit against the mock relay in each of its modes: an honest
//! relay passes clean, and each misbehaviour gets its verdict.

use super::support::{call, form_token, scratch_dir};
use crate::support::TestApp;
use axum::http::StatusCode;
use llm_roi_probe::service::Limits;
use llm_roi_probe::store::ProbeStore;

use llm_roi_probe_mocks::{Mode, RelayMode, GOOD_KEY};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;
use std::sync::Arc;

fn key_env(provider: &str) -> String {
    format!("LLM_ROI_TEST_AUDIT_{}_API_KEY", provider.to_uppercase())
}

/// A fresh upstream (an empty cache) and a relay in `mode` in front of it.
async fn app(mode: RelayMode) -> (axum::Router, Arc<llm_roi_probe::service::ProbeService>) {
    for provider in ["anthropic", "holysheep"] {
        std::env::set_var(key_env(provider), GOOD_KEY);
    }
    let t = super::support::mock_pair(Mode::new(mode)).await;
    let built = TestApp::builder()
        .probe(t)
        .limits(Limits::default())
        .keys_from(key_env)
        .build();
    (built.router(), built.probe_service())
}

/// `POST /api/v1/probe/audit` of holysheep on `app`: the answer, which
/// must be 200.
async fn audit_on(app: &axum::Router) -> Value {
    let (status, body) = call(
        app,
        "POST",
        "/api/v1/probe/audit",
        r#"{"relay":"holysheep"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn audit(mode: RelayMode) -> Value {
    audit_on(&app(mode).await.0).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_honest_relay_passes_clean_and_the_audit_keeps_to_its_bound() {
    let dir = scratch_dir("audit");
    let (app, service) = app(RelayMode::PassThrough).await;
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));
    let (status, plan) = call(&app, "GET", "/api/v1/probe/audit?relay=holysheep", "").await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    let plan: Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(
        (plan["requests"].as_u64(), plan["ready"].as_bool()),
        (Some(20), Some(true))
    );
    let v = audit_on(&app).await;
    let body = v.to_string();
    assert_eq!(v["cache"]["verdict"], "honoured", "{body}");
    assert_eq!(
        (
            v["cache"]["relay_hit_pct"].as_f64(),
            v["cache"]["direct_hit_pct"].as_f64()
        ),
        (Some(100.0), Some(100.0))
    );
    assert_eq!(
        v["billing_offset"]["tokens_per_request"].as_f64(),
        Some(0.0),
        "{body}"
    );
    assert_eq!(
        v["billing_offset"]["interval_95"],
        serde_json::json!([0.0, 0.0])
    );
    assert_eq!(v["billing_offset"]["slope_ratio"].as_f64(), Some(1.0));
    assert_eq!(v["streaming"]["verdict"], "streams", "{body}");
    assert!(
        v["audited"]
            .as_str()
            .unwrap()
            .ends_with(": no change from list"),
        "{body}"
    );
    assert_eq!(
        (v["requests"].as_u64(), v["failed"].as_u64()),
        (Some(20), Some(0))
    );
    // What the tokens reported cost stays within the bound shown first.
    let spent = Decimal::from_str(v["spent_usd"].as_str().unwrap()).unwrap();
    let bound = Decimal::from_str(plan["max_cost_usd"].as_str().unwrap()).unwrap();
    assert!(spent > Decimal::ZERO && spent <= bound, "{spent} > {bound}");
    assert_eq!(v["max_cost_usd"], plan["max_cost_usd"]);
    // Stored, counted against the budget.
    let stored = service.stored_since(0).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].kind, llm_roi_core::probe::history::RunKind::Audit);
    assert_eq!((stored[0].relay_requests, stored[0].relay_good), (10, 10));
    assert_eq!(service.budget().0, 20);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_misbehaviour_gets_its_verdict() {
    // 24 added input tokens: an offset of exactly +24, the slopes equal.
    let v = audit(RelayMode::AddTokens(24)).await;
    assert_eq!(
        v["billing_offset"]["tokens_per_request"].as_f64(),
        Some(24.0),
        "{v}"
    );
    assert_eq!(
        v["billing_offset"]["interval_95"],
        serde_json::json!([24.0, 24.0])
    );
    assert_eq!(v["cache"]["verdict"], "honoured");
    assert_eq!(v["streaming"]["verdict"], "streams", "{v}");
    assert!(
        v["aud"].as_str().unwrap().starts_with("holysheep,24,1,5m,"),
        "{v}"
    );
    // The cache control stripped: the relay never reads, and its price
    // bills every cache read as a write.
    let v = audit(RelayMode::NoCacheRead).await;
    assert_eq!(v["cache"]["verdict"], "broken", "{v}");
    assert_eq!(v["cache"]["relay_hit_pct"].as_f64(), Some(0.0));
    assert!(
        v["aud"].as_str().unwrap().starts_with("holysheep,0,0,5m,"),
        "{v}"
    );
    assert!(
        v["audited"]
            .as_str()
            .unwrap()
            .ends_with("100% of cache reads billed as writes"),
        "{v}"
    );
    // 1-hour entries when 5 minutes were asked: the write is counted.
    let v = audit(RelayMode::OneHourWrites).await;
    assert_eq!(v["cache"]["relay_1h_writes"].as_u64(), Some(1), "{v}");
    // The stream held back and sent at once.
    let v = audit(RelayMode::BufferStreams).await;
    assert_eq!(v["streaming"]["verdict"], "buffered", "{v}");
    assert!(
        v["streaming"]["direct_spread_ms"].as_f64().unwrap() >= 200.0,
        "{v}"
    );
    // Every 4th relay request a 500: counted, left out of the findings.
    let v = audit(RelayMode::Fail {
        status: 500,
        every: 4,
    })
    .await;
    assert_eq!(v["failed"].as_u64(), Some(2), "{v}");
    assert_eq!(v["cache"]["verdict"], "honoured", "{v}");
    // Every 3rd a 429: 3 of the relay's 10 requests.
    let v = audit(RelayMode::Fail {
        status: 429,
        every: 3,
    })
    .await;
    assert_eq!(v["failed"].as_u64(), Some(3), "{v}");
}

#[tokio::test]
async fn the_audit_needs_both_keys_and_a_relay() {
    let (app, _) = app(RelayMode::PassThrough).await;
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/probe/audit",
        r#"{"relay":"anthropic"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("`relay` must be one of: "), "{body}");
    let (status, body) = call(&app, "POST", "/api/v1/probe/audit", r#"{"relay":1}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("the body must be JSON like"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_audit_runs_and_is_stored() {
    use llm_roi_core::probe::history::{Outcome, RunKind};
    use llm_roi_probe::schedule::{Check, Schedule};
    let dir = scratch_dir("audit-schedule");
    let (_, service) = app(RelayMode::PassThrough).await;
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));
    let s = Schedule {
        relay: "holysheep".into(),
        every: std::time::Duration::from_secs(3600),
        pairs: 1,
        connection: llm_roi_core::probe::sample::Connection::Cold,
        check: Check::Audit,
    };
    service.run_schedule(&s).await;
    let stored = service.stored_since(0).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].kind, stored[0].outcome),
        (RunKind::Audit, Outcome::Done)
    );
    let detail: Value = serde_json::from_str(stored[0].detail.as_deref().unwrap()).unwrap();
    assert_eq!(detail["cache"]["verdict"], "honoured");
    let _ = std::fs::remove_dir_all(&dir);
}

/// On the frozen pricebook: OpenRouter sells Claude Haiku 4.5's list price
/// at $1.055 per $1. 10,000 input tokens (90 % cache reads) and 500 output
/// cost $0.004642 at list; a relay that never reads bills the reads as
/// writes: $0.01556125.
#[tokio::test]
async fn an_audited_link_shows_both_prices_and_the_report_links_the_other() {
    const Q: &str = "base=anthropic/claude-haiku-4-5&cmp=openrouter/anthropic/claude-haiku-4.5&rpd=1&in=10000&out=500&cr=90&aud=openrouter,0,0,5m,2026-12-03,probe.test";
    let (status, e) = crate::support::get_json(&format!("/api/v1/estimate?{Q}")).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let or = e["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["option"]["provider"] == "openrouter")
        .unwrap();
    assert_eq!(or["audit"]["list_per_request"]["total"], "0.004642", "{or}");
    assert_eq!(or["audit"]["audited_per_request"]["total"], "0.01556125");
    assert_eq!(or["audit"]["drives"], "audited");
    assert_eq!(or["per_request"]["total"], "0.01556125");
    let (_, e) = crate::support::get_json(&format!("/api/v1/estimate?{Q}&price=list")).await;
    let or = e["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["option"]["provider"] == "openrouter")
        .unwrap();
    assert_eq!(or["per_request"]["total"], "0.004642", "{or}");
    let (status, _, page) = crate::support::get(&format!("/report?{Q}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("audited $0.015561 a request, list $0.004642 (audited on 2026-12-03 from probe.test: 100% of cache reads billed as writes); the audited price drives these figures"),
        "{page}"
    );
    assert!(page.contains("data-testid=\"price-link\""), "{page}");
    assert!(page.contains("Figures at list price"), "{page}");
    let (status, e) =
        crate::support::get_json("/api/v1/estimate?aud=openrouter,0,2,5m,2026-12-03").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_s_form_runs_an_audit_and_shows_it_with_its_price_link() {
    let dir = scratch_dir("audit-form");
    let (app, service) = app(RelayMode::NoCacheRead).await;
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));
    let (_, page) = call(&app, "GET", "/probe", "").await;
    assert!(
        page.contains("Audit holysheep now: at most $"),
        "the page lacks the button's price"
    );
    assert!(page.contains("Not audited in the last 7 days."));
    let csrf = form_token(&app).await;
    let post = |body: String| {
        axum::http::Request::post("/probe/audit")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let res = tower::ServiceExt::oneshot(app.clone(), post(format!("relay=holysheep&csrf={csrf}")))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/probe#audit");
    let (_, page) = call(&app, "GET", "/probe", "").await;
    assert!(
        page.contains("data-testid=\"audit-holysheep\""),
        "no findings shown"
    );
    assert!(
        page.contains("the relay never read the cache"),
        "no cache verdict"
    );
    assert!(
        page.contains("href=\"/?aud=holysheep,0,0,5m,"),
        "no calculator link"
    );
    // A stale form token is refused with the reason.
    let res = tower::ServiceExt::oneshot(app.clone(), post("relay=holysheep&csrf=nope".into()))
        .await
        .unwrap();
    let to = res.headers()["location"].to_str().unwrap();
    assert!(
        to.starts_with("/probe?audit_error=the+form+is+out+of+date"),
        "{to}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A relay that answers 500 to every 5th request: its 7-day failure rate
/// on `/probe` and in the API, linked as `fb=measured:…`, which a report
/// names with its count and window.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_measured_failure_rate_becomes_the_fallback_rate_with_its_count() {
    use llm_roi_probe::schedule::{Check, Schedule};
    let dir = scratch_dir("reliability");
    let (app, service) = app(RelayMode::Fail {
        status: 500,
        every: 5,
    })
    .await;
    service.attach_store(Arc::new(ProbeStore::open_sqlite(&dir).await.unwrap()));
    service
        .run_schedule(&Schedule {
            relay: "holysheep".into(),
            every: std::time::Duration::from_secs(3600),
            pairs: 10,
            connection: llm_roi_core::probe::sample::Connection::Warm,
            check: Check::Latency,
        })
        .await;
    let (_, body) = call(&app, "GET", "/api/v1/probe/history?relay=holysheep", "").await;
    let v: Value = serde_json::from_str(&body).unwrap();
    let r = &v["reliability"][0];
    let (failed, requests) = (
        r["failed"].as_u64().unwrap(),
        r["requests"].as_u64().unwrap(),
    );
    assert!(failed >= 1 && requests >= 5 * failed - 4, "{r}");
    let fb = r["fb"].as_str().unwrap().to_string();
    assert!(
        fb.starts_with(&format!("measured:holysheep,{failed},{requests},")),
        "{fb}"
    );
    let (_, page) = call(&app, "GET", "/probe", "").await;
    assert!(
        page.contains(&format!("href=\"/?fb={fb}\"")),
        "no fallback link on /probe"
    );
    let (status, _, report) = crate::support::get(&format!("/report?fb={fb}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        report.contains(&format!(
            "the rate measured on holysheep's probe requests from {}",
            &fb[fb.len() - 21..fb.len() - 11]
        )),
        "the report does not name the measurement"
    );
    assert!(report.contains(&format!(
        ": {failed} of {requests} failed (5xx, timeouts and 429"
    )));
    let _ = std::fs::remove_dir_all(&dir);
}
