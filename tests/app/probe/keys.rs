//! With keys in the environment a run is authenticated, and no response of
//! the server contains a key. The providers read their keys from variables
//! named for this test, so setting them changes no other test's run.

use super::support::{call, mocked_targets, start_run, wait_done};
use crate::support::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_are_used_and_never_shown() {
    let key_env = |provider: &str| format!("LLM_ROI_TEST_KEYS_{}_API_KEY", provider.to_uppercase());
    for provider in ["anthropic", "holysheep"] {
        std::env::set_var(key_env(provider), llm_roi_probe_mocks::GOOD_KEY);
    }
    let app = TestApp::builder()
        .probe(mocked_targets(10).await)
        .keys_from(key_env)
        .build()
        .router();
    let id = start_run(&app, r#"{"relay":"holysheep","pairs":6}"#).await;
    let (_, events) = call(&app, "GET", &format!("/api/v1/probe/runs/{id}/events"), "").await;
    let v = wait_done(&app, &id).await;
    assert!(
        v["mode"].as_str().unwrap().starts_with("authenticated"),
        "{v}"
    );
    // Streaming with a key gives time to first token on both arms.
    assert!(
        v["report"]["relay"]["phases"]["ttft"]["p50_us"]
            .as_u64()
            .is_some(),
        "{v}"
    );
    assert_eq!(v["report"]["good_pairs"], 6);
    let (_, status_json) = call(&app, "GET", "/api/v1/probe/status", "").await;
    let (_, page) = call(&app, "GET", "/", "").await;
    for (what, text) in [
        ("run", v.to_string()),
        ("events", events),
        ("status", status_json),
        ("page", page),
    ] {
        assert!(
            !text.contains(llm_roi_probe_mocks::GOOD_KEY),
            "the key leaked into the {what}"
        );
        assert!(
            !text.contains("sk-test"),
            "a key prefix leaked into the {what}"
        );
    }
}
