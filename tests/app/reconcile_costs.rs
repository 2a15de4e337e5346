//! `llm-roi reconcile --costs`: a vendor's cost export as the billed side,
//! on the frozen pricebook of 2026-11-24 (Haiku 4.5 $1/$5, Sonnet 4.5
//! $3/$15, GPT-4.1 $2/$8), from the CLI and as a multipart upload.

use crate::support::send;
use axum::body::Body;
use axum::http::{Request, StatusCode};

/// The usage of the cost fixtures' day: 10 Haiku 4.5 requests of 1,000
/// input and 200 output tokens ($0.02), 2 Sonnet 4.5 of 2,000 and 500
/// ($0.027), 4 GPT-4.1 of 1,000 and 100 ($0.0112).
const COST_USAGE: &str = "timestamp,model,requests,input_tokens,output_tokens\n\
    2026-11-01,claude-haiku-4-5,10,1000,200\n\
    2026-11-01,claude-sonnet-4-5,2,2000,500\n\
    2026-11-01,gpt-4.1,4,1000,100\n";

fn cli_costs(costs: &str) -> serde_json::Value {
    // One folder per call: the tests run at once in one process.
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("llm-roi-reconcile-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let usage = dir.join("usage.csv");
    std::fs::write(&usage, COST_USAGE).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_llm-roi"))
        .args([
            "reconcile",
            "--pricing",
            crate::support::PRICING,
            "--format",
            "json",
            "--usage",
        ])
        .arg(&usage)
        .args(["--costs", costs])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn line<'a>(body: &'a serde_json::Value, model: &str) -> &'a serde_json::Value {
    body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["model"] == model)
        .unwrap_or_else(|| panic!("{model}: {body}"))
}

#[test]
fn an_anthropic_cost_report_is_the_billed_side_in_cents() {
    let body = cli_costs("tests/fixtures/usage/anthropic-cost-report.json");
    // "1.0" + "1.0" cents: $0.02, Haiku's list price.
    let haiku = line(&body, "anthropic/claude-haiku-4-5");
    assert_eq!(haiku["billed_usd"], "0.02");
    assert_eq!(haiku["difference_usd"], "0");
    // "1.32" + "1.65" cents: $0.0297, 1.1× Sonnet's $0.027.
    let sonnet = line(&body, "anthropic/claude-sonnet-4-5");
    assert_eq!(sonnet["billed_usd"], "0.0297");
    assert_eq!(sonnet["difference_pct"], "10");
    // GPT-4.1 is not on Anthropic's bill: -100 %, named.
    let gpt = line(&body, "openai/gpt-4.1");
    assert_eq!(gpt["billed_usd"], "0");
    assert_eq!(gpt["difference_pct"], "-100");
    assert_eq!(gpt["causes"][0]["cause"], "unexplained");
}

#[test]
fn openai_s_costs_name_the_model_in_the_line_item_and_keep_the_rest_apart() {
    let body = cli_costs("tests/fixtures/usage/openai-costs.json");
    // $0.008 input + $0.0032 output under gpt-4.1-2025-04-14: the list price.
    let gpt = line(&body, "openai/gpt-4.1");
    assert_eq!(gpt["billed_usd"], "0.0112");
    assert_eq!(gpt["causes"], serde_json::json!([]));
    assert_eq!(
        body["unattributed"],
        serde_json::json!([{"name": "Web search tool calls", "billed_usd": "0.01"}])
    );
    // The total bills the unattributed item too: 0.0112 + 0.01.
    assert_eq!(body["total"]["billed_usd"], "0.0212");
}

/// Anthropic's cost report names each amount's `service_tier`,
/// `context_window` and `token_type` (its docs' values): a batch bill is
/// confirmed, and 1-hour cache writes the log does not show take the place
/// of "unexplained".
#[test]
fn what_a_cost_report_states_confirms_or_names_the_cause() {
    let result = |amount: &str, model: &str, tier: &str, token: &str| {
        format!(
            r#"{{"currency": "USD", "amount": "{amount}", "description": null, "cost_type": "tokens",
               "context_window": "0-200k", "model": "{model}", "service_tier": "{tier}", "token_type": "{token}"}}"#
        )
    };
    // Sonnet 4.5 at half its $0.027; Haiku 4.5 at $0.026 for $0.02.
    let report = format!(
        r#"{{"data": [{{"starting_at": "2026-11-01T00:00:00Z", "ending_at": "2026-11-02T00:00:00Z",
            "results": [{}, {}, {}, {}, {}]}}], "has_more": false, "next_page": null}}"#,
        result(
            "0.6",
            "claude-sonnet-4-5-20250929",
            "batch",
            "uncached_input_tokens"
        ),
        result(
            "0.75",
            "claude-sonnet-4-5-20250929",
            "batch",
            "output_tokens"
        ),
        result(
            "1.0",
            "claude-haiku-4-5-20251001",
            "standard",
            "uncached_input_tokens"
        ),
        result(
            "1.0",
            "claude-haiku-4-5-20251001",
            "standard",
            "output_tokens"
        ),
        result(
            "0.6",
            "claude-haiku-4-5-20251001",
            "standard",
            "cache_creation.ephemeral_1h_input_tokens"
        ),
    );
    let path = std::env::temp_dir().join(format!("llm-roi-stated-{}.json", std::process::id()));
    std::fs::write(&path, report).unwrap();
    let body = cli_costs(path.to_str().unwrap());
    let _ = std::fs::remove_file(&path);
    let sonnet = line(&body, "anthropic/claude-sonnet-4-5");
    assert_eq!(sonnet["difference_pct"], "-50");
    assert_eq!(sonnet["causes"][0]["cause"], "batch");
    let detail = sonnet["causes"][0]["detail"].as_str().unwrap();
    assert!(
        detail.ends_with("the cost export bills $0.0135 of it as batch"),
        "{detail}"
    );
    let haiku = line(&body, "anthropic/claude-haiku-4-5");
    assert_eq!(haiku["difference_pct"], "30");
    assert_eq!(haiku["causes"].as_array().unwrap().len(), 1, "{haiku}");
    assert_eq!(haiku["causes"][0]["cause"], "cache-write TTL");
    assert_eq!(haiku["causes"][0]["size_usd"], "0.006");
}

async fn multipart(boundary: &str, body: String) -> (StatusCode, String) {
    let req = Request::post("/api/v1/reconcile")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let (parts, text) = send(req).await;
    (parts.status, text)
}

#[tokio::test]
async fn a_multipart_upload_is_the_cost_export_then_the_usage_log() {
    let boundary = "llmroiboundary";
    let body = format!(
        "--{boundary}\r\ncontent-disposition: form-data; name=\"costs\"; filename=\"costs.json\"\r\n\r\n{}\r\n--{boundary}\r\ncontent-disposition: form-data; name=\"usage\"; filename=\"usage.csv\"\r\n\r\n{COST_USAGE}\r\n--{boundary}--\r\n",
        include_str!("../fixtures/usage/openai-costs.json")
    );
    let (status, text) = multipart(boundary, body).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(line(&body, "openai/gpt-4.1")["difference_usd"], "0");
    // The wrong way round: the usage log is not a cost export.
    let swapped = format!(
        "--{boundary}\r\ncontent-disposition: form-data; name=\"usage\"\r\n\r\n{COST_USAGE}\r\n--{boundary}--\r\n"
    );
    let (status, text) = multipart(boundary, swapped).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    assert!(text.contains("the first file, the cost export"), "{text}");
}
