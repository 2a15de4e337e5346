//! The probe history's size and query time, on SQLite and (with
//! `LLM_ROI_TEST_DATABASE_URL`) on PostgreSQL: figures, no asserts.
//!
//! ```sh
//! make bench-history      # runs this under scripts/with-postgres.sh
//! ```
//!
//! It stores 7 days of 15-minute runs of 10 relays (6,720 runs of 10 warm
//! pairs each, one in 40 with a failed request, one in 100 skipped) and then
//! 3,280 more of the same kind, older, to reach 10,000; prints the database's
//! size per 10,000 runs; and times the history of the last 7 days (the
//! query and the window statistics of every relay), as the median and the
//! largest of 21 runs.

use llm_roi_core::probe::history::{histories, Origin, Outcome, RunKind, StoredRun, Window};
use llm_roi_core::probe::sample::Connection;
use llm_roi_probe::store::{now_ms, ProbeStore};
use std::collections::BTreeMap;
use std::time::Instant;

const RELAYS: usize = 10;
const EVERY_MS: i64 = 15 * 60_000;
const TOTAL: usize = 10_000;

fn run(i: usize, now: i64) -> StoredRun {
    let relay = i % RELAYS;
    let slot = (i / RELAYS) as i64;
    let finished = now - slot * EVERY_MS - relay as i64 * 1000;
    // A deterministic spread around 40 ms: 36.0–44.9 ms.
    let overhead_us = (0..10)
        .map(|p| 36_000 + ((i * 7919 + p * 104_729) % 9_000) as i64)
        .collect();
    let skipped = i % 100 == 99;
    let failed = u32::from(i.is_multiple_of(40));
    StoredRun {
        id: format!("bench-{i:06}"),
        relay: format!("relay-{relay:02}"),
        upstream: "anthropic".into(),
        origin: Origin::Scheduled,
        kind: RunKind::Latency,
        started_at_ms: finished - 4_000,
        finished_at_ms: finished,
        outcome: if skipped {
            Outcome::Skipped
        } else {
            Outcome::Done
        },
        connection: Connection::Warm,
        authenticated: true,
        measured_from: "bench-host".into(),
        claimed_overhead_ms: Some(50),
        relay_requests: if skipped { 0 } else { 10 },
        relay_good: if skipped { 0 } else { 10 - failed },
        errors: if failed > 0 {
            BTreeMap::from([("5xx".to_string(), failed)])
        } else {
            BTreeMap::new()
        },
        overhead_us: if skipped { Vec::new() } else { overhead_us },
        detail: skipped.then(|| "the hourly budget of 200 authenticated requests is spent".into()),
    }
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
async fn measure(name: &str, store: &ProbeStore) {
    store.prune(i64::MAX).await.ok();
    let now = now_ms();
    let t = Instant::now();
    for i in 0..TOTAL {
        if let Err(e) = store.insert(&run(i, now)).await {
            println!("{name}: insert failed: {e}");
            return;
        }
    }
    let insert_s = t.elapsed().as_secs_f64();
    let mut times = Vec::new();
    let mut reads = Vec::new();
    let mut shown = 0;
    for _ in 0..21 {
        let t = Instant::now();
        let Ok(runs) = store.finished_since(now - Window::Days7.ms()).await else {
            println!("{name}: query failed");
            return;
        };
        reads.push(t.elapsed().as_secs_f64() * 1000.0);
        let h = histories(&runs, None, now, Window::Days7);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        shown = runs.len();
        std::hint::black_box(h);
    }
    times.sort_by(f64::total_cmp);
    reads.sort_by(f64::total_cmp);
    println!(
        "{name}: {TOTAL} runs stored in {insert_s:.1} s ({:.2} ms each); size {}",
        insert_s * 1000.0 / TOTAL as f64,
        match store.size_bytes().await {
            Ok(b) => format!("{b} B = {:.2} MiB per 10,000 runs", b as f64 / 1_048_576.0),
            Err(e) => format!("unknown ({e})"),
        }
    );
    println!(
        "{name}: 7-day history of {RELAYS} relays ({shown} runs, 15-minute schedule): median {:.1} ms, max {:.1} ms over 21 queries (reading the rows: median {:.1} ms; the rest is the statistics)",
        times[10],
        times[20],
        reads[10]
    );
    let mut stamps = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        let _ = std::hint::black_box(store.stamp().await);
        stamps.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    stamps.sort_by(f64::total_cmp);
    println!(
        "{name}: the stamp a cached read checks (count, first and last finish of {TOTAL} runs): median {:.2} ms",
        stamps[10]
    );
    store.prune(i64::MAX).await.ok();
}

#[tokio::main]
#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
async fn main() {
    let dir = std::env::temp_dir().join(format!("llm-roi-bench-{}", std::process::id()));
    match ProbeStore::open_sqlite(&dir).await {
        Ok(store) => measure("SQLite", &store).await,
        Err(e) => println!("SQLite: {e}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    match std::env::var("LLM_ROI_TEST_DATABASE_URL") {
        Ok(url) => match ProbeStore::open_postgres(&url).await {
            Ok(store) => measure("PostgreSQL", &store).await,
            Err(e) => println!("PostgreSQL: {e}"),
        },
        Err(_) => println!(
            "PostgreSQL: skipped (no LLM_ROI_TEST_DATABASE_URL; make bench-history sets one)"
        ),
    }
}
