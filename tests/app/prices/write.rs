//! Writing imported prices into pricing/ files, keeping what was written
//! by hand, and the diff against a database.

use super::genai::{fixture_db, FIXTURE};
use llm_roi_core::money::date::CalendarDate;
use llm_roi_core::pricebook::{load::load, SourceFile};
use llm_roi_prices::diff::diff;
use llm_roi_prices::write::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

const FX: &str = "schema = 1\n";

const ANTHROPIC: &str = r#"# Anthropic list prices, USD per 1M tokens.
schema = 1

[provider]
id = "anthropic"
name = "Anthropic"
kind = "official"
base_url = "https://api.anthropic.com"
api_style = "anthropic"
currency = "USD"
source = "https://www.anthropic.com/pricing"
checked = 2026-11-24

# Our small flagship; kept across imports.
[[models]]
id = "claude-haiku-5-5"
name = "Claude Haiku 5.5 (ours)"
flagship_small = true
input = 9
output = 9
batch_discount_pct = 50

[[models]]
id = "claude-made-up"
input = 1
output = 2
"#;

fn today() -> CalendarDate {
    CalendarDate::new(2026, 12, 1).unwrap()
}

#[test]
fn an_import_keeps_hand_written_content_and_is_deterministic() {
    let db = fixture_db(today());
    let p = db.provider("anthropic").unwrap();
    let add = ["claude-sonnet-5".to_string()];
    let (text, report) = update("anthropic.toml", ANTHROPIC, p, &db.via, &add).unwrap();
    let (again, _) = update("anthropic.toml", ANTHROPIC, p, &db.via, &add).unwrap();
    assert_eq!(text, again, "same input, same bytes");
    let (twice, _) = update("anthropic.toml", &text, p, &db.via, &add).unwrap();
    assert_eq!(twice, text, "an import of its own output changes nothing");
    assert!(
        text.starts_with("# Anthropic list prices, USD per 1M tokens.\nschema = 1\n\n[provider]")
    );
    assert!(text.contains("# Our small flagship; kept across imports.\n[[models]]\nid = \"claude-haiku-5-5\"\nname = \"Claude Haiku 5.5 (ours)\"\nflagship_small = true\ninput = 0.1\n"), "{text}");
    assert!(!text.contains("batch_discount_pct"), "{text}");
    assert!(text.contains("via = \"genai-prices test\""));
    assert!(text.contains("source = \"https://www.anthropic.com/pricing#api\""));
    assert!(text.contains("checked = 2026-10-14"));
    assert!(text.contains("[[models.tiers]]\nabove_input_tokens = 100000\n"));
    assert!(text.contains("[models.batch]\ninput = 0.05\n"));
    assert!(text.contains("id = \"claude-made-up\"\ninput = 1\noutput = 2\n"));
    assert_eq!(report.updated, ["claude-haiku-5-5"]);
    assert_eq!(report.added, ["claude-sonnet-5"]);
    assert_eq!(report.not_in_database, ["claude-made-up"]);
    let book = load(
        &SourceFile::new("fx.toml", FX),
        &[SourceFile::new("anthropic.toml", text)],
    )
    .unwrap();
    let m = book
        .provider("anthropic")
        .unwrap()
        .model("claude-haiku-5-5")
        .unwrap();
    assert!(m.flagship_small);
    assert_eq!(m.via.as_deref(), Some("genai-prices test"));
    let e = update("anthropic.toml", ANTHROPIC, p, &db.via, &["nope".into()]).unwrap_err();
    assert!(
        e.to_string()
            .contains("`nope` is not a model of `anthropic`"),
        "{e}"
    );
}

#[test]
fn a_shipped_model_past_its_retirement_makes_the_diff_fail() {
    let db = fixture_db(today());
    let (text, _) = update(
        "anthropic.toml",
        ANTHROPIC,
        db.provider("anthropic").unwrap(),
        &db.via,
        &["claude-2".into()],
    )
    .unwrap();
    let book = load(
        &SourceFile::new("fx.toml", FX),
        &[SourceFile::new("anthropic.toml", text.clone())],
    )
    .unwrap();
    let d = diff(&book, &db, today());
    assert!(d.disagreements.is_empty(), "{:?}", d.disagreements);
    assert_eq!(d.deprecated, ["anthropic/claude-2"]);
    assert_eq!(d.exit_code(), 0);
    let mut retiring = db.clone();
    retiring.providers[0]
        .models
        .iter_mut()
        .for_each(|m| m.lifecycle.retires = Some(CalendarDate::new(2026, 11, 30).unwrap()));
    assert_eq!(diff(&book, &retiring, today()).exit_code(), 1);
    // A disagreeing price is listed with both values.
    let edited = text.replacen("input = 0.1\n", "input = 0.2\n", 1);
    let book = load(
        &SourceFile::new("fx.toml", FX),
        &[SourceFile::new("anthropic.toml", edited)],
    )
    .unwrap();
    let d = diff(&book, &db, today());
    assert_eq!(d.exit_code(), 1);
    assert_eq!(d.disagreements[0].field, "input");
    assert_eq!(
        (
            d.disagreements[0].ours.as_str(),
            d.disagreements[0].theirs.as_str()
        ),
        ("0.2", "0.1")
    );
}

