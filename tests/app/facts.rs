//! Provider facts and requirements through the real routes, on the shipped
//! `pricing/`: the JSON estimate, the report, the CSV and the calculator's
//! boxes carry the same facts with their sources and dates.

use crate::support::{option, TestApp};
use axum::http::StatusCode;
use llm_roi_core::money::date::CalendarDate;
use serde_json::Value;
use std::path::Path;

const Q: &str =
    "base=anthropic/claude-haiku-4-5&in=0&cmp=holysheep/claude-haiku-4-5,openai/gpt-4.1";

async fn on(day: CalendarDate, uri: &str) -> String {
    let (status, _, body) = TestApp::builder()
        .pricing(Path::new("pricing"))
        .today(day)
        .build()
        .get(uri)
        .await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    body
}

fn today() -> CalendarDate {
    CalendarDate::new(2026, 12, 2).unwrap()
}

#[tokio::test]
async fn the_json_estimate_carries_facts_checks_and_their_sources() {
    let body = on(today(), &format!("/api/v1/estimate?{Q}&req=soc2,wechat")).await;
    let json: Value = serde_json::from_str(&body).unwrap();
    let relay = option(&json, "holysheep/claude-haiku-4-5");
    let checks = relay["fit"]["checks"].as_array().unwrap();
    assert_eq!(checks[0]["requirement"], "soc2");
    assert_eq!(checks[0]["verdict"], "fails");
    assert_eq!(checks[0]["claimed"], true);
    assert!(checks[0]["source"]
        .as_str()
        .unwrap()
        .starts_with("vendor's own claim: its migration playbook"));
    assert_eq!(checks[1]["verdict"], "met");
    let facts = relay["fit"]["facts"].as_array().unwrap();
    let zdr = facts.iter().find(|f| f["key"] == "zdr").unwrap();
    assert_eq!(zdr["value"], Value::Null, "unknown is null, not a guess");
    let openai = option(&json, "openai/gpt-4.1");
    assert_eq!(openai["fit"]["checks"][0]["verdict"], "met");
    assert_eq!(
        openai["fit"]["checks"][0]["source"],
        "https://trust.openai.com"
    );
    assert_eq!(openai["fit"]["checks"][0]["checked"]["year"], 2026);
    assert_eq!(openai["fit"]["checks"][1]["verdict"], "unknown");
    // Nothing meets both: no default target.
    assert_eq!(json["forecast"]["migration"], Value::Null);
}

#[tokio::test]
async fn the_report_has_a_fits_section_and_names_what_the_target_misses() {
    let body = on(
        today(),
        &format!("/report?{Q}&req=soc2,zdr&target=holysheep/claude-haiku-4-5"),
    )
    .await;
    assert!(body.contains("Fits your requirements"), "{body}");
    assert!(body.contains("data-testid=\"fits\""));
    assert!(body.contains(
        "It does not meet every requirement: SOC 2 Type II (fails), zero data retention (unknown)."
    ));
    assert!(body.contains("https://trust.openai.com (checked 2026-12-02)"));
    assert!(
        body.contains("vendor&#x27;s own claim: its migration playbook")
            || body.contains("vendor's own claim: its migration playbook")
    );
    assert!(body.contains("data-verdict=\"unknown\""));
    let none = on(today(), &format!("/report?{Q}")).await;
    assert!(none.contains("data-testid=\"fits-none\""));
}

#[tokio::test]
async fn a_fact_checked_over_180_days_ago_is_flagged_stale() {
    let later = CalendarDate::new(2027, 6, 1).unwrap();
    let body = on(later, &format!("/report?{Q}&req=soc2")).await;
    assert!(
        body.contains("https://trust.openai.com (checked 2026-12-02: stale, over 180 days)"),
        "{body}"
    );
    let fresh = on(today(), &format!("/report?{Q}&req=soc2")).await;
    assert!(!fresh.contains("stale, over 180 days"));
}

#[tokio::test]
async fn the_calculator_ticks_the_link_s_requirements_and_keeps_unusual_ones() {
    let body = on(today(), &format!("/?{Q}&req=soc2,region:jp")).await;
    for code in ["soc2", "zdr", "region:eu", "region:jp"] {
        assert!(body.contains(&format!("data-req=\"{code}\"")), "{code}");
    }
    let soc2 = body.split("data-req=\"soc2\"").next().unwrap();
    let tag_start = soc2.rfind("<input").unwrap();
    assert!(
        soc2[tag_start..].contains("checked"),
        "{}",
        &soc2[tag_start..]
    );
    let bad = on(today(), "/?req=sox").await;
    assert!(bad.contains("`sox` is not a requirement"), "{bad}");
}

#[tokio::test]
async fn the_csv_carries_the_same_facts() {
    let body = on(today(), &format!("/report.csv?{Q}&req=soc2")).await;
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let openai = rows.iter().find(|r| &r[1] == "openai/gpt-4.1").unwrap();
    assert_eq!(&openai[col("fit")], "meets");
    assert!(openai[col("requirements")].contains("[https://trust.openai.com, checked 2026-12-02]"));
    assert!(openai[col("facts")].contains("regions=US, EU, AU, IN, JP [https://developers.openai.com/api/docs/guides/data-residency, checked 2026-12-02]"));
}

#[tokio::test]
async fn a_link_made_before_the_facts_lists_each_fact_that_changed() {
    // 49504269eba5656c: the shipped pricebook before [facts], in pricing/history.
    let body = on(
        today(),
        &format!("/report?v=2&{Q}&req=card&pb=49504269eba5656c"),
    )
    .await;
    assert!(body.contains("data-state=\"changed\""), "{body}");
    assert!(body.contains("Prices or provider facts have changed since this link was made."));
    let row = body
        .split("<tr data-subject=\"holysheep/facts\">")
        .find(|r| r.contains("fact: Payment"))
        .expect("HolySheep's payment fact is listed");
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("<td class=\"then\">unknown</td>"), "{row}");
    assert!(
        row.contains("WeChat Pay, Alipay (vendor&#x27;s claim)")
            || row.contains("WeChat Pay, Alipay (vendor's claim)"),
        "{row}"
    );
}
