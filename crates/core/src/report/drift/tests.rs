use super::*;
use crate::pricebook::PriceBasis;
use crate::pricebook::fixtures::playbook_book;
use crate::scenario::codec::decode_query;
use rust_decimal::Decimal;

/// The day the links are read on.
fn day() -> CalendarDate {
    CalendarDate::new(2026, 11, 24).unwrap()
}

fn meta(pb: Option<&str>) -> LinkMeta {
    LinkMeta {
        version: 1,
        pricebook: pb.map(String::from),
    }
}

/// The shipped book with HolySheep's flat rate raised to ¥1.5.
fn dearer_relay() -> Pricebook {
    let mut book = playbook_book();
    for p in &mut book.providers {
        if p.id == "holysheep" {
            p.basis = PriceBasis::Flat {
                input_per_mtok: Decimal::new(15, 1),
                output_per_mtok: Decimal::new(15, 1),
            };
        }
    }
    book
}

#[test]
fn a_changed_price_the_report_uses_is_listed_with_both_values() {
    let (s, _) = decode_query("in=0&cmp=holysheep/claude-haiku-4-5");
    let old = playbook_book();
    let new = dearer_relay();
    let d = drift(
        &meta(Some("aaaaaaaaaaaaaaaa")),
        "bbbbbbbbbbbbbbbb",
        Some(&old),
        &new,
        &s,
        day(),
    );
    let Drift::Changed {
        changes,
        made_with,
        current,
    } = d
    else {
        panic!("{d:?}");
    };
    assert_eq!(made_with, "aaaaaaaaaaaaaaaa");
    assert_eq!(current, "bbbbbbbbbbbbbbbb");
    assert_eq!(
        changes,
        [PriceChange {
            subject: "holysheep/claude-haiku-4-5".into(),
            label: "HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep".into(),
            item: "flat rate for output, per 1M tokens".into(),
            before: Some("¥1".into()),
            after: Some("¥1.5".into()),
        }]
    );
}

#[test]
fn a_change_to_a_price_the_report_does_not_use_is_not_listed() {
    // Input tokens are 0: the flat input rate is not used.
    let (s, _) = decode_query("in=0&cmp=anthropic/claude-haiku-4-5");
    let d = drift(
        &meta(Some("aaaaaaaaaaaaaaaa")),
        "bbbbbbbbbbbbbbbb",
        Some(&playbook_book()),
        &dearer_relay(),
        &s,
        day(),
    );
    assert!(
        matches!(d, Drift::Changed { ref changes, .. } if changes.is_empty()),
        "{d:?}"
    );
}

#[test]
fn a_removed_option_and_a_new_rate_are_listed() {
    let (s, _) = decode_query("in=0&cmp=holysheep/claude-haiku-4-5");
    let old = playbook_book();
    let mut new = playbook_book();
    new.providers.retain(|p| p.id != "holysheep");
    let c = changes(&old, &new, &s, day());
    assert!(
        c.iter()
            .any(|c| c.subject == "holysheep/claude-haiku-4-5" && c.after.is_none()),
        "{c:?}"
    );
    assert!(
        c.iter()
            .any(|c| c.subject == crate::report::prices_used::FX_SUBJECT && c.after.is_none()),
        "{c:?}"
    );
    let back = changes(&new, &old, &s, day());
    assert!(
        back.iter()
            .any(|c| c.before.is_none() && c.after.as_deref() == Some("¥1")),
        "{back:?}"
    );
}

#[test]
fn same_missing_and_unknown_pricebooks() {
    let (s, _) = decode_query("");
    let book = playbook_book();
    assert_eq!(
        drift(&meta(None), "bbbbbbbbbbbbbbbb", None, &book, &s, day()),
        Drift::Unstamped {
            current: "bbbbbbbbbbbbbbbb".into()
        }
    );
    assert_eq!(
        drift(
            &meta(Some("bbbbbbbbbbbbbbbb")),
            "bbbbbbbbbbbbbbbb",
            None,
            &book,
            &s,
            day(),
        ),
        Drift::Current {
            current: "bbbbbbbbbbbbbbbb".into()
        }
    );
    assert_eq!(
        drift(
            &meta(Some("aaaaaaaaaaaaaaaa")),
            "bbbbbbbbbbbbbbbb",
            None,
            &book,
            &s,
            day(),
        ),
        Drift::Unknown {
            made_with: "aaaaaaaaaaaaaaaa".into(),
            current: "bbbbbbbbbbbbbbbb".into()
        }
    );
}

#[test]
fn a_changed_fact_is_listed_like_a_price() {
    use crate::pricebook::facts::Facts;
    use crate::pricebook::fixtures::shipped_book;
    let (s, _) = decode_query("req=card");
    let new = shipped_book();
    let mut old = new.clone();
    for p in &mut old.providers {
        p.facts = Facts::default();
    }
    let list = changes(&old, &new, &s, day());
    let pay = list
        .iter()
        .find(|c| c.subject == "holysheep/facts" && c.item == "fact: Payment")
        .expect("HolySheep's payment fact is new");
    assert_eq!(pay.before.as_deref(), Some("unknown"));
    assert_eq!(
        pay.after.as_deref(),
        Some("WeChat Pay, Alipay (vendor's claim)")
    );
    assert!(
        !list
            .iter()
            .any(|c| c.subject == "anthropic/facts" && c.item == "fact: SLA"),
        "a fact unknown in both books has not changed"
    );
    assert!(changes(&new, &new, &s, day()).is_empty());
}
