//! The shipped `pricing/`, as a team opening llm-roi on 2026-12-01 sees it:
//! current models, retirements, relay claims, off-peak and service tiers.

use crate::support::{option, TestApp};
use axum::http::StatusCode;
use llm_roi_core::money::date::CalendarDate;
use serde_json::Value;
use std::path::Path;

fn day() -> CalendarDate {
    CalendarDate::new(2026, 12, 1).unwrap()
}

async fn estimate(query: &str) -> Value {
    let (status, _, body) = TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(day())
        .build()
        .get(&format!("/api/v1/estimate?{query}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn per_request(body: &Value, id: &str) -> rust_decimal::Decimal {
    option(body, id)["per_request"]["total"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_default_baseline_is_anthropic_s_current_small_model() {
    let body = estimate("").await;
    assert_eq!(body["baseline"]["model"], "claude-haiku-5-5");
    // The relay's claim beside the computed saving, at the shipped ECB rate.
    let hs = option(&body, "holysheep/claude-haiku-5-5");
    assert_eq!(
        hs["savings_claim"]["text"],
        "claims 85 % off list price; computed 84.97 % at ¥6.6529 per $ (holds)"
    );
    assert_eq!(hs["savings_claim"]["holds"], true);
}

#[tokio::test]
async fn a_retired_baseline_is_flagged_with_its_successor_and_never_the_target() {
    let (status, _, html) = TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(day())
        .build()
        .get("/?base=google/gemini-2.5-flash")
        .await;
    assert_eq!(status, StatusCode::OK);
    let row = html
        .split(r#"data-option="google/gemini-2.5-flash""#)
        .nth(1)
        .unwrap();
    let row = row.split("</tr>").next().unwrap();
    assert!(
        row.contains("retired on 2026-12-01; successor gemini-3.5-flash-lite"),
        "{row}"
    );
    let body = estimate(
        "base=google/gemini-2.5-flash&cmp=holysheep/gemini-2.5-flash,google/gemini-3.5-flash-lite",
    )
    .await;
    // HolySheep's Gemini 2.5 Flash is the cheapest, but retired with its
    // upstream: the automatic target is the successor.
    let target = &body["forecast"]["migration"]["target"];
    assert_eq!(
        target["model"], "gemini-3.5-flash-lite",
        "{}",
        body["forecast"]["migration"]
    );
    let retires = &option(&body, "holysheep/gemini-2.5-flash")["lifecycle"]["retires"];
    assert_eq!(
        (
            retires["year"].as_u64(),
            retires["month"].as_u64(),
            retires["day"].as_u64()
        ),
        (Some(2026), Some(12), Some(1))
    );
}

#[tokio::test]
async fn offpeak_hours_and_service_tiers_change_the_price() {
    let peak = estimate("base=deepseek/deepseek-flash&in=1000&out=1000").await;
    let off = estimate("base=deepseek/deepseek-flash&in=1000&out=1000&offpeak=100").await;
    // Peak $0.3 + $1.2 per 1M; off-peak $0.15 + $0.6: half.
    assert_eq!(
        per_request(&peak, "deepseek/deepseek-flash").to_string(),
        "0.0015"
    );
    assert_eq!(
        per_request(&off, "deepseek/deepseek-flash").to_string(),
        "0.00075"
    );
    let std = estimate("base=openai/gpt-5.4&in=1000&out=1000").await;
    let flex = estimate("base=openai/gpt-5.4&in=1000&out=1000&tier=flex").await;
    let prio = estimate("base=openai/gpt-5.4&in=1000&out=1000&tier=priority").await;
    assert_eq!(per_request(&std, "openai/gpt-5.4").to_string(), "0.0175");
    assert_eq!(per_request(&flex, "openai/gpt-5.4").to_string(), "0.00875");
    assert_eq!(per_request(&prio, "openai/gpt-5.4").to_string(), "0.035");
    // Above 272k input tokens the whole request bills at the long-context tier.
    let long = estimate("base=openai/gpt-5.4&in=272001&out=0").await;
    assert_eq!(per_request(&long, "openai/gpt-5.4").to_string(), "1.360005");
    let (status, _, body) = TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(day())
        .build()
        .get("/api/v1/estimate?tier=fast")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("choose standard, flex or priority"), "{body}");
}

#[tokio::test]
async fn the_model_selects_put_older_and_retired_models_apart() {
    let (status, _, html) = TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(day())
        .build()
        .get("/")
        .await;
    assert_eq!(status, StatusCode::OK);
    // The baseline select: its current models, then the group of older ones.
    let base = &html[html.find("<select id=\"base\"").unwrap()..];
    let base = &base[..base.find("</select>").unwrap()];
    let group = base.find("<optgroup label=\"Older and retired\">").unwrap();
    let at = |v: &str| base.find(&format!("value=\"{v}\"")).unwrap();
    assert!(at("anthropic/claude-haiku-5-5") < group);
    assert!(at("openai/gpt-5.5") < group);
    // Retired, no longer listed by LiteLLM, and deprecated with a successor.
    assert!(at("deepseek/deepseek-chat") > group);
    assert!(at("anthropic/claude-2") > group);
    assert!(at("openai/o3") > group);
    assert!(
        base.contains(">Anthropic — Claude 2.0 / 2.1 (unlisted)<"),
        "{base}"
    );
    assert!(
        base.contains(">Google — Gemini 3.7 Flash (superseded)<"),
        "{base}"
    );
}

/// On the shipped prices, Claude Haiku 5.5 against GPT-6 Luna alone (the
/// same list price): the headline says that nothing compared is cheaper,
/// not "saves $0.00 … never pays back".
#[tokio::test]
async fn the_headline_says_plainly_when_nothing_is_cheaper() {
    let (status, _, page) = TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(day())
        .build()
        .get("/report?cmp=openai/gpt-6-luna")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("No compared option is cheaper than Anthropic — Claude Haiku 5.5 for this traffic: the cheapest, OpenAI — GPT-6 Luna, costs "),
        "{}",
        &page[page.find("data-testid=\"summary\"").unwrap_or(0)..][..300]
    );
    assert!(!page.contains("saves $0.00"));
}
