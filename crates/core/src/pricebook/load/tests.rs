use super::*;
use crate::pricebook::error::PricebookError;
use crate::pricebook::fingerprint::fingerprint;
use crate::pricebook::{PriceBasis, ProviderKind};

const FX: &str = "schema = 1\n[[rates]]\ncurrency = \"CNY\"\nper_usd = 7.1\ndate = 2026-11-20\nsource = \"https://example.org/fx\"\n";

/// A valid official provider; line 12 is `input = 1`, line 13 `output = 5`.
pub(super) const OFFICIAL: &str = r#"schema = 1
[provider]
id = "acme"
name = "Acme"
kind = "official"
base_url = "https://api.acme.test"
api_style = "anthropic"
currency = "USD"
source = "https://acme.test/pricing"
checked = 2026-11-01
[[models]]
id = "small"
aliases = ["small-2025"]
input = 1
output = 5
"#;

/// A valid flat relay in front of `acme`.
pub(super) const RELAY: &str = r#"schema = 1
[provider]
id = "relay"
name = "Relay"
kind = "relay"
base_url = "https://relay.test"
api_style = "anthropic"
currency = "CNY"
source = "https://relay.test/pricing"
checked = 2026-11-01
upstream = "acme"
pricing = "flat"
[provider.flat]
input = 1
output = 1
[[models]]
id = "small"
"#;

pub(super) fn run(files: &[(&str, &str)]) -> Result<Pricebook, PricebookErrors> {
    let files: Vec<SourceFile> = files.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect();
    load(&SourceFile::new("fx.toml", FX), &files)
}