fn price() -> impl Strategy<Value = String> {
    (0u64..=200_000_000, 0u32..=6)
        .prop_map(|(n, dp)| Decimal::new(n as i64, dp).normalize().to_string())
}

proptest! {
    /// Importing a database and diffing against the same file finds nothing.
    #[test]
    fn import_then_diff_agrees(
        input in price(), output in price(), cache in price(),
        tier_at in 1u64..=1_000_000, tier_in in price(), batch_in in price(),
        off_in in price(), flex_in in price(),
    ) {
        let json = FIXTURE
            .replace("\"base\": \"0.1\"", &format!("\"base\": \"{input}\""))
            .replace("\"base\": 0.5", &format!("\"base\": \"{output}\""))
            .replace("\"cache_read_mtok\": \"0.01\"", &format!("\"cache_read_mtok\": \"{cache}\""))
            .replace("{\"start\": 100000, \"price\": \"0.5\"}", &format!("{{\"start\": {tier_at}, \"price\": \"{tier_in}\"}}"))
            .replace("\"input_mtok\": \"0.05\"", &format!("\"input_mtok\": \"{batch_in}\""))
            .replace("\"input_mtok\": \"0.15\"", &format!("\"input_mtok\": \"{off_in}\""))
            .replace("\"input_mtok\": \"1.25\"", &format!("\"input_mtok\": \"{flex_in}\""));
        let db = llm_roi_prices::genai::read("p.json", &json, "p", today(), &[]).unwrap();
        let mut files = Vec::new();
        for (id, text) in [("anthropic", ANTHROPIC.to_string()), ("deepseek", ANTHROPIC.replace("id = \"anthropic\"", "id = \"deepseek\"").replace("claude-haiku-5-5", "deepseek-flash")), ("openai", ANTHROPIC.replace("id = \"anthropic\"", "id = \"openai\"").replace("claude-haiku-5-5", "gpt-5.4"))] {
            let (out, _) = update(&format!("{id}.toml"), &text, db.provider(id).unwrap(), &db.via, &[]).unwrap();
            files.push(SourceFile::new(format!("{id}.toml"), out));
        }
        let book = load(&SourceFile::new("fx.toml", FX), &files).unwrap();
        let d = diff(&book, &db, today());
        prop_assert!(d.disagreements.is_empty(), "{:?}", d.disagreements);
    }
}

#[test]
fn a_model_the_database_lacks_keeps_its_nested_tables() {
    let text = format!(
        "{ANTHROPIC}\n[[models.tiers]]\nabove_input_tokens = 1000\ninput = 3\noutput = 4\n\n[models.batch]\ninput = 0.5\noutput = 1\n\n[[models.batch.tiers]]\nabove_input_tokens = 1000\ninput = 1.5\noutput = 2\n\n[[models.service_tiers]]\nname = \"flex\"\ninput = 0.25\noutput = 0.5\n"
    );
    let before = load(
        &SourceFile::new("fx.toml", FX),
        &[SourceFile::new("anthropic.toml", text.clone())],
    )
    .unwrap();
    let db = fixture_db(today());
    let (out, report) = update(
        "anthropic.toml",
        &text,
        db.provider("anthropic").unwrap(),
        &db.via,
        &[],
    )
    .unwrap();
    assert_eq!(report.not_in_database, ["claude-made-up"]);
    let after = load(
        &SourceFile::new("fx.toml", FX),
        &[SourceFile::new("anthropic.toml", out)],
    )
    .unwrap();
    let kept = |b: &llm_roi_core::pricebook::Pricebook| {
        b.provider("anthropic")
            .unwrap()
            .model("claude-made-up")
            .unwrap()
            .prices
            .clone()
    };
    assert_eq!(kept(&after), kept(&before));
    assert_eq!(kept(&after).unwrap().batch.unwrap().tiers.len(), 1);
}
