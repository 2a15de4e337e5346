//! One uncached render of a page, timed in-process: the real router over the
//! frozen test pricebook, on one thread, so wall time is CPU time. Each
//! request asks for a scenario not asked before (its `rpd` differs), so the
//! render cache never answers it.
//!
//! ```sh
//! cargo run --release --features ssr --example render_time [-- RENDERS]
//! ```
//!
//! Prints p50 and p90 in milliseconds per route (`make bench-http` runs it).

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use llm_roi::server::{router, startup, state};
use llm_roi_prices::pricing_dir::load_dir;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The bench's scenario, as in `scripts/bench-http.sh`; `{rpd}` changes.
const SCENARIO: &str = "v=1&rpd={rpd}&in=800&out=200&base=anthropic/claude-haiku-4-5&cur=USD";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let renders: usize = match std::env::args().nth(1) {
        Some(n) => n.parse().map_err(|e| format!("RENDERS `{n}`: {e}"))?,
        None => 200,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // The shipped tables by default (what users get); BENCH_PRICING for another.
    let dir = std::env::var("BENCH_PRICING").unwrap_or_else(|_| "pricing".into());
    let book = load_dir(std::path::Path::new(&dir))?;
    let app = router::build(state::AppState::from(state::AppParts {
        leptos_options: startup::leptos_options("target/site", ([127, 0, 0, 1], 3000).into()),
        book: state::LoadedBook::new(book),
        site: Default::default(),
        probe: None,
        uploads: Default::default(),
        request_timeout: std::time::Duration::from_secs(30),
        operator: llm_roi::server::operator::Operator::new(None, ([127, 0, 0, 1], 3000).into()),
    }));
    let mut next_rpd = 1_000_000u64;
    for route in ["/report", "/", "/embed", "/report.csv", "/api/v1/estimate"] {
        let mut times = Vec::with_capacity(renders);
        let mut bytes = 0;
        // Ten warm-up renders, then the measured ones.
        for i in 0..renders + 10 {
            next_rpd += 1;
            let uri = format!(
                "{route}?{}",
                SCENARIO.replace("{rpd}", &next_rpd.to_string())
            );
            let req = Request::get(&uri).body(Body::empty())?;
            let started = Instant::now();
            let (status, len) = rt.block_on(async {
                let res = app
                    .clone()
                    .oneshot(req)
                    .await
                    .unwrap_or_else(|e| match e {});
                let status = res.status();
                let len = res.into_body().collect().await.map(|b| b.to_bytes().len());
                (status, len.unwrap_or(0))
            });
            let took = started.elapsed();
            if !status.is_success() {
                return Err(format!("{uri}: {status}").into());
            }
            if i >= 10 {
                times.push(took);
                bytes = len;
            }
        }
        times.sort();
        let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        #[expect(clippy::print_stdout, reason = "the example's output is its figures")]
        {
            println!(
                "uncached {route:<18} p50 {:.3} ms  p90 {:.3} ms  ({renders} renders, {bytes} B)",
                ms(at(0.5)),
                ms(at(0.9))
            );
        }
    }
    Ok(())
}
