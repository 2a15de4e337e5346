//! `POST /api/v1/workloads`: a usage log in, its classes and links out; the
//! link then estimates the log route by route.

use crate::support::{get_json, option, send};
use axum::body::Body;
use axum::http::{Request, StatusCode};

async fn post(body: impl Into<Body>) -> (StatusCode, serde_json::Value) {
    let req = Request::post("/api/v1/workloads")
        .header("content-type", "text/csv")
        .body(body.into())
        .unwrap();
    let (parts, text) = send(req).await;
    (parts.status, serde_json::from_str(&text).unwrap())
}

const MIXED: &str = include_str!("../fixtures/usage/mixed.csv");

#[tokio::test]
async fn a_log_becomes_classes_and_a_link_that_prices_it_exactly() {
    let (status, body) = post(MIXED).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["format"], "llm-roi generic");
    assert_eq!(body["rows"], 3);
    assert_eq!(body["bad_rows"][0]["line"], 5);
    assert_eq!(body["bad_rows"][0]["field"], "input_tokens");
    assert_eq!(body["days"], 2);
    assert_eq!(body["first_day"], "2026-11-01");
    let classes = body["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 3);
    assert_eq!(classes[1]["model"], "anthropic/claude-sonnet-4-5");
    assert_eq!(classes[1]["band"], "input ≤ 200000");
    assert_eq!(classes[2]["band"], "input > 200000");
    assert_eq!(classes[2]["largest_input_tokens"], 250_000);
    let mix = body["mix"].as_str().unwrap();
    assert!(body["link"].as_str().unwrap().starts_with("/?mix=1:2:"));
    assert!(body["report"]
        .as_str()
        .unwrap()
        .contains(&format!("mix={mix}")));

    // The log as sent: $2.4725 over 2 days (see the CLI test for the sum).
    let query = body["report"]
        .as_str()
        .unwrap()
        .trim_start_matches("/report?");
    let (status, e) = get_json(&format!("/api/v1/estimate?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    let base = option(&e, "as-logged/mix");
    assert_eq!(base["is_baseline"], true);
    assert_eq!(base["per_day"]["total"], "1.23625");
    assert_eq!(base["per_month"]["total"], "37.0875");
    let relay = option(&e, "holysheep/mix");
    assert_eq!(relay["model_name"], "2 of 2 models");
    assert!(
        e["forecast"]["projection"]["options"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
}

#[tokio::test]
async fn a_log_that_cannot_be_a_workload_says_why() {
    let (status, body) = post("model,input_tokens,output_tokens\nnot-a-model,10,10\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("`not-a-model`"),
        "{body}"
    );
    let (status, body) = post("").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"], "the file is empty");
    let (status, body) = post("hello,world\n1,2\n").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("not a usage log"),
        "{body}"
    );
}
