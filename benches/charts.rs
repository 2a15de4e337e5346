//! Chart render time: `cargo bench --features ssr --bench charts` (or
//! `make bench`). Prints the median, 10th and 90th percentile of 200 renders
//! of each chart for the playbook's scenario over 12 and 36 months, and of
//! the forecast alone. Nothing is asserted: these are figures to report.
#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use llm_roi::server::charts::render;
use llm_roi_core::report::Evaluation;
use llm_roi_core::scenario::codec::split_query;
use llm_roi_core::view::chart_text::ChartKind;
use llm_roi_prices::pricing_dir::load_dir;
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: usize = 200;

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "median {:.3} ms (p10 {:.3}, p90 {:.3}, n = {})",
        ms(at(0.5)),
        ms(at(0.1)),
        ms(at(0.9)),
        times.len()
    )
}

fn time<T>(mut f: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..10 {
        black_box(f());
    }
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect()
}

fn main() {
    let book = match load_dir(std::path::Path::new("pricing")) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("pricing/: {e}");
            std::process::exit(1);
        }
    };
    let today = llm_roi::server::today::today_utc();
    for horizon in [12, 36] {
        let q = format!("in=0&growth=5&fb=2&horizon={horizon}");
        let pairs = split_query(&q);
        let ev = Evaluation::of_link(&book, &pairs, &[], today);
        assert!(ev.errors.is_empty(), "{:?}", ev.errors);
        println!("scenario: {q}");
        let t = time(|| Evaluation::of_link(&book, &pairs, &[], today));
        println!("  evaluation (estimate + forecast): {}", summary(t));
        for kind in ChartKind::ALL {
            let t = time(|| render(kind, &ev));
            let bytes = render(kind, &ev).map_or(0, |svg| svg.len());
            println!("  chart {:8} {} — {bytes} bytes", kind.name(), summary(t));
        }
    }
}
