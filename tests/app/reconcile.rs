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
    // $0.0553 / $0.0582 = 0.95017…: a scenario carries it as cal=.
    assert_eq!(body["cal"], "0.9502,2026-11-01,2026-11-01");
}

#[tokio::test]
async fn a_calibrated_report_says_so_and_links_the_figures_without_it() {
    let (status, _, page) =
        crate::support::get("/report?in=0&cal=1.031,2026-11-01,2026-11-30").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Figures are calibrated to the bill of 2026-11-01 to 2026-11-30: ×1.031"),
        "{page}"
    );
    assert!(page.contains("data-testid=\"uncalibrated-link\""), "{page}");
    let (_, plain) = crate::support::get_json("/api/v1/estimate?in=0").await;
    let (_, cal) = crate::support::get_json("/api/v1/estimate?in=0&cal=1.031").await;
    let month = |e: &serde_json::Value| {
        rust_decimal::Decimal::from_str_exact(
            e["options"][0]["per_month"]["total"].as_str().unwrap(),
        )
        .unwrap()
    };
    assert_eq!(
        month(&cal),
        month(&plain) * rust_decimal::Decimal::new(1031, 3)
    );
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
    // Its $0.0015 stays on the bill, held against nothing.
    assert_eq!(
        body["unattributed"],
        serde_json::json!([{"name": "sao10k/l3-stheno-8b", "billed_usd": "0.0015"}])
    );
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

/// On the shipped pricebook: GPT-5.6 Sol cost $5/$30 per 1M until
/// 2026-08-20 and $4/$20 from 2026-08-21 (genai-prices 0.2.3). 10 requests
/// of 1,000 input and 100 output tokens cost $0.08 on the 20th and $0.06
/// on the 21st; billed $0.08 on both days.
#[test]
fn each_day_is_priced_as_it_was_and_an_old_price_billed_late_is_named() {
    let dir = std::env::temp_dir().join(format!("llm-roi-dated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let usage = dir.join("usage.csv");
    std::fs::write(
        &usage,
        "timestamp,model,requests,input_tokens,output_tokens,billed_usd\n\
         2026-08-20T12:00:00Z,gpt-5.6-sol,10,1000,100,0.08\n\
         2026-08-21T12:00:00Z,gpt-5.6-sol,10,1000,100,0.08\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_llm-roi"))
        .args([
            "reconcile",
            "--pricing",
            "pricing",
            "--format",
            "json",
            "--usage",
        ])
        .arg(&usage)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = body["lines"].as_array().unwrap();
    assert_eq!(lines[0]["day"], "2026-08-20");
    assert_eq!(lines[0]["computed_usd"], "0.08");
    assert_eq!(lines[0]["causes"], serde_json::json!([]));
    assert_eq!(lines[1]["day"], "2026-08-21");
    assert_eq!(lines[1]["computed_usd"], "0.06");
    assert_eq!(lines[1]["difference_pct"], "33.33");
    assert_eq!(lines[1]["causes"][0]["cause"], "price change");
    let detail = lines[1]["causes"][0]["detail"].as_str().unwrap();
    assert!(detail.contains("before 2026-08-21"), "{detail}");
}
