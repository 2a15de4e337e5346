//! Inputs at the edge of the decimal range get an answer naming the field,
//! never a panic or a reset connection.

use crate::support::get;
use axum::http::StatusCode;
use llm_roi::server::route_rules::scenario_paths;

/// One-off costs of 8 h × 1e-28: ROI % = net ÷ costs would pass the largest decimal.
const TINY_RATE: &str = "rate=0.0000000000000000000000000001";

#[tokio::test]
async fn a_tiny_cost_is_named_on_every_route() {
    for path in scenario_paths() {
        let uri = format!("{path}?{TINY_RATE}");
        let (status, _, body) = get(&uri).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{uri}: {status}"
        );
        assert!(
            body.contains("ROI is not defined"),
            "{uri}: {status}: {body:.300}"
        );
        assert!(body.contains("rate"), "{uri}: the field is not named");
    }
}

#[tokio::test]
async fn the_json_error_names_the_rate_field() {
    let (status, v) = crate::support::get_json(&format!("/api/v1/estimate?{TINY_RATE}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let errors = v["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == "rate" && e["value"] == "0.0000000000000000000000000001"),
        "{v}"
    );
}

#[tokio::test]
async fn a_normal_small_rate_still_has_an_roi() {
    let (status, v) = crate::support::get_json("/api/v1/estimate?rate=0.01").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(
        v["forecast"]["migration"]["roi"]["first_year"]["roi_pct"].is_string(),
        "{v}"
    );
}
