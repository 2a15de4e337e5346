//! The binary's `estimate --usage`: a usage log priced exactly on every
//! route, as a table, JSON and CSV, and compared between two pricebooks.

use crate::cli::bin;
use std::path::PathBuf;

#[test]
fn estimate_prices_a_usage_log_exactly_on_every_route() {
    let out = bin()
        .args([
            "--pricing-dir",
            "tests/fixtures/pricebook-2026-11-24",
            "estimate",
            "--usage",
            "tests/fixtures/usage/mixed.csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // By hand, Anthropic's list prices: Haiku 10 × (1,000 × $1 + 200 × $5)/M
    // = $0.02; Sonnet at or below 200k, 2 × (150,000 × $3 + 1,000 × $15)/M
    // = $0.93; above it, 250,000 × $6 + 1,000 × $22.50 per M = $1.5225.
    // $2.4725 in all, over 2 days. (The mean input, 183,333, would have
    // priced all of Sonnet at the base tier: $1.695 instead of $2.4525.)
    // The page's figures: the log as sent, then each relay serving a model.
    for line in [
        "tests/fixtures/usage/mixed.csv: llm-roi generic, 3 rows read, 1 bad, 2026-11-01 to 2026-11-02 (2 days)",
        "  line 5, input_tokens: `oops` is not a whole number of tokens (0 or more)",
        "  anthropic/claude-sonnet-4-5 interactive, input > 200000: 1 requests, 250,000 input (0 cache read, 0 cache write), 1,000 output (0 reasoning)",
        "The log on each route, 6.5 requests a day, USD (rounded as on the page):",
        "  as-logged/mix (As logged — each model on its vendor's API): $1.24 a day, $37.09 a month, $451.23 a year (baseline)",
        // HolySheep: 565,000 tokens at ¥1 per M, 7.10 CNY per USD.
        "  holysheep/mix (HolySheep AI (relay) — 2 of 2 models): $0.04 a day, $1.19 a month, $14.52 a year; saves $35.90 a month (96.8%)",
        // OpenRouter: $1.055 of credit per $1 of list price.
        "  openrouter/mix (OpenRouter (relay) — 2 of 2 models): $1.30 a day, $39.13 a month, $476.05 a year; saves -$2.04 a month (-5.5%)",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
    }
    let out = bin()
        .args([
            "estimate",
            "--usage",
            "tests/fixtures/usage/mixed.csv",
            "--route",
            "nope",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--route nope: no such provider"));
}

fn estimate(args: &[&str]) -> std::process::Output {
    bin()
        .args([
            "--pricing-dir",
            "tests/fixtures/pricebook-2026-11-24",
            "estimate",
            "--usage",
            "tests/fixtures/usage/mixed.csv",
        ])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn estimate_prints_json_and_csv_with_the_same_figures() {
    let out = estimate(&["--format", "json", "--route", "holysheep"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let options = v["estimate"]["options"].as_array().unwrap();
    assert_eq!(options.len(), 2, "the baseline and the one route asked");
    assert_eq!(options[0]["option"]["provider"], "as-logged");
    assert_eq!(options[0]["per_month"]["total"], "37.0875");
    assert_eq!(v["import"]["bad_rows"][0]["line"], 5);
    assert!(v["import"]["report"]
        .as_str()
        .unwrap()
        .starts_with("/report?v=2&mix=1:2~0.77~1.23:"));
    let out = estimate(&["--format", "csv"]);
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(
        csv.starts_with("section,option,provider,model,month,requests_per_day,"),
        "{csv}"
    );
    assert!(
        csv.contains("\noptions,as-logged/mix,As logged,each model on its vendor's API,,6.5,"),
        "{csv}"
    );
}

/// The test pricebook with Sonnet 4.5's long-context input at $7.50
/// instead of $6 per M.
fn dearer_pricebook() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("llm-roi-dearer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir("tests/fixtures/pricebook-2026-11-24").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let text = if path.ends_with("anthropic.toml") {
                text.replacen(
                    "above_input_tokens = 200000\ninput = 6\n",
                    "above_input_tokens = 200000\ninput = 7.5\n",
                    1,
                )
            } else {
                text
            };
            std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    dir
}

#[test]
fn compare_pricing_prints_the_change_and_fails_above_the_limit() {
    let new = dearer_pricebook();
    let new = new.to_str().unwrap();
    let old = "tests/fixtures/pricebook-2026-11-24";
    // The long request costs 250,000 × $1.50/M = $0.375 more: $2.4725 →
    // $2.8475 over 2 days, $37.0875 → $42.7125 a month, +15.17 %.
    let out = estimate(&[
        "--pricing",
        new,
        "--compare-pricing",
        old,
        "--fail-above",
        "20",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("  as-logged/mix (each model's own vendor): $37.09 → $42.71 (+15.2%)"),
        "{text}"
    );
    // HolySheep's flat rate does not move.
    assert!(
        text.contains(
            "  holysheep/mix (HolySheep AI (relay), 2 of 2 models): $1.19 → $1.19 (0.0%)"
        ),
        "{text}"
    );
    let out = estimate(&[
        "--pricing",
        new,
        "--compare-pricing",
        old,
        "--fail-above",
        "15",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("as-logged/mix costs 15.17 % more a month, over --fail-above 15"),
        "{err}"
    );
    let out = estimate(&[
        "--pricing",
        new,
        "--compare-pricing",
        old,
        "--route",
        "holysheep",
        "--fail-above",
        "15",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the log as sent is always checked"
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("route,label,old_per_month_usd,new_per_month_usd,change_pct\n"));
    let out = estimate(&["--fail-above", "5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("--fail-above needs --compare-pricing OLD_DIR"));
    std::fs::remove_dir_all(new).unwrap();
}

#[test]
fn a_model_map_prices_a_fine_tune_as_its_base_model() {
    let dir = std::env::temp_dir().join(format!("llm-roi-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("log.csv");
    std::fs::write(
        &log,
        "model,input_tokens,output_tokens,requests\nclaude-haiku-4-5,1000,100,3\nft:gpt-4.1-mini:acme::abc123,500,50,1\n",
    )
    .unwrap();
    let run = |map: Option<&str>| {
        let mut args = vec![
            "--pricing-dir".to_string(),
            "tests/fixtures/pricebook-2026-11-24".into(),
            "estimate".into(),
            "--usage".into(),
            log.to_string_lossy().into_owned(),
        ];
        if let Some(text) = map {
            let file = dir.join("map.toml");
            std::fs::write(&file, text).unwrap();
            args.extend([
                "--model-map".to_string(),
                file.to_string_lossy().into_owned(),
            ]);
        }
        bin().args(&args).output().unwrap()
    };
    let out = run(None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("  25 % of requests not priced: ft:gpt-4.1-mini:acme::abc123 (1 row, 1 request, 550 tokens, 25 % of requests): left out of every figure below"),
        "{text}"
    );
    let out = run(Some(
        "\"ft:gpt-4.1-mini:acme::abc123\" = \"gpt-4.1-mini\"\n",
    ));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(!text.contains("not priced"), "{text}");
    assert!(text.contains("2 request classes:"), "{text}");
    let out = run(Some("\"ft:x\" = \"gpt-99\"\n"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("map: `ft:x` → `gpt-99`: `gpt-99` is not an official model id or alias"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
