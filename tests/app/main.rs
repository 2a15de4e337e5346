//! The app in-process, through the real router (pages, the JSON API,
//! charts, exports, reports, stale prices and today's shipped prices, one
//! evaluation across routes, golden answers), and the binary's commands
//! (`cli`), the relay probe against local mocks and its parts (`probe`),
//! the usage-log readers (`usage_logs`) and the price importers (`prices`).
//! One test binary, so the server is linked once.
#![cfg(feature = "ssr")]
#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed unwrap is the test failing"
)]

mod support;

#[path = "../golden/check.rs"]
mod golden_check;

mod amplification;
mod api;
mod body_limits;
mod charts;
mod cli;
mod cli_estimate;
mod compression;
mod current_prices;
mod etag;
mod exports;
mod facts;
mod golden;
mod no_panic;
mod one_evaluation;
mod overflow;
mod page_weight;
mod pages;
mod prices;
mod probe;
mod reconcile;
mod reconcile_costs;
mod render_cache;
mod report;
mod slow_clients;
mod stale;
mod usage_bounds;
mod usage_logs;
mod usage_relays;
mod usage_responses;
mod workloads;
