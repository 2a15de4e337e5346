//! `req`: the requirements in the link.

use super::*;

fn pairs(q: &str) -> Vec<(String, String)> {
    split_query(q)
}

#[test]
fn requirements_are_sorted_once_each_and_written_back() {
    let (s, errors) = decode_query("req=zdr,SOC2,region:eu,zdr,sla:99.9");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(encode(&s), "req=soc2,zdr,region:eu,sla:99.9");
    let (back, errors) = decode_query(&encode(&s));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(back, s);
    let (none, errors) = decode_query("req=");
    assert!(errors.is_empty() && none.requirements.is_empty());
}

#[test]
fn a_plain_form_s_repeated_req_pairs_read_as_one_list() {
    let d = decode_link(&pairs("rpd=5&req=soc2&cur=EUR&req=card"), &[]);
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(
        d.scenario
            .requirements
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>(),
        ["soc2", "card"]
    );
    assert_eq!(d.scenario.requests_per_day, 5);
}

#[test]
fn a_bad_requirement_is_named_and_none_are_kept() {
    let (s, errors) = decode_query("req=soc2,sox,region:mars");
    assert!(s.requirements.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "req");
    assert!(
        errors[0]
            .message
            .starts_with("`sox`, `region:mars` are not requirements; write soc2, iso27001,"),
        "{}",
        errors[0].message
    );
    let many = vec!["soc2"; 25].join(",");
    let (_, errors) = decode_query(&format!("req={many}"));
    assert!(
        errors[0]
            .message
            .contains("25 requirements given; list at most 24")
    );
}

#[test]
fn requirements_go_with_a_workload_mix() {
    let (s, errors) =
        decode_query("mix=1:30:anthropic/claude-haiku-4-5:0.100.5000.0.0.0.1000.50&req=zdr");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(s.requirements.len(), 1);
    assert!(s.mix.is_some());
}
