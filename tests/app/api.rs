//! The JSON API, through the real router, in-process.

use crate::support::{get_json, option};
use axum::http::StatusCode;

#[tokio::test]
async fn pricebook_lists_every_provider_with_a_fingerprint() {
    let (status, body) = get_json("/api/v1/pricebook").await;
    assert_eq!(status, StatusCode::OK);
    let fp = body["fingerprint"].as_str().unwrap();
    assert_eq!(fp.len(), 16);
    assert!(fp.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(body["schema_version"], 1);
    let providers = body["pricebook"]["providers"].as_array().unwrap();
    assert_eq!(providers.len(), 6);
    let anthropic = &providers[0];
    assert_eq!(anthropic["id"], "anthropic");
    assert_eq!(
        anthropic["source"],
        "https://docs.claude.com/en/docs/about-claude/pricing"
    );
    // Decimal money travels as strings.
    assert_eq!(
        anthropic["models"][0]["prices"]["base"]["output_per_mtok"],
        "5"
    );
    assert_eq!(
        anthropic["models"][0]["prices"]["base"]["cache_read_per_mtok"],
        "0.1"
    );
}

#[tokio::test]
async fn estimate_of_the_playbook_scenario() {
    let (status, body) = get_json("/api/v1/estimate?rpd=10000000&in=0&out=200").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let haiku = option(&body, "anthropic/claude-haiku-4-5");
    assert_eq!(haiku["is_baseline"], true);
    assert_eq!(haiku["per_day"]["total"], "10000");
    assert_eq!(haiku["per_month"]["total"], "300000");
    assert_eq!(haiku["per_year"]["total"], "3650000");
    assert_eq!(body["query"], "in=0");
    assert_eq!(body["pricebook_fingerprint"].as_str().unwrap().len(), 16);
    // The forecast: 12 months of 30 days, the cheapest relay as the target.
    let f = &body["forecast"];
    assert_eq!(f["projection"]["horizon_months"], 12);
    assert_eq!(f["projection"]["options"][0]["years"][0], "3600000");
    let m = &f["migration"];
    assert_eq!(m["target"]["provider"], "holysheep");
    assert_eq!(m["roi"]["one_off_cost"], "800");
    assert_eq!(m["roi"]["payback"]["kind"], "on_day");
    assert_eq!(m["roi"]["payback"]["day"], 1);
    assert_eq!(m["rollout"]["phases"].as_array().unwrap().len(), 4);
    assert_eq!(m["rollout"]["phases"][0]["share_pct"], "10");
    assert_eq!(m["months"].as_array().unwrap().len(), 12);
    assert!(m.get("days").is_none());
}

#[tokio::test]
async fn estimate_in_cny_shows_the_flat_relay_exactly() {
    let (status, body) = get_json("/api/v1/estimate?rpd=1000&in=1000&out=200&cur=CNY").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["currency"], "CNY");
    let hs = option(&body, "holysheep/claude-haiku-4-5");
    assert_eq!(hs["per_day"]["total"], "1.2");
    assert_eq!(hs["basis"], "flat ¥1 per 1M tokens");
    assert_eq!(body["fx"][0]["currency"], "CNY");
    assert_eq!(body["fx"][0]["per_usd"], "7.1");
}

#[tokio::test]
async fn a_bad_query_gets_400_naming_each_field() {
    let (status, body) = get_json("/api/v1/estimate?rpd=lots&cur=GBP&colour=red").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["rpd", "cur", "colour"]);
    assert_eq!(body["errors"][1]["message"], "choose USD, CNY or EUR");
    assert_eq!(body["errors"][0]["value"], "lots");
}

#[tokio::test]
async fn an_unknown_baseline_gets_400() {
    let (status, body) = get_json("/api/v1/estimate?base=anthropic/claude-9").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errors"][0]["field"], "base");
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not in the pricebook"));
}
