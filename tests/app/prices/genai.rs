//! genai-prices' schema read as of a day (a fixture written from its
//! published data model).

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::ServiceTier;
use llm_roi_core::pricebook::Status;
use llm_roi_prices::genai::clauses::{confirmed_in, matches};
use llm_roi_prices::genai::read;
use llm_roi_prices::Database;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn day(m: u8, d: u8) -> CalendarDate {
    CalendarDate::new(2026, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A small file in genai-prices' schema: a tier, time-of-day prices, a
/// deprecated model, a price history and a batch and a flex variant.
pub const FIXTURE: &str = r#"[
 {"id": "anthropic", "name": "Anthropic", "api_pattern": "x",
  "pricing_urls": ["https://www.anthropic.com/pricing#api"],
  "models": [
   {"id": "claude-haiku-5-5", "match": {"or": [{"starts_with": "claude-haiku-5-5"}, {"equals": "claude-haiku-5-5-20261001"}]},
    "name": "Claude Haiku 5.5",
    "price_comments": "Batch rates verified on 2026-10-14 at the pricing page.",
    "prices": {"input_mtok": {"base": "0.1", "tiers": [{"start": 100000, "price": "0.5"}]},
               "output_mtok": {"base": 0.5, "tiers": [{"start": 100000, "price": 2.5}]},
               "cache_read_mtok": "0.01", "cache_write_mtok": "0.125", "cache_write_1h_mtok": "0.2",
               "web_searches_kcount": "10"},
    "price_variants": [{"when": {"processing": "batch"}, "constraint": {"start_date": "2026-10-14"},
                        "prices": {"input_mtok": "0.05", "output_mtok": "0.25"}},
                       {"when": {"processing": "batch"}, "constraint": {"start_date": "2027-01-01"},
                        "prices": {"input_mtok": "0.01", "output_mtok": "0.01"}}]},
   {"id": "claude-sonnet-5", "match": {"starts_with": "claude-sonnet-5"},
    "prices": [{"prices": {"input_mtok": 2, "output_mtok": 10}},
               {"constraint": {"start_date": "2026-09-01"}, "prices": {"input_mtok": 3, "output_mtok": 15}},
               {"constraint": {"start_date": "2027-03-01"}, "prices": {"input_mtok": 4, "output_mtok": 20}}]},
   {"id": "claude-2", "match": {"equals": "claude-2"}, "deprecated": true,
    "prices": {"input_mtok": 8, "output_mtok": 24}}
  ]},
 {"id": "deepseek", "name": "DeepSeek", "api_pattern": "x",
  "pricing_urls": ["https://api-docs.deepseek.com/quick_start/pricing"],
  "models": [
   {"id": "deepseek-flash", "match": {"equals": "deepseek-flash"},
    "prices": [{"prices": {"input_mtok": "0.15", "output_mtok": "0.6", "cache_read_mtok": "0.003"}},
               {"constraint": {"start_time": "01:00:00Z", "end_time": "04:00:00Z"},
                "prices": {"input_mtok": "0.3", "output_mtok": "1.2", "cache_read_mtok": "0.006"}},
               {"constraint": {"start_time": "06:00:00Z", "end_time": "10:00:00Z"},
                "prices": {"input_mtok": "0.3", "output_mtok": "1.2", "cache_read_mtok": "0.006"}}]}
  ]},
 {"id": "openai", "name": "OpenAI", "api_pattern": "x", "models": [
   {"id": "gpt-5.4", "match": {"equals": "gpt-5.4"},
    "prices": {"input_mtok": {"base": "2.5", "tiers": [{"start": 272000, "price": "5"}]}, "output_mtok": "15", "cache_read_mtok": "0.25"},
    "price_variants": [{"when": {"service_tier": "flex"}, "prices": {"input_mtok": "1.25", "output_mtok": "7.5"}},
                       {"when": {"service_tier": "priority"}, "prices": {"input_mtok": "5", "output_mtok": "30", "cache_read_mtok": "0.5"}}]}
 ]}
]"#;

pub fn fixture_db(today: CalendarDate) -> Database {
    read("fixture.json", FIXTURE, "genai-prices test", today, &[]).unwrap()
}

#[test]
fn tiers_variants_history_and_time_of_day_are_read_as_of_the_day() {
    let db = fixture_db(day(12, 1));
    let a = db.provider("anthropic").unwrap();
    let haiku = a.model("claude-haiku-5-5-20261001").unwrap();
    assert_eq!(haiku.aliases, ["claude-haiku-5-5-20261001"]);
    assert_eq!(haiku.prices.base.input_per_mtok, dec("0.1"));
    assert_eq!(
        haiku.prices.base.cache_write_5m_per_mtok,
        Some(dec("0.125"))
    );
    assert_eq!(haiku.prices.tiers[0].above_input_tokens, 100_000);
    assert_eq!(haiku.prices.tiers[0].prices.output_per_mtok, dec("2.5"));
    // The batch variant of 2027 is not in force yet; the 2026 one is, and
    // its unstated fields keep the standard price.
    let batch = haiku.prices.batch.as_ref().unwrap();
    assert_eq!(batch.base.input_per_mtok, dec("0.05"));
    assert_eq!(batch.base.cache_read_per_mtok, Some(dec("0.01")));
    assert_eq!(haiku.checked, Some(day(10, 14)));
    assert_eq!(
        a.pricing_url.as_deref(),
        Some("https://www.anthropic.com/pricing#api")
    );
    // History: the September price, not the introductory or the 2027 one.
    let sonnet = a.model("claude-sonnet-5").unwrap();
    assert_eq!(sonnet.prices.base.input_per_mtok, Decimal::from(3));
    assert_eq!(sonnet.checked, Some(day(9, 1)));
    let before = fixture_db(day(8, 31));
    assert_eq!(
        before
            .provider("anthropic")
            .unwrap()
            .model("claude-sonnet-5")
            .unwrap()
            .prices
            .base
            .input_per_mtok,
        Decimal::from(2)
    );
    // The lists before the one in force are kept, dated; 2027's is not.
    let earlier = &sonnet.prices.earlier;
    assert_eq!(earlier.len(), 1);
    assert_eq!(earlier[0].until, day(9, 1));
    assert_eq!(earlier[0].prices.base.output_per_mtok, Decimal::from(10));
    // Time-of-day models keep no dated lists (theirs are off-peak prices).
    // Deprecated.
    let old = a.model("claude-2").unwrap();
    assert_eq!(old.lifecycle.status(day(12, 1)), Status::Deprecated);
    // Time of day: the windows are the peak, the rest off-peak.
    let flash = db
        .provider("deepseek")
        .unwrap()
        .model("deepseek-flash")
        .unwrap();
    assert_eq!(flash.prices.base.input_per_mtok, dec("0.3"));
    let off = flash.prices.offpeak.as_ref().unwrap();
    assert_eq!(off.hours_utc, "04:00-06:00, 10:00-01:00");
    assert_eq!(off.prices.base.output_per_mtok, dec("0.6"));
    // Service tiers override their fields, tiers included.
    let gpt = db.provider("openai").unwrap().model("gpt-5.4").unwrap();
    let flex = gpt.prices.service_tier(ServiceTier::Flex).unwrap();
    assert_eq!(flex.base.input_per_mtok, dec("1.25"));
    assert!(
        flex.tiers.is_empty(),
        "a flat override replaces the tiered field"
    );
    let prio = gpt.prices.service_tier(ServiceTier::Priority).unwrap();
    assert_eq!(prio.base.cache_read_per_mtok, Some(dec("0.5")));
}

#[test]
fn bad_files_are_named_with_the_path() {
    let e = read("f.json", "{}", "x", day(1, 1), &[]).unwrap_err();
    assert!(
        e.to_string().contains("expected a list of providers"),
        "{e}"
    );
    let e = read(
        "f.json",
        r#"[{"id":"a","models":[{"id":"m","match":{},"prices":{"input_mtok":"x"}}]}]"#,
        "x",
        day(1, 1),
        &[],
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "f.json: $[0].models[0].prices.input_mtok: expected a number or {base, tiers: [{start, price}]}");
    assert!(read("f.json", "nope", "x", day(1, 1), &[])
        .unwrap_err()
        .to_string()
        .starts_with("f.json: not JSON"));
}

#[test]
fn confirmation_dates_are_read_from_comments() {
    assert_eq!(
        confirmed_in(
            "Batch rates verified on 2026-10-14 at x; checked 2026-11-02.",
            day(12, 1)
        ),
        Some(day(11, 2))
    );
    assert_eq!(confirmed_in("checked 2027-01-01", day(12, 1)), None);
    assert_eq!(confirmed_in("no date", day(12, 1)), None);
}

#[test]
fn model_match_clauses() {
    let c: Value = serde_json::from_str(r#"{"or": [{"starts_with": "gpt-"}, {"equals": "whisper-1"}, {"and": [{"contains": "o3"}, {"ends_with": "-pro"}]}]}"#).unwrap();
    assert!(matches(&c, "gpt-6-luna"));
    assert!(matches(&c, "whisper-1"));
    assert!(matches(&c, "o3-pro"));
    assert!(!matches(&c, "o3-mini"));
    assert!(!matches(&c, "claude-haiku-5-5"));
    assert!(matches(&Value::Null, "anything"));
}
