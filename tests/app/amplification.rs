//! Hostile queries get bounded answers: a query past 8 KB is refused with
//! 414 in the route's format, and the worst queries within 8 KB (many
//! unknown keys, one key repeated, long `cmp` lists, long values) answer in
//! well under 1 MB with each problem said once.

use crate::support::get;
use axum::http::StatusCode;
use llm_roi::server::route_rules::scenario_paths;
use llm_roi_core::scenario::codec::MAX_QUERY_BYTES;

/// `item` repeated, joined by `sep`, up to `bytes` long.
fn repeated(item: &str, sep: &str, bytes: usize) -> String {
    let n = (bytes + sep.len()) / (item.len() + sep.len());
    vec![item; n.max(1)].join(sep)
}

/// The amplification queries of the issue, cut to `bytes`.
fn hostile(bytes: usize) -> Vec<(&'static str, String)> {
    let unknown: String = (0..)
        .map(|i| format!("k{i}=1"))
        .scan(0, |len, p| {
            *len += p.len() + 1;
            (*len <= bytes).then_some(p)
        })
        .collect::<Vec<_>>()
        .join("&");
    let cmp_unknown: String = (0..24)
        .map(|i| format!("zz/{}{i}", "m".repeat(bytes / 24 - 8)))
        .collect::<Vec<_>>()
        .join(",");
    vec![
        (
            "cmp x/y repeated",
            format!("cmp={}", repeated("x/y", ",", bytes - 4)),
        ),
        ("cmp=x/y pairs repeated", repeated("cmp=x/y", "&", bytes)),
        ("unknown keys", unknown),
        ("rpd repeated", repeated("rpd=1", "&", bytes)),
        ("24 unknown options", format!("cmp={cmp_unknown}")),
        (
            "one long bad value",
            format!("out={}", "9".repeat(bytes - 4)),
        ),
        (
            "one long unknown key",
            format!("{}=1", "q".repeat(bytes - 2)),
        ),
    ]
}

#[tokio::test]
async fn a_query_past_8_kb_is_414_in_the_routes_format() {
    for path in scenario_paths() {
        for (what, q) in hostile(60 * 1024) {
            let uri = format!("{path}?{q}");
            let (status, content_type, body) = get(&uri).await;
            assert_eq!(status, StatusCode::URI_TOO_LONG, "{path} {what}");
            assert!(body.len() < 1024, "{path} {what}: {} bytes", body.len());
            assert!(body.contains("at most 8192"), "{path} {what}: {body}");
            let expected = match path.as_str() {
                "/api/v1/estimate" => "application/json",
                "/report.csv" => "text/csv; charset=utf-8",
                p if p.starts_with("/chart/") => "image/svg+xml",
                _ => "text/html; charset=utf-8",
            };
            assert_eq!(content_type, expected, "{path}");
        }
    }
}

#[tokio::test]
async fn the_worst_queries_within_8_kb_answer_small_with_each_problem_once() {
    let mut largest = (0, String::new());
    for path in scenario_paths() {
        for (what, q) in hostile(MAX_QUERY_BYTES) {
            assert!(q.len() <= MAX_QUERY_BYTES, "{what}: {}", q.len());
            let uri = format!("{path}?{q}");
            let (status, _, body) = get(&uri).await;
            assert!(
                status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
                "{path} {what}: {status}"
            );
            assert!(
                body.len() < 1_000_000,
                "{path} {what}: {} bytes",
                body.len()
            );
            if body.len() > largest.0 {
                largest = (body.len(), format!("{path} {what}"));
            }
        }
    }
    eprintln!("largest answer: {} bytes, {}", largest.0, largest.1);
}

#[tokio::test]
async fn the_json_lists_each_problem_once() {
    for (what, q) in hostile(MAX_QUERY_BYTES) {
        let (status, v) = crate::support::get_json(&format!("/api/v1/estimate?{q}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{what}");
        let errors = v["errors"].as_array().unwrap();
        assert!(
            errors.len() <= 3,
            "{what}: {} errors: {v:.500}",
            errors.len()
        );
        let text = serde_json::to_string(errors).unwrap();
        let lists = text.matches("allowed: ").count() + text.matches("choose one of: ").count();
        assert!(
            lists <= 1,
            "{what}: the allowed values are listed {lists} times"
        );
    }
}
