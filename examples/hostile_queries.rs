//! Searches for the largest answer and the slowest request that any query of
//! at most 8 KB can produce, over every route that computes from a query.
//!
//! ```sh
//! cargo run --release --features ssr --example hostile_queries
//! ```
//!
//! It drives the real router in-process over the frozen test pricebook, on
//! one thread, so a request's wall time is its CPU time. Each query is sent
//! `REPEATS` times and the median time is kept. Figures go to stdout.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use llm_roi::server::route_rules::scenario_paths;
use llm_roi::server::{router, startup, state};
use llm_roi_core::scenario::codec::MAX_QUERY_BYTES;
use llm_roi_prices::pricing_dir::load_dir;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const REPEATS: usize = 5;

/// Pairs `key=value` joined until the next would pass 8 KB.
fn fill(mut next: impl FnMut(usize) -> String) -> String {
    let mut q = String::new();
    for i in 0.. {
        let p = next(i);
        if q.len() + p.len() + 1 > MAX_QUERY_BYTES {
            break;
        }
        if !q.is_empty() {
            q.push('&');
        }
        q.push_str(&p);
    }
    q
}

fn queries(book: &llm_roi_core::pricebook::Pricebook) -> Vec<(String, String)> {
    let every_option: Vec<String> = book
        .providers
        .iter()
        .flat_map(|p| p.models.iter().map(move |m| format!("{}/{}", p.id, m.id)))
        .take(24)
        .collect();
    let heavy = format!(
        "rpd=1000000000000&in=10000000&out=10000000&cr=50&cw=50&growth=50&horizon=36&phases={}&cmp={}",
        ["100:1080"; 12].join(","),
        every_option.join(",")
    );
    vec![
        ("heaviest valid scenario".into(), heavy),
        (
            "cmp x/y to 8 KB".into(),
            format!("cmp={}", vec!["x/y"; MAX_QUERY_BYTES / 4 - 2].join(",")),
        ),
        ("cmp pairs repeated".into(), fill(|_| "cmp=x/y".into())),
        ("unknown keys".into(), fill(|i| format!("k{i}=1"))),
        ("rpd repeated".into(), fill(|_| "rpd=1".into())),
        (
            "long bad values".into(),
            fill(|i| {
                format!(
                    "{}={}",
                    ["out", "in", "rpd", "base", "phases"][i % 5],
                    "9".repeat(1500)
                )
            }),
        ),
        (
            "24 unknown long options".into(),
            format!(
                "cmp={}",
                (0..24)
                    .map(|i| format!("zz/{}{i}", "m".repeat(320)))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ),
        (
            "one long unknown key".into(),
            format!("{}=1", "q".repeat(MAX_QUERY_BYTES - 2)),
        ),
    ]
}

#[expect(clippy::print_stdout, reason = "the figures are the example's output")]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let pricing = std::path::Path::new("tests/fixtures/pricebook-2026-11-24");
    let book = load_dir(pricing)?;
    let queries = queries(&book);
    let app = router::build(state::AppState::from(state::AppParts {
        leptos_options: startup::leptos_options("target/site", ([127, 0, 0, 1], 3000).into()),
        book: state::LoadedBook::new(book),
        site: Default::default(),
        probe: None,
        uploads: Default::default(),
        request_timeout: std::time::Duration::from_secs(30),
        operator: llm_roi::server::operator::Operator::new(None, ([127, 0, 0, 1], 3000).into()),
    }));
    let mut largest = (0, String::new());
    let mut slowest = (Duration::ZERO, String::new());
    println!(
        "{:<26} {:<20} {:>6} {:>10} {:>9}",
        "query", "route", "status", "bytes", "median ms"
    );
    for (what, q) in &queries {
        assert!(q.len() <= MAX_QUERY_BYTES, "{what}: {} bytes", q.len());
        for route in scenario_paths() {
            let uri = format!("{route}?{q}");
            let mut times = Vec::new();
            let mut answer = (0, 0);
            for _ in 0..REPEATS {
                let req = Request::get(&uri).body(Body::empty())?;
                let started = Instant::now();
                let (status, bytes) = rt.block_on(async {
                    let res = app
                        .clone()
                        .oneshot(req)
                        .await
                        .unwrap_or_else(|e| match e {});
                    let status = res.status().as_u16();
                    let body = res.into_body().collect().await.map(|b| b.to_bytes().len());
                    (status, body.unwrap_or(0))
                });
                times.push(started.elapsed());
                answer = (status, bytes);
            }
            times.sort();
            let median = times[REPEATS / 2];
            println!(
                "{what:<26} {route:<20} {:>6} {:>10} {:>9.2}",
                answer.0,
                answer.1,
                median.as_secs_f64() * 1e3
            );
            if answer.1 > largest.0 {
                largest = (answer.1, format!("{route} with {what}"));
            }
            if median > slowest.0 {
                slowest = (median, format!("{route} with {what}"));
            }
        }
    }
    println!("largest answer: {} bytes ({})", largest.0, largest.1);
    println!(
        "slowest request: {:.2} ms median of {REPEATS} ({})",
        slowest.0.as_secs_f64() * 1e3,
        slowest.1
    );
    Ok(())
}
