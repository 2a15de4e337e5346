//! LiteLLM's price map read as of a day.

use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::ServiceTier;
use llm_roi_core::pricebook::Status;
use llm_roi_prices::litellm::read;
use rust_decimal::Decimal;
use std::str::FromStr;

const FIXTURE: &str = r#"{
 "claude-sonnet-4-5": {"litellm_provider": "anthropic", "mode": "chat",
   "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
   "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
   "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
   "cache_creation_input_token_cost_above_1hr": 6e-06, "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05,
   "input_cost_per_token_batches": 1.5e-06, "output_cost_per_token_batches": 7.5e-06,
   "deprecation_date": "2026-11-30", "successor_model": "claude-sonnet-5-5"},
 "deepseek/deepseek-flash": {"litellm_provider": "deepseek", "mode": "chat",
   "input_cost_per_token": 3e-07, "output_cost_per_token": 1.2e-06, "cache_read_input_token_cost": 6e-09,
   "cache_creation_input_token_cost": 0.0,
   "off_peak_pricing": {"input_cost_per_token": 1.5e-07, "output_cost_per_token": 6e-07, "cache_read_input_token_cost": 3e-09,
     "windows": [{"hours_utc": ["00:00-01:00", "04:00-06:00", "10:00-00:00"], "weekdays": [1, 2, 3, 4, 5]}]}},
 "gpt-5.4": {"litellm_provider": "openai", "mode": "chat",
   "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05,
   "input_cost_per_token_flex": 1.25e-06, "output_cost_per_token_flex": 7.5e-06,
   "input_cost_per_token_priority": 5e-06, "output_cost_per_token_priority": 3e-05},
 "gemini/gemini-2.5-flash": {"litellm_provider": "gemini", "mode": "chat",
   "input_cost_per_token": 2.9999999999999997e-07, "output_cost_per_token": 2.5e-06,
   "deprecation_date": "2027-06-01"},
 "tts-1": {"litellm_provider": "openai", "mode": "audio_speech", "input_cost_per_character": 1.5e-05},
 "sample_spec": "not a model"
}"#;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn per_token_costs_tiers_variants_offpeak_and_retirements_are_read() {
    let today = CalendarDate::new(2026, 12, 1).unwrap();
    let db = read("l.json", FIXTURE, "litellm test", today, &[]).unwrap();
    let sonnet = db
        .provider("anthropic")
        .unwrap()
        .model("claude-sonnet-4-5")
        .unwrap();
    assert_eq!(sonnet.prices.base.input_per_mtok, d("3"));
    assert_eq!(sonnet.prices.base.cache_write_1h_per_mtok, Some(d("6")));
    assert_eq!(sonnet.prices.tiers[0].above_input_tokens, 200_000);
    assert_eq!(sonnet.prices.tiers[0].prices.output_per_mtok, d("22.5"));
    // The 1-hour write price has its own long-context tier; the 5-minute one
    // is not confused with it.
    assert_eq!(
        sonnet.prices.tiers[0].prices.cache_write_1h_per_mtok,
        Some(d("12"))
    );
    assert_eq!(
        sonnet.prices.tiers[0].prices.cache_write_5m_per_mtok,
        Some(d("3.75"))
    );
    let batch = sonnet.prices.batch.as_ref().unwrap();
    assert_eq!(batch.base.input_per_mtok, d("1.5"));
    // LiteLLM publishes no 1-hour batch write price: unknown, not the standard one.
    assert_eq!(batch.base.cache_write_1h_per_mtok, None);
    assert_eq!(sonnet.lifecycle.status(today), Status::Retired);
    assert_eq!(
        sonnet.lifecycle.successor.as_deref(),
        Some("claude-sonnet-5-5")
    );
    let flash = db
        .provider("deepseek")
        .unwrap()
        .model("deepseek-flash")
        .unwrap();
    assert_eq!(
        flash.prices.base.cache_write_5m_per_mtok, None,
        "a zero write cost is not published"
    );
    let off = flash.prices.offpeak.as_ref().unwrap();
    assert_eq!(off.hours_utc, "00:00-01:00, 04:00-06:00, 10:00-00:00");
    assert_eq!(off.prices.base.input_per_mtok, d("0.15"));
    let gpt = db.provider("openai").unwrap();
    assert_eq!(gpt.models.len(), 1, "audio models are left out");
    let prio = gpt
        .model("gpt-5.4")
        .unwrap()
        .prices
        .service_tier(ServiceTier::Priority)
        .unwrap();
    assert_eq!(prio.base.output_per_mtok, d("30"));
    // Binary-float noise is rounded away; `gemini` is our `google`.
    let gemini = db
        .provider("google")
        .unwrap()
        .model("gemini-2.5-flash")
        .unwrap();
    assert_eq!(gemini.prices.base.input_per_mtok, d("0.3"));
    assert_eq!(gemini.lifecycle.status(today), Status::Deprecated);
    assert!(read("l.json", "[]", "x", today, &[])
        .unwrap_err()
        .to_string()
        .contains("expected an object keyed by model name"));
}
