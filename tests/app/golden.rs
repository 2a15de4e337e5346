//! The JSON answers other tools read stay as they are: `/api/v1/estimate`,
//! `/api/v1/pricebook` and `/api/v1/workloads` on the frozen pricebook of
//! 2026-11-24, compared field by field with `tests/golden/*.json`.

use crate::support::{get_json, send};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use llm_roi_core::scenario::codec::percent_encode;

use crate::golden_check::golden;

#[tokio::test]
async fn the_estimate_answer_is_the_golden_one() {
    let (_, workload) = import_mixed().await;
    let mix = percent_encode(workload["mix"].as_str().unwrap());
    for (name, q) in [
        (
            "estimate-playbook",
            "in=0&rpd=10000&target=holysheep/claude-haiku-4-5&fb=2&horizon=12".to_string(),
        ),
        ("estimate-mix-eur", format!("mix={mix}&cur=EUR&growth=3")),
    ] {
        let (status, body) = get_json(&format!("/api/v1/estimate?{q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}: {body}");
        golden(name, &body);
    }
}

#[tokio::test]
async fn the_pricebook_answer_is_the_golden_one() {
    let (status, body) = get_json("/api/v1/pricebook").await;
    assert_eq!(status, StatusCode::OK);
    golden("pricebook", &body);
}

/// `tests/fixtures/usage/mixed.csv` posted to `/api/v1/workloads`.
async fn import_mixed() -> (StatusCode, serde_json::Value) {
    let req = Request::post("/api/v1/workloads")
        .header("content-type", "text/csv")
        .body(Body::from(include_str!("../fixtures/usage/mixed.csv")))
        .unwrap();
    let (parts, text) = send(req).await;
    (parts.status, serde_json::from_str(&text).unwrap())
}

#[tokio::test]
async fn the_workloads_answer_is_the_golden_one() {
    let (status, body) = import_mixed().await;
    assert_eq!(status, StatusCode::OK, "{body}");
    golden("workloads", &body);
}
