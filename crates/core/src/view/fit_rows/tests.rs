use super::*;
use crate::cost::scenario_cost::estimate;
use crate::pricebook::fixtures::shipped_book;
use crate::scenario::codec::decode_query;

fn view_of(q: &str, option: &str, today: Option<CalendarDate>) -> FitView {
    let book = shipped_book();
    let (s, errors) = decode_query(q);
    assert!(errors.is_empty(), "{errors:?}");
    let e = estimate(&book, &s);
    let o = e
        .options
        .iter()
        .find(|o| o.option.to_string() == option)
        .unwrap_or_else(|| panic!("{option} is not compared"));
    fit_view(&o.fit, today)
}

#[test]
fn without_requirements_the_cell_counts_the_facts() {
    let official = view_of("", "anthropic/claude-haiku-5-5", None);
    assert_eq!(official.state, "facts");
    assert_eq!(official.summary, "9 of 11 facts known");
    assert_eq!(official.detail, "9 of 11 facts known");
    assert!(official.facts.iter().all(|f| f.key != "routes_to"));
    let relay = view_of("", "holysheep/claude-haiku-5-5", None);
    assert_eq!(relay.summary, "6 of 12 facts known");
    assert_eq!(relay.facts.iter().filter(|f| f.claimed).count(), 6);
    let zdr = relay.facts.iter().find(|f| f.key == "zdr").unwrap();
    assert_eq!((zdr.value.as_str(), zdr.known), ("unknown", false));
}

#[test]
fn a_failed_and_an_unknown_requirement_are_both_named() {
    let relay = view_of("req=soc2,zdr", "holysheep/claude-haiku-5-5", None);
    assert_eq!(relay.state, "fails");
    assert_eq!(relay.summary, "fails SOC 2; 1 unknown");
    assert_eq!(
        relay.detail,
        "fails: SOC 2 Type II; unknown: zero data retention"
    );
    assert_eq!(relay.checks[0].verdict, "fails");
    assert_eq!(relay.checks[0].fact, "none (vendor's claim)");
    assert!(
        relay.checks[0]
            .source
            .as_deref()
            .unwrap()
            .ends_with("(checked 2026-12-02)")
    );
    assert_eq!(relay.checks[1].fact, "unknown");
    assert_eq!(relay.checks[1].source, None);
    let official = view_of("req=soc2,zdr", "anthropic/claude-haiku-5-5", None);
    assert_eq!(
        (official.state, official.detail.as_str()),
        ("meets", "meets all 2 requirements")
    );
    assert_eq!(official.summary, "meets SOC 2, ZDR");
    let three = view_of("req=soc2,zdr,stream", "anthropic/claude-haiku-5-5", None);
    assert_eq!(three.summary, "meets all 3");
    let unknown_only = view_of("req=zdr", "holysheep/claude-haiku-5-5", None);
    assert_eq!(
        (unknown_only.state, unknown_only.summary.as_str()),
        ("unknown", "unknown: ZDR")
    );
}

#[test]
fn a_fact_checked_over_180_days_ago_is_flagged_stale() {
    let d = |y, m, day| CalendarDate::new(y, m, day);
    let fresh = view_of("req=soc2", "anthropic/claude-haiku-5-5", d(2027, 5, 31));
    assert!(!fresh.checks[0].stale);
    let old = view_of("req=soc2", "anthropic/claude-haiku-5-5", d(2027, 6, 1));
    assert!(old.checks[0].stale);
    assert!(
        old.checks[0]
            .source
            .as_deref()
            .unwrap()
            .contains("(checked 2026-12-02: stale, over 180 days)")
    );
    assert!(old.facts.iter().filter(|f| f.known).all(|f| f.stale));
}

#[test]
fn the_unmet_requirements_read_as_one_phrase() {
    let book = shipped_book();
    let (s, _) = decode_query("req=soc2,zdr,wechat");
    let e = estimate(&book, &s);
    let relay = e
        .options
        .iter()
        .find(|o| o.option.provider == "holysheep")
        .unwrap();
    assert_eq!(
        not_met_text(&relay.fit).as_deref(),
        Some("SOC 2 Type II (fails), zero data retention (unknown)")
    );
}
