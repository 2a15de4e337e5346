//! `POST /api/v1/reconcile` and `llm-roi reconcile`: billed amounts held
//! against the exact price of the same usage, hand-computed on the frozen
//! pricebook of 2026-11-24 (Haiku 4.5 $1/$5, Sonnet 4.5 $3/$15, GPT-4.1
//! $2/$8 with 50 % off as batch; OpenRouter $1.055 per $1 of list price).

use crate::support::send;
use axum::body::Body;
use axum::http::{Request, StatusCode};

async fn post(body: &'static str) -> (StatusCode, serde_json::Value) {
    let req = Request::post("/api/v1/reconcile")
        .header("content-type", "text/csv")
        .body(Body::from(body))
        .unwrap();
    let (parts, text) = send(req).await;
    (parts.status, serde_json::from_str(&text).unwrap())
}

const BILLED: &str = include_str!("../fixtures/usage/billed.csv");

#[tokio::test]
async fn each_model_and_day_is_held_against_its_bill_with_the_cause() {
    let (status, body) = post(BILLED).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The row without an amount is a bad row, not a difference.
    assert_eq!(body["bad_rows"][0]["line"], 5);
    assert_eq!(body["bad_rows"][0]["field"], "billed_usd");
    let lines = body["lines"].as_array().unwrap();
    let line = |m: &str| {
        lines
            .iter()
            .find(|l| l["model"] == m)
            .unwrap_or_else(|| panic!("{m}: {body}"))
    };
    // 10 × (1,000 × $1 + 200 × $5) = $0.02, billed $0.02.
    let haiku = line("anthropic/claude-haiku-4-5");
    assert_eq!(haiku["day"], "2026-11-01");
    assert_eq!(haiku["requests"], 10);
    assert_eq!(
        (
            haiku["computed_usd"].as_str(),
            haiku["difference_pct"].as_str()
        ),
        (Some("0.02"), Some("0"))
    );
    assert_eq!(haiku["causes"], serde_json::json!([]));
    // 2 × (2,000 × $3 + 500 × $15) = $0.027, billed 1.1× that: +10 %,
    // which nothing in this pricebook explains.
    let sonnet = line("anthropic/claude-sonnet-4-5");
    assert_eq!(sonnet["computed_usd"], "0.027");
    assert_eq!(sonnet["billed_usd"], "0.0297");
    assert_eq!(sonnet["difference_usd"], "0.0027");
    assert_eq!(sonnet["difference_pct"], "10");
    assert_eq!(sonnet["causes"][0]["cause"], "unexplained");
    // 4 × (1,000 × $2 + 100 × $8) = $0.0112, billed half: the batch price.
    let gpt = line("openai/gpt-4.1");
    assert_eq!(gpt["computed_usd"], "0.0112");
    assert_eq!(gpt["difference_pct"], "-50");
    assert_eq!(gpt["causes"][0]["cause"], "batch");
    assert_eq!(gpt["causes"][0]["size_usd"], "-0.0056");
    let total = &body["total"];
    assert_eq!(total["model"], "total");
    assert_eq!(total["computed_usd"], "0.0582");
    assert_eq!(total["billed_usd"], "0.0553");
    assert_eq!(total["difference_pct"], "-4.98");
}

#[tokio::test]
async fn openrouter_s_own_cost_matches_the_price_as_sent_on_openrouter() {
    let (status, body) = post(include_str!(
        "../fixtures/usage/openrouter-generations.jsonl"
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let lines = body["lines"].as_array().unwrap();
    // Haiku: $0.00198 × 1.055 = $0.0020889, its total_cost; GPT-4.1:
    // $0.0172 × 1.055 = $0.018146.
    let got: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["model"].as_str().unwrap(),
                l["computed_usd"].as_str().unwrap(),
                l["difference_usd"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("anthropic/claude-haiku-4-5", "0.0020889", "0"),
            ("openai/gpt-4.1", "0.018146", "0")
        ]
    );
    assert!(body["not_priced"]
        .as_str()
        .unwrap()
        .contains("sao10k/l3-stheno-8b"));
}

#[tokio::test]
async fn a_log_without_billed_amounts_says_which_field_to_add() {
    let (status, body) = post(include_str!("../fixtures/usage/mixed.csv")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let e = body["error"].as_str().unwrap();
    assert!(e.contains("billed_usd: missing"), "{e}");
}

#[test]
fn the_cli_prints_the_same_lines_as_a_table_and_as_csv() {
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_llm-roi"))
            .args([
                "reconcile",
                "--usage",
                "tests/fixtures/usage/billed.csv",
                "--pricing",
                crate::support::PRICING,
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let table = run("table");
    assert!(
        table.contains("openai/gpt-4.1 2026-11-01: 4 requests, computed $0.0112, billed $0.0056, difference $-0.0056 (-50 %)"),
        "{table}"
    );
    assert!(
        table.contains("  batch (-0.0056): billed at the batch price"),
        "{table}"
    );
    let csv = run("csv");
    assert!(
        csv.starts_with(
            "model,day,requests,computed_usd,billed_usd,difference_usd,difference_pct,causes\n"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("\ntotal,,16,0.0582,0.0553,-0.0029,-4.98,\n"),
        "{csv}"
    );
}
