//! Starts 10,000 probe runs against local mocks and reports what the
//! service keeps: the number of runs and clients remembered, the serialised
//! size of the kept runs, and the process's resident memory before and after.
//!
//! ```sh
//! cargo run --release --features ssr --example probe_runs_memory -- 10000 1
//! ```
//!
//! Arguments: runs (default 10,000) and pairs per run (default 1; 50, the
//! cap, gives the largest runs). Each run is cold pairs against a mock upstream and a relay adding no
//! delay, started from one of 64 client addresses in turn; runs go two at a
//! time (the in-flight cap). Linux only for the memory figure (VmRSS).

use llm_roi_prices::pricing_dir::load_dir;
use llm_roi_probe::service::{Limits, StartRequest};
use llm_roi_probe::{build_service, targets::ProbeTargets};
use llm_roi_probe_mocks::{relay_app, serve, upstream_app, Delay};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

#[tokio::main]
#[expect(clippy::print_stdout, reason = "the figures are the example's output")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = |i: usize, default: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
    };
    let (runs, pairs) = (arg(1, 10_000), arg(2, 1));
    let upstream = serve(upstream_app(Delay::ms(0)), None).await;
    let relay = serve(relay_app(upstream, Delay::ms(0)), None).await;
    let mut targets = ProbeTargets::default();
    targets.base_urls.insert(
        "anthropic".into(),
        url::Url::parse(&format!("http://{upstream}"))?,
    );
    targets.base_urls.insert(
        "holysheep".into(),
        url::Url::parse(&format!("http://{relay}/v1"))?,
    );
    let book = Arc::new(load_dir(std::path::Path::new(
        "tests/fixtures/pricebook-2026-11-24",
    ))?);
    let limits = Limits {
        starts_per_client_per_minute: usize::MAX / 2,
        ..Limits::default()
    };
    let service = build_service(book, targets, limits)?;
    let before = rss_kib();
    let started = Instant::now();
    let mut kept_bytes = 0;
    for i in 0..runs {
        let client = IpAddr::V4(Ipv4Addr::new(203, 0, 113, (i % 64) as u8));
        let req = StartRequest {
            relay: Some("holysheep".into()),
            target_url: None,
            upstream: None,
            pairs: Some(pairs),
            connection: Default::default(),
            may_spend: true,
        };
        let id = loop {
            match service.start(req.clone(), client).await {
                Ok(s) => break s.id,
                Err(_) => tokio::time::sleep(Duration::from_millis(1)).await,
            }
        };
        while service
            .view(&id)
            .is_some_and(|v| v.status == llm_roi_core::probe::run::RunStatus::Running)
        {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        if i + 1 == runs {
            kept_bytes = service
                .view(&id)
                .map(|v| serde_json::to_vec(&v).map_or(0, |b| b.len()))
                .unwrap_or(0);
        }
    }
    let after = rss_kib();
    println!(
        "runs started: {runs} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!(
        "runs kept: {} (cap {})",
        service.kept_runs(),
        llm_roi_probe::service::MAX_KEPT_RUNS
    );
    println!("clients remembered: {}", service.remembered_clients());
    println!(
        "one kept run, as JSON: {kept_bytes} bytes; all kept: about {} KiB",
        kept_bytes * service.kept_runs() / 1024
    );
    println!(
        "resident memory: {before} KiB before, {after} KiB after ({:+} KiB)",
        after as i64 - before as i64
    );
    Ok(())
}
