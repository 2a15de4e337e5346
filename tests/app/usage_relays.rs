//! Logs kept by a relay (OpenRouter's generations and activity) priced as
//! sent on it, and rows at a service tier priced at that tier: read from
//! fixtures written from the vendors' docs (`tests/fixtures/usage/README.md`)
//! and hand-computed on the frozen pricebook of 2026-11-24 (Claude Haiku
//! 4.5 at $1/$5 per M, cache reads $0.10; GPT-4.1 at $2/$8; OpenRouter at
//! $1.055 per $1 of list price).

use crate::support::{get_json, option, send};
use axum::http::{Request, StatusCode};
use llm_roi_core::pricebook::ServiceTier;
use llm_roi_core::scenario::usage::UsageRow;
use llm_roi_usage::{read_mix, Import, Limits};

fn read(text: &str) -> (Import, Vec<UsageRow>) {
    crate::support::read_rows(text)
}

/// (model, input, cache read, output, reasoning, relay)
type Read<'a> = (&'a str, u64, u64, u64, u64, Option<&'a str>);

fn fixture_book() -> llm_roi_core::pricebook::Pricebook {
    llm_roi_prices::pricing_dir::load_dir(std::path::Path::new(
        "tests/fixtures/pricebook-2026-11-24",
    ))
    .unwrap()
}

const GENERATIONS: &str = include_str!("../fixtures/usage/openrouter-generations.jsonl");
const ACTIVITY: &str = include_str!("../fixtures/usage/openrouter-activity.json");

#[test]
fn openrouter_generations_are_rows_sent_through_openrouter() {
    let (import, rows) = read(GENERATIONS);
    assert_eq!(import.format, "OpenRouter generations");
    let got: Vec<Read> = rows
        .iter()
        .map(|r| {
            (
                r.model.as_str(),
                r.input_tokens,
                r.cache_read_tokens,
                r.output_tokens,
                r.reasoning_tokens,
                r.via.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "anthropic/claude-haiku-4.5",
                1_200,
                800,
                300,
                0,
                Some("openrouter")
            ),
            ("openai/gpt-4.1", 5_000, 0, 900, 100, Some("openrouter")),
            ("sao10k/l3-stheno-8b", 10, 3, 25, 5, Some("openrouter")),
        ]
    );
    assert_eq!(rows[0].minute_utc, Some(23 * 60 + 33));
    let bad: Vec<(u64, &str)> = import
        .bad
        .iter()
        .map(|b| (b.line, b.field.as_str()))
        .collect();
    assert_eq!(bad, [(4, "native_tokens_completion")]);
}

