//! `[facts]`: one refusal per kind of malformed fact, each naming the file,
//! the line and the field.

use super::tests::{OFFICIAL, RELAY, only_error, run};
use crate::pricebook::facts::{PaymentMethod, Sla};
use crate::pricebook::fingerprint::fingerprint;
use rust_decimal::Decimal;

const OK_FACTS: &str = r#"
[facts.payment]
value = ["card", "invoice"]
source = "https://acme.test/billing"
checked = 2026-11-30
[facts.sla]
value = 99.9
source = "vendor's own claim: its sales deck"
checked = 2026-11-30
note = "Enterprise plan only"
[facts.compliance]
value = []
source = "https://acme.test/trust"
checked = 2026-11-30
"#;

fn with(facts: &str) -> String {
    format!("{OFFICIAL}{facts}")
}

/// The only error for `facts` appended to the valid official file, as
/// (line, field, message); the facts start on line 16.
fn refused(facts: &str) -> (usize, String, String) {
    let text = with(facts);
    let (file, line, field, message) = only_error(&[("acme.toml", &text)]);
    assert_eq!(file, "acme.toml");
    (line, field, message)
}

#[test]
fn facts_load_with_their_sources_and_dates() {
    let text = with(OK_FACTS);
    let book = run(&[("acme.toml", &text)]).unwrap();
    let f = &book.providers[0].facts;
    let pay = f.payment.as_ref().unwrap();
    assert_eq!(pay.value, vec![PaymentMethod::Card, PaymentMethod::Invoice]);
    assert_eq!(pay.source, "https://acme.test/billing");
    assert_eq!(pay.checked.to_string(), "2026-11-30");
    let sla = f.sla.as_ref().unwrap();
    assert_eq!(sla.value, Sla::Uptime(Decimal::new(999, 1)));
    assert!(sla.is_claim());
    assert_eq!(sla.note.as_deref(), Some("Enterprise plan only"));
    assert_eq!(f.compliance.as_ref().unwrap().value, vec![]);
    assert!(f.zdr.is_none(), "a fact left out is unknown");
}

#[test]
fn the_fingerprint_covers_facts_and_ignores_their_absence() {
    let plain = run(&[("acme.toml", OFFICIAL)]).unwrap();
    let text = with(OK_FACTS);
    let with_facts = run(&[("acme.toml", &text)]).unwrap();
    let changed = with(&OK_FACTS.replace("99.9", "99.5"));
    let other = run(&[("acme.toml", &changed)]).unwrap();
    assert_ne!(fingerprint(&plain), fingerprint(&with_facts));
    assert_ne!(fingerprint(&with_facts), fingerprint(&other));
    let json = serde_json::to_string(&plain).unwrap();
    assert!(!json.contains("facts"), "no facts, no key: {json}");
}

#[test]
fn an_unknown_fact_is_refused_with_the_known_ones() {
    let (line, field, message) =
        refused("[facts.soc2]\nvalue = true\nsource = \"https://a.test\"\nchecked = 2026-11-30\n");
    assert_eq!((line, field.as_str()), (16, "soc2"));
    assert!(
        message.contains("payment") && message.contains("routes_to"),
        "{message}"
    );
}

#[test]
fn an_unknown_key_in_a_fact_is_refused() {
    let (line, field, _) = refused(
        "[facts.zdr]\nvalue = \"available\"\nsource = \"https://a.test\"\nchecked = 2026-11-30\nurl = \"x\"\n",
    );
    assert_eq!((line, field.as_str()), (20, "url"));
}