/// The only error of a load, as (file, line, field, message).
pub(super) fn only_error(files: &[(&str, &str)]) -> (String, usize, String, String) {
    let errors = match run(files) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.0,
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    match errors.into_iter().next() {
        Some(PricebookError::Invalid {
            file,
            line,
            field,
            message,
            ..
        }) => (file, line, field, message),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn valid_files_load() {
    let book = run(&[("acme.toml", OFFICIAL), ("relay.toml", RELAY)]).unwrap();
    assert_eq!(book.providers.len(), 2);
    assert_eq!(book.providers[0].kind, ProviderKind::Official);
    let relay = &book.providers[1];
    assert!(matches!(relay.basis, PriceBasis::Flat { .. }));
    assert_eq!(
        relay.models[0].upstream.as_ref().unwrap().to_string(),
        "acme/small"
    );
    assert_eq!(book.providers[0].model("small-2025").unwrap().id, "small");
}

#[test]
fn unknown_key_names_file_line_and_field() {
    let text = OFFICIAL.replace("name = \"Acme\"", "name = \"Acme\"\ncolour = \"red\"");
    let (file, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!(
        (file.as_str(), line, field.as_str()),
        ("acme.toml", 5, "colour")
    );
    assert!(message.contains("unknown field"), "{message}");
    assert!(message.contains("expected one of"), "{message}");
}

#[test]
fn negative_price_is_refused() {
    let text = OFFICIAL.replace("output = 5", "output = -5");
    let (file, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!(
        (file.as_str(), line, field.as_str()),
        ("acme.toml", 15, "output")
    );
    assert!(message.contains("zero or more"), "{message}");
}

#[test]
fn missing_price_is_refused() {
    let text = OFFICIAL.replace("output = 5\n", "");
    let (_, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!((line, field.as_str()), (12, "output"));
    assert!(
        message.contains("`small` has no `output` price"),
        "{message}"
    );
}

#[test]
fn currency_without_rate_is_refused() {
    let text = OFFICIAL.replace("currency = \"USD\"", "currency = \"JPY\"");
    let (_, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!((line, field.as_str()), (8, "currency"));
    assert!(message.contains("USD, CNY"), "{message}");
}

#[test]
fn relay_with_unknown_upstream_is_refused() {
    let text = RELAY.replace("upstream = \"acme\"", "upstream = \"nobody\"");
    let (file, line, field, message) =
        only_error(&[("acme.toml", OFFICIAL), ("relay.toml", &text)]);
    assert_eq!(
        (file.as_str(), line, field.as_str()),
        ("relay.toml", 11, "upstream")
    );
    assert!(message.contains("use one of: acme"), "{message}");
}

#[test]
fn relay_with_unknown_model_is_refused() {
    let text = RELAY.replace("id = \"small\"", "id = \"huge\"");
    let (_, line, field, message) = only_error(&[("acme.toml", OFFICIAL), ("relay.toml", &text)]);
    assert_eq!((line, field.as_str()), (17, "id"));
    assert!(message.contains("its models are: small"), "{message}");
}

#[test]
fn duplicate_provider_id_is_refused() {
    let (file, line, field, message) =
        only_error(&[("acme.toml", OFFICIAL), ("acme2.toml", OFFICIAL)]);
    assert_eq!(
        (file.as_str(), line, field.as_str()),
        ("acme2.toml", 3, "id")
    );
    assert!(message.contains("already used by acme.toml"), "{message}");
}

#[test]
fn duplicate_alias_is_refused() {
    let text = format!(
        "{OFFICIAL}[[models]]\nid = \"other\"\naliases = [\"small-2025\"]\ninput = 1\noutput = 1\n"
    );
    let (_, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!((line, field.as_str()), (18, "aliases"));
    assert!(
        message.contains("`small-2025` names two models"),
        "{message}"
    );
}

#[test]
fn bad_enum_value_lists_allowed_values() {
    let text = OFFICIAL.replace("kind = \"official\"", "kind = \"reseller\"");
    let (_, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!((line, field.as_str()), (5, "kind"));
    assert!(
        message.contains("`official`") && message.contains("`relay`"),
        "{message}"
    );
}

#[test]
fn unsupported_schema_version_is_refused() {
    let text = OFFICIAL.replace("schema = 1", "schema = 2");
    let (_, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!((line, field.as_str()), (1, "schema"));
    assert!(message.contains("reads schema = 1"), "{message}");
}

#[test]
fn checked_must_be_a_date() {
    let text = OFFICIAL.replace("checked = 2026-11-01", "checked = 2026-11-01T10:00:00Z");
    let (_, line, field, _) = only_error(&[("acme.toml", &text)]);
    assert_eq!((line, field.as_str()), (10, "checked"));
}

#[test]
fn every_error_is_reported_at_once() {
    let text = OFFICIAL
        .replace("currency = \"USD\"", "currency = \"JPY\"")
        .replace(
            "source = \"https://acme.test/pricing\"",
            "source = \"acme pricing\"",
        );
    let errors = run(&[("acme.toml", &text)]).unwrap_err();
    assert_eq!(errors.0.len(), 2, "{errors}");
    assert!(
        errors
            .to_string()
            .contains("acme.toml:9:10: field `source`"),
        "{errors}"
    );
}

#[test]
fn shipped_pricebook_loads() {
    let book = crate::pricebook::fixtures::playbook_book();
    let ids: Vec<&str> = book.providers.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "anthropic",
            "deepseek",
            "google",
            "openai",
            "holysheep",
            "openrouter"
        ]
    );
    let holysheep = book.provider("holysheep").unwrap();
    assert_eq!(holysheep.claim.as_ref().unwrap().claimed_overhead_ms, 50);
    assert_eq!(holysheep.models.len(), 6);
}

#[test]
fn fingerprint_follows_prices_not_layout() {
    let a = run(&[("acme.toml", OFFICIAL)]).unwrap();
    let b = run(&[(
        "acme.toml",
        &OFFICIAL.replace("input = 1", "input    =   1.0 # same"),
    )])
    .unwrap();
    let c = run(&[("acme.toml", &OFFICIAL.replace("input = 1", "input = 1.01"))]).unwrap();
    assert_eq!(fingerprint(&a).len(), 16);
    assert_eq!(fingerprint(&a), fingerprint(&b));
    assert_ne!(fingerprint(&a), fingerprint(&c));
}

#[test]
fn new_price_tables_and_lifecycle_are_checked_field_by_field() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "[[models.service_tiers]]\nname = \"turbo\"\ninput = 1\noutput = 2\n",
            "name",
            "a service tier is named `flex` or `priority`",
        ),
        (
            "[[models.service_tiers]]\nname = \"flex\"\ninput = 1\noutput = 2\n[[models.service_tiers]]\nname = \"flex\"\ninput = 1\noutput = 2\n",
            "name",
            "service tier `flex` is given twice",
        ),
        (
            "[models.offpeak]\ninput = 1\noutput = 2\n",
            "hours_utc",
            "[models.offpeak] needs `hours_utc`",
        ),
        (
            "batch_discount_pct = 50\n[models.batch]\ninput = 1\noutput = 2\n",
            "batch",
            "give either `batch_discount_pct` or [models.batch] prices, not both",
        ),
        (
            "successor = \"big\"\n",
            "successor",
            "`big` is not a model of `acme`",
        ),
        ("retires = \"soon\"\n", "retires", "expected"),
    ];
    for (extra, field, message) in cases {
        let text = format!("{OFFICIAL}{extra}");
        let (file, _, f, m) = only_error(&[("acme.toml", &text)]);
        assert_eq!(
            (file.as_str(), f.as_str()),
            ("acme.toml", field),
            "{extra}: {m}"
        );
        assert!(m.contains(message), "{extra}: {m}");
    }
    let claim = OFFICIAL.replace(
        "checked = 2026-11-01\n",
        "checked = 2026-11-01\nclaimed_savings_pct = 85\n",
    );
    let (_, _, f, m) = only_error(&[("acme.toml", &claim)]);
    assert_eq!(f, "claimed_savings_pct");
    assert!(m.contains("only a relay makes saving claims"), "{m}");
}

#[test]
fn a_regional_price_needs_a_known_region_a_sane_factor_and_own_prices() {
    let region = |r: &str, m: &str| {
        format!(
            "{OFFICIAL}[[models.regions]]\nregion = \"{r}\"\nmultiplier = {m}\nsource = \"https://acme.test/us\"\nchecked = 2026-12-01\n"
        )
    };
    let book = run(&[("acme.toml", &region("us", "1.1"))]).unwrap();
    let r = book.providers[0]
        .model("small")
        .unwrap()
        .region("us")
        .unwrap();
    assert_eq!(r.multiplier, rust_decimal::Decimal::new(11, 1));
    let (_, _, field, message) = only_error(&[("acme.toml", &region("mars", "1.1"))]);
    assert_eq!(field, "region");
    assert!(
        message.contains("not a region code; use one of us, eu"),
        "{message}"
    );
    let (_, _, field, message) = only_error(&[("acme.toml", &region("us", "0"))]);
    assert_eq!(field, "multiplier");
    assert!(message.contains("above 0 and at most 10"), "{message}");
    let relay = format!(
        "{RELAY}[[models.regions]]\nregion = \"us\"\nmultiplier = 1.1\nsource = \"https://relay.test/us\"\nchecked = 2026-12-01\n"
    );
    let (_, _, field, message) = only_error(&[("acme.toml", OFFICIAL), ("relay.toml", &relay)]);
    assert_eq!(field, "regions");
    assert!(
        message.contains("multiplies the model's own prices"),
        "{message}"
    );
}

#[test]
fn earlier_prices_go_oldest_first_on_a_model_with_its_own_prices() {
    let earlier = |a: &str, b: &str| {
        format!(
            "{OFFICIAL}[[models.earlier]]\nuntil = {a}\ninput = 4\noutput = 20\n[[models.earlier]]\nuntil = {b}\ninput = 3\noutput = 15\n"
        )
    };
    let book = run(&[("acme.toml", &earlier("2026-03-01", "2026-06-01"))]).unwrap();
    let prices = book.providers[0]
        .model("small")
        .unwrap()
        .prices
        .clone()
        .unwrap();
    assert_eq!(prices.earlier.len(), 2);
    let (_, _, field, message) = only_error(&[("acme.toml", &earlier("2026-06-01", "2026-03-01"))]);
    assert_eq!(field, "until");
    assert!(message.contains("oldest first"), "{message}");
    let (_, _, field, message) =
        only_error(&[("acme.toml", &earlier("2026-06-01T10:00:00", "2026-07-01"))]);
    assert_eq!(field, "until");
    assert!(message.contains("plain date"), "{message}");
    let relay = format!("{RELAY}[[models.earlier]]\nuntil = 2026-03-01\ninput = 4\noutput = 20\n");
    let (_, _, field, _) = only_error(&[("acme.toml", OFFICIAL), ("relay.toml", &relay)]);
    assert_eq!(field, "earlier");
}
