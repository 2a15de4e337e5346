use super::*;
use crate::pricebook::facts::{Fact, Facts, PaymentMethod, Sla};

fn fact<T>(value: T, source: &str) -> Option<Fact<T>> {
    Some(Fact {
        value,
        source: source.into(),
        checked: CalendarDate::new(2026, 11, 30).unwrap(),
        note: None,
    })
}

fn facts() -> Facts {
    Facts {
        payment: fact(
            vec![PaymentMethod::WechatPay, PaymentMethod::Alipay],
            "vendor's own claim: playbook",
        ),
        compliance: fact(vec![], "vendor's own claim: playbook"),
        sla: fact(Sla::Uptime(Decimal::new(999, 1)), "https://example.com/sla"),
        regions: fact(vec!["us".into()], "https://example.com/regions"),
        ..Facts::default()
    }
}

#[test]
fn every_code_parses_back_to_itself() {
    for code in OFFERED.iter().map(|c| c.to_string()).chain([
        "sla:99.9".into(),
        "currency:EUR".into(),
        "region:jp".into(),
    ]) {
        let r = Requirement::parse(&code).unwrap();
        assert_eq!(r.code(), code);
        assert_eq!(Requirement::parse(&r.code()).unwrap(), r);
    }
    assert_eq!(
        Requirement::parse(" SOC2 ").unwrap(),
        Requirement::Attestation(Attestation::Soc2Type2)
    );
    assert_eq!(
        Requirement::parse("currency:usd").unwrap().code(),
        "currency:USD"
    );
}

#[test]
fn a_bad_requirement_says_what_is_allowed() {
    for bad in [
        "sox",
        "region:mars",
        "sla:0",
        "sla:101",
        "currency:dollars",
        "",
    ] {
        let e = Requirement::parse(bad).unwrap_err();
        assert!(e.contains("is not a requirement"), "{bad}: {e}");
        assert!(e.contains("soc2") && e.contains("region:<us|eu"), "{e}");
    }
}

#[test]
fn known_facts_meet_or_fail_and_missing_ones_stay_unknown() {
    let f = facts();
    let verdict = |code: &str| Requirement::parse(code).unwrap().check(&f).verdict;
    assert_eq!(verdict("wechat"), Verdict::Met);
    assert_eq!(verdict("card"), Verdict::Fails);
    assert_eq!(
        verdict("soc2"),
        Verdict::Fails,
        "an empty list is none held"
    );
    assert_eq!(verdict("sla"), Verdict::Met);
    assert_eq!(verdict("sla:99.9"), Verdict::Met);
    assert_eq!(verdict("sla:99.95"), Verdict::Fails);
    assert_eq!(verdict("region:us"), Verdict::Met);
    assert_eq!(verdict("region:eu"), Verdict::Fails);
    for unknown in ["zdr", "notrain", "stream", "tools", "batch", "currency:USD"] {
        assert_eq!(verdict(unknown), Verdict::Unknown, "{unknown}");
    }
    let c = Requirement::parse("card").unwrap().check(&f);
    assert!(c.claimed);
    assert_eq!(c.fact.as_deref(), Some("WeChat Pay, Alipay"));
    assert_eq!(c.source.as_deref(), Some("vendor's own claim: playbook"));
    let u = Requirement::Zdr.check(&f);
    assert_eq!((u.fact, u.source, u.claimed), (None, None, false));
}

#[test]
fn several_providers_meet_a_requirement_only_together() {
    let known = facts();
    let empty = Facts::default();
    let r = Requirement::parse("region:us").unwrap();
    assert_eq!(check_all(&r, &[&known]).verdict, Verdict::Met);
    assert_eq!(check_all(&r, &[&known, &empty]).verdict, Verdict::Unknown);
    let eu = Requirement::parse("region:eu").unwrap();
    assert_eq!(check_all(&eu, &[&empty, &known]).verdict, Verdict::Fails);
    assert_eq!(check_all(&eu, &[]).verdict, Verdict::Unknown);
}