#[test]
fn openrouter_activity_items_are_counted_rows_by_day() {
    let (import, rows) = read(ACTIVITY);
    assert_eq!(import.format, "OpenRouter activity");
    assert!(import.bad.is_empty(), "{:?}", import.bad);
    let got: Vec<(&str, u64, u64, u64, u64)> = rows
        .iter()
        .map(|r| {
            (
                r.model.as_str(),
                r.requests,
                r.input_tokens,
                r.output_tokens,
                r.reasoning_tokens,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("anthropic/claude-haiku-4.5", 50, 60_000, 12_000, 0),
            ("openai/gpt-4.1", 5, 50, 125, 25),
        ]
    );
    assert_eq!(rows[0].request_input_tokens, 1_200);
    assert_eq!(
        import.days.map(|(a, b)| (a.to_string(), b.to_string())),
        Some(("2026-11-20".into(), "2026-11-21".into()))
    );
    assert_eq!(import.requests_unknown, 0);
    // An item without its token counts is a bad row, not a free one.
    let (import, rows) = read("{\"data\":[{\"model\":\"openai/gpt-4.1\",\"model_permaslug\":\"x\",\"endpoint_id\":\"y\",\"requests\":3}]}");
    assert!(rows.is_empty());
    assert_eq!(import.bad[0].field, "prompt_tokens");
}

#[tokio::test]
async fn a_log_kept_by_openrouter_is_priced_on_openrouter_beside_the_vendors() {
    let book = fixture_book();
    let (import, mix) = read_mix(&book, GENERATIONS.as_bytes(), Limits::default()).unwrap();
    assert_eq!(mix.workload.relays(), ["openrouter"]);
    let unknown: Vec<&str> = import
        .models
        .iter()
        .filter(|m| !m.priced)
        .map(|m| m.model.as_str())
        .collect();
    assert_eq!(unknown, ["sao10k/l3-stheno-8b"]);
    let text = llm_roi_core::scenario::codec::mix_text::mix_text(&mix);
    let query = format!(
        "mix={}",
        llm_roi_core::scenario::codec::percent_encode(&text)
    );
    let (status, e) = get_json(&format!("/api/v1/estimate?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    // Haiku: 400 × $1 + 800 × $0.10 + 300 × $5 = $0.00198; GPT-4.1:
    // 5,000 × $2 + 900 × $8 = $0.0172; × 1.055 on OpenRouter, over 2 days.
    assert_eq!(
        option(&e, "as-logged/mix")["per_day"]["total"],
        "0.01011745"
    );
    assert_eq!(option(&e, "vendors/mix")["per_day"]["total"], "0.00959");
    assert_eq!(
        option(&e, "as-logged/mix")["model_name"],
        "as sent, through OpenRouter (relay)"
    );
}

#[tokio::test]
async fn the_answer_names_each_class_tier_and_relay_and_the_link_prices_them() {
    let req = Request::post("/api/v1/workloads")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(ACTIVITY))
        .unwrap();
    let (parts, text) = send(req).await;
    assert_eq!(parts.status, StatusCode::OK, "{text}");
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    let classes = body["classes"].as_array().unwrap();
    assert_eq!(classes[0]["via"], "openrouter");
    assert_eq!(classes[0]["service_tier"], "standard");
    assert_eq!(classes[1]["reasoning_tokens"], 25);
    assert!(
        body["mix"].as_str().unwrap().contains("@openrouter"),
        "{body}"
    );
    let query = body["report"]
        .as_str()
        .unwrap()
        .trim_start_matches("/report?");
    let (status, e) = get_json(&format!("/api/v1/estimate?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{e}");
    // Haiku 60,000 × $1 + 12,000 × $5 = $0.12; GPT-4.1 50 × $2 + 125 × $8
    // = $0.0011; × 1.055 = $0.1277605 over 2 days.
    assert_eq!(
        option(&e, "as-logged/mix")["per_day"]["total"],
        "0.06388025"
    );
    assert_eq!(option(&e, "vendors/mix")["per_day"]["total"], "0.06055");
    assert_eq!(option(&e, "vendors/mix")["is_baseline"], false);
}

#[test]
fn tiers_are_read_and_priced_where_the_model_has_them() {
    let cases = [
        ("{\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"service_tier\":\"flex\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}\n", ServiceTier::Flex),
        ("{\"object\":\"response\",\"model\":\"gpt-4.1\",\"service_tier\":\"priority\",\"usage\":{\"input_tokens\":10,\"output_tokens\":2}}\n", ServiceTier::Priority),
        ("{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":10,\"output_tokens\":2,\"service_tier\":\"priority\"}}\n", ServiceTier::Priority),
        ("{\"results\":[{\"model\":\"gpt-4.1\",\"input_tokens\":10,\"output_tokens\":2,\"num_model_requests\":1,\"service_tier\":\"flex\"}]}\n", ServiceTier::Flex),
        ("{\"results\":[{\"model\":\"claude-haiku-4-5\",\"uncached_input_tokens\":10,\"output_tokens\":2,\"service_tier\":\"priority\"}]}\n", ServiceTier::Priority),
        ("{\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"service_tier\":\"default\",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2}}\n", ServiceTier::Standard),
    ];
    for (text, tier) in cases {
        let (import, rows) = read(text);
        assert!(import.bad.is_empty(), "{text}: {:?}", import.bad);
        assert_eq!(rows[0].service_tier, tier, "{text}");
    }
    for (tier, says) in [
        ("scale", "billed by contract"),
        ("turbo", "not a service tier"),
    ] {
        let text = format!("{{\"object\":\"response\",\"model\":\"gpt-4.1\",\"service_tier\":\"{tier}\",\"usage\":{{\"input_tokens\":10,\"output_tokens\":2}}}}\n");
        let (import, rows) = read(&text);
        assert!(rows.is_empty());
        assert_eq!(import.bad[0].field, "service_tier");
        assert!(
            import.bad[0].message.contains(says),
            "{}",
            import.bad[0].message
        );
    }
    // Priced: the shipped pricebook's GPT-6 Sol has flex and priority
    // tables; Claude Haiku 4.5 has no priority price (Anthropic's Priority
    // Tier is a capacity commitment), so its row is refused by name.
    let book = llm_roi_prices::pricing_dir::load_dir(std::path::Path::new("pricing")).unwrap();
    let line = |tier: &str, model: &str| {
        format!("{{\"object\":\"response\",\"model\":\"{model}\",\"service_tier\":\"{tier}\",\"usage\":{{\"input_tokens\":100000,\"output_tokens\":100000}}}}\n")
    };
    let log = [
        line("flex", "gpt-6-sol"),
        line("priority", "gpt-6-sol"),
        line("default", "gpt-6-sol"),
        line("priority", "claude-haiku-4-5"),
    ]
    .concat();
    let (import, mix) = read_mix(&book, log.as_bytes(), Limits::default()).unwrap();
    assert_eq!(import.bad.len(), 1);
    assert_eq!(import.bad[0].field, "service_tier");
    assert!(
        import.bad[0]
            .message
            .contains("no published priority price"),
        "{}",
        import.bad[0].message
    );
    let (_, sol) = book
        .resolve(&llm_roi_core::pricebook::ModelRef {
            provider: "openai".into(),
            model: "gpt-6-sol".into(),
        })
        .unwrap();
    let p = sol.prices.as_ref().unwrap();
    let million =
        |t: &llm_roi_core::pricebook::PriceTable| t.base.input_per_mtok + t.base.output_per_mtok;
    // 100,000 tokens each way: a tenth of the per-million prices.
    let expected = (million(p.service_tier(ServiceTier::Flex).unwrap())
        + million(p.service_tier(ServiceTier::Priority).unwrap())
        + p.standard().base.input_per_mtok
        + p.standard().base.output_per_mtok)
        / rust_decimal::Decimal::from(10);
    let cost = llm_roi_core::cost::mix_estimate::logged_cost(&book, &mix.workload, "USD").unwrap();
    assert_eq!(cost, expected);
    let mut kinds: Vec<ServiceTier> = mix
        .workload
        .classes
        .iter()
        .map(|c| c.service_tier)
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ServiceTier::Standard,
            ServiceTier::Flex,
            ServiceTier::Priority
        ]
    );
}

#[test]
fn web_searches_in_a_log_are_read_and_billed_at_the_model_s_fee() {
    // Anthropic's usage.server_tool_use.web_search_requests; a Responses
    // API answer's web_search_call output items.
    let searched = concat!(
        "{\"type\":\"message\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":100,\"output_tokens\":10,\"server_tool_use\":{\"web_search_requests\":3}}}\n",
        "{\"object\":\"response\",\"model\":\"gpt-4.1\",\"output\":[{\"type\":\"web_search_call\",\"status\":\"completed\"},{\"type\":\"message\"}],\"usage\":{\"input_tokens\":100,\"output_tokens\":10}}\n",
    );
    let (_, rows) = read(searched);
    let counts: Vec<u64> = rows.iter().map(|r| r.web_searches).collect();
    assert_eq!(counts, [3, 1]);
    // On the shipped pricebook both models charge $10 per 1,000 searches:
    // the 4 searches add exactly $0.04 to the log as sent.
    let book = llm_roi_prices::pricing_dir::load_dir(std::path::Path::new("pricing")).unwrap();
    let plain = searched
        .replace(",\"server_tool_use\":{\"web_search_requests\":3}", "")
        .replace(
            "{\"type\":\"web_search_call\",\"status\":\"completed\"},",
            "",
        );
    let cost = |text: &str| {
        let (_, mix) = read_mix(&book, text.as_bytes(), Limits::default()).unwrap();
        llm_roi_core::cost::mix_estimate::logged_cost(&book, &mix.workload, "USD").unwrap()
    };
    assert_eq!(
        cost(searched) - cost(&plain),
        rust_decimal::Decimal::new(4, 2)
    );
    let (_, mix) = read_mix(&book, searched.as_bytes(), Limits::default()).unwrap();
    let text = llm_roi_core::scenario::codec::mix_text::mix_text(&mix);
    assert!(text.ends_with("..3") || text.contains("..3,"), "{text}");
}