#[test]
fn a_bad_value_lists_what_is_allowed() {
    let (line, _, message) = refused(
        "[facts.payment]\nvalue = [\"paypal\"]\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert_eq!(line, 17);
    assert!(
        message.contains("paypal") && message.contains("wechat_pay"),
        "{message}"
    );
    let (_, _, message) = refused(
        "[facts.compliance]\nvalue = [\"soc2\"]\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert!(message.contains("soc2_type2"), "{message}");
}

#[test]
fn a_fact_needs_a_source_and_a_date() {
    let (line, field, message) = refused("[facts.streaming]\nvalue = true\nchecked = 2026-11-30\n");
    assert_eq!((line, field.as_str()), (16, "source"), "{message}");
    let (line, field, message) = refused(
        "[facts.streaming]\nvalue = true\nsource = \"someone said so\"\nchecked = 2026-11-30\n",
    );
    assert_eq!((line, field.as_str()), (18, "facts.streaming.source"));
    assert!(message.contains("vendor's own claim"), "{message}");
    let (line, field, _) = refused(
        "[facts.streaming]\nvalue = true\nsource = \"https://a.test\"\nchecked = 2026-11-30T10:00:00Z\n",
    );
    assert_eq!((line, field.as_str()), (19, "facts.streaming.checked"));
}

#[test]
fn an_sla_is_a_percentage_or_none() {
    for bad in ["0", "100.5", "\"always\""] {
        let (line, field, message) = refused(&format!(
            "[facts.sla]\nvalue = {bad}\nsource = \"https://a.test\"\nchecked = 2026-11-30\n"
        ));
        assert_eq!((line, field.as_str()), (17, "facts.sla.value"), "{bad}");
        assert!(message.contains("\"none\""), "{message}");
    }
}

#[test]
fn lists_are_checked_value_by_value() {
    let (_, field, message) = refused(
        "[facts.regions]\nvalue = [\"eu\", \"mars\"]\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert_eq!(field, "facts.regions.value");
    assert!(
        message.contains("`mars`") && message.contains("eu, uk"),
        "{message}"
    );
    let (_, field, message) = refused(
        "[facts.billing_currency]\nvalue = [\"usd\"]\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert_eq!(field, "facts.billing_currency.value");
    assert!(message.contains("ISO 4217"), "{message}");
    let (_, _, message) = refused(
        "[facts.payment]\nvalue = [\"card\", \"card\"]\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert!(message.contains("twice"), "{message}");
    let (_, _, message) =
        refused("[facts.payment]\nvalue = []\nsource = \"https://a.test\"\nchecked = 2026-11-30\n");
    assert!(message.contains("at least one"), "{message}");
    let (_, field, _) = refused(
        "[facts.retention_days]\nvalue = 99999\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert_eq!(field, "facts.retention_days.value");
}

#[test]
fn only_a_relay_routes_elsewhere() {
    let (line, field, message) = refused(
        "[facts.routes_to]\nvalue = \"itself\"\nsource = \"https://a.test\"\nchecked = 2026-11-30\n",
    );
    assert_eq!((line, field.as_str()), (17, "facts.routes_to"));
    assert!(message.contains("only a relay"), "{message}");
    let relay = format!(
        "{RELAY}[facts.routes_to]\nvalue = \"Acme's API\"\nsource = \"vendor's own claim: docs\"\nchecked = 2026-11-30\n"
    );
    let book = run(&[("acme.toml", OFFICIAL), ("relay.toml", &relay)]).unwrap();
    assert_eq!(
        book.providers[1].facts.routes_to.as_ref().unwrap().value,
        "Acme's API"
    );
}

#[test]
fn the_shipped_facts_are_counted_as_pricing_readme_says() {
    use crate::pricebook::ProviderKind;
    use crate::pricebook::fixtures::shipped_book;
    let book = shipped_book();
    let counts: Vec<(String, usize, usize, usize)> = book
        .providers
        .iter()
        .map(|p| {
            let lines: Vec<_> = p
                .facts
                .lines()
                .into_iter()
                .filter(|l| p.kind == ProviderKind::Relay || l.key != "routes_to")
                .collect();
            let known = lines.iter().filter(|l| l.value.is_some()).count();
            let claimed = lines.iter().filter(|l| l.claimed).count();
            (p.id.clone(), known, lines.len(), claimed)
        })
        .collect();
    let want = [
        ("anthropic", 9, 11, 0),
        ("openai", 9, 11, 0),
        ("google", 6, 11, 0),
        ("deepseek", 5, 11, 0),
        ("holysheep", 6, 12, 6),
        ("openrouter", 6, 12, 0),
    ];
    for (id, known, of, claimed) in want {
        let got = counts.iter().find(|c| c.0 == id).unwrap();
        assert_eq!((got.1, got.2, got.3), (known, of, claimed), "{id}");
    }
    for p in &book.providers {
        for l in p.facts.lines().iter().filter(|l| l.value.is_some()) {
            let source = l.source.as_deref().unwrap_or("");
            assert!(
                source.starts_with("https://") || source.starts_with("vendor's own claim"),
                "{}: {} has no source",
                p.id,
                l.key
            );
        }
    }
}
